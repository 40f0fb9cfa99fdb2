using System.Diagnostics;

namespace StaticNews.Tests.Publish;

/// <summary>
/// A file system mounted over a test's folder and unmounted after it: a small tmpfs (a disk that fills up), a read-only
/// view, a FUSE mirror (bindfs, which has no atomic exchange of folders). Mounting needs root (or the tools) on Linux;
/// where it is refused, <see cref="Mount"/> says why and the test is skipped with that message.
/// </summary>
public sealed class ScratchMount : IDisposable
{
    private readonly string _unmount;

    private ScratchMount(string path, string unmount)
    {
        Path = path;
        _unmount = unmount;
    }

    public string Path { get; }

    /// <summary>A tmpfs of <paramref name="bytes"/> at <paramref name="folder"/> (made if missing).</summary>
    public static ScratchMount Tmpfs(string folder, long bytes)
    {
        Directory.CreateDirectory(folder);
        return Mount(folder, "umount", "mount", "-t", "tmpfs", "-o", $"size={bytes}", "tmpfs", folder);
    }

    /// <summary><paramref name="folder"/> made read-only in place (a read-only bind mount of itself).</summary>
    public static ScratchMount ReadOnly(string folder)
    {
        var mount = Mount(folder, "umount", "mount", "--bind", folder, folder);
        try { Run("mount", "-o", "remount,bind,ro", folder); }
        catch (SkipException)
        {
            mount.Dispose();
            throw;
        }
        return mount;
    }

    /// <summary><paramref name="source"/> mirrored at <paramref name="folder"/> by bindfs (FUSE), where folders can't be exchanged atomically.</summary>
    public static ScratchMount Bindfs(string source, string folder)
    {
        Directory.CreateDirectory(source);
        Directory.CreateDirectory(folder);
        return Mount(folder, "umount", "bindfs", source, folder);
    }

    private static ScratchMount Mount(string folder, string unmount, params string[] command)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "mounting a scratch file system needs Linux");
        Skip.IfNot(Environment.UserName == "root", $"mounting a scratch file system needs root (running as {Environment.UserName})");
        Run(command);
        return new ScratchMount(folder, unmount);
    }

    /// <summary>Runs a command; a failure skips the test with its message.</summary>
    private static void Run(params string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in command.Skip(1)) start.ArgumentList.Add(arg);
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception e) { throw new SkipException($"{command[0]} is not installed ({e.Message})"); }
        using (process)
        {
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new SkipException($"`{string.Join(' ', command)}` failed: {error.Trim()}");
        }
    }

    public void Dispose()
    {
        var start = new ProcessStartInfo(_unmount) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path);
        using var process = Process.Start(start)!;
        process.WaitForExit();
    }
}
