#define _POSIX_C_SOURCE 200809L
#include "support.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed_count;
static int failed_count;

void check_at(bool ok, const char *file, int line, const char *fmt, ...) {
  if (ok) {
    passed_count++;
    return;
  }
  failed_count++;
  va_list args;
  va_start(args, fmt);
  fprintf(stderr, "FAIL %s:%d: ", file, line);
  vfprintf(stderr, fmt, args);
  fputc('\n', stderr);
  va_end(args);
}

void check_status_at(qm_status got, qm_status want, const char *file, int line, const char *what) {
  check_at(got == want, file, line, "%s: got %u %s, want %u %s", what, got, qm_status_name(got), want,
           qm_status_name(want));
}

int report(void) {
  printf("%d passed, %d failed\n", passed_count, failed_count);
  return failed_count == 0 && passed_count > 0 ? 0 : 1;
}

int failures(void) { return failed_count; }

static int compare_paths(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

char **vector_files(const char *dir, size_t *count) {
  DIR *d = opendir(dir);
  *count = 0;
  if (d == NULL) {
    return NULL;
  }
  size_t cap = 16;
  char **paths = malloc(cap * sizeof *paths);
  struct dirent *entry;
  while (paths != NULL && (entry = readdir(d)) != NULL) {
    size_t n = strlen(entry->d_name);
    if (n < 6 || strcmp(entry->d_name + n - 5, ".json") != 0) {
      continue;
    }
    if (*count == cap) {
      cap *= 2;
      char **bigger = realloc(paths, cap * sizeof *paths);
      if (bigger == NULL) {
        break;
      }
      paths = bigger;
    }
    size_t size = strlen(dir) + 1 + n + 1;
    paths[*count] = malloc(size);
    snprintf(paths[*count], size, "%s/%s", dir, entry->d_name);
    (*count)++;
  }
  closedir(d);
  if (paths != NULL) {
    qsort(paths, *count, sizeof *paths, compare_paths);
  }
  return paths;
}

void free_paths(char **paths, size_t count) {
  for (size_t i = 0; i < count; i++) {
    free(paths[i]);
  }
  free(paths);
}

/* cJSON ends strings at the first NUL, so before parsing every `\u0000` escape becomes
 * `\uFDD0` (a Unicode noncharacter, UTF-8 EF B7 90) and json_text turns it back into a NUL byte.
 * A file that already contains U+FDD0 is refused, so the marker cannot be confused. */
static const char MARKER[] = "\xEF\xB7\x90";

static void restore_nuls(cJSON *item);

/* Rewrites a JSON text for cJSON: `\u0000` escapes become the marker, and integers too large
 * for a double (16 digits or more) become strings, read back exactly by json_u64. */
static char *prepare(const char *json) {
  size_t len = strlen(json);
  char *out = malloc(len * 2 + 1);
  size_t w = 0;
  bool in_string = false;
  for (size_t r = 0; out != NULL && r < len;) {
    char c = json[r];
    if (in_string) {
      if (c == '\\' && json[r + 1] == 'u' && strncmp(json + r + 2, "0000", 4) == 0) {
        memcpy(out + w, "\\uFDD0", 6);
        w += 6;
        r += 6;
      } else if (c == '\\') {
        out[w++] = json[r++];
        out[w++] = json[r++];
      } else {
        in_string = c != '"';
        out[w++] = json[r++];
      }
    } else if (c == '"') {
      in_string = true;
      out[w++] = json[r++];
    } else if (c >= '0' && c <= '9') {
      size_t digits = strspn(json + r, "0123456789");
      bool quote = digits >= 16 && strchr(".eE", json[r + digits]) == NULL;
      if (quote) {
        out[w++] = '"';
      }
      memcpy(out + w, json + r, digits);
      w += digits;
      r += digits;
      if (quote) {
        out[w++] = '"';
      }
    } else {
      out[w++] = json[r++];
    }
  }
  if (out != NULL) {
    out[w] = '\0';
  }
  return out;
}

uint64_t json_u64(const cJSON *item) {
  if (cJSON_IsString(item)) {
    return strtoull(item->valuestring, NULL, 10);
  }
  return cJSON_IsNumber(item) ? (uint64_t)item->valuedouble : 0;
}

static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    return NULL;
  }
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *data = malloc((size_t)size + 1);
  if (data != NULL && fread(data, 1, (size_t)size, f) != (size_t)size) {
    free(data);
    data = NULL;
  }
  fclose(f);
  if (data != NULL) {
    data[size] = '\0';
  }
  return data;
}

cJSON *load_vector_file(const char *path) {
  char *data = read_file(path);
  if (data == NULL) {
    CHECK(false, "cannot read %s", path);
    return NULL;
  }
  if (strstr(data, MARKER) != NULL || strstr(data, "\\uFDD0") != NULL || strstr(data, "\\ufdd0") != NULL) {
    CHECK(false, "%s contains U+FDD0, the NUL marker of this test", path);
    free(data);
    return NULL;
  }
  char *prepared = prepare(data);
  free(data);
  if (prepared == NULL) {
    return NULL;
  }
  data = prepared;
  cJSON *doc = cJSON_Parse(data);
  free(data);
  restore_nuls(doc);
  CHECK(doc != NULL, "%s is not JSON", path);
  return doc;
}

/* Turns every marker back into a NUL byte, in place (the string only shrinks), and keeps the
 * decoded length in the otherwise unused `valueint` of each string item. */
static void restore_nuls(cJSON *item) {
  for (; item != NULL; item = item->next) {
    if (cJSON_IsString(item) && item->valuestring != NULL) {
      char *s = item->valuestring;
      size_t len = strlen(s);
      size_t w = 0;
      for (size_t r = 0; r < len;) {
        if (r + 3 <= len && memcmp(s + r, MARKER, 3) == 0) {
          s[w++] = '\0';
          r += 3;
        } else {
          s[w++] = s[r++];
        }
      }
      s[w] = '\0';
      item->valueint = (int)w;
    }
    restore_nuls(item->child);
  }
}

text json_text(const cJSON *item) {
  text out = {NULL, 0};
  if (cJSON_IsString(item) && item->valuestring != NULL) {
    out.ptr = item->valuestring;
    out.len = (size_t)item->valueint;
  }
  return out;
}

text field(const cJSON *object, const char *name) {
  return json_text(cJSON_GetObjectItemCaseSensitive(object, name));
}

bool same(qm_str got, text want) {
  return want.ptr != NULL && got.len == want.len && (got.len == 0 || memcmp(got.ptr, want.ptr, got.len) == 0);
}

bool same_json(qm_str got, const cJSON *want) { return same(got, json_text(want)); }

void print_case(const char *file, const char *section, const cJSON *item) {
  char *printed = cJSON_Print(item);
  fprintf(stderr, "  in %s [%s] case %s:\n%s\n", file, section,
          cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "id")), printed ? printed : "?");
  free(printed);
}

uint32_t expected_status(const cJSON *item) {
  const char *result = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "result"));
  if (result == NULL || strcmp(result, "valid") == 0) {
    return QM_STATUS_OK;
  }
  const char *error = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "error"));
  for (uint32_t status = 1; error != NULL && status < 2000; status++) {
    if (strcmp(qm_status_name(status), error) == 0) {
      return status;
    }
  }
  return UINT32_MAX;
}
