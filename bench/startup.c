/*
 * startup.c — cost of mapping the lexicon: open (map + verify), look up one
 * phrase, close; repeated.
 *
 *   bench_startup [LEXICON] [REPEATS]
 *
 * Prints the mean, minimum and maximum of one cycle in milliseconds, then the
 * rate of lookups and of a longest-match scan over a sample paragraph on a
 * lexicon already open, and the peak resident memory of the process.
 * LEXICON defaults to the usual search ($SITREP_LEXICON, beside the program,
 * the build default).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "lexicon.h"

static const char sample[] =
    "JNIM claimed responsibility for a series of coordinated attacks against Malian "
    "military positions near Boulkessi and Mondoro in the Mopti region, killing 21 "
    "soldiers, local sources said on Sunday. The Islamic State Sahel Province also "
    "attacked Nigerien troops near Tillabéri, while Burkinabè soldiers and VDP "
    "volunteers repelled an assault on Djibo in northern Burkina Faso.";

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 && argv[1][0] ? argv[1] : NULL;
    long repeats = argc > 2 ? strtol(argv[2], NULL, 10) : 200;
    if (repeats < 1)
        repeats = 1;
    double sum = 0, lo = 1e300, hi = 0;
    size_t found = 0;
    for (long i = 0; i < repeats; i++) {
        double t0 = now_ms();
        sr_lexicon *lex;
        sr_error err;
        int rc = sr_lexicon_open(path, &lex, &err);
        if (rc != SR_OK) {
            fprintf(stderr, "bench_startup: %s\n", err.msg);
            return 1;
        }
        const sr_lex_hit *h;
        found += sr_lexicon_lookup(lex, "malian army", 11, &h);
        sr_lexicon_close(lex);
        double dt = now_ms() - t0;
        sum += dt;
        if (dt < lo)
            lo = dt;
        if (dt > hi)
            hi = dt;
    }
    printf("open+lookup+close: mean %.3f ms, min %.3f ms, max %.3f ms over %ld runs "
           "(%zu hits)\n",
           sum / (double)repeats, lo, hi, repeats, found);

    sr_lexicon *lex;
    sr_error err;
    if (sr_lexicon_open(path, &lex, &err) != SR_OK) {
        fprintf(stderr, "bench_startup: %s\n", err.msg);
        return 1;
    }
    static const char *const keys[] = {"malian army", "jnim", "tillaberi", "djibo", "the",
                                       "soldiers", "xyzzy", "islamic state sahel province"};
    long n_lookups = 2000000;
    double t0 = now_ms();
    size_t hits = 0;
    for (long i = 0; i < n_lookups; i++) {
        const char *k = keys[i % 8];
        const sr_lex_hit *h;
        hits += sr_lexicon_lookup(lex, k, strlen(k), &h);
    }
    double dt = now_ms() - t0;
    printf("lookup: %.1f ns each (%zu hits)\n", dt * 1e6 / (double)n_lookups, hits);

    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t;
    if (sr_tokenize(&a, sample, sizeof sample - 1, &t) != SR_OK)
        return 1;
    long rounds = 20000;
    size_t matches = 0;
    t0 = now_ms();
    for (long i = 0; i < rounds; i++) {
        sr_arena b;
        sr_arena_init(&b);
        sr_match *m;
        size_t n;
        if (sr_lexicon_scan(lex, &t, &b, &m, &n) != SR_OK)
            return 1;
        matches += n;
        sr_arena_free(&b);
    }
    dt = now_ms() - t0;
    printf("scan: %.2f MB/s of text, %.1f ns a token (%zu tokens, %zu matches a pass)\n",
           (double)(sizeof sample - 1) * (double)rounds / (dt / 1e3) / 1e6,
           dt * 1e6 / ((double)rounds * (double)t.n), t.n, matches / (size_t)rounds);
    sr_arena_free(&a);
    sr_lexicon_close(lex);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak resident memory: %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
    return 0;
}
