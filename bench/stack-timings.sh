#!/usr/bin/env bash
# bench/stack-timings.sh — times the launcher on this machine, all in one run:
#   baseline  `./dataivr infra` from stopped services (PostgreSQL, Redis, Asterisk only)
#   cold      `./dataivr up` with nothing of ours running (Asterisk, build, adapter, phones)
#   warm      `./dataivr up` again, everything already running
#   test      `./dataivr test` (the whole suite), and from its end-to-end test the time
#             from the voice request to the agent's phone ringing
# With --from-scratch the Asterisk rootfs is built anew in a temporary cache first
# (debootstrap, about a minute). Prints a Markdown table and the command.
# It stops what `./dataivr up` started in this checkout: do not run it while other
# checkouts' tests use this machine's Asterisk.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--from-scratch" ]]; then
  DATAIVR_CACHE="$(mktemp -d /var/tmp/dataivr-bench-cache.XXXXXX)"
  export DATAIVR_CACHE
  trap './dataivr down >/dev/null 2>&1; rm -rf "$DATAIVR_CACHE"' EXIT
fi

seconds() { # seconds COMMAND…: runs it quietly, prints its wall time
  local start end
  start=$EPOCHREALTIME
  "$@" >/tmp/dataivr-bench.log 2>&1 || { cat /tmp/dataivr-bench.log >&2; echo "failed: $*" >&2; exit 1; }
  end=$EPOCHREALTIME
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }'
}

./dataivr down >/dev/null 2>&1 || true
baseline=$(seconds ./dataivr infra)
./dataivr down >/dev/null 2>&1 || true
cold=$(seconds ./dataivr up)
warm=$(seconds ./dataivr up)
./dataivr down >/dev/null 2>&1 || true
test=$(seconds ./dataivr test)
# (sed, not grep: no line found is n/a below, not a pipefail exit)
ring=$({ cat adapter/target/surefire-reports/*-output.txt 2>/dev/null || true; } |
  sed -n 's/.*e2e: voice request -> agent phone ringing: \([0-9.]* ms\).*/\1/p' | sed -n 1p)

cat <<EOT
| what | seconds |
|---|---|
| baseline: \`./dataivr infra\` (PostgreSQL, Redis, Asterisk) | $baseline |
| \`./dataivr up\` cold${DATAIVR_CACHE:+ }$( [[ "${1:-}" == "--from-scratch" ]] && echo '(rootfs built from scratch)' ) | $cold |
| \`./dataivr up\` warm (everything running) | $warm |
| \`./dataivr test\` (whole suite) | $test |
| end-to-end: voice request → agent phone ringing | ${ring:-n/a} |

command: bench/stack-timings.sh ${1:-}
EOT
