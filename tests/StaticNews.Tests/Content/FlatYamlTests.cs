using System.Text;
using StaticNews.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StaticNews.Tests.Content;

/// <summary>
/// Flat front matter read line by line gives the very nodes YamlDotNet's parser gives (values, styles, positions,
/// so errors name the same lines); whatever it is not sure of it leaves to YamlDotNet.
/// </summary>
public sealed class FlatYamlTests
{
    private static readonly string[] Keys = ["title", "date", "tags", "category", "author", "image_alt", "x1", "_lead", "9key", "Key Two", "tags"];
    private static readonly string[] Separators = [": ", ":  ", ":", ": \t", " : "];
    private static readonly string[] Values =
    [
        "Kopi Gayo naik", "\"Harga kopi, gula & teh\"", "东京的新闻", "مرحبا بالعالم", "Économie française", "2024-01-01T07:51:00+07:00",
        "C#", "a: b", "a #b", "a:b", "-x", "x:", "~", "null", "yes", "[a, b]", "[]", "[ ]", "[ a ,b ]", "[a, [b]]", "[a,,b]", "[a, b,]",
        "\"quoted\"", "\"with \\\"escape\\\"\"", "'single'", "'it''s'", "\"a # b\"", "\"\"", "''", "& anchor", "*alias", "!tag x", "|", ">",
        "'", "\"", "trailing   ", "%x", "@x", "`x", "{a: b}", "x, y", "\u00A0nbsp", "emoji😀", "tab\tinside", "a  b", "[kopi, ekonomi-hijau]",
        "?x", "x?", "['a', b]", "[\"a\", b]", "a\u0085b", "\"open", "'open", "[open", "ke-2", "100%", "a]b", "a}b", "http://example.org/x?y=1", "\"\\u00e9\"",
    ];

    [Fact]
    public void Flat_front_matter_gives_the_nodes_yamldotnet_gives_and_anything_else_is_left_to_it()
    {
        var random = new Random(20261201);
        var read = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var text = new StringBuilder();
            var lines = random.Next(1, 8);
            for (var i = 0; i < lines; i++)
            {
                var roll = random.Next(40);
                if (roll == 0) { text.Append('\n'); continue; }
                if (roll == 1) { text.Append("# comment\n"); continue; }
                var simple = random.Next(3) > 0;
                text.Append(simple ? Keys[random.Next(7)] : Keys[random.Next(Keys.Length)]);
                text.Append(simple ? ": " : Separators[random.Next(Separators.Length)]);
                text.Append(simple ? Values[random.Next(8)] : Values[random.Next(Values.Length)]);
                text.Append('\n');
            }
            var yaml = text.ToString();
            if (FlatYaml.TryRead(yaml) is not { } flat) continue;
            read++;
            var expected = Load(new Parser(new StringReader(yaml)), yaml);
            Assert.Equal(expected, Load(flat, yaml));
        }
        Assert.True(read > 3_000, $"only {read} of 20,000 texts were read flat");
    }

    [Fact]
    public void An_article_front_matter_as_the_newsroom_writes_it_is_read_flat()
    {
        const string yaml = "title: \"Kopi Gayo, dari Aceh ke dunia\"\ndate: 2026-11-02T08:00:00+07:00\ncategory: ekonomi\ntags: [kopi, aceh]\nauthor: Redaksi\ntranslation: original\n";
        Assert.NotNull(FlatYaml.TryRead(yaml));
        Assert.Null(FlatYaml.TryRead("title: Kopi\n\nauthor: Redaksi\n")); // a blank line: YamlDotNet's
        Assert.Null(FlatYaml.TryRead("tags:\n  - kopi\n")); // a block list: YamlDotNet's
    }

    /// <summary>Every node with its value, style and position; or the error, if YamlDotNet refuses the text.</summary>
    private static string Load(IParser parser, string yaml)
    {
        var stream = new YamlStream();
        try { stream.Load(parser); }
        catch (YamlException e) { return $"refused {yaml}: {e.Message}"; }
        var dump = new StringBuilder();
        foreach (var document in stream.Documents) Dump(document.RootNode, dump);
        return dump.ToString();
    }

    private static void Dump(YamlNode node, StringBuilder dump)
    {
        dump.Append($"@{node.Start.Index}:{node.Start.Line}:{node.Start.Column} ");
        switch (node)
        {
            case YamlScalarNode scalar: dump.Append($"{scalar.Style} <{scalar.Value}> "); break;
            case YamlSequenceNode sequence:
                dump.Append($"{sequence.Style} [ ");
                foreach (var item in sequence.Children) Dump(item, dump);
                dump.Append("] ");
                break;
            case YamlMappingNode mapping:
                dump.Append("{ ");
                foreach (var (key, value) in mapping.Children) { Dump(key, dump); dump.Append(": "); Dump(value, dump); }
                dump.Append("} ");
                break;
        }
    }
}
