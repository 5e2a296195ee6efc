#!/usr/bin/env bash
# Installs everything the project needs, idempotently, from the package registries only
# (crates.io, npm, PyPI, Debian). Safe to run again: each step is skipped when already done.
#   scripts/setup.sh          everything needed to build and run
#   scripts/setup.sh --test   also what the tests need (Chromium, pdftotext, the SMTP sink…)
#   scripts/setup.sh --bench  also what `make bench` needs (wrk, nginx, Lighthouse); a tool
#                             only the benchmarks use never stands in the tests' way
set -euo pipefail
cd "$(dirname "$0")/.."
want_test=false
want_bench=false
case "${1:-}" in
--test) want_test=true ;;
--bench) want_test=true want_bench=true ;;
esac

step() { printf '\n==> %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PWD/scripts/tools/node_modules/.bin:$PATH"

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else echo "need root for: $*" >&2; return 1; fi; }
apt_install() {
    local missing=()
    for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
    if ((${#missing[@]})); then
        step "Debian packages: ${missing[*]}"
        as_root apt-get update -qq
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "Rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
fi

if [[ "$(cargo leptos --version 2>/dev/null || true)" != *"0.3.10"* ]]; then
    step "cargo-leptos 0.3.10 (one-off, 15–25 minutes)"
    cargo install cargo-leptos --version 0.3.10 --locked --features no_downloads
fi

bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $bindgen_version" ]]; then
    step "wasm-bindgen-cli $bindgen_version (matches Cargo.lock)"
    # Not --locked: its lock file pins a dependency version the registry does not serve.
    cargo install wasm-bindgen-cli --version "$bindgen_version" --force
fi

command -v npm >/dev/null || apt_install nodejs npm
# The virus scan of joined files (clamd); `make run` and the tests start it on the project's
# own signature database (scripts/clamav), since no signature can be downloaded here.
apt_install clamav-daemon
# The site's assets are served precompressed with brotli (scripts/precompress.sh).
apt_install brotli

if [[ ! -x scripts/tools/node_modules/.bin/wasm-opt ]]; then
    step "npm build tools (binaryen's wasm-opt)"
    (cd scripts/tools && npm ci --no-audit --no-fund --loglevel=error)
fi

if [[ ! -d style/node_modules/@gouvfr/dsfr ]]; then
    step "npm DSFR stylesheet"
    (cd style && npm ci --no-audit --no-fund --loglevel=error)
fi
step "DSFR bundle"
node style/build-dsfr.mjs

if $want_test; then
    apt_install chromium poppler-utils python3-venv
    if [[ ! -d end2end/node_modules/@playwright/test ]]; then
        step "npm end-to-end packages (Playwright uses the system Chromium, never downloads one)"
        (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
    fi
    if [[ ! -x target/venv/bin/python ]] || ! target/venv/bin/python -c 'import aiosmtpd' 2>/dev/null; then
        step "Python SMTP sink (aiosmtpd)"
        mkdir -p target
        python3 -m venv target/venv
        target/venv/bin/pip install --quiet --disable-pip-version-check -r end2end/requirements.txt
    fi
fi
if $want_bench; then
    apt_install wrk nginx-light
    if [[ ! -x scripts/bench-tools/node_modules/.bin/lighthouse ]]; then
        step "npm benchmark tools (Lighthouse, run on the system Chromium)"
        (cd scripts/bench-tools && npm ci --no-audit --no-fund --loglevel=error)
    fi
fi
step "setup complete"
