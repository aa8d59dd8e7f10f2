#!/usr/bin/env python3
"""Checks every binding against bindings/operations.toml, the one description of the boundary.

For each operation: C declares its function in the committed header; Python, JavaScript and
Java expose it under the table's name; the CLI has its subcommand; the differential drivers
dispatch it. For each result type: every binding lists the table's fields, in the table's
order, and no field the table does not name. Arguments: every binding takes each of the
table's arguments (by name, in its own casing; the order follows each language's idiom).
Also checks that nothing is exposed that the table does not list (C functions, the Python
package's public names, the JavaScript declarations).

Run by scripts/test-rust.sh. Exits 1 with one line per disagreement.
"""

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "bindings/operations.toml"
HEADER = ROOT / "bindings/c/include/qianming.h"
PY_PACKAGE = ROOT / "bindings/python/python/qianming"
# The npm package's declarations: the main module's (js/index.d.ts) and each subpath module's
# (js/<subpath>/index.d.ts: 'qianming/doctor', 'qianming/messaging', …). The table's `js`
# names are the same whichever module declares them.
DTS_DIR = ROOT / "bindings/wasm/js"


def dts_files():
    return [DTS_DIR / "index.d.ts"] + sorted(DTS_DIR.glob("*/index.d.ts"))
JAVA = ROOT / "bindings/java/src/main/java/io/github/qianming"
DRIVERS = {
    "python": ROOT / "tests/differential/driver.py",
    "c": ROOT / "tests/differential/driver_c.py",
    "node": ROOT / "tests/differential/driver.mjs",
    "java": ROOT / "bindings/java/src/test/java/io/github/qianming/differential/DifferentialDriver.java",
}

problems = []


def problem(where, message):
    problems.append(f"{where}: {message}")


def camel(snake):
    head, *rest = snake.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def snake(name):
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


# ---------------------------------------------------------------- C


def c_declarations():
    text = HEADER.read_text()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    functions = {}
    for m in re.finditer(r"^[A-Za-z_][\w \*]*?\b(qm_\w+)\(([^;]*?)\);", text, flags=re.M):
        params = [p.strip() for p in m.group(2).split(",") if p.strip() and p.strip() != "void"]
        functions[m.group(1)] = [re.split(r"[\s\*]+", p)[-1] for p in params]
    structs = {}
    for m in re.finditer(r"typedef struct (?:qm_\w+ )?\{(.*?)\} (qm_\w+);", text, flags=re.S):
        fields = re.findall(r"(\w+)(?:\[[^\]]*\])?;", m.group(1))
        structs[m.group(2)] = fields
    return functions, structs


C_PLUMBING = re.compile(r"^(buf|buf_cap|out_\w+|\w+_len|\w+_count|\w+_cap)$")


def c_args(params):
    return [p for p in params if not C_PLUMBING.match(p)]


# ---------------------------------------------------------------- Python


def python_surface():
    stub = ast.parse((PY_PACKAGE / "_native.pyi").read_text())
    natives = {}
    for node in stub.body:
        if isinstance(node, ast.FunctionDef):
            natives[node.name] = ("function", params_of(node))
        elif isinstance(node, ast.ClassDef):
            members = {}
            order = []
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    is_property = any(
                        isinstance(d, ast.Name) and d.id == "property" for d in item.decorator_list
                    )
                    members.setdefault(item.name, ("property" if is_property else "method", params_of(item)))
                    if is_property:
                        order.append(item.name)
            natives[node.name] = ("class", members, order)
    modules = {}
    for path in PY_PACKAGE.glob("*.py"):
        names = {}
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Attribute):
                value = node.value
                if isinstance(value.value, ast.Name) and value.value.id == "_native":
                    for target in node.targets:
                        if isinstance(target, ast.Name):
                            names[target.id] = value.attr
        modules[path.stem] = names
    return natives, modules


def params_of(fn):
    args = fn.args
    names = [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs]
    return [n for n in names if n not in ("self", "cls")]


def python_resolve(path, natives, modules):
    """`kingdee.Signer.sign` → ("method", params) or None."""
    module, name, *member = path.split(".")
    native = modules.get(module, {}).get(name)
    if native is None or native not in natives:
        return None, native
    entry = natives[native]
    if not member:
        if entry[0] == "class":
            init = entry[1].get("__new__") or entry[1].get("__init__")
            return ("class", init[1] if init else []), native
        return entry, native
    if entry[0] != "class":
        return None, native
    return entry[1].get(member[0]), native


# ---------------------------------------------------------------- JavaScript


def split_top(text, sep=","):
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([{<":
            depth += 1
        elif ch in ")]}>":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def dts_blocks():
    text = "\n".join(f.read_text() for f in dts_files())
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    blocks = {}
    for m in re.finditer(
        r"^export (class|interface|const) (\w+)(?:<[^>]*>)?(?:\s+extends ([\w<>, ]+?))?\s*:?\s*\{(.*?)^\}",
        text,
        flags=re.M | re.S,
    ):
        kind, name, extends, body = m.groups()
        members = []
        for member in split_top(body.replace("\n", " "), ";"):
            mm = re.match(r"(?:readonly\s+|static\s+)?(\w+)\??\s*(\(|:)", member)
            if mm:
                params = []
                if mm.group(2) == "(":
                    inner = member[member.index("(") + 1 :]
                    depth, end = 1, 0
                    for i, ch in enumerate(inner):
                        depth += ch == "("
                        depth -= ch == ")"
                        if depth == 0:
                            end = i
                            break
                    params = split_top(inner[:end])
                members.append((mm.group(1), mm.group(2) == "(", params))
        parents = [re.sub(r"<.*", "", e).strip() for e in split_top(extends or "")]
        blocks[name] = (kind, members, [p for p in parents if p])
    return blocks


def dts_fields(name, blocks):
    kind, members, extends = blocks[name]
    fields = []
    for parent in extends:
        if parent in blocks:
            fields += dts_fields(parent, blocks)
    return fields + [m[0] for m in members if not m[1]]


def dts_param_names(params, blocks):
    """Parameter names, an options object expanded into its properties."""
    names = []
    for param in params:
        name, _, type_ = param.partition(":")
        name = name.strip().rstrip("?")
        expanded = []
        for part in split_top(type_, "&"):
            part = re.sub(r"<.*>$", "", part.strip())  # DoctorOptions<KingdeeVerifier>
            if part.startswith("{"):
                expanded += [re.match(r"\s*(\w+)", p).group(1) for p in split_top(part[1:-1], ";")]
            elif part in blocks and blocks[part][0] == "interface":
                expanded += dts_fields(part, blocks)
        names += expanded or [name]
    return names


# ---------------------------------------------------------------- Java


def java_region(text, class_name):
    """The text of nested class `class_name` (its members at four spaces), preceded by that of
    the nested class it extends."""
    m = re.search(rf"^  [\w ]*\b(?:class|interface) {class_name}\b( extends (\w+))?", text, flags=re.M)
    if not m:
        return None
    end = re.search(r"^  \}", text[m.end() :], flags=re.M)
    region = text[m.end() : m.end() + end.start()] if end else text[m.end() :]
    parent = java_region(text, m.group(2)) if m.group(2) else None
    return (parent or "") + region


def java_methods(region, indent):
    methods = []
    pattern = rf"^{indent}public (?:static )?(?:final )?(?:synchronized )?(?:<[^>]+> )?[\w<>\[\], .?]+? (\w+)\(([^)]*)\)"
    for m in re.finditer(pattern, region, flags=re.M):
        params = [p.split()[-1] for p in split_top(m.group(2).replace("\n", " ")) if p]
        methods.append((m.group(1), [snake(p) for p in params]))
    return methods


def java_lookup(path):
    outer, *rest = path.split(".")
    source = JAVA / f"{outer}.java"
    if not source.exists():
        return None
    text = source.read_text()
    if len(rest) == 2:
        region = java_region(text, rest[0])
        return None if region is None else (java_methods(region, "    "), rest[1])
    if len(rest) == 1:
        nested = java_region(text, rest[0])
        if nested is not None:
            return java_constructors(nested, rest[0]), rest[0]
        return java_methods(text, "  "), rest[0]
    return java_constructors(text, outer), outer


def java_constructors(region, name):
    return [(name, [snake(p.split()[-1]) for p in split_top(m.group(1).replace("\n", " ")) if p])
            for m in re.finditer(rf"^\s+public {name}\(([^)]*)\)", region, flags=re.M)]


# ---------------------------------------------------------------- checks


def check_fields(where, table_fields, found, extra, unordered=False):
    if found is None:
        problem(where, "type not found")
        return
    unknown = [f for f in found if f not in table_fields and f not in extra]
    if unknown:
        problem(where, f"fields the table does not list: {unknown}")
    in_table = [f for f in found if f in table_fields]
    if unordered:
        in_table = [f for f in table_fields if f in in_table]
    if in_table != table_fields:
        problem(where, f"fields {in_table}, the table says {table_fields}")


def check_args(where, table_args, found, ignored, renamed=None, from_handle=()):
    if found is None:
        return
    local = {v: k for k, v in (renamed or {}).items()}
    found = [local.get(a, a) for a in found]
    missing = [a for a in table_args if a not in found and a not in from_handle]
    unknown = [a for a in found if a not in table_args and a not in ignored]
    if missing:
        problem(where, f"lacks the arguments {missing} (has {found})")
    if unknown:
        problem(where, f"takes arguments the table does not list: {unknown}")


def check(table_text, cli=True):
    """The disagreements between the table `table_text` and the bindings."""
    problems.clear()
    table = tomllib.loads(table_text)
    operations, results = table["operation"], {r["id"]: r for r in table["result"]}
    c_functions, c_structs = c_declarations()
    natives, modules = python_surface()
    blocks = dts_blocks()
    drivers = {lang: path.read_text() for lang, path in DRIVERS.items()}
    cli_help = {}

    seen_ids = set()
    for op in operations:
        where = f"operation {op['id']}"
        if op["id"] in seen_ids:
            problem(where, "listed twice")
        seen_ids.add(op["id"])
        args = op.get("args", [])
        ignored = op.get("binding_args", {})
        renamed = op.get("arg_names", {})
        handle = op.get("from_handle", {})

        def args_of(lang, where_, found):
            check_args(where_, args, found, ignored.get(lang, []), renamed.get(lang), handle.get(lang, ()))


        if "c" in op:
            name = op["c"]
            if name not in c_functions:
                problem(where, f"C: no {name} in qianming.h")
            else:
                args_of("c", f"{where} C {name}", c_args(c_functions[name]))

        if "python" in op:
            entry, native = python_resolve(op["python"], natives, modules)
            if entry is None:
                problem(where, f"Python: qianming.{op['python']} not found (native {native})")
            else:
                args_of("python", f"{where} Python", entry[1])

        if "js" in op:
            owner, member = op["js"].split(".")
            block = blocks.get(owner)
            found = [m for m in (block[1] if block else []) if m[0] == member and m[1]]
            if member == "constructor":
                found = [m for m in (block[1] if block else []) if m[0] == "constructor"]
            if not found:
                problem(where, f"JS: {op['js']} not in index.d.ts (or a subpath's)")
            else:
                js_args = [snake(a) for a in dts_param_names(found[0][2], blocks)]
                args_of("js", f"{where} JS", js_args)

        if "java" in op:
            looked = java_lookup(op["java"])
            if looked is None:
                problem(where, f"Java: {op['java']} not found")
            else:
                methods, member = looked
                overloads = [params for name, params in methods if name == member]
                if not overloads:
                    problem(where, f"Java: no public method {op['java']}")
                else:
                    full = max(overloads, key=len)
                    args_of("java", f"{where} Java", full)

        if "cli" in op and cli:
            group, _, command = op["cli"].partition(" ")
            if group not in cli_help:
                cli_help[group] = cli_subcommands(group)
            if command and command not in cli_help[group]:
                problem(where, f"CLI: no `qianming {op['cli']}` (has {sorted(cli_help[group])})")

        if "differential" in op:
            for lang, text in drivers.items():
                key = op["differential"]
                if f'"{key}"' not in text and f"'{key}'" not in text and f"def {key.replace('-', '_')}(" not in text:
                    problem(where, f"differential driver ({lang}) does not dispatch {key}")

        for lang in ("c", "python", "js", "java"):
            if lang not in op and lang not in op.get("absent", {}):
                problem(where, f"no {lang} name and no absent.{lang} reason")

        if "result" in op and op["result"] not in results:
            problem(where, f"result {op['result']} is not described")

    for rid, result in results.items():
        extra = result.get("extra", {})

        def fields_for(lang, result=result):
            replaced = result.get("replace", {}).get(lang, {})
            return [f for field in result["fields"] for f in replaced.get(field, [field])]

        if "c" in result:
            check_fields(f"result {rid} C {result['c']}", fields_for("c"), c_structs.get(result["c"]), extra.get("c", []))
        if "python" in result:
            entry = natives.get(result["python"])
            order = entry[2] if entry and entry[0] == "class" else None
            check_fields(f"result {rid} Python {result['python']}", fields_for("python"), order, extra.get("python", []))
        if "js" in result:
            found = [snake(f) for f in dts_fields(result["js"], blocks)] if result["js"] in blocks else None
            check_fields(f"result {rid} JS {result['js']}", fields_for("js"), found, extra.get("js", []))
        if "java" in result:
            outer, _, inner = result["java"].partition(".")
            text = (JAVA / f"{outer}.java").read_text() if (JAVA / f"{outer}.java").exists() else ""
            region = java_region(text, inner) if inner else text
            indent = "    " if inner else "  "
            found = None
            if region is not None and text:
                found = [snake(n) for n, p in java_methods(region, indent) if not p and n not in JAVA_OBJECT_METHODS]
            check_fields(f"result {rid} Java {result['java']}", fields_for("java"), found, extra.get("java", []),
                         "java" in result.get("unordered", {}))

    for rid, layout in table.get("wasm_layout", {}).items():
        check_wasm_layout(rid, layout["slots"], results[rid]["fields"])

    # Nothing exposed that the table does not describe.
    listed_c = {op["c"] for op in operations if "c" in op} | set(table.get("c_support", []))
    for name in sorted(set(c_functions) - listed_c):
        problem("C", f"{name} is in qianming.h but not in the table")
    listed_js = {op["js"].split(".")[0] for op in operations if "js" in op} | set(table.get("js_support", []))
    for name, (kind, _, _) in blocks.items():
        if kind in ("class", "const") and name not in listed_js:
            problem("JS", f"export {name} is not in the table")

    return list(problems), len(operations), len(results)


# Drift the check must notice: (what is changed in the table, a text its report must contain).
MUTATIONS = [
    (('"hmac_hex", "signature", "wire_query", "headers"]', '"hmac_hex", "wire_query", "signature", "headers"]'),
     "result kingdee.SignedRequest C"),
    (('python = "kingdee.Signer.sign"', 'python = "kingdee.Signer.sign_request"'), "Python: qianming.kingdee.Signer"),
    (('js = "weaver.signedTokenRequest"', 'js = "weaver.signTokenRequest"'), "JS: weaver.signTokenRequest"),
    (('java = "Edge.readJwtClaims"', 'java = "Edge.readClaims"'), "Java: no public method Edge.readClaims"),
    (('c = "qm_oauth_pkce_challenge"', 'c = "qm_oauth_pkce"'), "C: no qm_oauth_pkce"),
    (('args = ["appid", "secret", "aes_key", "timestamp_ms"]\nc = "qm_weaver_sign"',
      'args = ["appid", "secret", "aes_key", "timestamp_ms", "nonce"]\nc = "qm_weaver_sign"'),
     "lacks the arguments ['nonce']"),
    (('absent.js = "a stateless check', 'absent.jss = "a stateless check'), "no js name"),
    (('"wire_query", "signed_headers", "headers"]\n', '"signed_headers", "wire_query", "headers"]\n'),
     "wasm layout of kingdee.SignedRequest"),
    (('differential = "edge-jwt"', 'differential = "edge-jwts"'), "does not dispatch edge-jwts"),
]


def self_test():
    text = TABLE.read_text()
    found, _, _ = check(text, cli=False)
    if found:
        sys.exit("check-operations self-test: the table itself disagrees (run without --self-test)")
    for (old, new), expected in MUTATIONS:
        assert text.count(old) == 1, f"self-test mutation no longer applies: {old}"
        found, _, _ = check(text.replace(old, new), cli=False)
        if not any(expected in line for line in found):
            sys.exit(f"check-operations self-test: changing {old!r} went unnoticed (wanted {expected!r}; got {found})")
    print(f"check-operations self-test: {len(MUTATIONS)} kinds of drift noticed")


def main():
    if sys.argv[1:] == ["--self-test"]:
        self_test()
        return
    found, operations, results = check(TABLE.read_text())
    if found:
        print("bindings/operations.toml and the bindings disagree:")
        for line in found:
            print("  " + line)
        sys.exit(1)
    print(f"operations table: {operations} operations and {results} result types agree with C, "
          "Python, JavaScript, Java, the CLI and the differential drivers")


WASM_KINGDEE = ROOT / "bindings/wasm/src/kingdee.rs"
WASM_API = ROOT / "bindings/wasm/js/api.js"
# What the Rust layout writes, by the expression it writes it from.
WASM_EXPRESSIONS = {"sts": "string_to_sign", "signature": "signature", "list": "signed_headers"}


def check_wasm_layout(rid, slots, fields):
    """The hand-tuned layout of KingdeeSigner.sign: the Rust writer and the JS reader agree
    with the table's slots, which hold exactly the result's fields."""
    where = f"wasm layout of {rid}"
    if sorted(slots) != sorted(fields):
        problem(where, f"slots {slots} are not the fields {fields}")
    rust = WASM_KINGDEE.read_text()
    body = rust[rust.index("pub fn sign("):]
    body = body[: body.index("w.finish()")]
    written = []
    for m in re.finditer(r"w\.(?:part|within)\((?:sts, )?(?:out\.(\w+)\(\)(?:\.as_str\(\))?|(\w+))\)|for \(_, value\) in out\.headers\(\)", body):
        if m.group(0).startswith("for"):
            written.append("headers")
        elif m.group(2) != "value":  # the headers loop's own writes
            name = m.group(1) or m.group(2)
            written.append(WASM_EXPRESSIONS.get(name, name).replace("signed_header_list", "signed_headers"))
    if written != slots:
        problem(where, f"the Rust writer lays out {written}, the table says {slots}")
    api = WASM_API.read_text()
    reader = api[api.index("class SigningResult") :]
    for m in re.finditer(r"get (\w+)\(\) \{\s*(?:return |[^}]*?)this\.#part\((?:(\d+)|(\d+) \+ i)\)", reader):
        field, slot = snake(m.group(1)), int(m.group(2) or m.group(3))
        if field not in slots or slots.index(field) != slot:
            problem(where, f"JS reads {field} from slot {slot}, the table says {slots.index(field) if field in slots else 'none'}")


JAVA_OBJECT_METHODS = {"toString", "hashCode", "equals", "close"}


def cli_subcommands(group):
    cli = ROOT / "target/debug/qianming"
    command = [str(cli)] if cli.exists() else ["cargo", "run", "-q", "-p", "qianming-cli", "--"]
    out = subprocess.run(command + [group, "--help"], capture_output=True, text=True, cwd=ROOT).stdout
    section = out.split("Commands:", 1)[-1].split("Options:", 1)[0]
    return {m.group(1) for m in re.finditer(r"^  ([a-z][\w-]*)", section, flags=re.M)}


if __name__ == "__main__":
    main()
