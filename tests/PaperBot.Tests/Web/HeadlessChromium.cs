using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace PaperBot.Tests.Web;

/// <summary>Debian's chromium, headless, with a fresh profile and nothing talking to the network on its own.</summary>
public sealed class HeadlessChromium : IDisposable
{
    private readonly string profile = Directory.CreateTempSubdirectory("paperbot-chromium-").FullName;

    public HeadlessChromium()
    {
        var options = new ChromeOptions { BinaryLocation = ChromiumFactAttribute.ChromiumPath };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            "--window-size=1280,900", "--user-data-dir=" + profile);
        // Explicit paths: Selenium Manager is never asked to find or download anything.
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromiumFactAttribute.ChromeDriverPath)!, Path.GetFileName(ChromiumFactAttribute.ChromeDriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    public ChromeDriver Driver { get; }

    /// <summary>Waits (polling, up to <paramref name="seconds"/>) until <paramref name="condition"/> gives a value.</summary>
    public T WaitFor<T>(Func<IWebDriver, T?> condition, int seconds = 30, string? what = null)
    {
        var wait = new WebDriverWait(Driver, TimeSpan.FromSeconds(seconds)) { Message = what ?? "" };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        return wait.Until(d => condition(d))!;
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // chromium may still be releasing its profile; the temp folder is cleaned later.
        }
    }
}
