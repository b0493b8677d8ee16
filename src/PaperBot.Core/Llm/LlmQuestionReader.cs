using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperBot.Core.Answering;

namespace PaperBot.Core.Llm;

/// <summary>
/// The <c>read_question</c> prompt: the model reads a question into the same structured filters the rule-based
/// reader produces (JSON), and SQL answers them. Any failure, unparseable reply, or reading that names an author,
/// organisation or date the database does not have gives null, and the rule-based reading stands.
/// </summary>
public sealed class LlmQuestionReader(
    PromptRunner runner,
    QuestionClassifier classifier,
    IOptions<LlmOptions> options,
    TimeProvider time,
    ILogger<LlmQuestionReader> logger)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>
    /// Only questions the rules already read as metadata, or with a word that states a metadata condition, are sent
    /// to the model; "what does RISE propose?" needs no reading and no extra call.
    /// </summary>
    public static bool MayBeAboutMetadata(string question, QuestionIntent rulesReading) =>
        rulesReading is not QuestionIntent.Content || MetadataCue.IsMatch(question);

    public async Task<QuestionIntent?> ReadAsync(string question, CancellationToken cancellationToken)
    {
        // The reading gets a share of the time budget so the answer itself still has time to arrive.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(options.Value.TimeoutSeconds / 3.0), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var completion = await runner.CompleteAsync(PromptLibrary.ReadQuestion, new ReadQuestionPromptInput(question).ToArguments(), linked.Token);
            var filters = Parse(completion.Text);
            if (filters is null)
            {
                logger.LogWarning("Ignored an unusable question reading ({Length} characters)", completion.Text.Length);
                return null;
            }
            var intent = classifier.FromFilters(filters, question);
            if (intent is null)
            {
                logger.LogWarning("Ignored a question reading the database does not bear out (kind {Kind})", filters.Kind);
            }
            return intent;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Question reading failed ({Error}: {Message}); using the rules' reading", e.GetType().Name, e.Message);
            return null;
        }
    }

    /// <summary>The first JSON object in the reply (models sometimes wrap it in a code fence), or null.</summary>
    public static QuestionFilters? Parse(string reply)
    {
        var start = reply.IndexOf('{', StringComparison.Ordinal);
        var end = reply.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<QuestionFilters>(reply[start..(end + 1)], Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Read once per question, so interpreted and built on first use (docs/contributing.md, "Regular expressions").
    private static Regex MetadataCue => field ??= new(@"\b(?:authors?|wrote|written\s+by|co-?authored|affiliat\w*|organi[sz]ations?|orgs?|upvote\w*|published|released|latest|newest|oldest|earliest|most\s+recent|code|github|tagged|dated?|19\d\d|20\d\d|(?:this|last|past)\s+(?:week|month|year)|past\s+\w+\s+(?:days|weeks|months|years)|recently\s+added|what'?s\s+new)\b", RegexOptions.IgnoreCase);
}
