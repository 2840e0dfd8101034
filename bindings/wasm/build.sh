#!/usr/bin/env bash
# Builds the kommunlots WASM binding:
#   bindings/wasm/pkg/       --target web     (ES module, for browsers)
#   bindings/wasm/pkg-node/  --target nodejs  (CommonJS, for node)
#
# Needs: cargo with the wasm32-unknown-unknown target, wasm-bindgen-cli at the
# exact version of `wasm-bindgen` in Cargo.lock, and npm (for wasm-opt from the
# npm `binaryen` package, installed by `npm ci` in tests-js/). Never uses a
# system wasm-opt: Debian's binaryen produces modules that fail to load.
#
# The release profile for wasm (opt-level z, LTO, one codegen unit, panic
# abort) is set through CARGO_PROFILE_RELEASE_* variables, in a target dir of
# its own so native builds are not invalidated.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target_dir="${KOMMUNLOTS_WASM_TARGET_DIR:-$root/target/wasm-release}"

die() { echo "build.sh: error: $*" >&2; exit 1; }

# --- tools -----------------------------------------------------------------
command -v cargo >/dev/null || die "cargo not found (install Rust with rustup)"
command -v rustup >/dev/null && {
    rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown ||
        die "the wasm32-unknown-unknown target is missing: rustup target add wasm32-unknown-unknown"
}
want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$root/Cargo.lock")"
[ -n "$want" ] || die "no wasm-bindgen in Cargo.lock"
command -v wasm-bindgen >/dev/null ||
    die "wasm-bindgen not found: cargo install wasm-bindgen-cli --version $want"
have="$(wasm-bindgen --version | awk '{print $2}')"
[ "$have" = "$want" ] ||
    die "wasm-bindgen $have found, Cargo.lock has $want: cargo install wasm-bindgen-cli --version $want --force"
command -v npm >/dev/null || die "npm not found (apt-get install -y nodejs npm)"
if [ ! -x "$here/tests-js/node_modules/.bin/wasm-opt" ]; then
    (cd "$here/tests-js" && npm ci --no-audit --no-fund --loglevel=error) ||
        die "npm ci in bindings/wasm/tests-js failed"
fi
wasm_opt="$here/tests-js/node_modules/.bin/wasm-opt"

# --- compile ----------------------------------------------------------------
echo "build.sh: cargo build (release, wasm32, opt-level z, LTO) into $target_dir"
CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
CARGO_PROFILE_RELEASE_LTO=true \
CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
CARGO_PROFILE_RELEASE_PANIC=abort \
CARGO_PROFILE_RELEASE_DEBUG=false \
    cargo build --manifest-path "$root/Cargo.toml" --release \
    --target wasm32-unknown-unknown -p kommunlots-wasm --target-dir "$target_dir"
wasm="$target_dir/wasm32-unknown-unknown/release/kommunlots_wasm.wasm"
[ -f "$wasm" ] || die "cargo produced no $wasm"

version="$(awk -F'"' '/^version = / { print $2; exit }' "$root/Cargo.toml")"

# --- bind, optimise, package -------------------------------------------------
bind() { # target out-dir module-type
    local target="$1" out="$2" module_type="$3"
    rm -rf "$out"
    wasm-bindgen --target "$target" --out-dir "$out" --out-name kommunlots_wasm "$wasm"
    sed -e "s/@VERSION@/$version/" -e "s/@MODULE_TYPE@/$module_type/" \
        "$here/pkg-template/package.json" >"$out/package.json"
    if [ -f "$here/README.md" ]; then cp "$here/README.md" "$out/README.md"; fi
}
optimise() { # out-dir
    local out="$1"
    "$wasm_opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
        --enable-sign-ext --enable-mutable-globals --enable-reference-types \
        --enable-multivalue --strip-debug --strip-producers \
        "$out/kommunlots_wasm_bg.wasm" -o "$out/kommunlots_wasm_bg.wasm.opt" &&
        mv "$out/kommunlots_wasm_bg.wasm.opt" "$out/kommunlots_wasm_bg.wasm"
}
bind web "$here/pkg" module
bind nodejs "$here/pkg-node" commonjs
# npm's wasm-opt is slow (about a minute each): run both at once.
echo "build.sh: wasm-opt -Oz (npm binaryen)"
optimise "$here/pkg" & web_pid=$!
optimise "$here/pkg-node" & node_pid=$!
wait "$web_pid" || die "wasm-opt failed on pkg/"
wait "$node_pid" || die "wasm-opt failed on pkg-node/"
for out in "$here/pkg" "$here/pkg-node"; do
    echo "build.sh: ${out#"$root"/}: $(wc -c <"$out/kommunlots_wasm_bg.wasm") bytes, $(gzip -9c "$out/kommunlots_wasm_bg.wasm" | wc -c) gzipped"
done
