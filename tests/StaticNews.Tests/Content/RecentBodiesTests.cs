using StaticNews.Content;

namespace StaticNews.Tests.Content;

/// <summary>
/// A body asked for by a page and then by a feed entry is rendered once, and let go after that second ask; bodies
/// nobody asks for again are kept only within the budget, the oldest going first.
/// </summary>
public sealed class RecentBodiesTests
{
    [Fact]
    public void A_body_is_rendered_once_for_its_two_askers_and_let_go_after_the_second()
    {
        var bodies = new RecentBodies(budgetChars: 1000);
        var renders = 0;
        RenderedBody Render() { renders++; return RenderedBody.Fixed("<p>Banjir rob di Pekalongan</p>"); }

        var page = bodies.GetOrRender("articles/banjir/id.md", Render);
        var entry = bodies.GetOrRender("articles/banjir/id.md", Render);
        Assert.Equal(1, renders);
        Assert.Same(page, entry);

        // A third asker (the link checker, say) gets the same body, rendered again: it was not held for it.
        Assert.Equal(page, bodies.GetOrRender("articles/banjir/id.md", Render));
        Assert.Equal(2, renders);
        Assert.Equal(RenderedBody.Fixed("<p>Gempa</p>"), bodies.GetOrRender("articles/gempa/id.md", () => RenderedBody.Fixed("<p>Gempa</p>")));
    }

    [Fact]
    public void Past_the_budget_the_oldest_bodies_go_first_and_are_rendered_again_when_asked_for()
    {
        // Each body is 100 characters; the budget holds three.
        var bodies = new RecentBodies(budgetChars: 300);
        var renders = new Dictionary<string, int>();
        string Ask(string source) => bodies.GetOrRender(source, () =>
        {
            renders[source] = renders.GetValueOrDefault(source) + 1;
            return RenderedBody.Fixed(source.PadRight(100, '.'));
        }).PageHtml;

        foreach (var source in new[] { "a", "b", "c", "d" }) Ask(source);
        foreach (var source in new[] { "d", "c", "b" }) Ask(source); // the three newest were still there
        Assert.All(new[] { "b", "c", "d" }, source => Assert.Equal(1, renders[source]));

        Assert.Equal("a".PadRight(100, '.'), Ask("a")); // the oldest was let go: rendered again, the same body
        Assert.Equal(2, renders["a"]);
        Ask("a"); // kept for its second ask this time
        Assert.Equal(2, renders["a"]);
    }
}
