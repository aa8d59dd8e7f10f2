# qianming: one entry point for every test of every language.
#   make test          everything (what .ci/run calls); installs what it needs
#   make test-rust     fmt, clippy, Rust tests (vectors, properties, doctests), docs
#   make test-cli      every vector through `qianming --jsonl`, plus human-facing checks
#   make test-c        C ABI: header drift, C tests plain, under valgrind and ASan/UBSan, the
#                      aarch64 build under qemu, then Java (Maven: JUnit on two JDKs, the jar,
#                      OkHttp/Spring end to end, Redis replay store)
#   make test-python   wheel into a fresh venv, stubtest, pytest (Redis replay store and soak)
#   make test-wasm     npm package, node:test, tsc, Vite/webpack/esbuild apps and the playground
#                      in headless Chromium, Redis replay store
#   make test-differential  random inputs through CLI, C ABI, Python, Node and Java: identical answers
#   make test-emulator `qianming emulate` with real clients: curl, Python requests, Node fetch
#   make test-dist     the packages as users get them: the C tarballs through CMake and pkg-config
#                      (x86_64, aarch64 under qemu), the sdist built by pip, the aarch64 wheel under qemu
#   make dist          every artifact a user installs, into dist/ (scripts/dist/; not part of `make test`)
#   make bench         every benchmark (not part of `make test`)
#   make fuzz          every cargo fuzz target FUZZ_SECONDS (60) each, ASan (not part of `make test`)
SHELL := /bin/bash

.PHONY: test test-rust test-cli test-c test-python test-wasm test-differential test-emulator test-dist dist bench fuzz

test: test-rust test-cli test-c test-python test-wasm test-differential test-emulator test-dist
	@echo "make test: every suite of every language passed"

test-rust:
	bash scripts/test-rust.sh

test-cli:
	bash tests/cli/run.sh

test-c:
	bash bindings/c/test.sh

test-python:
	bash bindings/python/test.sh

test-wasm:
	bash bindings/wasm/test.sh

# Uses the library, the venv and the npm package the targets above build.
test-differential: test-c test-python test-wasm
	bash tests/differential/run.sh

# Uses the venv and the npm package the targets above build.
test-emulator: test-python test-wasm
	bash tests/emulator/run.sh

test-dist:
	bash scripts/dist/test-c.sh
	bash scripts/dist/test-python.sh

# C tarballs (x86_64, aarch64), Python wheels (x86_64, aarch64) and sdist, the npm tarball,
# the Java jar, SHA256SUMS.
dist:
	rm -rf dist
	bash scripts/dist/c.sh x86_64 aarch64
	bash scripts/dist/python.sh
	bash scripts/dist/npm.sh
	bash scripts/dist/java.sh
	bash scripts/dist/checksums.sh

bench:
	cargo bench -p qianming --bench signing
	bash bindings/c/bench.sh
	bash bindings/python/bench.sh
	bash bindings/wasm/bench.sh

fuzz:
	bash fuzz/run.sh
