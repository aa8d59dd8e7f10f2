/* Prints the Kingdee app_signature of the seed document's example (app_key abc, app_secret
 * abc123) through libqianming: the CMake and pkg-config consumers' program. */
#include <qianming.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  const char *key = "abc", *secret = "abc123";
  char buf[88];
  size_t len = 0;
  qm_status status =
      qm_kingdee_app_signature(key, strlen(key), secret, strlen(secret), buf, sizeof buf, &len);
  if (status != QM_STATUS_OK) {
    fprintf(stderr, "qm_kingdee_app_signature: %s\n", qm_status_name(status));
    return 1;
  }
  printf("%.*s\n", (int)len, buf);
  return 0;
}
