using System.Globalization;

namespace StaticNews.Tests.Support;

/// <summary>How many cases a property test runs, and the case to replay: the same two variables for every fuzz test.</summary>
public static class FuzzRuns
{
    /// <summary>STATICNEWS_FUZZ_ITERATIONS, or <paramref name="inCi"/> when it is not set.</summary>
    public static long Iterations(long inCi) =>
        long.TryParse(Environment.GetEnvironmentVariable("STATICNEWS_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : inCi;

    /// <summary>STATICNEWS_FUZZ_SEED: the seed CsCheck printed for a failing case, to replay it; null to run new cases.</summary>
    public static string? Seed => Environment.GetEnvironmentVariable("STATICNEWS_FUZZ_SEED");
}
