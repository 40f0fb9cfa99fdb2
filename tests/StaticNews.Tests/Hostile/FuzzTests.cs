using System.Text;
using CsCheck;
using StaticNews.Engine;
using StaticNews.Tests.Support;

namespace StaticNews.Tests.Hostile;

/// <summary>
/// Property: for any generated story files (random YAML front matter, hostile Markdown, every script,
/// control characters, broken UTF-8), the build either succeeds with every output well-formed, or
/// fails with error diagnostics — never an unhandled exception, never an internal error.
/// STATICNEWS_FUZZ_ITERATIONS sets the case count (default 200, e.g. 10000 for a long run);
/// STATICNEWS_FUZZ_SEED replays a failing case that CsCheck printed.
/// </summary>
public sealed class FuzzTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private static readonly string[] Atoms =
    [
        "a", "kata", "Berita ", "the ", "1", "2026", " ", " ", "  ", "\t", "\n", "\n", "\n\n", "\r\n", "\r",
        "中文", "日本語のニュース", "。", "العربية", "\u200f", "\u202e", "😀", "👩‍👩‍👧", "é", "e\u0301", "\u200b", "\ufeff",
        "\u0000", "\u0001", "\u001b[31m", "\u007f", "\u0085", "\ud800", "\udfff", "\ufffe",
        "<", ">", "&", "\"", "'", "`", "```", "~~~", "*", "_", "#", "# ", "> ", "- ", "1. ", "| a | b |", "|---|---|", "[", "]", "(", ")", "!", ":", "---", "...",
        "<script>alert(1)</script>", "</script>", "<img src=x onerror=alert(1)>", "<a href=\"javascript:alert(1)\">x</a>",
        "[x](javascript:alert(1))", "![i](data:image/png;base64,AA==)", "<iframe src=\"https://evil.example/\">", "<!--", "-->",
        "]]>", "<![CDATA[", "{{ 7*7 }}", "{%", "%}", "&amp;", "&#0;", "&#xD800;", "&nbsp;", "<div>", "</div>", "<p", "<table><tr><td>",
        "[^1]", "[^1]: note", "- [ ] task", "<https://example.org>", "www.example.org", "\\", "%2e%2e", "../", "/",
    ];

    private static readonly Gen<string> Text = Gen.OneOf(Atoms).Array[0, 24].Select(parts => string.Concat(parts));

    /// <summary>A YAML value: plain, quoted, or some structure YAML allows (and some it does not).</summary>
    private static readonly Gen<string> YamlValue = Gen.Frequency(
        (4, Text.Select(Quoted)),
        (3, Text.Select(t => t.Replace("\n", " ").Replace("\r", " "))),
        (2, Gen.OneOf("2026-10-01T10:00:00+07:00", "2026-10-01", "2026-13-45T99:00", "27/11/2026", "1999-01-01T00:00:00Z", "9999-12-31", "0001-01-01")),
        (2, Gen.OneOf("[a, b]", "[pemilu, ekonomi]", "{x: y}", "[", "{", "&a x", "*a", "|\n  block\n  text", ">-\n  folded", "!!binary aGk=",
            "!custom x", "null", "~", "true", "no", "machine", "human", "original", "''", "[[[[]]]]", "- a\n  - b", "? x")),
        (1, Gen.Int[0, 5].Select(n => string.Concat(Enumerable.Repeat("[", n)) + string.Concat(Enumerable.Repeat("]", n)))));

    private static readonly string[] Keys =
        ["title", "title", "date", "date", "updated", "author", "category", "tags", "summary", "image", "image_alt", "translation", "slug", "draft", "x", "Title", "tags "];

    private static string Quoted(string text) =>
        "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r").Replace("\t", "\\t") + "\"";

    /// <summary>Free-text fields: any text is valid there, so these stories should build.</summary>
    private static readonly Gen<string> TextFields = Gen.Select(Gen.OneOf("author", "summary", "image_alt"), Text)
        .Array[0, 3].Select(fields => string.Concat(fields.DistinctBy(f => f.Item1).Select(f => $"{f.Item1}: {Quoted(f.Item2)}\n")));

    private static readonly Gen<string> FrontMatter = Gen.Frequency(
        // Well-formed: a title, a date, free text anywhere.
        (6, Gen.Select(Text, TextFields, (title, fields) => $"title: {Quoted("T " + title)}\ndate: 2026-10-01T10:00:00+07:00\n{fields}")),
        // Well-formed but for one random field.
        (2, Gen.Select(Text, Gen.OneOf(Keys), YamlValue, (title, key, value) => $"title: {Quoted("T " + title)}\ndate: 2026-10-01T10:00:00+07:00\n{key}: {value}\n")),
        // Anything: random key/value lines, or raw text.
        (1, Gen.Select(Gen.OneOf(Keys), YamlValue).Array[0, 6].Select(e => string.Concat(e.Select(p => $"{p.Item1}: {p.Item2}\n")))),
        (1, Text));

    private static readonly Gen<byte[]> File1 = Gen.Select(FrontMatter, Text, Gen.Int[0, 19], (yaml, body, shape) =>
    {
        var text = shape switch
        {
            0 => yaml + body,                       // no fences
            1 => "---\n" + yaml + body,             // not closed
            2 => "\ufeff---\r\n" + yaml.Replace("\n", "\r\n") + "---\r\n" + body,
            _ => "---\n" + yaml + "---\n" + body,
        };
        var bytes = Encoding.UTF8.GetBytes(text);
        return shape == 3 ? [.. bytes, 0xFF, 0xC3] : bytes; // now and then bytes that are not UTF-8
    });

    /// <summary>One to three stories, each an original and maybe translations.</summary>
    private static readonly Gen<(string Path, byte[] Bytes)[]> Files = Gen.Select(
        Gen.Frequency((8, Gen.OneOf("berita", "kabar-2", "日本", "a.b")), (1, Gen.OneOf("x y", "CON", ".hidden", "-"))).Array[1, 3],
        File1.Array[1, 3],
        (stories, files) => stories.Distinct().SelectMany((s, i) => files.Select((f, j) => ($"articles/{s}/{new[] { "id", "en", "ar" }[j]}.md", f)))
                                   .DistinctBy(f => f.Item1).ToArray());

    [Fact]
    public void Any_input_builds_well_formed_output_or_fails_with_diagnostics()
    {
        var iterations = FuzzRuns.Iterations(inCi: 200);
        var seed = FuzzRuns.Seed;
        int built = 0, refused = 0;
        Files.Sample(files =>
        {
            using var temp = new TempDir();
            var input = SiteBuild.WriteSite(temp, new Dictionary<string, string>());
            foreach (var (path, bytes) in files)
            {
                var full = Path.Combine(input, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllBytes(full, bytes);
            }
            var output = temp.Combine("output");
            var report = SiteBuild.Run(input, output, configure: o => o with { Parallelism = 1 });

            var internalErrors = report.Diagnostics.Where(d => d.Message.StartsWith(InternalError.Prefix, StringComparison.Ordinal)).ToList();
            if (internalErrors.Count > 0) throw new Exception(string.Join("\n", internalErrors));
            if (report.Success)
            {
                var problems = OutputChecks.Problems(output);
                if (problems.Count > 0) throw new Exception("built, but not well-formed:\n" + string.Join("\n", problems.Take(5)));
                Interlocked.Increment(ref built);
            }
            else if (report.Errors == 0 || Directory.Exists(output))
                throw new Exception("failed without an error diagnostic, or wrote the output anyway");
            else Interlocked.Increment(ref refused);
        }, iter: iterations, seed: seed, print: Describe);
        log.WriteLine($"{iterations} cases: {built} built with every output well-formed, {refused} refused with diagnostics");
        if (seed is null && iterations >= 100)
            Assert.True(built > 0 && refused > 0, "the generator should produce both buildable and broken input");
    }

    private static string Describe((string Path, byte[] Bytes)[] files) =>
        string.Join("\n", files.Select(f => $"{f.Path}:\n{Convert.ToBase64String(f.Bytes)}"));
}
