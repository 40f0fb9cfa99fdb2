using StaticNews.Engine;

namespace StaticNews.Publish;

/// <summary>
/// The output folders StaticNews refuses, checked before anything is touched. A build replaces its output folder as
/// a whole, so the folder must be one of its own: never the root, a home folder, the current folder (a repository's
/// working tree), the input or the theme or a folder around them, nor a symbolic link, which a swap would replace
/// instead of the folder it leads to. (Whether the folder holds files StaticNews did not publish is checked under the
/// lock, against the <see cref="OutputRecord"/>.)
/// </summary>
internal static class OutputRules
{
    /// <summary>What every refusal ends with: what to do instead.</summary>
    public const string Advice = "StaticNews replaces its output folder with each build, so it needs a folder of its own: give a new or empty one (--output DIR)";

    /// <summary>Throws <see cref="OutputRefusedException"/> if <paramref name="outputDirectory"/> may not be an output folder.</summary>
    /// <param name="sources">Folders the build reads (input, theme): the output may not be one of them, hold one or lie inside one.</param>
    public static void Check(string outputDirectory, IEnumerable<(string Name, string Folder)> sources)
    {
        var shown = outputDirectory;
        var full = Path.GetFullPath(outputDirectory).TrimEnd(Path.DirectorySeparatorChar);
        if (full.Length == 0 || Path.GetPathRoot(full) is { } root && root.TrimEnd(Path.DirectorySeparatorChar) == full)
            throw Refused($"the output folder {shown} is the root of the file system: {Advice}");

        var info = new DirectoryInfo(full);
        if (info.Exists || File.Exists(full))
        {
            if (info.LinkTarget is { } target)
                throw Refused($"the output folder {shown} is a symbolic link (to {target}): StaticNews publishes by replacing the output folder " +
                              $"and never through a link; give the folder itself (--output {info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? target}) or remove the link");
            if (!info.Exists) throw Refused($"the output folder {shown} is a file: {Advice}");
        }

        var real = RealPath(full);
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 0 && Directory.Exists(home)) Around(real, RealPath(home), $"the output folder {shown}", "your home folder");
        var current = RealPath(Environment.CurrentDirectory);
        Around(real, current, $"the output folder {shown}", Directory.Exists(Path.Combine(current, ".git")) || File.Exists(Path.Combine(current, ".git"))
            ? "the current folder (the working tree of a repository)" : "the current folder");
        foreach (var (name, folder) in sources)
        {
            if (!Directory.Exists(folder)) continue;
            var source = RealPath(Path.GetFullPath(folder));
            Around(real, source, $"the output folder {shown}", $"the {name} folder {folder}");
            if (IsInside(real, source)) throw Refused($"the output folder {shown} is inside the {name} folder {folder}: {Advice}");
        }

        var state = StateFolder.For(full);
        if (new DirectoryInfo(state.Path) is { LinkTarget: not null } || File.Exists(state.Path))
            throw Refused($"{state.Path} is not a folder: StaticNews keeps its record of {shown} there; move it away");
    }

    /// <summary>Throws if <paramref name="output"/> is <paramref name="folder"/> or holds it.</summary>
    private static void Around(string output, string folder, string what, string name)
    {
        if (output == folder) throw Refused($"{what} is {name}: {Advice}");
        if (IsInside(folder, output)) throw Refused($"{what} holds {name}: {Advice}");
    }

    private static bool IsInside(string path, string folder) => FileLinks.IsInside(path, folder);

    private static OutputRefusedException Refused(string message) => new(message);

    private static string RealPath(string path) => FileLinks.RealPath(path) ?? path;
}

/// <summary>An output folder StaticNews will not publish into (see <see cref="OutputRules"/>, <see cref="OutputRecord"/>); nothing was touched.</summary>
public sealed class OutputRefusedException(string message) : Exception(message);
