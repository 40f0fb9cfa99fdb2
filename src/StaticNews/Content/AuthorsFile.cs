using StaticNews.Configuration;
using StaticNews.Engine;
using YamlDotNet.RepresentationModel;
using static StaticNews.Configuration.YamlSource;

namespace StaticNews.Content;

/// <summary>
/// input/authors.yml: one entry per author key (name, role, bio, photo, profile URL, social profiles). Optional:
/// without it every byline is shown as written.
/// </summary>
public static class AuthorsFile
{
    public const string FileName = "authors.yml";

    /// <summary>How the networks authors.yml knows are called on an author's page; any other key is shown as written.</summary>
    private static readonly Dictionary<string, string> Networks = new(StringComparer.Ordinal)
    {
        ["x"] = "X", ["twitter"] = "X", ["bluesky"] = "Bluesky", ["threads"] = "Threads", ["instagram"] = "Instagram",
        ["facebook"] = "Facebook", ["linkedin"] = "LinkedIn", ["youtube"] = "YouTube", ["tiktok"] = "TikTok", ["github"] = "GitHub",
    };

    public static IReadOnlyDictionary<string, Author> Load(string inputDirectory, DiagnosticBag diagnostics)
    {
        var authors = new SortedDictionary<string, Author>(StringComparer.Ordinal);
        if (InputYaml.ReadMap(inputDirectory, FileName, "a map of author key to their name, role, bio, photo, url and social profiles", diagnostics) is not { } map)
            return authors;
        void Error(YamlNode at, string message) => diagnostics.Error(message, FileName, LineOf(at));
        foreach (var (key, keyNode, value) in Entries(map))
        {
            if (!ArticleParser.IsKey(key))
            {
                Error(keyNode, $"author key '{key}' is not a key: use lowercase letters, digits and hyphens (it is the address of the author's page)");
                continue;
            }
            if (value is not YamlMappingNode settings)
            {
                Error(value, $"author '{key}' must be a map with at least a name");
                continue;
            }
            var author = new Author { Key = key, Name = LocalizedText.Empty, Line = LineOf(keyNode) };
            var social = new List<SocialLink>();
            foreach (var (setting, settingNode, settingValue) in Entries(settings))
            {
                switch (setting)
                {
                    case "name": author = author with { Name = LocalizedText.Read(settingValue, Error) }; break;
                    case "role": author = author with { Role = LocalizedText.Read(settingValue, Error) }; break;
                    case "bio": author = author with { Bio = LocalizedText.Read(settingValue, Error) }; break;
                    case "photo": author = author with { Photo = ReadPhoto(settingValue, inputDirectory, Error), PhotoLine = LineOf(settingValue) }; break;
                    case "url": author = author with { Url = ReadUrl(settingValue, Error) }; break;
                    case "social":
                        if (settingValue is not YamlMappingNode networks) { Error(settingValue, "social must be a map of network to profile ({ fediverse: \"@name@host\", x: https://x.com/name })"); break; }
                        foreach (var (network, _, profile) in Entries(networks))
                        {
                            if (network == "fediverse")
                            {
                                var handle = Scalar(profile)?.Trim();
                                if (handle is null || Author.FediverseUrl(handle) is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.AbsolutePath != $"/@{handle.Split('@')[1]}"
                                    || Uri.CheckHostName(uri.Host) != UriHostNameType.Dns)
                                    Error(profile, $"fediverse handle '{handle}' is not @name@host (like @rahmat@kabar.social)");
                                else author = author with { Fediverse = handle };
                            }
                            else if (ReadUrl(profile, Error) is { } url)
                                social.Add(new SocialLink(Networks.GetValueOrDefault(network) ?? network, url));
                        }
                        break;
                    default:
                        diagnostics.Warning($"unknown author setting '{setting}' is ignored (known: name, role, bio, photo, url, social)", FileName, LineOf(settingNode));
                        break;
                }
            }
            if (author.Name.IsEmpty)
            {
                Error(keyNode, $"author '{key}' has no name");
                continue;
            }
            if (author.Fediverse is { } fediverse) social.Insert(0, new SocialLink(fediverse, Author.FediverseUrl(fediverse)!));
            authors[key] = author with { Social = social };
        }
        return authors;
    }

    private static string? ReadUrl(YamlNode node, Action<YamlNode, string> error)
    {
        var text = Scalar(node)?.Trim();
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri.AbsoluteUri;
        error(node, $"'{text}' is not an absolute http(s) URL");
        return null;
    }

    /// <summary>A photo inside the input folder (relative to it), an image that exists.</summary>
    private static string? ReadPhoto(YamlNode node, string inputDirectory, Action<YamlNode, string> error)
    {
        var relative = Scalar(node)?.Trim().Replace('\\', '/').TrimStart('/');
        if (string.IsNullOrEmpty(relative) || relative.Split('/').Any(segment => ArticleParser.SlugProblem(segment) is not null))
        {
            error(node, $"photo '{relative}' must be a path inside the input folder, its names made of letters, digits, '-', '_' and '.' (like authors/rahmat-hidayat.jpg)");
            return null;
        }
        // Published through the image stage, as story images are (an SVG is a document that can carry script).
        if (!StoryMedia.IsImage(relative))
        {
            error(node, $"photo '{relative}' is not an image StaticNews publishes: use a JPEG, PNG, WebP, AVIF or GIF file");
            return null;
        }
        var full = Path.Combine(inputDirectory, relative);
        try { InputPaths.CheckInside(inputDirectory, full, relative); }
        catch (InputException e) { error(node, e.Message); return null; }
        if (File.Exists(full)) return relative;
        error(node, $"photo '{relative}' not found in the input folder");
        return null;
    }
}
