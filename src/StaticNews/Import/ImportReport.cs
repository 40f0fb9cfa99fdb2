using System.Globalization;
using System.Text;
using StaticNews.Engine;

namespace StaticNews.Import;

/// <summary>What an import did: files by outcome, items skipped with their reasons, and warnings per item (file and line of the export).</summary>
public sealed class ImportReport
{
    public string Source { get; set; } = "";
    public bool Success { get; set; }
    /// <summary>A problem that stopped the import (nothing was written), with the file and line.</summary>
    public List<Diagnostic> Errors { get; } = [];
    /// <summary>One line per item that was not imported, and one per thing in an imported item worth a look.</summary>
    public List<Diagnostic> Notes { get; } = [];
    public int Stories { get; set; }
    /// <summary>Versions imported, by language.</summary>
    public SortedDictionary<string, int> Versions { get; } = new(StringComparer.Ordinal);
    public int Drafts { get; set; }
    public int Scheduled { get; set; }
    public int Translations { get; set; }
    public Dictionary<FileOutcome, int> Articles { get; } = [];
    public Dictionary<FileOutcome, int> Media { get; } = [];
    public int Aliases { get; set; }
    public int MissingMedia { get; set; }
    public int OldSiteMedia { get; set; }
    /// <summary>Skipped items by reason kind ("private", "page", ...).</summary>
    public SortedDictionary<string, int> Skipped { get; } = new(StringComparer.Ordinal);
    public int AuthorsAdded { get; set; }
    public int CategoriesAdded { get; set; }
    public int Comments { get; set; }
    public int Warnings => Notes.Count(n => n.Severity == Severity.Warning);

    public void Skip(string kind, string message, string file, int line)
    {
        Skipped[kind] = Skipped.GetValueOrDefault(kind) + 1;
        Notes.Add(new Diagnostic(Severity.Warning, "skipped: " + message, file, line));
    }

    public void Count(Dictionary<FileOutcome, int> counts, FileOutcome outcome) => counts[outcome] = counts.GetValueOrDefault(outcome) + 1;

    /// <summary>The closing summary, a few lines a person reads after the notes.</summary>
    public string Summary()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        var versions = Versions.Values.Sum();
        text.Append(c, $"Imported {Source}: {Stories} stories, {versions} versions ({string.Join(", ", Versions.Select(v => $"{v.Key} {v.Value}"))})");
        text.Append(c, $"; {Translations} translations, {Drafts} drafts, {Scheduled} scheduled, {Aliases} old URLs kept as aliases\n");
        text.Append("  story files: ").Append(Outcomes(Articles)).Append('\n');
        text.Append("  media files: ").Append(Outcomes(Media));
        if (MissingMedia > 0) text.Append(c, $"; {MissingMedia} not found in the uploads folder");
        if (OldSiteMedia > 0) text.Append(c, $"; {OldSiteMedia} still point at the old site (give --uploads to copy them)");
        text.Append('\n');
        text.Append(c, $"  authors.yml: {AuthorsAdded} added; taxonomy.yml: {CategoriesAdded} categories added\n");
        var skipped = Skipped.Values.Sum();
        text.Append(c, $"  skipped: {skipped}");
        if (skipped > 0) text.Append(" (").Append(string.Join(", ", Skipped.Select(s => $"{s.Value} {s.Key}"))).Append(')');
        if (Comments > 0) text.Append(c, $"; {Comments} comments not imported (StaticNews publishes none)");
        text.Append('\n');
        text.Append(c, $"  {Warnings} notes above");
        return text.ToString();
    }

    private static string Outcomes(Dictionary<FileOutcome, int> counts)
    {
        string Of(FileOutcome o) => counts.GetValueOrDefault(o).ToString(CultureInfo.InvariantCulture);
        var text = $"{Of(FileOutcome.Created)} new, {Of(FileOutcome.Updated)} updated, {Of(FileOutcome.Unchanged)} unchanged";
        var kept = counts.GetValueOrDefault(FileOutcome.KeptEdited) + counts.GetValueOrDefault(FileOutcome.KeptDeleted) + counts.GetValueOrDefault(FileOutcome.KeptForeign);
        if (kept > 0)
            text += $"; kept as they are: {Of(FileOutcome.KeptEdited)} edited by hand since the last import, {Of(FileOutcome.KeptDeleted)} deleted since, {Of(FileOutcome.KeptForeign)} not the import's";
        return text;
    }
}
