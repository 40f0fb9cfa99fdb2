using StaticNews.Tests.Support;

namespace StaticNews.Tests.Browser.Support;

/// <summary>
/// The outside tools these tests drive, where ./test.sh installs them: the machine's Chromium (Debian package
/// `chromium`; Playwright cannot download browsers here) and the npm packages of tests/browser (restored by
/// this project's build).
/// A missing tool fails the test with the command that installs it, never a silent skip.
/// </summary>
public static class BrowserTools
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Flags for a headless Chromium that stays off the network: no sync, no updates, no background fetches.</summary>
    public static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-domain-reliability",
    ];

    public static string NodeModules => Path.Combine(Repo.Root, "tests", "browser", "node_modules");

    /// <summary>axe-core's browser build, injected into pages under test.</summary>
    public static string AxeScript => Require(Path.Combine(NodeModules, "axe-core", "axe.min.js"));

    /// <summary>The Nu Html Checker as shipped by the npm package vnu-jar.</summary>
    public static string VnuJar => Require(Path.Combine(NodeModules, "vnu-jar", "build", "dist", "vnu.jar"));

    public static string Chromium => File.Exists(ChromiumPath)
        ? ChromiumPath
        : throw new InvalidOperationException($"{ChromiumPath} not found: apt-get install chromium fonts-noto-cjk fonts-noto-core (./test.sh does)");

    /// <summary>Where screenshots go: $TEST_ARTIFACTS when set, else artifacts/ beside the test assembly.</summary>
    public static string ArtifactsFolder(string name)
    {
        var root = Environment.GetEnvironmentVariable("TEST_ARTIFACTS") is { Length: > 0 } env
            ? env
            : Path.Combine(AppContext.BaseDirectory, "artifacts");
        var folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string Require(string path) => File.Exists(path)
        ? path
        : throw new InvalidOperationException($"{path} not found: build this project (it runs `npm ci` in tests/browser) or run ./test.sh");
}
