using StaticNews.Content;

namespace StaticNews.Tests.Content;

/// <summary>
/// A body asked for by a page and then by a feed is rendered once while the build's recent bodies fit the
/// budget; past it, the oldest are let go and rendered again when asked for, never held beyond the budget.
/// </summary>
public sealed class RecentBodiesTests
{
    [Fact]
    public void A_body_asked_for_again_within_the_budget_is_not_rendered_again()
    {
        var bodies = new RecentBodies(budgetChars: 1000);
        var renders = 0;
        string Render() { renders++; return "<p>Banjir rob di Pekalongan</p>"; }

        var first = bodies.GetOrRender("articles/banjir/id.md", Render);
        var second = bodies.GetOrRender("articles/banjir/id.md", Render);

        Assert.Equal(1, renders);
        Assert.Same(first, second);
        Assert.Equal("<p>Gempa</p>", bodies.GetOrRender("articles/gempa/id.md", () => "<p>Gempa</p>"));
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
            return source.PadRight(100, '.');
        });

        foreach (var source in new[] { "a", "b", "c", "d" }) Ask(source);
        foreach (var source in new[] { "d", "c", "b" }) Ask(source); // the three newest are still there
        Assert.All(new[] { "b", "c", "d" }, source => Assert.Equal(1, renders[source]));

        Assert.Equal("a".PadRight(100, '.'), Ask("a")); // the oldest was let go: rendered again, the same body
        Assert.Equal(2, renders["a"]);
        Ask("b"); // kept again, "a" pushed out the oldest then, "b"
        Assert.Equal(2, renders["b"]);
        Ask("d"); // "b" pushed out "c"; "d" stays
        Assert.Equal(1, renders["d"]);
    }
}
