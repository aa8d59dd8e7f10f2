//! The digest shape both Kingdee signatures share: `Base64(hex(HMAC-SHA256(key, message)))`.
//!
//! HMAC (RFC 2104) is built here on the SHA-256 compression function of `sha2`, so a keyed
//! state is just the two 32-byte midstates after the padded key blocks: cheap to copy per
//! signature, zeroized on drop, and message blocks are compressed straight from the caller's
//! bytes without an intermediate buffer. `tests` checks it against the `hmac` crate.

use sha2::digest::generic_array::GenericArray;
use sha2::{Digest as _, Sha256};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// Length of the lowercase hex of a SHA-256 MAC.
pub(crate) const HEX_LEN: usize = 64;
/// Length of the Base64 of that hex: always 88 characters.
pub(crate) const SIGNATURE_LEN: usize = 88;

const BLOCK: usize = 64;
const INITIAL_STATE: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

/// HMAC-SHA256 keyed once: the SHA-256 states after the inner (`key ^ 0x36…`) and outer
/// (`key ^ 0x5c…`) key blocks.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct HmacKey {
    inner: [u32; 8],
    outer: [u32; 8],
}

impl HmacKey {
    /// Keys HMAC-SHA256 with `key` (any length; keys longer than a block are hashed first).
    pub fn new(key: &[u8]) -> HmacKey {
        let mut hashed = [0u8; 32];
        let key = if key.len() > BLOCK {
            hashed = Sha256::digest(key).into();
            &hashed[..]
        } else {
            key
        };
        let mut pad = [0u8; BLOCK];
        let mut midstate = |fill: u8| {
            pad.fill(fill);
            for (p, k) in pad.iter_mut().zip(key.iter()) {
                *p ^= k;
            }
            let mut state = INITIAL_STATE;
            compress(&mut state, &pad);
            state
        };
        let key = HmacKey {
            inner: midstate(0x36),
            outer: midstate(0x5c),
        };
        // The pad is the key in disguise; the hashed key is the key.
        pad.zeroize();
        hashed.zeroize();
        key
    }

    /// The 32-byte MAC of `message`.
    pub fn mac(&self, message: &[u8]) -> [u8; 32] {
        let inner = finish(self.inner, BLOCK, message);
        finish(self.outer, BLOCK, &inner)
    }
}

/// Compresses one 64-byte block into `state` (callers pass exactly [`BLOCK`] bytes).
fn compress(state: &mut [u32; 8], block: &[u8]) {
    sha2::compress256(
        state,
        core::slice::from_ref(GenericArray::from_slice(block)),
    );
}

/// Hashes `message` on from `state`, which has already absorbed `prefix_len` bytes (whole
/// blocks), and returns the SHA-256 digest.
fn finish(mut state: [u32; 8], prefix_len: usize, message: &[u8]) -> [u8; 32] {
    let mut chunks = message.chunks_exact(BLOCK);
    for chunk in &mut chunks {
        compress(&mut state, chunk);
    }
    let rest = chunks.remainder();
    let bits = ((prefix_len + message.len()) as u64).wrapping_mul(8);
    let mut tail = [0u8; 2 * BLOCK];
    tail[..rest.len()].copy_from_slice(rest);
    tail[rest.len()] = 0x80;
    let tail_len = if rest.len() + 9 <= BLOCK {
        BLOCK
    } else {
        2 * BLOCK
    };
    tail[tail_len - 8..tail_len].copy_from_slice(&bits.to_be_bytes());
    for block in tail[..tail_len].chunks_exact(BLOCK) {
        compress(&mut state, block);
    }
    let mut out = [0u8; 32];
    for (bytes, word) in out.chunks_exact_mut(4).zip(state.iter()) {
        bytes.copy_from_slice(&word.to_be_bytes());
    }
    state.zeroize();
    out
}

/// The eight lowercase hex digits of `word`, most significant first, as the bytes of a
/// big-endian `u64` (no table, no branch: a few word operations instead of eight lookups).
fn hex_word(word: u32) -> u64 {
    // Spread the eight nibbles into the low half of eight bytes.
    let mut v = u64::from(word);
    v = (v & 0xffff_0000) << 16 | (v & 0x0000_ffff);
    v = (v & 0x0000_ff00_0000_ff00) << 8 | (v & 0x0000_00ff_0000_00ff);
    v = (v & 0x00f0_00f0_00f0_00f0) << 4 | (v & 0x000f_000f_000f_000f);
    // A nibble of 10 or more carries into bit 4 when 6 is added: those bytes get `'a' - 10`
    // instead of `'0'` (39 more).
    let letters = ((v + 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101;
    v + 0x3030_3030_3030_3030 + letters * 39
}

const BASE64_ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The lowercase hex digit of a nibble.
const fn hex_digit(nibble: usize) -> u32 {
    (if nibble < 10 { b'0' } else { b'a' - 10 } as u32) + nibble as u32
}

/// Base64 turns three hex digits (three nibbles `a b c` of the MAC) into four symbols; the
/// first two depend only on `a b`, the last two only on `b c`. These tables give each pair of
/// symbols for the byte `ab` (first table) or `bc` (second), so a group costs two lookups
/// instead of building 24 bits and four lookups (callgrind: about 460 → 200 instructions per
/// signature). 1 KiB, built at compile time.
static BASE64_HEAD: [[u8; 2]; 256] = base64_pairs(true);
static BASE64_TAIL: [[u8; 2]; 256] = base64_pairs(false);

const fn base64_pairs(head: bool) -> [[u8; 2]; 256] {
    let mut table = [[0u8; 2]; 256];
    let mut i = 0;
    while i < 256 {
        let (first, second) = (hex_digit(i >> 4), hex_digit(i & 15));
        let (x, y) = if head {
            // The first two symbols of `first second ?`.
            (first >> 2, (first & 3) << 4 | second >> 4)
        } else {
            // The last two symbols of `? first second`.
            ((first & 15) << 2 | second >> 6, second & 63)
        };
        table[i] = [BASE64_ALPHABET[x as usize], BASE64_ALPHABET[y as usize]];
        i += 1;
    }
    table
}

/// The hex and Base64 forms of one MAC, on the stack, one after the other: a signer copies
/// both at once, checked as text once (callgrind: 5003 → 4921 instructions per request
/// signature outside SHA-256).
pub(crate) struct Digest {
    text: [u8; HEX_LEN + SIGNATURE_LEN],
}

impl Digest {
    /// The MAC of `message` under `key`, as hex and as the Base64 of that hex.
    pub(crate) fn compute(key: &HmacKey, message: &[u8]) -> Digest {
        Digest::of_tag(&key.mac(message))
    }

    fn of_tag(tag: &[u8; 32]) -> Digest {
        let mut text = [b'='; HEX_LEN + SIGNATURE_LEN];
        let (hex, base64) = text.split_at_mut(HEX_LEN);
        for (out, word) in hex.chunks_exact_mut(8).zip(tag.chunks_exact(4)) {
            let word = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
            out.copy_from_slice(&hex_word(word).to_be_bytes());
        }
        // Three bytes of the MAC are six nibbles: two groups of three hex digits, eight
        // symbols. 30 bytes make the first 20 groups.
        for (out, bytes) in base64.chunks_exact_mut(8).zip(tag.chunks_exact(3)) {
            let bits = u32::from(bytes[0]) << 16 | u32::from(bytes[1]) << 8 | u32::from(bytes[2]);
            for (out, group) in out.chunks_exact_mut(4).zip([bits >> 12, bits & 0xfff]) {
                out[..2].copy_from_slice(&BASE64_HEAD[(group >> 4) as usize]);
                out[2..].copy_from_slice(&BASE64_TAIL[(group & 0xff) as usize]);
            }
        }
        // The last two bytes: one more group of three digits, then one digit alone (`xx==`).
        let (a, b) = (usize::from(tag[30]), usize::from(tag[31]));
        base64[80..82].copy_from_slice(&BASE64_HEAD[a]);
        base64[82..84].copy_from_slice(&BASE64_TAIL[(a & 15) << 4 | b >> 4]);
        let last = usize::from(hex[HEX_LEN - 1]);
        base64[84] = BASE64_ALPHABET[last >> 2];
        base64[85] = BASE64_ALPHABET[(last & 3) << 4];
        Digest { text }
    }

    /// The lowercase hex of the MAC.
    pub(crate) fn hex(&self) -> &str {
        core::str::from_utf8(&self.text[..HEX_LEN]).unwrap_or_default()
    }

    /// The Base64 of the hex (the signature).
    pub(crate) fn signature(&self) -> &str {
        core::str::from_utf8(self.signature_bytes()).unwrap_or_default()
    }

    /// The hex ([`HEX_LEN`] characters) followed by the signature.
    pub(crate) fn hex_and_signature(&self) -> &str {
        core::str::from_utf8(&self.text).unwrap_or_default()
    }

    /// The signature bytes by value.
    pub(crate) fn signature_array(&self) -> [u8; SIGNATURE_LEN] {
        let mut bytes = [0; SIGNATURE_LEN];
        bytes.copy_from_slice(self.signature_bytes());
        bytes
    }

    /// The signature bytes, for constant-time comparison.
    pub(crate) fn signature_bytes(&self) -> &[u8] {
        &self.text[HEX_LEN..]
    }
}

#[cfg(test)]
mod tests {
    use super::{Digest, HmacKey};
    use alloc::vec::Vec;
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;
    use hmac::{Hmac, Mac};
    use sha2::Sha256;

    fn reference(key: &[u8], message: &[u8]) -> [u8; 32] {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("any key length");
        mac.update(message);
        mac.finalize().into_bytes().into()
    }

    #[test]
    fn matches_the_hmac_crate_at_every_key_and_message_length_around_the_block() {
        let bytes: Vec<u8> = (0..300u32).map(|i| (i * 7 + 3) as u8).collect();
        for key_len in [0, 1, 31, 32, 63, 64, 65, 100, 200] {
            let key = HmacKey::new(&bytes[..key_len]);
            for message_len in 0..=200 {
                let message = &bytes[50..50 + message_len];
                assert_eq!(
                    key.mac(message),
                    reference(&bytes[..key_len], message),
                    "key {key_len} bytes, message {message_len} bytes"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn matches_the_hmac_crate_on_any_key_and_message(
            key in proptest::collection::vec(proptest::num::u8::ANY, 0..300),
            message in proptest::collection::vec(proptest::num::u8::ANY, 0..1000),
        ) {
            proptest::prop_assert_eq!(HmacKey::new(&key).mac(&message), reference(&key, &message));
        }
    }

    #[test]
    fn signature_is_the_base64_of_the_hex() {
        for seed in 0..=255u8 {
            let tag: [u8; 32] = core::array::from_fn(|i| {
                seed.wrapping_mul(31)
                    .wrapping_add((i as u8).wrapping_mul(17))
            });
            let digest = Digest::of_tag(&tag);
            assert_eq!(digest.hex(), hex::encode(tag));
            assert_eq!(digest.signature(), STANDARD.encode(hex::encode(tag)));
            let both = [digest.hex(), digest.signature()].concat();
            assert_eq!(digest.hex_and_signature(), both);
        }
    }
}
