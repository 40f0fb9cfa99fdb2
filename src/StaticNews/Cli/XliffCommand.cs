using System.CommandLine;
using StaticNews.Engine;
using StaticNews.Translation;

namespace StaticNews.Cli;

/// <summary>
/// `staticnews xliff export|import`: versions for human translators as XLIFF 1.2, one file per version, and their
/// work back as <c>translation: human</c>. Exit 0, 1 on errors in the input or in an XLIFF file, 2 on bad usage.
/// </summary>
public static class XliffCommand
{
    public static Command Create()
    {
        var command = new Command("xliff", "Export versions to translate as XLIFF 1.2 for translators, and import their translations");
        command.Subcommands.Add(Export());
        command.Subcommands.Add(Import());
        return command;
    }

    private static Command Export()
    {
        var all = new Option<bool>("--all") { Description = "Every translation, not only the missing and stale ones" };
        var output = new Option<string>("--output", "-o") { Description = "The folder the XLIFF files are written to", DefaultValueFactory = _ => "xliff" };
        var command = new Command("export", "Write <story>.<lang>.xlf for each version that is missing or stale (or, with --all, every one)")
            { BuildCommand.Input, TranslateCommand.Story, TranslateCommand.Language, all, output, TranslateCommand.StoryDrafts };
        command.SetAction(async parse =>
        {
            var input = parse.GetValue(BuildCommand.Input)!;
            if (await TranslateCommand.Read(input) is not { } site) return 1;
            var story = parse.GetValue(TranslateCommand.Story);
            var language = parse.GetValue(TranslateCommand.Language);
            if (!TranslateCommand.CheckFilters(site, story, language)) return 2;
            var diagnostics = new DiagnosticBag();
            var glossary = Glossary.Load(input, site.Site, diagnostics);
            BuildCommand.Print(diagnostics.Sorted());
            if (diagnostics.HasErrors) return 1;

            var selected = TranslationStatus.Of(site.Index, site.Site).SelectMany(row => row)
                .Where(v => v.State != VersionState.Original)
                .Where(v => (story is null || v.Story.Key == story) && (language is null || v.Language.Code == language))
                .Where(v => parse.GetValue(TranslateCommand.StoryDrafts) || !v.Story.Original.Article.Draft)
                .Where(v => parse.GetValue(all) || v.State == VersionState.Missing || v.IsStale)
                .ToList();
            if (selected.Count == 0)
            {
                Console.WriteLine("Nothing to export: every selected version exists and was made from the original as it is (--all exports them anyway).");
                return 0;
            }
            var folder = parse.GetValue(output)!;
            var files = selected.Select(v => (Status: v, Path: Path.Combine(folder, $"{v.Story.Key}.{v.Language.Code}.xlf"))).ToList();
            if (files.FirstOrDefault(f => File.Exists(f.Path)) is { Path: not null } existing)
            {
                // It may be a translator's finished work: never overwritten.
                Console.Error.WriteLine($"error: {existing.Path} already exists; import it or move it away first. Nothing was written.");
                return 1;
            }
            Directory.CreateDirectory(folder);
            foreach (var (status, path) in files)
            {
                var sourcePath = status.Story.Original.Article.SourcePath;
                var originalFile = Content.SourceText.Read(Path.Combine(input, sourcePath), sourcePath, new DiagnosticBag());
                var original = OriginalText.FromText(originalFile, sourcePath);
                using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                    Xliff.Export(stream, status.Story.Key, originalFile, original, site.Site.Original, status.Language, glossary);
                Console.WriteLine($"  wrote {path} ({(status.State == VersionState.Missing ? "missing" : status.IsStale ? "stale " + StatusCommand.Word(status.State) : StatusCommand.Word(status.State))})");
            }
            Console.WriteLine($"Exported {files.Count} version(s) to {folder}/: send them to your translators, then run staticnews xliff import on what comes back.");
            return 0;
        });
        return command;
    }

    private static Command Import()
    {
        var files = new Argument<string[]>("files") { Description = "XLIFF files exported by staticnews xliff export, with their targets filled in", Arity = ArgumentArity.OneOrMore };
        var command = new Command("import", "Write the translations in XLIFF files as human translations (translation: human)") { files, BuildCommand.Input };
        command.SetAction(async parse =>
        {
            var input = parse.GetValue(BuildCommand.Input)!;
            if (await TranslateCommand.Read(input) is not { } site) return 1;
            var writer = new VersionWriter(site.Site, input);
            var time = VersionWriter.Time(BuildClock.FromEnvironment(), site.Site);
            var failed = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                IReadOnlyList<XliffTranslation> translations;
                try { translations = Xliff.Import(file, file); }
                catch (InputException e)
                {
                    Console.Error.WriteLine(new Diagnostic(Severity.Error, e.Message, e.File, e.Line));
                    failed++;
                    continue;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"{file}: error: {e.Message}");
                    failed++;
                    continue;
                }
                foreach (var translation in translations)
                {
                    if (Problem(site, translation) is { } problem)
                    {
                        Console.Error.WriteLine($"{file}: error: {problem}");
                        failed++;
                        continue;
                    }
                    var status = TranslationStatus.Of(site.Index, site.Site).SelectMany(r => r)
                        .Single(v => v.Story.Key == translation.StoryKey && v.Language.Code == translation.TargetLanguage);
                    var values = translation.Original.Values.ToDictionary(e => e.Key,
                        e => translation.Translations.TryGetValue(e.Key, out var nodes) ? MarkdownText.Plain(nodes) : e.Value);
                    var body = translation.Original.Body.Apply(translation.Translations);
                    if (writer.Write(status, values, "human", [("engine", null), ("source_hash", translation.SourceHash), ("translated", time)], body) is { } notWritten)
                    {
                        Console.Error.WriteLine($"{file}: error: {notWritten}");
                        failed++;
                        continue;
                    }
                    var stale = translation.SourceHash != status.Story.Original.Article.TextHash;
                    Console.WriteLine($"  wrote articles/{translation.StoryKey}/{translation.TargetLanguage}.md (human)"
                        + (stale ? ": the original has changed since this file was exported, so the version is marked stale (export it again for the changes)" : ""));
                }
            }
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>Why a translation cannot go into this site (another site's story, a language not configured), or null.</summary>
    private static string? Problem(Stories.SiteStories site, XliffTranslation translation)
    {
        if (site.Index.Stories.All(s => s.Key != translation.StoryKey))
            return $"this site has no story '{translation.StoryKey}' (articles/{translation.StoryKey}/)";
        if (translation.SourceLanguage != site.Site.DefaultLanguage)
            return $"it was exported from a {translation.SourceLanguage} original; this site's original language is {site.Site.DefaultLanguage}";
        if (site.Site.Language(translation.TargetLanguage) is null || translation.TargetLanguage == site.Site.DefaultLanguage)
            return $"'{translation.TargetLanguage}' is not a language this site translates into";
        return null;
    }
}
