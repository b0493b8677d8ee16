namespace PaperBot.Host.Server;

/// <summary>
/// <c>GET /healthz</c> (liveness: the process answers HTTP, nothing else is checked, so an orchestrator never restarts
/// it for a slow disk) and <c>GET /readyz</c> (readiness: database readable and writable, retrieval warm; 503 with
/// the failing checks otherwise).
/// </summary>
public static class HealthEndpoints
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(LivenessPath, () => Results.Text("ok"));
        endpoints.MapGet(ReadinessPath, (ReadinessCheck check) =>
        {
            var readiness = check.Check();
            var text = (readiness.Ready ? "ready" : "not ready") + "\n" + string.Join("\n", readiness.Checks) + "\n";
            return Results.Text(text, statusCode: readiness.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }
}
