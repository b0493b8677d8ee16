namespace PaperBot.Core.Answering.Composition;

/// <summary>What a content question asks for, which decides how the answer is put together.</summary>
public enum ContentKind
{
    /// <summary>Anything else: the sentences that carry the most question weight.</summary>
    General,
    /// <summary>"any papers on…", "which papers…": one line per paper saying what it does or finds.</summary>
    Topic,
    /// <summary>"which paper introduced X": the paper itself with its key result, or "not in the corpus" and what builds on it.</summary>
    Origin,
    /// <summary>"what did X find / propose / show": the named paper's contribution and results with their numbers.</summary>
    Finding,
    /// <summary>"compare A and B": method and result of each, and any sentence in which one abstract compares itself to the other.</summary>
    Compare,
    /// <summary>"how does X work", "how did they fix it": the method sentences.</summary>
    Method,
    /// <summary>"how many…", "what accuracy…": the sentence carrying the number first.</summary>
    Figure,
    /// <summary>"how do reward models get hacked?": a how/why question about a theme several papers treat; one line per
    /// paper, the sentence that carries the question's specific words.</summary>
    Subject,
    /// <summary>"summarize X", "tell me about X", "what is X about?" for one named paper: the problem it takes on, what it
    /// proposes, how, and what it finds, in the abstract's order.</summary>
    Summary,
}
