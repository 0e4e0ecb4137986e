# shellcheck shell=bash disable=SC2034  # STEP_NOTE and settings are read by other files
# scripts/lib/packages.sh — install the Debian packages DataIVR needs, once.

# Always needed: services, the SIP test phones, the rootfs builder, sox for
# the hold chime, ss (iproute2) for port checks, tcpdump for the tests that
# show where RTP flows (direct media, patent claim 3).
DATAIVR_BASE_PACKAGES=(postgresql redis-server baresip-core debootstrap sox iproute2 tcpdump)
# Needed to build and run the Java project.
DATAIVR_JAVA_PACKAGES=(maven openjdk-17-jdk-headless)
# Needed by ./dataivr test: shellcheck checks the launcher's own scripts; Chromium and its WebDriver
# run the customer page's browser tests (Selenium drives /usr/bin/chromium through
# /usr/bin/chromedriver, both from these packages; nothing is downloaded at test time), with a
# small Chinese font so the zh-CN screenshots (docs/screenshots/) show characters.
DATAIVR_TEST_PACKAGES=(shellcheck chromium chromium-driver fonts-wqy-microhei socat)
# Needed to build the project (the web SDK's dist/, which the adapter serves at /app/) and by
# ./dataivr test (the web SDK's tests) when the machine has no Node.js at all (a node and npm
# already on the PATH, from any source, are used as they are: scripts/lib/websdk.sh).
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
# Maven and a JDK unless java and mvn are already on the PATH, and Node.js (the build
# makes the web SDK's dist/) unless node or npm is; with "test" what the tests need besides.
ensure_packages() {
  local missing=() pkg
  for pkg in "${DATAIVR_BASE_PACKAGES[@]}"; do
    pkg_installed "$pkg" || missing+=("$pkg")
  done
  if [[ " $* " == *" test "* ]]; then
    for pkg in "${DATAIVR_TEST_PACKAGES[@]}"; do
      pkg_installed "$pkg" || missing+=("$pkg")
    done
  fi
  if [[ " $* " == *" test "* || " $* " == *" java "* ]] &&
    ! command -v node >/dev/null && ! command -v npm >/dev/null; then
    missing+=("${DATAIVR_NODE_PACKAGES[@]}")
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
