using PaperBot.Core.Text;

namespace PaperBot.Tests.Text;

/// <summary>
/// The stemmer by example, step by step, with the words of Porter's 1980 paper. Every expectation here is what
/// SQLite's FTS5 "porter" tokenizer makes of the word (checked with fts5vocab when these were written); agreement
/// over the whole corpus and over odd characters is <see cref="FtsNormalisationConformanceTests"/>, not repeated here.
/// </summary>
public sealed class PorterStemmerTests
{
    [Theory]
    // Step 1a: plurals.
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("ties", "ti")]
    [InlineData("caress", "caress")]
    [InlineData("cats", "cat")]
    // Step 1b: -ed and -ing, only when the rest has a vowel; then the clean-up of doubled letters and short stems.
    [InlineData("feed", "feed")]
    [InlineData("agreed", "agre")]
    [InlineData("plastered", "plaster")]
    [InlineData("bled", "bled")]
    [InlineData("motoring", "motor")]
    [InlineData("sing", "sing")]
    [InlineData("conflated", "conflat")]
    [InlineData("troubled", "troubl")]
    [InlineData("sized", "size")]
    [InlineData("hopping", "hop")]
    [InlineData("tanned", "tan")]
    [InlineData("falling", "fall")]
    [InlineData("hissing", "hiss")]
    [InlineData("fizzed", "fizz")]
    [InlineData("failing", "fail")]
    [InlineData("filing", "file")]
    // Step 1c: a final y after a vowel-bearing stem.
    [InlineData("happy", "happi")]
    [InlineData("sky", "sky")]
    // Step 2: double suffixes to single ones.
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("rational", "ration")]
    [InlineData("digitizer", "digit")]
    [InlineData("vietnamization", "vietnam")]
    [InlineData("operator", "oper")]
    [InlineData("feudalism", "feudal")]
    [InlineData("decisiveness", "decis")]
    [InlineData("hopefulness", "hope")]
    [InlineData("callousness", "callous")]
    [InlineData("sensibiliti", "sensibl")]
    // Step 3: -ic-, -full, -ness and friends.
    [InlineData("triplicate", "triplic")]
    [InlineData("formative", "form")]
    [InlineData("formalize", "formal")]
    [InlineData("electrical", "electr")]
    [InlineData("hopeful", "hope")]
    [InlineData("goodness", "good")]
    // Step 4: the last suffix, when the stem is long enough (measure > 1).
    [InlineData("revival", "reviv")]
    [InlineData("allowance", "allow")]
    [InlineData("inference", "infer")]
    [InlineData("airliner", "airlin")]
    [InlineData("gyroscopic", "gyroscop")]
    [InlineData("adjustable", "adjust")]
    [InlineData("defensible", "defens")]
    [InlineData("irritant", "irrit")]
    [InlineData("replacement", "replac")]
    [InlineData("adjustment", "adjust")]
    [InlineData("dependent", "depend")]
    [InlineData("adoption", "adopt")]
    [InlineData("communism", "commun")]
    [InlineData("activate", "activ")]
    [InlineData("homologous", "homolog")]
    [InlineData("effective", "effect")]
    [InlineData("bowdlerize", "bowdler")]
    // Step 5: a final e, and a final double l.
    [InlineData("probate", "probat")]
    [InlineData("rate", "rate")]
    [InlineData("cease", "ceas")]
    [InlineData("controll", "control")]
    [InlineData("roll", "roll")]
    // Several steps in turn, and words from the corpus's field.
    [InlineData("generalizations", "gener")]
    [InlineData("oscillators", "oscil")]
    [InlineData("transformers", "transform")]
    [InlineData("attention", "attent")]
    [InlineData("retrieval", "retriev")]
    public void Stems_as_the_porter_algorithm_does(string word, string stem) => Assert.Equal(stem, PorterStemmer.Stem(word));

    [Theory]
    [InlineData("ab")]
    [InlineData("is")]
    [InlineData("ı")] // one letter, two UTF-8 bytes: still under three bytes
    public void Tokens_under_three_bytes_pass_through(string word) => Assert.Equal(word, PorterStemmer.Stem(word));

    [Theory]
    [InlineData("abs", "ab")]
    [InlineData("ies", "ie")]
    [InlineData("sses", "sse")]
    [InlineData("ing", "ing")]
    public void Three_and_four_byte_tokens_are_stemmed_with_FTS5s_short_token_rules(string word, string stem) =>
        Assert.Equal(stem, PorterStemmer.Stem(word));

    [Fact]
    public void Tokens_over_64_bytes_are_kept_whole_and_63_bytes_are_still_stemmed()
    {
        var seventyThree = new string('a', 70) + "ing";
        Assert.Equal(seventyThree, PorterStemmer.Stem(seventyThree));
        var sixtyThree = string.Concat(Enumerable.Repeat("generalizations", 4)) + "ing";
        Assert.Equal(string.Concat(Enumerable.Repeat("generalizations", 4)), PorterStemmer.Stem(sixtyThree));
    }

    [Theory]
    [InlineData("łodzing", "łodz")] // ł: two bytes, each a consonant; "łodz" has a vowel, so -ing goes
    [InlineData("straßing", "straß")]
    [InlineData("øing", "øing")] // ø is no vowel to FTS5: the stem before -ing has none, so it stays
    public void A_non_ascii_letter_counts_as_consonants_byte_by_byte(string word, string stem) =>
        Assert.Equal(stem, PorterStemmer.Stem(word));

    [Fact]
    public void Stemming_twice_gives_the_same_answer_as_once_memo_or_not()
    {
        var first = PorterStemmer.Stem("relational");
        Assert.Equal(first, PorterStemmer.Stem("relational"));
        Assert.Equal("relat", first);
    }
}
