using System.Text.Json;

namespace PaperBot.Tests.Discord;

/// <summary>A request the fake Discord received, with the moment it arrived and the status it was given.</summary>
public sealed record RecordedRequest(string Method, string Path, string? Authorization, string? UserAgent, string? ContentType, string Body, DateTimeOffset At, int Status)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
