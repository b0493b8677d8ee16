using PaperBot.Core.Answering;
using PaperBot.Core.Conversations;
using PaperBot.Core.Diagnostics;
using PaperBot.Core.Papers;
using PaperBot.Core.Presentation;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;

namespace PaperBot.Core.Chat;

/// <summary>
/// The one entry point every channel calls: turns a <see cref="ChatRequest"/> into a <see cref="ChatReply"/>.
/// Knows nothing of Discord, Teams or HTTP. Questions go through the conversation service when it is registered,
/// so follow-ups resolve per <see cref="ChatRequest.ConversationId"/>.
/// </summary>
public sealed class PaperBotAssistant(IAnswerService answers, PaperSearcher searcher, PaperStore store, ConversationalAnswerService? conversations = null)
{
    public const int MaxQuestionLength = 2000;

    public async Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        var argument = request.Argument.Trim();
        if (argument.Length > MaxQuestionLength)
        {
            return ChatReply.Problem($"That is {argument.Length} characters; please keep questions under {MaxQuestionLength}.");
        }
        return request.Command switch
        {
            ChatCommand.Help => Help(),
            ChatCommand.Search => Search(argument),
            ChatCommand.Paper => PaperDetails(argument),
            ChatCommand.Similar => Similar(argument),
            ChatCommand.About => About(argument, request.ConversationId),
            _ when argument.Length == 0 => Help(),
            _ => FromAnswer(await AnswerAsync(argument, request.ConversationId, cancellationToken)),
        };
    }

    /// <summary>A question, traced (the span's children are retrieval and any model call) and counted.</summary>
    private async Task<Answer> AnswerAsync(string question, string conversationId, CancellationToken cancellationToken)
    {
        using var activity = PaperBotTelemetry.Source.StartActivity("paperbot.answer");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var answer = conversations is null
            ? await answers.AnswerAsync(question, cancellationToken)
            : await conversations.AnswerAsync(question, conversationId, cancellationToken: cancellationToken);
        var mode = new KeyValuePair<string, object?>("mode", answer.Mode);
        PaperBotTelemetry.Questions.Add(1, mode);
        if (answer.Abstained)
        {
            PaperBotTelemetry.Abstentions.Add(1, mode);
        }
        PaperBotTelemetry.AnswerDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, mode);
        activity?.SetTag("paperbot.answer.mode", answer.Mode);
        activity?.SetTag("paperbot.answer.abstained", answer.Abstained);
        activity?.SetTag("paperbot.answer.citations", answer.Citations.Count);
        return answer;
    }

    public static ChatReply FromAnswer(Answer answer) => new()
    {
        Kind = ReplyKind.Answer,
        Body = answer.Sentences,
        Sources = answer.Citations,
        Footer = string.Join(" ", new[] { answer.Note, answer.BasisLine }.Where(s => !string.IsNullOrEmpty(s))),
        Blocks = answer.Blocks,
        Answer = answer,
    };

    public ChatReply Search(string query, int top = 8)
    {
        var result = searcher.Search(query, top);
        if (result.Message is not null)
        {
            return ChatReply.Problem(result.Message);
        }
        if (result.Hits.Count == 0)
        {
            return ChatReply.Problem($"No paper among the {result.PapersSearched} matches \"{query}\".");
        }
        return new ChatReply
        {
            Kind = ReplyKind.SearchResults,
            Heading = $"Papers matching \"{query}\"",
            Body = result.Hits.Select((h, i) => new AnswerSentence(Describe(h.Paper), [i + 1])).ToList(),
            Sources = Citation.Numbered(result.Hits.Select(h => h.Paper)),
            Footer = "Ask about one with: paper ID",
        };
    }

    public ChatReply PaperDetails(string id)
    {
        if (id.Length == 0)
        {
            return ChatReply.Problem("Which paper? Give its id, for example: paper k3f9qa");
        }
        var paper = store.Get(id);
        if (paper is null)
        {
            return ChatReply.Problem($"I have no paper with the id \"{Shorten(id, 40)}\". Search first to find ids.");
        }
        var body = new List<AnswerSentence>();
        foreach (var line in MetadataLines(paper))
        {
            body.Add(new AnswerSentence(line, []));
        }
        body.Add(new AnswerSentence(paper.Abstract, [1]));
        var heading = paper.TitleDerived ? $"{paper.Title} (untitled in the listings; title derived)" : paper.Title;
        return new ChatReply
        {
            Kind = ReplyKind.PaperDetails,
            Heading = heading,
            Body = body,
            Blocks = [new PaperDetailsBlock(paper.Id, heading, Facts(paper), paper.Abstract, paper.PrimaryLink)],
            Sources = [Citation.For(paper, 1)],
            Footer = $"Similar papers: similar {paper.Id}",
        };
    }

    public ChatReply Similar(string id)
    {
        var paper = id.Length == 0 ? null : store.Get(id);
        if (paper is null)
        {
            return ChatReply.Problem(id.Length == 0 ? "Which paper? Give its id, for example: similar k3f9qa" : $"I have no paper with the id \"{Shorten(id, 40)}\".");
        }
        var result = searcher.Search(paper.Title + " " + paper.Abstract, 6);
        var hits = result.Hits.Where(h => h.Paper.Id != paper.Id).Take(5).ToList();
        if (hits.Count == 0)
        {
            return ChatReply.Problem($"I found no papers like {paper.Id}.");
        }
        return new ChatReply
        {
            Kind = ReplyKind.SearchResults,
            Heading = $"Papers like \"{paper.Title}\"",
            Body = hits.Select((h, i) => new AnswerSentence(Describe(h.Paper), [i + 1])).ToList(),
            Sources = Citation.Numbered(hits.Select(h => h.Paper)),
        };
    }

    /// <summary>Starts a follow-up about one paper: the conversation's last cited paper becomes this one, so "it",
    /// "this paper" and "the method" in the next question resolve to it, exactly as after an answer citing it.</summary>
    public ChatReply About(string id, string conversationId)
    {
        var paper = id.Length == 0 ? null : store.Get(id);
        if (paper is null)
        {
            return ChatReply.Problem(id.Length == 0 ? "Which paper? Give its id, for example: paper k3f9qa" : $"I have no paper with the id \"{Shorten(id, 40)}\" any more.");
        }
        if (conversations is null || string.IsNullOrWhiteSpace(conversationId))
        {
            return ChatReply.Problem($"I can't hold a conversation here; ask with the title instead, or use: paper {paper.Id}");
        }
        conversations.Focus(conversationId, paper);
        return new ChatReply
        {
            Kind = ReplyKind.Help,
            Heading = $"Asking about: {paper.Title}",
            Body =
            [
                new("Ask your question now; \"it\" and \"this paper\" mean this one.", []),
                new("For example: what does it propose? how is it evaluated? who wrote it?", []),
            ],
        };
    }

    public static ChatReply Help() => new()
    {
        Kind = ReplyKind.Help,
        Heading = "PaperBot answers questions about the group's reading list, citing the papers it used.",
        Body =
        [
            new("ask QUESTION: a short cited answer, e.g. \"ask which papers tackle continual relation extraction?\"", []),
            new("search WORDS: the best-matching papers with their ids", []),
            new("paper ID: everything known about one paper", []),
            new("similar ID: papers like that one", []),
            new("Metadata works too: \"papers by Damai Dai\", \"when was DialogQAE published\".", []),
            new("digest status, preview, subscribe or unsubscribe: this channel's daily digest of new papers (admins subscribe and unsubscribe)", []),
        ],
    };

    private static List<PaperFact> Facts(Paper paper) => MetadataLines(paper)
        .Select(line => line.Split(": ", 2))
        .Select(parts => new PaperFact(parts[0], parts[1]))
        .ToList();

    private static IEnumerable<string> MetadataLines(Paper paper)
    {
        yield return $"Id: {paper.Id}";
        if (paper.Authors.Count > 0)
        {
            yield return "Authors: " + string.Join(", ", paper.Authors) + (paper.AuthorsComplete == false ? " et al." : "");
        }
        else if (paper.AuthorCount is { } n)
        {
            yield return $"Authors: {n} (names not in the listing)";
        }
        if (paper.Orgs.Count > 0)
        {
            yield return "Organisations: " + string.Join(", ", paper.Orgs);
        }
        if (paper.Date is { } date)
        {
            yield return "Date: " + date.ToDisplay();
        }
        if (paper.Upvotes is { } upvotes)
        {
            yield return $"Upvotes: {upvotes}";
        }
        if (paper.Category is not null)
        {
            yield return $"Category: {paper.Category}" + (paper.Score is { } s ? $" (score {s})" : "");
        }
        if (paper.HasCode == true)
        {
            yield return "Code: available";
        }
        if (paper.Links.Count > 0)
        {
            yield return "Links: " + string.Join(" ", paper.Links);
        }
    }

    private static string Describe(Paper paper) =>
        $"{paper.Title}" + (paper.Date is { } d ? $" ({d.ToDisplay()})" : "") + $" — {paper.Id}";

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}
