namespace PaperBot.Tests.Web;

/// <summary>
/// The web page tests start chromium and several servers; they run on their own, after the parallel tests, so they
/// do not slow the timing-sensitive channel tests on a 2-core machine.
/// </summary>
[CollectionDefinition(nameof(WebPageCollection), DisableParallelization = true)]
public sealed class WebPageCollection;
