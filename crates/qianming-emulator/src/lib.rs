//! `qianming emulate`: an offline emulator of the token endpoints of Kingdee, Weaver, the
//! Apusic management interface, the Apusic unified identity (OAuth 2.0) and the IoT edge
//! gateway, answering as the seed documents describe them (docs/spec/emulator.md).
//!
//! A real HTTP server (axum on tokio) over the sans-IO core: every signature check, every
//! answer body and the doctor's verdict on each refusal come from `qianming`; this crate owns
//! only the clock, the random tokens, the state between requests and the IO. Each refusal
//! carries the doctor's verdict and the core's error kind in headers no real system sends
//! (`X-Qianming-Verdict`, `X-Qianming-Error`), and each request is logged to stderr with them.

mod apusic;
mod clock;
pub mod config;
mod control;
mod edge;
mod kingdee;
mod oauth;
mod random;
mod reply;
mod state;
mod weaver;

pub use config::Config;
pub use kingdee::APP_TOKEN_HEADER;
pub use reply::{ERROR_HEADER, TIME_DIFFERENCE_HEADER, VERDICT_HEADER};

use axum::extract::{Request, State as Ext};
use axum::http::HeaderName;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;
use reply::Reply;
use state::{lock, Shared, State};
use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The header of an answer whose failure was injected (emulator only).
pub const INJECTED_HEADER: &str = "x-qianming-injected";

/// The routes of the five systems and of `/_emulator/`.
fn router(shared: Shared) -> Router {
    use qianming::{apusic as ap, edge as ed, oauth as oa, weaver as we};
    Router::new()
        .route("/jdyconnector/{*rest}", any(kingdee::gateway))
        .route("/jdy/{*rest}", any(kingdee::gateway))
        .route(we::TOKEN_PATH, post(weaver::get_token))
        .route(ap::SESSIONS_PATH, post(apusic::sessions))
        .route("/management/{*rest}", any(apusic::protected))
        .route(oa::AUTHORIZE_PATH, get(oauth::authorize))
        .route(oa::TOKEN_PATH, post(oauth::token))
        .route(oa::USERINFO_PATH, get(oauth::userinfo))
        .route(ed::LOGIN_PATH, post(edge::login))
        .route(
            &format!("{}{{refresh_token}}", ed::REFRESH_PATH_PREFIX),
            post(edge::refresh),
        )
        .route("/v1.0/openapi/{*rest}", any(edge::protected))
        .route(
            "/_emulator/clock",
            get(control::clock).post(control::set_clock),
        )
        .route("/_emulator/expire-tokens", post(control::expire_tokens))
        .route("/_emulator/failures", post(control::failures))
        .fallback(|| async { Reply::text(404, "not a path of the emulated systems\n") })
        .layer(middleware::from_fn_with_state(shared.clone(), guard))
        .with_state(shared)
}

/// Injects the configured failures and logs every request with its status, verdict and error
/// (the path only: queries can carry secrets, as the OAuth token request does).
async fn guard(Ext(shared): Ext<Shared>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    // The edge gateway's refresh token travels in the path: keep it out of the log.
    let logged = match path.strip_prefix(qianming::edge::REFRESH_PATH_PREFIX) {
        Some(_) => format!("{}<refresh_token>", qianming::edge::REFRESH_PATH_PREFIX),
        None => path.clone(),
    };
    let (injected, slow_ms) = if path.starts_with("/_emulator/") {
        (None, 0)
    } else {
        let mut state = lock(&shared);
        let failures = &mut state.failures;
        let injected = match (failures.status, failures.count) {
            (Some(_), Some(0)) | (None, _) => None,
            (Some(status), count) => {
                failures.count = count.map(|c| c - 1);
                Some(status)
            }
        };
        (injected, failures.slow_ms)
    };
    if slow_ms > 0 {
        tokio::time::sleep(Duration::from_millis(slow_ms)).await;
    }
    let response = match injected {
        Some(status) => Reply::text(status, "emulated failure\n")
            .with(HeaderName::from_static(INJECTED_HEADER), status.to_string())
            .into_response(),
        None => next.run(request).await,
    };
    let now = lock(&shared).clock.now_ms();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let mut line = format!("{now} {method} {logged} -> {}", response.status().as_u16());
    for (label, name) in [
        ("verdict", VERDICT_HEADER),
        ("error", ERROR_HEADER),
        ("injected", INJECTED_HEADER),
    ] {
        if let Some(value) = header(name) {
            line.push_str(&format!(" {label}={value}"));
        }
    }
    eprintln!("{line}");
    response
}

/// Serves `config` on `listener` until `shutdown` completes. A secret or AES key the core
/// refuses is an error before anything is served.
pub async fn serve(
    listener: tokio::net::TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), String> {
    let shared = Arc::new(Mutex::new(State::new(config)?));
    axum::serve(listener, router(shared))
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|e| format!("the server stopped: {e}"))
}

/// Binds `listen` (`127.0.0.1:0` picks a free port), calls `ready` with the address once it
/// accepts connections, and serves until Ctrl-C or SIGTERM, on a runtime of its own.
pub fn run(listen: &str, config: Config, ready: impl FnOnce(SocketAddr)) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("no async runtime: {e}"))?;
    runtime.block_on(async {
        // Refuse bad accounts before binding, so a failed start never prints "listening".
        State::new(config.clone())?;
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
        let address = listener
            .local_addr()
            .map_err(|e| format!("no local address: {e}"))?;
        ready(address);
        serve(listener, config, stop_signal()).await
    })
}

/// Ctrl-C or SIGTERM.
async fn stop_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}
