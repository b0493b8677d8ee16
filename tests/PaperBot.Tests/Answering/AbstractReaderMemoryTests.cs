using PaperBot.Core.Answering.Composition;

namespace PaperBot.Tests.Answering;

/// <summary>
/// AbstractReader keeps its recent readings and each sentence its stems (the ask benchmark's largest cost was reading
/// the same evidence abstracts again): what is kept must be what a fresh reading gives.
/// </summary>
public sealed class AbstractReaderMemoryTests
{
    private const string Abstract =
        "Large language models often state wrong facts with confidence. We propose LACIE, a listener-aware fine-tuning method. " +
        "Crucially, these trends transfer to human listeners. Code is available at https://github.com/example/lacie.";

    [Fact]
    public void A_second_reading_of_the_same_text_gives_the_same_sentences_roles_and_display()
    {
        var first = AbstractReader.Read(Abstract);
        // A different string instance with the same text: the memory is by content, not by reference.
        var again = AbstractReader.Read(new string(Abstract.AsSpan()));

        Assert.Equal(first.Count, again.Count);
        Assert.Equal(first.Select(s => (s.Index, s.Raw, s.Roles, s.Display)), again.Select(s => (s.Index, s.Raw, s.Roles, s.Display)));
    }

    [Fact]
    public void The_readings_handed_out_cannot_be_changed_by_a_caller()
    {
        var sentences = AbstractReader.Read(Abstract);

        Assert.False(sentences is List<AbstractSentence>);
        Assert.Throws<NotSupportedException>(() => ((IList<AbstractSentence>)sentences).RemoveAt(0));
    }

    [Fact]
    public void A_sentences_stems_are_those_of_its_own_text_even_in_a_copy_with_other_text()
    {
        var sentence = AbstractReader.Read(Abstract)[1];
        Assert.Contains("listen", sentence.Stems);

        var copy = sentence with { Raw = "Mixture-of-Denoisers is a pre-training objective." };

        Assert.DoesNotContain("listen", copy.Stems);
        Assert.Contains("denois", copy.Stems);
        Assert.Contains("listen", sentence.Stems);
    }
}
