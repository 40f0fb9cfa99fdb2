using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace StaticNews.Publish;

/// <summary>
/// One build at a time per output folder: an advisory lock (flock) on the file <c>lock</c> in the state folder,
/// held from the start of a build to the end of its publishing. The kernel lets go of it when the holder
/// exits, however it ends (killed included), so a lock is never left stale. The file holds the holder's
/// process id, for the message a waiting build prints.
/// </summary>
internal sealed class OutputLock : IDisposable
{
    private const string FileName = "lock";
    private readonly SafeFileHandle _handle;

    private OutputLock(SafeFileHandle handle) => _handle = handle;

    /// <summary>
    /// Takes the lock of the output whose state folder is <paramref name="state"/> (made if missing). If another
    /// build holds it: with <paramref name="wait"/>, tells <paramref name="waiting"/> once and waits for it;
    /// without, throws <see cref="OutputBusyException"/>.
    /// </summary>
    public static OutputLock Take(StateFolder state, string outputName, bool wait, Action<string>? waiting)
    {
        Directory.CreateDirectory(state.Path);
        var path = state.File(FileName);
        var handle = TryTake(path, out var holder);
        if (handle is null)
        {
            if (!wait)
                throw new OutputBusyException($"another build is publishing into {outputName}{holder}: run this one again when it has finished (without --no-wait a build waits for it)");
            waiting?.Invoke($"Waiting for another build that is publishing into {outputName}{holder} to finish (--no-wait fails instead)...");
            while ((handle = TryTake(path, out _, block: true)) is null) { }
        }
        try
        {
            // Padded, so a shorter id needs no truncation of a longer one.
            RandomAccess.Write(handle, System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture).PadRight(15) + "\n"), 0);
        }
        catch (IOException) { /* only a waiting build's message is less informative */ }
        return new OutputLock(handle);
    }

    /// <summary>The lock file, held; null if another build holds it (<paramref name="holder"/> then names it, if it can be read).</summary>
    private static SafeFileHandle? TryTake(string path, out string holder, bool block = false)
    {
        holder = "";
        if (OperatingSystem.IsWindows())
        {
            // Windows locks by sharing: while one build has the file open for writing, another's open fails.
            try { return File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read); }
            catch (IOException) when (File.Exists(path))
            {
                if (block) Thread.Sleep(100);
                else holder = Holder(path);
                return null;
            }
        }
        var handle = Open(path);
        if (NativeMethods.flock((int)handle.DangerousGetHandle(), LockExclusive | (block ? 0 : LockNonBlocking)) == 0) return handle;
        var errno = Marshal.GetLastPInvokeError();
        if (errno != Engine.Errno.Interrupted && errno != (OperatingSystem.IsMacOS() ? Engine.Errno.WouldBlockMacOS : Engine.Errno.WouldBlock))
        {
            handle.Dispose();
            throw Engine.FileErrors.FromErrno(errno, path);
        }
        if (!block) holder = Holder(handle);
        handle.Dispose();
        return null;
    }

    public void Dispose() => _handle.Dispose(); // closing the file releases the lock

    /// <summary>Opens the lock file (made if missing) with libc on Unix, so that no lock but ours is ever taken on it.</summary>
    private static SafeFileHandle Open(string path)
    {
        // Made by .NET, which may take a shared flock of its own for a moment: a concurrent holder only makes this fail as "already there".
        if (!File.Exists(path))
            try { File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write).Dispose(); }
            catch (IOException) when (File.Exists(path)) { }
        if ((File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0)
            throw new OutputRefusedException($"{path} is a symbolic link, where StaticNews keeps its lock file: remove the link");
        var fd = NativeMethods.open(path, ReadWrite | (OperatingSystem.IsMacOS() ? CloseOnExecMacOS : CloseOnExecLinux));
        if (fd < 0) throw Engine.FileErrors.FromErrno(Marshal.GetLastPInvokeError(), path);
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>" (process N)" for the build that holds the lock, read from the file; empty if it cannot be read.</summary>
    private static string Holder(SafeFileHandle handle)
    {
        try
        {
            var buffer = new byte[16];
            var read = RandomAccess.Read(handle, buffer, 0);
            return int.TryParse(System.Text.Encoding.ASCII.GetString(buffer, 0, read).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                ? $" (process {pid})" : "";
        }
        catch (IOException) { return ""; }
    }

    private static string Holder(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return Holder(handle);
        }
        catch (IOException) { return ""; }
    }

    // <fcntl.h> and <sys/file.h>: the same on every Linux architecture; macOS differs where noted.
    private const int ReadWrite = 2, CloseOnExecLinux = 0x80000, CloseOnExecMacOS = 0x1000000;
    private const int LockExclusive = 2, LockNonBlocking = 4;

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        internal static extern int open(string path, int flags);

        [DllImport("libc", SetLastError = true)]
        internal static extern int flock(int fd, int operation);
    }
}

/// <summary>Another build holds the output's lock and this one was asked not to wait (--no-wait).</summary>
public sealed class OutputBusyException(string message) : Exception(message);
