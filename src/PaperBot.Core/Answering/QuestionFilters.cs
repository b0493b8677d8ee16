using System.Text.Json.Serialization;

namespace PaperBot.Core.Answering;

/// <summary>
/// A question read into structured metadata filters by the language model (the <c>read_question</c> prompt's JSON
/// reply). <see cref="QuestionClassifier.FromFilters"/> checks it against the database and turns it into the same
/// <see cref="QuestionIntent"/> the rule-based reader gives, which SQL then answers.
/// </summary>
public sealed record QuestionFilters
{
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("author")] public string? Author { get; init; }
    [JsonPropertyName("other_authors")] public IReadOnlyList<string>? OtherAuthors { get; init; }
    /// <summary>"or" when any one of the authors will do ("papers by A or B"); otherwise every one is needed.</summary>
    [JsonPropertyName("authors_join")] public string? AuthorsJoin { get; init; }
    [JsonPropertyName("org")] public string? Org { get; init; }
    [JsonPropertyName("other_orgs")] public IReadOnlyList<string>? OtherOrgs { get; init; }
    /// <summary>"or" when any one of the organisations will do ("from cmu or baidu").</summary>
    [JsonPropertyName("orgs_join")] public string? OrgsJoin { get; init; }
    [JsonPropertyName("from")] public string? From { get; init; }
    [JsonPropertyName("to")] public string? To { get; init; }
    [JsonPropertyName("order")] public string? Order { get; init; }
    [JsonPropertyName("limit")] public int? Limit { get; init; }
    [JsonPropertyName("min_upvotes")] public int? MinUpvotes { get; init; }
    [JsonPropertyName("max_upvotes")] public int? MaxUpvotes { get; init; }
    /// <summary>Bounds on the listing's author count ("more than 10 authors" is 11).</summary>
    [JsonPropertyName("min_authors")] public int? MinAuthors { get; init; }
    [JsonPropertyName("max_authors")] public int? MaxAuthors { get; init; }
    /// <summary>The arXiv category ("cs.CL"), checked against arXiv's taxonomy.</summary>
    [JsonPropertyName("category")] public string? Category { get; init; }
    [JsonPropertyName("with_code")] public bool? WithCode { get; init; }
    [JsonPropertyName("code_flag")] public bool? CodeFlag { get; init; }
    /// <summary>"papers without code": only papers whose listing marks no code as available.</summary>
    [JsonPropertyName("without_code")] public bool? WithoutCode { get; init; }
    [JsonPropertyName("topic")] public string? Topic { get; init; }
    /// <summary>Further topics a paper may be about instead ("papers on X or Y", "X / Y").</summary>
    [JsonPropertyName("other_topics")] public IReadOnlyList<string>? OtherTopics { get; init; }
    /// <summary>A date relative to today, in words the code reads against its clock: "this week", "this month", "this
    /// year", "last week", "last month", "last year", "past 6 months"; the model never computes the dates itself.</summary>
    [JsonPropertyName("period")] public string? Period { get; init; }
    [JsonPropertyName("paper")] public string? Paper { get; init; }
    /// <summary>For "top_names" ("who has the most papers?"): "authors" or "orgs".</summary>
    [JsonPropertyName("names_of")] public string? NamesOf { get; init; }
    [JsonPropertyName("facts")] public IReadOnlyList<string>? Facts { get; init; }
}
