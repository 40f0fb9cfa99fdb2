using System.Text.Json.Nodes;
using StaticNews.Configuration;
using StaticNews.Stories;

namespace StaticNews.Pages;

/// <summary>schema.org Person for bylines (NewsArticle author and translator) and the ProfilePage of an author's page.</summary>
public static class PersonJsonLd
{
    /// <summary>
    /// A byline: an author of authors.yml by name, their page in this language as <c>url</c> and their profiles as
    /// <c>sameAs</c>; a name as written by name alone. A machine translation's translator (the engine) is an Organization.
    /// </summary>
    public static JsonObject Person(Byline byline, LanguageConfig language, SiteConfig site, bool organization = false)
    {
        var person = new JsonObject
        {
            ["@type"] = organization ? "Organization" : "Person",
            ["name"] = byline.Name(language.Code, site.DefaultLanguage),
        };
        if (byline.Author is { } author)
        {
            person["url"] = site.AbsoluteUrl(Permalinks.Author(language.Code, author.Key));
            if (SameAs(author.Url, author.Social.Select(s => s.Url)) is { } sameAs) person["sameAs"] = sameAs;
        }
        return person;
    }

    /// <summary>The ProfilePage of an author's page: the Person it is about, with their role, bio, photo and profiles.</summary>
    public static HtmlString ProfilePage(AuthorProfileModel profile, string pageUrl, LanguageConfig language, SiteConfig site)
    {
        var person = new JsonObject { ["@type"] = "Person", ["name"] = profile.Name, ["url"] = pageUrl };
        if (profile.Role is { } role) person["jobTitle"] = role;
        if (profile.Bio is { } bio) person["description"] = bio;
        if (profile.Photo is { } photo) person["image"] = new Uri(site.BaseUrl, photo.Src).AbsoluteUri;
        if (SameAs(null, profile.Links.Select(l => l.Href)) is { } sameAs) person["sameAs"] = sameAs;
        return NewsArticleJsonLd.Script(new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "ProfilePage",
            ["url"] = pageUrl,
            ["inLanguage"] = language.Hreflang,
            ["mainEntity"] = person,
        });
    }

    private static JsonArray? SameAs(string? url, IEnumerable<string> profiles)
    {
        var all = (url is null ? profiles : profiles.Prepend(url)).ToList();
        return all.Count == 0 ? null : new JsonArray([.. all.Select(u => (JsonNode)u)]);
    }
}
