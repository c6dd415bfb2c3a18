/* test_resolve.c — merging mentions of one event: compatibility, clustering,
 * order independence and reconciliation, on mentions built here. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "resolve.h"

/* Table rows leave trailing fields (coordinates, figures) at zero. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

/* A compact way to write a mention. */
typedef struct m {
    const char *date;
    int dprec;
    const char *type;
    const char *a1, *a2;
    const char *country, *admin1, *loc;
    int gprec;
    double lat, lon;
    int best, low, high;
    sr_status status;
} m;

static sr_event mk(const m *x)
{
    sr_event e;
    memset(&e, 0, sizeof e);
    snprintf(e.event_date, sizeof e.event_date, "%s", x->date);
    e.date_precision = x->dprec ? x->dprec : 1;
    snprintf(e.event_type, sizeof e.event_type, "%s", x->type);
    snprintf(e.sub_event_type, sizeof e.sub_event_type, "%s",
             !strcmp(x->type, "Battles") ? "Armed clash" : "Attack");
    snprintf(e.actor1.name, sizeof e.actor1.name, "%s", x->a1 ? x->a1 : "");
    snprintf(e.actor2.name, sizeof e.actor2.name, "%s", x->a2 ? x->a2 : "");
    e.actor1.lex_id = e.actor2.lex_id = SR_NO_ID;
    static const struct {
        const char *name, *cc;
    } forces[] = {{"Military Forces of Mali", "ML"},   {"Military Forces of Niger", "NE"},
                  {"Military Forces of Russia", "RU"}, {"Military Forces of France", "FR"}};
    for (size_t i = 0; i < sizeof forces / sizeof forces[0]; i++) {
        if (!strcmp(e.actor1.name, forces[i].name)) {
            e.actor1.inter = 1;
            snprintf(e.actor1.country, sizeof e.actor1.country, "%s", forces[i].cc);
        }
        if (!strcmp(e.actor2.name, forces[i].name)) {
            e.actor2.inter = 1;
            snprintf(e.actor2.country, sizeof e.actor2.country, "%s", forces[i].cc);
        }
    }
    snprintf(e.country, sizeof e.country, "%s", x->country);
    snprintf(e.admin1, sizeof e.admin1, "%s", x->admin1 ? x->admin1 : "");
    snprintf(e.location, sizeof e.location, "%s", x->loc ? x->loc : "");
    e.geo_precision = x->gprec ? x->gprec : 1;
    e.latitude = x->lat != 0 ? x->lat : NAN;
    e.longitude = x->lon != 0 ? x->lon : NAN;
    e.fatalities = x->best;
    e.fatalities_low = x->low ? x->low : x->best;
    e.fatalities_high = x->high ? x->high : x->best;
    e.status = x->status;
    return e;
}

#define UAG "Unidentified Armed Group (Mali)"
#define FAMA "Military Forces of Mali"

static const struct {
    const char *what;
    m a, b;
    int same;
} pairs[] = {
    {"same town, same day",
     {"2025-06-01", 1, "Battles", "JNIM", FAMA, "ML", "Mopti", "Boulkessi", 1},
     {"2025-06-01", 1, "Battles", "JNIM", FAMA, "ML", "Mopti", "Boulkessi", 1}, 1},
    {"spelling and accents differ",
     {"2025-06-01", 1, "Battles", "JNIM", FAMA, "ML", "Mopti", "Boulkessi", 1},
     {"2025-06-02", 1, "Battles", "JNIM", FAMA, "ML", "Mopti", "BOULKESSI", 1}, 1},
    {"unidentified attackers vs a named group",
     {"2025-06-01", 1, "Battles", UAG, FAMA, "ML", "Mopti", "Boulkessi", 1},
     {"2025-06-01", 1, "Battles", "JNIM", FAMA, "ML", "Mopti", "Boulkessi", 1}, 1},
    {"two named groups",
     {"2025-06-01", 1, "Battles", "Islamic State Sahel Province", FAMA, "ML", "Mopti", "Boulkessi", 1},
     {"2025-06-01", 1, "Battles", "JNIM", FAMA, "ML", "Mopti", "Boulkessi", 1}, 0},
    {"same town a week apart",
     {"2025-06-01", 1, "Battles", "JNIM", FAMA, "ML", "Mopti", "Boulkessi", 1},
     {"2025-06-08", 1, "Battles", "JNIM", FAMA, "ML", "Mopti", "Boulkessi", 1}, 0},
    {"same town four days apart",
     {"2025-06-01", 1, "Battles", "JNIM", FAMA, "ML", "Mopti", "Boulkessi", 1},
     {"2025-06-05", 1, "Battles", "JNIM", FAMA, "ML", "Mopti", "Boulkessi", 1}, 0},
    {"a week-precise date covers four days",
     {"2025-06-01", 1, "Battles", "JNIM", FAMA, "ML", "Mopti", "Boulkessi", 1},
     {"2025-06-04", 2, "Battles", "JNIM", FAMA, "ML", "Mopti", "Boulkessi", 1}, 1},
    {"two towns on one day",
     {"2025-06-01", 1, "Battles", "JNIM", FAMA, "ML", "Mopti", "Boulkessi", 1, 14.7, -1.2},
     {"2025-06-01", 1, "Battles", "JNIM", FAMA, "ML", "Mopti", "Dioura", 1, 14.9, -5.3}, 0},
    {"a region and a town inside it",
     {"2025-06-01", 1, "Battles", "JNIM", FAMA, "ML", "Mopti", "Mopti", 3},
     {"2025-06-01", 1, "Battles", "JNIM", FAMA, "ML", "Mopti", "Boulkessi", 1}, 1},
    {"a region and a town in another region",
     {"2025-06-01", 1, "Battles", "JNIM", FAMA, "ML", "Segou", "Segou", 3},
     {"2025-06-01", 1, "Battles", "JNIM", FAMA, "ML", "Mopti", "Boulkessi", 1}, 0},
    {"near a place within 40 km",
     {"2025-06-01", 1, "Violence against civilians", UAG, "Civilians (Burkina Faso)", "BF", "Sahel", "Sebba", 2, 13.43, 0.53},
     {"2025-06-01", 1, "Violence against civilians", UAG, "Civilians (Burkina Faso)", "BF", "Sahel", "Solhan", 1, 13.40, 0.33}, 1},
    {"a battle and a withdrawal",
     {"2025-06-05", 1, "Battles", UAG, FAMA, "ML", "Mopti", "Boulkessi", 1},
     {"2025-06-05", 1, "Strategic developments", FAMA, NULL, "ML", "Mopti", "Boulkessi", 1}, 0},
    {"a battle reported as an attack on civilians",
     {"2025-06-01", 1, "Battles", "JNIM", FAMA, "ML", "Mopti", "Boulkessi", 1},
     {"2025-06-01", 1, "Violence against civilians", "JNIM", "Civilians (Mali)", "ML", "Mopti", "Boulkessi", 1}, 1},
    {"different countries",
     {"2025-06-01", 1, "Battles", "JNIM", FAMA, "ML", "Mopti", "Boulkessi", 1},
     {"2025-06-01", 1, "Battles", "JNIM", FAMA, "BF", "Mopti", "Boulkessi", 1}, 0},
    {"two spellings of one town in one region",
     {"2020-01-09", 1, "Battles", UAG, FAMA, "NE", "Tillaberi", "Chinégodar", 1},
     {"2020-01-09", 1, "Battles", UAG, FAMA, "NE", "Tillaberi", "Chinagodrar", 1}, 1},
    {"similar short names are different towns",
     {"2020-01-09", 1, "Battles", UAG, FAMA, "BF", "Sahel", "Dori", 1},
     {"2020-01-09", 1, "Battles", UAG, FAMA, "BF", "Sahel", "Doro", 1}, 0},
    {"sides swapped in a battle",
     {"2020-01-09", 1, "Battles", "Military Forces of Niger", UAG, "NE", "Tillaberi", "Chinagodrar", 1},
     {"2020-01-09", 1, "Battles", UAG, "Military Forces of Niger", "NE", "Tillaberi", "Chinagodrar", 1}, 1},
    {"the host army and its foreign allies",
     {"2025-06-02", 1, "Battles", "JNIM", FAMA, "ML", "Tombouctou", "Timbuktu", 1},
     {"2025-06-02", 1, "Battles", "JNIM", "Military Forces of Russia", "ML", "Tombouctou", "Timbuktu", 1}, 1},
    {"two foreign armies are not one",
     {"2025-06-02", 1, "Battles", "JNIM", "Military Forces of France", "ML", "Tombouctou", "Timbuktu", 1},
     {"2025-06-02", 1, "Battles", "JNIM", "Military Forces of Russia", "ML", "Tombouctou", "Timbuktu", 1}, 0},
    {"a month-precise report",
     {"2025-06-15", 3, "Battles", "JNIM", FAMA, "ML", "Mopti", "Boulkessi", 1},
     {"2025-06-03", 1, "Battles", "JNIM", FAMA, "ML", "Mopti", "Boulkessi", 1}, 1},
};

static void test_compatible_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        sr_event a = mk(&pairs[i].a), b = mk(&pairs[i].b);
        int got = sr_mentions_compatible(&a, &b);
        if (got != pairs[i].same)
            fail_msg("%s: expected %s", pairs[i].what, pairs[i].same ? "same" : "distinct");
        /* symmetric */
        assert_int_equal(sr_mentions_compatible(&b, &a), got);
    }
}

/* A small world: three reports of one attack, a look-alike a week later,
 * another town the same day, and two reports of one massacre. */
static const m world[] = {
    {"2025-06-01", 1, "Battles", UAG, FAMA, "ML", "Mopti", "Boulkessi", 1, 0, 0, 10, 0, 0, SR_STATUS_REPORTED},
    {"2025-06-01", 1, "Battles", "JNIM", FAMA, "ML", "Mopti", "Boulkessi", 1, 0, 0, 30, 30, 100, SR_STATUS_CONFIRMED},
    {"2025-06-02", 2, "Battles", "JNIM", FAMA, "ML", "Mopti", "Mopti", 3, 0, 0, 60, 0, 0, SR_STATUS_CLAIMED},
    {"2025-06-08", 1, "Battles", "JNIM", FAMA, "ML", "Mopti", "Boulkessi", 1, 0, 0, 3, 0, 0, SR_STATUS_REPORTED},
    {"2025-06-01", 1, "Battles", "JNIM", FAMA, "ML", "Mopti", "Dioura", 1, 14.9, -5.3, 5, 0, 0, SR_STATUS_REPORTED},
    {"2025-06-05", 1, "Violence against civilians", "Islamic State Sahel Province", "Civilians (Niger)", "NE", "Tillaberi", "Fambita", 1, 0, 0, 44, 0, 0, SR_STATUS_CONFIRMED},
    {"2025-06-05", 1, "Violence against civilians", "Islamic State Sahel Province", "Civilians (Niger)", "NE", "Tillaberi", "Fambita", 1, 0, 0, 44, 0, 0, SR_STATUS_DISPUTED},
};
#define NW (sizeof world / sizeof world[0])
static const char *const keys[NW] = {"a1", "b2", "c3", "d4", "b2", "e5", "f6"};
static const int64_t docs[NW] = {1, 2, 3, 4, 2, 5, 6};
static const int expect_group[NW] = {0, 0, 0, 1, 2, 3, 3};

static void cluster_in_order(const size_t *perm, size_t *label_of_world)
{
    sr_event ev[NW];
    sr_resolve_item items[NW];
    size_t clu[NW], nc;
    for (size_t k = 0; k < NW; k++) {
        size_t i = perm[k];
        ev[k] = mk(&world[i]);
        items[k] = (sr_resolve_item){&ev[k], keys[i], docs[i], i == 4 ? 1 : 0};
    }
    assert_int_equal(sr_resolve_cluster(items, NW, clu, &nc, NULL), SR_OK);
    assert_int_equal(nc, 4);
    for (size_t k = 0; k < NW; k++)
        label_of_world[perm[k]] = clu[k];
}

static void test_cluster_world(void **state)
{
    (void)state;
    size_t id[NW] = {0, 1, 2, 3, 4, 5, 6}, label[NW];
    cluster_in_order(id, label);
    for (size_t i = 0; i < NW; i++)
        for (size_t j = 0; j < NW; j++)
            assert_int_equal(label[i] == label[j], expect_group[i] == expect_group[j]);
}

static void test_order_independent(void **state)
{
    (void)state;
    size_t base[NW] = {0, 1, 2, 3, 4, 5, 6}, ref[NW];
    cluster_in_order(base, ref);
    unsigned seed = 12345;
    for (int round = 0; round < 200; round++) {
        size_t perm[NW], got[NW];
        memcpy(perm, base, sizeof perm);
        for (size_t i = NW - 1; i > 0; i--) {
            seed = seed * 1103515245u + 12345u;
            size_t j = (seed >> 16) % (i + 1);
            size_t t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        cluster_in_order(perm, got);
        for (size_t i = 0; i < NW; i++)
            assert_int_equal(got[i], ref[i]); /* same numbers, not only same partition */
    }
}

static void test_same_document_never_merges(void **state)
{
    (void)state;
    sr_event a = mk(&world[0]), b = mk(&world[0]);
    sr_resolve_item items[2] = {{&a, "k", 7, 0}, {&b, "k", 7, 1}};
    size_t clu[2], nc;
    assert_int_equal(sr_resolve_cluster(items, 2, clu, &nc, NULL), SR_OK);
    assert_int_equal(nc, 2);
}

static void test_complete_linkage(void **state)
{
    (void)state;
    /* An unidentified report is compatible with both JNIM and ISSP, but JNIM
     * and ISSP must not end up together through it. */
    m x[3] = {
        {"2025-06-01", 1, "Battles", UAG, FAMA, "ML", "Mopti", "Boulkessi", 1},
        {"2025-06-01", 1, "Battles", "JNIM", FAMA, "ML", "Mopti", "Boulkessi", 1},
        {"2025-06-01", 1, "Battles", "Islamic State Sahel Province", FAMA, "ML", "Mopti", "Boulkessi", 1},
    };
    sr_event ev[3];
    sr_resolve_item items[3];
    for (int i = 0; i < 3; i++) {
        ev[i] = mk(&x[i]);
        items[i] = (sr_resolve_item){&ev[i], i == 0 ? "a" : i == 1 ? "b" : "c", i + 1, 0};
    }
    size_t clu[3], nc;
    assert_int_equal(sr_resolve_cluster(items, 3, clu, &nc, NULL), SR_OK);
    assert_int_equal(nc, 2);
    assert_int_not_equal(clu[1], clu[2]);
}

static void test_reconcile(void **state)
{
    (void)state;
    sr_event e[3] = {mk(&world[0]), mk(&world[1]), mk(&world[2])};
    const sr_event *p[3] = {&e[0], &e[1], &e[2]};
    sr_event out;
    sr_resolve_reconcile(p, 3, &out);
    assert_int_equal(out.fatalities, 10);      /* most conservative credible */
    assert_int_equal(out.fatalities_low, 10);  /* range over all sources */
    assert_int_equal(out.fatalities_high, 100);
    assert_int_equal(out.status, SR_STATUS_CONFIRMED);
    assert_string_equal(out.actor1.name, "JNIM"); /* named beats unidentified */
    assert_string_equal(out.location, "Boulkessi");
    assert_int_equal(out.geo_precision, 1);
    assert_string_equal(out.event_date, "2025-06-01");
    assert_int_equal(out.date_precision, 1);

    /* The perpetrator's claim is not the best figure when others exist. */
    m claim = world[2];
    claim.best = 5;
    claim.status = SR_STATUS_CLAIMED;
    sr_event c[2] = {mk(&claim), mk(&world[1])};
    const sr_event *q[2] = {&c[0], &c[1]};
    sr_resolve_reconcile(q, 2, &out);
    assert_int_equal(out.fatalities, 30);
    assert_int_equal(out.fatalities_low, 5);

    /* A denial makes the event disputed. */
    sr_event d[2] = {mk(&world[5]), mk(&world[6])};
    const sr_event *r[2] = {&d[0], &d[1]};
    sr_resolve_reconcile(r, 2, &out);
    assert_int_equal(out.status, SR_STATUS_DISPUTED);
    assert_int_equal(out.fatalities, 44);

    /* A source revising its toll: the latest figure of that kind of source
     * counts for the best; the range keeps the earlier one. */
    m first = world[1], later = world[1];
    first.best = first.low = first.high = 25;
    later.best = later.low = later.high = 89;
    sr_event rv[2] = {mk(&later), mk(&first)};
    const sr_event *rvp[2] = {&rv[0], &rv[1]};
    const char *const pub[2] = {"2020-01-15", "2020-01-10"};
    sr_resolve_reconcile_dated(rvp, pub, 2, &out);
    assert_int_equal(out.fatalities, 89);
    assert_int_equal(out.fatalities_low, 25);
    sr_resolve_reconcile(rvp, 2, &out);
    assert_int_equal(out.fatalities, 25); /* undated: the most conservative */

    /* An early report without a toll does not make the best figure 0. */
    m early = world[0];
    early.best = 0;
    sr_event z[2] = {mk(&early), mk(&world[1])};
    const sr_event *zz[2] = {&z[0], &z[1]};
    sr_resolve_reconcile(zz, 2, &out);
    assert_int_equal(out.fatalities, 30);
    assert_int_equal(out.fatalities_low, 0);
}

static void test_distance(void **state)
{
    (void)state;
    double d = sr_distance_km(12.65, -8.0, 14.49, -4.19); /* Bamako - Mopti */
    assert_true(d > 440 && d < 470);
    assert_true(isnan(sr_distance_km(NAN, 0, 1, 1)));
}

/* Many mentions spread over three months, some undated, in any order: each
 * cluster is a set of pairwise compatible mentions of distinct documents,
 * and the labels do not depend on the input order. */
#define NR 400
static void test_cluster_random(void **state)
{
    (void)state;
    static sr_event ev[NR];
    static sr_resolve_item items[NR], shuffled[NR];
    static char key[NR][8];
    static size_t clu[NR], clu2[NR], perm[NR];
    static const char *const towns[] = {"Dioura", "Boulkessi", "Mondoro", "Djibo"};
    static const char *const groups[] = {"JNIM", "Islamic State Sahel Province", ""};
    unsigned seed = 7;
    for (size_t i = 0; i < NR; i++) {
        seed = seed * 1103515245u + 12345u;
        unsigned r = seed >> 8;
        char date[11];
        if (r % 17 == 0)
            date[0] = '\0';
        else
            snprintf(date, sizeof date, "2025-%02u-%02u", 5 + (r >> 5) % 3, 1 + (r >> 7) % 28);
        m x = {date, 1 + (int)((r >> 11) % 5 == 0) + (int)((r >> 13) % 9 == 0), "Battles",
               groups[(r >> 15) % 3], FAMA, "ML", "Mopti", towns[(r >> 17) % 4], 1,
               0, 0, (int)((r >> 19) % 30), 0, 0, SR_STATUS_REPORTED};
        ev[i] = mk(&x);
        snprintf(key[i], sizeof key[i], "k%03zu", i);
        items[i] = (sr_resolve_item){&ev[i], key[i], (int64_t)(i / 2), (int)(i % 2)};
    }
    size_t nc, nc2;
    assert_int_equal(sr_resolve_cluster(items, NR, clu, &nc, NULL), SR_OK);
    assert_true(nc > 20 && nc < NR);
    for (size_t i = 0; i < NR; i++)
        for (size_t j = i + 1; j < NR; j++)
            if (clu[i] == clu[j]) {
                assert_true(items[i].doc_id != items[j].doc_id);
                assert_true(sr_mentions_compatible(&ev[i], &ev[j]));
            }
    for (size_t i = 0; i < NR; i++)
        perm[i] = i;
    for (size_t i = NR - 1; i > 0; i--) {
        seed = seed * 1103515245u + 12345u;
        size_t j = (seed >> 8) % (i + 1), t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
    for (size_t i = 0; i < NR; i++)
        shuffled[i] = items[perm[i]];
    assert_int_equal(sr_resolve_cluster(shuffled, NR, clu2, &nc2, NULL), SR_OK);
    assert_int_equal(nc2, nc);
    for (size_t i = 0; i < NR; i++)
        assert_int_equal(clu2[i], clu[perm[i]]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compatible_table),
        cmocka_unit_test(test_cluster_world),
        cmocka_unit_test(test_order_independent),
        cmocka_unit_test(test_cluster_random),
        cmocka_unit_test(test_same_document_never_merges),
        cmocka_unit_test(test_complete_linkage),
        cmocka_unit_test(test_reconcile),
        cmocka_unit_test(test_distance),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
