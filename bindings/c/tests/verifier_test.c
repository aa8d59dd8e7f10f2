/* The verifier handles against the attacks of issue 14: replays, a clock stepped back, a line
 * feed smuggled into a signed header, unsigned query data; the safe diagnosis never reveals
 * the expected signature; replay tickets let two handles share one store. */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

#define S(lit) lit, (sizeof lit - 1)
#define SECRET "0123456789abcdef0123456789abcdef"
static const uint64_t TS = 1700000000000u;
static const char TS_TEXT[] = "1700000000000";

/* A signed request as the server receives it: the six X-Api-* headers (views into `buf`) plus
 * any the test adds. */
typedef struct {
  char buf[2048];
  qm_pair headers[10];
  size_t header_count;
  char signature[128];
  char string_to_sign[512];
} request;

static qm_kingdee_signer *signer;

static bool sign(request *r, const qm_pair *query, size_t nq, const qm_pair *extra, size_t ne, const char *ts,
                 const char *nonce) {
  qm_kingdee_signed_request out;
  size_t len = 0;
  qm_status st = qm_kingdee_signer_sign(signer, S("POST"), S("/jdy/v2/a"), query, nq, extra, ne, ts, strlen(ts),
                                        nonce, strlen(nonce), &out, r->buf, sizeof r->buf, &len);
  CHECK_STATUS(st, QM_STATUS_OK, "sign");
  if (st != QM_STATUS_OK) {
    return false;
  }
  for (size_t i = 0; i < QM_KINGDEE_SIGNER_HEADER_COUNT; i++) {
    r->headers[i] = (qm_pair){out.headers[i].name.ptr, out.headers[i].name.len, out.headers[i].value.ptr,
                              out.headers[i].value.len};
  }
  r->header_count = QM_KINGDEE_SIGNER_HEADER_COUNT;
  snprintf(r->signature, sizeof r->signature, "%.*s", (int)out.signature.len, out.signature.ptr);
  snprintf(r->string_to_sign, sizeof r->string_to_sign, "%.*s", (int)out.string_to_sign.len,
           out.string_to_sign.ptr);
  return true;
}

static qm_status verify(qm_kingdee_verifier *v, const request *r, const qm_pair *query, size_t nq, uint64_t now) {
  qm_kingdee_verified parts;
  char buf[256];
  size_t len = 0;
  return qm_kingdee_verifier_verify(v, S("POST"), S("/jdy/v2/a"), query, nq, r->headers, r->header_count, now, &parts,
                                    buf, sizeof buf, &len);
}

static size_t remembered(const qm_kingdee_verifier *v) {
  size_t n = 0;
  CHECK_STATUS(qm_kingdee_verifier_remembered(v, &n), QM_STATUS_OK, "remembered");
  return n;
}

static void replay_is_refused(void) {
  qm_kingdee_verifier *v = NULL;
  CHECK_STATUS(qm_kingdee_verifier_new(S(SECRET), QM_DEFAULT_WINDOW_MS, 0, false, &v), QM_STATUS_OK, "verifier");
  request r;
  qm_pair query[] = {{S("id"), S("42")}};
  if (!sign(&r, query, 1, NULL, 0, TS_TEXT, "1111111111")) {
    return;
  }
  /* A buffer too small remembers nothing: the retry with the size reported is accepted. */
  qm_kingdee_verified parts;
  size_t needed = 0, used = 0;
  CHECK_STATUS(qm_kingdee_verifier_verify(v, S("POST"), S("/jdy/v2/a"), query, 1, r.headers, r.header_count, TS,
                                          &parts, NULL, 0, &needed),
               QM_STATUS_INSUFFICIENT_SIZE, "size query");
  CHECK(needed == 16 && remembered(v) == 0, "needed %zu, nothing remembered", needed);
  char buf[16];
  CHECK_STATUS(qm_kingdee_verifier_verify(v, S("POST"), S("/jdy/v2/a"), query, 1, r.headers, r.header_count, TS + 5,
                                          &parts, buf, needed, &used),
               QM_STATUS_OK, "first time");
  CHECK(used == 16 && parts.timestamp_ms == TS && parts.nonce.len == 10 &&
            memcmp(parts.nonce.ptr, "1111111111", 10) == 0 && parts.client_id.len == 6,
        "verified parts");
  CHECK_STATUS(verify(v, &r, query, 1, TS + 10), QM_STATUS_REPLAYED, "the same request again");
  CHECK_STATUS(verify(v, &r, query, 1, TS + QM_DEFAULT_WINDOW_MS), QM_STATUS_REPLAYED, "at the window's end");
  CHECK(remembered(v) == 1, "one request remembered");
  /* The stateless one-shot call keeps no state: it accepts the replay (documented). */
  qm_kingdee_verified one_shot;
  char obuf[64];
  CHECK_STATUS(qm_kingdee_verify(S(SECRET), QM_DEFAULT_WINDOW_MS, S("POST"), S("/jdy/v2/a"), query, 1, r.headers,
                                 r.header_count, TS + 10, &one_shot, obuf, sizeof obuf, &used),
               QM_STATUS_OK, "one-shot verify is stateless");
  /* Another nonce from the same client is fresh. */
  request other;
  if (sign(&other, query, 1, NULL, 0, TS_TEXT, "2222222222")) {
    CHECK_STATUS(verify(v, &other, query, 1, TS + 20), QM_STATUS_OK, "a fresh nonce");
  }
  qm_kingdee_verifier_free(v);
}

/* Request A is verified at TS; time moves past A's window (A is forgotten); then the clock
 * steps back to TS: A is expired for the guard, never accepted again. */
static void clock_stepped_back(void) {
  qm_kingdee_verifier *v = NULL;
  CHECK_STATUS(qm_kingdee_verifier_new(S(SECRET), 1000, 0, false, &v), QM_STATUS_OK, "verifier, 1 s window");
  request a, b;
  char later[32];
  snprintf(later, sizeof later, "%llu", (unsigned long long)(TS + 5000));
  if (!sign(&a, NULL, 0, NULL, 0, TS_TEXT, "3333333333") || !sign(&b, NULL, 0, NULL, 0, later, "4444444444")) {
    return;
  }
  CHECK_STATUS(verify(v, &a, NULL, 0, TS), QM_STATUS_OK, "A at TS");
  CHECK_STATUS(verify(v, &b, NULL, 0, TS + 5000), QM_STATUS_OK, "B 5 s later");
  CHECK(remembered(v) == 1, "A has been forgotten: %zu remembered", remembered(v));
  CHECK_STATUS(verify(v, &a, NULL, 0, TS), QM_STATUS_EXPIRED, "A replayed with the clock stepped back");
  qm_kingdee_verified parts;
  qm_replay_ticket ticket;
  char buf[256];
  size_t len = 0;
  CHECK_STATUS(qm_kingdee_verifier_verify_stateless(v, S("POST"), S("/jdy/v2/a"), NULL, 0, a.headers, a.header_count, TS,
                                                    &parts, &ticket, buf, sizeof buf, &len),
               QM_STATUS_OK, "only the guard's clock refuses it");
  qm_kingdee_verifier_free(v);
}

/* Attack 2 of issue 14: sign A-1: v1 and A-2: v2, then send A-1: "v1\na-2:v2" without A-2 and
 * sign only A-1: the string to sign matches, the request must still be refused. */
static void line_feed_in_a_signed_header(void) {
  qm_kingdee_verifier *v = NULL;
  CHECK_STATUS(qm_kingdee_verifier_new(S(SECRET), QM_DEFAULT_WINDOW_MS, 0, false, &v), QM_STATUS_OK, "verifier");
  request r;
  qm_pair extra[] = {{S("A-1"), S("v1")}, {S("A-2"), S("v2")}};
  if (!sign(&r, NULL, 0, extra, 2, TS_TEXT, "5555555555")) {
    return;
  }
  for (size_t i = 0; i < r.header_count; i++) {
    if (r.headers[i].name_len == 17 && memcmp(r.headers[i].name, "X-Api-SignHeaders", 17) == 0) {
      r.headers[i].value = "A-1,X-Api-Nonce,X-Api-TimeStamp";
      r.headers[i].value_len = strlen(r.headers[i].value);
    }
  }
  r.headers[r.header_count++] = (qm_pair){S("A-1"), S("v1\na-2:v2")};
  /* The smuggled list rebuilds the very string that was signed: only the value rule stops it. */
  qm_kingdee_verify_explanation ex;
  char ebuf[1024];
  size_t len = 0;
  CHECK_STATUS(qm_kingdee_verify_explain_revealing_signature(S(SECRET), S("POST"), S("/jdy/v2/a"), NULL, 0, r.headers,
                                                             r.header_count, &ex, ebuf, sizeof ebuf, &len),
               QM_STATUS_INVALID_HEADER_VALUE, "not even rebuilt");
  CHECK_STATUS(verify(v, &r, NULL, 0, TS), QM_STATUS_INVALID_HEADER_VALUE, "line feed in a signed value");
  r.headers[r.header_count - 1] = (qm_pair){S("A-1"), S("v1\r\na-2:v2")};
  CHECK_STATUS(verify(v, &r, NULL, 0, TS), QM_STATUS_INVALID_HEADER_VALUE, "CR LF in a signed value");
  CHECK(remembered(v) == 0, "nothing remembered");
  qm_kingdee_verifier_free(v);
}

/* Attack 3: `?=anything&id=42` carries a pair the signature does not cover. */
static void unsigned_query_data(void) {
  qm_kingdee_verifier *strict = NULL, *lenient = NULL;
  CHECK_STATUS(qm_kingdee_verifier_new(S(SECRET), QM_DEFAULT_WINDOW_MS, 0, false, &strict), QM_STATUS_OK, "strict");
  CHECK_STATUS(qm_kingdee_verifier_new(S(SECRET), QM_DEFAULT_WINDOW_MS, 0, true, &lenient), QM_STATUS_OK, "lenient");
  request r;
  qm_pair signed_query[] = {{S("id"), S("42")}};
  qm_pair received[] = {{S(""), S("anything")}, {S("id"), S("42")}};
  if (!sign(&r, signed_query, 1, NULL, 0, TS_TEXT, "6666666666")) {
    return;
  }
  CHECK_STATUS(verify(strict, &r, received, 2, TS), QM_STATUS_UNSIGNED_QUERY_DATA, "strict by default");
  qm_kingdee_verified parts;
  char buf[256];
  size_t len = 0;
  CHECK_STATUS(qm_kingdee_verify(S(SECRET), QM_DEFAULT_WINDOW_MS, S("POST"), S("/jdy/v2/a"), received, 2, r.headers,
                                 r.header_count, TS, &parts, buf, sizeof buf, &len),
               QM_STATUS_UNSIGNED_QUERY_DATA, "the one-shot verify is strict");
  CHECK_STATUS(verify(lenient, &r, received, 2, TS), QM_STATUS_OK, "lenient_query accepts it, as the gateway does");
  CHECK_STATUS(verify(lenient, &r, received, 2, TS), QM_STATUS_REPLAYED, "once");
  CHECK_STATUS(verify(strict, &r, signed_query, 1, TS), QM_STATUS_OK, "without the pair, strict accepts");
  qm_kingdee_verifier_free(strict);
  qm_kingdee_verifier_free(lenient);
}

static bool contains(const char *hay, size_t hay_len, const char *needle) {
  return memmem(hay, hay_len, needle, strlen(needle)) != NULL;
}

/* The safe diagnosis: canonical parts and the verdict, never the HMAC or the expected
 * signature (which the revealing explain does return). */
static void diagnose_reveals_no_signature(void) {
  qm_kingdee_verifier *v = NULL;
  CHECK_STATUS(qm_kingdee_verifier_new(S(SECRET), QM_DEFAULT_WINDOW_MS, 0, false, &v), QM_STATUS_OK, "verifier");
  request r;
  qm_pair query[] = {{S("name"), S("a b=c")}};
  if (!sign(&r, query, 1, NULL, 0, TS_TEXT, "7777777777")) {
    return;
  }
  char expected[128];
  snprintf(expected, sizeof expected, "%s", r.signature);
  r.headers[5].value = "forged";
  r.headers[5].value_len = 6;
  qm_kingdee_verify_explanation ex;
  char ebuf[2048];
  size_t elen = 0;
  CHECK_STATUS(qm_kingdee_verify_explain_revealing_signature(S(SECRET), S("POST"), S("/jdy/v2/a"), query, 1, r.headers,
                                                             r.header_count, &ex, ebuf, sizeof ebuf, &elen),
               QM_STATUS_OK, "revealing explain");
  char hmac_hex[80];
  snprintf(hmac_hex, sizeof hmac_hex, "%.*s", (int)ex.hmac_hex.len, ex.hmac_hex.ptr);
  CHECK(contains(ebuf, elen, expected) && strlen(hmac_hex) == 64, "the revealing form does reveal it");
  qm_kingdee_verify_explanation old;
  char obuf[2048];
  size_t olen = 0;
  CHECK_STATUS(qm_kingdee_verify_explain(S(SECRET), S("POST"), S("/jdy/v2/a"), query, 1, r.headers, r.header_count,
                                         &old, obuf, sizeof obuf, &olen),
               QM_STATUS_OK, "the old name still links");
  CHECK(olen == elen && memcmp(obuf, ebuf, elen) == 0, "and answers the same");

  qm_kingdee_diagnosis d;
  size_t needed = 0, used = 0;
  CHECK_STATUS(qm_kingdee_verifier_diagnose(v, S("POST"), S("/jdy/v2/a"), query, 1, r.headers, r.header_count, TS,
                                            &d, NULL, 0, &needed),
               QM_STATUS_INSUFFICIENT_SIZE, "diagnose size query");
  char *dbuf = malloc(needed);
  memset(dbuf, 0, needed);
  CHECK_STATUS(qm_kingdee_verifier_diagnose(v, S("POST"), S("/jdy/v2/a"), query, 1, r.headers, r.header_count, TS,
                                            &d, dbuf, needed, &used),
               QM_STATUS_OK, "diagnose");
  CHECK(d.verdict == QM_STATUS_SIGNATURE_MISMATCH && d.verdict_detail.len > 0 && d.timestamp_ms == 0,
        "verdict %s", qm_status_name(d.verdict));
  CHECK(!contains(dbuf, used, expected) && !contains(dbuf, used, hmac_hex), "no expected signature, no HMAC");
  CHECK(d.string_to_sign.len == strlen(r.string_to_sign) &&
            memcmp(d.string_to_sign.ptr, r.string_to_sign, d.string_to_sign.len) == 0,
        "the string to sign the client signed");
  CHECK(d.canonical_query.len == ex.canonical_query.len &&
            memcmp(d.canonical_query.ptr, ex.canonical_query.ptr, d.canonical_query.len) == 0 &&
            d.signed_headers.len == 27 && memcmp(d.signed_headers.ptr, "X-Api-Nonce,X-Api-TimeStamp", 27) == 0,
        "canonical parts");
  free(dbuf);

  /* An untampered request: verdict OK with its timestamp, and no state changed. */
  if (sign(&r, query, 1, NULL, 0, TS_TEXT, "7777777778")) {
    char buf[2048];
    CHECK_STATUS(qm_kingdee_verifier_diagnose(v, S("POST"), S("/jdy/v2/a"), query, 1, r.headers, r.header_count,
                                              TS + QM_DEFAULT_WINDOW_MS + 1, &d, buf, sizeof buf, &used),
                 QM_STATUS_OK, "diagnose, too late");
    CHECK(d.verdict == QM_STATUS_EXPIRED, "expired verdict: %s", qm_status_name(d.verdict));
    CHECK_STATUS(qm_kingdee_verifier_diagnose(v, S("POST"), S("/jdy/v2/a"), query, 1, r.headers, r.header_count, TS,
                                              &d, buf, sizeof buf, &used),
                 QM_STATUS_OK, "diagnose a good request");
    CHECK(d.verdict == QM_STATUS_OK && d.timestamp_ms == TS && d.verdict_detail.len == 0 && remembered(v) == 0,
          "OK verdict, nothing remembered");
    CHECK_STATUS(verify(v, &r, query, 1, TS), QM_STATUS_OK, "still fresh for verify");
  }
  /* Too malformed to rebuild: the call itself fails. */
  char buf[256];
  CHECK_STATUS(qm_kingdee_verifier_diagnose(v, S("POST"), S("/jdy/v2/a"), NULL, 0, r.headers, 3, TS, &d, buf,
                                            sizeof buf, &used),
               QM_STATUS_MISSING_HEADER, "missing headers");
  qm_kingdee_verifier_free(v);
}

/* A store shared by two servers: here a list in memory standing for Redis's SET NX PX. */
typedef struct {
  char keys[8][256];
  size_t count;
} shared_store;

static bool record(shared_store *store, const qm_replay_ticket *t) {
  for (size_t i = 0; i < store->count; i++) {
    if (strlen(store->keys[i]) == t->key.len && memcmp(store->keys[i], t->key.ptr, t->key.len) == 0) {
      return false;
    }
  }
  snprintf(store->keys[store->count++], sizeof store->keys[0], "%.*s", (int)t->key.len, t->key.ptr);
  return true;
}

static void tickets_for_a_shared_store(void) {
  qm_kingdee_verifier *server1 = NULL, *server2 = NULL;
  CHECK_STATUS(qm_kingdee_verifier_new(S(SECRET), QM_DEFAULT_WINDOW_MS, 0, false, &server1), QM_STATUS_OK, "1");
  CHECK_STATUS(qm_kingdee_verifier_new(S(SECRET), QM_DEFAULT_WINDOW_MS, 0, false, &server2), QM_STATUS_OK, "2");
  shared_store store = {.count = 0};
  request r;
  if (!sign(&r, NULL, 0, NULL, 0, TS_TEXT, "8888888888")) {
    return;
  }
  qm_kingdee_verified parts;
  qm_replay_ticket t1, t2;
  char buf1[256], buf2[256];
  size_t len = 0;
  CHECK_STATUS(qm_kingdee_verifier_verify_stateless(server1, S("POST"), S("/jdy/v2/a"), NULL, 0, r.headers,
                                                    r.header_count, TS + 100, &parts, &t1, buf1, sizeof buf1, &len),
               QM_STATUS_OK, "server 1");
  CHECK(record(&store, &t1), "server 1 records the ticket: accepted");
  CHECK(t1.expires_at_ms == TS + QM_DEFAULT_WINDOW_MS && qm_replay_ttl_ms(t1.expires_at_ms, TS + 100) ==
                                                            QM_DEFAULT_WINDOW_MS - 100,
        "expiry and TTL");
  CHECK_STATUS(qm_kingdee_verifier_verify_stateless(server2, S("POST"), S("/jdy/v2/a"), NULL, 0, r.headers,
                                                    r.header_count, TS + 200, &parts, &t2, buf2, sizeof buf2, &len),
               QM_STATUS_OK, "server 2, the same request");
  CHECK(!record(&store, &t2), "server 2 finds the key: a replay");
  CHECK(remembered(server1) == 0 && remembered(server2) == 0, "the handles' own guards are untouched");
  CHECK(qm_replay_ttl_ms(t1.expires_at_ms, t1.expires_at_ms + 5) == 1, "TTL at least 1 ms");
  qm_kingdee_verifier_free(server1);
  qm_kingdee_verifier_free(server2);

  /* Weaver: the same step; the sign's ticket, and the guard only in _verify. */
  qm_weaver_verifier *w = NULL;
  CHECK_STATUS(qm_weaver_verifier_new(S("weaverappid"), S("weaversecret"), S("8fy6K39X6PIEEeOq"),
                                      QM_DEFAULT_WINDOW_MS, &w),
               QM_STATUS_OK, "weaver verifier");
  char sign_hex[128], key[512];
  size_t sign_len = 0, needed = 0;
  CHECK_STATUS(qm_weaver_sign(S("weaverappid"), S("weaversecret"), S("8fy6K39X6PIEEeOq"), TS, sign_hex,
                              sizeof sign_hex, &sign_len),
               QM_STATUS_OK, "weaver sign");
  uint64_t ts = 0;
  qm_replay_ticket wt;
  CHECK_STATUS(qm_weaver_verifier_verify_stateless(w, sign_hex, sign_len, TS + 1, &ts, &wt, NULL, 0, &needed),
               QM_STATUS_INSUFFICIENT_SIZE, "weaver ticket size query");
  CHECK_STATUS(qm_weaver_verifier_verify_stateless(w, sign_hex, sign_len, TS + 1, &ts, &wt, key, needed, &len),
               QM_STATUS_OK, "weaver stateless");
  CHECK(ts == TS && wt.expires_at_ms == TS + QM_DEFAULT_WINDOW_MS && wt.key.len == needed &&
            memcmp(wt.key.ptr, "weaver:", 7) == 0 && contains(wt.key.ptr, wt.key.len, "weaverappid"),
        "weaver ticket");
  CHECK(!contains(wt.key.ptr, wt.key.len, "weaversecret"), "no secret in the key");
  CHECK_STATUS(qm_weaver_verifier_verify_stateless(w, sign_hex, sign_len, TS + 2, &ts, &wt, key, sizeof key, &len),
               QM_STATUS_OK, "stateless twice");
  size_t n = 9;
  CHECK_STATUS(qm_weaver_verifier_remembered(w, &n), QM_STATUS_OK, "weaver remembered");
  CHECK(n == 0, "stateless remembers nothing");
  CHECK_STATUS(qm_weaver_verifier_verify(w, sign_hex, sign_len, TS + 3, &ts), QM_STATUS_OK, "guarded");
  CHECK_STATUS(qm_weaver_verifier_verify(w, sign_hex, sign_len, TS + 4, &ts), QM_STATUS_REPLAYED, "guarded replay");
  CHECK_STATUS(qm_weaver_verifier_remembered(w, &n), QM_STATUS_OK, "weaver remembered");
  CHECK(n == 1, "one sign remembered");
  qm_weaver_verifier_free(w);
}

static void handle_arguments(void) {
  qm_kingdee_verifier *v = (qm_kingdee_verifier *)&signer; /* must stay untouched */
  CHECK_STATUS(qm_kingdee_verifier_new(S(""), QM_DEFAULT_WINDOW_MS, 0, false, &v), QM_STATUS_EMPTY_SECRET, "empty");
  CHECK_STATUS(qm_kingdee_verifier_new(NULL, 0, QM_DEFAULT_WINDOW_MS, 0, false, &v), QM_STATUS_NULL_ARGUMENT, "NULL");
  CHECK_STATUS(qm_kingdee_verifier_new(S(SECRET), QM_DEFAULT_WINDOW_MS, 0, false, NULL), QM_STATUS_NULL_ARGUMENT,
               "NULL out_verifier");
  CHECK(v == (qm_kingdee_verifier *)&signer, "out_verifier untouched on failure");
  qm_kingdee_verified parts;
  qm_kingdee_diagnosis d;
  qm_replay_ticket t;
  char buf[64];
  size_t len = 0, n = 0;
  CHECK_STATUS(qm_kingdee_verifier_verify(NULL, S("GET"), S("/"), NULL, 0, NULL, 0, TS, &parts, buf, sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "NULL handle");
  CHECK_STATUS(qm_kingdee_verifier_diagnose(NULL, S("GET"), S("/"), NULL, 0, NULL, 0, TS, &d, buf, sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "NULL handle (diagnose)");
  CHECK_STATUS(qm_kingdee_verifier_remembered(NULL, &n), QM_STATUS_NULL_ARGUMENT, "NULL handle (remembered)");
  CHECK_STATUS(qm_kingdee_verifier_new(S(SECRET), QM_DEFAULT_WINDOW_MS, 1, false, &v), QM_STATUS_OK, "capacity 1");
  CHECK_STATUS(qm_kingdee_verifier_verify_stateless(v, S("GET"), S("/"), NULL, 0, NULL, 0, TS, &parts, NULL, buf,
                                                    sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "NULL out_ticket");
  CHECK_STATUS(qm_kingdee_verifier_remembered(v, NULL), QM_STATUS_NULL_ARGUMENT, "NULL out_count");
  CHECK_STATUS(qm_kingdee_verifier_verify_stateless(v, S("GET"), S("/"), NULL, 0, NULL, 0, TS, &parts, &t, buf,
                                                    sizeof buf, &len),
               QM_STATUS_MISSING_HEADER, "no headers");
  request a, b;
  if (sign(&a, NULL, 0, NULL, 0, TS_TEXT, "9999999990") && sign(&b, NULL, 0, NULL, 0, TS_TEXT, "9999999991")) {
    CHECK_STATUS(verify(v, &a, NULL, 0, TS), QM_STATUS_OK, "first");
    CHECK_STATUS(verify(v, &b, NULL, 0, TS), QM_STATUS_REPLAY_CACHE_FULL, "capacity 1 is full");
  }
  qm_kingdee_verifier_free(v);
  qm_kingdee_verifier_free(NULL);
  CHECK(qm_kingdee_default_replay_capacity() == QM_KINGDEE_DEFAULT_REPLAY_CAPACITY, "capacity getter");
}

int main(void) {
  CHECK_STATUS(qm_kingdee_signer_new(S("123456"), S(SECRET), &signer), QM_STATUS_OK, "signer");
  replay_is_refused();
  clock_stepped_back();
  line_feed_in_a_signed_header();
  unsigned_query_data();
  diagnose_reveals_no_signature();
  tickets_for_a_shared_store();
  handle_arguments();
  qm_kingdee_signer_free(signer);
  return report();
}
