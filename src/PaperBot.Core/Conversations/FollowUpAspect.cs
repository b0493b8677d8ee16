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
    /// <summary>"which of these has code?": the referenced papers whose listing marks code, the others counted.</summary>
    WhichHaveCode,
    /// <summary>"which of them is the newest?": the referenced papers by listing date, newest first.</summary>
    Newest,
    /// <summary>"which of those is the oldest?": the referenced papers by listing date, oldest first.</summary>
    Oldest,
    /// <summary>"which one of these is the most upvoted?": the referenced papers by upvotes, most first.</summary>
    MostUpvoted,
    /// <summary>"which of these is from Microsoft?", "which of them are by Li Dong?": the referenced papers whose listing
    /// names that organisation or author (<see cref="ResolvedFollowUp.Filter"/>).</summary>
    FromWhom,
}
