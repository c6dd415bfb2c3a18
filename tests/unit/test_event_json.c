/* test_event_json.c — events written as the guidelines' JSON. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "event_json.h"

static const char text[] =
    "JNIM said it killed 21 soldiers near Boulkessi. "
    "Residents of M\xc3\xa9naka spoke of 30 dead.";
static const char title[] = "Deadly attack in northern Mali";

static sr_doc make_doc(void)
{
    sr_doc d = {0};
    d.id = "t-1";
    d.title = title;
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
    strcpy(e.event_type, "Battles");
    strcpy(e.sub_event_type, "Armed clash");
    strcpy(e.cameo, "190");
    strcpy(e.actor1.name, "JNIM");
    e.actor1.lex_id = SR_NO_ID;
    e.actor1.inter = 2;
    strcpy(e.actor2.name, "Military Forces of Mali");
    e.actor2.lex_id = SR_NO_ID;
    e.actor2.inter = 1;
    strcpy(e.country, "ML");
    strcpy(e.admin1, "Mopti");
    strcpy(e.location, "Boulkessi");
    e.latitude = 14.5;
    e.longitude = -1.25;
    e.geo_precision = 2;
    e.fatalities = 21;
    e.fatalities_low = 21;
    e.fatalities_high = 30;
    e.status = SR_STATUS_CLAIMED;
    strcpy(e.claimed_by, "JNIM");
    e.figures[0] = (sr_figure){21, SR_SRC_PERPETRATOR, {20, 22}};
    e.figures[1] = (sr_figure){30, SR_SRC_LOCAL, {78, 80}};
    e.n_figures = 2;
    e.evidence[0] = (sr_span){0, 47};
    e.evidence[1] = (sr_span){SR_TITLE_OFFSET + 0, SR_TITLE_OFFSET + 13};
    e.n_evidence = 2;
    return e;
}

static char *dump(json_t *o)
{
    char *s = json_dumps(o, SR_JSON_LINE_FLAGS);
    assert_non_null(s);
    return s;
}

/* The whole line for a full event, byte for byte: keys in order, actors as
 * objects, spans with their text. */
static void test_golden_line(void **state)
{
    (void)state;
    sr_doc d = make_doc();
    sr_event e = make_event();
    json_t *o;
    sr_error err;
    assert_int_equal(SR_OK, sr_article_to_json("t-1", &d, &e, 1, NULL, &o, &err));
    char *s = dump(o);
    const char *want =
        "{\"id\": \"t-1\", \"events\": [{\"event_date\": \"2025-06-01\", "
        "\"date_precision\": 1, \"event_type\": \"Battles\", \"sub_event_type\": "
        "\"Armed clash\", \"actor1\": {\"name\": \"JNIM\", \"aliases\": [], \"type\": 2}, "
        "\"actor2\": {\"name\": \"Military Forces of Mali\", \"aliases\": [], \"type\": 1}, "
        "\"country\": \"ML\", \"admin1\": \"Mopti\", \"location\": \"Boulkessi\", "
        "\"geo_precision\": 2, \"fatalities\": 21, \"fatalities_low\": 21, "
        "\"fatalities_high\": 30, \"status\": \"claimed\", \"claimed_by\": \"JNIM\", "
        "\"latitude\": 14.5, \"longitude\": -1.25, \"cameo\": \"190\", "
        "\"evidence\": [{\"field\": \"text\", \"start\": 0, \"end\": 47, \"text\": "
        "\"JNIM said it killed 21 soldiers near Boulkessi.\"}, {\"field\": \"title\", "
        "\"start\": 0, \"end\": 13, \"text\": \"Deadly attack\"}], \"figures\": "
        "[{\"value\": 21, \"source\": \"perpetrator\", \"span\": {\"field\": \"text\", "
        "\"start\": 20, \"end\": 22, \"text\": \"21\"}}, {\"value\": 30, \"source\": "
        "\"local\", \"span\": {\"field\": \"text\", \"start\": 78, \"end\": 80, "
        "\"text\": \"30\"}}]}]}";
    assert_string_equal(want, s);
    /* Same events, same bytes. */
    json_t *o2;
    assert_int_equal(SR_OK, sr_article_to_json("t-1", &d, &e, 1, NULL, &o2, &err));
    char *s2 = dump(o2);
    assert_string_equal(s, s2);
    free(s);
    free(s2);
    json_decref(o);
    json_decref(o2);
}

/* Unknown values become null, not "" or 0. */
static void test_nulls(void **state)
{
    (void)state;
    sr_doc d = make_doc();
    sr_event e;
    memset(&e, 0, sizeof e);
    e.latitude = NAN;
    e.longitude = NAN;
    json_t *o;
    sr_error err;
    assert_int_equal(SR_OK, sr_event_to_json(&e, &d, NULL, &o, &err));
    static const char *const null_keys[] = {
        "event_date", "date_precision", "event_type", "sub_event_type", "actor1",
        "actor2", "country", "admin1", "location", "geo_precision", "status",
        "claimed_by", "latitude", "longitude", "cameo",
    };
    for (size_t i = 0; i < sizeof null_keys / sizeof null_keys[0]; i++) {
        json_t *v = json_object_get(o, null_keys[i]);
        if (!v || !json_is_null(v))
            fail_msg("%s is not null", null_keys[i]);
    }
    assert_int_equal(0, json_integer_value(json_object_get(o, "fatalities")));
    assert_int_equal(0, json_array_size(json_object_get(o, "evidence")));
    json_decref(o);
}

/* Spans: snapped to whole characters, out-of-range ones dropped. */
typedef struct span_case {
    sr_span sp;
    int rc;
    const char *field;
    const char *text;
} span_case;

static void test_spans(void **state)
{
    (void)state;
    sr_doc d = make_doc();
    /* "M\xc3\xa9naka" starts at byte 61; byte 63 is inside the é. */
    const span_case cases[] = {
        {{61, 68}, SR_OK, "text", "M\xc3\xa9naka"},
        {{63, 64}, SR_OK, "text", "\xc3\xa9"},
        {{0, 4}, SR_OK, "text", "JNIM"},
        {{5, 5}, SR_OK, "text", ""},
        {{10, 5}, SR_ERR_ARG, NULL, NULL},
        {{0, 1000}, SR_ERR_ARG, NULL, NULL},
        {{SR_TITLE_OFFSET + 24, SR_TITLE_OFFSET + 30}, SR_OK, "title", "n Mali"},
        {{SR_TITLE_OFFSET, SR_TITLE_OFFSET + 100}, SR_ERR_ARG, NULL, NULL},
        {{SR_TITLE_OFFSET, 3}, SR_ERR_ARG, NULL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *field = NULL, *s = NULL;
        size_t len = 0, a = 0, b = 0;
        int rc = sr_span_resolve(&d, cases[i].sp, &field, &s, &len, &a, &b);
        if (rc != cases[i].rc)
            fail_msg("case %zu: rc %d, want %d", i, rc, cases[i].rc);
        if (rc != SR_OK)
            continue;
        assert_string_equal(cases[i].field, field);
        assert_int_equal(strlen(cases[i].text), len);
        assert_memory_equal(cases[i].text, s, len);
    }

    /* A bad evidence span is dropped from the JSON, the good one kept. */
    sr_event e = make_event();
    e.evidence[0] = (sr_span){0, 5000};
    json_t *o;
    sr_error err;
    assert_int_equal(SR_OK, sr_event_to_json(&e, &d, NULL, &o, &err));
    json_t *ev = json_object_get(o, "evidence");
    assert_int_equal(1, json_array_size(ev));
    assert_string_equal("title", json_string_value(json_object_get(json_array_get(ev, 0),
                                                                   "field")));
    json_decref(o);
}

/* A name cut inside a character by a fixed-size field keeps its valid part. */
static void test_cut_name(void **state)
{
    (void)state;
    sr_doc d = make_doc();
    sr_event e = make_event();
    strcpy(e.location, "M\xc3"); /* cut é */
    json_t *o;
    sr_error err;
    assert_int_equal(SR_OK, sr_event_to_json(&e, &d, NULL, &o, &err));
    assert_string_equal("M", json_string_value(json_object_get(o, "location")));
    json_decref(o);
}

static void test_article_without_events(void **state)
{
    (void)state;
    sr_doc d = make_doc();
    json_t *o;
    sr_error err;
    assert_int_equal(SR_OK, sr_article_to_json("x:3", &d, NULL, 0, NULL, &o, &err));
    char *s = dump(o);
    assert_string_equal("{\"id\": \"x:3\", \"events\": []}", s);
    free(s);
    json_decref(o);
    assert_int_equal(SR_ERR_ARG, sr_article_to_json(NULL, &d, NULL, 0, NULL, &o, &err));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_line),
        cmocka_unit_test(test_nulls),
        cmocka_unit_test(test_spans),
        cmocka_unit_test(test_cut_name),
        cmocka_unit_test(test_article_without_events),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
