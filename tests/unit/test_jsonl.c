/* test_jsonl.c — the JSON-lines reader: good lines, bad lines, recovery. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "jsonl.h"

/* One line parsed on its own: expected status and fields. */
typedef struct doc_case {
    const char *line;
    int rc;
    const char *id, *published, *title, *text;
    const char *msg_part; /* a piece of the error message, or NULL */
} doc_case;

static const doc_case doc_cases[] = {
    {"{\"id\":\"a1\",\"published\":\"2025-06-02\",\"title\":\"T\",\"text\":\"Body.\"}",
     SR_OK, "a1", "2025-06-02", "T", "Body.", NULL},
    {"{\"id\":42,\"text\":\"x\"}", SR_OK, "42", NULL, NULL, "x", NULL},
    {"{\"id\":\"u\",\"text\":\"y\",\"extra\":[1,2,{\"a\":null}],\"lang\":\"en\"}", SR_OK,
     "u", NULL, NULL, "y", NULL},
    {"{\"id\":\"n\",\"published\":null,\"text\":\"z\"}", SR_OK, "n", NULL, NULL, "z", NULL},
    {"{\"id\":\"t\",\"title\":\"Only a title\"}", SR_OK, "t", NULL, "Only a title", "",
     NULL},
    {"{\"text\":\"no id\"}", SR_OK, NULL, NULL, NULL, "no id", NULL},
    {"{\"id\":\"e\",\"text\":\"caf\\u00e9 \\\"q\\\"\"}", SR_OK, "e", NULL, NULL,
     "caf\xc3\xa9 \"q\"", NULL},
    {"{\"id\":\"a\",\"text\":\"x\"", SR_ERR_FORMAT, NULL, NULL, NULL, NULL, "invalid JSON"},
    {"[1,2]", SR_ERR_FORMAT, NULL, NULL, NULL, NULL, "not a JSON object"},
    {"\"text\"", SR_ERR_FORMAT, NULL, NULL, NULL, NULL, "not a JSON object"},
    {"{\"id\":\"a\"}", SR_ERR_FORMAT, NULL, NULL, NULL, NULL, "no \"text\""},
    {"{\"id\":\"a\",\"text\":5}", SR_ERR_FORMAT, NULL, NULL, NULL, NULL,
     "\"text\" is not a string"},
    {"{\"id\":[1],\"text\":\"x\"}", SR_ERR_FORMAT, NULL, NULL, NULL, NULL, "\"id\""},
    {"{\"id\":\"a\",\"published\":20250602,\"text\":\"x\"}", SR_ERR_FORMAT, NULL, NULL,
     NULL, NULL, "\"published\""},
    {"{\"id\":\"a\",\"text\":\"nul \\u0000 here\"}", SR_ERR_FORMAT, NULL, NULL, NULL,
     NULL, NULL},
    {"{\"id\":\"a\",\"text\":\"x\"} trailing", SR_ERR_FORMAT, NULL, NULL, NULL, NULL,
     "invalid JSON"},
    {"", SR_ERR_FORMAT, NULL, NULL, NULL, NULL, "invalid JSON"},
};

static void assert_str_or_null(const char *want, const char *got)
{
    if (!want)
        assert_null(got);
    else {
        assert_non_null(got);
        assert_string_equal(want, got);
    }
}

static void test_doc_from_json(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof doc_cases / sizeof doc_cases[0]; i++) {
        const doc_case *c = &doc_cases[i];
        sr_doc doc;
        void *owner = (void *)1;
        sr_error err = {{0}};
        int rc = sr_doc_from_json(c->line, strlen(c->line), &doc, &owner, &err);
        if (rc != c->rc)
            fail_msg("case %zu: rc %d, want %d (%s)", i, rc, c->rc, err.msg);
        if (rc == SR_OK) {
            assert_non_null(owner);
            assert_str_or_null(c->id, doc.id);
            assert_str_or_null(c->published, doc.published);
            assert_str_or_null(c->title, doc.title);
            assert_str_or_null(c->text, doc.text);
            assert_int_equal(strlen(c->text), doc.text_len);
        } else {
            assert_null(owner);
            assert_true(err.msg[0] != '\0');
            if (c->msg_part && !strstr(err.msg, c->msg_part))
                fail_msg("case %zu: message '%s' lacks '%s'", i, err.msg, c->msg_part);
        }
        sr_doc_json_free(owner);
    }
}

typedef struct text_case {
    const char *s;
    size_t n;
    int rc;
    size_t bad;
    int nul;
} text_case;

static const text_case text_cases[] = {
    {"plain ascii", 11, SR_OK, 0, 0},
    {"M\xc3\xa9naka Jama\xe2\x80\x99" "at", 17, SR_OK, 0, 0},
    {"\xf0\x9f\x98\x80 emoji", 10, SR_OK, 0, 0},
    {"ab\xff" "cd", 5, SR_ERR_UTF8, 2, 0},
    {"ab\0cd", 5, SR_ERR_UTF8, 2, 1},
    {"\xc3", 1, SR_ERR_UTF8, 0, 0},               /* truncated sequence */
    {"x\xc0\xaf", 3, SR_ERR_UTF8, 1, 0},          /* overlong slash */
    {"xy\xed\xa0\x80", 5, SR_ERR_UTF8, 2, 0},     /* UTF-16 surrogate */
    {"\xe2\x82", 2, SR_ERR_UTF8, 0, 0},           /* cut three-byte sequence */
    {"ok \xf4\x90\x80\x80", 7, SR_ERR_UTF8, 3, 0}, /* beyond U+10FFFF */
    {"", 0, SR_OK, 0, 0},
};

static void test_check_text(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof text_cases / sizeof text_cases[0]; i++) {
        const text_case *c = &text_cases[i];
        size_t bad = 999;
        int nul = -1;
        int rc = sr_jsonl_check_text(c->s, c->n, &bad, &nul);
        if (rc != c->rc)
            fail_msg("case %zu: rc %d, want %d", i, rc, c->rc);
        if (rc != SR_OK) {
            if (bad != c->bad)
                fail_msg("case %zu: bad byte %zu, want %zu", i, bad, c->bad);
            assert_int_equal(c->nul, nul);
        }
    }
}

/* A stream of good and bad lines: the reader reports each bad line with its
 * number and goes on. */
static void test_reader_recovers(void **state)
{
    (void)state;
    static const char input[] =
        "\xEF\xBB\xBF{\"id\":\"one\",\"text\":\"first\"}\n"
        "\n"
        "   \r\n"
        "{\"id\":\"two\",\"text\":\"second\"}\r\n"
        "{broken\n"
        "{\"id\":\"bad\",\"text\":\"\xff\"}\n"
        "{\"id\":\"three\",\"text\":\"third\",\"published\":\"2025-01-02\"}";
    FILE *f = fmemopen((void *)input, sizeof input - 1, "rb");
    assert_non_null(f);
    sr_jsonl_reader *r;
    sr_error err;
    assert_int_equal(SR_OK, sr_jsonl_from_stream(f, "mem.jsonl", 0, &r, &err));

    static const struct {
        int rc;
        size_t line;
        const char *id;
        const char *msg_part;
    } want[] = {
        {SR_OK, 1, "one", NULL},
        {SR_OK, 4, "two", NULL},
        {SR_ERR_FORMAT, 5, NULL, "mem.jsonl:5: invalid JSON"},
        {SR_ERR_UTF8, 6, NULL, "mem.jsonl:6: invalid UTF-8 at byte 21"},
        {SR_OK, 7, "three", NULL},
        {SR_ERR_EMPTY, 7, NULL, NULL},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        sr_doc doc;
        size_t line = 0;
        memset(&err, 0, sizeof err);
        int rc = sr_jsonl_next(r, &doc, &line, &err);
        if (rc != want[i].rc)
            fail_msg("step %zu: rc %d, want %d (%s)", i, rc, want[i].rc, err.msg);
        if (rc == SR_ERR_EMPTY)
            continue;
        assert_int_equal(want[i].line, line);
        if (want[i].id)
            assert_string_equal(want[i].id, doc.id);
        if (want[i].msg_part && !strstr(err.msg, want[i].msg_part))
            fail_msg("step %zu: message '%s' lacks '%s'", i, err.msg, want[i].msg_part);
    }
    assert_int_equal(3, sr_jsonl_count(r));
    sr_jsonl_close(r);
    fclose(f);
}

/* A single line far longer than any buffer is read whole. */
static void test_reader_long_line(void **state)
{
    (void)state;
    size_t body = 3u << 20;
    char *input = malloc(body + 64);
    assert_non_null(input);
    size_t n = (size_t)sprintf(input, "{\"id\":\"big\",\"text\":\"");
    memset(input + n, 'a', body);
    n += body;
    n += (size_t)sprintf(input + n, "\"}\n");
    FILE *f = fmemopen(input, n, "rb");
    assert_non_null(f);
    sr_jsonl_reader *r;
    sr_error err;
    assert_int_equal(SR_OK, sr_jsonl_from_stream(f, "big", 0, &r, &err));
    sr_doc doc;
    size_t line;
    assert_int_equal(SR_OK, sr_jsonl_next(r, &doc, &line, &err));
    assert_int_equal(body, doc.text_len);
    assert_int_equal(SR_ERR_EMPTY, sr_jsonl_next(r, &doc, &line, &err));
    sr_jsonl_close(r);
    fclose(f);
    free(input);
}

static void test_open_errors(void **state)
{
    (void)state;
    sr_jsonl_reader *r = (sr_jsonl_reader *)1;
    sr_error err;
    assert_int_equal(SR_ERR_IO, sr_jsonl_open("/nonexistent/none.jsonl", &r, &err));
    assert_null(r);
    assert_non_null(strstr(err.msg, "/nonexistent/none.jsonl"));
    assert_int_equal(SR_ERR_IO, sr_jsonl_open("/", &r, &err));
    assert_non_null(strstr(err.msg, "is a directory"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_doc_from_json),
        cmocka_unit_test(test_check_text),
        cmocka_unit_test(test_reader_recovers),
        cmocka_unit_test(test_reader_long_line),
        cmocka_unit_test(test_open_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
