using System.CommandLine;
using StaticNews.Import.Wordpress;

namespace StaticNews.Cli;

/// <summary>`staticnews import wordpress EXPORT.xml`: a WordPress site's posts, translations and old URLs into the input folder.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var export = new Argument<string>("export") { Description = "The WordPress export file (Tools → Export, WXR 1.0 to 1.2)" };
        var uploads = new Option<string?>("--uploads") { Description = "A local copy of the old site's wp-content/uploads: images and PDFs are copied into the stories" };
        var machine = new Option<string[]>("--machine")
        {
            Description = "Languages whose translations were made by machine (written translation: machine; others are human), e.g. --machine en,fr",
            AllowMultipleArgumentsPerToken = true,
        };
        var wordpress = new Command("wordpress", "Import a WordPress export: posts with their translations (Polylang, WPML), media, authors, categories, tags, old URLs")
            { export, BuildCommand.Input, uploads, machine };
        wordpress.SetAction(parse =>
        {
            var input = parse.GetValue(BuildCommand.Input)!;
            if (!BuildCommand.InputExists(input)) return 2;
            var languages = (parse.GetValue(machine) ?? []).SelectMany(l => l.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
            var report = WordpressImport.Run(new WordpressImportOptions
            {
                ExportPath = parse.GetValue(export)!,
                InputDirectory = input,
                UploadsDirectory = parse.GetValue(uploads),
                MachineLanguages = languages,
            });
            BuildCommand.Print(report.Notes.OrderBy(n => n.Line ?? 0));
            if (!report.Success)
            {
                BuildCommand.Print(report.Errors);
                Console.Error.WriteLine("Nothing was written to the input folder.");
                return 1;
            }
            Console.WriteLine(report.Summary());
            return 0;
        });
        return new Command("import", "Bring content from another system into the input folder") { wordpress };
    }
}
