/* Two threads share signers and one Weaver verifier: results equal the single-thread ones, and
 * the same sign verified from both threads passes exactly once. */
#include <stdio.h>
#include <string.h>
#include <threads.h>

#include "support.h"

#define S(lit) lit, (sizeof lit - 1)
#define REQUESTS 200
#define SIGNS 400

static qm_kingdee_signer *signer;
static char expected[REQUESTS][128];
static qm_weaver_verifier *verifier;
static char signs[SIGNS][128];
static size_t sign_lens[SIGNS];
static const uint64_t BASE_MS = 1742369234096u;

static bool sign_request(int i, char *signature) {
  char nonce[16], path[32];
  int nonce_len = snprintf(nonce, sizeof nonce, "%010d", i);
  int path_len = snprintf(path, sizeof path, "/jdy/v2/item %d", i);
  qm_pair query[] = {{S("page"), nonce, (size_t)nonce_len}, {S("q"), S("a b=c")}};
  qm_kingdee_signed_request out;
  char buf[2048];
  size_t len = 0;
  qm_status status = qm_kingdee_signer_sign(signer, S("POST"), path, (size_t)path_len, query, 2, NULL, 0,
                                            S("1700000000000"), nonce, (size_t)nonce_len, &out, buf, sizeof buf, &len);
  if (status != QM_STATUS_OK || out.signature.len >= 128) {
    return false;
  }
  memcpy(signature, out.signature.ptr, out.signature.len);
  signature[out.signature.len] = '\0';
  return true;
}

typedef struct {
  int mismatches;
  int accepted;
  int replayed;
} thread_result;

static int worker(void *arg) {
  thread_result *r = arg;
  for (int round = 0; round < 5; round++) {
    for (int i = 0; i < REQUESTS; i++) {
      char signature[128];
      if (!sign_request(i, signature) || strcmp(signature, expected[i]) != 0) {
        r->mismatches++;
      }
    }
  }
  for (int i = 0; i < SIGNS; i++) {
    uint64_t ts = 0;
    qm_status status = qm_weaver_verifier_verify(verifier, signs[i], sign_lens[i], BASE_MS + SIGNS, &ts);
    if (status == QM_STATUS_OK && ts == BASE_MS + (uint64_t)i) {
      r->accepted++;
    } else if (status == QM_STATUS_REPLAYED) {
      r->replayed++;
    } else {
      r->mismatches++;
    }
  }
  return 0;
}

int main(void) {
  CHECK_STATUS(qm_kingdee_signer_new(S("123456"), S("0123456789abcdef0123456789abcdef"), &signer), QM_STATUS_OK,
               "signer");
  for (int i = 0; i < REQUESTS; i++) {
    CHECK(sign_request(i, expected[i]), "single-thread sign %d", i);
  }
  CHECK_STATUS(qm_weaver_verifier_new(S("weaverappid"), S("weaversecret"), S("8fy6K39X6PIEEeOq"),
                                      QM_DEFAULT_WINDOW_MS, &verifier),
               QM_STATUS_OK, "verifier");
  for (int i = 0; i < SIGNS; i++) {
    CHECK_STATUS(qm_weaver_sign(S("weaverappid"), S("weaversecret"), S("8fy6K39X6PIEEeOq"), BASE_MS + (uint64_t)i,
                                signs[i], sizeof signs[i], &sign_lens[i]),
                 QM_STATUS_OK, "weaver sign");
  }
  thread_result results[2] = {{0, 0, 0}, {0, 0, 0}};
  thrd_t threads[2];
  for (int t = 0; t < 2; t++) {
    CHECK(thrd_create(&threads[t], worker, &results[t]) == thrd_success, "thread %d", t);
  }
  for (int t = 0; t < 2; t++) {
    thrd_join(threads[t], NULL);
  }
  CHECK(results[0].mismatches == 0 && results[1].mismatches == 0, "mismatches %d, %d", results[0].mismatches,
        results[1].mismatches);
  CHECK(results[0].accepted + results[1].accepted == SIGNS, "each sign accepted once: %d + %d", results[0].accepted,
        results[1].accepted);
  CHECK(results[0].replayed + results[1].replayed == SIGNS, "and refused once as replayed: %d + %d",
        results[0].replayed, results[1].replayed);
  qm_weaver_verifier_free(verifier);
  qm_kingdee_signer_free(signer);
  return report();
}
