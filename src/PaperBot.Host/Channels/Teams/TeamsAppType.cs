namespace PaperBot.Host.Channels.Teams;

/// <summary>How the bot's Entra app registration is scoped; decides which authority issues outbound tokens.</summary>
public enum TeamsAppType
{
    /// <summary>Tokens from the bot's own tenant (<c>login.microsoftonline.com/{tenantId}</c>); the only type Azure still creates.</summary>
    SingleTenant,
    /// <summary>Legacy: tokens from the <c>botframework.com</c> tenant.</summary>
    MultiTenant,
}
