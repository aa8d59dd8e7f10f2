/* Two threads share signers, one Weaver verifier and one Kingdee verifier: results equal the
 * single-thread ones, the same sign or request verified from both threads passes exactly once,
 * and each thread's own fresh requests (distinct nonces) all pass. */
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

/* Kingdee requests: SHARED are verified by both threads, OWN[t] by thread t alone. */
#define SHARED 300
#define OWN SHARED /* interleaved one for one with the shared requests */
typedef struct {
  char buf[1024];
  qm_pair headers[6];
} received;
static qm_kingdee_verifier *kingdee_verifier;
static received shared_requests[SHARED];
static received own_requests[2][OWN];
static const uint64_t KINGDEE_NOW = 1700000001000u;

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

/* Signs a distinct request (nonce `n`) and keeps its headers as the server receives them. */
static bool sign_received(unsigned n, received *r) {
  char nonce[16];
  int nonce_len = snprintf(nonce, sizeof nonce, "%010u", n);
  qm_kingdee_signed_request out;
  size_t len = 0;
  qm_status status = qm_kingdee_signer_sign(signer, S("GET"), S("/jdy/v2/b"), NULL, 0, NULL, 0, S("1700000000000"),
                                            nonce, (size_t)nonce_len, &out, r->buf, sizeof r->buf, &len);
  for (int i = 0; status == QM_STATUS_OK && i < 6; i++) {
    r->headers[i] = (qm_pair){out.headers[i].name.ptr, out.headers[i].name.len, out.headers[i].value.ptr,
                              out.headers[i].value.len};
  }
  return status == QM_STATUS_OK;
}

static qm_status verify_received(const received *r) {
  qm_kingdee_verified parts;
  char buf[64];
  size_t len = 0;
  return qm_kingdee_verifier_verify(kingdee_verifier, S("GET"), S("/jdy/v2/b"), NULL, 0, r->headers, 6, KINGDEE_NOW,
                                    &parts, buf, sizeof buf, &len);
}

typedef struct {
  int index;
  int mismatches;
  int accepted;
  int replayed;
  int shared_accepted;
  int shared_replayed;
  int own_accepted;
  int other;
} thread_result;

/* Interleaves the shared requests (in opposite orders on the two threads) with this thread's
 * own fresh ones. */
static void verify_kingdee(thread_result *r) {
  for (int i = 0; i < SHARED; i++) {
    int k = r->index == 0 ? i : SHARED - 1 - i;
    qm_status status = verify_received(&shared_requests[k]);
    if (status == QM_STATUS_OK) {
      r->shared_accepted++;
    } else if (status == QM_STATUS_REPLAYED) {
      r->shared_replayed++;
    } else {
      r->other++;
    }
    status = verify_received(&own_requests[r->index][i]);
    if (status == QM_STATUS_OK) {
      r->own_accepted++;
    } else {
      r->other++;
    }
  }
}

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
  verify_kingdee(r);
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
  CHECK_STATUS(qm_kingdee_verifier_new(S("0123456789abcdef0123456789abcdef"), QM_DEFAULT_WINDOW_MS, 0, false,
                                       &kingdee_verifier),
               QM_STATUS_OK, "kingdee verifier");
  for (unsigned i = 0; i < SHARED; i++) {
    CHECK(sign_received(1000000 + i, &shared_requests[i]), "shared request %u", i);
  }
  for (unsigned t = 0; t < 2; t++) {
    for (unsigned i = 0; i < OWN; i++) {
      CHECK(sign_received(2000000 + t * OWN + i, &own_requests[t][i]), "own request %u", i);
    }
  }
  thread_result results[2] = {{.index = 0}, {.index = 1}};
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
  CHECK(results[0].shared_accepted + results[1].shared_accepted == SHARED,
        "each shared Kingdee request accepted once: %d + %d", results[0].shared_accepted, results[1].shared_accepted);
  CHECK(results[0].shared_replayed + results[1].shared_replayed == SHARED, "and refused once as a replay: %d + %d",
        results[0].shared_replayed, results[1].shared_replayed);
  CHECK(results[0].own_accepted == OWN && results[1].own_accepted == OWN, "no fresh request refused: %d, %d",
        results[0].own_accepted, results[1].own_accepted);
  CHECK(results[0].other == 0 && results[1].other == 0, "no other status: %d, %d", results[0].other,
        results[1].other);
  size_t remembered = 0;
  CHECK_STATUS(qm_kingdee_verifier_remembered(kingdee_verifier, &remembered), QM_STATUS_OK, "remembered");
  CHECK(remembered == SHARED + 2 * OWN, "every accepted request remembered: %zu", remembered);
  /* After the threads, every request is a replay. */
  int replays = 0;
  for (int i = 0; i < SHARED; i++) {
    replays += verify_received(&shared_requests[i]) == QM_STATUS_REPLAYED;
    replays += verify_received(&own_requests[0][i]) == QM_STATUS_REPLAYED;
    replays += verify_received(&own_requests[1][i]) == QM_STATUS_REPLAYED;
  }
  CHECK(replays == SHARED + 2 * OWN, "no replay accepted afterwards: %d", replays);
  qm_kingdee_verifier_free(kingdee_verifier);
  qm_weaver_verifier_free(verifier);
  qm_kingdee_signer_free(signer);
  return report();
}
