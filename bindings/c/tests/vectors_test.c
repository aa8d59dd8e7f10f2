/* Runs every case of every file in vectors/ through the C ABI. Every valid case is first
 * called with no buffer (a size query), then again with exactly the size reported. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support.h"

#define MAX_PAIRS 64

/* A list of [name, value] from the JSON as qm_pairs; a null value stays NULL. */
static size_t to_pairs(const cJSON *list, qm_pair *pairs, size_t offset) {
  size_t n = offset;
  const cJSON *item;
  cJSON_ArrayForEach(item, list) {
    if (n == MAX_PAIRS) {
      break;
    }
    text name = json_text(cJSON_GetArrayItem(item, 0));
    text value = json_text(cJSON_GetArrayItem(item, 1));
    pairs[n++] = (qm_pair){name.ptr, name.len, value.ptr, value.len};
  }
  return n;
}

/* Calls `run` with no buffer, then retries with the size it reports. Returns the final
 * status; `*buf` is malloc'ed (free it). */
typedef qm_status (*buffer_call)(const cJSON *c, void *parts, char *buf, size_t cap, size_t *out_len);

static qm_status with_reported_size(buffer_call run, const cJSON *c, void *parts, char **buf) {
  size_t needed = 0;
  *buf = NULL;
  qm_status status = run(c, parts, NULL, 0, &needed);
  if (status != QM_STATUS_INSUFFICIENT_SIZE) {
    return status;
  }
  *buf = malloc(needed ? needed : 1);
  size_t used = 0;
  status = run(c, parts, *buf, needed, &used);
  CHECK(status != QM_STATUS_OK || used == needed, "used %zu of the %zu reported", used, needed);
  return status;
}

/* Runs `run` as with_reported_size does and judges the status: `*ok` says whether it is the
 * case's expected one; returns whether there is an answer to compare (QM_STATUS_OK was
 * expected and given). */
static bool answered(buffer_call run, const cJSON *c, void *parts, char **buf, bool *ok) {
  qm_status status = with_reported_size(run, c, parts, buf);
  *ok = status == expected_status(c);
  return *ok && status == QM_STATUS_OK;
}

/* ---- app_signature ---- */
static qm_status app_signature_call(const cJSON *c, void *parts, char *buf, size_t cap, size_t *len) {
  text key = field(c, "app_key"), secret = field(c, "app_secret");
  return qm_kingdee_explain_app_signature(key.ptr, key.len, secret.ptr, secret.len, parts, buf, cap, len);
}

static bool app_signature(const cJSON *c) {
  qm_kingdee_app_signature_parts parts;
  char *buf;
  bool ok;
  if (answered(app_signature_call, c, &parts, &buf, &ok)) {
    ok = same_json(parts.hmac_hex, cJSON_GetObjectItem(c, "hmac_hex")) &&
         same_json(parts.app_signature, cJSON_GetObjectItem(c, "app_signature"));
    text key = field(c, "app_key"), secret = field(c, "app_secret");
    char plain[128];
    size_t len = 0;
    ok = ok && qm_kingdee_app_signature(key.ptr, key.len, secret.ptr, secret.len, plain, sizeof plain, &len) ==
                   QM_STATUS_OK;
    ok = ok && same((qm_str){plain, len}, field(c, "app_signature"));
  }
  free(buf);
  return ok;
}

/* ---- request ---- */
typedef struct {
  qm_kingdee_signer *signer;
  qm_kingdee_signed_request out;
} request_parts;

static qm_status request_call(const cJSON *c, void *p, char *buf, size_t cap, size_t *len) {
  request_parts *parts = p;
  qm_pair query[MAX_PAIRS], extra[MAX_PAIRS];
  size_t nq = to_pairs(cJSON_GetObjectItem(c, "query"), query, 0);
  size_t ne = to_pairs(cJSON_GetObjectItem(c, "sign_headers"), extra, 0);
  const cJSON *bare;
  cJSON_ArrayForEach(bare, cJSON_GetObjectItem(c, "sign_header_names_without_value")) {
    text name = json_text(bare);
    if (ne < MAX_PAIRS) {
      extra[ne++] = (qm_pair){name.ptr, name.len, NULL, 0};
    }
  }
  text method = field(c, "method"), path = field(c, "path"), ts = field(c, "timestamp"), nonce = field(c, "nonce");
  return qm_kingdee_signer_sign(parts->signer, method.ptr, method.len, path.ptr, path.len, query, nq, extra, ne,
                                ts.ptr, ts.len, nonce.ptr, nonce.len, &parts->out, buf, cap, len);
}

/* The vector lists signed headers; the ABI joins them with ',' (they are tokens). */
static bool same_list(qm_str got, const cJSON *list) {
  char joined[1024] = "";
  size_t n = 0;
  const cJSON *item;
  cJSON_ArrayForEach(item, list) {
    n += (size_t)snprintf(joined + n, sizeof joined - n, "%s%s", n ? "," : "", cJSON_GetStringValue(item));
  }
  return same(got, (text){joined, strlen(joined)});
}

static bool request(const cJSON *c) {
  request_parts parts;
  memset(&parts, 0, sizeof parts);
  text id = field(c, "client_id"), secret = field(c, "client_secret");
  qm_status status = qm_kingdee_signer_new(id.ptr, id.len, secret.ptr, secret.len, &parts.signer);
  char *buf = NULL;
  if (status == QM_STATUS_OK) {
    status = with_reported_size(request_call, c, &parts, &buf);
  }
  bool ok = status == expected_status(c);
  if (ok && status == QM_STATUS_OK) {
    const cJSON *want = cJSON_GetObjectItem(c, "expected");
    const qm_kingdee_signed_request *o = &parts.out;
    ok = same_json(o->canonical_path, cJSON_GetObjectItem(want, "canonical_path")) &&
         same_json(o->canonical_query, cJSON_GetObjectItem(want, "canonical_query")) &&
         same_json(o->string_to_sign, cJSON_GetObjectItem(want, "string_to_sign")) &&
         same_json(o->hmac_hex, cJSON_GetObjectItem(want, "hmac_hex")) &&
         same_json(o->signature, cJSON_GetObjectItem(want, "signature")) &&
         same_list(o->signed_headers, cJSON_GetObjectItem(want, "signed_headers"));
    const cJSON *wire = cJSON_GetObjectItem(want, "wire_query");
    ok = ok && (wire == NULL || same_json(o->wire_query, wire));
    for (size_t i = 0; ok && i < QM_KINGDEE_SIGNER_HEADER_COUNT; i++) {
      char name[64];
      snprintf(name, sizeof name, "%.*s", (int)o->headers[i].name.len, o->headers[i].name.ptr);
      ok = same_json(o->headers[i].value, cJSON_GetObjectItem(cJSON_GetObjectItem(want, "headers"), name));
      CHECK(ok, "header %s", name);
    }
  }
  free(buf);
  qm_kingdee_signer_free(parts.signer);
  return ok;
}

/* ---- verify_request ---- */
static qm_status verify_call(const cJSON *c, void *parts, char *buf, size_t cap, size_t *len) {
  qm_pair query[MAX_PAIRS], headers[MAX_PAIRS];
  size_t nq = to_pairs(cJSON_GetObjectItem(c, "query"), query, 0);
  size_t nh = to_pairs(cJSON_GetObjectItem(c, "headers"), headers, 0);
  const cJSON *window = cJSON_GetObjectItem(c, "window_ms");
  text secret = field(c, "client_secret"), method = field(c, "method"), path = field(c, "path");
  return qm_kingdee_verify(secret.ptr, secret.len, window ? json_u64(window) : QM_DEFAULT_WINDOW_MS, method.ptr,
                           method.len, path.ptr, path.len, query, nq, headers, nh,
                           json_u64(cJSON_GetObjectItem(c, "now_ms")), parts, buf, cap, len);
}

static bool same_verified(const qm_kingdee_verified *parts, const cJSON *c) {
  const cJSON *want = cJSON_GetObjectItem(c, "expected");
  return same_json(parts->client_id, cJSON_GetObjectItem(want, "client_id")) &&
         same_json(parts->nonce, cJSON_GetObjectItem(want, "nonce")) &&
         parts->timestamp_ms == json_u64(cJSON_GetObjectItem(want, "timestamp_ms"));
}

/* The same case through a verifier handle: the same verdict, then (when valid) the same
 * request again is a replay; the stateless call agrees and names the ticket to record. */
static bool verify_request_with_handle(const cJSON *c) {
  qm_pair query[MAX_PAIRS], headers[MAX_PAIRS];
  size_t nq = to_pairs(cJSON_GetObjectItem(c, "query"), query, 0);
  size_t nh = to_pairs(cJSON_GetObjectItem(c, "headers"), headers, 0);
  const cJSON *window = cJSON_GetObjectItem(c, "window_ms");
  uint64_t window_ms = window ? json_u64(window) : QM_DEFAULT_WINDOW_MS;
  uint64_t now = json_u64(cJSON_GetObjectItem(c, "now_ms"));
  text secret = field(c, "client_secret"), method = field(c, "method"), path = field(c, "path");
  qm_kingdee_verifier *v = NULL;
  qm_status made = qm_kingdee_verifier_new(secret.ptr, secret.len, window_ms, 0, false, &v);
  if (made != QM_STATUS_OK) {
    return made == expected_status(c) && v == NULL;
  }
  qm_kingdee_verified parts;
  qm_replay_ticket ticket;
  char buf[1024];
  size_t len = 0;
  qm_status stateless = qm_kingdee_verifier_verify_stateless(v, method.ptr, method.len, path.ptr, path.len, query, nq,
                                                             headers, nh, now, &parts, &ticket, buf, sizeof buf, &len);
  bool ok = stateless == expected_status(c);
  if (ok && stateless == QM_STATUS_OK) {
    ok = same_verified(&parts, c) && ticket.key.len > 8 && memcmp(ticket.key.ptr, "kingdee:", 8) == 0 &&
         ticket.expires_at_ms == parts.timestamp_ms + window_ms;
  }
  qm_status first = qm_kingdee_verifier_verify(v, method.ptr, method.len, path.ptr, path.len, query, nq, headers, nh,
                                               now, &parts, buf, sizeof buf, &len);
  ok = ok && first == expected_status(c);
  if (ok && first == QM_STATUS_OK) {
    ok = same_verified(&parts, c) &&
         qm_kingdee_verifier_verify(v, method.ptr, method.len, path.ptr, path.len, query, nq, headers, nh, now,
                                    &parts, buf, sizeof buf, &len) == QM_STATUS_REPLAYED;
  }
  size_t remembered = 99;
  ok = ok && qm_kingdee_verifier_remembered(v, &remembered) == QM_STATUS_OK &&
       remembered == (first == QM_STATUS_OK ? 1u : 0u);
  qm_kingdee_verifier_free(v);
  return ok;
}

static bool verify_request(const cJSON *c) {
  qm_kingdee_verified parts;
  char *buf;
  bool ok;
  if (answered(verify_call, c, &parts, &buf, &ok)) {
    ok = same_verified(&parts, c);
  }
  free(buf);
  CHECK(ok, "one-shot verify");
  bool handle_ok = verify_request_with_handle(c);
  CHECK(handle_ok, "verify through a handle");
  return ok && handle_ok;
}

/* ---- sign (Weaver) ---- */
static qm_status weaver_call(const cJSON *c, void *parts, char *buf, size_t cap, size_t *len) {
  text appid = field(c, "appid"), secret = field(c, "secret"), key = field(c, "aes_key");
  return qm_weaver_explain(appid.ptr, appid.len, secret.ptr, secret.len, key.ptr, key.len,
                           json_u64(cJSON_GetObjectItem(c, "timestamp_ms")), parts, buf, cap, len);
}

static bool weaver_sign(const cJSON *c) {
  qm_weaver_explanation parts;
  char *buf;
  bool ok;
  if (answered(weaver_call, c, &parts, &buf, &ok)) {
    ok = same_json(parts.md5_upper, cJSON_GetObjectItem(c, "md5_upper")) &&
         same_json(parts.plaintext, cJSON_GetObjectItem(c, "plaintext")) &&
         same_json(parts.sign, cJSON_GetObjectItem(c, "sign"));
    text appid = field(c, "appid"), secret = field(c, "secret"), key = field(c, "aes_key");
    char sign[256];
    size_t len = 0;
    ok = ok && qm_weaver_sign(appid.ptr, appid.len, secret.ptr, secret.len, key.ptr, key.len,
                              json_u64(cJSON_GetObjectItem(c, "timestamp_ms")), sign, sizeof sign,
                              &len) == QM_STATUS_OK;
    ok = ok && same((qm_str){sign, len}, field(c, "sign"));
  }
  free(buf);
  return ok;
}

/* ---- verify_sign: steps in order on one verifier ---- */
static bool verify_sign(const cJSON *c) {
  text appid = field(c, "appid"), secret = field(c, "secret"), key = field(c, "aes_key");
  const cJSON *window = cJSON_GetObjectItem(c, "window_ms");
  qm_weaver_verifier *verifier = NULL;
  qm_status made = qm_weaver_verifier_new(appid.ptr, appid.len, secret.ptr, secret.len, key.ptr, key.len,
                                          window ? json_u64(window) : QM_DEFAULT_WINDOW_MS, &verifier);
  bool ok = true;
  const cJSON *step;
  cJSON_ArrayForEach(step, cJSON_GetObjectItem(c, "steps")) {
    qm_status status = made;
    uint64_t ts = 0;
    if (made == QM_STATUS_OK) {
      text sign = field(step, "sign");
      status = qm_weaver_verifier_verify(verifier, sign.ptr, sign.len,
                                         json_u64(cJSON_GetObjectItem(step, "now_ms")), &ts);
    }
    bool step_ok = status == expected_status(step) &&
                   (status != QM_STATUS_OK || ts == json_u64(cJSON_GetObjectItem(step, "timestamp_ms")));
    CHECK(step_ok, "verify_sign step: got %s", qm_status_name(status));
    ok = ok && step_ok;
  }
  qm_weaver_verifier_free(verifier);
  return ok;
}

/* ---- basic ---- */
typedef qm_status (*basic_encoder)(const char *, size_t, const char *, size_t, char *, size_t, size_t *);

static bool encoded_as(basic_encoder encode, const cJSON *c, const char *want) {
  text user = field(c, "user"), password = field(c, "password");
  size_t needed = 0;
  qm_status status = encode(user.ptr, user.len, password.ptr, password.len, NULL, 0, &needed);
  if (status != QM_STATUS_INSUFFICIENT_SIZE) {
    return status == expected_status(c) && want == NULL;
  }
  char *buf = malloc(needed);
  size_t len = 0;
  status = encode(user.ptr, user.len, password.ptr, password.len, buf, needed, &len);
  bool ok = status == QM_STATUS_OK && want != NULL && same((qm_str){buf, len}, field(c, want));
  free(buf);
  return ok;
}

static bool basic_encode(const cJSON *c) {
  bool valid = expected_status(c) == QM_STATUS_OK;
  return encoded_as(qm_basic_credentials, c, valid ? "credentials" : NULL) &&
         encoded_as(qm_basic_authorization_header, c, valid ? "authorization" : NULL) &&
         encoded_as(qm_basic_authorization_header_raw, c, valid ? "authorization_raw" : NULL);
}

static qm_status decode_call(const cJSON *c, void *parts, char *buf, size_t cap, size_t *len) {
  text header = field(c, "authorization");
  return qm_basic_parse_authorization(header.ptr, header.len, parts, buf, cap, len);
}

static bool basic_decode(const cJSON *c) {
  qm_basic_user_password parts;
  char *buf;
  bool ok;
  if (answered(decode_call, c, &parts, &buf, &ok)) {
    ok = same_json(parts.user, cJSON_GetObjectItem(c, "user")) &&
         same_json(parts.password, cJSON_GetObjectItem(c, "password"));
  }
  free(buf);
  return ok;
}

/* ==== issue 6: token requests and answers ==== */

/* An optional text: JSON null wants an absent view (NULL ptr), a string the same bytes. */
static bool same_opt(qm_str got, const cJSON *want) {
  if (want == NULL || cJSON_IsNull(want)) {
    return got.ptr == NULL;
  }
  return got.ptr != NULL && same_json(got, want);
}

static bool same_opt_u64(qm_opt_u64 got, const cJSON *want) {
  if (want == NULL || cJSON_IsNull(want)) {
    return !got.present;
  }
  return got.present && got.value == json_u64(want) && (cJSON_IsNumber(want) || cJSON_IsString(want));
}

/* Large integers reach the test as strings (see load_vector_file), so both shapes count. */
static bool same_u64(uint64_t got, const cJSON *want) {
  return (cJSON_IsNumber(want) || cJSON_IsString(want)) && got == json_u64(want);
}

static const cJSON *get(const cJSON *c, const char *name) { return cJSON_GetObjectItemCaseSensitive(c, name); }

/* A nullable input: JSON null (or absent) becomes a NULL pointer. */
static text opt_field(const cJSON *c, const char *name) { return json_text(get(c, name)); }

/* The body of an answer case: body or body_hex, then repeat x times, then tail. malloc'ed. */
static uint8_t *answer_body(const cJSON *c, size_t *len) {
  text body = field(c, "body");
  const char *hex = cJSON_GetStringValue(get(c, "body_hex"));
  text repeat = field(c, "repeat");
  text tail = field(c, "tail");
  uint64_t times = json_u64(get(c, "times"));
  size_t head = hex != NULL ? strlen(hex) / 2 : body.len;
  size_t total = head + (repeat.ptr ? repeat.len * times : 0) + tail.len;
  uint8_t *out = malloc(total ? total : 1);
  size_t n = 0;
  if (hex != NULL) {
    for (size_t i = 0; i < head; i++) {
      unsigned byte = 0;
      sscanf(hex + 2 * i, "%2x", &byte);
      out[n++] = (uint8_t)byte;
    }
  } else if (body.len) {
    memcpy(out, body.ptr, body.len);
    n = body.len;
  }
  for (uint64_t t = 0; repeat.ptr != NULL && t < times; t++) {
    memcpy(out + n, repeat.ptr, repeat.len);
    n += repeat.len;
  }
  if (tail.len) {
    memcpy(out + n, tail.ptr, tail.len);
    n += tail.len;
  }
  *len = n;
  return out;
}

/* Compares a built request with {method, url, headers (ordered), body}. */
static bool same_request(const qm_http_request *got, const cJSON *want) {
  bool ok = same_json(got->method, get(want, "method")) && same_json(got->url, get(want, "url")) &&
            same_opt(got->body, get(want, "body"));
  const cJSON *headers = get(want, "headers");
  ok = ok && (size_t)cJSON_GetArraySize(headers) == got->header_count;
  for (size_t i = 0; ok && i < got->header_count; i++) {
    const cJSON *h = cJSON_GetArrayItem(headers, (int)i);
    ok = same_json(got->headers[i].name, cJSON_GetArrayItem(h, 0)) &&
         same_json(got->headers[i].value, cJSON_GetArrayItem(h, 1));
  }
  return ok;
}

/* A request builder's case: `call` fills a qm_http_request, judged against `expected`. */
static bool request_case(const cJSON *c, buffer_call call) {
  qm_http_request req;
  char *buf;
  bool ok;
  if (answered(call, c, &req, &buf, &ok)) {
    ok = same_request(&req, get(c, "expected"));
  }
  free(buf);
  return ok;
}

/* A builder's call for request_case, and its case function `name`. */
#define REQUEST_RUNNER(name, call_expr)                                                          \
  static qm_status name##_call(const cJSON *c, void *parts, char *buf, size_t cap, size_t *len) { \
    return call_expr;                                                                             \
  }                                                                                               \
  static bool name(const cJSON *c) { return request_case(c, name##_call); }

#define T(name) field(c, name).ptr, field(c, name).len
#define OPT(name) opt_field(c, name).ptr, opt_field(c, name).len

REQUEST_RUNNER(weaver_token_request,
               qm_weaver_token_request(T("base_url"), T("appid"), T("sign"), parts, buf, cap, len))
REQUEST_RUNNER(oauth_token_request,
               qm_oauth_token_request(T("base_url"), T("client_id"), T("client_secret"), T("redirect_uri"),
                                      T("code"), OPT("code_verifier"), parts, buf, cap, len))
REQUEST_RUNNER(oauth_userinfo_request,
               qm_oauth_userinfo_request(T("base_url"), T("access_token"), parts, buf, cap, len))
REQUEST_RUNNER(edge_login_request,
               qm_edge_login_request(T("base_url"), T("username"), T("password"), parts, buf, cap, len))
REQUEST_RUNNER(edge_refresh_request,
               qm_edge_refresh_request(T("base_url"), T("refresh_token"), parts, buf, cap, len))

/* Apusic: the base URL comes from `host` through qm_apusic_base_url_for_host, or `base_url`. */
static qm_status apusic_session_call(const cJSON *c, void *parts, char *buf, size_t cap, size_t *len) {
  char base[512];
  size_t base_len = 0;
  text base_url = field(c, "base_url");
  if (get(c, "host") != NULL && !cJSON_IsNull(get(c, "host"))) {
    qm_status st = qm_apusic_base_url_for_host(T("host"), base, sizeof base, &base_len);
    if (st != QM_STATUS_OK) {
      return st;
    }
    base_url = (text){base, base_len};
  }
  const char *mode = cJSON_GetStringValue(get(c, "mode"));
  uint32_t m = mode != NULL && strcmp(mode, "raw") == 0 ? QM_BASIC_MODE_RAW : QM_BASIC_MODE_BASIC;
  return qm_apusic_session_request(base_url.ptr, base_url.len, T("user"), T("password"), m, T("remote_host_name"),
                                   parts, buf, cap, len);
}

static bool apusic_session_request(const cJSON *c) { return request_case(c, apusic_session_call); }

/* Kingdee token request: a signer handle first. */
static qm_status kingdee_token_request_call(const cJSON *c, void *parts, char *buf, size_t cap, size_t *len) {
  qm_kingdee_signer *signer = NULL;
  qm_status st = qm_kingdee_signer_new(T("client_id"), T("client_secret"), &signer);
  if (st != QM_STATUS_OK) {
    return st;
  }
  st = qm_kingdee_token_request(signer, T("base_url"), T("app_key"), T("app_secret"), OPT("uid"), T("timestamp"),
                                T("nonce"), parts, buf, cap, len);
  qm_kingdee_signer_free(signer);
  return st;
}

static bool kingdee_token_request(const cJSON *c) {
  qm_kingdee_token_request_parts parts;
  char *buf;
  bool ok;
  if (answered(kingdee_token_request_call, c, &parts, &buf, &ok)) {
    const cJSON *want = get(c, "expected");
    ok = same_request(&parts.http, want) && same_json(parts.app_signature, get(want, "app_signature")) &&
         same_json(parts.string_to_sign, get(want, "string_to_sign"));
  }
  free(buf);
  return ok;
}

/* Parsers with refusals: the token struct, the refusal and the body travel together. */
typedef struct {
  void *token;
  qm_refusal refusal;
  const uint8_t *body;
  size_t body_len;
} answer_parts;

/* Checks the refusal against the case's `refusal` (when present) and the status; a granted
 * answer must report refused == false. */
static bool refusal_ok(const cJSON *c, qm_status status, const qm_refusal *r) {
  const cJSON *want = get(c, "refusal");
  if (status == QM_STATUS_OK) {
    return !r->refused;
  }
  if (want == NULL) {
    return true;
  }
  return r->refused && r->status == status && same_opt(r->code, get(want, "code")) &&
         same_opt(r->message, get(want, "message")) && same_opt(r->batchkey, get(want, "batchkey"));
}

#define ANSWER_RUNNER(name, token_type, call_expr, check_expr)                                     \
  static qm_status name##_call(const cJSON *c, void *p, char *buf, size_t cap, size_t *len) {       \
    answer_parts *a = p;                                                                            \
    (void)c;                                                                                        \
    return call_expr;                                                                               \
  }                                                                                                 \
  static bool name(const cJSON *c) {                                                                \
    token_type t;                                                                                   \
    answer_parts a = {&t, {0}, NULL, 0};                                                            \
    uint8_t *body = answer_body(c, &a.body_len);                                                    \
    a.body = body;                                                                                  \
    char *buf;                                                                                      \
    qm_status status = with_reported_size(name##_call, c, &a, &buf);                                \
    bool ok = status == expected_status(c) && refusal_ok(c, status, &a.refusal);                    \
    const cJSON *w = get(c, "expected");                                                            \
    (void)w;                                                                                        \
    if (ok && status == QM_STATUS_OK) {                                                             \
      ok = check_expr;                                                                              \
    }                                                                                               \
    free(buf);                                                                                      \
    free(body);                                                                                     \
    return ok;                                                                                      \
  }

ANSWER_RUNNER(kingdee_token_answer, qm_kingdee_app_token,
              qm_kingdee_parse_token_answer(a->body, a->body_len, json_u64(get(c, "received_at_ms")), a->token,
                                            &a->refusal, buf, cap, len),
              same_json(t.app_token, get(w, "app_token")) && same_opt(t.uid, get(w, "uid")) &&
                  same_u64(t.lifetime.expires_at_ms, get(w, "expires_at_ms")))
ANSWER_RUNNER(weaver_token_answer, qm_weaver_token,
              qm_weaver_parse_token_answer(a->body, a->body_len, json_u64(get(c, "received_at_ms")), a->token,
                                           &a->refusal, buf, cap, len),
              same_json(t.token, get(w, "token")) && same_opt(t.msg, get(w, "msg")) &&
                  same_opt(t.batchkey, get(w, "batchkey")) &&
                  same_u64(t.lifetime.expires_at_ms, get(w, "expires_at_ms")))
ANSWER_RUNNER(apusic_session_answer, qm_apusic_session_token,
              qm_apusic_parse_session_answer(a->body, a->body_len, a->token, &a->refusal, buf, cap, len),
              same_json(t.token, get(w, "token")) && same_opt(t.message, get(w, "message")))
ANSWER_RUNNER(edge_token_answer, qm_edge_token,
              qm_edge_parse_token_answer(a->body, a->body_len, a->token, &a->refusal, buf, cap, len),
              same_json(t.access_token, get(w, "access_token")) && same_opt(t.refresh_token, get(w, "refresh_token")) &&
                  same_u64(t.expire, get(w, "expire")) && same_opt_u64(t.t, get(w, "t")) &&
                  same_opt(t.code, get(w, "code")) && same_u64(t.lifetime.expires_at_ms, get(w, "expires_at_ms")) &&
                  same_opt_u64(t.lifetime.refresh_expires_at_ms, get(w, "refresh_expires_at_ms")))
ANSWER_RUNNER(oauth_token_answer, qm_oauth_access_token,
              qm_oauth_parse_token_answer(a->body, a->body_len, a->token, buf, cap, len),
              same_json(t.access_token, get(w, "access_token")) && same_opt_u64(t.expires, get(w, "expires")))

/* Lists (headers, attributes): texts in buf, views in a caller array. Query the sizes with no
 * buffer and no array, then retry with exactly what was reported. */
typedef qm_status (*list_call)(const cJSON *c, const uint8_t *body, size_t body_len, qm_str *one, qm_header *items,
                               size_t item_cap, size_t *count, char *buf, size_t cap, size_t *len);

static bool list_case(const cJSON *c, list_call call, const char *one_name, const char *list_name) {
  size_t body_len = 0;
  uint8_t *body = answer_body(c, &body_len);
  size_t needed = 0, count = 0;
  qm_str one = {NULL, 0};
  qm_status status = call(c, body, body_len, &one, NULL, 0, &count, NULL, 0, &needed);
  qm_header *items = NULL;
  char *buf = NULL;
  if (status == QM_STATUS_INSUFFICIENT_SIZE) {
    items = malloc((count ? count : 1) * sizeof *items);
    buf = malloc(needed ? needed : 1);
    size_t used = 0, got = 0;
    status = call(c, body, body_len, &one, items, count, &got, buf, needed, &used);
    CHECK(status != QM_STATUS_OK || (used == needed && got == count), "list sizes: used %zu of %zu, %zu of %zu items",
          used, needed, got, count);
  }
  bool ok = status == expected_status(c);
  if (ok && status == QM_STATUS_OK) {
    const cJSON *want = get(c, "expected");
    ok = one_name == NULL || same_json(one, get(want, one_name));
    const cJSON *list = get(want, list_name);
    ok = ok && (size_t)cJSON_GetArraySize(list) == count;
    for (size_t i = 0; ok && i < count; i++) {
      const cJSON *p = cJSON_GetArrayItem(list, (int)i);
      ok = same_json(items[i].name, cJSON_GetArrayItem(p, 0)) && same_json(items[i].value, cJSON_GetArrayItem(p, 1));
    }
  }
  free(items);
  free(buf);
  free(body);
  return ok;
}

static qm_status call_headers_call(const cJSON *c, const uint8_t *body, size_t body_len, qm_str *one, qm_header *items,
                                   size_t item_cap, size_t *count, char *buf, size_t cap, size_t *len) {
  (void)body, (void)body_len, (void)one;
  return qm_apusic_call_headers(T("token"), OPT("cookie_name"), cJSON_IsTrue(get(c, "x_auth_token")), items, item_cap,
                                count, buf, cap, len);
}

static bool apusic_call_headers(const cJSON *c) { return list_case(c, call_headers_call, NULL, "headers"); }

static qm_status userinfo_call(const cJSON *c, const uint8_t *body, size_t body_len, qm_str *one, qm_header *items,
                               size_t item_cap, size_t *count, char *buf, size_t cap, size_t *len) {
  (void)c;
  return qm_oauth_parse_userinfo_answer(body, body_len, one, items, item_cap, count, buf, cap, len);
}

static bool oauth_userinfo_answer(const cJSON *c) { return list_case(c, userinfo_call, "id", "attributes"); }

static qm_status authorize_call(const cJSON *c, void *parts, char *buf, size_t cap, size_t *len) {
  (void)parts;
  return qm_oauth_authorize_url(T("base_url"), T("client_id"), T("redirect_uri"), OPT("state"), OPT("code_verifier"), buf,
                                cap, len);
}

static bool oauth_authorize_url(const cJSON *c) {
  char *buf;
  size_t len = 0;
  bool ok;
  if (answered(authorize_call, c, NULL, &buf, &ok)) {
    const cJSON *want = get(c, "expected");
    qm_status again = qm_oauth_authorize_url(T("base_url"), T("client_id"), T("redirect_uri"), OPT("state"),
                                             OPT("code_verifier"), NULL, 0, &len);
    ok = again == QM_STATUS_INSUFFICIENT_SIZE && same_json((qm_str){buf, len}, get(want, "url"));
    const cJSON *challenge = get(want, "code_challenge");
    if (ok && cJSON_IsString(challenge)) {
      char out[64];
      size_t n = 0;
      ok = qm_oauth_pkce_challenge(T("code_verifier"), out, sizeof out, &n) == QM_STATUS_OK &&
           same_json((qm_str){out, n}, challenge);
    } else if (ok) {
      ok = cJSON_IsNull(challenge) && opt_field(c, "code_verifier").ptr == NULL;
    }
  }
  free(buf);
  return ok;
}

static qm_status callback_call(const cJSON *c, void *parts, char *buf, size_t cap, size_t *len) {
  return qm_oauth_parse_callback(T("callback"), OPT("expected_state"), parts, buf, cap, len);
}

static bool oauth_callback(const cJSON *c) {
  qm_oauth_callback cb;
  char *buf;
  bool ok;
  if (answered(callback_call, c, &cb, &buf, &ok)) {
    const cJSON *want = get(c, "expected");
    ok = same_json(cb.code, get(want, "code")) && same_opt(cb.state, get(want, "state"));
  }
  free(buf);
  return ok;
}

static qm_status x_token_call(const cJSON *c, void *parts, char *buf, size_t cap, size_t *len) {
  return qm_edge_x_token_header(T("access_token"), parts, buf, cap, len);
}

static bool edge_x_token(const cJSON *c) {
  qm_header h;
  char *buf;
  bool ok;
  if (answered(x_token_call, c, &h, &buf, &ok)) {
    const cJSON *want = get(c, "expected");
    ok = same_json(h.name, get(want, "name")) && same_json(h.value, get(want, "value"));
  }
  free(buf);
  return ok;
}

static qm_status jwt_call(const cJSON *c, void *parts, char *buf, size_t cap, size_t *len) {
  return qm_edge_read_jwt_claims(T("jwt"), parts, buf, cap, len);
}

static bool edge_jwt(const cJSON *c) {
  qm_edge_jwt_claims claims;
  char *buf;
  bool ok;
  if (answered(jwt_call, c, &claims, &buf, &ok)) {
    const cJSON *want = get(c, "expected");
    ok = same_opt_u64(claims.exp, get(want, "exp")) && same_opt_u64(claims.iat, get(want, "iat")) &&
         same_opt_u64(claims.nbf, get(want, "nbf")) && same_opt(claims.iss, get(want, "iss")) &&
         claims.payload_json.len > 0;
  }
  free(buf);
  return ok;
}

static bool token_lifetime(const cJSON *c) {
  qm_lifetime life;
  qm_status st = get(c, "exp_s") != NULL
                     ? qm_lifetime_from_exp_seconds(json_u64(get(c, "exp_s")), &life)
                     : qm_lifetime_from_duration(json_u64(get(c, "issued_at_ms")), json_u64(get(c, "lifetime_ms")), &life);
  if (st == QM_STATUS_OK && get(c, "refresh_expires_at_ms") != NULL) {
    st = qm_lifetime_set_refresh(&life, json_u64(get(c, "refresh_expires_at_ms")), false);
  }
  if (st == QM_STATUS_OK && get(c, "refresh_exp_s") != NULL) {
    st = qm_lifetime_set_refresh(&life, json_u64(get(c, "refresh_exp_s")), true);
  }
  uint32_t action = UINT32_MAX;
  if (st == QM_STATUS_OK) {
    st = qm_lifetime_action(&life, json_u64(get(c, "now_ms")), json_u64(get(c, "skew_ms")), &action);
  }
  bool ok = st == expected_status(c);
  if (ok && st == QM_STATUS_OK) {
    const cJSON *want = get(c, "expected");
    const char *name = qm_token_action_name(action);
    ok = same_json((qm_str){name, strlen(name)}, get(want, "action")) &&
         same_u64(life.expires_at_ms, get(want, "expires_at_ms"));
  }
  return ok;
}


/* ==== issue 15: the signature doctor ==== */

/* A signed difference: JSON numbers here stay far inside a double's exact range. */
static bool same_i64(int64_t got, const cJSON *want) { return cJSON_IsNumber(want) && got == (int64_t)want->valuedouble; }

/* The verdict's name, code and both explanations agree with one another and the vector. */
static bool same_verdict(uint32_t code, qm_str name, qm_str en, qm_str zh, const cJSON *want) {
  return same_json(name, get(want, "verdict")) && code > 0 && en.len > 20 && zh.len > 20 && en.ptr != zh.ptr;
}

typedef struct {
  qm_kingdee_doctor_report report;
  const qm_kingdee_verifier *seen_by;
} kingdee_doctor_parts;

static qm_status kingdee_doctor_call(const cJSON *c, void *p, char *buf, size_t cap, size_t *len) {
  kingdee_doctor_parts *parts = p;
  qm_pair query[MAX_PAIRS], headers[MAX_PAIRS];
  size_t nq = to_pairs(get(c, "query"), query, 0);
  size_t nh = to_pairs(get(c, "headers"), headers, 0);
  text secret = field(c, "client_secret"), method = field(c, "method"), path = field(c, "path");
  return qm_kingdee_doctor(secret.ptr, secret.len, method.ptr, method.len, path.ptr, path.len, query, nq, headers, nh,
                           parts->seen_by, json_u64(get(c, "now_ms")), QM_DEFAULT_WINDOW_MS, &parts->report, buf, cap,
                           len);
}

/* A verifier for the case's secret that has accepted the request first when the case says
 * `accepted_before`; NULL when the secret makes no verifier. */
static qm_kingdee_verifier *kingdee_seen_by(const cJSON *c) {
  text secret = field(c, "client_secret");
  qm_kingdee_verifier *v = NULL;
  if (qm_kingdee_verifier_new(secret.ptr, secret.len, QM_DEFAULT_WINDOW_MS, 0, false, &v) != QM_STATUS_OK) {
    return NULL;
  }
  if (cJSON_IsTrue(get(c, "accepted_before"))) {
    qm_pair query[MAX_PAIRS], headers[MAX_PAIRS];
    size_t nq = to_pairs(get(c, "query"), query, 0);
    size_t nh = to_pairs(get(c, "headers"), headers, 0);
    text method = field(c, "method"), path = field(c, "path");
    qm_kingdee_verified verified;
    char buf[512];
    size_t len = 0;
    qm_status first = qm_kingdee_verifier_verify(v, method.ptr, method.len, path.ptr, path.len, query, nq, headers, nh,
                                                 json_u64(get(c, "now_ms")), &verified, buf, sizeof buf, &len);
    CHECK_STATUS(first, QM_STATUS_OK, "accepted before the doctor");
  }
  return v;
}

static bool same_kingdee_report(const qm_kingdee_doctor_report *r, const cJSON *want) {
  return same_verdict(r->verdict_code, r->verdict, r->explanation, r->explanation_zh, want) &&
         same_list(r->mistakes, get(want, "mistakes")) && same_json(r->string_to_sign, get(want, "string_to_sign")) &&
         (get(want, "client_string_to_sign") == NULL || same_opt(r->client_string_to_sign, get(want, "client_string_to_sign"))) &&
         (get(want, "time_difference_ms") == NULL || same_i64(r->time_difference_ms, get(want, "time_difference_ms"))) &&
         r->window_ms == QM_DEFAULT_WINDOW_MS;
}

static bool kingdee_doctor(const cJSON *c) {
  kingdee_doctor_parts parts = {.seen_by = kingdee_seen_by(c)};
  char *buf;
  bool ok;
  if (answered(kingdee_doctor_call, c, &parts, &buf, &ok)) {
    ok = same_kingdee_report(&parts.report, get(c, "expected")) &&
         parts.report.now_ms == json_u64(get(c, "now_ms"));
  }
  free(buf);
  qm_kingdee_verifier_free((qm_kingdee_verifier *)parts.seen_by);
  return ok;
}

typedef struct {
  qm_pasted_request request;
  qm_kingdee_doctor_report report;
} pasted_parts;

static qm_status pasted_call(const cJSON *c, void *p, char *buf, size_t cap, size_t *len) {
  pasted_parts *parts = p;
  text secret = field(c, "client_secret"), pasted = field(c, "text"), format = field(c, "format");
  return qm_kingdee_doctor_pasted(secret.ptr, secret.len, pasted.ptr, pasted.len, format.ptr, format.len, NULL,
                                  json_u64(get(c, "now_ms")), QM_DEFAULT_WINDOW_MS, &parts->request, &parts->report,
                                  buf, cap, len);
}

/* The parsed query and headers reach the test through the report: the doctor rebuilt the
 * expected string to sign from them. */
static bool kingdee_doctor_pasted(const cJSON *c) {
  pasted_parts parts;
  char *buf;
  bool ok;
  if (answered(pasted_call, c, &parts, &buf, &ok)) {
    const cJSON *want = get(c, "expected");
    ok = same_kingdee_report(&parts.report, want) && same_json(parts.request.method, get(want, "method")) &&
         same_json(parts.request.path, get(want, "path")) && same_opt(parts.request.body, get(want, "body")) &&
         parts.request.target.len > 0 && parts.request.target.ptr[0] == '/';
  }
  free(buf);
  return ok;
}

typedef struct {
  qm_weaver_doctor_report report;
  const qm_weaver_verifier *seen_by;
} weaver_doctor_parts;

static qm_status weaver_doctor_call(const cJSON *c, void *p, char *buf, size_t cap, size_t *len) {
  weaver_doctor_parts *parts = p;
  text appid = field(c, "appid"), secret = field(c, "secret"), key = field(c, "aes_key"), sign = field(c, "sign");
  return qm_weaver_doctor(appid.ptr, appid.len, secret.ptr, secret.len, key.ptr, key.len, sign.ptr, sign.len,
                          parts->seen_by, json_u64(get(c, "now_ms")), QM_DEFAULT_WINDOW_MS, &parts->report, buf, cap,
                          len);
}

static qm_weaver_verifier *weaver_seen_by(const cJSON *c) {
  text appid = field(c, "appid"), secret = field(c, "secret"), key = field(c, "aes_key"), sign = field(c, "sign");
  qm_weaver_verifier *v = NULL;
  if (qm_weaver_verifier_new(appid.ptr, appid.len, secret.ptr, secret.len, key.ptr, key.len, QM_DEFAULT_WINDOW_MS,
                             &v) != QM_STATUS_OK) {
    return NULL;
  }
  if (cJSON_IsTrue(get(c, "accepted_before"))) {
    uint64_t ts = 0;
    CHECK_STATUS(qm_weaver_verifier_verify(v, sign.ptr, sign.len, json_u64(get(c, "now_ms")), &ts), QM_STATUS_OK,
                 "accepted before the doctor");
  }
  return v;
}

static bool weaver_doctor(const cJSON *c) {
  weaver_doctor_parts parts = {.seen_by = weaver_seen_by(c)};
  char *buf;
  bool ok;
  if (answered(weaver_doctor_call, c, &parts, &buf, &ok)) {
    const cJSON *want = get(c, "expected");
    const qm_weaver_doctor_report *r = &parts.report;
    bool decrypted = !cJSON_IsNull(get(want, "timestamp_ms"));
    ok = same_verdict(r->verdict_code, r->verdict, r->explanation, r->explanation_zh, want) &&
         same_list(r->mistakes, get(want, "mistakes")) && r->has_timestamp == decrypted &&
         (!decrypted || (same_u64(r->timestamp_ms, get(want, "timestamp_ms")) &&
                         same_i64(r->time_difference_ms, get(want, "time_difference_ms")) &&
                         r->plaintext_layout.ptr != NULL)) &&
         r->now_ms == json_u64(get(c, "now_ms"));
  }
  free(buf);
  qm_weaver_verifier_free((qm_weaver_verifier *)parts.seen_by);
  return ok;
}

/* ==== issue 17: WXBizMsgCrypt, DingTalk, Feishu, Yonyou ==== */

/* A call whose answer is one text in the buffer. */
typedef qm_status (*text_call)(const cJSON *c, char *buf, size_t cap, size_t *len);

/* Calls with no buffer (a size query), then with exactly the size reported, and compares the
 * text with the case's field `name` when the case is valid. */
static bool text_case(const cJSON *c, text_call call, const char *name) {
  size_t needed = 0, used = 0;
  qm_status status = call(c, NULL, 0, &needed);
  char *buf = NULL;
  if (status == QM_STATUS_INSUFFICIENT_SIZE) {
    buf = malloc(needed ? needed : 1);
    status = call(c, buf, needed, &used);
    CHECK(status != QM_STATUS_OK || used == needed, "used %zu of the %zu reported", used, needed);
  } else if (status == QM_STATUS_OK) {
    used = needed; /* only an empty answer fits in no buffer */
  }
  bool ok = status == expected_status(c);
  if (ok && status == QM_STATUS_OK) {
    ok = same_json((qm_str){buf, used}, get(c, name));
  }
  free(buf);
  return ok;
}

static qm_status wecom_signature_call(const cJSON *c, char *buf, size_t cap, size_t *len) {
  return qm_wecom_msg_signature(T("token"), T("timestamp"), T("nonce"), T("encrypt"), buf, cap, len);
}

/* The signature, then the verifier: it accepts the expected one (a valid case) or refuses
 * with the case's error, and refuses another signature. */
static bool wecom_signature(const cJSON *c) {
  bool ok = text_case(c, wecom_signature_call, "signature");
  bool valid = expected_status(c) == QM_STATUS_OK;
  static const char other[] = "0000000000000000000000000000000000000000";
  text want = valid ? field(c, "signature") : (text){other, sizeof other - 1};
  qm_status good = qm_wecom_verify_msg_signature(T("token"), T("timestamp"), T("nonce"), T("encrypt"), want.ptr,
                                                 want.len);
  CHECK_STATUS(good, expected_status(c), "verify_msg_signature");
  qm_status bad = qm_wecom_verify_msg_signature(T("token"), T("timestamp"), T("nonce"), T("encrypt"), other,
                                                sizeof other - 1);
  qm_status want_bad = valid ? QM_STATUS_SIGNATURE_MISMATCH : expected_status(c);
  CHECK_STATUS(bad, want_bad, "verify_msg_signature, another signature");
  return ok && good == expected_status(c) && bad == want_bad;
}

static qm_status wecom_decrypt_call(const cJSON *c, char *buf, size_t cap, size_t *len) {
  return qm_wecom_decrypt(T("encoding_aes_key"), T("receive_id"), T("encrypt"), buf, cap, len);
}

/* The fixed callback parameters verify_and_decrypt is checked with. */
#define CB_TOKEN "QDG6eK"
#define CB_TIMESTAMP "1409659589"
#define CB_NONCE "263014780"

static qm_status wecom_verify_and_decrypt_call(const cJSON *c, char *buf, size_t cap, size_t *len) {
  char signature[64];
  size_t sig_len = 0;
  qm_status st = qm_wecom_msg_signature(CB_TOKEN, strlen(CB_TOKEN), CB_TIMESTAMP, strlen(CB_TIMESTAMP), CB_NONCE,
                                        strlen(CB_NONCE), T("encrypt"), signature, sizeof signature, &sig_len);
  if (st != QM_STATUS_OK) {
    return st;
  }
  return qm_wecom_verify_and_decrypt(CB_TOKEN, strlen(CB_TOKEN), T("encoding_aes_key"), T("receive_id"), CB_TIMESTAMP,
                                     strlen(CB_TIMESTAMP), CB_NONCE, strlen(CB_NONCE), T("encrypt"), signature,
                                     sig_len, buf, cap, len);
}

/* Decrypted alone, then through verify_and_decrypt with its correct msg_signature (the same
 * verdict), and with a wrong one (refused before decryption when the key is good). */
static bool wecom_decrypt(const cJSON *c) {
  bool ok = text_case(c, wecom_decrypt_call, "message");
  bool both = text_case(c, wecom_verify_and_decrypt_call, "message");
  CHECK(both, "verify_and_decrypt with the right msg_signature");
  if (expected_status(c) == QM_STATUS_OK) {
    char buf[64];
    size_t len = 0;
    qm_status st = qm_wecom_verify_and_decrypt(CB_TOKEN, strlen(CB_TOKEN), T("encoding_aes_key"), T("receive_id"),
                                               CB_TIMESTAMP, strlen(CB_TIMESTAMP), CB_NONCE, strlen(CB_NONCE),
                                               T("encrypt"), "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd4", 40, buf,
                                               sizeof buf, &len);
    CHECK_STATUS(st, QM_STATUS_SIGNATURE_MISMATCH, "verify_and_decrypt with a wrong msg_signature");
    ok = ok && st == QM_STATUS_SIGNATURE_MISMATCH;
  }
  return ok && both;
}

/* Hex digits as bytes (at most `cap`); `*n` receives how many. */
static void hex_bytes(text hex, uint8_t *out, size_t cap, size_t *n) {
  *n = 0;
  for (size_t i = 0; i + 2 <= hex.len && *n < cap; i += 2) {
    unsigned byte = 0;
    char pair[3] = {hex.ptr[i], hex.ptr[i + 1], 0};
    sscanf(pair, "%2x", &byte);
    out[(*n)++] = (uint8_t)byte;
  }
}

static qm_status wecom_encrypt_call(const cJSON *c, void *parts, char *buf, size_t cap, size_t *len) {
  uint8_t random[64];
  size_t random_len = 0;
  hex_bytes(field(c, "random_hex"), random, sizeof random, &random_len);
  return qm_wecom_encrypt_reply(T("encoding_aes_key"), T("receive_id"), T("message"), random, random_len, T("token"),
                                T("timestamp"), T("nonce"), parts, buf, cap, len);
}

/* The reply, then its encrypt decrypted back to the message and its signature verified. */
static bool wecom_encrypt(const cJSON *c) {
  qm_wecom_encrypted_reply reply;
  char *buf;
  bool ok;
  if (answered(wecom_encrypt_call, c, &reply, &buf, &ok)) {
    ok = same_json(reply.encrypt, get(c, "encrypt")) && same_json(reply.signature, get(c, "signature"));
    char *message = malloc(field(c, "message").len + 1);
    size_t len = 0;
    ok = ok && qm_wecom_decrypt(T("encoding_aes_key"), T("receive_id"), reply.encrypt.ptr, reply.encrypt.len, message,
                                field(c, "message").len, &len) == QM_STATUS_OK &&
         same((qm_str){message, len}, field(c, "message"));
    ok = ok && qm_wecom_verify_msg_signature(T("token"), T("timestamp"), T("nonce"), reply.encrypt.ptr,
                                             reply.encrypt.len, reply.signature.ptr,
                                             reply.signature.len) == QM_STATUS_OK;
    free(message);
  }
  free(buf);
  return ok;
}

static qm_status dingtalk_call(const cJSON *c, void *parts, char *buf, size_t cap, size_t *len) {
  return qm_dingtalk_robot_sign(T("secret"), json_u64(get(c, "timestamp_ms")), parts, buf, cap, len);
}

static bool dingtalk_robot_sign(const cJSON *c) {
  qm_dingtalk_robot_sign_parts parts;
  char *buf;
  bool ok;
  if (answered(dingtalk_call, c, &parts, &buf, &ok)) {
    ok = same_json(parts.sign, get(c, "sign")) && same_json(parts.sign_urlencoded, get(c, "sign_urlencoded"));
  }
  free(buf);
  return ok;
}

static qm_status feishu_bot_call(const cJSON *c, char *buf, size_t cap, size_t *len) {
  return qm_feishu_bot_sign(T("secret"), json_u64(get(c, "timestamp")), buf, cap, len);
}

static bool feishu_bot_sign(const cJSON *c) { return text_case(c, feishu_bot_call, "sign"); }

static qm_status feishu_decrypt_call(const cJSON *c, char *buf, size_t cap, size_t *len) {
  return qm_feishu_decrypt(T("encrypt_key"), T("encrypt"), buf, cap, len);
}

static bool feishu_decrypt(const cJSON *c) { return text_case(c, feishu_decrypt_call, "plaintext"); }

static qm_status feishu_event_call(const cJSON *c, char *buf, size_t cap, size_t *len) {
  size_t body_len = 0;
  uint8_t *body = answer_body(c, &body_len);
  qm_status st = qm_feishu_event_signature(T("timestamp"), T("nonce"), T("encrypt_key"), body, body_len, buf, cap, len);
  free(body);
  return st;
}

/* The signature, then the verifier: it accepts it, and refuses it for another body. */
static bool feishu_event_signature(const cJSON *c) {
  bool ok = text_case(c, feishu_event_call, "signature");
  size_t body_len = 0;
  uint8_t *body = answer_body(c, &body_len);
  text want = field(c, "signature");
  const char *other = "0";
  qm_status good = qm_feishu_verify_event_signature(T("timestamp"), T("nonce"), T("encrypt_key"), body, body_len,
                                                    want.ptr ? want.ptr : other, want.ptr ? want.len : 1);
  CHECK(good == expected_status(c), "verify_event_signature: got %s", qm_status_name(good));
  qm_status moved = QM_STATUS_SIGNATURE_MISMATCH;
  if (want.ptr != NULL) {
    uint8_t *longer = malloc(body_len + 1);
    memcpy(longer, body, body_len);
    longer[body_len] = ' ';
    moved = qm_feishu_verify_event_signature(T("timestamp"), T("nonce"), T("encrypt_key"), longer, body_len + 1,
                                             want.ptr, want.len);
    CHECK_STATUS(moved, QM_STATUS_SIGNATURE_MISMATCH, "the signature of another body");
    free(longer);
  }
  free(body);
  return ok && good == expected_status(c) && moved == QM_STATUS_SIGNATURE_MISMATCH;
}

static qm_status yonyou_signature_call(const cJSON *c, void *parts, char *buf, size_t cap, size_t *len) {
  return qm_yonyou_signature(T("app_key"), T("app_secret"), json_u64(get(c, "timestamp_ms")), parts, buf, cap, len);
}

static bool yonyou_signature(const cJSON *c) {
  qm_yonyou_signature_parts parts;
  char *buf;
  bool ok;
  if (answered(yonyou_signature_call, c, &parts, &buf, &ok)) {
    ok = same_json(parts.signature, get(c, "signature")) &&
         same_json(parts.signature_urlencoded, get(c, "signature_urlencoded"));
  }
  free(buf);
  return ok;
}

REQUEST_RUNNER(yonyou_token_request,
               qm_yonyou_token_request(T("token_url"), T("app_key"), T("app_secret"),
                                       json_u64(get(c, "timestamp_ms")), parts, buf, cap, len))
ANSWER_RUNNER(yonyou_token_answer, qm_yonyou_token,
              qm_yonyou_parse_token_answer(a->body, a->body_len, json_u64(get(c, "received_at_ms")), a->token,
                                           &a->refusal, buf, cap, len),
              same_json(t.access_token, get(w, "access_token")) && same_u64(t.expire_s, get(w, "expire_s")) &&
                  same_opt(t.message, get(w, "message")) &&
                  same_u64(t.lifetime.expires_at_ms, get(w, "expires_at_ms")) &&
                  !t.lifetime.refresh_expires_at_ms.present)

/* ---- Kingdee K3Cloud ---- */

/* The identity of a K3Cloud case: lcid 0 (absent) is the default, a null org_num is NULL. */
#define K3_ID T("acct_id"), T("user_name"), T("app_id"), T("app_secret")

static qm_status k3cloud_gateway_call(const cJSON *c, void *parts, char *buf, size_t cap, size_t *len) {
  return qm_k3cloud_gateway_credentials(T("app_id"), parts, buf, cap, len);
}

static bool k3cloud_gateway_secret(const cJSON *c) {
  qm_k3cloud_gateway_credentials_parts parts;
  char *buf;
  bool ok;
  if (answered(k3cloud_gateway_call, c, &parts, &buf, &ok)) {
    const cJSON *want = get(c, "expected");
    ok = same_json(parts.client_id, get(want, "client_id")) &&
         same_json(parts.gateway_secret, get(want, "gateway_secret"));
  }
  free(buf);
  return ok;
}

REQUEST_RUNNER(k3cloud_request,
               qm_k3cloud_request(K3_ID, (uint32_t)json_u64(get(c, "lcid")), OPT("org_num"), T("url"), T("body"),
                                  T("timestamp_unit"), json_u64(get(c, "timestamp_ms")), parts, buf, cap, len))

static qm_status k3cloud_sign_call(const cJSON *c, void *parts, char *buf, size_t cap, size_t *len) {
  return qm_k3cloud_sign(K3_ID, (uint32_t)json_u64(get(c, "lcid")), OPT("org_num"), T("url"), T("timestamp_unit"),
                         json_u64(get(c, "timestamp_ms")), parts, buf, cap, len);
}

/* One case, two calls: the request (qm_k3cloud_request) against `expected`, and the signed
 * headers (qm_k3cloud_sign) against its texts and the request's first nine headers. */
static bool k3cloud_sign(const cJSON *c) {
  bool ok = k3cloud_request(c);
  qm_k3cloud_signed_headers s;
  char *buf;
  bool sign_ok;
  if (answered(k3cloud_sign_call, c, &s, &buf, &sign_ok)) {
    const cJSON *want = get(c, "expected");
    const cJSON *headers = get(want, "headers");
    sign_ok = same_json(s.timestamp, get(want, "timestamp")) &&
              same_json(s.string_to_sign, get(want, "string_to_sign")) &&
              same_json(s.app_data, get(want, "app_data")) &&
              cJSON_GetArraySize(headers) == QM_K3CLOUD_SIGNED_HEADER_COUNT + 1;
    for (size_t i = 0; sign_ok && i < QM_K3CLOUD_SIGNED_HEADER_COUNT; i++) {
      const cJSON *h = cJSON_GetArrayItem(headers, (int)i);
      sign_ok = same_json(s.headers[i].name, cJSON_GetArrayItem(h, 0)) &&
                same_json(s.headers[i].value, cJSON_GetArrayItem(h, 1));
    }
    sign_ok = sign_ok && same_json(s.api_signature, cJSON_GetArrayItem(cJSON_GetArrayItem(headers, 5), 1)) &&
              same_json(s.kd_signature, cJSON_GetArrayItem(cJSON_GetArrayItem(headers, 8), 1));
  }
  CHECK(sign_ok, "qm_k3cloud_sign on case %s", cJSON_GetStringValue(get(c, "id")));
  free(buf);
  return ok && sign_ok;
}

static qm_status k3cloud_login_sign_call(const cJSON *c, void *parts, char *buf, size_t cap, size_t *len) {
  (void)parts;
  return qm_k3cloud_login_sign(K3_ID, json_u64(get(c, "timestamp_s")), T("hash"), buf, cap, len);
}

static bool k3cloud_login_sign(const cJSON *c) {
  char *buf;
  size_t len = 0;
  bool ok;
  qm_status status = with_reported_size(k3cloud_login_sign_call, c, NULL, &buf);
  ok = status == expected_status(c);
  if (ok && status == QM_STATUS_OK) {
    /* with_reported_size retried with exactly the size reported: ask it again to learn it. */
    k3cloud_login_sign_call(c, NULL, NULL, 0, &len);
    ok = same((qm_str){buf, len}, field(get(c, "expected"), "sign"));
  }
  free(buf);
  return ok;
}

REQUEST_RUNNER(k3cloud_login_by_sign_request,
               qm_k3cloud_login_by_sign_request(T("server_url"), K3_ID, (uint32_t)json_u64(get(c, "lcid")),
                                                json_u64(get(c, "timestamp_s")), T("hash"), parts, buf, cap, len))
REQUEST_RUNNER(k3cloud_login_by_app_secret_request,
               qm_k3cloud_login_by_app_secret_request(T("server_url"), K3_ID, (uint32_t)json_u64(get(c, "lcid")),
                                                      parts, buf, cap, len))

/* An optional flag: JSON null or absent is "not present". */
static bool same_opt_bool(qm_opt_bool got, const cJSON *want) {
  if (want == NULL || cJSON_IsNull(want)) {
    return !got.present;
  }
  return got.present && cJSON_IsBool(want) && got.value == cJSON_IsTrue(want);
}

ANSWER_RUNNER(k3cloud_login_answer, qm_k3cloud_session,
              qm_k3cloud_parse_login_answer(a->body, a->body_len, a->token, &a->refusal, buf, cap, len),
              same_json(t.session_id, get(w, "session_id")) && same_opt(t.message, get(w, "message")) &&
                  same_opt_bool(t.is_success_by_api, get(w, "is_success_by_api")))

/* ---- Weaver e-cology 9 ---- */

/* The seed of a case: seed_hex as bytes. Text that is not hex gives no bytes at all (a seed
 * of length 0, which the ABI refuses as the core refuses the text). */
typedef struct {
  uint8_t bytes[64];
  size_t len;
} seed_bytes;

static seed_bytes seed_of(const cJSON *c) {
  seed_bytes s = {{0}, 0};
  const char *hex = cJSON_GetStringValue(get(c, "seed_hex"));
  size_t digits = hex ? strlen(hex) : 0;
  if (digits % 2 != 0 || digits > 2 * sizeof s.bytes || strspn(hex, "0123456789abcdefABCDEF") != digits) {
    return s;
  }
  for (size_t i = 0; i < digits / 2; i++) {
    unsigned byte = 0;
    sscanf(hex + 2 * i, "%2x", &byte);
    s.bytes[s.len++] = (uint8_t)byte;
  }
  return s;
}

/* Writes `len` bytes to `path`. */
static bool write_file(const char *path, const char *bytes, size_t len) {
  FILE *f = fopen(path, "wb");
  if (f == NULL) {
    return false;
  }
  bool ok = fwrite(bytes, 1, len, f) == len;
  return fclose(f) == 0 && ok;
}

/* Whether the Base64 RSA ciphertext decrypts (PKCS#1 v1.5) with the case's private_key (PKCS#8
 * DER in Base64) to `want`. RSA decryption is not libqianming's (it only encrypts), so the
 * test asks the openssl command line tool (popen), as the core's tests do. */
static bool decrypts_to(qm_str ciphertext, const cJSON *c, text want) {
  text key = field(c, "private_key");
  char dir[] = "/tmp/qm_ecology_XXXXXX";
  if (key.ptr == NULL || ciphertext.ptr == NULL || mkdtemp(dir) == NULL) {
    return false;
  }
  char k64[64], c64[64], kder[64], cbin[64], cmd[1024];
  snprintf(k64, sizeof k64, "%s/k.b64", dir);
  snprintf(c64, sizeof c64, "%s/c.b64", dir);
  snprintf(kder, sizeof kder, "%s/k.der", dir);
  snprintf(cbin, sizeof cbin, "%s/c.bin", dir);
  snprintf(cmd, sizeof cmd,
           "openssl base64 -d -A -in %s -out %s && openssl base64 -d -A -in %s -out %s && "
           "openssl pkeyutl -decrypt -keyform DER -inkey %s -in %s -pkeyopt rsa_padding_mode:pkcs1",
           k64, kder, c64, cbin, kder, cbin);
  bool ok = write_file(k64, key.ptr, key.len) && write_file(c64, ciphertext.ptr, ciphertext.len);
  char plain[1024];
  size_t n = 0;
  if (ok) {
    FILE *p = popen(cmd, "r");
    ok = p != NULL;
    if (p != NULL) {
      n = fread(plain, 1, sizeof plain, p);
      ok = pclose(p) == 0;
    }
  }
  remove(k64), remove(c64), remove(kder), remove(cbin), rmdir(dir);
  CHECK(ok, "openssl pkeyutl could not decrypt the ciphertext (is openssl on PATH?)");
  return ok && same((qm_str){plain, n}, want);
}

static bool ecology_server_key(const cJSON *c) {
  qm_ecology_server_key_info info = {0, 0};
  qm_status status = qm_ecology_server_key(T("spk"), &info);
  bool ok = status == expected_status(c);
  if (ok && status == QM_STATUS_OK) {
    ok = same_u64(info.bits, get(get(c, "expected"), "bits")) && info.max_plaintext_len == info.bits / 8 - 11;
  }
  return ok;
}

static qm_status ecology_encrypt_call(const cJSON *c, void *parts, char *buf, size_t cap, size_t *len) {
  const seed_bytes *seed = parts;
  return qm_ecology_encrypt(T("spk"), T("plaintext"), seed->bytes, seed->len, buf, cap, len);
}

/* The ciphertext decrypts to the text; the same seed gives the same ciphertext, another seed
 * another one. */
static bool ecology_encrypt(const cJSON *c) {
  seed_bytes seed = seed_of(c);
  char *buf;
  bool ok;
  if (answered(ecology_encrypt_call, c, &seed, &buf, &ok)) {
    char again[1024], other[1024];
    size_t len = 0, again_len = 0, other_len = 0;
    ecology_encrypt_call(c, &seed, NULL, 0, &len);
    ok = decrypts_to((qm_str){buf, len}, c, field(get(c, "expected"), "plaintext"));
    ok = ok && ecology_encrypt_call(c, &seed, again, sizeof again, &again_len) == QM_STATUS_OK &&
         again_len == len && memcmp(again, buf, len) == 0;
    seed.bytes[0] ^= 1;
    ok = ok && ecology_encrypt_call(c, &seed, other, sizeof other, &other_len) == QM_STATUS_OK &&
         other_len == len && memcmp(other, buf, len) != 0;
  }
  free(buf);
  return ok;
}

REQUEST_RUNNER(ecology_regist_request,
               qm_ecology_regist_request(T("base_url"), T("appid"), T("cpk"), parts, buf, cap, len))
ANSWER_RUNNER(ecology_regist_answer, qm_ecology_registration,
              qm_ecology_parse_regist_answer(a->body, a->body_len, a->token, &a->refusal, buf, cap, len),
              same_json(t.secrit, get(w, "secrit")) && same_json(t.spk, get(w, "spk")) &&
                  same_opt(t.message, get(w, "message")))
ANSWER_RUNNER(ecology_token_answer, qm_ecology_token,
              qm_ecology_parse_token_answer(a->body, a->body_len, json_u64(get(c, "received_at_ms")),
                                            get(c, "lifetime_s") ? json_u64(get(c, "lifetime_s"))
                                                                 : qm_ecology_default_token_lifetime_s(),
                                            a->token, &a->refusal, buf, cap, len),
              same_json(t.token, get(w, "token")) && same_opt(t.message, get(w, "message")) &&
                  same_u64(t.lifetime.expires_at_ms, get(w, "expires_at_ms")) &&
                  !t.lifetime.refresh_expires_at_ms.present)

/* Headers with an encrypted one: the names in order (`header_names`), the plain ones by value
 * (`plain_headers`), and `sealed` decrypts to `decrypts_to`. */
static bool same_sealed_headers(const qm_header *h, size_t n, const cJSON *c, const char *sealed,
                                const char *decrypts_to_name) {
  const cJSON *want = get(c, "expected");
  const cJSON *names = get(want, "header_names");
  bool ok = (size_t)cJSON_GetArraySize(names) == n;
  for (size_t i = 0; ok && i < n; i++) {
    ok = same_json(h[i].name, cJSON_GetArrayItem(names, (int)i));
    const cJSON *plain;
    cJSON_ArrayForEach(plain, get(want, "plain_headers")) {
      if (ok && same_json(h[i].name, cJSON_GetArrayItem(plain, 0))) {
        ok = same_json(h[i].value, cJSON_GetArrayItem(plain, 1));
      }
    }
    if (ok && h[i].name.len == strlen(sealed) && memcmp(h[i].name.ptr, sealed, h[i].name.len) == 0) {
      ok = decrypts_to(h[i].value, c, field(want, decrypts_to_name));
    }
  }
  return ok;
}

static qm_status ecology_token_request_call(const cJSON *c, void *parts, char *buf, size_t cap, size_t *len) {
  seed_bytes seed = seed_of(c);
  return qm_ecology_applytoken_request(T("base_url"), T("appid"), T("spk"), T("secrit"), seed.bytes, seed.len,
                                       json_u64(get(c, "time_s")), parts, buf, cap, len);
}

static bool ecology_token_request(const cJSON *c) {
  qm_http_request req;
  char *buf;
  bool ok;
  if (answered(ecology_token_request_call, c, &req, &buf, &ok)) {
    const cJSON *want = get(c, "expected");
    ok = same_json(req.method, get(want, "method")) && same_json(req.url, get(want, "url")) &&
         same_opt(req.body, get(want, "body")) &&
         same_sealed_headers(req.headers, req.header_count, c, "secret", "secret_decrypts_to");
  }
  free(buf);
  return ok;
}

static bool ecology_call_headers(const cJSON *c) {
  seed_bytes seed = seed_of(c);
  size_t needed = 0, count = 0;
  qm_status status = qm_ecology_call_headers(T("appid"), T("token"), T("spk"), T("userid"), seed.bytes, seed.len,
                                             NULL, 0, &count, NULL, 0, &needed);
  qm_header items[8];
  char *buf = NULL;
  if (status == QM_STATUS_INSUFFICIENT_SIZE && count <= 8) {
    buf = malloc(needed ? needed : 1);
    size_t used = 0, got = 0;
    status = qm_ecology_call_headers(T("appid"), T("token"), T("spk"), T("userid"), seed.bytes, seed.len, items,
                                     count, &got, buf, needed, &used);
    CHECK(status != QM_STATUS_OK || (used == needed && got == count), "call headers: used %zu of %zu, %zu of %zu",
          used, needed, got, count);
  }
  bool ok = status == expected_status(c);
  if (ok && status == QM_STATUS_OK) {
    ok = same_sealed_headers(items, count, c, "userid", "userid_decrypts_to");
  }
  free(buf);
  return ok;
}

#undef K3_ID

#undef T
#undef OPT

typedef bool (*runner)(const cJSON *c);

static runner runner_for(const char *section) {
  static const struct {
    const char *section;
    runner run;
  } runners[] = {
      {"app_signature", app_signature}, {"request", request},       {"verify_request", verify_request},
      {"sign", weaver_sign},            {"verify_sign", verify_sign}, {"basic_encode", basic_encode},
      {"basic_decode", basic_decode},
      {"kingdee_token_request", kingdee_token_request},
      {"kingdee_token_answer", kingdee_token_answer},
      {"weaver_token_request", weaver_token_request},
      {"weaver_token_answer", weaver_token_answer},
      {"apusic_session_request", apusic_session_request},
      {"apusic_session_answer", apusic_session_answer},
      {"apusic_call_headers", apusic_call_headers},
      {"oauth_authorize_url", oauth_authorize_url},
      {"oauth_token_request", oauth_token_request},
      {"oauth_token_answer", oauth_token_answer},
      {"oauth_userinfo_request", oauth_userinfo_request},
      {"oauth_userinfo_answer", oauth_userinfo_answer},
      {"oauth_callback", oauth_callback},
      {"edge_login_request", edge_login_request},
      {"edge_refresh_request", edge_refresh_request},
      {"edge_token_answer", edge_token_answer},
      {"edge_x_token", edge_x_token},
      {"edge_jwt", edge_jwt},
      {"token_lifetime", token_lifetime},
      {"kingdee_doctor", kingdee_doctor},
      {"kingdee_doctor_pasted", kingdee_doctor_pasted},
      {"weaver_doctor", weaver_doctor},
      {"wecom_signature", wecom_signature},
      {"wecom_decrypt", wecom_decrypt},
      {"wecom_encrypt", wecom_encrypt},
      {"dingtalk_robot_sign", dingtalk_robot_sign},
      {"feishu_bot_sign", feishu_bot_sign},
      {"feishu_decrypt", feishu_decrypt},
      {"feishu_event_signature", feishu_event_signature},
      {"yonyou_signature", yonyou_signature},
      {"yonyou_token_request", yonyou_token_request},
      {"yonyou_token_answer", yonyou_token_answer},
      {"k3cloud_gateway_secret", k3cloud_gateway_secret},
      {"k3cloud_sign", k3cloud_sign},
      {"k3cloud_login_sign", k3cloud_login_sign},
      {"k3cloud_login_by_sign_request", k3cloud_login_by_sign_request},
      {"k3cloud_login_by_app_secret_request", k3cloud_login_by_app_secret_request},
      {"k3cloud_login_answer", k3cloud_login_answer},
      {"ecology_server_key", ecology_server_key},
      {"ecology_encrypt", ecology_encrypt},
      {"ecology_regist_request", ecology_regist_request},
      {"ecology_regist_answer", ecology_regist_answer},
      {"ecology_token_request", ecology_token_request},
      {"ecology_token_answer", ecology_token_answer},
      {"ecology_call_headers", ecology_call_headers},
  };
  for (size_t i = 0; i < sizeof runners / sizeof runners[0]; i++) {
    if (strcmp(runners[i].section, section) == 0) {
      return runners[i].run;
    }
  }
  return NULL;
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "../../vectors";
  size_t file_count = 0;
  char **files = vector_files(dir, &file_count);
  CHECK(file_count >= 22, "found %zu vector files in %s", file_count, dir);
  size_t total = 0;
  for (size_t f = 0; f < file_count; f++) {
    cJSON *doc = load_vector_file(files[f]);
    size_t in_file = 0;
    const cJSON *section;
    cJSON_ArrayForEach(section, doc) {
      if (!cJSON_IsArray(section)) {
        continue;
      }
      runner run = runner_for(section->string);
      CHECK(run != NULL, "%s: no runner for section %s", files[f], section->string);
      const cJSON *c;
      cJSON_ArrayForEach(c, section) {
        in_file++;
        bool ok = run != NULL && expected_status(c) != UINT32_MAX && run(c);
        CHECK(ok, "%s [%s] case %s", files[f], section->string, cJSON_GetStringValue(cJSON_GetObjectItem(c, "id")));
        if (!ok) {
          print_case(files[f], section->string, c);
        }
      }
    }
    CHECK(in_file == json_u64(cJSON_GetObjectItem(doc, "numberOfTests")), "%s: ran %zu cases, numberOfTests %llu",
          files[f], in_file, (unsigned long long)json_u64(cJSON_GetObjectItem(doc, "numberOfTests")));
    total += in_file;
    cJSON_Delete(doc);
  }
  free_paths(files, file_count);
  printf("vectors: %zu cases in %zu files\n", total, file_count);
  CHECK(total >= 893, "only %zu cases ran", total);
  return report();
}
