//! The curl options the pasted-command reader knows, besides the ones that change the request.

/// Options that take no argument (short letters, and long names).
pub(super) const FLAGS_SHORT: &[u8] = b"sSkiLvgfNO46GIjqRZlnpB0123#";
#[rustfmt::skip]
pub(super) const FLAGS_LONG: &[&str] = &[
    "compressed", "silent", "show-error", "insecure", "include", "location", "location-trusted",
    "verbose", "globoff", "http1.0", "http1.1", "http2", "http2-prior-knowledge", "http3",
    "http3-only", "fail", "fail-with-body", "fail-early", "no-buffer", "progress-bar",
    "remote-name", "remote-name-all", "get", "head", "ipv4", "ipv6", "tcp-nodelay",
    "tcp-fastopen", "no-keepalive", "path-as-is", "raw", "tr-encoding", "ssl", "ssl-reqd",
    "no-progress-meter", "no-sessionid", "disable", "anyauth", "basic", "digest", "ntlm",
    "negotiate", "tlsv1", "tlsv1.0", "tlsv1.1", "tlsv1.2", "tlsv1.3", "no-alpn", "no-npn",
    "junk-session-cookies", "parallel", "create-dirs", "remote-time", "list-only", "netrc",
    "netrc-optional", "proxytunnel", "use-ascii", "append", "compressed-ssh", "styled-output",
    "no-styled-output", "ssl-no-revoke", "ssl-allow-beast", "proxy-insecure", "xattr",
    "retry-connrefused", "retry-all-errors", "suppress-connect-headers", "post301", "post302",
    "post303", "ignore-content-length", "crlf", "sasl-ir", "false-start", "cert-status",
    "doh-insecure", "metalink", "no-clobber", "remove-on-error", "ca-native",
];
/// Options that take one argument curl uses for transport only: read and ignored here.
pub(super) const IGNORED_SHORT: &[u8] = b"omxwrKECtYyzUDPQc";
#[rustfmt::skip]
pub(super) const IGNORED_LONG: &[&str] = &[
    "output", "max-time", "connect-timeout", "retry", "retry-delay", "retry-max-time", "proxy",
    "proxy-user", "cacert", "capath", "cert", "cert-type", "key", "key-type", "pass",
    "write-out", "resolve", "connect-to", "max-redirs", "range", "limit-rate", "interface",
    "dns-servers", "trace", "trace-ascii", "stderr", "config", "ciphers", "tls-max", "proto",
    "proto-redir", "keepalive-time", "expect100-timeout", "speed-limit", "speed-time",
    "local-port", "unix-socket", "abstract-unix-socket", "happy-eyeballs-timeout-ms",
    "cookie-jar", "continue-at", "dump-header", "ftp-port", "quote", "telnet-option",
    "time-cond", "max-filesize", "output-dir", "proxy-header", "preproxy", "noproxy", "socks5",
    "socks5-hostname", "socks4", "socks4a", "pinnedpubkey", "crlfile", "aws-sigv4", "etag-save",
    "etag-compare", "parallel-max", "rate", "ech", "ipfs-gateway",
];
