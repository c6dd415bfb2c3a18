/* feed.c — RSS 2.0 and Atom feeds (see feed.h). */
#include "feed.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "html.h"

static int is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->name &&
           strcmp((const char *)n->name, name) == 0;
}

static int in_ns(const xmlNode *n, const char *prefix)
{
    return n->ns && n->ns->prefix && strcmp((const char *)n->ns->prefix, prefix) == 0;
}

static char *content_of(const xmlNode *n)
{
    xmlChar *c = xmlNodeGetContent(n);
    char *s = c ? strdup((const char *)c) : NULL;
    xmlFree(c);
    return s;
}

static void set_text(char **dst, const xmlNode *n)
{
    if (*dst)
        return;
    char *s = content_of(n);
    if (s) {
        /* collapse white space */
        size_t o = 0;
        int sp = 0;
        for (size_t i = 0; s[i]; i++) {
            if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
                sp = o > 0;
                continue;
            }
            if (sp)
                s[o++] = ' ';
            sp = 0;
            s[o++] = s[i];
        }
        s[o] = '\0';
        if (!*s) {
            free(s);
            s = NULL;
        }
    }
    *dst = s;
}

static void set_date(char **dst, const xmlNode *n)
{
    if (*dst)
        return;
    char *s = content_of(n);
    char d[11];
    if (s && sr_parse_pubdate(s, d) == SR_OK)
        *dst = strdup(d);
    free(s);
}

static void free_item(sr_feed_item *it)
{
    free(it->id);
    free(it->link);
    free(it->title);
    free(it->published);
    free(it->text);
}

void sr_feed_free(sr_feed *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n_items; i++)
        free_item(&f->items[i]);
    free(f->items);
    free(f->title);
    free(f->published);
    free(f);
}

/* Reads one <item> or <entry>. */
static int read_item(const xmlNode *it, int atom, sr_feed_item *out, sr_error *err)
{
    memset(out, 0, sizeof *out);
    char *rich = NULL, *plain = NULL;
    for (const xmlNode *c = it->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is(c, "title"))
            set_text(&out->title, c);
        else if (is(c, "link")) {
            if (atom) {
                xmlChar *rel = xmlGetProp((xmlNode *)c, (const xmlChar *)"rel");
                xmlChar *href = xmlGetProp((xmlNode *)c, (const xmlChar *)"href");
                if (href && (!rel || !strcmp((const char *)rel, "alternate"))) {
                    free(out->link);
                    out->link = strdup((const char *)href);
                } else if (href && !out->link)
                    out->link = strdup((const char *)href);
                xmlFree(rel);
                xmlFree(href);
            } else
                set_text(&out->link, c);
        } else if (is(c, "guid") || is(c, "id"))
            set_text(&out->id, c);
        else if (is(c, "pubDate") || is(c, "published") || (is(c, "date") && in_ns(c, "dc")))
            set_date(&out->published, c);
        else if (is(c, "updated"))
            set_date(&out->published, c);
        else if ((is(c, "encoded") && in_ns(c, "content")) || (atom && is(c, "content"))) {
            if (!rich)
                rich = content_of(c);
        } else if (is(c, "description") || is(c, "summary")) {
            if (!plain)
                plain = content_of(c);
        }
    }
    const char *body = rich && *rich ? rich : plain ? plain : "";
    int rc = sr_html_fragment_text(body, strlen(body), &out->text, &out->text_len, err);
    free(rich);
    free(plain);
    if (rc) {
        free_item(out);
        memset(out, 0, sizeof *out);
    }
    return rc;
}

int sr_feed_parse(const char *buf, size_t n, sr_feed **out, sr_error *err)
{
    *out = NULL;
    if (n > (size_t)0x7fffffff)
        return sr_error_set(err, SR_ERR_TOOBIG, "feed larger than 2 GB");
    xmlDocPtr doc = xmlReadMemory(buf, (int)n, NULL, NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                      XML_PARSE_NOCDATA);
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        if (e && e->message) {
            char msg[200];
            snprintf(msg, sizeof msg, "%s", e->message);
            size_t k = strlen(msg);
            while (k > 0 && (msg[k - 1] == '\n' || msg[k - 1] == ' '))
                msg[--k] = '\0';
            return sr_error_set(err, SR_ERR_FORMAT, "not a well-formed XML feed (line %d: %s)",
                                e->line, msg);
        }
        return sr_error_set(err, SR_ERR_FORMAT, "not a well-formed XML feed");
    }
    const xmlNode *root = xmlDocGetRootElement(doc);
    int atom;
    if (root && is(root, "feed"))
        atom = 1;
    else if (root && (is(root, "rss") || is(root, "RDF")))
        atom = 0;
    else {
        int rc = sr_error_set(err, SR_ERR_FORMAT, "XML but not an RSS or Atom feed (root <%.40s>)",
                              root && root->name ? (const char *)root->name : "none");
        xmlFreeDoc(doc);
        return rc;
    }
    sr_feed *f = calloc(1, sizeof *f);
    if (!f) {
        xmlFreeDoc(doc);
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    }
    f->atom = atom;
    int rc = SR_OK;
    size_t cap = 0;
    /* RSS 2.0: rss/channel/item; RSS 1.0: RDF/item and RDF/channel; Atom: feed/entry. */
    const xmlNode *containers[2] = {root, NULL};
    for (const xmlNode *c = root->children; c; c = c->next)
        if (is(c, "channel"))
            containers[1] = c;
    for (int k = 0; k < 2 && !rc; k++) {
        if (!containers[k])
            continue;
        for (const xmlNode *c = containers[k]->children; c && !rc; c = c->next) {
            if (is(c, "title"))
                set_text(&f->title, c);
            else if (is(c, "lastBuildDate") || is(c, "pubDate") || is(c, "updated") ||
                     (is(c, "date") && in_ns(c, "dc")))
                set_date(&f->published, c);
            else if (is(c, atom ? "entry" : "item")) {
                if (f->n_items == cap) {
                    cap = cap ? cap * 2 : 16;
                    sr_feed_item *v = realloc(f->items, cap * sizeof *v);
                    if (!v) {
                        rc = sr_error_set(err, SR_ERR_NOMEM, "out of memory");
                        break;
                    }
                    f->items = v;
                }
                rc = read_item(c, atom, &f->items[f->n_items], err);
                if (!rc)
                    f->n_items++;
            }
        }
    }
    xmlFreeDoc(doc);
    if (rc) {
        sr_feed_free(f);
        return rc;
    }
    *out = f;
    return SR_OK;
}
