/*
 * Routes a few enquiries on a rule set folder (rules/klippan) and checks the
 * answers; then routes from four threads at once on the same router.
 *
 *   route <rules-dir>
 *
 * The shape a host copies: load once, route many times from any thread,
 * free each decision with kl_string_free and the router with kl_router_free.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "kommunlots.h"
#include "check.h"

struct expectation {
    const char *enquiry;
    const char *needles[4];
};

static const struct expectation EXPECTED[] = {
    {"{\"id\":\"E-1\",\"channel\":\"email\","
     "\"text\":\"Varför har ni inte plogat Storgatan?\"}",
     {"\"enquiry_type\":\"snorojning\"", "\"department\":\"teknik\"",
      "\"first_line\":true", "\"id\":\"E-1\""}},
    {"{\"id\":2,\"channel\":\"e-service\",\"form\":\"TF-PTRH\"}",
     {"\"enquiry_type\":\"parkeringstillstand\"", "\"department\":\"teknik\"",
      "\"via\":\"form\"", "\"id\":2"}},
    {"{\"text\":\"Jag vill överklaga beslutet om bygglov för mitt garage.\"}",
     {"\"enquiry_type\":\"bygglov-overklagande\"", "\"department\":\"plan-bygg\"",
      "\"rosa_level\":6", "\"first_line\":false"}},
    {"{\"text\":\"Xyzzy?\"}",
     {"\"status\":\"unmatched\"", "\"first_line\":true", NULL, NULL}},
};
#define N_EXPECTED (sizeof EXPECTED / sizeof EXPECTED[0])

/* Routes one enquiry; returns how many needles were missing (or -1). */
static int route_and_match(const kl_router *router, const struct expectation *e,
                           int verbose) {
    char *decision = NULL;
    kl_status status = kl_route_json(router, e->enquiry, &decision);
    if (status != KL_OK) {
        fprintf(stderr, "kl_route_json: status %u: %s\n", (unsigned)status,
                kl_last_error_message());
        return -1;
    }
    int missing = 0;
    for (size_t i = 0; i < 4 && e->needles[i] != NULL; i++) {
        if (strstr(decision, e->needles[i]) == NULL) {
            fprintf(stderr, "missing %s in %s\n", e->needles[i], decision);
            missing++;
        }
    }
    if (verbose) {
        printf("%.160s...\n", decision);
    }
    kl_string_free(decision); /* every string we are handed is ours to free */
    return missing;
}

static void *route_many(void *arg) {
    const kl_router *router = arg;
    long bad = 0;
    for (size_t i = 0; i < 40; i++) {
        if (route_and_match(router, &EXPECTED[i % N_EXPECTED], 0) != 0) {
            bad++;
        }
    }
    return (void *)bad;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s <rules-dir>\n", argv[0]);
        return 2;
    }
    printf("kommunlots %s\n", kl_version());

    kl_router *router = NULL;
    kl_status status = kl_router_new_from_dir(argv[1], &router);
    if (status != KL_OK) {
        /* The report renders every diagnostic like a compiler error. */
        fprintf(stderr, "cannot load %s (status %u):\n%s\n", argv[1],
                (unsigned)status, kl_last_error_report());
        return 1;
    }

    for (size_t i = 0; i < N_EXPECTED; i++) {
        CHECK(route_and_match(router, &EXPECTED[i], 1) == 0, EXPECTED[i].enquiry);
    }

    /* Routing at a given time (seconds since 1970, here 2027-03-25T10:00
     * in Klippan): deadlines count from it, and the answer is the same
     * every time. */
    char *at1 = NULL, *at2 = NULL;
    const char *snow = "{\"channel\":\"email\",\"text\":\"Plogat?\"}";
    CHECK(kl_route_json_at(router, snow, 1805965200, &at1) == KL_OK, "route at a time");
    CHECK(kl_route_json_at(router, snow, 1805965200, &at2) == KL_OK, "route at it again");
    CHECK(at1 != NULL && at2 != NULL && strcmp(at1, at2) == 0, "same time, same decision");
    CHECK(at1 != NULL && strstr(at1, "\"received_at\":\"2027-03-25T10:00:00+01:00\"") != NULL,
          "received_at is the given time");
    kl_string_free(at1);
    kl_string_free(at2);

    /* Warnings (untested types, keywords claimed twice): none in Klippan. */
    char *warnings = NULL;
    CHECK(kl_router_warnings(router, &warnings) == KL_OK, "warnings");
    CHECK(warnings != NULL && warnings[0] == '\0', "no warnings in Klippan");
    CHECK(kl_router_warning_count(router) == 0, "warning count 0");
    kl_string_free(warnings);

    /* The catalogue of enquiry types, for checking the host's own
     * configuration: here, that the Platina case type of the parking
     * permit is listed. */
    char *types = NULL;
    CHECK(kl_router_enquiry_types_json(router, &types) == KL_OK, "enquiry types");
    CHECK(types != NULL && types[0] == '[', "the types are a JSON array");
    CHECK(types != NULL && strstr(types, "\"platina_case_type\":\"TF-PTRH\"") != NULL,
          "the types carry their external values");
    kl_string_free(types);

    /* One router, four threads, no locking: routers are immutable. */
    pthread_t threads[4];
    int started = 0;
    for (int t = 0; t < 4; t++) {
        if (pthread_create(&threads[t], NULL, route_many, router) == 0) {
            started++;
        }
    }
    CHECK(started == 4, "four threads started");
    for (int t = 0; t < started; t++) {
        void *bad = NULL;
        pthread_join(threads[t], &bad);
        CHECK(bad == NULL, "every enquiry routed right in a thread");
    }

    kl_router_free(router);
    return check_summary("route.c");
}
