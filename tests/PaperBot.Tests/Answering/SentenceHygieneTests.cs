using PaperBot.Core.Answering.Composition;

namespace PaperBot.Tests.Answering;

public sealed class SentenceHygieneTests
{
    [Theory]
    [InlineData("(2) Reward models trained on data from a specific distribution often struggle to generalize.", "Reward models trained on data from a specific distribution often struggle to generalize.")]
    [InlineData("Second, we introduce contrastive learning to enhance reward models.", "We introduce contrastive learning to enhance reward models.")]
    [InlineData("To address these issues, we propose Full-Step-DPO, a novel DPO framework.", "We propose Full-Step-DPO, a novel DPO framework.")]
    [InlineData("Moreover, our method improves LLMs' ability to follow output formats.", "Our method improves LLMs' ability to follow output formats.")]
    [InlineData("In this paper, we propose StableMoE with two training stages.", "In this paper, we propose StableMoE with two training stages.")]
    public void Openers_that_only_count_on_or_add_are_dropped(string sentence, string alone)
    {
        Assert.Equal(alone, SentenceHygiene.Standalone(sentence));
        Assert.False(SentenceHygiene.IsDangling(alone));
    }

    [Theory]
    [InlineData("This leads to a skewed decision boundary in the head classifiers.")]
    [InlineData("These metrics measure the model's ability to provide accurate responses.")]
    [InlineData("However, they overlook all other steps and rely heavily on humans.")]
    [InlineData("It processes one sub-question at a time.")]
    [InlineData("We call this emergent misalignment.")]
    public void Sentences_that_point_back_need_their_antecedent(string sentence)
    {
        Assert.True(SentenceHygiene.IsDangling(sentence));
        Assert.Null(SentenceHygiene.Standalone(sentence));
    }

    [Fact]
    public void A_pointing_sentence_is_shown_with_the_one_before_it()
    {
        var sentences = AbstractReader.Read("Training on the narrow task of writing insecure code induces broad misalignment. We call this emergent misalignment. It is observed in many models.");

        Assert.Equal("Training on the narrow task of writing insecure code induces broad misalignment. We call this emergent misalignment.", sentences[1].Display);
        // Two pointing sentences in a row: the second has no antecedent that stands alone, so it is not used.
        Assert.Null(sentences[2].Display);
        Assert.Null(AbstractReader.Read("This matters. It is observed in many models.")[1].Display);
    }

    [Fact]
    public void A_pointing_sentence_too_long_to_join_shows_its_clause_after_the_colon_when_that_stands_alone()
    {
        // LACIE's abstract: joined to the sentence before it, the one with "47% fewer incorrect answers" ran past what a
        // chat message shows, so a "how many fewer…" question was answered without its number.
        var first = "We then finetune three LLMs (Mistral-7B, Llama3-8B, Llama3-70B) with LACIE, and show that the resulting models are better calibrated w.r.t. a simulated listener.";
        var second = "Crucially, these trends transfer to human listeners, helping them correctly predict model correctness: we conduct a human evaluation where annotators accept or reject an LLM's answers, finding that training with LACIE results in 47% fewer incorrect answers being accepted while maintaining the same level of acceptance for correct answers.";
        var sentences = AbstractReader.Read(first + " " + second);

        Assert.Equal("We conduct a human evaluation where annotators accept or reject an LLM's answers, finding that training with LACIE results in 47% fewer incorrect answers being accepted while maintaining the same level of acceptance for correct answers.", sentences[1].Display);
        // A list after the colon means nothing without the words before it.
        Assert.Null(AbstractReader.Read(first + " " + "This approach - which we call the teleological approach - leads us to identify three factors that we hypothesize will influence LLM accuracy, all of them measured across many tasks: the probability of the task to be performed, the probability of the target output, and the probability of the provided input.")[1].Display);
        // A clause that itself points back is no better.
        Assert.Null(AbstractReader.Read(first + " " + "Crucially, these trends transfer to human listeners, helping them correctly predict model correctness in a human evaluation with many annotators: this holds for all of those models and also for every one of the other settings, datasets and listener populations that we tried over the course of the study.")[1].Display);
    }

    [Theory]
    [InlineData("Codes: https://github.com/hemingkx/CDec.")]
    [InlineData("Our code is available at https://github.com/hemingkx/CDec.")]
    [InlineData("We release our code and human annotation at https://github.com/i-Eval/FairEval to facilitate future research.")]
    public void Link_lines_are_links_not_findings(string sentence) => Assert.True(SentenceHygiene.IsLinkOnly(sentence));

    [Fact]
    public void A_finding_with_a_link_is_still_a_finding() =>
        Assert.False(SentenceHygiene.IsLinkOnly("We show that Step-DPO reaches 70.8% on MATH, see https://github.com/dvlab-research/Step-DPO."));

    [Fact]
    public void The_same_definition_in_two_abstracts_is_a_near_duplicate()
    {
        Assert.True(SentenceHygiene.NearDuplicate(
            "Continual relation extraction (CRE) aims to continually learn new relations from a class-incremental data stream.",
            "Continual relation extraction (CRE) requires the model to continually learn new relations from class-incremental data streams."));
        Assert.False(SentenceHygiene.NearDuplicate(
            "We propose a simple yet effective classifier decomposition framework.",
            "Continual relation extraction (CRE) aims to continually learn new relations from a class-incremental data stream."));
    }

    [Theory]
    [InlineData("We present VAPO, a framework for reasoning models., a novel framework tailored for reasoning.", "We present VAPO, a framework for reasoning models, a novel framework tailored for reasoning.")]
    [InlineData("To foster adoption and facilitate future research,, we introduce BenchBench.", "To foster adoption and facilitate future research, we introduce BenchBench.")]
    [InlineData("We test it on long inputs . , and short ones.", "We test it on long inputs, and short ones.")]
    public void A_stop_left_before_a_comma_and_a_doubled_comma_are_taken_out(string written, string shown)
    {
        Assert.Equal(shown, SentenceHygiene.WithoutStrayPunctuation(written));
        Assert.Equal(shown, AbstractReader.Read(written)[0].Display);
    }

    [Theory]
    [InlineData("We add a quantitative reward (e.g., BLEU) to the model.")]
    [InlineData("It improves StrategyQA 58.9 to 61.7 acc., CommonsenseQA 63.6 to 72.7 acc., and more.")]
    [InlineData("Models reason step by step (a.k.a., CoT reasoning), which helps.")]
    [InlineData("It needs memory, compute, etc., to run.")]
    [InlineData("It runs in 3 s (approx., on one GPU).")]
    public void An_abbreviations_stop_before_a_comma_stays(string written) =>
        Assert.Equal(written, SentenceHygiene.WithoutStrayPunctuation(written));
}
