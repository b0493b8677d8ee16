using Microsoft.Extensions.DependencyInjection;
using PaperBot.Core.Answering;
using PaperBot.Core.Retrieval;
using PaperBot.Core.Storage;
using PaperBot.Tests.Retrieval;

namespace PaperBot.Tests.Answering;

/// <summary>
/// A question that asks what the reading list holds on a theme gets every clearly relevant paper, however it is
/// phrased, not the three best; a question about one thing keeps the short answer.
/// </summary>
public sealed class TopicQuestionPhrasingTests(EvaluatedCorpus corpus) : IClassFixture<EvaluatedCorpus>
{
    [Theory]
    [InlineData("which papers are on mixture of experts?")]
    [InlineData("what do we have on mixture of experts?")]
    [InlineData("what's there on mixture of experts")]
    [InlineData("everything about mixture of experts")]
    [InlineData("give me an overview of mixture of experts")]
    [InlineData("show me all the work on mixture of experts")]
    [InlineData("recent research on mixture of experts?")]
    public async Task Asking_what_the_list_holds_on_a_theme_gets_every_clearly_relevant_paper(string question)
    {
        Assert.True(EvidenceFinder.AsksForSeveral(question));
        var evidence = await corpus.Services.GetRequiredService<EvidenceFinder>().FindAsync(question);

        // Six papers in the corpus are on mixture-of-experts models; the answer used to stop at three.
        Assert.True(evidence.Papers.Count >= 5, $"{evidence.Papers.Count} papers: {string.Join(" | ", evidence.Papers.Select(p => p.Paper.Title))}");
        Assert.All(evidence.Papers, p => Assert.Matches("(?i)mixture[- ]of[- ]experts?|moe", p.Paper.Title + " " + p.Paper.Abstract));
    }

    [Theory]
    [InlineData("semi-supervised learning with unlabeled data, any?")]
    [InlineData("click-through rate prediction or click logs - anything?")]
    [InlineData("chain-of-thought reasoning in languages other than English - what's there?")]
    [InlineData("work on training LLMs to refuse or say 'I don't know'")]
    public void A_request_for_papers_after_the_theme_or_as_work_on_asks_for_every_paper(string question) =>
        Assert.True(EvidenceFinder.AsksForSeveral(question));

    [Theory]
    [InlineData("mixture of experts, any?")]
    [InlineData("mixture-of-experts models - what's there?")]
    [InlineData("mixture of experts")]
    [InlineData("mixture-of-experts models?")]
    public async Task A_theme_alone_or_followed_by_a_request_for_papers_lists_every_clearly_relevant_paper(string question)
    {
        // "X, any?", "X - what's there?" and X typed alone, as into a search box, were answered with the three best
        // papers, as a question about one thing; six papers in the corpus are on mixture-of-experts models.
        var response = await Respond(question);

        Assert.True(response.Answer.Citations.Count >= 5, $"{response.Answer.Citations.Count} papers: {string.Join(" | ", response.Answer.Citations.Select(c => c.Title))}");
        Assert.All(response.Answer.Citations, c => Assert.Matches("(?i)mixture[- ]of[- ]experts?|moe", c.Title));
    }

    [Theory]
    [InlineData("StableMoE", "StableMoE")]
    [InlineData("Tulu 3", "TÜLU 3")]
    [InlineData("DeepSeekMoE", "DeepSeekMoE")]
    public async Task A_paper_name_written_on_its_own_still_answers_from_that_paper(string question, string title)
    {
        Assert.True(EvidenceFinder.WritesOnlyATheme(question));
        var response = await Respond(question);

        var cited = Assert.Single(response.Answer.Citations);
        Assert.StartsWith(title, cited.Title);
    }

    [Theory]
    [InlineData("text-to-image generation", true)]
    [InlineData("checkpointing for large distributed training runs", true)]
    [InlineData("speculative decoding?", true)]
    [InlineData("what is speculative decoding?", false)]
    [InlineData("summarize StableMoE", false)]
    [InlineData("explain mixture of experts", false)]
    [InlineData("the alignment faking paper", false)]
    [InlineData("DPO vs PPO", false)]
    [InlineData("is DPO better than PPO", false)]
    [InlineData("speculative decoding. which is fastest?", false)]
    [InlineData("how mixture of experts models route tokens to experts in practice", false)]
    [InlineData("methods that make large language model inference cheaper at serving time", false)]
    // The theme, then a request for what the list holds on it; "+", "that", "or" carry no theme.
    [InlineData("mcts + llms — what do we have?", true)]
    [InlineData("speculative decoding - what do we have on it?", true)]
    [InlineData("agents that operate phones, apps or web pages?", true)]
    [InlineData("what do we have?", false)]
    // Opened by an article, a phrase describes one thing: every word counts.
    [InlineData("a benchmark for testing the scorers used to align search-augmented chatbots", false)]
    [InlineData("the alignment faking paper - what do we have?", false)]
    [InlineData("how do agents operate phones - what do we have?", false)]
    public void A_theme_on_its_own_is_a_short_phrase_with_no_question_word_or_verb_of_asking(string question, bool themeOnly) =>
        Assert.Equal(themeOnly, EvidenceFinder.WritesOnlyATheme(question));

    [Fact]
    public async Task A_word_no_paper_writes_does_not_keep_a_topic_answer_to_one_paper()
    {
        // "gradiants" is in no abstract: counted against every paper's coverage, it left the list with the best paper
        // alone, to a question asking for papers.
        var evidence = await corpus.Services.GetRequiredService<EvidenceFinder>().FindAsync("papers about conflicting gradiants between tasks or loss terms?");

        Assert.True(evidence.Papers.Count >= 3, string.Join(" | ", evidence.Papers.Select(p => p.Paper.Title)));
        Assert.All(evidence.Papers.Take(3), p => Assert.Matches("(?i)gradient|conflict|multi-task", p.Paper.Title + " " + p.Paper.Abstract));
    }

    [Fact]
    public async Task A_theme_then_a_request_for_what_the_list_holds_lists_its_papers()
    {
        // Read as a question about one thing, it quoted the best paper's abstract and cited three.
        var answer = (await Respond("model merging - what do we have?")).Answer;

        Assert.True(answer.Citations.Count >= 4, answer.Text);
        Assert.Equal(answer.Citations.Count, answer.Sentences.Count);
        Assert.All(answer.Sentences, s => Assert.Single(s.Citations));
    }

    [Fact]
    public async Task Everything_in_a_question_is_a_chat_word_not_a_missing_topic_word()
    {
        // "everything" is in no abstract; counted as a topic word it left the question two-thirds unmatched and the
        // answer declined with "I found nothing" although four papers are about model merging.
        var evidence = await corpus.Services.GetRequiredService<EvidenceFinder>().FindAsync("everything about model merging");

        Assert.False(evidence.Abstained);
        Assert.True(evidence.Papers.Count(p => p.Paper.Title.Contains("Model Merging", StringComparison.OrdinalIgnoreCase)) >= 3);
    }

    [Theory]
    [InlineData("how does StableMoE stabilise routing?")]
    [InlineData("does this work on images?")]
    [InlineData("what is the research question of DeepSeekMoE?")]
    [InlineData("what does the survey say?")]
    [InlineData("is any of them open source?")]
    [InlineData("which one is cheaper to run - the first?")]
    public void A_question_about_one_thing_is_not_read_as_asking_for_every_paper(string question) =>
        Assert.False(EvidenceFinder.AsksForSeveral(question));

    private Task<ExtractiveResponse> Respond(string question) => corpus.Services.GetRequiredService<ExtractiveAnswerer>().RespondAsync(question);

    [Fact]
    public async Task A_how_question_about_a_theme_cites_the_papers_that_treat_it_with_their_sentences_on_it()
    {
        // "reward models" was read as a paper's name: the answer cited only the one paper whose title holds the words,
        // with three sentences on its own method and none on hacking, although the five best-ranked papers discuss it.
        var question = "how do reward models get hacked?";
        var evidence = await corpus.Services.GetRequiredService<EvidenceFinder>().FindAsync(question);
        var answer = (await Respond(question)).Answer;

        Assert.True(evidence.AboutSubject);
        Assert.True(answer.Citations.Count >= 3, answer.Text);
        // The best-ranked papers: the first cited is one of the best two, every one is in the ranking's head.
        var ranked = evidence.Ranked.Select(h => h.Paper.Id).ToList();
        Assert.Contains(answer.Citations[0].Id, ranked.Take(2));
        Assert.All(answer.Citations, c => Assert.Contains(c.Id, ranked));
        Assert.All(answer.Sentences, s => Assert.Matches("(?i)hack", s.Text));
        // One line per paper, so every channel lays it out as a list.
        Assert.All(answer.Sentences, s => Assert.Single(s.Citations));
    }

    [Theory]
    [InlineData("why does narrow fine-tuning lead to emergent misalignment?", "(?i)misalign")]
    [InlineData("how do continual learning methods deal with catastrophic forgetting?", "(?i)forget")]
    // "people" is who does it, not what: it held the answer to one paper that does not write it.
    [InlineData("how do people reduce hallucination in retrieval augmented generation?", "(?i)retriev|RAG")]
    public async Task A_why_or_how_question_several_papers_treat_cites_several(string question, string word)
    {
        var answer = (await Respond(question)).Answer;

        Assert.True(answer.Citations.Count >= 2, answer.Text);
        Assert.All(answer.Sentences, s => Assert.Matches(word, s.Text));
    }

    [Theory]
    // A paraphrase describing one paper: many specific words, of which the best paper holds a few.
    [InlineData("how do chatbots judge right and wrong when faced with hundreds of ethical dilemmas written in Chinese?")]
    // The definite article and a head noun point at one paper.
    [InlineData("what did the original emergent misalignment paper find?")]
    [InlineData("how does the classifier decomposition framework for continual relation extraction work?")]
    // A paper's own name.
    [InlineData("how does StableMoE stabilise routing?")]
    public async Task A_question_about_one_paper_is_not_answered_as_a_theme(string question)
    {
        var evidence = await corpus.Services.GetRequiredService<EvidenceFinder>().FindAsync(question);

        Assert.False(evidence.AboutSubject);
    }

    [Fact]
    public async Task Papers_on_one_subject_or_another_lists_papers_on_each_one_line_per_paper()
    {
        // Searched together, the subject with the rarer words took every place: two speculative-decoding papers only.
        var answer = (await Respond("papers on speculative decoding or model merging")).Answer;
        var cited = answer.Citations.Select(c => corpus.Services.GetRequiredService<PaperStore>().Get(c.Id)!).ToList();

        Assert.Contains(cited, p => p.Abstract.Contains("speculative decoding", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(cited, p => p.Abstract.Contains("model merging", StringComparison.OrdinalIgnoreCase));
        Assert.All(answer.Sentences, s => Assert.Single(s.Citations));
    }

    [Theory]
    [InlineData("papers on RLHF or DPO", "RLHF|DPO")]
    [InlineData("anything on detecting misinformation or automated fact-checking?", "detecting misinformation|automated fact-checking")]
    [InlineData("papers on merging or averaging the weights of several models", "merging the weights of several models|averaging the weights of several models")]
    [InlineData("what do we have on language models for medicine or healthcare?", "language models for medicine|language models for healthcare")]
    [InlineData("which papers are on mixture of experts?", "")]
    public void The_subjects_a_question_joins_with_or_are_each_searched(string question, string subjects) =>
        Assert.Equal(subjects, string.Join('|', EvidenceFinder.Alternatives(question) ?? []));

    [Theory]
    // A subject before a colon belongs to every alternative.
    [InlineData("papers on speech: recognition, synthesis or translation", "speech recognition|speech synthesis|speech translation")]
    [InlineData("papers on AMR: parsing or event argument extraction", "AMR parsing|AMR event argument extraction")]
    // A hyphen fragment takes the rest of its word, and the words around it, from its neighbour.
    [InlineData("papers on continual pre- or post-training", "continual pre-training|continual post-training")]
    [InlineData("papers on text-to-image or -video generation", "text-to-image generation|text-to-video generation")]
    [InlineData("papers on zero- or few-shot chain-of-thought prompting", "zero-shot chain-of-thought prompting|few-shot chain-of-thought prompting")]
    [InlineData("anything about in- or out-of-distribution generalization?", "in-distribution generalization|out-of-distribution generalization")]
    // Verbs sharing one object; a preposition left dangling takes the object of the last alternative.
    [InlineData("papers on detecting or correcting factual inconsistencies", "detecting factual inconsistencies|correcting factual inconsistencies")]
    [InlineData("papers on summarizing, extracting or writing arguments", "summarizing arguments|extracting arguments|writing arguments")]
    [InlineData("papers on learning from or generating natural language feedback", "learning from natural language feedback|generating natural language feedback")]
    [InlineData("papers on reasoning over or writing text from tables", "reasoning over tables|writing text from tables")]
    // "X for Y or Z" shares "X for".
    [InlineData("papers on mixture of experts for reward modeling or question answering", "mixture of experts for reward modeling|mixture of experts for question answering")]
    [InlineData("papers on benchmarks for text-to-SQL, hallucination detection or continual learning", "benchmarks for text-to-SQL|benchmarks for hallucination detection|benchmarks for continual learning")]
    // Hyphenated modifiers are parallel; a name or acronym is a subject on its own.
    [InlineData("papers on multi-hop or open-domain question answering", "multi-hop question answering|open-domain question answering")]
    [InlineData("papers on RLHF or model merging", "RLHF|model merging")]
    [InlineData("papers on AMR parsing or text-to-SQL", "AMR parsing|text-to-SQL")]
    [InlineData("papers on speculative decoding and/or model merging", "speculative decoding|model merging")]
    [InlineData("papers on emergent misalignment / alignment faking", "emergent misalignment|alignment faking")]
    // In doubt (a part with no content word, a fragment nothing completes): one subject, searched whole.
    [InlineData("papers on whether reasoning helps or not", "")]
    [InlineData("papers on pre- or", "")]
    [InlineData("papers on speech: recognition", "")]
    public void Alternatives_that_share_a_part_written_once_are_each_made_whole(string question, string subjects) =>
        Assert.Equal(subjects, string.Join('|', EvidenceFinder.Alternatives(question) ?? []));

    [Theory]
    // The corpus writes "image editing" and "speech translation": the one-word alternative shares its neighbour's tail or head.
    [InlineData("papers on image or video editing", "image editing|video editing")]
    [InlineData("papers on speech recognition, synthesis or translation", "speech recognition|speech synthesis|speech translation")]
    [InlineData("pku papers about in-context or continual learning", "in-context learning|continual learning")]
    // No paper writes "speculative persuasion" or "RLHF merging": a word that is a subject on its own stays one.
    [InlineData("papers on speculative decoding or persuasion", "speculative decoding|persuasion")]
    [InlineData("papers on speculative decoding, quantization or pruning", "speculative decoding|quantization|pruning")]
    public void A_one_word_alternative_shares_a_neighbours_words_when_the_corpus_writes_them_so(string question, string subjects)
    {
        var searcher = corpus.Services.GetRequiredService<PaperSearcher>();
        Assert.Equal(subjects, string.Join('|', EvidenceFinder.Alternatives(question, searcher.WritesPhrase) ?? []));
    }

    [Fact]
    public async Task Alternatives_sharing_a_tail_are_each_searched_whole()
    {
        // "image" searched alone brought papers on images of any kind; "image editing" brings the editing papers.
        var evidence = await corpus.Services.GetRequiredService<EvidenceFinder>().FindAsync("papers on image or video editing");

        var top = evidence.Papers.Take(3).Select(p => p.Paper.Title + " " + p.Paper.Abstract).ToList();
        Assert.All(top, text => Assert.Matches("(?i)(image|video|visual) editing", text));
    }

    [Theory]
    [InlineData("what are the main approaches to making LLM reasoning cheaper?", "LLM reasoning cheaper?")]
    [InlineData("what techniques are there for length extrapolation in transformers?", "length extrapolation in transformers?")]
    [InlineData("state of the art on text-to-SQL", "text-to-SQL")]
    [InlineData("what's the state of the art in continual relation extraction?", "continual relation extraction?")]
    [InlineData("recent work on knowledge conflicts in language models", "knowledge conflicts in language models")]
    [InlineData("give me an overview of the landscape of mixture-of-experts routing", "mixture-of-experts routing")]
    [InlineData("what kinds of methods are used for AMR parsing?", "AMR parsing?")]
    [InlineData("what are the different ways LLMs express uncertainty in words?", "LLMs express uncertainty in words?")]
    [InlineData("how do people reduce hallucination in retrieval augmented generation?", "reduce hallucination in retrieval augmented generation?")]
    [InlineData("what do researchers usually use to evaluate LLM agents?", "use to evaluate LLM agents?")]
    // A frame word where it is content, or a frame with nothing after it, stays.
    [InlineData("how do people?", "how do people?")]
    [InlineData("how do people perceive AI-generated text?", "perceive AI-generated text?")]
    [InlineData("what is the Plan-and-Solve prompting method?", "what is the Plan-and-Solve prompting method?")]
    [InlineData("the paper on a simple way to calibrate refusals", "the paper on a simple way to calibrate refusals")]
    [InlineData("making large language models better reasoners with alignment", "making large language models better reasoners with alignment")]
    [InlineData("what are the main approaches?", "what are the main approaches?")]
    [InlineData("how do reward models get hacked?", "how do reward models get hacked?")]
    public void A_questions_frame_is_not_searched(string question, string searched) =>
        Assert.Equal(searched, QuestionFrame.Without(question));

    [Fact]
    public async Task The_frame_of_a_question_does_not_rank_papers()
    {
        // "main", "approaches" and "making" put "Demystifying Long Chain-of-Thought Reasoning" first; the subject is
        // efficient reasoning.
        var evidence = await corpus.Services.GetRequiredService<EvidenceFinder>().FindAsync("what are the main approaches to making LLM reasoning more efficient?");

        Assert.Matches("(?i)efficien", evidence.Ranked[0].Paper.Title);
        Assert.False(evidence.Abstained);
    }

    [Theory]
    [InlineData("any papers about emergent misalignment?")]
    [InlineData("papers on RLHF or DPO")]
    public async Task A_topic_answer_is_one_line_per_paper_without_a_shared_background_sentence(string question)
    {
        var answer = (await Respond(question)).Answer;

        Assert.True(answer.Citations.Count >= 3);
        // A line citing two papers (a definition they share, or two near-identical lines merged) made every channel show a paragraph.
        Assert.All(answer.Sentences, s => Assert.Single(s.Citations));
        Assert.Equal(answer.Citations.Count, answer.Sentences.Count);
    }
}
