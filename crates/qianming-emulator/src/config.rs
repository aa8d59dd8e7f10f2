//! What the emulator is told on its command line: the accounts of each system, token
//! lifetimes, the clock and the failures to inject.

use std::fmt;

/// A refused `--option` value: what was wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError(pub String);

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SpecError {}

/// Splits `spec` at its first `parts − 1` colons (the last part may hold colons: secrets and
/// redirect URIs do); every part must be non-empty.
fn split(spec: &str, parts: usize, shape: &str) -> Result<Vec<String>, SpecError> {
    let fields: Vec<String> = spec.splitn(parts, ':').map(str::to_string).collect();
    if fields.len() != parts || fields.iter().any(String::is_empty) {
        return Err(SpecError(format!(
            "expected {shape}, got {} part(s)",
            fields.len()
        )));
    }
    Ok(fields)
}

/// A Kingdee gateway client (`--kingdee-client ID:SECRET`).
#[derive(Debug, Clone)]
pub struct KingdeeClient {
    /// `X-Api-ClientID`.
    pub id: String,
    /// The client secret that keys `X-Api-Signature`.
    pub secret: String,
}

impl std::str::FromStr for KingdeeClient {
    type Err = SpecError;
    fn from_str(spec: &str) -> Result<Self, SpecError> {
        let [id, secret]: [String; 2] = split(spec, 2, "ID:SECRET")?
            .try_into()
            .map_err(|_| SpecError("ID:SECRET".into()))?;
        Ok(KingdeeClient { id, secret })
    }
}

/// A Kingdee app (`--kingdee-app KEY:SECRET`): what `app_signature` proves.
#[derive(Debug, Clone)]
pub struct KingdeeApp {
    /// `app_key`.
    pub key: String,
    /// `app_secret`.
    pub secret: String,
}

impl std::str::FromStr for KingdeeApp {
    type Err = SpecError;
    fn from_str(spec: &str) -> Result<Self, SpecError> {
        let [key, secret]: [String; 2] = split(spec, 2, "KEY:SECRET")?
            .try_into()
            .map_err(|_| SpecError("KEY:SECRET".into()))?;
        Ok(KingdeeApp { key, secret })
    }
}

/// A Weaver application (`--weaver APPID:SECRET:AESKEY`).
#[derive(Debug, Clone)]
pub struct WeaverApp {
    /// `appid`.
    pub appid: String,
    /// The secret whose MD5 the sign carries.
    pub secret: String,
    /// The AES key (16, 24 or 32 bytes).
    pub aes_key: String,
}

impl std::str::FromStr for WeaverApp {
    type Err = SpecError;
    fn from_str(spec: &str) -> Result<Self, SpecError> {
        let [appid, secret, aes_key]: [String; 3] = split(spec, 3, "APPID:SECRET:AESKEY")?
            .try_into()
            .map_err(|_| SpecError("APPID:SECRET:AESKEY".into()))?;
        Ok(WeaverApp {
            appid,
            secret,
            aes_key,
        })
    }
}

/// A user name and password (`--apusic-user`, `--edge-user USER:PASSWORD`).
#[derive(Debug, Clone)]
pub struct User {
    /// The user name (no `:`).
    pub name: String,
    /// The password (may hold `:`).
    pub password: String,
}

impl std::str::FromStr for User {
    type Err = SpecError;
    fn from_str(spec: &str) -> Result<Self, SpecError> {
        let [name, password]: [String; 2] = split(spec, 2, "USER:PASSWORD")?
            .try_into()
            .map_err(|_| SpecError("USER:PASSWORD".into()))?;
        Ok(User { name, password })
    }
}

/// An OAuth client of the unified identity (`--oauth-client ID:SECRET:REDIRECT_URI`).
#[derive(Debug, Clone)]
pub struct OauthClient {
    /// `client_id`.
    pub id: String,
    /// `client_secret`.
    pub secret: String,
    /// The one redirect URI registered for it (compared exactly).
    pub redirect_uri: String,
}

impl std::str::FromStr for OauthClient {
    type Err = SpecError;
    fn from_str(spec: &str) -> Result<Self, SpecError> {
        let [id, secret, redirect_uri]: [String; 3] = split(spec, 3, "ID:SECRET:REDIRECT_URI")?
            .try_into()
            .map_err(|_| SpecError("ID:SECRET:REDIRECT_URI".into()))?;
        Ok(OauthClient {
            id,
            secret,
            redirect_uri,
        })
    }
}

/// How long each kind of token lives, in milliseconds.
#[derive(Debug, Clone, Copy)]
pub struct Lifetimes {
    /// Kingdee app-token (the vendor's: 24 h).
    pub kingdee_ms: u64,
    /// Weaver token (the seed's: 30 min).
    pub weaver_ms: u64,
    /// Apusic management session (GlassFish's idle default: 30 min).
    pub apusic_ms: u64,
    /// Apusic OAuth access token (2 h).
    pub oauth_ms: u64,
    /// Edge gateway access token (about 2 h).
    pub edge_access_ms: u64,
    /// Edge gateway refresh token (about 14 days).
    pub edge_refresh_ms: u64,
}

impl Default for Lifetimes {
    fn default() -> Self {
        use qianming::token::{
            EDGE_ACCESS_LIFETIME_MS, EDGE_REFRESH_LIFETIME_MS, KINGDEE_TOKEN_LIFETIME_MS,
            WEAVER_TOKEN_LIFETIME_MS,
        };
        Lifetimes {
            kingdee_ms: KINGDEE_TOKEN_LIFETIME_MS,
            weaver_ms: WEAVER_TOKEN_LIFETIME_MS,
            apusic_ms: 30 * 60 * 1000,
            oauth_ms: 2 * 60 * 60 * 1000,
            edge_access_ms: EDGE_ACCESS_LIFETIME_MS,
            edge_refresh_ms: EDGE_REFRESH_LIFETIME_MS,
        }
    }
}

/// Failures to inject (also settable at run time: `POST /_emulator/failures`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Failures {
    /// Answer this 5xx status instead of serving; `None`: serve.
    pub status: Option<u16>,
    /// How many requests get `status` (then serving resumes); `None`: every request.
    pub count: Option<u64>,
    /// Wait this long before answering each request.
    pub slow_ms: u64,
}

/// The emulator's clock at start: the machine's, shifted, or frozen at a fixed time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockSetting {
    /// The machine's clock plus this many milliseconds (may be negative).
    Shifted(i64),
    /// Always this time (milliseconds since the epoch).
    Frozen(u64),
}

impl Default for ClockSetting {
    fn default() -> Self {
        ClockSetting::Shifted(0)
    }
}

/// Everything the emulator serves.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Kingdee gateway clients.
    pub kingdee_clients: Vec<KingdeeClient>,
    /// Kingdee apps.
    pub kingdee_apps: Vec<KingdeeApp>,
    /// Weaver applications.
    pub weaver_apps: Vec<WeaverApp>,
    /// Weaver appids that are disabled (`应用标识appid==>>…已被禁用`).
    pub weaver_disabled: Vec<String>,
    /// Apusic management users (also who the OAuth server logs in: the first one).
    pub apusic_users: Vec<User>,
    /// Apusic unified identity OAuth clients.
    pub oauth_clients: Vec<OauthClient>,
    /// Edge gateway users.
    pub edge_users: Vec<User>,
    /// Token lifetimes.
    pub lifetimes: Lifetimes,
    /// The signature window of Kingdee and Weaver, either way; `None`: the vendors' five minutes.
    pub window_ms: Option<u64>,
    /// The clock.
    pub clock: ClockSetting,
    /// Failures to inject from the start.
    pub failures: Failures,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_split_at_their_first_colons() -> Result<(), SpecError> {
        let c: OauthClient = "id:s:http://127.0.0.1:9/cb".parse()?;
        assert_eq!(
            (c.id.as_str(), c.secret.as_str(), c.redirect_uri.as_str()),
            ("id", "s", "http://127.0.0.1:9/cb")
        );
        let u: User = "admin:pa:ss".parse()?;
        assert_eq!(u.password, "pa:ss");
        assert!("admin".parse::<User>().is_err());
        assert!(":x".parse::<KingdeeClient>().is_err());
        assert!("a:b".parse::<WeaverApp>().is_err());
        Ok(())
    }
}
