# PaperBot server image: build with the SDK, run as a non-root user on the ASP.NET Core runtime.
#   docker build -t paperbot .
#   docker run -p 8080:8080 -v paperbot-data:/data paperbot
# The publish step is deploy/publish.sh, the same script the publish-layout test runs.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN bash deploy/publish.sh /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
# The database, fetched listings and backups live on the volume; the image itself stays read-only.
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME /data
ENV PaperBot__Database=/data/paperbot.db \
    PaperBot__Corpus=/app/corpus \
    Fetch__Folder=/data/fetched \
    Llm__PromptsDirectory=/app/prompts \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
# The image's unprivileged "app" user (APP_UID, 1654).
USER $APP_UID
EXPOSE 8080
# Readiness, not liveness: the database is readable and writable and retrieval is warm. The runtime image has no
# curl, so bash's /dev/tcp makes the request.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /readyz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "/app/paperbot.dll"]
CMD ["serve", "--urls", "http://0.0.0.0:8080"]
