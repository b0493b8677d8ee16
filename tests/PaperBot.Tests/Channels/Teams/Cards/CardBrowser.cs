using System.Diagnostics;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using PaperBot.Tests.Support;

namespace PaperBot.Tests.CardRender;

/// <summary>
/// Debian's headless chromium driven by Selenium, with render.html loaded: the official Adaptive Cards renderer
/// (npm adaptivecards, installed here by <c>npm ci</c> from the committed lock file) parses, validates and draws
/// cards, and each drawing is saved as a PNG. One browser for the test class; a fresh profile each time.
/// </summary>
public sealed class CardBrowser : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    private readonly string profile = Path.Combine(Path.GetTempPath(), "paperbot-cards-" + Guid.NewGuid().ToString("N"));
    private ChromeDriver? driver;

    public static string Folder => Path.Combine(RepositoryPaths.Root, "tests", "PaperBot.Tests", "Channels", "Teams", "Cards");

    /// <summary>Where the PNGs go: the test output folder.</summary>
    public static string OutputFolder => Path.Combine(AppContext.BaseDirectory, "card-renders");

    public ChromeDriver Driver => driver ??= Start();

    private static void EnsurePackages()
    {
        if (File.Exists(Path.Combine(Folder, "node_modules", "adaptivecards", "dist", "adaptivecards.min.js"))
            && File.Exists(Path.Combine(Folder, "node_modules", "markdown-it", "dist", "browser", "markdown-it.umd.min.js")))
        {
            return;
        }
        var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund --ignore-scripts")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var error = npm.StandardError.ReadToEndAsync();
        npm.StandardOutput.ReadToEnd();
        if (!npm.WaitForExit(TimeSpan.FromMinutes(3)) || npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {Folder} failed: {error.Result}");
        }
    }

    private ChromeDriver Start()
    {
        EnsurePackages();
        Directory.CreateDirectory(profile);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "--window-size=720,4000", "--hide-scrollbars",
            // render.html loads the renderer from node_modules next to it.
            "--allow-file-access-from-files");
        var chrome = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        chrome.Navigate().GoToUrl(new Uri(Path.Combine(Folder, "render.html")).AbsoluteUri);
        if (chrome.ExecuteScript("return window.cardReady === true;") is not true)
        {
            throw new InvalidOperationException("render.html did not load the adaptivecards or markdown-it package");
        }
        return chrome;
    }

    /// <summary>Parses, validates and draws one card; returns every parse event and validation failure, and saves the PNG.</summary>
    public IReadOnlyList<string> Render(string cardJson, string name)
    {
        var result = Driver.ExecuteScript("return window.renderCard(arguments[0]);", cardJson);
        var problems = ((IEnumerable<object>)result!).Select(p => p.ToString()!).ToList();
        Directory.CreateDirectory(OutputFolder);
        var card = Driver.FindElement(By.Id("card"));
        ((ITakesScreenshot)card).GetScreenshot().SaveAsFile(Path.Combine(OutputFolder, name + ".png"));
        return problems;
    }

    /// <summary>The drawn card's height in pixels (a card that drew nothing is a failure too).</summary>
    public long Height() => Convert.ToInt64(Driver.ExecuteScript("return document.getElementById('card').getBoundingClientRect().height;"), System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        driver?.Quit();
        driver?.Dispose();
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // chromium may still hold a lock file for a moment; the temp folder is cleaned by the system.
        }
    }
}
