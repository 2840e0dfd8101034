/*
 * A minimal test harness for the kommunlots C examples: CHECK counts and
 * reports, and check_summary() prints "<name>: N passed, M failed" and
 * returns the exit code.
 */
#ifndef KL_EXAMPLE_CHECK_H
#define KL_EXAMPLE_CHECK_H

#include <stdio.h>

static int checks_passed = 0;
static int checks_failed = 0;

#define CHECK(cond, what)                                                    \
    do {                                                                     \
        if (cond) {                                                          \
            checks_passed++;                                                 \
        } else {                                                             \
            checks_failed++;                                                 \
            fprintf(stderr, "FAIL %s:%d: %s (%s)\n", __FILE__, __LINE__,     \
                    (what), #cond);                                          \
        }                                                                    \
    } while (0)

static int check_summary(const char *name) {
    printf("%s: %d passed, %d failed\n", name, checks_passed, checks_failed);
    return checks_failed == 0 ? 0 : 1;
}

#endif /* KL_EXAMPLE_CHECK_H */
