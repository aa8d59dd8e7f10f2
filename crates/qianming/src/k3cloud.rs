//! Kingdee K3Cloud (金蝶云星空) WebAPI (docs/spec/k3cloud.md), the dialect of Kingdee's Java
//! WebAPI SDK (`ApiRequester.buildHeader`):
//!
//! - AppID = `<clientID>_<masked>`; gateway secret = Base64(Base64⁻¹(masked) XOR [`XOR_KEY`]);
//! - string to sign = `"POST\n" + J(path and query) + "\n\nx-api-nonce:" + ts + "\nx-api-timestamp:" + ts + "\n"`
//!   (J: `java.net.URLEncoder`; the third line, the query, is empty; nonce = timestamp);
//! - `X-Api-Signature` = Base64(hex(HmacSHA256(gateway secret, string to sign)));
//! - `X-Kd-Appdata` = Base64(`acctID,user,lcid,orgNum`);
//! - `X-Kd-Signature` = Base64(hex(HmacSHA256(AppSecret, AppID + appData)));
//! - `LoginBySign`: sign = hex SHA-256 (or SHA-1) of acctID, user, AppID, AppSecret and the
//!   timestamp in seconds, sorted by UTF-16 code units (Java `String.compareTo`, .NET
//!   `StringComparer.Ordinal`) and concatenated; the session answer carries `KDSVCSessionId`.

use crate::decimal;
use crate::digest::{Digest as Mac, HmacKey};
use crate::encode;
use crate::error::{Error, ErrorKind, Result};
use crate::http::{self, HttpRequest, Method};
use crate::json;
use crate::limits;
use crate::secret::Secret;
use crate::token::{Answer, Refusal};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::Engine;
use core::fmt;
use sha1::Sha1;
use sha2::{Digest, Sha256};
use zeroize::Zeroize;

/// The fixed key the Java SDK XORs the second part of the AppID with (`ApiRequester.xOrSec`).
pub const XOR_KEY: &[u8; 32] = b"0054f397c6234378b09ca7d3e5debce7";
/// Length of the masked part of an AppID the SDK unmasks; other lengths are used unchanged.
pub const MASKED_LEN: usize = 32;
/// `X-Api-Auth-Version`.
pub const AUTH_VERSION: &str = "2.0";
/// `x-api-signheaders` as the Java SDK spells it.
pub const SIGN_HEADERS: &str = "X-Api-TimeStamp,X-Api-Nonce";
/// The locale of the SDKs' examples: simplified Chinese.
pub const DEFAULT_LCID: u32 = 2052;
/// The service of a signed login.
pub const LOGIN_BY_SIGN: &str = "Kingdee.BOS.WebApi.ServicesStub.AuthService.LoginBySign";
/// The service of a login with the AppSecret itself (deprecated by Kingdee; see the spec).
pub const LOGIN_BY_APP_SECRET: &str =
    "Kingdee.BOS.WebApi.ServicesStub.AuthService.LoginByAppSecret";
/// The cookie (and header) that carries the session after a login.
pub const SESSION_COOKIE: &str = "kdservice-sessionid";
/// `LoginResultType` of a successful login.
pub const LOGIN_SUCCESS: &str = "1";

/// Java's Base64 decoder ignores the unused bits of a final group; so does this one.
const LENIENT_BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_allow_trailing_bits(true),
);

/// The unit of `X-Api-TimeStamp`: SDKs disagree (docs/spec/k3cloud.md#where-sources-disagree).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TimestampUnit {
    /// Milliseconds: the Java SDK.
    #[default]
    Milliseconds,
    /// Seconds: the Python, PHP, Node and Go SDKs.
    Seconds,
}

impl TimestampUnit {
    /// `"ms"` or `"s"` (also `"milliseconds"`, `"seconds"`); anything else is `invalid_field`.
    ///
    /// ```
    /// use qianming::k3cloud::TimestampUnit;
    /// assert_eq!(TimestampUnit::parse("s")?, TimestampUnit::Seconds);
    /// assert!(TimestampUnit::parse("us").is_err());
    /// # Ok::<(), qianming::Error>(())
    /// ```
    pub fn parse(name: &str) -> Result<Self> {
        match name {
            "ms" | "milliseconds" => Ok(TimestampUnit::Milliseconds),
            "s" | "seconds" => Ok(TimestampUnit::Seconds),
            _ => Err(Error::new(
                ErrorKind::InvalidField,
                "the timestamp unit must be \"ms\" or \"s\"",
            )),
        }
    }

    /// `"ms"` or `"s"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            TimestampUnit::Milliseconds => "ms",
            TimestampUnit::Seconds => "s",
        }
    }

    /// The timestamp to send for a moment given in milliseconds.
    pub const fn from_ms(self, now_ms: u64) -> u64 {
        match self {
            TimestampUnit::Milliseconds => now_ms,
            TimestampUnit::Seconds => now_ms / 1000,
        }
    }
}

/// The digest of a `LoginBySign` sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LoginHash {
    /// SHA-256: current servers.
    #[default]
    Sha256,
    /// SHA-1: servers before PT-146911 (8.0.0.202205).
    Sha1,
}

impl LoginHash {
    /// `"sha256"` or `"sha1"`; anything else is `invalid_field`.
    pub fn parse(name: &str) -> Result<Self> {
        match name {
            "sha256" => Ok(LoginHash::Sha256),
            "sha1" => Ok(LoginHash::Sha1),
            _ => Err(Error::new(
                ErrorKind::InvalidField,
                "the login hash must be \"sha256\" or \"sha1\"",
            )),
        }
    }

    /// `"sha256"` or `"sha1"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            LoginHash::Sha256 => "sha256",
            LoginHash::Sha1 => "sha1",
        }
    }
}

/// What the AppID carries for the API gateway: the client id and the unmasked secret.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct GatewayCredentials {
    /// The part before `_`: `X-Api-ClientID`.
    pub client_id: String,
    /// The HMAC key of `X-Api-Signature` (Base64 text; its bytes are the key).
    pub gateway_secret: Secret,
}

impl fmt::Debug for GatewayCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GatewayCredentials")
            .field("client_id", &self.client_id)
            .field("gateway_secret", &self.gateway_secret)
            .finish()
    }
}

/// Splits an AppID at its one `_` and unmasks the second part: when it is [`MASKED_LEN`]
/// characters, Base64-decoded, XORed byte by byte with [`XOR_KEY`] and Base64-encoded again;
/// otherwise used unchanged, as the Java SDK does. An AppID without exactly one `_` between
/// two non-empty parts is `invalid_field`; a 32-character part that is not Base64 is
/// `invalid_base64`.
///
/// ```
/// let c = qianming::k3cloud::gateway_credentials("224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4")?;
/// assert_eq!(c.client_id, "224245");
/// assert_eq!(c.gateway_secret.expose(), "UVJWUANVXl8KXFlfWV1YSBNCShcUQRNL");
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn gateway_credentials(app_id: &str) -> Result<GatewayCredentials> {
    limits::check_text("the AppID", app_id)?;
    let mut parts = app_id.split('_');
    let (Some(client_id), Some(masked), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(Error::new(
            ErrorKind::InvalidField,
            "the AppID must be <client id>_<secret>, with exactly one '_'",
        ));
    };
    if client_id.is_empty() || masked.is_empty() {
        return Err(Error::new(
            ErrorKind::InvalidField,
            "the AppID has an empty part before or after '_'",
        ));
    }
    let gateway_secret = if masked.len() == MASKED_LEN {
        let mut bytes = LENIENT_BASE64.decode(masked).map_err(|_| {
            Error::new(
                ErrorKind::InvalidBase64,
                "the part of the AppID after '_' is not Base64",
            )
        })?;
        for (b, k) in bytes.iter_mut().zip(XOR_KEY.iter()) {
            *b ^= k;
        }
        let secret = STANDARD.encode(&bytes);
        bytes.zeroize();
        secret
    } else {
        String::from(masked)
    };
    Ok(GatewayCredentials {
        client_id: String::from(client_id),
        gateway_secret: Secret::new(gateway_secret),
    })
}

/// The URL of a service: `<server URL>/<service>.common.kdsvc`. The server URL is an
/// `http(s)` URL without query (`invalid_url`); the service is dotted letters, digits and `_`
/// (`invalid_field`).
///
/// ```
/// let url = qianming::k3cloud::service_url("https://erp.example.com/k3cloud/", qianming::k3cloud::LOGIN_BY_SIGN)?;
/// assert_eq!(url, "https://erp.example.com/k3cloud/Kingdee.BOS.WebApi.ServicesStub.AuthService.LoginBySign.common.kdsvc");
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn service_url(server_url: &str, service: &str) -> Result<String> {
    let base = http::base_url(server_url)?;
    if service.is_empty()
        || service.len() > 256
        || !service
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_')
    {
        return Err(Error::new(
            ErrorKind::InvalidField,
            "the service name must be letters, digits, '.' and '_' (for example Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.View)",
        ));
    }
    Ok(format!("{base}/{service}.common.kdsvc"))
}

/// The path and query of an `http(s)` URL: everything from the first `/` after the host
/// (`/` when there is none). Refuses what [`http::check_url`] refuses, other schemes and
/// fragments (`invalid_url`).
fn path_and_query(url: &str) -> Result<&str> {
    http::check_url(url)?;
    let invalid = |why: &str| {
        Error::new(
            ErrorKind::InvalidUrl,
            format!("the URL {why}; give it as http(s)://host[:port]/path[?query]"),
        )
    };
    let scheme_len = if url.len() >= 8 && url[..8].eq_ignore_ascii_case("https://") {
        8
    } else if url.len() >= 7 && url[..7].eq_ignore_ascii_case("http://") {
        7
    } else {
        return Err(invalid("does not start with http:// or https://"));
    };
    if url.contains('#') {
        return Err(invalid("has a fragment"));
    }
    let rest = &url[scheme_len..];
    let path_at = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = &rest[..path_at];
    if authority.is_empty() || authority.contains('@') {
        return Err(invalid("has no host, or user info"));
    }
    Ok(match &rest[path_at..] {
        "" => "/",
        path => path,
    })
}

/// Who calls: the four fields of the third-party login authorisation (第三方系统登录授权) and
/// the locale and organisation that go into `X-Kd-Appdata`. `Debug` redacts the AppSecret.
#[derive(Clone, PartialEq, Eq)]
pub struct Identity {
    acct_id: String,
    user_name: String,
    app_id: String,
    app_secret: Secret,
    lcid: u32,
    org_num: String,
    gateway: GatewayCredentials,
}

impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Identity")
            .field("acct_id", &self.acct_id)
            .field("user_name", &self.user_name)
            .field("app_id", &self.app_id)
            .field("app_secret", &self.app_secret)
            .field("lcid", &self.lcid)
            .field("org_num", &self.org_num)
            .finish()
    }
}

fn check_app_data_part(what: &'static str, value: &str) -> Result<()> {
    limits::check_text(what, value)?;
    if value.contains(',') {
        return Err(Error::new(
            ErrorKind::InvalidField,
            format!("{what} contains ',', which separates the fields of X-Kd-Appdata"),
        ));
    }
    Ok(())
}

impl Identity {
    /// An identity with locale [`DEFAULT_LCID`] and organisation `"0"`. The account id (the
    /// data centre id) and user name must be non-empty and free of `,` (`invalid_field`), the
    /// AppID must split ([`gateway_credentials`]) and go in a header (`invalid_header_value`),
    /// and the AppSecret must not be empty (`empty_secret`).
    ///
    /// ```
    /// use qianming::k3cloud::Identity;
    /// let id = Identity::new("62a8f6b6c2a1b2", "demo", "224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4", "s3cret")?;
    /// assert_eq!(id.app_data(), "62a8f6b6c2a1b2,demo,2052,0");
    /// assert!(Identity::new("a,b", "demo", "224245_x", "s").is_err());
    /// # Ok::<(), qianming::Error>(())
    /// ```
    pub fn new(acct_id: &str, user_name: &str, app_id: &str, app_secret: &str) -> Result<Self> {
        for (what, value) in [("the account id", acct_id), ("the user name", user_name)] {
            if value.is_empty() {
                return Err(Error::new(
                    ErrorKind::InvalidField,
                    format!("{what} is empty"),
                ));
            }
            check_app_data_part(what, value)?;
        }
        if app_secret.is_empty() {
            return Err(Error::new(ErrorKind::EmptySecret, "the AppSecret is empty"));
        }
        limits::check_text("the AppSecret", app_secret)?;
        let gateway = gateway_credentials(app_id)?;
        http::check_header_value("the AppID", app_id, false)?;
        Ok(Identity {
            acct_id: String::from(acct_id),
            user_name: String::from(user_name),
            app_id: String::from(app_id),
            app_secret: Secret::new(app_secret),
            lcid: DEFAULT_LCID,
            org_num: String::from("0"),
            gateway,
        })
    }

    /// Sets the locale id (2052 simplified Chinese, 3076 traditional, 1033 English).
    pub fn with_lcid(mut self, lcid: u32) -> Self {
        self.lcid = lcid;
        self
    }

    /// Sets the organisation number (`X-KDApi-OrgNum`; free of `,`, else `invalid_field`).
    pub fn with_org_num(mut self, org_num: &str) -> Result<Self> {
        check_app_data_part("the organisation number", org_num)?;
        self.org_num = String::from(org_num);
        Ok(self)
    }

    /// The gateway client id and secret of the AppID.
    pub fn gateway(&self) -> &GatewayCredentials {
        &self.gateway
    }

    /// `acctID,user,lcid,orgNum`: what `X-Kd-Appdata` carries in Base64.
    pub fn app_data(&self) -> String {
        let mut digits = decimal::itoa_buffer();
        let lcid = decimal::format_u64(u64::from(self.lcid), &mut digits);
        format!(
            "{},{},{lcid},{}",
            self.acct_id, self.user_name, self.org_num
        )
    }

    /// The signed headers of a `POST` to `url` at `now_ms` (milliseconds), the timestamp sent
    /// in `unit`.
    ///
    /// ```
    /// use qianming::k3cloud::{Identity, TimestampUnit};
    /// let id = Identity::new("62a8f6b6c2a1b2", "demo", "224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4", "s3cret")?;
    /// let url = "https://erp.example.com/k3cloud/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.View.common.kdsvc";
    /// let signed = id.sign(url, TimestampUnit::Seconds, 1_700_000_000_123)?;
    /// assert_eq!(signed.timestamp, "1700000000");
    /// assert!(signed.string_to_sign.starts_with("POST\n%2Fk3cloud%2FKingdee.BOS."));
    /// assert!(signed.string_to_sign.ends_with(".kdsvc\n\nx-api-nonce:1700000000\nx-api-timestamp:1700000000\n"));
    /// # Ok::<(), qianming::Error>(())
    /// ```
    pub fn sign(&self, url: &str, unit: TimestampUnit, now_ms: u64) -> Result<SignedHeaders> {
        let path = path_and_query(url)?;
        let mut digits = decimal::itoa_buffer();
        let timestamp = String::from(decimal::format_u64(unit.from_ms(now_ms), &mut digits));
        let string_to_sign = format!(
            "POST\n{}\n\nx-api-nonce:{timestamp}\nx-api-timestamp:{timestamp}\n",
            encode::java_encode(path)
        );
        let api_signature = String::from(
            Mac::compute(
                &HmacKey::new(self.gateway.gateway_secret.expose_bytes()),
                string_to_sign.as_bytes(),
            )
            .signature(),
        );
        let app_data = self.app_data();
        let app_data_base64 = STANDARD.encode(app_data.as_bytes());
        let mut signed_data = String::with_capacity(self.app_id.len() + app_data.len());
        signed_data.push_str(&self.app_id);
        signed_data.push_str(&app_data);
        let kd_signature = String::from(
            Mac::compute(
                &HmacKey::new(self.app_secret.expose_bytes()),
                signed_data.as_bytes(),
            )
            .signature(),
        );
        let headers = [
            ("X-Api-ClientID", self.gateway.client_id.as_str()),
            ("X-Api-Auth-Version", AUTH_VERSION),
            ("x-api-timestamp", timestamp.as_str()),
            ("x-api-nonce", timestamp.as_str()),
            ("x-api-signheaders", SIGN_HEADERS),
            ("X-Api-Signature", api_signature.as_str()),
            ("X-Kd-Appkey", self.app_id.as_str()),
            ("X-Kd-Appdata", app_data_base64.as_str()),
            ("X-Kd-Signature", kd_signature.as_str()),
        ];
        for (name, value) in headers {
            http::check_header_value(name, value, false)?;
        }
        let headers = headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        Ok(SignedHeaders {
            timestamp,
            string_to_sign,
            api_signature,
            app_data,
            kd_signature,
            headers,
        })
    }

    /// The signed `POST` of `body` (JSON text, for example `{"formid":…,"data":…}`) to `url`,
    /// with `Content-Type: application/json` after the signed headers.
    ///
    /// ```
    /// use qianming::k3cloud::{Identity, TimestampUnit};
    /// let id = Identity::new("62a8f6b6c2a1b2", "demo", "224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4", "s3cret")?;
    /// let request = id.request("https://erp.example.com/k3cloud/x.common.kdsvc", "{}", TimestampUnit::Milliseconds, 1)?;
    /// assert_eq!(request.header("x-api-timestamp"), Some("1"));
    /// assert_eq!(request.body.as_deref(), Some("{}"));
    /// # Ok::<(), qianming::Error>(())
    /// ```
    pub fn request(
        &self,
        url: &str,
        body: &str,
        unit: TimestampUnit,
        now_ms: u64,
    ) -> Result<HttpRequest> {
        limits::check_len("the body", body.len(), limits::MAX_ANSWER_BYTES)?;
        let signed = self.sign(url, unit, now_ms)?;
        let mut request = HttpRequest::new(Method::Post, url)?;
        for (name, value) in &signed.headers {
            request = request.with_header(name, value)?;
        }
        Ok(request
            .with_header("Content-Type", "application/json")?
            .with_body(body))
    }

    /// The `LoginBySign` sign at `timestamp_s` (seconds).
    ///
    /// ```
    /// use qianming::k3cloud::{Identity, LoginHash};
    /// let id = Identity::new("62a8f6b6c2a1b2", "demo", "224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4", "s3cret")?;
    /// assert_eq!(id.login_sign(1_700_000_000, LoginHash::Sha256).len(), 64);
    /// assert_eq!(id.login_sign(1_700_000_000, LoginHash::Sha1).len(), 40);
    /// # Ok::<(), qianming::Error>(())
    /// ```
    pub fn login_sign(&self, timestamp_s: u64, hash: LoginHash) -> String {
        let mut digits = decimal::itoa_buffer();
        let timestamp = decimal::format_u64(timestamp_s, &mut digits);
        login_sign_of(
            &[
                &self.acct_id,
                &self.user_name,
                &self.app_id,
                self.app_secret.expose(),
                timestamp,
            ],
            hash,
        )
    }

    /// `POST <server>/…AuthService.LoginBySign.common.kdsvc` with body
    /// `{"parameters":[acctID, user, AppID, timestamp_s, sign, lcid]}` (the timestamp and
    /// locale as numbers).
    ///
    /// ```
    /// use qianming::k3cloud::{Identity, LoginHash};
    /// let id = Identity::new("62a8f6b6c2a1b2", "demo", "224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4", "s3cret")?;
    /// let request = id.login_by_sign_request("https://erp.example.com/k3cloud", 1_700_000_000, LoginHash::Sha256)?;
    /// assert!(request.body.as_deref().unwrap_or("").starts_with(r#"{"parameters":["62a8f6b6c2a1b2","demo","224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4",1700000000,""#));
    /// # Ok::<(), qianming::Error>(())
    /// ```
    pub fn login_by_sign_request(
        &self,
        server_url: &str,
        timestamp_s: u64,
        hash: LoginHash,
    ) -> Result<HttpRequest> {
        let url = service_url(server_url, LOGIN_BY_SIGN)?;
        let sign = self.login_sign(timestamp_s, hash);
        let mut body = String::from("{\"parameters\":[");
        for text in [&self.acct_id, &self.user_name, &self.app_id] {
            json::push_string(&mut body, text);
            body.push(',');
        }
        let mut digits = decimal::itoa_buffer();
        body.push_str(decimal::format_u64(timestamp_s, &mut digits));
        body.push(',');
        json::push_string(&mut body, &sign);
        body.push(',');
        body.push_str(decimal::format_u64(u64::from(self.lcid), &mut digits));
        body.push_str("]}");
        json_post(url, body)
    }

    /// `POST <server>/…AuthService.LoginByAppSecret.common.kdsvc` with body
    /// `{"parameters":[acctID, user, AppID, AppSecret, lcid]}`: the secret travels in the
    /// body, which is why Kingdee asks integrations to move to `LoginBySign`.
    pub fn login_by_app_secret_request(&self, server_url: &str) -> Result<HttpRequest> {
        let url = service_url(server_url, LOGIN_BY_APP_SECRET)?;
        let mut body = String::from("{\"parameters\":[");
        for text in [
            &self.acct_id,
            &self.user_name,
            &self.app_id,
            self.app_secret.expose(),
        ] {
            json::push_string(&mut body, text);
            body.push(',');
        }
        let mut digits = decimal::itoa_buffer();
        body.push_str(decimal::format_u64(u64::from(self.lcid), &mut digits));
        body.push_str("]}");
        json_post(url, body)
    }
}

fn json_post(url: String, body: String) -> Result<HttpRequest> {
    Ok(HttpRequest::new(Method::Post, url)?
        .with_header("Content-Type", "application/json")?
        .with_body(body))
}

/// Hex of the digest of `parts` sorted by UTF-16 code units and concatenated.
fn login_sign_of(parts: &[&str], hash: LoginHash) -> String {
    let mut sorted: Vec<&str> = parts.to_vec();
    crate::sort::sort_unstable_by(&mut sorted, |a, b| a.encode_utf16().cmp(b.encode_utf16()));
    match hash {
        LoginHash::Sha256 => {
            let mut sha = Sha256::new();
            for part in &sorted {
                sha.update(part.as_bytes());
            }
            hex::encode(sha.finalize())
        }
        LoginHash::Sha1 => {
            let mut sha = Sha1::new();
            for part in &sorted {
                sha.update(part.as_bytes());
            }
            hex::encode(sha.finalize())
        }
    }
}

/// The `LoginBySign` sign of the five texts (what [`Identity::login_sign`] computes, without
/// the checks of [`Identity::new`]). Any text is accepted, up to the text limit
/// (`input_too_large`).
///
/// ```
/// use qianming::k3cloud::{login_sign, LoginHash};
/// let a = login_sign("acct", "user", "app_id", "secret", 1_700_000_000, LoginHash::Sha256)?;
/// let b = login_sign("user", "acct", "secret", "app_id", 1_700_000_000, LoginHash::Sha256)?;
/// assert_eq!(a, b, "sorted first: the order of the inputs does not matter");
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn login_sign(
    acct_id: &str,
    user_name: &str,
    app_id: &str,
    app_secret: &str,
    timestamp_s: u64,
    hash: LoginHash,
) -> Result<String> {
    for text in [acct_id, user_name, app_id, app_secret] {
        limits::check_text("a LoginBySign input", text)?;
    }
    let mut digits = decimal::itoa_buffer();
    let timestamp = decimal::format_u64(timestamp_s, &mut digits);
    Ok(login_sign_of(
        &[acct_id, user_name, app_id, app_secret, timestamp],
        hash,
    ))
}

/// What [`Identity::sign`] computes: the intermediate texts and the headers, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SignedHeaders {
    /// The timestamp (and nonce) as sent.
    pub timestamp: String,
    /// The string the gateway signature covers.
    pub string_to_sign: String,
    /// `X-Api-Signature`.
    pub api_signature: String,
    /// `acctID,user,lcid,orgNum` before Base64.
    pub app_data: String,
    /// `X-Kd-Signature`.
    pub kd_signature: String,
    /// The nine headers: `X-Api-ClientID`, `X-Api-Auth-Version`, `x-api-timestamp`,
    /// `x-api-nonce`, `x-api-signheaders`, `X-Api-Signature`, `X-Kd-Appkey`, `X-Kd-Appdata`,
    /// `X-Kd-Signature`.
    pub headers: Vec<(String, String)>,
}

/// A K3Cloud session: what a granted login answer carries.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Session {
    /// `KDSVCSessionId`: send it as the `kdservice-sessionid` header and cookie
    /// ([`session_headers`]).
    pub session_id: Secret,
    /// `Message`, if any.
    pub message: Option<String>,
    /// `IsSuccessByAPI`, if present.
    pub is_success_by_api: Option<bool>,
}

/// Parses the answer of `LoginBySign`, `LoginByAppSecret` or `ValidateUser`.
/// `LoginResultType` 1 gives [`Answer::Granted`] (`KDSVCSessionId` a non-empty string, else
/// `missing_field` / `invalid_field`); any other value gives [`Answer::Refused`] of kind
/// `login_failed` with the value as the code and `Message`. A body that is not a JSON object
/// with `LoginResultType` is an error (`invalid_json`, `missing_field`, `invalid_field`).
///
/// ```
/// let body = br#"{"Message":null,"LoginResultType":1,"KDSVCSessionId":"8c6f1a2e-sess","IsSuccessByAPI":true}"#;
/// let session = qianming::k3cloud::parse_login_answer(body)?.into_result()?;
/// assert_eq!(session.session_id.expose(), "8c6f1a2e-sess");
/// let refused = qianming::k3cloud::parse_login_answer(r#"{"Message":"用户名或密码错误","LoginResultType":0}"#.as_bytes())?;
/// assert_eq!(refused.refusal().map(|r| r.code.as_deref()), Some(Some("0")));
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn parse_login_answer(body: &[u8]) -> Result<Answer<Session>> {
    const WHAT: &str = "the K3Cloud login answer";
    let object = json::parse_object(WHAT, body)?;
    let result_type = json::opt_code(&object, WHAT, "LoginResultType")?.ok_or_else(|| {
        Error::new(
            ErrorKind::MissingField,
            "the K3Cloud login answer has no LoginResultType",
        )
    })?;
    let message = json::opt_str(&object, WHAT, "Message")?.map(ToString::to_string);
    if result_type != LOGIN_SUCCESS {
        return Ok(Answer::Refused(
            Refusal::new(ErrorKind::LoginFailed, message.unwrap_or_default())
                .with_code(Some(result_type)),
        ));
    }
    let session_id = json::req_token(&object, WHAT, "KDSVCSessionId")?;
    let is_success_by_api = match json::get(&object, "IsSuccessByAPI") {
        None => None,
        Some(_) => Some(json::req_bool(&object, WHAT, "IsSuccessByAPI")?),
    };
    Ok(Answer::Granted(Session {
        session_id: Secret::new(session_id),
        message,
        is_success_by_api,
    }))
}

/// The headers of a call in a session: `kdservice-sessionid: <id>` and
/// `Cookie: kdservice-sessionid=<id>`. The id must travel in a header unchanged
/// (`invalid_header_value`).
///
/// ```
/// let headers = qianming::k3cloud::session_headers("8c6f1a2e-sess")?;
/// assert_eq!(headers[1], ("Cookie".to_string(), "kdservice-sessionid=8c6f1a2e-sess".to_string()));
/// # Ok::<(), qianming::Error>(())
/// ```
pub fn session_headers(session_id: &str) -> Result<Vec<(String, String)>> {
    limits::check_text("the session id", session_id)?;
    http::check_header_value("the session id", session_id, false)?;
    if session_id.contains([';', ' ', '\t']) {
        return Err(Error::new(
            ErrorKind::InvalidHeaderValue,
            "the session id has ';' or white space, so it cannot travel in a cookie",
        ));
    }
    Ok(alloc::vec![
        (String::from(SESSION_COOKIE), String::from(session_id)),
        (
            String::from("Cookie"),
            format!("{SESSION_COOKIE}={session_id}")
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_keep_the_query() {
        assert_eq!(path_and_query("https://h/a/b?c=d").ok(), Some("/a/b?c=d"));
        assert_eq!(path_and_query("http://h:80").ok(), Some("/"));
        assert_eq!(path_and_query("http://h?x=1").ok(), Some("?x=1"));
        for bad in ["ftp://h/a", "https:///a", "https://u@h/a", "https://h/a#f"] {
            assert_eq!(
                path_and_query(bad).map_err(|e| e.kind()),
                Err(ErrorKind::InvalidUrl),
                "{bad}"
            );
        }
    }

    #[test]
    fn ordinal_is_utf16_order() {
        // U+1F600 (surrogates D83D DE00) sorts before U+FF5E in UTF-16 units, after it in
        // UTF-8 bytes.
        let a = login_sign_of(&["\u{ff5e}", "\u{1f600}"], LoginHash::Sha256);
        let mut sha = Sha256::new();
        sha.update("\u{1f600}\u{ff5e}".as_bytes());
        assert_eq!(a, hex::encode(sha.finalize()));
    }
}
