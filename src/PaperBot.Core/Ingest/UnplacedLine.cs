namespace PaperBot.Core.Ingest;

/// <summary>A non-blank line the parser could not attach to a paper or recognise as page chrome.</summary>
public sealed record UnplacedLine(string File, int Line, string Reason, string Text);
