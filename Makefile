# The two commands of the README. Both install what is missing first (scripts/setup.sh).
.PHONY: run test bench fuzz setup lint

run:
	scripts/run.sh

test:
	scripts/test.sh

bench:
	scripts/bench.sh

# Every validator of the domain fed arbitrary input (app/tests/fuzz.rs) for FUZZ_SECONDS each
# (default 20); prints the executions of each target.
fuzz:
	FUZZ_SECONDS=$${FUZZ_SECONDS:-20} cargo test -p app --release --test fuzz -- --nocapture --test-threads=1

setup:
	scripts/setup.sh --test

lint:
	cargo fmt --all --check
	cargo clippy -p app --features ssr --all-targets -- -D warnings
	cargo clippy -p server --all-targets -- -D warnings
