using System.Text.Json.Nodes;

namespace PaperBot.Tests.Teams;

/// <summary>What a card shows and does, read from its JSON however deeply nested (Containers, ColumnSets, FactSets).</summary>
public static class CardText
{
    /// <summary>Every TextBlock text and fact, in document order, one per line.</summary>
    public static string Of(JsonNode card) => string.Join("\n", Texts(card));

    public static IEnumerable<string> Texts(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"]?.GetValue<string>() == "TextBlock" && obj["text"] is { } text)
                {
                    yield return text.GetValue<string>();
                }
                if (obj["title"] is JsonValue title && obj["value"] is JsonValue value && obj["type"] is null)
                {
                    yield return $"{title.GetValue<string>()}: {value.GetValue<string>()}";
                }
                foreach (var (name, child) in obj)
                {
                    if (name is not ("actions" or "selectAction" or "fallbackText"))
                    {
                        foreach (var t in Texts(child))
                        {
                            yield return t;
                        }
                    }
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var t in Texts(child))
                    {
                        yield return t;
                    }
                }
                break;
        }
    }

    /// <summary>Every Action.Submit payload (the paperbot value) on the card.</summary>
    public static IEnumerable<string> Payloads(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"]?.GetValue<string>() == "Action.Submit" && obj["data"]?["msteams"]?["value"]?["paperbot"] is { } payload)
                {
                    yield return payload.GetValue<string>();
                }
                foreach (var (_, child) in obj)
                {
                    foreach (var p in Payloads(child))
                    {
                        yield return p;
                    }
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var p in Payloads(child))
                    {
                        yield return p;
                    }
                }
                break;
        }
    }
}
