using System.Runtime.CompilerServices;

namespace PaperBot.Tests.Support;

/// <summary>
/// Raises the thread pool's minimum for the test run. On a 2-core machine the pool starts with 2 worker threads and
/// grows by about one a second when they are all busy; xunit runs test classes in parallel, and tests that start
/// servers, child processes and fake clients each hold pool threads while they wait on one another, so a suite at the
/// floor spends its time waiting for the pool to grow (measured: waits over 300 ms in nearly every run). Sixteen is a
/// floor, not a cap: the pool still grows beyond it as before.
/// </summary>
internal static class ThreadPoolFloor
{
    public const int MinimumThreads = 16;

    [ModuleInitializer]
    internal static void Raise()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, MinimumThreads), Math.Max(completionPorts, MinimumThreads));
    }
}
