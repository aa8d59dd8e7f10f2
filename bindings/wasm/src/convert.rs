//! Conversions at the boundary: core errors to JavaScript `Error` objects carrying `.kind`
//! (and, for a vendor's refusal, `.refusal`), JavaScript numbers and decimal strings to `u64`
//! milliseconds.

use qianming::token::{Answer, Refusal};
use qianming::{Error, ErrorKind};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The JavaScript `Error` class.
    #[wasm_bindgen(js_name = Error)]
    type JsErrorObject;

    #[wasm_bindgen(constructor, js_class = "Error")]
    fn new(message: &str) -> JsErrorObject;

    #[wasm_bindgen(method, setter = name)]
    fn set_name(this: &JsErrorObject, name: &str);

    #[wasm_bindgen(method, setter = kind)]
    fn set_kind(this: &JsErrorObject, kind: &str);

    #[wasm_bindgen(method, setter = code)]
    fn set_code(this: &JsErrorObject, code: u32);

    #[wasm_bindgen(method, setter = refusal)]
    fn set_refusal(this: &JsErrorObject, refusal: &JsRefusal);

    /// A plain object `{code, message, batchkey}`: what a vendor said when it refused.
    #[wasm_bindgen(js_name = Object)]
    type JsRefusal;

    #[wasm_bindgen(constructor, js_class = "Object")]
    fn new() -> JsRefusal;

    #[wasm_bindgen(method, setter = code)]
    fn set_code(this: &JsRefusal, code: &JsValue);

    #[wasm_bindgen(method, setter = message)]
    fn set_message(this: &JsRefusal, message: &str);

    #[wasm_bindgen(method, setter = batchkey)]
    fn set_batchkey(this: &JsRefusal, batchkey: &JsValue);

    /// The JavaScript `TypeError` class, for arguments of the wrong type.
    #[wasm_bindgen(js_name = TypeError)]
    type JsTypeError;

    #[wasm_bindgen(constructor, js_class = "TypeError")]
    fn new(message: &str) -> JsTypeError;
}

/// What every export returns: a value, or a JavaScript error object to throw.
pub(crate) type JsResult<T> = Result<T, JsValue>;

/// A core error as a JavaScript `Error` named `QianmingError`, with `.kind` (the stable
/// snake_case name) and `.code` (the stable number).
pub(crate) fn js_error(error: Error) -> JsValue {
    error_object(&error).into()
}

fn error_object(error: &Error) -> JsErrorObject {
    let object = JsErrorObject::new(error.detail());
    object.set_name("QianmingError");
    object.set_kind(error.kind().name());
    object.set_code(error.kind().code());
    object
}

fn text_or_null(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}

/// A vendor's refusal as a `QianmingError` of the refusal's kind that also carries
/// `.refusal = {code, message, batchkey}` (each vendor field a string or `null`).
fn refusal_error(refusal: Refusal) -> JsValue {
    let data = JsRefusal::new();
    data.set_code(&text_or_null(refusal.code.as_deref()));
    data.set_message(&refusal.message);
    data.set_batchkey(&text_or_null(refusal.batchkey.as_deref()));
    let object = error_object(&Error::from(refusal));
    object.set_refusal(&data);
    object.into()
}

/// A parser's answer: the granted value, or the thrown error (a malformed answer, or the
/// vendor's refusal with its data).
pub(crate) fn answer<T>(result: qianming::Result<Answer<T>>) -> JsResult<T> {
    match js(result)? {
        Answer::Granted(value) => Ok(value),
        Answer::Refused(refusal) => Err(refusal_error(refusal)),
    }
}

/// A `TypeError` for an argument that is not what the API accepts.
pub(crate) fn type_error(message: &str) -> JsValue {
    JsTypeError::new(message).into()
}

/// Converts a core result into an export's result.
pub(crate) fn js<T>(result: qianming::Result<T>) -> JsResult<T> {
    result.map_err(js_error)
}

/// The error for text that is not valid Unicode (a JavaScript string with a lone
/// surrogate): the wrapper refuses such strings before they are converted to UTF-8.
#[wasm_bindgen(js_name = invalidUnicodeError)]
pub fn invalid_unicode_error(what: &str) -> JsValue {
    js_error(Error::new(
        ErrorKind::InvalidUnicode,
        format!("{what} contains a lone UTF-16 surrogate, so it is not valid Unicode text"),
    ))
}

/// The stable names of every error kind, in code order, one per line.
#[wasm_bindgen(js_name = errorKindNames)]
pub fn error_kind_names() -> String {
    let mut out = String::new();
    for kind in ErrorKind::ALL {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(kind.name());
    }
    out
}

fn invalid_ms(what: &str) -> Error {
    Error::new(
        ErrorKind::InvalidTimestamp,
        format!("{what} is not a non-negative whole number of milliseconds below 2^64"),
    )
}

/// A JavaScript number as `u64` milliseconds: finite, non-negative, whole, below 2^64.
pub(crate) fn ms_from_number(value: f64, what: &str) -> qianming::Result<u64> {
    // 2^64 exactly; every double below it that is whole converts without loss.
    const LIMIT: f64 = 18_446_744_073_709_551_616.0;
    if value.is_finite() && value >= 0.0 && value.fract() == 0.0 && value < LIMIT {
        // Lossless: `value` is whole and within range (checked above).
        Ok(value as u64)
    } else {
        Err(invalid_ms(what))
    }
}

/// Decimal text (a JavaScript `bigint`, a number's digits or a string) as a `u64`: the core's
/// own check ([`qianming::timestamp::parse`]: ASCII digits only, fitting in 64 bits).
pub(crate) fn u64_from_text(text: &str) -> qianming::Result<u64> {
    qianming::timestamp::parse(text)
}

/// [`u64_from_text`] for a count of seconds (K3Cloud's and e-cology's `timeS`, `lifetimeS`):
/// the same check, the unit its message names ([`qianming::timestamp::parse_in`]).
pub(crate) fn seconds_from_text(text: &str) -> qianming::Result<u64> {
    qianming::timestamp::parse_in(text, "seconds")
}
