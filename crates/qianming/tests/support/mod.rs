//! What the vector-file tests share: run every case of every file through the runner of its
//! section, and check that a directory holds no file the test leaves out.

use qianming::token::Answer;
use qianming::{Error, ErrorKind};
use serde_json::Value;

/// The vector files of the messaging and Yonyou schemes, run by `tests/messaging_vectors.rs`
/// rather than `tests/vectors.rs`.
#[allow(dead_code)]
pub const MESSAGING_FILES: &[&str] = &["dingtalk.json", "feishu.json", "wecom.json", "yonyou.json"];

/// The vector files of K3Cloud and e-cology, run by `tests/k3cloud_ecology_vectors.rs`.
#[allow(dead_code)]
pub const K3CLOUD_ECOLOGY_FILES: &[&str] = &["ecology.json", "k3cloud.json"];

/// Checks one case; `Err` says why it failed.
pub type Runner = fn(&Value) -> Result<(), String>;

/// Runs every case of every `(name, text)` file through `runner(section)` (a section without a
/// runner fails the test), checks each file's `numberOfTests`, and that at least `at_least`
/// cases ran. A failure names the file, section and case id, and prints the whole case.
pub fn run_every_case(files: &[(&str, &str)], runner: fn(&str) -> Option<Runner>, at_least: usize) {
    let mut failures = Vec::new();
    let mut ran = 0usize;
    for (file, text) in files {
        let doc: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let mut in_file = 0usize;
        for (section, cases) in doc.as_object().into_iter().flatten() {
            let Some(cases) = cases.as_array() else {
                continue;
            };
            let run = runner(section)
                .unwrap_or_else(|| panic!("{file}: no runner for section {section}"));
            for case in cases {
                in_file += 1;
                if let Err(why) = run(case) {
                    failures.push(format!(
                        "{file} [{section}] case {}: {why}\n{}",
                        case["id"],
                        serde_json::to_string_pretty(case).unwrap_or_default()
                    ));
                }
            }
        }
        assert_eq!(
            Some(in_file as u64),
            doc["numberOfTests"].as_u64(),
            "{file}: numberOfTests"
        );
        ran += in_file;
    }
    assert!(
        failures.is_empty(),
        "{} of {ran} cases failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(ran >= at_least, "only {ran} cases ran");
}

/// The `.json` files directly in `dir` are exactly the `files` a test lists.
#[allow(dead_code)]
pub fn assert_lists_every_file(dir: &str, files: &[(&str, &str)], elsewhere: &[&str]) {
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".json"))
                .collect()
        })
        .unwrap_or_default();
    on_disk.sort();
    let mut listed: Vec<String> = files
        .iter()
        .map(|(n, _)| n.to_string())
        .chain(elsewhere.iter().map(|n| n.to_string()))
        .collect();
    listed.sort();
    assert_eq!(on_disk, listed, "{dir}");
}

/// A case's text field (panics naming the field otherwise).
#[allow(dead_code)]
pub fn s<'a>(case: &'a Value, key: &str) -> &'a str {
    case[key]
        .as_str()
        .unwrap_or_else(|| panic!("field {key} is not a string"))
}

/// A case's unsigned field (panics naming the field otherwise).
#[allow(dead_code)]
pub fn n(case: &Value, key: &str) -> u64 {
    case[key]
        .as_u64()
        .unwrap_or_else(|| panic!("field {key} is not a u64"))
}

/// `Ok` when `got` is `want`, else a message naming `what`.
#[allow(dead_code)]
pub fn same(what: &str, got: Value, want: &Value) -> Result<(), String> {
    if &got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {got}, want {want}"))
    }
}

/// Compares an outcome with the case's `result` (absent: valid) and `error`.
#[allow(dead_code)]
pub fn judge<T>(
    case: &Value,
    outcome: Result<T, Error>,
    check: impl FnOnce(&Value, T) -> Result<(), String>,
) -> Result<(), String> {
    // weaver_jdk.json has no `result` field: all its cases are valid.
    match (case["result"].as_str().unwrap_or("valid"), outcome) {
        ("valid", Ok(value)) => check(case, value),
        ("valid", Err(e)) => Err(format!("expected success, got {}: {e}", e.kind())),
        (_, Ok(_)) => Err(format!("expected error {}, got success", case["error"])),
        (_, Err(e)) => {
            let want = s(case, "error");
            if ErrorKind::from_name(want).is_none() {
                return Err(format!("vector names unknown error kind {want}"));
            }
            if e.kind().name() == want {
                Ok(())
            } else {
                Err(format!("expected error {want}, got {}: {e}", e.kind()))
            }
        }
    }
}

/// Compares a refused answer's code, message and batchkey with the case's `refusal`, when both
/// are there.
#[allow(dead_code)]
pub fn refusal_check<T>(case: &Value, outcome: &Result<Answer<T>, Error>) -> Result<(), String> {
    if let (Ok(Answer::Refused(r)), Some(want)) = (outcome, case.get("refusal")) {
        same("refusal.code", r.code.clone().into(), &want["code"])?;
        same(
            "refusal.message",
            r.message.as_str().into(),
            &want["message"],
        )?;
        same(
            "refusal.batchkey",
            r.batchkey.clone().into(),
            &want["batchkey"],
        )?;
    }
    Ok(())
}
