using System.IO.Compression;
using System.Text.Json.Nodes;
using PaperBot.Host.Channels.Teams.Package;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.Teams;

/// <summary>The app package built from the repository's deploy/teams/ sources.</summary>
public sealed class TeamsAppPackageTests : IDisposable
{
    private const string AppId = "5f1a1c4e-0b6e-4a8e-9d3b-3c2d9e7a1b01";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("paperbot-package-");
    private static readonly TeamsAppPackageSettings Settings = new(AppId, "1.2.3", "Reading group", "https://paperbot.example.org",
        "https://paperbot.example.org/privacy", "https://paperbot.example.org/terms");

    private static string Template => Path.Combine(RepositoryPaths.Root, "deploy", "teams");

    [Fact]
    public void The_package_holds_the_manifest_with_the_bot_and_both_icons_at_its_root()
    {
        var zipPath = Path.Combine(_directory.FullName, "out", "paperbot-teams.zip");

        TeamsAppPackageBuilder.Build(Template, zipPath, Settings);

        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());
        JsonNode manifest;
        using (var stream = zip.GetEntry("manifest.json")!.Open())
        {
            manifest = JsonNode.Parse(stream)!;
        }
        Assert.Equal(AppId, manifest["id"]!.GetValue<string>());
        Assert.Equal("1.2.3", manifest["version"]!.GetValue<string>());
        var bot = manifest["bots"]!.AsArray().Single()!;
        Assert.Equal(AppId, bot["botId"]!.GetValue<string>());
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        var commands = bot["commandLists"]![0]!["commands"]!.AsArray().Select(c => c!["title"]!.GetValue<string>());
        Assert.Equal(["ask", "search", "paper", "similar", "help"], commands);
        Assert.Equal("https://paperbot.example.org/privacy", manifest["developer"]!["privacyUrl"]!.GetValue<string>());
        Assert.Equal((192, 192), TeamsAppPackageBuilder.PngSize(ReadEntry(zip, "color.png")));
        Assert.Equal((32, 32), TeamsAppPackageBuilder.PngSize(ReadEntry(zip, "outline.png")));
    }

    [Fact]
    public void A_template_with_an_unknown_placeholder_or_a_wrong_icon_is_refused_and_no_zip_is_written()
    {
        var template = Path.Combine(_directory.FullName, "template");
        Directory.CreateDirectory(template);
        foreach (var file in Directory.GetFiles(Template))
        {
            File.Copy(file, Path.Combine(template, Path.GetFileName(file)));
        }
        var manifest = Path.Combine(template, "manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"accentColor\": \"#2F5597\"", "\"accentColor\": \"{{ACCENT}}\"", StringComparison.Ordinal));
        var zipPath = Path.Combine(_directory.FullName, "bad.zip");

        var placeholder = Assert.Throws<InvalidDataException>(() => TeamsAppPackageBuilder.Build(template, zipPath, Settings));
        Assert.Contains("{{ACCENT}}", placeholder.Message, StringComparison.Ordinal);

        File.Copy(Path.Combine(template, "outline.png"), Path.Combine(template, "color.png"), overwrite: true);
        var icon = Assert.Throws<InvalidDataException>(() => TeamsAppPackageBuilder.Build(template, zipPath, Settings with { AppId = "not-a-guid" }));
        Assert.Contains("color.png is 32x32", icon.Message, StringComparison.Ordinal);
        Assert.Contains("not a GUID", icon.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(zipPath));
    }

    private static byte[] ReadEntry(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
