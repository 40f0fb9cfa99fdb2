using System.CommandLine;
using StaticNews.Engine;

namespace StaticNews.Cli;

/// <summary>The `staticnews` command line. Exit codes: 0 success, 1 errors in the input (or a failure to write), 2 bad usage or a refused output folder.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("StaticNews: a static site generator for multilingual news.");
        root.Subcommands.Add(BuildCommand.Create());
        root.Subcommands.Add(PingCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(NewCommand.Create());
        root.Subcommands.Add(TranslateCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(XliffCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(UrlsCommand.Create());
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
            Console.Error.WriteLine("Run 'staticnews --help' for usage.");
            return 2;
        }
        return await parse.InvokeAsync();
    }
}
