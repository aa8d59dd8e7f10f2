/* The request signature of benches/abi_overhead.rs, called from C through libqianming. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "qianming.h"

#define S(lit) lit, (sizeof lit - 1)

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(void) {
  qm_kingdee_signer *signer = NULL;
  if (qm_kingdee_signer_new(S("123456"), S("0123456789abcdef0123456789abcdef"), &signer) != QM_STATUS_OK) {
    return 1;
  }
  qm_pair query[] = {
      {S("app_key"), S("abc")},
      {S("app_signature"), S("ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ==")},
  };
  char buf[4096];
  size_t len = 0;
  qm_kingdee_signed_request out;
  const int iterations = 50000;
  double best = 1e18;
  for (int round = 0; round < 8; round++) {
    double start = now_ns();
    for (int i = 0; i < iterations; i++) {
      qm_status status = qm_kingdee_signer_sign(signer, S("GET"), S("/jdyconnector/app_management/kingdee_auth_token"),
                                                query, 2, NULL, 0, S("1700000000000"), S("1234567890"), &out, buf,
                                                sizeof buf, &len);
      if (status != QM_STATUS_OK) {
        return 1;
      }
    }
    double per_call = (now_ns() - start) / iterations;
    if (round > 0 && per_call < best) {
      best = per_call;
    }
  }
  printf("request signature, C ABI (from C)        %8.0f ns/call\n", best);
  printf("signature %.*s\n", (int)out.signature.len, out.signature.ptr);
  qm_kingdee_signer_free(signer);
  return 0;
}
