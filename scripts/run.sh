#!/usr/bin/env bash
# `make run`: set up what is missing, build (release), migrate, seed the demo data into an
# empty database, print the demo accounts and serve on $ANEF_LISTEN (default 127.0.0.1:3000;
# PORT=8080 also works).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/scripts/tools/node_modules/.bin:$PATH"
echo "==> building (release)"
cargo leptos build --release
export ANEF_SEED_DEMO="${ANEF_SEED_DEMO:-true}"
export ANEF_SITE_ROOT="${ANEF_SITE_ROOT:-target/site}"
echo
target/release/server demo-accounts
echo
exec target/release/server serve
