/* event_json.c — coded events as JSON (see event_json.h).
 *
 * The line is written straight into a byte buffer, in the form jansson's
 * json_dumps(..., SR_JSON_LINE_FLAGS) gives (", " and ": " separators, keys
 * in order, strings escaped as jansson escapes them, reals as its "%.8g"
 * with ".0" or a shortened exponent): building a tree of jansson values per
 * event and dumping it cost more than the rest of the output path together.
 * The json_t forms are parsed back from that line, so there is one writer. */
#include "event_json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonl.h"
#include "lexicon.h"

/* ---- the byte buffer ---------------------------------------------------- */

/* Alias lists as written, by actor: a direct-mapped table keyed by lexicon
 * id and the name the event gives (an alias equal to the name is left out,
 * so the list depends on both). */
enum { ALIAS_SLOTS = 256 };

typedef struct alias_entry {
    uint32_t lex_id; /* SR_NO_ID: empty */
    char name[SR_NAME_MAX];
    char *json; /* the list's bytes between the brackets */
    size_t len;
} alias_entry;

struct sr_json_alias_cache {
    const sr_lexicon *lex; /* the entries come from this lexicon */
    alias_entry e[ALIAS_SLOTS];
};

static void alias_cache_clear(sr_json_alias_cache *c, const sr_lexicon *lex)
{
    for (size_t i = 0; i < ALIAS_SLOTS; i++) {
        free(c->e[i].json);
        c->e[i].json = NULL;
        c->e[i].len = 0;
        c->e[i].lex_id = SR_NO_ID;
    }
    c->lex = lex;
}

void sr_json_buf_free(sr_json_buf *b)
{
    if (!b)
        return;
    free(b->data);
    if (b->aliases) {
        alias_cache_clear(b->aliases, NULL);
        free(b->aliases);
    }
    b->data = NULL;
    b->aliases = NULL;
    b->len = b->cap = 0;
}

/* Room for extra more bytes (and a NUL); zero when memory ran out, which
 * is remembered in *bad so that one check at the end covers a whole line. */
static int room(sr_json_buf *b, size_t extra, int *bad)
{
    if (*bad)
        return 0;
    if (extra < b->cap - b->len)
        return 1;
    if (extra > SIZE_MAX / 2 - b->len) {
        *bad = 1;
        return 0;
    }
    size_t cap = b->cap ? b->cap : 4096;
    while (cap - b->len <= extra)
        cap *= 2;
    char *nd = realloc(b->data, cap);
    if (!nd) {
        *bad = 1;
        return 0;
    }
    b->data = nd;
    b->cap = cap;
    return 1;
}

static void put_raw(sr_json_buf *b, const char *s, size_t n, int *bad)
{
    if (!room(b, n, bad))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
}

#define PUT_LIT(b, lit, bad) put_raw((b), (lit), sizeof(lit) - 1, (bad))


/* s[0..n), valid UTF-8, as a quoted JSON string. */
static void put_str(sr_json_buf *b, const char *s, size_t n, int *bad)
{
    if (!room(b, n * 6 + 2, bad)) /* six bytes a byte at worst (a control) */
        return;
    char *o = b->data + b->len;
    *o++ = '"';
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!sr_json_special[c])
            continue;
        memcpy(o, s + run, i - run);
        o += i - run;
        run = i + 1;
        *o++ = '\\';
        switch (c) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '\b': *o++ = 'b'; break;
        case '\f': *o++ = 'f'; break;
        case '\n': *o++ = 'n'; break;
        case '\r': *o++ = 'r'; break;
        case '\t': *o++ = 't'; break;
        default: {
            static const char hex[] = "0123456789ABCDEF";
            *o++ = 'u';
            *o++ = '0';
            *o++ = '0';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        }
        }
    }
    memcpy(o, s + run, n - run);
    o += n - run;
    *o++ = '"';
    b->len = (size_t)(o - b->data);
}

/* A string field, or null when empty.  Fixed-size fields filled by the
 * extractor may end in a cut character: the valid prefix is kept. */
static void put_str_or_null(sr_json_buf *b, const char *s, int *bad)
{
    if (!s || !*s) {
        PUT_LIT(b, "null", bad);
        return;
    }
    size_t n = strlen(s), cut;
    if (sr_jsonl_check_text(s, n, &cut, NULL) != SR_OK)
        n = cut;
    put_str(b, s, n, bad);
}

static void put_int(sr_json_buf *b, long long v, int *bad)
{
    char tmp[24];
    char *e = tmp + sizeof tmp, *p = e;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    put_raw(b, p, (size_t)(e - p), bad);
}

static void put_int_or_null(sr_json_buf *b, int v, int *bad)
{
    if (v > 0)
        put_int(b, v, bad);
    else
        PUT_LIT(b, "null", bad);
}

/* A finite real as jansson prints it with JSON_REAL_PRECISION(8): "%.8g",
 * ".0" added when that has neither a point nor an exponent, and the
 * exponent without its sign '+' or leading zeros; null otherwise. */
static void put_real_or_null(sr_json_buf *b, double v, int *bad)
{
    if (!isfinite(v)) {
        PUT_LIT(b, "null", bad);
        return;
    }
    char tmp[48];
    int n = snprintf(tmp, sizeof tmp - 3, "%.8g", v);
    if (n <= 0 || (size_t)n >= sizeof tmp - 3) {
        *bad = 1;
        return;
    }
    size_t len = (size_t)n;
    for (size_t i = 0; i < len; i++)
        if (tmp[i] == ',') /* a locale's decimal comma */
            tmp[i] = '.';
    char *e = memchr(tmp, 'e', len);
    if (!e && !memchr(tmp, '.', len)) {
        tmp[len++] = '.';
        tmp[len++] = '0';
    }
    if (e) {
        char *start = e + 1, *end = e + 2;
        if (*start == '-')
            start++;
        while (*end == '0')
            end++;
        if (end != start) {
            memmove(start, end, len - (size_t)(end - tmp));
            len -= (size_t)(end - start);
        }
    }
    put_raw(b, tmp, len, bad);
}

/* ---- events --------------------------------------------------------------- */

int sr_span_resolve(const sr_doc *doc, sr_span sp, const char **field, const char **s,
                    size_t *len, size_t *off_start, size_t *off_end)
{
    const char *base;
    size_t blen, st, en;
    if (sp.start >= SR_TITLE_OFFSET) {
        if (!doc->title || sp.end < SR_TITLE_OFFSET)
            return SR_ERR_ARG;
        base = doc->title;
        blen = strlen(doc->title);
        st = sp.start - SR_TITLE_OFFSET;
        en = sp.end - SR_TITLE_OFFSET;
        *field = "title";
    } else {
        if (!doc->text)
            return SR_ERR_ARG;
        base = doc->text;
        blen = doc->text_len;
        st = sp.start;
        en = sp.end;
        *field = "text";
    }
    if (st > en || en > blen)
        return SR_ERR_ARG;
    while (st > 0 && ((unsigned char)base[st] & 0xC0) == 0x80)
        st--;
    while (en < blen && ((unsigned char)base[en] & 0xC0) == 0x80)
        en++;
    *s = base + st;
    *len = en - st;
    *off_start = st;
    *off_end = en;
    return SR_OK;
}

/* {"field": ..., "start": ..., "end": ..., "text": ...} for a span; zero
 * (nothing written) when it lies outside the document. */
static int put_span(sr_json_buf *b, const sr_doc *doc, sr_span sp, int *bad)
{
    const char *field, *s;
    size_t len, st, en;
    if (sr_span_resolve(doc, sp, &field, &s, &len, &st, &en) != SR_OK)
        return 0;
    PUT_LIT(b, "{\"field\": ", bad);
    put_str(b, field, strlen(field), bad);
    PUT_LIT(b, ", \"start\": ", bad);
    put_int(b, (long long)st, bad);
    PUT_LIT(b, ", \"end\": ", bad);
    put_int(b, (long long)en, bad);
    PUT_LIT(b, ", \"text\": ", bad);
    size_t cut;
    if (sr_jsonl_check_text(s, len, &cut, NULL) != SR_OK)
        len = cut; /* the document is checked when read; this keeps the line valid */
    put_str(b, s, len, bad);
    PUT_LIT(b, "}", bad);
    return 1;
}

static void put_actor(sr_json_buf *b, const sr_actor_ref *a, const sr_lexicon *lex, int *bad)
{
    if (a->name[0] == '\0') {
        PUT_LIT(b, "null", bad);
        return;
    }
    PUT_LIT(b, "{\"name\": ", bad);
    put_str_or_null(b, a->name, bad);
    PUT_LIT(b, ", \"aliases\": [", bad);
    sr_actor_info info;
    if (lex && a->lex_id != SR_NO_ID && sr_lexicon_actor(lex, a->lex_id, &info) == SR_OK) {
        /* the list written before for this actor and name, if any */
        if (!b->aliases && (b->aliases = calloc(1, sizeof *b->aliases)) != NULL)
            alias_cache_clear(b->aliases, lex);
        alias_entry *ce = NULL;
        if (b->aliases) {
            if (b->aliases->lex != lex)
                alias_cache_clear(b->aliases, lex);
            ce = &b->aliases->e[(a->lex_id * 2654435761u) >> 24];
            if (ce->lex_id == a->lex_id && ce->json && strcmp(ce->name, a->name) == 0) {
                put_raw(b, ce->json, ce->len, bad);
                goto aliases_done;
            }
        }
        size_t start = b->len;
        int first = 1;
        for (uint32_t i = 0; i < info.n_aliases; i++) {
            const char *al = sr_lexicon_actor_alias(lex, a->lex_id, i);
            if (!al || !*al || strcmp(al, a->name) == 0)
                continue;
            if (!first)
                PUT_LIT(b, ", ", bad);
            first = 0;
            put_str_or_null(b, al, bad);
        }
        size_t n = strlen(a->name);
        char *copy = ce && !*bad && n < sizeof ce->name ? malloc(b->len - start + 1) : NULL;
        if (copy) {
            memcpy(copy, b->data + start, b->len - start);
            free(ce->json);
            ce->json = copy;
            ce->len = b->len - start;
            ce->lex_id = a->lex_id;
            memcpy(ce->name, a->name, n + 1);
        }
    }
aliases_done:
    PUT_LIT(b, "], \"type\": ", bad);
    put_int_or_null(b, a->inter, bad);
    PUT_LIT(b, "}", bad);
}

static void put_event(sr_json_buf *b, const sr_event *ev, const sr_doc *doc,
                      const sr_lexicon *lex, int *bad)
{
    PUT_LIT(b, "{\"event_date\": ", bad);
    put_str_or_null(b, ev->event_date, bad);
    PUT_LIT(b, ", \"date_precision\": ", bad);
    put_int_or_null(b, ev->date_precision, bad);
    PUT_LIT(b, ", \"event_type\": ", bad);
    put_str_or_null(b, ev->event_type, bad);
    PUT_LIT(b, ", \"sub_event_type\": ", bad);
    put_str_or_null(b, ev->sub_event_type, bad);
    PUT_LIT(b, ", \"actor1\": ", bad);
    put_actor(b, &ev->actor1, lex, bad);
    PUT_LIT(b, ", \"actor2\": ", bad);
    put_actor(b, &ev->actor2, lex, bad);
    PUT_LIT(b, ", \"country\": ", bad);
    put_str_or_null(b, ev->country, bad);
    PUT_LIT(b, ", \"admin1\": ", bad);
    put_str_or_null(b, ev->admin1, bad);
    PUT_LIT(b, ", \"location\": ", bad);
    put_str_or_null(b, ev->location, bad);
    PUT_LIT(b, ", \"geo_precision\": ", bad);
    put_int_or_null(b, ev->geo_precision, bad);
    PUT_LIT(b, ", \"fatalities\": ", bad);
    put_int(b, ev->fatalities, bad);
    PUT_LIT(b, ", \"fatalities_low\": ", bad);
    put_int(b, ev->fatalities_low, bad);
    PUT_LIT(b, ", \"fatalities_high\": ", bad);
    put_int(b, ev->fatalities_high, bad);
    PUT_LIT(b, ", \"status\": ", bad);
    put_str_or_null(b, sr_status_name(ev->status), bad);
    PUT_LIT(b, ", \"claimed_by\": ", bad);
    put_str_or_null(b, ev->claimed_by, bad);
    PUT_LIT(b, ", \"latitude\": ", bad);
    put_real_or_null(b, ev->latitude, bad);
    PUT_LIT(b, ", \"longitude\": ", bad);
    put_real_or_null(b, ev->longitude, bad);
    PUT_LIT(b, ", \"cameo\": ", bad);
    put_str_or_null(b, ev->cameo, bad);

    PUT_LIT(b, ", \"evidence\": [", bad);
    int n_ev = ev->n_evidence < 0 ? 0
               : ev->n_evidence > SR_MAX_EVIDENCE ? SR_MAX_EVIDENCE : ev->n_evidence;
    int first = 1;
    for (int i = 0; i < n_ev; i++) {
        size_t mark = b->len;
        if (!first)
            PUT_LIT(b, ", ", bad);
        if (put_span(b, doc, ev->evidence[i], bad))
            first = 0;
        else
            b->len = mark; /* out of range: dropped */
    }

    PUT_LIT(b, "], \"figures\": [", bad);
    int n_fig = ev->n_figures < 0 ? 0
                : ev->n_figures > SR_MAX_FIGURES ? SR_MAX_FIGURES : ev->n_figures;
    for (int i = 0; i < n_fig; i++) {
        const sr_figure *f = &ev->figures[i];
        if (i)
            PUT_LIT(b, ", ", bad);
        PUT_LIT(b, "{\"value\": ", bad);
        put_int(b, f->value, bad);
        PUT_LIT(b, ", \"source\": ", bad);
        const char *src = sr_source_kind_name(f->source);
        put_str(b, src, strlen(src), bad);
        PUT_LIT(b, ", \"span\": ", bad);
        if (!put_span(b, doc, f->where, bad))
            PUT_LIT(b, "null", bad);
        PUT_LIT(b, "}", bad);
    }
    PUT_LIT(b, "]}", bad);
}

int sr_article_json_line(sr_json_buf *b, const char *id, const sr_doc *doc,
                         const sr_event *ev, size_t n, const sr_lexicon *lex, sr_error *err)
{
    if (!b || !doc || (n && !ev))
        return sr_error_set(err, SR_ERR_ARG, "sr_article_json_line: bad arguments");
    if (!id)
        return sr_error_set(err, SR_ERR_ARG, "an article needs an id");
    int bad = 0;
    b->len = 0;
    PUT_LIT(b, "{\"id\": ", &bad);
    put_str_or_null(b, id, &bad);
    PUT_LIT(b, ", \"events\": [", &bad);
    for (size_t i = 0; i < n; i++) {
        if (i)
            PUT_LIT(b, ", ", &bad);
        put_event(b, &ev[i], doc, lex, &bad);
    }
    PUT_LIT(b, "]}\n", &bad);
    if (bad) {
        b->len = 0;
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory writing an article");
    }
    b->data[b->len] = '\0';
    return SR_OK;
}

/* ---- the same as jansson values -------------------------------------------- */

/* Parses b[0..len) (one value this file wrote) into *out. */
static int parse_back(const sr_json_buf *b, json_t **out, sr_error *err)
{
    json_error_t jerr;
    *out = json_loadb(b->data, b->len, 0, &jerr);
    if (!*out)
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory building an event");
    return SR_OK;
}

int sr_event_to_json(const sr_event *ev, const sr_doc *doc, const sr_lexicon *lex,
                     json_t **out, sr_error *err)
{
    *out = NULL;
    sr_json_buf b = {0};
    int bad = 0;
    put_event(&b, ev, doc, lex, &bad);
    int rc = bad ? sr_error_set(err, SR_ERR_NOMEM, "out of memory building an event")
                 : parse_back(&b, out, err);
    sr_json_buf_free(&b);
    return rc;
}

int sr_article_to_json(const char *id, const sr_doc *doc, const sr_event *ev,
                       size_t n, const sr_lexicon *lex, json_t **out, sr_error *err)
{
    *out = NULL;
    sr_json_buf b = {0};
    int rc = sr_article_json_line(&b, id, doc, ev, n, lex, err);
    if (rc == SR_OK)
        rc = parse_back(&b, out, err);
    sr_json_buf_free(&b);
    return rc;
}
