using System.Text.Json;
using System.Web;
using StaticNews.Tests.Browser.Support;

namespace StaticNews.Tests.Browser;

/// <summary>The language switcher, the chooser and the share links lead where they should.</summary>
[Collection("browser")]
public sealed class NavigationLinkTests(BrowserSite site)
{
    public static TheoryData<string, string> SwitcherPages()
    {
        var data = new TheoryData<string, string>();
        foreach (var lang in SitePages.Languages)
            foreach (var kind in new[] { "home", "story", "category", "tag" })
                data.Add(kind, lang.Code);
        return data;
    }

    public static TheoryData<string> Languages => SitePages.LanguageCodes();

    [Theory]
    [MemberData(nameof(SwitcherPages))]
    public async Task Language_switcher_leads_to_the_same_page_in_each_other_language(string kind, string lang)
    {
        var path = site.PathOf(kind, lang);
        await using var probe = await site.OpenAsync(path);
        var links = await probe.Page.Locator(".language-switcher a").EvaluateAllAsync<JsonElement>(
            "els => els.map(a => ({ href: a.getAttribute('href'), hreflang: a.hreflang }))");
        var current = await probe.Page.Locator(".language-switcher [aria-current=page]").GetAttributeAsync("lang");
        Assert.Equal(SitePages.Languages.Single(l => l.Code == lang).Hreflang, current);
        var xDefault = await XDefaultAsync(probe);

        var targets = links.EnumerateArray().Select(l => (Href: l.GetProperty("href").GetString()!, Hreflang: l.GetProperty("hreflang").GetString()!)).ToList();
        Assert.NotEmpty(targets);
        if (kind == "story")
        {
            // A story's switcher offers exactly its other versions: the hreflang alternates minus itself and x-default.
            var alternates = await probe.Page.Locator("link[rel=alternate][hreflang]:not([hreflang=x-default])").EvaluateAllAsync<string[]>("els => els.map(l => l.hreflang)");
            Assert.Equal(alternates.Where(h => h != current).Order(), targets.Select(t => t.Hreflang).Order());
        }

        foreach (var (href, hreflang) in targets)
        {
            Assert.NotNull(site.Server.FileFor(href));
            var response = await probe.Page.GotoAsync(site.Server.Url(href).ToString());
            Assert.Equal(200, response!.Status);
            Assert.Equal(hreflang, await probe.EvalAsync<string>("document.documentElement.lang"));
            if (kind == "story") Assert.Equal(xDefault, await XDefaultAsync(probe)); // the same story, not just any page
            else Assert.EndsWith(path[(lang.Length + 1)..], href); // /en/category/x/ -> /ar/category/x/
        }
        Assert.Empty(probe.ForeignRequests);
    }

    [Fact]
    public async Task Chooser_leads_to_each_language_front_page()
    {
        await using var probe = await site.OpenAsync("/");
        var hrefs = await probe.Page.Locator(".language-chooser a").EvaluateAllAsync<string[]>("els => els.map(a => a.getAttribute('href'))");
        Assert.Equal(SitePages.Languages.Select(l => $"/{l.Code}/"), hrefs);
        foreach (var lang in SitePages.Languages)
        {
            await probe.Page.GotoAsync(site.Server.Url("/").ToString());
            await probe.Page.Locator($".language-chooser a[hreflang='{lang.Hreflang}']").ClickAsync();
            Assert.Equal(site.Server.Url($"/{lang.Code}/").ToString(), probe.Page.Url);
            Assert.Equal(lang.Hreflang, await probe.EvalAsync<string>("document.documentElement.lang"));
        }
    }

    private static readonly Dictionary<string, string> ShareHosts = new()
    {
        ["share-whatsapp"] = "wa.me",
        ["share-facebook"] = "www.facebook.com",
        ["share-x"] = "x.com",
        ["share-telegram"] = "t.me",
        ["share-line"] = "social-plugins.line.me",
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Share_links_carry_the_page_url_encoded(string lang)
    {
        var path = site.PathOf("story", lang);
        await using var probe = await site.OpenAsync(path);
        var canonical = await probe.Page.Locator("link[rel=canonical]").GetAttributeAsync("href");
        Assert.Equal(path, new Uri(canonical!).AbsolutePath);
        var title = await probe.Page.Locator("main h1").InnerTextAsync();

        var links = await probe.Page.Locator(".share a").EvaluateAllAsync<JsonElement>("els => els.map(a => ({ cls: a.className, href: a.getAttribute('href') }))");
        Assert.Equal(6, links.GetArrayLength());
        foreach (var link in links.EnumerateArray())
        {
            var (cls, href) = (link.GetProperty("cls").GetString()!, link.GetProperty("href").GetString()!);
            // The URL travels percent-encoded: no raw ':' or '/' of the page URL leaks into the query.
            Assert.Contains(Uri.EscapeDataString(canonical!), href);
            var uri = new Uri(href);
            var query = HttpUtility.ParseQueryString(uri.Query);
            var values = query.AllKeys.Select(k => query[k]!).ToList();
            Assert.Contains(values, v => v == canonical || v.EndsWith(" " + canonical, StringComparison.Ordinal));
            if (cls == "share-email")
            {
                Assert.Equal("mailto", uri.Scheme);
                Assert.Equal(title, query["subject"]);
            }
            else
            {
                Assert.Equal("https", uri.Scheme);
                Assert.Equal(ShareHosts[cls], uri.Host);
            }
        }
    }

    private static Task<string?> XDefaultAsync(PageProbe probe) =>
        probe.Page.Locator("link[rel=alternate][hreflang=x-default]").GetAttributeAsync("href");
}
