namespace StaticNews.Engine;

/// <summary>
/// The errno values StaticNews tells apart, from &lt;errno.h&gt;. Below 35 they are the same on Linux and macOS; above, each
/// is Linux's, and macOS's where a call that runs there meets it. The Linux-only calls (<see cref="FileStat"/>, the
/// input's listing, the in-place publish) need no other.
/// </summary>
internal static class Errno
{
    public const int NotPermitted = 1, NoEntry = 2, Interrupted = 4, WouldBlock = 11, AccessDenied = 13, Exists = 17, NotFolder = 20,
        NoSpace = 28, ReadOnlyFileSystem = 30;
    public const int NotEmpty = 39, Loop = 40, QuotaExceeded = 122;
    public const int WouldBlockMacOS = 35, QuotaExceededMacOS = 69;
}
