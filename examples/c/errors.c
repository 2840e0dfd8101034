/*
 * The error paths of the kommunlots C API, each asserting the exact status
 * and, where there is one, the location of the error:
 * NULL arguments, invalid UTF-8, malformed JSON, bad rules, a missing
 * folder, a huge enquiry, NULL-safe frees, and a failed reload that leaves
 * the old router working.
 *
 *   errors <rules-dir>
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kommunlots.h"
#include "check.h"

#define STR_EQ(a, b) (strcmp((a), (b)) == 0)

static const char MUNICIPALITY[] =
    "[municipality]\n"
    "name = \"Exempels kommun\"\n"
    "\n"
    "[first_line]\n"
    "id = \"kontaktcenter\"\n"
    "name = \"Kontaktcenter\"\n"
    "handler = \"kundtjanst\"\n"
    "\n"
    "[[first_line.unit]]\n"
    "id = \"kundtjanst\"\n"
    "name = \"Kundtjänsten\"\n";

/* The ROSA level is a string: an error at line 10, column 9. */
static const char BAD_DEPARTMENT[] =
    "[department]\n"
    "id = \"plan-bygg\"\n"
    "name = \"Plan- och byggförvaltningen\"\n"
    "\n"
    "[[unit]]\n"
    "id = \"bygglov\"\n"
    "name = \"Bygglovsenheten\"\n"
    "\n"
    "[[type]]\n"
    "level = \"sex\"\n"
    "id = \"bygglov-ansokan\"\n"
    "name = \"Ansökan om bygglov\"\n"
    "unit = \"bygglov\"\n"
    "keywords = [\"bygglov\"]\n";

static void null_arguments(const char *dir) {
    kl_router *router = NULL;
    CHECK(kl_router_new_from_dir(NULL, &router) == KL_NULL_ARGUMENT, "dir NULL");
    CHECK(router == NULL, "out untouched");
    CHECK(strstr(kl_last_error_message(), "`dir`") != NULL, "message names dir");
    CHECK(STR_EQ(kl_last_error_file(), ""), "no file for a NULL argument");
    CHECK(kl_router_new_from_dir(dir, NULL) == KL_NULL_ARGUMENT, "out NULL");
    CHECK(kl_router_new_from_strings(NULL, NULL, 2, &router) == KL_NULL_ARGUMENT,
          "names NULL with count 2");

    const char *names[] = {"municipality.toml", NULL};
    const char *texts[] = {MUNICIPALITY, MUNICIPALITY};
    CHECK(kl_router_new_from_strings(names, texts, 2, &router) == KL_NULL_ARGUMENT,
          "an element NULL");
    CHECK(STR_EQ(kl_last_error_message(), "the argument `names[1]` is NULL"),
          "message names the element");
    CHECK(router == NULL, "out untouched");

    CHECK(kl_router_new_from_dir(dir, &router) == KL_OK, "load rules");
    char *out = NULL;
    CHECK(kl_route_json(NULL, "{}", &out) == KL_NULL_ARGUMENT, "router NULL");
    CHECK(kl_route_json(router, NULL, &out) == KL_NULL_ARGUMENT, "enquiry NULL");
    CHECK(kl_route_json(router, "{}", NULL) == KL_NULL_ARGUMENT, "out NULL");
    CHECK(out == NULL, "out untouched");
    kl_router_free(router);

    /* NULL-safe frees. */
    kl_router_free(NULL);
    kl_string_free(NULL);
    CHECK(1, "freeing NULL does nothing");
}

static void bad_enquiries(const kl_router *router) {
    char *out = NULL;

    CHECK(kl_route_json(router, "{\n  \"text\": \"snö\",\n  \"channel\": }", &out) ==
              KL_INVALID_ENQUIRY,
          "malformed JSON");
    CHECK(kl_last_error_line() == 3 && kl_last_error_column() == 14,
          "malformed JSON at line 3, column 14");
    CHECK(STR_EQ(kl_last_error_file(), ""), "no file for an enquiry error");
    CHECK(strstr(kl_last_error_message(), "expected value") != NULL, "message");

    CHECK(kl_route_json(router, "{\"txet\": \"snö\"}", &out) == KL_INVALID_ENQUIRY,
          "unknown field");
    CHECK(strstr(kl_last_error_message(), "unknown field `txet`") != NULL,
          "message names the field");

    CHECK(kl_route_json(router, "{\"text\":\n \"sn\xf6\"}", &out) == KL_INVALID_UTF8,
          "Latin-1 byte in the enquiry");
    CHECK(kl_last_error_line() == 2 && kl_last_error_column() == 5,
          "bad byte at line 2, column 5");

    size_t len = (size_t)KL_MAX_ENQUIRY_JSON_BYTES + 16;
    char *huge = malloc(len + 1);
    CHECK(huge != NULL, "malloc");
    if (huge != NULL) {
        memset(huge, 'a', len);
        memcpy(huge, "{\"text\":\"", 9);
        memcpy(huge + len - 2, "\"}", 2);
        huge[len] = '\0';
        CHECK(kl_route_json(router, huge, &out) == KL_TOO_LARGE, "huge enquiry");
        CHECK(strstr(kl_last_error_message(), "16777216") != NULL, "limit named");
        free(huge);
    }
    /* A routing time past the year 9999 is an invalid argument. */
    CHECK(kl_route_json_at(router, "{}", INT64_MAX, &out) == KL_INVALID_ARGUMENT,
          "time out of range");
    CHECK(strstr(kl_last_error_message(), "now_unix_seconds") != NULL, "argument named");
    CHECK(out == NULL, "out never written on failure");

    /* A success clears the last error. */
    CHECK(kl_route_json(router, "{}", &out) == KL_OK, "empty enquiry routes");
    CHECK(STR_EQ(kl_last_error_message(), "") && kl_last_error_line() == 0,
          "last error cleared");
    kl_string_free(out);
}

static void bad_rules(const kl_router *old) {
    const char *names[] = {"municipality.toml", "departments/plan-bygg.toml"};
    const char *texts[] = {MUNICIPALITY, BAD_DEPARTMENT};
    kl_router *router = NULL;
    CHECK(kl_router_new_from_strings(names, texts, 2, &router) == KL_RULES_ERROR,
          "bad rules");
    CHECK(router == NULL, "out untouched");
    CHECK(STR_EQ(kl_last_error_file(), "departments/plan-bygg.toml"), "file");
    CHECK(kl_last_error_line() == 10 && kl_last_error_column() == 9,
          "line 10, column 9");
    CHECK(strstr(kl_last_error_message(), "invalid type") != NULL, "message");
    CHECK(strstr(kl_last_error_report(), "level = \"sex\"") != NULL,
          "report quotes the line");

    const char *bad_utf8[] = {MUNICIPALITY, "[department]\nid = \"t\xe4knik\"\n"};
    const char *utf8_names[] = {"municipality.toml", "departments/teknik.toml"};
    CHECK(kl_router_new_from_strings(utf8_names, bad_utf8, 2, &router) ==
              KL_INVALID_UTF8,
          "Latin-1 byte in a rule text");
    CHECK(STR_EQ(kl_last_error_file(), "departments/teknik.toml"), "file");
    CHECK(kl_last_error_line() == 2 && kl_last_error_column() == 8,
          "line 2, column 8");

    CHECK(kl_router_new_from_dir("/nonexistent/kommunlots", &router) ==
              KL_RULES_ERROR,
          "missing folder");
    CHECK(kl_last_error_line() == 1 && kl_last_error_column() == 1,
          "missing folder at 1:1");
    CHECK(kl_router_new_from_dir("rules/kl\xe4ppan", &router) == KL_INVALID_UTF8,
          "Latin-1 folder name");
    CHECK(router == NULL, "out untouched");

    /* The failed reloads left the old router working. */
    char *out = NULL;
    CHECK(kl_route_json(old, "{\"form\":\"TF-PTRH\"}", &out) == KL_OK,
          "old router still routes");
    CHECK(out != NULL && strstr(out, "\"enquiry_type\":\"parkeringstillstand\"") != NULL,
          "old router's answer");
    kl_string_free(out);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s <rules-dir>\n", argv[0]);
        return 2;
    }
    null_arguments(argv[1]);

    kl_router *router = NULL;
    if (kl_router_new_from_dir(argv[1], &router) != KL_OK) {
        fprintf(stderr, "cannot load %s:\n%s\n", argv[1], kl_last_error_report());
        return 1;
    }
    bad_enquiries(router);
    bad_rules(router);
    kl_router_free(router);

    /* The status numbers are ABI: check them against the documented table. */
    CHECK(KL_OK == 0 && KL_NULL_ARGUMENT == 1 && KL_INVALID_UTF8 == 2 &&
              KL_INVALID_ENQUIRY == 3 && KL_RULES_ERROR == 4 && KL_TOO_LARGE == 5 &&
              KL_PANIC == 6 && KL_INTERNAL == 7,
          "status numbers");
    return check_summary("errors.c");
}
