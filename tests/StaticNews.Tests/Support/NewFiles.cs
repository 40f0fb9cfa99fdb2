namespace StaticNews.Tests.Support;

/// <summary>
/// Input files saved just now, as a breaking story is just before its build: too new for a listing to trust their size
/// and time (see FileStamp.RacyWindow), so they are listed without a stamp and read.
/// </summary>
public static class NewFiles
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="relative"/> under <paramref name="folder"/> (its folders made); returns its path.</summary>
    public static string Save(string folder, string relative, string text)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
