using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace StaticNews.Import.Wordpress;

/// <summary>An attachment of the export (an uploaded file): its post id, parent post, file under wp-content/uploads, address, and texts.</summary>
public sealed record Attachment(long Id, long Parent, string File, string Url, string Title, string Caption, string Alt, int MenuOrder);

/// <summary>What converting one post's body needs from the import: where its media go, what old links become, where warnings go.</summary>
public sealed class BodyContext
{
    /// <summary>site.yml's <c>embeds</c>.</summary>
    public required IReadOnlyCollection<string> EmbedHosts { get; init; }
    /// <summary>A file of the old site (an image, a PDF) copied into the story folder: its name there, or null if it could not be.</summary>
    public required Func<string, string?> LocalFile { get; init; }
    /// <summary>The new address of a link to another imported post, or null.</summary>
    public required Func<string, string?> NewLink { get; init; }
    public required Func<long, Attachment?> Attachment { get; init; }
    /// <summary>The files uploaded to this post, in their gallery order.</summary>
    public required Func<IReadOnlyList<Attachment>> AttachedFiles { get; init; }
    public required Action<string> Warn { get; init; }
}

/// <summary>
/// A WordPress post body (classic editor HTML or block markup) made into Markdown. Everything is done on the
/// parsed DOM: block comments, shortcodes (found in text nodes only), the classic editor's paragraphs (blank lines),
/// media moved into the story folder, old links pointed at their new pages; then <see cref="HtmlToMarkdown"/>.
/// </summary>
public sealed class PostBody(BodyContext context)
{
    private static readonly HtmlParser Parser = new();

    public string Convert(string content)
    {
        var document = Parser.ParseDocument("");
        var body = document.Body!;
        foreach (var node in Parser.ParseFragment(content, body).ToArray()) body.AppendChild(node);

        var blocks = HasBlocks(body);
        if (blocks) Blocks(body);
        RemoveComments(body);
        ExpandShortcodes(body);
        if (!blocks) AutoParagraphs.Apply(body);
        BareLinkEmbeds(body);
        Media(body);
        return HtmlToMarkdown.Convert(body);
    }

    private static bool HasBlocks(IElement body) =>
        body.Descendants<IComment>().Any(c => c.Data.TrimStart().StartsWith("wp:", StringComparison.Ordinal));

    /// <summary>Drops comments (block markers, &lt;!--more--&gt;) and joins the text around them, as if they had never been there.</summary>
    private static void RemoveComments(IElement body)
    {
        foreach (var comment in body.Descendants<IComment>().ToList()) comment.Remove();
        body.Normalize();
    }

    // ---- Gutenberg blocks ----

    /// <summary>Blocks whose markup in the export is complete; anything the editor renders on the server comes as a bare comment.</summary>
    private static readonly HashSet<string> QuietEmptyBlocks = ["more", "nextpage", "spacer", "separator"];

    private void Blocks(IElement body)
    {
        foreach (var comment in body.Descendants<IComment>().ToList())
        {
            var data = comment.Data.Trim();
            if (!data.StartsWith("wp:", StringComparison.Ordinal)) continue;
            var selfClosing = data.EndsWith('/');
            if (selfClosing) data = data[..^1].TrimEnd();
            var space = data.IndexOf(' ');
            var name = (space < 0 ? data : data[..space])[3..];
            var json = space < 0 ? "" : data[(space + 1)..].Trim();
            var shortName = name.StartsWith("core/", StringComparison.Ordinal) ? name[5..] : name;
            if (selfClosing)
            {
                if (!QuietEmptyBlocks.Contains(shortName))
                    context.Warn($"block wp:{name} is drawn by WordPress when the page is shown and has no content in the export; it was left out");
                continue;
            }
            if (shortName == "embed" || shortName.StartsWith("core-embed/", StringComparison.Ordinal))
            {
                var url = JsonString(json, "url");
                var end = ClosingComment(comment, name);
                if (url is null || end is null) continue;
                var caption = Between(comment, end).OfType<IElement>().Select(e => e.LocalName == "figcaption" ? e : e.QuerySelector("figcaption")).FirstOrDefault(c => c is not null);
                var embed = Embed(url, body.Owner!);
                if (caption is not null && embed is IElement { LocalName: "figure" } figure) figure.AppendChild(caption.Clone(true));
                comment.Parent!.InsertBefore(embed, comment);
                RemoveRange(comment, end);
            }
        }
        // A gallery block nests a figure per image in a figure (or a list): each image becomes a figure of its own.
        foreach (var gallery in body.QuerySelectorAll("figure.wp-block-gallery, .blocks-gallery-grid").ToList())
        {
            if (gallery.Parent is null) continue;
            var images = gallery.QuerySelectorAll("figure").Where(f => f.QuerySelector("img") is not null).ToList();
            if (images.Count == 0) continue;
            foreach (var figure in images) gallery.Parent.InsertBefore(figure, gallery);
            gallery.Remove();
        }
    }

    private static IComment? ClosingComment(IComment opening, string name)
    {
        for (var node = opening.NextSibling; node is not null; node = node.NextSibling)
            if (node is IComment c && c.Data.Trim() == "/wp:" + name) return c;
        return null;
    }

    private static IEnumerable<INode> Between(INode first, INode last)
    {
        for (var node = first.NextSibling; node is not null && !ReferenceEquals(node, last); node = node.NextSibling) yield return node;
    }

    /// <summary>Removes <paramref name="first"/>, <paramref name="last"/> and the siblings between them.</summary>
    private static void RemoveRange(INode first, INode last)
    {
        var node = first;
        while (node is not null)
        {
            var next = node.NextSibling;
            node.RemoveFromParent();
            if (ReferenceEquals(node, last)) break;
            node = next;
        }
    }

    private static string? JsonString(string json, string property)
    {
        if (json.Length == 0) return null;
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString() : null;
        }
        catch (JsonException) { return null; }
    }

    // ---- Shortcodes ----

    private void ExpandShortcodes(IElement body)
    {
        var texts = body.Descendants<IText>().Where(t => !InsideCode(t) && t.Data.Contains('[')).ToList();
        if (texts.Count == 0) return;
        var closingNames = texts.SelectMany(t => Shortcodes.ClosingNames(t.Data)).ToHashSet(StringComparer.Ordinal);
        var markers = new Dictionary<IElement, ShortcodeTag>();
        var document = body.Owner!;
        foreach (var text in texts)
        {
            var tags = Shortcodes.Scan(text.Data, closingNames);
            if (tags.Count == 0) continue;
            var parent = text.Parent!;
            var data = text.Data;
            var at = 0;
            foreach (var tag in tags)
            {
                if (tag.Start > at) parent.InsertBefore(document.CreateTextNode(data[at..tag.Start]), text);
                var marker = document.CreateElement("sn-shortcode");
                markers[marker] = tag;
                parent.InsertBefore(marker, text);
                at = tag.Start + tag.Length;
            }
            if (at < data.Length) parent.InsertBefore(document.CreateTextNode(data[at..]), text);
            text.RemoveFromParent();
        }
        foreach (var (marker, tag) in markers)
        {
            if (marker.Parent is null || tag.Closing) continue;
            var close = tag.SelfClosing ? null : Matching(marker, tag.Name, markers);
            var content = new List<INode>();
            if (close is not null)
                for (var node = marker.NextSibling; node is not null && !ReferenceEquals(node, close); node = node.NextSibling) content.Add(node);
            var replacement = Expand(tag, content, document);
            foreach (var node in replacement) marker.Parent.InsertBefore(node, marker);
            if (close is not null) RemoveRange(marker, close);
            else marker.Remove();
        }
        // Closing tags left over (their opening tag was in another paragraph): WordPress would not have matched them either.
        foreach (var (marker, tag) in markers)
        {
            if (marker.Parent is null) continue;
            if (!Shortcodes.Builtin.Contains(tag.Name)) context.Warn($"shortcode [/{tag.Name}] has no opening tag beside it; removed");
            marker.Remove();
        }
    }

    private static IElement? Matching(IElement opening, string name, Dictionary<IElement, ShortcodeTag> markers)
    {
        var depth = 0;
        for (var node = opening.NextSibling; node is not null; node = node.NextSibling)
        {
            if (node is not IElement e || !markers.TryGetValue(e, out var tag) || tag.Name != name) continue;
            if (!tag.Closing && !tag.SelfClosing) depth++;
            else if (tag.Closing && depth-- == 0) return e;
        }
        return null;
    }

    private IEnumerable<INode> Expand(ShortcodeTag tag, List<INode> content, IDocument document)
    {
        switch (tag.Name)
        {
            case "caption" or "wp_caption":
                return Caption(tag, content, document);
            case "gallery":
                return Gallery(tag, document);
            case "embed":
                var url = string.Concat(content.Select(n => n.TextContent)).Trim();
                if (url.Length == 0) url = tag.Attribute("src") ?? tag.Positional.FirstOrDefault() ?? "";
                return url.Length == 0 ? [] : [Embed(url, document)];
            case "video" or "audio":
                var src = new[] { "src", "mp4", "m4v", "webm", "ogv", "mp3", "ogg", "wav", "m4a", "flv", "wmv" }.Select(tag.Attribute).FirstOrDefault(s => !string.IsNullOrEmpty(s));
                if (src is null)
                {
                    context.Warn($"shortcode [{tag.Name}] names no file; removed");
                    return [];
                }
                context.Warn($"shortcode [{tag.Name}] became a link to its file ({src}): the build publishes no {tag.Name} player");
                return [LinkParagraph(src, document)];
            default:
                context.Warn(content.Count > 0
                    ? $"shortcode [{tag.Name}] is a plugin's: StaticNews cannot run it; its tags were removed and the text inside kept"
                    : $"shortcode [{tag.Name}] is a plugin's: StaticNews cannot run it; it was removed");
                return content.Select(n => n.Clone(true));
        }
    }

    /// <summary>[caption]&lt;img ...&gt; Text of the caption[/caption]: a figure with the image and its caption.</summary>
    private IEnumerable<INode> Caption(ShortcodeTag tag, List<INode> content, IDocument document)
    {
        var imageIndex = content.FindIndex(n => n is IElement e && (e.LocalName == "img" || e.QuerySelector("img") is not null));
        if (imageIndex < 0)
        {
            context.Warn("shortcode [caption] holds no image; its text was kept");
            return content.Select(n => n.Clone(true));
        }
        var figure = document.CreateElement("figure");
        figure.AppendChild(content[imageIndex].Clone(true));
        var caption = document.CreateElement("figcaption");
        if (tag.Attribute("caption") is { Length: > 0 } attribute) caption.AppendChild(document.CreateTextNode(attribute));
        foreach (var node in content.Skip(imageIndex + 1)) caption.AppendChild(node.Clone(true));
        if (caption.TextContent.Trim().Length > 0) figure.AppendChild(caption);
        return [figure];
    }

    /// <summary>[gallery ids="1,2,3"] (or the post's own uploads): a figure per image, with its caption.</summary>
    private IEnumerable<INode> Gallery(ShortcodeTag tag, IDocument document)
    {
        var ids = tag.Attribute("ids") ?? tag.Attribute("include");
        var attachments = ids is null
            ? context.AttachedFiles()
            : ids.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(s => long.TryParse(s, out var id) ? context.Attachment(id) : null).OfType<Attachment>().ToList();
        if (attachments.Count == 0)
        {
            context.Warn("shortcode [gallery] names no image found in the export; removed");
            return [];
        }
        var figures = new List<INode>();
        foreach (var attachment in attachments)
        {
            var figure = document.CreateElement("figure");
            var image = document.CreateElement("img");
            image.SetAttribute("src", attachment.Url);
            image.SetAttribute("alt", attachment.Alt);
            figure.AppendChild(image);
            if (attachment.Caption.Trim().Length > 0)
            {
                var caption = document.CreateElement("figcaption");
                caption.TextContent = attachment.Caption.Trim();
                figure.AppendChild(caption);
            }
            figures.Add(figure);
        }
        return figures;
    }

    private static bool InsideCode(INode node)
    {
        for (var parent = node.ParentElement; parent is not null; parent = parent.ParentElement)
            if (parent.LocalName is "pre" or "code" or "script" or "style" or "textarea") return true;
        return false;
    }

    // ---- Embeds ----

    /// <summary>Services whose posts embed only with their own script: kept as a link to the post.</summary>
    private static readonly HashSet<string> ScriptEmbeds = ["twitter.com", "x.com", "instagram.com", "facebook.com", "tiktok.com", "threads.net"];

    private static bool IsProvider(string url) => ScriptEmbeds.Contains(Embeds.Service(url)) || Embeds.KnownPlayer(url) is not null;

    /// <summary>An embed: an iframe when the site allows its player's host, otherwise a paragraph linking the original.</summary>
    private INode Embed(string url, IDocument document)
    {
        url = url.Trim();
        if (Embeds.Player(url, context.EmbedHosts) is { } player)
        {
            var figure = document.CreateElement("figure");
            var frame = document.CreateElement("iframe");
            frame.SetAttribute("src", player);
            frame.SetAttribute("title", Embeds.Service(url));
            frame.SetAttribute("loading", "lazy");
            frame.SetAttribute("allowfullscreen", "");
            figure.AppendChild(frame);
            return figure;
        }
        var service = Embeds.Service(url);
        if (ScriptEmbeds.Contains(service))
            context.Warn($"embed of a post on {service} became a link to it: it shows only with {service}'s script");
        else if (Embeds.KnownPlayer(url) is { } candidate && Uri.TryCreate(candidate, UriKind.Absolute, out var host))
            context.Warn($"embed from {service} became a link: add {host.Host} to 'embeds' in site.yml and import again to embed it");
        else
            context.Warn($"embed from {service} became a link: StaticNews knows no player for it");
        return LinkParagraph(url, document);
    }

    private static IElement LinkParagraph(string url, IDocument document)
    {
        var paragraph = document.CreateElement("p");
        var link = document.CreateElement("a");
        link.SetAttribute("href", url);
        link.TextContent = url;
        paragraph.AppendChild(link);
        return paragraph;
    }

    /// <summary>A paragraph holding only a video or post address: WordPress showed it embedded (oEmbed), and so does the import.</summary>
    private void BareLinkEmbeds(IElement body)
    {
        foreach (var paragraph in body.QuerySelectorAll("p").ToList())
        {
            var text = paragraph.TextContent.Trim();
            if (text.Length == 0 || text.Contains(' ') || !text.StartsWith("http", StringComparison.OrdinalIgnoreCase)) continue;
            var onlyText = paragraph.Children.Length == 0
                || (paragraph.Children.Length == 1 && paragraph.Children[0] is { LocalName: "a" } a && a.GetAttribute("href")?.Trim() == text);
            if (!onlyText || !IsProvider(text)) continue;
            paragraph.Parent!.ReplaceChild(Embed(text, body.Owner!), paragraph);
        }
    }

    // ---- Media and links ----

    private static readonly HashSet<string> ImageExtensions = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"];

    private void Media(IElement body)
    {
        foreach (var image in body.QuerySelectorAll("img").ToList())
        {
            image.RemoveAttribute("srcset");
            image.RemoveAttribute("sizes");
            var src = image.GetAttribute("src");
            if (string.IsNullOrWhiteSpace(src)) { image.Remove(); continue; }
            if (context.LocalFile(src) is { } local) image.SetAttribute("src", local);
            // "Link to media file": a link around an image to the same image, or to its attachment page, goes.
            if (image.Parent is IElement { LocalName: "a" } link && link.Children.Length == 1 && link.TextContent.Trim().Length == 0
                && link.GetAttribute("href") is { } href && (IsUpload(href) || href.Contains("attachment_id=", StringComparison.Ordinal) || href.Contains("/attachment/", StringComparison.Ordinal)))
                link.Parent!.ReplaceChild(image, link);
        }
        foreach (var link in body.QuerySelectorAll("a[href]").ToList())
        {
            var href = link.GetAttribute("href")!;
            if (IsUpload(href))
            {
                if (context.LocalFile(href) is { } local) link.SetAttribute("href", local);
            }
            else if (context.NewLink(href) is { } moved) link.SetAttribute("href", moved);
        }
        foreach (var frame in body.QuerySelectorAll("iframe").ToList())
        {
            var src = frame.GetAttribute("src") ?? "";
            if (Embeds.Player(src, context.EmbedHosts) is { } player)
            {
                frame.SetAttribute("src", player);
                continue;
            }
            frame.Parent!.ReplaceChild(Embed(src, body.Owner!), frame);
        }
        foreach (var media in body.QuerySelectorAll("video, audio").ToList())
        {
            var src = media.GetAttribute("src") ?? media.QuerySelector("source[src]")?.GetAttribute("src");
            if (src is null) { media.Remove(); continue; }
            var local = IsUpload(src) ? context.LocalFile(src) : null;
            context.Warn($"{media.LocalName} became a link to its file ({src}): the build publishes no {media.LocalName} player");
            media.Parent!.ReplaceChild(LinkParagraph(local ?? src, body.Owner!), media);
        }
    }

    /// <summary>A file in the old site's uploads folder.</summary>
    public static bool IsUpload(string url) => url.Contains("/wp-content/uploads/", StringComparison.Ordinal);

    public static bool IsImageFile(string path) => ImageExtensions.Contains(Path.GetExtension(path).ToLowerInvariant());
}
