using System.CommandLine;
using StaticNews.Engine;
using StaticNews.Publish;
using StaticNews.Redirects;

namespace StaticNews.Cli;

/// <summary>
/// `staticnews urls recover --from SITE`: rebuilds the record of published addresses beside the output folder from a
/// deployed site's sitemaps (see <see cref="SitemapRecovery"/>), for when the state folder was lost. It takes the
/// output's lock, as a build does, and keeps every entry the record already has. Exit 0 when recorded, 1 when the
/// input or a sitemap could not be read (the record is left as it was), 2 on bad usage. `staticnews urls list` prints
/// the record (it is a binary file): exit 0, or 1 when there is none or it cannot be read.
/// </summary>
public static class UrlsCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "The deployed site's root, a URL (https://news.example.org/) or a folder holding a copy of it: its sitemap.xml is read", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "The output folder the build writes (the record sits beside it)", DefaultValueFactory = _ => "output" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for each sitemap", DefaultValueFactory = _ => 60 };
        var recover = new Command("recover", "Rebuild the record of published addresses from the deployed site's sitemaps") { BuildCommand.Input, output, from, timeout };
        recover.SetAction(async (parse, cancel) =>
        {
            var root = parse.GetValue(from)!;
            Uri? url = Uri.TryCreate(root, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https" ? parsed : null;
            if (url is null && !Directory.Exists(root))
            {
                Console.Error.WriteLine($"error: --from {root} is neither an http(s) URL nor a folder");
                return 2;
            }
            if (await TranslateCommand.Read(parse.GetValue(BuildCommand.Input)!) is not { } site) return 1;
            var outputFolder = parse.GetValue(output)!;
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))) };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("StaticNews/1.0");
            Func<string, CancellationToken, Task<Stream>> open = url is not null
                ? async (relative, token) =>
                {
                    var response = await http.GetAsync(new Uri(new Uri(url.AbsoluteUri.TrimEnd('/') + "/"), relative), HttpCompletionOption.ResponseHeadersRead, token);
                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadAsStreamAsync(token);
                }
                : (relative, _) => Task.FromResult<Stream>(File.OpenRead(Path.Combine(root, relative)));
            var state = StateFolder.For(outputFolder);
            try
            {
                using var locked = OutputLock.Take(state, outputFolder, wait: true, waiting: line => Console.Error.WriteLine(line));
                var existing = PublishedUrls.Read(state) ?? PublishedUrls.Empty;
                var found = await new SitemapRecovery(site.Site, site.Index, open).RecoverAsync(existing, cancel);
                found.Record.Save(state);
                Console.WriteLine($"{found.Read} addresses read from the sitemaps: {found.Current} published today, {found.Moved} of stories that moved, " +
                                  $"{found.Gone} of stories no longer there, {found.Listings} listings left out, {found.Kept} already recorded. " +
                                  $"The record ({state.File(PublishedUrls.FileName)}) holds {found.Record.Owners.Count} addresses.");
                return 0;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or System.Xml.XmlException or FormatException or UnauthorizedAccessException or OutputBusyException)
            {
                Console.Error.WriteLine($"error: {e.Message}; the record was left as it was");
                return 1;
            }
        });
        var list = new Command("list", "Print the record of published addresses: each address, its story folder (empty if unknown) and its language, tab-separated") { output };
        list.SetAction(parse =>
        {
            var state = StateFolder.For(parse.GetValue(output)!);
            try
            {
                if (PublishedUrls.Read(state) is not { } record)
                {
                    Console.Error.WriteLine($"error: there is no record of published addresses in {state.Path} (the output has not been built)");
                    return 1;
                }
                using var lines = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
                foreach (var (address, owner) in record.Owners.OrderBy(e => e.Key, StringComparer.Ordinal)) lines.WriteLine($"{address}\t{owner.Story}\t{owner.Language}");
                return 0;
            }
            catch (Exception e) when (e is FormatException || FileErrors.Are(e))
            {
                Console.Error.WriteLine($"error: the record of published addresses in {state.Path} cannot be read ({e.Message})");
                return 1;
            }
        });
        return new Command("urls", "The record of the addresses the site has published (see the README, Addresses that never break)") { recover, list };
    }
}
