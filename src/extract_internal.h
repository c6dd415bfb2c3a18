/*
 * extract_internal.h — the types, limits and declarations that the frame
 * builder's files share; private to them (extract.c and extract_*.c), and
 * included by nothing else.  The public interface is extract.h.
 *
 * One article is read by one doc_ctx: pass 1 counts the countries it names,
 * pass 2 annotates each sentence (ann), the clause reader opens and fills
 * frames from those annotations, and each frame is finally coded as an event.
 *
 *   extract.c           the extractor (lexicon records read into codes, the
 *                       word table) and the public entry points
 *   extract_annotate.c  pass 1, the countries of the article; pass 2, one
 *                       sentence's matches, dates and numbers
 *   extract_source.c    who speaks in a sentence
 *   extract_clause.c    frames, clauses, and reading a sentence clause by
 *                       clause into the frames
 *   extract_code.c      coding a frame as an event
 *
 * Functions one file calls in another carry the prefix sr_x_; the smallest,
 * called at every token or annotation, are static inline here.
 */
#ifndef SR_EXTRACT_INTERNAL_H
#define SR_EXTRACT_INTERNAL_H

#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "date.h"
#include "extract.h"
#include "lexicon.h"
#include "number.h"
#include "text.h"

/* ---- closed vocabularies of the frame builder --------------------------------- */

/* Trigger roles (the role column of triggers.tsv). */
enum {
    R_NONE = 0, R_ATTACK, R_CLASH, R_KILL, R_SEIZE, R_RETAKE, R_WITHDRAW, R_STRIKE,
    R_SHELL, R_EXPLODE, R_SUICIDE, R_GRENADE, R_ABDUCT, R_SEXUAL, R_PROTEST,
    R_INTERVENE, R_RIOT, R_MOB, R_LOOT, R_DESTROY, R_ARREST, R_COUP, R_COUNT
};

/* Cue classes (the class column of cues.tsv). */
enum {
    C_NONE = 0, C_SOURCE, C_CLAIM, C_NOCLAIM, C_BLAME, C_DENY, C_CONFIRM, C_CONTEST,
    C_FUTURE, C_HEDGE, C_REPEL, C_WOUND, C_DIRECTION, C_PROXIMITY, C_ADMIN, C_COREF,
    C_BACKGROUND, C_SPEECH, C_SITE, C_COUNT
};

/* Values of a future cue (its value column): a plain one ("will", "threatened", "went on
 * trial") voids the event word after it; an "after" one ("next week", "is planned")
 * also the one before it; a "cause" one ("cholera", "floods") voids only a killing
 * word near it, a death without an armed actor; a "legal" one ("went on trial ...
 * accused of kidnapping") reaches further ahead than a plain one. */
enum { FV_BEFORE = 0, FV_AFTER = 1, FV_CAUSE = 2, FV_LEGAL = 3 };

/* Victim classes (victims.tsv). */
enum { V_NONE = 0, V_MILITARY, V_POLICE, V_CIVILIAN, V_MILITANT, V_REBEL, V_PROTESTER,
       V_PERSON, V_COUNT };

/* ---- limits ------------------------------------------------------------------ */

#define SCAP 200   /* tokens of one sentence that are analysed */
#define ACAP 160   /* annotations kept per sentence */
#define FCAP 16    /* figures kept per frame */
#define GCAP 12    /* frames one clause can open (a list of places) */
#define COUNTRY_CAP 48

/* ---- per-sentence annotations ---------------------------------------------------- */

enum { A_TRIG = 1, A_ACTOR, A_PLACE, A_COUNTRY, A_VICTIM, A_CUE, A_NUM, A_DATE };

typedef struct ann {
    uint32_t b, e;  /* tokens [b, e) */
    uint32_t id;    /* lexicon id (place: chosen place) */
    int kind;       /* A_* */
    int cls;        /* role, cue class, victim class, actor kind */
    int val;        /* trigger weight, cue value, number index, date index */
} ann;

typedef struct num_ann {
    sr_number n;
} num_ann;

typedef struct date_ann {
    sr_date d;
    int speech; /* follows a speech verb: the day of a statement */
} date_ann;

/* Who gave the statements of a sentence. */
typedef struct source_ref {
    int kind;       /* sr_source_kind */
    uint32_t actor; /* the speaking actor, SR_NO_ID if none */
    int key;        /* sentence where the source was named, -1 none */
    uint32_t at;    /* token of the source phrase */
    char cc[3];     /* "Russia's defence ministry": the state it speaks for, or "" */
} source_ref;

/* ---- candidate actors and frames ----------------------------------------------------- */

typedef struct cand {
    uint32_t lex;      /* lexicon actor, SR_NO_ID for a state force made from victims */
    int kind;          /* sr_actor_kind */
    char cc[3];        /* actor's country when known */
    int score;
} cand;

typedef struct fig {
    int value;
    int revision; /* a later toll that replaces the earlier ones */
    int high;     /* the top of a range given for it */
    int cls;      /* victim class */
    int weak;     /* a vague quantity */
    int shared;   /* a share of a toll for several frames */
    source_ref src;
    int sent;
    sr_span where;
} fig;

typedef struct frame {
    /* place */
    int has_place;
    uint32_t place;     /* SR_NO_ID: country or country part */
    int prec;
    char cc[3];
    char location[96];
    char admin1[64];
    double lat, lon;
    /* date */
    int has_date;
    int32_t date;
    int date_prec;
    int has_inh;        /* the day of the text around it, when none is given */
    int inh_speech;     /* ... and that day was only a statement's */
    int32_t inh_date;
    int inh_prec;
    /* type evidence */
    int wt[R_COUNT];
    /* sides */
    cand agent, target, claimant, blamed;
    int noclaim;        /* the last word on a claim was that nobody made one */
    int vic[V_COUNT];
    /* figures and sources */
    fig figs[FCAP];
    int nfig;
    int src_seen[16];  /* sources speaking in the frame's sentences, by kind */
    int denied, contested, repel, hedge, confirm_nonperp;
    /* evidence */
    sr_span ev[SR_MAX_EVIDENCE];
    int nev;
    int group;  /* frames opened by one list share a group number */
    int dir_hint; /* some clause said "in the west", "northern ..." */
    int site_hint; /* a military base or post was hit, somewhere not named */
    int last_sent; /* last sentence that spoke of it */
    int parent;    /* the attack on civilians a firefight was split from, or -1 */
    int dead;   /* merged away or dropped */
} frame;

/* A small table of the closed word lists the frame builder asks about at
 * every token, built once per extractor: word -> bit set of lists. */
#define WT_CAP 512
enum { W_DATE = 1, W_NUMOPEN = 2, W_NUMWORD = 4, W_DPREP = 8, W_UNIT = 16, W_LAUNCH = 32 };
typedef struct wt_slot {
    const char *w;
    unsigned mask;
} wt_slot;

struct sr_extractor {
    const sr_lexicon *lex;
    /* the lexicon's trigger, cue and victim records read once into codes */
    uint8_t *trig_role, *cue_cls, *cue_val, *vic_cls;
    int16_t *trig_w;
    uint32_t n_trig, n_cue, n_vic;
    sr_extract_trace_fn trace; /* explanation trail, or NULL */
    void *trace_ctx;
    wt_slot wt[WT_CAP];
    /* the lengths of the listed words by first byte: bit n for length n
     * (bit 31 for 31 and more) */
    uint32_t wt_lens[256];
    sr_arena arena;
    sr_event events[SR_EXTRACT_MAX_EVENTS];
    frame frames[SR_EXTRACT_MAX_EVENTS];
};

/* Document-wide state while one article is read. */
typedef struct doc_ctx {
    sr_extractor *x;
    const sr_lexicon *lex;
    const char *text;
    size_t text_len;
    sr_tokens t;
    sr_match *m;
    size_t nm;
    int32_t pub;
    int has_pub;
    /* countries the article talks about */
    char cc[COUNTRY_CAP][3];
    int cc_score[COUNTRY_CAP];
    int ncc;
    /* home countries of the armed groups named (they do not vote, but a town
     * there is not a namesake abroad: "al-Shabaab ... near Jilib") */
    char acc[8][3];
    int nacc;
    char plc[8][3]; /* countries of towns with no namesake abroad ("Dori") */
    int nplc;
    /* generic words used for a named group ("Islamic State-linked insurgents"
     * ... "a smaller group of insurgents"): word -> group, 0 on conflict */
    char gw_word[8][24];
    uint32_t gw_lex[8];
    int ngw;
    /* the country of a roundup's section ("MALI - Léré (Tombouctou region), 29 March.") */
    char sect_cc[3];
    /* regions named as such ("Cabo Delgado province"), for unlisted villages */
    const char *art_a1[6];
    char art_a1_cc[6][3];
    int nart_a1;
    /* sentence being read */
    ann a[ACAP];
    int na;
    /* kinds (bit 1 << kind) of the annotations added at each token from ann_b;
     * a kind cleared later keeps its bit.  ann_wide: one was added outside */
    uint32_t ann_b;
    int ann_wide;
    uint16_t ann_kinds[SCAP + 4];
    /* the tokens (rel_b, rel_e) of the sentence's relative clause describing
     * its subject (see drop_relative); rel_e == 0 when none */
    uint32_t rel_b, rel_e;
    num_ann nums[32];
    int nnum;
    date_ann dates[8];
    int ndate;
    unsigned *tm; /* word-list bits of every token, then three zeros (t.n + 3) */
    source_ref src;      /* source of the current sentence */
    source_ref srcs[8];  /* every speaker named in the sentence */
    int nsrcs;
    source_ref par_src;  /* last source named in the paragraph */
    uint32_t last_named; /* last named non-state actor (for "the group") */
    uint32_t dateline_end; /* tokens of a "BAMAKO, June 2 -" dateline */
    uint32_t dateline_place; /* the town of the dateline, SR_NO_ID if none */
    /* frames */
    frame *f;
    int nf;
    int cur[GCAP];       /* frames the text is describing */
    int ncur;
    int groups;
    int32_t ctx_date;    /* last event day mentioned */
    int32_t pending_date; /* the day of the next clause, counted back ("a week after") */
    int pending_prec;
    int has_pending;
    int ctx_prec;
    int has_ctx_date;
} doc_ctx;

/* ---- small helpers ---------------------------------------------------------------- */

static inline const char *tokf(const doc_ctx *c, size_t i)
{
    return sr_tok_fold(&c->t, i);
}

/* Whether NUL-terminated a and b are equal; the first two bytes are compared
 * inline, since most words differ there. */
static inline int str_eq(const char *a, const char *b)
{
    if (a[0] != b[0])
        return 0;
    if (!a[0])
        return 1;
    if (a[1] != b[1])
        return 0;
    return !a[1] || strcmp(a + 2, b + 2) == 0;
}

/* Whether token i is the word w.  A token's fold_len is its folded length
 * modulo 2^16, so a token of another length is rejected without reading it,
 * and one of w's length holds at least strlen(w) + 1 bytes. */
static inline int tok_is(const doc_ctx *c, size_t i, const char *w)
{
    if (i >= c->t.n)
        return 0;
    const sr_token *tk = &c->t.tok[i];
    const char *f = c->t.fold + tk->fold;
    if (f[0] != w[0])
        return 0;
    size_t len = strlen(w);
    return tk->fold_len == (uint16_t)len && memcmp(f, w, len + 1) == 0;
}

static inline int tok_in(const doc_ctx *c, size_t i, const char *const *ws)
{
    if (i >= c->t.n)
        return 0;
    const char *f = tokf(c, i);
    for (; *ws; ws++)
        if (str_eq(f, *ws))
            return 1;
    return 0;
}

static inline void copy_str(char *dst, size_t cap, const char *src)
{
    if (!cap)
        return;
    size_t n = src ? strlen(src) : 0;
    if (n >= cap)
        n = cap - 1;
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

static inline int is_named_kind(int k)
{
    return k == SR_ACTOR_MILITARY || k == SR_ACTOR_POLICE || k == SR_ACTOR_GOVERNMENT ||
           k == SR_ACTOR_REBEL || k == SR_ACTOR_ARMED_GROUP || k == SR_ACTOR_MILITIA ||
           k == SR_ACTOR_EXTERNAL;
}

static inline int is_nonstate_kind(int k)
{
    return k == SR_ACTOR_REBEL || k == SR_ACTOR_ARMED_GROUP || k == SR_ACTOR_MILITIA;
}

static inline int is_state_kind(int k)
{
    return k == SR_ACTOR_MILITARY || k == SR_ACTOR_POLICE || k == SR_ACTOR_EXTERNAL;
}

/* The word-list bits of token i (0 past the last token). */
static inline unsigned tmask(const doc_ctx *c, uint32_t i)
{
    return i < c->t.n ? c->tm[i] : 0;
}

/* ---- questions about the annotations --------------------------------------------- */

/* Zero when no annotation of kind (> 0) was added at token tok; non-zero when
 * one may have been. */
static inline int kind_maybe_at(const doc_ctx *c, uint32_t tok, int kind)
{
    if (c->ann_wide || kind <= 0 || kind >= 16)
        return 1;
    return tok >= c->ann_b && tok - c->ann_b < SCAP + 4 &&
           (c->ann_kinds[tok - c->ann_b] & (1u << kind));
}

/* The first annotation of kind (and of class cls, when non-zero) that starts
 * in [b, e) within maxd tokens of token at; -1 if none. */
static inline int ann_near(const doc_ctx *c, uint32_t b, uint32_t e, int kind, int cls,
                           uint32_t at, uint32_t maxd)
{
    if (maxd <= 8) {
        /* the tokens an annotation may start at: [b, e) within maxd of at */
        uint32_t lo = at > maxd ? at - maxd : 0, hi = at + maxd + 1;
        if (lo < b)
            lo = b;
        if (hi > e)
            hi = e;
        int maybe = 0;
        for (uint32_t t = lo; t < hi && !maybe; t++)
            maybe = kind_maybe_at(c, t, kind);
        if (!maybe)
            return -1;
    }
    for (int i = 0; i < c->na; i++) {
        const ann *a = &c->a[i];
        if (a->kind != kind || (cls && a->cls != cls) || a->b < b || a->b >= e)
            continue;
        uint32_t d = a->b > at ? a->b - at : at - a->b;
        if (d <= maxd)
            return i;
    }
    return -1;
}

static inline int find_ann_at_end(const doc_ctx *c, uint32_t tok, int kind)
{
    for (int i = 0; i < c->na; i++)
        if (c->a[i].kind == kind && c->a[i].e == tok)
            return i;
    return -1;
}

static inline int find_ann_at(const doc_ctx *c, uint32_t tok, int kind)
{
    if (!kind_maybe_at(c, tok, kind))
        return -1; /* nothing of this kind was added at tok */
    for (int i = 0; i < c->na; i++)
        if (c->a[i].kind == kind && c->a[i].b == tok)
            return i;
    return -1;
}

/* ---- functions shared by the extractor's files ------------------------------------ */

/* extract.c: the kind of lexicon actor id (-1 if none); cc gets its country.
 * The name of trigger role r (R_*), as in triggers.tsv. */
int sr_x_actor_kind(const sr_lexicon *lex, uint32_t id, char cc[3]);
const char *sr_x_role_name(int r);

/* extract_annotate.c, pass 1: the countries of the article. */
int sr_x_origin_from(const doc_ctx *c, uint32_t b, uint32_t t);
int sr_x_country_score(const doc_ctx *c, const char *cc);
void sr_x_country_add(doc_ctx *c, const char *cc, int w);
const char *sr_x_main_country(const doc_ctx *c);
void sr_x_count_countries(doc_ctx *c, const sr_match *m, size_t nm, const sr_tokens *t,
                          int weight);

/* extract_annotate.c, pass 2: one sentence's annotations. */
int sr_x_place_rank(const doc_ctx *c, const sr_place_info *pi);
int sr_x_followed_by_admin(const doc_ctx *c, uint32_t e);
void sr_x_annotate(doc_ctx *c, size_t s, size_t *mi);

/* extract_source.c: sets c->src, c->par_src and c->srcs for sentence s. */
void sr_x_find_source(doc_ctx *c, size_t s);

/* extract_clause.c: reads sentence s, annotated, into the frames. */
void sr_x_process_sentence(doc_ctx *c, size_t s);

/* Codes frame f of the article as event ev; zero when it makes no event.
 * extract_code.c. */
int sr_x_code_frame(doc_ctx *c, const frame *f, sr_event *ev);

#endif
