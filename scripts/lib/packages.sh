# shellcheck shell=bash disable=SC2034  # STEP_NOTE and settings are read by other files
# scripts/lib/packages.sh — install the Debian packages DataIVR needs, once.

# Always needed: services, the SIP test phones, the rootfs builder, sox for
# the hold chime, ss (iproute2) for port checks, tcpdump for the tests that
# show where RTP flows (direct media, patent claim 3).
DATAIVR_BASE_PACKAGES=(postgresql redis-server baresip-core debootstrap sox iproute2 tcpdump)
# Needed to build and run the Java project.
DATAIVR_JAVA_PACKAGES=(maven openjdk-17-jdk-headless)
# Needed by ./dataivr test: shellcheck checks the launcher's own scripts.
DATAIVR_TEST_PACKAGES=(shellcheck)
# Needed by ./dataivr test when the machine has no Node.js at all: the web SDK's tests (a node
# and npm already on the PATH, from any source, are used as they are: scripts/lib/websdk.sh).
DATAIVR_NODE_PACKAGES=(nodejs npm)

APT_UPDATED=""

apt_install() {
  local log="$DATAIVR_LOG/apt.log"
  command -v apt-get >/dev/null || die "apt-get not found: install $* by hand (DataIVR's scripts expect Debian 12)"
  [[ "$(id -u)" == 0 ]] || die "installing $* needs root (run as root, or install them first)"
  if [[ -z "$APT_UPDATED" ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update >>"$log" 2>&1 ||
      die_with_log "$log" "apt-get update failed"
    APT_UPDATED=yes
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >>"$log" 2>&1 ||
    die_with_log "$log" "could not install the package(s): $*"
}

# ensure_packages [java] [test]: installs what is missing; with "java" also
# Maven and a JDK unless java and mvn are already on the PATH; with "test"
# what the tests need besides.
ensure_packages() {
  local missing=() pkg
  for pkg in "${DATAIVR_BASE_PACKAGES[@]}"; do
    pkg_installed "$pkg" || missing+=("$pkg")
  done
  if [[ " $* " == *" test "* ]]; then
    for pkg in "${DATAIVR_TEST_PACKAGES[@]}"; do
      pkg_installed "$pkg" || missing+=("$pkg")
    done
    if ! command -v node >/dev/null && ! command -v npm >/dev/null; then
      missing+=("${DATAIVR_NODE_PACKAGES[@]}")
    fi
  fi
  if [[ " $* " == *" java "* ]]; then
    if ! command -v java >/dev/null || ! command -v mvn >/dev/null; then
      for pkg in "${DATAIVR_JAVA_PACKAGES[@]}"; do
        pkg_installed "$pkg" || missing+=("$pkg")
      done
    fi
  fi
  if ((${#missing[@]} == 0)); then
    STEP_NOTE="all present"
    return 0
  fi
  apt_install "${missing[@]}"
  for pkg in "${missing[@]}"; do
    pkg_installed "$pkg" || die "package $pkg is still not installed after apt-get (see $DATAIVR_LOG/apt.log)"
  done
  STEP_NOTE="installed ${missing[*]}"
}
