//! The floor of a request signature, for `bench/bench.mjs` only: built with the feature
//! `bench-floor` into a module of its own (`bench.sh`), never into the published package.
//!
//! `BenchFloorSigner.sign` takes the wrapper's packed input exactly as `KingdeeSignerCore.sign`
//! does (same buffers, same UTF-8 check, same split into pieces), runs the same SHA-256
//! compressions as the keyed HMAC of the request's string to sign (the message blocks straight
//! from the output buffer, one padded block, one outer block) and leaves a text of the same
//! length with the same layout for the wrapper to decode and slice. It builds no canonical
//! request, encodes nothing and checks nothing: what is left is what any signer in
//! WebAssembly pays. The layout is the one of the real signature given at construction.

use crate::convert::JsResult;
use crate::pack::{self, input_exports, InputBuffers, Pieces};
use sha2::digest::generic_array::GenericArray;
use wasm_bindgen::prelude::*;

/// Words in a layout: text pointer and length, then (start, end) of 14 parts.
const LAYOUT_WORDS: usize = 30;
/// The string to sign is part 3 of the layout.
const STRING_TO_SIGN: usize = 3;
/// The signature is part 5 of the layout.
const SIGNATURE: usize = 5;

/// A floor signer: keyed midstates, the same reusable buffers as `KingdeeSignerCore`.
#[wasm_bindgen(js_name = BenchFloorSigner)]
pub struct FloorSigner {
    inner: [u32; 8],
    outer: [u32; 8],
    input: InputBuffers,
    /// The text of a real signature, written into `out` on every call.
    template: Vec<u8>,
    out: Vec<u8>,
    layout: Box<[u32; LAYOUT_WORDS]>,
}

#[wasm_bindgen(js_class = BenchFloorSigner)]
impl FloorSigner {
    /// A floor for signatures laid out as `text` with `offsets` (the 28 part offsets, in bytes
    /// of the ASCII text, of a real `KingdeeSignerCore.sign` result).
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str, offsets: &[u32]) -> JsResult<FloorSigner> {
        if offsets.len() != LAYOUT_WORDS - 2 || !text.is_ascii() {
            return Err(pack::mismatch());
        }
        let mut layout = Box::new([0; LAYOUT_WORDS]);
        layout[2..].copy_from_slice(offsets);
        // Midstates of some key, as `Signer::new` keeps them.
        let mut inner = [0x6a09_e667; 8];
        let mut outer = [0xbb67_ae85; 8];
        compress(&mut inner, &[0x36; 64]);
        compress(&mut outer, &[0x5c; 64]);
        Ok(FloorSigner {
            inner,
            outer,
            input: InputBuffers::default(),
            template: text.as_bytes().to_vec(),
            out: Vec::with_capacity(1024),
            layout,
        })
    }

    /// Same arguments and pieces as `KingdeeSignerCore.sign`; see the module comment.
    pub fn sign(
        &mut self,
        text_len: u32,
        pieces: u32,
        query_count: u32,
        _entropy_high: u32,
        _entropy_low: u32,
    ) -> JsResult<()> {
        let (packed, lens) = self.input.written(text_len, pieces)?;
        let mut pieces = Pieces::new(packed, lens);
        let mut seen = 0usize;
        for _ in 0..2 {
            seen += pieces.next()?.len();
        }
        seen += pieces.next()?.len() + pieces.next_optional()?.map_or(0, str::len);
        for (name, value) in pieces.pairs(query_count as usize)? {
            seen += name.len() + value.len();
        }
        while pieces.remaining() > 0 {
            seen += pieces.next()?.len() + pieces.next_optional()?.map_or(0, str::len);
        }

        self.out.clear();
        self.out.extend_from_slice(&self.template);
        let (sts_start, sts_end) = self.part(STRING_TO_SIGN);
        let message = self.out.get(sts_start..sts_end).unwrap_or_default();
        let mut state = self.inner;
        let whole = message.len() / 64 * 64;
        for block in message[..whole].chunks_exact(64) {
            compress(&mut state, block);
        }
        let mut last = [0u8; 128];
        let tail = &message[whole..];
        last[..tail.len()].copy_from_slice(tail);
        last[tail.len()] = 0x80;
        let blocks = if tail.len() + 9 > 64 { 2 } else { 1 };
        let bits = ((64 + message.len()) as u64 * 8).to_be_bytes();
        last[blocks * 64 - 8..blocks * 64].copy_from_slice(&bits);
        for block in last[..blocks * 64].chunks_exact(64) {
            compress(&mut state, block);
        }
        let mut outer_block = [0u8; 64];
        for (chunk, word) in outer_block.chunks_exact_mut(4).zip(state) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
        outer_block[32] = 0x80;
        outer_block[56..].copy_from_slice(&(96u64 * 8).to_be_bytes());
        let mut digest = self.outer;
        compress(&mut digest, &outer_block);

        // The result depends on the compressions and on the input, so none is optimised away.
        let (sig_start, sig_end) = self.part(SIGNATURE);
        let first = (digest[0] as usize).wrapping_add(seen);
        for (i, byte) in self.out[sig_start..sig_end].iter_mut().enumerate() {
            *byte = b'A' + ((first >> (i % 32)) & 15) as u8;
        }
        self.layout[0] = self.out.as_ptr() as u32;
        self.layout[1] = self.out.len() as u32;
        Ok(())
    }
}

// `reserve`, `inputPtr`, `lensPtr`, `layoutPtr`: the request signer's own.
input_exports!(FloorSigner, BenchFloorSigner);

impl FloorSigner {
    /// The byte range of part `index` in `out`.
    fn part(&self, index: usize) -> (usize, usize) {
        let end = (self.layout[3 + 2 * index] as usize).min(self.out.len());
        ((self.layout[2 + 2 * index] as usize).min(end), end)
    }
}

/// One SHA-256 compression of a 64-byte block.
fn compress(state: &mut [u32; 8], block: &[u8]) {
    sha2::compress256(
        state,
        core::slice::from_ref(GenericArray::from_slice(block)),
    );
}
