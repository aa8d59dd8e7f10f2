//! `qianming kingdee doctor` and `qianming weaver doctor`: the core's doctor names the mistake
//! behind a refused request (docs/spec/doctor.md). The Kingdee request comes as fields, a curl
//! command, a raw HTTP request or a HAR document.
//!
//! A diagnosis is a success (exit 0) whatever its verdict; only input the doctor cannot read
//! is refused (exit 1). With `--jsonl`, like `verify --jsonl`, one verifier per credential set
//! remembers every request the run found valid, so the same request on a later line is
//! `replayed`.

use crate::common_args::{ClientSecret, ResultFormat, ResultOut, WeaverCredentials};
use crate::failure::Failure;
use crate::jsonl::{self, fields, LineError};
use crate::verifier_pool::VerifierPool;
use crate::{clock, render, result_out, secrets};
use clap::Args;
use qianming::doctor::{
    self, compare_string_to_sign, parse_request, KingdeeDiagnosis, PastedRequest, RequestFormat,
    Verdict, WeaverDiagnosis,
};
use qianming::kingdee::{self, ReceivedRequest, Verifier};
use qianming::{weaver, Error, ErrorKind};
use serde_json::{Map, Value};
use std::io::Read;

/// `kingdee doctor`.
#[derive(Debug, Args)]
pub struct KingdeeDoctorArgs {
    #[command(flatten)]
    pub client_secret: ClientSecret,
    /// The received HTTP method.
    #[arg(long, default_value = "GET")]
    pub method: String,
    /// The received path, decoded.
    #[arg(long, required_unless_present_any = ["jsonl", "target", "curl", "http_file", "har"])]
    pub path: Option<String>,
    /// The received query string as on the wire ('app_key=abc&app_signature=x%3D%3D').
    #[arg(long, default_value = "")]
    pub raw_query: String,
    /// The received request target ('/jdy/a%20b?k=v'), instead of --path and --raw-query.
    #[arg(long, conflicts_with_all = ["path", "raw_query"])]
    pub target: Option<String>,
    /// A received header 'Name: value'; repeatable.
    #[arg(long = "header", value_name = "NAME: VALUE")]
    pub headers: Vec<String>,
    /// The request as a curl command (browsers' "Copy as cURL (bash)", --format curl), from a
    /// file or '-' for standard input.
    #[arg(long, value_name = "FILE|-", conflicts_with_all = ["path", "target", "headers", "http_file", "har"])]
    pub curl: Option<String>,
    /// The request as raw HTTP (request line, headers, blank line, body), from a file or '-'.
    #[arg(long, value_name = "FILE|-", conflicts_with_all = ["path", "target", "headers", "har"])]
    pub http_file: Option<String>,
    /// The request as a HAR document or entry (developer tools' "Copy as HAR"), file or '-'.
    #[arg(long, value_name = "FILE|-", conflicts_with_all = ["path", "target", "headers"])]
    pub har: Option<String>,
    /// The string to sign your client printed, from a file or '-': shown where it first
    /// differs from the gateway's ('\n' written out as two characters is read as a line break).
    #[arg(long, value_name = "FILE|-")]
    pub string_to_sign: Option<String>,
    /// Milliseconds since the epoch to judge the timestamp against (default: now).
    #[arg(long)]
    pub now_ms: Option<u64>,
    /// Accepted clock difference in milliseconds, either way.
    #[arg(long, default_value_t = doctor::DEFAULT_WINDOW_MS)]
    pub window_ms: u64,
    #[command(flatten)]
    pub out: ResultOut,
}

/// `weaver doctor`.
#[derive(Debug, Args)]
pub struct WeaverDoctorArgs {
    #[command(flatten)]
    pub credentials: WeaverCredentials,
    /// The received sign.
    #[arg(long, required_unless_present = "jsonl")]
    pub sign: Option<String>,
    /// Milliseconds since the epoch to judge the timestamp against (default: now).
    #[arg(long)]
    pub now_ms: Option<u64>,
    /// Accepted clock difference in milliseconds, either way.
    #[arg(long, default_value_t = doctor::DEFAULT_WINDOW_MS)]
    pub window_ms: u64,
    #[command(flatten)]
    pub out: ResultOut,
}

/// The verdict, its explanations and the names of every mistake.
fn verdict_fields(verdict: Verdict, mistakes: &[Verdict]) -> Map<String, Value> {
    let names: Vec<&str> = mistakes.iter().map(|m| m.name()).collect();
    fields([
        ("verdict", verdict.name().into()),
        ("explanation", verdict.explanation().into()),
        ("explanation_zh", verdict.explanation_zh().into()),
        ("mistakes", names.into()),
    ])
}

fn kingdee_fields(found: &KingdeeDiagnosis) -> Map<String, Value> {
    let mut out = verdict_fields(found.verdict, &found.mistakes);
    out.append(&mut fields([
        ("client_id", found.client_id.as_str().into()),
        ("nonce", found.nonce.as_str().into()),
        ("timestamp_ms", found.timestamp_ms.into()),
        ("now_ms", found.now_ms.into()),
        ("window_ms", found.window_ms.into()),
        ("time_difference_ms", found.time_difference_ms.into()),
        ("canonical_path", found.canonical_path.as_str().into()),
        ("canonical_query", found.canonical_query.as_str().into()),
        ("signed_headers", found.signed_headers.clone().into()),
        ("string_to_sign", found.string_to_sign.as_str().into()),
        (
            "client_string_to_sign",
            found.client_string_to_sign.clone().into(),
        ),
    ]));
    out
}

fn weaver_fields(found: &WeaverDiagnosis) -> Map<String, Value> {
    let mut out = verdict_fields(found.verdict, &found.mistakes);
    out.append(&mut fields([
        ("timestamp_ms", found.timestamp_ms.into()),
        ("time_difference_ms", found.time_difference_ms.into()),
        ("now_ms", found.now_ms.into()),
        ("window_ms", found.window_ms.into()),
        ("plaintext_layout", found.plaintext_layout.clone().into()),
        ("client_recipe", found.client_recipe.clone().into()),
    ]));
    out
}

/// The window of a `--jsonl` line (`window_ms`, else the default) and its pool key part.
fn line_window(obj: &Map<String, Value>) -> Result<(u64, String), LineError> {
    let window = jsonl::opt_u64(obj, "window_ms")?.unwrap_or(doctor::DEFAULT_WINDOW_MS);
    Ok((window, window.to_string()))
}

/// One `kingdee doctor --jsonl` line: the fields of `kingdee verify --jsonl`.
fn kingdee_line(
    pool: &mut VerifierPool<Verifier>,
    obj: &Map<String, Value>,
) -> Result<Map<String, Value>, LineError> {
    let query = jsonl::pairs(obj, "query", false)?;
    let query: Vec<(&str, &str)> = query
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_deref().unwrap_or_default()))
        .collect();
    let headers = jsonl::pairs(obj, "headers", false)?;
    let headers: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_deref().unwrap_or_default()))
        .collect();
    let secret = jsonl::string(obj, "client_secret")?;
    let (window, window_text) = line_window(obj)?;
    let received = ReceivedRequest::new(
        jsonl::string(obj, "method")?,
        jsonl::string(obj, "path")?,
        &query,
        &headers,
    );
    let now = jsonl::u64_field(obj, "now_ms")?;
    let verifier = pool.get(&[secret, &window_text], || {
        Ok(Verifier::new(secret)?.with_window_ms(window))
    })?;
    let found = doctor::diagnose_kingdee(secret, &received, now, window, Some(verifier))?;
    if found.verdict == Verdict::Valid {
        // Remember it, as `verify --jsonl` would: the same request later in the run is a replay.
        verifier.verify(&received, now)?;
    }
    Ok(kingdee_fields(&found))
}

/// One `weaver doctor --jsonl` line: the fields of `weaver verify --jsonl`.
fn weaver_line(
    pool: &mut VerifierPool<weaver::Verifier>,
    obj: &Map<String, Value>,
) -> Result<Map<String, Value>, LineError> {
    let appid = jsonl::string(obj, "appid")?;
    let secret = jsonl::string(obj, "secret")?;
    let key = jsonl::string(obj, "aes_key")?;
    let sign = jsonl::string(obj, "sign")?;
    let now = jsonl::u64_field(obj, "now_ms")?;
    let (window, window_text) = line_window(obj)?;
    let found = match pool.get(&[appid, secret, key, &window_text], || {
        Ok(weaver::Verifier::new(appid, secret, key)?.with_window_ms(window))
    }) {
        Ok(verifier) => {
            let found =
                doctor::diagnose_weaver(appid, secret, key, sign, now, window, Some(verifier))?;
            if found.verdict == Verdict::Valid {
                verifier.verify(sign, now)?;
            }
            found
        }
        // Credentials no verifier can be made of: the doctor says why.
        Err(_) => doctor::diagnose_weaver(appid, secret, key, sign, now, window, None)?,
    };
    Ok(weaver_fields(&found))
}

/// Reads `FILE` or, for `-`, the rest of standard input, as text.
fn read_text(path: &str) -> Result<String, Failure> {
    let limit = qianming::limits::MAX_PASTED_REQUEST_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    read.map_err(|e| Failure::Usage(format!("cannot read {path}: {e}")))?;
    String::from_utf8(bytes).map_err(|_| {
        Failure::Refused(Error::new(
            ErrorKind::InvalidUnicode,
            format!("{path} is not UTF-8 text"),
        ))
    })
}

/// The request of `kingdee doctor`: pasted, or from the flags.
fn pasted_request(args: &KingdeeDoctorArgs) -> Result<PastedRequest, Failure> {
    let pasted = [
        (&args.curl, RequestFormat::Curl),
        (&args.http_file, RequestFormat::Http),
        (&args.har, RequestFormat::Har),
    ];
    if let Some((Some(path), format)) = pasted.iter().find(|(p, _)| p.is_some()) {
        return Ok(parse_request(&read_text(path)?, *format)?);
    }
    let target = match &args.target {
        Some(target) => target.clone(),
        None => kingdee::path_and_query(args.path.as_deref().unwrap_or_default(), &args.raw_query),
    };
    let flags = [&args.method, &target].into_iter().chain(&args.headers);
    if flags.clone().any(|f| f.contains(['\r', '\n'])) {
        return Err(Failure::Refused(Error::new(
            ErrorKind::InvalidHeaderValue,
            "a method, target or header given as a flag contains a line break",
        )));
    }
    let mut text = format!("{} {target}\n", args.method);
    for header in &args.headers {
        text.push_str(header);
        text.push('\n');
    }
    // The flags say the same as a raw request would: one reader for both.
    let mut request = parse_request(&text, RequestFormat::Http)?;
    if args.target.is_none() {
        request.path = args.path.clone().unwrap_or_default();
    }
    Ok(request)
}

/// `kingdee doctor`.
pub fn kingdee(mut args: KingdeeDoctorArgs) -> Result<(), Failure> {
    if args.out.jsonl.jsonl {
        let mut pool = VerifierPool::default();
        return jsonl::run(|obj| kingdee_line(&mut pool, obj));
    }
    // The secret's line of standard input comes before a request read from it.
    let secret = ClientSecret {
        client_secret: args.client_secret.client_secret.take(),
        client_secret_stdin: args.client_secret.client_secret_stdin,
    }
    .resolve()?;
    let request = pasted_request(&args)?;
    let now = args.now_ms.unwrap_or_else(clock::now_ms);
    let found = request.with_received(|received| {
        doctor::diagnose_kingdee(secret.expose(), received, now, args.window_ms, None)
    })?;
    let mut out = kingdee_fields(&found);
    let comparison = match &args.string_to_sign {
        Some(path) => Some(compare_string_to_sign(
            &found.string_to_sign,
            &read_text(path)?,
        )),
        None => None,
    };
    if let Some(c) = &comparison {
        out.insert(
            "comparison".into(),
            Value::Object(fields([
                ("identical", c.identical.into()),
                ("line", c.line.into()),
                ("column", c.column.into()),
                ("part", c.part.into()),
                ("expected_excerpt", c.expected_excerpt.as_str().into()),
                ("pasted_excerpt", c.pasted_excerpt.as_str().into()),
                ("mistake", c.mistake.map(Verdict::name).into()),
            ])),
        );
    }
    match args.out.format {
        ResultFormat::Json => result_out::print_json(out),
        ResultFormat::Text => print!("{}", kingdee_text(&found, comparison.as_ref())),
    }
    Ok(())
}

/// `weaver doctor`.
pub fn weaver(args: WeaverDoctorArgs) -> Result<(), Failure> {
    if args.out.jsonl.jsonl {
        let mut pool = VerifierPool::default();
        return jsonl::run(|obj| weaver_line(&mut pool, obj));
    }
    let secret = secrets::resolve(
        "secret",
        args.credentials.secret,
        args.credentials.secret_stdin,
    )?;
    let key = secrets::resolve(
        "aes-key",
        args.credentials.aes_key,
        args.credentials.aes_key_stdin,
    )?;
    let now = args.now_ms.unwrap_or_else(clock::now_ms);
    let found = doctor::diagnose_weaver(
        args.credentials.appid.as_deref().unwrap_or_default(),
        secret.expose(),
        key.expose(),
        args.sign.as_deref().unwrap_or_default(),
        now,
        args.window_ms,
        None,
    )?;
    match args.out.format {
        ResultFormat::Json => result_out::print_json(weaver_fields(&found)),
        ResultFormat::Text => print!("{}", weaver_text(&found)),
    }
    Ok(())
}

/// The verdict and every other mistake, each with its explanations.
fn verdict_text(verdict: Verdict, mistakes: &[Verdict]) -> String {
    let mut text = render::labelled(
        "verdict",
        &format!(
            "{}\n{}\n{}",
            verdict.name(),
            verdict.explanation(),
            verdict.explanation_zh()
        ),
    );
    for also in mistakes.iter().filter(|m| **m != verdict) {
        text.push_str(&render::labelled(
            "and",
            &format!(
                "{}\n{}\n{}",
                also.name(),
                also.explanation(),
                also.explanation_zh()
            ),
        ));
    }
    text
}

/// How the timestamp relates to now.
fn time_text(difference_ms: i64, window_ms: u64) -> String {
    let when = if difference_ms >= 0 {
        format!("{difference_ms} ms old")
    } else {
        format!("{} ms in the future", difference_ms.unsigned_abs())
    };
    format!("{when} (window {window_ms} ms either way)")
}

fn kingdee_text(
    found: &KingdeeDiagnosis,
    comparison: Option<&doctor::StringToSignComparison>,
) -> String {
    let mut text = verdict_text(found.verdict, &found.mistakes);
    text.push_str(&render::labelled("client id", &found.client_id));
    text.push_str(&render::labelled(
        "timestamp",
        &found.timestamp_ms.to_string(),
    ));
    text.push_str(&render::labelled(
        "time",
        &time_text(found.time_difference_ms, found.window_ms),
    ));
    text.push_str(&render::labelled("canonical path", &found.canonical_path));
    text.push_str(&render::labelled("canonical query", &found.canonical_query));
    text.push_str(&render::labelled(
        "signed headers",
        &found.signed_headers.join(","),
    ));
    text.push_str(&render::labelled(
        "string to sign",
        &render::visible_lines(&found.string_to_sign),
    ));
    match &found.client_string_to_sign {
        Some(client) if *client != found.string_to_sign => text.push_str(&render::labelled(
            "client signed",
            &render::visible_lines(client),
        )),
        _ => {}
    }
    if let Some(c) = comparison {
        let shown = if c.identical {
            "identical to the gateway's".to_string()
        } else {
            format!(
                "differs in the {} (line {}, column {}): the gateway has {:?}, yours {:?}{}",
                c.part.replace('_', " "),
                c.line,
                c.column,
                c.expected_excerpt,
                c.pasted_excerpt,
                c.mistake
                    .map(|m| format!(" ({})", m.name()))
                    .unwrap_or_default()
            )
        };
        text.push_str(&render::labelled("your string", &shown));
    }
    text
}

fn weaver_text(found: &WeaverDiagnosis) -> String {
    let mut text = verdict_text(found.verdict, &found.mistakes);
    if let Some(ts) = found.timestamp_ms {
        text.push_str(&render::labelled("timestamp", &ts.to_string()));
    }
    if let Some(difference) = found.time_difference_ms {
        text.push_str(&render::labelled(
            "time",
            &time_text(difference, found.window_ms),
        ));
    }
    if let Some(layout) = &found.plaintext_layout {
        text.push_str(&render::labelled("plaintext", layout));
    }
    if let Some(recipe) = &found.client_recipe {
        text.push_str(&render::labelled("client made", recipe));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use qianming::http::Method;
    use qianming::kingdee::{Request, Signer};

    /// What `kingdee sign --format curl` prints is read back by the doctor as the same request.
    #[test]
    fn our_own_curl_output_round_trips() -> Result<(), Error> {
        let query = [("app_key", "abc"), ("search", "M6 bolt=*~")];
        let path = "/jdy/v2/物料/a b";
        let extra = [(
            "X-GW-Router-Addr".to_string(),
            "https://tf.jdy.com".to_string(),
        )];
        let signed = [qianming::kingdee::SignHeader::new(&extra[0].0, &extra[0].1)];
        let out = Signer::new("123456", "s3cret")?.sign(
            &Request::new("POST", path)
                .with_query(&query)
                .with_sign_headers(&signed),
            "1700000000000",
            "42",
        )?;
        let extra: Vec<(&str, &str)> = extra
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let command = out
            .http_request("https://api.kingdee.com", path, &extra)?
            .to_curl();
        let pasted = parse_request(&command, RequestFormat::Detect)?;
        assert_eq!(
            (pasted.method.as_str(), pasted.path.as_str()),
            ("POST", path)
        );
        let found = pasted.with_received(|r| {
            doctor::diagnose_kingdee(
                "s3cret",
                r,
                1_700_000_000_000,
                doctor::DEFAULT_WINDOW_MS,
                None,
            )
        })?;
        assert_eq!(found.verdict, Verdict::Valid);
        // The request builders' curl form (with a body) too.
        let request = qianming::http::HttpRequest::new(
            Method::Post,
            "https://h/api/cus/token/auth/getToken",
        )?
        .with_header("sign", "ab'cd")?
        .with_body("{\"a\": 1}");
        let pasted = parse_request(&request.to_curl(), RequestFormat::Detect)?;
        assert_eq!(pasted.header("sign"), Some("ab'cd"));
        assert_eq!(pasted.body.as_deref(), Some("{\"a\": 1}"));
        Ok(())
    }
}
