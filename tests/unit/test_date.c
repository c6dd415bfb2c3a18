/* test_date.c — civil-day arithmetic, ISO dates, and date words resolved
 * against the publication day. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "date.h"
#include "sitrep.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---- calendar --------------------------------------------------------------------- */

typedef struct civil_case {
    int y, m, d;
    int32_t days;
    int weekday; /* 0 = Monday */
} civil_case;

static const civil_case civil_cases[] = {
    {1970, 1, 1, 0, 3},      {1969, 12, 31, -1, 2},    {2000, 2, 29, 11016, 1},
    {2000, 3, 1, 11017, 2},  {2024, 2, 29, 19782, 3},  {2025, 6, 2, 20241, 0},
    {2025, 6, 1, 20240, 6},  {1900, 3, 1, -25508, 3},  {2100, 2, 28, 47540, 6},
    {1, 1, 1, -719162, 0},
};

static void test_civil(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(civil_cases); i++) {
        const civil_case *c = &civil_cases[i];
        assert_int_equal(sr_days_from_civil(c->y, c->m, c->d), c->days);
        int y, m, d;
        sr_civil_from_days(c->days, &y, &m, &d);
        assert_int_equal(y, c->y);
        assert_int_equal(m, c->m);
        assert_int_equal(d, c->d);
        assert_int_equal(sr_weekday(c->days), c->weekday);
    }
    /* the extremes are defined behaviour (UBSan watches) */
    int y, m, d;
    sr_civil_from_days(INT32_MAX, &y, &m, &d);
    assert_true(m >= 1 && m <= 12 && d >= 1 && d <= 31);
    sr_civil_from_days(INT32_MIN, &y, &m, &d);
    assert_true(m >= 1 && m <= 12 && d >= 1 && d <= 31);
    assert_true(sr_weekday(INT32_MIN) >= 0 && sr_weekday(INT32_MAX) <= 6);
    assert_int_equal(sr_days_from_civil(2000000000, 1, 1), INT32_MAX);
    char out[11];
    sr_date_format(INT32_MAX, out);
    assert_int_equal(strlen(out), 10);
    assert_memory_equal(out, "9999-", 5); /* the year is clamped */
    sr_date_format(INT32_MIN, out);
    assert_memory_equal(out, "0000-", 5);
    /* round trip and consecutive weekdays over four centuries */
    int32_t lo = sr_days_from_civil(1800, 1, 1), hi = sr_days_from_civil(2200, 1, 1);
    for (int32_t z = lo; z < hi; z++) {
        sr_civil_from_days(z, &y, &m, &d);
        if (sr_days_from_civil(y, m, d) != z)
            fail_msg("round trip broke at %d", (int)z);
        if (sr_weekday(z + 1) != (sr_weekday(z) + 1) % 7)
            fail_msg("weekday broke at %d", (int)z);
    }
}

typedef struct iso_case {
    const char *s;
    int rc;
    const char *back; /* formatted again */
} iso_case;

static const iso_case iso_cases[] = {
    {"2025-06-02", SR_OK, "2025-06-02"},
    {"2025-06-02T10:15:00Z", SR_OK, "2025-06-02"},
    {"2025-06-02 10:15", SR_OK, "2025-06-02"},
    {"2024-02-29", SR_OK, "2024-02-29"},
    {"2000-02-29", SR_OK, "2000-02-29"},
    {"1970-01-01", SR_OK, "1970-01-01"},
    {"1900-02-29", SR_ERR_FORMAT, NULL},
    {"2025-02-29", SR_ERR_FORMAT, NULL},
    {"2025-04-31", SR_ERR_FORMAT, NULL},
    {"2025-13-01", SR_ERR_FORMAT, NULL},
    {"2025-00-10", SR_ERR_FORMAT, NULL},
    {"2025-01-00", SR_ERR_FORMAT, NULL},
    {"2025-1-01", SR_ERR_FORMAT, NULL},
    {"2025/06/02", SR_ERR_FORMAT, NULL},
    {"2025-06-02x", SR_ERR_FORMAT, NULL},
    {"2025-06-0", SR_ERR_FORMAT, NULL},
    {"20250602", SR_ERR_FORMAT, NULL},
    {"0000-01-01", SR_ERR_FORMAT, NULL},
    {"", SR_ERR_FORMAT, NULL},
    {"June 2, 2025", SR_ERR_FORMAT, NULL},
};

static void test_iso(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(iso_cases); i++) {
        const iso_case *c = &iso_cases[i];
        int32_t days = -777;
        int rc = sr_date_parse_iso(c->s, &days);
        if (rc != c->rc)
            fail_msg("iso case %zu \"%s\": rc %d, want %d", i, c->s, rc, c->rc);
        if (rc == SR_OK) {
            char out[11];
            sr_date_format(days, out);
            assert_string_equal(out, c->back);
        } else {
            assert_int_equal(days, -777); /* untouched */
        }
    }
    int32_t d;
    assert_int_equal(sr_date_parse_iso(NULL, &d), SR_ERR_FORMAT);
}

/* ---- date words ------------------------------------------------------------------------- */

typedef struct date_case {
    const char *text;
    const char *pub;
    size_t at;
    size_t used; /* 0: no date */
    const char *want;
    int precision;
} date_case;

/* 2025-06-02 is a Monday, 2025-06-01 a Sunday, 2025-06-05 a Thursday,
 * 2025-06-07 a Saturday, 2025-01-10 a Friday, 2024-03-01 a Friday. */
static const date_case date_cases[] = {
    /* weekdays */
    {"on Sunday", "2025-06-02", 0, 2, "2025-06-01", 1},
    {"on Sunday", "2025-06-01", 0, 2, "2025-06-01", 1},
    {"on Monday", "2025-06-01", 0, 2, "2025-05-26", 1},
    {"on Monday", "2025-06-02", 0, 2, "2025-06-02", 1},
    {"on Tuesday", "2025-06-02", 0, 2, "2025-05-27", 1},
    {"Sunday's attack", "2025-06-05", 0, 1, "2025-06-01", 1},
    {"late on Tuesday", "2025-06-05", 0, 3, "2025-06-03", 1},
    {"Tuesday evening", "2025-06-05", 0, 2, "2025-06-03", 1},
    {"early on Saturday", "2025-06-05", 0, 3, "2025-05-31", 1},
    {"at dawn on Sunday", "2025-06-05", 0, 4, "2025-06-01", 1},
    {"on Thursday night", "2025-06-05", 0, 3, "2025-06-05", 1},
    {"in the early hours of Tuesday", "2025-06-05", 0, 6, "2025-06-03", 1},
    {"in the early hours of 3 June", "2025-06-05", 0, 7, "2025-06-03", 1},
    {"late Sunday", "2025-06-05", 0, 2, "2025-06-01", 1},
    {"on sunday", "2025-06-05", 0, 2, "2025-06-01", 1},
    {"last Friday", "2025-06-02", 0, 2, "2025-05-30", 1},
    {"last Monday", "2025-06-02", 0, 2, "2025-05-26", 1},
    {"last Sunday", "2025-06-01", 0, 2, "2025-05-25", 1},
    {"the Sunday before last", "2025-06-02", 0, 4, "2025-05-25", 1},
    {"the Sunday before last", "2025-06-01", 0, 4, "2025-05-18", 1},
    {"this Sunday", "2025-06-02", 0, 2, "2025-06-01", 1},
    /* days around publication */
    {"yesterday", "2025-06-02", 0, 1, "2025-06-01", 1},
    {"Yesterday", "2025-03-01", 0, 1, "2025-02-28", 1},
    {"today", "2025-06-02", 0, 1, "2025-06-02", 1},
    {"this morning", "2025-06-02", 0, 2, "2025-06-02", 1},
    {"last night", "2025-06-02", 0, 2, "2025-06-01", 1},
    {"the day before yesterday", "2025-06-02", 0, 4, "2025-05-31", 1},
    {"two days ago", "2025-06-02", 0, 3, "2025-05-31", 1},
    {"3 days ago", "2025-06-02", 0, 3, "2025-05-30", 1},
    {"a week ago", "2025-06-02", 0, 3, "2025-05-26", 2},
    {"overnight", "2025-06-02", 0, 1, "2025-06-02", 1},
    {"on the same day", "2025-06-02", 0, 0, NULL, 0},
    /* day and month */
    {"on May 24", "2025-06-02", 0, 3, "2025-05-24", 1},
    {"May 24", "2025-06-02", 0, 2, "2025-05-24", 1},
    {"24 May", "2025-06-02", 0, 2, "2025-05-24", 1},
    {"on 3 March", "2025-06-02", 0, 3, "2025-03-03", 1},
    {"15 March", "2025-06-02", 0, 2, "2025-03-15", 1},
    {"the 24th of May", "2025-06-02", 0, 4, "2025-05-24", 1},
    {"May 24th", "2025-06-02", 0, 2, "2025-05-24", 1},
    {"Jan. 5", "2025-06-02", 0, 3, "2025-01-05", 1},
    {"on June 2", "2025-06-02", 0, 3, "2025-06-02", 1},
    {"on June 5", "2025-06-02", 0, 3, "2024-06-05", 1},     /* after pub: last year */
    {"on 28 December", "2025-01-10", 0, 3, "2024-12-28", 1},
    {"on 29 February", "2025-03-01", 0, 3, "2024-02-29", 1},
    {"1 July 2025", "2025-06-02", 0, 3, "2025-07-01", 1},   /* a year is a year */
    {"May 24, 2024", "2025-06-02", 0, 4, "2024-05-24", 1},
    {"Tuesday 1 July 2025", "2025-07-03", 0, 4, "2025-07-01", 1},
    {"Sunday June 1", "2025-06-02", 0, 3, "2025-06-01", 1},
    {"Sunday, June 1, 2025", "2025-06-02", 0, 6, "2025-06-01", 1},
    {"2025-05-30", "2025-06-02", 0, 3, "2025-05-30", 1},
    {"on 31 February", "2025-06-02", 0, 0, NULL, 0},
    {"on 31 April", "2025-06-02", 0, 0, NULL, 0},
    /* nights and ranges: the later day */
    {"the night of 4 to 5 June", "2025-06-07", 0, 7, "2025-06-05", 1},
    {"on the night of 4 to 5 June", "2025-06-07", 0, 8, "2025-06-05", 1},
    {"overnight from Friday 30 to Saturday 31 May", "2025-06-02", 0, 8, "2025-05-31", 1},
    {"4-5 June", "2025-06-07", 0, 3, "2025-06-05", 1},
    {"the night of Saturday to Sunday", "2025-06-02", 0, 6, "2025-06-01", 1},
    {"from 12 to 14 December", "2024-12-15", 0, 5, "2024-12-13", 2},
    {"23-30 May", "2025-05-31", 0, 3, "2025-05-26", 2},
    {"the night of 12 to 14 December", "2024-12-15", 0, 7, "2024-12-14", 1},
    {"from 4 to 5 June", "2025-06-07", 0, 5, "2025-06-05", 1},
    {"June 1-2", "2025-06-07", 0, 3, "2025-06-02", 1},
    {"June 1-4", "2025-06-07", 0, 3, "2025-06-02", 2},
    {"5 June to 7 June", "2025-06-07", 0, 5, "2025-06-06", 2},
    {"30 May-2 June", "2025-06-07", 0, 4, "2025-05-31", 2},
    {"from 30 December to 2 January", "2025-01-05", 0, 6, "2024-12-31", 2},
    {"GAO, June 2 - Gunmen", "2025-06-07", 2, 2, "2025-06-02", 1},
    {"on June 2 to discuss", "2025-06-07", 0, 3, "2025-06-02", 1},
    {"4 to 5", "2025-06-07", 0, 0, NULL, 0},
    {"of May.", "2025-06-02", 0, 2, "2025-05-15", 3},
    {"on 27 July.", "2025-08-02", 0, 3, "2025-07-27", 1},
    /* weeks */
    {"earlier this week", "2025-06-05", 0, 3, "2025-06-03", 2},
    {"earlier this week", "2025-06-02", 0, 3, "2025-06-02", 2},
    {"earlier this week", "2025-06-08", 0, 3, "2025-06-05", 2},
    {"this week", "2025-06-07", 0, 2, "2025-06-04", 2},
    {"earlier in the week", "2025-06-05", 0, 4, "2025-06-03", 2},
    {"last week", "2025-06-02", 0, 2, "2025-05-29", 2},
    {"last week", "2025-06-08", 0, 2, "2025-05-29", 2},
    {"the past week", "2025-06-05", 0, 3, "2025-06-02", 2},
    {"this weekend", "2025-06-02", 0, 2, "2025-05-31", 2},
    {"over the weekend", "2025-06-02", 0, 3, "2025-05-31", 2},
    {"last weekend", "2025-06-02", 0, 2, "2025-05-31", 2},
    {"last weekend", "2025-06-08", 0, 2, "2025-05-31", 2},
    /* months */
    {"this month", "2025-06-20", 0, 2, "2025-06-15", 3},
    {"this month", "2025-06-02", 0, 2, "2025-06-02", 3},
    {"earlier this month", "2025-06-20", 0, 3, "2025-06-15", 3},
    {"last month", "2025-06-02", 0, 2, "2025-05-15", 3},
    {"last month", "2025-01-10", 0, 2, "2024-12-15", 3},
    {"in March", "2025-06-02", 0, 2, "2025-03-15", 3},
    {"in early February", "2025-06-02", 0, 3, "2025-02-15", 3},
    {"in mid-March", "2025-06-02", 0, 3, "2025-03-15", 3},
    {"in June", "2025-06-02", 0, 2, "2025-06-02", 3},
    {"in July", "2025-06-02", 0, 2, "2024-07-15", 3},
    {"in June 2021", "2025-06-02", 0, 3, "2021-06-15", 3},
    {"June 2021", "2025-06-02", 0, 2, "2021-06-15", 3},
    /* not dates */
    {"since 2012", "2025-06-02", 0, 0, NULL, 0},
    {"in 2015", "2025-06-02", 0, 0, NULL, 0},
    {"May God help us", "2025-06-02", 0, 0, NULL, 0},
    {"they may come", "2025-06-02", 1, 0, NULL, 0},
    {"March on Bamako", "2025-06-02", 0, 0, NULL, 0},
    {"next week", "2025-06-02", 0, 0, NULL, 0},
    {"next Friday", "2025-06-02", 0, 0, NULL, 0},
    {"last year", "2025-06-02", 0, 0, NULL, 0},
    {"on 24", "2025-06-02", 0, 0, NULL, 0},
    {"killed 5 to 10 people", "2025-06-02", 1, 0, NULL, 0},
    {"the army", "2025-06-02", 0, 0, NULL, 0},
    {"on", "2025-06-02", 0, 0, NULL, 0},
    {"on the", "2025-06-02", 0, 0, NULL, 0},
};

static void test_date_words(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_OF(date_cases); i++) {
        const date_case *c = &date_cases[i];
        sr_arena a;
        sr_arena_init(&a);
        sr_tokens t;
        assert_int_equal(sr_tokenize(&a, c->text, strlen(c->text), &t), SR_OK);
        int32_t pub;
        assert_int_equal(sr_date_parse_iso(c->pub, &pub), SR_OK);
        sr_date d;
        memset(&d, 0x55, sizeof d);
        size_t used = sr_date_parse(&t, c->text, c->at, pub, &d);
        char got[11] = "";
        if (used)
            sr_date_format(d.days, got);
        if (used != c->used || (used && (strcmp(got, c->want) != 0 ||
                                         d.precision != c->precision)))
            fail_msg("date case %zu \"%s\" (pub %s): used %zu %s p%d, want %zu %s p%d", i,
                     c->text, c->pub, used, got, used ? d.precision : 0, c->used,
                     c->want ? c->want : "-", c->precision);
        if (used) {
            assert_int_equal(d.tok_begin, c->at);
            assert_int_equal(d.tok_end, c->at + used);
        } else {
            assert_int_equal(d.precision, 0);
        }
        sr_arena_free(&a);
    }
}

/* Date words must never resolve after publication unless a year says so. */
static void test_never_future(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "on Sunday", "on Monday", "on Saturday", "last Friday", "on May 24", "on 31 December",
        "on 1 January", "earlier this week", "this weekend", "last week", "this month",
        "in December", "in January", "the night of 30 to 31 December",
    };
    sr_arena a;
    sr_arena_init(&a);
    int32_t start = sr_days_from_civil(2024, 12, 20);
    for (int32_t pub = start; pub < start + 400; pub++) {
        for (size_t i = 0; i < N_OF(texts); i++) {
            sr_tokens t;
            assert_int_equal(sr_tokenize(&a, texts[i], strlen(texts[i]), &t), SR_OK);
            sr_date d;
            size_t used = sr_date_parse(&t, texts[i], 0, pub, &d);
            if (!used || d.days > pub || d.days < pub - 400)
                fail_msg("\"%s\" at pub %d gave used %zu day %d", texts[i], (int)pub, used,
                         (int)d.days);
        }
        sr_arena_reset(&a);
    }
    sr_arena_free(&a);
}

static void test_pub_out_of_range(void **state)
{
    (void)state;
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t;
    const char *text = "yesterday";
    assert_int_equal(sr_tokenize(&a, text, strlen(text), &t), SR_OK);
    sr_date d;
    assert_int_equal(sr_date_parse(&t, text, 0, INT32_MIN, &d), 0);
    assert_int_equal(sr_date_parse(&t, text, 0, INT32_MAX, &d), 0);
    assert_int_equal(sr_date_parse(&t, text, 0, sr_days_from_civil(1, 1, 1) - 1, &d), 0);
    assert_int_equal(sr_date_parse(&t, text, 0, sr_days_from_civil(1, 1, 2), &d), 1);
    sr_arena_free(&a);
}

static void test_bounds(void **state)
{
    (void)state;
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t;
    const char *text = "on the night of 4 to";
    assert_int_equal(sr_tokenize(&a, text, strlen(text), &t), SR_OK);
    sr_date d;
    int32_t pub = sr_days_from_civil(2025, 6, 2);
    for (size_t i = 0; i <= t.n + 2; i++)
        assert_int_equal(sr_date_parse(&t, text, i, pub, &d), 0);
    sr_arena_free(&a);
}

/* The project's founding text (seed-0001): its one date and its one figure,
 * read as the extractor reads them, token by token. */
static void test_seed_article(void **state)
{
    (void)state;
    const char *text =
        "In a significant escalation of violence in the Sahel region, the Jama\xe2\x80\x99" "at "
        "Nusrat al-Islam wal-Muslimin (JNIM) claimed responsibility for a series of "
        "coordinated attacks against Malian military positions, resulting in the deaths of 21 "
        "soldiers. The assaults, which occurred earlier this week in northern Mali, are part of "
        "JNIM's ongoing campaign against what it describes as \"occupation forces\" in the "
        "region.\nDetails of the Assaults\nAccording to JNIM's statement, the attacks targeted "
        "multiple army bases simultaneously.";
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t;
    assert_int_equal(sr_tokenize(&a, text, strlen(text), &t), SR_OK);
    assert_int_equal(t.n_sent, 4); /* two sentences, a heading, one more */
    int32_t pub;
    assert_int_equal(sr_date_parse_iso("2026-11-24", &pub), SR_OK);
    int dates = 0;
    for (size_t i = 0; i < t.n; i++) {
        sr_date d;
        size_t used = sr_date_parse(&t, text, i, pub, &d);
        if (!used)
            continue;
        char got[11];
        sr_date_format(d.days, got);
        assert_string_equal(got, "2026-11-23"); /* Monday..Tuesday: the Monday */
        assert_int_equal(d.precision, 2);
        assert_int_equal(t.tok[i].sent, 1);
        dates++;
        i += used - 1;
    }
    assert_int_equal(dates, 1);
    sr_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_civil),
        cmocka_unit_test(test_iso),
        cmocka_unit_test(test_date_words),
        cmocka_unit_test(test_never_future),
        cmocka_unit_test(test_bounds),
        cmocka_unit_test(test_seed_article),
        cmocka_unit_test(test_pub_out_of_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
