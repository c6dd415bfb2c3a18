/* Tests of the situation report (Markdown and HTML, built from events in
 * memory), the SVG pictures and the alert table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyze.h"
#include "date.h"
#include "report.h"
#include "svgmap.h"

static void add(sr_an_data *d, int64_t id, int32_t day, const char *admin1, const char *a1,
                const char *a2, int fat, int high)
{
    char date[11];
    sr_date_format(day, date);
    sr_an_fields f = {.id = id, .date = date, .event_type = "Battles", .actor1 = a1,
                      .actor2 = a2, .country = "ML", .admin1 = admin1, .fatalities = fat,
                      .fat_low = fat, .fat_high = high, .lat = 14.5, .lon = -4.2,
                      .status = SR_STATUS_CLAIMED, .precision = 1};
    assert_int_equal(sr_an_add_event(d, &f, NULL), SR_OK);
}

/* Two years of small clashes in Mopti and Gao, then the week of a large
 * attack on the army. */
static void fixture(sr_an_data *d, int32_t *until)
{
    sr_an_data_init(d);
    sr_date_parse_iso("2026-11-27", until);
    int64_t id = 1;
    for (int32_t day = *until - 730; day <= *until - 7; day += 3) {
        add(d, id++, day, "Mopti", "JNIM", "Military Forces of Mali", (int)(day % 4), 0);
        if (day % 2 == 0)
            add(d, id++, day, "Gao", "Islamic State Sahel Province", "Civilians (Mali)", 2, 0);
    }
    add(d, id++, *until - 4, "Mopti", "JNIM", "Military Forces of Mali", 21, 30);
    add(d, id++, *until - 2, "Gao", "Islamic State Sahel Province", "Civilians (Mali)", 5, 5);
    sr_an_sort(d);
}

static char *build(const sr_an_data *d, int32_t since, int32_t until, int html)
{
    sr_report_spec sp;
    memset(&sp, 0, sizeof sp);
    sr_an_filter_init(&sp.filter);
    memcpy(sp.filter.country, "ML", 3);
    sp.since = since;
    sp.until = until;
    sp.html = html;
    sr_an_fc_params_init(&sp.fc);
    char *out = NULL;
    size_t len = 0;
    sr_error err;
    assert_int_equal(sr_report_build(NULL, d, &sp, &out, &len, &err), SR_OK);
    assert_non_null(out);
    assert_int_equal(strlen(out), len);
    return out;
}

static void test_markdown_report(void **state)
{
    (void)state;
    sr_an_data d;
    int32_t until;
    fixture(&d, &until);
    char *md = build(&d, until - 6, until, 0);
    /* Totals recomputed by a plain loop. */
    long long ev = 0, fat = 0;
    for (size_t i = 0; i < d.n; i++)
        if (d.ev[i].day >= until - 6 && d.ev[i].day <= until) {
            ev++;
            fat += d.ev[i].fatalities;
        }
    char want[128];
    snprintf(want, sizeof want, "%lld events and %lld fatalities", ev, fat);
    if (!strstr(md, want))
        fail_msg("report lacks '%s':\n%s", want, md);
    static const char *const must[] = {
        "# Situation report: Mali",
        "## Headline",
        "## Main events",
        "JNIM against Military Forces of Mali; 21 killed (sources range from 21 to 30), claimed",
        "### Trend",
        "deadliest day on record for Military Forces of Mali",
        "## Outlook",
        "<!-- query: sitrep rank",
        "sitrep forecast --country ML",
    };
    for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
        if (!strstr(md, must[i]))
            fail_msg("report lacks '%s':\n%s", must[i], md);
    assert_null(strstr(md, "N/A"));
    assert_null(strstr(md, "nan"));
    free(md);
    sr_an_data_free(&d);
}

static void test_empty_period(void **state)
{
    (void)state;
    sr_an_data d;
    int32_t until;
    fixture(&d, &until);
    char *md = build(&d, until - 2000, until - 1900, 0);
    assert_non_null(strstr(md, "No events were recorded for Mali between"));
    assert_null(strstr(md, "## Main events"));
    assert_null(strstr(md, "How the deadliest day ranks"));
    free(md);
    sr_an_data_free(&d);
}

static void test_html_report(void **state)
{
    (void)state;
    sr_an_data d;
    int32_t until;
    fixture(&d, &until);
    char *html = build(&d, until - 13, until, 1);
    assert_non_null(strstr(html, "<!DOCTYPE html>"));
    assert_non_null(strstr(html, "</html>"));
    assert_non_null(strstr(html, "<h1>Situation report: Mali"));
    assert_non_null(strstr(html, "aria-label=\"timeline\""));
    assert_non_null(strstr(html, "aria-label=\"map of the events\""));
    assert_non_null(strstr(html, "<circle"));
    /* Self-contained: nothing fetched from elsewhere. */
    assert_null(strstr(html, "src=\"http"));
    assert_null(strstr(html, "<link"));
    assert_null(strstr(html, "<script"));
    /* Comments never hold "--" inside. */
    for (const char *c = strstr(html, "<!-- query:"); c; c = strstr(c + 4, "<!-- query:")) {
        const char *end = strstr(c + 4, "-->");
        assert_non_null(end);
        for (const char *p = c + 4; p < end; p++)
            assert_false(p[0] == '-' && p[1] == '-');
    }
    free(html);
    sr_an_data_free(&d);
}

static void test_svg(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    sr_map_point p[] = {{14.5, -4.2, 21}, {16.3, 0.0, 0}};
    assert_int_equal(sr_svgmap_write(f, "ML", p, 2, 400, NULL), SR_OK);
    fclose(f);
    assert_non_null(strstr(buf, "<svg"));
    assert_non_null(strstr(buf, "</svg>"));
    /* Mali's outline and both dots, inside the picture. */
    assert_non_null(strstr(buf, "fill=\"#f4efe1\""));
    const char *c = buf;
    int dots = 0;
    double w, h;
    assert_int_equal(sscanf(strstr(buf, "viewBox"), "viewBox=\"0 0 %lf %lf\"", &w, &h), 2);
    while ((c = strstr(c, "<circle cx=\""))) {
        double x, y;
        assert_int_equal(sscanf(c, "<circle cx=\"%lf\" cy=\"%lf\"", &x, &y), 2);
        assert_true(x > 0 && x < w && y > 0 && y < h);
        dots++;
        c++;
    }
    assert_int_equal(dots, 2);
    free(buf);

    sr_an_bin bins[3] = {{0, 6, 2, 10}, {7, 13, 0, 0}, {14, 20, 5, 3}};
    sr_an_series s = {bins, 3};
    f = open_memstream(&buf, &len);
    sr_svg_timeline(f, &s, 300, 100);
    fclose(f);
    int rects = 0;
    for (c = buf; (c = strstr(c, "<rect")); c++)
        rects++;
    assert_int_equal(rects, 3);
    assert_non_null(strstr(buf, "<polyline"));
    free(buf);
}

static void test_alert_table(void **state)
{
    (void)state;
    char path[] = "/tmp/sitrep-test-alerts-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    sr_an_data d;
    int32_t until;
    fixture(&d, &until);
    sr_alertdb *db;
    assert_int_equal(sr_alertdb_open(path, &db, NULL), SR_OK);
    sr_an_alert a;
    memset(&a, 0, sizeof a);
    a.detector = SR_DET_SURGE;
    memcpy(a.country, "ML", 3);
    a.admin1 = sr_an_find(&d.regions, "Mopti");
    a.actor = SR_AN_NONE;
    a.period_start = until - 6;
    a.period_end = until;
    a.value = 9;
    a.baseline = 3;
    snprintf(a.evidence, sizeof a.evidence, "{\"events\":9}");
    snprintf(a.message, sizeof a.message, "Surge in Mopti");
    int64_t id1, id2, id3;
    int out;
    assert_int_equal(sr_alertdb_record(db, &d, &a, &id1, &out, NULL), SR_OK);
    assert_int_equal(out, 1);
    a.value = 10;
    assert_int_equal(sr_alertdb_record(db, &d, &a, &id2, &out, NULL), SR_OK);
    assert_int_equal(out, 2);
    assert_int_equal(id1, id2);
    assert_int_equal(sr_alertdb_ack(db, id1, NULL), SR_OK);
    assert_int_equal(sr_alertdb_record(db, &d, &a, &id3, &out, NULL), SR_OK);
    assert_int_equal(out, 0); /* acknowledged for this period */
    a.period_start += 7;
    a.period_end += 7;
    assert_int_equal(sr_alertdb_record(db, &d, &a, &id3, &out, NULL), SR_OK);
    assert_int_equal(out, 1); /* a later period opens a new one */
    assert_true(id3 != id1);
    assert_int_equal(sr_alertdb_ack(db, 424242, NULL), SR_ERR_NOTFOUND);
    sr_alertdb_close(db);
    sqlite3 *raw;
    assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(raw,
                                        "SELECT count(*), sum(status = 'open'), max(value) FROM alerts",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 2);
    assert_int_equal(sqlite3_column_int(st, 1), 1);
    assert_int_equal(sqlite3_column_int(st, 2), 10);
    sqlite3_finalize(st);
    sqlite3_close(raw);
    unlink(path);
    sr_an_data_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markdown_report), cmocka_unit_test(test_empty_period),
        cmocka_unit_test(test_html_report),     cmocka_unit_test(test_svg),
        cmocka_unit_test(test_alert_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
