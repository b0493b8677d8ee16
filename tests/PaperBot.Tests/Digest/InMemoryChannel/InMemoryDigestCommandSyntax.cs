using PaperBot.Core.Digest;

namespace PaperBot.Tests.Digest.InMemoryChannel;

/// <summary>The third channel's command syntax: "!digest VERB [ID]".</summary>
public sealed class InMemoryDigestCommandSyntax : IDigestCommandSyntax
{
    public string Origin => "in-memory";

    public string Command(string verb, string? subscriptionId = null) => "!digest " + verb + (subscriptionId is null ? "" : " " + subscriptionId);
}
