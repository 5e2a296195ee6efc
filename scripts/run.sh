#!/usr/bin/env bash
# `make run`: set up what is missing, build (release), migrate, seed the demo data into an
# empty database, print the demo accounts and serve on $ANEF_LISTEN (default 127.0.0.1:3000;
# PORT=8080 also works).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/scripts/tools/node_modules/.bin:$PATH"
echo "==> building (release)"
cargo leptos build --release --split
scripts/precompress.sh target/site
export ANEF_SEED_DEMO="${ANEF_SEED_DEMO:-true}"
export ANEF_SITE_ROOT="${ANEF_SITE_ROOT:-target/site}"

# The virus scan of joined files: unless ANEF_CLAMD names a clamd already, start one on the
# project's signature database (no signature can be downloaded here) for as long as we serve.
if [[ -z "${ANEF_CLAMD:-}" ]]; then
    clamav_dir=$(realpath -m "${ANEF_DATA_DIR:-data}/clamav")
    clamd_port="${CLAMD_PORT:-3311}"
    mkdir -p "$clamav_dir/db"
    cp scripts/clamav/eicar.ndb "$clamav_dir/db/"
    printf 'DatabaseDirectory %s\nTCPSocket %s\nTCPAddr 127.0.0.1\nForeground yes\nLogFile %s\n' \
        "$clamav_dir/db" "$clamd_port" "$clamav_dir/clamd.log" >"$clamav_dir/clamd.conf"
    /usr/sbin/clamd -c "$clamav_dir/clamd.conf" &
    clamd_pid=$!
    trap 'kill "$clamd_pid" 2>/dev/null' EXIT
    for _ in $(seq 1 100); do
        python3 -c "import socket,sys; s=socket.create_connection(('127.0.0.1',$clamd_port),1); s.sendall(b'zPING\\0'); sys.exit(0 if s.recv(5).startswith(b'PONG') else 1)" 2>/dev/null && break
        sleep 0.2
    done
    export ANEF_CLAMD="tcp://127.0.0.1:$clamd_port"
    echo "==> clamd on 127.0.0.1:$clamd_port (log $clamav_dir/clamd.log)"
fi
echo
target/release/server demo-accounts
echo
target/release/server serve
