/*
 * ingest.c — benchmark of the event database: ingest with extraction and
 * merging beside extraction alone, and a filtered query over many events.
 *
 *   bench_ingest docs DOCS DB IN.jsonl...
 *       Repeats the input articles with varied ids, dates (7r days back in
 *       round r, so that repeats are distinct events a week apart rather
 *       than one endless daily battle) and a varied first line until DOCS
 *       documents, and times
 *       (1) extraction alone and (2) the whole ingest into a new SQLite
 *       database at DB (hash, store, extract, resolve; committed in batches as
 *       `sitrep ingest` does), both on one core.  Prints documents/s for
 *       each and the cost of storing and merging as a multiple of the
 *       extraction's (the target is below 1).
 *   bench_ingest events COUNT DB
 *       Fills a new database at DB with COUNT events spread over 12
 *       countries and ten years (origin "import"), then times a query by
 *       country and one month, cold and warm.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "ingest.h"
#include "jsonl.h"
#include "sitrep.h"
#include "store.h"

typedef struct article {
    char *id, *url, *published, *title, *text;
    size_t text_len;
} article;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds of this process: what one core spends, whatever else runs. */
static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Removes a database with its WAL and shared-memory files. */
static void remove_db(const char *path)
{
    char side[1024];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

static char *copy_str(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* Variant r of article a into doc, using the caller's buffers. */
static void variant(const article *a, size_t r, sr_doc *doc, char *id, size_t id_cap, char *pub,
                    char **text, size_t *text_cap)
{
    snprintf(id, id_cap, "%s~%zu", a->id ? a->id : "doc", r);
    int32_t day;
    if (a->published && sr_date_parse_iso(a->published, &day) == SR_OK) {
        sr_date_format(day - 7 * (int32_t)r, pub);
    } else
        pub[0] = '\0';
    size_t need = a->text_len + 64;
    if (need > *text_cap) {
        *text = realloc(*text, need);
        *text_cap = need;
    }
    int k = snprintf(*text, need, "(Update %zu.) ", r);
    memcpy(*text + k, a->text, a->text_len);
    (*text)[k + (int)a->text_len] = '\0';
    *doc = (sr_doc){.id = id, .url = a->url, .title = a->title,
                    .published = pub[0] ? pub : NULL, .text = *text,
                    .text_len = (size_t)k + a->text_len};
}

static int bench_docs(size_t ndocs, const char *dbpath, char **inputs, int ninputs)
{
    article *arts = NULL;
    size_t n = 0, cap = 0;
    for (int i = 0; i < ninputs; i++) {
        sr_jsonl_reader *r;
        if (sr_jsonl_open(inputs[i], &r, NULL) != SR_OK) {
            fprintf(stderr, "bench_ingest: cannot read %s\n", inputs[i]);
            continue;
        }
        sr_doc d;
        size_t line;
        int rc;
        while ((rc = sr_jsonl_next(r, &d, &line, NULL)) != SR_ERR_EMPTY) {
            if (rc != SR_OK || !d.text)
                continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 64;
                arts = realloc(arts, cap * sizeof *arts);
            }
            arts[n++] = (article){copy_str(d.id), copy_str(d.url), copy_str(d.published), copy_str(d.title),
                                  strndup(d.text, d.text_len), d.text_len};
        }
        sr_jsonl_close(r);
    }
    if (!n) {
        fprintf(stderr, "bench_ingest: no articles\n");
        return 1;
    }
    sr_error err = {""};
    sr_lexicon *lex;
    sr_extractor *x;
    if (sr_lexicon_open(NULL, &lex, &err) || sr_extractor_new(lex, &x, &err)) {
        fprintf(stderr, "bench_ingest: %s\n", err.msg);
        return 1;
    }
    char id[256], pub[11];
    char *text = NULL;
    size_t text_cap = 0, events = 0;

    double t0 = now(), c0 = cpu();
    for (size_t i = 0; i < ndocs; i++) {
        sr_doc doc;
        variant(&arts[i % n], i / n, &doc, id, sizeof id, pub, &text, &text_cap);
        const sr_event *ev;
        size_t ne;
        if (sr_extract(x, &doc, &ev, &ne, &err) == SR_OK)
            events += ne;
    }
    double t_extract = now() - t0, c_extract = cpu() - c0;

    remove_db(dbpath);
    sr_store *s;
    if (sr_store_open(dbpath, 0, &s, &err)) {
        fprintf(stderr, "bench_ingest: %s\n", err.msg);
        return 1;
    }
    sr_ingest *g;
    sr_ingest_new(s, x, NULL, &g, &err);
    t0 = now();
    c0 = cpu();
    for (size_t i = 0; i < ndocs; i++) {
        sr_doc doc;
        variant(&arts[i % n], i / n, &doc, id, sizeof id, pub, &text, &text_cap);
        if (sr_ingest_document(g, id, &doc, "jsonl", &err) != SR_OK) {
            fprintf(stderr, "bench_ingest: %s\n", err.msg);
            return 1;
        }
    }
    if (sr_ingest_flush(g, &err) != SR_OK) { /* the last batch, merged and committed */
        fprintf(stderr, "bench_ingest: %s\n", err.msg);
        return 1;
    }
    double t_ingest = now() - t0, c_ingest = cpu() - c0;
    const sr_ingest_stats *st = sr_ingest_get_stats(g);
    sr_store_counts c = {0};
    sr_store_count(s, &c, &err);
    printf("documents            %zu (from %zu articles)\n", ndocs, n);
    printf("extract alone        %.0f docs/s per CPU second (%.2f s CPU, %.2f s wall, %zu "
           "mentions)\n",
           (double)ndocs / c_extract, c_extract, t_extract, events);
    printf("ingest (store+extract+merge) %.0f docs/s per CPU second (%.2f s CPU, %.2f s wall)\n",
           (double)ndocs / c_ingest, c_ingest, t_ingest);
    printf("store+merge cost     %.2f x extraction (CPU)\n",
           c_extract > 0 ? (c_ingest - c_extract) / c_extract : 0.0);
    printf("stored %zu, near-duplicates %zu, mentions %lld, events %lld\n", st->stored,
           st->near_duplicates, (long long)c.mentions, (long long)c.events);
    sr_ingest_free(g);
    sr_store_close(s);
    sr_extractor_free(x);
    sr_lexicon_close(lex);
    free(text);
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

static int count_cb(const sr_stored_event *e, void *ctx)
{
    (void)e;
    (*(size_t *)ctx)++;
    return 0;
}

static int bench_events(size_t count, const char *dbpath)
{
    static const char *const cc[] = {"ML", "BF", "NE", "NG", "SD", "TD",
                                     "CM", "SO", "ET", "CD", "MZ", "LY"};
    sr_error err = {""};
    remove_db(dbpath);
    sr_store *s;
    if (sr_store_open(dbpath, 0, &s, &err)) {
        fprintf(stderr, "bench_ingest: %s\n", err.msg);
        return 1;
    }
    double t0 = now();
    int32_t start = sr_days_from_civil(2015, 1, 1);
    unsigned seed = 1;
    sr_store_begin(s, &err);
    for (size_t i = 0; i < count; i++) {
        seed = seed * 1103515245u + 12345u;
        sr_event e;
        memset(&e, 0, sizeof e);
        sr_date_format(start + (int32_t)((seed >> 8) % 3650), e.event_date);
        e.date_precision = 1;
        snprintf(e.event_type, sizeof e.event_type, "%s", i % 3 ? "Battles" : "Violence against civilians");
        snprintf(e.actor1.name, sizeof e.actor1.name, "Group %u", (seed >> 4) % 50);
        snprintf(e.country, sizeof e.country, "%s", cc[i % 12]);
        snprintf(e.admin1, sizeof e.admin1, "Region %u", (seed >> 12) % 20);
        snprintf(e.location, sizeof e.location, "Town %u", (seed >> 16) % 500);
        e.latitude = 10 + (double)((seed >> 3) % 1000) / 100.0;
        e.longitude = -5 + (double)((seed >> 5) % 1000) / 100.0;
        e.geo_precision = 1;
        e.fatalities = e.fatalities_low = e.fatalities_high = (int)((seed >> 20) % 30);
        e.status = SR_STATUS_REPORTED;
        char oid[32];
        snprintf(oid, sizeof oid, "b%zu", i);
        if (sr_store_put_event(s, &e, "import", oid, "", NULL, NULL, &err)) {
            fprintf(stderr, "bench_ingest: %s\n", err.msg);
            return 1;
        }
    }
    sr_store_commit(s, &err);
    double t_fill = now() - t0;
    sr_store_close(s);
    printf("filled %zu events in %.1f s\n", count, t_fill);
    for (int pass = 0; pass < 2; pass++) {
        sr_store_open(dbpath, SR_STORE_READONLY, &s, &err);
        sr_event_filter f;
        sr_event_filter_init(&f);
        f.country = "ML";
        f.since = "2020-03-01";
        f.until = "2020-03-31";
        f.with_sources = 1;
        size_t n = 0;
        t0 = now();
        sr_store_events(s, &f, count_cb, &n, &err);
        double t = now() - t0;
        printf("query country=ML, one month (%s): %zu events in %.1f ms\n",
               pass ? "warm" : "cold", n, t * 1000);
        sr_store_close(s);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 5 && !strcmp(argv[1], "docs"))
        return bench_docs((size_t)strtoul(argv[2], NULL, 10), argv[3], argv + 4, argc - 4);
    if (argc == 4 && !strcmp(argv[1], "events"))
        return bench_events((size_t)strtoul(argv[2], NULL, 10), argv[3]);
    fprintf(stderr, "usage: bench_ingest docs DOCS DB IN.jsonl... | events COUNT DB\n");
    return 2;
}
