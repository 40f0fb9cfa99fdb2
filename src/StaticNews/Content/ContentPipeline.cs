using StaticNews.Engine;

namespace StaticNews.Content;

/// <summary>Everything read from the input folder: parsed articles and each story's asset files.</summary>
public sealed record ContentResult(
    IReadOnlyList<Article> Articles,
    IReadOnlyDictionary<string, IReadOnlyList<string>> StoryAssets);

/// <summary>Reads input/articles/&lt;story&gt;/&lt;lang&gt;.md in parallel, checks and parses each file.</summary>
public sealed class ContentPipeline : Pipeline<ContentResult>
{
    protected override ContentResult Execute(PipelineContext context)
    {
        var input = context.Options.InputDirectory;
        var articlesDir = Path.Combine(input, "articles");
        var files = new List<(string Story, string Language, string Path, string Relative)>();
        var assets = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (Directory.Exists(articlesDir))
        {
            foreach (var storyDir in Directory.EnumerateDirectories(articlesDir).Order(StringComparer.Ordinal))
            {
                var story = Path.GetFileName(storyDir);
                var storyAssets = new List<string>();
                foreach (var path in Directory.EnumerateFiles(storyDir).Order(StringComparer.Ordinal))
                {
                    var name = Path.GetFileName(path);
                    var relative = $"articles/{story}/{name}";
                    if (name.StartsWith('.')) continue;
                    if (!name.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
                    {
                        storyAssets.Add(path);
                        continue;
                    }
                    var language = Path.GetFileNameWithoutExtension(name);
                    if (context.Site.Language(language) is null)
                    {
                        context.Diagnostics.Error(
                            $"language '{language}' is not configured in site.yml (configured: {string.Join(", ", context.Site.Languages.Select(l => l.Code))})",
                            relative);
                        continue;
                    }
                    files.Add((story, language, path, relative));
                }
                assets[story] = storyAssets;
            }
        }

        var parser = new ArticleParser(context.Site, new MarkdownRenderer());
        var articles = new Article?[files.Count];
        var cache = context.Session.Articles;
        context.ForEach(Enumerable.Range(0, files.Count), i =>
        {
            var f = files[i];
            var bytes = File.ReadAllBytes(f.Path);
            var hash = Publish.Fingerprint.OfBytes(bytes);
            var cached = cache?.Reuse(f.Relative, hash, context.Diagnostics,
                () => parser.RenderBody(TextTools.StripInvalid(DecodeText(File.ReadAllBytes(f.Path))), f.Relative));
            if (cached is not null)
            {
                articles[i] = cached;
                return;
            }
            var diagnostics = new DiagnosticBag(context.Diagnostics);
            var article = parser.Parse(TextTools.StripInvalid(DecodeText(bytes)), f.Story, f.Language, f.Relative, diagnostics);
            if (article is null) return;
            articles[i] = article = article with { ContentHash = hash };
            if (!diagnostics.HasErrors) cache?.Remember(article, diagnostics.Sorted());
        });
        return new ContentResult(articles.OfType<Article>().ToList(), assets);
    }

    /// <summary>Decodes a file the way File.ReadAllText does (UTF-8 unless a byte order mark says otherwise).</summary>
    private static string DecodeText(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>What the progress display shows for this stage.</summary>
    public override string? Summary => HasResult ? $"{Result.Articles.Count} files" : null;
}
