/* Bad input through the ABI: NULL arguments, invalid UTF-8, lengths, too-small and
 * zero-capacity buffers (then a retry with the reported size), freeing NULL, status names,
 * the K3Cloud and e-cology defaults and seed lengths. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

#define S(lit) lit, (sizeof lit - 1)
static const char BAD_UTF8[] = {'a', (char)0xff, 'b'};

static void null_arguments(void) {
  char buf[256];
  size_t len = 7;
  CHECK_STATUS(qm_kingdee_app_signature(NULL, 3, S("abc123"), buf, sizeof buf, &len), QM_STATUS_NULL_ARGUMENT,
               "NULL app key");
  CHECK_STATUS(qm_kingdee_app_signature(S("abc"), NULL, 0, buf, sizeof buf, &len), QM_STATUS_NULL_ARGUMENT,
               "NULL secret, length 0");
  CHECK_STATUS(qm_kingdee_app_signature(S("abc"), S("abc123"), NULL, 10, &len), QM_STATUS_NULL_ARGUMENT,
               "NULL buffer with capacity");
  CHECK_STATUS(qm_kingdee_app_signature(S("abc"), S("abc123"), buf, sizeof buf, NULL), QM_STATUS_NULL_ARGUMENT,
               "NULL out_len");
  CHECK(len == 7, "out_len untouched on NULL_ARGUMENT");
  CHECK_STATUS(qm_kingdee_explain_app_signature(S("abc"), S("abc123"), NULL, buf, sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "NULL parts");
  qm_kingdee_signer *signer = (qm_kingdee_signer *)buf; /* must stay untouched */
  CHECK_STATUS(qm_kingdee_signer_new(S("123456"), S("s3cret"), NULL), QM_STATUS_NULL_ARGUMENT, "NULL out_signer");
  CHECK_STATUS(qm_kingdee_signer_new(NULL, 0, S("s3cret"), &signer), QM_STATUS_NULL_ARGUMENT, "NULL client id");
  CHECK(signer == (qm_kingdee_signer *)buf, "out_signer untouched on failure");
  qm_kingdee_signed_request out;
  CHECK_STATUS(qm_kingdee_signer_sign(NULL, S("GET"), S("/a"), NULL, 0, NULL, 0, S("1700000000000"), S("42"), &out,
                                      buf, sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "NULL signer");
  CHECK_STATUS(qm_kingdee_signer_new(S("123456"), S("s3cret"), &signer), QM_STATUS_OK, "signer");
  CHECK_STATUS(qm_kingdee_signer_sign(signer, S("GET"), S("/a"), NULL, 2, NULL, 0, S("1700000000000"), S("42"), &out,
                                      buf, sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "NULL query with count 2");
  qm_pair null_value = {S("a"), NULL, 0};
  CHECK_STATUS(qm_kingdee_signer_sign(signer, S("GET"), S("/a"), &null_value, 1, NULL, 0, S("1700000000000"),
                                      S("42"), &out, buf, sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "NULL query value");
  CHECK_STATUS(qm_kingdee_signer_sign(signer, S("GET"), S("/a"), NULL, 0, &null_value, 1, S("1700000000000"),
                                      S("42"), &out, buf, sizeof buf, &len),
               QM_STATUS_MISSING_HEADER_VALUE, "NULL sign header value means no value");
  CHECK_STATUS(qm_kingdee_signer_sign(signer, S("GET"), S("/a"), NULL, 0, NULL, 0, S("1700000000000"), S("42"), NULL,
                                      buf, sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "NULL out_parts");
  qm_kingdee_signer_free(signer);
  qm_kingdee_verified verified;
  CHECK_STATUS(qm_kingdee_verify(S("s"), QM_DEFAULT_WINDOW_MS, S("GET"), NULL, 0, NULL, 0, NULL, 0, 0, &verified, buf,
                                 sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "NULL path");
  CHECK_STATUS(qm_kingdee_nonce_from_entropy(1, buf, sizeof buf, NULL), QM_STATUS_NULL_ARGUMENT, "nonce out_len");
  CHECK_STATUS(qm_weaver_sign(S("id"), NULL, 1, S("8fy6K39X6PIEEeOq"), 1, buf, sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "NULL weaver secret");
  CHECK_STATUS(qm_weaver_explain(S("id"), S("s"), S("8fy6K39X6PIEEeOq"), 1, NULL, buf, sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "NULL weaver parts");
  qm_weaver_verifier *verifier = NULL;
  CHECK_STATUS(qm_weaver_verifier_new(S("id"), S("s"), NULL, 16, 1000, &verifier), QM_STATUS_NULL_ARGUMENT,
               "NULL aes key");
  CHECK(verifier == NULL, "no verifier made");
  uint64_t ts = 0;
  CHECK_STATUS(qm_weaver_verifier_verify(NULL, S("00"), 0, &ts), QM_STATUS_NULL_ARGUMENT, "NULL verifier");
  CHECK_STATUS(qm_basic_credentials(S("u"), NULL, 0, buf, sizeof buf, &len), QM_STATUS_NULL_ARGUMENT, "basic");
  qm_basic_user_password up;
  CHECK_STATUS(qm_basic_parse_authorization(NULL, 0, &up, buf, sizeof buf, &len), QM_STATUS_NULL_ARGUMENT,
               "parse NULL header");
  CHECK_STATUS(qm_basic_parse_credentials(S("dTpw"), NULL, buf, sizeof buf, &len), QM_STATUS_NULL_ARGUMENT,
               "parse NULL parts");
  qm_kingdee_signer_free(NULL);
  qm_weaver_verifier_free(NULL);
  CHECK(true, "freeing NULL is a no-op");
}

static void invalid_utf8(void) {
  char buf[256];
  size_t len = 0;
  CHECK_STATUS(qm_kingdee_app_signature(BAD_UTF8, sizeof BAD_UTF8, S("abc123"), buf, sizeof buf, &len),
               QM_STATUS_INVALID_UTF8, "app key");
  qm_kingdee_signer *signer = NULL;
  CHECK_STATUS(qm_kingdee_signer_new(S("123456"), BAD_UTF8, sizeof BAD_UTF8, &signer), QM_STATUS_INVALID_UTF8,
               "client secret");
  CHECK_STATUS(qm_kingdee_signer_new(S("123456"), S("s3cret"), &signer), QM_STATUS_OK, "signer");
  qm_pair bad_name = {BAD_UTF8, sizeof BAD_UTF8, S("v")};
  qm_kingdee_signed_request out;
  CHECK_STATUS(qm_kingdee_signer_sign(signer, S("GET"), S("/a"), &bad_name, 1, NULL, 0, S("1700000000000"), S("42"),
                                      &out, buf, sizeof buf, &len),
               QM_STATUS_INVALID_UTF8, "query name");
  CHECK_STATUS(qm_kingdee_signer_sign(signer, S("GET"), BAD_UTF8, sizeof BAD_UTF8, NULL, 0, NULL, 0,
                                      S("1700000000000"), S("42"), &out, buf, sizeof buf, &len),
               QM_STATUS_INVALID_UTF8, "path");
  qm_kingdee_signer_free(signer);
  CHECK_STATUS(qm_weaver_sign(S("id"), S("s"), BAD_UTF8, sizeof BAD_UTF8, 1, buf, sizeof buf, &len),
               QM_STATUS_INVALID_UTF8, "aes key");
  CHECK_STATUS(qm_basic_credentials(S("u"), BAD_UTF8, sizeof BAD_UTF8, buf, sizeof buf, &len),
               QM_STATUS_INVALID_UTF8, "password");
  /* Base64 of bytes that are not UTF-8 is the core's invalid_unicode, not the ABI's check. */
  qm_basic_user_password up;
  CHECK_STATUS(qm_basic_parse_authorization(S("Basic //79"), &up, buf, sizeof buf, &len), QM_STATUS_INVALID_UNICODE,
               "decoded credentials not UTF-8");
}

/* The length is authoritative: bytes past it are not read, NUL bytes inside it are data. */
static void lengths(void) {
  char a[128], b[128];
  size_t la = 0, lb = 0;
  CHECK_STATUS(qm_kingdee_app_signature("abcdef", 3, S("abc123"), a, sizeof a, &la), QM_STATUS_OK, "prefix");
  CHECK_STATUS(qm_kingdee_app_signature(S("abc"), S("abc123"), b, sizeof b, &lb), QM_STATUS_OK, "whole");
  CHECK(la == lb && memcmp(a, b, la) == 0, "a shorter length signs the prefix only");
  CHECK(la == 88 && strncmp(a, "ZDljMTI3NGIy", 12) == 0, "the seed example");
  CHECK_STATUS(qm_kingdee_app_signature("ab\0c", 4, S("abc123"), a, sizeof a, &la), QM_STATUS_OK, "embedded NUL");
  CHECK(memcmp(a, b, lb) != 0, "an embedded NUL is part of the key");
  qm_kingdee_signer *signer = NULL;
  CHECK_STATUS(qm_kingdee_signer_new("123\0456", 7, S("s"), &signer), QM_STATUS_INVALID_HEADER_VALUE,
               "NUL inside a client id");
  static char huge[70 * 1024];
  memset(huge, 'a', sizeof huge);
  CHECK_STATUS(qm_kingdee_app_signature(huge, sizeof huge, S("abc123"), a, sizeof a, &la), QM_STATUS_INPUT_TOO_LARGE,
               "over the core's limit");
}

/* Lengths and counts beyond the limits are refused from the length alone: each call gets a
 * real two-byte heap buffer with a huge length, so any read past it would be reported by
 * valgrind and AddressSanitizer. The size limit also comes before the UTF-8 check. */
static void lengths_beyond_the_limits(void) {
  char *two = malloc(2);
  memcpy(two, "ab", 2);
  const size_t huge[] = {SIZE_MAX, (size_t)PTRDIFF_MAX + 1, (size_t)PTRDIFF_MAX, QM_MAX_TEXT_BYTES + 1};
  char buf[256];
  size_t len = 0;
  for (size_t i = 0; i < sizeof huge / sizeof huge[0]; i++) {
    CHECK_STATUS(qm_kingdee_app_signature(two, huge[i], S("abc123"), buf, sizeof buf, &len), QM_STATUS_INPUT_TOO_LARGE,
                 "huge app key length");
    qm_kingdee_verifier *v = NULL;
    CHECK_STATUS(qm_kingdee_verifier_new(two, huge[i], QM_DEFAULT_WINDOW_MS, 0, false, &v), QM_STATUS_INPUT_TOO_LARGE,
                 "huge secret length");
    CHECK(v == NULL, "no verifier");
    qm_pair pair = {two, 1, two, huge[i]};
    qm_kingdee_verified verified;
    CHECK_STATUS(qm_kingdee_verify(S("s"), QM_DEFAULT_WINDOW_MS, S("GET"), S("/"), &pair, 1, NULL, 0, 0, &verified, buf,
                                   sizeof buf, &len),
                 QM_STATUS_INPUT_TOO_LARGE, "huge query value length");
    pair = (qm_pair){two, huge[i], two, 1};
    CHECK_STATUS(qm_kingdee_verify(S("s"), QM_DEFAULT_WINDOW_MS, S("GET"), S("/"), NULL, 0, &pair, 1, 0, &verified, buf,
                                   sizeof buf, &len),
                 QM_STATUS_INPUT_TOO_LARGE, "huge header name length");
    qm_weaver_verifier *w = NULL;
    CHECK_STATUS(qm_weaver_verifier_new(S("id"), two, huge[i], S("8fy6K39X6PIEEeOq"), 1000, &w),
                 QM_STATUS_INPUT_TOO_LARGE, "huge Weaver secret length");
    CHECK(w == NULL, "no Weaver verifier");
    size_t body_len = huge[i] > QM_MAX_ANSWER_BYTES ? huge[i] : QM_MAX_ANSWER_BYTES + 1;
    qm_oauth_access_token token;
    CHECK_STATUS(qm_oauth_parse_token_answer((const uint8_t *)two, body_len, &token, buf, sizeof buf, &len),
                 QM_STATUS_INPUT_TOO_LARGE, "huge body length");
  }
  /* Counts: more pairs than an array can hold, or than the core accepts. */
  qm_pair *pair = malloc(sizeof *pair); /* one element on the heap */
  *pair = (qm_pair){S("a"), S("b")};
  qm_kingdee_verified verified;
  const size_t counts[] = {SIZE_MAX, SIZE_MAX / sizeof(qm_pair) + 1, 1025};
  for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
    CHECK_STATUS(qm_kingdee_verify(S("s"), QM_DEFAULT_WINDOW_MS, S("GET"), S("/"), pair, counts[i], NULL, 0, 0,
                                   &verified, buf, sizeof buf, &len),
                 QM_STATUS_INPUT_TOO_LARGE, "huge query count");
  }
  CHECK_STATUS(qm_kingdee_verify(S("s"), QM_DEFAULT_WINDOW_MS, S("GET"), S("/"), NULL, 0, pair, SIZE_MAX, 0, &verified,
                                 buf, sizeof buf, &len),
               QM_STATUS_INPUT_TOO_LARGE, "huge header count");
  qm_kingdee_signer *signer = NULL;
  CHECK_STATUS(qm_kingdee_signer_new(S("123456"), S("s3cret"), &signer), QM_STATUS_OK, "signer");
  qm_kingdee_signed_request out;
  CHECK_STATUS(qm_kingdee_signer_sign(signer, S("GET"), S("/a"), NULL, 0, pair, 65, S("1700000000000"), S("42"), &out,
                                      buf, sizeof buf, &len),
               QM_STATUS_INPUT_TOO_LARGE, "65 headers to sign");
  qm_kingdee_signer_free(signer);
  free(pair);
  /* Over the limit and not UTF-8: the cheap length check answers first. */
  char *invalid = malloc(QM_MAX_TEXT_BYTES + 1);
  memset(invalid, 0xff, QM_MAX_TEXT_BYTES + 1);
  CHECK_STATUS(qm_percent_decode(invalid, QM_MAX_TEXT_BYTES + 1, buf, sizeof buf, &len), QM_STATUS_INPUT_TOO_LARGE,
               "too large before invalid UTF-8");
  CHECK_STATUS(qm_percent_decode(invalid, QM_MAX_TEXT_BYTES, buf, sizeof buf, &len), QM_STATUS_INVALID_UTF8,
               "at the limit, the UTF-8 check");
  free(invalid);
  char message[256];
  size_t mlen = 0;
  CHECK_STATUS(qm_kingdee_app_signature(two, SIZE_MAX, S("abc123"), buf, sizeof buf, &len), QM_STATUS_INPUT_TOO_LARGE,
               "again");
  CHECK_STATUS(qm_last_error_message(message, sizeof message, &mlen), QM_STATUS_OK, "detail");
  char detail[300];
  snprintf(detail, sizeof detail, "%.*s", (int)mlen, message);
  CHECK(strstr(detail, "the limit is 65536") != NULL, "detail names the limit: %s", detail);
  free(two);
}

/* The OAuth callback check always needs the state that was sent. */
static void oauth_state_required(void) {
  char buf[256];
  size_t len = 0;
  qm_oauth_callback cb;
  CHECK_STATUS(qm_oauth_parse_callback(S("https://app/cb?code=c1&state=xyz"), S(""), &cb, buf, sizeof buf, &len),
               QM_STATUS_INVALID_FIELD, "empty expected state");
  CHECK_STATUS(qm_oauth_parse_callback(S("https://app/cb?code=c1&state="), S(""), &cb, buf, sizeof buf, &len),
               QM_STATUS_INVALID_FIELD, "empty expected and received state");
  CHECK_STATUS(qm_oauth_parse_callback(S("https://app/cb?code=c1"), NULL, 0, &cb, buf, sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "no expected state");
  CHECK_STATUS(qm_oauth_parse_callback(S("https://app/cb?code=c1&state=abc"), S("xyz"), &cb, buf, sizeof buf, &len),
               QM_STATUS_STATE_MISMATCH, "another state");
  CHECK_STATUS(qm_oauth_parse_callback(S("https://app/cb?code=c1&state=xyz"), S("xyz"), &cb, buf, sizeof buf, &len),
               QM_STATUS_OK, "the state sent");
}

static void small_buffers(void) {
  char buf[2048];
  size_t len = 12345;
  CHECK_STATUS(qm_kingdee_app_signature(S("abc"), S("abc123"), NULL, 0, &len), QM_STATUS_INSUFFICIENT_SIZE,
               "size query");
  CHECK(len == 88, "reported size %zu", len);
  memset(buf, '#', sizeof buf);
  CHECK_STATUS(qm_kingdee_app_signature(S("abc"), S("abc123"), buf, 87, &len), QM_STATUS_INSUFFICIENT_SIZE,
               "one byte short");
  CHECK(len == 88 && buf[0] == '#', "nothing written when short");
  CHECK_STATUS(qm_kingdee_app_signature(S("abc"), S("abc123"), buf, len, &len), QM_STATUS_OK, "retry");
  CHECK(len == 88 && buf[88] == '#', "exactly the reported size, no terminator");

  qm_kingdee_signer *signer = NULL;
  CHECK_STATUS(qm_kingdee_signer_new(S("123456"), S("0123456789abcdef0123456789abcdef"), &signer), QM_STATUS_OK, "");
  qm_pair query[] = {{S("app_key"), S("abc")}};
  qm_kingdee_signed_request out, untouched;
  memset(&out, 0xAB, sizeof out);
  memcpy(&untouched, &out, sizeof out);
  size_t needed = 0;
  CHECK_STATUS(qm_kingdee_signer_sign(signer, S("get"), S("/a b"), query, 1, NULL, 0, S("1700000000000"),
                                      S("1234567890"), &out, buf, 10, &needed),
               QM_STATUS_INSUFFICIENT_SIZE, "signed request, small buffer");
  CHECK(memcmp(&out, &untouched, sizeof out) == 0, "parts untouched when short");
  char *exact = buf;
  CHECK(needed > 10 && needed <= sizeof buf, "needed %zu", needed);
  size_t used = 0;
  CHECK_STATUS(qm_kingdee_signer_sign(signer, S("get"), S("/a b"), query, 1, NULL, 0, S("1700000000000"),
                                      S("1234567890"), &out, exact, needed, &used),
               QM_STATUS_OK, "retry with the reported size");
  CHECK(used == needed, "used %zu of %zu", used, needed);
  CHECK(out.method.len == 3 && memcmp(out.method.ptr, "GET", 3) == 0, "method upper-cased by the core");
  CHECK(out.canonical_path.len == 6 && memcmp(out.canonical_path.ptr, "%2Fa+b", 6) == 0, "canonical path");
  CHECK(out.wire_query.len == 11 && memcmp(out.wire_query.ptr, "app_key=abc", 11) == 0, "wire query");
  CHECK(out.headers[5].name.len == 15 && memcmp(out.headers[5].name.ptr, "X-Api-Signature", 15) == 0 &&
            out.headers[5].value.len == out.signature.len &&
            memcmp(out.headers[5].value.ptr, out.signature.ptr, out.signature.len) == 0,
        "X-Api-Signature header");
  CHECK(out.signed_headers.len == 27 && memcmp(out.signed_headers.ptr, "X-Api-Nonce,X-Api-TimeStamp", 27) == 0,
        "signed headers");
  qm_kingdee_signer_free(signer);

  char nonce[10];
  CHECK_STATUS(qm_kingdee_nonce_from_entropy(42, nonce, 9, &len), QM_STATUS_INSUFFICIENT_SIZE, "nonce short");
  CHECK_STATUS(qm_kingdee_nonce_from_entropy(42, nonce, sizeof nonce, &len), QM_STATUS_OK, "nonce");
  CHECK(len == 10 && memcmp(nonce, "0000000042", 10) == 0, "nonce text");
  qm_basic_user_password up;
  CHECK_STATUS(qm_basic_parse_credentials(S("Og=="), &up, NULL, 0, &len), QM_STATUS_OK, "empty user and password");
  CHECK(len == 0 && up.user.len == 0 && up.password.len == 0, "nothing needed for empty results");
}

static void weaver_threads_and_handles(void) {
  qm_weaver_verifier *verifier = NULL;
  CHECK_STATUS(qm_weaver_verifier_new(S("weaverappid"), S("weaversecret"), S("short"), QM_DEFAULT_WINDOW_MS, &verifier),
               QM_STATUS_INVALID_KEY_LENGTH, "key length");
  CHECK(verifier == NULL, "no handle on failure");
}

static void status_names(void) {
  CHECK(strcmp(qm_status_name(QM_STATUS_OK), "ok") == 0, "ok");
  CHECK(strcmp(qm_status_name(QM_STATUS_NULL_ARGUMENT), "null_argument") == 0, "null_argument");
  CHECK(strcmp(qm_status_name(QM_STATUS_INVALID_UTF8), "invalid_utf8") == 0, "invalid_utf8");
  CHECK(strcmp(qm_status_name(QM_STATUS_INSUFFICIENT_SIZE), "insufficient_size") == 0, "insufficient_size");
  CHECK(strcmp(qm_status_name(QM_STATUS_PANIC), "panic") == 0, "panic");
  CHECK(strcmp(qm_status_name(QM_STATUS_EMPTY_SECRET), "empty_secret") == 0, "empty_secret");
  CHECK(strcmp(qm_status_name(QM_STATUS_INVALID_SIGNED_HEADERS), "invalid_signed_headers") == 0, "28");
  CHECK(strcmp(qm_status_message(QM_STATUS_EXPIRED), "the timestamp is older than the validity window") == 0, "msg");
  CHECK(strcmp(qm_status_name(999), "unknown_status") == 0, "unknown");
  CHECK(strcmp(qm_status_message(0xFFFFFFFFu), "unknown status") == 0, "unknown message");
  CHECK(QM_STATUS_NULL_ARGUMENT == 1000 && QM_STATUS_PANIC == 1003, "ABI statuses start at 1000");
  CHECK(strlen(qm_version()) > 0, "version %s", qm_version());
  CHECK(qm_default_window_ms() == QM_DEFAULT_WINDOW_MS, "window getter");
  CHECK(qm_weaver_default_replay_capacity() == QM_WEAVER_DEFAULT_REPLAY_CAPACITY, "capacity getter");
  const char *yonyou_url = qm_yonyou_default_token_url();
  CHECK(strcmp(yonyou_url, "https://open.yonyoucloud.com/open-auth/selfAppAuth/getAccessToken") == 0,
        "yonyou default token url %s", yonyou_url);
}

/* ---- issue-6 builders and parsers, parse_query, percent_decode, explain, options, last error ---- */

static const char BASE[] = "https://api.kingdee.com";
static const uint8_t GRANTED[] =
    "{\"errcode\":0,\"description\":\"ok\",\"data\":{\"uid\":\"u1\",\"app-token\":\"tok-123\"}}";
static const uint8_t REFUSED[] = "{\"batchkey\":\"bk-9\",\"msg\":\"签名已过期\",\"status\":false,\"token\":\"\"}";

static void token_null_arguments(void) {
  char buf[2048];
  size_t len = 7, count = 5;
  qm_http_request req;
  qm_refusal refusal = {0};
  qm_weaver_token wt;
  qm_kingdee_app_token kt;
  CHECK_STATUS(qm_weaver_token_request(NULL, 0, S("appid"), S("abc"), &req, buf, sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "NULL base URL");
  CHECK_STATUS(qm_weaver_token_request(S("http://h"), S("appid"), S("abc"), NULL, buf, sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "NULL out_request");
  CHECK_STATUS(qm_weaver_token_request(S("http://h"), S("appid"), S("abc"), &req, NULL, 10, &len),
               QM_STATUS_NULL_ARGUMENT, "NULL buf with capacity");
  CHECK_STATUS(qm_weaver_parse_token_answer(NULL, 0, 0, &wt, &refusal, buf, sizeof buf, &len), QM_STATUS_NULL_ARGUMENT,
               "NULL body, length 0");
  CHECK_STATUS(qm_weaver_parse_token_answer(REFUSED, sizeof REFUSED - 1, 0, NULL, &refusal, buf, sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "NULL out_token");
  CHECK(len == 7 && !refusal.refused, "outputs untouched on NULL_ARGUMENT");
  CHECK_STATUS(qm_kingdee_token_request(NULL, S(BASE), S("abc"), S("abc123"), NULL, 0, S("1700000000000"), S("42"),
                                        (qm_kingdee_token_request_parts *)buf, buf + 1024, 1024, &len),
               QM_STATUS_NULL_ARGUMENT, "NULL signer");
  CHECK_STATUS(qm_kingdee_parse_token_answer(GRANTED, sizeof GRANTED - 1, 0, &kt, NULL, buf, sizeof buf, NULL),
               QM_STATUS_NULL_ARGUMENT, "NULL out_len");
  qm_header pairs[4];
  CHECK_STATUS(qm_kingdee_parse_query(S("a=1"), pairs, 4, NULL, buf, sizeof buf, &len), QM_STATUS_NULL_ARGUMENT,
               "NULL out_count");
  CHECK_STATUS(qm_kingdee_parse_query(S("a=1"), NULL, 4, &count, buf, sizeof buf, &len), QM_STATUS_NULL_ARGUMENT,
               "NULL pairs with capacity");
  CHECK(count == 5, "out_count untouched");
  qm_str id;
  CHECK_STATUS(qm_oauth_parse_userinfo_answer((const uint8_t *)"{}", 2, NULL, pairs, 4, &count, buf, sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "NULL out_id");
  (void)id;
  CHECK_STATUS(qm_lifetime_action(NULL, 0, 0, (uint32_t *)buf), QM_STATUS_NULL_ARGUMENT, "NULL lifetime");
  qm_lifetime life;
  CHECK_STATUS(qm_lifetime_from_duration(1, 2, NULL), QM_STATUS_NULL_ARGUMENT, "NULL out_lifetime");
  CHECK_STATUS(qm_lifetime_from_duration(1, 2, &life), QM_STATUS_OK, "lifetime");
  CHECK_STATUS(qm_lifetime_action(&life, 0, 0, NULL), QM_STATUS_NULL_ARGUMENT, "NULL out_action");
  CHECK_STATUS(qm_lifetime_set_refresh(NULL, 5, false), QM_STATUS_NULL_ARGUMENT, "NULL lifetime to change");
  CHECK_STATUS(qm_percent_decode(NULL, 0, buf, sizeof buf, &len), QM_STATUS_NULL_ARGUMENT, "NULL percent input");
  CHECK_STATUS(qm_last_error_message(buf, sizeof buf, NULL), QM_STATUS_NULL_ARGUMENT, "NULL out_len (last error)");
  qm_weaver_verifier *v = (qm_weaver_verifier *)buf;
  CHECK_STATUS(qm_weaver_verifier_new_with_options(S("a"), S("s"), NULL, 0, 1, 1, 1, &v), QM_STATUS_NULL_ARGUMENT,
               "NULL AES key");
  CHECK(v == (qm_weaver_verifier *)buf, "out_verifier untouched");
  qm_edge_jwt_claims claims;
  CHECK_STATUS(qm_edge_read_jwt_claims(S("a.b.c"), NULL, buf, sizeof buf, &len), QM_STATUS_NULL_ARGUMENT,
               "NULL out_claims");
  (void)claims;
}

static void token_invalid_utf8(void) {
  char buf[2048];
  size_t len = 0;
  qm_http_request req;
  CHECK_STATUS(qm_edge_login_request(S("http://h"), BAD_UTF8, sizeof BAD_UTF8, S("p"), &req, buf, sizeof buf, &len),
               QM_STATUS_INVALID_UTF8, "invalid UTF-8 user name");
  CHECK_STATUS(qm_oauth_authorize_url(S("https://sso"), S("id"), S("https://app/cb"), BAD_UTF8, sizeof BAD_UTF8, NULL,
                                      0, buf, sizeof buf, &len),
               QM_STATUS_INVALID_UTF8, "invalid UTF-8 state");
  CHECK_STATUS(qm_percent_decode(BAD_UTF8, sizeof BAD_UTF8, buf, sizeof buf, &len), QM_STATUS_INVALID_UTF8,
               "invalid UTF-8 path");
  /* An answer body is bytes: invalid UTF-8 there is the core's verdict, not the ABI's. */
  qm_oauth_access_token token;
  qm_status st = qm_oauth_parse_token_answer((const uint8_t *)BAD_UTF8, sizeof BAD_UTF8, &token, buf, sizeof buf, &len);
  CHECK(st != QM_STATUS_OK && st != QM_STATUS_INVALID_UTF8 && st < 1000, "bytes body refused by the core: %s",
        qm_status_name(st));
}

static void token_small_buffers(void) {
  char big[4096];
  size_t needed = 0, used = 0;
  qm_kingdee_signer *signer = NULL;
  CHECK_STATUS(qm_kingdee_signer_new(S("123456"), S("0123456789abcdef0123456789abcdef"), &signer), QM_STATUS_OK,
               "signer");
  qm_kingdee_token_request_parts parts;
  CHECK_STATUS(qm_kingdee_token_request(signer, S(BASE), S("abc"), S("abc123"), NULL, 0, S("1700000000000"),
                                        S("1234567890"), &parts, big, 10, &needed),
               QM_STATUS_INSUFFICIENT_SIZE, "token request in 10 bytes");
  CHECK(needed > 10 && needed < sizeof big, "needed %zu", needed);
  CHECK_STATUS(qm_kingdee_token_request(signer, S(BASE), S("abc"), S("abc123"), NULL, 0, S("1700000000000"),
                                        S("1234567890"), &parts, big, needed, &used),
               QM_STATUS_OK, "retry with the reported size");
  CHECK(used == needed && parts.http.header_count == 6 && parts.http.body.ptr == NULL, "six headers, no body");
  qm_kingdee_signer_free(signer);

  /* A refusal needs room too; its texts land in the buffer. */
  qm_weaver_token token;
  qm_refusal refusal = {0};
  CHECK_STATUS(qm_weaver_parse_token_answer(REFUSED, sizeof REFUSED - 1, 0, &token, &refusal, NULL, 0, &needed),
               QM_STATUS_INSUFFICIENT_SIZE, "refusal size query");
  CHECK(!refusal.refused, "refusal untouched on INSUFFICIENT_SIZE");
  char *exact = malloc(needed);
  CHECK_STATUS(qm_weaver_parse_token_answer(REFUSED, sizeof REFUSED - 1, 0, &token, &refusal, exact, needed, &used),
               QM_STATUS_EXPIRED, "refusal mapped from 签名已过期");
  CHECK(refusal.refused && refusal.status == QM_STATUS_EXPIRED && refusal.code.ptr == NULL &&
            refusal.batchkey.len == 4 && memcmp(refusal.batchkey.ptr, "bk-9", 4) == 0,
        "refusal fields");
  free(exact);
  /* Without out_refusal the kind alone comes back, and no buffer is needed. */
  CHECK_STATUS(qm_weaver_parse_token_answer(REFUSED, sizeof REFUSED - 1, 0, &token, NULL, NULL, 0, &needed),
               QM_STATUS_EXPIRED, "refusal without out_refusal");

  /* Lists: both the texts and the array can be too small; both needs are reported. */
  qm_header pairs[2];
  size_t count = 0;
  CHECK_STATUS(qm_kingdee_parse_query(S("?a=1&b=x%3Dy&c"), pairs, 2, &count, big, sizeof big, &used),
               QM_STATUS_INSUFFICIENT_SIZE, "3 pairs into an array of 2");
  CHECK(count == 3, "count needed %zu", count);
  qm_header three[3];
  CHECK_STATUS(qm_kingdee_parse_query(S("?a=1&b=x%3Dy&c"), three, 3, &count, NULL, 0, &needed),
               QM_STATUS_INSUFFICIENT_SIZE, "texts into no buffer");
  CHECK(needed == 7 && count == 3, "needed %zu bytes", needed);
  char text6[7];
  CHECK_STATUS(qm_kingdee_parse_query(S("?a=1&b=x%3Dy&c"), three, 3, &count, text6, sizeof text6, &used),
               QM_STATUS_OK, "retry");
  CHECK(count == 3 && three[1].value.len == 3 && memcmp(three[1].value.ptr, "x=y", 3) == 0 && three[2].value.len == 0 &&
            three[2].value.ptr != NULL,
        "decoded pairs; an empty value is present");
  CHECK_STATUS(qm_kingdee_parse_query(S("a=%zz"), three, 3, &count, text6, sizeof text6, &used),
               QM_STATUS_INVALID_PERCENT_ENCODING, "bad escape");

  char path[32];
  CHECK_STATUS(qm_percent_decode(S("/a%20b+c"), path, 3, &needed), QM_STATUS_INSUFFICIENT_SIZE, "path too small");
  CHECK_STATUS(qm_percent_decode(S("/a%20b+c"), path, needed, &used), QM_STATUS_OK, "path retry");
  CHECK(used == 6 && memcmp(path, "/a b+c", 6) == 0, "percent_decode keeps +");

  /* A request target: the path percent-decoded (+ kept), the query form-decoded (+ a space). */
  qm_str target_path;
  CHECK_STATUS(qm_kingdee_parse_request_target(S("/jdy/%E7%89%A9/a%20b+c?k=v+w&x=%3D"), &target_path, three, 1,
                                               &count, big, sizeof big, &used),
               QM_STATUS_INSUFFICIENT_SIZE, "2 pairs into an array of 1");
  CHECK(count == 2, "target pairs needed %zu", count);
  CHECK_STATUS(qm_kingdee_parse_request_target(S("/jdy/%E7%89%A9/a%20b+c?k=v+w&x=%3D"), &target_path, three, 3,
                                               &count, big, sizeof big, &used),
               QM_STATUS_OK, "request target");
  CHECK(target_path.len == 14 && memcmp(target_path.ptr, "/jdy/\xe7\x89\xa9/a b+c", 14) == 0 && count == 2 &&
            three[0].value.len == 3 && memcmp(three[0].value.ptr, "v w", 3) == 0 && three[1].value.len == 1 &&
            memcmp(three[1].value.ptr, "=", 1) == 0,
        "decoded target");
  CHECK_STATUS(qm_kingdee_parse_request_target(S("/a%zz"), &target_path, three, 3, &count, big, sizeof big, &used),
               QM_STATUS_INVALID_PERCENT_ENCODING, "bad escape in the path");
  CHECK_STATUS(qm_kingdee_parse_request_target(S("/a"), NULL, three, 3, &count, big, sizeof big, &used),
               QM_STATUS_NULL_ARGUMENT, "NULL out_path");
}

static void explain_options_and_last_error(void) {
  char buf[2048];
  size_t len = 0;
  /* Sign a request, then explain it from the server side with a tampered signature. */
  qm_kingdee_signer *signer = NULL;
  CHECK_STATUS(qm_kingdee_signer_new(S("123456"), S("s3cret"), &signer), QM_STATUS_OK, "signer");
  qm_kingdee_signed_request out;
  CHECK_STATUS(qm_kingdee_signer_sign(signer, S("GET"), S("/a"), NULL, 0, NULL, 0, S("1700000000000"), S("42"), &out, buf,
                                      sizeof buf, &len),
               QM_STATUS_OK, "sign");
  qm_pair headers[6];
  for (int i = 0; i < 6; i++) {
    headers[i] = (qm_pair){out.headers[i].name.ptr, out.headers[i].name.len, out.headers[i].value.ptr,
                           out.headers[i].value.len};
  }
  headers[5].value_len = 10; /* a truncated signature */
  qm_kingdee_verified verified;
  char vbuf[256];
  CHECK_STATUS(qm_kingdee_verify(S("s3cret"), QM_DEFAULT_WINDOW_MS, S("GET"), S("/a"), NULL, 0, headers, 6,
                                 1700000000000u, &verified, vbuf, sizeof vbuf, &len),
               QM_STATUS_SIGNATURE_MISMATCH, "tampered");
  char message[512];
  size_t mlen = 0;
  CHECK_STATUS(qm_last_error_message(message, sizeof message, &mlen), QM_STATUS_OK, "last error");
  CHECK(mlen > 0 && strcmp(qm_status_message(QM_STATUS_SIGNATURE_MISMATCH), "") != 0, "a detail: %.*s", (int)mlen,
        message);
  const char *want = NULL;
  qm_kingdee_verify_explanation ex;
  size_t needed = 0;
  CHECK_STATUS(qm_kingdee_verify_explain(S("s3cret"), S("GET"), S("/a"), NULL, 0, headers, 6, &ex, NULL, 0, &needed),
               QM_STATUS_INSUFFICIENT_SIZE, "explain size query");
  char *ebuf = malloc(needed);
  CHECK_STATUS(qm_kingdee_verify_explain(S("s3cret"), S("GET"), S("/a"), NULL, 0, headers, 6, &ex, ebuf, needed, &len),
               QM_STATUS_OK, "explain");
  CHECK(ex.expected_signature.len == out.signature.len &&
            memcmp(ex.expected_signature.ptr, out.signature.ptr, out.signature.len) == 0 &&
            ex.received_signature.len == 10 && ex.string_to_sign.len == out.string_to_sign.len &&
            memcmp(ex.string_to_sign.ptr, out.string_to_sign.ptr, out.string_to_sign.len) == 0,
        "explain rebuilds what the signer signed");
  free(ebuf);
  qm_kingdee_signer_free(signer);

  /* The message survives successful calls (the explain size query above recorded its own). */
  CHECK_STATUS(qm_last_error_message(message, sizeof message, &mlen), QM_STATUS_OK, "last error");
  want = qm_status_message(QM_STATUS_INSUFFICIENT_SIZE);
  CHECK(mlen == strlen(want) && memcmp(message, want, mlen) == 0, "the size query's failure is recorded");
  CHECK_STATUS(qm_percent_decode(S("ok"), buf, sizeof buf, &len), QM_STATUS_OK, "a successful call");
  size_t again = 0;
  CHECK_STATUS(qm_last_error_message(NULL, 0, &again), QM_STATUS_INSUFFICIENT_SIZE, "size query");
  CHECK(again == mlen, "unchanged by success and by its own size query");
  CHECK_STATUS(qm_percent_decode(NULL, 0, buf, sizeof buf, &len), QM_STATUS_NULL_ARGUMENT, "ABI failure");
  CHECK_STATUS(qm_last_error_message(message, sizeof message, &mlen), QM_STATUS_OK, "last error");
  want = qm_status_message(QM_STATUS_NULL_ARGUMENT);
  CHECK(mlen == strlen(want) && memcmp(message, want, mlen) == 0, "ABI failure message");

  /* Weaver verifier options: a replay guard of capacity 1 is full after one live sign; a
   * max future of 0 refuses a sign from 1 ms ahead. */
  qm_weaver_verifier *v = NULL;
  CHECK_STATUS(qm_weaver_verifier_new_with_options(S("weaverappid"), S("weaversecret"), S("8fy6K39X6PIEEeOq"),
                                                   QM_DEFAULT_WINDOW_MS, 0, 1, &v),
               QM_STATUS_OK, "verifier with options");
  char sign[128];
  uint64_t ts = 0;
  CHECK_STATUS(qm_weaver_sign(S("weaverappid"), S("weaversecret"), S("8fy6K39X6PIEEeOq"), 1742369234096u, sign,
                              sizeof sign, &len),
               QM_STATUS_OK, "sign 1");
  CHECK_STATUS(qm_weaver_verifier_verify(v, sign, len, 1742369234095u, &ts), QM_STATUS_FUTURE_TIMESTAMP,
               "max_future_ms 0");
  CHECK_STATUS(qm_weaver_verifier_verify(v, sign, len, 1742369234096u, &ts), QM_STATUS_OK, "first sign");
  CHECK_STATUS(qm_weaver_sign(S("weaverappid"), S("weaversecret"), S("8fy6K39X6PIEEeOq"), 1742369234097u, sign,
                              sizeof sign, &len),
               QM_STATUS_OK, "sign 2");
  CHECK_STATUS(qm_weaver_verifier_verify(v, sign, len, 1742369234097u, &ts), QM_STATUS_REPLAY_CACHE_FULL,
               "capacity 1");
  qm_weaver_verifier_free(v);

  /* Token lifetime action and names. */
  qm_lifetime life;
  uint32_t action = 99;
  CHECK_STATUS(qm_lifetime_from_duration(1000, 1000, &life), QM_STATUS_OK, "lifetime");
  CHECK_STATUS(qm_lifetime_set_refresh(&life, 5000, false), QM_STATUS_OK, "refresh");
  CHECK_STATUS(qm_lifetime_action(&life, 2000, 0, &action), QM_STATUS_OK, "action");
  CHECK(action == QM_TOKEN_ACTION_REFRESH && strcmp(qm_token_action_name(action), "refresh") == 0, "refresh");
  CHECK(strcmp(qm_token_action_name(7), "unknown_action") == 0, "unknown action name");
  qm_http_request req;
  CHECK_STATUS(qm_apusic_session_request(S("https://h:6848"), S("admin"), S("pw"), 7, S("h"), &req, buf, sizeof buf,
                                         &len),
               QM_STATUS_INVALID_FIELD, "unknown Basic mode");
}


/* ---- the signature doctor (issue 15) ---- */
static const char AES_KEY[] = "8fy6K39X6PIEEeOq";
static const char PASTED[] = "GET /a?q=1 HTTP/1.1\r\nX-Api-ClientID: 123456\r\nX-Api-Auth-Version: 2.0\r\n"
                             "X-Api-TimeStamp: 1700000000000\r\nX-Api-Nonce: 42\r\n"
                             "X-Api-SignHeaders: X-Api-Nonce,X-Api-TimeStamp\r\nX-Api-Signature: bm90IGl0\r\n\r\n";

static void doctor_bad_input(void) {
  char buf[4096];
  size_t len = 7;
  qm_weaver_doctor_report wr;
  CHECK_STATUS(qm_weaver_doctor(S("id"), S("s"), S(AES_KEY), S("00"), NULL, 0, QM_DEFAULT_WINDOW_MS, NULL, buf,
                                sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "weaver doctor: NULL out_report");
  CHECK_STATUS(qm_weaver_doctor(S("id"), NULL, 1, S(AES_KEY), S("00"), NULL, 0, QM_DEFAULT_WINDOW_MS, &wr, buf,
                                sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "weaver doctor: NULL secret");
  CHECK_STATUS(qm_weaver_doctor(S("id"), S("s"), S(AES_KEY), S("00"), NULL, 0, QM_DEFAULT_WINDOW_MS, &wr, buf,
                                sizeof buf, NULL),
               QM_STATUS_NULL_ARGUMENT, "weaver doctor: NULL out_len");
  CHECK(len == 7, "out_len untouched on NULL_ARGUMENT");
  CHECK_STATUS(qm_weaver_doctor(S("id"), S("s"), S(AES_KEY), BAD_UTF8, sizeof BAD_UTF8, NULL, 0,
                                QM_DEFAULT_WINDOW_MS, &wr, buf, sizeof buf, &len),
               QM_STATUS_INVALID_UTF8, "weaver doctor: invalid UTF-8 sign");
  /* Too small, then exactly the size reported. */
  char tiny[4];
  CHECK_STATUS(qm_weaver_doctor(S("id"), S("s"), S(AES_KEY), S("not a sign!"), NULL, 0, QM_DEFAULT_WINDOW_MS, &wr,
                                tiny, sizeof tiny, &len),
               QM_STATUS_INSUFFICIENT_SIZE, "weaver doctor: tiny buffer");
  size_t needed = len;
  CHECK(needed > sizeof tiny && needed <= sizeof buf, "weaver doctor: needs %zu", needed);
  CHECK_STATUS(qm_weaver_doctor(S("id"), S("s"), S(AES_KEY), S("not a sign!"), NULL, 0, QM_DEFAULT_WINDOW_MS, &wr,
                                buf, needed, &len),
               QM_STATUS_OK, "weaver doctor: the size reported");
  CHECK(len == needed && wr.verdict.len == strlen("unexplained") && memcmp(wr.verdict.ptr, "unexplained", 11) == 0 &&
            !wr.has_timestamp && wr.plaintext_layout.ptr == NULL && wr.client_recipe.ptr == NULL,
        "weaver doctor: unexplained, nothing decrypted");

  qm_kingdee_doctor_report kr;
  qm_pasted_request pr;
  CHECK_STATUS(qm_kingdee_doctor(S("s"), S("GET"), NULL, 0, NULL, 0, NULL, 0, NULL, 0, QM_DEFAULT_WINDOW_MS, &kr, buf,
                                 sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "kingdee doctor: NULL path");
  CHECK_STATUS(qm_kingdee_doctor(S("s"), S("GET"), S("/a"), NULL, 0, NULL, 0, NULL, 0, QM_DEFAULT_WINDOW_MS, NULL, buf,
                                 sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "kingdee doctor: NULL out_report");
  CHECK_STATUS(qm_kingdee_doctor(S("s"), S("GET"), S("/a"), NULL, 3, NULL, 0, NULL, 0, QM_DEFAULT_WINDOW_MS, &kr, buf,
                                 sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "kingdee doctor: NULL query with count 3");
  CHECK_STATUS(qm_kingdee_doctor(S("s"), S("GET"), S("/a"), NULL, 0, NULL, 0, NULL, 0, QM_DEFAULT_WINDOW_MS, &kr, buf,
                                 sizeof buf, &len),
               QM_STATUS_MISSING_HEADER, "kingdee doctor: no headers");
  CHECK_STATUS(qm_kingdee_doctor_pasted(S("s"), S(PASTED), S("http"), NULL, 0, QM_DEFAULT_WINDOW_MS, NULL, &kr, buf,
                                        sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "pasted: NULL out_request");
  CHECK_STATUS(qm_kingdee_doctor_pasted(S("s"), NULL, 0, NULL, 0, NULL, 0, QM_DEFAULT_WINDOW_MS, &pr, &kr, buf,
                                        sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "pasted: NULL text");
  CHECK_STATUS(qm_kingdee_doctor_pasted(S("s"), S(PASTED), S("wget"), NULL, 0, QM_DEFAULT_WINDOW_MS, &pr, &kr, buf,
                                        sizeof buf, &len),
               QM_STATUS_INVALID_FIELD, "pasted: unknown format");
  CHECK_STATUS(qm_kingdee_doctor_pasted(S("s"), PASTED, (size_t)256 * 1024 + 1, NULL, 0, NULL, 0,
                                        QM_DEFAULT_WINDOW_MS, &pr, &kr, buf, sizeof buf, &len),
               QM_STATUS_INPUT_TOO_LARGE, "pasted: beyond 256 KiB, judged from the length");
  CHECK_STATUS(qm_kingdee_doctor_pasted(S("s"), S(PASTED), NULL, 0, NULL, 0, QM_DEFAULT_WINDOW_MS, &pr, &kr, tiny,
                                        sizeof tiny, &len),
               QM_STATUS_INSUFFICIENT_SIZE, "pasted: tiny buffer");
  needed = len;
  CHECK(needed > sizeof tiny && needed <= sizeof buf, "pasted: needs %zu", needed);
  CHECK_STATUS(qm_kingdee_doctor_pasted(S("s"), S(PASTED), NULL, 0, NULL, 0, QM_DEFAULT_WINDOW_MS, &pr, &kr, buf,
                                        needed, &len),
               QM_STATUS_OK, "pasted: the size reported, format detected");
  CHECK(kr.verdict.len == 11 && memcmp(kr.verdict.ptr, "unexplained", 11) == 0 && kr.client_string_to_sign.ptr == NULL &&
            pr.body.ptr == NULL && pr.path.len == 2 && memcmp(pr.path.ptr, "/a", 2) == 0 && kr.timestamp_ms == 1700000000000u &&
            kr.time_difference_ms == -1700000000000 && kr.now_ms == 0,
        "pasted: unexplained, parsed");
}

/* ==== WXBizMsgCrypt, DingTalk, Feishu, Yonyou ==== */
static const char WX_KEY[] = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
static const char WX_ID[] = "wx5823bf96d3bd56c7";
static const char ECHOSTR[] = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
static const uint8_t RANDOM16[QM_WECOM_RANDOM_LEN] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

/* The detail of the last failure on this thread, NUL-terminated in `out`. */
static void last_detail(char *out, size_t cap) {
  size_t len = 0;
  if (qm_last_error_message(out, cap - 1, &len) != QM_STATUS_OK) {
    len = 0;
  }
  out[len] = '\0';
}

static void messaging_null_and_random(void) {
  char buf[512];
  size_t len = 7;
  CHECK_STATUS(qm_wecom_msg_signature(NULL, 0, S("1"), S("n"), S("e"), buf, sizeof buf, &len), QM_STATUS_NULL_ARGUMENT,
               "wecom signature: NULL token");
  CHECK_STATUS(qm_wecom_verify_msg_signature(S("t"), S("1"), S("n"), S("e"), NULL, 0), QM_STATUS_NULL_ARGUMENT,
               "wecom verify: NULL signature");
  CHECK_STATUS(qm_wecom_decrypt(S(WX_KEY), S(WX_ID), S(ECHOSTR), buf, sizeof buf, NULL), QM_STATUS_NULL_ARGUMENT,
               "wecom decrypt: NULL out_len");
  CHECK(len == 7, "out_len untouched on NULL_ARGUMENT");
  qm_wecom_encrypted_reply reply;
  CHECK_STATUS(qm_wecom_encrypt_reply(S(WX_KEY), S(WX_ID), S("<xml/>"), RANDOM16, sizeof RANDOM16, S("QDG6eK"),
                                      S("1409659589"), S("n1"), NULL, buf, sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "wecom encrypt: NULL out_reply");
  CHECK_STATUS(qm_wecom_encrypt_reply(S(WX_KEY), S(WX_ID), S("<xml/>"), NULL, 0, S("QDG6eK"), S("1409659589"), S("n1"),
                                      &reply, buf, sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "wecom encrypt: NULL random");
  const size_t wrong[] = {0, 15, 17, SIZE_MAX};
  for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
    CHECK_STATUS(qm_wecom_encrypt_reply(S(WX_KEY), S(WX_ID), S("<xml/>"), RANDOM16, wrong[i], S("QDG6eK"),
                                        S("1409659589"), S("n1"), &reply, buf, sizeof buf, &len),
                 QM_STATUS_INVALID_FIELD, "wecom encrypt: a random prefix of another length");
  }
  char detail[256];
  last_detail(detail, sizeof detail);
  CHECK(strstr(detail, "16 bytes") != NULL, "the detail names the length: %s", detail);
  CHECK_STATUS(qm_wecom_verify_and_decrypt(S("QDG6eK"), S(WX_KEY), S(WX_ID), S("1409659589"), S("263014780"),
                                           S(ECHOSTR), NULL, 40, buf, sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "wecom verify_and_decrypt: NULL msg_signature");
  qm_dingtalk_robot_sign_parts robot;
  CHECK_STATUS(qm_dingtalk_robot_sign(S("SECxyz"), 0, NULL, buf, sizeof buf, &len), QM_STATUS_NULL_ARGUMENT,
               "dingtalk: NULL out_parts");
  CHECK_STATUS(qm_dingtalk_robot_sign(NULL, 0, 0, &robot, buf, sizeof buf, &len), QM_STATUS_NULL_ARGUMENT,
               "dingtalk: NULL secret");
  CHECK_STATUS(qm_feishu_bot_sign(S("s"), 0, NULL, 10, &len), QM_STATUS_NULL_ARGUMENT, "feishu bot: NULL buffer");
  CHECK_STATUS(qm_feishu_event_signature(S("1"), S("n"), S("k"), NULL, 0, buf, sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "feishu event: NULL body, length 0");
  CHECK_STATUS(qm_feishu_verify_event_signature(S("1"), S("n"), S("k"), (const uint8_t *)"{}", 2, NULL, 0),
               QM_STATUS_NULL_ARGUMENT, "feishu verify: NULL signature");
  CHECK_STATUS(qm_yonyou_signature(S("k"), S("s"), 0, NULL, buf, sizeof buf, &len), QM_STATUS_NULL_ARGUMENT,
               "yonyou signature: NULL out_parts");
  qm_http_request req;
  CHECK_STATUS(qm_yonyou_token_request(NULL, 0, S("k"), S("s"), 0, &req, buf, sizeof buf, &len),
               QM_STATUS_NULL_ARGUMENT, "yonyou request: NULL token URL");
  qm_yonyou_token token;
  CHECK_STATUS(qm_yonyou_parse_token_answer(NULL, 0, 0, &token, NULL, buf, sizeof buf, &len), QM_STATUS_NULL_ARGUMENT,
               "yonyou answer: NULL body");
}

static void messaging_utf8_and_lengths(void) {
  char buf[512];
  size_t len = 0;
  CHECK_STATUS(qm_wecom_decrypt(S(WX_KEY), S(WX_ID), BAD_UTF8, sizeof BAD_UTF8, buf, sizeof buf, &len),
               QM_STATUS_INVALID_UTF8, "wecom decrypt: encrypt not UTF-8");
  CHECK_STATUS(qm_feishu_decrypt(BAD_UTF8, sizeof BAD_UTF8, S("AAAA"), buf, sizeof buf, &len), QM_STATUS_INVALID_UTF8,
               "feishu decrypt: key not UTF-8");
  /* The Feishu body is bytes: not UTF-8 is fine, and signs differently from a UTF-8 body. */
  char a[64], b[64];
  size_t la = 0, lb = 0;
  CHECK_STATUS(qm_feishu_event_signature(S("1"), S("n"), S("k"), (const uint8_t *)BAD_UTF8, sizeof BAD_UTF8, a,
                                         sizeof a, &la),
               QM_STATUS_OK, "feishu event: a body that is not UTF-8");
  CHECK_STATUS(qm_feishu_event_signature(S("1"), S("n"), S("k"), (const uint8_t *)"a?b", 3, b, sizeof b, &lb),
               QM_STATUS_OK, "feishu event: another body");
  CHECK(la == 64 && lb == 64 && memcmp(a, b, 64) != 0, "64 hex digits, different for different bytes");
  CHECK_STATUS(qm_feishu_verify_event_signature(S("1"), S("n"), S("k"), (const uint8_t *)BAD_UTF8, sizeof BAD_UTF8, a,
                                                la),
               QM_STATUS_OK, "feishu verify: the same bytes");
  CHECK_STATUS(qm_feishu_verify_event_signature(S("1"), S("n"), S("k"), (const uint8_t *)BAD_UTF8, sizeof BAD_UTF8, b,
                                                lb),
               QM_STATUS_SIGNATURE_MISMATCH, "feishu verify: another body's signature");
  /* The WeCom texts (but the key and receive id) and the Feishu encrypt go up to
   * QM_MAX_ANSWER_BYTES, as in the core; other strings stop at QM_MAX_TEXT_BYTES. */
  /* Over the string limit; Base64 of whole AES blocks, so decryption reaches the padding. */
  const size_t big = QM_MAX_TEXT_BYTES + 64;
  char *long_text = malloc(QM_MAX_ANSWER_BYTES + 1);
  memset(long_text, 'A', QM_MAX_ANSWER_BYTES + 1);
  CHECK_STATUS(qm_wecom_msg_signature(S("t"), S("1"), S("n"), long_text, big, buf, sizeof buf, &len), QM_STATUS_OK,
               "wecom signature: an encrypt over QM_MAX_TEXT_BYTES");
  CHECK_STATUS(qm_wecom_msg_signature(S("t"), S("1"), S("n"), long_text, QM_MAX_ANSWER_BYTES + 1, buf, sizeof buf,
                                      &len),
               QM_STATUS_INPUT_TOO_LARGE, "wecom signature: an encrypt over QM_MAX_ANSWER_BYTES");
  CHECK_STATUS(qm_wecom_msg_signature(long_text, big, S("1"), S("n"), S("e"), buf, sizeof buf, &len), QM_STATUS_OK,
               "wecom signature: a token over QM_MAX_TEXT_BYTES");
  CHECK_STATUS(qm_wecom_msg_signature(long_text, QM_MAX_ANSWER_BYTES + 1, S("1"), S("n"), S("e"), buf, sizeof buf,
                                      &len),
               QM_STATUS_INPUT_TOO_LARGE, "wecom signature: a token over QM_MAX_ANSWER_BYTES");
  CHECK_STATUS(qm_wecom_decrypt(S(WX_KEY), long_text, big, S(ECHOSTR), buf, sizeof buf, &len),
               QM_STATUS_INPUT_TOO_LARGE, "wecom decrypt: a receive id over QM_MAX_TEXT_BYTES");
  CHECK_STATUS(qm_wecom_decrypt(S(WX_KEY), S(WX_ID), long_text, big, buf, sizeof buf, &len), QM_STATUS_UNDECRYPTABLE,
               "wecom decrypt: a long encrypt reaches the core");
  CHECK_STATUS(qm_feishu_decrypt(S("k"), long_text, big, buf, sizeof buf, &len), QM_STATUS_UNDECRYPTABLE,
               "feishu decrypt: a long encrypt reaches the core");
  CHECK_STATUS(qm_feishu_decrypt(S("k"), long_text, QM_MAX_ANSWER_BYTES + 1, buf, sizeof buf, &len),
               QM_STATUS_INPUT_TOO_LARGE, "feishu decrypt: over QM_MAX_ANSWER_BYTES");
  qm_wecom_encrypted_reply reply;
  size_t needed = 0;
  CHECK_STATUS(qm_wecom_encrypt_reply(S(WX_KEY), S(WX_ID), long_text, big, RANDOM16, sizeof RANDOM16, S("QDG6eK"),
                                      S("1409659589"), S("n1"), &reply, NULL, 0, &needed),
               QM_STATUS_INSUFFICIENT_SIZE, "wecom encrypt: a long message, size query");
  CHECK(needed > big * 4 / 3, "needs %zu", needed);
  free(long_text);
}

static void messaging_small_buffers(void) {
  /* A struct answer: nothing written when short, then exactly the reported size. */
  qm_dingtalk_robot_sign_parts parts, untouched;
  memset(&parts, 0xAB, sizeof parts);
  memcpy(&untouched, &parts, sizeof parts);
  char buf[256];
  memset(buf, '#', sizeof buf);
  size_t needed = 0, used = 0;
  CHECK_STATUS(qm_dingtalk_robot_sign(S("this is secret"), 1700000000000u, &parts, buf, 10, &needed),
               QM_STATUS_INSUFFICIENT_SIZE, "dingtalk: 10 bytes");
  CHECK(needed == 44 + 46 && buf[0] == '#' && memcmp(&parts, &untouched, sizeof parts) == 0,
        "dingtalk: needs %zu, nothing written", needed);
  CHECK_STATUS(qm_dingtalk_robot_sign(S("this is secret"), 1700000000000u, &parts, buf, needed, &used), QM_STATUS_OK,
               "dingtalk: the size reported");
  CHECK(used == needed && buf[needed] == '#' && parts.sign.ptr == buf && parts.sign.len == 44 &&
            parts.sign_urlencoded.ptr == buf + 44 &&
            memcmp(parts.sign.ptr, "sSFWELbV2YwjdDQhWZwTcWlX5BWUx5J6TPpsZmuPii0=", 44) == 0 &&
            memcmp(parts.sign_urlencoded.ptr + 43, "%3D", 3) == 0,
        "dingtalk: both texts back to back");

  /* A text answer one byte short. */
  CHECK_STATUS(qm_wecom_decrypt(S(WX_KEY), S(WX_ID), S(ECHOSTR), buf, 18, &needed), QM_STATUS_INSUFFICIENT_SIZE,
               "wecom decrypt: one byte short");
  CHECK(needed == 19, "wecom decrypt: needs %zu", needed);
  CHECK_STATUS(qm_wecom_decrypt(S(WX_KEY), S(WX_ID), S(ECHOSTR), buf, needed, &used), QM_STATUS_OK, "wecom decrypt");
  CHECK(used == 19 && memcmp(buf, "1616140317555161061", 19) == 0, "Tencent's echostr");

  /* The encrypted reply: short, then decrypted back and verified. */
  qm_wecom_encrypted_reply reply;
  CHECK_STATUS(qm_wecom_encrypt_reply(S(WX_KEY), S(WX_ID), S("<xml/>"), RANDOM16, sizeof RANDOM16, S("QDG6eK"),
                                      S("1409659589"), S("n1"), &reply, buf, 40, &needed),
               QM_STATUS_INSUFFICIENT_SIZE, "wecom encrypt: 40 bytes");
  CHECK(needed == 88 + 40, "wecom encrypt: needs %zu (Base64 of 64 bytes, 40 hex digits)", needed);
  CHECK_STATUS(qm_wecom_encrypt_reply(S(WX_KEY), S(WX_ID), S("<xml/>"), RANDOM16, sizeof RANDOM16, S("QDG6eK"),
                                      S("1409659589"), S("n1"), &reply, buf, needed, &used),
               QM_STATUS_OK, "wecom encrypt");
  char plain[16];
  size_t plain_len = 0;
  CHECK_STATUS(qm_wecom_verify_and_decrypt(S("QDG6eK"), S(WX_KEY), S(WX_ID), S("1409659589"), S("n1"),
                                           reply.encrypt.ptr, reply.encrypt.len, reply.signature.ptr,
                                           reply.signature.len, plain, sizeof plain, &plain_len),
               QM_STATUS_OK, "the reply verifies and decrypts");
  CHECK(plain_len == 6 && memcmp(plain, "<xml/>", 6) == 0, "the reply's message");
  CHECK_STATUS(qm_wecom_verify_and_decrypt(S("QDG6eK"), S(WX_KEY), S(WX_ID), S("1409659590"), S("n1"),
                                           reply.encrypt.ptr, reply.encrypt.len, reply.signature.ptr,
                                           reply.signature.len, plain, sizeof plain, &plain_len),
               QM_STATUS_SIGNATURE_MISMATCH, "another timestamp");

  /* A Yonyou refusal needs room for its texts; without out_refusal the kind alone. */
  static const uint8_t refused[] = "{\"code\":\"310036\",\"message\":\"非法token\"}";
  qm_yonyou_token token;
  qm_refusal refusal = {0};
  CHECK_STATUS(qm_yonyou_parse_token_answer(refused, sizeof refused - 1, 0, &token, &refusal, buf, 3, &needed),
               QM_STATUS_INSUFFICIENT_SIZE, "yonyou refusal: 3 bytes");
  CHECK(!refusal.refused && needed == 6 + 11, "yonyou refusal: needs %zu, untouched", needed);
  CHECK_STATUS(qm_yonyou_parse_token_answer(refused, sizeof refused - 1, 0, &token, &refusal, buf, needed, &used),
               QM_STATUS_VENDOR_ERROR, "yonyou refusal");
  CHECK(refusal.refused && refusal.status == QM_STATUS_VENDOR_ERROR && refusal.code.len == 6 &&
            memcmp(refusal.code.ptr, "310036", 6) == 0 && refusal.batchkey.ptr == NULL,
        "yonyou refusal fields");
  CHECK_STATUS(qm_yonyou_parse_token_answer(refused, sizeof refused - 1, 0, &token, NULL, NULL, 0, &needed),
               QM_STATUS_VENDOR_ERROR, "yonyou refusal without out_refusal");
  static const uint8_t granted[] = "{\"code\":\"00000\",\"data\":{\"access_token\":\"t0k\",\"expire\":7200}}";
  CHECK_STATUS(qm_yonyou_parse_token_answer(granted, sizeof granted - 1, 1000, &token, &refusal, buf, 2, &needed),
               QM_STATUS_INSUFFICIENT_SIZE, "yonyou token: 2 bytes");
  CHECK_STATUS(qm_yonyou_parse_token_answer(granted, sizeof granted - 1, 1000, &token, &refusal, buf, needed, &used),
               QM_STATUS_OK, "yonyou token");
  CHECK(used == 3 && token.access_token.len == 3 && token.message.ptr == NULL && token.expire_s == 7200 &&
            token.lifetime.expires_at_ms == 7201000 && !refusal.refused,
        "yonyou token fields");
}

/* ==== Kingdee K3Cloud, Weaver e-cology 9 ==== */
static const char K3_APP_ID[] = "224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4";
static const char K3_URL[] =
    "https://erp.example.com/k3cloud/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.View.common.kdsvc";
/* The server key of the registration answer in Weaver's token guide (RSA-2048). */
static const char SPK[] =
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAmNIfHNjAvtvkSKtAj79mkHOk5/bDwrGVykRJ7saI1oLHPp8lEQjBP5Ae4Te5chzflLLEj4"
    "WP24JnY2ahzb8xnPU/HNt/lwhykjoxVPoczdlXL4jcdMuvgitgCQdrqPgtpzrKNOoKbTz9vagMl0LbzGlSzGPF4PAlGDw+OrgOMsiWXyG1EsQWOW5z"
    "fwnnGfvnPZlpSKfDKT3m+9oPL/cWQv6FU1A1kHO4ADT+Np8Q2n33mMJC1Sc+YiFjNIblGoB0AME7M0hb+Ln4b+n+23jsBBeZhfBdmRdLY31AALWIuJ"
    "H1+8KZvaaMS0OwkBdCfZhF4chWYSRAV4yjCx19Ax/wBQIDAQAB";
static const uint8_t SEED[QM_ECOLOGY_SEED_LEN] = {7};

static void k3cloud_and_ecology(void) {
  CHECK(qm_k3cloud_default_lcid() == QM_K3CLOUD_DEFAULT_LCID && QM_K3CLOUD_DEFAULT_LCID == 2052, "default lcid");
  CHECK(qm_ecology_default_token_lifetime_s() == QM_ECOLOGY_DEFAULT_TOKEN_LIFETIME_S &&
            QM_ECOLOGY_DEFAULT_TOKEN_LIFETIME_S == 1800,
        "default token lifetime");
  CHECK(qm_ecology_seed_len() == QM_ECOLOGY_SEED_LEN && QM_ECOLOGY_SEED_LEN == 32, "seed length");

  /* qm_k3cloud_request: a size query, too small, then exactly the size reported. */
  char big[8192];
  size_t needed = 0, used = 0;
  qm_http_request req;
  CHECK_STATUS(qm_k3cloud_request(S("acct"), S("demo"), S(K3_APP_ID), S("s3cret"), 0, NULL, 0, S(K3_URL), S("{}"),
                                  S("ms"), 1700000000123u, &req, NULL, 0, &needed),
               QM_STATUS_INSUFFICIENT_SIZE, "k3cloud request: size query");
  size_t query = needed;
  CHECK_STATUS(qm_k3cloud_request(S("acct"), S("demo"), S(K3_APP_ID), S("s3cret"), 0, NULL, 0, S(K3_URL), S("{}"),
                                  S("ms"), 1700000000123u, &req, big, query - 1, &needed),
               QM_STATUS_INSUFFICIENT_SIZE, "k3cloud request: one byte short");
  CHECK(needed == query && query < sizeof big, "k3cloud request needs %zu", needed);
  CHECK_STATUS(qm_k3cloud_request(S("acct"), S("demo"), S(K3_APP_ID), S("s3cret"), 0, NULL, 0, S(K3_URL), S("{}"),
                                  S("ms"), 1700000000123u, &req, big, needed, &used),
               QM_STATUS_OK, "k3cloud request");
  CHECK(used == needed && req.header_count == 10 && req.body.len == 2 &&
            req.headers[9].name.len == 12 && memcmp(req.headers[9].name.ptr, "Content-Type", 12) == 0,
        "ten headers, Content-Type last, the body");
  /* lcid 0 and a NULL org_num are the core's defaults. */
  qm_k3cloud_signed_headers signed_headers;
  CHECK_STATUS(qm_k3cloud_sign(S("acct"), S("demo"), S(K3_APP_ID), S("s3cret"), 0, NULL, 0, S(K3_URL), S("s"),
                               1700000000123u, &signed_headers, big, sizeof big, &used),
               QM_STATUS_OK, "k3cloud sign, defaults");
  CHECK(signed_headers.app_data.len == 16 && memcmp(signed_headers.app_data.ptr, "acct,demo,2052,0", 16) == 0 &&
            signed_headers.timestamp.len == 10,
        "app_data with the defaults: %.*s", (int)signed_headers.app_data.len, signed_headers.app_data.ptr);
  CHECK_STATUS(qm_k3cloud_sign(S("acct"), S("demo"), S(K3_APP_ID), S("s3cret"), 0, NULL, 0, S(K3_URL), S("us"), 1,
                               &signed_headers, big, sizeof big, &used),
               QM_STATUS_INVALID_FIELD, "k3cloud sign: unknown unit");
  CHECK_STATUS(qm_k3cloud_sign(S("acct"), S("demo"), S(K3_APP_ID), S("s3cret"), 0, NULL, 0, S(K3_URL), S("ms"), 1,
                               NULL, big, sizeof big, &used),
               QM_STATUS_NULL_ARGUMENT, "k3cloud sign: NULL out_signed");
  CHECK_STATUS(qm_k3cloud_login_sign(S("a"), S("u"), S("x"), BAD_UTF8, sizeof BAD_UTF8, 1, S("sha256"), big,
                                     sizeof big, &used),
               QM_STATUS_INVALID_UTF8, "k3cloud login sign: secret not UTF-8");
  char sign[64];
  CHECK_STATUS(qm_k3cloud_login_sign(S("a"), S("u"), S("x"), S("s"), 1, S("sha1"), sign, 39, &needed),
               QM_STATUS_INSUFFICIENT_SIZE, "k3cloud login sign: 39 bytes for a SHA-1");
  CHECK(needed == 40, "sha1 sign needs %zu", needed);

  /* A K3Cloud refusal needs room for its code and message. */
  static const uint8_t refused[] = "{\"Message\":\"wrong\",\"LoginResultType\":0}";
  qm_k3cloud_session session;
  qm_refusal refusal = {0};
  CHECK_STATUS(qm_k3cloud_parse_login_answer(refused, sizeof refused - 1, &session, &refusal, big, 2, &needed),
               QM_STATUS_INSUFFICIENT_SIZE, "k3cloud refusal: 2 bytes");
  CHECK(!refusal.refused && needed == 6, "k3cloud refusal needs %zu", needed);
  CHECK_STATUS(qm_k3cloud_parse_login_answer(refused, sizeof refused - 1, &session, &refusal, big, needed, &used),
               QM_STATUS_LOGIN_FAILED, "k3cloud refusal");
  CHECK(refusal.refused && refusal.code.len == 1 && refusal.code.ptr[0] == '0', "k3cloud refusal code");

  /* Session headers: the array and the buffer can each be too small. */
  qm_header two[2];
  size_t count = 0;
  CHECK_STATUS(qm_k3cloud_session_headers(S("sess-1"), two, 1, &count, big, sizeof big, &used),
               QM_STATUS_INSUFFICIENT_SIZE, "k3cloud session headers: array of 1");
  CHECK(count == 2, "needs %zu headers", count);
  CHECK_STATUS(qm_k3cloud_session_headers(S("sess;1"), two, 2, &count, big, sizeof big, &used),
               QM_STATUS_INVALID_HEADER_VALUE, "k3cloud session id with ';'");

  /* e-cology call headers: no array and no buffer (size query), then exactly what was asked. */
  CHECK_STATUS(qm_ecology_call_headers(S("APP1"), S("tok"), S(SPK), S("1"), SEED, sizeof SEED, NULL, 0, &count, NULL,
                                       0, &needed),
               QM_STATUS_INSUFFICIENT_SIZE, "ecology call headers: size query");
  CHECK(count == 3 && needed == 5 + 4 + 5 + 3 + 6 + 344, "3 headers, %zu bytes", needed);
  qm_header three[3];
  char *exact = malloc(needed);
  CHECK_STATUS(qm_ecology_call_headers(S("APP1"), S("tok"), S(SPK), S("1"), SEED, sizeof SEED, three, 3, &count, exact,
                                       needed - 1, &used),
               QM_STATUS_INSUFFICIENT_SIZE, "ecology call headers: one byte short");
  CHECK_STATUS(qm_ecology_call_headers(S("APP1"), S("tok"), S(SPK), S("1"), SEED, sizeof SEED, three, 3, &count, exact,
                                       needed, &used),
               QM_STATUS_OK, "ecology call headers");
  CHECK(used == needed && count == 3 && three[2].value.len == 344, "the sealed userid is Base64 of 256 bytes");
  free(exact);
  /* The seed: NULL, or any length but 32, is refused before anything is read. */
  const size_t wrong[] = {0, 16, 31, 33, SIZE_MAX};
  for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
    CHECK_STATUS(qm_ecology_encrypt(S(SPK), S("1"), SEED, wrong[i], big, sizeof big, &used), QM_STATUS_INVALID_FIELD,
                 "ecology encrypt: a seed of another length");
  }
  char detail[256];
  last_detail(detail, sizeof detail);
  CHECK(strstr(detail, "32") != NULL, "the detail names the length: %s", detail);
  CHECK_STATUS(qm_ecology_encrypt(S(SPK), S("1"), NULL, 32, big, sizeof big, &used), QM_STATUS_NULL_ARGUMENT,
               "ecology encrypt: NULL seed");
  CHECK_STATUS(qm_ecology_encrypt(S(SPK), S("1"), SEED, sizeof SEED, big, 343, &needed), QM_STATUS_INSUFFICIENT_SIZE,
               "ecology encrypt: 343 bytes");
  CHECK(needed == 344, "ciphertext needs %zu", needed);
  /* time_s 0 is no `time` header. */
  CHECK_STATUS(qm_ecology_applytoken_request(S("http://oa.example.com"), S("APP1"), S(SPK), S("secrit"), SEED,
                                             sizeof SEED, 0, &req, big, sizeof big, &used),
               QM_STATUS_OK, "ecology token request");
  CHECK(req.header_count == 2 && req.body.ptr == NULL, "appid and secret only");
  qm_ecology_server_key_info info;
  CHECK_STATUS(qm_ecology_server_key(S(SPK), NULL), QM_STATUS_NULL_ARGUMENT, "ecology server key: NULL out_info");
  CHECK_STATUS(qm_ecology_server_key(S(SPK), &info), QM_STATUS_OK, "ecology server key");
  CHECK(info.bits == 2048 && info.max_plaintext_len == 245, "RSA-2048 takes 245 bytes");
}

int main(void) {
  null_arguments();
  invalid_utf8();
  lengths();
  lengths_beyond_the_limits();
  oauth_state_required();
  small_buffers();
  weaver_threads_and_handles();
  status_names();
  token_null_arguments();
  token_invalid_utf8();
  token_small_buffers();
  explain_options_and_last_error();
  doctor_bad_input();
  messaging_null_and_random();
  messaging_utf8_and_lengths();
  messaging_small_buffers();
  k3cloud_and_ecology();
  return report();
}
