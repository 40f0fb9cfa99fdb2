using StaticNews.Content;
using StaticNews.Engine;
using StaticNews.Stories;

namespace StaticNews.Images;

/// <summary>
/// Publishes every image of the published stories once, for all languages, under /images/&lt;hash&gt;/: each at
/// several widths in AVIF, WebP and its fallback format, and each lead image's social and search crops. A file
/// whose inputs are unchanged is kept as published; one the build needs again after the output was deleted comes
/// from the <see cref="ImageCache"/>; only a new image, or a new focal point, is encoded. Every image is checked
/// first (format, size, pixel count, readable header); any problem is an error naming the file, and the build
/// publishes nothing.
/// </summary>
public sealed class ImagesPipeline : Pipeline<ImageCatalog>
{
    public override IReadOnlyList<Type> Dependencies => [typeof(StoriesPipeline)];

    private int _images, _encoded;

    /// <summary>How many files the last run encoded (the others were kept as published or taken from the cache).</summary>
    public int Encoded => _encoded;

    private sealed record Source(string StoryKey, string Name, string Path, string Relative);

    protected override ImageCatalog Execute(PipelineContext context)
    {
        var index = context.ResultOf<StoriesPipeline, StoryIndex>();
        var sources = index.Stories.SelectMany(story => story.Assets
                .Where(path => StoryMedia.IsImage(System.IO.Path.GetFileName(path)))
                .Select(path => new Source(story.Key, System.IO.Path.GetFileName(path), path, $"articles/{story.Key}/{System.IO.Path.GetFileName(path)}")))
            .ToList();
        CheckLeadImages(index, context.Diagnostics);

        var output = context.Output;
        var cache = output.IsReadOnly || context.Session.State is not { } state ? null : ImageCache.Open(state, context.Session.Options.ImageCacheDirectory);
        var listedAt = DateTime.UtcNow;
        var inspected = new SourceImage?[sources.Count];
        context.ForEach(Enumerable.Range(0, sources.Count), i =>
        {
            var source = sources[i];
            var stamp = FileStamp.Of(new FileInfo(source.Path), listedAt);
            var image = cache?.Known(source.Relative, stamp);
            if (image is null)
            {
                image = SourceImage.Inspect(source.Path, source.Relative);
                cache?.Remember(source.Relative, stamp, image);
            }
            inspected[i] = image;
        });

        // Each hash once, whatever stories share it; the crops of every focal point its lead images have.
        var byHash = new Dictionary<string, (Source First, SourceImage Image, SortedSet<ImageFocus> Foci)>(StringComparer.Ordinal);
        for (var i = 0; i < sources.Count; i++)
            if (inspected[i] is { } image && !byHash.ContainsKey(image.Hash))
                byHash[image.Hash] = (sources[i], image, new SortedSet<ImageFocus>(Comparer<ImageFocus>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name))));
        var hashOf = new Dictionary<(string, string), string>();
        for (var i = 0; i < sources.Count; i++)
            if (inspected[i] is { } image) hashOf[(sources[i].StoryKey, sources[i].Name)] = image.Hash;
        foreach (var version in index.Versions)
            if (version.Image is { } name && hashOf.TryGetValue((version.Story.Key, name), out var hash))
                byHash[hash].Foci.Add(version.ImageFocus ?? ImageFocus.Centre);

        var published = new Dictionary<string, PublishedImage>(StringComparer.Ordinal);
        if (!context.Diagnostics.HasErrors)
        {
            var groups = byHash.Values.ToList();
            var lengths = new Dictionary<string, long>?[groups.Count];
            var missing = new List<ImageVariant>[groups.Count];
            context.ForEach(Enumerable.Range(0, groups.Count), i =>
            {
                var (first, image, foci) = groups[i];
                var variants = ImageRecipe.Sized(image, context.Site.ImageFormats)
                    .Concat(foci.SelectMany(focus => ImageRecipe.CropKinds.Select(kind => ImageRecipe.Crop(image, kind, focus))))
                    .DistinctBy(v => v.FileName).ToList();
                var found = new Dictionary<string, long>(StringComparer.Ordinal);
                missing[i] = output.IsReadOnly ? [] : Take(first, image, variants, output, cache!, found);
                lengths[i] = found;
            });
            // One image at a time, its files encoded on all cores: each image's decoded pixels are in memory once, and
            // libvips' buffers are not held by several images at the same time.
            for (var i = 0; i < groups.Count; i++)
            {
                if (lengths[i] is not { } found || missing[i].Count == 0) continue;
                try { Encode(context, groups[i].First, groups[i].Image, missing[i], cache!, found); }
                catch (InputException e)
                {
                    context.Diagnostics.Error(e.Message, e.File, e.Line);
                    lengths[i] = null;
                }
            }
            for (var i = 0; i < groups.Count; i++)
                if (lengths[i] is { } found) published[groups[i].Image.Hash] = new PublishedImage(groups[i].Image, context.Site.ImageFormats, found);
        }
        // A failed build publishes nothing and its errors are said; the record waits for a build that succeeds (on a full
        // disk, saving it would only fail again).
        if (!context.Diagnostics.HasErrors) cache?.Save(byHash.Keys.ToHashSet(StringComparer.Ordinal));
        _images = byHash.Count;

        var byStory = new Dictionary<string, IReadOnlyDictionary<string, PublishedImage>>(StringComparer.Ordinal);
        foreach (var group in sources.GroupBy(s => s.StoryKey))
            byStory[group.Key] = group.Where(s => hashOf.TryGetValue((s.StoryKey, s.Name), out var h) && published.ContainsKey(h))
                .ToDictionary(s => s.Name, s => published[hashOf[(s.StoryKey, s.Name)]], StringComparer.Ordinal);
        var catalog = new ImageCatalog(context.Site, byStory);
        context.Session.Images = catalog;
        return catalog;
    }

    /// <summary>A version's <c>image</c> must name an image file of its story folder.</summary>
    private static void CheckLeadImages(StoryIndex index, DiagnosticBag diagnostics)
    {
        foreach (var version in index.Versions)
        {
            // Each file that names an image is checked once: a translation without its own inherits the original's.
            if (version.Article.Image is not { } name) continue;
            var named = version.Article.SourcePath;
            if (!version.Story.Assets.Any(a => System.IO.Path.GetFileName(a) == name))
                diagnostics.Error($"image '{name}' is not a file in the story folder articles/{version.Story.Key}/ (image names a file beside the story's .md files)", named);
            else if (!StoryMedia.IsImage(name))
                diagnostics.Error($"image '{name}' is not an image StaticNews publishes: use a JPEG, PNG, WebP, AVIF or GIF file", named);
        }
    }

    /// <summary>
    /// Keeps the files of one image that are published already and writes those the cache has (their byte lengths in
    /// <paramref name="lengths"/>); returns the ones to encode.
    /// </summary>
    private static List<ImageVariant> Take(Source first, SourceImage image, IReadOnlyList<ImageVariant> variants, Publish.OutputSink output, ImageCache cache,
        Dictionary<string, long> lengths)
    {
        var missing = new List<ImageVariant>();
        foreach (var variant in variants)
        {
            var path = OutputPath(image, variant);
            // The path names the source's hash and everything the file is made with: it is its own fingerprint.
            if (output.TryKeep(path, path, first.Relative)) lengths[variant.FileName] = new FileInfo(output.CurrentFile(path)).Length;
            else if (cache.Variant(image.Hash, variant) is { } cached) Write(output, first, image, variant, cached, lengths);
            else missing.Add(variant);
        }
        return missing;
    }

    /// <summary>Encodes <paramref name="missing"/> from one decode of the source, on all cores, into the output and the cache.</summary>
    private void Encode(PipelineContext context, Source first, SourceImage image, IReadOnlyList<ImageVariant> missing, ImageCache cache,
        Dictionary<string, long> lengths)
    {
        var bytes = SourceImage.Read(first.Path, first.Relative);
        if (SourceImage.HashOf(bytes) != image.Hash)
            throw new InputException("the image changed while the site was being built: build again", first.Relative);
        byte[][] encoded;
        using (var encoder = ImageEncoder.Decode(bytes, image, missing, first.Relative)) encoded = context.Map(missing, encoder.Encode);
        _encoded += missing.Count;
        for (var i = 0; i < missing.Count; i++)
        {
            cache.Store(image.Hash, missing[i], encoded[i]);
            Write(context.Output, first, image, missing[i], encoded[i], lengths);
        }
    }

    private static void Write(Publish.OutputSink output, Source first, SourceImage image, ImageVariant variant, byte[] bytes, Dictionary<string, long> lengths)
    {
        var path = OutputPath(image, variant);
        output.Render(path, path, stream => stream.Write(bytes), first.Relative);
        lengths[variant.FileName] = bytes.Length;
    }

    /// <summary>The folder of every image's files, from the output root.</summary>
    public const string OutputFolder = "/images/";

    private static string OutputPath(SourceImage image, ImageVariant variant) => $"{OutputFolder[1..]}{image.Hash}/{variant.FileName}";

    public override string? Summary => HasResult ? $"{_images} images, {_encoded} files encoded" : null;
}
