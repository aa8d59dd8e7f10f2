//! `qianming emulate`: the offline emulator of the five systems' token endpoints
//! (crates/qianming-emulator; docs/spec/emulator.md).

use crate::failure::Failure;
use clap::Args;
use qianming_emulator::config::{
    ClockSetting, Config, Failures, KingdeeApp, KingdeeClient, Lifetimes, OauthClient, User,
    WeaverApp,
};
use std::io::Write;

/// Serves the token endpoints of Kingdee, Weaver, Apusic, Apusic OAuth and the IoT edge
/// gateway on one port, answering as the vendors do; every refusal carries the doctor's
/// verdict in `X-Qianming-Verdict` (a header no real system sends). Prints
/// `listening on http://<address>` as its first line once ready; logs each request to stderr.
#[derive(Debug, Args)]
pub struct EmulateArgs {
    /// Address to listen on (port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:0")]
    pub listen: String,
    /// A Kingdee gateway client, ID:SECRET (repeatable).
    #[arg(long = "kingdee-client", value_name = "ID:SECRET")]
    pub kingdee_clients: Vec<KingdeeClient>,
    /// A Kingdee app whose app_signature the app-token endpoint checks, KEY:SECRET (repeatable).
    #[arg(long = "kingdee-app", value_name = "KEY:SECRET")]
    pub kingdee_apps: Vec<KingdeeApp>,
    /// A Weaver application, APPID:SECRET:AESKEY (repeatable).
    #[arg(long = "weaver", value_name = "APPID:SECRET:AESKEY")]
    pub weaver_apps: Vec<WeaverApp>,
    /// A Weaver appid the server reports as disabled (repeatable).
    #[arg(long = "weaver-disabled", value_name = "APPID")]
    pub weaver_disabled: Vec<String>,
    /// An Apusic management user, USER:PASSWORD (repeatable); the first one is also who the
    /// OAuth server logs in.
    #[arg(long = "apusic-user", value_name = "USER:PASSWORD")]
    pub apusic_users: Vec<User>,
    /// An Apusic unified identity OAuth client, ID:SECRET:REDIRECT_URI (repeatable).
    #[arg(long = "oauth-client", value_name = "ID:SECRET:REDIRECT_URI")]
    pub oauth_clients: Vec<OauthClient>,
    /// An IoT edge gateway user, USER:PASSWORD (repeatable).
    #[arg(long = "edge-user", value_name = "USER:PASSWORD")]
    pub edge_users: Vec<User>,
    /// Freeze the clock at this time (milliseconds since the epoch).
    #[arg(long, value_name = "MS", conflicts_with = "clock_shift_ms")]
    pub clock_frozen_at_ms: Option<u64>,
    /// Shift the machine's clock by this many milliseconds (negative: into the past).
    #[arg(long, value_name = "MS", allow_hyphen_values = true)]
    pub clock_shift_ms: Option<i64>,
    /// The Kingdee and Weaver signature window, either way [default: 300000].
    #[arg(long, value_name = "MS")]
    pub window_ms: Option<u64>,
    /// Lifetime of a Kingdee app-token [default: 24 h].
    #[arg(long, value_name = "MS")]
    pub kingdee_token_lifetime_ms: Option<u64>,
    /// Lifetime of a Weaver token [default: 30 min].
    #[arg(long, value_name = "MS")]
    pub weaver_token_lifetime_ms: Option<u64>,
    /// Lifetime of an Apusic management session [default: 30 min].
    #[arg(long, value_name = "MS")]
    pub apusic_session_lifetime_ms: Option<u64>,
    /// Lifetime of an OAuth access token [default: 2 h].
    #[arg(long, value_name = "MS")]
    pub oauth_token_lifetime_ms: Option<u64>,
    /// Lifetime of an edge gateway access token [default: 2 h].
    #[arg(long, value_name = "MS")]
    pub edge_access_lifetime_ms: Option<u64>,
    /// Lifetime of an edge gateway refresh token [default: 14 days].
    #[arg(long, value_name = "MS")]
    pub edge_refresh_lifetime_ms: Option<u64>,
    /// Answer this 5xx status instead of serving (see --fail-count).
    #[arg(long, value_name = "STATUS", value_parser = clap::value_parser!(u16).range(500..600))]
    pub fail_status: Option<u16>,
    /// How many requests get --fail-status before serving resumes [default: every request].
    #[arg(long, value_name = "N", requires = "fail_status")]
    pub fail_count: Option<u64>,
    /// Wait this long before answering each request.
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub slow_ms: u64,
}

/// Runs the emulator until Ctrl-C or SIGTERM.
pub fn emulate(args: EmulateArgs) -> Result<(), Failure> {
    let defaults = Lifetimes::default();
    let config = Config {
        kingdee_clients: args.kingdee_clients,
        kingdee_apps: args.kingdee_apps,
        weaver_apps: args.weaver_apps,
        weaver_disabled: args.weaver_disabled,
        apusic_users: args.apusic_users,
        oauth_clients: args.oauth_clients,
        edge_users: args.edge_users,
        lifetimes: Lifetimes {
            kingdee_ms: args
                .kingdee_token_lifetime_ms
                .unwrap_or(defaults.kingdee_ms),
            weaver_ms: args.weaver_token_lifetime_ms.unwrap_or(defaults.weaver_ms),
            apusic_ms: args
                .apusic_session_lifetime_ms
                .unwrap_or(defaults.apusic_ms),
            oauth_ms: args.oauth_token_lifetime_ms.unwrap_or(defaults.oauth_ms),
            edge_access_ms: args
                .edge_access_lifetime_ms
                .unwrap_or(defaults.edge_access_ms),
            edge_refresh_ms: args
                .edge_refresh_lifetime_ms
                .unwrap_or(defaults.edge_refresh_ms),
        },
        window_ms: args.window_ms,
        clock: match (args.clock_frozen_at_ms, args.clock_shift_ms) {
            (Some(ms), _) => ClockSetting::Frozen(ms),
            (None, by) => ClockSetting::Shifted(by.unwrap_or(0)),
        },
        failures: Failures {
            status: args.fail_status,
            count: args.fail_count,
            slow_ms: args.slow_ms,
        },
    };
    qianming_emulator::run(&args.listen, config, |address| {
        let mut out = std::io::stdout().lock();
        // A closed stdout must not stop the server: the address is also on stderr.
        let _ = writeln!(out, "listening on http://{address}").and_then(|()| out.flush());
        eprintln!("qianming emulate: listening on http://{address}");
    })
    .map_err(Failure::Usage)
}
