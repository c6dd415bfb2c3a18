/* test_store_merge.c — merging in the store, document by document or a batch
 * at a time, gives the events a global clustering of all mentions gives,
 * whatever the order the documents arrive in (a property test over dense,
 * random reports). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "hash.h"
#include "resolve.h"
#include "store.h"

#define NDOCS 150
#define MAXM 3

static const char *const towns[][4] = {
    /* name, admin1, lat, lon */
    {"Boulkessi", "Mopti", "14.60", "-1.25"}, {"Mondoro", "Mopti", "14.68", "-1.95"},
    {"Dioura", "Mopti", "14.83", "-5.25"},    {"Mopti", "Mopti", "14.49", "-4.19"},
    {"Djibo", "Sahel", "14.10", "-1.63"},     {"Solhan", "Sahel", "13.40", "0.33"},
};
static const char *const actors[] = {"JNIM", "Islamic State Sahel Province",
                                     "Unidentified Armed Group (Mali)", ""};

typedef struct gen_doc {
    char text[64];
    int nm;
    sr_event ev[MAXM];
} gen_doc;

static unsigned rnd(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) & 0x7fff;
}

static void make_docs(gen_doc *d, unsigned seed)
{
    for (int i = 0; i < NDOCS; i++) {
        snprintf(d[i].text, sizeof d[i].text, "generated report number %d", i);
        d[i].nm = 1 + (int)(rnd(&seed) % MAXM);
        for (int k = 0; k < d[i].nm; k++) {
            sr_event *e = &d[i].ev[k];
            memset(e, 0, sizeof *e);
            int t = (int)(rnd(&seed) % 6);
            int day = 1 + (int)(rnd(&seed) % 12);
            snprintf(e->event_date, sizeof e->event_date, "2025-06-%02d", day);
            e->date_precision = 1 + (int)(rnd(&seed) % 5 == 0) + (int)(rnd(&seed) % 9 == 0);
            snprintf(e->event_type, sizeof e->event_type, "%s",
                     rnd(&seed) % 4 ? "Battles" : "Violence against civilians");
            snprintf(e->actor1.name, sizeof e->actor1.name, "%s", actors[rnd(&seed) % 4]);
            snprintf(e->actor2.name, sizeof e->actor2.name, "Military Forces of Mali");
            e->actor1.lex_id = e->actor2.lex_id = SR_NO_ID;
            e->actor2.inter = 1;
            snprintf(e->actor2.country, sizeof e->actor2.country, "ML");
            snprintf(e->country, sizeof e->country, "ML");
            int region = rnd(&seed) % 7 == 0;
            snprintf(e->admin1, sizeof e->admin1, "%s", towns[t][1]);
            snprintf(e->location, sizeof e->location, "%s", region ? towns[t][1] : towns[t][0]);
            e->geo_precision = region ? 3 : 1 + (int)(rnd(&seed) % 4 == 0);
            e->latitude = atof(towns[t][2]);
            e->longitude = atof(towns[t][3]);
            e->fatalities = e->fatalities_low = e->fatalities_high = (int)(rnd(&seed) % 40);
            e->status = (sr_status)(1 + rnd(&seed) % 3);
        }
    }
}

typedef struct ids {
    int64_t v[4096];
    size_t n;
} ids;

static int collect_id(const sr_stored_event *e, void *ctx)
{
    ids *x = ctx;
    if (x->n < 4096)
        x->v[x->n++] = e->id;
    return 0;
}

/* Ingests docs in the given order, then checks that every stored event is a
 * cluster of the global clustering and vice versa.  With batch > 1, the
 * documents go in batches of that many, merged at the end of each batch as
 * the ingest does. */
static void run_order(const gen_doc *d, const int *order, const char *path, int batch)
{
    unlink(path);
    sr_store *s;
    assert_int_equal(sr_store_open(path, 0, &s, NULL), SR_OK);
    int64_t pending[NDOCS];
    size_t npending = 0;
    for (int k = 0; k < NDOCS; k++) {
        if (batch > 1 && !sr_store_batch_open(s))
            assert_int_equal(sr_store_batch_begin(s, NULL), SR_OK);
        const gen_doc *g = &d[order[k]];
        sr_doc doc = {.id = g->text, .published = "2025-06-20", .text = g->text,
                      .text_len = strlen(g->text)};
        char hash[33];
        sr_content_hash(g->text, strlen(g->text), hash);
        sr_store_doc sd = {&doc, "text", hash, sr_simhash(g->text, strlen(g->text))};
        int64_t id;
        int created;
        assert_int_equal(sr_store_begin(s, NULL), SR_OK);
        assert_int_equal(sr_store_add_document(s, &sd, &id, &created, NULL, NULL), SR_OK);
        assert_int_equal(sr_store_add_mentions(s, id, g->ev, (size_t)g->nm, NULL), SR_OK);
        if (batch > 1)
            pending[npending++] = id;
        else
            assert_int_equal(sr_store_resolve(s, id, NULL, NULL), SR_OK);
        assert_int_equal(sr_store_commit(s, NULL), SR_OK);
        if (batch > 1 && (npending == (size_t)batch || k == NDOCS - 1)) {
            /* by the documents' ids, or as the ingest does it */
            if (batch < 64)
                assert_int_equal(sr_store_resolve_docs(s, pending, npending, NULL, NULL), SR_OK);
            else
                assert_int_equal(sr_store_resolve_new(s, NULL, NULL), SR_OK);
            assert_int_equal(sr_store_batch_commit(s, NULL), SR_OK);
            npending = 0;
        }
    }
    assert_int_equal(sr_store_check(s, NULL), SR_OK);
    ids all = {.n = 0};
    sr_event_filter f;
    sr_event_filter_init(&f);
    assert_int_equal(sr_store_events(s, &f, collect_id, &all, NULL), SR_OK);

    /* Every stored mention, with the event it is in. */
    static sr_stored_mention ms[NDOCS * MAXM];
    static int64_t ev_of[NDOCS * MAXM];
    static char keys[NDOCS * MAXM][33];
    size_t nm = 0;
    for (size_t i = 0; i < all.n; i++) {
        sr_event_detail *det;
        assert_int_equal(sr_store_event_get(s, all.v[i], &det, NULL), SR_OK);
        for (size_t k = 0; k < det->n_mentions; k++) {
            ms[nm] = det->mentions[k];
            ev_of[nm] = all.v[i];
            for (size_t j = 0; j < det->n_docs; j++)
                if (det->docs[j].id == ms[nm].doc_id)
                    sr_content_hash(det->docs[j].text, det->docs[j].text_len, keys[nm]);
            nm++;
        }
        sr_event_detail_free(det);
    }
    size_t total = 0;
    for (int i = 0; i < NDOCS; i++)
        total += (size_t)d[i].nm;
    assert_int_equal(nm, total);
    static sr_resolve_item items[NDOCS * MAXM];
    static size_t clu[NDOCS * MAXM];
    for (size_t i = 0; i < nm; i++)
        items[i] = (sr_resolve_item){&ms[i].ev, keys[i], ms[i].doc_id, ms[i].ordinal};
    size_t nc;
    assert_int_equal(sr_resolve_cluster(items, nm, clu, &nc, NULL), SR_OK);
    assert_int_equal(nc, all.n);
    assert_true(nc * 10 < nm * 8); /* the reports really do merge */
    for (size_t i = 0; i < nm; i++)
        for (size_t j = i + 1; j < nm; j++)
            if ((clu[i] == clu[j]) != (ev_of[i] == ev_of[j]))
                fail_msg("mentions %zu and %zu: global %s, stored %s", i, j,
                         clu[i] == clu[j] ? "together" : "apart",
                         ev_of[i] == ev_of[j] ? "together" : "apart");
    sr_store_close(s);
    unlink(path);
}

static void test_incremental_equals_global(void **state)
{
    (void)state;
    static gen_doc d[NDOCS];
    make_docs(d, 7);
    char path[64];
    snprintf(path, sizeof path, "/tmp/sitrep-test-merge-%d.db", (int)getpid());
    int order[NDOCS];
    unsigned seed = 99;
    /* In order, reversed, shuffled; then shuffled again in batches of 7,
     * 64 and all at once. */
    static const int batch[] = {1, 1, 1, 7, 64, NDOCS};
    for (int round = 0; round < 6; round++) {
        for (int i = 0; i < NDOCS; i++)
            order[i] = round == 1 ? NDOCS - 1 - i : i;
        if (round >= 2)
            for (int i = NDOCS - 1; i > 0; i--) {
                int j = (int)(rnd(&seed) % (unsigned)(i + 1));
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        run_order(d, order, path, batch[round]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_incremental_equals_global),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
