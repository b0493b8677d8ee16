using Microsoft.Data.Sqlite;
using PaperBot.Core.Storage;
using PaperBot.Core.Text;

namespace PaperBot.Core.Retrieval;

/// <summary>
/// Hybrid retrieval. Three rankings are fused by score (each divided by its best, weighted and summed; see below why
/// not by rank): FTS5 BM25 with field weights (title above
/// authors and organisations above abstract) over the question's words plus their acronym bridges; latent
/// semantic vectors learned from the corpus, which find papers written in other words; and, when the deployer
/// has an embedding service, the papers' stored embeddings. Each hit carries a <see cref="SearchHit.Coverage"/>:
/// the IDF-weighted share of the question's words the paper contains (directly or through a bridge).
/// </summary>
public sealed partial class PaperSearcher
{
    // bm25() column weights: title, abstract, authors, orgs.
    private const string Bm25 = "bm25(papers_fts, 4.0, 1.0, 2.0, 2.0)";
    private readonly SqliteConnectionFactory _database;
    private readonly CorpusVectors _vectors;
    private readonly IDenseRanker? _dense;
    private readonly RetrievalOptions _options;

    public PaperSearcher(SqliteConnectionFactory database, CorpusVectors vectors, IEnumerable<IDenseRanker> dense, Microsoft.Extensions.Options.IOptions<RetrievalOptions> options)
    {
        _database = database;
        _vectors = vectors;
        _dense = dense.FirstOrDefault();
        _options = options.Value;
    }

    public const string EmptyQueryMessage = "Give me some words to search for, for example: speculative decoding.";

    public SearchResult Search(string? query, int top = 10) => Search(query, top, embedding: null);

    /// <param name="manyPapers">The question asks for every paper on a theme ("which papers…"): the corpus vectors,
    /// which place papers by the corpus's topics, weigh <see cref="RetrievalOptions.TopicCorpusVectorWeight"/>.</param>
    /// <param name="themeTerms">The terms a theme question is typed in ("model merging", <c>Answering.ThemeTerms</c>): a
    /// paper that writes one as a phrase gets <see cref="RetrievalOptions.ThemeTermBonus"/>, as a hyphenated compound does.</param>
    /// <param name="themeWords">The words of the terms as typed, when a term is looked for by its head only ("reward
    /// hacking" of "RLHF reward hacking"): the question's other words are the ones that narrow the theme.</param>
    public SearchResult Search(string? query, int top, QueryEmbedding? embedding, Func<long, bool>? restrictTo = null, bool manyPapers = false, IReadOnlyList<string>? themeTerms = null, IReadOnlyCollection<string>? themeWords = null)
    {
        using var activity = Diagnostics.PaperBotTelemetry.Source.StartActivity("paperbot.retrieve");
        activity?.SetTag("paperbot.retrieve.top", top);
        activity?.SetTag("paperbot.retrieve.embedding", embedding is not null);
        top = Math.Clamp(top, 1, 100);
        // Pasted text is read as far as a question goes (QuestionText): some of the reading below is not linear in it.
        query = query is null ? null : QuestionText.Bounded(query);
        var fts = FtsQuery.Build(query);
        using var connection = _database.Open();
        var papers = _database.PaperCount.Of(connection);
        if (fts is null)
        {
            return new SearchResult(query ?? "", [], [], papers, EmptyQueryMessage);
        }
        // A word the corpus only ever spells the other way ("memorised") is searched and weighed as the corpus spells it;
        // when the corpus uses both spellings, the other one joins as a bridge.
        var otherSpellings = fts.Terms.SelectMany(SpellingVariants.Of).Distinct(StringComparer.Ordinal);
        var phrases = NamedTerms.Phrases(query!);
        // "DP-SGD", "Q-learning": hyphenated names the capitalised-run reading misses (its first part is short).
        phrases = phrases.Concat(NamedTerms.HyphenatedNames(query!).Where(h => !phrases.Any(p => p.SequenceEqual(h)))).ToList();
        var subjects = NamedTerms.Subjects(query!);
        var nameWords = NamedTerms.Of(query!).Concat(phrases.SelectMany(p => p)).Concat(subjects.Select(s => s.Written))
            .SelectMany(Tokenizer.Words).SelectMany(w => SpellingVariants.Of(w).Prepend(w).Concat(LetterOrDigitRuns().Matches(w).Select(m => m.Value)));
        var layWords = _options.LayTermBridges ? LayTerms.CandidateWords(query!) : [];
        var lookedUp = WeightsFor(connection, fts.Terms.Concat(otherSpellings).Concat(nameWords).Concat(layWords).Distinct(StringComparer.Ordinal).ToList(), papers);
        bool InCorpus(string word) => lookedUp.IsKnown(word);
        var terms = fts.Terms.Select(t => InCorpus(t) ? t : SpellingVariants.Of(t).FirstOrDefault(InCorpus) ?? t).Distinct(StringComparer.Ordinal).ToList();
        var acronyms = _options.AcronymBridges ? AcronymExpander.Bridges(connection, query!) : [];
        var spellings = SpellingVariants.Bridges(terms, InCorpus);
        // A name no paper writes in any spelling but one keyboard slip from one the index holds ("SheildLM", "Mirostatt")
        // is searched as the papers write it too. Names only, and no English word: an ordinary word a slip from another
        // ("tactile" → "tactic", "scorer" → "score") is a different word, not a typo.
        var slipped = NamedTerms.Of(query!).Concat(subjects.Select(s => s.Written)).SelectMany(Tokenizer.Words).ToHashSet(StringComparer.Ordinal);
        var slips = terms.Where(t => slipped.Contains(t) && !InCorpus(t) && !SpellingVariants.Of(t).Any(InCorpus) && !OrdinaryWords.Contains(t))
            .Select(t => (Word: t, Stem: SlipInCorpus(connection, t)))
            .Where(s => s.Stem is not null)
            .Select(s => new QueryBridge([s.Word], [s.Stem!], "slip"));
        var lay = _options.LayTermBridges ? LayTerms.Bridges(query!, InCorpus) : [];
        var bridges = acronyms.Concat(spellings).Concat(lay).Concat(slips).ToList();
        var bridgeWords = bridges.SelectMany(b => b.Words).Where(w => !terms.Contains(w)).Distinct(StringComparer.Ordinal).ToList();
        // In a large corpus the keyword match keeps the rarest words within a posting budget, where the rarer spelling of
        // a word would push out the word itself; there the other spelling only counts for coverage.
        var spellingWords = papers >= _options.PruneCommonTermsAbove ? spellings.SelectMany(b => b.Words).ToHashSet(StringComparer.Ordinal) : new HashSet<string>(StringComparer.Ordinal);
        var matchTerms = terms.Concat(bridgeWords.Where(w => !spellingWords.Contains(w))).Take(FtsQuery.MaxTerms + MaxBridgeTerms).ToList();

        var depth = _options.CandidateDepth;
        var weights = WeightsFor(connection, terms.Concat(bridgeWords).ToList(), papers, lookedUp);
        var keyword = _options.KeywordWeight > 0 ? KeywordRanking(connection, KeywordMatch(matchTerms, weights, papers), depth) : [];
        var stems = matchTerms.Select(PorterStemmer.Stem).ToHashSet(StringComparer.Ordinal);
        var semantic = _options.CorpusVectorWeight > 0 ? _vectors.Rank(connection, stems, depth, keyword.Take(RerankedCandidates).Select(k => k.Seq).ToList()) : [];
        var denseRanking = embedding is not null && _dense is not null && _options.EmbeddingWeight > 0
            ? _dense.Rank(connection, embedding, depth, keyword.Select(k => k.Seq).Concat(semantic.Select(v => v.Seq)).ToHashSet())
            : DenseRanking.None;
        var dense = denseRanking.Hits;
        // The lay words read as the field's rank the papers; how close the corpus comes is judged on the question as
        // written (the same candidates), so the field's common words do not make every question look answerable.
        var judged = embedding?.AsWritten is { } asWritten && _dense is not null && dense.Count > 0
            ? _dense.Rank(connection, embedding with { Vector = asWritten, AsWritten = null }, depth, keyword.Select(k => k.Seq).Concat(semantic.Select(v => v.Seq)).ToHashSet())
            : denseRanking;
        // How much of the question the best keyword matches cover: a question in the papers' own words is ranked mostly
        // by keywords; one that shares few words with them (a paraphrase) mostly by the embeddings.
        var lexical = LexicalCoverage(connection, keyword, terms, bridges, weights);

        // Score fusion: each ranking's scores divided by its best, weighted and summed. Unlike rank fusion this keeps
        // BM25's margin when one paper alone carries a rare name ("LongMemEval"), so a paper that is merely
        // similar in both rankings cannot overtake it.
        var fused = new Dictionary<long, double>();
        void Fuse(IReadOnlyList<(long Seq, double Score)> ranking, double weight)
        {
            var best = ranking.Count == 0 ? 0 : ranking.Max(r => r.Score);
            if (best <= 0)
            {
                return;
            }
            foreach (var (seq, score) in ranking)
            {
                fused[seq] = fused.GetValueOrDefault(seq) + weight * Math.Max(0, score) / best;
            }
        }
        Fuse(keyword.Select(k => (k.Seq, -k.Rank)).ToList(), _options.KeywordWeight);
        Fuse(semantic, manyPapers ? _options.TopicCorpusVectorWeight : _options.CorpusVectorWeight);
        // Cosines crowd together (0.3-0.7), so dividing by the best would barely separate them: the dense scores are
        // spread between the deepest and the best similarity instead.
        var bridgedShare = BridgedShare(terms, acronyms, weights);
        if (dense.Count > 1)
        {
            // The model reads a long form where the papers write its acronym (or the reverse) and cannot tell they are
            // the same: its ranking says nothing about the bridged part of the question, which then weighs less.
            var floor = dense[^1].Similarity;
            var spread = Math.Max(dense[0].Similarity - floor, 1e-6);
            var weight = _options.EmbeddingWeight * (1 + _options.EmbeddingLowCoverageBoost * (1 - lexical)) * (1 - bridgedShare);
            foreach (var (seq, cosine) in dense)
            {
                fused[seq] = fused.GetValueOrDefault(seq) + weight * (cosine - floor) / spread;
            }
        }

        // A paper that writes the compound the question hyphenates ("text-to-video") is about it; one with "text" in one
        // sentence and "video" in another may not be. A bonus on top of the fusion, not a keyword term: as a term the
        // phrase lifted every paper writing it alike and narrowed a decisive keyword margin (COPO and GRPO-CARE both
        // write "consistency-aware"; the embeddings' favourite then won).
        if (_options.CompoundPhraseBonus > 0 && papers < _options.PruneCommonTermsAbove && Compounds(query!) is { Count: > 0 } compounds)
        {
            var writers = CompoundWriters(connection, compounds, fused.Keys.ToList(), Math.Max(1, (int)(RareNameShare * papers)));
            foreach (var (seq, written) in writers)
            {
                fused[seq] += _options.CompoundPhraseBonus * written / compounds.Count;
            }
        }
        // "model merging - what do we have?": a theme typed as a term is what the papers writing the term are about;
        // MergeBERT writes "merge" and "model" apart (merging program code) and came first on the words alone.
        // The bonus orders the papers and is not part of their score: a list keeps the papers whose score comes close to
        // the best one's (the relative cut), and the best paper's bonus would have cut every paper not writing the term.
        var termBonus = new Dictionary<long, double>();
        var termMatch = new Dictionary<long, double>();
        // A theme that narrows its term ("chain-of-thought reasoning in languages other than English") is on the papers
        // that write the term and hold the narrowing words: each writer's bonus is the (IDF-weighted) share of the
        // question's other words it holds.
        if (_options.ThemeTermBonus > 0 && papers < _options.PruneCommonTermsAbove && themeTerms is { Count: > 0 })
        {
            var writers = CompoundWriters(connection, themeTerms, fused.Keys.ToList(), Math.Max(1, (int)(RareNameShare * papers)));
            var termWords = themeTerms.Concat(themeWords ?? []).SelectMany(Tokenizer.Words).ToHashSet(StringComparer.Ordinal);
            var rest = terms.Where(t => !termWords.Contains(t)).ToList();
            var writerPapers = rest.Count == 0 ? [] : Load(connection, writers.Keys.ToList());
            foreach (var (seq, written) in writers)
            {
                var narrowing = rest.Count == 0 || !writerPapers.TryGetValue(seq, out var writer) ? 1.0 : Coverage(rest, bridges, weights, StemsOf(writer)).Share;
                termMatch[seq] = narrowing * written / themeTerms.Count;
                termBonus[seq] = _options.ThemeTermBonus * termMatch[seq];
            }
        }

        // A keyword match that stands well clear of the next one (a title's words, a rare name, most of an abstract's
        // phrasing) is the paper asked about: a paper the model merely finds similar must not overturn it ("an early
        // OpenAI model answers conspiracies…" is GPT-3's reliability study; MiniLM puts the o1 System Card first).
        // It is pinned first at the score it would have with no theme-term bonus: the bonus orders the other papers and
        // neither lifts nor lowers it (its score is the best score a list's relative cut is taken from; lowered by the
        // bonus of another paper writing the term, "papers about conflicting gradiants…" listed six papers).
        var decisiveMatch = DecisiveKeywordMatch(keyword) ?? (manyPapers ? null : TitlePhraseMatch(connection, query!, keyword));
        long? pinned = null;
        if (decisiveMatch is { } decisive && fused.TryGetValue(decisive, out var held) && (restrictTo is null || restrictTo(decisive)))
        {
            var best = fused.Max(kv => kv.Value);
            if (held < best)
            {
                fused[decisive] = best + 1e-4;
            }
            pinned = decisive;
        }
        // The order: the pinned paper first, then the others by score and theme-term bonus.
        double OrderOf(long seq, double score) => seq == pinned ? double.PositiveInfinity : score + termBonus.GetValueOrDefault(seq);

        var ranked = fused
            .Where(kv => restrictTo is null || restrictTo(kv.Key))
            .OrderByDescending(kv => OrderOf(kv.Key, kv.Value)).ThenBy(kv => kv.Key)
            .Take(top).ToList();
        var similarity = judged.Hits.ToDictionary(d => d.Seq, d => d.Similarity);
        var keywordRank = keyword.Select((k, i) => (k.Seq, Rank: i + 1)).ToDictionary(k => k.Seq, k => k.Rank);
        var denseRank = dense.Select((d, i) => (d.Seq, Rank: i + 1)).ToDictionary(d => d.Seq, d => d.Rank);
        var loaded = Load(connection, ranked.Select(r => r.Key).ToList());
        var hits = new List<SearchHit>();
        foreach (var (seq, score) in ranked)
        {
            if (!loaded.TryGetValue(seq, out var paper))
            {
                continue;
            }
            var (coverage, matched) = Coverage(terms, bridges, weights, StemsOf(paper));
            hits.Add(new SearchHit(paper, Math.Round(score, 4), Math.Round(coverage, 4), Snippet(paper.Abstract, stems)) 
            {
                MatchedWeight = Math.Round(matched, 3),
                EmbeddingSimilarity = similarity.TryGetValue(seq, out var cosine) ? Math.Round(cosine, 4) : null,
                KeywordRank = keywordRank.TryGetValue(seq, out var k) ? k : null,
                DenseRank = denseRank.TryGetValue(seq, out var d) ? d : null,
                ThemeTermMatch = Math.Round(termMatch.GetValueOrDefault(seq), 4),
            });
        }
        var unknownNames = UnknownNames(connection, query!, bridges, InCorpus);
        return new SearchResult(query!, hits, terms, papers)
        {
            BestSimilarity = judged.Hits.Count > 0 ? Math.Round(judged.Hits[0].Similarity, 4) : null,
            SimilarityMargin = judged.Hits.Count > 0 ? Math.Round(judged.Hits[0].Similarity - judged.Hits[Math.Min(9, judged.Hits.Count - 1)].Similarity, 4) : null,
            DenseComplete = denseRanking.Complete && judged.Complete,
            MeanSimilarity = judged.Complete && judged.MeanSimilarity is { } mean ? Math.Round(mean, 4) : null,
            LexicalCoverage = Math.Round(lexical, 4),
            UnknownNames = unknownNames,
            UnknownAbbreviations = SpelledOutAbbreviations.Of(connection, query!, unknownNames),
            UnknownPhrases = UnknownPhrases(connection, phrases, bridges, InCorpus),
            UnknownSubject = UnknownSubject(connection, subjects, bridges, InCorpus, bareCountable: false),
            UnknownBareSubject = UnknownSubject(connection, subjects, bridges, InCorpus, bareCountable: true),
            UnfamiliarShare = Math.Round(UnfamiliarShare(terms, bridges, weights, InCorpus), 4),
            UnfamiliarOrdinaryShare = Math.Round(UnfamiliarShare(terms, bridges, weights, InCorpus, OrdinaryWords.Contains), 4),
            UnfamiliarWords = UnfamiliarWords(terms, bridges, InCorpus),
            RareNamesFound = RareNamesFound(query!, hits, lookedUp, papers),
            SpelledOutWords = acronyms.SelectMany(b => b.SourceWords).ToHashSet(StringComparer.Ordinal),
            Fusion = new FusionTrace(
                new Dictionary<string, IReadOnlyList<(long Seq, double Score)>>
                {
                    [FusionTrace.Keyword] = keyword.Select(k => (k.Seq, -k.Rank)).ToList(),
                    [FusionTrace.Corpus] = semantic,
                    [FusionTrace.Dense] = dense,
                    [FusionTrace.Fused] = FusedTrace(fused, termBonus, pinned, restrictTo),
                },
                lexical, bridgedShare, manyPapers, decisiveMatch)
            {
                QueryVector = embedding?.Vector,
                MeanSimilarity = denseRanking.MeanSimilarity,
            },
        };
    }

    /// <summary>The fused ranking as ordered (<see cref="FusionTrace.Fused"/>): each paper's score with its theme-term bonus,
    /// the pinned paper first, shown just above the next one when its own score is lower.</summary>
    private static List<(long Seq, double Score)> FusedTrace(Dictionary<long, double> fused, Dictionary<long, double> termBonus, long? pinned, Func<long, bool>? restrictTo)
    {
        var others = fused.Where(kv => (restrictTo is null || restrictTo(kv.Key)) && kv.Key != pinned)
            .Select(kv => (kv.Key, Value: kv.Value + termBonus.GetValueOrDefault(kv.Key)))
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).ToList();
        if (pinned is { } seq && fused.TryGetValue(seq, out var score) && (restrictTo is null || restrictTo(seq)))
        {
            others.Insert(0, (seq, others.Count > 0 ? Math.Max(score, others[0].Value + 1e-4) : score));
        }
        return others;
    }

    /// <summary>The place (1 = best) of paper <paramref name="seq"/> in the dense ranking of <paramref name="embedding"/>
    /// alone, read as deep as the other rankings (<see cref="RetrievalOptions.CandidateDepth"/>); null beyond it or without a
    /// model. A large corpus scores only <paramref name="candidates"/>, as <see cref="Search(string?, int, QueryEmbedding?, Func{long, bool}?, bool)"/> does.</summary>
    public int? DenseRankOf(QueryEmbedding embedding, long seq, IReadOnlyCollection<long> candidates)
    {
        if (_dense is null || _options.EmbeddingWeight <= 0)
        {
            return null;
        }
        using var connection = _database.Open();
        var hits = _dense.Rank(connection, embedding, _options.CandidateDepth, candidates).Hits;
        for (var i = 0; i < hits.Count; i++)
        {
            if (hits[i].Seq == seq)
            {
                return i + 1;
            }
        }
        return null;
    }

    /// <summary>The keyword ranking's best paper when the second one scores at most <see cref="RetrievalOptions.DecisiveKeywordRatio"/> of it.</summary>
    private long? DecisiveKeywordMatch(IReadOnlyList<(long Seq, double Rank)> keyword)
    {
        // bm25() is negative, lower is better; an unscored match (a large corpus's common words) has no margin to trust.
        if (_options.DecisiveKeywordRatio <= 0 || keyword.Count < 2 || keyword[0].Rank >= 0)
        {
            return null;
        }
        return keyword[1].Rank / keyword[0].Rank <= _options.DecisiveKeywordRatio ? keyword[0].Seq : null;
    }

    // Titles of the best keyword matches looked at for a run of the question's words: a title that holds several of the
    // question's words in its order is among them.
    private const int TitlePhraseCandidates = 10;

    /// <summary>
    /// The paper the question names by a phrase of its title: among the best keyword matches, the title holding the
    /// longest run of the question's words in the question's order, with at least <see cref="RetrievalOptions.TitlePhraseMinWords"/>
    /// content words ("theoretical understanding of chain-of-thought" in "A Theoretical Understanding of Chain-of-Thought:
    /// …"), when no other paper's title holds that run (an FTS5 phrase query). A paper that merely writes about the same
    /// things is then not put above it by the embeddings, which weigh a question's framing ("tl;dr of") as much as its name.
    /// </summary>
    private long? TitlePhraseMatch(SqliteConnection connection, string query, IReadOnlyList<(long Seq, double Rank)> keyword)
    {
        var min = _options.TitlePhraseMinWords;
        if (min <= 0 || keyword.Count == 0)
        {
            return null;
        }
        var words = Tokenizer.Words(query);
        var stems = words.Select(PorterStemmer.Stem).ToList();
        if (words.Count(w => !Tokenizer.IsStopWord(w)) < min)
        {
            return null;
        }
        var candidates = keyword.Take(TitlePhraseCandidates).Select(k => k.Seq).ToList();
        using var read = connection.CreateCommand();
        read.CommandText = $"SELECT seq, title FROM papers WHERE seq IN ({string.Join(",", candidates)})";
        var titles = new Dictionary<long, string>();
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                titles[reader.GetInt64(0)] = reader.GetString(1);
            }
        }
        // The keyword ranking's order breaks ties between titles holding runs of the same length.
        var best = (Seq: 0L, Start: 0, Length: 0, Content: 0);
        foreach (var seq in candidates.Where(titles.ContainsKey))
        {
            var (start, length, content) = LongestRunIn(words, stems, Tokenizer.Words(titles[seq]).Select(PorterStemmer.Stem).ToList());
            if (content >= min && content > best.Content)
            {
                best = (seq, start, length, content);
            }
        }
        if (best.Seq == 0)
        {
            return null;
        }
        using var unique = connection.CreateCommand();
        unique.CommandText = "SELECT count(*) FROM (SELECT 1 FROM papers_fts WHERE papers_fts MATCH $phrase LIMIT 2)";
        unique.Parameters.AddWithValue("$phrase", "title : " + FtsQuery.Quote(string.Join(' ', words.Skip(best.Start).Take(best.Length))));
        return Convert.ToInt32(unique.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1 ? best.Seq : null;
    }

    /// <summary>The longest run of the question's words (opening and closing on a content word) that the title holds
    /// contiguously, stem for stem: its start, length and number of content words.</summary>
    private static (int Start, int Length, int Content) LongestRunIn(IReadOnlyList<string> words, IReadOnlyList<string> stems, IReadOnlyList<string> title)
    {
        var best = (Start: 0, Length: 0, Content: 0);
        for (var i = 0; i < stems.Count; i++)
        {
            for (var t = 0; t < title.Count; t++)
            {
                var n = 0;
                while (i + n < stems.Count && t + n < title.Count && stems[i + n] == title[t + n])
                {
                    n++;
                }
                // Trim stop words at the edges: "of the theoretical understanding" names nothing more than its content.
                var (from, to) = (i, i + n);
                while (from < to && Tokenizer.IsStopWord(words[from]))
                {
                    from++;
                }
                while (to > from && Tokenizer.IsStopWord(words[to - 1]))
                {
                    to--;
                }
                var content = Enumerable.Range(from, to - from).Count(j => !Tokenizer.IsStopWord(words[j]));
                if (content > best.Content)
                {
                    best = (from, to - from, content);
                }
            }
        }
        return best;
    }

    // A name in at most this share of the papers is specific enough that finding it settles what the question is about.
    private const double RareNameShare = 0.05;
    private const int NameProbe = 3;

    /// <summary>True when the question writes names that few papers use (at least one), and the top hits contain every one of them.</summary>
    private static bool RareNamesFound(string query, IReadOnlyList<SearchHit> hits, TermWeights weights, int papers)
    {
        var names = NamedTerms.Of(query);
        if (names.Count == 0 || hits.Count == 0)
        {
            return false;
        }
        // The IDF of a word in RareNameShare of the papers, by the formula of WeightsFor.
        var n = Math.Max(papers, 1);
        var df = Math.Max(1.0, RareNameShare * n);
        var rare = Math.Log(1 + (n - df + 0.5) / (df + 0.5));
        var top = hits.Take(NameProbe).Select(h => StemsOf(h.Paper)).ToList();
        var found = 0;
        foreach (var name in names)
        {
            var words = Tokenizer.Words(name);
            // A capitalised common word ("Tuning" in R-Tuning, "LLM") says little either way.
            if (words.Count == 0 || !words.All(weights.IsKnown) || words.Max(weights.Of) < rare)
            {
                continue;
            }
            var stems = words.Select(PorterStemmer.Stem).ToList();
            if (!top.Any(paper => stems.All(paper.Contains)))
            {
                return false;
            }
            found++;
        }
        return found > 0;
    }

    // A lay term's technical form is embedded with the question only when its words are in at most this share of the
    // papers. With every form appended, "asks a bot for several things in a single message" (eval.jsonl p004) read
    // "(llm)" and its paper fell from 2nd to 5th; at 0.1 "several lookups in a row" lost "multi-hop" (multi: 19%).
    private const double EmbeddedLayTermMaxShare = 0.25;

    /// <summary>
    /// The text the question is embedded from: the question, and after it the acronym of each long form the keyword
    /// search bridges ("Kahneman-Tversky optimization for math (KTO)") and the field's words for its lay words
    /// ("a text categoriser (classifier; classification)"). The model only knows the words it reads; a paper that
    /// writes only "KTO" is as far from the spelled-out question as any other math paper, unless the embedding sees
    /// the same bridge the keywords use.
    /// </summary>
    public string DenseQueryText(string question) => DenseQueryText(question, inPlace: false);

    /// <summary>The text the papers are ranked by and, when it differs, the text the question's closeness to the corpus is
    /// judged by (null when the same): with <see cref="RetrievalOptions.EmbedLayTermsInPlace"/> the first writes the
    /// question's lay words as the field does ("my language model gives different response"), the second is
    /// <see cref="DenseQueryText(string)"/>.</summary>
    public (string Ranked, string? AsWritten) DenseQueryTexts(string question)
    {
        var written = DenseQueryText(question, inPlace: false);
        if (!_options.EmbedLayTermsInPlace)
        {
            return (written, null);
        }
        var ranked = DenseQueryText(question, inPlace: true);
        return ranked == written ? (written, null) : (ranked, written);
    }

    private string DenseQueryText(string question, bool inPlace)
    {
        if (FtsQuery.Build(question) is null)
        {
            return question;
        }
        var appended = new List<string>();
        using var connection = _database.Open();
        if (_options.AcronymBridges && _options.EmbedBridges)
        {
            // Only acronyms the papers write for a long form the question spells out: the model knows common acronyms
            // (LLM) well enough, and adding their long forms pulls every question towards the corpus's favourite phrase.
            appended.AddRange(AcronymExpander.Bridges(connection, question)
                .Where(b => b.Kind != "acronym")
                .Select(b => b.Words[0].ToUpperInvariant()));
        }
        if (_options.LayTermBridges && _options.EmbedLayTerms)
        {
            // The field's words for the question's lay words ("text categoriser" → classifier), as the keywords search
            // them; not a form the corpus writes everywhere (LLM, in half the papers), which says nothing about the
            // paper asked for and pulls the question towards the corpus's most common topic.
            var papers = _database.PaperCount.Of(connection);
            var known = WeightsFor(connection, LayTerms.CandidateWords(question), papers);
            if (inPlace)
            {
                question = LayTerms.InFieldWords(question, known.IsKnown);
            }
            else
            {
                appended.AddRange(LayTerms.Bridges(question, known.IsKnown)
                    .Where(b => b.Words.All(w => DocumentFrequency(known.Of(w), papers) <= EmbeddedLayTermMaxShare * papers))
                    .Select(b => string.Join(' ', b.Words)));
            }
        }
        appended = appended.Distinct(StringComparer.Ordinal).ToList();
        return appended.Count == 0 ? question : $"{question} ({string.Join("; ", appended)})";
    }

    /// <summary>Names in the question that the corpus never uses, in any spelling, nor stands for through an acronym bridge,
    /// nor one keyboard slip away ("Mirostatt" is Mirostat mistyped, not another system).</summary>
    private static List<string> UnknownNames(SqliteConnection connection, string query, IReadOnlyList<QueryBridge> bridges, Func<string, bool> inCorpus)
    {
        var bridged = bridges.SelectMany(b => b.SourceWords).ToHashSet(StringComparer.Ordinal);
        return NamedTerms.Of(query)
            .Where(name => !bridged.Contains(name) && !Tokenizer.Words(name).All(w => inCorpus(w) || SpellingVariants.Of(w).Any(inCorpus)
                || LettersAndDigitsApart(w, inCorpus) || SlipInCorpus(connection, w) is not null))
            .ToList();
    }

    // Shorter stems have too many real ones one slip away ("qlora" → "lora", France's "franc" → "frank") for a slip to
    // be the likelier reading.
    private const int SlipMinLength = 6;

    /// <summary>
    /// The first subject of the question (<see cref="NamedTerms.Subjects"/>: "how does X …", "what is X", "X's …") that no
    /// paper writes in any spelling: not as written, not in the other spelling, not through an acronym bridge, and not
    /// one keyboard slip away from a word the papers use ("Mirostatt", "SheildLM" are typos of names the corpus has).
    /// A subject not spelled as a name must also not be an ordinary word (<see cref="OrdinaryWords"/>): "how do
    /// chatbots…" may be a paraphrase in words the papers do not use; "how does toolformer…" is about something absent.
    /// </summary>
    /// <param name="bareCountable">Also an ordinary word written bare where a countable noun needs an article ("how does
    /// whisper handle …", <see cref="QuestionSubject.Bare"/>, <see cref="OrdinaryWords.IsCountableSingular"/>): English
    /// uses such a word so only as a name.</param>
    private static string? UnknownSubject(SqliteConnection connection, IReadOnlyList<QuestionSubject> subjects, IReadOnlyList<QueryBridge> bridges, Func<string, bool> inCorpus, bool bareCountable)
    {
        var bridged = bridges.SelectMany(b => b.SourceWords).ToHashSet(StringComparer.Ordinal);
        // A name with an inner capital is a name of its own, not the first word of a long form: the initials of "AlphaFold
        // predict protein" spell "app", which the corpus writes, but AlphaFold stays unknown ("Kahneman-Tversky
        // optimization", whose initials are KTO, has no inner capital).
        var spelledOut = bridges.Where(b => b.Kind != "initials").SelectMany(b => b.SourceWords).ToHashSet(StringComparer.Ordinal);
        foreach (var subject in subjects)
        {
            var words = Tokenizer.Words(subject.Written).Where(w => w.Any(char.IsLetter)).ToList();
            var camel = subject.Written.Split('-', '.').Any(part => part.Skip(1).Any(char.IsUpper) && part.Any(char.IsLower));
            // An ordinary English word is spelled right: it is never read as a slip of a stem the index holds ("sparrow" is
            // one letter from "uparrow", a formula's arrow).
            bool Known(string w) => inCorpus(w) || (camel ? spelledOut : bridged).Contains(w) || SpellingVariants.Of(w).Any(inCorpus)
                || (!subject.WrittenAsName && OrdinaryWords.Contains(w) && !(bareCountable && subject.Bare && words.Count == 1 && OrdinaryWords.IsCountableSingular(w) && !IsIngForm(w)))
                || LettersAndDigitsApart(w, inCorpus) || (!OrdinaryWords.Contains(w) && SlipInCorpus(connection, w) is not null);
            if (words.Count > 0 && !words.All(Known))
            {
                return subject.Written;
            }
        }
        return null;
    }

    /// <summary>"why does spelling out intermediate moves help?": a word in -ing written bare is a verb's gerund, not a
    /// countable noun used as a name ("whisper", "hyena").</summary>
    private static bool IsIngForm(string word) => word.Length >= 6 && word.EndsWith("ing", StringComparison.Ordinal);

    /// <summary>"gpt4", "qwen2": the papers write "GPT-4", "Qwen2" apart ("gpt", "4"), and the index holds the parts.</summary>
    private static bool LettersAndDigitsApart(string word, Func<string, bool> inCorpus)
    {
        var parts = LetterOrDigitRuns().Matches(word).Select(m => m.Value).ToList();
        return parts.Count > 1 && parts.All(p => p.All(char.IsDigit) || inCorpus(p));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\p{L}+|\p{N}+")]
    private static partial System.Text.RegularExpressions.Regex LetterOrDigitRuns();

    /// <summary>A stem the index stores one keyboard slip from <paramref name="word"/>'s stem (of at least
    /// <see cref="SlipMinLength"/> letters), or null: one look-up of every such spelling in the index's vocabulary.
    /// Stems, not words, are compared, because the index keeps only stems; stemming each misspelling instead would let a
    /// slip make a suffix ("controlnet" → "controlent" → "control").</summary>
    private static string? SlipInCorpus(SqliteConnection connection, string word)
    {
        var stem = PorterStemmer.Stem(word);
        if (stem.Length < SlipMinLength)
        {
            return null;
        }
        var stems = OneSlip.Variants(stem).Distinct(StringComparer.Ordinal).ToList();
        if (stems.Count == 0)
        {
            return null;
        }
        using var cmd = connection.CreateCommand();
        var names = new List<string>(stems.Count);
        for (var i = 0; i < stems.Count; i++)
        {
            names.Add("$s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            cmd.Parameters.AddWithValue(names[i], stems[i]);
        }
        // The most common of them when several are (a typo is likelier of a frequent word).
        cmd.CommandText = $"SELECT term FROM papers_vocab WHERE term IN ({string.Join(',', names)}) ORDER BY doc DESC LIMIT 1";
        return cmd.ExecuteScalar() as string;
    }

    /// <summary>
    /// Names of several words ("Stable Diffusion XL") whose every word some paper uses, but that no paper writes as a
    /// phrase, in the corpus's spelling of each word; a name bridged to an acronym ("Kahneman-Tversky" → KTO) is known.
    /// A name with a word no paper uses is already among <see cref="UnknownNames"/>.
    /// </summary>
    private static List<string> UnknownPhrases(SqliteConnection connection, IReadOnlyList<IReadOnlyList<string>> phrases, IReadOnlyList<QueryBridge> bridges, Func<string, bool> inCorpus)
    {
        var result = new List<string>();
        if (phrases.Count == 0)
        {
            return result;
        }
        var bridged = bridges.SelectMany(b => b.SourceWords).ToHashSet(StringComparer.Ordinal);
        foreach (var phrase in phrases)
        {
            // "DeepSeekMoE 16B", "Qwen2 7B Instruct", "Llama 2 Chat": a size and a variant's suffix say which variant of
            // the named model is meant; the name is the rest.
            var all = phrase.SelectMany(Tokenizer.Words).ToList();
            // "3.5B" is read as "3" and "5B": the whole number before a size goes with it.
            var words = all.Where((w, i) => !NamedTerms.IsModelSize(w)
                && !(w.All(char.IsDigit) && i + 1 < all.Count && NamedTerms.IsModelSize(all[i + 1]))).ToList();
            while (words.Count > 0 && (NamedTerms.IsVariantSuffix(words[^1]) || NamedTerms.IsMetricSuffix(words[^1])
                || (words.Count >= 2 && words[^1].All(char.IsDigit) && NamedTerms.IsMetricSuffix(words[^2]))))
            {
                // "pass@1" is read as "pass" and "1": the number goes with the metric.
                words.RemoveAt(words.Count - 1);
            }
            if (words.Count < 2 || words.Any(bridged.Contains))
            {
                continue;
            }
            var spelled = words.Select(w => inCorpus(w) ? w : SpellingVariants.Of(w).FirstOrDefault(inCorpus)).ToList();
            if (spelled.Any(w => w is null))
            {
                continue;
            }
            using var cmd = connection.CreateCommand();
            // One phrase, no ranking: FTS5 stops at the first paper that writes it.
            cmd.CommandText = "SELECT 1 FROM papers_fts WHERE papers_fts MATCH $phrase LIMIT 1";
            cmd.Parameters.AddWithValue("$phrase", FtsQuery.Quote(string.Join(' ', spelled)));
            if (cmd.ExecuteScalar() is null)
            {
                result.Add(string.Join(' ', words));
            }
        }
        return result;
    }

    /// <summary>The IDF-weighted share of the question's words the corpus never uses, in any spelling or through a bridge.</summary>
    private static double UnfamiliarShare(IReadOnlyList<string> words, IReadOnlyList<QueryBridge> bridges, TermWeights weights, Func<string, bool> inCorpus, Func<string, bool>? only = null)
    {
        var unfamiliar = UnfamiliarWords(words, bridges, inCorpus).Where(w => only is null || only(w)).ToHashSet(StringComparer.Ordinal);
        double total = 0, share = 0;
        foreach (var word in words)
        {
            var weight = weights.Of(word);
            total += weight;
            share += unfamiliar.Contains(word) ? weight : 0;
        }
        return total == 0 ? 0 : share / total;
    }

    /// <summary>The question's words the corpus never uses, in any spelling or through a bridge, in the question's order.</summary>
    private static IReadOnlyList<string> UnfamiliarWords(IReadOnlyList<string> words, IReadOnlyList<QueryBridge> bridges, Func<string, bool> inCorpus)
    {
        var bridged = bridges.SelectMany(b => b.SourceWords).ToHashSet(StringComparer.Ordinal);
        return words.Where(word => !inCorpus(word) && !bridged.Contains(word) && !SpellingVariants.Of(word).Any(inCorpus)).ToList();
    }

    /// <summary>The IDF-weighted share of the question's words that an acronym bridge stands for (0 without bridges).</summary>
    private static double BridgedShare(IReadOnlyList<string> words, IReadOnlyList<QueryBridge> acronyms, TermWeights weights)
    {
        if (acronyms.Count == 0)
        {
            return 0;
        }
        var bridged = acronyms.SelectMany(b => b.SourceWords).ToHashSet(StringComparer.Ordinal);
        double total = 0, share = 0;
        foreach (var word in words)
        {
            total += weights.Of(word);
            share += bridged.Contains(word) ? weights.Of(word) : 0;
        }
        return total == 0 ? 0 : share / total;
    }

    // Keyword hits whose coverage is read to judge how well the question's words are matched at all.
    private const int CoverageProbe = 5;

    /// <summary>The best coverage among the top keyword hits: 1 when a paper contains every question word, 0 when none does.</summary>
    private static double LexicalCoverage(SqliteConnection connection, IReadOnlyList<(long Seq, double Rank)> keyword, IReadOnlyList<string> terms, IReadOnlyList<QueryBridge> bridges, TermWeights weights)
    {
        if (keyword.Count == 0)
        {
            return 0;
        }
        var loaded = Load(connection, keyword.Take(CoverageProbe).Select(k => k.Seq).ToList());
        return loaded.Values.Select(p => Coverage(terms, bridges, weights, StemsOf(p)).Share).DefaultIfEmpty(0).Max();
    }

    private static IReadOnlySet<string> StemsOf(Papers.Paper paper) =>
        TermWeights.StemsOf(paper.Title + " " + paper.Abstract + " " + string.Join(' ', paper.Authors) + " " + string.Join(' ', paper.Orgs));

    /// <summary>True when some paper's title or abstract writes these words in this order ("image editing"; stemmed as the
    /// index is, so "image edits" counts): one FTS5 phrase look-up that stops at the first paper.</summary>
    public bool WritesPhrase(string words)
    {
        var terms = Tokenizer.Words(words);
        if (terms.Count == 0)
        {
            return false;
        }
        using var connection = _database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT 1 FROM papers_fts WHERE papers_fts MATCH $phrase LIMIT 1";
        cmd.Parameters.AddWithValue("$phrase", "{title abstract} : " + FtsQuery.Quote(string.Join(' ', terms)));
        return cmd.ExecuteScalar() is not null;
    }

    /// <summary>
    /// True when some paper's title or abstract writes the words of <paramref name="term"/> together: in this order or
    /// another, at most <paramref name="between"/> words apart ("merging of models" for "model merging"). Each word as the
    /// corpus spells it, or one keyboard slip away from a word the corpus has ("gradiants"); a word the corpus writes in
    /// neither way is written by no paper, so the term is not either.
    /// </summary>
    public bool WritesTogether(string term, int between) => WritesTogether(term, between, 1.0);

    /// <summary>As <see cref="WritesTogether(string, int)"/>, and at most <paramref name="maxShare"/> of the papers do; with
    /// <paramref name="alsoWritten"/>, one of those papers also writes that word anywhere in its title or abstract.</summary>
    public bool WritesTogether(string term, int between, double maxShare, string? alsoWritten = null)
    {
        var words = Tokenizer.Words(term);
        if (words.Count == 0)
        {
            return false;
        }
        using var connection = _database.Open();
        var spelled = new List<string>();
        foreach (var word in words)
        {
            var stem = new[] { word }.Concat(SpellingVariants.Of(word)).FirstOrDefault(w => InVocabulary(connection, PorterStemmer.Stem(w)))
                ?? SlipInCorpus(connection, word);
            if (stem is null)
            {
                return false;
            }
            spelled.Add(stem);
        }
        if (spelled.Count == 1)
        {
            return true;
        }
        var cap = maxShare >= 1 ? 1 : (int)Math.Floor(_database.PaperCount.Of(connection) * maxShare);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM (SELECT 1 FROM papers_fts WHERE papers_fts MATCH $near LIMIT $cap)";
        cmd.Parameters.AddWithValue("$near", "{title abstract} : NEAR(" + string.Join(' ', spelled.Select(FtsQuery.Quote))
            + ", " + between.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")");
        cmd.Parameters.AddWithValue("$cap", cap + 1);
        var writers = Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (writers == 0 || (maxShare < 1 && writers > cap))
        {
            return false;
        }
        if (alsoWritten is null || Tokenizer.Words(alsoWritten) is not { Count: > 0 } also)
        {
            return true;
        }
        using var both = connection.CreateCommand();
        both.CommandText = "SELECT 1 FROM papers_fts WHERE papers_fts MATCH $both LIMIT 1";
        both.Parameters.AddWithValue("$both", "{title abstract} : (NEAR(" + string.Join(' ', spelled.Select(FtsQuery.Quote))
            + ", " + between.ToString(System.Globalization.CultureInfo.InvariantCulture) + ") AND " + string.Join(" AND ", also.Select(FtsQuery.Quote)) + ")");
        return both.ExecuteScalar() is not null;
    }

    private static bool InVocabulary(SqliteConnection connection, string stem)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT 1 FROM papers_vocab WHERE term = $t";
        cmd.Parameters.AddWithValue("$t", stem);
        return cmd.ExecuteScalar() is not null;
    }

    /// <summary>The papers whose title or abstract writes the words in this order ("GSM8K", "MT-Bench"), best keyword match
    /// first, at most <paramref name="cap"/>.</summary>
    public IReadOnlyList<long> PapersWriting(string words, int cap)
    {
        var terms = Tokenizer.Words(words);
        var seqs = new List<long>();
        if (terms.Count == 0)
        {
            return seqs;
        }
        using var connection = _database.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT rowid FROM papers_fts WHERE papers_fts MATCH $phrase ORDER BY rank LIMIT $cap";
        cmd.Parameters.AddWithValue("$phrase", "{title abstract} : " + FtsQuery.Quote(string.Join(' ', terms)));
        cmd.Parameters.AddWithValue("$cap", cap);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            seqs.Add(reader.GetInt64(0));
        }
        return seqs;
    }

    /// <summary>IDF weights for the given words; words the index has never seen weigh the most.</summary>
    public TermWeights Weights(IReadOnlyList<string> words)
    {
        using var connection = _database.Open();
        return WeightsFor(connection, words, _database.PaperCount.Of(connection));
    }

    /// <summary>IDF-weighted share of the question's words the paper contains, a bridge counting for the words it stands for.</summary>
    private static (double Share, double Matched) Coverage(IReadOnlyList<string> words, IReadOnlyList<QueryBridge> bridges, TermWeights weights, IReadOnlySet<string> paperStems)
    {
        var covered = words.Where(w => paperStems.Contains(PorterStemmer.Stem(w))).ToHashSet(StringComparer.Ordinal);
        foreach (var bridge in bridges)
        {
            if (bridge.Words.All(w => paperStems.Contains(PorterStemmer.Stem(w))))
            {
                covered.UnionWith(bridge.SourceWords);
            }
        }
        double total = 0, matched = 0;
        foreach (var word in words)
        {
            var weight = weights.Of(word);
            total += weight;
            if (covered.Contains(word))
            {
                matched += weight;
            }
        }
        return (total == 0 ? 0 : matched / total, matched);
    }

    /// <summary>
    /// The FTS5 MATCH expression for the terms. FTS5 scores every paper that matches and, for its IDF, reads each
    /// term's whole posting list, so the cost of a question is the sum of its terms' document frequencies. In a
    /// large corpus (<see cref="RetrievalOptions.PruneCommonTermsAbove"/>) the terms go in rarest first while that
    /// sum stays within <see cref="RetrievalOptions.KeywordRowBudget"/>; the words left out are the common ones
    /// ("language", "models"), which add little to BM25 and still count for coverage. When even the rarest known word
    /// is common, the two rarest (or the only one) must occur and the match is not scored (<c>Ranked</c> false): BM25 would read
    /// both posting lists in full (a quarter of a second at a million papers) to tell apart papers that all contain
    /// two common words; the newest such papers are taken and the corpus vectors order them.
    /// </summary>
    private (string Match, bool Ranked) KeywordMatch(IReadOnlyList<string> terms, TermWeights weights, int papers)
    {
        if (papers < _options.PruneCommonTermsAbove)
        {
            return (string.Join(" OR ", terms.Select(FtsQuery.Quote)), true);
        }
        // Words the index has never seen match nothing and cost nothing; the budget is for the others.
        var rarestFirst = terms.Where(weights.IsKnown).OrderByDescending(weights.Of).ThenBy(t => t, StringComparer.Ordinal).ToList();
        if (rarestFirst.Count == 0)
        {
            return (string.Join(" OR ", terms.Select(FtsQuery.Quote)), true);
        }
        var kept = new List<string>();
        double rows = 0;
        foreach (var term in rarestFirst)
        {
            var frequency = DocumentFrequency(weights.Of(term), papers);
            if (kept.Count > 0 && rows + frequency > _options.KeywordRowBudget)
            {
                break;
            }
            kept.Add(term);
            rows += frequency;
        }
        if (rows > _options.KeywordRowBudget)
        {
            return (string.Join(" AND ", rarestFirst.Take(2).Select(FtsQuery.Quote)), false);
        }
        return (string.Join(" OR ", kept.Select(FtsQuery.Quote)), true);
    }

    /// <summary>
    /// The compounds the question hyphenates, as phrases of their words ("text-to-video" → "text to video"): two or more
    /// words of letters, at least two of them content words. A name with a number ("GPT-4", "Llama-2-7B") is no compound.
    /// </summary>
    internal static IReadOnlyList<string> Compounds(string question) =>
        Hyphenated().Matches(question)
            .Select(m => m.Value.Split('-'))
            .Where(parts => parts.All(p => p.All(char.IsLetter)) && parts.Count(p => p.Length > 1 && !Tokenizer.IsStopWord(p.ToLowerInvariant())) >= 2)
            .Select(parts => string.Join(' ', parts).ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>How many of the compounds each candidate's title or abstract writes (FTS5 phrase queries). Only a compound
    /// at most <paramref name="maxWriters"/> papers write counts: one a fifth of the corpus writes ("fine-tuning",
    /// "chain-of-thought") says nothing about which of them the question is about, and its bonus pushed papers on the
    /// question's other words out of the top 5 (tuning-answers-1 c02, tuning-answers-2 e08).</summary>
    private static Dictionary<long, int> CompoundWriters(SqliteConnection connection, IReadOnlyList<string> compounds, IReadOnlyList<long> candidates, int maxWriters)
    {
        var written = new Dictionary<long, int>();
        if (candidates.Count == 0)
        {
            return written;
        }
        foreach (var compound in compounds)
        {
            using (var count = connection.CreateCommand())
            {
                count.CommandText = "SELECT count(*) FROM (SELECT 1 FROM papers_fts WHERE papers_fts MATCH $phrase LIMIT $cap)";
                count.Parameters.AddWithValue("$phrase", "{title abstract} : " + FtsQuery.Quote(compound));
                count.Parameters.AddWithValue("$cap", maxWriters + 1);
                if (Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > maxWriters)
                {
                    continue;
                }
            }
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT rowid FROM papers_fts WHERE papers_fts MATCH $phrase AND rowid IN ({string.Join(",", candidates)})";
            cmd.Parameters.AddWithValue("$phrase", "{title abstract} : " + FtsQuery.Quote(compound));
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var seq = reader.GetInt64(0);
                written[seq] = written.GetValueOrDefault(seq) + 1;
            }
        }
        return written;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\p{L}\p{N}-])\p{L}+(?:-\p{L}+)+(?![\p{L}\p{N}-])")]
    private static partial System.Text.RegularExpressions.Regex Hyphenated();

    /// <summary>The document frequency an IDF stands for (the inverse of <see cref="WeightsFor"/>'s formula).</summary>
    private static double DocumentFrequency(double idf, int papers) => Math.Max(0, (papers + 1) / Math.Exp(idf) - 0.5);

    // Acronym and spelling bridges searched beyond the question's own words (at most FtsQuery.MaxTerms): a few bridges
    // find what the question wrote the other way, while every extra OR term slows the MATCH.
    private const int MaxBridgeTerms = 8;

    // In a corpus too large for a vector per paper, the corpus vectors re-rank this many keyword candidates,
    // projecting their text at query time; more costs latency for papers BM25 already put far down.
    private const int RerankedCandidates = 40;

    private static List<(long Seq, double Rank)> KeywordRanking(SqliteConnection connection, (string Match, bool Ranked) match, int depth)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = match.Ranked
            ? $"SELECT rowid, {Bm25} AS rank FROM papers_fts WHERE papers_fts MATCH $match ORDER BY rank LIMIT $depth"
            : "SELECT rowid, -1.0 FROM papers_fts WHERE papers_fts MATCH $match ORDER BY rowid DESC LIMIT $depth";
        cmd.Parameters.AddWithValue("$match", match.Match);
        cmd.Parameters.AddWithValue("$depth", depth);
        using var reader = cmd.ExecuteReader();
        var result = new List<(long, double)>();
        while (reader.Read())
        {
            result.Add((reader.GetInt64(0), reader.GetDouble(1)));
        }
        return result;
    }

    private static Dictionary<long, Papers.Paper> Load(SqliteConnection connection, IReadOnlyList<long> seqs)
    {
        var result = new Dictionary<long, Papers.Paper>();
        if (seqs.Count == 0)
        {
            return result;
        }
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT {PaperRow.Columns} FROM papers p WHERE p.seq IN ({string.Join(",", seqs)})";
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            result[reader.GetInt64(0)] = PaperRow.Read(reader);
        }
        return result;
    }

    /// <summary>The abstract sentence that shares the most stems with the query, shortened for a result line.</summary>
    private static string Snippet(string abstractText, IReadOnlySet<string> stems)
    {
        var best = SentenceSplitter.Split(abstractText)
            .Select((s, i) => (Sentence: s, Score: TermWeights.StemsOf(s).Count(stems.Contains) - i * 0.01))
            .OrderByDescending(x => x.Score)
            .Select(x => x.Sentence)
            .FirstOrDefault() ?? abstractText;
        return best.Length <= 200 ? best : best[..199].TrimEnd() + "…";
    }

    /// <summary>IDF weights of the words; those in <paramref name="known"/> are taken from it rather than looked up again
    /// (at a million papers each look-up reads up to 2,000 postings).</summary>
    private TermWeights WeightsFor(SqliteConnection connection, IReadOnlyList<string> words, int papers, TermWeights? known = null)
    {
        var n = Math.Max(papers, 1);
        var idf = new Dictionary<string, double>(StringComparer.Ordinal);
        // In a large corpus a common word's exact count costs a scan of its posting list: estimate it instead.
        var maxSeq = papers >= _options.PruneCommonTermsAbove ? MaxSeq(connection) : 0;
        foreach (var word in words.Distinct(StringComparer.Ordinal))
        {
            var stem = PorterStemmer.Stem(word);
            if (idf.ContainsKey(stem))
            {
                continue;
            }
            if (known is not null && known.IsKnown(word))
            {
                idf[stem] = known.Of(word);
                continue;
            }
            var df = maxSeq > 0 ? DocumentFrequencies.Estimate(connection, word, papers, maxSeq) : DocumentFrequencies.Exact(connection, stem);
            if (df > 0)
            {
                idf[stem] = Math.Log(1 + (n - df + 0.5) / (df + 0.5));
            }
        }
        return new TermWeights(idf, Math.Log(1 + (n + 0.5) / 0.5));
    }

    private static long MaxSeq(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT IFNULL(MAX(seq), 0) FROM papers";
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
