#!/usr/bin/env bash
# Every test of the WASM binding, in order:
#   1. build        build.sh: pkg/ (web) and pkg-node/ (nodejs), wasm-opt -Oz
#   2. size         the gzipped .wasm against its limit
#   3. wasm-test    tests/web.rs under node (wasm-bindgen-test-runner)
#   4. node         tests-js/*.test.mjs against pkg-node (node --test)
#   5. tsc          tests-js/types-check.ts against the shipped .d.ts (strict)
#   6. browser      examples/web-form in headless Chromium (playwright-core)
# Ends with `N passed, M failed` (individual tests; build, size and tsc count
# one each) and exits non-zero on any failure.
#
# Installs nothing system-wide; runs `npm ci` in tests-js/ when needed. The
# tools it needs (CI installs them, see README.md):
#   rustup target add wasm32-unknown-unknown
#   cargo install wasm-bindgen-cli --version <wasm-bindgen in Cargo.lock>   # no --locked
#   apt-get install -y chromium            (or set CHROMIUM=/path/to/chromium)
#   node >= 18 with npm, python3, gzip
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
chromium="${CHROMIUM:-/usr/bin/chromium}"

# The size of the optimised .wasm, gzipped (-9). LIMIT fails the run; it sits
# just above the current size so growth is noticed, and is raised only on
# purpose, with the reason in README.md "Size" (last: 472,000 -> 480,000 in
# session 13, for the near spellings of an unmatched enquiry's words;
# before that 470,000 -> 472,000 in session 10). TARGET is the budget the
# binding is meant to meet (150 KiB); see README.md "Size" for why it is not
# met yet and what the core would change.
size_limit_gz="${KL_WASM_SIZE_LIMIT_GZ:-480000}"
size_target_gz=153600

passed=0
failed=0
timings=()
log_dir="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; fi
    rm -rf "$log_dir"
}
trap cleanup EXIT

die() { echo "test.sh: error: $*" >&2; echo "0 passed, 1 failed"; exit 1; }

# --- tools: fail early, naming what is missing -------------------------------
want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$root/Cargo.lock")"
missing=()
command -v cargo >/dev/null || missing+=("cargo (install Rust with rustup)")
if command -v rustup >/dev/null && ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    missing+=("the wasm32 target: rustup target add wasm32-unknown-unknown")
fi
for tool in wasm-bindgen wasm-bindgen-test-runner; do
    if ! command -v "$tool" >/dev/null; then
        missing+=("$tool: cargo install wasm-bindgen-cli --version $want")
    elif [ "$("$tool" --version | awk '{print $2}')" != "$want" ]; then
        missing+=("$tool $want (found $("$tool" --version | awk '{print $2}')): cargo install wasm-bindgen-cli --version $want --force")
    fi
done
command -v node >/dev/null || missing+=("node (apt-get install -y nodejs)")
command -v npm >/dev/null || missing+=("npm (apt-get install -y npm)")
command -v python3 >/dev/null || missing+=("python3")
command -v gzip >/dev/null || missing+=("gzip")
[ -x "$chromium" ] || missing+=("chromium at $chromium: apt-get install -y chromium (or set CHROMIUM)")
if [ "${#missing[@]}" -gt 0 ]; then
    printf 'test.sh: missing tool: %s\n' "${missing[@]}" >&2
    die "install the tools above and run again"
fi

# --- helpers -------------------------------------------------------------------
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# step NAME COMMAND...: runs a command whose success counts as one test.
step() {
    local name="$1"; shift
    local start; start="$(now)"
    echo "== $name"
    if "$@" >"$log_dir/$name.log" 2>&1; then
        passed=$((passed + 1)); echo "   ok ($(elapsed "$start") s)"
    else
        failed=$((failed + 1)); echo "   FAILED ($(elapsed "$start") s):"; tail -40 "$log_dir/$name.log" | sed 's/^/   | /'
    fi
    timings+=("$name $(elapsed "$start")s")
}

# counted NAME KIND COMMAND...: runs a test runner and adds up its own counts
# (KIND is `node` for node --test, `cargo` for cargo test).
counted() {
    local name="$1" kind="$2"; shift 2
    local start; start="$(now)"
    echo "== $name"
    "$@" >"$log_dir/$name.log" 2>&1
    local rc=$? p=0 f=0
    if [ "$kind" = node ]; then
        p="$(awk '/^# pass /{s+=$3} END{print s+0}' "$log_dir/$name.log")"
        f="$(awk '/^# fail /{s+=$3} END{print s+0}' "$log_dir/$name.log")"
    else
        p="$(grep -o '[0-9]* passed' "$log_dir/$name.log" | awk '{s+=$1} END{print s+0}')"
        f="$(grep -o '[0-9]* failed' "$log_dir/$name.log" | awk '{s+=$1} END{print s+0}')"
    fi
    # A runner that failed without reporting a failed test still failed.
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    if [ "$rc" -eq 0 ] && [ "$p" -eq 0 ]; then f=$((f + 1)); echo "   no test ran"; fi
    passed=$((passed + p)); failed=$((failed + f))
    if [ "$rc" -eq 0 ] && [ "$f" -eq 0 ]; then
        echo "   ok: $p passed ($(elapsed "$start") s)"
    else
        echo "   FAILED: $p passed, $f failed ($(elapsed "$start") s):"
        grep -E '^not ok|^# Subtest|error:|expected|actual|panicked|FAILED|failures:' "$log_dir/$name.log" | head -60 | sed 's/^/   | /'
        tail -15 "$log_dir/$name.log" | sed 's/^/   | /'
    fi
    timings+=("$name $(elapsed "$start")s")
}

size_check() {
    local wasm="$here/pkg/kommunlots_wasm_bg.wasm" raw gz
    raw="$(wc -c <"$wasm")"
    gz="$(gzip -9c "$wasm" | wc -c)"
    echo "kommunlots_wasm_bg.wasm: $raw bytes, $gz bytes gzipped (limit $size_limit_gz, target $size_target_gz)"
    if [ "$gz" -gt "$size_target_gz" ]; then
        echo "warning: above the $((size_target_gz / 1024)) KiB target by $(((gz - size_target_gz) / 1024)) KiB (see README.md, Size)"
    fi
    [ "$gz" -le "$size_limit_gz" ] || { echo "error: $gz bytes gzipped is above the limit of $size_limit_gz"; return 1; }
}

serve_and_test_browser() {
    "$root/examples/web-form/prepare.sh" || return 1
    local port
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    python3 -m http.server --bind 127.0.0.1 "$port" -d "$root/examples/web-form" >"$log_dir/http.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 100); do
        (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
        sleep 0.1
    done
    KL_FORM_URL="http://127.0.0.1:$port/" CHROMIUM="$chromium" node --test "$here/tests-js/browser.mjs"
    local rc=$?
    kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; server_pid=""
    return $rc
}

total_start="$(now)"

# npm tools (binaryen, typescript, playwright-core), only when out of date.
if [ ! -f "$here/tests-js/node_modules/.package-lock.json" ] ||
    [ "$here/tests-js/package-lock.json" -nt "$here/tests-js/node_modules/.package-lock.json" ]; then
    step npm-ci bash -c "cd '$here/tests-js' && npm ci --no-audit --no-fund --loglevel=error"
fi

step build "$here/build.sh"
built=$?
if [ -f "$here/pkg/kommunlots_wasm_bg.wasm" ] && [ -f "$here/pkg-node/kommunlots_wasm_bg.wasm" ]; then
    step size size_check
    grep -E 'bytes gzipped|warning' "$log_dir/size.log" | sed 's/^/   /'
    counted wasm-test cargo env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
        cargo test --manifest-path "$root/Cargo.toml" --target wasm32-unknown-unknown \
        -p kommunlots-wasm --target-dir "$root/target/wasm-test"
    counted node node bash -c "cd '$here/tests-js' && node --test ./*.test.mjs"
    step tsc bash -c "cd '$here/tests-js' && ./node_modules/.bin/tsc -p tsconfig.json"
    counted browser node serve_and_test_browser
else
    echo "test.sh: the build failed (exit $built); the other steps need its output and count as failed"
    failed=$((failed + 5))
fi

echo
echo "timings: ${timings[*]} total $(elapsed "$total_start")s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
