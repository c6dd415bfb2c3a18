/*
 * html.h — the article in a web page.
 *
 * Parses a page with libxml2's HTML parser (which recovers from broken
 * markup) and keeps what a reader would call the article: the text of
 * <article> (else <main>, else <body>), without navigation, scripts, styles,
 * headers and footers, asides, forms, comments, share buttons, "related"
 * link lists, newsletter and cookie boxes (recognised by element, by ARIA
 * role and by class/id words), and lists whose text is mostly links.  Block
 * elements become line breaks; paragraphs are separated by a blank line.
 *
 * From the head it takes the title (og:title, else <title>, else the first
 * <h1>), the publication day (article:published_time, other date metas,
 * itemprop="datePublished", the first <time datetime>, JSON-LD
 * "datePublished"), the canonical URL and the site name.
 */
#ifndef SR_HTML_H
#define SR_HTML_H

#include <stddef.h>

#include "sitrep.h"

/* What a page gives.  Every string is owned by the struct (NULL when the page
 * has none, except text which is always set); free with sr_html_page_free(). */
typedef struct sr_html_page {
    char *title;
    char *published; /* YYYY-MM-DD */
    char *url;
    char *site;
    char *text;
    size_t text_len;
} sr_html_page;

/* Extracts the article from buf[0..n).  SR_ERR_FORMAT when nothing could be
 * parsed, SR_ERR_EMPTY when the page holds no article text. */
int sr_html_extract(const char *buf, size_t n, sr_html_page *out, sr_error *err);
void sr_html_page_free(sr_html_page *p);

/* The text of an HTML fragment (a feed item's description): tags removed,
 * entities decoded, blocks as line breaks.  *out is malloc'd (caller frees). */
int sr_html_fragment_text(const char *buf, size_t n, char **out, size_t *len, sr_error *err);

/* Writes YYYY-MM-DD into out[11] from an ISO 8601 date or timestamp or an
 * RFC 822 date ("Mon, 02 Jun 2025 10:00:00 GMT"); SR_ERR_FORMAT otherwise. */
int sr_parse_pubdate(const char *s, char out[11]);

#endif
