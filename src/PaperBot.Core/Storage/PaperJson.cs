using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaperBot.Core.Storage;

/// <summary>The JSON settings used for stored records and lists: stable, compact, snake_case.</summary>
public static class PaperJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException("Stored JSON was empty.");
}
