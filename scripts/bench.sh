#!/usr/bin/env bash
# `make bench`: the performance figures of the product, printed (never asserted in tests).
#   - login page: time to first byte (idle server) and requests/s + latency percentiles under
#     50 concurrent clients (wrk), target p99 < 20 ms on a 2-core machine, for anonymous
#     visitors (public-page cache) and rendered at every request (cache bypassed), each next to
#     nginx serving the same bytes in the same run (the ratio);
#   - what the browser downloads: wasm and JS, bytes on the wire per encoding, target wasm < 400 KB;
#   - Lighthouse (mobile profile, system Chromium) on the home, login, a wizard step and the
#     agents' queue: performance, accessibility, best practices;
#   - PDF: size and rendering time of a one-page document, targets < 200 KB and < 50 ms;
#   - filing under 50 concurrent applicants (server/benches/filing.rs): saving a step
#     (requests/s, p50/p99) and submitting a file all at once (p50/p99, wall time), on SQLite
#     and PostgreSQL (ANEF_TEST_PG_URL, default postgres://postgres@127.0.0.1:5432/test; skipped
#     if unreachable), and the filing receipt PDF's size and render time. BENCH_SECONDS
#     (default 10) is how long the applicants keep saving;
#   - the back-office over 100 000 files (server/benches/queue.rs): queue pages and searches
#     (p50/p99, requests/s) and the deadline job, on SQLite and PostgreSQL (BENCH_FILES scales it).
#   - address completion over 300 000 imported addresses (server/benches/addresses.rs): typical
#     searches, p50/p99, one client then 20, on SQLite and PostgreSQL; target p99 < 20 ms.
# Runs the release build (the one `make run` serves) against a fresh SQLite database.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --bench
export PATH="$HOME/.cargo/bin:$PWD/scripts/tools/node_modules/.bin:$PATH"
duration="${BENCH_DURATION:-15s}"

echo "==> building (release)"
cargo leptos build --release --split
scripts/precompress.sh target/site

work=$(mktemp -d)
# Every figure also goes to this file, compared at the end with the previous run's figures kept
# in docs/performance.md (scripts/bench-compare.py); BENCH_RECORD=1 makes this run the new
# reference.
export BENCH_FIGURES="$work/figures.tsv"
: >"$BENCH_FIGURES"
# BENCH_PARTS picks sections for a quicker run (default: all of them); the comparison then
# says which recorded figures this run did not measure.
parts=" ${BENCH_PARTS:-pages downloads lighthouse pdf filing queue addresses} "
want() { [[ $parts == *" $1 "* ]]; }
figure() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$BENCH_FIGURES"; }
# Requests/s and p99 (in ms) of a wrk report, as figures named after $1.
wrk_figures() {
    figure "$1, req/s" "$(awk '/Requests\/sec/ { print $2 }' "$2")" "req/s"
    figure "$1, p99" "$(awk '/^ +99%/ { v = $2; if (v ~ /us$/) m = v / 1000; else if (v ~ /ms$/) m = v + 0; else if (v ~ /s$/) m = v * 1000; print m }' "$2")" "ms"
}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
env -u ANEF_DATABASE_URL ANEF_LISTEN="127.0.0.1:$port" ANEF_PUBLIC_URL="$base" ANEF_DATA_DIR="$work/data" \
    ANEF_SITE_ROOT=target/site ANEF_MAIL_TRANSPORT=file ANEF_SEED_DEMO=true RUST_LOG=warn \
    target/release/server serve >"$work/server.log" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null; wait $server_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fs "$base/health" >/dev/null && break; sleep 0.2; done
curl -fs "$base/health" >/dev/null || { cat "$work/server.log"; exit 1; }

# Sessions of the demo student (with a draft to show a wizard step) and of a demo agent, each
# in its own jar (no one holds both), passed to wrk and Lighthouse as a Cookie header.
session_cookies() { # curl marks HttpOnly cookies (ours) with a "#HttpOnly_" prefix in its jar.
    awk '{ sub(/^#HttpOnly_/, "") } !/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$1"
}
curl -s -c "$work/applicant" -b "$work/applicant" -H "Origin: $base" -d 'identifier=9102458731&password=Demo-2026!' "$base/api/session/login" -o /dev/null
draft=$(curl -s -c "$work/applicant" -b "$work/applicant" -H "Origin: $base" -d 'procedure=etudiant&request_kind=renouvellement' "$base/api/demandes/creer" | tr -d '"')
curl -s -c "$work/agent" -b "$work/agent" -H "Origin: $base" -d 'email=agent.palaiseau@demo.localhost&password=Agent-2026!' "$base/api/agent/connexion" -o /dev/null
applicant_cookies=$(session_cookies "$work/applicant")
agent_cookies=$(session_cookies "$work/agent")

summary() {
    awk -v label="$1" '
        /Requests\/sec/ { rps = $2 }
        /^ +50%/ { p50 = $2 } /^ +90%/ { p90 = $2 } /^ +99%/ { p99 = $2 }
        /Non-2xx/ { errors = $NF }
        END { printf "%s: %s requests/s, latency p50 %s, p90 %s, p99 %s%s\n", label, rps, p50, p90, p99, errors ? ", non-2xx: " errors : "" }
    ' "$2"
}
# nginx serving the same bytes from files, in the same run: the yardstick of each figure (what
# this machine can do at best), so that the ratio stays comparable from one machine to another.
nginx_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
nginx_root="$work/nginx"
mkdir -p "$nginx_root/www/pkg"
curl -s -H 'Accept-Encoding: gzip' "$base/connexion" -o "$nginx_root/www/connexion.gz"
cp target/site/pkg/anef.wasm.gz "$nginx_root/www/pkg/"
# nginx's workers run as another user when started as root: let them reach the files.
chmod 711 "$work"
chmod -R a+rX "$nginx_root/www"
cat >"$nginx_root/nginx.conf" <<NGINX
worker_processes 2;
daemon off;
pid $nginx_root/nginx.pid;
error_log $nginx_root/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $nginx_root;
    proxy_temp_path $nginx_root;
    fastcgi_temp_path $nginx_root;
    uwsgi_temp_path $nginx_root;
    scgi_temp_path $nginx_root;
    server {
        listen 127.0.0.1:$nginx_port;
        root $nginx_root/www;
        location = /connexion { default_type text/html; add_header Content-Encoding gzip; try_files /connexion.gz =404; }
        location = /page { default_type text/html; add_header Content-Encoding gzip; try_files /page.gz =404; }
        location = /pkg/anef.wasm { default_type application/wasm; add_header Content-Encoding gzip; try_files /pkg/anef.wasm.gz =404; }
    }
}
NGINX
/usr/sbin/nginx -c "$nginx_root/nginx.conf" -p "$nginx_root" &
nginx_pid=$!
trap 'kill $server_pid $nginx_pid 2>/dev/null; wait $server_pid $nginx_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do curl -fs -o /dev/null "http://127.0.0.1:$nginx_port/connexion" && break; sleep 0.1; done
nginx_base="http://127.0.0.1:$nginx_port"
# The server's figure, nginx's on the same bytes, and their ratio (1.0: as fast as nginx).
versus() {
    local label=$1 ours=$2 theirs=$3
    summary "$label" "$ours"
    awk -v label="nginx, same bytes" '
        FNR == NR && /Requests\/sec/ { ours = $2 }
        FNR != NR && /Requests\/sec/ { theirs = $2 }
        FNR != NR && /^ +99%/ { p99 = $2 }
        FNR != NR && /Non-2xx/ { errors = $NF }
        END { printf "  %s: %s requests/s, p99 %s; ratio %.2f%s\n", label, theirs, p99, theirs ? ours / theirs : 0, errors ? " (nginx non-2xx: " errors ")" : "" }
    ' "$ours" "$theirs"
}
if want pages; then
echo
echo "==> login page (GET /connexion)"
curl -s -o /dev/null "$base/connexion" # warm-up
ttfb=$(for _ in $(seq 1 50); do curl -s -o /dev/null -w '%{time_starttransfer}\n' -H 'Accept-Encoding: gzip' "$base/connexion"; done |
    sort -n | awk '{ a[NR] = $1 } END { printf "p50 %.2f ms, p99 %.2f ms", a[int(NR * 0.5)] * 1000, a[int(NR * 0.99)] * 1000 }')
echo "time to first byte, one client: $ttfb"
wrk -t2 -c50 -d"$duration" --latency -H 'Accept-Encoding: gzip' "$nginx_base/connexion" >"$work/wrk-nginx.txt"
# Anonymous visitors get the page from the short-lived public-page cache (server/src/http/page_cache.rs).
wrk -t2 -c50 -d"$duration" --latency -H 'Accept-Encoding: gzip' "$base/connexion" >"$work/wrk.txt"
versus "50 concurrent anonymous clients (target p99 < 20ms)" "$work/wrk.txt" "$work/wrk-nginx.txt"
wrk_figures "/connexion, anonymous" "$work/wrk.txt"
wrk_figures "/connexion, nginx same bytes" "$work/wrk-nginx.txt"
# A session cookie bypasses the cache: every request is rendered and compressed.
wrk -t2 -c50 -d"$duration" --latency -H 'Accept-Encoding: gzip' -H 'Cookie: sid=unknown-session' "$base/connexion" >"$work/wrk-render.txt"
versus "50 concurrent clients, rendered each time" "$work/wrk-render.txt" "$work/wrk-nginx.txt"
wrk_figures "/connexion, rendered" "$work/wrk-render.txt"

echo
echo "==> logged-in pages (the demo student's session; target >= 8 000 requests/s, p99 < 20 ms)"
for path in /demarches /demarches/nouvelle "/demarches/demande/$draft/informations"; do
    curl -s -H 'Accept-Encoding: gzip' -H "Cookie: $applicant_cookies" "$base$path" -o "$nginx_root/www/page.gz"
    chmod a+r "$nginx_root/www/page.gz"
    wrk -t2 -c50 -d"$duration" --latency -H 'Accept-Encoding: gzip' "$nginx_base/page" >"$work/wrk-nginx-page.txt"
    wrk -t2 -c50 -d"$duration" --latency -H 'Accept-Encoding: gzip' -H "Cookie: $applicant_cookies" "$base$path" >"$work/wrk-page.txt"
    versus "$path, 50 concurrent clients" "$work/wrk-page.txt" "$work/wrk-nginx-page.txt"
    wrk_figures "${path/$draft/…}, logged in" "$work/wrk-page.txt"
done
fi

if want downloads; then
echo
echo "==> what the browser downloads, as served (bytes on the wire)"
for path in /pkg/anef.wasm /pkg/anef.js /pkg/anef.css; do
    raw=$(curl -s -o /dev/null -w '%{size_download}' "$base$path")
    gz=$(curl -s -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: gzip' "$base$path")
    br=$(curl -s -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: br, gzip' "$base$path")
    printf '%-18s %8d bytes raw, %7.1f KB gzip, %7.1f KB brotli\n' "$path" "$raw" "$(awk -v b="$gz" 'BEGIN { print b / 1024 }')" "$(awk -v b="$br" 'BEGIN { print b / 1024 }')"
done
# Most pages are split off the main bundle (app/src/pages.rs); a page names in its <head> the
# wasm chunks and scripts it needs. What a first visit downloads is the sum of those, brotli.
python3 - "$base" "$BENCH_FIGURES" <<'PY'
import re, sys, urllib.request
base, figures = sys.argv[1], open(sys.argv[2], "a")
def wire(path):
    request = urllib.request.Request(base + path, headers={"Accept-Encoding": "br, gzip"})
    with urllib.request.urlopen(request) as response:
        return len(response.read())
for page in ("/", "/connexion", "/aide"):
    with urllib.request.urlopen(base + page) as response:
        html = response.read().decode()
    assets = sorted(set(re.findall(r'href="(/pkg/[^"]+\.(?:wasm|js))"', html)))
    wasm = {a: wire(a) for a in assets if a.endswith(".wasm")}
    js = sum(wire(a) for a in assets if a.endswith(".js"))
    chunks = len(wasm) - 1
    print(f"first visit of {page}: wasm {sum(wasm.values()) / 1024:.1f} KB brotli "
          f"(main {wasm.get('/pkg/anef.wasm', 0) / 1024:.1f} KB + {chunks} chunk(s)), JS {js / 1024:.1f} KB")
    figures.write(f"first visit of {page}, wasm brotli\t{sum(wasm.values()) / 1024:.1f}\tKB\n")
PY
echo "(target: an applicant's first visit downloads < 400 KB of wasm on the wire; brotli is what Chromium and Firefox accept)"
# The precompressed wasm as the server and as nginx send it.
wrk -t2 -c50 -d"$duration" --latency -H 'Accept-Encoding: gzip' "$nginx_base/pkg/anef.wasm" >"$work/wrk-nginx-wasm.txt"
wrk -t2 -c50 -d"$duration" --latency -H 'Accept-Encoding: gzip' "$base/pkg/anef.wasm" >"$work/wrk-wasm.txt"
versus "the wasm (gzip), 50 concurrent clients" "$work/wrk-wasm.txt" "$work/wrk-nginx-wasm.txt"
wrk_figures "/pkg/anef.wasm gzip" "$work/wrk-wasm.txt"
fi

if want lighthouse; then
echo
echo "==> Lighthouse (mobile profile, system Chromium; targets: performance 95, accessibility 100, best practices 100)"
lighthouse() {
    local label=$1 path=$2 headers=${3:-"{}"}
    CHROME_PATH=/usr/bin/chromium scripts/bench-tools/node_modules/.bin/lighthouse "$base$path" --quiet \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking" \
        --only-categories=performance,accessibility,best-practices --form-factor=mobile \
        --extra-headers="$headers" --output=json --output-path="$work/lighthouse.json" >/dev/null 2>&1 ||
        { echo "$label: Lighthouse failed"; return; }
    python3 - "$label" "$work/lighthouse.json" "$BENCH_FIGURES" <<'PY'
import json, sys
report = json.load(open(sys.argv[2]))
figures = open(sys.argv[3], "a")
scores = {k: round(v["score"] * 100) for k, v in report["categories"].items() if v["score"] is not None}
lcp = report["audits"]["largest-contentful-paint"]["displayValue"]
print(f"{sys.argv[1]}: performance {scores.get('performance')}, accessibility {scores.get('accessibility')}, "
      f"best practices {scores.get('best-practices')}; largest contentful paint {lcp}")
for category, score in scores.items():
    figures.write(f"Lighthouse {sys.argv[1]}, {category}\t{score}\tscore\n")
PY
}
lighthouse "home (/)" /
lighthouse "login (/connexion)" /connexion
lighthouse "a wizard step (/demarches/demande/…/informations)" "/demarches/demande/$draft/informations" "{\"Cookie\": \"$applicant_cookies\"}"
lighthouse "the agents' queue (/agent)" /agent "{\"Cookie\": \"$agent_cookies\"}"
fi

if want pdf; then
echo
echo "==> PDF"
target/release/server bench-pdf --iterations 50 | tee "$work/pdf.txt"
figure "PDF one page, size" "$(sed -n 's/.*(\([0-9.]*\) KB).*/\1/p' "$work/pdf.txt")" "KB"
figure "PDF one page, render mean" "$(sed -n 's/.*render mean \([0-9.]*\) ms.*/\1/p' "$work/pdf.txt")" "ms"
echo "(targets: < 200 KB and < 50 ms)"
fi

if want filing; then
echo
echo "==> filing under 50 concurrent applicants"
# The server runs inside the benchmark (bench profile = release), on a fresh SQLite file and a
# fresh PostgreSQL database of its own; -q keeps cargo's build lines out of the figures.
ANEF_TEST_PG_URL="${ANEF_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/test}" cargo bench -q -p server --bench filing
fi

if want queue; then
echo
echo "==> back-office with 1 000 000 files (PostgreSQL; 100 000 on SQLite)"
# server/benches/queue.rs: an agent's queue (first page, a status, a page deep in the queue) and
# searches (file number, numéro étranger, name), p50/p99 and requests/s, one agent then 20 at
# once; then the deadline job closing the ~10 % of files past their deadline. BENCH_FILES
# (SQLite, default 100000) and BENCH_FILES_POSTGRES (default 1000000) scale the seeded files.
ANEF_TEST_PG_URL="${ANEF_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/test}" cargo bench -q -p server --bench queue
fi

if want addresses; then
echo
echo "==> address completion over a département's addresses"
# server/benches/addresses.rs: 300 000 generated addresses in the BAN export's format imported
# (BENCH_ADDRESSES scales it), then typical searches, one client then 20; target p99 < 20 ms.
ANEF_TEST_PG_URL="${ANEF_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/test}" cargo bench -q -p server --bench addresses
fi

echo
echo "==> compared with the previous run's figures (docs/performance.md)"
if [[ ${BENCH_RECORD:-} == 1 ]]; then
    python3 scripts/bench-compare.py "$BENCH_FIGURES" docs/performance.md --record "$(git rev-parse --short HEAD)"
else
    python3 scripts/bench-compare.py "$BENCH_FIGURES" docs/performance.md
fi
