#!/usr/bin/env python3
"""Checks that the specification in docs/ can be cited: every `docs/<file>#<anchor>` written
anywhere in the repository, and every relative link inside docs/, names a file that exists and a
heading that file has (GitHub's anchor rules). Also checks that every error kind of the core is
listed in the spec's error table. Prints each broken citation with its place; exits 1 if any.

Run from anywhere: python3 scripts/check-doc-links.py
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCS = os.path.join(ROOT, "docs")
ERRORS_RS = os.path.join(ROOT, "crates", "qianming", "src", "error.rs")
ERROR_TABLE = os.path.join(DOCS, "spec", "common.md")
SKIP_PREFIXES = ("target/", "bindings/c/build/", "bindings/wasm/pkg/")
# A citation: docs/ not preceded by a path character, then a path, then an optional #anchor.
CITATION = re.compile(r"(?<![\w./-])(docs/[\w./-]*)(#[\w-]+)?")
MD_LINK = re.compile(r"\]\(([^)\s]+)\)")
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")


def slug(heading):
    """GitHub's anchor for a heading: links reduced to their text, lower case, everything but
    letters, digits, `_`, `-` and spaces dropped, spaces as `-`."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    text = re.sub(r"<[^>]+>", "", text).strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path, cache={}):
    """The anchors of the headings of markdown file `path` (code blocks skipped)."""
    if path not in cache:
        found, seen, in_code = set(), {}, False
        with open(path, encoding="utf-8") as f:
            for line in f:
                if FENCE.match(line):
                    in_code = not in_code
                    continue
                m = None if in_code else HEADING.match(line)
                if m:
                    base = slug(m.group(2))
                    n = seen.get(base, 0)
                    seen[base] = n + 1
                    found.add(base if n == 0 else f"{base}-{n}")
        cache[path] = found
    return cache[path]


def problem(target, anchor):
    """Why `target` (a path) with `anchor` (without '#', or None) does not resolve, or None."""
    if not os.path.exists(target):
        return "no such file"
    if anchor is None:
        return None
    if not target.endswith(".md") or not os.path.isfile(target):
        return "an anchor into something that is not a markdown file"
    if anchor not in anchors(target):
        return f"no heading with anchor #{anchor}"
    return None


def repository_files():
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, capture_output=True, check=True).stdout
    for name in sorted(set(out.decode("utf-8").split("\0"))):
        if name and not name.startswith(SKIP_PREFIXES) and os.path.isfile(os.path.join(ROOT, name)):
            yield name


def read_text(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except (UnicodeDecodeError, OSError):
        return None


def check_citations(broken):
    """`docs/…#anchor` anywhere in the repository, relative to the repository root."""
    count = 0
    for name in repository_files():
        text = read_text(os.path.join(ROOT, name))
        if text is None or "docs/" not in text:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            for m in CITATION.finditer(line):
                path, anchor = m.group(1).rstrip("."), m.group(2)
                count += 1
                why = problem(os.path.join(ROOT, path), anchor[1:] if anchor else None)
                if why:
                    broken.append(f"{name}:{number}: {path}{anchor or ''}: {why}")
    return count


def check_links_in_docs(broken):
    """Relative links inside docs/, relative to the file that holds them."""
    count = 0
    for folder, _, files in os.walk(DOCS):
        for file in sorted(files):
            if not file.endswith(".md"):
                continue
            path = os.path.join(folder, file)
            for number, line in enumerate(read_text(path).splitlines(), 1):
                for m in MD_LINK.finditer(line):
                    link = m.group(1)
                    if re.match(r"^[a-z][a-z0-9+.-]*:", link):
                        continue  # http:, https:, mailto:
                    target, _, anchor = link.partition("#")
                    target = os.path.normpath(os.path.join(folder, target)) if target else path
                    count += 1
                    why = problem(target, anchor or None)
                    if why:
                        broken.append(f"{os.path.relpath(path, ROOT)}:{number}: ({link}): {why}")
    return count


def check_error_kinds(broken):
    """Every stable kind name of the core appears in the spec's error table."""
    source = read_text(ERRORS_RS) or ""
    names = re.findall(r'^\s*\w+ = \d+, "([a-z0-9_]+)",', source, re.MULTILINE)
    table = read_text(ERROR_TABLE) or ""
    for name in names:
        if f"| `{name}` |" not in table:
            broken.append(f"{os.path.relpath(ERROR_TABLE, ROOT)}: error kind `{name}` "
                          f"(crates/qianming/src/error.rs) is missing from the error kinds table")
    if not names:
        broken.append("crates/qianming/src/error.rs: no error kinds found (has the table moved?)")
    return len(names)


def main():
    broken = []
    cited = check_citations(broken)
    linked = check_links_in_docs(broken)
    kinds = check_error_kinds(broken)
    for line in broken:
        print(line)
    if broken:
        print(f"check-doc-links: {len(broken)} broken", file=sys.stderr)
        return 1
    print(f"check-doc-links: {cited} citations of docs/, {linked} links inside docs/ "
          f"and {kinds} error kinds resolve")
    return 0


if __name__ == "__main__":
    sys.exit(main())
