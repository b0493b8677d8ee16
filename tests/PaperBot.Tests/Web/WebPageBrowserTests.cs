using OpenQA.Selenium;

namespace PaperBot.Tests.Web;

/// <summary>
/// The web page in a real browser (Debian's chromium, headless, through chromium-driver) against the real server:
/// type a question, watch the cited answer arrive, follow a source to its paper, follow up in the same conversation.
/// </summary>
[Collection(nameof(WebPageCollection))]
public sealed class WebPageBrowserTests
{
    /// <summary>Set to a path (docs/images/web.png) to keep a screenshot of the page answering.</summary>
    public const string ScreenshotVariable = "PAPERBOT_WEB_SCREENSHOT";

    [ChromiumFact]
    public async Task A_question_streams_a_cited_answer_whose_source_opens_and_a_follow_up_uses_the_same_conversation()
    {
        await using var server = await WebTestServer.StartAsync();
        using var browser = new HeadlessChromium();
        var driver = browser.Driver;
        driver.Navigate().GoToUrl(server.BaseAddress);
        Assert.Equal("PaperBot", driver.Title);

        var box = driver.FindElement(By.CssSelector("label[for=question]"));
        Assert.Equal("Your question", box.Text);
        var input = driver.FindElement(By.Id("question"));
        input.SendKeys("which papers tackle continual relation extraction?");
        input.SendKeys(Keys.Enter); // Enter asks; nothing needs the mouse

        var answer = browser.WaitFor(d => d.FindElements(By.CssSelector(".answer[data-state=done]")).FirstOrDefault(), what: "the first answer");
        // A topic question is answered as a list of the papers, so the subject shows in their titles.
        Assert.Contains("Continual Relation Extraction", answer.Text, StringComparison.Ordinal);
        // However the reply is laid out (prose with sources, a list of papers), each cited paper's title opens it.
        var sources = answer.FindElements(By.CssSelector("a.paper-title"));
        Assert.True(sources.Count >= 2, $"expected at least two cited papers, saw {sources.Count}");
        Assert.Contains("Rests on: the papers’ abstracts", answer.FindElement(By.CssSelector(".basis")).Text, StringComparison.Ordinal);
        Assert.StartsWith("Answered with ", driver.FindElement(By.Id("status")).GetAttribute("textContent"), StringComparison.Ordinal);
        Assert.Equal(driver.FindElement(By.Id("question")), driver.SwitchTo().ActiveElement()); // ready for the follow-up
        Assert.True(IsClearOfTheQuestionBox(driver, answer.FindElement(By.CssSelector(".basis-line"))), "the line saying what the answer rests on should be in view");
        if (Environment.GetEnvironmentVariable(ScreenshotVariable) is { Length: > 0 } screenshotPath)
        {
            ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(screenshotPath);
        }

        // Follow the second source: the paper view shows the abstract, the metadata and where the listings show it.
        var second = sources[1];
        var secondTitle = second.Text;
        var secondId = second.GetAttribute("data-paper");
        second.Click();
        var panel = browser.WaitFor(d => d.FindElements(By.CssSelector("#paper-panel[data-state=done]")).FirstOrDefault(), what: "the paper view");
        Assert.Equal(secondTitle, panel.FindElement(By.Id("paper-title")).Text);
        Assert.Equal(driver.FindElement(By.Id("paper-title")), driver.SwitchTo().ActiveElement());
        Assert.EndsWith("/papers/" + secondId, driver.Url, StringComparison.Ordinal);
        Assert.Contains("relation", panel.FindElement(By.Id("paper-abstract")).Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(secondId!, panel.FindElement(By.Id("paper-meta")).Text, StringComparison.Ordinal);
        var listingSources = panel.FindElements(By.CssSelector("#paper-sources li")).Select(li => li.Text).ToList();
        Assert.NotEmpty(listingSources);
        Assert.All(listingSources, s => Assert.Matches(@"^\d{3}_[0-9a-f]+\.txt, line \d+$", s));

        // Escape closes the paper and gives focus back to the link that opened it.
        driver.SwitchTo().ActiveElement().SendKeys(Keys.Escape);
        browser.WaitFor(d => d.FindElement(By.Id("paper-panel")).Displayed ? null : (object)true, what: "the paper view to close");
        Assert.Equal(secondId, driver.SwitchTo().ActiveElement().GetAttribute("data-paper"));

        // A follow-up in the same conversation refers to the papers just cited.
        input = driver.FindElement(By.Id("question"));
        input.SendKeys("who wrote the second one?");
        driver.FindElement(By.Id("ask-button")).Click();
        var followUp = browser.WaitFor(d => d.FindElements(By.CssSelector(".answer[data-state=done]")).Skip(1).FirstOrDefault(), what: "the follow-up answer");
        Assert.Contains(secondTitle, followUp.FindElement(By.CssSelector(".taken-as")).Text, StringComparison.Ordinal);
        Assert.Equal(secondId, followUp.FindElement(By.CssSelector("a.paper-title")).GetAttribute("data-paper"));
        Assert.Contains("Rests on: the listing metadata", followUp.FindElement(By.CssSelector(".basis")).Text, StringComparison.Ordinal);
        Assert.Equal(2, driver.FindElements(By.CssSelector("#transcript > li")).Count);
    }

    [ChromiumFact]
    public async Task Paper_text_and_typed_text_are_shown_as_text_never_run_as_markup()
    {
        const string more = " The method needs no extra memory at training time, adds only a few parameters to each layer, and runs on a single"
            + " consumer graphics card in under an hour for every benchmark we report.";
        const string listing = "Get trending papers in your email inbox!\nSubscribe"
            + "Zorblax <img src=x onerror=\"document.title='owned'\"> Widgets for Gradient Tokenisation\n"
            + "We propose zorblax widgets <script>document.title='owned'</script> that make gradient tokenisation 40% faster. "
            + "Zorblax widgets are evaluated on ten benchmarks and beat every baseline we tried." + more + "\n"
            + "A Plain Second Paper About Weather Forecasting\n"
            + "We forecast the weather with a small recurrent network trained on forty years of station records from many countries." + more + "\n";
        await using var server = await WebTestServer.StartAsync(corpus: new Dictionary<string, string> { ["004_planted.txt"] = listing });
        using var browser = new HeadlessChromium();
        var driver = browser.Driver;
        driver.Navigate().GoToUrl(server.BaseAddress);

        var input = driver.FindElement(By.Id("question"));
        input.SendKeys("what do zorblax widgets do for gradient tokenisation?");
        input.SendKeys(Keys.Enter);
        var answer = browser.WaitFor(d => d.FindElements(By.CssSelector(".answer[data-state=done]")).FirstOrDefault(), what: "the answer");
        Assert.Contains("<script>document.title='owned'</script>", answer.Text, StringComparison.Ordinal);

        answer.FindElement(By.CssSelector("a.paper-title")).Click();
        var panel = browser.WaitFor(d => d.FindElements(By.CssSelector("#paper-panel[data-state=done]")).FirstOrDefault(), what: "the paper view");
        Assert.StartsWith("Zorblax <img src=x onerror=", panel.FindElement(By.Id("paper-title")).Text, StringComparison.Ordinal);

        // What the user types comes back twice: in the transcript and inside the reply ("no paper with the id …").
        input = driver.FindElement(By.Id("question"));
        input.SendKeys("paper <img src=y onerror=\"document.title='owned'\">");
        input.SendKeys(Keys.Enter);
        var problem = browser.WaitFor(d => d.FindElements(By.CssSelector(".answer[data-state=done]")).Skip(1).FirstOrDefault(), what: "the reply to the bad id");
        Assert.Contains("<img src=y", driver.FindElements(By.CssSelector(".question-text"))[1].Text, StringComparison.Ordinal);
        Assert.Contains("<img src=y", problem.Text, StringComparison.Ordinal);

        Assert.Empty(driver.FindElements(By.CssSelector("main img, aside img, main script, aside script")));
        Assert.Equal("PaperBot", driver.Title);
    }

    private static bool IsClearOfTheQuestionBox(IWebDriver driver, IWebElement element) => (bool)((IJavaScriptExecutor)driver).ExecuteScript(
        "const r = arguments[0].getBoundingClientRect(); const f = document.getElementById('ask-form').getBoundingClientRect(); return r.top >= 0 && r.bottom <= f.top;",
        element)!;
}
