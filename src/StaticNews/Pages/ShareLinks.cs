using StaticNews.Configuration;

namespace StaticNews.Pages;

/// <summary>Plain share links (no scripts, no trackers): each target's share URL with the page URL and title encoded.</summary>
public static class ShareLinks
{
    public static IReadOnlyList<ShareLinkModel> For(SiteConfig site, Strings strings, string absoluteUrl, string title)
    {
        var u = Uri.EscapeDataString(absoluteUrl);
        var t = Uri.EscapeDataString(title);
        return site.ShareTargets.Select(target => target switch
        {
            "whatsapp" => new ShareLinkModel(target, "WhatsApp", $"https://wa.me/?text={t}%20{u}"),
            "facebook" => new ShareLinkModel(target, "Facebook", $"https://www.facebook.com/sharer/sharer.php?u={u}"),
            "x" => new ShareLinkModel(target, "X", $"https://x.com/intent/post?url={u}&text={t}"),
            "telegram" => new ShareLinkModel(target, "Telegram", $"https://t.me/share/url?url={u}&text={t}"),
            "line" => new ShareLinkModel(target, "LINE", $"https://social-plugins.line.me/lineit/share?url={u}"),
            "email" => new ShareLinkModel(target, strings.Get("share_email"), $"mailto:?subject={t}&body={u}"),
            _ => throw new InvalidOperationException($"unknown share target {target}"),
        }).ToList();
    }
}
