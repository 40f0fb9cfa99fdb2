using BenchmarkDotNet.Running;
using StaticNews.Benchmarks;

// `scenes <folder> <count> <width> <height>`: the image benchmark's corpus (see bench/images-vs-hugo.py), one JPEG per seed.
if (args is ["scenes", var folder, var count, var width, var height])
{
    Directory.CreateDirectory(folder);
    NetVips.Cache.Max = 0;
    for (var seed = 1; seed <= int.Parse(count); seed++)
    {
        using var image = Scenes.Hills(int.Parse(width), int.Parse(height), seed);
        image.Jpegsave(Path.Combine(folder, $"photo-{seed:D4}.jpg"), q: 90, keep: NetVips.Enums.ForeignKeep.None);
    }
    return;
}
// `sample-images <input>`: the sample site's illustrations, drawn again (they are committed; this says how they were made).
if (args is ["sample-images", var input])
{
    using (var hills = Scenes.Hills(1800, 1200, 2026))
        hills.Jpegsave(Path.Combine(input, "articles/kopi-gayo-tembus-jepang/gayo.jpg"), q: 82, keep: NetVips.Enums.ForeignKeep.None);
    using (var train = Scenes.Train(2000, 1250))
        train.Jpegsave(Path.Combine(input, "articles/krl-tembus-karawang/krl.jpg"), q: 82, keep: NetVips.Enums.ForeignKeep.None);
    using (var pitch = Scenes.Pitch(1920, 1280))
        pitch.Jpegsave(Path.Combine(input, "articles/final-liga-nusantara-timur/stadion.jpg"), q: 82, keep: NetVips.Enums.ForeignKeep.None);
    using (var batik = Scenes.Batik(1400))
        batik.Pngsave(Path.Combine(input, "articles/sekolah-batik-pekalongan/kawung.png"), keep: NetVips.Enums.ForeignKeep.None);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Corpus).Assembly).Run(args);
