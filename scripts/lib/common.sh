# shellcheck shell=bash disable=SC2034  # STEP_NOTE and settings are read by other files
# scripts/lib/common.sh — shared helpers for ./dataivr: paths, progress lines,
# errors, processes and ports. Sourced by ./dataivr; not meant to be run.
#
# Conventions used by every scripts/lib/*.sh file:
#  * A "step" function does one job quietly: commands that print a lot send
#    their output to a log under $DATAIVR_LOG, and the function may set
#    STEP_NOTE ("already running", "created") for the progress line.
#  * Expected failures call die "cause"; the message names the cause and,
#    where there is one, the log to read.
#  * Messages go to stderr when stdout carries a command's result
#    (./dataivr menu export prints YAML on stdout).

# --- paths ------------------------------------------------------------------------
# DATAIVR_HOME (the repository root) is set by ./dataivr before sourcing.
DATAIVR_STATE="$DATAIVR_HOME/.dataivr"   # runtime state, ignored by git
DATAIVR_RUN="$DATAIVR_STATE/run"         # pid files and "started by us" markers
DATAIVR_LOG="$DATAIVR_STATE/log"         # logs of everything ./dataivr starts
DATAIVR_CACHE="${DATAIVR_CACHE:-/var/cache/dataivr}"  # survives checkouts

ensure_state_dirs() {
  mkdir -p "$DATAIVR_RUN" "$DATAIVR_LOG" "$DATAIVR_CACHE"
}

# --- the machine-wide test lock -------------------------------------------------------
# The integration tests share one Asterisk, its agent accounts and the FastAGI
# port: one ./dataivr test per machine at a time, whatever the checkout, and no
# command pushes or reloads Asterisk configuration while a run holds the lock.
# Its path is fixed (not under TMPDIR), so every checkout and user finds it.
TEST_LOCK_FILE="$DATAIVR_CACHE/test.lock"
TEST_LOCK_HELD=0

# hold_test_lock: waits for the lock and keeps it until this shell exits.
hold_test_lock() {
  exec {TEST_LOCK_FD}>"$TEST_LOCK_FILE"
  if ! flock -n "$TEST_LOCK_FD"; then
    say "another ./dataivr test is running on this machine; waiting for it"
    flock "$TEST_LOCK_FD"
  fi
  TEST_LOCK_HELD=1
}

# without_test_lock: closes the lock's descriptor in the subshell it is called in,
# before that subshell execs a daemon. Every child inherits the descriptor, and a
# daemon a run starts (Asterisk, Redis, PostgreSQL) would hold the lock for as
# long as it runs: the next ./dataivr test would wait for it forever. Only in a
# subshell: in the run's own shell it would let the lock go.
without_test_lock() {
  if [[ -n "${TEST_LOCK_FD:-}" ]]; then
    exec {TEST_LOCK_FD}>&-
  fi
}

# refuse_during_test_run WHAT: dies when another process holds the test lock.
refuse_during_test_run() {
  ((TEST_LOCK_HELD)) && return 0
  local fd
  exec {fd}>"$TEST_LOCK_FILE"
  if ! flock -n "$fd"; then
    exec {fd}>&-
    die "a ./dataivr test run holds $TEST_LOCK_FILE: not $1 while it runs (try again when it ends)"
  fi
  exec {fd}>&-
}

# --- messages and progress ----------------------------------------------------------
STEP_NO=0
STEP_TOTAL=0
STEP_OPEN=""      # non-empty while a progress line waits for its result
STEP_NOTE=""      # what a step function wants shown instead of "ok"
STEP_STARTED=0

now_us() {
  local t="${EPOCHREALTIME/[.,]/}"
  echo "$t"
}

# seconds since $1 (microseconds), one decimal
elapsed_since() {
  local us=$(($(now_us) - $1))
  printf '%d.%d' $((us / 1000000)) $((us % 1000000 / 100000))
}

say() { printf '%s\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }

steps_begin() {
  STEP_TOTAL="$1"
  STEP_NO=0
}

# step "LABEL" FUNCTION [ARGS…]: runs FUNCTION behind a progress line
#   [3/8] starting Asterisk… ok (2.1 s)
step() {
  local label="$1"
  shift
  STEP_NO=$((STEP_NO + 1))
  STEP_NOTE=""
  STEP_STARTED="$(now_us)"
  printf '[%d/%d] %s… ' "$STEP_NO" "$STEP_TOTAL" "$label" >&2
  STEP_OPEN=yes
  "$@"
  STEP_OPEN=""
  printf '%s (%s s)\n' "${STEP_NOTE:-ok}" "$(elapsed_since "$STEP_STARTED")" >&2
}

# Ends an open progress line with FAILED before an error message. In a subshell (die in a command
# substitution) it only starts a new line: the main shell, whose command then fails, says FAILED.
close_open_step() {
  if [[ -n "$STEP_OPEN" ]] && ((BASHPID != $$)); then
    printf '\n' >&2
  elif [[ -n "$STEP_OPEN" ]]; then
    STEP_OPEN=""
    printf 'FAILED (%s s)\n' "$(elapsed_since "$STEP_STARTED")" >&2
  fi
}

die() {
  close_open_step
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# die, quoting the last lines of a log
die_with_log() {
  local log="$1"
  shift
  close_open_step
  printf 'error: %s\n' "$*" >&2
  if [[ -s "$log" ]]; then
    printf '  last lines of %s:\n' "$log" >&2
    tail -n 15 "$log" | sed 's/^/    | /' >&2
  fi
  exit 1
}

# An unexpected failing command (set -e): say where, then stop. Only the main shell reports: in a
# subshell (a command substitution, a pipeline's part) set -e (inherit_errexit) ends the subshell
# with the status, and the main shell's command that used it fails in turn and is reported here,
# once, with the step it ends. A subshell reporting would print FAILED for a step that the main
# shell then carries on with, and, where the main shell ignores the status, reports ok.
on_unexpected_error() {
  local rc="$1" line="$2" src="$3" cmd="$4"
  ((BASHPID == $$)) || return 0
  close_open_step
  printf 'error: unexpected failure (exit %s) of "%s" at %s:%s\n' "$rc" "$cmd" "$src" "$line" >&2
  exit "$rc"
}

install_error_trap() {
  set -E
  shopt -s inherit_errexit
  trap 'on_unexpected_error $? $LINENO "${BASH_SOURCE[0]}" "$BASH_COMMAND"' ERR
}

# wait_until SECONDS COMMAND…: polls COMMAND every 0.2 s; false on timeout.
wait_until() {
  local deadline=$(($(now_us) + $1 * 1000000))
  shift
  until "$@"; do
    (($(now_us) < deadline)) || return 1
    sleep 0.2
  done
}

# --- processes -----------------------------------------------------------------------
pid_alive() {
  [[ "${1:-}" =~ ^[0-9]+$ ]] && kill -0 "$1" 2>/dev/null
}

pid_cmdline() {
  tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true
}

# read_pid NAME: the pid recorded in $DATAIVR_RUN/NAME.pid if that process lives
read_pid() {
  local file="$DATAIVR_RUN/$1.pid" pid
  [[ -f "$file" ]] || return 1
  pid="$(<"$file")"
  pid_alive "$pid" || return 1
  echo "$pid"
}

# running_pid NAME PATTERN: like read_pid, and the command line must contain
# PATTERN (guards against a recycled pid)
running_pid() {
  local pid
  pid="$(read_pid "$1")" || return 1
  [[ "$(pid_cmdline "$pid")" == *"$2"* ]] || return 1
  echo "$pid"
}

# stop_pid PID SECONDS: SIGTERM, wait, then SIGKILL
stop_pid() {
  local pid="$1" grace="$2"
  pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_until "$grace" eval "! pid_alive $pid"; then
    kill -KILL "$pid" 2>/dev/null || true
    wait_until 5 eval "! pid_alive $pid" || true
  fi
}

# --- ports -----------------------------------------------------------------------------
# port_pids tcp|udp PORT [ADDR]: pids listening on PORT at ADDR (default
# 127.0.0.1), counting wildcard binds too (they take the port on every address).
port_pids() {
  local proto="$1" port="$2" addr="${3:-127.0.0.1}" flag=-t
  [[ "$proto" == udp ]] && flag=-u
  { ss -Hlnp "$flag" 2>/dev/null || true; } | awk -v port="$port" -v addr="$addr" '
    {
      local_addr = $4
      n = split(local_addr, parts, ":")
      if (parts[n] != port) next
      host = substr(local_addr, 1, length(local_addr) - length(port) - 1)
      sub(/%.*/, "", host)
      if (host == addr || host == "0.0.0.0" || host == "*" || host == "[::]" || host == "[::ffff:" addr "]") {
        line = $0
        found = 0
        while (match(line, /pid=[0-9]+/)) {
          print substr(line, RSTART + 4, RLENGTH - 4)
          line = substr(line, RSTART + RLENGTH)
          found = 1
        }
        if (!found) print "?"
      }
    }' | sort -u
}

port_in_use() {
  [[ -n "$(port_pids "$@")" ]]
}

# describe_pids PID…: "pid 123 (redis-server *:6379)" for error messages
describe_pids() {
  local pid out=""
  for pid in "$@"; do
    if [[ "$pid" == "?" ]]; then
      out+="an unknown process, "
    else
      out+="pid $pid ($(pid_cmdline "$pid" | tr -s '\n\t' '  ' | cut -c1-80)), "
    fi
  done
  echo "${out%, }"
}

# require_port_free_or_ours NAME tcp|udp PORT ADDR OUR_PID: dies when another
# program holds the port.
require_port_free_or_ours() {
  local name="$1" proto="$2" port="$3" addr="$4" ours="${5:-}" pids pid
  pids="$(port_pids "$proto" "$port" "$addr")"
  [[ -z "$pids" ]] && return 0
  for pid in $pids; do
    [[ -n "$ours" && "$pid" == "$ours" ]] && continue
    # shellcheck disable=SC2086
    die "port $port/$proto on $addr, needed by $name, is taken by $(describe_pids $pids), which ./dataivr did not start; stop it or free the port"
  done
}

# --- small network clients (bash only, no curl/nc needed) ---------------------------------
# http_get HOST PORT PATH: prints the response (headers and body); false if
# nothing answers.
http_get() {
  local host="$1" port="$2" path="$3" fd line
  { exec {fd}<>"/dev/tcp/$host/$port"; } 2>/dev/null || return 1
  printf 'GET %s HTTP/1.0\r\nHost: %s:%s\r\nConnection: close\r\n\r\n' "$path" "$host" "$port" >&"$fd"
  while IFS= read -r -t 5 -u "$fd" line || [[ -n "$line" ]]; do
    printf '%s\n' "$line"
  done
  exec {fd}>&-
}

# http_post_json HOST PORT PATH JSON [USER:PASSWORD]: prints the response's
# status code (e.g. 200); false if nothing answers. With USER:PASSWORD it sends
# HTTP Basic credentials (in the request, never on a command line).
http_post_json() {
  local host="$1" port="$2" path="$3" body="$4" credentials="${5:-}" fd line auth=""
  local LC_ALL=C # from here ${#body} counts bytes, as Content-Length must (a UTF-8 body has more bytes than characters)
  [[ -n "$credentials" ]] && auth="Authorization: Basic $(printf '%s' "$credentials" | base64 -w0)"$'\r\n'
  { exec {fd}<>"/dev/tcp/$host/$port"; } 2>/dev/null || return 1
  printf 'POST %s HTTP/1.0\r\nHost: %s:%s\r\n%sContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
    "$path" "$host" "$port" "$auth" "${#body}" "$body" 1>&"$fd"
  IFS= read -r -t 10 -u "$fd" line || true
  exec {fd}>&-
  line="${line#HTTP/* }"
  echo "${line%% *}"
}

# --- packages -------------------------------------------------------------------------------
pkg_installed() {
  [[ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null)" == "ii"* ]]
}
