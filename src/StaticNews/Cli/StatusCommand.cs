using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using StaticNews.Configuration;
using StaticNews.Stories;
using StaticNews.Translation;

namespace StaticNews.Cli;

/// <summary>
/// `staticnews status`: every story × every language — original, human, machine, reviewed or missing, and stale —
/// as a table on the console or as JSON for a dashboard. Writes nothing. Exit 0, 1 on input errors.
/// </summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the matrix as JSON (for dashboards and scripts)" };
        var command = new Command("status", "Show each story's versions: original, human, machine, reviewed, stale or missing")
            { BuildCommand.Input, TranslateCommand.Language, json };
        command.SetAction(async parse =>
        {
            if (await TranslateCommand.Read(parse.GetValue(BuildCommand.Input)!) is not { } site) return 1;
            var language = parse.GetValue(TranslateCommand.Language);
            if (language is not null && site.Site.Language(language) is null)
            {
                Console.Error.WriteLine($"error: '{language}' is not configured in site.yml");
                return 2;
            }
            var languages = site.Site.Languages.Where(l => language is null || l.Code == language || l.Code == site.Site.DefaultLanguage).ToList();
            var rows = TranslationStatus.Of(site.Index, site.Site)
                .Select(row => (IReadOnlyList<VersionStatus>)row.Where(v => languages.Contains(v.Language)).ToList()).ToList();
            if (parse.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                WriteJson(stdout, site.Site, languages, rows);
            }
            else
                WriteTable(site.Site, languages, rows);
            return 0;
        });
        return command;
    }

    /// <summary>The word a cell shows, and what JSON calls the state.</summary>
    internal static string Word(VersionState state) => state.ToString().ToLowerInvariant();

    private static void WriteTable(SiteConfig site, IReadOnlyList<LanguageConfig> languages, IReadOnlyList<IReadOnlyList<VersionStatus>> rows)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        // A log or a pipe has no width: wide enough for six languages rather than the 80 columns Spectre assumes.
        if (Console.IsOutputRedirected) console.Profile.Width = 160;
        var table = new Table().Border(TableBorder.Rounded).AddColumn("story").AddColumn("date");
        foreach (var language in languages) table.AddColumn(new TableColumn(Markup.Escape(language.Code)).Centered());
        foreach (var row in rows)
        {
            var story = row[0].Story;
            var cells = new List<Spectre.Console.Rendering.IRenderable>
            {
                new Markup(Markup.Escape(story.Key) + (story.Original.Article.Draft ? " [grey](draft)[/]" : "")),
                new Text(story.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            };
            cells.AddRange(row.Select(Cell));
            table.AddRow(cells);
        }
        console.Write(table);
        foreach (var language in languages.Where(l => l.Code != site.DefaultLanguage))
        {
            var column = rows.Select(r => r.First(v => v.Language == language)).ToList();
            var counts = Enum.GetValues<VersionState>().Where(s => s != VersionState.Original)
                .Select(s => $"{column.Count(v => v.State == s)} {Word(s)}");
            console.WriteLine($"{language.Code}: {string.Join(", ", counts)}; {column.Count(v => v.IsStale)} stale");
        }
    }

    private static Markup Cell(VersionStatus status)
    {
        var word = Word(status.State);
        var colour = status.State switch
        {
            VersionState.Missing => "red",
            _ when status.IsStale => "yellow",
            VersionState.Original => "bold",
            VersionState.Machine => "blue",
            _ => "green",
        };
        var text = status.IsStale ? word + " · stale" : word;
        if (status.IsDraft) text += " (draft)";
        return new Markup($"[{colour}]{Markup.Escape(text)}[/]");
    }

    /// <summary>
    /// The matrix as JSON: the languages in order, then one object per story (newest first) with a state per language
    /// and what a dashboard needs to act on it (stale and why, engine, when it was translated, the file).
    /// </summary>
    internal static void WriteJson(Stream output, SiteConfig site, IReadOnlyList<LanguageConfig> languages, IReadOnlyList<IReadOnlyList<VersionStatus>> rows)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("original", site.DefaultLanguage);
        json.WriteStartArray("languages");
        foreach (var language in languages) json.WriteStringValue(language.Code);
        json.WriteEndArray();
        json.WriteStartArray("stories");
        foreach (var row in rows)
        {
            var story = row[0].Story;
            json.WriteStartObject();
            json.WriteString("story", story.Key);
            json.WriteString("title", story.Original.Title);
            json.WriteString("date", Pages.Localization.IsoDate(story.Date, site));
            json.WriteBoolean("draft", story.Original.Article.Draft);
            json.WriteStartObject("versions");
            foreach (var status in row)
            {
                json.WriteStartObject(status.Language.Code);
                json.WriteString("state", Word(status.State));
                if (status.Version is { } version)
                {
                    json.WriteBoolean("stale", status.IsStale);
                    if (status.IsStale) json.WriteString("staleBecause", status.Staleness switch
                    {
                        Staleness.TextChanged => "original-changed",
                        Staleness.CorrectedAfter => "original-corrected",
                        _ => "original-updated",
                    });
                    if (status.IsDraft) json.WriteBoolean("draft", true);
                    if (version.Article.Engine is { } engine) json.WriteString("engine", engine);
                    if (version.Article.Translated is { } translated) json.WriteString("translated", Pages.Localization.IsoDate(translated, site));
                    json.WriteString("file", version.Article.SourcePath);
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("totals");
        foreach (var language in languages)
        {
            var column = rows.Select(r => r.First(v => v.Language == language)).ToList();
            json.WriteStartObject(language.Code);
            foreach (var state in Enum.GetValues<VersionState>()) json.WriteNumber(Word(state), column.Count(v => v.State == state));
            json.WriteNumber("stale", column.Count(v => v.IsStale));
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
