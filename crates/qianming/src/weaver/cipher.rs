//! AES-ECB with PKCS#7 padding over a key of 16, 24 or 32 bytes, keyed once.
//!
//! ECB is each block on its own, which is what `cipher`'s padded block methods do on a
//! `&self` block cipher, so the expanded key is used in place and never copied per call.

use crate::error::{Error, ErrorKind, Result};
use aes::{Aes128, Aes192, Aes256};
use alloc::vec::Vec;
use cipher::block_padding::Pkcs7;
use cipher::generic_array::GenericArray;
use cipher::{BlockDecrypt, BlockEncrypt, KeyInit};

/// An expanded AES key of one of the three sizes.
#[derive(Clone)]
pub enum AesEcb {
    /// A 16-byte key.
    A128(Aes128),
    /// A 24-byte key.
    A192(Aes192),
    /// A 32-byte key.
    A256(Aes256),
}

impl AesEcb {
    /// Expands `key`; refuses lengths other than 16, 24 and 32 bytes.
    pub fn new(key: &[u8]) -> Result<Self> {
        let cipher = match key.len() {
            16 => Aes128::new_from_slice(key).map(AesEcb::A128),
            24 => Aes192::new_from_slice(key).map(AesEcb::A192),
            32 => Aes256::new_from_slice(key).map(AesEcb::A256),
            _ => return Err(invalid_length(key.len())),
        };
        cipher.map_err(|_| invalid_length(key.len()))
    }

    /// Encrypts `plain` into `out` (which must hold `plain.len()` rounded up to the next
    /// whole block, plus one block when already whole) and returns the ciphertext.
    pub fn encrypt<'o>(&self, plain: &[u8], out: &'o mut [u8]) -> Result<&'o [u8]> {
        let done = match self {
            AesEcb::A128(c) => c.encrypt_padded_b2b::<Pkcs7>(plain, out),
            AesEcb::A192(c) => c.encrypt_padded_b2b::<Pkcs7>(plain, out),
            AesEcb::A256(c) => c.encrypt_padded_b2b::<Pkcs7>(plain, out),
        };
        done.map_err(|_| {
            Error::new(
                ErrorKind::InputTooLarge,
                "the plaintext does not fit the buffer",
            )
        })
    }

    /// Decrypts and unpads `data` in place; bad length or bad padding → `undecryptable`.
    pub fn decrypt<'d>(&self, data: &'d mut [u8]) -> Result<&'d [u8]> {
        if data.is_empty() || data.len() % 16 != 0 {
            return Err(Error::new(
                ErrorKind::Undecryptable,
                "the sign is not a whole number of AES blocks (签名解密异常)",
            ));
        }
        let done = match self {
            AesEcb::A128(c) => c.decrypt_padded::<Pkcs7>(data),
            AesEcb::A192(c) => c.decrypt_padded::<Pkcs7>(data),
            AesEcb::A256(c) => c.decrypt_padded::<Pkcs7>(data),
        };
        done.map_err(|_| {
            Error::new(
                ErrorKind::Undecryptable,
                "the sign does not decrypt to valid PKCS#7 padding with this key (签名解密异常)",
            )
        })
    }

    /// Decrypts every whole 16-byte block of `data` in place, without looking at padding
    /// (the doctor tries the paddings and modes clients get wrong); a trailing partial block is
    /// left as it is.
    pub(crate) fn decrypt_blocks(&self, data: &mut [u8]) {
        for block in data.chunks_exact_mut(16) {
            let block = GenericArray::from_mut_slice(block);
            match self {
                AesEcb::A128(c) => c.decrypt_block(block),
                AesEcb::A192(c) => c.decrypt_block(block),
                AesEcb::A256(c) => c.decrypt_block(block),
            }
        }
    }

    /// Encrypts `plain` into a new vector.
    pub(crate) fn encrypt_vec(&self, plain: &[u8]) -> Vec<u8> {
        let mut out = alloc::vec![0u8; plain.len() / 16 * 16 + 16];
        let len = self.encrypt(plain, &mut out).map(<[u8]>::len).unwrap_or(0);
        out.truncate(len);
        out
    }
}

fn invalid_length(len: usize) -> Error {
    Error::new(
        ErrorKind::InvalidKeyLength,
        alloc::format!(
            "the AES key is {len} bytes; it must be 16, 24 or 32 bytes (AES-128/192/256)"
        ),
    )
}
