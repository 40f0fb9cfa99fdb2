using System.Diagnostics;
using StaticNews.Configuration;
using StaticNews.Content;
using StaticNews.Engine;
using StaticNews.Pages;
using StaticNews.Publish;
using StaticNews.Redirects;
using StaticNews.Stories;

namespace StaticNews.Check;

/// <summary>The outcome of `staticnews check`.</summary>
public sealed record CheckReport(IReadOnlyList<Diagnostic> Diagnostics, int Stories, int Versions, TimeSpan Elapsed)
{
    public int Errors => Diagnostics.Count(d => d.Severity == Severity.Error);
    public int Warnings => Diagnostics.Count(d => d.Severity == Severity.Warning);
}

/// <summary>
/// Validates a site folder without writing anything (for a content repository's CI): the Content and
/// Stories stages of a build, with all their errors, then what a build does not fail on but an editor
/// should hear about: broken internal links, stories missing configured translations, stale translations, lead
/// images without alt text in the version's language or too small for large previews, and near-duplicate tags
/// and names missing for a language (<see cref="TaxonomyChecker"/>).
/// </summary>
public static class SiteChecker
{
    public static async Task<CheckReport> CheckAsync(BuildOptions options, BuildClock? clock = null)
    {
        var watch = Stopwatch.StartNew();
        var diagnostics = new DiagnosticBag();
        clock ??= BuildClock.FromEnvironment();
        if (await SiteStories.ReadAsync(options, clock, diagnostics, images: true) is not { } read)
            return new CheckReport(diagnostics.Sorted(), 0, 0, watch.Elapsed);
        var (site, index, checkedImages) = read;
        var images = checkedImages!;

        var links = new LinkChecker(site, index, images, new Theme(null), clock.Now, StaticFiles(options.InputDirectory));
        links.AddRedirected(AliasClaims.Check(index, AliasClaims.Giving(index), links.HasFile, diagnostics).Keys);
        links.AddRedirected(RecordedAddresses(options.OutputDirectory, index));
        foreach (var story in index.Stories)
        {
            foreach (var missing in site.Languages.Where(l => story.Version(l.Code) is null))
                diagnostics.Warning($"missing translation: story '{story.Key}' has no {missing.Code} version ({missing.Code}.md)", $"articles/{story.Key}/");
            foreach (var version in story.Versions)
            {
                if (version.Staleness == Staleness.TextChanged)
                    diagnostics.Warning(
                        $"stale translation: the original ({story.Original.Language.Code}.md) has changed since this translation was made from it (its source_hash)",
                        version.Article.SourcePath);
                else if (version.Staleness == Staleness.UpdatedAfter)
                    diagnostics.Warning(
                        $"stale translation: the original ({story.Original.Language.Code}.md) was updated {Localization.IsoDate(story.Original.Updated!.Value, site)}, after this translation was last updated",
                        version.Article.SourcePath);
                else if (version.Staleness == Staleness.CorrectedAfter)
                    diagnostics.Warning(
                        $"stale translation: the original ({story.Original.Language.Code}.md) was corrected {Localization.IsoDate(story.Corrections[^1].Date, site)}, after this machine translation was made (translate it again)",
                        version.Article.SourcePath);
                links.Check(version, options.InputDirectory, diagnostics);
                if (version.Image is { } image && version.Article.ImageAlt is null)
                    diagnostics.Warning(version.ImageAlt is null
                        ? $"image '{image}' has no image_alt: say what the picture shows, for readers who cannot see it (and for search)"
                        : $"image '{image}' has no image_alt in this language: the original's ({version.ImageAlt}) is shown", version.Article.SourcePath);
                if (version.Article.Image is not null && images.LeadOf(version) is { } lead
                    && Images.ImageRecipe.CropKinds.Select(kind => lead.Image.Crop(kind, lead.Focus)).Min(c => c.Width) is var narrowest and < 1200)
                    diagnostics.Warning($"image '{version.Article.Image}' ({lead.Image.Source.Width}×{lead.Image.Source.Height}) is too small for Google Discover's large previews: "
                        + $"its crops for search and social cards are {narrowest} px wide at the least, 1200 are asked for (a 1200×1200 square needs 1200 px of height too)", version.Article.SourcePath);
            }
        }
        TaxonomyChecker.Check(index, site, diagnostics);
        return new CheckReport(diagnostics.Sorted(), index.Stories.Count, index.Stories.Sum(s => s.Versions.Count), watch.Elapsed);
    }

    /// <summary>The addresses the output's record lists (see <see cref="PublishedUrls"/>) whose story is still published: each redirects to it.</summary>
    private static IEnumerable<string> RecordedAddresses(string output, StoryIndex index)
    {
        var stories = index.Stories.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        try { return PublishedUrls.Read(StateFolder.For(output))?.Owners.Where(e => e.Value.Story is { } story && stories.Contains(story)).Select(e => e.Key).ToList() ?? []; }
        catch (Exception e) when (e is FormatException || FileErrors.Are(e)) { return []; } // the build says what is wrong with it
    }

    /// <summary>Output files that come from the input as they are (input/static/**), relative to the output root.</summary>
    private static IEnumerable<string> StaticFiles(string input)
    {
        var dir = Path.Combine(input, "static");
        return Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/'))
            : [];
    }
}
