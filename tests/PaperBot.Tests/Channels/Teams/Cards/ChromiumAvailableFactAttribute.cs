namespace PaperBot.Tests.CardRender;

/// <summary>Skips, saying why, only when Debian's chromium or its driver is not installed.</summary>
public sealed class ChromiumAvailableFactAttribute : FactAttribute
{
    public ChromiumAvailableFactAttribute()
    {
        if (!File.Exists(CardBrowser.ChromiumPath) || !File.Exists(CardBrowser.DriverPath))
        {
            Skip = $"Card render test skipped: {CardBrowser.ChromiumPath} or {CardBrowser.DriverPath} is missing (apt-get install chromium chromium-driver).";
        }
    }
}
