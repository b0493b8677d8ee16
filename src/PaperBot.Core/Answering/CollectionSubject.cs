namespace PaperBot.Core.Answering;

/// <summary>What a "how many … are there?" question counts over the whole corpus.</summary>
public enum CollectionSubject
{
    Papers,
    Authors,
    Organisations,
}
