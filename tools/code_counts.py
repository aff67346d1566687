#!/usr/bin/env python3
"""Reproducible code-structure counts for src/ (issue 12's targets).

Prints: Arabic string literals in src/ outside tests (files named tests.rs and `#[cfg(test)]`
modules) with the HTML page (src/formats/html.rs, interface labels) counted apart; the longest
functions; files over 800 lines; the number of `pub mod` declarations.

    python3 tools/code_counts.py            # summary
    python3 tools/code_counts.py --list     # also every counted literal, by file
    python3 tools/code_counts.py DIR        # another source tree (e.g. an exported old commit)
"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
ARABIC = re.compile(r"[\u0600-\u06FF]")


def scan(text):
    """Yields (kind, start, end) for string literals, comments and code braces of Rust source."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            yield ("comment", i, j)
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            yield ("comment", i, j)
            i = j
        elif c == "r" and re.match(r'r#*"', text[i:i + 10]) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'r(#*)"', text[i:])
            close = '"' + m.group(1)
            j = text.find(close, i + len(m.group(0)))
            j = n if j < 0 else j + len(close)
            yield ("string", i, j)
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            yield ("string", i, j + 1)
            i = j + 1
        elif c == "'":
            m = re.match(r"'(\\.[^']*|[^'\\])'", text[i:])
            if m:
                yield ("char", i, i + len(m.group(0)))
                i += len(m.group(0))
            else:
                i += 1  # a lifetime
        else:
            if c in "{}":
                yield (c, i, i + 1)
            i += 1


def test_ranges(text, tokens):
    """Byte ranges of `#[cfg(test)]` items (modules and functions)."""
    out = []
    for m in re.finditer(r"#\[cfg\(test\)\]", text):
        depth, start = 0, None
        for kind, s, _ in tokens:
            if s < m.end():
                continue
            if kind == "{":
                depth += 1
                start = start if start is not None else s
            elif kind == "}":
                depth -= 1
                if depth == 0:
                    out.append((m.start(), s + 1))
                    break
            elif kind == ";" and depth == 0:
                break
    return out


def functions(text, tokens):
    """(name, line count) of every fn with a body."""
    out = []
    opens = [s for kind, s, _ in tokens if kind == "{"]
    closes = {}
    stack = []
    for kind, s, _ in tokens:
        if kind == "{":
            stack.append(s)
        elif kind == "}" and stack:
            closes[stack.pop()] = s
    masked = mask(text, tokens)
    for m in re.finditer(r"\bfn\s+(\w+)", masked):
        # the body is the first `{` after the signature that is not inside parentheses/generics
        j = m.end()
        depth = 0
        while j < len(masked):
            ch = masked[j]
            if ch in "(<[":
                depth += 1
            elif ch in ")>]":
                depth -= 1
            elif ch == ";" and depth <= 0:
                j = -1
                break
            elif ch == "{" and depth <= 0:
                break
            j += 1
        if j < 0 or j >= len(masked) or j not in closes:
            continue
        lines = text.count("\n", m.start(), closes[j]) + 1
        out.append((m.group(1), lines, text.count("\n", 0, m.start()) + 1, m.start()))
    return out


def mask(text, tokens):
    chars = list(text)
    for kind, s, e in tokens:
        if kind in ("string", "comment", "char"):
            for k in range(s, e):
                if chars[k] != "\n":
                    chars[k] = " "
    return "".join(chars)


def main():
    global ROOT
    listing = "--list" in sys.argv
    dirs = [a for a in sys.argv[1:] if not a.startswith("--")]
    if dirs:
        ROOT = dirs[0]
    literals, html_literals = {}, 0
    funcs, big_files, pub_mods = [], [], 0
    for dirpath, _, files in os.walk(ROOT):
        for f in sorted(files):
            if not f.endswith(".rs"):
                continue
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, os.path.join(ROOT, ".."))
            text = open(path, encoding="utf-8").read()
            tokens = list(scan(text))
            nlines = text.count("\n")
            is_test_file = f == "tests.rs"
            tests = test_ranges(text, tokens)
            if nlines > 800:
                test_lines = sum(text.count("\n", a, b) for a, b in tests)
                big_files.append((rel, nlines, test_lines))
            pub_mods += len(re.findall(r"^\s*pub mod \w+", mask(text, tokens), re.M))
            for kind, s, e in tokens:
                if kind not in ("string", "char") or not ARABIC.search(text[s:e]):
                    continue
                if is_test_file or any(a <= s < b for a, b in tests):
                    continue
                if rel.endswith(os.path.join("formats", "html.rs")):
                    html_literals += 1
                    continue
                literals.setdefault(rel, []).append(text[s:e])
            if not is_test_file:
                for name, n, line, at in functions(text, tokens):
                    if not any(a <= at < b for a, b in tests):
                        funcs.append((n, f"{rel}:{line} {name}"))
    total = sum(len(v) for v in literals.values())
    print(f"Arabic string/char literals in src/ outside tests and html.rs: {total}")
    for rel, lits in sorted(literals.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(lits):4d}  {rel}")
        if listing:
            print("        " + " ".join(lits))
    print(f"Arabic literals in src/formats/html.rs (interface labels): {html_literals}")
    funcs.sort(reverse=True)
    print("Longest functions (lines, outside tests):")
    for n, where in funcs[:5]:
        print(f"  {n:4d}  {where}")
    print(f"Functions over 120 lines: {sum(1 for n, _ in funcs if n > 120)}")
    print("Files over 800 lines (total, of which #[cfg(test)]):")
    for rel, n, t in sorted(big_files, key=lambda x: -x[1]):
        print(f"  {n:5d} ({t} test)  {rel}")
    print(f"pub mod declarations in src/: {pub_mods}")


if __name__ == "__main__":
    main()
