namespace PaperBot.Core.Digest;

/// <summary>How an outbox state is stored and shown ("in_doubt", "sent", …), the same in SQLite and PostgreSQL.</summary>
public static class DigestOutboxStateNames
{
    public static string Name(DigestOutboxState state) => state switch
    {
        DigestOutboxState.InDoubt => "in_doubt",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static DigestOutboxState Parse(string name) => name switch
    {
        "in_doubt" => DigestOutboxState.InDoubt,
        _ => Enum.Parse<DigestOutboxState>(name, ignoreCase: true),
    };
}
