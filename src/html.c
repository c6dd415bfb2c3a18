/* html.c — the article in a web page (see html.h). */
#include "date.h"
#include "html.h"
#include "text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

/* ---- a growing text buffer ---------------------------------------------------- */

typedef struct tbuf {
    char *s;
    size_t n, cap;
    int oom;
    int pending; /* 0 none, 1 space, 2 newline, 3 blank line */
} tbuf;

static void tb_raw(tbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *p = realloc(b->s, cap);
        if (!p) {
            b->oom = 1;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static void tb_break(tbuf *b, int level)
{
    if (level > b->pending)
        b->pending = level;
}

/* Appends text with runs of white space collapsed to one space. */
static void tb_text(tbuf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        if (isspace(*p)) {
            tb_break(b, 1);
            p++;
            continue;
        }
        /* U+00A0 no-break space */
        if (p[0] == 0xC2 && p[1] == 0xA0) {
            tb_break(b, 1);
            p += 2;
            continue;
        }
        if (b->pending && b->n > 0) {
            static const char *const seps[] = {"", " ", "\n", "\n\n"};
            tb_raw(b, seps[b->pending], strlen(seps[b->pending]));
        }
        b->pending = 0;
        const unsigned char *q = p;
        while (*q && !isspace(*q) && !(q[0] == 0xC2 && q[1] == 0xA0))
            q++;
        tb_raw(b, (const char *)p, (size_t)(q - p));
        p = q;
    }
}

/* ---- what to drop --------------------------------------------------------------- */

static int name_is(const xmlNode *n, const char *name)
{
    return n->name && strcasecmp((const char *)n->name, name) == 0;
}

static const char *const drop_elements[] = {
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form",
    "button", "iframe", "svg", "template", "select", "textarea", "figure", "menu",
    "dialog", "object", "embed", "canvas", "video", "audio", "input", "label", NULL};

static const char *const drop_words[] = {
    "share", "social", "related", "comment", "newsletter", "promo", "advert", "cookie",
    "breadcrumb", "sidebar", "subscribe", "footer", "navbar", "nav-", "menu", "popular",
    "recommend", "read-more", "readmore", "tags", "byline-share", "sponsor", "signup",
    "more-stories", "trending", "outbrain", "taboola", "caption", "credit", NULL};

static const char *const drop_roles[] = {"navigation", "banner", "contentinfo", "complementary",
                                         "search", "menu", "dialog", NULL};

static int attr_has_word(const xmlNode *n, const char *attr, const char *const *words)
{
    xmlChar *v = xmlGetProp((xmlNode *)n, (const xmlChar *)attr);
    if (!v)
        return 0;
    int hit = 0;
    char low[256];
    size_t i = 0;
    for (; v[i] && i + 1 < sizeof low; i++)
        low[i] = (char)tolower(v[i]);
    low[i] = '\0';
    for (size_t k = 0; words[k] && !hit; k++)
        hit = strstr(low, words[k]) != NULL;
    xmlFree(v);
    return hit;
}

static int role_is(const xmlNode *n, const char *const *roles)
{
    xmlChar *v = xmlGetProp((xmlNode *)n, (const xmlChar *)"role");
    if (!v)
        return 0;
    int hit = 0;
    for (size_t k = 0; roles[k] && !hit; k++)
        hit = strcasecmp((const char *)v, roles[k]) == 0;
    xmlFree(v);
    return hit;
}

/* Bytes of text under n, and of text inside links. */
static void text_weight(const xmlNode *n, int in_link, size_t *all, size_t *linked)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content) {
            size_t k = 0;
            for (const xmlChar *p = c->content; *p; p++)
                k += !isspace(*p);
            *all += k;
            if (in_link)
                *linked += k;
        } else if (c->type == XML_ELEMENT_NODE) {
            text_weight(c, in_link || name_is(c, "a"), all, linked);
        }
    }
}

static int should_drop(const xmlNode *n)
{
    for (size_t k = 0; drop_elements[k]; k++)
        if (name_is(n, drop_elements[k]))
            return 1;
    if (role_is(n, drop_roles))
        return 1;
    if (attr_has_word(n, "class", drop_words) || attr_has_word(n, "id", drop_words))
        return 1;
    xmlChar *hidden = xmlGetProp((xmlNode *)n, (const xmlChar *)"hidden");
    if (hidden) {
        xmlFree(hidden);
        return 1;
    }
    /* Link lists: lists, and short blocks and paragraphs made mostly of
     * links ("Read also: ..."). */
    if (name_is(n, "ul") || name_is(n, "ol") || name_is(n, "div") || name_is(n, "section") ||
        name_is(n, "p") || name_is(n, "li")) {
        size_t all = 0, linked = 0;
        text_weight(n, 0, &all, &linked);
        if (all > 0 && linked * 10 >= all * 7 && (name_is(n, "ul") || name_is(n, "ol") ||
                                                  all < 400))
            return 1;
    }
    return 0;
}

static int block_level(const xmlNode *n)
{
    static const char *const para[] = {"p", "h1", "h2", "h3", "h4", "h5", "h6",
                                       "blockquote", "pre", "table", "ul", "ol", "dl", NULL};
    static const char *const line[] = {"br", "div", "li", "tr", "section", "article",
                                       "main", "dd", "dt", "hr", "address", NULL};
    for (size_t k = 0; para[k]; k++)
        if (name_is(n, para[k]))
            return 3;
    for (size_t k = 0; line[k]; k++)
        if (name_is(n, line[k]))
            return 2;
    return 0;
}

static void collect_text(const xmlNode *n, tbuf *b, int depth)
{
    if (depth > 200)
        return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                tb_text(b, (const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE) {
            if (should_drop(c))
                continue;
            int lvl = block_level(c);
            if (lvl)
                tb_break(b, lvl);
            collect_text(c, b, depth + 1);
            if (lvl)
                tb_break(b, lvl);
        }
    }
}

/* ---- finding things -------------------------------------------------------------- */

static const xmlNode *find_first(const xmlNode *n, const char *name, int depth)
{
    for (const xmlNode *c = n; c && depth < 200; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (name_is(c, name))
            return c;
        const xmlNode *r = find_first(c->children, name, depth + 1);
        if (r)
            return r;
    }
    return NULL;
}

/* The <article> with the most text (pages may hold teasers as articles). */
static void find_article(const xmlNode *n, const xmlNode **best, size_t *best_len, int depth)
{
    for (const xmlNode *c = n; c && depth < 200; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (name_is(c, "article")) {
            size_t all = 0, linked = 0;
            text_weight(c, 0, &all, &linked);
            if (all - linked > *best_len) {
                *best_len = all - linked;
                *best = c;
            }
            continue;
        }
        find_article(c->children, best, best_len, depth + 1);
    }
}

static char *xdup(const xmlChar *s)
{
    return s ? strdup((const char *)s) : NULL;
}

static void trim_inplace(char *s)
{
    if (!s)
        return;
    size_t n = strlen(s), i = 0;
    while (i < n && isspace((unsigned char)s[i]))
        i++;
    while (n > i && isspace((unsigned char)s[n - 1]))
        n--;
    memmove(s, s + i, n - i);
    s[n - i] = '\0';
}

static const char *const month_names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec"};

static int valid_ymd(int y, int m, int d)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= mdays[m - 1] &&
           !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

int sr_parse_pubdate(const char *s, char out[11])
{
    if (!s)
        return SR_ERR_FORMAT;
    while (isspace((unsigned char)*s))
        s++;
    int y, m, d;
    if (isdigit((unsigned char)s[0]) && strlen(s) >= 10 && s[4] == '-' && s[7] == '-') {
        if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3 && valid_ymd(y, m, d)) {
            sr_date_format(sr_days_from_civil(y, m, d), out);
            return SR_OK;
        }
        return SR_ERR_FORMAT;
    }
    /* RFC 822: [Day,] DD Mon YYYY; also "01 June 2025" */
    const char *p = strchr(s, ',');
    p = p ? p + 1 : s;
    char mon[16] = "";
    if (sscanf(p, "%d %15[A-Za-z] %d", &d, mon, &y) == 3) {
        for (m = 0; m < 12; m++)
            if (strncasecmp(mon, month_names[m], 3) == 0)
                break;
        if (y < 100)
            y += 2000;
        if (m < 12 && valid_ymd(y, m + 1, d)) {
            sr_date_format(sr_days_from_civil(y, m + 1, d), out);
            return SR_OK;
        }
    }
    return SR_ERR_FORMAT;
}

typedef struct head_info {
    char *title, *published, *url, *site;
    char *og_title;
} head_info;

static void set_once(char **dst, const xmlChar *v)
{
    if (!*dst && v && *v)
        *dst = xdup(v);
}

static void set_date_once(char **dst, const char *v)
{
    char d[11];
    if (!*dst && v && sr_parse_pubdate(v, d) == SR_OK)
        *dst = strdup(d);
}

static void json_ld_date(const char *s, char **dst)
{
    const char *k = strstr(s, "\"datePublished\"");
    if (!k)
        return;
    k = strchr(k + 15, '"');
    if (k)
        set_date_once(dst, k + 1);
}

static void scan_head(const xmlNode *n, head_info *h, int depth)
{
    for (const xmlNode *c = n; c && depth < 200; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (name_is(c, "meta")) {
            xmlChar *prop = xmlGetProp((xmlNode *)c, (const xmlChar *)"property");
            xmlChar *name = xmlGetProp((xmlNode *)c, (const xmlChar *)"name");
            xmlChar *ip = xmlGetProp((xmlNode *)c, (const xmlChar *)"itemprop");
            xmlChar *content = xmlGetProp((xmlNode *)c, (const xmlChar *)"content");
            const char *key = prop ? (const char *)prop
                              : name ? (const char *)name
                                     : ip ? (const char *)ip : "";
            if (content) {
                if (!strcasecmp(key, "og:title"))
                    set_once(&h->og_title, content);
                else if (!strcasecmp(key, "og:url"))
                    set_once(&h->url, content);
                else if (!strcasecmp(key, "og:site_name"))
                    set_once(&h->site, content);
                else if (!strcasecmp(key, "article:published_time") ||
                         !strcasecmp(key, "datePublished") || !strcasecmp(key, "date") ||
                         !strcasecmp(key, "pubdate") || !strcasecmp(key, "publish-date") ||
                         !strcasecmp(key, "dc.date") || !strcasecmp(key, "dc.date.issued") ||
                         !strcasecmp(key, "sailthru.date") || !strcasecmp(key, "parsely-pub-date"))
                    set_date_once(&h->published, (const char *)content);
            }
            xmlFree(prop);
            xmlFree(name);
            xmlFree(ip);
            xmlFree(content);
        } else if (name_is(c, "title") && !h->title) {
            xmlChar *t = xmlNodeGetContent(c);
            set_once(&h->title, t);
            xmlFree(t);
        } else if (name_is(c, "link")) {
            xmlChar *rel = xmlGetProp((xmlNode *)c, (const xmlChar *)"rel");
            if (rel && !strcasecmp((const char *)rel, "canonical")) {
                xmlChar *href = xmlGetProp((xmlNode *)c, (const xmlChar *)"href");
                set_once(&h->url, href);
                xmlFree(href);
            }
            xmlFree(rel);
        } else if (name_is(c, "script")) {
            xmlChar *type = xmlGetProp((xmlNode *)c, (const xmlChar *)"type");
            if (type && strstr((const char *)type, "ld+json")) {
                xmlChar *t = xmlNodeGetContent(c);
                if (t)
                    json_ld_date((const char *)t, &h->published);
                xmlFree(t);
            }
            xmlFree(type);
        }
        if (!name_is(c, "script") && !name_is(c, "style"))
            scan_head(c->children, h, depth + 1);
    }
}

/* ---- entry points ------------------------------------------------------------------- */

/* Pages that are valid UTF-8 are read as UTF-8 whatever they declare; any
 * other page is decoded by its declared charset (Latin-1 when none), and the
 * tree, and so the text, is UTF-8 either way. */
static htmlDocPtr parse(const char *buf, size_t n)
{
    if (n > (size_t)0x7fffffff)
        return NULL;
    size_t bad;
    const char *enc = sr_utf8_validate(buf, n, &bad) == SR_OK ? "UTF-8" : NULL;
    return htmlReadMemory(buf, (int)n, NULL, enc,
                          HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                              HTML_PARSE_NONET | HTML_PARSE_NOBLANKS);
}

void sr_html_page_free(sr_html_page *p)
{
    if (!p)
        return;
    free(p->title);
    free(p->published);
    free(p->url);
    free(p->site);
    free(p->text);
    memset(p, 0, sizeof *p);
}

int sr_html_extract(const char *buf, size_t n, sr_html_page *out, sr_error *err)
{
    memset(out, 0, sizeof *out);
    htmlDocPtr doc = parse(buf, n);
    const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        if (doc)
            xmlFreeDoc(doc);
        return sr_error_set(err, SR_ERR_FORMAT, "not parseable as HTML");
    }
    head_info h = {0};
    scan_head(root, &h, 0);
    const xmlNode *body = NULL;
    size_t best = 0;
    find_article(root, &body, &best, 0);
    if (!body)
        body = find_first(root, "main", 0);
    if (!body)
        body = find_first(root, "body", 0);
    if (!body)
        body = root;
    /* The publication date: the head's metadata first, else the first
     * <time datetime> of the article, else of the page. */
    for (int pass = 0; pass < 2 && !h.published; pass++) {
        const xmlNode *t = find_first(pass ? root : body->children, "time", 0);
        xmlChar *dt = t ? xmlGetProp((xmlNode *)t, (const xmlChar *)"datetime") : NULL;
        if (dt)
            set_date_once(&h.published, (const char *)dt);
        xmlFree(dt);
    }
    tbuf b = {0};
    collect_text(body, &b, 0);
    if (!h.og_title) {
        const xmlNode *h1 = find_first(root, "h1", 0);
        if (h1 && !h.title) {
            xmlChar *t = xmlNodeGetContent(h1);
            set_once(&h.title, t);
            xmlFree(t);
        }
    }
    xmlFreeDoc(doc);
    out->title = h.og_title ? h.og_title : h.title;
    if (h.og_title)
        free(h.title);
    trim_inplace(out->title);
    out->published = h.published;
    out->url = h.url;
    out->site = h.site;
    if (b.oom) {
        free(b.s);
        sr_html_page_free(out);
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    }
    out->text = b.s ? b.s : strdup("");
    out->text_len = b.n;
    if (!out->text) {
        sr_html_page_free(out);
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    }
    if (b.n == 0)
        return sr_error_set(err, SR_ERR_EMPTY, "no article text in the page");
    return SR_OK;
}

int sr_html_fragment_text(const char *buf, size_t n, char **out, size_t *len, sr_error *err)
{
    *out = NULL;
    *len = 0;
    /* Wrapped so a bare fragment parses as body content. */
    static const char pre[] = "<html><body><div>", post[] = "</div></body></html>";
    size_t total = sizeof pre - 1 + n + sizeof post - 1;
    char *wrapped = malloc(total + 1);
    if (!wrapped)
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    memcpy(wrapped, pre, sizeof pre - 1);
    memcpy(wrapped + sizeof pre - 1, buf, n);
    memcpy(wrapped + sizeof pre - 1 + n, post, sizeof post);
    htmlDocPtr doc = parse(wrapped, total);
    free(wrapped);
    const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    tbuf b = {0};
    if (root) {
        const xmlNode *body = find_first(root, "body", 0);
        collect_text(body ? body : root, &b, 0);
    }
    if (doc)
        xmlFreeDoc(doc);
    if (b.oom) {
        free(b.s);
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    }
    *out = b.s ? b.s : strdup("");
    if (!*out)
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    *len = b.n;
    return SR_OK;
}
