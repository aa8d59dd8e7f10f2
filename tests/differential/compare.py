#!/usr/bin/env python3
"""Compares, line by line, what the CLI (the Rust core itself), libqianming (the C ABI), the
Python package, the npm package and the Java package answered for the same random inputs: every field and every refusal (kind and message)
must be identical. Prints each differing case whole (input and all answers) and exits 1.
Usage: compare.py CASES_DIR ANSWERS_DIR OPERATION..."""
import json
import os
import sys

SIDES = ("cli", "c", "python", "node", "java")


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    cases_dir, answers_dir, operations = sys.argv[1], sys.argv[2], sys.argv[3:]
    failures = 0
    for op in operations:
        cases = load(os.path.join(cases_dir, op + ".jsonl"))
        answers = {side: load(os.path.join(answers_dir, f"{op}.{side}.jsonl")) for side in SIDES}
        for side in SIDES:
            if len(answers[side]) != len(cases):
                print(f"{op}: {side} answered {len(answers[side])} lines for {len(cases)} cases")
                failures += 1
        signed = 0
        for i, case in enumerate(cases):
            got = {side: answers[side][i] if i < len(answers[side]) else None for side in SIDES}
            if any(got[side] != got["cli"] for side in SIDES):
                failures += 1
                if failures <= 10:
                    print(f"{op} case {i}: the languages disagree")
                    print("  input: " + json.dumps(case, ensure_ascii=False))
                    for side in SIDES:
                        print(f"  {side}: " + json.dumps(got[side], ensure_ascii=False, sort_keys=True))
            signed += bool(got["cli"] and got["cli"].get("ok"))
        print(f"{op}: {len(cases)} cases ({signed} answered, {len(cases) - signed} refused), "
              "CLI, C ABI, Python, Node and Java compared")
        # Agreement means little if every side refused (or answered) everything alike: each
        # operation must have both outcomes in some number.
        floor = max(1, len(cases) // 50)
        if signed < floor or len(cases) - signed < floor:
            print(f"{op}: fewer than {floor} answered or refused cases; the inputs test too little")
            failures += 1
    if failures:
        print(f"{failures} disagreement(s)")
        sys.exit(1)


if __name__ == "__main__":
    main()
