/*
 * text_speed.c — throughput of the text layer on a large synthetic text.
 *
 *   bench_text_speed [MB] [FILE]
 *
 * Builds about MB megabytes (default 32) of news-like text from a few
 * sentences written for the purpose (mostly ASCII, with accented names,
 * curly quotes and apostrophes, figures and abbreviations), or reads FILE
 * instead, cut into articles of about 3 KB.  Then times, on one thread:
 * UTF-8 validation, sr_fold over each article, and sr_tokenize (tokens,
 * folded forms, sentences) per article with the arena reset in between, as
 * the extractor does, and once over the whole text as one document; and
 * the figure and date parsers tried at every token (sr_number_parse,
 * sr_date_parse).  Prints MB/s for each.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "number.h"
#include "sitrep.h"
#include "text.h"

static const char *const sentences[] = {
    "Gunmen killed at least 23 villagers in an attack on M\xc3\xa9naka late on Tuesday, "
    "local officials said.",
    "The Malian army (FAMa) said its troops \xe2\x80\x9cneutralised\xe2\x80\x9d 14 terrorists "
    "near Tillab\xc3\xa9ri and lost two soldiers.",
    "Jama\xe2\x80\x99" "at Nusrat al-Islam wal-Muslimin claimed responsibility in a statement "
    "on Sunday.",
    "Dr. A. Traor\xc3\xa9, a U.N. official in Bobo-Dioulasso, put the toll at 1,300 "
    "displaced.",
    "\"We fled at 5.30 a.m. when they arrived on motorbikes,\" a resident told reporters.",
    "More than 30 people were wounded, and dozens of homes were burned, according to "
    "security sources.",
    "The attack was one of the deadliest in the region since 2012... Nobody has yet claimed "
    "it.",
    "Gen. Moussa Diallo visited the base at Boulkessi on 3 March with the governor's "
    "delegation.",
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *make_text(size_t want, size_t *len)
{
    char *buf = malloc(want + 4096);
    if (!buf)
        return NULL;
    size_t n = 0, k = 0;
    unsigned seed = 12345;
    while (n < want) {
        seed = seed * 1103515245u + 12345u;
        const char *s = sentences[(seed >> 16) % (sizeof sentences / sizeof sentences[0])];
        size_t l = strlen(s);
        memcpy(buf + n, s, l);
        n += l;
        buf[n++] = ++k % 6 == 0 ? '\n' : ' ';
        if (k % 6 == 0)
            buf[n++] = '\n';
    }
    *len = n;
    return buf;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, n = 0, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

/* Article boundaries: cut after a blank line once 3 KB have gone by. */
static size_t next_cut(const char *text, size_t n, size_t from)
{
    size_t i = from + 3000;
    if (i >= n)
        return n;
    const char *p = memchr(text + i, '\n', n - i);
    return p ? (size_t)(p - text) + 1 : n;
}

int main(int argc, char **argv)
{
    double mb = argc > 1 ? atof(argv[1]) : 32;
    if (mb <= 0)
        mb = 32;
    size_t n = 0;
    char *text = argc > 2 ? read_file(argv[2], &n) : make_text((size_t)(mb * 1e6), &n);
    if (!text) {
        fprintf(stderr, "bench_text_speed: cannot %s\n", argc > 2 ? "read the file" : "allocate");
        return 1;
    }
    double size_mb = (double)n / 1e6;
    printf("text: %.1f MB\n", size_mb);

    double t0 = now();
    size_t bad;
    int rc = sr_utf8_validate(text, n, &bad);
    double t1 = now();
    printf("validate:          %8.1f MB/s (%s)\n", size_mb / (t1 - t0),
           rc == SR_OK ? "valid" : "invalid");
    if (rc != SR_OK) {
        free(text);
        return 1;
    }

    char *out = malloc(64 * 1024);
    size_t folded = 0, articles = 0;
    t0 = now();
    for (size_t from = 0; from < n;) {
        size_t to = next_cut(text, n, from);
        folded += sr_fold(text + from, to - from, out, 64 * 1024);
        from = to;
    }
    t1 = now();
    printf("fold:              %8.1f MB/s (%zu bytes folded)\n", size_mb / (t1 - t0), folded);

    sr_arena a;
    sr_arena_init(&a);
    size_t tokens = 0, sents = 0;
    t0 = now();
    for (size_t from = 0; from < n;) {
        size_t to = next_cut(text, n, from);
        sr_tokens t;
        if (sr_tokenize(&a, text + from, to - from, &t) != SR_OK) {
            fprintf(stderr, "bench_text_speed: out of memory\n");
            return 1;
        }
        tokens += t.n;
        sents += t.n_sent;
        articles++;
        sr_arena_reset(&a);
        from = to;
    }
    t1 = now();
    printf("tokenize+fold:     %8.1f MB/s (%zu articles, %zu tokens, %zu sentences)\n",
           size_mb / (t1 - t0), articles, tokens, sents);

    /* The figure and date parsers tried at every token of every article
     * (the extractor tries them at fewer), after tokenizing. */
    int32_t pub = 0;
    sr_date_parse_iso("2025-06-02", &pub);
    size_t numbers = 0, dates = 0;
    double parse_time = 0;
    for (size_t from = 0; from < n;) {
        size_t to = next_cut(text, n, from);
        sr_tokens at;
        if (sr_tokenize(&a, text + from, to - from, &at) != SR_OK) {
            fprintf(stderr, "bench_text_speed: out of memory\n");
            return 1;
        }
        double p0 = now();
        for (size_t i = 0; i < at.n; i++) {
            sr_number num;
            sr_date d;
            numbers += sr_number_parse(&at, text + from, i, &num) > 0;
            dates += sr_date_parse(&at, text + from, i, pub, &d) > 0;
        }
        parse_time += now() - p0;
        sr_arena_reset(&a);
        from = to;
    }
    printf("numbers+dates:     %8.1f MB/s (both parsers at each of %zu tokens: %zu figures, "
           "%zu dates)\n",
           size_mb / parse_time, tokens, numbers, dates);

    t0 = now();
    sr_tokens t;
    if (sr_tokenize(&a, text, n, &t) != SR_OK) {
        fprintf(stderr, "bench_text_speed: out of memory\n");
        return 1;
    }
    t1 = now();
    printf("tokenize, one doc: %8.1f MB/s (%zu tokens, arena peak %.1f MB)\n",
           size_mb / (t1 - t0), t.n, (double)a.peak / 1e6);
    sr_arena_free(&a);
    free(out);
    free(text);
    return 0;
}
