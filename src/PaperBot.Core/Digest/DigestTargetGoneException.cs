namespace PaperBot.Core.Digest;

/// <summary>The target is gone for good (deleted webhook, bot removed, app uninstalled): stop sending to it.</summary>
public sealed class DigestTargetGoneException : Exception
{
    public DigestTargetGoneException()
    {
    }

    public DigestTargetGoneException(string message) : base(message)
    {
    }

    public DigestTargetGoneException(string message, Exception inner) : base(message, inner)
    {
    }
}
