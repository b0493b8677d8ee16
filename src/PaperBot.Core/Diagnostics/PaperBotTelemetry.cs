using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PaperBot.Core.Diagnostics;

/// <summary>
/// PaperBot's traces and metrics, through System.Diagnostics only: Core depends on no telemetry package, and
/// nothing is recorded unless the host subscribes (OpenTelemetry in <c>paperbot serve</c>, see
/// Observability:*). Instrument names follow OpenTelemetry conventions; Prometheus shows them with dots as
/// underscores and counters suffixed <c>_total</c> (paperbot_questions_total).
/// </summary>
public static class PaperBotTelemetry
{
    public const string Name = "PaperBot";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Questions answered (ask commands and plain questions), any channel.</summary>
    public static readonly Counter<long> Questions = Meter.CreateCounter<long>("paperbot.questions", "{question}", "Questions answered");

    /// <summary>Answers that declined because nothing in the corpus answers the question.</summary>
    public static readonly Counter<long> Abstentions = Meter.CreateCounter<long>("paperbot.abstentions", "{question}", "Questions declined for lack of evidence");

    /// <summary>Time from question to finished answer (retrieval, model, checks), by mode (extractive, llm).</summary>
    public static readonly Histogram<double> AnswerDuration = Meter.CreateHistogram<double>("paperbot.answer.duration", "s", "Time to answer a question",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    /// <summary>LLM answers that fell back to the extractive answer, by reason (failed, unusable).</summary>
    public static readonly Counter<long> LlmFallbacks = Meter.CreateCounter<long>("paperbot.llm.fallbacks", "{answer}", "LLM answers replaced by the extractive answer");

    /// <summary>Responses from the chat platforms' APIs (Discord REST and webhooks, the Teams connector), by channel and HTTP status.</summary>
    public static readonly Counter<long> ChannelResponses = Meter.CreateCounter<long>("paperbot.channel.responses", "{response}", "Responses from chat platform APIs");

    /// <summary>429 answers from the chat platforms, by channel (also counted in <see cref="ChannelResponses"/>).</summary>
    public static readonly Counter<long> RateLimited = Meter.CreateCounter<long>("paperbot.channel.rate_limited", "{response}", "429 Too Many Requests from chat platform APIs");

    /// <summary>Digest parts, by outcome: sent, or in_doubt (a POST interrupted in flight, not re-sent).</summary>
    public static readonly Counter<long> DigestParts = Meter.CreateCounter<long>("paperbot.digest.parts", "{part}", "Digest parts posted or left in doubt");
}
