namespace PaperBot.Core.Digest;

/// <summary>
/// The part was certainly not posted (an error response, a refused connection). <see cref="Permanent"/> means
/// retrying the same content cannot help (e.g. 400 invalid form body), so the digest is marked failed at once.
/// </summary>
public sealed class DigestNotPostedException : Exception
{
    public DigestNotPostedException()
    {
    }

    public DigestNotPostedException(string message) : base(message)
    {
    }

    public DigestNotPostedException(string message, Exception inner) : base(message, inner)
    {
    }

    public DigestNotPostedException(string message, bool permanent, Exception? inner = null) : base(message, inner)
    {
        Permanent = permanent;
    }

    public bool Permanent { get; }
}
