/*
 * startup_extract.c — start-up time of the extractor: map the lexicon,
 * create an extractor, extract one article, release everything; repeated.
 *
 *   bench_startup_extract [LEXICON] [REPEATS]
 *
 * Prints the minimum, median and maximum time of one cycle in milliseconds,
 * and, apart, the time of the first article on an extractor already made
 * (what a long-running worker pays).  LEXICON defaults to the usual search
 * ($SITREP_LEXICON, beside the program, the build default).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sitrep.h"

static const char article[] =
    "Gunmen on motorbikes attacked an army post near Djibo in northern Burkina "
    "Faso on Sunday, killing at least 12 soldiers, security sources said. JNIM "
    "claimed responsibility for the attack in a statement on Monday.";

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 && argv[1][0] ? argv[1] : NULL;
    int reps = argc > 2 ? atoi(argv[2]) : 50;
    if (reps < 1 || reps > 100000)
        reps = 50;
    double *t = malloc((size_t)reps * sizeof *t);
    double *first = malloc((size_t)reps * sizeof *first);
    if (!t || !first)
        return 1;
    sr_doc doc = {.id = "startup", .title = "Army post attacked", .published = "2025-06-02",
                  .text = article, .text_len = sizeof article - 1};
    size_t events = 0;
    for (int i = 0; i < reps; i++) {
        sr_error err = {{0}};
        double t0 = now_ms();
        sr_lexicon *lex;
        if (sr_lexicon_open(path, &lex, &err) != SR_OK) {
            fprintf(stderr, "bench_startup_extract: %s\n", err.msg);
            return 1;
        }
        sr_extractor *x;
        if (sr_extractor_new(lex, &x, &err) != SR_OK) {
            fprintf(stderr, "bench_startup_extract: %s\n", err.msg);
            return 1;
        }
        double t1 = now_ms();
        const sr_event *ev;
        size_t n;
        if (sr_extract(x, &doc, &ev, &n, &err) != SR_OK) {
            fprintf(stderr, "bench_startup_extract: %s\n", err.msg);
            return 1;
        }
        double t2 = now_ms();
        events = n;
        sr_extractor_free(x);
        sr_lexicon_close(lex);
        t[i] = t2 - t0;
        first[i] = t2 - t1;
    }
    qsort(t, (size_t)reps, sizeof *t, cmp_double);
    qsort(first, (size_t)reps, sizeof *first, cmp_double);
    printf("start-up (open lexicon + extractor + first article), %d runs: "
           "min %.3f ms, median %.3f ms, max %.3f ms\n",
           reps, t[0], t[reps / 2], t[reps - 1]);
    printf("first article alone: median %.3f ms (%zu events)\n", first[reps / 2], events);
    free(t);
    free(first);
    return 0;
}
