/* Bad input through the ABI: NULL arguments, invalid UTF-8, lengths, too-small and
 * zero-capacity buffers (then a retry with the reported size), freeing NULL, status names. */
#include <stdio.h>
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
}

int main(void) {
  null_arguments();
  invalid_utf8();
  lengths();
  small_buffers();
  weaver_threads_and_handles();
  status_names();
  return report();
}
