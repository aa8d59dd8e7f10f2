/* Shared helpers of the C tests: pass/fail counting, vector files, qm_str comparison. */
#ifndef QIANMING_TEST_SUPPORT_H
#define QIANMING_TEST_SUPPORT_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qianming.h"

/* Records one check; prints `what` (and the location) when it fails. */
#define CHECK(cond, ...) check_at((cond), __FILE__, __LINE__, __VA_ARGS__)
/* Checks that a call returned `want`, printing both status names otherwise. */
#define CHECK_STATUS(got, want, what) check_status_at((got), (want), __FILE__, __LINE__, (what))

void check_at(bool ok, const char *file, int line, const char *fmt, ...);
void check_status_at(qm_status got, qm_status want, const char *file, int line, const char *what);
/* Prints the closing "N passed, M failed" line; returns the process exit code. */
int report(void);
int failures(void);

/* A (ptr, len) text: JSON strings may hold NUL bytes, so C strings will not do. */
typedef struct {
  const char *ptr;
  size_t len;
} text;

/* Every *.json file of `dir`, sorted; `*count` receives how many. Free with free_paths. */
char **vector_files(const char *dir, size_t *count);
void free_paths(char **paths, size_t count);
/* Parses a vector file; `\u0000` escapes are kept as NUL bytes (see json_text). */
cJSON *load_vector_file(const char *path);
/* The string `item` as text with its NUL bytes restored; `{NULL, 0}` if not a string.
 * The text lives until the JSON document is deleted. */
text json_text(const cJSON *item);
/* A non-negative integer field, exact up to UINT64_MAX (0 if absent). */
uint64_t json_u64(const cJSON *item);
text field(const cJSON *object, const char *name);
bool same(qm_str got, text want);
bool same_json(qm_str got, const cJSON *want);
/* Prints a failing case as JSON. */
void print_case(const char *file, const char *section, const cJSON *item);
/* The expected qm_status of a case: QM_STATUS_OK for "valid", else the status named by `error`
 * (found through qm_status_name); UINT32_MAX if the name is unknown. */
uint32_t expected_status(const cJSON *item);

#endif
