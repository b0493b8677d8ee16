using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaperBot.Host.Channels.Teams.Wire;

/// <summary>The Bot Framework's JSON conventions: camelCase, nulls left out, unknown fields ignored.</summary>
public static class TeamsJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
