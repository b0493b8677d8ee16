#!/usr/bin/env bash
# The one publish command behind every deployment: the Dockerfile, deploy/install.sh and the publish-layout test
# (tests/PaperBot.Tests/Deploy/PublishLayoutTests.cs) all run this script, so the layout that is tested is the one
# that ships. The output holds the paperbot executable, appsettings.json, prompts/ and corpus/ (both copied by
# src/PaperBot.Host/PaperBot.Host.csproj), and whatever model files the referenced packages publish.
#
#   deploy/publish.sh OUTDIR                        framework-dependent (needs the ASP.NET Core 10 runtime; the image has it)
#   deploy/publish.sh OUTDIR --self-contained RID   self-contained for RID, e.g. linux-x64 (no runtime needed on the server)
#   deploy/publish.sh OUTDIR --ready-to-run RID     framework-dependent for RID, compiled ahead of time (ReadyToRun):
#                                                   a one-shot command JITs less (docs/retrieval.md, "One-shot ask")
#   deploy/publish.sh OUTDIR --no-build CONFIG      framework-dependent, from what `dotnet build -c CONFIG` already built,
#                                                   without compiling again (the publish-layout test reuses the test
#                                                   run's build: compiling Core and Host again in Release took minutes)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:?usage: deploy/publish.sh OUTDIR [--self-contained RID | --ready-to-run RID | --no-build CONFIG]}"
shift
mode=(--no-self-contained)
configuration=(-c Release)
if [ "${1:-}" = "--self-contained" ]; then
  mode=(--self-contained true -r "${2:?--self-contained needs a runtime identifier such as linux-x64}")
elif [ "${1:-}" = "--ready-to-run" ]; then
  mode=(--no-self-contained -r "${2:?--ready-to-run needs a runtime identifier such as linux-x64}" -p:PublishReadyToRun=true)
elif [ "${1:-}" = "--no-build" ]; then
  configuration=(-c "${2:?--no-build needs the configuration that was built, such as Debug or Release}" --no-build)
fi
dotnet publish "$root/src/PaperBot.Host/PaperBot.Host.csproj" "${configuration[@]}" -o "$out" "${mode[@]}" -p:DebugType=none -nologo -v quiet
for needed in paperbot.dll appsettings.json corpus prompts/answer/skprompt.txt; do
  if [ ! -e "$out/$needed" ]; then
    echo "publish.sh: $out/$needed is missing from the publish output" >&2
    exit 1
  fi
done
echo "published to $out: $(find "$out/corpus" -type f | wc -l) corpus files, $(find "$out/prompts" -name skprompt.txt | wc -l) prompts"
