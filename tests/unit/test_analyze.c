/* Tests of the analyses against computations written a different way: the
 * calendar from the C library's gmtime(), totals from plain loops over the
 * events, and hand-made fixtures whose answers are known. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyze.h"
#include "date.h"

/* ---- a fixed pseudo-random data set ----------------------------------------- */

static uint32_t lcg(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

static const char *const regions[] = {"Mopti", "Gao", "Sahel", "Tillaberi", ""};
static const char *const countries[] = {"ML", "ML", "BF", "NE", "ML"};
static const char *const actors[] = {"JNIM", "Military Forces of Mali", "Islamic State Sahel Province",
                                     "Civilians (Mali)", "Wagner Group"};
static const char *const types[] = {"Battles", "Explosions/Remote violence",
                                    "Violence against civilians", "Protests"};

#define N_EVENTS 4000
#define FIRST_DAY "2024-01-01"

static void make_data(sr_an_data *d)
{
    sr_an_data_init(d);
    uint32_t s = 42;
    int32_t first;
    assert_int_equal(sr_date_parse_iso(FIRST_DAY, &first), SR_OK);
    for (int i = 0; i < N_EVENTS; i++) {
        char date[11];
        sr_date_format(first + (int32_t)(lcg(&s) % 730), date);
        int r = (int)(lcg(&s) % 5);
        int a1 = (int)(lcg(&s) % 5), a2 = (int)(lcg(&s) % 5);
        sr_an_fields f = {
            .id = i + 1,
            .date = date,
            .event_type = types[lcg(&s) % 4],
            .actor1 = actors[a1],
            .actor2 = a2 == a1 ? "" : actors[a2],
            .country = countries[r],
            .admin1 = regions[r],
            .fatalities = (int)(lcg(&s) % 7 == 0 ? lcg(&s) % 40 : lcg(&s) % 3),
            .lat = 14.0 + r,
            .lon = -3.0 + r,
            .origin = i % 3 ? "extracted" : "ucdp",
            .precision = 1,
        };
        assert_int_equal(sr_an_add_event(d, &f, NULL), SR_OK);
    }
    sr_an_sort(d);
}

/* Bin label computed with gmtime(): the Saturday a week starts on, the first
 * of a month. */
static int32_t ref_bin(int32_t day, sr_an_per per)
{
    time_t t = (time_t)day * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    if (per == SR_AN_PER_DAY)
        return day;
    if (per == SR_AN_PER_WEEK)
        return day - (tm.tm_wday + 1) % 7; /* tm_wday: 0 Sunday, 6 Saturday */
    return day - (tm.tm_mday - 1);
}

static int ref_match(const sr_an_data *d, const sr_an_event *e, const char *country,
                     const char *admin1, const char *actor, int type)
{
    if (country && strcmp(e->country, country) != 0)
        return 0;
    if (admin1 && strcmp(sr_an_str(&d->regions, e->admin1), admin1) != 0)
        return 0;
    if (actor && strcmp(sr_an_str(&d->actors, e->actor1), actor) != 0 &&
        strcmp(sr_an_str(&d->actors, e->actor2), actor) != 0)
        return 0;
    if (type >= 0 && e->type != type)
        return 0;
    return 1;
}

static void test_series_matches_plain_loop(void **state)
{
    (void)state;
    sr_an_data d;
    make_data(&d);
    static const struct {
        const char *country, *admin1, *actor;
        int type;
    } cases[] = {
        {NULL, NULL, NULL, -1},
        {"ML", NULL, NULL, -1},
        {"ML", "Mopti", NULL, -1},
        {NULL, NULL, "JNIM", SR_AN_BATTLES},
        {"BF", NULL, "Military Forces of Mali", -1},
    };
    int32_t from, to;
    sr_date_parse_iso("2024-03-05", &from);
    sr_date_parse_iso("2025-08-17", &to);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        for (int per = 0; per < 3; per++) {
            sr_an_filter f;
            sr_an_filter_init(&f);
            if (cases[c].country)
                memcpy(f.country, cases[c].country, 3);
            if (cases[c].admin1)
                f.admin1 = sr_an_find(&d.regions, cases[c].admin1);
            if (cases[c].actor)
                f.actor = sr_an_find(&d.actors, cases[c].actor);
            if (cases[c].type >= 0)
                f.types = 1u << cases[c].type;
            sr_an_series s;
            assert_int_equal(sr_an_series_build(&d, &f, (sr_an_per)per, from, to, &s, NULL), SR_OK);
            assert_true(s.n > 0);
            assert_int_equal(s.bin[0].start, ref_bin(from, (sr_an_per)per));
            assert_int_equal(s.bin[s.n - 1].start, ref_bin(to, (sr_an_per)per));
            for (size_t b = 0; b < s.n; b++) {
                int64_t ev = 0, fat = 0;
                for (size_t i = 0; i < d.n; i++) {
                    const sr_an_event *e = &d.ev[i];
                    if (ref_bin(e->day, (sr_an_per)per) != s.bin[b].start)
                        continue;
                    if (!ref_match(&d, e, cases[c].country, cases[c].admin1, cases[c].actor,
                                   cases[c].type))
                        continue;
                    ev++;
                    fat += e->fatalities;
                }
                if (s.bin[b].events != ev || s.bin[b].fatalities != fat)
                    fail_msg("case %zu per %d bin %zu: %lld/%lld, expected %lld/%lld", c, per, b,
                             (long long)s.bin[b].events, (long long)s.bin[b].fatalities,
                             (long long)ev, (long long)fat);
                if (b + 1 < s.n)
                    assert_int_equal(s.bin[b].end + 1, s.bin[b + 1].start);
            }
            sr_an_series_free(&s);
        }
    }
    sr_an_data_free(&d);
}

static void test_change_labels(void **state)
{
    (void)state;
    static const struct {
        double cur, base;
        sr_an_label want;
    } rows[] = {
        {20, 10, SR_AN_LABEL_LARGE_INCREASE},    {12.6, 10, SR_AN_LABEL_LARGE_INCREASE},
        {12.5, 10, SR_AN_LABEL_MODERATE_INCREASE}, {11.5, 10, SR_AN_LABEL_MODERATE_INCREASE},
        {11, 10, SR_AN_LABEL_LIMITED},           {10, 10, SR_AN_LABEL_LIMITED},
        {7.5, 10, SR_AN_LABEL_LIMITED},          {7.4, 10, SR_AN_LABEL_LARGE_DECREASE},
        {0, 10, SR_AN_LABEL_LARGE_DECREASE},     {5, 0.5, SR_AN_LABEL_LOW_BASELINE},
        {0, 0, SR_AN_LABEL_LOW_BASELINE},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        sr_an_change c;
        sr_an_change_compute(rows[i].cur, rows[i].base, SR_AN_LOW_BASELINE, &c);
        if (c.label != rows[i].want)
            fail_msg("row %zu: %s, expected %s", i, sr_an_label_name(c.label),
                     sr_an_label_name(rows[i].want));
    }
}

static void test_trend_changes_against_loop(void **state)
{
    (void)state;
    sr_an_data d;
    make_data(&d);
    sr_an_filter f;
    sr_an_filter_init(&f);
    memcpy(f.country, "ML", 3);
    int32_t until;
    sr_date_parse_iso("2025-06-11", &until); /* a Wednesday */
    sr_an_trend_changes tc;
    assert_int_equal(sr_an_trend_changes_compute(&d, &f, SR_AN_PER_WEEK, until, &tc, NULL), SR_OK);
    int32_t wk = ref_bin(until, SR_AN_PER_WEEK);
    assert_int_equal(tc.week_start, wk);
    double cur = 0, m4 = 0, m52 = 0;
    for (size_t i = 0; i < d.n; i++) {
        const sr_an_event *e = &d.ev[i];
        if (strcmp(e->country, "ML") != 0 || e->day > until)
            continue;
        if (e->day >= wk)
            cur++;
        else if (e->day >= wk - 28)
            m4++;
        if (e->day < wk && e->day >= wk - 364)
            m52++;
    }
    assert_true(fabs(tc.w4_events.current - cur) < 1e-9);
    assert_true(fabs(tc.w4_events.baseline - m4 / 4) < 1e-9);
    assert_true(fabs(tc.w52_events.baseline - m52 / 52) < 1e-9);
    sr_an_data_free(&d);
}

static void test_rank_against_brute_force(void **state)
{
    (void)state;
    sr_an_data d;
    make_data(&d);
    sr_an_filter f;
    sr_an_filter_init(&f);
    f.actor = sr_an_find(&d.actors, "Military Forces of Mali");
    int32_t first;
    sr_date_parse_iso(FIRST_DAY, &first);
    for (int32_t day = first + 200; day < first + 700; day += 37) {
        int32_t from = sr_an_add_months(day, -6);
        sr_an_ranking r;
        assert_int_equal(sr_an_rank_bin(&d, &f, SR_AN_PER_DAY, 1, day, from, &r, NULL), SR_OK);
        int64_t tot[800] = {0};
        for (size_t i = 0; i < d.n; i++)
            if (ref_match(&d, &d.ev[i], NULL, NULL, "Military Forces of Mali", -1))
                tot[d.ev[i].day - first] += d.ev[i].fatalities;
        int64_t v = tot[day - first];
        size_t above = 0;
        for (int32_t x = from; x < day; x++)
            if (tot[x - first] > v)
                above++;
        assert_int_equal(r.value, v);
        assert_int_equal(r.rank, above + 1);
        assert_int_equal(r.n_bins, (size_t)(day - from + 1));
        for (size_t k = 1; k < r.n_above; k++)
            assert_true(r.above[k - 1].value >= r.above[k].value);
        int32_t since = SR_AN_DAY_MIN;
        for (int32_t x = day - 1; x >= first; x--)
            if (tot[x - first] >= v) {
                since = x;
                break;
            }
        assert_int_equal(r.since_bin, since);
        sr_an_ranking_free(&r);
    }
    sr_an_data_free(&d);
}

static void add_simple(sr_an_data *d, int64_t id, int32_t day, const char *cc, const char *admin1,
                       const char *a1, const char *a2, int fat)
{
    char date[11];
    sr_date_format(day, date);
    sr_an_fields f = {.id = id, .date = date, .event_type = "Battles", .actor1 = a1,
                      .actor2 = a2, .country = cc, .admin1 = admin1, .fatalities = fat,
                      .lat = NAN, .lon = NAN};
    assert_int_equal(sr_an_add_event(d, &f, NULL), SR_OK);
}

static int has_alert(const sr_an_alert *a, size_t n, const sr_an_data *d, int det,
                     const char *admin1)
{
    for (size_t i = 0; i < n; i++)
        if (a[i].detector == det && strcmp(sr_an_str(&d->regions, a[i].admin1), admin1) == 0)
            return 1;
    return 0;
}

/* Two years of a steady region and one that surges in the last week. */
static void test_alerts_fixture(void **state)
{
    (void)state;
    sr_an_data d;
    sr_an_data_init(&d);
    int32_t until; /* Friday: the last complete week ends on it */
    sr_date_parse_iso("2026-11-20", &until);
    int64_t id = 1;
    for (int32_t day = until - 800; day <= until; day++) {
        int32_t ago = until - day;
        /* Steady: one event every 3 days, 1 killed. */
        if (ago % 3 == 0)
            add_simple(&d, id++, day, "ML", "Steady", "JNIM", "Military Forces of Mali", 1);
        /* Surging: 2 events a week, 8 in the last week with 20 killed each. */
        if (ago >= 7 && ago % 7 == 0) {
            add_simple(&d, id++, day, "ML", "Surging", "JNIM", "Military Forces of Mali", 0);
            add_simple(&d, id++, day, "ML", "Surging", "JNIM", "Civilians (Mali)", 0);
        }
    }
    for (int k = 0; k < 8; k++)
        add_simple(&d, id++, until - k % 7, "ML", "Surging", "Newcomers", "Military Forces of Mali",
                   20);
    sr_an_sort(&d);
    sr_an_filter f;
    sr_an_filter_init(&f);
    sr_an_alert_params p;
    sr_an_alert_params_init(&p, until);
    sr_an_alert *a;
    size_t n;
    assert_int_equal(sr_an_alerts_run(&d, &f, &p, &a, &n, NULL), SR_OK);
    assert_true(has_alert(a, n, &d, SR_DET_SURGE, "Surging"));
    assert_false(has_alert(a, n, &d, SR_DET_SURGE, "Steady"));
    assert_true(has_alert(a, n, &d, SR_DET_FATALITIES, "Surging"));
    assert_false(has_alert(a, n, &d, SR_DET_FATALITIES, "Steady"));
    assert_true(has_alert(a, n, &d, SR_DET_NBINOM, "Surging"));
    assert_false(has_alert(a, n, &d, SR_DET_NBINOM, "Steady"));
    assert_true(has_alert(a, n, &d, SR_DET_EMERGING, "Surging"));
    assert_false(has_alert(a, n, &d, SR_DET_EMERGING, "Steady"));
    /* Last 4 weeks: 2+2+2+8 = 14, 3.5 a week against 2 a week: not doubled. */
    assert_false(has_alert(a, n, &d, SR_DET_THREAT, "Surging"));
    for (size_t i = 0; i < n; i++) {
        assert_true(a[i].evidence[0] == '{');
        assert_true(strlen(a[i].message) > 20);
        if (a[i].detector == SR_DET_SURGE && a[i].admin1 != SR_AN_NONE) {
            assert_true(fabs(a[i].value - 8) < 1e-9);
            assert_true(fabs(a[i].baseline - 2) < 1e-9);
        }
        if (a[i].detector == SR_DET_EMERGING)
            assert_string_equal(sr_an_str(&d.actors, a[i].actor), "Newcomers");
    }
    free(a);
    size_t weeks, alarms;
    assert_int_equal(sr_an_nbinom_alarm_rate(&d, &f, &p, &weeks, &alarms, NULL), SR_OK);
    assert_true(weeks > 100);
    assert_true(alarms >= 1 && alarms < weeks / 20);
    sr_an_data_free(&d);
}

/* Surge over the random data set, recomputed from plain weekly counts. */
static void test_surge_against_loop(void **state)
{
    (void)state;
    sr_an_data d;
    make_data(&d);
    sr_an_filter f;
    sr_an_filter_init(&f);
    int32_t first;
    sr_date_parse_iso(FIRST_DAY, &first);
    for (int32_t until = first + 300; until < first + 720; until += 23) {
        sr_an_alert_params p;
        sr_an_alert_params_init(&p, until);
        sr_an_alert *a;
        size_t n;
        assert_int_equal(sr_an_alerts_run(&d, &f, &p, &a, &n, NULL), SR_OK);
        /* Last complete Saturday-Friday week on or before until. */
        int32_t wend = until;
        while ((ref_bin(wend, SR_AN_PER_WEEK) + 6) != wend)
            wend--;
        for (int r = 0; r < 4; r++) {
            double w[5] = {0};
            for (size_t i = 0; i < d.n; i++) {
                const sr_an_event *e = &d.ev[i];
                if (strcmp(sr_an_str(&d.regions, e->admin1), regions[r]) != 0 ||
                    strcmp(e->country, countries[r]) != 0)
                    continue;
                if (e->day > wend || e->day <= wend - 35)
                    continue;
                w[(wend - e->day) / 7]++;
            }
            double m4 = (w[1] + w[2] + w[3] + w[4]) / 4;
            int want = m4 >= 1 && w[0] >= 2 * m4;
            int got = 0;
            for (size_t i = 0; i < n; i++)
                if (a[i].detector == SR_DET_SURGE &&
                    strcmp(sr_an_str(&d.regions, a[i].admin1), regions[r]) == 0 &&
                    strcmp(a[i].country, countries[r]) == 0)
                    got = 1;
            assert_int_equal(got, want);
        }
        free(a);
    }
    sr_an_data_free(&d);
}

static void test_negative_binomial(void **state)
{
    (void)state;
    sr_an_nb ds[] = {{2.5, 0}, {2.5, 1.3}, {40, 0.4}, {0.2, 5}};
    for (size_t i = 0; i < sizeof ds / sizeof ds[0]; i++) {
        /* The pmf against its closed form (lgamma), and its moments. */
        double sum = 0, mean = 0, r = ds[i].size, mu = ds[i].mu;
        for (int64_t k = 0; k < 4000; k++) {
            double kk = (double)k;
            double lp = r > 0 ? lgamma(kk + r) - lgamma(r) - lgamma(kk + 1) + r * log(r / (r + mu)) +
                                    kk * log(mu / (r + mu))
                              : kk * log(mu) - mu - lgamma(kk + 1);
            double p = exp(lp);
            if (k < 60 || k % 997 == 0)
                assert_true(fabs(sr_an_nb_pmf(ds[i], k) - p) < 1e-9 * (1 + p));
            sum += p;
            mean += kk * p;
        }
        assert_true(fabs(sum - 1) < 1e-6);
        assert_true(fabs(mean - ds[i].mu) < 1e-3 * (1 + ds[i].mu));
        int64_t q = sr_an_nb_quantile(ds[i], 0.9);
        assert_true(sr_an_nb_cdf(ds[i], q) >= 0.9 - 1e-12);
        assert_true(q == 0 || sr_an_nb_cdf(ds[i], q - 1) < 0.9);
        /* CRPS by its other form: E|X - y| - E|X - X'| / 2. */
        if (ds[i].mu > 10)
            continue; /* the double sum would need a long tail */
        static double pmf[200];
        for (int64_t a = 0; a < 200; a++)
            pmf[a] = sr_an_nb_pmf(ds[i], a);
        double e2 = 0;
        for (int64_t a = 0; a < 200; a++)
            for (int64_t b = 0; b < 200; b++)
                e2 += pmf[a] * pmf[b] * fabs((double)(a - b));
        for (int64_t y = 0; y < 6; y++) {
            double e1 = 0;
            for (int64_t a = 0; a < 200; a++)
                e1 += pmf[a] * fabs((double)(a - y));
            assert_true(fabs(sr_an_nb_crps(ds[i], y) - (e1 - e2 / 2)) < 1e-6);
        }
    }
    /* A point mass and a sample. */
    double x[] = {3};
    assert_true(fabs(sr_an_sample_crps(x, 1, 5) - 2) < 1e-12);
    sr_an_nb zero = {0, 0};
    assert_true(fabs(sr_an_nb_crps(zero, 4) - 4) < 1e-12);
}

/* Regions with Poisson months: the model must beat the all-zero and the
 * last-value forecasts on CRPS. */
static void test_backtest_synthetic(void **state)
{
    (void)state;
    sr_an_data d;
    sr_an_data_init(&d);
    uint32_t s = 7;
    int32_t first;
    sr_date_parse_iso("2019-01-01", &first);
    static const char *const names[] = {"A", "B", "C", "D", "E", "F"};
    int64_t id = 1;
    for (int r = 0; r < 6; r++)
        for (int32_t day = first; day < first + 5 * 365; day++)
            if (lcg(&s) % 1000 < (unsigned)(20 + 40 * r)) { /* 0.6 .. 6.6 events a month */
                char date[11];
                sr_date_format(day, date);
                sr_an_fields f = {.id = id++, .date = date, .event_type = "Battles",
                                  .actor1 = "X", .country = "BF", .admin1 = names[r],
                                  .fatalities = (int)(lcg(&s) % 5), .lat = 12.0 + r * 0.5,
                                  .lon = -1.0 + r * 0.3};
                assert_int_equal(sr_an_add_event(&d, &f, NULL), SR_OK);
            }
    sr_an_sort(&d);
    sr_an_filter f;
    sr_an_filter_init(&f);
    sr_an_monthly m;
    assert_int_equal(sr_an_monthly_build(&d, &f, first + 5 * 365 - 1, &m, NULL), SR_OK);
    assert_int_equal(m.n_regions, 6);
    assert_int_equal(m.n_months, 60);
    double total = 0;
    for (size_t i = 0; i < m.n_regions * m.n_months; i++)
        total += m.events[i];
    assert_true(fabs(total - (double)d.n) < 1e-9);
    sr_an_fc_params p;
    sr_an_fc_params_init(&p);
    sr_an_backtest bt;
    assert_int_equal(sr_an_backtest_run(&m, 0, &p, 12, &bt, NULL), SR_OK);
    for (int h = 0; h < 3; h++) {
        assert_true(bt.score[SR_BT_MODEL][h].n > 100);
        assert_true(bt.score[SR_BT_MODEL][h].crps < bt.score[SR_BT_ZERO][h].crps);
        assert_true(bt.score[SR_BT_MODEL][h].crps < bt.score[SR_BT_LAST][h].crps);
        assert_int_equal(bt.score[SR_BT_MODEL][h].n, bt.score[SR_BT_ZERO][h].n);
    }
    sr_an_monthly_free(&m);
    sr_an_data_free(&d);
}

static void test_suggest(void **state)
{
    (void)state;
    sr_an_data d;
    make_data(&d);
    uint32_t out[3];
    size_t n = sr_an_suggest(&d.regions, "Mopit", out, 3);
    assert_true(n >= 1);
    assert_string_equal(sr_an_str(&d.regions, out[0]), "Mopti");
    n = sr_an_suggest(&d.actors, "military forces of mali", out, 3);
    assert_true(n >= 1);
    assert_string_equal(sr_an_str(&d.actors, out[0]), "Military Forces of Mali");
    n = sr_an_suggest(&d.actors, "Wagnr", out, 3);
    assert_true(n >= 1);
    assert_string_equal(sr_an_str(&d.actors, out[0]), "Wagner Group");
    assert_int_equal(sr_an_suggest(&d.regions, "Zzzzzzzzzzzzzz", out, 3), 0);
    assert_int_equal(sr_an_edit_distance("kitten", "sitting"), 3);
    sr_an_data_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_series_matches_plain_loop),
        cmocka_unit_test(test_change_labels),
        cmocka_unit_test(test_trend_changes_against_loop),
        cmocka_unit_test(test_rank_against_brute_force),
        cmocka_unit_test(test_alerts_fixture),
        cmocka_unit_test(test_surge_against_loop),
        cmocka_unit_test(test_negative_binomial),
        cmocka_unit_test(test_backtest_synthetic),
        cmocka_unit_test(test_suggest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
