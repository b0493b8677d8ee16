using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PaperBot.Host.Channels.Teams.Package;

/// <summary>
/// Builds the Teams app package (a zip of manifest.json, color.png and outline.png at its root) from the template
/// in <c>deploy/teams/</c>, refusing anything Teams would reject at upload: leftover placeholders, a bot id that
/// is not a GUID, over-long names, or icons of the wrong size.
/// </summary>
public static partial class TeamsAppPackageBuilder
{
    public const string ManifestFile = "manifest.json";
    public const string ColorIcon = "color.png";
    public const string OutlineIcon = "outline.png";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Builds the zip and returns the manifest that went into it.</summary>
    public static JsonNode Build(string templateDirectory, string outputZip, TeamsAppPackageSettings settings)
    {
        var problems = new List<string>();
        if (!Guid.TryParse(settings.AppId, out _))
        {
            problems.Add($"The app id \"{settings.AppId}\" is not a GUID; use the Azure Bot's Microsoft App ID (Teams:AppId).");
        }
        if (!SemVer().IsMatch(settings.Version))
        {
            problems.Add($"The version \"{settings.Version}\" is not MAJOR.MINOR.PATCH.");
        }
        if (settings.DeveloperName.Length is 0 or > 32)
        {
            problems.Add("The developer name must be 1 to 32 characters.");
        }
        foreach (var (name, url) in new[] { ("website", settings.WebsiteUrl), ("privacy", settings.PrivacyUrl), ("terms of use", settings.TermsUrl) })
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                problems.Add($"The {name} URL \"{url}\" must be an absolute https URL.");
            }
        }
        var manifestPath = Path.Combine(templateDirectory, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            problems.Add($"No {ManifestFile} in {templateDirectory}.");
        }
        CheckIcon(Path.Combine(templateDirectory, ColorIcon), 192, problems);
        CheckIcon(Path.Combine(templateDirectory, OutlineIcon), 32, problems);
        if (problems.Count > 0)
        {
            throw new InvalidDataException(string.Join(Environment.NewLine, problems));
        }

        var text = File.ReadAllText(manifestPath);
        foreach (var (placeholder, value) in new Dictionary<string, string>
        {
            ["{{APP_ID}}"] = settings.AppId,
            ["{{VERSION}}"] = settings.Version,
            ["{{DEVELOPER_NAME}}"] = settings.DeveloperName,
            ["{{WEBSITE_URL}}"] = settings.WebsiteUrl,
            ["{{PRIVACY_URL}}"] = settings.PrivacyUrl,
            ["{{TERMS_URL}}"] = settings.TermsUrl,
        })
        {
            // The values land inside JSON strings; encode them as such (quotes, backslashes).
            text = text.Replace(placeholder, JsonEncodedText.Encode(value).ToString(), StringComparison.Ordinal);
        }
        if (Placeholder().Match(text) is { Success: true } left)
        {
            throw new InvalidDataException($"The manifest still has the placeholder {left.Value}.");
        }
        var manifest = JsonNode.Parse(text) ?? throw new InvalidDataException("The manifest is empty.");
        CheckManifest(manifest, settings.AppId);

        var directory = Path.GetDirectoryName(Path.GetFullPath(outputZip));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        File.Delete(outputZip);
        using (var zip = ZipFile.Open(outputZip, ZipArchiveMode.Create))
        {
            var entry = zip.CreateEntry(ManifestFile);
            using (var stream = entry.Open())
            {
                JsonSerializer.Serialize(stream, manifest, Indented);
            }
            zip.CreateEntryFromFile(Path.Combine(templateDirectory, ColorIcon), ColorIcon);
            zip.CreateEntryFromFile(Path.Combine(templateDirectory, OutlineIcon), OutlineIcon);
        }
        return manifest;
    }

    /// <summary>The limits of manifest schema 1.19 that a template edit could break.</summary>
    private static void CheckManifest(JsonNode manifest, string appId)
    {
        var problems = new List<string>();
        if ((manifest["name"]?["short"]?.GetValue<string>() ?? "").Length is 0 or > 30)
        {
            problems.Add("name.short must be 1 to 30 characters.");
        }
        if ((manifest["description"]?["short"]?.GetValue<string>() ?? "").Length is 0 or > 80)
        {
            problems.Add("description.short must be 1 to 80 characters.");
        }
        var bots = manifest["bots"]?.AsArray();
        if (bots is not { Count: 1 } || bots[0]?["botId"]?.GetValue<string>() != appId)
        {
            problems.Add("bots must hold exactly one bot whose botId is the app id.");
        }
        foreach (var list in bots?[0]?["commandLists"]?.AsArray() ?? [])
        {
            var commands = list?["commands"]?.AsArray() ?? [];
            if (commands.Count > 10)
            {
                problems.Add("A command list may hold at most 10 commands.");
            }
            foreach (var command in commands)
            {
                if ((command?["title"]?.GetValue<string>() ?? "").Length is 0 or > 32 || (command?["description"]?.GetValue<string>() ?? "").Length is 0 or > 128)
                {
                    problems.Add($"Command \"{command?["title"]}\" needs a title of 1-32 and a description of 1-128 characters.");
                }
            }
        }
        if (problems.Count > 0)
        {
            throw new InvalidDataException(string.Join(Environment.NewLine, problems));
        }
    }

    private static void CheckIcon(string path, int size, List<string> problems)
    {
        if (!File.Exists(path))
        {
            problems.Add($"Missing icon {path}.");
            return;
        }
        var (width, height) = PngSize(File.ReadAllBytes(path));
        if (width != size || height != size)
        {
            problems.Add($"{Path.GetFileName(path)} is {width}x{height}; Teams needs {size}x{size} PNG.");
        }
    }

    /// <summary>Width and height from the PNG header (IHDR), or (0, 0) when the file is not a PNG.</summary>
    public static (int Width, int Height) PngSize(byte[] png)
    {
        ReadOnlySpan<byte> signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        if (png.Length < 24 || !png.AsSpan(0, 8).SequenceEqual(signature))
        {
            return (0, 0);
        }
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+$")]
    private static partial Regex SemVer();

    [GeneratedRegex(@"\{\{[A-Z_]+\}\}")]
    private static partial Regex Placeholder();
}
