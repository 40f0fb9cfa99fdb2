using System.Text;
using System.Xml;
using StaticNews.Content;
using StaticNews.Engine;

namespace StaticNews.Import.Wordpress;

/// <summary>
/// Reads a WordPress export (WXR: RSS 2.0 with the <c>wp:</c> extension) one item at a time, so memory stays the
/// same whatever the size of the file. No DTD is read (an export never has one, and its entities could expand
/// without bound), nothing is fetched, and every problem is an <see cref="InputException"/> with the line.
/// </summary>
public sealed class WxrReader : IDisposable
{
    /// <summary>The versions of the format WordPress has written (2.5: 1.0, 3.1: 1.1, 3.4 on: 1.2).</summary>
    public static readonly IReadOnlyList<string> Versions = ["1.0", "1.1", "1.2"];

    /// <summary>A field longer than this is not an article (the build refuses story files past 10 MB too).</summary>
    public const int MaxFieldChars = (int)SourceText.MaxBytes;

    private const string WordpressNamespace = "http://wordpress.org/export/";
    private const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    private const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";

    /// <summary>The post meta the importer reads; the rest (edit locks, page builder data, plugin settings) is skipped unread.</summary>
    public static readonly IReadOnlySet<string> KeptMeta = new HashSet<string>(StringComparer.Ordinal)
    {
        WordpressMeta.Thumbnail, WordpressMeta.AttachedFile, WordpressMeta.ImageAlt, WordpressMeta.PrimaryCategory,
        WordpressMeta.WpmlLanguage, WordpressMeta.WpmlSourceLanguage, WordpressMeta.WpmlGroup,
    };

    private readonly FileStream _stream;
    private readonly ControlByteFilter _filter;
    private readonly XmlReader _reader;
    private readonly IXmlLineInfo _lines;
    private readonly string _file;
    private readonly bool _withBodies;
    private readonly StringBuilder _text = new();
    private readonly char[] _chunk = new char[8192];

    /// <param name="path">The export file.</param>
    /// <param name="file">Its name as the report shows it.</param>
    /// <param name="withBodies">Whether post content is read (the index pass skips it).</param>
    public WxrReader(string path, string file, bool withBodies)
    {
        _file = file;
        _withBodies = withBodies;
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        _filter = new ControlByteFilter(_stream);
        _reader = XmlReader.Create(_filter, new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            // Exports do carry control characters pasted from word processors: removed (see ControlByteFilter and
            // Text), with a note on the item, rather than failing a whole archive.
            CheckCharacters = false,
            MaxCharactersInDocument = 0,
            CloseInput = false,
        });
        _lines = (IXmlLineInfo)_reader;
    }

    public WxrChannel Channel { get; } = new();

    /// <summary>The export's items in file order. The channel's header fields are read as they come, before the first item.</summary>
    public IEnumerable<WxrItem> Items()
    {
        Guard(Start);
        while (Guard(NextItem) is { } item) yield return item;
    }

    private bool _inChannel;

    private void Start()
    {
        _reader.MoveToContent();
        if (_reader.NodeType != XmlNodeType.Element || _reader.LocalName != "rss")
            throw Error($"this is not a WordPress export: the document starts with <{_reader.Name}>, not <rss>");
        while (_reader.Read())
        {
            if (_reader.NodeType == XmlNodeType.Element && _reader.LocalName == "channel" && _reader.NamespaceURI.Length == 0)
            {
                if (_reader.IsEmptyElement) break;
                _reader.Read();
                _inChannel = true;
                return;
            }
        }
        throw Error("this is not a WordPress export: there is no <channel> in <rss>");
    }

    /// <summary>The next item, reading the channel's own fields on the way; null after the last one.</summary>
    private WxrItem? NextItem()
    {
        while (_inChannel)
        {
            if (_reader.NodeType == XmlNodeType.EndElement)
            {
                _inChannel = false;
                Finish();
                break;
            }
            if (_reader.NodeType != XmlNodeType.Element)
            {
                if (!_reader.Read()) throw Truncated();
                continue;
            }
            var ns = _reader.NamespaceURI;
            var name = _reader.LocalName;
            if (ns.Length == 0 && name == "item")
            {
                if (Channel.Version is null)
                    throw Error($"this is not a WordPress export: no <wp:wxr_version> before the first item (WordPress writes one; supported: {string.Join(", ", Versions)})");
                return ReadItem();
            }
            if (ns.Length == 0)
            {
                switch (name)
                {
                    case "title": Channel.Title = Text(); continue;
                    case "link": Channel.Link = Text(); continue;
                    case "language": Channel.Language = Text(); continue;
                }
            }
            else if (IsWordpress(ns))
            {
                switch (name)
                {
                    case "wxr_version":
                        var line = _lines.LineNumber;
                        var version = Text();
                        if (!Versions.Contains(version))
                            throw new InputException($"WXR version '{version}' is not one StaticNews reads ({string.Join(", ", Versions)}): export again from WordPress's Tools → Export", _file, line);
                        if (!ns.StartsWith(WordpressNamespace + version + "/", StringComparison.Ordinal))
                            throw new InputException($"WXR version '{version}' does not match the export's namespace {ns}", _file, line);
                        Channel.Version = version;
                        continue;
                    case "base_site_url": Channel.BaseSiteUrl = Text(); continue;
                    case "base_blog_url": Channel.BaseBlogUrl = Text(); continue;
                    case "author": ReadAuthor(); continue;
                    case "category": ReadCategory(); continue;
                }
            }
            _reader.Skip();
        }
        return null;
    }

    /// <summary>After the channel: only the closing &lt;/rss&gt; may follow; a file that stops before it was cut short.</summary>
    private void Finish()
    {
        while (_reader.Read()) { }
    }

    private WxrItem ReadItem()
    {
        var item = new WxrItem { Line = _lines.LineNumber };
        if (_reader.IsEmptyElement)
        {
            _reader.Read();
            return item;
        }
        var depth = _reader.Depth;
        _reader.Read();
        while (!(_reader.NodeType == XmlNodeType.EndElement && _reader.Depth == depth))
        {
            if (_reader.NodeType != XmlNodeType.Element)
            {
                if (!_reader.Read()) throw Truncated();
                continue;
            }
            var ns = _reader.NamespaceURI;
            var name = _reader.LocalName;
            if (ns.Length == 0)
            {
                switch (name)
                {
                    case "title": item.Title = Text(item); continue;
                    case "link": item.Link = Text(item); continue;
                    case "guid": item.Guid = Text(item); continue;
                    case "category":
                        var domain = _reader.GetAttribute("domain") ?? "category";
                        var nicename = _reader.GetAttribute("nicename") ?? "";
                        item.Terms.Add(new WxrTerm(domain, nicename, Text(item)));
                        continue;
                }
            }
            else if (ns == ContentNamespace && name == "encoded")
            {
                if (_withBodies) item.Content = Text(item, "content:encoded");
                else _reader.Skip();
                continue;
            }
            else if (ns == DublinCoreNamespace && name == "creator")
            {
                item.Creator = Text(item);
                continue;
            }
            else if (IsWordpress(ns) && ns.EndsWith("/excerpt/", StringComparison.Ordinal) && name == "encoded")
            {
                // Read in both passes: an attachment's excerpt is its caption.
                item.Excerpt = Text(item, "excerpt:encoded");
                continue;
            }
            else if (IsWordpress(ns))
            {
                switch (name)
                {
                    case "post_id": item.Id = Number(Text(item)); continue;
                    case "post_date": item.PostDate = Text(item); continue;
                    case "post_date_gmt": item.PostDateGmt = Text(item); continue;
                    case "post_modified": item.PostModified = Text(item); continue;
                    case "post_modified_gmt": item.PostModifiedGmt = Text(item); continue;
                    case "post_name": item.PostName = Text(item); continue;
                    case "status": item.Status = Text(item); continue;
                    case "post_parent": item.Parent = Number(Text(item)); continue;
                    case "menu_order": item.MenuOrder = (int)Math.Clamp(Number(Text(item)), int.MinValue, int.MaxValue); continue;
                    case "post_type": item.PostType = Text(item); continue;
                    case "post_password": item.Password = Text(item); continue;
                    case "attachment_url": item.AttachmentUrl = Text(item); continue;
                    case "postmeta": ReadMeta(item); continue;
                    case "comment": item.Comments++; _reader.Skip(); continue;
                }
            }
            _reader.Skip();
        }
        _reader.Read();
        return item;
    }

    private void ReadMeta(WxrItem item)
    {
        if (_reader.IsEmptyElement) { _reader.Read(); return; }
        var depth = _reader.Depth;
        _reader.Read();
        string? key = null, value = null;
        while (!(_reader.NodeType == XmlNodeType.EndElement && _reader.Depth == depth))
        {
            if (_reader.NodeType == XmlNodeType.Element && IsWordpress(_reader.NamespaceURI) && _reader.LocalName == "meta_key") key = Text(item);
            // The key comes first in every export; a value whose key is not one we keep is skipped unread.
            else if (_reader.NodeType == XmlNodeType.Element && IsWordpress(_reader.NamespaceURI) && _reader.LocalName == "meta_value" && key is not null && KeptMeta.Contains(key)) value = Text(item);
            else if (_reader.NodeType == XmlNodeType.Element) _reader.Skip();
            else if (!_reader.Read()) throw Truncated();
        }
        _reader.Read();
        if (key is not null && value is not null) item.Meta.TryAdd(key, value.Trim());
    }

    private void ReadAuthor()
    {
        var fields = Fields();
        var login = fields.GetValueOrDefault("author_login", "");
        if (login.Length > 0)
            Channel.Authors.TryAdd(login, new WxrAuthor(login, fields.GetValueOrDefault("author_display_name", ""),
                fields.GetValueOrDefault("author_first_name", ""), fields.GetValueOrDefault("author_last_name", "")));
    }

    private void ReadCategory()
    {
        var fields = Fields();
        var nicename = fields.GetValueOrDefault("category_nicename", "");
        if (nicename.Length > 0)
            Channel.Categories.TryAdd(nicename, new WxrCategory(Number(fields.GetValueOrDefault("term_id", "")), nicename, fields.GetValueOrDefault("cat_name", ""),
                fields.GetValueOrDefault("category_parent", ""), fields.GetValueOrDefault("category_description", "")));
    }

    /// <summary>The text of each child element of a small header element, by local name.</summary>
    private Dictionary<string, string> Fields()
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_reader.IsEmptyElement) { _reader.Read(); return fields; }
        var depth = _reader.Depth;
        _reader.Read();
        while (!(_reader.NodeType == XmlNodeType.EndElement && _reader.Depth == depth))
        {
            if (_reader.NodeType == XmlNodeType.Element) fields[_reader.LocalName] = Text();
            else if (!_reader.Read()) throw Truncated();
        }
        _reader.Read();
        return fields;
    }

    private string Text() => Text(null);

    /// <summary>
    /// The text of the current element (text and CDATA, however split), read a chunk at a time and never past
    /// <see cref="MaxFieldChars"/>: a field longer than an article is noted on the item and left out, so one huge
    /// element cannot take the memory a whole export would. The reader moves past the element.
    /// </summary>
    private string Text(WxrItem? item, string? field = null)
    {
        if (_reader.IsEmptyElement)
        {
            _reader.Read();
            return "";
        }
        var depth = _reader.Depth;
        _text.Clear();
        var oversized = false;
        _reader.Read();
        while (!(_reader.NodeType == XmlNodeType.EndElement && _reader.Depth == depth))
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    for (int n; (n = _reader.ReadValueChunk(_chunk, 0, _chunk.Length)) > 0;)
                    {
                        if (_text.Length + n <= MaxFieldChars) _text.Append(_chunk, 0, n);
                        else oversized = true;
                    }
                    if (!_reader.Read()) throw Truncated();
                    break;
                case XmlNodeType.Element:
                    _reader.Skip();
                    break;
                default:
                    if (!_reader.Read()) throw Truncated();
                    break;
            }
        }
        _reader.Read();
        if (oversized)
        {
            if (item is not null) item.Oversized ??= field ?? _reader.Name;
            return "";
        }
        var text = _text.ToString();
        if (TextTools.IndexOfInvalid(text) >= 0)
        {
            if (item is not null) item.HadInvalidCharacters = true;
            text = TextTools.StripInvalid(text);
        }
        return text;
    }

    private static bool IsWordpress(string ns) => ns.StartsWith(WordpressNamespace, StringComparison.Ordinal);

    private static long Number(string text) => long.TryParse(text.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;

    private InputException Error(string message) => new(message, _file, _lines.LineNumber > 0 ? _lines.LineNumber : null);

    private InputException Truncated() =>
        new("the export ends in the middle of the document: the file is cut short (an interrupted download or a full disk?); export it again", _file, _lines.LineNumber);

    /// <summary>Runs one step of reading, turning the XML parser's errors into one clear line with the file and line.</summary>
    private T Guard<T>(Func<T> step)
    {
        try { return step(); }
        catch (XmlException e) { throw Explain(e); }
    }

    private void Guard(Action step)
    {
        try { step(); }
        catch (XmlException e) { throw Explain(e); }
    }

    private InputException Explain(XmlException e)
    {
        int? line = e.LineNumber > 0 ? e.LineNumber : _lines.LineNumber > 0 ? _lines.LineNumber : null;
        // The parser knows it hit the end of the file; the read position tells it apart from a bad byte earlier on.
        if (_stream.Position >= _stream.Length && _reader.EOF is false && e.Message.Contains("end of file", StringComparison.OrdinalIgnoreCase))
            return new InputException("the export ends in the middle of the document: the file is cut short (an interrupted download or a full disk?); export it again", _file, line);
        if (e.Message.Contains("DTD", StringComparison.Ordinal))
            return new InputException("the export has a DOCTYPE declaration, which WordPress never writes; its entities could expand without bound (an \"entity bomb\"), so the file is refused", _file, line ?? DoctypeLine());
        var reason = e.Message;
        var cut = reason.IndexOf(" Line ", StringComparison.Ordinal);
        if (cut > 0) reason = reason[..cut];
        return new InputException($"the export is not well-formed XML: {reason.TrimEnd('.', ' ')}", _file, line);
    }

    /// <summary>
    /// The line of the DOCTYPE, which the parser refuses before it counts lines: it can only be in the prolog, so
    /// the file's start is searched for it.
    /// </summary>
    private int? DoctypeLine()
    {
        using var stream = new FileStream(_stream.Name, FileMode.Open, FileAccess.Read, FileShare.Read);
        var head = new byte[64 * 1024];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var at = head.AsSpan(0, read).IndexOf("<!DOCTYPE"u8);
        return at < 0 ? null : head.AsSpan(0, at).Count((byte)'\n') + 1;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _filter.Dispose();
    }
}

/// <summary>The post meta keys the importer reads.</summary>
public static class WordpressMeta
{
    /// <summary>The featured image: an attachment's post id.</summary>
    public const string Thumbnail = "_thumbnail_id";
    /// <summary>An attachment's file, relative to wp-content/uploads (2019/05/foto.jpg).</summary>
    public const string AttachedFile = "_wp_attached_file";
    public const string ImageAlt = "_wp_attachment_image_alt";
    /// <summary>Yoast SEO's primary category (a term id), where a post has several.</summary>
    public const string PrimaryCategory = "_yoast_wpseo_primary_category";
    /// <summary>WPML Export and Import: the version's language, its source's language, and the group it belongs to.</summary>
    public const string WpmlLanguage = "_wpml_import_language_code";
    public const string WpmlSourceLanguage = "_wpml_import_source_language_code";
    public const string WpmlGroup = "_wpml_import_translation_group";
}
