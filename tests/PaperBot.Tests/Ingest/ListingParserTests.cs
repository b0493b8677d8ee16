using PaperBot.Core.Ingest;
using PaperBot.Core.Papers;

namespace PaperBot.Tests.Ingest;

public sealed class ListingParserTests
{
    /// <summary>An abstract long enough to be read as one (listings' abstracts run to hundreds of characters).</summary>
    private static string Abstract(string opening) =>
        opening + " We study this problem carefully across many settings and report results on several public benchmarks." +
        " Experiments show consistent gains over strong baselines, and we release our data and analysis to the community for further study." +
        " Further analysis explains where the gains come from and which parts of the method matter most in practice.";

    [Fact]
    public void Abstract_only_listing_yields_untitled_records_whether_or_not_blank_lines_separate_them()
    {
        var text = $"\n\n\n\nAbstract:{Abstract("First paper about federated entity recognition.")}\n\n\n\n" +
                   $"Abstract:{Abstract("Second paper about moral beliefs.")}\nAbstract:{Abstract("Third paper glued to the second.")}\n";

        var parsed = ListingParser.Parse("000.txt", text);

        Assert.Equal(3, parsed.Records.Count);
        Assert.All(parsed.Records, r => Assert.Null(r.Title));
        Assert.StartsWith("First paper", parsed.Records[0].Abstract, StringComparison.Ordinal);
        Assert.DoesNotContain("Abstract:", parsed.Records[1].Abstract, StringComparison.Ordinal);
        Assert.Equal([5, 9, 10], parsed.Records.Select(r => r.Line));
        Assert.Empty(parsed.Unplaced);
    }

    [Fact]
    public void Card_listing_splits_title_from_glued_authors_and_organisations()
    {
        var text = $"Why Can GPT Learn In-Context? Language Models Implicitly Perform Gradient Descent as Meta-OptimizersDamai Dai, Yutao Sun, Li Dong et al. · microsoft-research, tsinghua\n{Abstract("In-context learning as implicit finetuning.")}\n";

        var record = Assert.Single(ListingParser.Parse("001.txt", text).Records);

        Assert.Equal("Why Can GPT Learn In-Context? Language Models Implicitly Perform Gradient Descent as Meta-Optimizers", record.Title);
        Assert.Equal(["Damai Dai", "Yutao Sun", "Li Dong"], record.Authors);
        Assert.False(record.AuthorsComplete);
        Assert.Equal(["microsoft-research", "tsinghua"], record.Orgs);
    }

    [Theory]
    [InlineData("Large Language Model for Science: A Study on P vs. NPQingxiu Dong, Li Dong, Ke Xu et al. · microsoft-research, pku",
        "Large Language Model for Science: A Study on P vs. NP", "Qingxiu Dong")]
    [InlineData("Can Large Multimodal Models Uncover Deep Semantics Behind Images?Yixin Yang, Zheng Li, Qingxiu Dong et al. · pku",
        "Can Large Multimodal Models Uncover Deep Semantics Behind Images?", "Yixin Yang")]
    [InlineData("Statistical Dataset Evaluation: Reliability, Difficulty, and ValidityChengwen Wang, Qingxiu Dong, Xiaochen Wang et al. · pku",
        "Statistical Dataset Evaluation: Reliability, Difficulty, and Validity", "Chengwen Wang")]
    [InlineData("StableMoE: Stable Routing Strategy for Mixture of ExpertsDamai Dai, Li Dong, Shuming Ma et al. · microsoft-research",
        "StableMoE: Stable Routing Strategy for Mixture of Experts", "Damai Dai")]
    [InlineData("HPT: Hierarchy-aware Prompt Tuning for Hierarchical Text ClassificationZihan Wang, Peiyi Wang, Tianyu Liu et al.",
        "HPT: Hierarchy-aware Prompt Tuning for Hierarchical Text Classification", "Zihan Wang")]
    [InlineData("A Paper About Sums by John McDonald, Jane Roe et al.",
        "A Paper About Sums by John McDonald, Jane Roe et al.", null)]
    public void Glued_title_author_lines_split_at_the_first_author(string line, string title, string? firstAuthor)
    {
        var split = TitleAuthorSplitter.TrySplit(line);
        if (firstAuthor is null)
        {
            // No glue point: nothing is invented, the line stays a title.
            Assert.Null(split);
            return;
        }
        Assert.NotNull(split);
        Assert.Equal(title, split.Title);
        Assert.Equal(firstAuthor, split.Authors[0]);
    }

    [Fact]
    public void Complete_author_list_without_et_al_is_marked_complete()
    {
        var split = TitleAuthorSplitter.TrySplit("Chain-of-Thought Tokens are Computer Program VariablesFangwei Zhu, Peiyi Wang, Zhifang Sui · pku");

        Assert.NotNull(split);
        Assert.Equal("Chain-of-Thought Tokens are Computer Program Variables", split.Title);
        Assert.Equal(["Fangwei Zhu", "Peiyi Wang", "Zhifang Sui"], split.Authors);
        Assert.True(split.AuthorsComplete);
    }

    [Fact]
    public void Surname_with_inner_capital_is_not_split()
    {
        var split = TitleAuthorSplitter.TrySplit("Sums Of Squares RevisitedJohn McDonald, Jane Roe et al.");

        Assert.NotNull(split);
        Assert.Equal("Sums Of Squares Revisited", split.Title);
        Assert.Equal(["John McDonald", "Jane Roe"], split.Authors);
    }

    [Fact]
    public void Card_header_line_belongs_to_the_paper_below_it()
    {
        var text = $"First PaperAnn Lee, Bo Chen et al. · pku\n{Abstract("First abstract.")}\n" +
                   $"16.7CLDec 14, 2022\nDialogQAE: N-to-N Question Answer Pair ExtractionXin Zheng, Tianyu Liu et al.\n{Abstract("Second abstract.")}\n" +
                   $"25.7AIApr 17\nSelfBudgeter: Adaptive Token AllocationZheng Li, Qingxiu Dong et al. · pku\n{Abstract("Third abstract.")}\n" +
                   $"58.1AIDec 14, 2023Code\nMath-ShepherdPeiyi Wang, Lei Li et al. · pku\n{Abstract("Fourth abstract.")}\n";

        var records = ListingParser.Parse("001.txt", text).Records;

        Assert.Equal(4, records.Count);
        Assert.Null(records[0].Date);
        Assert.Null(records[0].Score);
        Assert.Equal(new PaperDate(2022, 12, 14), records[1].Date);
        Assert.Equal(16.7, records[1].Score);
        Assert.Equal("CL", records[1].Category);
        Assert.False(records[1].HasCode);
        Assert.Equal(3, records[1].Line); // the record starts at its header line
        Assert.Equal(new PaperDate(null, 4, 17), records[2].Date);
        Assert.False(records[2].Date!.Value.YearKnown);
        Assert.Equal("AI", records[2].Category);
        Assert.True(records[3].HasCode);
    }

    [Fact]
    public void Daily_papers_page_sets_aside_chrome_and_reads_footers()
    {
        var text = string.Join("\n",
            "new", "", "Get trending papers in your email inbox!", "", "Subscribe", "", "Daily Papers", "",
            "byAK and the research community", "", "Oct 28", "",
            "Memory in Large Language Models: Mechanisms, Evaluation and Evolution", "", Abstract("Under a unified definition."), "",
            "  • 7 authors", "·", "Sep 23", "",
            "TRACEALIGN -- Tracing the Drift", "", Abstract("Alignment drift."), "",
            "  • 3 authors", "·", "Aug 4 2", "",
            "MEMTRACK: Evaluating Long-Term Memory", "", Abstract("Memory tracking for agents."), "",
            "PatronusAI Patronus AI", "·", "Oct 1 2", "",
            "A Paper With No Footer", "", Abstract("Nothing after this one."), "",
            "Internal Consistency and Self-Feedback", "", Abstract("A survey."), "",
            "  • 9 authors", "·", "Jul 19, 2024 9", "");

        var parsed = ListingParser.Parse("003.txt", text);

        Assert.Empty(parsed.Unplaced);
        Assert.Equal(5, parsed.Records.Count);
        var memory = parsed.Records[0];
        Assert.Equal(7, memory.AuthorCount);
        Assert.Equal(new PaperDate(null, 9, 23), memory.Date);
        Assert.Null(memory.Upvotes);
        Assert.Equal(2, parsed.Records[1].Upvotes);
        Assert.Equal(["Patronus AI", "PatronusAI"], parsed.Records[2].Orgs);
        Assert.Null(parsed.Records[3].Date);
        Assert.Equal(new PaperDate(2024, 7, 19), parsed.Records[4].Date);
        Assert.Equal(9, parsed.Records[4].Upvotes);
        Assert.Equal(LineRole.PageDate, parsed.Roles[11]);
        Assert.Equal(6, parsed.ChromeLines);
    }

    [Fact]
    public void Chrome_glued_to_the_first_title_is_stripped()
    {
        var text = $"Get trending papers in your email inbox once a day!\nGet trending papers in your email inbox!\nSubscribeDemystifying Disagreement-on-the-Line in High Dimensions\n{Abstract("Distribution shift.")}\nYou Are What You Annotate\n{Abstract("Annotator disagreement.")}\n";

        var parsed = ListingParser.Parse("004.txt", text);

        Assert.Equal(["Demystifying Disagreement-on-the-Line in High Dimensions", "You Are What You Annotate"], parsed.Records.Select(r => r.Title));
        Assert.Equal(LineRole.Chrome, parsed.Roles[1]);
        Assert.Empty(parsed.Unplaced);
    }

    [Fact]
    public void Lines_that_fit_nowhere_are_reported_not_dropped_silently()
    {
        var text = $"A Title With No Abstract\nAnother Title\n{Abstract("Belongs to another title.")}\n·\n12.5CLJan 3, 2024\n";

        var parsed = ListingParser.Parse("odd.txt", text);

        Assert.Equal("Another Title", Assert.Single(parsed.Records).Title);
        Assert.Collection(parsed.Unplaced,
            u => Assert.Equal((1, "title with no abstract"), (u.Line, u.Reason)),
            u => Assert.Equal((4, "footer separator with no paper before it"), (u.Line, u.Reason)),
            u => Assert.Equal((5, "card header with no paper after it"), (u.Line, u.Reason)));
    }

    [Fact]
    public void Links_in_abstracts_are_kept_without_trailing_punctuation_and_mark_code()
    {
        var text = "Some Title\n" + Abstract(@"The code is released at \url{https://github.com/CASE-Lab-UMD/Router-Tuning}. See https://aka.ms/icl.") + "\n";

        var record = Assert.Single(ListingParser.Parse("x.txt", text).Records);

        Assert.Equal(["https://github.com/CASE-Lab-UMD/Router-Tuning", "https://aka.ms/icl"], record.Links);
        Assert.True(record.HasCode);
    }

    [Theory]
    [InlineData("000_")]
    [InlineData("001_")]
    [InlineData("002_")]
    [InlineData("003_")]
    [InlineData("004_")]
    public void Every_non_blank_line_of_the_seed_corpus_is_accounted_for(string prefix)
    {
        var path = Support.RepositoryPaths.CorpusFile(prefix);
        var lines = File.ReadAllLines(path);

        var parsed = ListingParser.Parse(Path.GetFileName(path), File.ReadAllText(path));

        Assert.Empty(parsed.Unplaced);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length > 0)
            {
                Assert.True(parsed.Roles.ContainsKey(i + 1), $"line {i + 1} of {prefix} has no role: {lines[i]}");
            }
        }
        Assert.All(parsed.Records, r => Assert.True(r.Abstract.Length >= ListingParser.AbstractMinLength || r.Abstract.Length > 100));
    }

    [Fact]
    public void Empty_and_whitespace_files_yield_nothing()
    {
        Assert.Empty(ListingParser.Parse("empty.txt", "").Records);
        Assert.Empty(ListingParser.Parse("blank.txt", "\n\n   \r\n\t\n").Records);
    }

    [Fact]
    public void A_huge_single_line_becomes_one_untitled_abstract()
    {
        var huge = string.Concat(Enumerable.Repeat("All work and no play makes a dull model. ", 50_000));

        var record = Assert.Single(ListingParser.Parse("huge.txt", huge).Records);

        Assert.Null(record.Title);
        Assert.Equal(huge.Trim(), record.Abstract);
    }
}
