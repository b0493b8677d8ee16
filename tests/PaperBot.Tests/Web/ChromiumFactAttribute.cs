namespace PaperBot.Tests.Web;

/// <summary>
/// A test that needs Debian's chromium and chromium-driver. It is skipped, saying why, only when they are not
/// installed; .ci/run installs them, so in CI it always runs.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string ChromeDriverPath = "/usr/bin/chromedriver";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath) || !File.Exists(ChromeDriverPath))
        {
            Skip = $"chromium not found ({ChromiumPath} and {ChromeDriverPath}); install with: apt-get install chromium chromium-driver";
        }
    }
}
