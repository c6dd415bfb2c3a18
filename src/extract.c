/* extract.c — the extractor and its entry points: the lexicon's records read
 * once into codes, the word table, and the passes over one article (see
 * extract.h for the design). */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "date.h"
#include "extract_internal.h"
#include "lexicon.h"
#include "text.h"

/* ---- names of the closed vocabularies (see extract_internal.h) ------------------ */

static const char *const role_names[R_COUNT] = {
    "", "attack", "clash", "kill", "seize", "retake", "withdraw", "strike",
    "shell", "explode", "suicide", "grenade", "abduct", "sexual", "protest",
    "intervene", "riot", "mob", "loot", "destroy", "arrest", "coup",
};
static const char *const cue_names[C_COUNT] = {
    "", "source", "claim", "noclaim", "blame", "deny", "confirm", "contest",
    "future", "hedge", "repel", "wound", "direction", "proximity", "admin", "coref",
    "background", "speech", "site",
};
static const char *const victim_names[V_COUNT] = {
    "", "military", "police", "civilian", "militant", "rebel", "protester", "person",
};

const char *sr_x_role_name(int r)
{
    return role_names[r];
}

static int name_index(const char *const *names, int n, const char *s)
{
    for (int i = 1; i < n; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return 0;
}

static int source_kind_of(const char *v)
{
    static const struct { const char *name; int kind; } kinds[] = {
        {"authority", SR_SRC_AUTHORITY}, {"security", SR_SRC_SECURITY},
        {"local", SR_SRC_LOCAL},         {"media", SR_SRC_MEDIA},
        {"medical", SR_SRC_MEDICAL},     {"intl", SR_SRC_INTL},
        {"international", SR_SRC_INTL},  {"perpetrator", SR_SRC_PERPETRATOR},
        {"target", SR_SRC_TARGET},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(kinds[i].name, v) == 0)
            return kinds[i].kind;
    return SR_SRC_UNKNOWN;
}

/* ---- reading the lexicon's records ---------------------------------------------------- */

static int trig_role(const sr_lexicon *lex, uint32_t id, int *weight)
{
    sr_trigger_info ti;
    if (sr_lexicon_trigger(lex, id, &ti) != SR_OK)
        return R_NONE;
    *weight = ti.weight;
    return name_index(role_names, R_COUNT, ti.role);
}

static int cue_class(const sr_lexicon *lex, uint32_t id, int *val)
{
    sr_cue_info ci;
    if (sr_lexicon_cue(lex, id, &ci) != SR_OK)
        return C_NONE;
    int cls = name_index(cue_names, C_COUNT, ci.cls);
    *val = cls == C_SOURCE ? source_kind_of(ci.value) : 0;
    if (cls == C_FUTURE)
        *val = strcmp(ci.value, "after") == 0 ? FV_AFTER : strcmp(ci.value, "cause") == 0 ? FV_CAUSE
               : strcmp(ci.value, "legal") == 0 ? FV_LEGAL : FV_BEFORE;
    if (cls == C_BACKGROUND)
        *val = strcmp(ci.value, "anywhere") == 0 ? 1 : strcmp(ci.value, "course") == 0 ? 2 : 0;
    return cls;
}

static int victim_class(const sr_lexicon *lex, uint32_t id)
{
    sr_victim_info vi;
    if (sr_lexicon_victim(lex, id, &vi) != SR_OK)
        return V_NONE;
    return name_index(victim_names, V_COUNT, vi.cls);
}

int sr_x_actor_kind(const sr_lexicon *lex, uint32_t id, char cc[3])
{
    sr_actor_info ai;
    if (sr_lexicon_actor(lex, id, &ai) != SR_OK)
        return -1;
    copy_str(cc, 3, ai.country);
    return (int)ai.kind;
}

/* ---- the word table ------------------------------------------------------------- */

/* Words that can open a date or a number expression: the parsers are only
 * asked at these tokens (and at digits), which keeps the pass linear and cheap. */
static const char *const date_heads[] = {
    "earlier", "early", "last", "late", "mid", "overnight", "past", "previous", "this", "today",
    "tonight", "yesterday", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "one", "dawn", "dusk", "midday", "midnight", "noon", "night", "morning", "afternoon",
    "evening", "week", "weekend", "same", "following", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", NULL,
};
static const char *const date_preps[] = {
    "a", "around", "at", "before", "between", "by", "during", "from", "in", "on", "over",
    "since", "the", "until", "into", "of", NULL,
};
static const char *const number_openers[] = {
    "a", "an", "at", "more", "over", "about", "around", "nearly", "almost", "up", "as", "between",
    "some", "no", "roughly", "close", "approximately", "several", "few", "many", "scores",
    "dozens", "dozen", "tens", "hundreds", "thousands", "handful", "couple", "numerous",
    "countless", "heavy", "large", "unknown", "unspecified", "undetermined", "least", "fewer",
    "less", "than", "just", "only", "almost", "nearly", "estimated", "upwards", "well", NULL,
};

static const char *const number_words[] = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fourty", "fifty", "sixty", "seventy", "eighty",
    "ninety", "hundred", "thousand", "million", "zero", NULL,
};

static const char *const launch_words[] = {
    "fired", "launched", "shot", "flew", "flown", "crossed", "came", "arrived", "operating",
    "based", "sent", "dispatched", "retreated", "fled", NULL,
};
static const char *const unit_words[] = {
    "km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "hours",
    "hour", "minutes", "minute", "per", "percent", "%", "am", "pm", "a.m", "p.m", "o'clock",
    "vehicles", "vehicle", "motorcycles", "motorbikes", "trucks", "tankers", "lorries",
    "years", "year", "days", "day", "weeks", "week", "months", "month", "times", "dollars",
    "francs", "tonnes", "tons", "metres", "meters", "houses", "homes", "buildings", "cars",
    "million", "billion", "families", "households", "kg", "cfa", "euros", "pickup", "pick-up",
    NULL,
};

static uint32_t wt_hash(const char *w)
{
    uint32_t h = 2166136261u;
    for (; *w; w++)
        h = (h ^ (unsigned char)*w) * 16777619u;
    return h;
}

static void wt_add(sr_extractor *x, const char *const *list, unsigned bit)
{
    for (; *list; list++) {
        uint32_t i = wt_hash(*list) & (WT_CAP - 1);
        while (x->wt[i].w && strcmp(x->wt[i].w, *list) != 0)
            i = (i + 1) & (WT_CAP - 1);
        x->wt[i].w = *list;
        x->wt[i].mask |= bit;
        size_t len = strlen(*list);
        x->wt_lens[(unsigned char)(*list)[0]] |= 1u << (len < 31 ? len : 31);
    }
}

/* The lists word w belongs to (W_* bits). */
static unsigned wt_get(const sr_extractor *x, const char *w)
{
    uint32_t i = wt_hash(w) & (WT_CAP - 1);
    while (x->wt[i].w) {
        if (str_eq(x->wt[i].w, w))
            return x->wt[i].mask;
        i = (i + 1) & (WT_CAP - 1);
    }
    return 0;
}

/* ---- the public entry points ------------------------------------------------------ */

int sr_extractor_new(const sr_lexicon *lex, sr_extractor **out, sr_error *err)
{
    if (!lex || !out)
        return sr_error_set(err, SR_ERR_ARG, "no lexicon");
    sr_extractor *x = calloc(1, sizeof *x);
    if (!x)
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    x->lex = lex;
    sr_arena_init(&x->arena);
    x->n_trig = sr_lexicon_count(lex, SR_LEX_TRIGGER);
    x->n_cue = sr_lexicon_count(lex, SR_LEX_CUE);
    x->n_vic = sr_lexicon_count(lex, SR_LEX_VICTIM);
    x->trig_role = calloc(x->n_trig + 1, 1);
    x->trig_w = calloc(x->n_trig + 1, sizeof *x->trig_w);
    x->cue_cls = calloc(x->n_cue + 1, 1);
    x->cue_val = calloc(x->n_cue + 1, 1);
    x->vic_cls = calloc(x->n_vic + 1, 1);
    if (!x->trig_role || !x->trig_w || !x->cue_cls || !x->cue_val || !x->vic_cls) {
        sr_extractor_free(x);
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    }
    for (uint32_t i = 0; i < x->n_trig; i++) {
        int w = 0;
        x->trig_role[i] = (uint8_t)trig_role(lex, i, &w);
        x->trig_w[i] = (int16_t)(w < -1000 ? -1000 : w > 1000 ? 1000 : w);
    }
    for (uint32_t i = 0; i < x->n_cue; i++) {
        int v = 0;
        x->cue_cls[i] = (uint8_t)cue_class(lex, i, &v);
        x->cue_val[i] = (uint8_t)v;
    }
    for (uint32_t i = 0; i < x->n_vic; i++)
        x->vic_cls[i] = (uint8_t)victim_class(lex, i);
    wt_add(x, date_heads, W_DATE);
    wt_add(x, date_preps, W_DPREP);
    wt_add(x, number_openers, W_NUMOPEN);
    wt_add(x, number_words, W_NUMWORD);
    wt_add(x, unit_words, W_UNIT);
    wt_add(x, launch_words, W_LAUNCH);
    *out = x;
    return SR_OK;
}

void sr_extractor_trace(sr_extractor *x, sr_extract_trace_fn fn, void *ctx)
{
    if (!x)
        return;
    x->trace = fn;
    x->trace_ctx = ctx;
}

void sr_extractor_free(sr_extractor *x)
{
    if (!x)
        return;
    sr_arena_free(&x->arena);
    free(x->trig_role);
    free(x->trig_w);
    free(x->cue_cls);
    free(x->cue_val);
    free(x->vic_cls);
    free(x);
}

/* Same actor pair, place and day: one event. */
static int same_event(const sr_event *a, const sr_event *b)
{
    return strcmp(a->event_date, b->event_date) == 0 && strcmp(a->location, b->location) == 0 &&
           strcmp(a->country, b->country) == 0 && strcmp(a->actor1.name, b->actor1.name) == 0 &&
           strcmp(a->actor2.name, b->actor2.name) == 0;
}

int sr_extract(sr_extractor *x, const sr_doc *doc, const sr_event **events, size_t *n,
               sr_error *err)
{
    if (!x || !doc || !events || !n)
        return sr_error_set(err, SR_ERR_ARG, "missing argument");
    *events = NULL;
    *n = 0;
    if (!doc->text || doc->text_len == 0)
        return SR_OK;
    size_t bad;
    if (sr_utf8_validate(doc->text, doc->text_len, &bad) != SR_OK)
        return sr_error_set(err, SR_ERR_UTF8, "%s: invalid UTF-8 at byte %zu",
                            doc->id ? doc->id : "article", bad);
    sr_arena_reset(&x->arena);
    doc_ctx *c = sr_arena_calloc(&x->arena, 1, sizeof *c);
    if (!c)
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    c->x = x;
    c->lex = x->lex;
    c->text = doc->text;
    c->text_len = doc->text_len;
    c->f = x->frames;
    c->last_named = SR_NO_ID;
    c->src.kind = c->par_src.kind = SR_SRC_UNKNOWN;
    c->src.actor = c->par_src.actor = SR_NO_ID;
    c->src.key = c->par_src.key = -1;
    if (doc->published && sr_date_parse_iso(doc->published, &c->pub) == SR_OK)
        c->has_pub = 1;
    int rc = sr_tokenize(&x->arena, doc->text, doc->text_len, &c->t);
    if (rc != SR_OK)
        return sr_error_set(err, rc, "%s: cannot tokenize", doc->id ? doc->id : "article");
    rc = sr_lexicon_scan(x->lex, &c->t, &x->arena, &c->m, &c->nm);
    if (rc != SR_OK)
        return sr_error_set(err, rc, "%s: cannot scan", doc->id ? doc->id : "article");
    c->tm = sr_arena_calloc(&x->arena, c->t.n + 3, sizeof *c->tm);
    if (!c->tm)
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < c->t.n; i++) {
        /* a token whose first byte and length no listed word has is in no list
         * (fold_len is the length modulo 2^16: a token that long is in none) */
        const char *f = tokf(c, i);
        unsigned len = c->t.tok[i].fold_len;
        if ((x->wt_lens[(unsigned char)f[0]] >> (len < 31 ? len : 31)) & 1u)
            c->tm[i] = wt_get(x, f);
    }

    /* a dateline: an all-capitals place, maybe a date, then a dash */
    if (c->t.n && (c->t.tok[0].flags & SR_TOK_UPPER)) {
        for (uint32_t i = 1; i < c->t.n && i < 12; i++) {
            const char *f = tokf(c, i);
            if (strcmp(f, "-") == 0 || strcmp(f, "\xe2\x80\x94") == 0 ||
                strcmp(f, "\xe2\x80\x93") == 0) {
                c->dateline_end = i + 1;
                break;
            }
        }
    }
    /* the countries of the article, the title counting double */
    if (doc->title && doc->title[0] &&
        sr_utf8_validate(doc->title, strlen(doc->title), &bad) == SR_OK) {
        sr_tokens tt;
        sr_match *tm;
        size_t ntm;
        if (sr_tokenize(&x->arena, doc->title, strlen(doc->title), &tt) == SR_OK &&
            sr_lexicon_scan(x->lex, &tt, &x->arena, &tm, &ntm) == SR_OK)
            sr_x_count_countries(c, tm, ntm, &tt, 2);
    }
    sr_x_count_countries(c, c->m, c->nm, &c->t, 1);
    for (size_t q = 0; q < c->nm && c->nart_a1 < 6; q++) {
        sr_place_info pi;
        if (c->m[q].hit.kind == SR_LEX_PLACE && (c->t.tok[c->m[q].tok_begin].flags & SR_TOK_CAP) &&
            (sr_x_followed_by_admin(c, c->m[q].tok_end) || sr_x_followed_by_admin(c, c->m[q].tok_end - 1)) &&
            sr_lexicon_place(c->lex, c->m[q].hit.id, &pi) == SR_OK && pi.kind == SR_PLACE_ADMIN1 &&
            pi.admin1 && pi.admin1[0]) {
            c->art_a1[c->nart_a1] = pi.admin1;
            copy_str(c->art_a1_cc[c->nart_a1++], 3, pi.country);
        }
    }
    c->dateline_place = SR_NO_ID;
    if (c->dateline_end) {
        /* the dateline's town votes for its country before towns are placed */
        for (size_t q = 0; q < c->nm && c->m[q].tok_begin == 0; q++) {
            sr_place_info pi;
            if (c->m[q].hit.kind == SR_LEX_PLACE &&
                sr_lexicon_place(c->lex, c->m[q].hit.id, &pi) == SR_OK && pi.kind == SR_PLACE_CITY &&
                pi.population >= 100000) {
                sr_x_country_add(c, pi.country, 2);
                break;
            }
        }
        int best = -1;
        for (size_t q = 0; q < c->nm && c->m[q].tok_begin == 0; q++) {
            sr_place_info pi;
            if (c->m[q].hit.kind != SR_LEX_PLACE ||
                sr_lexicon_place(c->lex, c->m[q].hit.id, &pi) != SR_OK || pi.kind != SR_PLACE_CITY)
                continue;
            int r = sr_x_place_rank(c, &pi);
            if (r > best) {
                best = r;
                c->dateline_place = c->m[q].hit.id;
            }
        }
    }

    size_t mi = 0;
    for (size_t s = 0; s < c->t.n_sent; s++) {
        const sr_sentence *se = &c->t.sent[s];
        if (se->tok_begin < c->t.n && (c->t.tok[se->tok_begin].flags & SR_TOK_PARA))
            c->par_src.kind = SR_SRC_UNKNOWN;
        sr_x_annotate(c, s, &mi);
        sr_x_find_source(c, s);
        sr_x_process_sentence(c, s);
    }

    size_t ne = 0;
    for (int k = 0; k < c->nf; k++) {
        sr_event ev;
        if (c->f[k].dead || !sr_x_code_frame(c, &c->f[k], &ev))
            continue;
        int dup = 0;
        for (size_t q = 0; q < ne; q++)
            if (same_event(&x->events[q], &ev)) {
                dup = 1;
                if (ev.fatalities > x->events[q].fatalities)
                    x->events[q].fatalities = ev.fatalities;
                break;
            }
        if (!dup && ne < SR_EXTRACT_MAX_EVENTS)
            x->events[ne++] = ev;
    }
    *events = x->events;
    *n = ne;
    return SR_OK;
}
