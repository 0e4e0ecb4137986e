# shellcheck shell=bash disable=SC2034  # STEP_NOTE and settings are read by other files
# scripts/lib/asterisk.sh — Asterisk 22 on loopback: SIP 127.0.0.1:5060/udp,
# AMI 127.0.0.1:5038.
#
# Debian 12 has no asterisk package, so by default Asterisk runs from a
# Debian-unstable root filesystem built once with debootstrap and cached in
# $DATAIVR_CACHE/asterisk-rootfs (default /var/cache/dataivr/asterisk-rootfs).
# It runs chrooted there as that rootfs's own "asterisk" user and shares the
# host's network, so it listens on 127.0.0.1 like a native install. If the
# system has its own Asterisk 20 or newer, that one is used instead.
# DATAIVR_ASTERISK=rootfs|system|auto (default auto) forces the choice.
#
# On every start the project's asterisk-config/*.conf and dialplan/*.conf
# become Asterisk's configuration directory (exactly those files; Debian's
# sample files are kept aside in /etc/asterisk.dist inside the rootfs). When
# Asterisk is already running and the files changed, "core reload" applies
# them.

AMI_HOST=127.0.0.1
AMI_PORT=5038
AMI_USER=dataivr
AMI_SECRET=dataivr-ami
SIP_HOST=127.0.0.1
SIP_PORT=5060
ASTERISK_ROOTFS="$DATAIVR_CACHE/asterisk-rootfs"
ASTERISK_DEBIAN_MIRROR="${DATAIVR_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
ASTERISK_PACKAGES="asterisk,asterisk-modules,asterisk-config"
# Modules without which DataIVR cannot work; a start where one of them did
# not load is a failed start.
ASTERISK_REQUIRED_MODULES=(res_pjsip.so chan_pjsip.so res_pjsip_registrar.so app_queue.so res_agi.so
  bridge_native_rtp.so pbx_config.so res_musiconhold.so res_sorcery_realtime.so res_config_pgsql.so func_db.so)

ASTERISK_MODE=""   # rootfs | system
ASTERISK_ETC=""    # host path of Asterisk's configuration directory
ASTERISK_UID=""    # rootfs mode: the rootfs's asterisk user and group
ASTERISK_GID=""

# --- choosing the installation -----------------------------------------------------

# major version of an "Asterisk 22.10.1…" line on stdin, or nothing
asterisk_major() {
  sed -n 's/^Asterisk \([0-9][0-9]*\)\..*/\1/p' | head -n 1
}

# at_least_20 MAJOR: true for a version 20 or newer
at_least_20() {
  [[ "$1" =~ ^[0-9]+$ ]] && (("$1" >= 20))
}

system_asterisk_major() {
  command -v asterisk >/dev/null 2>&1 || return 0
  { asterisk -V 2>/dev/null || true; } | asterisk_major
}

select_asterisk_mode() {
  [[ -n "$ASTERISK_MODE" ]] && return 0
  local major
  case "${DATAIVR_ASTERISK:-auto}" in
    rootfs) ASTERISK_MODE=rootfs ;;
    system)
      major="$(system_asterisk_major)"
      at_least_20 "$major" ||
        die "DATAIVR_ASTERISK=system but the system has no Asterisk 20 or newer (found: ${major:-none})"
      ASTERISK_MODE=system
      ;;
    auto)
      major="$(system_asterisk_major)"
      if at_least_20 "$major"; then
        ASTERISK_MODE=system
      else
        ASTERISK_MODE=rootfs
      fi
      ;;
    *) die "DATAIVR_ASTERISK must be rootfs, system or auto (is '$DATAIVR_ASTERISK')" ;;
  esac
  if [[ "$ASTERISK_MODE" == rootfs ]]; then
    ASTERISK_ETC="$ASTERISK_ROOTFS/etc/asterisk"
  else
    ASTERISK_ETC="$DATAIVR_CACHE/system-asterisk/etc"
  fi
}

# --- the rootfs ---------------------------------------------------------------------------

rootfs_complete() {
  [[ -x "$ASTERISK_ROOTFS/usr/sbin/asterisk" ]] && grep -q '^asterisk:' "$ASTERISK_ROOTFS/etc/passwd" 2>/dev/null
}

# unmount whatever a failed debootstrap left mounted below $1 (/proc, /sys)
unmount_below() {
  local target
  { findmnt -rn -o TARGET 2>/dev/null || true; } | { grep -F "$1/" || true; } | sort -r | while read -r target; do
    umount -l "$target" 2>/dev/null || true
  done
}

build_rootfs() {
  local partial="$ASTERISK_ROOTFS.partial" log="$DATAIVR_LOG/debootstrap.log"
  command -v debootstrap >/dev/null || die "debootstrap is not installed (apt-get install debootstrap)"
  unmount_below "$partial"
  rm -rf --one-file-system "$partial"
  echo "=== $(date -Is) debootstrap --variant=minbase --include=$ASTERISK_PACKAGES sid $partial $ASTERISK_DEBIAN_MIRROR" >>"$log"
  if ! debootstrap --variant=minbase --include="$ASTERISK_PACKAGES" sid "$partial" "$ASTERISK_DEBIAN_MIRROR" >>"$log" 2>&1; then
    unmount_below "$partial"
    die_with_log "$log" "building the Asterisk rootfs with debootstrap failed (mirror $ASTERISK_DEBIAN_MIRROR; set DATAIVR_DEBIAN_MIRROR to use another)"
  fi
  unmount_below "$partial"
  mv "$partial" "$ASTERISK_ROOTFS"
}

rootfs_user_ids() {
  local line
  line="$(grep '^asterisk:' "$ASTERISK_ROOTFS/etc/passwd")" || die "the rootfs has no asterisk user ($ASTERISK_ROOTFS/etc/passwd)"
  ASTERISK_UID="$(cut -d: -f3 <<<"$line")"
  ASTERISK_GID="$(cut -d: -f4 <<<"$line")"
}

# Runs a command inside the rootfs as its asterisk user.
in_rootfs() {
  env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/var/lib/asterisk LANG=C.UTF-8 \
    chroot --userspec="$ASTERISK_UID:$ASTERISK_GID" --groups="$ASTERISK_GID" "$ASTERISK_ROOTFS" "$@"
}

# The directories Asterisk writes, created and owned by its user. Paths are
# spelled without the rootfs's /var/run -> /run symlink, which would point
# at the host's /run when followed from outside.
prepare_runtime_dirs() {
  local dir
  if [[ "$ASTERISK_MODE" == rootfs ]]; then
    for dir in run/asterisk var/lib/asterisk var/log/asterisk var/spool/asterisk var/cache/asterisk; do
      [[ ! -L "$ASTERISK_ROOTFS/$dir" && ! -L "$(dirname "$ASTERISK_ROOTFS/$dir")" ]] ||
        die "$ASTERISK_ROOTFS/$dir is a symlink; refusing to chown through it"
      mkdir -p "$ASTERISK_ROOTFS/$dir"
      chown -R "$ASTERISK_UID:$ASTERISK_GID" "$ASTERISK_ROOTFS/$dir"
    done
  else
    for dir in /var/run/asterisk /var/lib/asterisk /var/log/asterisk /var/spool/asterisk /var/cache/asterisk; do
      mkdir -p "$dir"
      if id asterisk >/dev/null 2>&1; then chown -R asterisk: "$dir"; fi
    done
  fi
}

# The certificate of Asterisk's HTTPS server (http.conf: wss://127.0.0.1:8089/ws, the browsers' SIP
# WebSocket outside the loopback demo): a self-signed one for localhost/127.0.0.1, made with openssl
# when none is there. A real one replaces both files (same names; asterisk-config/README.md,
# "Browsers") and is never overwritten. Sets HTTP_CERT_MADE=yes when it made one.
HTTP_CERT_NAME=dataivr-http
HTTP_CERT_MADE=no
ensure_http_certificate() {
  local dir=/var/lib/asterisk/keys
  [[ "$ASTERISK_MODE" == rootfs ]] && dir="$ASTERISK_ROOTFS$dir"
  [[ -f "$dir/$HTTP_CERT_NAME.crt" && -f "$dir/$HTTP_CERT_NAME.key" ]] && return 0
  command -v openssl >/dev/null || die "openssl is missing: it makes Asterisk's self-signed HTTPS certificate (apt-get install openssl)"
  mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$dir/$HTTP_CERT_NAME.key" -out "$dir/$HTTP_CERT_NAME.crt" >>"$DATAIVR_LOG/asterisk.out" 2>&1 ||
    die_with_log "$DATAIVR_LOG/asterisk.out" "openssl could not make Asterisk's HTTPS certificate in $dir"
  chmod 0600 "$dir/$HTTP_CERT_NAME.key"
  if [[ "$ASTERISK_MODE" == rootfs ]]; then
    chown "$ASTERISK_UID:$ASTERISK_GID" "$dir" "$dir/$HTTP_CERT_NAME.key" "$dir/$HTTP_CERT_NAME.crt"
  elif id asterisk >/dev/null 2>&1; then
    chown asterisk: "$dir" "$dir/$HTTP_CERT_NAME.key" "$dir/$HTTP_CERT_NAME.crt"
  fi
  HTTP_CERT_MADE=yes
}

# What waiting callers hear (musiconhold.conf): a soft two-note chime, made
# with sox when the moh directory has no files.
ensure_hold_music() {
  local dir=/var/lib/asterisk/moh
  [[ "$ASTERISK_MODE" == rootfs ]] && dir="$ASTERISK_ROOTFS$dir"
  mkdir -p "$dir"
  if [[ -z "$(ls -A "$dir")" ]]; then
    sox -n -r 8000 -c 1 -b 16 -e signed-integer "$dir/dataivr-hold.wav" \
      synth 0.3 sine 392 vol 0.2 fade q 0.02 0.3 0.05 : \
      synth 0.3 sine 494 vol 0.2 fade q 0.02 0.3 0.05 pad 0 3.4 ||
      die "sox could not write $dir/dataivr-hold.wav"
    [[ "$ASTERISK_MODE" == rootfs ]] && chown -R "$ASTERISK_UID:$ASTERISK_GID" "$dir"
  fi
  return 0
}

# Step: make sure an Asterisk 22 (rootfs) or 20+ (system) is there.
ensure_asterisk_install() {
  select_asterisk_mode
  if [[ "$ASTERISK_MODE" == system ]]; then
    STEP_NOTE="using the system's $(asterisk -V 2>/dev/null)"
    return 0
  fi
  [[ "$(id -u)" == 0 ]] ||
    die "Asterisk runs from a chroot ($ASTERISK_ROOTFS), which needs root: run ./dataivr as root (or install an Asterisk 20+ on the system)"
  mkdir -p "$DATAIVR_CACHE"
  local lock built=""
  exec {lock}>"$DATAIVR_CACHE/.rootfs.lock"
  flock "$lock"   # another ./dataivr may be building it right now
  if ! rootfs_complete; then
    build_rootfs
    built=yes
  fi
  exec {lock}>&-
  rootfs_user_ids
  local version major
  version="$(in_rootfs /usr/sbin/asterisk -V 2>/dev/null || true)"
  major="$(asterisk_major <<<"$version")"
  at_least_20 "$major" ||
    die "the rootfs at $ASTERISK_ROOTFS has no working Asterisk 20+ (asterisk -V said '${version:-nothing}'); delete it to rebuild"
  if [[ -n "$built" ]]; then
    STEP_NOTE="built $ASTERISK_ROOTFS ($version)"
  else
    STEP_NOTE="cached ($version)"
  fi
}

# --- configuration --------------------------------------------------------------------------

# asterisk_config_sources: sets ASTERISK_CONFIG_SOURCES to the project's Asterisk configuration
# files: asterisk-config/ and dialplan/, plus asterisk-config/test/ (the test-only queue, dialplan
# and accounts the production files pull in with #tryinclude) when DATAIVR_ASTERISK_TEST_CONFIG=yes,
# which ./dataivr test exports (so the ./dataivr infra a test may run keeps them); up never installs
# them. Dies on a name found twice. Call it in the main shell (not in $(…) or <(…), where die would
# stop nothing).
ASTERISK_CONFIG_SOURCES=()
asterisk_config_sources() {
  local f name
  local -A seen=()
  local files=("$DATAIVR_HOME"/asterisk-config/*.conf "$DATAIVR_HOME"/dialplan/*.conf)
  if [[ "${DATAIVR_ASTERISK_TEST_CONFIG:-}" == yes ]]; then
    files+=("$DATAIVR_HOME"/asterisk-config/test/*.conf)
  fi
  ASTERISK_CONFIG_SOURCES=()
  for f in "${files[@]}"; do
    [[ -f "$f" ]] || continue
    name="$(basename "$f")"
    [[ -z "${seen[$name]:-}" ]] || die "$name exists twice in asterisk-config/, asterisk-config/test/ and dialplan/; keep one"
    seen[$name]=1
    ASTERISK_CONFIG_SOURCES+=("$f")
  done
}

# asterisk_config_checksum: the checksum of ASTERISK_CONFIG_SOURCES (names and contents).
asterisk_config_checksum() {
  local f
  for f in "${ASTERISK_CONFIG_SOURCES[@]}"; do
    printf '== %s\n' "$(basename "$f")"
    cat "$f"
  done | sha256sum | cut -d' ' -f1
}

# sync_asterisk_config: makes $ASTERISK_ETC hold exactly the project's files.
# Sets CONFIG_CHANGED=yes|no.
CONFIG_CHANGED=no
sync_asterisk_config() {
  local sum marker="$ASTERISK_ETC/.dataivr-config.sha256" staged="$ASTERISK_ETC.new.$$" f
  asterisk_config_sources
  sum="$(asterisk_config_checksum)"
  [[ -f "$DATAIVR_HOME/asterisk-config/asterisk.conf" ]] || die "asterisk-config/asterisk.conf is missing"
  if [[ -f "$marker" && "$(<"$marker")" == "$sum" ]]; then
    CONFIG_CHANGED=no
    return 0
  fi
  rm -rf "$staged"
  mkdir -p "$staged"
  for f in "${ASTERISK_CONFIG_SOURCES[@]}"; do
    cp "$f" "$staged/"
  done
  if [[ "$ASTERISK_MODE" == system ]]; then
    # The system's Asterisk reads this copy, not /etc/asterisk.
    sed -i "s|^astetcdir *=>.*|astetcdir => $ASTERISK_ETC|" "$staged/asterisk.conf"
  fi
  echo "$sum" >"$staged/.dataivr-config.sha256"
  chmod 0755 "$staged"
  chmod 0644 "$staged"/*
  if [[ -d "$ASTERISK_ETC" ]]; then
    if [[ ! -f "$marker" && ! -e "$ASTERISK_ETC.dist" ]]; then
      mv "$ASTERISK_ETC" "$ASTERISK_ETC.dist"   # keep Debian's sample files once
    else
      rm -rf "$ASTERISK_ETC"
    fi
  fi
  mkdir -p "$(dirname "$ASTERISK_ETC")"
  mv "$staged" "$ASTERISK_ETC"
  CONFIG_CHANGED=yes
}

# --- talking to Asterisk -----------------------------------------------------------------------

# asterisk_cli "COMMAND": runs one CLI command in the running Asterisk.
asterisk_cli() {
  select_asterisk_mode
  if [[ "$ASTERISK_MODE" == rootfs ]]; then
    [[ -n "$ASTERISK_UID" ]] || rootfs_user_ids
    in_rootfs /usr/sbin/asterisk -C /etc/asterisk/asterisk.conf -rx "$1"
  else
    asterisk -C "$ASTERISK_ETC/asterisk.conf" -rx "$1"
  fi
}

# ami_fully_booted: logs in to AMI and waits (5 s) for the FullyBooted event.
# Returns 0 booted, 1 not (yet), 2 login refused.
ami_fully_booted() {
  local fd line result=1
  { exec {fd}<>"/dev/tcp/$AMI_HOST/$AMI_PORT"; } 2>/dev/null || return 1
  printf 'Action: Login\r\nUsername: %s\r\nSecret: %s\r\nEvents: system\r\n\r\n' "$AMI_USER" "$AMI_SECRET" 1>&"$fd" 2>/dev/null || {
    exec {fd}>&-
    return 1
  }
  while IFS= read -r -t 5 -u "$fd" line; do
    line="${line%$'\r'}"
    case "$line" in
      "Message: Authentication failed"*) result=2; break ;;
      "Event: FullyBooted") result=0; break ;;
    esac
  done
  printf 'Action: Logoff\r\n\r\n' 1>&"$fd" 2>/dev/null || true
  exec {fd}>&-
  return "$result"
}

# wait_ami_booted PID SECONDS
wait_ami_booted() {
  local pid="$1" deadline=$(($(now_us) + $2 * 1000000)) rc
  while :; do
    pid_alive "$pid" || die_with_log "$DATAIVR_LOG/asterisk.out" "Asterisk exited during start-up (also see $(asterisk_log_dir)/messages.log)"
    rc=0
    ami_fully_booted || rc=$?
    case "$rc" in
      0) return 0 ;;
      2) die "AMI on $AMI_HOST:$AMI_PORT refused user $AMI_USER (check asterisk-config/manager.conf)" ;;
    esac
    (($(now_us) < deadline)) || die_with_log "$(asterisk_log_dir)/messages.log" "Asterisk did not report FullyBooted on AMI $AMI_HOST:$AMI_PORT within $2 s"
    sleep 0.2
  done
}

asterisk_log_dir() {
  if [[ "$ASTERISK_MODE" == rootfs ]]; then
    echo "$ASTERISK_ROOTFS/var/log/asterisk"
  else
    echo /var/log/asterisk
  fi
}

# module_running MODULE: whether the running Asterisk has MODULE loaded and
# running. (The output is captured first: "… | grep -q" would fail under
# pipefail when grep stops reading early.)
module_running() {
  local out
  out="$(asterisk_cli "module show like $1" 2>/dev/null || true)"
  grep -q "^$1 .*Running" <<<"$out"
}

# missing_required_modules: prints the required modules that are not running
missing_required_modules() {
  local module
  for module in "${ASTERISK_REQUIRED_MODULES[@]}"; do
    module_running "$module" || printf '%s ' "$module"
  done
}

# --- start / stop -----------------------------------------------------------------------------

# our_asterisk_pid: the pid of the Asterisk this checkout started, or false.
our_asterisk_pid() {
  running_pid asterisk "asterisk -f -n -C"
}

# same_install_asterisk_pid: the pid of an Asterisk running from the same
# installation (the same rootfs) but started by another checkout of the
# project; it is reused, and left running by down. False if none.
same_install_asterisk_pid() {
  local pid
  for pid in $(port_pids tcp "$AMI_PORT" "$AMI_HOST"); do
    [[ "$pid" =~ ^[0-9]+$ ]] || continue
    [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == asterisk ]] || continue
    if [[ "$ASTERISK_MODE" == rootfs ]]; then
      [[ "$(readlink "/proc/$pid/root" 2>/dev/null)" == "$ASTERISK_ROOTFS" ]] || continue
    fi
    echo "$pid"
    return 0
  done
  return 1
}

# load_added_modules: loads the modules modules.conf lists that the running
# Asterisk has not loaded ("core reload" does not): an admin who adds a
# "load = …" line gets it without a restart. One that fails to load is named
# and left out, as it would be at start.
load_added_modules() {
  local running module loaded="" failed=""
  running="$(asterisk_cli "module show" 2>/dev/null || true)"
  # shellcheck disable=SC2013  # module names are single words
  for module in $(sed -n 's/^[[:space:]]*load[[:space:]]*=[[:space:]]*\([^[:space:];]*\).*/\1/p' \
                  "$ASTERISK_ETC/modules.conf"); do
    grep -q "^$module " <<<"$running" && continue
    if asterisk_cli "module load $module" >>"$DATAIVR_LOG/asterisk.out" 2>&1 && module_running "$module"; then
      loaded+="$module "
    else
      failed+="$module "
    fi
  done
  [[ -z "$loaded" ]] || STEP_NOTE+=", loaded ${loaded% }"
  [[ -z "$failed" ]] || STEP_NOTE+=", could not load ${failed% } (see $DATAIVR_LOG/asterisk.out)"
}

# --- what only a restart applies ----------------------------------------------------------------

# Configuration files Asterisk reads only when it starts: "core reload" leaves
# them as they were. PJSIP reads sorcery.conf's mappings once, when it loads
# (which wizard serves endpoints, auths and AORs, and the memory caches in
# front of realtime); asterisk.conf's directories and options are read at
# start only (e.g. astdbdir, where Asterisk's database lives).
ASTERISK_RESTART_ONLY_FILES=(sorcery.conf asterisk.conf)

# restart_only_checksum: the checksum of the restart-only files in $ASTERISK_ETC.
restart_only_checksum() {
  local f
  for f in "${ASTERISK_RESTART_ONLY_FILES[@]}"; do
    printf '== %s\n' "$f"
    cat "$ASTERISK_ETC/$f" 2>/dev/null || true
  done | sha256sum | cut -d' ' -f1
}

# The note of what the running Asterisk started with: "START CHECKSUM", START
# being when it (re)started (epoch seconds), in its runtime directory.
asterisk_start_note() {
  if [[ "$ASTERISK_MODE" == rootfs ]]; then
    echo "$ASTERISK_ROOTFS/run/asterisk/dataivr-started-with"
  else
    echo /var/run/asterisk/dataivr-started-with
  fi
}

# asterisk_started_at: when the running Asterisk (re)started, in epoch seconds
# ("core show uptime seconds"; a "core restart" keeps the process, not its
# uptime), or nothing.
asterisk_started_at() {
  local out up
  out="$(asterisk_cli "core show uptime seconds" 2>/dev/null || true)"
  up="$(sed -n 's/^System uptime: *\([0-9][0-9]*\).*/\1/p' <<<"$out")"
  [[ -n "$up" ]] || return 0
  echo $(($(date +%s) - up))
}

# note_asterisk_start: notes that the running Asterisk started with the
# restart-only files now in $ASTERISK_ETC (call it right after a start).
note_asterisk_start() {
  local started note
  started="$(asterisk_started_at)"
  note="$(asterisk_start_note)"
  if [[ -n "$started" ]]; then
    echo "$started $(restart_only_checksum)" >"$note" 2>/dev/null || true
  else
    rm -f "$note"
  fi
}

# restart_only_files_changed: whether the running Asterisk may have started
# with other restart-only files than $ASTERISK_ETC holds: the note is missing,
# names another checksum, or another start (a restart since, e.g. a test's
# "core restart now" after another checkout pushed its files).
restart_only_files_changed() {
  local note started noted_start noted_sum
  note="$(asterisk_start_note)"
  [[ -f "$note" ]] || return 0
  read -r noted_start noted_sum <"$note" || return 0
  [[ "$noted_sum" == "$(restart_only_checksum)" ]] || return 0
  started="$(asterisk_started_at)"
  [[ -n "$started" && "$noted_start" =~ ^[0-9]+$ ]] || return 0
  # (uptime is read in whole seconds: allow for the rounding)
  ((started - noted_start <= 2 && noted_start - started <= 2)) && return 1
  return 0
}

# restart_asterisk_gracefully WHY: restarts the running Asterisk once the
# calls in progress ended, and waits until it has booted again.
restart_asterisk_gracefully() {
  asterisk_cli "core restart gracefully" >>"$DATAIVR_LOG/asterisk.out" 2>&1 ||
    die "Asterisk needs a restart ($1) and 'core restart gracefully' failed"
  # It first goes down (once the calls in progress ended), then boots again.
  wait_until 60 eval "! ami_fully_booted" ||
    die "Asterisk needs a restart ($1) and did not go down within 60 s (calls in progress?)"
  wait_until 60 ami_fully_booted ||
    die "Asterisk went down to restart ($1) and did not boot again within 60 s (see $(asterisk_log_dir)/messages.log)"
}

# Applies changed configuration files to a running Asterisk.
reload_if_changed() {
  refuse_during_test_run "changing the shared Asterisk's configuration"
  sync_asterisk_config
  if [[ "$CONFIG_CHANGED" == yes ]]; then
    asterisk_cli "core reload" >>"$DATAIVR_LOG/asterisk.out" 2>&1 ||
      die "Asterisk is running but 'core reload' failed"
    STEP_NOTE+=", configuration changed: reloaded"
  fi
  load_added_modules
  # "core reload" does not re-read sorcery.conf (see ASTERISK_RESTART_ONLY_FILES),
  # and a module may not load into a running Asterisk: an Asterisk that still
  # lacks a required module, or that started with other restart-only files,
  # is restarted gracefully (it waits for calls in progress to end).
  local missing
  missing="$(missing_required_modules)"
  if [[ -n "$missing" ]]; then
    restart_asterisk_gracefully "to load ${missing% }"
    STEP_NOTE+=", restarted to load ${missing% }"
    note_asterisk_start
  elif restart_only_files_changed; then
    restart_asterisk_gracefully "${ASTERISK_RESTART_ONLY_FILES[*]} changed"
    STEP_NOTE+=", restarted: ${ASTERISK_RESTART_ONLY_FILES[*]} changed"
    note_asterisk_start
  fi
}

start_asterisk_process() {
  local out="$DATAIVR_LOG/asterisk.out"
  echo "=== $(date -Is) starting Asterisk ($ASTERISK_MODE)" >>"$out"
  if [[ "$ASTERISK_MODE" == rootfs ]]; then
    (without_test_lock && exec setsid env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/var/lib/asterisk LANG=C.UTF-8 \
      chroot --userspec="$ASTERISK_UID:$ASTERISK_GID" --groups="$ASTERISK_GID" "$ASTERISK_ROOTFS" \
      /usr/sbin/asterisk -f -n -C /etc/asterisk/asterisk.conf) </dev/null >>"$out" 2>&1 &
  else
    local as_user=()
    id asterisk >/dev/null 2>&1 && as_user=(-U asterisk -G asterisk)
    (without_test_lock && exec setsid asterisk -f -n "${as_user[@]}" -C "$ASTERISK_ETC/asterisk.conf") </dev/null >>"$out" 2>&1 &
  fi
  echo $!
}

# Step: Asterisk running with the project's configuration, AMI answering.
ensure_asterisk() {
  select_asterisk_mode
  [[ "$ASTERISK_MODE" == rootfs ]] && rootfs_user_ids
  local pid
  ensure_http_certificate
  if pid="$(our_asterisk_pid)"; then
    STEP_NOTE="already running (pid $pid)"
    reload_if_changed
    if [[ "$HTTP_CERT_MADE" == yes ]]; then
      asterisk_cli "module reload http" >>"$DATAIVR_LOG/asterisk.out" 2>&1 || true
      STEP_NOTE+=", made a self-signed HTTPS certificate"
    fi
    wait_ami_booted "$pid" 30
    return 0
  fi
  if pid="$(same_install_asterisk_pid)"; then
    STEP_NOTE="reusing the Asterisk already running from this installation (pid $pid; ./dataivr down leaves it)"
    reload_if_changed
    wait_ami_booted "$pid" 30
    return 0
  fi
  require_port_free_or_ours "Asterisk (SIP)" udp "$SIP_PORT" "$SIP_HOST"
  require_port_free_or_ours "Asterisk (AMI)" tcp "$AMI_PORT" "$AMI_HOST"

  refuse_during_test_run "starting Asterisk"
  prepare_runtime_dirs
  ensure_hold_music
  sync_asterisk_config
  pid="$(start_asterisk_process)"
  echo "$pid" >"$DATAIVR_RUN/asterisk.pid"
  wait_ami_booted "$pid" 60
  note_asterisk_start
  local missing
  missing="$(missing_required_modules)"
  [[ -z "$missing" ]] ||
    abandon_asterisk_start "Asterisk started without ${missing% } (check asterisk-config/modules.conf)"
  port_in_use udp "$SIP_PORT" "$SIP_HOST" ||
    abandon_asterisk_start "Asterisk runs but does not listen on $SIP_HOST:$SIP_PORT/udp (check asterisk-config/pjsip.conf)"
  STEP_NOTE="ok, pid $pid"
}

# A start that went wrong after boot: stop that Asterisk so that the next
# attempt starts afresh, then fail with the message and Asterisk's log.
abandon_asterisk_start() {
  stop_asterisk_if_ours
  die_with_log "$(asterisk_log_dir)/messages.log" "$1"
}

stop_asterisk_if_ours() {
  local pid
  select_asterisk_mode
  if ! pid="$(our_asterisk_pid)"; then
    rm -f "$DATAIVR_RUN/asterisk.pid"
    if pid="$(same_install_asterisk_pid)"; then
      STEP_NOTE="left running (pid $pid was not started by this checkout)"
    else
      STEP_NOTE="not running"
    fi
    return 0
  fi
  asterisk_cli "core stop now" >/dev/null 2>&1 || true
  wait_until 15 eval "! pid_alive $pid" || stop_pid "$pid" 5
  rm -f "$DATAIVR_RUN/asterisk.pid"
  STEP_NOTE="stopped"
}
