namespace PaperBot.Core.Conversations;

/// <summary>What a follow-up wants to know about the papers it refers to.</summary>
public enum FollowUpAspect
{
    /// <summary>Their content ("and the second one?", "does it use RL?").</summary>
    Content,
    Authors,
    Date,
    Organisations,
    Links,
    /// <summary>Newer papers on the same subject ("any newer work on that?").</summary>
    NewerWork,
}
