//! Weaver e-cology 9 (泛微 E9) OpenAPI token authentication (docs/spec/ecology.md):
//!
//! 1. `POST /api/ec/dev/auth/regist`, headers `appid` and `cpk` (the client's public key);
//!    the answer carries `spk` (the server's public key, Base64 DER SubjectPublicKeyInfo) and
//!    `secrit` (sic);
//! 2. `POST /api/ec/dev/auth/applytoken`, headers `appid` and
//!    `secret` = Base64(RSA-PKCS#1 v1.5 encrypt(spk, UTF-8(secrit))); the answer carries `token`;
//! 3. every call: headers `appid`, `token` and `userid` = Base64(RSA encrypt(spk, userid)).
//!
//! PKCS#1 v1.5 encryption is randomised. The core draws no randomness: each encryption takes
//! a 32-byte seed from the caller, which seeds a ChaCha20 generator for the padding bytes
//! ([`ServerKey::encrypt`]), or the caller's own generator ([`ServerKey::encrypt_with_rng`]).

use crate::error::{Error, ErrorKind, Result};
use crate::http::{self, HttpRequest, Method};
use crate::json;
use crate::limits;
use crate::secret::Secret;
use crate::token::{Answer, Lifetime, Refusal};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use core::fmt;
use rand_chacha::ChaCha20Rng;
use rand_core::{CryptoRngCore, SeedableRng};
use rsa::pkcs1::DecodeRsaPublicKey;
use rsa::pkcs8::DecodePublicKey;
use rsa::traits::PublicKeyParts;
use rsa::{Pkcs1v15Encrypt, RsaPublicKey};

/// The path of the registration.
pub const REGIST_PATH: &str = "/api/ec/dev/auth/regist";
/// The path of the token request.
pub const APPLYTOKEN_PATH: &str = "/api/ec/dev/auth/applytoken";
/// Length of the seed of one encryption.
pub const SEED_LEN: usize = 32;
/// PKCS#1 v1.5 padding takes 11 bytes of the modulus.
pub const PKCS1_OVERHEAD: usize = 11;
/// The token lifetime of Weaver's guide: 30 minutes, in seconds.
pub const DEFAULT_TOKEN_LIFETIME_S: u64 = 30 * 60;

/// The 32-byte seed of one encryption from 64 hex digits (`invalid_field` otherwise), for
/// callers that carry randomness as text.
///
/// ```
/// let seed = qianming::ecology::seed_from_hex(&"ab".repeat(32))?;
/// assert_eq!(seed[31], 0xab);
/// assert!(qianming::ecology::seed_from_hex("00").is_err());
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn seed_from_hex(seed_hex: &str) -> Result<[u8; SEED_LEN]> {
    let mut seed = [0u8; SEED_LEN];
    hex::decode_to_slice(seed_hex, &mut seed).map_err(|_| {
        Error::new(
            ErrorKind::InvalidField,
            "the seed must be 64 hex digits (32 random bytes)",
        )
    })?;
    Ok(seed)
}

/// An RSA public key as e-cology exchanges them: Base64 of the DER SubjectPublicKeyInfo
/// (what Java's `PublicKey.getEncoded()` gives; `spk` of the registration, `cpk` of the client).
#[derive(Clone, PartialEq, Eq)]
pub struct ServerKey {
    key: RsaPublicKey,
}

impl fmt::Debug for ServerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ServerKey(RSA {} bits)", self.bits())
    }
}

impl ServerKey {
    /// Parses `spk`: standard, padded Base64 (ASCII white space, as in a key copied over
    /// several lines, is skipped) of a DER SubjectPublicKeyInfo of an RSA key of at most 4096
    /// bits. Not Base64, or PEM armour (`-----BEGIN`), is `invalid_base64`; DER of something
    /// else (a PKCS#1 `RSAPublicKey` without the SubjectPublicKeyInfo around it, another
    /// algorithm, a truncated key) is `invalid_field`.
    ///
    /// ```
    /// // The server key of the registration answer in Weaver's token guide.
    /// let spk = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAmNIfHNjAvtvkSKtAj79mkHOk5/bDwrGVykRJ7saI1oLHPp8lEQjBP5Ae4Te5chzflLLEj4WP24JnY2ahzb8xnPU/HNt/lwhykjoxVPoczdlXL4jcdMuvgitgCQdrqPgtpzrKNOoKbTz9vagMl0LbzGlSzGPF4PAlGDw+OrgOMsiWXyG1EsQWOW5zfwnnGfvnPZlpSKfDKT3m+9oPL/cWQv6FU1A1kHO4ADT+Np8Q2n33mMJC1Sc+YiFjNIblGoB0AME7M0hb+Ln4b+n+23jsBBeZhfBdmRdLY31AALWIuJH1+8KZvaaMS0OwkBdCfZhF4chWYSRAV4yjCx19Ax/wBQIDAQAB";
    /// let key = qianming::ecology::ServerKey::from_spk(spk)?;
    /// assert_eq!(key.bits(), 2048);
    /// assert!(qianming::ecology::ServerKey::from_spk(&spk[..200]).is_err());
    /// # Ok::<(), qianming::Error>(())
    /// ```
    pub fn from_spk(spk: &str) -> Result<Self> {
        limits::check_text("the public key", spk)?;
        if spk.trim_start().starts_with("-----") {
            return Err(Error::new(
                ErrorKind::InvalidBase64,
                "the public key is PEM; give the Base64 between the -----BEGIN and -----END lines",
            ));
        }
        let compact: String = spk.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        if compact.is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidField,
                "the public key is empty",
            ));
        }
        let der = STANDARD.decode(compact.as_bytes()).map_err(|_| {
            Error::new(
                ErrorKind::InvalidBase64,
                "the public key is not strict, padded, standard Base64",
            )
        })?;
        match RsaPublicKey::from_public_key_der(&der) {
            Ok(key) => Ok(ServerKey { key }),
            Err(_) if RsaPublicKey::from_pkcs1_der(&der).is_ok() => Err(Error::new(
                ErrorKind::InvalidField,
                "the public key is a PKCS#1 RSAPublicKey; e-cology exchanges the SubjectPublicKeyInfo (X.509, Base64 starting MIIB… / MIGf…)",
            )),
            Err(_) => Err(Error::new(
                ErrorKind::InvalidField,
                "the public key is not the DER SubjectPublicKeyInfo of an RSA key of at most 4096 bits",
            )),
        }
    }

    /// The size of the modulus in bits.
    pub fn bits(&self) -> usize {
        self.key.n().bits()
    }

    /// The longest text (in UTF-8 bytes) one encryption takes: the modulus length less 11.
    pub fn max_plaintext_len(&self) -> usize {
        self.key.size().saturating_sub(PKCS1_OVERHEAD)
    }

    /// Base64(RSA-PKCS#1 v1.5 encrypt(UTF-8 of `text`)), the padding bytes drawn from a
    /// ChaCha20 generator seeded with `seed`. Use fresh random bytes for every encryption:
    /// the same seed, key and text give the same ciphertext. A text longer than
    /// [`Self::max_plaintext_len`] is `input_too_large`; an empty text is `invalid_field`.
    ///
    /// ```
    /// use qianming::ecology::ServerKey;
    /// let spk = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAmNIfHNjAvtvkSKtAj79mkHOk5/bDwrGVykRJ7saI1oLHPp8lEQjBP5Ae4Te5chzflLLEj4WP24JnY2ahzb8xnPU/HNt/lwhykjoxVPoczdlXL4jcdMuvgitgCQdrqPgtpzrKNOoKbTz9vagMl0LbzGlSzGPF4PAlGDw+OrgOMsiWXyG1EsQWOW5zfwnnGfvnPZlpSKfDKT3m+9oPL/cWQv6FU1A1kHO4ADT+Np8Q2n33mMJC1Sc+YiFjNIblGoB0AME7M0hb+Ln4b+n+23jsBBeZhfBdmRdLY31AALWIuJH1+8KZvaaMS0OwkBdCfZhF4chWYSRAV4yjCx19Ax/wBQIDAQAB";
    /// let key = ServerKey::from_spk(spk)?;
    /// let a = key.encrypt("1", &[7; 32])?;
    /// assert_eq!(a.len(), 344, "Base64 of 256 bytes");
    /// assert_eq!(a, key.encrypt("1", &[7; 32])?);
    /// assert_ne!(a, key.encrypt("1", &[8; 32])?);
    /// # Ok::<(), qianming::Error>(())
    /// ```
    pub fn encrypt(&self, text: &str, seed: &[u8; SEED_LEN]) -> Result<String> {
        let mut rng = ChaCha20Rng::from_seed(*seed);
        self.encrypt_with_rng(text, &mut rng)
    }

    /// [`Self::encrypt`] with the caller's cryptographically secure generator.
    pub fn encrypt_with_rng(&self, text: &str, rng: &mut impl CryptoRngCore) -> Result<String> {
        if text.is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidField,
                "the text to encrypt is empty",
            ));
        }
        let max = self.max_plaintext_len();
        if text.len() > max {
            return Err(Error::new(
                ErrorKind::InputTooLarge,
                format!(
                    "the text is {} bytes; one RSA-{} PKCS#1 v1.5 block takes at most {max}",
                    text.len(),
                    self.bits()
                ),
            ));
        }
        let sealed = self
            .key
            .encrypt(rng, Pkcs1v15Encrypt, text.as_bytes())
            .map_err(|_| Error::new(ErrorKind::InvalidField, "RSA encryption failed"))?;
        Ok(STANDARD.encode(sealed))
    }
}

fn check_appid(appid: &str) -> Result<()> {
    limits::check_text("the appid", appid)?;
    if appid.is_empty() {
        return Err(Error::new(ErrorKind::InvalidField, "the appid is empty"));
    }
    http::check_header_value("the appid", appid, false)
}

fn post(base_url: &str, path: &str) -> Result<HttpRequest> {
    let base = http::base_url(base_url)?;
    HttpRequest::new(Method::Post, format!("{base}{path}"))
}

/// `POST <base>/api/ec/dev/auth/regist` with headers `appid` and `cpk`. The base URL is an
/// `http(s)` URL without query (`invalid_url`); the appid must be non-empty header text
/// (`invalid_field`, `invalid_header_value`); `cpk` must parse as [`ServerKey::from_spk`] does
/// (white space removed before it is sent).
///
/// ```
/// let cpk = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAmNIfHNjAvtvkSKtAj79mkHOk5/bDwrGVykRJ7saI1oLHPp8lEQjBP5Ae4Te5chzflLLEj4WP24JnY2ahzb8xnPU/HNt/lwhykjoxVPoczdlXL4jcdMuvgitgCQdrqPgtpzrKNOoKbTz9vagMl0LbzGlSzGPF4PAlGDw+OrgOMsiWXyG1EsQWOW5zfwnnGfvnPZlpSKfDKT3m+9oPL/cWQv6FU1A1kHO4ADT+Np8Q2n33mMJC1Sc+YiFjNIblGoB0AME7M0hb+Ln4b+n+23jsBBeZhfBdmRdLY31AALWIuJH1+8KZvaaMS0OwkBdCfZhF4chWYSRAV4yjCx19Ax/wBQIDAQAB";
/// let request = qianming::ecology::regist_request("http://oa.example.com", "EEAA5436-7577-4BE0-8C6C-89E9D88805EA", cpk)?;
/// assert_eq!(request.url, "http://oa.example.com/api/ec/dev/auth/regist");
/// assert_eq!(request.header("appid"), Some("EEAA5436-7577-4BE0-8C6C-89E9D88805EA"));
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn regist_request(base_url: &str, appid: &str, cpk: &str) -> Result<HttpRequest> {
    check_appid(appid)?;
    ServerKey::from_spk(cpk)?;
    let cpk: String = cpk.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    post(base_url, REGIST_PATH)?
        .with_header("appid", appid)?
        .with_header("cpk", &cpk)
}

/// What a granted registration carries.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Registration {
    /// `secrit` (sic): the secret to encrypt for the token request.
    pub secrit: Secret,
    /// `spk`: the server's public key, as sent.
    pub spk: String,
    /// `msg`, if present.
    pub message: Option<String>,
}

/// The vendor's refusal of a well-formed answer with `status: false`: `errmsg` (else `msg`)
/// and `errcode` (else `code`).
fn refusal(object: &json::Object, what: &str, kind: ErrorKind) -> Result<Refusal> {
    let message = match json::opt_str(object, what, "errmsg")? {
        Some(m) => Some(m),
        None => json::opt_str(object, what, "msg")?,
    };
    let code = match json::opt_code(object, what, "errcode")? {
        Some(c) => Some(c),
        None => json::opt_code(object, what, "code")?,
    };
    Ok(Refusal::new(kind, message.unwrap_or_default()).with_code(code))
}

/// Parses the registration answer. `status: true` gives [`Answer::Granted`] with `secrit` and
/// `spk` (non-empty strings; `spk` must parse as [`ServerKey::from_spk`] does); `status: false`
/// gives [`Answer::Refused`] of kind `vendor_error` with `errcode` and `errmsg`. A body that
/// is not such a JSON object is an error (`invalid_json`, `missing_field`, `invalid_field`,
/// `invalid_base64`).
///
/// ```
/// let body = r#"{"msg":"ok","code":0,"status":true,"secrit":"e0ab4a73-e9c6-4ae5-9dac-f21a7807991a","spk":"MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAmNIfHNjAvtvkSKtAj79mkHOk5/bDwrGVykRJ7saI1oLHPp8lEQjBP5Ae4Te5chzflLLEj4WP24JnY2ahzb8xnPU/HNt/lwhykjoxVPoczdlXL4jcdMuvgitgCQdrqPgtpzrKNOoKbTz9vagMl0LbzGlSzGPF4PAlGDw+OrgOMsiWXyG1EsQWOW5zfwnnGfvnPZlpSKfDKT3m+9oPL/cWQv6FU1A1kHO4ADT+Np8Q2n33mMJC1Sc+YiFjNIblGoB0AME7M0hb+Ln4b+n+23jsBBeZhfBdmRdLY31AALWIuJH1+8KZvaaMS0OwkBdCfZhF4chWYSRAV4yjCx19Ax/wBQIDAQAB"}"#;
/// let registration = qianming::ecology::parse_regist_answer(body.as_bytes())?.into_result()?;
/// assert_eq!(registration.secrit.expose(), "e0ab4a73-e9c6-4ae5-9dac-f21a7807991a");
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn parse_regist_answer(body: &[u8]) -> Result<Answer<Registration>> {
    const WHAT: &str = "the e-cology registration answer";
    let object = json::parse_object(WHAT, body)?;
    if !json::req_bool(&object, WHAT, "status")? {
        return Ok(Answer::Refused(refusal(
            &object,
            WHAT,
            ErrorKind::VendorError,
        )?));
    }
    let secrit = json::req_token(&object, WHAT, "secrit")?;
    let spk = json::req_token(&object, WHAT, "spk")?;
    ServerKey::from_spk(spk)?;
    let message = json::opt_str(&object, WHAT, "msg")?.map(ToString::to_string);
    Ok(Answer::Granted(Registration {
        secrit: Secret::new(secrit),
        spk: spk.to_string(),
        message,
    }))
}

/// `POST <base>/api/ec/dev/auth/applytoken` with headers `appid`, `secret` =
/// Base64(RSA encrypt(`spk`, `secrit`)) and, when `time_s` is given, `time` (the token
/// lifetime asked for, in seconds, as Weaver's hutool demo sends it). `seed`: 32 fresh random
/// bytes ([`ServerKey::encrypt`]). An empty `secrit` is `empty_secret`.
pub fn applytoken_request(
    base_url: &str,
    appid: &str,
    spk: &str,
    secrit: &str,
    seed: &[u8; SEED_LEN],
    time_s: Option<u64>,
) -> Result<HttpRequest> {
    check_appid(appid)?;
    if secrit.is_empty() {
        return Err(Error::new(ErrorKind::EmptySecret, "the secrit is empty"));
    }
    let secret = ServerKey::from_spk(spk)?.encrypt(secrit, seed)?;
    let request = post(base_url, APPLYTOKEN_PATH)?
        .with_header("appid", appid)?
        .with_header("secret", &secret)?;
    match time_s {
        None => Ok(request),
        Some(time) => {
            let mut digits = crate::decimal::itoa_buffer();
            request.with_header("time", crate::decimal::format_u64(time, &mut digits))
        }
    }
}

/// An e-cology access token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct EcologyToken {
    /// `token`.
    pub token: Secret,
    /// `msg`, if present.
    pub message: Option<String>,
    /// Reception time plus the lifetime.
    pub lifetime: Lifetime,
}

/// Parses the token answer received at `received_at_ms`, for a token that lives `lifetime_s`
/// seconds ([`DEFAULT_TOKEN_LIFETIME_S`] unless the request asked another `time`).
/// `status: true` gives [`Answer::Granted`] (`token` a non-empty string); `status: false`
/// gives [`Answer::Refused`]: `undecryptable` when the message says the secret did not decrypt
/// (解密失败), `sign_mismatch` when it says the authentication data is wrong (认证信息错误),
/// `vendor_error` otherwise.
///
/// ```
/// let body = r#"{"msg":"获取成功!","code":0,"msgShowType":"none","status":true,"token":"770a10d8-0b15-492b-a614-b2c537b512e5"}"#;
/// let token = qianming::ecology::parse_token_answer(body.as_bytes(), 1_000, 1_800)?.into_result()?;
/// assert_eq!(token.lifetime.expires_at_ms, 1_801_000);
/// let refused = qianming::ecology::parse_token_answer(r#"{"msg":"解密失败！","code":-1,"status":false}"#.as_bytes(), 0, 1_800)?;
/// assert_eq!(refused.refusal().map(|r| r.kind.name()), Some("undecryptable"));
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn parse_token_answer(
    body: &[u8],
    received_at_ms: u64,
    lifetime_s: u64,
) -> Result<Answer<EcologyToken>> {
    const WHAT: &str = "the e-cology token answer";
    let object = json::parse_object(WHAT, body)?;
    if !json::req_bool(&object, WHAT, "status")? {
        let mut refused = refusal(&object, WHAT, ErrorKind::VendorError)?;
        if refused.message.contains("解密") {
            refused.kind = ErrorKind::Undecryptable;
        } else if refused.message.contains("认证信息错误") {
            refused.kind = ErrorKind::SignMismatch;
        }
        return Ok(Answer::Refused(refused));
    }
    let token = json::req_token(&object, WHAT, "token")?;
    let message = json::opt_str(&object, WHAT, "msg")?.map(ToString::to_string);
    Ok(Answer::Granted(EcologyToken {
        token: Secret::new(token),
        message,
        lifetime: Lifetime::from_lifetime(received_at_ms, lifetime_s.saturating_mul(1000)),
    }))
}

/// The headers of a call with a token: `appid`, `token` and `userid` = Base64(RSA
/// encrypt(`spk`, `userid`)) (the OA user id, for example `1`; empty is `invalid_field`).
/// POST bodies go as `application/x-www-form-urlencoded; charset=utf-8` (Weaver's guide).
///
/// ```
/// let spk = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAmNIfHNjAvtvkSKtAj79mkHOk5/bDwrGVykRJ7saI1oLHPp8lEQjBP5Ae4Te5chzflLLEj4WP24JnY2ahzb8xnPU/HNt/lwhykjoxVPoczdlXL4jcdMuvgitgCQdrqPgtpzrKNOoKbTz9vagMl0LbzGlSzGPF4PAlGDw+OrgOMsiWXyG1EsQWOW5zfwnnGfvnPZlpSKfDKT3m+9oPL/cWQv6FU1A1kHO4ADT+Np8Q2n33mMJC1Sc+YiFjNIblGoB0AME7M0hb+Ln4b+n+23jsBBeZhfBdmRdLY31AALWIuJH1+8KZvaaMS0OwkBdCfZhF4chWYSRAV4yjCx19Ax/wBQIDAQAB";
/// let headers = qianming::ecology::call_headers("APP1", "770a10d8", spk, "1", &[3; 32])?;
/// assert_eq!(headers[1], ("token".to_string(), "770a10d8".to_string()));
/// assert_eq!(headers[2].0, "userid");
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn call_headers(
    appid: &str,
    token: &str,
    spk: &str,
    userid: &str,
    seed: &[u8; SEED_LEN],
) -> Result<Vec<(String, String)>> {
    check_appid(appid)?;
    limits::check_text("the token", token)?;
    if token.is_empty() {
        return Err(Error::new(ErrorKind::InvalidField, "the token is empty"));
    }
    http::check_header_value("the token", token, false)?;
    if userid.is_empty() {
        return Err(Error::new(ErrorKind::InvalidField, "the userid is empty"));
    }
    let userid_sealed = ServerKey::from_spk(spk)?.encrypt(userid, seed)?;
    Ok(alloc::vec![
        (String::from("appid"), String::from(appid)),
        (String::from("token"), String::from(token)),
        (String::from("userid"), userid_sealed),
    ])
}
