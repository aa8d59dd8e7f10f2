//! Many strings through the boundary as one, in both directions.

use crate::convert::JsResult;
use qianming::decimal::{format_u64, itoa_buffer};
use qianming::http::HttpRequest;
use qianming::{Error, ErrorKind};

/// The length that marks a piece without a value (`null` on the JavaScript side).
pub(crate) const NONE: u32 = u32::MAX;

/// Splits one string the wrapper concatenated back into its pieces, given the length of
/// every piece in UTF-16 code units (what JavaScript's `length` counts).
pub(crate) struct Pieces<'a> {
    rest: &'a str,
    lens: core::slice::Iter<'a, u32>,
    ascii: bool,
}

impl<'a> Pieces<'a> {
    pub(crate) fn new(text: &'a str, lens: &'a [u32]) -> Self {
        Pieces {
            rest: text,
            lens: lens.iter(),
            ascii: text.is_ascii(),
        }
    }

    /// How many pieces are left.
    pub(crate) fn remaining(&self) -> usize {
        self.lens.len()
    }

    /// The next piece, `None` for a piece marked as having no value.
    pub(crate) fn next_optional(&mut self) -> JsResult<Option<&'a str>> {
        let units = *self.lens.next().ok_or_else(mismatch)?;
        if units == NONE {
            return Ok(None);
        }
        let units = units as usize;
        let split = if self.ascii {
            units
        } else {
            let mut counted = 0usize;
            let mut split = None;
            for (at, c) in self.rest.char_indices() {
                if counted >= units {
                    split = (counted == units).then_some(at);
                    break;
                }
                counted += c.len_utf16();
            }
            match split {
                Some(at) => at,
                None if counted == units => self.rest.len(),
                None => return Err(mismatch()),
            }
        };
        if split > self.rest.len() || !self.rest.is_char_boundary(split) {
            return Err(mismatch());
        }
        let (piece, rest) = self.rest.split_at(split);
        self.rest = rest;
        Ok(Some(piece))
    }

    /// The next piece, which must have a value.
    pub(crate) fn next(&mut self) -> JsResult<&'a str> {
        self.next_optional()?.ok_or_else(mismatch)
    }

    /// The remaining pieces as `count` (name, value) pairs.
    pub(crate) fn pairs(&mut self, count: usize) -> JsResult<Vec<(&'a str, &'a str)>> {
        if count.saturating_mul(2) > self.remaining() {
            return Err(mismatch());
        }
        let mut pairs = Vec::with_capacity(count);
        for _ in 0..count {
            pairs.push((self.next()?, self.next()?));
        }
        Ok(pairs)
    }
}

/// A signer's packed input, which the wrapper writes straight into WebAssembly memory: the
/// text (UTF-8) and the piece lengths, both reused from call to call.
#[derive(Default)]
pub(crate) struct InputBuffers {
    text: Vec<u8>,
    lens: Vec<u32>,
}

impl InputBuffers {
    pub(crate) fn reserve(&mut self, bytes: u32, pieces: u32) {
        self.text.resize(bytes as usize, 0);
        self.lens.resize(pieces as usize, 0);
    }

    pub(crate) fn text_ptr(&self) -> u32 {
        self.text.as_ptr() as u32
    }

    pub(crate) fn lens_ptr(&self) -> u32 {
        self.lens.as_ptr() as u32
    }

    /// The first `text_len` bytes (as text) and `pieces` lengths the wrapper wrote.
    pub(crate) fn written(&self, text_len: u32, pieces: u32) -> JsResult<(&str, &[u32])> {
        let text = self.text.get(..text_len as usize).ok_or_else(mismatch)?;
        let lens = self.lens.get(..pieces as usize).ok_or_else(mismatch)?;
        let text = core::str::from_utf8(text).map_err(|_| mismatch())?;
        Ok((text, lens))
    }
}

/// The exports through which the wrapper fills a signer's `input: InputBuffers` and finds its
/// result's `layout`, for the wasm-bindgen class `$js` of the Rust type `$ty`: `reserve`,
/// `inputPtr`, `lensPtr`, `layoutPtr`. The request signer and the benchmark's floor share them.
macro_rules! input_exports {
    ($ty:ident, $js:ident) => {
        #[wasm_bindgen(js_class = $js)]
        impl $ty {
            /// Makes room for `bytes` bytes of packed input text and `pieces` piece lengths.
            /// The wrapper then writes them where `inputPtr` and `lensPtr` point (stable
            /// until the next `reserve`).
            pub fn reserve(&mut self, bytes: u32, pieces: u32) {
                self.input.reserve(bytes, pieces);
            }

            /// Where the wrapper writes the packed input text (UTF-8).
            #[wasm_bindgen(getter, js_name = inputPtr)]
            pub fn input_ptr(&self) -> u32 {
                self.input.text_ptr()
            }

            /// Where the wrapper writes the piece lengths (UTF-16 code units, `u32`).
            #[wasm_bindgen(getter, js_name = lensPtr)]
            pub fn lens_ptr(&self) -> u32 {
                self.input.lens_ptr()
            }

            /// Where `sign` leaves the result's layout: output pointer, output length in
            /// bytes, then the start and end (UTF-16 code units) of each part.
            #[wasm_bindgen(getter, js_name = layoutPtr)]
            pub fn layout_ptr(&self) -> u32 {
                self.layout.as_ptr() as u32
            }
        }
    };
}
pub(crate) use input_exports;

/// The wrapper passed pieces that do not add up: a bug of the wrapper, reported rather than
/// guessed around.
pub(crate) fn mismatch() -> wasm_bindgen::JsValue {
    crate::convert::js_error(Error::new(
        ErrorKind::InvalidUnicode,
        "the packed arguments do not match their lengths",
    ))
}

/// Builds `"<len>,<len>,…;<field><field>…"`, lengths in UTF-16 code units, so the wrapper
/// can slice the fields out of one JavaScript string.
pub(crate) struct Packer {
    head: String,
    body: String,
}

impl Packer {
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Packer {
            head: String::with_capacity(64),
            body: String::with_capacity(capacity),
        }
    }

    /// Appends one field.
    pub(crate) fn push(&mut self, field: &str) -> &mut Self {
        let units = if field.is_ascii() {
            field.len()
        } else {
            field.encode_utf16().count()
        };
        if !self.head.is_empty() {
            self.head.push(',');
        }
        self.head
            .push_str(format_u64(units as u64, &mut itoa_buffer()));
        self.body.push_str(field);
        self
    }

    /// Appends a field that may have no value: `-` in the lengths marks `null`.
    pub(crate) fn push_opt(&mut self, field: Option<&str>) -> &mut Self {
        match field {
            Some(field) => self.push(field),
            None => {
                if !self.head.is_empty() {
                    self.head.push(',');
                }
                self.head.push('-');
                self
            }
        }
    }

    /// Appends a number that may have no value.
    pub(crate) fn push_opt_u64(&mut self, value: Option<u64>) -> &mut Self {
        match value {
            Some(value) => self.push_u64(value),
            None => self.push_opt(None),
        }
    }

    /// Appends a request for any HTTP client to send: method, URL, body (or `null`), then
    /// the headers as (name, value) in order.
    pub(crate) fn push_request(&mut self, request: &HttpRequest) -> &mut Self {
        self.push(request.method.as_str())
            .push(&request.url)
            .push_opt(request.body.as_deref());
        for (name, value) in &request.headers {
            self.push(name).push(value);
        }
        self
    }

    /// Appends a number as its decimal digits.
    pub(crate) fn push_u64(&mut self, value: u64) -> &mut Self {
        self.push(format_u64(value, &mut itoa_buffer()))
    }

    /// The packed string.
    pub(crate) fn finish(&mut self) -> String {
        let mut out = String::with_capacity(self.head.len() + 1 + self.body.len());
        out.push_str(&self.head);
        out.push(';');
        out.push_str(&self.body);
        out
    }
}
