/* event_json.c — coded events as JSON (see event_json.h). */
#include "event_json.h"

#include <math.h>
#include <string.h>

#include "jsonl.h"
#include "lexicon.h"

/* Sets key to v (a new reference, maybe NULL from a failed allocation) and
 * records failure in *bad; every step of a build goes through here, so one
 * check at the end covers them all. */
static void put(json_t *obj, const char *key, json_t *v, int *bad)
{
    if (!v || json_object_set_new(obj, key, v) != 0)
        *bad = 1;
}

/* A string field, or null when empty.  Fixed-size fields filled by the
 * extractor may end in a cut character: the valid prefix is kept. */
static json_t *str_or_null(const char *s)
{
    if (!s || !*s)
        return json_null();
    size_t n = strlen(s), bad;
    if (sr_jsonl_check_text(s, n, &bad, NULL) != SR_OK)
        n = bad;
    return json_stringn_nocheck(s, n); /* checked just above */
}

static json_t *int_or_null(int v)
{
    return v > 0 ? json_integer(v) : json_null();
}

static json_t *real_or_null(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

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

/* {"field", "start", "end", "text"} for a span, or NULL when it is out of
 * range (the caller drops it) or memory ran out (*bad set). */
static json_t *span_json(const sr_doc *doc, sr_span sp, int *bad)
{
    const char *field, *s;
    size_t len, st, en;
    if (sr_span_resolve(doc, sp, &field, &s, &len, &st, &en) != SR_OK)
        return NULL;
    json_t *o = json_object();
    if (!o) {
        *bad = 1;
        return NULL;
    }
    put(o, "field", json_string(field), bad);
    put(o, "start", json_integer((json_int_t)st), bad);
    put(o, "end", json_integer((json_int_t)en), bad);
    put(o, "text", json_stringn(s, len), bad);
    return o;
}

static json_t *actor_json(const sr_actor_ref *a, const sr_lexicon *lex, int *bad)
{
    if (a->name[0] == '\0')
        return json_null();
    json_t *o = json_object();
    json_t *aliases = json_array();
    if (!o || !aliases) {
        json_decref(o);
        json_decref(aliases);
        return NULL;
    }
    put(o, "name", str_or_null(a->name), bad);
    sr_actor_info info;
    if (lex && a->lex_id != SR_NO_ID && sr_lexicon_actor(lex, a->lex_id, &info) == SR_OK) {
        for (uint32_t i = 0; i < info.n_aliases; i++) {
            const char *al = sr_lexicon_actor_alias(lex, a->lex_id, i);
            if (al && *al && strcmp(al, a->name) != 0 &&
                json_array_append_new(aliases, json_string(al)) != 0)
                *bad = 1;
        }
    }
    put(o, "aliases", aliases, bad);
    put(o, "type", int_or_null(a->inter), bad);
    return o;
}

int sr_event_to_json(const sr_event *ev, const sr_doc *doc, const sr_lexicon *lex,
                     json_t **out, sr_error *err)
{
    int bad = 0;
    *out = NULL;
    json_t *o = json_object();
    if (!o)
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    put(o, "event_date", str_or_null(ev->event_date), &bad);
    put(o, "date_precision", int_or_null(ev->date_precision), &bad);
    put(o, "event_type", str_or_null(ev->event_type), &bad);
    put(o, "sub_event_type", str_or_null(ev->sub_event_type), &bad);
    put(o, "actor1", actor_json(&ev->actor1, lex, &bad), &bad);
    put(o, "actor2", actor_json(&ev->actor2, lex, &bad), &bad);
    put(o, "country", str_or_null(ev->country), &bad);
    put(o, "admin1", str_or_null(ev->admin1), &bad);
    put(o, "location", str_or_null(ev->location), &bad);
    put(o, "geo_precision", int_or_null(ev->geo_precision), &bad);
    put(o, "fatalities", json_integer(ev->fatalities), &bad);
    put(o, "fatalities_low", json_integer(ev->fatalities_low), &bad);
    put(o, "fatalities_high", json_integer(ev->fatalities_high), &bad);
    put(o, "status", str_or_null(sr_status_name(ev->status)), &bad);
    put(o, "claimed_by", str_or_null(ev->claimed_by), &bad);
    put(o, "latitude", real_or_null(ev->latitude), &bad);
    put(o, "longitude", real_or_null(ev->longitude), &bad);
    put(o, "cameo", str_or_null(ev->cameo), &bad);

    json_t *evid = json_array();
    int n_ev = ev->n_evidence < 0 ? 0
               : ev->n_evidence > SR_MAX_EVIDENCE ? SR_MAX_EVIDENCE : ev->n_evidence;
    for (int i = 0; evid && i < n_ev; i++) {
        json_t *s = span_json(doc, ev->evidence[i], &bad);
        if (s && json_array_append_new(evid, s) != 0)
            bad = 1;
    }
    put(o, "evidence", evid, &bad);

    json_t *figs = json_array();
    int n_fig = ev->n_figures < 0 ? 0
                : ev->n_figures > SR_MAX_FIGURES ? SR_MAX_FIGURES : ev->n_figures;
    for (int i = 0; figs && i < n_fig; i++) {
        const sr_figure *f = &ev->figures[i];
        json_t *fo = json_object();
        if (!fo) {
            bad = 1;
            break;
        }
        put(fo, "value", json_integer(f->value), &bad);
        put(fo, "source", json_string(sr_source_kind_name(f->source)), &bad);
        json_t *sp = span_json(doc, f->where, &bad);
        put(fo, "span", sp ? sp : json_null(), &bad);
        if (json_array_append_new(figs, fo) != 0)
            bad = 1;
    }
    put(o, "figures", figs, &bad);

    if (bad) {
        json_decref(o);
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory building an event");
    }
    *out = o;
    return SR_OK;
}

int sr_article_to_json(const char *id, const sr_doc *doc, const sr_event *ev,
                       size_t n, const sr_lexicon *lex, json_t **out, sr_error *err)
{
    *out = NULL;
    if (!id)
        return sr_error_set(err, SR_ERR_ARG, "an article needs an id");
    json_t *o = json_object();
    json_t *list = json_array();
    int bad = 0;
    if (!o || !list) {
        json_decref(o);
        json_decref(list);
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    }
    put(o, "id", str_or_null(id), &bad);
    for (size_t i = 0; i < n && !bad; i++) {
        json_t *e;
        int rc = sr_event_to_json(&ev[i], doc, lex, &e, err);
        if (rc != SR_OK) {
            json_decref(list);
            json_decref(o);
            return rc;
        }
        if (json_array_append_new(list, e) != 0)
            bad = 1;
    }
    put(o, "events", list, &bad);
    if (bad) {
        json_decref(o);
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    }
    *out = o;
    return SR_OK;
}
