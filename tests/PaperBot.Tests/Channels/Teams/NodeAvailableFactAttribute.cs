namespace PaperBot.Tests.Teams;

/// <summary>A fact that needs Node.js on PATH; skipped, saying so, where it is missing.</summary>
public sealed class NodeAvailableFactAttribute : FactAttribute
{
    public NodeAvailableFactAttribute()
    {
        if (NodeSignedTokenServer.FindNode() is null)
        {
            Skip = "node is not on PATH; the independent Node.js signer check needs it (apt-get install nodejs).";
        }
    }
}
