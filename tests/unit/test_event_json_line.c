/* test_event_json_line.c — the article line written without jansson values
 * must be the bytes jansson would print for it.
 *
 * Each case writes a line with sr_article_json_line(), parses it back with
 * jansson and dumps it again with SR_JSON_LINE_FLAGS: the two must be equal
 * byte for byte (escapes, separators, numbers), and the parsed values must
 * be the ones written.  Reals and integers are also compared with jansson's
 * own json_real()/json_integer() dumps. */
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "event_json.h"
#include "lexicon.h"

static const char text[] = "Gunmen killed 12 people in M\xc3\xa9naka on \"Sunday\"\\night.\t"
                           "A line\nbreak, a \x01 control and \xe2\x80\xa8 a separator.";

static sr_doc make_doc(void)
{
    sr_doc d = {0};
    d.id = "d-1";
    d.title = "T\xc3\xaftle \"quoted\"";
    d.published = "2025-06-02";
    d.text = text;
    d.text_len = sizeof text - 1;
    return d;
}

static sr_event make_event(void)
{
    sr_event e;
    memset(&e, 0, sizeof e);
    strcpy(e.event_date, "2025-06-01");
    e.date_precision = 1;
    strcpy(e.event_type, "Violence against civilians");
    strcpy(e.sub_event_type, "Attack");
    strcpy(e.actor1.name, "Unidentified Armed Group (Mali)");
    e.actor1.lex_id = SR_NO_ID;
    e.actor1.inter = 3;
    strcpy(e.actor2.name, "Civilians (Mali)");
    e.actor2.lex_id = SR_NO_ID;
    e.actor2.inter = 7;
    strcpy(e.country, "ML");
    strcpy(e.location, "M\xc3\xa9naka");
    e.latitude = 15.9182;
    e.longitude = 2.4022;
    e.geo_precision = 1;
    e.fatalities = e.fatalities_low = e.fatalities_high = 12;
    e.status = SR_STATUS_REPORTED;
    e.figures[0] = (sr_figure){12, SR_SRC_LOCAL, {14, 16}};
    e.figures[1] = (sr_figure){3, SR_SRC_UNKNOWN, {9000, 9001}}; /* outside: null span */
    e.n_figures = 2;
    e.evidence[0] = (sr_span){0, (uint32_t)(sizeof text - 1)};
    e.evidence[1] = (sr_span){5000, 5010}; /* outside: dropped */
    e.evidence[2] = (sr_span){SR_TITLE_OFFSET, SR_TITLE_OFFSET + 6};
    e.n_evidence = 3;
    return e;
}

/* Writes the line and checks it against jansson's dump of its parse; returns
 * the parsed value (the caller decrefs it). */
static json_t *check_line(sr_json_buf *b, const char *id, const sr_doc *d, const sr_event *e,
                          size_t n, const sr_lexicon *lex)
{
    sr_error err = {{0}};
    assert_int_equal(sr_article_json_line(b, id, d, e, n, lex, &err), SR_OK);
    assert_true(b->len > 0);
    assert_int_equal(b->data[b->len - 1], '\n');
    assert_int_equal(strlen(b->data), b->len);
    json_error_t jerr;
    json_t *o = json_loadb(b->data, b->len - 1, 0, &jerr);
    if (!o)
        fail_msg("line does not parse (%s): %s", jerr.text, b->data);
    char *again = json_dumps(o, SR_JSON_LINE_FLAGS);
    assert_non_null(again);
    if (strlen(again) != b->len - 1 || memcmp(again, b->data, b->len - 1) != 0)
        fail_msg("written:\n%s\njansson:\n%s", b->data, again);
    free(again);
    return o;
}

static void test_strings(void **state)
{
    (void)state;
    /* fixed fields holding every kind of byte a string must escape, and a
     * field cut in the middle of a character */
    static const char *const values[] = {
        "plain",
        "quote \" and backslash \\ and slash /",
        "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f",
        "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f",
        "Tillab\xc3\xa9ri \xe2\x80\x99 \xe2\x80\xa8 \xf0\x9f\x98\x80",
        "cut \xc3", /* the valid prefix is kept */
        "",         /* null */
    };
    sr_doc d = make_doc();
    sr_json_buf b = {0};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        sr_event e = make_event();
        snprintf(e.location, sizeof e.location, "%s", values[i]);
        snprintf(e.claimed_by, sizeof e.claimed_by, "%s", values[i]);
        snprintf(e.actor1.name, sizeof e.actor1.name, "A %s", values[i]);
        json_t *o = check_line(&b, values[i][0] ? values[i] : "id", &d, &e, 1, NULL);
        json_t *ev = json_array_get(json_object_get(o, "events"), 0);
        json_t *loc = json_object_get(ev, "location");
        size_t want = strlen(values[i]);
        if (want && (unsigned char)values[i][want - 1] == 0xc3)
            want--;
        if (want == 0) {
            assert_true(json_is_null(loc));
        } else {
            assert_int_equal(json_string_length(loc), want);
            assert_memory_equal(json_string_value(loc), values[i], want);
        }
        json_decref(o);
    }
    /* the spans: the whole text with its escapes, the title, a dropped one */
    sr_event e = make_event();
    json_t *o = check_line(&b, "d-1", &d, &e, 1, NULL);
    json_t *ev = json_array_get(json_object_get(o, "events"), 0);
    json_t *evid = json_object_get(ev, "evidence");
    assert_int_equal(json_array_size(evid), 2);
    json_t *t0 = json_object_get(json_array_get(evid, 0), "text");
    assert_int_equal(json_string_length(t0), sizeof text - 1);
    assert_memory_equal(json_string_value(t0), text, sizeof text - 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(evid, 1), "field")),
                        "title");
    json_t *figs = json_object_get(ev, "figures");
    assert_int_equal(json_array_size(figs), 2);
    assert_true(json_is_null(json_object_get(json_array_get(figs, 1), "span")));
    json_decref(o);
    sr_json_buf_free(&b);
}

/* The text between "key": and the next ',' of a line. */
static void value_of(const char *line, const char *key, char *out, size_t cap)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\": ", key);
    const char *p = strstr(line, pat);
    assert_non_null(p);
    p += strlen(pat);
    size_t n = strcspn(p, ",}");
    assert_true(n < cap);
    memcpy(out, p, n);
    out[n] = '\0';
}

static void test_numbers(void **state)
{
    (void)state;
    static const double reals[] = {
        14.5, -1.25, 0.0, -0.0, 12.0, 1.0 / 3, -17.123456789, 1e-5, -0.000012345,
        123456789.0, 1e21, 2.5e-300, 100000000.0, 99999999.5, NAN, INFINITY,
    };
    static const int ints[] = {0, 1, -1, 21, INT_MAX, INT_MIN, 1000000};
    sr_doc d = make_doc();
    sr_json_buf b = {0};
    for (size_t i = 0; i < sizeof reals / sizeof reals[0]; i++) {
        sr_event e = make_event();
        e.latitude = reals[i];
        e.fatalities_high = ints[i % (sizeof ints / sizeof ints[0])];
        json_decref(check_line(&b, "n", &d, &e, 1, NULL));
        char got[64], want[64];
        value_of(b.data, "latitude", got, sizeof got);
        json_t *r = isfinite(reals[i]) ? json_real(reals[i]) : json_null();
        char *s = json_dumps(r, SR_JSON_LINE_FLAGS | JSON_ENCODE_ANY);
        assert_non_null(s);
        snprintf(want, sizeof want, "%s", s);
        free(s);
        json_decref(r);
        if (strcmp(got, want) != 0)
            fail_msg("latitude %.17g written as %s, jansson prints %s", reals[i], got, want);
        value_of(b.data, "fatalities_high", got, sizeof got);
        json_t *in = json_integer(e.fatalities_high);
        s = json_dumps(in, JSON_ENCODE_ANY);
        assert_string_equal(got, s);
        free(s);
        json_decref(in);
    }
    sr_json_buf_free(&b);
}

/* Aliases come from the lexicon entry, without the name itself. */
static void test_aliases(void **state)
{
    (void)state;
    const char *path = getenv("SITREP_LEXICON");
    if (!path || !*path)
        skip();
    sr_lexicon *lex = NULL;
    sr_error err = {{0}};
    assert_int_equal(sr_lexicon_open(path, &lex, &err), SR_OK);
    uint32_t id = sr_lexicon_find_actor(lex, "JNIM");
    assert_int_not_equal(id, SR_NO_ID);
    sr_actor_info info;
    assert_int_equal(sr_lexicon_actor(lex, id, &info), SR_OK);
    assert_true(info.n_aliases > 0);
    sr_doc d = make_doc();
    sr_event e = make_event();
    snprintf(e.actor1.name, sizeof e.actor1.name, "%s", info.name);
    e.actor1.lex_id = id;
    sr_json_buf b = {0};
    json_t *o = check_line(&b, "a", &d, &e, 1, lex);
    json_t *al = json_object_get(
        json_object_get(json_array_get(json_object_get(o, "events"), 0), "actor1"), "aliases");
    size_t k = 0;
    for (uint32_t i = 0; i < info.n_aliases; i++) {
        const char *a = sr_lexicon_actor_alias(lex, id, i);
        if (!a || !*a || strcmp(a, info.name) == 0)
            continue;
        assert_string_equal(json_string_value(json_array_get(al, k)), a);
        k++;
    }
    assert_int_equal(json_array_size(al), k);
    json_decref(o);
    sr_json_buf_free(&b);
    sr_lexicon_close(lex);
}

/* Alias lists are kept per actor and name in the buffer: a reused buffer
 * writes what a fresh one writes, also when the name changes (an alias
 * equal to the name is left out) or the lexicon is another. */
static void test_alias_cache(void **state)
{
    (void)state;
    const char *path = getenv("SITREP_LEXICON");
    if (!path || !*path)
        skip();
    sr_lexicon *lex = NULL, *lex2 = NULL;
    sr_error err = {{0}};
    assert_int_equal(sr_lexicon_open(path, &lex, &err), SR_OK);
    assert_int_equal(sr_lexicon_open(path, &lex2, &err), SR_OK);
    uint32_t id = sr_lexicon_find_actor(lex, "JNIM");
    assert_int_not_equal(id, SR_NO_ID);
    sr_actor_info info;
    assert_int_equal(sr_lexicon_actor(lex, id, &info), SR_OK);
    assert_true(info.n_aliases > 1);
    const char *names[] = {info.name, sr_lexicon_actor_alias(lex, id, 0), info.name,
                           sr_lexicon_actor_alias(lex, id, 1), info.name};
    const sr_lexicon *lexes[] = {lex, lex, lex2, lex2, lex};
    sr_doc d = make_doc();
    sr_json_buf kept = {0};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        sr_event e[2] = {make_event(), make_event()};
        snprintf(e[0].actor1.name, sizeof e[0].actor1.name, "%s", names[i]);
        e[0].actor1.lex_id = id;
        e[1].actor2 = e[0].actor1; /* the same actor twice in one line */
        sr_json_buf fresh = {0};
        json_decref(check_line(&kept, "c", &d, e, 2, lexes[i]));
        json_decref(check_line(&fresh, "c", &d, e, 2, lexes[i]));
        assert_int_equal(kept.len, fresh.len);
        assert_memory_equal(kept.data, fresh.data, fresh.len);
        /* the name itself is never among the aliases written */
        char quoted[SR_NAME_MAX + 4];
        snprintf(quoted, sizeof quoted, "[\"%s\"", names[i]);
        assert_null(strstr(fresh.data, quoted));
        snprintf(quoted, sizeof quoted, " \"%s\"]", names[i]);
        assert_null(strstr(fresh.data, quoted));
        sr_json_buf_free(&fresh);
    }
    sr_json_buf_free(&kept);
    sr_lexicon_close(lex);
    sr_lexicon_close(lex2);
}

/* The buffer is reused: a shorter line replaces a longer one; no events
 * and several events; a missing id is an argument error. */
static void test_buffer(void **state)
{
    (void)state;
    sr_doc d = make_doc();
    sr_event ev[3] = {make_event(), make_event(), make_event()};
    ev[1].latitude = NAN;
    ev[2].actor2.name[0] = '\0';
    sr_json_buf b = {0};
    json_t *o = check_line(&b, "three", &d, ev, 3, NULL);
    assert_int_equal(json_array_size(json_object_get(o, "events")), 3);
    json_decref(o);
    size_t cap = b.cap;
    o = check_line(&b, "none", &d, NULL, 0, NULL);
    assert_string_equal(b.data, "{\"id\": \"none\", \"events\": []}\n");
    assert_int_equal(b.cap, cap);
    json_decref(o);
    sr_error err = {{0}};
    assert_int_equal(sr_article_json_line(&b, NULL, &d, NULL, 0, NULL, &err), SR_ERR_ARG);
    sr_json_buf_free(&b);
    assert_null(b.data);
    sr_json_buf_free(&b); /* twice is harmless */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_aliases),
        cmocka_unit_test(test_alias_cache),
        cmocka_unit_test(test_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
