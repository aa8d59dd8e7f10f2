#!/usr/bin/env python3
"""Keeps README.zh-CN.md (Chinese) in step with README.md (English).

Both files must have:
- the same heading structure: the same number of headings, at the same levels, in the same
  order (the heading texts differ: they are translated);
- the same fenced code blocks, byte for byte, in the same order (code is never translated:
  comments inside code blocks stay as README.md has them);
- the same number of table rows under each heading (a row added to a table in English is
  added, translated, in Chinese);
- a link to each other near the top (README.md links README.zh-CN.md and back).

When README.md changes, change README.zh-CN.md the same way: translate a new section under a
heading of the same level at the same place, translate new table rows, and copy every new or
changed code block unchanged. The failure message names the first heading or code block that differs and its
line in each file. Paragraphs of README.zh-CN.md are kept on one line each: a line break inside
a paragraph shows as a stray space between Chinese characters.

Run from anywhere: python3 scripts/check-readme-zh.py   (exit 1 when they differ)
                   python3 scripts/check-readme-zh.py --self-test   (the check finds drift)
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENGLISH = os.path.join(ROOT, "README.md")
CHINESE = os.path.join(ROOT, "README.zh-CN.md")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
HEADING = re.compile(r"^ {0,3}(#{1,6})(?:\s+(.*?))?\s*$")
# How far from the top the link to the other language must be.
TOP_LINES = 5


def parse(text):
    """(headings, code blocks, table rows) of a markdown text: headings as (level, text, line)
    outside code blocks; code blocks as (text from the opening fence to the closing one, line);
    table rows (lines starting with `|` outside code blocks) counted per section, the text
    before the first heading being section 0."""
    headings, blocks, rows = [], [], [0]
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        fence = FENCE.match(lines[i])
        if fence:
            marker, start = fence.group(1), i
            i += 1
            # Closed by a fence of the same character at least as long (CommonMark).
            while i < len(lines):
                close = FENCE.match(lines[i])
                if close and close.group(1)[0] == marker[0] and len(close.group(1)) >= len(marker) \
                        and lines[i].strip() == close.group(1):
                    break
                i += 1
            blocks.append(("\n".join(lines[start:i + 1]), start + 1))
        else:
            heading = HEADING.match(lines[i])
            if heading:
                headings.append((len(heading.group(1)), heading.group(2) or "", i + 1))
                rows.append(0)
            elif lines[i].lstrip().startswith("|"):
                rows[-1] += 1
        i += 1
    return headings, blocks, rows


def differences(english, chinese):
    """What keeps the two texts from being in step, as messages (empty when they are)."""
    problems = []
    en_headings, en_blocks, en_rows = parse(english)
    zh_headings, zh_blocks, zh_rows = parse(chinese)

    for n, (en, zh) in enumerate(zip(en_headings, zh_headings), 1):
        if en[0] != zh[0]:
            problems.append(
                f"heading {n}: README.md line {en[2]} is level {en[0]} ({'#' * en[0]} {en[1]}), "
                f"README.zh-CN.md line {zh[2]} is level {zh[0]} ({'#' * zh[0]} {zh[1]})")
            break
    if len(en_headings) != len(zh_headings):
        extra = en_headings[len(zh_headings):] or zh_headings[len(en_headings):]
        where = "README.md" if len(en_headings) > len(zh_headings) else "README.zh-CN.md"
        problems.append(
            f"README.md has {len(en_headings)} headings, README.zh-CN.md {len(zh_headings)}; "
            f"the first one only {where} has: line {extra[0][2]} {'#' * extra[0][0]} {extra[0][1]}")

    for n, (en, zh) in enumerate(zip(en_blocks, zh_blocks), 1):
        if en[0] != zh[0]:
            problems.append(
                f"code block {n} differs: README.md line {en[1]}, README.zh-CN.md line {zh[1]} "
                f"(code blocks are copied byte for byte, never translated)")
            break
    if len(en_blocks) != len(zh_blocks):
        extra = en_blocks[len(zh_blocks):] or zh_blocks[len(en_blocks):]
        where = "README.md" if len(en_blocks) > len(zh_blocks) else "README.zh-CN.md"
        problems.append(
            f"README.md has {len(en_blocks)} code blocks, README.zh-CN.md {len(zh_blocks)}; "
            f"the first one only {where} has starts at its line {extra[0][1]}")

    if len(en_headings) == len(zh_headings):
        for n, (en, zh) in enumerate(zip(en_rows, zh_rows)):
            if en != zh:
                where = "before the first heading" if n == 0 else \
                    f"under heading {n} (README.md line {en_headings[n - 1][2]}: {en_headings[n - 1][1]})"
                problems.append(f"{where}: README.md has {en} table rows, README.zh-CN.md {zh}")
                break

    if "README.zh-CN.md" not in "\n".join(english.split("\n")[:TOP_LINES]):
        problems.append(f"README.md does not link README.zh-CN.md in its first {TOP_LINES} lines")
    if "README.md" not in "\n".join(chinese.split("\n")[:TOP_LINES]):
        problems.append(f"README.zh-CN.md does not link README.md in its first {TOP_LINES} lines")
    return problems


def self_test():
    """The check passes on a matching pair and finds each kind of drift."""
    english = ("# T\n[中文](README.zh-CN.md)\n\n## A\n\n```sh\n# not a heading\nmake\n```\n\n"
               "### B\n\n````md\n```\ninner\n```\n````\n\n## C\ntext\n\n| a |\n|---|\n| one |\n")
    chinese = ("# T\n[English](README.md)\n\n## 甲\n\n```sh\n# not a heading\nmake\n```\n\n"
               "### 乙\n\n````md\n```\ninner\n```\n````\n\n## 丙\n文字\n\n| 甲 |\n|---|\n| 一 |\n")
    assert differences(english, chinese) == [], differences(english, chinese)
    drifts = {
        "a heading at another level": chinese.replace("### 乙", "## 乙"),
        "a heading missing": chinese.replace("### 乙\n", ""),
        "a heading added": chinese + "\n## 丁\n",
        "a code block changed by one byte": chinese.replace("make\n", "make \n"),
        "a code block translated": chinese.replace("# not a heading", "# 不是标题"),
        "a code block missing": chinese.replace("```sh\n# not a heading\nmake\n```\n", ""),
        "code blocks in another order": chinese.replace(
            "```sh\n# not a heading\nmake\n```", "@@").replace(
            "````md\n```\ninner\n```\n````", "```sh\n# not a heading\nmake\n```").replace(
            "@@", "````md\n```\ninner\n```\n````"),
        "no link back": chinese.replace("[English](README.md)", "English"),
        "a table row missing": chinese.replace("|---|\n| 一 |\n", "|---|\n"),
        "a table row added": chinese.replace("| 一 |\n", "| 一 |\n| 二 |\n"),
    }
    for what, drifted in drifts.items():
        if not differences(english, drifted):
            sys.exit(f"check-readme-zh self-test: {what} went unnoticed")
    if not differences(english.replace("[中文](README.zh-CN.md)", "中文"), chinese):
        sys.exit("check-readme-zh self-test: README.md without the link went unnoticed")
    print(f"check-readme-zh self-test: the matching pair passes, {len(drifts) + 1} kinds of drift are found")


def main():
    if "--self-test" in sys.argv:
        self_test()
        return
    if not os.path.exists(CHINESE):
        sys.exit("README.zh-CN.md is missing (the Chinese README kept in step with README.md)")
    with open(ENGLISH, encoding="utf-8") as f:
        english = f.read()
    with open(CHINESE, encoding="utf-8") as f:
        chinese = f.read()
    problems = differences(english, chinese)
    if problems:
        for p in problems:
            print(f"README.zh-CN.md is out of step with README.md: {p}", file=sys.stderr)
        sys.exit(1)
    headings, blocks, rows = parse(english)
    print(f"README.zh-CN.md is in step with README.md: {len(headings)} headings, {len(blocks)} code blocks, "
          f"{sum(rows)} table rows")


if __name__ == "__main__":
    main()
