# shellcheck shell=bash disable=SC2034  # STEP_NOTE is read by common.sh's step
# scripts/lib/websdk.sh — the JavaScript SDK in web-sdk/: its npm dependencies (npm ci, from
# npm's cache when it holds them) and its unit tests (node --test), run with the machine's
# Node.js. Nothing downloads Node itself.

WEBSDK_DIR="$DATAIVR_HOME/web-sdk"
WEBSDK_LOG_NAME="web-sdk.log"
WEBSDK_MIN_NODE=18

# require_node: node (18 or newer) and npm on the PATH. ensure_packages (with "test") installs
# Debian's nodejs and npm when neither is there; a node without npm (e.g. a Node.js package from
# elsewhere) is left alone and named in the error.
require_node() {
  command -v node >/dev/null ||
    die "node not found: the web SDK's tests need Node.js $WEBSDK_MIN_NODE or newer (Debian: apt-get install nodejs npm)"
  command -v npm >/dev/null ||
    die "npm not found (node is $(command -v node)): install npm for it (Debian: apt-get install npm)"
  local version major
  version="$(node --version)"
  major="${version#v}"
  major="${major%%.*}"
  if ! [[ "$major" =~ ^[0-9]+$ ]] || ((major < WEBSDK_MIN_NODE)); then
    die "node $version is too old for the web SDK: it needs Node.js $WEBSDK_MIN_NODE or newer"
  fi
  WEBSDK_NODE_VERSION="$version"
}

# web_sdk_npm_ci LOG: the web SDK's pinned dependencies (npm's cache first, else the registry).
web_sdk_npm_ci() {
  local log="$1"
  [[ -f "$WEBSDK_DIR/package-lock.json" ]] || die "no $WEBSDK_DIR/package-lock.json: the web SDK's dependencies are not pinned"
  require_node
  if ! (cd "$WEBSDK_DIR" && npm ci --prefer-offline --ignore-scripts --no-audit --no-fund) >>"$log" 2>&1; then
    die_with_log "$log" "npm ci failed in web-sdk/ (its packages are neither in npm's cache nor reachable)"
  fi
}

# build_web_sdk LOG: npm ci, then npm run build in web-sdk/: dist/ (the SDK and JsSIP as ES
# modules). The adapter's Maven build copies dist/ into its static resources (/app/sdk/,
# /app/vendor/, beside the customer page) and fails when it is missing; build_project runs this first.
build_web_sdk() {
  local log="$1"
  web_sdk_npm_ci "$log"
  (cd "$WEBSDK_DIR" && npm run build) >>"$log" 2>&1 ||
    die_with_log "$log" "the web SDK's build failed (npm run build in web-sdk/)"
}

# test_web_sdk: npm ci then npm test (build, type check, node --test) in web-sdk/; everything
# they print goes to $DATAIVR_LOG/web-sdk.log, the progress line gets the test counts.
test_web_sdk() {
  local log="$DATAIVR_LOG/$WEBSDK_LOG_NAME" passed failed
  : >"$log"
  web_sdk_npm_ci "$log"
  # npm test builds dist/ too, which the Maven build that follows copies into the adapter (/app/).
  if ! (cd "$WEBSDK_DIR" && npm test) >>"$log" 2>&1; then
    close_open_step
    printf 'error: the web SDK tests failed (npm test in web-sdk/); failing tests:\n' >&2
    grep -E '^[[:space:]]*not ok ' "$log" | sed 's/^/    | /' >&2 || true
    die_with_log "$log" "see $log"
  fi
  passed="$(grep -E '^(# |ℹ )pass [0-9]+$' "$log" | tail -n 1 | grep -oE '[0-9]+$' || true)"
  failed="$(grep -E '^(# |ℹ )fail [0-9]+$' "$log" | tail -n 1 | grep -oE '[0-9]+$' || true)"
  [[ -n "$passed" && "${failed:-1}" == 0 ]] ||
    die_with_log "$log" "npm test in web-sdk/ exited 0 but its test counts are missing (passed: ${passed:-?}, failed: ${failed:-?})"
  ((passed > 0)) || die_with_log "$log" "npm test in web-sdk/ ran no test"
  STEP_NOTE="$passed passed, 0 failed (node --test, $WEBSDK_NODE_VERSION; log: $log)"
}
