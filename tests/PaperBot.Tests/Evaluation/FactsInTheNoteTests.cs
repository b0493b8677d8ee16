using PaperBot.Host.Evaluation;

namespace PaperBot.Tests.Evaluation;

/// <summary>
/// The evaluation looks for an answer's facts in what the bot says to the user: the answer and its note (shown in the
/// reply's footer), not the list of sources, which names every cited paper's title whatever the answer says.
/// </summary>
public sealed class FactsInTheNoteTests
{
    private sealed class Replying(SystemResponse response) : IEvaluatedSystem
    {
        public string Name => "replying";

        public bool Answers => true;

        public Task<SystemResponse> RespondAsync(string question, CancellationToken cancellationToken = default) => Task.FromResult(response);
    }

    private static async Task<QuestionOutcome> Score(SystemResponse response, params string[] facts)
    {
        var question = new EvalQuestion { Id = "w01", Kind = "metadata", Question = "anything from Junqin He?", GoldTitles = ["FSM: A Paper"], AnswerFacts = facts };
        var gold = new GoldResolver([("fsm001", "FSM: A Paper", false, "An abstract.")]);
        var report = await EvalRunner.RunAsync(new Replying(response), [question], gold, "test.jsonl", 1);
        return Assert.Single(report.Questions);
    }

    [Fact]
    public async Task A_fact_the_note_states_is_found()
    {
        var outcome = await Score(new SystemResponse(["fsm001"], false, "Papers by Junqing He: FSM: A Paper [1]", ["fsm001"]) { Note = "Taking \"Junqin He\" as Junqing He." },
            "Junqin He", "Junqing He");

        Assert.Equal(2, outcome.FactsFound);
        Assert.Equal("Taking \"Junqin He\" as Junqing He.", outcome.Note);
    }

    [Fact]
    public async Task A_fact_only_the_sources_list_names_is_not_found()
    {
        var outcome = await Score(new SystemResponse(["fsm001"], false, "One paper matches. [1]", ["fsm001"]) { Sources = ["[1] fsm001 — FSM: A Paper"] },
            "FSM: A Paper");

        Assert.Equal(0, outcome.FactsFound);
    }
}
