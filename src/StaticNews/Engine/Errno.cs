namespace StaticNews.Engine;

/// <summary>
/// The errno values StaticNews tells apart, from &lt;errno.h&gt;: Linux's. The first are macOS's too; of the others, macOS's
/// is named where a call that runs there meets it. The Linux-only calls (<see cref="FileStat"/>, the input's listing,
/// the in-place publish) need no other.
/// </summary>
internal static class Errno
{
    public const int NotPermitted = 1, NoEntry = 2, Interrupted = 4, AccessDenied = 13, Exists = 17, NotFolder = 20, NoSpace = 28, ReadOnlyFileSystem = 30;
    public const int WouldBlock = 11, NotEmpty = 39, Loop = 40, QuotaExceeded = 122;
    public const int WouldBlockMacOS = 35, QuotaExceededMacOS = 69;
}
