using System.Text;
using StaticNews.Configuration;
using StaticNews.Engine;

namespace StaticNews.Benchmarks;

/// <summary>Synthetic input shaped like the bench corpus (../shared/bench/make-corpus.py): six languages, ~500-word bodies.</summary>
public static class Corpus
{
    public static readonly string[] Languages = ["id", "en", "zh", "ja", "ar", "fr"];

    public static string Body(int words, int seed)
    {
        var rng = new Random(seed);
        string[] vocabulary = ["presiden", "kunjungan", "kerja", "sama", "negara", "pemerintah", "ekonomi", "rakyat", "menteri", "keamanan"];
        var text = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            text.Append(vocabulary[rng.Next(vocabulary.Length)]);
            text.Append(i % 60 == 59 ? ".\n\n" : i % 12 == 11 ? ". " : " ");
        }
        return text.ToString();
    }

    /// <summary>Writes an input folder with <paramref name="stories"/> stories in six languages; returns its path.</summary>
    public static string WriteSite(int stories)
    {
        var root = Path.Combine(Path.GetTempPath(), "staticnews-bench-" + stories);
        if (Directory.Exists(root)) return root;
        Directory.CreateDirectory(Path.Combine(root, "articles"));
        File.WriteAllText(Path.Combine(root, "site.yml"), SiteYml);
        var start = new DateTimeOffset(2024, 1, 1, 6, 0, 0, TimeSpan.FromHours(7));
        for (var i = 0; i < stories; i++)
        {
            var dir = Path.Combine(root, "articles", $"story-{i:D6}");
            Directory.CreateDirectory(dir);
            foreach (var lang in Languages)
            {
                var front = $"title: \"Berita {i} {lang}\"\n" + (lang == "id"
                    ? $"date: {start.AddMinutes(37 * i):yyyy-MM-dd'T'HH:mm:sszzz}\ncategory: politik\ntags: [asean, iklim]\nauthor: Redaksi\n"
                    : "translation: machine\n");
                File.WriteAllText(Path.Combine(dir, lang + ".md"), $"---\n{front}---\n\n{Body(500, i)}\n");
            }
        }
        return root;
    }

    public const string SiteYml = """
        title: Bench News
        baseUrl: https://news.example.org/
        defaultLanguage: id
        languages:
          id: { name: Bahasa Indonesia }
          en: { name: English }
          zh: { name: 中文, hreflang: zh-Hans }
          ja: { name: 日本語 }
          ar: { name: العربية, direction: rtl }
          fr: { name: Français }
        """;

    public static SiteConfig Site()
    {
        var root = WriteSite(1);
        return SiteConfigLoader.Load(root, null, new DiagnosticBag()) ?? throw new InvalidOperationException("bench site.yml");
    }
}
