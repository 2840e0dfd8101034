#!/usr/bin/env bash
# Tests the kommunlots C ABI end to end, from any directory:
#
#   1. builds bindings/c in release (cdylib + staticlib);
#   2. regenerates include/kommunlots.h with cbindgen 0.29.4 and fails on any
#      difference from the committed header (printing the diff);
#   3. compiles the C examples (examples/c/*.c) with -std=c11 -Wall -Wextra
#      -Werror, links them dynamically and statically, and runs both;
#   4. runs the dynamically linked ones under valgrind (no leaks, no errors);
#   5. builds the C# example with mcs and runs it with mono;
#   6. runs the Python ctypes example.
#
# Prints "ok"/"FAIL" per check and a last line "N passed, M failed"; exits
# non-zero on any failure. It installs nothing. It needs: cargo, cbindgen
# 0.29.4 (cargo install cbindgen --version 0.29.4 --locked), gcc, valgrind,
# mcs and mono (apt-get install -y mono-mcs mono-runtime), python3.
# Honours CARGO_TARGET_DIR like cargo does (default: <repo>/target).
set -u

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT" || exit 2
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$TARGET" in /*) ;; *) TARGET="$ROOT/$TARGET" ;; esac
LIBDIR="$TARGET/release"
RULES="$ROOT/rules/klippan"
HEADER="bindings/c/include/kommunlots.h"
CBINDGEN_VERSION="0.29.4"
CFLAGS=(-std=c11 -Wall -Wextra -Werror -I "$ROOT/bindings/c/include")
# valgrind.supp hides only jiff's process-wide time-zone cache (see there).
VALGRIND=(valgrind --quiet --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99
    --suppressions="$ROOT/examples/c/valgrind.supp")
PROGRAMS=(route errors)

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

passed=0
failed=0
started=$SECONDS

# check NAME COMMAND...: runs COMMAND, output to a log shown on failure.
check() {
    local name="$1"
    shift
    local log="$WORK/log" t0=$SECONDS
    if "$@" >"$log" 2>&1; then
        passed=$((passed + 1))
        printf 'ok   %-52s %3ss\n' "$name" $((SECONDS - t0))
        return 0
    fi
    failed=$((failed + 1))
    printf 'FAIL %-52s %3ss\n' "$name" $((SECONDS - t0))
    sed 's/^/     | /' "$log" | tail -n 60
    return 1
}

fail() {
    failed=$((failed + 1))
    printf 'FAIL %s\n' "$1"
}

# have TOOL HINT: is TOOL on PATH? If not, a failed check naming it.
have() {
    if command -v "$1" >/dev/null 2>&1; then
        return 0
    fi
    fail "missing tool: $1 is not on PATH (install: $2)"
    return 1
}

header_is_current() {
    local version
    version="$(cbindgen --version 2>/dev/null)"
    if [ "$version" != "cbindgen $CBINDGEN_VERSION" ]; then
        echo "need cbindgen $CBINDGEN_VERSION, found '$version'" \
            "(cargo install cbindgen --version $CBINDGEN_VERSION --locked --force)"
        return 1
    fi
    cbindgen --quiet --config bindings/c/cbindgen.toml --crate kommunlots-c \
        --output "$WORK/kommunlots.h" bindings/c || return 1
    if ! diff -u "$HEADER" "$WORK/kommunlots.h"; then
        echo "$HEADER is out of date; regenerate it with:"
        echo "  cbindgen --config bindings/c/cbindgen.toml --crate kommunlots-c --output $HEADER bindings/c"
        return 1
    fi
}

not_linked_to_the_cdylib() {
    ! ldd "$1" | grep -q libkommunlots
}

# --- build -------------------------------------------------------------------
built=0
if have cargo "https://rustup.rs"; then
    check "cargo build --release -p kommunlots-c" \
        cargo build --release -p kommunlots-c && built=1
fi

# --- header ------------------------------------------------------------------
if have cbindgen "cargo install cbindgen --version $CBINDGEN_VERSION --locked"; then
    check "header $HEADER matches cbindgen $CBINDGEN_VERSION" header_is_current
fi

# --- C, both ways, and under valgrind ----------------------------------------
valgrind_ok=0
have valgrind "apt-get install -y valgrind" && valgrind_ok=1
if [ "$built" = 1 ] && have gcc "apt-get install -y gcc"; then
    for p in "${PROGRAMS[@]}"; do
        src="examples/c/$p.c"
        if check "gcc $p.c, linked to libkommunlots.so" \
            gcc "${CFLAGS[@]}" "$src" -o "$WORK/$p-dynamic" \
            -L "$LIBDIR" -lkommunlots -Wl,-rpath,"$LIBDIR" -pthread; then
            check "run $p (dynamic)" "$WORK/$p-dynamic" "$RULES"
            if [ "$valgrind_ok" = 1 ]; then
                check "valgrind $p (dynamic): no leaks, no errors" \
                    "${VALGRIND[@]}" "$WORK/$p-dynamic" "$RULES"
            fi
        fi
        if check "gcc $p.c, linked to libkommunlots.a" \
            gcc "${CFLAGS[@]}" "$src" -o "$WORK/$p-static" \
            "$LIBDIR/libkommunlots.a" -lpthread -ldl -lm; then
            check "$p (static) does not load libkommunlots.so" \
                not_linked_to_the_cdylib "$WORK/$p-static"
            check "run $p (static)" "$WORK/$p-static" "$RULES"
        fi
    done
fi

# The complete C example in bindings/c/README.md compiles and runs.
readme_example() {
    awk '/^## A complete C example/ { on = 1 } on && /^```c$/ { code = 1; next }
         code && /^```$/ { exit } code { print }' bindings/c/README.md >"$WORK/readme.c"
    [ -s "$WORK/readme.c" ] || { echo "no C example found in bindings/c/README.md"; return 1; }
    gcc "${CFLAGS[@]}" "$WORK/readme.c" -o "$WORK/readme" \
        -L "$LIBDIR" -lkommunlots -Wl,-rpath,"$LIBDIR" &&
        (cd "$ROOT" && "$WORK/readme")
}
if [ "$built" = 1 ] && command -v gcc >/dev/null 2>&1; then
    check "the C example in bindings/c/README.md" readme_example
fi

# --- C# (Mono) ---------------------------------------------------------------
if [ "$built" = 1 ] && have mcs "apt-get install -y mono-mcs" &&
    have mono "apt-get install -y mono-runtime"; then
    if check "mcs examples/dotnet/*.cs" \
        mcs -warnaserror -out:"$WORK/Kommunlots.Example.exe" \
        examples/dotnet/KommunlotsRouter.cs examples/dotnet/Program.cs; then
        check "run the C# example with mono" \
            env LD_LIBRARY_PATH="$LIBDIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
            mono "$WORK/Kommunlots.Example.exe" "$RULES"
    fi
fi

# --- Python (ctypes) ---------------------------------------------------------
if [ "$built" = 1 ] && have python3 "apt-get install -y python3"; then
    check "run the Python ctypes example" \
        python3 examples/python/route.py "$LIBDIR/libkommunlots.so" "$RULES"
fi

echo "C ABI checks took $((SECONDS - started))s"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
