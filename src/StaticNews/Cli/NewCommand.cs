using System.CommandLine;
using StaticNews.Configuration;
using StaticNews.Content;
using StaticNews.Engine;

namespace StaticNews.Cli;

/// <summary>`staticnews new "Title"`: scaffolds input/articles/&lt;slug&gt;/&lt;lang&gt;.md, never overwriting a file.</summary>
public static class NewCommand
{
    public static Command Create()
    {
        var title = new Argument<string>("title") { Description = "The story's title (the folder name is derived from it)" };
        var lang = new Option<string?>("--lang", "-l") { Description = "The language of the file (default: the site's defaultLanguage, the original)" };
        var category = new Option<string?>("--category", "-c") { Description = "The category key, e.g. ekonomi" };
        var slug = new Option<string?>("--slug") { Description = "The story folder (default: derived from the title); an existing folder gets a translation" };
        var command = new Command("new", "Create a story file with front matter to fill in") { title, BuildCommand.Input, lang, category, slug };
        command.SetAction(parse =>
        {
            var input = parse.GetValue(BuildCommand.Input)!;
            var diagnostics = new DiagnosticBag();
            var site = SiteConfigLoader.Load(input, null, diagnostics);
            foreach (var d in diagnostics.Sorted()) Console.Error.WriteLine(d);
            if (site is null) return 1;

            var language = parse.GetValue(lang) ?? site.DefaultLanguage;
            if (site.Language(language) is null)
                return Fail($"language '{language}' is not configured in site.yml (configured: {string.Join(", ", site.Languages.Select(l => l.Code))})");
            var key = parse.GetValue(category);
            if (key is not null && !ArticleParser.IsKey(key))
                return Fail($"category '{key}' is not a key: use lowercase letters, digits and hyphens");
            var text = parse.GetValue(title)!.Trim();
            if (text.Length == 0) return Fail("the title is empty");
            var folder = parse.GetValue(slug) ?? StoryScaffold.Slug(text);
            if (folder.Length == 0) return Fail("no folder name can be derived from this title; give one with --slug");
            if (!ArticleParser.IsSlug(folder)) return Fail($"'{folder}' cannot be a story folder: use letters, digits, '-', '_' and '.'");

            var directory = Path.Combine(input, "articles", folder);
            var file = Path.Combine(directory, language + ".md");
            if (File.Exists(file)) return Fail($"{Path.GetRelativePath(input, file)} already exists; nothing was written");
            if (language != site.DefaultLanguage && !File.Exists(Path.Combine(directory, site.DefaultLanguage + ".md")))
                return Fail($"articles/{folder}/ has no original ({site.DefaultLanguage}.md) to translate; create it first, or pass the story folder with --slug");
            Directory.CreateDirectory(directory);
            using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)))
                writer.Write(StoryScaffold.Text(site, language, text, key, BuildClock.FromEnvironment().Now));
            Console.WriteLine($"Created {Path.Combine(input, "articles", folder, language + ".md")}");
            return 0;
        });
        return command;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 1;
    }
}
