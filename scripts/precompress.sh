#!/usr/bin/env bash
# Writes, next to each script, stylesheet and wasm file of the built site (target/site by
# default), a brotli (.br, quality 11) and a gzip (.gz, level 9) copy, which the server sends
# as they are to browsers that accept them (ServeDir's precompressed files): the best ratio,
# paid once at build time instead of at every request. Only files newer than their copies
# are compressed again. BROTLI_QUALITY lowers the brotli level where the time matters more than
# the bytes (the tests' debug build, whose wasm is ten times larger).
set -euo pipefail
site="${1:-target/site}"
quality="${BROTLI_QUALITY:-11}"
find "$site" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.svg' \) -print0 |
    while IFS= read -r -d '' file; do
        if [[ ! -f $file.br || $file -nt $file.br ]]; then brotli -q "$quality" -f -o "$file.br" "$file"; fi
        if [[ ! -f $file.gz || $file -nt $file.gz ]]; then gzip -9 -n -c "$file" >"$file.gz"; fi
    done
