# The two commands of the README. Both install what is missing first (scripts/setup.sh).
.PHONY: run test bench setup lint

run:
	scripts/run.sh

test:
	scripts/test.sh

bench:
	scripts/bench.sh

setup:
	scripts/setup.sh --test

lint:
	cargo fmt --all --check
	cargo clippy -p app --features ssr --all-targets -- -D warnings
	cargo clippy -p server --all-targets -- -D warnings
