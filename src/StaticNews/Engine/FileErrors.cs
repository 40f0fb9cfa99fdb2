using System.Globalization;

namespace StaticNews.Engine;

/// <summary>
/// Failures of the file system told as what they are: a full disk (with the space left), a folder StaticNews may
/// not write in, a read-only file system, each with the file. They are the machine's state, not bugs in StaticNews.
/// </summary>
public static class FileErrors
{
    /// <summary>True if <paramref name="e"/> is the file system refusing something (not a bug).</summary>
    public static bool Are(Exception e) => Unwrap(e) is IOException or UnauthorizedAccessException;

    /// <summary>
    /// True if <paramref name="e"/> is the file system as a whole refusing writes (full, over quota, read-only): one
    /// fact about the machine, met by every pipeline writing at the time, not a fault of one file.
    /// .NET gives an errno as the HResult of the IOException it throws for it.
    /// </summary>
    public static bool AreMachineWide(Exception e) =>
        Unwrap(e) is IOException { HResult: Errno.NoSpace or Errno.QuotaExceeded or Errno.QuotaExceededMacOS or Errno.ReadOnlyFileSystem };

    /// <summary>
    /// What went wrong, for a user: <paramref name="e"/> is a file-system failure while <paramref name="doing"/>
    /// (e.g. "writing the site"); <paramref name="near"/> is a path on the file system written to, for its free space.
    /// </summary>
    public static string Describe(Exception e, string doing, string? near = null)
    {
        e = Unwrap(e);
        var what = e.Message.TrimEnd('.');
        if (e is UnauthorizedAccessException)
            return $"permission denied while {doing}: {what} (check that this user may write there)";
        return e.HResult switch
        {
            Errno.NoSpace or Errno.QuotaExceeded or Errno.QuotaExceededMacOS => $"no space left while {doing}: {what}{FreeSpace(near)}: free some space and build again",
            Errno.ReadOnlyFileSystem => $"read-only file system while {doing}: {what}",
            _ => $"could not read or write a file while {doing}: {what}",
        };
    }

    /// <summary>The exception .NET would throw for <paramref name="errno"/> on <paramref name="path"/> (an error of a libc call).</summary>
    public static Exception FromErrno(int errno, string path)
    {
        var message = $"{System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno)} : '{path}'";
        return errno is Errno.NotPermitted or Errno.AccessDenied ? new UnauthorizedAccessException(message) : new IOException(message, errno);
    }

    private static Exception Unwrap(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: > 0 } a) e = a.InnerExceptions[0];
        return e;
    }

    private static string FreeSpace(string? near)
    {
        if (near is null) return "";
        try
        {
            var folder = Path.GetFullPath(near);
            while (!Directory.Exists(folder) && Path.GetDirectoryName(folder) is { } parent) folder = parent;
            var free = new DriveInfo(folder).AvailableFreeSpace;
            return $" ({Size(free)} free on the file system of {folder})";
        }
        catch (Exception x) when (x is IOException or ArgumentException or UnauthorizedAccessException) { return ""; }
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024:0.#} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024 / 1024:0.#} GB"),
    };
}
