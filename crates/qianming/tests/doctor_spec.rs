//! docs/spec/doctor.md#verdicts is the verdict table of the code, written out: this test renders
//! it from `Verdict` and compares. `QIANMING_BLESS=1 cargo test --test doctor_spec` rewrites
//! the table in the document after a verdict was added.

use qianming::doctor::{Vendor, Verdict};

const DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/spec/doctor.md");
const START: &str =
    "<!-- verdicts: generated from the code, checked by crates/qianming/tests/doctor_spec.rs -->\n";
const END: &str = "<!-- end of verdicts -->";

fn table() -> String {
    let mut out = String::from(START);
    out.push_str("| code | verdict | doctor | explanation | 说明 |\n|---|---|---|---|---|\n");
    for verdict in Verdict::ALL {
        let vendors: Vec<&str> = [Vendor::Kingdee, Vendor::Weaver]
            .into_iter()
            .filter(|v| verdict.applies_to(*v))
            .map(Vendor::name)
            .collect();
        out.push_str(&format!(
            "| {} | `{}` | {} | {} | {} |\n",
            verdict.code(),
            verdict.name(),
            vendors.join(", "),
            verdict.explanation(),
            verdict.explanation_zh()
        ));
    }
    out
}

#[test]
fn the_spec_lists_every_verdict_as_the_code_does() {
    let doc = std::fs::read_to_string(DOC).unwrap_or_default();
    let (Some(start), Some(end)) = (doc.find(START), doc.find(END)) else {
        panic!("{DOC} has no generated verdict table between {START:?} and {END:?}");
    };
    let want = table();
    if doc[start..end] != want {
        if std::env::var_os("QIANMING_BLESS").is_some() {
            let blessed = format!("{}{want}{}", &doc[..start], &doc[end..]);
            std::fs::write(DOC, blessed).unwrap_or_else(|e| panic!("{DOC}: {e}"));
            return;
        }
        panic!(
            "docs/spec/doctor.md#verdicts differs from the code; run QIANMING_BLESS=1 cargo test --test doctor_spec, or write:\n{want}"
        );
    }
}

#[test]
fn every_vendor_has_the_shared_verdicts() {
    for vendor in [Vendor::Kingdee, Vendor::Weaver] {
        let names: Vec<&str> = vendor.verdicts().map(Verdict::name).collect();
        for shared in [
            "valid",
            "unexplained",
            "expired",
            "from_the_future",
            "timestamp_in_seconds",
            "replayed",
        ] {
            assert!(names.contains(&shared), "{} lacks {shared}", vendor.name());
        }
    }
}
