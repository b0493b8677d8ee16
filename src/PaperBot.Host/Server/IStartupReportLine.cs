namespace PaperBot.Host.Server;

/// <summary>A feature's own line in the start-up report (observability, the web page, …), registered by that feature.</summary>
public interface IStartupReportLine
{
    (LogLevel Level, string Line) Describe();
}
