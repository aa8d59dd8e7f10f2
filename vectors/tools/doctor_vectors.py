"""Vector files for the signature doctor (docs/spec/doctor.md): kingdee_doctor.json and
weaver_doctor.json. Called by make_vectors.py.

Each mistaken request is made here the way a client making that mistake would make it, with an
independent Python implementation of the signature (stdlib hmac, hashlib, base64; `cryptography`
for AES), and the expected verdict is the mistake that was made, never the Rust code's answer.
The generator also checks that no other known mistake (or combination) would produce the same
string to sign, so each expected verdict is the only right answer.
"""
import base64
import hashlib
import hmac
import itertools
import json
from urllib.parse import quote

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

import make_vectors as mv

PROV = ("qianming's own cases; every mistaken request made by vectors/tools/doctor_vectors.py (run by "
        "make_vectors.py), an independent Python implementation of docs/spec/ (stdlib hmac, hashlib, "
        "base64; `cryptography` for AES) making each mistake the way a client would, not by the Rust code.")

# docs/spec/doctor.md#verdicts, in code order.
VERDICTS = ["valid", "unexplained", "expired", "from_the_future", "timestamp_in_seconds", "replayed",
            "query_encoded_once", "path_not_encoded", "space_as_percent20", "query_unsorted",
            "hex_uppercase", "base64_of_raw_hmac", "header_names_not_lowercased", "missing_final_newline",
            "encoded_path_signed", "query_sorted_by_raw_name", "signed_headers_unsorted", "hex_not_base64",
            "query_left_out", "md5_lowercase", "secret_appid_swapped", "base64_instead_of_hex",
            "wrong_aes_key", "md5_without_colon", "cbc_instead_of_ecb", "zero_padding"]
TIME = ("expired", "from_the_future", "timestamp_in_seconds")
STRING_MISTAKES = ["query_encoded_once", "path_not_encoded", "space_as_percent20", "query_unsorted",
                   "header_names_not_lowercased", "missing_final_newline", "encoded_path_signed",
                   "query_sorted_by_raw_name", "signed_headers_unsorted", "query_left_out"]
OUTPUT_MISTAKES = ["hex_uppercase", "base64_of_raw_hmac", "hex_not_base64"]
WINDOW = 300000


def ordered(mistakes):
    """The doctor's order: code order, the time verdict last."""
    return sorted(mistakes, key=lambda m: (m in TIME, VERDICTS.index(m)))


def time_of(ts, now):
    """(time verdict or None, difference in ms) for a timestamp whose signature is right."""
    def inside(t):
        return t + WINDOW >= now and t <= now + WINDOW
    if inside(ts):
        return None, now - ts
    if inside(ts * 1000) or inside(ts * 1000 + 999):
        return "timestamp_in_seconds", now - ts * 1000
    return ("expired" if ts < now else "from_the_future"), now - ts


# ---------------------------------------------------------------- Kingdee

def path_encode(path):
    """docs/spec/common.md#path-encoding: unreserved bytes and '/' kept, the rest %XX."""
    return quote(path, safe="/-_.~")


def kingdee_sts(method, path, query, listed, mistakes, once_names="G"):
    """The string to sign a client making `mistakes` builds."""
    m = set(mistakes)
    p20 = "space_as_percent20" in m

    def g(t):
        return mv.G(t).replace("+", "%20") if p20 else mv.G(t)

    def j(t):
        return mv.J(t).replace("+", "%20") if p20 else mv.J(t)

    if "path_not_encoded" in m:
        cp = path
    elif "encoded_path_signed" in m:
        cp = g(path_encode(path))
    else:
        cp = g(path)
    items = []
    for n, v in query:
        if n == "":
            continue
        if "query_encoded_once" in m:
            written = (g(n) if once_names == "G" else j(n)) + "=" + j(v)
            key = written
        else:
            written = g(g(n)) + "=" + g(j(v))
            key = g(n) + "=" + j(v)
        items.append((key, written, n, v))
    if "query_sorted_by_raw_name" in m:
        items.sort(key=lambda i: (i[2].encode(), i[3].encode()))
    elif "query_unsorted" not in m:
        items.sort(key=lambda i: i[0].encode())
    cq = "" if "query_left_out" in m else "&".join(i[1] for i in items)
    headers = list(listed)
    if "signed_headers_unsorted" not in m:
        headers.sort(key=lambda h: h[0].encode())
    lines = "".join((n if "header_names_not_lowercased" in m else n.lower()) + ":" + v + "\n" for n, v in headers)
    text = method.upper() + "\n" + cp + "\n" + cq + "\n" + lines
    return text[:-1] if "missing_final_newline" in m else text


def kingdee_signature(secret, text, mistakes):
    mac = hmac.new(secret.encode(), text.encode(), hashlib.sha256).digest()
    hx = mac.hex().upper() if "hex_uppercase" in mistakes else mac.hex()
    if "base64_of_raw_hmac" in mistakes:
        return base64.b64encode(mac).decode()
    if "hex_not_base64" in mistakes:
        return hx
    return base64.b64encode(hx.encode()).decode()


def assert_only_explanation(method, path, query, listed, mistakes):
    """No other set of string mistakes as small or smaller (the doctor tries smaller sets first)
    builds the same text: the mistakes made are the one simplest explanation."""
    mine = set(m for m in mistakes if m in STRING_MISTAKES)
    want = kingdee_sts(method, path, query, listed, mine, "J")
    for size in range(0, len(mine) + 1):
        for other in itertools.combinations(STRING_MISTAKES, size):
            if set(other) == mine:
                continue
            for once in ("G", "J"):
                assert kingdee_sts(method, path, query, listed, other, once) != want, (mistakes, other)


SECRET = "0123456789abcdef0123456789abcdef"
BASE_TS = 1700000000000
NOW = BASE_TS + 1500
PATH = "/jdy/v2/scm/sal out/中"
QUERY = [["search", "M6 bolt"], ["id", "42"], ["a0", "x=y"], ["a", "1"]]
EXTRA = [["Content-Type", "application/json"]]


def kingdee_request(nonce, mistakes=(), ts=str(BASE_TS), listed_order=None, secret=SECRET, query=QUERY,
                    path=PATH, drop=()):
    """A request signed with `mistakes`: (received headers, client string to sign)."""
    signed = [("X-Api-Nonce", nonce), ("X-Api-TimeStamp", ts)] + [tuple(h) for h in EXTRA]
    names = listed_order or sorted((n for n, _ in signed), key=str.encode)
    listed = [(n, dict(signed)[n]) for n in names]
    text = kingdee_sts("POST", path, query, listed, mistakes, "J")
    sig = kingdee_signature(secret, text, mistakes)
    headers = [["X-Api-ClientID", "123456"], ["X-Api-Auth-Version", "2.0"], ["X-Api-TimeStamp", ts],
               ["X-Api-Nonce", nonce], ["X-Api-SignHeaders", ",".join(names)], ["X-Api-Signature", sig]]
    headers += [list(h) for h in EXTRA] + [["Host", "api.kingdee.com"]]
    headers = [h for h in headers if h[0] not in drop]
    return headers, text, listed


def kingdee_doctor():
    nonces = iter(range(4200000000, 4200000999))
    cases = []

    def case(cid, comment, mistakes=(), verdict=None, now=NOW, ts=str(BASE_TS), listed_order=None,
             error=None, accepted_before=False, client_secret=SECRET, signed_with=SECRET, query=QUERY, drop=()):
        nonce = str(next(nonces))
        headers, client_text, listed = kingdee_request(nonce, mistakes, ts, listed_order, signed_with, query, drop=drop)
        c = {"id": cid, "comment": comment, "client_secret": client_secret, "method": "POST", "path": PATH,
             "query": query, "headers": headers, "now_ms": now}
        if accepted_before:
            c["accepted_before"] = True
        if error:
            c.update(result="invalid", error=error)
            cases.append(c)
            return
        right = kingdee_sts("POST", PATH, query, listed, ())
        reproduced = signed_with == client_secret
        if reproduced and mistakes:
            assert_only_explanation("POST", PATH, query, listed, mistakes)
        time_verdict, diff = time_of(int(ts), now)
        found = ordered(list(mistakes) + ([time_verdict] if time_verdict and reproduced else []))
        if accepted_before:
            found = ["replayed"]
        want = verdict or (found[0] if found else ("valid" if reproduced else "unexplained"))
        c.update(result="valid", expected={
            "verdict": want,
            "mistakes": found if reproduced else [],
            "time_difference_ms": diff,
            "string_to_sign": right,
            "client_string_to_sign": client_text if reproduced else None,
        })
        cases.append(c)

    case("kd-valid", "signed right, a second and a half old")
    for m in STRING_MISTAKES:
        order = ["X-Api-TimeStamp", "X-Api-Nonce", "Content-Type"] if m == "signed_headers_unsorted" else None
        case("kd-" + m.replace("_", "-"), "signed with the one mistake " + m, [m], listed_order=order)
    for m in OUTPUT_MISTAKES:
        case("kd-" + m.replace("_", "-"), "the MAC written with the one mistake " + m, [m])
    case("kd-hex-upper-not-base64", "the HMAC's hex in upper case, without Base64", ["hex_uppercase", "hex_not_base64"])
    case("kd-wire-query-signed", "the query signed as it travels: encoded once, in the order sent",
         ["query_encoded_once", "query_unsorted"])
    case("kd-three-mistakes", "a hand-written client: query encoded once, capital header names, Base64 of the raw HMAC",
         ["query_encoded_once", "header_names_not_lowercased", "base64_of_raw_hmac"])
    case("kd-timestamp-in-seconds", "a 10-digit timestamp, signed as sent", ts=str(BASE_TS // 1000))
    case("kd-expired", "signed right, ten minutes old", now=BASE_TS + 600000)
    case("kd-from-the-future", "signed right, the client's clock six minutes ahead", now=BASE_TS - 360000)
    case("kd-mistake-and-expired", "the query encoded once, and the request late", ["query_encoded_once"], now=BASE_TS + 400000)
    case("kd-unexplained", "signed with another secret", signed_with="another-secret")
    case("kd-unexplained-expired", "another secret: the time is not judged when nothing reproduces the signature",
         signed_with="another-secret", now=BASE_TS + 600000)
    case("kd-replayed", "signed right and already accepted once by the caller's verifier", accepted_before=True)
    case("kd-missing-signature", "no X-Api-Signature: too malformed to diagnose", error="missing_header",
         drop=("X-Api-Signature",))
    case("kd-empty-secret", "the doctor needs the secret", client_secret="", error="empty_secret")
    case("kd-unsigned-query-data", "a pair with an empty name carries data no signature covers",
         query=QUERY + [["", "smuggled"]], error="unsigned_query_data")
    return cases


def wire_target(path, query):
    return path_encode(path) + ("?" + "&".join(mv.J(n) + "=" + mv.J(v) for n, v in query if n) if query else "")


def sh_single(text):
    return "'" + text.replace("'", "'\\''") + "'"


def sh_ansi(text):
    """Chrome's form for a word holding a single quote: $'…' with \\' and \\\\."""
    return "$'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def pasted():
    """Signed requests pasted as curl commands, raw HTTP and HAR, in the forms tools print."""
    nonces = iter(range(4300000000, 4300000999))
    cases = []

    def signed(mistakes=()):
        headers, text, _ = kingdee_request(str(next(nonces)), mistakes)
        return [h for h in headers if h[0] != "Host"]

    def case(cid, comment, fmt, text, headers, body=None, mistakes=(), method="POST", error=None):
        c = {"id": cid, "comment": comment, "client_secret": SECRET, "now_ms": NOW, "format": fmt, "text": text}
        if error:
            c.update(result="invalid", error=error)
        else:
            names = next(v for n, v in headers if n.lower() == "x-api-signheaders").split(",")
            listed = [(n, next(v for hn, v in headers if hn.lower() == n.lower())) for n in names]
            c.update(result="valid", expected={
                "method": method, "path": PATH, "query": QUERY, "headers": headers, "body": body,
                "verdict": ordered(list(mistakes))[0] if mistakes else "valid",
                "mistakes": ordered(list(mistakes)),
                "string_to_sign": kingdee_sts("POST", PATH, QUERY, listed, ()),
            })
        cases.append(c)

    url = "https://api.kingdee.com" + wire_target(PATH, QUERY)
    h = signed()
    text = "curl -X POST " + sh_single(url) + "".join(" \\\n  -H " + sh_single(n + ": " + v) for n, v in h)
    case("paste-curl-cli", "the form `qianming kingdee sign --format curl` prints", "curl", text, h)

    h = [[n.lower(), v] for n, v in signed()] + [["x-note", "it's"]]
    body = '{"billNo":"XSCK-0001","note":"it\'s"}'
    text = ("curl " + sh_single(url) + " \\\n" + "".join(
        "  -H " + (sh_ansi if "'" in n + v else sh_single)(n + ": " + v) + " \\\n" for n, v in
        [["accept", "application/json, text/plain, */*"]] + h) + "  --data-raw " + sh_ansi(body) + " \\\n  --compressed")
    case("paste-curl-chrome", "a browser's Copy as cURL (bash): lower-case names, $'…' quoting, --data-raw makes it a POST",
         "curl", text, [["accept", "application/json, text/plain, */*"]] + h, body=body)

    h = signed()
    text = 'curl --request POST --url "' + url + '" ' + " ".join(
        '--header "' + n + ": " + v.replace('"', '\\"') + '"' for n, v in h) + " -sS --max-time 10"
    case("paste-curl-double-quotes", "double quotes, --request, --url and options curl uses for transport only", "curl", text, h)

    h = signed(["query_encoded_once"])
    text = "curl -X POST " + sh_single(url) + "".join(" -H " + sh_single(n + ": " + v) for n, v in h)
    case("paste-curl-mistake", "a request signed with its query encoded once, pasted as curl", "curl", text, h,
         mistakes=["query_encoded_once"])

    h = signed()
    body = "a=1"
    text = ("POST " + wire_target(PATH, QUERY) + " HTTP/1.1\r\nHost: api.kingdee.com\r\n" +
            "".join(n + ": " + v + "\r\n" for n, v in h) + "\r\n" + body)
    case("paste-http", "a raw HTTP/1.1 request with CR LF line ends and a body", "http", text,
         [["Host", "api.kingdee.com"]] + h, body=body)

    h = [[n.lower(), v] for n, v in signed()]
    text = (":method: POST\n:authority: api.kingdee.com\n:scheme: https\n:path: " + wire_target(PATH, QUERY) + "\n" +
            "".join(n + ": " + v + "\n" for n, v in h))
    case("paste-http2", "HTTP/2 pseudo headers as developer tools show them", "http", text, h)

    h = signed()
    entry = lambda headers: {"startedDateTime": "2023-11-14T22:13:20.000Z", "request": {
        "method": "POST", "url": url, "httpVersion": "HTTP/2",
        "headers": [{"name": ":authority", "value": "api.kingdee.com"}] + [{"name": n, "value": v} for n, v in headers],
        "queryString": [{"name": n, "value": v} for n, v in QUERY], "postData": {"mimeType": "application/json", "text": "{}"}},
        "response": {"status": 519}}
    har = {"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"},
                   "entries": [entry([["accept", "*/*"]]), entry(h)]}}
    case("paste-har", "a HAR log with two entries: the one carrying X-Api-Signature is diagnosed", "har",
         json.dumps(har, ensure_ascii=False, indent=1), h, body="{}")

    case("paste-curl-unterminated", "an unterminated quote", "curl", "curl 'https://api.kingdee.com/a", [],
         error="invalid_field")
    case("paste-curl-no-url", "no URL", "curl", "curl -H 'X-Api-Nonce: 1'", [], error="invalid_field")
    case("paste-http-no-request-line", "no request line", "http", "X-Api-Nonce: 1\n", [], error="invalid_field")
    case("paste-har-not-json", "a HAR document that is not JSON", "har", '{"log": ', [], error="invalid_json")
    case("paste-bad-escape", "a target with a malformed escape", "curl", "curl 'https://h/a%zz'", [],
         error="invalid_percent_encoding")
    return cases


# ---------------------------------------------------------------- Weaver

APPID, WSECRET, KEY = "weaverappid", "weaversecret", "8fy6K39X6PIEEeOq"
W_NOW = 1742369260000


def weaver_sign(ts, md5_of="appid:secret", lower=False, mode="ecb", pad="pkcs7", encoding="hex", key=KEY):
    text = {"appid:secret": APPID + ":" + WSECRET, "secret:appid": WSECRET + ":" + APPID,
            "appidsecret": APPID + WSECRET}[md5_of]
    md5 = hashlib.md5(text.encode()).hexdigest()
    plain = ("%d_%s" % (ts, md5 if lower else md5.upper())).encode()
    if pad == "pkcs7":
        p = padding.PKCS7(128).padder()
        plain = p.update(plain) + p.finalize()
    else:
        plain += b"\0" * (-len(plain) % 16)
    kb = key.encode()
    m = {"ecb": modes.ECB(), "cbc0": modes.CBC(b"\0" * 16), "cbckey": modes.CBC(kb)}[mode]
    e = Cipher(algorithms.AES(kb), m).encryptor()
    data = e.update(plain) + e.finalize()
    return data.hex() if encoding == "hex" else base64.b64encode(data).decode()


def readable_routes(sign, key):
    """The routes (encoding, mode, padding) under which `sign` decrypts with `key` to printable
    text, as the doctor tries them."""
    found = []
    kb = key.encode()
    for encoding in ("hex", "base64"):
        try:
            data = bytes.fromhex(sign) if encoding == "hex" else base64.b64decode(sign, validate=True)
        except ValueError:
            continue
        if not data or len(data) % 16:
            continue
        for mode in ("ecb", "cbc0", "cbckey"):
            m = {"ecb": modes.ECB(), "cbc0": modes.CBC(b"\0" * 16), "cbckey": modes.CBC(kb)}[mode]
            if mode == "cbckey" and len(kb) != 16:
                continue
            d = Cipher(algorithms.AES(kb), m).decryptor()
            plain = d.update(data) + d.finalize()
            for pad in ("pkcs7", "zeros"):
                if pad == "pkcs7":
                    n = plain[-1]
                    if not 1 <= n <= 16 or plain[-n:] != bytes([n]) * n:
                        continue
                    text = plain[:-n]
                else:
                    text = plain.rstrip(b"\0")
                    if not 1 <= len(plain) - len(text) <= 15:
                        continue
                if all(0x20 <= b < 0x7f for b in text):
                    found.append((encoding, mode, pad, text.decode()))
    return found


def weaver_doctor():
    stamps = iter(range(W_NOW - 20000, W_NOW - 10000, 7))
    cases = []

    def case(cid, comment, mistakes=(), now=W_NOW, ts=None, sign=None, expected=None, error=None,
             accepted_before=False, aes_key=KEY, **how):
        ts = next(stamps) if ts is None else ts
        sign = weaver_sign(ts, **how) if sign is None else sign
        c = {"id": cid, "comment": comment, "appid": APPID, "secret": WSECRET, "aes_key": aes_key, "sign": sign,
             "now_ms": now}
        if accepted_before:
            c["accepted_before"] = True
        if error:
            c.update(result="invalid", error=error)
            cases.append(c)
            return
        if expected is None:
            # Exactly one way to read the sign, the one the client took.
            routes = readable_routes(sign, KEY)
            assert len(routes) == 1, (cid, routes)
            time_verdict, diff = time_of(ts, now)
            found = ["replayed"] if accepted_before else ordered(list(mistakes) + ([time_verdict] if time_verdict else []))
            expected = {"verdict": found[0] if found else "valid", "mistakes": found,
                        "timestamp_ms": ts, "time_difference_ms": diff}
        c.update(result="valid", expected=expected)
        cases.append(c)

    nothing = {"timestamp_ms": None, "time_difference_ms": None}
    case("wd-valid", "the seed's recipe, ten-odd seconds old")
    case("wd-md5-lowercase", "the MD5 in lower-case hex", ["md5_lowercase"], lower=True)
    case("wd-secret-appid-swapped", "MD5 of secret:appid", ["secret_appid_swapped"], md5_of="secret:appid")
    case("wd-md5-without-colon", "MD5 of appid and secret run together", ["md5_without_colon"], md5_of="appidsecret")
    case("wd-timestamp-in-seconds", "a 10-digit timestamp", ts=(W_NOW - 3000) // 1000)
    case("wd-base64-instead-of-hex", "the ciphertext sent as Base64", ["base64_instead_of_hex"], encoding="base64")
    case("wd-cbc-zero-iv", "AES-CBC with a zero IV", ["cbc_instead_of_ecb"], mode="cbc0")
    case("wd-cbc-key-iv", "AES-CBC with the key as IV", ["cbc_instead_of_ecb"], mode="cbckey")
    case("wd-zero-padding", "zero bytes as padding (PHP mcrypt)", ["zero_padding"], pad="zeros")
    case("wd-expired", "right, but six minutes old", ts=W_NOW - 360000)
    case("wd-from-the-future", "right, but the client's clock six minutes ahead", ts=W_NOW + 360000)
    case("wd-three-mistakes", "a port gone wrong three ways: Base64, lower-case MD5, seconds",
         ["base64_instead_of_hex", "md5_lowercase"], ts=(W_NOW - 4000) // 1000, encoding="base64", lower=True)
    other_key = weaver_sign(W_NOW - 6000, key="0123456789abcdef")
    assert readable_routes(other_key, KEY) == []
    case("wd-wrong-aes-key", "made with another AES key: it decrypts to nothing readable", sign=other_key,
         expected=dict(nothing, verdict="wrong_aes_key", mistakes=["wrong_aes_key"]))
    other_secret = mv.weaver_sign(APPID, "another-secret", KEY, W_NOW - 5000)[2]
    case("wd-unexplained-other-secret", "made for another secret: the MD5 matches no known recipe", sign=other_secret,
         expected={"verdict": "unexplained", "mistakes": [], "timestamp_ms": W_NOW - 5000, "time_difference_ms": 5000})
    case("wd-unexplained-not-a-sign", "neither hex nor Base64", sign="not a sign!",
         expected=dict(nothing, verdict="unexplained", mistakes=[]))
    case("wd-replayed", "right, and already accepted once by the caller's verifier", accepted_before=True)
    case("wd-bad-key-length", "the doctor needs a usable AES key", aes_key="short", error="invalid_key_length")
    case("wd-too-long", "a sign beyond the limit", sign="00" * 513, error="input_too_large")
    return cases


def main():
    kd = kingdee_doctor()
    pasted_cases = pasted()
    mv.write("kingdee_doctor.json", {
        "algorithm": "kingdee-doctor",
        "source": PROV,
        "notes": ("Section kingdee_doctor: the fields of verify_request (client_secret, method, decoded path, query pairs, "
                  "headers, now_ms; window_ms 300000) given to the Kingdee doctor; expected verdict, mistakes (code order, "
                  "the time verdict last), time_difference_ms (now - timestamp; for timestamp_in_seconds now - timestamp*1000), "
                  "string_to_sign (the gateway's) and client_string_to_sign (the client's, null when unexplained). "
                  "accepted_before: a verifier with this secret accepted the same request at now_ms first, and the doctor is "
                  "given that verifier. Section kingdee_doctor_pasted: the same request as text of `format` (curl, http, har); "
                  "expected the parsed method, decoded path, query and headers, the body, and the doctor's verdict. "
                  "Every nonce is unique, so one run may share a verifier across all cases (as the CLI --jsonl does)."),
        "kingdee_doctor": kd,
        "kingdee_doctor_pasted": pasted_cases,
    })
    mv.write("weaver_doctor.json", {
        "algorithm": "weaver-doctor",
        "source": PROV,
        "notes": ("Section weaver_doctor: the fields of verify_sign (appid, secret, aes_key, sign, now_ms; window_ms 300000) "
                  "given to the Weaver doctor; expected verdict, mistakes (code order, the time verdict last), timestamp_ms "
                  "and time_difference_ms (null when the sign did not decrypt to <digits>_<32 hex>). accepted_before: a "
                  "verifier with these credentials accepted the sign at now_ms first, and the doctor is given that verifier. "
                  "Every sign is unique, so one run may share a verifier across all cases."),
        "weaver_doctor": weaver_doctor(),
    })
