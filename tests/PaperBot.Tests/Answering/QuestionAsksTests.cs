using PaperBot.Core.Answering.Composition;

namespace PaperBot.Tests.Answering;

/// <summary>The separate things one question asks of a paper, and what each wants the answer to hold.</summary>
public sealed class QuestionAsksTests
{
    [Theory]
    [InlineData("LongMemEval: how many questions does it have, and how big is the accuracy drop for commercial chat assistants?",
        "how many questions does it have", "how big is the accuracy drop for commercial chat assistants")]
    [InlineData("the unsupervised style transfer paper with two RL rewards - how many BLEU points did it gain, and where's the code?",
        "how many BLEU points did it gain", "where's the code")]
    [InlineData("Ask Again, Then Fail - which models did they test for judgement consistency, and on how many reasoning benchmarks?",
        "which models did they test for judgement consistency", "on how many reasoning benchmarks")]
    [InlineData("LiPO treats LM alignment as what kind of ranking problem, and which variant do they highlight?",
        "LiPO treats LM alignment as what kind of ranking problem", "which variant do they highlight")]
    [InlineData("how many tasks does WildBench have and what Pearson correlation does WB-Reward reach?",
        "how many tasks does WildBench have", "what Pearson correlation does WB-Reward reach")]
    [InlineData("what does TR-DPO stand for? How much better than DPO is it?",
        "what does TR-DPO stand for", "How much better than DPO is it")]
    [InlineData("the honest-alignment approach for RAG - what is it called and into how many knowledge quadrants does it divide samples?",
        "what is it called", "into how many knowledge quadrants does it divide samples")]
    [InlineData("the paper on what human values are and how to align AI to them: what's their process called, and how many Americans took part?",
        "what's their process called", "how many Americans took part")]
    [InlineData("ShieldLM: how many query-response pairs are in its training set, and where can I get it?",
        "how many query-response pairs are in its training set", "where can I get it")]
    public void A_question_asking_two_things_gives_each_ask_without_the_words_that_describe_the_paper(string question, string first, string second)
    {
        Assert.Equal([first, second], QuestionAsks.Of(question));
    }

    [Theory]
    [InlineData("what is speculative decoding good for?", 1)]
    [InlineData("papers on RLHF and DPO", 0)]
    [InlineData("how do reward models get hacked and why?", 1)] // "why" alone after "and" opens no ask of its own words
    [InlineData("compare LoRA and QLoRA", 0)]
    [InlineData("the cross-app phone assistant where a StewardAgent coordinates app-oriented StaffAgents: which benchmark did it introduce?", 1)]
    [InlineData("that paper which chops long answers into claims - what do they call it?", 1)]
    public void A_question_with_one_ask_or_none_is_not_cut(string question, int asks)
    {
        Assert.Equal(asks, QuestionAsks.Of(question).Count);
    }

    [Theory]
    [InlineData("by what margin does it beat GPT-4 on theorem proving", AskCue.Number)]
    [InlineData("how big is the improvement over existing methods", AskCue.Number)]
    [InlineData("what speedup do they get", AskCue.Number)]
    [InlineData("what's it called", AskCue.Name)]
    [InlineData("what do they call the degradation", AskCue.Name)]
    [InlineData("which benchmark did they build", AskCue.Name)]
    [InlineData("what does the acronym stand for", AskCue.LongForm)]
    [InlineData("where's their code", AskCue.Link)]
    [InlineData("what kind of data do they put into pretraining", AskCue.Name)] // the term for the kind: "error-correction" data
    [InlineData("what's UL2's pre-training objective called", AskCue.Name)]
    [InlineData("where can I get it", AskCue.Link)]
    [InlineData("how accurate is GPT-4 at decoding the cipher", AskCue.Number)]
    [InlineData("how is the base model first trained", AskCue.None)]
    public void An_ask_says_what_the_answer_must_hold(string ask, AskCue cue)
    {
        Assert.Equal(cue, QuestionAsks.CueOf(ask));
    }

    [Theory]
    [InlineData("what is the new prompting strategy called", "strategy")]
    [InlineData("what do they call the degradation", "degradation")]
    [InlineData("which variant do they highlight", "variant")]
    [InlineData("what do they call it", null)]
    [InlineData("what's UL2's pre-training objective called", "objective")]
    [InlineData("what's the name of the training-free decoding strategy that samples several trials", "strategy")]
    [InlineData("what's the lightweight framework where a critic debates a defender who argues from the passage called", "framework")]
    [InlineData("what do they call the loop", "loop")]
    [InlineData("what kind of data do they put into pretraining", "data")]
    public void A_name_ask_says_what_the_name_is_of_when_it_names_a_thing(string ask, string? thing)
    {
        Assert.Equal(thing, QuestionAsks.NamedThing(ask));
    }

    [Theory]
    [InlineData("what do they call the loop", true)]
    [InlineData("what's the name of the strategy", true)]
    [InlineData("what is the student model named", true)]
    [InlineData("which benchmark did they build", false)]
    [InlineData("how many questions does it have", false)]
    public void An_ask_for_what_something_is_called_is_told_from_an_ask_for_which_thing(string ask, bool called)
    {
        Assert.Equal(called, QuestionAsks.AsksWhatCalled(ask));
    }

    [Fact]
    public void The_loop_a_question_asks_about_may_be_the_abstracts_cycle()
    {
        Assert.Contains("cycle", QuestionAsks.NounsLike("loop"));
        Assert.Equal(["widget"], QuestionAsks.NounsLike("widget"));
    }

    [Theory]
    [InlineData("what does TR-DPO stand for", "TR-DPO")]
    [InlineData("what does the acronym stand for", null)]
    public void A_long_form_ask_gives_the_short_form_it_asks_about(string ask, string? shortForm)
    {
        Assert.Equal(shortForm, QuestionAsks.ShortFormAsked(ask));
    }
}
