namespace StaticNews.Tests.Support;

/// <summary>Generated sites of many stories in two languages, one per edition: every page and feed differs between editions.</summary>
public static class Editions
{
    public static Dictionary<string, string> Site(string edition, int stories) =>
        Enumerable.Range(0, stories).SelectMany(i => new[]
        {
            ($"articles/story-{i:000}/id.md", $"---\ntitle: {edition} berita {i}\ndate: 2026-10-{1 + i % 28:00}T{i % 24:00}:00:00+07:00\ncategory: c{i % 7}\ntags: [t{i % 13}]\n---\n{edition} isi berita {i}. " + string.Concat(Enumerable.Repeat("Kalimat panjang. ", 40)) + "\n"),
            ($"articles/story-{i:000}/en.md", $"---\ntitle: {edition} story {i}\n---\n{edition} body {i}.\n"),
        }).ToDictionary(e => e.Item1, e => e.Item2);
}
