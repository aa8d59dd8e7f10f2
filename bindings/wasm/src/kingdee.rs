//! Kingdee: `app_signature`, the request signer and the server-side verifier.

use crate::convert::{answer, js, u64_from_text, JsResult};
use crate::pack::{input_exports, InputBuffers, Packer, Pieces};
use qianming::kingdee::{self, Request, SignHeader, Signer, SigningBuffer};
use wasm_bindgen::prelude::*;

/// `app_signature = Base64(hex(HMAC-SHA256(app_secret, app_key)))`.
#[wasm_bindgen(js_name = kingdeeAppSignature)]
pub fn app_signature(app_key: &str, app_secret: &str) -> JsResult<String> {
    js(kingdee::app_signature(app_key, app_secret))
}

/// `app_signature` with its intermediate, packed: `hmacHex`, `appSignature`.
#[wasm_bindgen(js_name = kingdeeExplainAppSignature)]
pub fn explain_app_signature(app_key: &str, app_secret: &str) -> JsResult<String> {
    let out = js(kingdee::explain_app_signature(app_key, app_secret))?;
    Ok(Packer::with_capacity(180)
        .push(&out.hmac_hex)
        .push(&out.app_signature)
        .finish())
}

/// A nonce in the vendor SDK's form from 64 random bits given as two halves.
#[wasm_bindgen(js_name = kingdeeNonceFromEntropy)]
pub fn nonce_from_entropy(high: u32, low: u32) -> String {
    kingdee::nonce_from_entropy(entropy(high, low))
}

fn entropy(high: u32, low: u32) -> u64 {
    (u64::from(high) << 32) | u64::from(low)
}

/// Decodes a query string as it arrives on the wire into pairs, packed name, value, ….
#[wasm_bindgen(js_name = kingdeeParseQuery)]
pub fn parse_query(raw: &str) -> JsResult<String> {
    let pairs = js(kingdee::parse_query(raw))?;
    let mut packer = Packer::with_capacity(raw.len() + 8);
    for (name, value) in &pairs {
        packer.push(name).push(value);
    }
    Ok(packer.finish())
}

/// Decodes a request target as the gateway does (path percent-decoded, query form-decoded),
/// packed: the path, then name, value, … of the query pairs.
#[wasm_bindgen(js_name = kingdeeParseRequestTarget)]
pub fn parse_request_target(target: &str) -> JsResult<String> {
    let decoded = js(kingdee::parse_request_target(target))?;
    let mut packer = Packer::with_capacity(target.len() + 8);
    packer.push(&decoded.path);
    for (name, value) in &decoded.query {
        packer.push(name).push(value);
    }
    Ok(packer.finish())
}

/// Decodes a percent-encoded path as a server receives it on the request line (`%XX` is a
/// byte, `+` stays `+`): the path the verifier takes.
#[wasm_bindgen(js_name = percentDecode)]
pub fn percent_decode(encoded: &str) -> JsResult<String> {
    js(qianming::encode::percent_decode(encoded))
}

/// `path?wireQuery`, or the bare path when the wire query is empty (the core's rule).
#[wasm_bindgen(js_name = kingdeePathAndQuery)]
pub fn path_and_query(path: &str, wire_query: &str) -> String {
    kingdee::path_and_query(path, wire_query)
}

/// The names of the six headers the signer sets, in the order `sign` returns their values.
#[wasm_bindgen(js_name = kingdeeSignerHeaderNames)]
pub fn signer_header_names() -> String {
    kingdee::headers::SIGNER_HEADERS.join(",")
}

/// The WebAssembly memory, for the wrapper to write inputs and read results in place.
#[wasm_bindgen(js_name = wasmMemory)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// A Kingdee request signer for one client, keyed once.
#[wasm_bindgen(js_name = KingdeeSignerCore)]
pub struct KingdeeSigner {
    inner: Signer,
    /// The core's reusable signing memory: no allocation per signature once warm.
    buffer: SigningBuffer,
    /// The packed input, written by the wrapper.
    input: InputBuffers,
    /// The result text, read by the wrapper.
    out: String,
    /// The result's layout (see `layoutPtr`), read by the wrapper.
    layout: Box<[u32; 2 + 2 * PARTS]>,
}

#[wasm_bindgen(js_class = KingdeeSignerCore)]
impl KingdeeSigner {
    /// A signer for `client_id` with `client_secret`.
    #[wasm_bindgen(constructor)]
    pub fn new(client_id: &str, client_secret: &str) -> JsResult<KingdeeSigner> {
        Ok(KingdeeSigner {
            inner: js(Signer::new(client_id, client_secret))?,
            buffer: SigningBuffer::default(),
            input: InputBuffers::default(),
            out: String::with_capacity(1024),
            layout: Box::new([0; 2 + 2 * PARTS]),
        })
    }

    /// The client id this signer signs for.
    #[wasm_bindgen(getter, js_name = clientId)]
    pub fn client_id(&self) -> String {
        self.inner.client_id().to_owned()
    }

    /// The signed `GET …/kingdee_auth_token` request of this client for an app. The nonce,
    /// when `None`, is made from `entropy_high`/`entropy_low`. Returns, packed: app
    /// signature, string to sign, signature, then the request.
    #[wasm_bindgen(js_name = tokenRequest)]
    #[allow(clippy::too_many_arguments)]
    pub fn token_request(
        &self,
        base_url: &str,
        app_key: &str,
        app_secret: &str,
        uid: Option<String>,
        timestamp: &str,
        nonce: Option<String>,
        entropy_high: u32,
        entropy_low: u32,
    ) -> JsResult<String> {
        let nonce = nonce
            .unwrap_or_else(|| kingdee::nonce_from_entropy(entropy(entropy_high, entropy_low)));
        let out = js(kingdee::token_request(
            &self.inner,
            base_url,
            app_key,
            app_secret,
            uid.as_deref(),
            timestamp,
            &nonce,
        ))?;
        Ok(
            Packer::with_capacity(2 * out.signing.string_to_sign.len() + out.http.url.len() + 600)
                .push(&out.app_signature)
                .push(&out.signing.string_to_sign)
                .push(&out.signing.signature)
                .push_request(&out.http)
                .finish(),
        )
    }

    /// Signs one request whose pieces the wrapper wrote at `inputPtr` (`text_len` bytes) and
    /// `lensPtr` (`pieces` lengths), in order: method, path, timestamp, nonce (no value: made
    /// from `entropy_high`/`entropy_low`), `query_count` query pairs, then the extra signed
    /// headers as (name, value or no value) pairs.
    ///
    /// The result is one text in WebAssembly memory and its layout (`layoutPtr`), parts in
    /// this order: method, canonical path, canonical query, string to sign, HMAC hex,
    /// signature, wire query, `X-Api-SignHeaders` list, then the values of the six headers in
    /// the core's order (`kingdeeSignerHeaderNames`). Parts the core hands out as views of
    /// one another (canonical path and query inside the string to sign, the signature and
    /// header list as header values) are written once.
    pub fn sign(
        &mut self,
        text_len: u32,
        pieces: u32,
        query_count: u32,
        entropy_high: u32,
        entropy_low: u32,
    ) -> JsResult<()> {
        let (packed, lens) = self.input.written(text_len, pieces)?;
        let mut pieces = Pieces::new(packed, lens);
        let method = pieces.next()?;
        let path = pieces.next()?;
        let timestamp = pieces.next()?;
        let nonce_given = pieces.next_optional()?;
        let query = pieces.pairs(query_count as usize)?;
        let mut extra = Vec::with_capacity(pieces.remaining() / 2);
        while pieces.remaining() > 0 {
            let name = pieces.next()?;
            let value = pieces.next_optional()?;
            extra.push(SignHeader { name, value });
        }
        let made;
        let nonce = match nonce_given {
            Some(nonce) => nonce,
            None => {
                made = kingdee::nonce_from_entropy(entropy(entropy_high, entropy_low));
                made.as_str()
            }
        };
        let request = Request::new(method, path)
            .with_query(&query)
            .with_sign_headers(&extra);
        let out = js(self
            .inner
            .sign_into(&request, timestamp, nonce, &mut self.buffer))?;
        let mut w = Layout::new(&mut self.out, &mut self.layout);
        w.part(out.method().as_str());
        let sts = out.string_to_sign();
        w.within(sts, out.canonical_path());
        w.within(sts, out.canonical_query());
        let sts_at = w.part(sts);
        w.resolve(sts_at);
        let signature = out.signature();
        let list = out.signed_header_list();
        w.part(out.hmac_hex());
        let signature_at = w.part(signature);
        w.part(out.wire_query());
        let list_at = w.part(list);
        for (_, value) in out.headers() {
            if core::ptr::eq(value, signature) {
                w.again(signature_at);
            } else if core::ptr::eq(value, list) {
                w.again(list_at);
            } else {
                w.part(value);
            }
        }
        w.finish();
        Ok(())
    }
}

/// Number of parts `KingdeeSigner::sign` lays out.
const PARTS: usize = 14;

/// Writes the parts of a signature into one text and records where each lies, in UTF-16
/// code units (what JavaScript's `slice` counts).
///
/// Offsets are recorded in bytes and converted once in [`Layout::finish`], only when the text
/// is not ASCII: what the signer hands out (percent-encoded text, hex, Base64, checked header
/// values) is ASCII, so the conversion is normally skipped.
struct Layout<'a> {
    out: &'a mut String,
    layout: &'a mut [u32; 2 + 2 * PARTS],
    next: usize,
    /// Parts that lie inside a later part: (slot, byte offset inside it, its length).
    pending: [(usize, usize, usize); 2],
    pending_count: usize,
}

impl<'a> Layout<'a> {
    fn new(out: &'a mut String, layout: &'a mut [u32; 2 + 2 * PARTS]) -> Self {
        out.clear();
        Layout {
            out,
            layout,
            next: 0,
            pending: [(0, 0, 0); 2],
            pending_count: 0,
        }
    }

    fn record(&mut self, start: usize, end: usize) -> usize {
        let slot = self.next;
        self.layout[2 + 2 * slot] = start as u32;
        self.layout[3 + 2 * slot] = end as u32;
        self.next += 1;
        slot
    }

    /// Appends a part; returns its slot.
    fn part(&mut self, text: &str) -> usize {
        let start = self.out.len();
        self.out.push_str(text);
        self.record(start, self.out.len())
    }

    /// Records a part that the core hands out as a view inside `outer` (written next), or
    /// appends it when it is not one.
    fn within(&mut self, outer: &str, inner: &str) {
        let (o, i) = (outer.as_ptr() as usize, inner.as_ptr() as usize);
        if i >= o && i + inner.len() <= o + outer.len() && self.pending_count < 2 {
            let slot = self.record(0, 0);
            self.pending[self.pending_count] = (slot, i - o, inner.len());
            self.pending_count += 1;
        } else {
            self.part(inner);
        }
    }

    /// Fixes the parts recorded by `within` right after their outer part was written at
    /// `outer_slot`.
    fn resolve(&mut self, outer_slot: usize) {
        let base = self.layout[2 + 2 * outer_slot] as usize;
        for &(slot, at, len) in &self.pending[..self.pending_count] {
            self.layout[2 + 2 * slot] = (base + at) as u32;
            self.layout[3 + 2 * slot] = (base + at + len) as u32;
        }
        self.pending_count = 0;
    }

    /// Records a part equal to the one at `slot`.
    fn again(&mut self, slot: usize) {
        let (start, end) = (self.layout[2 + 2 * slot], self.layout[3 + 2 * slot]);
        self.layout[2 + 2 * self.next] = start;
        self.layout[3 + 2 * self.next] = end;
        self.next += 1;
    }

    fn finish(self) {
        if !self.out.is_ascii() {
            for offset in self.layout[2..2 + 2 * self.next].iter_mut() {
                let bytes = (*offset as usize).min(self.out.len());
                let prefix = self.out.get(..bytes).unwrap_or_default();
                *offset = prefix.encode_utf16().count() as u32;
            }
        }
        self.layout[0] = self.out.as_ptr() as u32;
        self.layout[1] = self.out.len() as u32;
    }
}

// The signer's `reserve`, `inputPtr`, `lensPtr` and `layoutPtr` (`pack::input_exports`): where
// the wrapper writes the packed input and finds the layout that `Layout` writes.
input_exports!(KingdeeSigner, KingdeeSignerCore);

/// Parses a Kingdee token answer received at `received_at` (decimal ms). Returns, packed:
/// app token, uid (or `null`), description (or `null`), expires at (ms).
#[wasm_bindgen(js_name = kingdeeParseTokenAnswer)]
pub fn parse_token_answer(body: &[u8], received_at: &str) -> JsResult<String> {
    let at = js(u64_from_text(received_at))?;
    let token = answer(kingdee::parse_token_answer(body, at))?;
    Ok(Packer::with_capacity(160)
        .push(token.app_token.expose())
        .push_opt(token.uid.as_deref())
        .push_opt(token.description.as_deref())
        .push_u64(token.lifetime.expires_at_ms)
        .finish())
}
