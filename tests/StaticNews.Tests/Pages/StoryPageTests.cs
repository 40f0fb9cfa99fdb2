using AngleSharp.Dom;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Pages;

/// <summary>The sample site built end to end, every story page parsed and checked.</summary>
[Collection("sample site")]
public sealed class StoryPageTests(SampleSiteFixture site)
{
    private const string BaseUrl = "https://kabar-nusantara.example.org/";

    private IDocument PageOf(SampleInput.Version v) => HtmlPages.Load(site.Output, StoryFile(v));

    private string StoryFile(SampleInput.Version v)
    {
        var match = HtmlPages.StoryPages(site.Output).Select(f => Path.GetRelativePath(site.Output, f))
            .Where(f => f.StartsWith(v.Language + "/") && f.Contains("/" + v.Slug + "/")).ToList();
        Assert.Single(match);
        return match[0];
    }

    public static TheoryData<string, string> AllVersions()
    {
        var data = new TheoryData<string, string>();
        foreach (var v in SampleInput.Versions) data.Add(v.Story, v.Language);
        return data;
    }

    private static SampleInput.Version V(string story, string lang) => SampleInput.Versions.Single(v => v.Story == story && v.Language == lang);

    [Fact]
    public void Every_input_version_has_exactly_one_story_page()
    {
        Assert.Equal(SampleInput.Versions.Count, HtmlPages.StoryPages(site.Output).Count());
        Assert.True(SampleInput.Versions.Count >= 30, "the sample has six stories in up to six languages");
    }

    [Theory, MemberData(nameof(AllVersions))]
    public void Html_element_carries_language_and_direction(string story, string lang)
    {
        var html = PageOf(V(story, lang)).DocumentElement;
        Assert.Equal(lang == "zh" ? "zh-Hans" : lang, html.GetAttribute("lang"));
        Assert.Equal(lang == "ar" ? "rtl" : "ltr", html.GetAttribute("dir"));
    }

    [Theory, MemberData(nameof(AllVersions))]
    public void Hreflang_alternates_are_complete_absolute_and_reciprocal(string story, string lang)
    {
        var doc = PageOf(V(story, lang));
        var own = Alternates(doc);
        var canonical = doc.QuerySelector("link[rel=canonical]")!.GetAttribute("href")!;
        Assert.StartsWith(BaseUrl, canonical);

        // Every existing version, itself included, plus x-default pointing at the original.
        var versions = SampleInput.Versions.Where(v => v.Story == story).ToList();
        Assert.Equal(versions.Count + 1, own.Count);
        Assert.Equal(canonical, own[lang == "zh" ? "zh-Hans" : lang]);
        var original = PageOf(versions.Single(v => v.Translation == "original"));
        Assert.Equal(original.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), own["x-default"]);
        foreach (var (hreflang, href) in own)
        {
            Assert.True(Uri.TryCreate(href, UriKind.Absolute, out _), href);
            // Reciprocal: the page at each alternate lists exactly the same set.
            var other = HtmlPages.Parse(File.ReadAllText(HtmlPages.FileForUrl(site.Output, BaseUrl, href)));
            Assert.Equal(own, Alternates(other));
        }
    }

    [Theory, MemberData(nameof(AllVersions))]
    public void Translation_notice_appears_exactly_on_machine_translations_in_their_language(string story, string lang)
    {
        var version = V(story, lang);
        var doc = PageOf(version);
        var notices = doc.QuerySelectorAll(".translation-notice");
        if (version.Translation != "machine")
        {
            Assert.Empty(notices);
            if (version.Translation == "human")
                Assert.Contains(SampleInput.I18n(lang, "language_names.id"), doc.QuerySelector(".translated-from")!.TextContent);
            return;
        }
        var notice = Assert.Single(notices);
        var text = notice.TextContent;
        // Written in the page's language: names the original language and the machine-translated ones as this language's i18n file does.
        Assert.Contains(SampleInput.I18n(lang, "language_names.id"), text);
        foreach (var other in new[] { "en", "zh", "ja", "ar", "fr" })
            Assert.Contains(SampleInput.I18n(lang, "language_names." + other), text);
        Assert.Contains(SampleInput.I18n(lang, "list_last_separator").Trim(), text);
        // And not in another language's words.
        foreach (var other in new[] { "en", "fr", "id" }.Where(o => o != lang))
            Assert.DoesNotContain(SampleInput.I18n(other, "language_names.id") + " ", text.Replace(SampleInput.I18n(lang, "language_names.id"), ""));
        // Links to the original of this very story.
        var link = notice.QuerySelectorAll("a").Single(a => a.GetAttribute("hreflang") == "id");
        Assert.Equal(PageOf(V(story, "id")).QuerySelector("link[rel=canonical]")!.GetAttribute("href"), link.GetAttribute("href"));
    }

    [Theory, MemberData(nameof(AllVersions))]
    public void Language_switcher_leads_to_the_same_story_and_only_to_existing_versions(string story, string lang)
    {
        var doc = PageOf(V(story, lang));
        var links = doc.QuerySelectorAll(".language-switcher a").ToList();
        var others = SampleInput.Versions.Where(v => v.Story == story && v.Language != lang).ToList();
        Assert.Equal(others.Count, links.Count);
        foreach (var other in others)
        {
            var link = links.Single(a => a.GetAttribute("lang") == (other.Language == "zh" ? "zh-Hans" : other.Language));
            var target = HtmlPages.FileForHref(site.Output, link.GetAttribute("href")!)!;
            Assert.Equal(Path.GetFullPath(Path.Combine(site.Output, StoryFile(other))), Path.GetFullPath(target));
        }
    }

    [Theory, MemberData(nameof(AllVersions))]
    public void Date_is_localized_in_the_site_time_zone(string story, string lang)
    {
        var time = PageOf(V(story, lang)).QuerySelector(".dateline time")!;
        var iso = DateTimeOffset.Parse(time.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(7), iso.Offset); // Asia/Jakarta
        Assert.Contains(iso.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), time.TextContent);
        Assert.DoesNotContain(time.GetAttribute("datetime")!, time.TextContent);
        if (lang is "zh" or "ja") Assert.Contains("年", time.TextContent);
    }

    [Theory, MemberData(nameof(AllVersions))]
    public void Share_bar_has_localized_label_and_encoded_links(string story, string lang)
    {
        var doc = PageOf(V(story, lang));
        var share = doc.QuerySelector("nav.share")!;
        Assert.Equal(SampleInput.I18n(lang, "share"), share.QuerySelector(".share-label")!.TextContent);
        var canonical = doc.QuerySelector("link[rel=canonical]")!.GetAttribute("href")!;
        var hrefs = share.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(6, hrefs.Count);
        foreach (var host in new[] { "wa.me", "facebook.com", "x.com", "t.me", "line.me", "mailto:" })
            Assert.Contains(hrefs, h => h.Contains(host));
        Assert.All(hrefs, h => Assert.Contains(Uri.EscapeDataString(canonical), h));
    }

    [Fact]
    public void Every_internal_link_on_every_page_resolves_to_a_generated_file()
    {
        var checkedLinks = 0;
        foreach (var file in HtmlPages.HtmlFiles(site.Output))
        {
            var doc = HtmlPages.Load(site.Output, Path.GetRelativePath(site.Output, file));
            foreach (var href in doc.QuerySelectorAll("a[href], link[rel=stylesheet], img[src]").Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!))
            {
                var target = HtmlPages.FileForHref(site.Output, href);
                if (target is null) continue;
                Assert.True(File.Exists(target), $"{Path.GetRelativePath(site.Output, file)} links {href}, which was not generated");
                checkedLinks++;
            }
        }
        Assert.True(checkedLinks > 500, $"only {checkedLinks} internal links checked");
    }

    [Fact]
    public void Machine_translations_older_than_the_original_update_or_its_latest_correction_say_so()
    {
        static IEnumerable<DateTimeOffset> Dates(string story, string lang, string key) =>
            File.ReadAllLines(Path.Combine(Repo.SampleInput, "articles", story, lang + ".md")).Select(l => l.Trim().TrimStart('-').Trim())
                .Where(l => l.StartsWith(key + ":")).Select(l => DateTimeOffset.Parse(l[(key.Length + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture));
        static DateTimeOffset? Updated(string story, string lang) => Dates(story, lang, "updated").Cast<DateTimeOffset?>().FirstOrDefault();
        var stale = 0;
        foreach (var v in SampleInput.Versions.Where(v => v.Translation == "machine"))
        {
            var original = Updated(v.Story, "id");
            // The sample's machine translations record no translated time: the original's corrections (their "- date:"
            // lines, after its own date) are all later than the translation.
            var corrections = Dates(v.Story, "id", "date").Skip(1).ToList();
            var expectStale = (original is not null && (Updated(v.Story, v.Language) is not { } own || own < original))
                || corrections.Any(c => Updated(v.Story, v.Language) is not { } mine || mine < c);
            var marker = PageOf(v).QuerySelector(".translation-notice .stale-notice");
            Assert.True(expectStale == (marker is not null), $"{v.Story}/{v.Language}: stale expected {expectStale}");
            if (expectStale) stale++;
        }
        Assert.InRange(stale, 6, 9);
    }

    [Fact]
    public void Story_without_two_translations_offers_only_existing_versions_everywhere()
    {
        var missing = SampleInput.Versions.GroupBy(v => v.Story).Single(g => g.Count() == 4);
        var languages = missing.Select(v => v.Language).ToHashSet();
        Assert.DoesNotContain("ja", languages);
        var doc = PageOf(missing.Single(v => v.Language == "id"));
        Assert.Equal(languages.Count + 1, Alternates(doc).Count);
        Assert.DoesNotContain(doc.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.StartsWith("/ja/") && a.GetAttribute("href")!.Contains(missing.Key));
    }

    [Fact]
    public void Listings_paginate_and_language_homes_list_newest_first()
    {
        var home = HtmlPages.Load(site.Output, "id/index.html");
        var times = home.QuerySelectorAll(".story-card time").Select(t => DateTimeOffset.Parse(t.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(6, times.Count);
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.True(File.Exists(Path.Combine(site.Output, "index.html")));
        var chooser = HtmlPages.Load(site.Output, "index.html");
        Assert.Equal(6, chooser.QuerySelectorAll(".language-chooser a").Length);
        Assert.True(File.Exists(Path.Combine(site.Output, "ar", "404.html")));
    }

    private static Dictionary<string, string> Alternates(IDocument doc) =>
        doc.QuerySelectorAll("link[rel=alternate][hreflang]").ToDictionary(l => l.GetAttribute("hreflang")!, l => l.GetAttribute("href")!);
}
