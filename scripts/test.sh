#!/usr/bin/env bash
# Installs what the tests need, then runs every test of kommunlots:
#
#   1. cargo fmt --check and cargo clippy (all targets, warnings are errors);
#   2. cargo test --workspace: the core's unit, property, calendar and
#      malformed-rules tests, every [[test]] case of every rule set as a named
#      test, the CLI run as a real binary, and the C ABI called from Rust;
#      then the core's unit tests without its `nfc` feature, as the WASM
#      binding builds it;
#   3. examples/c/run.sh: the committed C header against cbindgen's output,
#      the C programs linked both ways and under valgrind, the C# client
#      under Mono and the Python ctypes client;
#   4. bindings/wasm/test.sh: the WASM build and its size budget,
#      wasm-bindgen tests under node, the JS API under node's test runner,
#      the TypeScript declarations, and the e-service form in headless
#      Chromium.
#
# Usage: scripts/test.sh [--no-install]
#
# The install step is idempotent and uses only the package registries:
# Debian (chromium, mono, valgrind), crates.io (wasm-bindgen-cli at the exact
# version in Cargo.lock, cbindgen 0.29.4) and the rustup target for wasm32.
# The last line is "steps: N passed, M failed"; the exit code is non-zero when
# any step failed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 2
CBINDGEN_VERSION="0.29.4"

install_tools() {
    local apt=()
    command -v chromium >/dev/null || apt+=(chromium)
    command -v mcs >/dev/null || apt+=(mono-mcs)
    command -v mono >/dev/null || apt+=(mono-runtime)
    command -v valgrind >/dev/null || apt+=(valgrind)
    command -v gcc >/dev/null || apt+=(gcc)
    if ((${#apt[@]})); then
        local sudo=()
        [ "$(id -u)" = 0 ] || sudo=(sudo)
        echo "== apt-get install ${apt[*]}"
        "${sudo[@]}" apt-get update -qq &&
            DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${apt[@]}" >/dev/null ||
            return 1
    fi
    rustup target add wasm32-unknown-unknown || return 1
    local wb
    wb="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
    if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb" ]; then
        echo "== cargo install wasm-bindgen-cli $wb"
        # Not --locked: with it, wasm-bindgen-cli 0.2.130 asks for a
        # transitive version the registry no longer has (shared/TOOLING.md).
        cargo install wasm-bindgen-cli --version "$wb" || return 1
    fi
    if [ "$(cbindgen --version 2>/dev/null | awk '{print $2}')" != "$CBINDGEN_VERSION" ]; then
        echo "== cargo install cbindgen $CBINDGEN_VERSION"
        cargo install cbindgen --version "$CBINDGEN_VERSION" --locked || return 1
    fi
}

passed=0
failed=0
failures=()
step() {
    local name="$1"
    shift
    echo
    echo "== $name"
    local started=$SECONDS
    if "$@"; then
        passed=$((passed + 1))
        echo "== $name: ok ($((SECONDS - started)) s)"
    else
        failed=$((failed + 1))
        failures+=("$name")
        echo "== $name: FAILED ($((SECONDS - started)) s)"
    fi
}

if [ "${1:-}" != "--no-install" ]; then
    step "install tools" install_tools
fi
step "cargo fmt --check" cargo fmt --all -- --check
step "cargo clippy" cargo clippy --workspace --all-targets --locked -- -D warnings
step "cargo test" cargo test --workspace --locked
# Broken or private links in the API documentation fail here, not on docs.rs.
step "cargo doc" env RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked
# The core as the WASM binding builds it, without Unicode composition.
step "cargo test (core without nfc)" cargo test -p kommunlots --no-default-features --lib --locked
step "C, C# and Python clients" bash examples/c/run.sh
step "WASM binding and web form" bash bindings/wasm/test.sh

echo
((failed)) && echo "failed: ${failures[*]}"
echo "steps: $passed passed, $failed failed"
((failed == 0))
