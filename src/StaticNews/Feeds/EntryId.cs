using System.Security.Cryptography;
using System.Text;
using StaticNews.Configuration;
using StaticNews.Stories;

namespace StaticNews.Feeds;

/// <summary>
/// A feed entry's id: a name-based UUID (RFC 9562 version 5) of the site's host and path, the story's key and the
/// version's language, as <c>urn:uuid:…</c>. It never changes when the version's address does (a slug edited, a date
/// fixed, the permalink pattern changed), so a reader never shows a story twice. It is not a tag URI: one needs a date,
/// and no date of a story is certain never to be corrected.
/// </summary>
public static class EntryId
{
    // RFC 9562's namespace for URLs: the name is the story version's identity written as one.
    private static readonly byte[] UrlNamespace = Convert.FromHexString("6ba7b8119dad11d180b400c04fd430c8");

    public static string For(SiteConfig site, StoryVersion version) =>
        "urn:uuid:" + NameBased($"{site.BaseUrl.Host}{site.BaseUrl.AbsolutePath}#story={version.Story.Key}&lang={version.Language.Code}");

    private static string NameBased(string name)
    {
        var hash = SHA1.HashData([.. UrlNamespace, .. Encoding.UTF8.GetBytes(name)]);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(hash, 0, 16);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
