using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Answering;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;
using PaperBot.Core.Text;

namespace PaperBot.Tests.Retrieval;

/// <summary>
/// Questions about one name (issue 11, session 5), on the real corpus with the local model (the shared embedded corpus):
/// a question whose subject is a name no paper writes in any spelling is declined with "No paper in the N papers
/// mentions X; the closest are …", even when a passage on the topic comes close; the same shapes about a name the
/// papers do write, in lower case or with one slip, are answered from that paper. Questions from tuning-3.jsonl.
/// </summary>
public sealed class UnknownSubjectTests(EvaluatedCorpus corpus) : IClassFixture<EvaluatedCorpus>
{
    private Task<ExtractiveResponse> Respond(string question) => corpus.Services.GetRequiredService<ExtractiveAnswerer>().RespondAsync(question);

    private int Papers => corpus.Services.GetRequiredService<PaperStore>().CountPapers();

    [Theory]
    [InlineData("how does Longformer's sliding window attention handle long documents?", "Longformer")]
    [InlineData("what is toolformer and how does it teach a language model to decide when to call an API?", "toolformer")]
    [InlineData("how does dreambooth personalize a text-to-image model from a few photos of a subject?", "dreambooth")]
    [InlineData("how does flashattention speed up attention by tiling to cut memory reads on the GPU?", "flashattention")]
    [InlineData("how does AlphaCode generate and filter millions of programs for competitive programming problems?", "AlphaCode")]
    // The initials of "AlphaFold predict protein" spell "app", which the corpus writes: a name with an inner capital
    // is no long form, so it stays unknown (this question was answered from a mobile-phone agents paper).
    [InlineData("how does AlphaFold predict protein structures?", "AlphaFold")]
    // Half a comparison the corpus cannot make is said to be missing rather than answered from the other half.
    [InlineData("compare LongHeads and Longformer", "Longformer")]
    public async Task A_question_about_a_name_no_paper_mentions_is_declined_saying_so(string question, string name)
    {
        var response = await Respond(question);

        Assert.True(response.Answer.Abstained);
        Assert.True(response.Retrieval.Abstained);
        Assert.StartsWith($"No paper in the {Papers} papers mentions {name}", response.Answer.Sentences[0].Text, StringComparison.Ordinal);
        Assert.Contains(name, response.Retrieval.AbstentionReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_closest_papers_are_offered_as_leads_when_a_passage_is_near_and_none_when_nothing_is()
    {
        // Longformer: the sliding-window and long-context papers are close (0.58), which is why it was answered before.
        var near = (await Respond("how does Longformer's sliding window attention handle long documents?")).Answer;
        Assert.EndsWith("; the closest are:", near.Sentences[0].Text, StringComparison.Ordinal);
        Assert.Equal(3, near.Citations.Count);
        Assert.Contains(near.Citations, c => c.Title.StartsWith("Sliding Windows Are Not the End", StringComparison.Ordinal));

        var far = (await Respond("what is the capital of France?")).Answer;
        Assert.True(far.Abstained);
        Assert.Equal($"No paper in the {Papers} papers mentions France, and none comes close.", far.Text);
        Assert.Empty(far.Citations);
    }

    [Theory]
    [InlineData("what is shieldlm?", "ShieldLM: Empowering LLMs as Aligned, Customizable and Explainable Safety Detectors")]
    [InlineData("which paper introduced ThinkEdit?", "ThinkEdit: Interpretable Weight Editing to Mitigate Overly Short Thinking in Reasoning Models")]
    [InlineData("how does goldfish understand very long videos?", "Goldfish: Vision-Language Understanding of Arbitrarily Long Videos")]
    [InlineData("how does elaswave recover from failures during training?", "ElasWave: An Elastic-Native System for Scalable Hybrid-Parallel Training")]
    [InlineData("what is FedCompass's scheduler based on?", "FedCompass: Efficient Cross-Silo Federated Learning on Heterogeneous Client Devices using a Computing Power Aware Scheduler")]
    [InlineData("explain LongHeads", "LongHeads: Multi-Head Attention is Secretly a Long Context Processor")]
    // One slip in a name the corpus writes is a typo, not another system.
    [InlineData("how does Mirostatt keep perplexity at a target value?", "Mirostat: A Neural Text Decoding Algorithm that Directly Controls Perplexity")]
    [InlineData("how does the Goldfsh method deal with hour-long videos?", "Goldfish: Vision-Language Understanding of Arbitrarily Long Videos")]
    // The keyword search looks for the papers' spelling of a name typed with a slip: only ShieldLM's abstract has it.
    [InlineData("what is SheildLM trained to detect?", "ShieldLM: Empowering LLMs as Aligned, Customizable and Explainable Safety Detectors")]
    // A hyphenated name bridged to an acronym the corpus writes (KTO) is known through the bridge.
    [InlineData("how does Kahneman-Tversky optimization work for math?", "Step-KTO: Optimizing Mathematical Reasoning through Stepwise Binary Feedback")]
    public async Task The_same_shapes_about_a_name_the_papers_write_are_answered(string question, string title)
    {
        var response = await Respond(question);

        Assert.False(response.Answer.Abstained, response.Retrieval.AbstentionReason);
        Assert.Equal(title, response.Answer.Citations[0].Title);
    }

    [Theory]
    [InlineData("how does Hyena replace attention with long implicit convolutions?", "Hyena")]
    // In lower case an ordinary English word may be a paraphrase in words the papers do not use; only a name is declined
    // (but see UnknownBareSubject below: a countable noun without an article is used as a name).
    [InlineData("how does hyena replace attention with long implicit convolutions?", null)]
    [InlineData("how does alphacode filter its programs?", "alphacode")]
    [InlineData("what is SheildLM trained to detect?", null)]
    [InlineData("what is shieldlm?", null)]
    [InlineData("How Does Speculative Decoding Work?", null)]
    // The papers write "GPT-4" and "Llama 2": letters and digits apart.
    [InlineData("how does gpt4 follow system messages?", null)]
    [InlineData("what is llama2 trained on?", null)]
    public void The_unknown_subject_is_a_name_in_no_spelling_the_papers_use(string question, string? expected) =>
        Assert.Equal(expected, corpus.Services.GetRequiredService<PaperSearcher>().Search(question, 5).UnknownSubject);

    [Theory]
    [InlineData("how does AlphaCode work?", "AlphaCode", true)]
    [InlineData("what is toolformer?", "toolformer", false)]
    [InlineData("what's the capital of France?", "France", true)]
    [InlineData("explain StyleGAN's mapping network", "StyleGAN", true)]
    [InlineData("which paper introduced Reflexion, where agents reflect?", "Reflexion", true)]
    [InlineData("how does wav2vec learn from raw audio?", "wav2vec", true)]
    [InlineData("Whisper's training data?", "Whisper", false)]
    [InlineData("tell me about Math-Shepherd", "Math-Shepherd", true)]
    [InlineData("compare LongHeads and Longformer", "Longformer", true)]
    [InlineData("LongHeads vs Longformer", "LongHeads", true)]
    [InlineData("LongHeads vs Longformer", "Longformer", true)]
    public void Subjects_are_read_where_questions_put_them(string question, string written, bool asName) =>
        Assert.Contains(NamedTerms.Subjects(question), s => s.Written == written && s.WrittenAsName == asName);

    [Theory]
    [InlineData("how does whisper handle multilingual speech recognition?", "whisper")]
    [InlineData("what is hyena's trick for replacing attention?", "hyena")]
    [InlineData("tell me about flamingo and how it does few-shot learning on images", "flamingo")]
    // An ordinary word is spelled right, not a slip of "uparrow" (a formula's arrow the index holds).
    [InlineData("how does sparrow use rules and evidence to make dialogue agents safer?", "sparrow")]
    [InlineData("how does hyena replace attention with long implicit convolutions?", "hyena")]
    // Mass nouns have no plural: written bare, they are still ordinary words, perhaps a paraphrase.
    [InlineData("how does flattery of the user's opinion creep into a chatbot's step-by-step reasoning?", null)]
    [InlineData("how does guesswork by elimination compare with picking the right answer?", null)]
    // An article makes a countable noun an ordinary one again; a word the papers write is known as before.
    [InlineData("how does a whisper travel across a room?", null)]
    [InlineData("how does debate between two AIs help a human judge?", null)]
    public void A_countable_ordinary_word_written_bare_as_the_subject_is_unknown_as_a_name(string question, string? expected) =>
        Assert.Equal(expected, corpus.Services.GetRequiredService<PaperSearcher>().Search(question, 5).UnknownBareSubject);

    [Theory]
    [InlineData("how does whisper handle multilingual speech recognition?", true)]
    [InlineData("how does the whisper model work?", false)]
    [InlineData("hyena's trick?", true)]
    [InlineData("what is a hyena?", false)]
    public void A_subject_is_bare_without_an_article_or_determiner(string question, bool bare) =>
        Assert.Equal(bare, NamedTerms.Subjects(question)[0].Bare);

    [Theory]
    // A size or a variant's suffix after a name the papers write says which variant is meant (the lead's question: the
    // abstract writes "scale up DeepSeekMoE to 16B parameters").
    [InlineData("by how much does DeepSeekMoE 16B reduce computation compared to LLaMA2 7B?")]
    [InlineData("how does DeepSeekMoE 145B compare with dense models?")]
    [InlineData("how does DeepSeekMoE-16B-Chat do on alignment?")]
    public async Task A_known_name_with_a_size_or_a_variant_suffix_is_the_known_name(string question)
    {
        var response = await Respond(question);

        Assert.False(response.Answer.Abstained, response.Retrieval.AbstentionReason);
        Assert.StartsWith("DeepSeekMoE", response.Answer.Citations[0].Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_size_is_no_name_and_no_part_of_an_unknown_phrase()
    {
        var searcher = corpus.Services.GetRequiredService<PaperSearcher>();
        Assert.Empty(searcher.Search("by how much does DeepSeekMoE 16B reduce computation?", 5).UnknownPhrases);
        Assert.Equal(["stable diffusion xl"], searcher.Search("results of Stable Diffusion XL 3.5B on text-to-image benchmarks", 5).UnknownPhrases);
        // A metric after a benchmark's name is no part of a name: NT5 writes "DROP's adjusted F1", never "DROP F1".
        Assert.Empty(searcher.Search("which paper reports DROP F1 for its numerical reasoning model?", 5).UnknownPhrases);
        Assert.True(NamedTerms.IsMetricSuffix("F1"));
        Assert.DoesNotContain("16b", NamedTerms.Of("DeepSeekMoE 16B"));
        Assert.True(NamedTerms.IsModelSize("8x7B"));
        Assert.True(NamedTerms.IsModelSize("70b"));
        Assert.True(NamedTerms.IsModelSize("350M"));
        Assert.False(NamedTerms.IsModelSize("GPT4"));
        Assert.False(NamedTerms.IsModelSize("MMLU"));
    }

    [Theory]
    [InlineData("whisper", true)]
    [InlineData("hyena", true)]
    [InlineData("dolly", true)]
    [InlineData("whispers", false)]
    [InlineData("flattery", false)]
    [InlineData("guesswork", false)]
    [InlineData("forgetfulness", false)]
    [InlineData("toolformer", false)]
    public void A_countable_singular_has_a_plural_among_the_ordinary_words(string word, bool countable) =>
        Assert.Equal(countable, OrdinaryWords.IsCountableSingular(word));

    [Fact]
    public async Task A_model_name_that_is_an_ordinary_word_in_lower_case_is_declined_saying_so()
    {
        // Answered before from a speech-translation paper (a passage at 0.45); capitalised "Whisper" was declined.
        var response = await Respond("how does whisper handle multilingual speech recognition?");

        Assert.True(response.Answer.Abstained);
        Assert.StartsWith($"No paper in the {Papers} papers mentions whisper", response.Answer.Sentences[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_near_the_papers_topics_but_on_none_is_declined_with_the_closest_papers_as_loose_leads()
    {
        // The agent papers share "LLM agents" with it, none "cheaper": answered before from a self-replication paper.
        var loose = (await Respond("is there anything on making LLM agents cheaper to run?")).Answer;
        Assert.True(loose.Abstained);
        Assert.Equal($"Nothing in the {Papers} papers is directly about making LLM agents cheaper to run; these come closest, only loosely related:", loose.Sentences[0].Text);
        Assert.Equal(3, loose.Citations.Count);
        Assert.Equal(4, loose.Sentences.Count);

        // A decline with no passage near the floor offers nothing.
        var far = (await Respond("how do I bake sourdough bread at home?")).Answer;
        Assert.True(far.Abstained);
        Assert.Equal($"I found nothing about that in the {Papers} papers I searched.", far.Text);
        Assert.Empty(far.Citations);
    }

    [Fact]
    public void One_slip_covers_a_dropped_added_changed_or_swapped_letter()
    {
        var variants = OneSlip.Variants("sheildlm").ToHashSet(StringComparer.Ordinal);
        Assert.Contains("shieldlm", variants);
        Assert.Contains("sheildl", variants);
        Assert.Contains("sheildlmm", variants);
        Assert.Contains("sheilflm", variants);
        Assert.DoesNotContain("shieldm", variants);
        Assert.All(variants, v => Assert.Equal(1, EditDistance.AtMostOne("sheildlm", v)));
    }
}
