using System.Collections.Concurrent;
using StaticNews.Configuration;
using StaticNews.Content;
using StaticNews.Engine;

namespace StaticNews.Translation;

/// <summary>How one version's translation went.</summary>
public sealed record JobResult(TranslationJob Job, bool Written, int Characters, string? Problem);

/// <summary>
/// Runs a <see cref="TranslationPlan"/>'s jobs: for each, the original's text is cut into segments, glossary terms
/// are marked, the segments go to the provider in batches (requests limited and retried by <see cref="ProviderClient"/>),
/// the answers are read back and checked (markup, protected pieces, glossary), and the version's file is written
/// atomically, only if nobody changed it since the plan was made. A provider that refuses its key or runs out of
/// quota is asked nothing more (see <see cref="ProviderClient"/>); its remaining jobs report why.
/// </summary>
public sealed class TranslationRunner(SiteConfig site, string inputDirectory, Glossary glossary, BuildClock clock)
{
    private readonly ConcurrentDictionary<(string Provider, string Target), Lazy<Task<Func<TermNode, string?>?>>> _glossaries = new();
    private readonly VersionWriter _writer = new(site, inputDirectory);

    /// <summary>
    /// Translates every job with the provider named in it, reporting each result to <paramref name="finished"/> as it
    /// comes. Jobs run side by side; <see cref="ProviderClient"/> limits the requests in flight.
    /// </summary>
    public async Task<IReadOnlyList<JobResult>> RunAsync(IReadOnlyList<TranslationJob> jobs, IReadOnlyDictionary<string, TranslationProvider> providers,
        Action<JobResult>? finished, CancellationToken cancel)
    {
        try
        {
            var results = await Task.WhenAll(jobs.Select(async job =>
            {
                var result = await RunAsync(job, providers[job.Provider!], cancel);
                finished?.Invoke(result);
                return result;
            }));
            return results;
        }
        finally
        {
            foreach (var provider in providers.Values) await provider.CleanUpAsync(CancellationToken.None);
        }
    }

    private async Task<JobResult> RunAsync(TranslationJob job, TranslationProvider provider, CancellationToken cancel)
    {
        var characters = 0;
        try
        {
            var original = OriginalText.Read(inputDirectory, job.Status.Story.Original.Article.SourcePath);
            var target = job.Status.Language;
            var segments = original.ToTranslate(glossary, target.Code);
            characters = segments.Sum(s => s.Characters);
            var terms = await _glossaries.GetOrAdd((provider.Name, target.Code), _ => new Lazy<Task<Func<TermNode, string?>?>>(
                () => glossary.IsEmpty ? Task.FromResult<Func<TermNode, string?>?>(null) : provider.PrepareGlossaryAsync(glossary, site.Original, target, cancel))).Value;
            var translated = await TranslateAsync(provider, segments, target, terms, cancel);

            var values = original.Values.ToDictionary(e => e.Key, e => translated.TryGetValue(e.Key, out var nodes) ? MarkdownText.Plain(nodes) : e.Value);
            var body = original.Body.Apply(translated);
            var time = VersionWriter.Time(clock, site);
            var problem = _writer.Write(job.Status, values, "machine", [("engine", provider.Engine), ("source_hash", original.Hash), ("translated", time)], body);
            return new JobResult(job, problem is null, characters, problem);
        }
        catch (TranslationProviderException e)
        {
            return new JobResult(job, false, characters, e.Message);
        }
        catch (TranslationAnswerException e)
        {
            return new JobResult(job, false, characters, $"{ProviderCatalog.DisplayName(provider.Name)}'s answer was not used: {e.Message}");
        }
        catch (InputException e)
        {
            return new JobResult(job, false, characters, $"{e.File}{(e.Line is { } line ? ":" + line : "")}: {e.Message}");
        }
        catch (IOException e)
        {
            return new JobResult(job, false, characters, $"could not read or write a file for {job.File}: {e.Message}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug in StaticNews must not take the other versions' results with it.
            return new JobResult(job, false, characters, InternalError.Describe("translate", e));
        }
    }

    /// <summary>
    /// The translation of each segment, by segment id. Where the provider enforces the glossary itself (<paramref name="terms"/>),
    /// a segment whose answer misses a term is asked again with its terms as placeholders.
    /// </summary>
    private async Task<Dictionary<string, IReadOnlyList<SegmentNode>>> TranslateAsync(TranslationProvider provider, IReadOnlyList<Segment> segments,
        LanguageConfig target, Func<TermNode, string?>? terms, CancellationToken cancel)
    {
        var translated = await AskAsync(provider, segments, target, terms, cancel);
        if (terms is null) return translated;
        var again = segments.Where(s => Glossary.Missing(s, translated[s.Id]).Count > 0).ToList();
        if (again.Count == 0) return translated;
        foreach (var (id, nodes) in await AskAsync(provider, again, target, null, cancel)) translated[id] = nodes;
        return translated;
    }

    private async Task<Dictionary<string, IReadOnlyList<SegmentNode>>> AskAsync(TranslationProvider provider, IReadOnlyList<Segment> segments,
        LanguageConfig target, Func<TermNode, string?>? terms, CancellationToken cancel)
    {
        var html = segments.Select(s => SegmentHtml.Write(s, terms)).ToList();
        var answers = new string[segments.Count];
        await Task.WhenAll(Batches(html, provider.BatchCharacters, provider.BatchItems).Select(async range =>
        {
            var batch = new TranslationBatch(site.Original, target, html.GetRange(range.Start, range.Count));
            var translated = await provider.TranslateAsync(batch, cancel);
            for (var i = 0; i < range.Count; i++) answers[range.Start + i] = translated[i];
        }));
        var result = new Dictionary<string, IReadOnlyList<SegmentNode>>(StringComparer.Ordinal);
        for (var i = 0; i < segments.Count; i++)
        {
            var nodes = SegmentHtml.Read(answers[i], segments[i], termsAsPlaceholders: terms is null);
            if (terms is null && Glossary.Missing(segments[i], nodes) is [var missing, ..])
                throw new TranslationAnswerException($"the glossary term '{missing.Term}' is not in the translation of {segments[i].Id}");
            result[segments[i].Id] = nodes;
        }
        return result;
    }

    /// <summary>Consecutive runs of texts within <paramref name="characters"/> and <paramref name="items"/> (a longer text goes alone).</summary>
    internal static IEnumerable<(int Start, int Count)> Batches(IReadOnlyList<string> texts, int characters, int items)
    {
        var start = 0;
        var size = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            var count = i - start;
            if (count > 0 && (count == items || size + texts[i].Length > characters))
            {
                yield return (start, count);
                start = i;
                size = 0;
            }
            size += texts[i].Length;
        }
        if (texts.Count > start) yield return (start, texts.Count - start);
    }
}
