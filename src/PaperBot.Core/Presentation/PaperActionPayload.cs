using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace PaperBot.Core.Presentation;

/// <summary>
/// What a button sends back: the action and the paper id, nothing else and nothing secret ("pb:abs:web3wg"; a
/// Discord custom_id, the <c>data</c> of a Teams Action.Submit). It comes back from the client untouched or forged,
/// so <see cref="TryParse"/> accepts only this exact shape; whether the paper still exists is checked by whoever
/// acts on it.
/// </summary>
public static partial class PaperActionPayload
{
    public const string Prefix = "pb";
    /// <summary>Discord's custom_id limit; ours stay far below it.</summary>
    public const int MaxLength = 100;

    public static string Encode(PaperActionKind kind, string paperId)
    {
        if (!IsPaperId(paperId))
        {
            throw new ArgumentException($"\"{paperId}\" is not a paper id.", nameof(paperId));
        }
        return $"{Prefix}:{Verb(kind)}:{paperId}";
    }

    public static bool IsPaperId(string? id) => id is not null && PaperIdShape().IsMatch(id);

    public static string Encode(PaperAction action) => Encode(action.Kind, action.PaperId);

    public static bool TryParse(string? payload, [NotNullWhen(true)] out PaperActionKind? kind, [NotNullWhen(true)] out string? paperId)
    {
        kind = null;
        paperId = null;
        if (payload is null || payload.Length > MaxLength)
        {
            return false;
        }
        var match = PayloadShape().Match(payload);
        if (!match.Success)
        {
            return false;
        }
        kind = match.Groups["verb"].Value switch
        {
            "abs" => PaperActionKind.Abstract,
            "sim" => PaperActionKind.Similar,
            "ask" => PaperActionKind.AskAbout,
            _ => null,
        };
        if (kind is null)
        {
            return false;
        }
        paperId = match.Groups["id"].Value;
        return true;
    }

    private static string Verb(PaperActionKind kind) => kind switch
    {
        PaperActionKind.Abstract => "abs",
        PaperActionKind.Similar => "sim",
        PaperActionKind.AskAbout => "ask",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    // Paper ids are short lowercase base-32 strings; anything else did not come from us.
    [GeneratedRegex(@"^[a-z0-9]{1,32}$")]
    private static partial Regex PaperIdShape();

    [GeneratedRegex(@"^pb:(?<verb>[a-z]{3}):(?<id>[a-z0-9]{1,32})$")]
    private static partial Regex PayloadShape();
}
