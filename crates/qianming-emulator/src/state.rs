//! What the emulator remembers between requests: the verifiers (with their replay guards),
//! the tokens it issued, the OAuth codes, the clock and the failures to inject.

use crate::clock::Clock;
use crate::config::{Config, Failures, KingdeeClient, WeaverApp};
use qianming::doctor::DEFAULT_WINDOW_MS;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

/// A token the emulator issued: whom it speaks for and until when.
#[derive(Debug, Clone)]
pub struct Issued {
    /// The user, client or app the token was issued to.
    pub subject: String,
    /// When it stops working.
    pub expires_at_ms: u64,
}

/// Why a presented token does not work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unusable {
    /// Never issued here (or forgotten after a restart).
    Unknown,
    /// Issued, but its lifetime is over (or every token was expired on request).
    Expired,
}

/// The tokens of one kind.
#[derive(Debug, Default)]
pub struct Tokens(HashMap<String, Issued>);

impl Tokens {
    /// Remembers `token` for `subject` until `now_ms + lifetime_ms`.
    pub fn issue(&mut self, token: &str, subject: &str, now_ms: u64, lifetime_ms: u64) {
        let expires_at_ms = now_ms.saturating_add(lifetime_ms);
        self.0.insert(
            token.to_string(),
            Issued {
                subject: subject.to_string(),
                expires_at_ms,
            },
        );
    }

    /// The token's holder, if it still works at `now_ms`.
    pub fn check(&self, token: &str, now_ms: u64) -> Result<&Issued, Unusable> {
        let issued = self.0.get(token).ok_or(Unusable::Unknown)?;
        if issued.expires_at_ms <= now_ms {
            return Err(Unusable::Expired);
        }
        Ok(issued)
    }

    /// Ends every token's lifetime at `now_ms`.
    pub fn expire_all(&mut self, now_ms: u64) {
        for issued in self.0.values_mut() {
            issued.expires_at_ms = issued.expires_at_ms.min(now_ms);
        }
    }
}

/// An authorization code waiting for its exchange.
#[derive(Debug, Clone)]
pub struct OauthCode {
    /// The client it was issued to.
    pub client_id: String,
    /// The redirect URI of the authorization request (the exchange must repeat it).
    pub redirect_uri: String,
    /// The PKCE S256 challenge, when the client sent one.
    pub challenge: Option<String>,
    /// Who logged in.
    pub user: String,
    /// Codes live ten minutes (RFC 6749 §4.1.2's maximum).
    pub expires_at_ms: u64,
}

/// A Kingdee client and its verifier.
pub struct KingdeeEntry {
    /// The client.
    pub client: KingdeeClient,
    /// Its verifier, with its replay guard.
    pub verifier: qianming::kingdee::Verifier,
}

/// A Weaver application and its verifier.
pub struct WeaverEntry {
    /// The application.
    pub app: WeaverApp,
    /// Its verifier, with its replay guard.
    pub verifier: qianming::weaver::Verifier,
}

/// Everything between requests.
pub struct State {
    /// The accounts and lifetimes.
    pub config: Config,
    /// The clock.
    pub clock: Clock,
    /// Failures being injected.
    pub failures: Failures,
    /// Kingdee clients by id.
    pub kingdee: HashMap<String, KingdeeEntry>,
    /// Weaver applications by appid.
    pub weaver: HashMap<String, WeaverEntry>,
    /// Kingdee app-tokens.
    pub kingdee_tokens: Tokens,
    /// Weaver tokens.
    pub weaver_tokens: Tokens,
    /// Apusic management sessions.
    pub apusic_sessions: Tokens,
    /// OAuth access tokens.
    pub oauth_tokens: Tokens,
    /// Edge access tokens.
    pub edge_access: Tokens,
    /// Edge refresh tokens.
    pub edge_refresh: Tokens,
    /// OAuth codes by code.
    pub oauth_codes: HashMap<String, OauthCode>,
    /// The HS256 keys of the edge gateway's access and refresh tokens (random per run).
    pub edge_keys: (Vec<u8>, Vec<u8>),
}

/// The state shared by every request (held only between awaits).
pub type Shared = Arc<Mutex<State>>;

/// Locks the state; a handler that panicked while holding it left nothing half-done that
/// matters to an emulator, so a poisoned lock is taken over.
pub fn lock(shared: &Shared) -> MutexGuard<'_, State> {
    shared
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl State {
    /// The state at start; a secret or AES key the core refuses is an error naming the account.
    pub fn new(config: Config) -> Result<State, String> {
        let window = config.window_ms.unwrap_or(DEFAULT_WINDOW_MS);
        let mut kingdee = HashMap::new();
        for client in &config.kingdee_clients {
            let verifier = qianming::kingdee::Verifier::new(&client.secret)
                .map_err(|e| format!("--kingdee-client {}: {e}", client.id))?
                .with_window_ms(window)
                // As the vendor gateway: a query pair with an empty name is dropped, not refused.
                .with_lenient_query(true);
            kingdee.insert(
                client.id.clone(),
                KingdeeEntry {
                    client: client.clone(),
                    verifier,
                },
            );
        }
        let mut weaver = HashMap::new();
        for app in &config.weaver_apps {
            let verifier = qianming::weaver::Verifier::new(&app.appid, &app.secret, &app.aes_key)
                .map_err(|e| format!("--weaver {}: {e}", app.appid))?
                .with_window_ms(window);
            weaver.insert(
                app.appid.clone(),
                WeaverEntry {
                    app: app.clone(),
                    verifier,
                },
            );
        }
        let edge_keys = (
            crate::random::hex(32).into_bytes(),
            crate::random::hex(32).into_bytes(),
        );
        Ok(State {
            clock: Clock(config.clock),
            failures: config.failures,
            config,
            kingdee,
            weaver,
            kingdee_tokens: Tokens::default(),
            weaver_tokens: Tokens::default(),
            apusic_sessions: Tokens::default(),
            oauth_tokens: Tokens::default(),
            edge_access: Tokens::default(),
            edge_refresh: Tokens::default(),
            oauth_codes: HashMap::new(),
            edge_keys,
        })
    }

    /// The signature window either way.
    pub fn window_ms(&self) -> u64 {
        self.config.window_ms.unwrap_or(DEFAULT_WINDOW_MS)
    }

    /// Ends the lifetime of every token and code issued so far.
    pub fn expire_all(&mut self) {
        let now = self.clock.now_ms();
        for tokens in [
            &mut self.kingdee_tokens,
            &mut self.weaver_tokens,
            &mut self.apusic_sessions,
            &mut self.oauth_tokens,
            &mut self.edge_access,
            &mut self.edge_refresh,
        ] {
            tokens.expire_all(now);
        }
        self.oauth_codes.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_live_their_lifetime_and_expire_together() {
        let mut tokens = Tokens::default();
        tokens.issue("a", "alice", 1_000, 500);
        tokens.issue("b", "bob", 1_000, 5_000);
        assert_eq!(
            tokens.check("a", 1_499).map(|i| i.subject.as_str()),
            Ok("alice")
        );
        assert_eq!(tokens.check("a", 1_500).err(), Some(Unusable::Expired));
        assert_eq!(tokens.check("c", 1_000).err(), Some(Unusable::Unknown));
        tokens.expire_all(2_000);
        assert_eq!(tokens.check("b", 2_000).err(), Some(Unusable::Expired));
        // Expiring never lengthens a life that had already ended.
        assert_eq!(tokens.0.get("a").map(|i| i.expires_at_ms), Some(1_500));
    }

    #[test]
    fn bad_accounts_are_refused_naming_them() {
        let config = Config {
            weaver_apps: vec![WeaverApp {
                appid: "w1".into(),
                secret: "s".into(),
                aes_key: "short".into(),
            }],
            ..Config::default()
        };
        let refused = State::new(config).err().unwrap_or_default();
        assert!(refused.starts_with("--weaver w1:"), "{refused}");
    }
}
