using System.Runtime.InteropServices;
using NetVips;

namespace StaticNews.Images;

/// <summary>libvips, set up once for a build tool: no operation cache, no loaders that are not safe for untrusted files.</summary>
internal static class ImageLibrary
{
    private static readonly Lazy<bool> Loaded = new(() =>
    {
        if (!ModuleInitializer.VipsInitialized)
            throw new InvalidOperationException($"libvips could not be loaded: {ModuleInitializer.Exception?.Message}");
        // Each variant is made once: libvips' cache of recent operations would only hold decoded images in memory.
        Cache.Max = 0;
        Cache.MaxFiles = 0;
        Cache.MaxMem = 0;
        // Loaders libvips marks untrusted (ImageMagick, MATLAB, FITS...) never see an author's file.
        NetVips.NetVips.BlockUntrusted = true;
        GiveLargeBuffersTheirOwnMappings();
        return true;
    });

    public static void EnsureLoaded() => _ = Loaded.Value;

    /// <summary>
    /// glibc serves a large allocation with a mapping of its own, returned to the system when it is freed, but each
    /// such free raises the size it counts as large, so the next image's pixel buffers come from its arenas, where
    /// freed memory stays with the process. A threshold set here stays fixed, for every arena and thread.
    /// </summary>
    private static void GiveLargeBuffersTheirOwnMappings()
    {
        if (!OperatingSystem.IsLinux()) return;
        try { _ = MallOpt(MmapThreshold, 128 << 10); } // glibc's own starting value
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
    }

    private const int MmapThreshold = -3; // M_MMAP_THRESHOLD in malloc.h

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int param, int value);

    /// <summary>
    /// Hands the memory libvips freed back to the system. glibc keeps what a thread frees in that thread's arena (up
    /// to eight per core), so what every encoder of every image used would stay counted against the build; after
    /// each file it is returned. Elsewhere (musl, macOS, Windows) nothing happens.
    /// </summary>
    public static void ReturnFreedMemory()
    {
        if (!OperatingSystem.IsLinux()) return;
        try { _ = MallocTrim(0); }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    /// <summary>libvips' message for a failure, on one line.</summary>
    public static string Reason(VipsException e) =>
        string.Join("; ", e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct());
}
