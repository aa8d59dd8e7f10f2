/* Runs every case of every file in vectors/ through the C ABI. Every valid case is first
 * called with no buffer (a size query), then again with exactly the size reported. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* ---- app_signature ---- */
static qm_status app_signature_call(const cJSON *c, void *parts, char *buf, size_t cap, size_t *len) {
  text key = field(c, "app_key"), secret = field(c, "app_secret");
  return qm_kingdee_explain_app_signature(key.ptr, key.len, secret.ptr, secret.len, parts, buf, cap, len);
}

static bool app_signature(const cJSON *c) {
  qm_kingdee_app_signature_parts parts;
  char *buf;
  qm_status status = with_reported_size(app_signature_call, c, &parts, &buf);
  bool ok = status == expected_status(c);
  if (ok && status == QM_STATUS_OK) {
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

static bool verify_request(const cJSON *c) {
  qm_kingdee_verified parts;
  char *buf;
  qm_status status = with_reported_size(verify_call, c, &parts, &buf);
  bool ok = status == expected_status(c);
  if (ok && status == QM_STATUS_OK) {
    const cJSON *want = cJSON_GetObjectItem(c, "expected");
    ok = same_json(parts.client_id, cJSON_GetObjectItem(want, "client_id")) &&
         same_json(parts.nonce, cJSON_GetObjectItem(want, "nonce")) &&
         parts.timestamp_ms == json_u64(cJSON_GetObjectItem(want, "timestamp_ms"));
  }
  free(buf);
  return ok;
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
  qm_status status = with_reported_size(weaver_call, c, &parts, &buf);
  bool ok = status == expected_status(c);
  if (ok && status == QM_STATUS_OK) {
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
  qm_status status = with_reported_size(decode_call, c, &parts, &buf);
  bool ok = status == expected_status(c);
  if (ok && status == QM_STATUS_OK) {
    ok = same_json(parts.user, cJSON_GetObjectItem(c, "user")) &&
         same_json(parts.password, cJSON_GetObjectItem(c, "password"));
  }
  free(buf);
  return ok;
}

typedef bool (*runner)(const cJSON *c);

static runner runner_for(const char *section) {
  static const struct {
    const char *section;
    runner run;
  } runners[] = {
      {"app_signature", app_signature}, {"request", request},       {"verify_request", verify_request},
      {"sign", weaver_sign},            {"verify_sign", verify_sign}, {"basic_encode", basic_encode},
      {"basic_decode", basic_decode},
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
  CHECK(file_count >= 8, "found %zu vector files in %s", file_count, dir);
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
  CHECK(total >= 376, "only %zu cases ran", total);
  return report();
}
