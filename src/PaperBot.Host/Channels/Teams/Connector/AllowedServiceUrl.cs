namespace PaperBot.Host.Channels.Teams.Connector;

/// <summary>One parsed <c>Teams:AllowedServiceUrls</c> entry; <see cref="Wildcard"/> means any sub-domain of <see cref="Host"/>.</summary>
public readonly record struct AllowedServiceUrl(string Scheme, string Host, int Port, bool Wildcard);
