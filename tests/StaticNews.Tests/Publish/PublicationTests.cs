using System.Text;
using StaticNews.Publish;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Publish;

/// <summary>The publishing interface itself: begin, write, then commit or abort, and what each leaves in the output.</summary>
public sealed class PublicationTests
{
    private static PublishOptions Options(string output, string key = "test") => new() { OutputDirectory = output, CacheKey = key };

    private static byte[] Page(string text) => Encoding.UTF8.GetBytes($"<p>{text}</p>");

    [Fact]
    public void Commit_publishes_exactly_what_was_written_and_abort_leaves_the_output_as_it_was()
    {
        using var temp = new TempDir();
        var output = temp.Combine("output");
        using (var first = Publication.Begin(Options(output)))
        {
            first.Output.Write("index.html", Page("one"), "test");
            first.Output.Write("en/index.html", Page("en"), "test");
            Assert.True(first.Commit());
            Assert.True(first.Published);
        }
        var published = OutputChecks.Snapshot(output);
        Assert.Equal(["en/index.html", "index.html"], published.Keys);

        using (var second = Publication.Begin(Options(output)))
        {
            second.Output.Write("index.html", Page("two"), "test");
            second.Abort();
            Assert.False(second.Published);
        }
        Assert.Equal(published, OutputChecks.Snapshot(output));

        using (var third = Publication.Begin(Options(output)))
        {
            third.Output.Write("index.html", Page("three"), "test");
            // Disposed without a commit: the same as an abort.
        }
        Assert.Equal(published, OutputChecks.Snapshot(output));
        Assert.False(Directory.Exists(StateFolder.For(output).File("staging")));

        using (var fourth = Publication.Begin(Options(output)))
        {
            fourth.Output.Write("index.html", Page("four"), "test");
            Assert.True(fourth.Commit());
        }
        Assert.Equal(["index.html"], OutputChecks.Snapshot(output).Keys); // en/index.html is no longer published, and its folder is gone
        Assert.False(Directory.Exists(Path.Combine(output, "en")));
    }

    [Fact]
    public void A_file_that_appears_in_the_output_during_a_build_is_moved_aside_and_named_never_deleted()
    {
        using var temp = new TempDir();
        var output = temp.Combine("output");
        using (var first = Publication.Begin(Options(output)))
        {
            first.Output.Write("index.html", Page("one"), "test");
            first.Commit();
        }

        // Another key (as a new theme gives): the output is listed when the build begins, and the site swapped in whole.
        using var publication = Publication.Begin(Options(output, "another theme"));
        publication.Output.Write("index.html", Page("two"), "test");
        Directory.CreateDirectory(Path.Combine(output, "uploads"));
        File.WriteAllText(Path.Combine(output, "uploads", "draft.docx"), "saved into the output while the build ran");

        Assert.True(publication.Commit());

        Assert.Equal("<p>two</p>", File.ReadAllText(Path.Combine(output, "index.html")));
        var warning = Assert.Single(publication.Warnings);
        Assert.Contains($"{Path.Join(output, "uploads/draft.docx")} appeared in the output folder during the build", warning);
        var kept = Assert.Single(Directory.EnumerateDirectories(StateFolder.For(output).Path, "kept-*"));
        Assert.Contains(kept, warning);
        Assert.Equal("saved into the output while the build ran", File.ReadAllText(Path.Combine(kept, "uploads", "draft.docx")));
        Assert.False(File.Exists(Path.Combine(kept, "index.html"))); // what StaticNews published is removed as usual
    }

    [Fact]
    public void The_state_folder_is_beside_the_output_and_writes_its_files_whole()
    {
        using var temp = new TempDir();
        var state = StateFolder.For(temp.Combine("site", "output") + Path.DirectorySeparatorChar);
        Assert.Equal(temp.Combine("site", ".output.state"), state.Path);
        Assert.Null(state.OpenRead(StaticNews.Redirects.PublishedUrls.FileName));

        state.Save("images/index.tsv", stream => stream.Write("one"u8));
        Assert.Throws<InvalidOperationException>(() => state.Save("images/index.tsv", stream =>
        {
            stream.Write("half"u8);
            throw new InvalidOperationException("killed halfway");
        }));

        using var reader = new StreamReader(state.OpenRead("images/index.tsv")!);
        Assert.Equal("one", reader.ReadToEnd());
        Assert.Equal(["index.tsv"], Directory.EnumerateFileSystemEntries(state.File("images")).Select(Path.GetFileName));
    }
}
