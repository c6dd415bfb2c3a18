/* test_ingest.c — format detection, gzip, and documents counted, stored
 * once and skipped with reasons (without extraction). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include "ingest.h"

static void test_detect(void **state)
{
    (void)state;
    static const struct {
        const char *name, *buf, *fmt;
    } rows[] = {
        {"a.jsonl", "{\"id\":1}\n", "jsonl"},
        {NULL, "  \n{\"id\":1}", "jsonl"},
        {NULL, "<?xml version=\"1.0\"?><rss>", "rss"},
        {NULL, "<feed xmlns=\"http://www.w3.org/2005/Atom\">", "rss"},
        {"x.rss", "not xml", "rss"},
        {NULL, "<!DOCTYPE html><html>", "html"},
        {NULL, "<p>fragment", "html"},
        {"page.html", "no tags here", "html"},
        {NULL, "Plain text report.", "text"},
        {NULL, "\xEF\xBB\xBF{\"id\":2}", "jsonl"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        assert_string_equal(sr_ingest_detect(rows[i].name, rows[i].buf, strlen(rows[i].buf)),
                            rows[i].fmt);
    const char bin[] = {'a', 0, 'b', 1, 2};
    assert_string_equal(sr_ingest_detect(NULL, bin, sizeof bin), "binary");
    assert_string_equal(sr_ingest_detect(NULL, "\x01\x02\x03\x04\x05 ctl", 9), "binary");
    /* Latin-1 text is text (refused later as invalid UTF-8, by name). */
    assert_string_equal(sr_ingest_detect(NULL, "Tillab\xe9ri r\xe9gion", 16), "text");
    assert_string_equal(sr_ingest_detect(NULL, "<p>Tillab\xe9ri</p>", 16), "html");
}

static size_t gz(const char *in, char *out, size_t cap)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    z.next_in = (Bytef *)(uintptr_t)in;
    z.avail_in = (uInt)strlen(in);
    z.next_out = (Bytef *)out;
    z.avail_out = (uInt)cap;
    deflate(&z, Z_FINISH);
    size_t n = z.total_out;
    deflateEnd(&z);
    return n;
}

static void test_gunzip(void **state)
{
    (void)state;
    char packed[512];
    const char *text = "Gunmen attacked a village near Menaka on Sunday.";
    size_t n = gz(text, packed, sizeof packed);
    char *out;
    size_t len;
    assert_int_equal(sr_gunzip(packed, n, 1 << 20, &out, &len, NULL), SR_OK);
    assert_int_equal(len, strlen(text));
    assert_memory_equal(out, text, len);
    free(out);
    sr_error err = {""};
    assert_int_equal(sr_gunzip(packed, n / 2, 1 << 20, &out, &len, &err), SR_ERR_FORMAT);
    assert_non_null(strstr(err.msg, "truncated"));
    packed[12] ^= 0x55;
    assert_int_not_equal(sr_gunzip(packed, n, 1 << 20, &out, &len, &err), SR_OK);
    /* A limit on the decompressed size. */
    char big[4096];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    n = gz(big, packed, sizeof packed);
    assert_int_equal(sr_gunzip(packed, n, 100, &out, &len, &err), SR_ERR_TOOBIG);
}

typedef struct warnings {
    int n;
    char last[600];
} warnings;

static void on_warn(void *ctx, const char *msg)
{
    warnings *w = ctx;
    w->n++;
    snprintf(w->last, sizeof w->last, "%s", msg);
}

static void test_buffers(void **state)
{
    (void)state;
    char path[] = "/tmp/sitrep-test-ingest-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    sr_store *s;
    assert_int_equal(sr_store_open(path, 0, &s, NULL), SR_OK);
    warnings w = {0};
    sr_ingest_hooks hooks = {on_warn, NULL, &w};
    sr_ingest *g;
    assert_int_equal(sr_ingest_new(s, NULL, &hooks, &g, NULL), SR_OK);
    const char *lines =
        "{\"id\":\"a\",\"published\":\"2025-06-01\",\"text\":\"First report.\"}\n"
        "{\"id\":\"b\",\"published\":\"2025-06-01\",\"text\":\"First   report.\"}\n"
        "not json\n"
        "{\"id\":\"c\",\"text\":\"No date here.\"}\n"
        "\n";
    assert_int_equal(sr_ingest_buffer(g, "mem.jsonl", lines, strlen(lines), NULL), SR_OK);
    const sr_ingest_stats *st = sr_ingest_get_stats(g);
    assert_int_equal(st->seen, 4);
    assert_int_equal(st->stored, 2);
    assert_int_equal(st->duplicates, 1);
    assert_int_equal(st->skipped, 1);
    assert_int_equal(st->skipped_format, 1);
    assert_int_equal(st->no_date, 1);
    assert_non_null(strstr(w.last, "no publication date"));
    const char *rss = "<rss><channel><lastBuildDate>2025-05-12</lastBuildDate><item><title>T"
                      "</title><link>https://x.example/1</link><description>Undated item "
                      "text.</description></item></channel></rss>";
    assert_int_equal(sr_ingest_buffer(g, "mem.rss", rss, strlen(rss), NULL), SR_OK);
    assert_int_equal(st->stored, 3);
    assert_int_equal(st->no_date, 1); /* took the feed's date */
    const char bin[] = {0, 1, 2, 3, 4, 5};
    assert_int_equal(sr_ingest_buffer(g, "x.bin", bin, sizeof bin, NULL), SR_OK);
    assert_int_equal(st->skipped_binary, 1);
    assert_non_null(strstr(w.last, "x.bin"));
    sr_store_counts c;
    assert_int_equal(sr_store_count(s, &c, NULL), SR_OK);
    assert_int_equal(c.documents, 3);
    sr_ingest_free(g);
    sr_store_close(s);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_gunzip),
        cmocka_unit_test(test_buffers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
