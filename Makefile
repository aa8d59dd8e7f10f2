# qianming: one entry point for every test of every language.
#   make test        everything (what .ci/run calls)
#   make test-rust   fmt, clippy, Rust tests, docs
SHELL := /bin/bash

.PHONY: test test-rust test-cli test-c test-java test-python test-wasm bench

test: test-rust test-cli
	@echo "all test suites passed"

test-rust:
	bash scripts/test-rust.sh

test-cli:
	bash tests/cli/run.sh
