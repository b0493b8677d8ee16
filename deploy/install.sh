#!/usr/bin/env bash
# Installs PaperBot on a Linux server without a container: a self-contained build (no .NET runtime needed on the
# server) in /opt/paperbot, the database in /var/lib/paperbot, secrets in /etc/paperbot/env, and the hardened
# systemd unit. Run from a clone of the repository, as root, on a machine with the .NET 10 SDK (or build elsewhere
# with deploy/publish.sh OUT --self-contained linux-x64 and pass --from OUT).
#   sudo deploy/install.sh [--rid linux-x64|linux-arm64] [--from PUBLISHED_DIR] [--no-start]
# Re-running it upgrades: the old build is kept as /opt/paperbot.previous, the database is backed up first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rid=""
from=""
start=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rid) rid="$2"; shift 2 ;;
    --from) from="$2"; shift 2 ;;
    --no-start) start=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [ "$(id -u)" -ne 0 ]; then
  echo "run as root (it creates a user, /opt/paperbot, /var/lib/paperbot and a systemd unit)" >&2
  exit 1
fi
if [ -z "$rid" ]; then
  case "$(uname -m)" in
    x86_64) rid=linux-x64 ;;
    aarch64) rid=linux-arm64 ;;
    *) echo "unknown architecture $(uname -m); pass --rid" >&2; exit 2 ;;
  esac
fi

# 1. A system user with no login shell and no home of its own.
if ! id paperbot >/dev/null 2>&1; then
  useradd --system --user-group --home-dir /var/lib/paperbot --no-create-home --shell /usr/sbin/nologin paperbot
fi

# 2. Directories: the program is root-owned and read-only to the service; only the data directory is writable.
install -d -o root -g root -m 0755 /opt
install -d -o paperbot -g paperbot -m 0750 /var/lib/paperbot
install -d -o root -g paperbot -m 0750 /etc/paperbot
if [ ! -e /etc/paperbot/env ]; then
  install -o root -g paperbot -m 0640 "$root/deploy/paperbot.env.example" /etc/paperbot/env
  echo "wrote /etc/paperbot/env from the example: put your secrets there"
fi

# 3. The self-contained publish, with corpus/ and prompts/ beside the executable (the same script the image uses).
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
if [ -n "$from" ]; then
  cp -a "$from/." "$staging/"
else
  bash "$root/deploy/publish.sh" "$staging" --self-contained "$rid"
fi
test -x "$staging/paperbot" -a -d "$staging/corpus" -a -d "$staging/prompts" || { echo "the build lacks paperbot, corpus/ or prompts/" >&2; exit 1; }

# 4. Upgrade safely: stop, back up the database online, swap the build in, start (migrations also back up first).
if systemctl is-active --quiet paperbot 2>/dev/null; then
  systemctl stop paperbot
fi
if [ -e /var/lib/paperbot/paperbot.db ] && [ -x /opt/paperbot/paperbot ]; then
  backup="/var/lib/paperbot/backups/before-install-$(date -u +%Y%m%dT%H%M%SZ).db"
  install -d -o paperbot -g paperbot -m 0750 /var/lib/paperbot/backups
  runuser -u paperbot -- /opt/paperbot/paperbot --db /var/lib/paperbot/paperbot.db backup --out "$backup" && echo "database backed up to $backup"
fi
rm -rf /opt/paperbot.previous
if [ -d /opt/paperbot ]; then
  mv /opt/paperbot /opt/paperbot.previous
fi
install -d -o root -g root -m 0755 /opt/paperbot
cp -a "$staging/." /opt/paperbot/
chown -R root:root /opt/paperbot
chmod -R go-w /opt/paperbot

# 5. The unit, then a check of the configuration before starting.
install -o root -g root -m 0644 "$root/deploy/paperbot.service" /etc/systemd/system/paperbot.service
systemctl daemon-reload
systemctl enable paperbot >/dev/null
(set -a; . /etc/paperbot/env; set +a; cd /opt/paperbot && runuser -u paperbot --preserve-environment -- /opt/paperbot/paperbot \
  --db /var/lib/paperbot/paperbot.db doctor) || echo "paperbot doctor reported problems (above); fix them in /etc/paperbot/env"
if [ "$start" -eq 1 ]; then
  systemctl start paperbot
  echo "started: systemctl status paperbot; journalctl -u paperbot -f"
fi
echo "PaperBot listens on http://127.0.0.1:5080; put a TLS reverse proxy in front (deploy/Caddyfile) for Discord and Teams."
