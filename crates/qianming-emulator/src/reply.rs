//! An answer of the emulator: the vendor's status and body, plus what qianming found, in
//! headers no real system sends (`X-Qianming-Verdict`, `X-Qianming-Error`).

use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use qianming::doctor::Verdict;
use qianming::ErrorKind;

/// The doctor's verdict on a refused Kingdee or Weaver request (emulator only).
pub const VERDICT_HEADER: &str = "x-qianming-verdict";
/// The core's error kind of a refusal (emulator only).
pub const ERROR_HEADER: &str = "x-qianming-error";
/// How far the signed time lies from the emulator's, `now − timestamp` in ms (emulator only).
pub const TIME_DIFFERENCE_HEADER: &str = "x-qianming-time-difference-ms";

/// An answer under construction.
#[derive(Debug)]
pub struct Reply {
    status: u16,
    content_type: &'static str,
    body: String,
    headers: Vec<(HeaderName, String)>,
}

impl Reply {
    /// A JSON answer.
    pub fn json(status: u16, body: String) -> Reply {
        Reply {
            status,
            content_type: "application/json;charset=UTF-8",
            body,
            headers: Vec::new(),
        }
    }

    /// A form-encoded answer.
    pub fn form(status: u16, body: String) -> Reply {
        Reply {
            status,
            content_type: "application/x-www-form-urlencoded",
            body,
            headers: Vec::new(),
        }
    }

    /// A plain-text answer.
    pub fn text(status: u16, body: impl Into<String>) -> Reply {
        Reply {
            status,
            content_type: "text/plain;charset=UTF-8",
            body: body.into(),
            headers: Vec::new(),
        }
    }

    /// A `302 Found` to `location`.
    pub fn redirect(location: String) -> Reply {
        Reply::text(302, "").with(header::LOCATION, location)
    }

    /// Adds a header.
    pub fn with(mut self, name: HeaderName, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }

    /// Adds the doctor's verdict.
    pub fn verdict(self, verdict: Verdict) -> Reply {
        self.with(HeaderName::from_static(VERDICT_HEADER), verdict.name())
    }

    /// Adds the core's error kind.
    pub fn error(self, kind: ErrorKind) -> Reply {
        self.with(HeaderName::from_static(ERROR_HEADER), kind.name())
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, self.body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(self.content_type),
        );
        for (name, value) in self.headers {
            // Every value here is ASCII the emulator made or a URL the core checked.
            if let Ok(value) = HeaderValue::from_str(&value) {
                headers.append(name, value);
            }
        }
        response
    }
}
