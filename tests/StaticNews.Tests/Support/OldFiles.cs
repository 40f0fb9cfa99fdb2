namespace StaticNews.Tests.Support;

/// <summary>
/// Input files with a time an hour back: a listing trusts such a file's size and time (see FileStamp.RacyWindow), as it
/// does a newsroom's files between two builds, where a file just written would be read again whatever its stamp.
/// </summary>
public static class OldFiles
{
    public static readonly DateTime Time = DateTime.UtcNow.AddHours(-1);

    /// <summary>Writes <paramref name="text"/> to <paramref name="relative"/> under <paramref name="folder"/> (its folders made) and dates it back.</summary>
    public static void Save(string folder, string relative, string text)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, Time);
    }

    /// <summary>Dates every file under <paramref name="folder"/> back.</summary>
    public static void Age(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)) File.SetLastWriteTimeUtc(file, Time);
    }
}
