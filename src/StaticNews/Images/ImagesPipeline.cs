using StaticNews.Content;
using StaticNews.Engine;
using StaticNews.Stories;

namespace StaticNews.Images;

/// <summary>
/// Publishes every image of the published stories, and every author's photo, once, for all languages, under
/// /images/&lt;hash&gt;/: each story image at several widths in AVIF, WebP and its fallback format, each lead image's
/// social and search crops, each photo as a square at a profile's sizes in the same formats. A file
/// whose inputs are unchanged is kept as published; one the build needs again after the output was deleted comes
/// from the <see cref="ImageCache"/>; only a new image, or a new focal point, is encoded. Every image is checked
/// first (format, size, pixel count, readable header); any problem is an error naming the file (an author's photo at
/// its line of authors.yml), and the build publishes nothing.
/// </summary>
public sealed class ImagesPipeline : Pipeline<ImageCatalog>
{
    public override IReadOnlyList<Type> Dependencies => [typeof(StoriesPipeline)];

    private int _images, _encoded;

    /// <summary>How many files the last run encoded (the others were kept as published or taken from the cache).</summary>
    public int Encoded => _encoded;

    /// <summary>
    /// A file the stage reads, <see cref="Relative"/> to the input folder: an image of a story folder (<see cref="StoryKey"/>,
    /// <see cref="Name"/>) or an author's photo (<see cref="Author"/>).
    /// </summary>
    private sealed record Source(string Path, string Relative, string? StoryKey = null, string? Name = null, Author? Author = null)
    {
        /// <summary>An error about the file, said where the user named it: an author's photo at its line of authors.yml.</summary>
        public InputException Named(InputException e) => Author is { } author
            ? new InputException($"photo '{Relative}' of author '{author.Key}': {e.Message}", AuthorsFile.FileName, author.PhotoLine)
            : e;
    }

    /// <summary>What one image (one content hash) is published as, for every file and author that shows it.</summary>
    private sealed class Uses(Source first, SourceImage image)
    {
        public Source First { get; } = first;
        public SourceImage Image { get; } = image;
        /// <summary>In a story folder: the whole picture at every width.</summary>
        public bool Whole { get; set; }
        /// <summary>An author's photo: a square at a profile's sizes.</summary>
        public bool Portrait { get; set; }
        /// <summary>The focal points of the lead images it is, each with its social and search crops.</summary>
        public SortedSet<ImageFocus> Foci { get; } = new(Comparer<ImageFocus>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name)));

        public List<ImageVariant> Variants(IReadOnlyList<ImageFormat> modern) =>
            [.. (Whole ? ImageRecipe.Sized(Image, modern) : [])
                .Concat(Foci.SelectMany(focus => ImageRecipe.CropKinds.Select(kind => ImageRecipe.Crop(Image, kind, focus))))
                .Concat(Portrait ? ImageRecipe.Portrait(Image, modern) : [])
                .DistinctBy(v => v.FileName)];
    }

    protected override ImageCatalog Execute(PipelineContext context)
    {
        var index = context.ResultOf<StoriesPipeline, StoryIndex>();
        var sources = index.Stories.SelectMany(story => story.Assets
                .Where(path => StoryMedia.IsImage(System.IO.Path.GetFileName(path)))
                .Select(path => new Source(path, $"articles/{story.Key}/{System.IO.Path.GetFileName(path)}", story.Key, System.IO.Path.GetFileName(path))))
            .Concat(index.Authors.ByKey.Values.Where(a => a.Photo is not null)
                .Select(a => new Source(System.IO.Path.Combine(context.Options.InputDirectory, a.Photo!), a.Photo!, Author: a)))
            .ToList();
        CheckLeadImages(index, context.Diagnostics);

        var output = context.Output;
        var cache = output.IsReadOnly || context.Session.State is not { } state ? null : ImageCache.Open(state, context.Session.Options.ImageCacheDirectory);
        var listedAt = DateTime.UtcNow;
        var inspected = new SourceImage?[sources.Count];
        context.ForEach(sources.Count, i =>
        {
            var source = sources[i];
            var stamp = FileStamp.Of(new FileInfo(source.Path), listedAt);
            var image = cache?.Known(source.Relative, stamp);
            if (image is null)
            {
                try { image = SourceImage.Inspect(source.Path, source.Relative); }
                catch (InputException e) { throw source.Named(e); }
                cache?.Remember(source.Relative, stamp, image);
            }
            inspected[i] = image;
        });

        // Each hash once, whatever stories and authors share it.
        var byHash = new Dictionary<string, Uses>(StringComparer.Ordinal);
        var storyHashes = new Dictionary<(string, string), string>();
        var authorHashes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < sources.Count; i++)
        {
            if (inspected[i] is not { } image) continue;
            var source = sources[i];
            if (!byHash.TryGetValue(image.Hash, out var uses)) byHash[image.Hash] = uses = new Uses(source, image);
            if (source.Author is { } author)
            {
                uses.Portrait = true;
                authorHashes[author.Key] = image.Hash;
            }
            else
            {
                uses.Whole = true;
                storyHashes[(source.StoryKey!, source.Name!)] = image.Hash;
            }
        }
        foreach (var version in index.Versions)
            if (version.Image is { } name && storyHashes.TryGetValue((version.Story.Key, name), out var hash))
                byHash[hash].Foci.Add(version.ImageFocus ?? ImageFocus.Centre);

        var published = new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal);
        if (!context.Diagnostics.HasErrors)
        {
            var groups = byHash.Values.ToList();
            var lengths = new Dictionary<string, long>?[groups.Count];
            var missing = new List<ImageVariant>[groups.Count];
            context.ForEach(groups.Count, i =>
            {
                var found = new Dictionary<string, long>(StringComparer.Ordinal);
                missing[i] = output.IsReadOnly ? [] : Take(groups[i].First, groups[i].Image, groups[i].Variants(context.Site.ImageFormats), output, cache!, found);
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
                    var named = groups[i].First.Named(e);
                    context.Diagnostics.Error(named.Message, named.File, named.Line);
                    lengths[i] = null;
                }
            }
            for (var i = 0; i < groups.Count; i++)
                if (lengths[i] is { } found) published[groups[i].Image.Hash] = found;
        }
        // A failed build publishes nothing and its errors are said; the record waits for a build that succeeds (on a full
        // disk, saving it would only fail again).
        if (!context.Diagnostics.HasErrors) cache?.Save(byHash.Keys.ToHashSet(StringComparer.Ordinal));
        _images = byHash.Count;

        var formats = context.Site.ImageFormats;
        var storyImages = published.Where(p => byHash[p.Key].Whole)
            .ToDictionary(p => p.Key, p => PublishedImage.Story(byHash[p.Key].Image, formats, p.Value), StringComparer.Ordinal);
        var byStory = new Dictionary<string, IReadOnlyDictionary<string, PublishedImage>>(StringComparer.Ordinal);
        foreach (var group in storyHashes.GroupBy(s => s.Key.Item1))
            byStory[group.Key] = group.Where(s => storyImages.ContainsKey(s.Value))
                .ToDictionary(s => s.Key.Item2, s => storyImages[s.Value], StringComparer.Ordinal);
        var byAuthor = authorHashes.Where(a => published.ContainsKey(a.Value))
            .ToDictionary(a => a.Key, a => PublishedImage.Portrait(byHash[a.Value].Image, formats, published[a.Value]), StringComparer.Ordinal);
        var catalog = new ImageCatalog(context.Site, byStory, byAuthor);
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
            // Its length is the published file's: kept only if that file still stands as published (not deleted by hand).
            if (output.TryKeep(path, Publish.Fingerprint.Of(path), first.Relative, readBack: true)) lengths[variant.FileName] = output.PublishedState(path)!.Value.Length;
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
        output.Render(path, Publish.Fingerprint.Of(path), stream => stream.Write(bytes), first.Relative);
        lengths[variant.FileName] = bytes.Length;
    }

    /// <summary>The folder of every image's files, from the output root.</summary>
    public const string OutputFolder = "/images/";

    private static string OutputPath(SourceImage image, ImageVariant variant) => $"{OutputFolder[1..]}{image.Hash}/{variant.FileName}";

    public override string? Summary => HasResult ? $"{_images} images, {_encoded} files encoded" : null;
}
