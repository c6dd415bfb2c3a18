/* test_jsonl_flat.c — article lines as sr_doc_from_json reads them: the
 * flat objects it decodes itself and the lines it leaves to jansson, with
 * the values each must give.  (tests/fuzz/fuzz_jsonl_flat.c compares the two
 * readers on arbitrary lines.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "jsonl.h"

static const struct {
    const char *line;
    int rc;
    const char *id, *title, *published, *text; /* NULL: absent */
    size_t text_len;
} rows[] = {
    {"{\"id\": \"a-1\", \"published\": \"2025-06-02\", \"title\": \"T\", \"text\": \"body\"}",
     SR_OK, "a-1", "T", "2025-06-02", "body", 4},
    /* escapes, a surrogate pair and raw UTF-8 */
    {"{\"text\": \"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9\\u00C9 \\ud83d\\ude00 \xc3\xa9\"}",
     SR_OK, NULL, NULL, NULL,
     "q\" b\\ s/ \b\f\n\r\t \xc3\xa9\xc3\x89 \xf0\x9f\x98\x80 \xc3\xa9", 27},
    /* the last of repeated keys wins; null means absent */
    {"{\"text\": \"first\", \"text\": \"second\", \"title\": \"x\", \"title\": null}", SR_OK,
     NULL, NULL, NULL, "second", 6},
    /* white space everywhere JSON allows it */
    {" \t{ \"id\" :\"w\" ,\"title\"\t:\t\"only\" } \r", SR_OK, "w", "only", NULL, "", 0},
    /* lines for jansson: an integer id, other keys holding other values */
    {"{\"id\": 42, \"text\": \"t\"}", SR_OK, "42", NULL, NULL, "t", 1},
    {"{\"id\": \"n\", \"events\": [{\"fatalities\": 3}], \"ok\": true, \"text\": \"t\"}",
     SR_OK, "n", NULL, NULL, "t", 1},
    {"{\"te\\u0078t\": \"escaped key\"}", SR_OK, NULL, NULL, NULL, "escaped key", 11},
    /* refused, by whichever reader */
    {"{\"text\": 5}", SR_ERR_FORMAT, NULL, NULL, NULL, NULL, 0},
    {"{\"id\": true, \"text\": \"t\"}", SR_ERR_FORMAT, NULL, NULL, NULL, NULL, 0},
    {"{\"url\": \"u\"}", SR_ERR_FORMAT, NULL, NULL, NULL, NULL, 0},
    {"{}", SR_ERR_FORMAT, NULL, NULL, NULL, NULL, 0},
    {"{\"text\": \"t\"} x", SR_ERR_FORMAT, NULL, NULL, NULL, NULL, 0},
    {"{\"text\": \"t\",}", SR_ERR_FORMAT, NULL, NULL, NULL, NULL, 0},
    {"{\"text\": \"a\\u0000b\"}", SR_ERR_FORMAT, NULL, NULL, NULL, NULL, 0},
    {"{\"text\": \"a\\ud800b\"}", SR_ERR_FORMAT, NULL, NULL, NULL, NULL, 0},
    {"{\"text\": \"a\x01" "b\"}", SR_ERR_FORMAT, NULL, NULL, NULL, NULL, 0},
    {"{\"text\": \"t\", \"id\": nullx}", SR_ERR_FORMAT, NULL, NULL, NULL, NULL, 0},
    {"[\"text\", \"t\"]", SR_ERR_FORMAT, NULL, NULL, NULL, NULL, 0},
    {"{\"text\": \"t", SR_ERR_FORMAT, NULL, NULL, NULL, NULL, 0},
};

static void check_str(const char *what, size_t row, const char *want, const char *got)
{
    if (!want && !got)
        return;
    if (!want || !got || strcmp(want, got) != 0)
        fail_msg("row %zu: %s is '%s', want '%s'", row, what, got ? got : "(absent)",
                 want ? want : "(absent)");
}

static void test_rows(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        sr_doc doc;
        void *owner = NULL;
        sr_error err = {{0}};
        int rc = sr_doc_from_json(rows[i].line, strlen(rows[i].line), &doc, &owner, &err);
        if (rc != rows[i].rc)
            fail_msg("row %zu: status %d (%s), want %d", i, rc, err.msg, rows[i].rc);
        if (rc == SR_OK) {
            check_str("id", i, rows[i].id, doc.id);
            check_str("title", i, rows[i].title, doc.title);
            check_str("published", i, rows[i].published, doc.published);
            assert_int_equal(doc.text_len, rows[i].text_len);
            assert_memory_equal(doc.text, rows[i].text, rows[i].text_len + 1);
        } else {
            assert_null(owner);
            assert_true(err.msg[0] != '\0');
        }
        sr_doc_json_free(owner);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
