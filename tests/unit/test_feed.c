/* test_feed.c — RSS 2.0 and Atom feeds, and what is not a feed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "feed.h"

static void test_rss(void **state)
{
    (void)state;
    const char *x =
        "<?xml version=\"1.0\"?><rss version=\"2.0\" "
        "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Wire</title>"
        "<lastBuildDate>Mon, 12 May 2025 08:00:00 GMT</lastBuildDate>"
        "<item><title>One</title><link>https://w.example/1</link><guid>g1</guid>"
        "<pubDate>Sun, 11 May 2025 18:00:00 GMT</pubDate>"
        "<description>short</description>"
        "<content:encoded><![CDATA[<p>Full <b>story</b> here.</p>]]></content:encoded></item>"
        "<item><title>Two</title><link>https://w.example/2</link>"
        "<description>&lt;p&gt;Escaped &amp;amp; markup&lt;/p&gt;</description></item>"
        "</channel></rss>";
    sr_feed *f;
    sr_error err = {""};
    assert_int_equal(sr_feed_parse(x, strlen(x), &f, &err), SR_OK);
    assert_false(f->atom);
    assert_string_equal(f->title, "Wire");
    assert_string_equal(f->published, "2025-05-12");
    assert_int_equal(f->n_items, 2);
    assert_string_equal(f->items[0].id, "g1");
    assert_string_equal(f->items[0].link, "https://w.example/1");
    assert_string_equal(f->items[0].published, "2025-05-11");
    assert_string_equal(f->items[0].text, "Full story here."); /* content beats description */
    assert_null(f->items[1].published);
    assert_string_equal(f->items[1].text, "Escaped & markup");
    sr_feed_free(f);
}

static void test_atom(void **state)
{
    (void)state;
    const char *x =
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Mon</title>"
        "<updated>2025-06-03T10:00:00Z</updated><entry><title>E</title>"
        "<link rel=\"self\" href=\"https://m.example/self\"/>"
        "<link rel=\"alternate\" href=\"https://m.example/e\"/><id>urn:e</id>"
        "<updated>2025-06-02T07:00:00Z</updated><summary>Sum &amp; mary</summary></entry></feed>";
    sr_feed *f;
    assert_int_equal(sr_feed_parse(x, strlen(x), &f, NULL), SR_OK);
    assert_true(f->atom);
    assert_int_equal(f->n_items, 1);
    assert_string_equal(f->items[0].link, "https://m.example/e");
    assert_string_equal(f->items[0].published, "2025-06-02");
    assert_string_equal(f->items[0].text, "Sum & mary");
    sr_feed_free(f);
}

static void test_not_feeds(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "This is not XML at all.",
        "<rss><channel><item><title>unclosed</channel>",
        "<?xml version=\"1.0\"?><html><body>page</body></html>",
        "",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sr_feed *f = NULL;
        sr_error err = {""};
        assert_int_equal(sr_feed_parse(bad[i], strlen(bad[i]), &f, &err), SR_ERR_FORMAT);
        assert_null(f);
        assert_true(strlen(err.msg) > 0);
    }
}

static void test_no_external_entities(void **state)
{
    (void)state;
    const char *x = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY e SYSTEM "
                    "\"file:///etc/passwd\">]><rss><channel><item><title>&e;</title>"
                    "<description>d</description></item></channel></rss>";
    sr_feed *f = NULL;
    if (sr_feed_parse(x, strlen(x), &f, NULL) == SR_OK) {
        assert_int_equal(f->n_items, 1);
        assert_true(!f->items[0].title || !strstr(f->items[0].title, "root:"));
        sr_feed_free(f);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rss),
        cmocka_unit_test(test_atom),
        cmocka_unit_test(test_not_feeds),
        cmocka_unit_test(test_no_external_entities),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
