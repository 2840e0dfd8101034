#!/usr/bin/env bash
# Puts what the web form serves next to it (all gitignored):
#   pkg/                  the web build of the binding (bindings/wasm/pkg, from build.sh)
#   rules/klippan/        a copy of rules/klippan
#   rules/*/manifest.json the files of each rule set, for the page to fetch
# Then: python3 -m http.server --bind 127.0.0.1 8000 -d examples/web-form
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
[ -f "$root/bindings/wasm/pkg/kommunlots_wasm_bg.wasm" ] ||
    { echo "prepare.sh: error: bindings/wasm/pkg is missing: run bindings/wasm/build.sh first" >&2; exit 1; }
rm -rf "$here/pkg" "$here/rules/klippan"
cp -r "$root/bindings/wasm/pkg" "$here/pkg"
cp -r "$root/rules/klippan" "$here/rules/klippan"
for set in "$here"/rules/*/; do
    (cd "$set" && find . -name '*.toml' | sed 's|^\./||' | LC_ALL=C sort |
        python3 -c 'import json, sys; print(json.dumps({"files": [l.strip() for l in sys.stdin if l.strip()]}, indent=2))' \
        >manifest.json)
done
echo "prepare.sh: examples/web-form ready (rule sets: $(cd "$here/rules" && echo */ | tr -d /))"
