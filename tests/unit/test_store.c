/* test_store.c — the SQLite event database: documents stored once,
 * near-duplicates, mentions resolved into events independently of order,
 * imported history, filters, detail, integrity and schema versions. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "hash.h"
#include "store.h"

static char dir[64];

static void db_path(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s/%s", dir, name);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/sitrep-test-store-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static sr_store *open_new(const char *name)
{
    char p[128];
    db_path(p, sizeof p, name);
    unlink(p);
    sr_store *s = NULL;
    sr_error err = {""};
    int rc = sr_store_open(p, 0, &s, &err);
    if (rc)
        fail_msg("open %s: %s", p, err.msg);
    return s;
}

/* Stores a document with the given text; returns its id. */
static int64_t add_doc(sr_store *s, const char *id, const char *pub, const char *text,
                       int *created, int64_t *near)
{
    sr_doc d = {.id = id, .url = NULL, .title = "t", .published = pub, .text = text,
                .text_len = strlen(text)};
    char hash[33];
    sr_content_hash(text, strlen(text), hash);
    sr_store_doc sd = {&d, "text", hash, sr_simhash(text, strlen(text))};
    int64_t out = 0, nd = 0;
    int c = 0;
    assert_int_equal(sr_store_add_document(s, &sd, &out, &c, &nd, NULL), SR_OK);
    if (created)
        *created = c;
    if (near)
        *near = nd;
    return out;
}

static sr_event ev(const char *date, const char *a1, const char *a2, const char *loc,
                   int best, sr_status st)
{
    sr_event e;
    memset(&e, 0, sizeof e);
    snprintf(e.event_date, sizeof e.event_date, "%s", date);
    e.date_precision = 1;
    snprintf(e.event_type, sizeof e.event_type, "Battles");
    snprintf(e.sub_event_type, sizeof e.sub_event_type, "Armed clash");
    snprintf(e.actor1.name, sizeof e.actor1.name, "%s", a1);
    snprintf(e.actor2.name, sizeof e.actor2.name, "%s", a2);
    e.actor1.lex_id = e.actor2.lex_id = SR_NO_ID;
    e.actor1.inter = 2;
    e.actor2.inter = 1;
    snprintf(e.country, sizeof e.country, "ML");
    snprintf(e.admin1, sizeof e.admin1, "Mopti");
    snprintf(e.location, sizeof e.location, "%s", loc);
    e.geo_precision = 1;
    e.latitude = 14.5;
    e.longitude = -1.5;
    e.fatalities = e.fatalities_low = e.fatalities_high = best;
    e.status = st;
    e.n_evidence = 1;
    e.evidence[0] = (sr_span){0, 10};
    e.n_figures = 1;
    e.figures[0] = (sr_figure){best, SR_SRC_AUTHORITY, {0, 5}};
    return e;
}

static void test_documents_once(void **state)
{
    (void)state;
    sr_store *s = open_new("docs.db");
    int created;
    int64_t a = add_doc(s, "a", "2025-06-01", "Gunmen attacked a village.", &created, NULL);
    assert_true(created);
    int64_t b = add_doc(s, "b", "2025-06-01", "  gunmen   ATTACKED a village ", &created, NULL);
    assert_false(created); /* same normalised text */
    assert_int_equal(a, b);
    sr_store_counts c;
    assert_int_equal(sr_store_count(s, &c, NULL), SR_OK);
    assert_int_equal(c.documents, 1);
    sr_store_close(s);
}

static void test_near_duplicates(void **state)
{
    (void)state;
    sr_store *s = open_new("near.db");
    const char *wire =
        "Armed men attacked a military post in the north of the country on Sunday, killing "
        "eleven soldiers and wounding several others, the defence ministry said in a statement "
        "read on state television on Monday evening. The ministry said the attackers came on "
        "motorcycles and pickup trucks and were repelled after several hours of fighting, and "
        "that reinforcements had been sent to the area. No group has claimed the attack, which "
        "is the deadliest in the region since the start of the year, according to local "
        "officials who asked not to be named because they were not allowed to speak to the "
        "press about military matters.";
    char copy[2048];
    snprintf(copy, sizeof copy, "%s Residents said markets stayed closed.", wire);
    int created;
    int64_t near;
    int64_t a = add_doc(s, "wire", "2025-06-02", wire, &created, &near);
    assert_int_equal(near, 0);
    int64_t b = add_doc(s, "copy", "2025-06-02", copy, &created, &near);
    assert_true(created);
    assert_int_not_equal(a, b);
    assert_int_equal(near, a);
    add_doc(s, "other", "2025-06-02",
            "Thousands marched in the capital on Friday to demand higher wages for teachers "
            "and nurses, in a protest that passed off peacefully according to the police.",
            &created, &near);
    assert_int_equal(near, 0);

    /* In a batch, the bands of its documents wait in memory until it
     * commits: a copy within the batch is found there, and a document
     * rolled back leaves nothing behind (its id is given out again). */
    char copy2[2048], copy3[4096];
    snprintf(copy2, sizeof copy2, "%s Schools reopened on Wednesday.", wire);
    snprintf(copy3, sizeof copy3, "Reported from the capital. %s", copy);
    const char *gone =
        "Floods washed away hundreds of homes along the river after three days of heavy rain, "
        "and aid agencies said thousands of families needed shelter, clean water and food as "
        "the waters kept rising across the lowlands of the southern provinces this week.";
    char gone_copy[1024];
    snprintf(gone_copy, sizeof gone_copy, "%s Officials gave no toll.", gone);
    assert_int_equal(sr_store_batch_begin(s, NULL), SR_OK);
    assert_int_equal(sr_store_begin(s, NULL), SR_OK);
    int64_t c = add_doc(s, "copy2", "2025-06-03", copy2, &created, &near);
    assert_int_equal(near, a);
    assert_int_equal(sr_store_commit(s, NULL), SR_OK);
    assert_int_equal(sr_store_begin(s, NULL), SR_OK);
    add_doc(s, "gone", "2025-06-03", gone, &created, &near);
    sr_store_rollback(s);
    assert_int_equal(sr_store_begin(s, NULL), SR_OK);
    int64_t reused = add_doc(s, "unrelated", "2025-06-03",
                             "The central bank kept its main rate unchanged on Thursday.",
                             &created, &near);
    assert_true(reused > c);
    assert_int_equal(sr_store_commit(s, NULL), SR_OK);
    assert_int_equal(sr_store_begin(s, NULL), SR_OK);
    add_doc(s, "gone copy", "2025-06-03", gone_copy, &created, &near);
    assert_int_equal(near, 0); /* not the unrelated document that took the id */
    assert_int_equal(sr_store_commit(s, NULL), SR_OK);
    assert_int_equal(sr_store_batch_commit(s, NULL), SR_OK);
    /* After the commit, from the table. */
    add_doc(s, "copy3", "2025-06-04", copy3, &created, &near);
    assert_true(near == a || near == b || near == c);
    assert_int_equal(sr_store_check(s, NULL), SR_OK);
    sr_store_close(s);
}

typedef struct collected {
    char rows[16][256];
    int n;
} collected;

static int collect(const sr_stored_event *e, void *ctx)
{
    collected *c = ctx;
    if (c->n < 16) {
        char src[128] = "";
        size_t len = 0;
        for (size_t i = 0; i < e->n_source_ids && len < sizeof src; i++) {
            int k = snprintf(src + len, sizeof src - len, "%s ", e->sources[i]);
            len += k > 0 ? (size_t)k : 0;
        }
        int k = snprintf(c->rows[c->n++], 256, "%s|%s|%s|%d|%d|%d|%s|%d|%s", e->ev.event_date,
                         e->ev.actor1.name, e->ev.location, e->ev.fatalities,
                         e->ev.fatalities_low, e->ev.fatalities_high,
                         sr_status_name(e->ev.status), e->n_sources, src);
        assert_true(k > 0 && k < 256); /* the rows compared are whole */
    }
    return 0;
}

/* Three reports of one attack, one of a later attack on the same town. */
static const struct {
    const char *id, *text, *date, *a1, *loc;
    int best;
    sr_status st;
} docs[] = {
    {"r1", "first report text", "2025-06-01", "Unidentified Armed Group (Mali)", "Boulkessi", 10,
     SR_STATUS_REPORTED},
    {"r2", "second report text", "2025-06-01", "JNIM", "Boulkessi", 30, SR_STATUS_CONFIRMED},
    {"r3", "third report text", "2025-06-02", "JNIM", "Boulkessi", 60, SR_STATUS_CLAIMED},
    {"r4", "a later attack", "2025-06-09", "JNIM", "Boulkessi", 3, SR_STATUS_REPORTED},
};
#define NDOCS (sizeof docs / sizeof docs[0])

static void ingest_order(sr_store *s, const int *order)
{
    for (size_t k = 0; k < NDOCS; k++) {
        int i = order[k];
        assert_int_equal(sr_store_begin(s, NULL), SR_OK);
        int64_t id = add_doc(s, docs[i].id, "2025-06-10", docs[i].text, NULL, NULL);
        sr_event e = ev(docs[i].date, docs[i].a1, "Military Forces of Mali", docs[i].loc,
                        docs[i].best, docs[i].st);
        assert_int_equal(sr_store_add_mentions(s, id, &e, 1, NULL), SR_OK);
        sr_resolve_stats rs = {0};
        assert_int_equal(sr_store_resolve(s, id, &rs, NULL), SR_OK);
        assert_int_equal(sr_store_commit(s, NULL), SR_OK);
    }
}

static void test_resolve_order_independent(void **state)
{
    (void)state;
    static const int orders[][NDOCS] = {{0, 1, 2, 3}, {3, 2, 1, 0}, {2, 0, 3, 1}, {1, 3, 0, 2}};
    collected ref = {0};
    for (size_t o = 0; o < sizeof orders / sizeof orders[0]; o++) {
        char name[32];
        snprintf(name, sizeof name, "order%zu.db", o);
        sr_store *s = open_new(name);
        ingest_order(s, orders[o]);
        sr_event_filter f;
        sr_event_filter_init(&f);
        f.with_sources = 1;
        collected got = {0};
        assert_int_equal(sr_store_events(s, &f, collect, &got, NULL), SR_OK);
        assert_int_equal(got.n, 2);
        if (o == 0) {
            ref = got;
            assert_string_equal(got.rows[0],
                                "2025-06-01|JNIM|Boulkessi|10|10|60|confirmed|3|r1 r2 r3 ");
            assert_string_equal(got.rows[1], "2025-06-09|JNIM|Boulkessi|3|3|3|reported|1|r4 ");
        } else {
            for (int i = 0; i < got.n; i++)
                assert_string_equal(got.rows[i], ref.rows[i]);
        }
        assert_int_equal(sr_store_check(s, NULL), SR_OK);
        sr_store_close(s);
    }
}

static void test_filters_and_detail(void **state)
{
    (void)state;
    sr_store *s = open_new("filters.db");
    static const int order[NDOCS] = {0, 1, 2, 3};
    ingest_order(s, order);
    sr_event e = ev("2023-01-04", "Military Forces of Burkina Faso", "Test Group", "Djibo", 10,
                    SR_STATUS_REPORTED);
    snprintf(e.country, sizeof e.country, "BF");
    snprintf(e.admin1, sizeof e.admin1, "Sahel");
    e.latitude = 14.1;
    e.longitude = -1.6;
    int created = 0;
    int64_t uid;
    assert_int_equal(sr_store_put_event(s, &e, "ucdp", "900001", "note", &uid, &created, NULL),
                     SR_OK);
    assert_true(created);
    e.fatalities = 11;
    assert_int_equal(sr_store_put_event(s, &e, "ucdp", "900001", "note", NULL, &created, NULL),
                     SR_OK);
    assert_false(created); /* idempotent on re-import */

    assert_int_equal(sr_store_add_actor_alias(s, "JNIM", "GSIM", NULL), SR_OK);
    assert_int_equal(sr_store_add_actor_alias(s, "JNIM", "GSIM", NULL), SR_OK); /* once */
    static const struct {
        const char *country, *admin1, *actor, *since, *until, *source, *origin;
        int min_f, bbox;
        int64_t expect;
    } rows[] = {
        {NULL, NULL, NULL, NULL, NULL, NULL, NULL, -1, 0, 3},
        {"ml", NULL, NULL, NULL, NULL, NULL, NULL, -1, 0, 2},
        {"BF", NULL, NULL, NULL, NULL, NULL, NULL, -1, 0, 1},
        {NULL, "mopti", NULL, NULL, NULL, NULL, NULL, -1, 0, 2},
        {NULL, NULL, "jnim", NULL, NULL, NULL, NULL, -1, 0, 2},
        {NULL, NULL, "Burkina", NULL, NULL, NULL, NULL, -1, 0, 1},
        {NULL, NULL, "gsim", NULL, NULL, NULL, NULL, -1, 0, 2},
        {NULL, NULL, NULL, "2025-06-02", NULL, NULL, NULL, -1, 0, 1},
        {NULL, NULL, NULL, NULL, "2025-06-01", NULL, NULL, -1, 0, 2},
        {NULL, NULL, NULL, NULL, NULL, "r2", NULL, -1, 0, 1},
        {NULL, NULL, NULL, NULL, NULL, NULL, "ucdp", -1, 0, 1},
        {NULL, NULL, NULL, NULL, NULL, NULL, "extracted", -1, 0, 2},
        {NULL, NULL, NULL, NULL, NULL, NULL, NULL, 10, 0, 2},
        {NULL, NULL, NULL, NULL, NULL, NULL, NULL, -1, 1, 1},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        sr_event_filter f;
        sr_event_filter_init(&f);
        f.country = rows[i].country;
        f.admin1 = rows[i].admin1;
        f.actor = rows[i].actor;
        f.since = rows[i].since;
        f.until = rows[i].until;
        f.source = rows[i].source;
        f.origin = rows[i].origin;
        f.min_fatalities = rows[i].min_f;
        if (rows[i].bbox) {
            f.has_bbox = 1;
            f.west = -2;
            f.south = 13.5;
            f.east = -1;
            f.north = 14.3;
        }
        int64_t n = -1;
        char first[11], last[11];
        assert_int_equal(sr_store_event_summary(s, &f, &n, first, last, NULL), SR_OK);
        if (n != rows[i].expect)
            fail_msg("filter row %zu: %lld events, expected %lld", i, (long long)n,
                     (long long)rows[i].expect);
    }
    /* Detail: one event, its three mentions and documents with evidence. */
    sr_event_filter f;
    sr_event_filter_init(&f);
    f.origin = "extracted";
    f.limit = 1;
    collected got = {0};
    assert_int_equal(sr_store_events(s, &f, collect, &got, NULL), SR_OK);
    assert_int_equal(got.n, 1);
    sr_event_detail *d = NULL;
    assert_int_equal(sr_store_event_get(s, 1, &d, NULL), SR_OK);
    assert_int_equal(d->n_mentions, 3);
    assert_int_equal(d->n_docs, 3);
    assert_int_equal(d->event.n_source_ids, 3);
    assert_int_equal(d->mentions[0].ev.n_evidence, 1);
    assert_int_equal(d->mentions[0].ev.n_figures, 1);
    assert_int_equal(d->mentions[0].ev.figures[0].source, SR_SRC_AUTHORITY);
    sr_event_detail_free(d);
    sr_error err = {""};
    assert_int_equal(sr_store_event_get(s, 999, &d, &err), SR_ERR_NOTFOUND);

    /* Names for "did you mean". */
    assert_int_equal(sr_store_check(s, NULL), SR_OK);
    sr_store_close(s);
}

static void test_newer_schema_refused(void **state)
{
    (void)state;
    sr_store *s = open_new("newer.db");
    sr_store_close(s);
    char p[128];
    db_path(p, sizeof p, "newer.db");
    sqlite3 *db;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    sr_error err = {""};
    assert_int_equal(sr_store_open(p, 0, &s, &err), SR_ERR_VERSION);
    assert_non_null(strstr(err.msg, "newer"));
    assert_int_equal(sr_store_open(p, SR_STORE_READONLY, &s, &err), SR_ERR_VERSION);
}

static void test_not_a_database(void **state)
{
    (void)state;
    char p[128];
    db_path(p, sizeof p, "garbage.db");
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs("this is not an SQLite file, but text long enough to look like a header......\n", f);
    fclose(f);
    sr_store *s;
    sr_error err = {""};
    assert_int_not_equal(sr_store_open(p, 0, &s, &err), SR_OK);
    assert_non_null(strstr(err.msg, p));
    db_path(p, sizeof p, "absent.db");
    assert_int_equal(sr_store_open(p, SR_STORE_READONLY, &s, &err), SR_ERR_NOTFOUND);
}

static void test_readonly_file(void **state)
{
    (void)state;
    if (geteuid() == 0)
        skip(); /* root writes anyway */
    sr_store *s = open_new("ro.db");
    sr_store_close(s);
    char p[128];
    db_path(p, sizeof p, "ro.db");
    chmod(p, 0444);
    sr_error err = {""};
    assert_int_equal(sr_store_open(p, 0, &s, &err), SR_ERR_IO);
    assert_non_null(strstr(err.msg, "read-only"));
}

/* A database written by schema version 1 is migrated on open, keeps its
 * data, and new reports merge with the old ones. */
static void test_migration_from_v1(void **state)
{
    (void)state;
    const char *src = getenv("SITREP_SRC");
    if (!src)
        skip();
    char fx[512], p[128];
    snprintf(fx, sizeof fx, "%s/tests/fixtures/store/schema_v1.sql", src);
    FILE *f = fopen(fx, "rb");
    assert_non_null(f);
    static char sql[32768];
    size_t n = fread(sql, 1, sizeof sql - 1, f);
    fclose(f);
    sql[n] = '\0';
    db_path(p, sizeof p, "v1.db");
    unlink(p);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("fixture: %s", msg);
    sqlite3_close(db);

    sr_store *s;
    sr_error err = {""};
    /* read-only cannot migrate */
    assert_int_equal(sr_store_open(p, SR_STORE_READONLY, &s, &err), SR_ERR_VERSION);
    if (sr_store_open(p, 0, &s, &err) != SR_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(sr_store_check(s, NULL), SR_OK);
    sr_event_detail *d;
    assert_int_equal(sr_store_event_get(s, 1, &d, NULL), SR_OK);
    assert_int_equal(d->n_docs, 1);
    assert_non_null(strstr(d->docs[0].text, "killing ten soldiers"));
    sr_event_detail_free(d);
    /* its document was hashed again: the same text is known */
    int created = -1;
    assert_int_equal(sr_store_begin(s, NULL), SR_OK);
    assert_int_equal(add_doc(s, "again", "2025-06-02",
                             "Gunmen attacked Boulkessi on Sunday, killing ten soldiers.", &created,
                             NULL),
                     1);
    assert_int_equal(created, 0);
    assert_int_equal(sr_store_commit(s, NULL), SR_OK);
    /* a later report of the same attack joins the migrated event */
    assert_int_equal(sr_store_begin(s, NULL), SR_OK);
    int64_t id = add_doc(s, "new", "2025-06-03", "A later report of the attack.", NULL, NULL);
    sr_event e = ev("2025-06-01", "JNIM", "Military Forces of Mali", "Boulkessi", 30,
                    SR_STATUS_CONFIRMED);
    assert_int_equal(sr_store_add_mentions(s, id, &e, 1, NULL), SR_OK);
    assert_int_equal(sr_store_resolve(s, id, NULL, NULL), SR_OK);
    assert_int_equal(sr_store_commit(s, NULL), SR_OK);
    sr_store_counts c;
    assert_int_equal(sr_store_count(s, &c, NULL), SR_OK);
    assert_int_equal(c.documents, 2);
    assert_int_equal(c.events, 1);
    assert_int_equal(sr_store_check(s, NULL), SR_OK);
    sr_store_close(s);
}

static void test_hash(void **state)
{
    (void)state;
    char a[33], b[33], c[33];
    sr_content_hash("Hello,  World!", 14, a);
    sr_content_hash("hello world", 11, b);
    sr_content_hash("hello worlds", 12, c);
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    assert_int_equal(strlen(a), 32);
    assert_int_equal(sr_hamming64(0, 7), 3);
    /* FNV-1a test vector: "a" -> af63dc4c8601ec8c */
    assert_true(sr_fnv1a(SR_FNV_OFFSET, "a", 1) == 0xaf63dc4c8601ec8cULL);
    /* both hashes in one pass are the two taken apart; case, punctuation and
     * spacing do not count, every word does, and so does their order */
    const char *t = "Gunmen killed 12 people in Boulkessi on Sunday, officials said.";
    char one[33], d[33], e[33];
    uint64_t sig;
    sr_doc_hashes(t, strlen(t), one, &sig);
    sr_content_hash(t, strlen(t), a);
    assert_string_equal(one, a);
    assert_true(sig == sr_simhash(t, strlen(t)));
    sr_content_hash("GUNMEN killed 12 people in Boulkessi on Sunday officials said", 61, d);
    assert_string_equal(d, a);
    sr_content_hash("Gunmen killed 21 people in Boulkessi on Sunday, officials said.", 63, e);
    assert_string_not_equal(e, a);
    sr_content_hash("Killed gunmen 12 people in Boulkessi on Sunday, officials said.", 63, e);
    assert_string_not_equal(e, a);
}

/* Stored signatures depend on sr_simhash: these values are pinned (a change
 * needs a schema migration that signs the stored documents again, as
 * version 4's does). */
static void test_simhash_pinned(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        uint64_t sig;
    } rows[] = {
        {"", 0x0000000000000000ULL},
        {"one", 0xe5220c9b854a63f9ULL}, /* fewer than five words: the whole is one shingle */
        {"Shelling hit the market", 0x60b060eaa8d37938ULL},
        {"Two people were killed when shelling hit the market on Tuesday, officials said.",
         0xc8335a276752490dULL},
        {"Gunmen attacked a village near the river at dawn; residents fled and the army "
         "arrived later that day.",
         0x63febc51540511e1ULL},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        assert_true(sr_simhash(rows[i].text, strlen(rows[i].text)) == rows[i].sig);
    /* 700 words: more shingles than one round of the bit counters holds. */
    static char buf[16384];
    size_t o = 0;
    for (unsigned i = 0; i < 700 && o + 16 < sizeof buf; i++)
        o += (size_t)snprintf(buf + o, sizeof buf - o, "w%u ", (i * 2654435761u) % 97u);
    assert_int_equal(o, 2729);
    assert_true(sr_simhash(buf, o) == 0x661c070565095998ULL);
}

/* In a batch, the mentions not merged yet follow the units of work: a unit
 * rolled back takes its mentions out of the merge, and the batch's merge
 * gives each new report its event (joined with the report of the same
 * attack already stored). */
static void test_batch_merge(void **state)
{
    (void)state;
    sr_store *s = open_new("batch.db");
    assert_int_equal(sr_store_begin(s, NULL), SR_OK);
    int64_t first = add_doc(s, "first", "2025-06-02", "Soldiers were killed at Boulkessi.", NULL,
                            NULL);
    sr_event e = ev("2025-06-01", "JNIM", "Military Forces of Mali", "Boulkessi", 10,
                    SR_STATUS_REPORTED);
    assert_int_equal(sr_store_add_mentions(s, first, &e, 1, NULL), SR_OK);
    assert_int_equal(sr_store_resolve(s, first, NULL, NULL), SR_OK);
    assert_int_equal(sr_store_commit(s, NULL), SR_OK);

    assert_int_equal(sr_store_batch_begin(s, NULL), SR_OK);
    assert_int_equal(sr_store_begin(s, NULL), SR_OK);
    int64_t gone = add_doc(s, "gone", "2025-06-03", "A report that is rolled back.", NULL, NULL);
    /* two mentions, so that one id is not given out again */
    sr_event g[2] = {ev("2025-06-02", "JNIM", "Military Forces of Mali", "Mondoro", 3,
                        SR_STATUS_REPORTED),
                     ev("2025-06-02", "JNIM", "Military Forces of Mali", "Dioura", 2,
                        SR_STATUS_REPORTED)};
    assert_int_equal(sr_store_add_mentions(s, gone, g, 2, NULL), SR_OK);
    sr_store_rollback(s);
    assert_int_equal(sr_store_begin(s, NULL), SR_OK);
    int64_t later = add_doc(s, "later", "2025-06-03", "The army confirmed the Boulkessi toll.",
                            NULL, NULL);
    sr_event l = ev("2025-06-01", "JNIM", "Military Forces of Mali", "Boulkessi", 12,
                    SR_STATUS_CONFIRMED);
    assert_int_equal(sr_store_add_mentions(s, later, &l, 1, NULL), SR_OK);
    assert_int_equal(sr_store_commit(s, NULL), SR_OK);
    sr_resolve_stats rs = {0};
    assert_int_equal(sr_store_resolve_new(s, &rs, NULL), SR_OK);
    assert_int_equal(rs.events_updated, 1);
    assert_int_equal(rs.events_created, 0);
    /* nothing is left to merge */
    assert_int_equal(sr_store_resolve_new(s, &rs, NULL), SR_OK);
    assert_int_equal(rs.events_updated, 1);
    assert_int_equal(sr_store_batch_commit(s, NULL), SR_OK);
    sr_store_counts c;
    assert_int_equal(sr_store_count(s, &c, NULL), SR_OK);
    assert_int_equal(c.documents, 2);
    assert_int_equal(c.mentions, 2);
    assert_int_equal(c.events, 1);
    assert_int_equal(sr_store_check(s, NULL), SR_OK);

    /* A batch committed, or a store closed, before its caller merged: the
     * store merges first, and no mention is left without its event. */
    for (int closing = 0; closing < 2; closing++) {
        assert_int_equal(sr_store_batch_begin(s, NULL), SR_OK);
        assert_int_equal(sr_store_begin(s, NULL), SR_OK);
        int64_t doc = add_doc(s, closing ? "closed" : "committed", "2025-06-10",
                              closing ? "Gunmen attacked Dioura." : "Gunmen attacked Mondoro.",
                              NULL, NULL);
        /* weeks apart: distinct events */
        sr_event m = ev(closing ? "2025-06-30" : "2025-06-09", "JNIM", "Military Forces of Mali",
                        closing ? "Dioura" : "Mondoro", 4, SR_STATUS_REPORTED);
        assert_int_equal(sr_store_add_mentions(s, doc, &m, 1, NULL), SR_OK);
        assert_int_equal(sr_store_commit(s, NULL), SR_OK);
        if (closing) {
            sr_store_close(s);
            char p[128];
            db_path(p, sizeof p, "batch.db");
            assert_int_equal(sr_store_open(p, 0, &s, NULL), SR_OK);
        } else
            assert_int_equal(sr_store_batch_commit(s, NULL), SR_OK);
        assert_int_equal(sr_store_count(s, &c, NULL), SR_OK);
        assert_int_equal(c.events, 2 + closing);
        assert_int_equal(sr_store_check(s, NULL), SR_OK);
    }
    sr_store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_documents_once),
        cmocka_unit_test(test_near_duplicates),
        cmocka_unit_test(test_batch_merge),
        cmocka_unit_test(test_resolve_order_independent),
        cmocka_unit_test(test_filters_and_detail),
        cmocka_unit_test(test_newer_schema_refused),
        cmocka_unit_test(test_not_a_database),
        cmocka_unit_test(test_readonly_file),
        cmocka_unit_test(test_migration_from_v1),
        cmocka_unit_test(test_hash),
        cmocka_unit_test(test_simhash_pinned),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
