using System.CommandLine;
using System.Globalization;
using StaticNews.Engine;
using StaticNews.Stories;
using StaticNews.Translation;

namespace StaticNews.Cli;

/// <summary>
/// `staticnews translate`: machine translations for every version that is missing, or was made from an older
/// original, written into the input folder. Exit 0 when every one was written (or nothing was to do), 1 on input
/// errors or when a version could not be translated, 2 on bad usage.
/// </summary>
public static class TranslateCommand
{
    public static readonly Option<string?> Story = new("--story", "-s") { Description = "Only this story (its folder name under articles/)" };
    public static readonly Option<string?> Language = new("--lang", "-l") { Description = "Only this language" };
    public static readonly Option<bool> StoryDrafts = new("--drafts") { Description = "Also stories whose original is a draft (draft: true)" };

    public static Command Create()
    {
        var provider = new Option<string?>("--provider", "-p") { Description = $"The provider for every language ({string.Join(", ", ProviderCatalog.Names)}); default: site.yml's translation settings" };
        var dryRun = new Option<bool>("--dry-run", "-n") { Description = "Show what would be translated and how many characters each provider would get; send nothing, write nothing" };
        var command = new Command("translate", "Machine-translate every missing version and every machine translation made from an older original")
            { BuildCommand.Input, Story, Language, provider, dryRun, StoryDrafts };
        command.SetAction(async (parse, cancel) =>
        {
            var input = parse.GetValue(BuildCommand.Input)!;
            if (await Read(input) is not { } site) return 1;
            if (!CheckFilters(site, parse.GetValue(Story), parse.GetValue(Language))) return 2;
            var providerName = parse.GetValue(provider);
            if (providerName is not null && !ProviderCatalog.IsKnown(providerName))
                return Usage($"unknown provider '{providerName}' (known: {string.Join(", ", ProviderCatalog.Names)})");

            var diagnostics = new DiagnosticBag();
            var glossary = Glossary.Load(input, site.Site, diagnostics);
            BuildCommand.Print(diagnostics.Sorted());
            if (diagnostics.HasErrors) return 1;

            var plan = TranslationPlan.For(site, parse.GetValue(Story), parse.GetValue(Language), providerName, parse.GetValue(StoryDrafts));
            var characters = Characters(plan, input, glossary, site);
            Describe(plan, characters, parse.GetValue(dryRun));
            var unassigned = plan.Jobs.Where(j => j.Provider is null).Select(j => j.Language).Distinct().ToList();
            if (unassigned.Count > 0)
            {
                Console.Error.WriteLine($"error: no provider for {string.Join(", ", unassigned)}: set translation: {{ provider: ... }} in site.yml, or pass --provider");
                return parse.GetValue(dryRun) ? 0 : 2;
            }
            if (parse.GetValue(dryRun) || plan.Jobs.Count == 0) return 0;
            return await Run(plan, site, input, glossary, cancel);
        });
        return command;
    }

    /// <summary>The site's stories as translate, status and xliff see them: drafts and scheduled stories included. Null after printing errors.</summary>
    internal static async Task<SiteStories?> Read(string input)
    {
        if (!BuildCommand.InputExists(input)) return null;
        var diagnostics = new DiagnosticBag();
        var options = new BuildOptions { InputDirectory = input, OutputDirectory = "output", IncludeDrafts = true, IncludeFuture = true };
        var site = await SiteStories.ReadAsync(options, BuildClock.FromEnvironment(), diagnostics);
        foreach (var d in diagnostics.Sorted().Where(d => d.Severity == Severity.Error)) Console.Error.WriteLine(d);
        if (site is null) Console.Error.WriteLine("Fix the input first: nothing was done.");
        return site;
    }

    /// <summary>False (after saying why) when --story or --lang names nothing there is.</summary>
    internal static bool CheckFilters(SiteStories site, string? story, string? language)
    {
        if (story is not null && site.Index.Stories.All(s => s.Key != story))
        {
            Usage($"no story '{story}' (a folder under articles/ with an original)");
            return false;
        }
        if (language is not null && (site.Site.Language(language) is null || language == site.Site.DefaultLanguage))
        {
            Usage($"'{language}' is not a language to translate into (configured: {string.Join(", ", site.Site.Languages.Where(l => l.Code != site.Site.DefaultLanguage).Select(l => l.Code))})");
            return false;
        }
        return true;
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 2;
    }

    /// <summary>The characters of text each job sends (the glossary's placeholders included), read from the originals.</summary>
    private static Dictionary<TranslationJob, int> Characters(TranslationPlan plan, string input, Glossary glossary, SiteStories site)
    {
        var originals = new Dictionary<string, OriginalText>(StringComparer.Ordinal);
        var characters = new Dictionary<TranslationJob, int>();
        foreach (var job in plan.Jobs)
        {
            var story = job.Status.Story;
            try
            {
                if (!originals.TryGetValue(story.Key, out var original))
                    originals[story.Key] = original = OriginalText.Read(input, story.Original.Article.SourcePath);
                characters[job] = original.ToTranslate(glossary, job.Language).Sum(s => s.Characters);
            }
            catch (InputException) { characters[job] = 0; }
        }
        return characters;
    }

    private static void Describe(TranslationPlan plan, IReadOnlyDictionary<TranslationJob, int> characters, bool dryRun)
    {
        if (plan.Jobs.Count == 0) Console.WriteLine("Nothing to translate: every version exists and was made from the original as it is.");
        else
        {
            Console.WriteLine(dryRun
                ? $"Would translate {plan.Jobs.Count} version(s) (dry run: nothing is sent, nothing is written):"
                : $"Translating {plan.Jobs.Count} version(s):");
            var width = plan.Jobs.Max(j => j.File.Length);
            foreach (var job in plan.Jobs)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {job.File.PadRight(width)}  {job.Reason,-24}  {job.Provider ?? "(no provider)",-15} {characters[job],8:N0} characters"));
            foreach (var group in plan.Jobs.GroupBy(j => j.Provider ?? "(no provider)").OrderBy(g => g.Key, StringComparer.Ordinal))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {group.Key}: {group.Sum(j => characters[j]):N0} characters in {group.Count()} version(s)"));
        }
        if (plan.KeptStale.Count > 0)
        {
            Console.WriteLine($"Stale, not replaced ({plan.KeptStale.Count}): update them by hand, or export them for translators (staticnews xliff export):");
            foreach (var kept in plan.KeptStale)
                Console.WriteLine($"  articles/{kept.Story.Key}/{kept.Language.Code}.md  {kept.WhyKept}");
        }
    }

    private static async Task<int> Run(TranslationPlan plan, SiteStories site, string input, Glossary glossary, CancellationToken cancel)
    {
        var config = site.Site.Translation;
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("StaticNews-Translate/1.0");
        using var inFlight = new SemaphoreSlim(config.Concurrency);
        var client = new ProviderClient(http, new RetryPolicy { Retries = config.Retries, Timeout = config.Timeout }, inFlight);
        var providers = new Dictionary<string, TranslationProvider>(StringComparer.Ordinal);
        foreach (var name in plan.Jobs.Select(j => j.Provider!).Distinct())
        {
            try { providers[name] = ProviderCatalog.Create(name, config, client, Environment.GetEnvironmentVariable); }
            catch (TranslationProviderException e)
            {
                Console.Error.WriteLine($"error: {e.Message}. Nothing was sent.");
                return 1;
            }
        }
        var runner = new TranslationRunner(site.Site, input, glossary, BuildClock.FromEnvironment());
        var printing = new Lock();
        var results = await runner.RunAsync(plan.Jobs, providers, result =>
        {
            lock (printing)
            {
                if (result.Written)
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  wrote {result.Job.File} ({result.Job.Provider}, {result.Characters:N0} characters)"));
                else
                    Console.Error.WriteLine($"  error: {result.Job.File} not translated: {result.Problem}");
            }
        }, cancel);
        var written = results.Count(r => r.Written);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Translated {written} of {results.Count} version(s) ({results.Where(r => r.Written).Sum(r => r.Characters):N0} characters); {results.Count - written} failed."));
        return written == results.Count ? 0 : 1;
    }
}
