/*
 * test_extract.c — the event extractor, end to end over the compiled lexicon.
 *
 * Two kinds of case:
 *   - the seed article (tests/fixtures/seed.jsonl): one event, JNIM against
 *     the Malian army in northern Mali, 21 killed, claimed by JNIM, reported;
 *   - a table of short articles written for these tests
 *     (tests/fixtures/extract/cases.jsonl), each with the events it must give
 *     ("expect": a list of objects holding the fields to check, in order).
 *     They cover active and passive voice, coreference and claims, dates,
 *     numbers in words, sources and status, lists of places, background
 *     history, threats, denials and articles with nothing to code.
 * Places are compared after folding (Ménaka = Menaka).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "extract.h"
#include "sitrep.h"
#include "text.h"

typedef struct fixture {
    sr_lexicon *lex;
    sr_extractor *x;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    sr_error err;
    if (sr_lexicon_open(NULL, &f->lex, &err) != SR_OK) {
        fprintf(stderr, "lexicon: %s\n", err.msg);
        free(f);
        return -1;
    }
    if (sr_extractor_new(f->lex, &f->x, &err) != SR_OK) {
        sr_lexicon_close(f->lex);
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    sr_extractor_free(f->x);
    sr_lexicon_close(f->lex);
    free(f);
    return 0;
}

/* The path of a fixture under the source tree. */
static void fixture_path(char *out, size_t cap, const char *rel)
{
    const char *src = getenv("SITREP_SRC");
    snprintf(out, cap, "%s/tests/fixtures/%s", src ? src : ".", rel);
}

static const char *jstr(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static void doc_from_json(json_t *o, sr_doc *d)
{
    memset(d, 0, sizeof *d);
    d->id = jstr(o, "id");
    d->published = jstr(o, "published");
    d->title = jstr(o, "title");
    d->text = jstr(o, "text");
    d->text_len = strlen(d->text);
}

/* Folded comparison, for place names. */
static int same_folded(const char *a, const char *b)
{
    char fa[256], fb[256];
    sr_fold(a, strlen(a), fa, sizeof fa);
    sr_fold(b, strlen(b), fb, sizeof fb);
    return strcmp(fa, fb) == 0;
}

/* Checks one event against the expected fields; reports which differ. */
static void check_event(const char *id, size_t i, const sr_event *ev, json_t *want)
{
    const char *key;
    json_t *v;
    json_object_foreach(want, key, v) {
        char got[256];
        int is_int = json_is_integer(v);
        long long gi = 0;
        if (strcmp(key, "event_type") == 0)
            snprintf(got, sizeof got, "%s", ev->event_type);
        else if (strcmp(key, "sub_event_type") == 0)
            snprintf(got, sizeof got, "%s", ev->sub_event_type);
        else if (strcmp(key, "actor1") == 0)
            snprintf(got, sizeof got, "%s", ev->actor1.name);
        else if (strcmp(key, "actor2") == 0)
            snprintf(got, sizeof got, "%s", ev->actor2.name);
        else if (strcmp(key, "country") == 0)
            snprintf(got, sizeof got, "%s", ev->country);
        else if (strcmp(key, "admin1") == 0)
            snprintf(got, sizeof got, "%s", ev->admin1);
        else if (strcmp(key, "location") == 0)
            snprintf(got, sizeof got, "%s", ev->location);
        else if (strcmp(key, "event_date") == 0)
            snprintf(got, sizeof got, "%s", ev->event_date);
        else if (strcmp(key, "status") == 0)
            snprintf(got, sizeof got, "%s", sr_status_name(ev->status));
        else if (strcmp(key, "claimed_by") == 0)
            snprintf(got, sizeof got, "%s", ev->claimed_by);
        else if (strcmp(key, "geo_precision") == 0)
            gi = ev->geo_precision;
        else if (strcmp(key, "date_precision") == 0)
            gi = ev->date_precision;
        else if (strcmp(key, "fatalities") == 0)
            gi = ev->fatalities;
        else if (strcmp(key, "fatalities_low") == 0)
            gi = ev->fatalities_low;
        else if (strcmp(key, "fatalities_high") == 0)
            gi = ev->fatalities_high;
        else
            fail_msg("%s: unknown expected key %s", id, key);
        if (is_int) {
            if (gi != json_integer_value(v))
                fail_msg("%s event %zu: %s is %lld, want %lld", id, i, key, gi,
                         json_integer_value(v));
        } else {
            const char *w = json_is_null(v) ? "" : json_string_value(v);
            int ok = strcmp(key, "location") == 0 || strcmp(key, "admin1") == 0
                         ? same_folded(got, w)
                         : strcmp(got, w) == 0;
            if (!ok)
                fail_msg("%s event %zu: %s is '%s', want '%s'", id, i, key, got, w);
        }
    }
}

static void test_seed(void **state)
{
    fixture *f = *state;
    char path[1024];
    fixture_path(path, sizeof path, "seed.jsonl");
    json_error_t je;
    json_t *o = json_load_file(path, JSON_DISABLE_EOF_CHECK, &je);
    assert_non_null(o);
    sr_doc d;
    doc_from_json(o, &d);
    const sr_event *ev;
    size_t n;
    sr_error err;
    assert_int_equal(sr_extract(f->x, &d, &ev, &n, &err), SR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(ev[0].actor1.name, "JNIM");
    assert_string_equal(ev[0].actor2.name, "Military Forces of Mali");
    assert_string_equal(ev[0].event_type, "Battles");
    assert_string_equal(ev[0].sub_event_type, "Armed clash");
    assert_string_equal(ev[0].country, "ML");
    assert_int_equal(ev[0].geo_precision, 3);
    assert_string_equal(ev[0].location, "northern Mali");
    assert_int_equal(ev[0].fatalities, 21);
    assert_int_equal(ev[0].status, SR_STATUS_REPORTED);
    assert_string_equal(ev[0].claimed_by, "JNIM");
    /* published Tuesday 24 November: "earlier this week" is 23 or 24 November */
    assert_true(strcmp(ev[0].event_date, "2026-11-23") == 0 ||
                strcmp(ev[0].event_date, "2026-11-24") == 0);
    assert_int_equal(ev[0].date_precision, 2);
    /* the evidence is the sentences it rests on, inside the text */
    assert_true(ev[0].n_evidence >= 1);
    for (int i = 0; i < ev[0].n_evidence; i++)
        assert_true(ev[0].evidence[i].end <= d.text_len &&
                    ev[0].evidence[i].start < ev[0].evidence[i].end);
    json_decref(o);
}

static void test_cases(void **state)
{
    fixture *f = *state;
    char path[1024];
    fixture_path(path, sizeof path, "extract/cases.jsonl");
    FILE *in = fopen(path, "r");
    assert_non_null(in);
    char *line = NULL;
    size_t cap = 0;
    int cases = 0;
    while (getline(&line, &cap, in) > 0) {
        json_error_t je;
        json_t *o = json_loads(line, 0, &je);
        assert_non_null(o);
        sr_doc d;
        doc_from_json(o, &d);
        const sr_event *ev;
        size_t n;
        sr_error err;
        assert_int_equal(sr_extract(f->x, &d, &ev, &n, &err), SR_OK);
        json_t *want = json_object_get(o, "expect");
        if (n != json_array_size(want))
            fail_msg("%s: %zu events, want %zu", d.id, n, json_array_size(want));
        for (size_t i = 0; i < n; i++)
            check_event(d.id, i, &ev[i], json_array_get(want, i));
        json_decref(o);
        cases++;
    }
    free(line);
    fclose(in);
    assert_true(cases >= 10);
}

/* The explanation trail: one line per clause, naming its reading. */
typedef struct trail {
    int lines, events;
} trail;

static void on_trace(void *ctx, const char *line)
{
    trail *t = ctx;
    t->lines++;
    if (strstr(line, ") event,") && strstr(line, "-> frame"))
        t->events++;
}

static void test_trace(void **state)
{
    fixture *f = *state;
    trail t = {0, 0};
    sr_extractor_trace(f->x, on_trace, &t);
    sr_doc d = {0};
    d.id = "trace";
    d.published = "2025-03-12";
    d.text = "Gunmen killed 12 villagers near Dori on Monday, residents said. "
             "The government condemned the attack.";
    d.text_len = strlen(d.text);
    const sr_event *ev;
    size_t n;
    sr_error err;
    assert_int_equal(sr_extract(f->x, &d, &ev, &n, &err), SR_OK);
    sr_extractor_trace(f->x, NULL, NULL);
    assert_int_equal(n, 1);
    assert_true(t.lines >= 2);
    assert_true(t.events >= 1);
}

/* Edge inputs: nothing, no date of publication, a long run of text. */
static void test_edges(void **state)
{
    fixture *f = *state;
    const sr_event *ev;
    size_t n;
    sr_error err;
    sr_doc d = {0};
    d.id = "empty";
    d.text = "";
    assert_int_equal(sr_extract(f->x, &d, &ev, &n, &err), SR_OK);
    assert_int_equal(n, 0);

    d.id = "bad-utf8";
    d.text = "Gunmen killed 5 people in Gao \xff.";
    d.text_len = strlen(d.text);
    assert_int_equal(sr_extract(f->x, &d, &ev, &n, &err), SR_ERR_UTF8);

    /* no publication date: a relative day stays unknown, an absolute one is kept */
    d.id = "no-published";
    d.published = NULL;
    d.text = "Gunmen killed 12 villagers near Dori on Monday, residents said.";
    d.text_len = strlen(d.text);
    assert_int_equal(sr_extract(f->x, &d, &ev, &n, &err), SR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(ev[0].event_date, "");
    d.text = "Gunmen killed 12 villagers near Dori on 3 March 2024, residents said.";
    d.text_len = strlen(d.text);
    assert_int_equal(sr_extract(f->x, &d, &ev, &n, &err), SR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(ev[0].event_date, "2024-03-03");

    /* a long article of repeated reports stays bounded and finishes */
    const char *unit = "Gunmen killed 5 villagers near Gao on Monday, residents said. ";
    size_t ul = strlen(unit), reps = 20000;
    char *big = malloc(ul * reps + 1);
    assert_non_null(big);
    for (size_t i = 0; i < reps; i++)
        memcpy(big + i * ul, unit, ul);
    big[ul * reps] = '\0';
    d.id = "big";
    d.published = "2025-03-12";
    d.text = big;
    d.text_len = ul * reps;
    assert_int_equal(sr_extract(f->x, &d, &ev, &n, &err), SR_OK);
    assert_true(n >= 1 && n <= 64);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed),
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_trace),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
