//! Turns `abi.toml` into the `#[no_mangle] extern "C"` functions of libqianming. Shared by
//! `build.rs` (the code `src/lib.rs` includes) and `header/` (the same code, given to cbindgen
//! to write `include/qianming.h`), so both read one description.
//!
//! Each argument of a function is `"<kind> <name>[ <more names>][: <type or limit>]"`; the
//! kind gives the C parameters (their names follow the kind's convention unless all are
//! written out) and the `ffi_fn!` conversion. Conversions run in the ABI's one order:
//! required outputs, then inputs, then the caller buffer, then what converts later, each
//! group in parameter order; the first refusal is the call's status.

use std::fmt::Write as _;

/// One argument of a C function: its C parameters, its conversion and what the body gets.
struct Arg {
    /// `(name, C type)` of each parameter, in order.
    params: Vec<(String, String)>,
    /// When the conversion runs (see the module comment) and its call, if the kind converts.
    conversion: Option<(u8, String)>,
    /// What the body function receives.
    passed: String,
}

/// The conventional C names of a kind's parameters, from the first one.
fn default_names(kind: &str, name: &str) -> Vec<String> {
    let stem = name.strip_suffix('s').unwrap_or(name);
    let names: Vec<String> = match kind {
        "buffer" => vec!["buf".into(), "buf_cap".into(), "out_len".into()],
        "received" => ["method", "method_len", "path", "path_len"]
            .iter()
            .chain(&["query", "query_count", "headers", "header_count"])
            .map(|s| s.to_string())
            .collect(),
        "items" => {
            let item = stem.strip_prefix("out_").unwrap_or(stem);
            vec![name.into(), format!("{item}_cap"), "out_count".into()]
        }
        "pairs" | "sign_headers" => vec![name.into(), format!("{stem}_count")],
        "answer_out" => vec![name.into(), "out_refusal".into()],
        k if c_types(k, "").len() == 2 => vec![name.into(), format!("{name}_len")],
        _ => vec![name.into()],
    };
    names
}

/// The C types of a kind's parameters (`ty`: the pointee of a pointer kind).
fn c_types(kind: &str, ty: &str) -> Vec<String> {
    let text = ["*const core::ffi::c_char", "usize"];
    let list = ["*const crate::input::qm_pair", "usize"];
    let types: &[&str] = match kind {
        "text" | "long_text" | "pasted_text" | "optional_text" => &text,
        "bytes" | "random_prefix" | "seed" => &["*const u8", "usize"],
        "borrowed" | "optional_borrowed" => return vec![format!("*const {ty}")],
        "out" | "inout" | "handle" => return vec![format!("*mut {ty}")],
        "answer_out" => return vec![format!("*mut {ty}"), "*mut crate::http::qm_refusal".into()],
        "items" => &["*mut crate::output::qm_header", "usize", "*mut usize"],
        "buffer" => &["*mut core::ffi::c_char", "usize", "*mut usize"],
        "pairs" | "sign_headers" => &list,
        "received" => &[
            text[0], text[1], text[0], text[1], list[0], list[1], list[0], list[1],
        ],
        "u32" | "u64" | "usize" | "bool" => return vec![kind.to_string()],
        _ => &[],
    };
    types.iter().map(|t| t.to_string()).collect()
}

/// When a kind's conversion runs: 0 outputs, 1 inputs, 2 the buffer, 3 what converts later
/// (`optional_borrowed` never refuses, so its place changes nothing); `None`: passed as is.
fn stage(kind: &str) -> Option<u8> {
    match kind {
        "out" | "answer_out" | "items" | "inout" => Some(0),
        "buffer" => Some(2),
        "pairs" | "sign_headers" | "received" | "optional_borrowed" => Some(3),
        "u32" | "u64" | "usize" | "bool" | "handle" => None,
        _ => Some(1),
    }
}

/// Parses one argument description.
fn parse_arg(spec: &str) -> Result<Arg, String> {
    let (head, ty) = match spec.split_once(": ") {
        Some((head, ty)) => (head, ty.trim()),
        None => (spec, ""),
    };
    let mut words = head.split_whitespace();
    let kind = words.next().ok_or("an empty argument")?;
    let mut names: Vec<String> = words.map(str::to_string).collect();
    if kind == "texts" || kind == "long_texts" {
        // Several texts in a row, each `x, x_len`, converted in order into one array.
        let params = names.iter().flat_map(|n| {
            [
                (n.clone(), "*const core::ffi::c_char".to_string()),
                (format!("{n}_len"), "usize".to_string()),
            ]
        });
        let pairs: Vec<String> = names.iter().map(|n| format!("({n}, {n}_len)")).collect();
        let bind = names
            .first()
            .ok_or(format!("\"{spec}\": `texts` names its texts"))?;
        return Ok(Arg {
            conversion: Some((1, format!("{bind} = {kind}([{}])", pairs.join(", ")))),
            passed: bind.clone(),
            params: params.collect(),
        });
    }
    let types = c_types(kind, if kind == "pairs" { "" } else { ty });
    if types.is_empty() {
        return Err(format!("unknown kind `{kind}` in \"{spec}\""));
    }
    if names.len() <= 1 {
        let first = names.first().map_or("", String::as_str);
        names = default_names(kind, first);
    }
    if names.len() != types.len() || names.iter().any(String::is_empty) {
        return Err(format!("\"{spec}\": `{kind}` takes {} names", types.len()));
    }
    let bind = names[0].clone();
    let conversion = stage(kind).map(|stage| {
        let args = match kind {
            "received" => names
                .chunks(2)
                .map(|p| format!("({}, {})", p[0], p[1]))
                .collect::<Vec<_>>(),
            "pairs" => vec![
                names[0].clone(),
                names[1].clone(),
                format!("crate::input::{ty}"),
            ],
            _ => names.clone(),
        };
        (stage, format!("{bind} = {kind}({})", args.join(", ")))
    });
    let passed = if conversion.is_some() {
        bind
    } else {
        names.join(", ")
    };
    let params = names.into_iter().zip(types).collect();
    Ok(Arg {
        params,
        conversion,
        passed,
    })
}

/// A string field of a function's table.
fn field<'t>(table: &'t toml::Table, key: &str) -> Result<Option<&'t str>, String> {
    match table.get(key) {
        None => Ok(None),
        Some(value) => value
            .as_str()
            .map(Some)
            .ok_or(format!("`{key}` must be a string")),
    }
}

/// Writes one function into the code of its body's module; returns that module.
fn function(table: &toml::Table, out: &mut Vec<(String, String)>) -> Result<(), String> {
    let name = field(table, "name")?.ok_or("a function without `name`")?;
    let fail = |e: String| format!("{name}: {e}");
    let body = field(table, "body")
        .map_err(fail)?
        .ok_or(fail("no `body`".into()))?;
    let doc = field(table, "doc")
        .map_err(fail)?
        .ok_or(fail("no `doc`".into()))?;
    let boundary = match table.get("boundary") {
        None => true,
        Some(value) => value
            .as_bool()
            .ok_or(fail("`boundary` must be true or false".into()))?,
    };
    let returns = field(table, "returns").map_err(fail)?;
    let args = table
        .get("args")
        .and_then(toml::Value::as_array)
        .ok_or(fail("no `args` list".into()))?
        .iter()
        .map(|a| {
            a.as_str()
                .ok_or("an argument that is not a string".to_string())
        })
        .map(|a| a.and_then(parse_arg))
        .collect::<Result<Vec<Arg>, String>>()
        .map_err(fail)?;
    if boundary && returns.is_some() {
        return Err(fail("`returns` is only for `boundary = false`".into()));
    }
    let (module, body) = body.rsplit_once("::").unwrap_or(("lib", body));
    if out.last().map(|(last, _)| last.as_str()) != Some(module) {
        if out.iter().any(|(seen, _)| seen == module) {
            return Err(fail(format!(
                "the functions of `{module}` must be together"
            )));
        }
        out.push((module.to_string(), GENERATED.to_string()));
    }
    let out = &mut out.last_mut().expect("pushed above").1;
    for line in doc.lines() {
        let sep = if line.is_empty() { "" } else { " " };
        let _ = writeln!(out, "///{sep}{line}");
    }
    let params: Vec<&(String, String)> = args.iter().flat_map(|a| &a.params).collect();
    let pointers = params.iter().any(|(_, t)| t.starts_with('*'));
    let unsafety = if boundary || pointers { "unsafe " } else { "" };
    let _ = writeln!(out, "#[no_mangle]\npub {unsafety}extern \"C\" fn {name}(");
    for (param, ty) in &params {
        let _ = writeln!(out, "    {param}: {ty},");
    }
    let returns = match (boundary, returns) {
        (true, _) => " -> crate::status::qm_status".to_string(),
        (false, Some(ty)) => format!(" -> {ty}"),
        (false, None) => String::new(),
    };
    let _ = writeln!(out, "){returns} {{");
    // Behind the boundary the body gets the converted arguments, otherwise the C ones.
    let passed: Vec<&str> = match boundary {
        true => args.iter().map(|a| a.passed.as_str()).collect(),
        false => params.iter().map(|(name, _)| name.as_str()).collect(),
    };
    let call = format!("self::{body}({})", passed.join(", "));
    if boundary {
        let mut conversions: Vec<&(u8, String)> =
            args.iter().filter_map(|a| a.conversion.as_ref()).collect();
        conversions.sort_by_key(|(stage, _)| *stage);
        let _ = writeln!(out, "    crate::boundary::ffi_fn!(");
        for (_, conversion) in conversions {
            let _ = writeln!(out, "        {conversion},");
        }
        let _ = writeln!(out, "        {{ {call} }}\n    )");
    } else if pointers {
        let _ = writeln!(
            out,
            "    // SAFETY: this function's `# Safety` section is the body's contract, passed on.\n    unsafe {{ {call} }}"
        );
    } else {
        let _ = writeln!(out, "    {call}");
    }
    out.push_str("}\n\n");
    Ok(())
}

/// The first line of every generated file.
const GENERATED: &str =
    "// Generated from bindings/c/abi.toml by bindings/c/abi_gen.rs: do not edit.\n\n";

/// The Rust source of every function of `abi` (the text of `abi.toml`), in its order, by the
/// module of their bodies (`lib` for the crate root): each module includes its own part.
pub fn generate(abi: &str) -> Result<Vec<(String, String)>, String> {
    let table: toml::Table = abi.parse().map_err(|e| format!("abi.toml: {e}"))?;
    let functions = table
        .get("function")
        .and_then(toml::Value::as_array)
        .ok_or("abi.toml has no [[function]]")?;
    let mut out = Vec::new();
    for f in functions {
        let table = f.as_table().ok_or("a [[function]] that is not a table")?;
        function(table, &mut out)?;
    }
    Ok(out)
}
