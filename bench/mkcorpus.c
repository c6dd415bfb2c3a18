/*
 * mkcorpus.c — builds the benchmark corpus: JSON lines of at least a given
 * size, made by repeating a set of articles with varied ids and dates.
 *
 *   bench_mkcorpus OUT.jsonl MEGABYTES IN.jsonl...
 *
 * Round r writes every input article once with id "ID~r" and its publication
 * date moved r days back, keeping only the keys the extractor reads (id, url,
 * published, title, text), until OUT holds MEGABYTES * 10^6 bytes.  Input
 * lines that cannot be read are skipped.  The output depends only on the
 * inputs, so runs are comparable.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "jsonl.h"

typedef struct article {
    char *id, *url, *published, *title, *text;
} article;

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* Days since 1970-01-01 (H. Hinnant's algorithm). */
static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, long *m, long *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

/* published moved back by shift days into out[11]; a copy when not a date. */
static const char *shift_date(const char *pub, long shift, char out[11])
{
    long y, m, d;
    if (!pub || sscanf(pub, "%4ld-%2ld-%2ld", &y, &m, &d) != 3)
        return pub;
    civil_from_days(days_from_civil(y, m, d) - shift, &y, &m, &d);
    char buf[64];
    snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y % 10000, m, d);
    memcpy(out, buf, 10);
    out[10] = '\0';
    return out;
}

static void set_str(json_t *o, const char *key, const char *v)
{
    if (v)
        json_object_set_new(o, key, json_string(v));
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: bench_mkcorpus OUT.jsonl MEGABYTES IN.jsonl...\n");
        return 2;
    }
    double mb = atof(argv[2]);
    if (mb <= 0) {
        fprintf(stderr, "bench_mkcorpus: bad size '%s'\n", argv[2]);
        return 2;
    }
    article *arts = NULL;
    size_t n = 0, cap = 0;
    for (int i = 3; i < argc; i++) {
        sr_jsonl_reader *r;
        sr_error err;
        if (sr_jsonl_open(argv[i], &r, &err) != SR_OK) {
            fprintf(stderr, "bench_mkcorpus: %s\n", err.msg);
            continue;
        }
        sr_doc doc;
        size_t line;
        int rc;
        while ((rc = sr_jsonl_next(r, &doc, &line, &err)) != SR_ERR_EMPTY) {
            if (rc == SR_ERR_IO || rc == SR_ERR_NOMEM)
                break;
            if (rc != SR_OK)
                continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 64;
                article *na = realloc(arts, cap * sizeof *na);
                if (!na)
                    return 1;
                arts = na;
            }
            arts[n].id = dup_or_null(doc.id ? doc.id : "a");
            arts[n].url = dup_or_null(doc.url);
            arts[n].published = dup_or_null(doc.published);
            arts[n].title = dup_or_null(doc.title);
            arts[n].text = dup_or_null(doc.text);
            n++;
        }
        sr_jsonl_close(r);
    }
    if (n == 0) {
        fprintf(stderr, "bench_mkcorpus: no articles in the inputs\n");
        return 1;
    }
    FILE *out = fopen(argv[1], "wb");
    if (!out) {
        perror(argv[1]);
        return 1;
    }
    double want = mb * 1e6;
    size_t written = 0, lines = 0;
    for (long round = 0; (double)written < want; round++) {
        for (size_t i = 0; i < n && (double)written < want; i++) {
            char id[512], day[11];
            snprintf(id, sizeof id, "%s~%ld", arts[i].id, round);
            json_t *o = json_object();
            set_str(o, "id", id);
            set_str(o, "url", arts[i].url);
            set_str(o, "published", shift_date(arts[i].published, round % 720, day));
            set_str(o, "title", arts[i].title);
            set_str(o, "text", arts[i].text);
            char *s = json_dumps(o, JSON_COMPACT);
            json_decref(o);
            if (!s)
                return 1;
            size_t len = strlen(s);
            if (fwrite(s, 1, len, out) != len || fputc('\n', out) == EOF) {
                perror(argv[1]);
                return 1;
            }
            written += len + 1;
            lines++;
            free(s);
        }
    }
    if (fclose(out) != 0) {
        perror(argv[1]);
        return 1;
    }
    printf("%zu articles, %zu bytes (from %zu distinct)\n", lines, written, n);
    for (size_t i = 0; i < n; i++) {
        free(arts[i].id);
        free(arts[i].url);
        free(arts[i].published);
        free(arts[i].title);
        free(arts[i].text);
    }
    free(arts);
    return 0;
}
