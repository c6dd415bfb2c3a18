/*
 * feed.h — RSS 2.0 and Atom feeds.
 *
 * A feed is parsed as XML (libxml2, no network, no entity expansion from
 * outside); something that is not well-formed XML, or XML whose root is not
 * <rss>, <rdf:RDF> or <feed>, is an error.  Each <item> or <entry> becomes
 * one item: link (Atom: the rel="alternate" link, else the first), title,
 * publication day (pubDate, dc:date, published, updated), an id (guid or
 * Atom id) and the text of the richest body (content:encoded or content,
 * else description or summary) with its HTML stripped (see html.h).
 */
#ifndef SR_FEED_H
#define SR_FEED_H

#include <stddef.h>

#include "sitrep.h"

typedef struct sr_feed_item {
    char *id, *link, *title, *published; /* NULL when absent; published YYYY-MM-DD */
    char *text;                          /* never NULL */
    size_t text_len;
} sr_feed_item;

typedef struct sr_feed {
    int atom;         /* 1 Atom, 0 RSS */
    char *title;      /* channel or feed title, or NULL */
    char *published;  /* the feed's own date (lastBuildDate, updated), or NULL */
    sr_feed_item *items;
    size_t n_items;
} sr_feed;

/* Parses buf[0..n).  SR_ERR_FORMAT (err says why and where) when it is not
 * a feed.  Free *out with sr_feed_free(). */
int sr_feed_parse(const char *buf, size_t n, sr_feed **out, sr_error *err);
void sr_feed_free(sr_feed *f);

#endif
