#!/usr/bin/env bash
# `make test`: every test of the project, on a fresh machine as on a developer's.
#   1. set-up of what is missing (scripts/setup.sh --test), PostgreSQL started if it is not running;
#   2. the build (cargo leptos build --split: server binary + wasm bundle, used by the end-to-end suite);
#   3. unit tests of every crate (app with and without `ssr`, server);
#   4. database tests of the server on SQLite and on PostgreSQL (a fresh database per test, in
#      ANEF_TEST_PG_URL, default postgres://postgres@127.0.0.1:5432/test);
#   5. the Playwright end-to-end suite in headless system Chromium (desktop and phone viewports).
# Every step runs even when an earlier one failed; the last lines give the counts, and the exit
# code is non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$HOME/.cargo/bin:$root/scripts/tools/node_modules/.bin:$PATH"
export ANEF_TEST_PG_URL="${ANEF_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
logs=target/test-logs
status=0
failures=()

step() { printf '\n==> %s\n' "$*"; }
fail() { status=1; failures+=("$1"); }

scripts/setup.sh --test || { echo "set-up failed" >&2; exit 1; }
mkdir -p "$logs"
rm -f "$logs"/*.log

step "PostgreSQL"
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    echo "not running: starting it"
    if command -v pg_ctlcluster >/dev/null; then
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start || true
    fi
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
if pg_isready -q -h 127.0.0.1 -p 5432; then
    # Databases left by an interrupted earlier run (each test creates and drops its own).
    psql "$ANEF_TEST_PG_URL" -Atqc "SELECT datname FROM pg_database WHERE datname LIKE 'anef_test_%'" 2>/dev/null |
        while read -r db; do psql "$ANEF_TEST_PG_URL" -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1; done
    echo "ready"
else
    echo "PostgreSQL is not reachable on 127.0.0.1:5432: the PostgreSQL tests will fail" >&2
fi

step "build (cargo leptos build --split)"
cargo leptos build --split 2>&1 | tee "$logs/build.log" || fail "build"
BROTLI_QUALITY=4 scripts/precompress.sh target/site || fail "build"

run_cargo() {
    local name=$1
    shift
    step "$name"
    cargo test "$@" 2>&1 | tee "$logs/$name.log"
    [[ ${PIPESTATUS[0]} -eq 0 ]] || fail "$name"
}
run_cargo "app-unit" -p app
run_cargo "app-ssr-unit" -p app --features ssr --lib
run_cargo "server" -p server

step "end-to-end (Playwright, system Chromium)"
(cd end2end && npm test 2>&1 | tee "$root/$logs/e2e.log"; exit "${PIPESTATUS[0]}") || fail "end-to-end"

step "summary"
passed=0 failed=0 ignored=0
while read -r p f i; do
    passed=$((passed + p)) failed=$((failed + f)) ignored=$((ignored + i))
done < <(cat "$logs"/app-unit.log "$logs"/app-ssr-unit.log "$logs"/server.log 2>/dev/null |
    sed -n 's/^test result: [A-Za-z]*\. \([0-9]*\) passed; \([0-9]*\) failed; \([0-9]*\) ignored.*/\1 \2 \3/p')
for f in "${failures[@]}"; do echo "FAILED step: $f"; done
(cd end2end && node support/print-counts.mjs) || true
echo "make test took $((SECONDS / 60)) min $((SECONDS % 60)) s"
echo "rust: $passed passed, $failed failed, $ignored ignored"
exit "$status"
