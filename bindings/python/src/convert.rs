//! Python → Rust conversions shared by every function: text, pairs, timestamps, "now", the
//! random nonce, the answer parsers' boundary and `text_fn!` (a function of texts only).
//! Nothing here encodes, hashes or parses protocol text.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyInt, PyList, PyString, PyTuple};
use qianming::token::Answer;
use qianming::{Error, ErrorKind};

use crate::errors::{granted, to_py};

/// The Python type name of `obj`, for error messages.
fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| String::from("?"))
}

/// `TypeError: <what> must be <expected>, not <type>`.
pub(crate) fn type_error(what: &str, expected: &str, obj: &Bound<'_, PyAny>) -> PyErr {
    PyTypeError::new_err(format!("{what} must be {expected}, not {}", type_name(obj)))
}

/// Python's own `repr` of a text, or `None`: quotes and escapes as Python writes them, for
/// the `__repr__` of result classes (Rust's `{:?}` would print `Some("…")` and Rust escapes).
pub(crate) fn py_repr(py: Python<'_>, text: Option<&str>) -> PyResult<String> {
    Ok(text.into_pyobject(py)?.repr()?.to_string())
}

/// A number, or `None`, as Python prints it.
pub(crate) fn py_repr_u64(value: Option<u64>) -> String {
    value.map_or_else(|| "None".to_owned(), |v| v.to_string())
}

/// A `str` argument as Rust text. Not a `str` → `TypeError`; a `str` with a lone surrogate
/// (not valid Unicode) → the core's `invalid_unicode` error, never a lossy conversion.
pub(crate) fn text(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<PyBackedStr> {
    text_named(obj, || what.to_string())
}

/// [`text`] with the argument's name made only when an error needs it (no allocation on the
/// hot path of `pairs`).
pub(crate) fn text_named(
    obj: &Bound<'_, PyAny>,
    what: impl Fn() -> String,
) -> PyResult<PyBackedStr> {
    let string = obj
        .cast::<PyString>()
        .map_err(|_| type_error(&what(), "str", obj))?;
    PyBackedStr::try_from(string.clone()).map_err(|_| {
        to_py(Error::new(
            ErrorKind::InvalidUnicode,
            format!(
                "{} is not valid Unicode (it contains a lone surrogate); \
                 qianming refuses it rather than sign a lossy copy",
                what()
            ),
        ))
    })
}

/// A `#[pyfunction]` whose arguments are all required positional `str`s, each read with
/// [`text`] (its `TypeError` naming the argument) before the body runs with them as Rust text.
/// The functions that take only texts differ in their body alone; this writes the rest once.
/// The caller names the GIL token and the lifetime its result may borrow:
/// `fn name<'py>(py, a, b) -> Bound<'py, PyString> { … }`.
macro_rules! text_fn {
    (
        $(#[$attr:meta])*
        fn $name:ident<$lt:lifetime>($py:ident, $($arg:ident),+ $(,)?) -> $ret:ty $body:block
    ) => {
        $(#[$attr])*
        #[pyfunction]
        #[pyo3(signature = ($($arg),+))]
        fn $name<$lt>($py: Python<$lt>, $($arg: &Bound<$lt, PyAny>),+) -> PyResult<$ret> {
            $(let $arg = $crate::convert::text($arg, stringify!($arg))?;)+
            $body
        }
    };
}
pub(crate) use text_fn;

/// Like [`text`], with `None` allowed.
pub(crate) fn optional_text(
    obj: Option<&Bound<'_, PyAny>>,
    what: &str,
) -> PyResult<Option<PyBackedStr>> {
    match obj {
        Some(obj) if !obj.is_none() => text(obj, what).map(Some),
        _ => Ok(None),
    }
}

/// Name/value pairs: a `dict`, any object with `items()`, or an iterable of 2-item tuples or
/// lists. Values may be `None` only when `none_values` is set.
pub(crate) fn pairs(
    obj: Option<&Bound<'_, PyAny>>,
    what: &str,
    none_values: bool,
) -> PyResult<Vec<(PyBackedStr, Option<PyBackedStr>)>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(Vec::new());
    };
    let name = |k: &Bound<'_, PyAny>| text_named(k, || format!("a name in {what}"));
    let value = |v: &Bound<'_, PyAny>| -> PyResult<Option<PyBackedStr>> {
        if none_values && v.is_none() {
            Ok(None)
        } else {
            text_named(v, || format!("a value in {what}")).map(Some)
        }
    };
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut out = Vec::with_capacity(dict.len());
        for (k, v) in dict.iter() {
            out.push((name(&k)?, value(&v)?));
        }
        return Ok(out);
    }
    let expected = "a mapping or an iterable of (name, value) pairs";
    if obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyBytes>()
        || obj.is_instance_of::<PyByteArray>()
    {
        return Err(type_error(what, expected, obj));
    }
    // Lists and tuples go straight to iteration (asking them for `items` would raise and
    // catch an AttributeError on every call).
    let plain = obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>();
    let items = if !plain && obj.hasattr("items").unwrap_or(false) {
        obj.call_method0("items")?
    } else {
        obj.clone()
    };
    let iter = items
        .try_iter()
        .map_err(|_| type_error(what, expected, obj))?;
    let mut out = Vec::new();
    for item in iter {
        let item = item?;
        let (k, v) = if let Ok(t) = item.cast::<PyTuple>() {
            if t.len() != 2 {
                return Err(type_error(what, expected, obj));
            }
            (t.get_item(0)?, t.get_item(1)?)
        } else if let Ok(l) = item.cast::<PyList>() {
            if l.len() != 2 {
                return Err(type_error(what, expected, obj));
            }
            (l.get_item(0)?, l.get_item(1)?)
        } else {
            return Err(PyTypeError::new_err(format!(
                "{what} must be {expected}; an item is {}",
                type_name(&item)
            )));
        };
        out.push((name(&k)?, value(&v)?));
    }
    Ok(out)
}

/// Pairs whose values are all present, as borrowed `(&str, &str)` for the core.
pub(crate) fn text_pairs(pairs: &[(PyBackedStr, Option<PyBackedStr>)]) -> Vec<(&str, &str)> {
    pairs
        .iter()
        .map(|(n, v)| (&**n, v.as_deref().unwrap_or_default()))
        .collect()
}

/// A Kingdee timestamp as the caller gave it.
pub(crate) enum Timestamp {
    /// Decimal text, checked by the core.
    Text(PyBackedStr),
    /// Milliseconds.
    Millis(u64),
}

/// Milliseconds since the Unix epoch, now.
pub(crate) fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

/// A Kingdee timestamp: `None` → now; `int` → milliseconds (one that does not fit in 64 bits
/// goes to the core as its decimal text, which the core refuses); `str` → given to the core.
pub(crate) fn kingdee_timestamp(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Timestamp> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(Timestamp::Millis(now_ms()));
    };
    if obj.is_instance_of::<PyString>() {
        return text(obj, "timestamp").map(Timestamp::Text);
    }
    if obj.is_instance_of::<PyInt>() && !obj.is_instance_of::<PyBool>() {
        return match obj.extract::<u64>() {
            Ok(ms) => Ok(Timestamp::Millis(ms)),
            Err(_) => text(&obj.str()?.into_any(), "timestamp").map(Timestamp::Text),
        };
    }
    Err(type_error("timestamp", "int, str or None", obj))
}

/// A millisecond count (`timestamp_ms`, `now_ms`): `None` → now; a non-negative `int` that
/// fits in 64 bits; anything else that is an `int` → the core's `invalid_timestamp`.
pub(crate) fn millis(obj: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<u64> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(now_ms());
    };
    if obj.is_instance_of::<PyInt>() && !obj.is_instance_of::<PyBool>() {
        return obj.extract::<u64>().map_err(|_| {
            to_py(Error::new(
                ErrorKind::InvalidTimestamp,
                format!("{what} {obj} is not a non-negative integer of milliseconds that fits in 64 bits"),
            ))
        });
    }
    Err(type_error(what, "int or None", obj))
}

/// A timestamp the caller must give (no "now" default: the answer does not carry it), in
/// `unit` (`"milliseconds"`, `"seconds"`): a non-negative `int` that fits in 64 bits; any
/// other `int` → the core's `invalid_timestamp`; anything else, `None` included → `TypeError`.
pub(crate) fn given_timestamp(obj: &Bound<'_, PyAny>, what: &str, unit: &str) -> PyResult<u64> {
    if obj.is_instance_of::<PyInt>() && !obj.is_instance_of::<PyBool>() {
        return obj.extract::<u64>().map_err(|_| {
            to_py(Error::new(
                ErrorKind::InvalidTimestamp,
                format!(
                    "{what} {obj} is not a non-negative integer of {unit} that fits in 64 bits"
                ),
            ))
        });
    }
    Err(type_error(what, "int", obj))
}

/// A non-negative `int` that fits in 64 bits (a window, a capacity, entropy).
pub(crate) fn unsigned(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<u64> {
    if obj.is_instance_of::<PyInt>() && !obj.is_instance_of::<PyBool>() {
        return obj.extract::<u64>().map_err(|_| {
            pyo3::exceptions::PyValueError::new_err(format!(
                "{what} must be a non-negative integer that fits in 64 bits, not {obj}"
            ))
        });
    }
    Err(type_error(what, "int", obj))
}

/// Like [`unsigned`], with `None` (or no argument) allowed: an optional verifier setting.
pub(crate) fn optional_unsigned(
    obj: Option<&Bound<'_, PyAny>>,
    what: &str,
) -> PyResult<Option<u64>> {
    obj.filter(|o| !o.is_none())
        .map(|o| unsigned(o, what))
        .transpose()
}

/// An optional `replay_capacity`: how many entries a replay guard keeps (at most `usize::MAX`).
pub(crate) fn optional_replay_capacity(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<usize>> {
    Ok(
        optional_unsigned(obj, "replay_capacity")?
            .map(|c| usize::try_from(c).unwrap_or(usize::MAX)),
    )
}

/// Locks `mutex`, recovering it when poisoned: what it guards (a verifier, the nonce pool) is
/// never left half-changed by a panic (the core does not panic while holding the guard).
pub(crate) fn unpoisoned<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Bytes of randomness kept for nonces.
const POOL_BYTES: usize = 4096;

/// Random bytes for nonces, drawn from `os.urandom` (the operating system's CSPRNG) 4 KiB at a
/// time: one `os.urandom` call costs about as much as a whole signature, so drawing per nonce
/// made default-nonce signing ~60 % slower. Each 8 bytes are used once and cleared when taken;
/// a forked child starts with an empty pool (`os.register_at_fork`, see [`reset_entropy`]),
/// so parent and child never share nonces.
struct EntropyPool {
    bytes: [u8; POOL_BYTES],
    at: usize,
}

static POOL: Mutex<EntropyPool> = Mutex::new(EntropyPool {
    bytes: [0; POOL_BYTES],
    at: POOL_BYTES,
});
static URANDOM: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn pool() -> MutexGuard<'static, EntropyPool> {
    // The pool holds no invariant a panic could break: recover it.
    unpoisoned(&POOL)
}

/// 64 fresh random bits for a nonce.
pub(crate) fn entropy(py: Python<'_>) -> PyResult<u64> {
    loop {
        {
            let mut pool = pool();
            let at = pool.at;
            if let Some(word) = pool.bytes.get_mut(at..at + 8) {
                let mut bits = [0u8; 8];
                bits.copy_from_slice(word);
                word.fill(0);
                pool.at = at + 8;
                return Ok(u64::from_le_bytes(bits));
            }
        }
        // Refill without holding the lock: `os.urandom` may release the GIL, and a thread
        // waiting for the lock while holding the GIL would then never let it finish.
        let urandom = URANDOM.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
            Ok(py.import("os")?.getattr("urandom")?.unbind())
        })?;
        let fresh = urandom.bind(py).call1((POOL_BYTES,))?;
        let fresh = fresh.cast::<PyBytes>()?;
        let mut pool = pool();
        if pool.at >= POOL_BYTES && fresh.as_bytes().len() == POOL_BYTES {
            pool.bytes.copy_from_slice(fresh.as_bytes());
            pool.at = 0;
        }
    }
}

/// Empties the nonce pool; registered with `os.register_at_fork(after_in_child=…)`.
#[pyfunction]
pub(crate) fn reset_entropy() {
    let mut pool = pool();
    pool.bytes.fill(0);
    pool.at = POOL_BYTES;
}

/// A nonce: the caller's text, or the core's format of 64 random bits.
pub(crate) fn nonce(py: Python<'_>, obj: Option<&Bound<'_, PyAny>>) -> PyResult<NonceText> {
    match optional_text(obj, "nonce")? {
        Some(given) => Ok(NonceText::Given(given)),
        None => Ok(NonceText::Made(qianming::kingdee::nonce_from_entropy(
            entropy(py)?,
        ))),
    }
}

/// A nonce given by the caller or made from fresh entropy.
pub(crate) enum NonceText {
    /// The caller's.
    Given(PyBackedStr),
    /// Made by [`nonce`].
    Made(String),
}

/// An answer body: `bytes` and `bytearray` as they are, `str` as its UTF-8 (a lone surrogate
/// is `invalid_unicode`).
pub(crate) enum Body {
    /// `bytes` (borrowed) or `bytearray` (copied).
    Bytes(pyo3::pybacked::PyBackedBytes),
    /// `str`.
    Text(PyBackedStr),
}

impl std::ops::Deref for Body {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Body::Bytes(b) => b,
            Body::Text(t) => t.as_bytes(),
        }
    }
}

/// An answer body argument (see [`Body`]); anything else is a `TypeError`.
pub(crate) fn body(obj: &Bound<'_, PyAny>) -> PyResult<Body> {
    if obj.is_instance_of::<PyString>() {
        return text(obj, "body").map(Body::Text);
    }
    if obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>() {
        return obj
            .extract()
            .map(Body::Bytes)
            .map_err(|_| type_error("body", "bytes, bytearray or str", obj));
    }
    Err(type_error("body", "bytes, bytearray or str", obj))
}

/// Every answer parser's boundary: reads `body` (``bytes`` or ``str``), runs the core's
/// parser on it (without the GIL when large) and raises a vendor refusal as its exception.
pub(crate) fn parse_answer<T: Send>(
    py: Python<'_>,
    body: &Bound<'_, PyAny>,
    parse: impl FnOnce(&[u8]) -> qianming::Result<Answer<T>> + Send,
) -> PyResult<T> {
    let body = self::body(body)?;
    granted(run(py, body.len(), || parse(&body)))
}

/// [`parse_answer`] for a token answer, which also takes when it was received
/// (``received_at_ms``, default now) to date the token's lifetime.
pub(crate) fn parse_answer_at<T: Send>(
    py: Python<'_>,
    body: &Bound<'_, PyAny>,
    received_at_ms: Option<&Bound<'_, PyAny>>,
    parse: impl FnOnce(&[u8], u64) -> qianming::Result<Answer<T>> + Send,
) -> PyResult<T> {
    let body = self::body(body)?;
    let at = millis(received_at_ms, "received_at_ms")?;
    granted(run(py, body.len(), || parse(&body, at)))
}

/// `N` random bytes given by the caller (``bytes`` or ``bytearray`` of exactly `N` bytes, else
/// the core's `invalid_field`), or, when `obj` is absent or ``None``, drawn with
/// ``secrets.token_bytes(N)`` (the platform's CSPRNG; looked up on each call, so tests can
/// replace it). A generator that returns another length is refused the same way, never padded.
pub(crate) fn random_bytes<const N: usize>(
    py: Python<'_>,
    obj: Option<&Bound<'_, PyAny>>,
    what: &str,
) -> PyResult<[u8; N]> {
    let drawn;
    let obj = match obj.filter(|o| !o.is_none()) {
        Some(given) => given,
        None => {
            drawn = py.import("secrets")?.getattr("token_bytes")?.call1((N,))?;
            &drawn
        }
    };
    let bytes: Vec<u8> = if let Ok(b) = obj.cast::<PyBytes>() {
        b.as_bytes().to_vec()
    } else if let Ok(b) = obj.cast::<PyByteArray>() {
        b.to_vec()
    } else {
        return Err(type_error(what, "bytes, bytearray or None", obj));
    };
    <[u8; N]>::try_from(bytes.as_slice()).map_err(|_| {
        to_py(Error::new(
            ErrorKind::InvalidField,
            format!(
                "{what} must be {N} bytes, not {} (leave it out to draw them with secrets.token_bytes)",
                bytes.len()
            ),
        ))
    })
}

/// A `bool` argument (not any truthy object).
pub(crate) fn flag(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<bool> {
    obj.cast::<PyBool>()
        .map(|b| b.is_true())
        .map_err(|_| type_error(what, "bool", obj))
}

/// Inputs of at least this many bytes are signed or verified with the GIL released
/// (`Python::detach`). Below it the work takes a few microseconds at most, less than what
/// releasing and re-taking the GIL can cost when other threads want it (re-taking waits for
/// the holder to give it up, up to the 5 ms switch interval), so small calls keep the GIL.
/// See BENCHMARKS.md for the measurement.
pub(crate) const DETACH_MIN_BYTES: usize = 4096;

/// Runs `f`, with the GIL released when `input_bytes` is at least [`DETACH_MIN_BYTES`].
pub(crate) fn run<T: Send>(py: Python<'_>, input_bytes: usize, f: impl FnOnce() -> T + Send) -> T {
    if input_bytes >= DETACH_MIN_BYTES {
        py.detach(f)
    } else {
        f()
    }
}
