/* test_html.c — the article text and metadata of web pages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "html.h"

static const struct {
    const char *what, *html;
    const char *keep[3];  /* must be in the text */
    const char *drop[3];  /* must not */
    const char *title, *date;
} pages[] = {
    {"article beats navigation and footer",
     "<html><head><title>T | Site</title></head><body><nav>Home World Sport</nav>"
     "<article><p>Gunmen attacked Dioura on Monday.</p></article><footer>Copyright</footer>"
     "</body></html>",
     {"Gunmen attacked Dioura on Monday."}, {"Home", "Copyright"}, "T | Site", NULL},
    {"scripts, styles, forms, share buttons and related links",
     "<html><body><main><script>var x='SECRET';</script><style>p{}</style>"
     "<p>Soldiers were killed.</p><div class=\"social-share\">Share this</div>"
     "<ul class=\"related\"><li><a href=/x>Older story</a></li></ul>"
     "<form><button>Subscribe now</button></form></main></body></html>",
     {"Soldiers were killed."}, {"SECRET", "Share this", "Subscribe now"}, NULL, NULL},
    {"link-heavy lists are dropped even without a class",
     "<html><body><article><p>Ten civilians died in the raid.</p><ul><li><a href=/a>One link"
     "</a></li><li><a href=/b>Another link</a></li></ul></article></body></html>",
     {"Ten civilians died in the raid."}, {"One link", "Another link"}, NULL, NULL},
    {"metadata: og:title and article:published_time",
     "<html><head><meta property=\"og:title\" content=\"Real title\"><title>Other</title>"
     "<meta property=\"article:published_time\" content=\"2025-04-26T09:30:00Z\"></head>"
     "<body><p>Text of the story.</p></body></html>",
     {"Text of the story."}, {NULL}, "Real title", "2025-04-26"},
    {"time datetime",
     "<html><body><article><time datetime=\"2024-09-18\">Sept 18</time><p>Body.</p></article>"
     "</body></html>",
     {"Body."}, {NULL}, NULL, "2024-09-18"},
    {"JSON-LD datePublished",
     "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
     "\"datePublished\": \"2023-02-01T10:00:00+01:00\"}</script></head><body><p>Body text.</p>"
     "</body></html>",
     {"Body text."}, {"NewsArticle"}, NULL, "2023-02-01"},
    {"the article's time beats a sidebar's",
     "<html><body><aside><time datetime=\"2020-01-01\">old</time></aside><article>"
     "<p>Body.</p><time datetime=\"2024-09-18\">Sept 18</time></article></body></html>",
     {"Body."}, {"old"}, NULL, "2024-09-18"},
    {"read-also paragraphs and captions",
     "<html><body><article><p>Main story text here.</p><p>Read also: <a href=/x>An older "
     "story about something</a></p><div class=\"image-caption\">Photo shows soldiers</div>"
     "</article></body></html>",
     {"Main story text here."}, {"older story", "Photo shows"}, NULL, NULL},
    {"broken markup recovers",
     "<html><body><div><p>Unclosed <b>bold <i>text</div></span>&amp; more <p",
     {"Unclosed bold text", "& more"}, {NULL}, NULL, NULL},
    {"entities and non-breaking spaces",
     "<p>Tillab&eacute;ri&nbsp;region &#8212; 12&nbsp;soldiers</p>",
     {"Tillabéri region — 12 soldiers"}, {NULL}, NULL, NULL},
};

static void test_pages(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        sr_html_page p;
        sr_error err = {""};
        int rc = sr_html_extract(pages[i].html, strlen(pages[i].html), &p, &err);
        if (rc != SR_OK)
            fail_msg("%s: %s", pages[i].what, err.msg);
        assert_int_equal(strlen(p.text), p.text_len);
        for (int k = 0; k < 3 && pages[i].keep[k]; k++)
            if (!strstr(p.text, pages[i].keep[k]))
                fail_msg("%s: lost '%s' in '%s'", pages[i].what, pages[i].keep[k], p.text);
        for (int k = 0; k < 3 && pages[i].drop[k]; k++)
            if (strstr(p.text, pages[i].drop[k]))
                fail_msg("%s: kept '%s' in '%s'", pages[i].what, pages[i].drop[k], p.text);
        if (pages[i].title)
            assert_string_equal(p.title, pages[i].title);
        if (pages[i].date) {
            assert_non_null(p.published);
            assert_string_equal(p.published, pages[i].date);
        }
        sr_html_page_free(&p);
    }
}

static void test_latin1_page(void **state)
{
    (void)state;
    const char *h = "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Tillab\xe9ri "
                    "r\xe9gion</p></body></html>";
    sr_html_page p;
    assert_int_equal(sr_html_extract(h, strlen(h), &p, NULL), SR_OK);
    assert_string_equal(p.text, "Tillab\xc3\xa9ri r\xc3\xa9gion");
    sr_html_page_free(&p);
}

static void test_empty_page(void **state)
{
    (void)state;
    sr_html_page p;
    const char *h = "<html><body><nav><a href=/>Home</a></nav></body></html>";
    assert_int_equal(sr_html_extract(h, strlen(h), &p, NULL), SR_ERR_EMPTY);
    sr_html_page_free(&p);
}

static void test_fixture_page(void **state)
{
    (void)state;
    const char *src = getenv("SITREP_SRC");
    if (!src)
        skip();
    char path[512];
    snprintf(path, sizeof path, "%s/tests/fixtures/store/article.html", src);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    sr_html_page p;
    assert_int_equal(sr_html_extract(buf, n, &p, NULL), SR_OK);
    assert_string_equal(p.published, "2025-04-26");
    assert_string_equal(p.site, "Sahel Daily");
    assert_string_equal(p.url, "https://saheldaily.example/2025/04/26/army-post");
    assert_non_null(strstr(p.text, "killing 12 soldiers"));
    assert_null(strstr(p.text, "tracking"));
    assert_null(strstr(p.text, "Share on"));
    assert_null(strstr(p.text, "Earlier attack in Tahoua"));
    assert_null(strstr(p.text, "Copyright"));
    assert_null(strstr(p.text, "Read also"));
    sr_html_page_free(&p);
}

static void test_pubdate(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } rows[] = {
        {"2025-06-02", "2025-06-02"},
        {"2025-06-02T23:10:00+02:00", "2025-06-02"},
        {"Mon, 02 Jun 2025 10:00:00 GMT", "2025-06-02"},
        {"2 Jun 2025", "2025-06-02"},
        {"01 June 2025", "2025-06-01"},
        {"Sun, 11 May 25 18:00:00 +0000", "2025-05-11"},
        {"2025-02-30", NULL},
        {"yesterday", NULL},
        {"", NULL},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char out[11];
        int rc = sr_parse_pubdate(rows[i].in, out);
        if (rows[i].out) {
            assert_int_equal(rc, SR_OK);
            assert_string_equal(out, rows[i].out);
        } else
            assert_int_equal(rc, SR_ERR_FORMAT);
    }
}

static void test_fragment(void **state)
{
    (void)state;
    char *t;
    size_t n;
    const char *frag = "<p>Army says <b>20</b> killed.</p><p>Second &amp; last.</p>";
    assert_int_equal(sr_html_fragment_text(frag, strlen(frag), &t, &n, NULL), SR_OK);
    assert_string_equal(t, "Army says 20 killed.\n\nSecond & last.");
    free(t);
    assert_int_equal(sr_html_fragment_text("plain words", 11, &t, &n, NULL), SR_OK);
    assert_string_equal(t, "plain words");
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pages),      cmocka_unit_test(test_empty_page),
        cmocka_unit_test(test_latin1_page),
        cmocka_unit_test(test_fixture_page), cmocka_unit_test(test_pubdate),
        cmocka_unit_test(test_fragment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
