namespace StaticNews.Tests.Support;

/// <summary>Article files for generated test sites.</summary>
public static class Articles
{
    public static string Md(string frontMatter, string body = "Isi berita.") => $"---\n{frontMatter.Trim()}\n---\n\n{body}\n";

    public static string Original(string title, string date = "2026-11-01T09:00:00+07:00", string extra = "") =>
        Md($"title: \"{title}\"\ndate: {date}\n{extra}");
}
