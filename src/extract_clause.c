/* extract_clause.c — the frame builder proper: each sentence cut into
 * clauses, each clause read (its event word, sides, places, day, figures and
 * cues) and its evidence given to the frames it opens or joins (see
 * extract.h, steps 2 and 3). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_internal.h"

/* Reports how clause [b, e) was read to the extractor's trace callback, if
 * any: its text, the reading, its day and the frames it went to. */
static void trace_clause(const struct doc_ctx *c, uint32_t b, uint32_t e, const char *why,
                         int32_t day, const int *frames, int nf);
static int role_family(int r);

/* ---- frames ----------------------------------------------------------------------- */

static void cand_offer(cand *slot, uint32_t lex, int kind, const char *cc, int score)
{
    if (score <= slot->score)
        return;
    slot->lex = lex;
    slot->kind = kind;
    copy_str(slot->cc, 3, cc ? cc : "");
    slot->score = score;
}

static void frame_evidence(frame *f, const sr_sentence *se)
{
    for (int i = 0; i < f->nev; i++)
        if (f->ev[i].start == se->start)
            return;
    if (f->nev < SR_MAX_EVIDENCE) {
        f->ev[f->nev].start = se->start;
        f->ev[f->nev].end = se->end;
        f->nev++;
    }
}

static int new_frame(doc_ctx *c)
{
    if (c->nf >= SR_EXTRACT_MAX_EVENTS)
        return -1;
    frame *f = &c->f[c->nf];
    memset(f, 0, sizeof *f);
    f->place = SR_NO_ID;
    f->agent.lex = f->target.lex = f->claimant.lex = f->blamed.lex = SR_NO_ID;
    f->lat = f->lon = NAN;
    f->group = -1;
    f->parent = -1;
    if (c->has_ctx_date) {
        f->has_inh = 1;
        f->inh_date = c->ctx_date;
        f->inh_prec = c->ctx_prec;
    }
    return c->nf++;
}

/* A resolved place for a clause. */
typedef struct place_ref {
    uint32_t place;   /* SR_NO_ID for a country or a part of one */
    int prec;
    char cc[3];
    char location[96];
    char admin1[64];
    double lat, lon;
    uint32_t tok, tok_end;
    int pseudo; /* named as a settlement but missing from the gazetteer */
    int weak;   /* part of a title ("Kaduna State government"): a last resort */
} place_ref;

static void frame_set_place(frame *f, const place_ref *p)
{
    f->has_place = 1;
    f->place = p->place;
    f->prec = p->prec;
    copy_str(f->cc, 3, p->cc);
    copy_str(f->location, sizeof f->location, p->location);
    copy_str(f->admin1, sizeof f->admin1, p->admin1);
    f->lat = p->lat;
    f->lon = p->lon;
}

/* Gives frame f the place p when f has none, or only a country or a part of
 * one and p lies in the same country. */
static void refine_place(frame *f, const place_ref *p, const char *main_cc)
{
    if ((!f->has_place && (p->place != SR_NO_ID || p->admin1[0] || strcmp(p->cc, main_cc) == 0)) ||
        (f->place == SR_NO_ID && !f->admin1[0] && f->prec == 3 && strcmp(f->cc, p->cc) == 0 &&
         (p->place != SR_NO_ID || p->admin1[0])))
        frame_set_place(f, p);
}

static int same_place(const frame *f, const place_ref *p)
{
    if (!f->has_place)
        return 0;
    if (f->place != SR_NO_ID || p->place != SR_NO_ID)
        return f->place == p->place ||
               (f->location[0] && strcmp(f->location, p->location) == 0);
    return strcmp(f->location, p->location) == 0 && strcmp(f->cc, p->cc) == 0;
}

/* ---- the clause -------------------------------------------------------------------- */

static const char *const be_words[] = {"was", "were", "been", "being", "is", "are", "be", "had",
                                       "has", "have", NULL};
static const char *const negators[] = {"without", "no", "not", "never", "failed", "nothing",
                                       "none", "denied", "unexploded", "defused", NULL};

/* Non-zero when the trigger at a is negated, hypothetical or in the future. */
static int trigger_blocked(const doc_ctx *c, uint32_t cb, const ann *a)
{
    /* "the December raid" in a January report: an earlier month's event */
    if (a->b > cb && c->has_pub) {
        static const char *const months[] = {"january", "february", "march", "april", "may",
                                             "june", "july", "august", "september", "october",
                                             "november", "december", NULL};
        int py, pm, pd;
        sr_civil_from_days(c->pub, &py, &pm, &pd);
        for (int m = 0; months[m]; m++)
            if (tok_is(c, a->b - 1, months[m]) && (c->t.tok[a->b - 1].flags & SR_TOK_CAP) &&
                m + 1 != pm)
                return 2;
    }
    /* "the 1987 assassination": an event of a past year */
    for (uint32_t q = a->b; q > cb && q + 3 > a->b; q--) {
        const char *f = tokf(c, q - 1);
        if (tok_is(c, q - 1, ","))
            break; /* "JNIM, active since 2017, attacked": another phrase's year */
        if (strlen(f) == 4 && (c->t.tok[q - 1].flags & SR_TOK_NUM) && c->has_pub) {
            int y = atoi(f), py, pm, pd;
            sr_civil_from_days(c->pub, &py, &pm, &pd);
            if (y >= 1900 && y < py)
                return 2;
        }
    }
    for (uint32_t q = a->b; q > cb && q + 3 > a->b; q--)
        if (tok_in(c, q - 1, negators))
            return 1;
    /* "men accused of kidnapping a trader were arrested": the charge, not a new event */
    if (a->cls != R_ARREST && a->b >= cb + 2) {
        static const char *const charged[] = {"accused", "suspected", "charged", "convicted",
                                              "suspicion", "suspects", "arrested", "detained",
                                              "jailed", "sentenced", "prosecuted", "tried",
                                              "involvement", "implicated", "culpability", NULL};
        uint32_t q = a->b;
        if (tok_is(c, q - 1, "allegedly") || tok_is(c, q - 1, "having"))
            q--;
        if (q >= cb + 2 && (tok_is(c, q - 1, "of") || tok_is(c, q - 1, "with") || tok_is(c, q - 1, "for") ||
                            tok_is(c, q - 1, "in")) &&
            tok_in(c, q - 2, charged))
            return 1;
    }
    /* "residents in nearby Arbinda heard gunfire": what someone heard tells of a
     * fight told elsewhere, not a new one where the hearer stands */
    for (uint32_t q = a->b; q > cb && q + 3 > a->b; q--) {
        static const char *const heard[] = {"heard", "hear", "hearing", "hears", "listened", NULL};
        if (tok_is(c, q - 1, ",") || tok_is(c, q - 1, ";"))
            break;
        if (tok_in(c, q - 1, heard))
            return 1;
    }
    /* "evacuated the wounded to Gao": care for the hurt, not a force pulling out */
    if (a->cls == R_WITHDRAW && tok_is(c, a->e - 1, "evacuated")) {
        static const char *const cared[] = {"wounded", "injured", "casualties", "bodies", "victims",
                                            "sick", "survivors", "patients", NULL};
        for (uint32_t q = a->e; q < c->t.n && q < a->e + 3; q++)
            if (tok_in(c, q, cared))
                return 1;
    }
    /* "no civilians were injured or killed", "nobody was hurt or killed" */
    for (uint32_t q = a->b; q > cb && q + 7 > a->b; q--) {
        if (tok_is(c, q - 1, "nobody") || tok_is(c, q - 1, "none"))
            return 1;
        if (tok_is(c, q - 1, "no") && q < a->b &&
            (tok_is(c, q, "one") || find_ann_at(c, q, A_VICTIM) >= 0 || tok_is(c, q, "casualties") ||
             find_ann_at(c, q, A_ACTOR) >= 0)) /* "no armed group had entered the town" */
            return 1;
    }
    for (int i = 0; i < c->na; i++) {
        const ann *u = &c->a[i];
        if (u->kind != A_CUE || u->b < cb || u->b >= a->b)
            continue;
        if (u->cls == C_FUTURE && u->val != FV_CAUSE && a->b - u->b <= (u->val == FV_LEGAL ? 12u : 8u))
            return 1;
    }
    /* "a march is planned for next Friday"; "a cholera outbreak has killed 31",
     * "died of cholera" */
    for (int i = 0; i < c->na; i++) {
        const ann *u = &c->a[i];
        if (u->kind != A_CUE || u->cls != C_FUTURE || u->b < cb)
            continue;
        if (u->val == FV_AFTER && u->b >= a->e && u->b < a->e + 12)
            return 1;
        if (u->val == FV_CAUSE && a->cls == R_KILL &&
            ((u->b >= a->e && u->b < a->e + 8) || (u->e <= a->b && u->e + 8 > a->b)))
            return 1;
    }
    return 0;
}

/* Kill figures of the clause [b, e). */
typedef struct kfig {
    int value, cls, weak;
    int revision; /* "the toll rose to 14": replaces the tolls reported before */
    int high; /* the top of a range ("between 30 and 50"), else value */
    uint32_t b, e;
    uint32_t place_tok; /* token of a place named right after ("21 in Libiri") */
} kfig;

static int is_subset_after(const doc_ctx *c, uint32_t ne)
{
    return tok_is(c, ne, "of") &&
           (tok_is(c, ne + 1, "them") || tok_is(c, ne + 1, "whom") || tok_is(c, ne + 1, "those") ||
            (tok_is(c, ne + 1, "the") && (tok_is(c, ne + 2, "dead") || tok_is(c, ne + 2, "victims") ||
                                          tok_is(c, ne + 2, "wounded"))));
}

static int stop_tok(const doc_ctx *c, uint32_t i)
{
    return tok_is(c, i, ";") || tok_is(c, i, ".") || tok_is(c, i, ":") || tok_is(c, i, "(") ||
           tok_is(c, i, ")");
}

static int kill_figures(doc_ctx *c, uint32_t b, uint32_t e, kfig *out, int cap)
{
    int n = 0, prev_kill = -1;
    uint32_t prev_end = 0;
    for (int i = 0; i < c->na && n < cap; i++) {
        const ann *a = &c->a[i];
        if (a->kind != A_NUM || a->b < b || a->b >= e)
            continue;
        const sr_number *num = &c->nums[a->val].n;
        if (num->best < 0 || num->best > 100000)
            continue;
        /* a year, a time, a distance, a count of things */
        const char *f0 = tokf(c, a->b);
        if ((num->flags & SR_NUM_EXACT) && strlen(f0) == 4 && num->best >= 1900 && num->best <= 2100)
            continue;
        if ((tmask(c, a->e) & W_UNIT) || is_subset_after(c, a->e))
            continue;
        {
            int ti = find_ann_at(c, a->e, A_TRIG);
            if (ti >= 0 && c->a[ti].cls != R_KILL)
                continue; /* "two attacks", "three raids": a count of events */
        }
        if (a->b >= 2 && ((tok_is(c, a->b - 1, "them") && tok_is(c, a->b - 2, "among")) ||
                          tok_is(c, a->b - 1, "including")))
            continue;
        /* "40 of the 127 people hit": the 127 is everyone hit, not the dead */
        if (a->b >= 2 && tok_is(c, a->b - 1, "the") && tok_is(c, a->b - 2, "of") &&
            a->b >= 3 && find_ann_at(c, a->b - 3, A_NUM) >= 0)
            continue;
        /* "arrested a dozen suspects", "abducted 12 farmers": the object of
         * another act is not a toll */
        {
            uint32_t p = a->b;
            while (p > b && (tok_is(c, p - 1, "a") || tok_is(c, p - 1, "some") ||
                             tok_is(c, p - 1, "\"") || tok_is(c, p - 1, "\xe2\x80\x9c") ||
                             tok_is(c, p - 1, "least") || tok_is(c, p - 1, "at") ||
                             tok_is(c, p - 1, "about") || tok_is(c, p - 1, "around")) &&
                   p + 3 > a->b)
                p--;
            int oi = -1;
            for (int z = 0; p > b && z < c->na; z++)
                if (c->a[z].kind == A_TRIG && c->a[z].e == p)
                    oi = z;
            if (oi >= 0 && (c->a[oi].cls == R_ARREST || c->a[oi].cls == R_ABDUCT ||
                            c->a[oi].cls == R_DESTROY || c->a[oi].cls == R_LOOT)) {
                prev_kill = -1;
                continue;
            }
        }
        /* "more than 6,000 people have been killed" since the war began: a
         * running total, unless the sentence dates it */
        if (num->best >= 1000) {
            /* "which has killed thousands", "have killed tens of thousands": a vague
             * war total in the perfect, even in a sentence that gives a day */
            int dated = 0;
            if (!(num->flags & SR_NUM_EXACT))
                for (uint32_t q = a->b; q > b && q + 4 > a->b; q--)
                    if (tok_is(c, q - 1, "has") || tok_is(c, q - 1, "have") || tok_is(c, q - 1, "had"))
                        dated = -1;
            if (dated < 0) {
                prev_kill = -1;
                continue;
            }
            for (int z = 0; z < c->na; z++)
                if (c->a[z].kind == A_DATE && c->a[z].b >= b && c->a[z].b < e)
                    dated = 1;
            if (!dated) {
                prev_kill = -1;
                continue;
            }
        }
        /* "hundreds of thousands displaced", "12 missing": not the dead */
        {
            static const char *const notdead[] = {"displaced", "homeless", "uprooted", "missing",
                                                  "arrested", "detained", "abducted", "kidnapped",
                                                  "rescued", "freed", "released", "injured",
                                                  "wounded", "hurt", NULL};
            if (a->e < e && (tok_in(c, a->e, notdead) ||
                             (a->e + 1 < e && tok_in(c, a->e + 1, notdead) &&
                              (tok_is(c, a->e, "people") || tok_is(c, a->e, "others") ||
                               tok_is(c, a->e, "more") || tok_is(c, a->e, "were"))))) {
                prev_kill = -1;
                continue;
            }
        }
        /* right window */
        int cls = V_NONE, kr = -1, wr = -1, conj = 0, partial = 0;
        uint32_t place_tok = UINT32_MAX;
        uint32_t lim = a->e + 14 < e ? a->e + 14 : e; /* extended past a second toll */
        for (uint32_t q = a->e; q < lim; q++) {
            if (stop_tok(c, q))
                break;
            int na = find_ann_at(c, q, A_NUM);
            if (na >= 0 && !is_subset_after(c, c->a[na].e)) {
                /* "90 soldiers ... and about 40 civilians ... were killed": one verb */
                if (q > a->e && tok_is(c, q - 1, "and") && cls != V_NONE) {
                    q = c->a[na].e - 1;
                    lim = lim + 10 < e ? lim + 10 : e; /* the verb comes after both */
                    continue;
                }
                /* "12 civilians, among them four children, were killed" */
                if (q >= a->e + 2 && ((tok_is(c, q - 1, "them") && tok_is(c, q - 2, "among")) ||
                                      tok_is(c, q - 1, "including"))) {
                    q = c->a[na].e - 1;
                    continue;
                }
                break;
            }
            if (tok_is(c, q, "and") || tok_is(c, q, ","))
                conj = 1;
            /* "a day after the killing": a later clause's verb */
            if (q > a->e && (tok_is(c, q, "after") || tok_is(c, q, "before") ||
                             tok_is(c, q, "following") || tok_is(c, q, "since")))
                break;
            int vi = find_ann_at(c, q, A_VICTIM);
            if (vi >= 0 && cls == V_NONE && kr < 0)
                cls = c->a[vi].cls;
            int ai = find_ann_at(c, q, A_ACTOR);
            if (ai >= 0 && cls == V_NONE && kr < 0) {
                int k = c->a[ai].cls;
                cls = (k == SR_ACTOR_MILITARY || k == SR_ACTOR_MILITIA || k == SR_ACTOR_EXTERNAL)
                          ? V_MILITARY
                      : k == SR_ACTOR_POLICE     ? V_POLICE
                      : k == SR_ACTOR_CIVILIANS  ? V_CIVILIAN
                      : k == SR_ACTOR_PROTESTERS ? V_PROTESTER
                      : is_nonstate_kind(k) || k == SR_ACTOR_UNIDENTIFIED ? V_MILITANT
                                                                           : V_NONE;
            }
            if (q <= a->e + 2 && tok_is(c, q, "of") && (tok_is(c, q + 1, "his") || tok_is(c, q + 1, "her") ||
                                       tok_is(c, q + 1, "their") || tok_is(c, q + 1, "my"))) {
                partial = 1; /* "34 members of his family": a part of the toll */
                break;
            }
            int ci2 = find_ann_at(c, q, A_CUE);
            if (ci2 >= 0 && c->a[ci2].cls == C_COREF && cls == V_NONE && kr < 0)
                cls = V_MILITANT; /* "63 of the attackers" */
            int pi = find_ann_at(c, q, A_PLACE);
            if (pi >= 0 && place_tok == UINT32_MAX && q <= a->e + 2)
                place_tok = q;
            int ti = find_ann_at(c, q, A_TRIG);
            if (ti >= 0 && c->a[ti].cls == R_KILL && kr < 0 && wr < 0)
                kr = (int)q;
            int wi = find_ann_at(c, q, A_CUE);
            if (wi >= 0 && c->a[wi].cls == C_WOUND && wr < 0 && kr < 0 && !conj)
                wr = (int)q;
            if (kr >= 0 || wr >= 0)
                break;
        }
        int is_kill = 0;
        if (partial) {
            prev_kill = -1;
            continue;
        }
        if (kr >= 0) {
            is_kill = 1;
        } else if (wr < 0) {
            /* left window */
            int kl = -1, wl = -1;
            uint32_t lb = a->b > b + 7 ? a->b - 7 : b;
            for (uint32_t q = a->b; q > lb; q--) {
                uint32_t p = q - 1;
                if (stop_tok(c, p) || find_ann_at(c, p, A_NUM) >= 0)
                    break;
                for (int z = 0; z < c->na; z++) {
                    const ann *u = &c->a[z];
                    if (u->e != p + 1 && u->b != p)
                        continue;
                    if (u->kind == A_TRIG && kl < 0 && wl < 0 &&
                        (u->cls == R_KILL || (u->cls == R_MOB && tok_is(c, u->b, "lynched"))))
                        kl = (int)p; /* "a mob lynched two men" */
                    if (u->kind == A_CUE && u->cls == C_WOUND && wl < 0 && kl < 0)
                        wl = (int)p;
                }
                if (kl >= 0 || wl >= 0)
                    break;
            }
            if (kl < 0 && wl < 0 && a->b > b &&
                (tok_is(c, a->b - 1, "to") || tok_is(c, a->b - 1, "at"))) {
                for (int z = 0; z < c->na; z++) {
                    const ann *u = &c->a[z];
                    if (u->kind == A_TRIG && u->cls == R_KILL && u->b >= b && u->e <= a->b &&
                        (tok_is(c, u->e - 1, "toll") || tok_is(c, u->e - 1, "dead") ||
                         (u->b >= b + 3 && tok_is(c, u->b - 3, "number") && tok_is(c, u->b - 2, "of"))))
                        kl = (int)u->b; /* "raised the death toll ... to 132", "the number of
                                           people killed ... has risen to 160" */
                }
            }
            if (kl >= 0) {
                is_kill = 1;
                /* "were neutralised and several canoes destroyed": things of another verb */
                if (find_ann_at(c, a->e, A_VICTIM) < 0 && find_ann_at(c, a->e, A_ACTOR) < 0 &&
                    a->e + 1 < e && !stop_tok(c, a->e)) {
                    for (uint32_t q = a->e + 1; q < a->e + 3 && q < e; q++) {
                        int ti = find_ann_at(c, q, A_TRIG);
                        if (ti >= 0 && c->a[ti].cls != R_KILL)
                            is_kill = 0;
                    }
                }
                /* "a march over the killing of two aides": the cause of this event */
                for (uint32_t q = (uint32_t)kl; q > b && q + 3 > (uint32_t)kl; q--)
                    if (tok_is(c, q - 1, "over") || tok_is(c, q - 1, "against") ||
                        tok_is(c, q - 1, "denounce") || tok_is(c, q - 1, "protest"))
                        is_kill = 0;
            }
            else if (wl < 0 && prev_kill >= 0 && a->b <= prev_end + 10) {
                /* "killing 49 officers and four civilians" */
                int ok = 1;
                for (uint32_t q = prev_end; q < a->b; q++)
                    if (stop_tok(c, q))
                        ok = 0;
                for (uint32_t q = prev_end; q < a->b; q++)
                    if (find_ann_at(c, q, A_TRIG) >= 0)
                        ok = 0; /* "killed 15 and abducted dozens": another verb */
                /* the next word must carry on the list: a noun or "in <place>" */
                if (!(find_ann_at(c, a->e, A_VICTIM) >= 0 || find_ann_at(c, a->e, A_ACTOR) >= 0 ||
                      tok_is(c, a->e, "in") || tok_is(c, a->e, "at") || tok_is(c, a->e, "of")))
                    ok = 0;
                is_kill = ok;
            }
        }
        if (!is_kill) {
            prev_kill = -1;
            continue;
        }
        if (cls == V_NONE)
            cls = V_PERSON;
        int weak = (num->flags & (SR_NUM_VAGUE | SR_NUM_MANY)) != 0;
        int value = num->best;
        if (num->flags & SR_NUM_MANY)
            value = value > 0 ? value : 10;
        out[n].value = value;
        out[n].revision = 0;
        for (uint32_t q = a->b; q > b && q + 5 > a->b; q--)
            if (tok_is(c, q - 1, "rose") || tok_is(c, q - 1, "risen") || tok_is(c, q - 1, "climbed") ||
                tok_is(c, q - 1, "increased") || tok_is(c, q - 1, "revised") || tok_is(c, q - 1, "raised"))
                out[n].revision = 1;
        out[n].high = (num->flags & (SR_NUM_RANGE | SR_NUM_UPTO)) && num->high > value ? num->high : value;
        out[n].cls = cls;
        out[n].weak = weak;
        out[n].b = a->b;
        out[n].e = a->e;
        out[n].place_tok = place_tok;
        n++;
        prev_kill = n - 1;
        prev_end = a->e;
    }
    /* "three soldiers and a civilian": one more, of that side */
    int nk0 = n;
    for (int i = 0; i < nk0 && n < cap; i++)
        for (uint32_t q = out[i].e; q + 2 < e && q < out[i].e + 4; q++) {
            if (stop_tok(c, q) || find_ann_at(c, q, A_NUM) >= 0)
                break;
            if (!tok_is(c, q, "and") || !(tok_is(c, q + 1, "a") || tok_is(c, q + 1, "an")))
                continue;
            int vi = find_ann_at(c, q + 2, A_VICTIM);
            if (vi < 0 || c->a[vi].cls == V_PERSON)
                break;
            out[n] = out[i];
            out[n].value = out[n].high = 1;
            out[n].cls = c->a[vi].cls;
            out[n].weak = 0;
            out[n].revision = 0;
            out[n].b = q + 1;
            out[n].e = c->a[vi].e;
            out[n].place_tok = UINT32_MAX;
            n++;
            break;
        }
    return n;
}

static void frame_add_fig(frame *f, const kfig *k, int value, int shared, const source_ref *src,
                          int sent, const doc_ctx *c, int denied)
{
    uint32_t bd = UINT32_MAX;
    /* "dismissed reports that jihadists killed ninety soldiers": the figure is
     * the reports', not the denier's */
    source_ref reports = {SR_SRC_MEDIA, SR_NO_ID, sent * 16 + 15, k->b, ""};
    if (denied)
        src = &reports;
    /* "X said that ... 60 killed, a day after Y said ... 34": a speaker before
     * the figure, with its verb of saying in between, speaks for it */
    int before = -1;
    for (int i = 0; i < c->nsrcs && !denied; i++)
        if (c->srcs[i].at < k->b && (before < 0 || c->srcs[i].at > c->srcs[before].at))
            before = i;
    if (before >= 0) {
        int said_between = 0;
        for (int z = 0; z < c->na; z++)
            if (c->a[z].kind == A_CUE && c->a[z].cls == C_SPEECH && c->a[z].b > c->srcs[before].at &&
                c->a[z].b < k->b && c->a[z].b <= c->srcs[before].at + 4)
                said_between = 1;
        if (!said_between)
            before = -1;
    }
    for (int i = 0; i < c->nsrcs && !denied; i++) {
        uint32_t at = c->srcs[i].at;
        uint32_t d = at >= k->e ? at - k->e : k->b - (at < k->b ? at : k->b);
        if (before >= 0 && i != before)
            continue;
        if (d < bd) {
            bd = d;
            src = &c->srcs[i];
        }
    }
    if (f->nfig >= FCAP)
        return;
    fig *g = &f->figs[f->nfig++];
    g->value = value;
    g->revision = k->revision;
    g->high = k->high > k->value && !shared ? k->high : value;
    g->cls = k->cls;
    g->weak = k->weak;
    g->shared = shared;
    g->src = *src;
    g->sent = sent;
    g->where.start = c->t.tok[k->b].start;
    g->where.end = c->t.tok[k->e - 1].end;
}

/* The places of a clause, with their precision; *list is set when they are a
 * coordinated list ("Niono, Molodo and Kayes"). */
static int clause_places(doc_ctx *c, uint32_t b, uint32_t e, place_ref *out, int cap, int *list)
{
    int n = 0;
    *list = 0;
    uint32_t last_end = 0;
    int coordinated = 1;
    for (int i = 0; i < c->na && n < cap; i++) {
        const ann *a = &c->a[i];
        if (a->b < b || a->b >= e)
            continue;
        if (a->kind == A_PLACE) {
            sr_place_info pi;
            if (sr_lexicon_place(c->lex, a->id, &pi) != SR_OK)
                continue;
            /* not where it happened: "fired from positions near X", "the road
             * between X and Y", "an official in nearby X said" */
            int skip = 0, between_first = 0;
            static const char *const linking[] = {"linking", "connecting", "joining", NULL};
            static const char *const roads[] = {"road", "highway", "route", "axis", "stretch",
                                                "section", "roads", "motorway", NULL};
            for (uint32_t q = a->b; q > b && q + 9 > a->b; q--) {
                if (tok_is(c, q - 1, ",") || tok_is(c, q - 1, ";"))
                    break;
                if (tok_is(c, q - 1, "in") || tok_is(c, q - 1, "at"))
                    break; /* "abducted from her house in Agadez": the place itself */
                if (find_ann_at(c, q - 1, A_TRIG) >= 0)
                    break; /* "gunmen who came from Mali attacked Torodi": the verb's object */
                int launched = 0;
                for (uint32_t z = q - 1; z > b && z + 4 > q - 1; z--)
                    if ((tmask(c, z - 1) & W_LAUNCH))
                        launched = 1;
                if (tok_is(c, q - 1, "from") && launched && !(q >= 2 && (tmask(c, q - 2) & W_UNIT)))
                    skip = 1;
                /* "on the road between X and Y": near X, the first town; Y only
                 * marks the road's other end */
                if ((tok_is(c, q - 1, "between") ||
                     (q >= b + 2 && tok_in(c, q - 1, linking) && tok_in(c, q - 2, roads))) &&
                    q + 4 > a->b) {
                    if (q == a->b)
                        between_first = 1;
                    else
                        skip = 1;
                }
            }
            /* "gunmen who crossed from Mali attacked ...": where the attackers came from */
            if (sr_x_origin_from(c, b, a->b))
                skip = 1;
            /* "taken to hospital in Sebba", "fled to Dori": not where it happened */
            for (uint32_t q = a->b; q > b && q + 4 > a->b; q--)
                if (((tok_is(c, q - 1, "to")) && q >= 2 &&
                     (tok_is(c, q - 2, "taken") || tok_is(c, q - 2, "evacuated") ||
                      tok_is(c, q - 2, "fled") || tok_is(c, q - 2, "moved") ||
                      tok_is(c, q - 2, "transferred") || tok_is(c, q - 2, "flown"))))
                    skip = 1;
            /* "speaking in Niamey, the minister said ...": where a speaker stands */
            if (a->b >= 2 && (tok_is(c, a->b - 1, "in") || tok_is(c, a->b - 1, "from")) &&
                (tok_is(c, a->b - 2, "speaking") || tok_is(c, a->b - 2, "briefing") ||
                 tok_is(c, a->b - 2, "conference") || tok_is(c, a->b - 2, "reporters")))
                skip = 1;
            /* "In Ouagadougou, the government said ...": where the authorities speak */
            if (a->b >= b + 1 && a->b - 1 == b && tok_is(c, b, "in") && tok_is(c, a->e, ",")) {
                for (int z = 0; z < c->na; z++) {
                    const ann *u = &c->a[z];
                    if (u->kind == A_CUE && u->cls == C_SOURCE && u->val == SR_SRC_AUTHORITY &&
                        u->b > a->e && u->b <= a->e + 3)
                        skip = 1;
                }
            }
            /* a capital standing for its government: "accused Kyiv", "Kinshasa accuses" */
            if ((a->b > b && (ann_near(c, b, a->b, A_CUE, C_BLAME, a->b - 1, 0) >= 0 ||
                              ann_near(c, b, a->b, A_CUE, C_DENY, a->b - 1, 0) >= 0)) ||
                ann_near(c, a->e, e, A_CUE, C_BLAME, a->e, 0) >= 0 ||
                ann_near(c, a->e, e, A_CUE, C_DENY, a->e, 0) >= 0)
                skip = 1;
            /* ", north of Mandalay,": a landmark for the place named before it */
            if (n > 0 && a->b >= 2 && tok_is(c, a->b - 1, "of")) {
                int pi2 = ann_near(c, b, a->b, A_CUE, C_PROXIMITY, a->b - 2, 1);
                if (pi2 >= 0 && find_ann_at(c, c->a[pi2].b - 1, A_NUM) < 0 &&
                    !(tmask(c, c->a[pi2].b - 1) & W_UNIT))
                    skip = 1;
            }
            if (ann_near(c, a->e, e, A_CUE, C_SPEECH, a->e, 0) >= 0 &&
                !tok_is(c, a->e, "according"))
                skip = 1;
            if (tok_is(c, a->e, "'s") && ann_near(c, a->e + 1, e, A_CUE, C_SOURCE, a->e + 1, 0) >= 0)
                skip = 1; /* "Kidal's mayor said" */
            int title = ann_near(c, a->e, e, A_CUE, C_SOURCE, a->e, 0) >= 0 &&
                        !tok_is(c, a->e, "residents"); /* "Ondo governor Rotimi Akeredolu" */
            if (!title && a->e + 1 < e && (tok_is(c, a->e, "territory") || tok_is(c, a->e, "state") ||
                                           tok_is(c, a->e, "province") || tok_is(c, a->e, "district")))
                title = ann_near(c, a->e + 1, e, A_CUE, C_SOURCE, a->e + 1, 0) >= 0 &&
                        !tok_is(c, a->e + 1, "residents"); /* "the Beni territory civil society" */
            /* "200 kilometres north of the capital Niamey": a landmark far away */
            for (uint32_t q = a->b; q > b && q + 7 > a->b; q--)
                if ((tmask(c, q - 1) & W_UNIT)) {
                    /* the distance in digits or words */
                    static const char *const far_words[] = {"fifty", "sixty", "seventy", "eighty",
                                                            "ninety", "hundred", "hundreds", NULL};
                    uint32_t d = q - 2;
                    if (q >= 2 && ((c->t.tok[d].flags & SR_TOK_NUM) ? atoi(tokf(c, d)) >= 50
                                                                    : tok_in(c, d, far_words)))
                        skip = 1;
                    break;
                }
            /* the road's either end already places an event told of: that event */
            if (between_first && !skip) {
                uint32_t other = SR_NO_ID;
                if (tok_is(c, a->e, "and")) {
                    int oi = find_ann_at(c, a->e + 1, A_PLACE);
                    if (oi >= 0)
                        other = c->a[oi].id;
                }
                for (int q = 0; q < c->ncur; q++) {
                    const frame *g = &c->f[c->cur[q]];
                    if (g->has_place && g->place != SR_NO_ID && (g->place == a->id || g->place == other))
                        skip = 1;
                }
            }
            if (skip)
                continue;
            place_ref *p = &out[n];
            memset(p, 0, sizeof *p);
            p->place = a->id;
            p->tok = a->b;
            p->tok_end = a->e;
            p->weak = title;
            copy_str(p->cc, 3, pi.country);
            copy_str(p->location, sizeof p->location, pi.name);
            copy_str(p->admin1, sizeof p->admin1, pi.admin1);
            p->lat = pi.lat;
            p->lon = pi.lon;
            p->prec = 1;
            if (pi.kind == SR_PLACE_ADMIN1 || pi.kind == SR_PLACE_ADMIN2) {
                p->prec = 3;
                if (pi.kind == SR_PLACE_ADMIN1)
                    copy_str(p->location, sizeof p->location, pi.admin1[0] ? pi.admin1 : pi.name);
            }
            /* "Kayes region" after a town name: the region */
            int ad = find_ann_at(c, a->e, A_CUE);
            if (ad >= 0 && c->a[ad].cls == C_ADMIN && pi.kind != SR_PLACE_CITY) {
                p->prec = 3;
            } else if (ad >= 0 && c->a[ad].cls == C_ADMIN && pi.kind == SR_PLACE_CITY) {
                p->prec = 3; /* "the Mopti region" named after its capital */
                if (pi.admin1[0])
                    copy_str(p->location, sizeof p->location, pi.admin1);
                p->place = SR_NO_ID;
            } else if (ad >= 0 && c->a[ad].cls == C_PROXIMITY && p->prec == 1) {
                p->prec = 2; /* "the Gorgadji area" */
            }
            if (p->prec == 1) {
                for (int z = 0; z < c->na; z++) {
                    const ann *u = &c->a[z];
                    if (u->kind == A_CUE && u->cls == C_PROXIMITY && u->e <= a->b &&
                        u->e + 3 >= a->b && u->b >= b)
                        p->prec = 2;
                }
                /* "15 km from X" */
                if (a->b >= 2 && (tok_is(c, a->b - 1, "from") || tok_is(c, a->b - 1, "of")) &&
                    (tmask(c, a->b - 2) & W_UNIT))
                    p->prec = 2;
                if (between_first)
                    p->prec = 2;
            }
            if (n > 0) {
                int only_sep = 1;
                for (uint32_t q = last_end; q < a->b; q++)
                    if (!tok_is(c, q, ",") && !tok_is(c, q, "and") && !tok_is(c, q, "or"))
                        only_sep = 0;
                if (!only_sep)
                    coordinated = 0;
            }
            last_end = a->e;
            /* "Kayes" in "the Kayes and Nioro areas": the area word covers the list */
            n++;
        } else if (a->kind == A_COUNTRY) {
            /* a country, or a part of one ("northern Mali") */
            sr_country_info ci;
            if (sr_lexicon_country(c->lex, a->id, &ci) != SR_OK)
                continue;
            size_t klen = c->t.tok[a->e - 1].fold + c->t.tok[a->e - 1].fold_len - c->t.tok[a->b].fold;
            if (sr_lexicon_is_demonym(c->lex, a->id, c->t.fold + c->t.tok[a->b].fold, klen))
                continue;
            /* a possessive country ("Mali's western Kayes region") qualifies a place */
            if (tok_is(c, a->e, "'s") || tok_is(c, a->e, "'"))
                continue;
            int dir = -1;
            if (a->b > b) {
                int di = -1;
                for (int z = 0; z < c->na; z++)
                    if (c->a[z].kind == A_CUE && c->a[z].cls == C_DIRECTION && c->a[z].e == a->b)
                        di = z;
                dir = di;
            }
            /* "in northern Mali", "across central Mali"; not "JNIM's central Mali units" */
            static const char *const preps[] = {"in", "across", "throughout", "of", "into", NULL};
            uint32_t head = dir >= 0 ? c->a[dir].b : a->b;
            if (dir >= 0 && head >= b + 2 && tok_is(c, head - 1, "and")) {
                for (int z = 0; z < c->na; z++)
                    if (c->a[z].kind == A_CUE && c->a[z].cls == C_DIRECTION && c->a[z].e == head - 1)
                        head = c->a[z].b; /* "western and central Mali" */
            }
            if (head > b && tok_is(c, head - 1, "the") && head > b + 1)
                head--;
            int after_in = head > b && tok_in(c, head - 1, preps);
            if (!after_in)
                continue;
            place_ref *p = &out[n];
            memset(p, 0, sizeof *p);
            p->place = SR_NO_ID;
            p->tok = a->b;
            p->tok_end = a->e;
            p->prec = 3;
            copy_str(p->cc, 3, ci.iso2);
            p->lat = ci.lat;
            p->lon = ci.lon;
            if (dir >= 0) {
                const ann *d = &c->a[dir];
                /* "western and central Mali": take the text from the first direction word */
                uint32_t from = d->b;
                if (from >= b + 2 && tok_is(c, from - 1, "and")) {
                    int d2 = -1;
                    for (int z = 0; z < c->na; z++)
                        if (c->a[z].kind == A_CUE && c->a[z].cls == C_DIRECTION &&
                            c->a[z].e == from - 1)
                            d2 = z;
                    if (d2 >= 0)
                        from = c->a[d2].b;
                }
                size_t s0 = c->t.tok[from].start, s1 = c->t.tok[a->e - 1].end;
                size_t len = s1 - s0 < sizeof p->location - 1 ? s1 - s0 : sizeof p->location - 1;
                memcpy(p->location, c->text + s0, len);
                p->location[len] = '\0';
            } else {
                copy_str(p->location, sizeof p->location, ci.name);
            }
            n++;
            coordinated = 0;
        }
    }
    (void)coordinated;
    (void)last_end;
    /* "the village of Tin-Akof": a place the gazetteer lacks, named as one */
    static const char *const settlement[] = {"village", "town", "locality", "hamlet",
                                             "settlement", "commune", "villages", "towns",
                                             "localities", NULL};
    for (uint32_t q = b; q + 2 < e && n < cap; q++) {
        /* "the village of X", "the villages of X, Y and Z", "near X" */
        uint32_t k;
        if (tok_is(c, q + 1, "of") && tok_in(c, q, settlement))
            k = q + 2;
        else if (tok_is(c, q, "near") && q + 1 < e)
            k = q + 1;
        else if ((tok_is(c, q, ",") || tok_is(c, q, "and")) && q > b + 2) {
            /* the next name of a list of villages: "the villages of Kiri, Bouna and Tassi" */
            int listed = 0;
            for (int i = 0; i < n; i++)
                if (out[i].tok_end == q || (q > b && tok_is(c, q - 1, ",") && out[i].tok_end == q - 1))
                    for (uint32_t z = out[i].tok; z > b && z + 10 > out[i].tok; z--)
                        if (tok_is(c, z - 1, "of") && z >= b + 2 &&
                            (tok_is(c, z - 2, "villages") || tok_is(c, z - 2, "localities") ||
                             tok_is(c, z - 2, "towns")))
                            listed = 1;
            if (!listed)
                continue;
            k = tok_is(c, q + 1, "and") ? q + 2 : q + 1;
        } else
            continue;
        if (k >= e || !(c->t.tok[k].flags & SR_TOK_CAP) || !(c->t.tok[k].flags & SR_TOK_WORD) ||
            (c->t.tok[k].flags & SR_TOK_SENT) ||
            find_ann_at(c, k, A_PLACE) >= 0 || find_ann_at(c, k, A_ACTOR) >= 0 ||
            find_ann_at(c, k, A_COUNTRY) >= 0 || find_ann_at(c, k, A_CUE) >= 0 ||
            find_ann_at(c, k, A_DATE) >= 0)
            continue;
        uint32_t kend = k + 1;
        while (kend < e && kend < k + 3 && (c->t.tok[kend].flags & SR_TOK_CAP) &&
               (c->t.tok[kend].flags & SR_TOK_WORD))
            kend++;
        /* "fled towards the town of X", "from the village of X": elsewhere */
        int moved = 0, near = 0;
        for (uint32_t z = q; z > b && z + 3 > q; z--) {
            if (tok_is(c, z - 1, "towards") || tok_is(c, z - 1, "toward") || tok_is(c, z - 1, "to") ||
                tok_is(c, z - 1, "from"))
                moved = 1;
            if (tok_is(c, z - 1, "near") || tok_is(c, z - 1, "outside"))
                near = 1;
        }
        if (moved)
            continue;
        if (tok_is(c, q, "near"))
            near = 1;
        place_ref *p = &out[n];
        memset(p, 0, sizeof *p);
        p->place = SR_NO_ID;
        p->pseudo = 1;
        p->tok = k;
        p->tok_end = kend;
        p->prec = near ? 2 : 1;
        p->lat = p->lon = NAN;
        size_t s0 = c->t.tok[k].start, s1 = c->t.tok[kend - 1].end;
        size_t len = s1 - s0 < sizeof p->location - 1 ? s1 - s0 : sizeof p->location - 1;
        memcpy(p->location, c->text + s0, len);
        p->location[len] = '\0';
        /* its region and country from the other places of the clause, or from
         * the armed group that acted there */
        copy_str(p->cc, 3, sr_x_main_country(c));
        /* the group's home only when the article does not say where: Boko Haram
         * also raids Chad */
        int sure = sr_x_country_score(c, sr_x_main_country(c)) >= 2;
        for (int z = 0; z < c->na && !sure; z++) {
            const ann *u = &c->a[z];
            char acc[3] = "";
            if (u->kind == A_ACTOR && u->b >= b && u->b < e && is_nonstate_kind(u->cls) &&
                sr_x_actor_kind(c->lex, u->id, acc) >= 0 && acc[0]) {
                copy_str(p->cc, 3, acc);
                break;
            }
        }
        for (int i = 0; i < n; i++) {
            if (out[i].admin1[0] && !p->admin1[0]) {
                copy_str(p->admin1, sizeof p->admin1, out[i].admin1);
                copy_str(p->cc, 3, out[i].cc);
            }
            if (out[i].cc[0] && out[i].place != SR_NO_ID)
                copy_str(p->cc, 3, out[i].cc);
        }
        if (!p->cc[0])
            continue;
        if (!p->admin1[0]) {
            /* "Cabo Delgado province ... the village of Mazeze": the one region
             * of that country the article names */
            const char *one = NULL;
            for (int z = 0; z < c->nart_a1; z++)
                if (strcmp(c->art_a1_cc[z], p->cc) == 0)
                    one = one && strcmp(one, c->art_a1[z]) != 0 ? "" : c->art_a1[z];
            if (one && one[0])
                copy_str(p->admin1, sizeof p->admin1, one);
        }
        /* the named settlement comes first: it is where things happened */
        place_ref tmp = *p;
        int at = 0;
        while (at < n && out[at].tok < tmp.tok)
            at++; /* in text order, so lists stay lists */
        memmove(&out[at + 1], &out[at], (size_t)(n - at) * sizeof out[0]);
        out[at] = tmp;
        n++;
        q = kend - 1;
    }
    /* a title's place only when nothing else is named */
    int strong = 0;
    for (int i = 0; i < n; i++)
        if (!out[i].weak)
            strong++;
    if (strong && strong < n) {
        int k = 0;
        for (int i = 0; i < n; i++)
            if (!out[i].weak)
                out[k++] = out[i];
        n = k;
    }
    /* "the Beni territory civil society reported ...": a speaker's town does not
     * move an event already placed */
    if (!strong && n > 0 && c->ncur > 0) {
        int same = 1;
        for (int i = 0; i < n; i++) {
            int in = 0;
            for (int q = 0; q < c->ncur; q++) {
                const frame *g = &c->f[c->cur[q]];
                if (g->has_place && strcmp(g->cc, out[i].cc) == 0 && out[i].admin1[0] &&
                    strcmp(g->admin1, out[i].admin1) == 0)
                    in = 1;
            }
            if (!in)
                same = 0;
        }
        if (same)
            n = 0;
    }
    /* a country or a part of one only when no place is named */
    int named = 0;
    for (int i = 0; i < n; i++)
        if (out[i].place != SR_NO_ID || out[i].prec < 3 || out[i].admin1[0])
            named++;
    if (named && named < n) {
        int k = 0;
        for (int i = 0; i < n; i++)
            if (out[i].place != SR_NO_ID || out[i].prec < 3 || out[i].admin1[0])
                out[k++] = out[i];
        n = k;
    }
    /* "Kiri, Bouna and Tassi in the Tillaberi region": the region after a list
     * of towns qualifies them; the towns take its region */
    if (n > 2 && out[n - 1].prec == 3 && out[n - 1].admin1[0] && out[n - 2].prec < 3) {
        int towns = n - 1;
        while (towns > 0 && out[towns - 1].prec < 3)
            towns--;
        if (towns == 0 && n - 1 >= 2) {
            for (int i = 0; i < n - 1; i++)
                if (!out[i].admin1[0]) {
                    copy_str(out[i].admin1, sizeof out[i].admin1, out[n - 1].admin1);
                    copy_str(out[i].cc, 3, out[n - 1].cc);
                }
            n--;
        }
    }
    /* a list: places with nothing but commas, "and", "or" between them, or
     * each after its own "in": "in Bobo-Dioulasso, the second city, and in Kaya" */
    int coord = n > 1;
    for (int i = 1; i < n && coord; i++) {
        int plain = 1;
        for (uint32_t q = out[i - 1].tok_end; q < out[i].tok; q++)
            if (!tok_is(c, q, ",") && !tok_is(c, q, "and") && !tok_is(c, q, "or"))
                plain = 0;
        uint32_t t0 = out[i - 1].tok, t1 = out[i].tok;
        int each_in = t0 > b && t1 >= b + 2 && (tok_is(c, t0 - 1, "in") || tok_is(c, t0 - 1, "at")) &&
                      (tok_is(c, t1 - 1, "in") || tok_is(c, t1 - 1, "at")) &&
                      tok_is(c, t1 - 2, "and") && out[i - 1].prec == 1 && out[i].prec <= 2;
        /* "killing two people in Odesa and one in Dnipro": a toll for each */
        int each_toll = t0 > b && t1 >= b + 3 && (tok_is(c, t0 - 1, "in") || tok_is(c, t0 - 1, "at")) &&
                        (tok_is(c, t1 - 1, "in") || tok_is(c, t1 - 1, "at")) &&
                        ((c->t.tok[t1 - 2].flags & SR_TOK_NUM) || (tmask(c, t1 - 2) & W_NUMWORD)) &&
                        tok_is(c, t1 - 3, "and") && out[i - 1].prec == 1 && out[i].prec <= 2;
        if (!plain && !each_in && !each_toll)
            coord = 0;
        /* "Marte, Borno State": the region of the town before it, not a second place */
        if (out[i].prec == 3 && out[i - 1].prec < 3 &&
            (!out[i].admin1[0] || strcmp(out[i].admin1, out[i - 1].admin1) == 0))
            coord = 0;
    }
    *list = coord;
    return n;
}

/* The token after ", an apposition," that starts at i (i itself if none):
 * "JNIM, al-Qaeda's branch in the Sahel, said ..." */
static uint32_t after_apposition(const doc_ctx *c, uint32_t i, uint32_t e)
{
    if (i < e && tok_is(c, i, ")"))
        i++;
    if (i >= e || !tok_is(c, i, ","))
        return i;
    for (uint32_t q = i + 1; q < e && q < i + 14; q++)
        if (tok_is(c, q, ","))
            return q + 1;
    return i;
}

/* Merges clause evidence into frame f. */
typedef struct clause_info {
    int role_wt[R_COUNT];
    int main_role;
    uint32_t main_b, main_e;
    int passive;
    int claim, noclaim, blame, deny, confirm, contest, repel, hedge, future, background;
    int course; /* a marker of the conflict's course ("has spread into", "by the summer") */
    int blame_strong;
    int past; /* an event word of an earlier month or year */
    int state_subject; /* a state force is named before the main event word */
    int attach_only; /* joined a frame without a place or day of its own */
    int seize_def;   /* "overran the base": took the site already named */
    int deny_act;    /* "denied hitting the camp" */
    uint32_t background_at; /* first history marker ("a year ago"), or UINT32_MAX */
} clause_info;

static void frame_take(doc_ctx *c, frame *f, const clause_info *ci, uint32_t b, uint32_t e,
                       size_t s)
{
    for (int r = 1; r < R_COUNT; r++) {
        int w = ci->role_wt[r];
        if (w <= 0)
            continue;
        if (ci->attach_only && w > 1 && !(r == R_SEIZE && ci->seize_def))
            w -= 1;
        if (w > f->wt[r])
            f->wt[r] = w;
    }
    if (ci->deny && ci->main_role)
        f->denied = 1; /* a denial of the event, not of "backing the group" */
    if (ci->deny_act && f->nfig > 0)
        f->contested = 1; /* the act denied by a party, the dead reported by others */
    if (ci->contest)
        f->contested = 1;
    if (ci->repel)
        f->repel = 1;
    if (ci->hedge && ci->role_wt[R_SEIZE])
        f->hedge = 1;
    for (int i = 0; i < c->na; i++) {
        if (c->a[i].kind == A_CUE && c->a[i].cls == C_DIRECTION && c->a[i].b >= b && c->a[i].b < e)
            f->dir_hint = 1;
        static const char *const sites[] = {"base", "bases", "camp", "post", "posts", "barracks",
                                            "outpost", "garrison", "checkpoint", "position",
                                            "positions", "detachment", NULL};
        if (c->a[i].kind == A_VICTIM && c->a[i].cls == V_MILITARY && c->a[i].b >= b &&
            c->a[i].b < e && tok_in(c, c->a[i].e - 1, sites))
            f->site_hint = 1;
    }
    if (ci->noclaim)
        f->noclaim = 1;
    else if (ci->claim)
        f->noclaim = 0;
    /* only those who speak in the sentence: "police fired tear gas" is no source */
    for (int i = 0; i < c->nsrcs; i++)
        if (c->srcs[i].kind != SR_SRC_UNKNOWN && c->srcs[i].kind < 16)
            f->src_seen[c->srcs[i].kind] = 1;
    if (ci->confirm)
        for (int i = 0; i < c->nsrcs; i++)
            if (c->srcs[i].kind != SR_SRC_PERPETRATOR && c->srcs[i].kind != SR_SRC_UNKNOWN)
                f->confirm_nonperp = 1;

    /* sides */
    int claim_at = ci->claim;
    for (int i = 0; i < c->na; i++) {
        const ann *a = &c->a[i];
        if (a->b < b || a->b >= e)
            continue;
        int kind = -1;
        uint32_t lex = SR_NO_ID;
        char cc[3] = "";
        if (a->kind == A_ACTOR) {
            kind = sr_x_actor_kind(c->lex, a->id, cc);
            lex = a->id;
            if (kind == SR_ACTOR_UNIDENTIFIED && a->e == a->b + 1 && !ci->claim)
                for (int y = 0; y < c->ngw; y++)
                    if (c->gw_lex[y] != SR_NO_ID && strcmp(c->gw_word[y], tokf(c, a->b)) == 0) {
                        lex = c->gw_lex[y]; /* "the insurgents" named so before */
                        kind = sr_x_actor_kind(c->lex, lex, cc);
                    }
        } else if (a->kind == A_VICTIM) {
            if (a->cls == V_MILITARY)
                kind = SR_ACTOR_MILITARY;
            else if (a->cls == V_POLICE)
                kind = SR_ACTOR_POLICE;
            else if (a->cls == V_CIVILIAN)
                kind = SR_ACTOR_CIVILIANS;
            else if (a->cls == V_MILITANT)
                kind = SR_ACTOR_UNIDENTIFIED;
            else if (a->cls == V_PROTESTER)
                kind = SR_ACTOR_PROTESTERS;
            int speaker = ann_near(c, a->e, e, A_CUE, C_SPEECH, a->e, 2) >= 0 ||
                          ann_near(c, a->e, e, A_CUE, C_CONFIRM, a->e, 2) >= 0;
            if (a->cls > 0 && a->cls < V_COUNT && ci->main_role && !speaker) {
                f->vic[a->cls] += f->nev == 0 ? 3 : 1;
                /* "two police officers ... at a checkpoint": the people counted
                 * say more than the site */
                if (find_ann_at_end(c, a->b, A_NUM) >= 0)
                    f->vic[a->cls] += 1;
            }
        } else if (a->kind == A_COUNTRY && find_ann_at(c, a->e, A_TRIG) >= 0 && ci->main_role) {
            /* "Israeli air strikes", "a Nigerian army drone": that state's forces */
            sr_country_info cinfo;
            const sr_token *t0 = &c->t.tok[a->b], *t1 = &c->t.tok[a->e - 1];
            size_t klen = t1->fold + t1->fold_len - t0->fold;
            if (sr_lexicon_country(c->lex, a->id, &cinfo) != SR_OK ||
                !sr_lexicon_is_demonym(c->lex, a->id, c->t.fold + t0->fold, klen))
                continue;
            kind = SR_ACTOR_MILITARY;
            copy_str(cc, 3, cinfo.iso2);
        } else if (a->kind == A_CUE && a->cls == C_COREF && c->last_named != SR_NO_ID &&
                   (claim_at || ci->main_role) && !tok_is(c, a->b, "they") &&
                   !(f->agent.score > 0 && f->agent.kind == SR_ACTOR_UNIDENTIFIED && f->nev > 0 &&
                     f->agent.lex != c->last_named)) {
            /* "bandits killed 32 ... the attackers burned homes": the attackers
             * are this event's bandits, not the group named before */
            lex = c->last_named;
            kind = sr_x_actor_kind(c->lex, lex, cc);
        }
        if (kind < 0)
            continue;
        /* "the military government", "military authorities": the state, not a force */
        static const char *const govt[] = {"government", "governments", "junta", "authorities",
                                           "rulers", "leaders", "regime", "council", "leader", NULL};
        if ((kind == SR_ACTOR_MILITARY || kind == SR_ACTOR_POLICE) && tok_in(c, a->e, govt))
            kind = SR_ACTOR_GOVERNMENT;
        int named = lex != SR_NO_ID && is_named_kind(kind);
        /* claims and blame name the perpetrator wherever the name stands */
        if (named && is_state_kind(kind) && ci->blame && ci->blame_strong)
            cand_offer(&f->blamed, lex, kind, cc, 9); /* "blaming the Sudanese army" */
        if (named && is_nonstate_kind(kind)) {
            if (claim_at && !ci->noclaim)
                cand_offer(&f->claimant, lex, kind, cc, 10);
            else if (ci->main_role && !ci->noclaim && a->b < ci->main_b &&
                     (ann_near(c, a->e, ci->main_b, A_CUE, C_SPEECH, after_apposition(c, a->e, e), 0) >= 0 ||
                      ((tok_is(c, a->e, "also") || tok_is(c, a->e, "has") || tok_is(c, a->e, "had") ||
                        tok_is(c, a->e, "now") || tok_is(c, a->e, "later")) &&
                       ann_near(c, a->e, ci->main_b, A_CUE, C_SPEECH, a->e + 1, 0) >= 0)))
                cand_offer(&f->claimant, lex, kind, cc, 8);
            if (ci->blame && (ci->main_role || ci->blame_strong))
                cand_offer(&f->blamed, lex, kind, cc, 10); /* not "accused of abuses" */
        }
        if (!ci->main_role)
            continue;
        /* a speaker is not a side: "the Burkinabe government said", "according
         * to X" -- unless it owns up to the act: "the army acknowledged carrying
         * out air strikes" */
        int conf = ann_near(c, a->e, e, A_CUE, C_CONFIRM, a->e, 3);
        int owns = conf >= 0 && ci->main_role && ci->main_b >= c->a[conf].e &&
                   ci->main_b <= c->a[conf].e + 3 && !tok_is(c, c->a[conf].e, "that");
        if (!owns && is_state_kind(kind) && ci->main_role && ci->main_b > a->e) {
            /* "the army said (on Monday) it had killed ...": the speaker acted */
            int sp = ann_near(c, a->e, ci->main_b, A_CUE, C_SPEECH, a->e, 1);
            if (sp >= 0) {
                for (uint32_t q = c->a[sp].e; q < ci->main_b && q < c->a[sp].e + 6; q++)
                    if (tok_is(c, q, "it") || tok_is(c, q, "its"))
                        owns = 1;
            }
        }
        int according = 0;
        for (int z = 0; z < c->na; z++)
            if (c->a[z].kind == A_CUE && c->a[z].cls == C_SPEECH && c->a[z].e <= a->b &&
                c->a[z].e + 2 >= a->b && tok_is(c, c->a[z].b, "according"))
                according = 1;
        int said = ann_near(c, a->e, e, A_CUE, C_SPEECH, a->e, 3);
        if (said >= 0 && tok_is(c, c->a[said].b, "according"))
            said = -1; /* "..., according to security sources": the source follows */
        if (!owns && (said >= 0 || conf >= 0 || according))
            continue;
        /* "men wearing the uniforms of the army", "dressed as Dozo hunters" */
        int disguise = 0;
        for (uint32_t q = a->b; q > b && q + 5 > a->b; q--)
            if (tok_is(c, q - 1, "uniforms") || tok_is(c, q - 1, "uniform") ||
                tok_is(c, q - 1, "dressed") || tok_is(c, q - 1, "disguised") ||
                tok_is(c, q - 1, "posing"))
                disguise = 1;
        if (disguise)
            continue;
        /* "an area where the Islamic State's Sahel branch is active" */
        int where = 0;
        for (uint32_t q = a->b; q > b && q + 4 > a->b; q--)
            if (tok_is(c, q - 1, "where"))
                where = 1;
        if (where && a->b > ci->main_b)
            continue;
        if (kind == SR_ACTOR_GOVERNMENT && ci->main_role != R_ARREST && ci->main_role != R_COUP)
            continue;
        int agent;
        if (a->b < ci->main_b) {
            agent = !ci->passive;
            /* "attacks against X", "an attack on X" read as the target before the verb? no */
        } else {
            agent = 0;
            for (uint32_t q = a->b; q > b && q + 5 > a->b && q > ci->main_e; q--) {
                if (tok_is(c, q - 1, ",") || tok_is(c, q - 1, ";"))
                    break;
                if (tok_is(c, q - 1, "by") ||
                    (tok_is(c, q - 1, "from") && ci->main_role != R_SEIZE &&
                     ci->main_role != R_RETAKE && ci->main_role != R_WITHDRAW))
                    agent = 1; /* "took Goma from the army": the army lost it */
            }
        }
        /* "X were killed", "X was attacked": X is hit whatever the main verb */
        for (uint32_t q = a->e; q < a->e + 4 && q + 1 < e; q++)
            if (tok_in(c, q, be_words)) {
                int ti = find_ann_at(c, q + 1, A_TRIG);
                if (ti < 0 && q + 2 < e)
                    ti = find_ann_at(c, q + 2, A_TRIG);
                if (ti >= 0 && (c->a[ti].cls == R_KILL || c->a[ti].cls == R_ATTACK ||
                                c->a[ti].cls == R_ABDUCT))
                    agent = 0;
                break;
            }
        /* "clashes between the army and the RSF": the first named side leads */
        if (ci->main_role == R_CLASH && a->b > ci->main_e && a->b <= ci->main_e + 3 &&
            tok_is(c, a->b - 1, "between") + (a->b >= 2 && tok_is(c, a->b - 2, "between")) > 0)
            agent = 1;
        if (ci->main_role == R_CLASH && a->b > ci->main_e + 1) {
            for (uint32_t q = ci->main_e; q + 1 < a->b && q < ci->main_e + 3; q++)
                if (tok_is(c, q, "between") && a->b > q + 1)
                    for (uint32_t z = q + 1; z < a->b; z++)
                        if (tok_is(c, z, "and"))
                            agent = 0; /* the second named side */
        }
        /* "the soldiers fought back", "troops repelled the attack": the defender */
        if (agent && a->b < ci->main_b &&
            (tok_is(c, ci->main_e - 1, "back") || tok_in(c, ci->main_b, (const char *const[]){
                 "repelled", "repulsed", "repel", "foiled", "thwarted", "responded", NULL})))
            agent = 0;
        /* "repelled an RSF ground assault", "a JNIM attack": the group owns the act */
        if (a->kind == A_ACTOR && a->b > b && (tok_is(c, a->b - 1, "an") || tok_is(c, a->b - 1, "a")) &&
            is_named_kind(kind)) {
            for (uint32_t q = a->e; q < a->e + 2 && q < e; q++) {
                int ti = find_ann_at(c, q, A_TRIG);
                if (ti >= 0 && role_family(c->a[ti].cls))
                    agent = 1;
            }
        }
        /* "killed more than 100 terrorists in air strikes": the killed are hit */
        for (uint32_t q = a->b; q > b && q + 5 > a->b; q--) {
            int ti = find_ann_at(c, q - 1, A_TRIG);
            if (ti >= 0 && c->a[ti].cls == R_KILL && c->a[ti].e <= a->b) {
                /* only a toll between: "killed | more than 100 | terrorists" */
                static const char *const filler[] = {"at", "least", "more", "than", "about",
                                                     "some", "around", "over", "nearly", "the",
                                                     "a", "an", "of", "up", "to", "dozens",
                                                     "several", NULL};
                int direct = 1;
                for (uint32_t z = c->a[ti].e; z < a->b; z++)
                    if (!tok_in(c, z, filler) && !(c->t.tok[z].flags & SR_TOK_NUM) &&
                        !(tmask(c, z) & W_NUMWORD))
                        direct = 0;
                if (direct)
                    agent = 0;
                break;
            }
        }
        /* "Nigerien soldiers died": the dead are the side that was hit */
        static const char *const died[] = {"died", "dead", "perished", "die", "dies", NULL};
        for (uint32_t q = a->e; q < a->e + 2 && q < e; q++)
            if (tok_in(c, q, died))
                agent = 0;
        /* "the military camp", "the army base": a place that was hit */
        if (agent && ann_near(c, a->e, e, A_CUE, C_SITE, a->e, 0) >= 0)
            agent = 0;
        if (agent && kind == SR_ACTOR_CIVILIANS)
            continue;
        uint32_t dist = a->b < ci->main_b ? ci->main_b - a->b : a->b - ci->main_e;
        if (agent && a->b < ci->main_b) {
            /* the subject stands close to its verb, and only a named group may
             * have an apposition between them ("JNIM, the al-Qaeda affiliate,") */
            int commas = 0;
            for (uint32_t q = a->e; q < ci->main_b; q++)
                if (tok_is(c, q, ","))
                    commas++;
            int comma = commas % 2; /* a closed apposition is allowed */
            /* "AFRICOM (...), in coordination with ..., conducted": the closed
             * asides do not count in the distance */
            uint32_t bare = 0;
            int par = 0, inc = 0;
            for (uint32_t q = a->e; q < ci->main_b; q++) {
                if (tok_is(c, q, "("))
                    par++;
                else if (tok_is(c, q, ")") && par > 0)
                    par--;
                else if (tok_is(c, q, ",") && !par)
                    inc = !inc;
                else if (!par && !inc)
                    bare++;
            }
            if (comma)
                bare = ci->main_b - a->e;
            if (bare + (a->e - a->b) > 12 || (comma && !(named && is_nonstate_kind(kind))) ||
                (ci->noclaim && named && is_nonstate_kind(kind)))
                continue;
        }
        /* a killing verb names its agent only right before it; "death toll" none */
        if (agent && ci->main_role == R_KILL && a->b < ci->main_b && !owns) {
            const char *kf = tokf(c, ci->main_b);
            size_t kl = strlen(kf);
            int verb = kl > 3 && (strcmp(kf + kl - 2, "ed") == 0 || strcmp(kf + kl - 3, "ing") == 0 ||
                                  strcmp(kf, "kill") == 0 || strcmp(kf, "kills") == 0 ||
                                  strcmp(kf, "shot") == 0);
            /* "a mob beat two men to death": the verb stands before its object */
            int to_death = strcmp(kf, "to") == 0 && tok_is(c, ci->main_b + 1, "death");
            if (to_death ? dist > 8 : (!verb || dist > 4))
                continue;
        }
        /* a state force leads its auxiliaries and foreign backers */
        int base = named ? (kind == SR_ACTOR_EXTERNAL ? 4 : kind == SR_ACTOR_MILITIA ? 5 : 6)
                         : kind == SR_ACTOR_UNIDENTIFIED ? 3 : 2;
        int score = base * 100 - (int)(dist > 99 ? 99 : dist);
        if (a->kind == A_VICTIM && find_ann_at_end(c, a->b, A_NUM) >= 0)
            score += 8; /* "two police officers ... at a checkpoint": the people counted */
        if (agent)
            cand_offer(&f->agent, lex, kind, cc, score);
        else
            /* the lead says who was hit; later statements ("it had targeted a
             * commander") weigh less */
            cand_offer(&f->target, lex, kind, cc, score + (f->nev == 0 ? 500 : 0));
    }
    frame_evidence(f, &c->t.sent[s]);
    f->last_sent = (int)s;
}

/* Remote (1), ground (2) or crowd (3) acts; 0 for words of any kind. */
static int role_family(int r)
{
    switch (r) {
    case R_STRIKE: case R_SHELL: case R_EXPLODE: case R_SUICIDE: case R_GRENADE:
        return 1;
    case R_ATTACK: case R_CLASH: case R_SEIZE: case R_RETAKE:
        return 2;
    case R_PROTEST: case R_RIOT: case R_MOB: case R_INTERVENE:
        return 3;
    default:
        return 0;
    }
}

/* Can frame f be the event of a clause dated date (when has_date)? */
static int day_ok(const frame *f, int has_date, int32_t date)
{
    if (!has_date)
        return 1;
    if (!f->has_date && f->has_inh && f->inh_speech)
        return 1; /* only a statement's day so far: any day of the event fits */
    int32_t d = f->has_date ? f->date : f->has_inh ? f->inh_date : date;
    int prec = f->has_date ? f->date_prec : f->has_inh ? f->inh_prec : 1;
    int tol = prec >= 3 ? 16 : prec == 2 ? 4 : 1;
    return abs(d - date) <= tol;
}

/* ---- reading a clause -------------------------------------------------------------- */

static void clause_read(doc_ctx *c, uint32_t b, uint32_t e, clause_info *ci)
{
    memset(ci, 0, sizeof *ci);
    ci->background_at = UINT32_MAX;
    int best_w = -1;
    for (int i = 0; i < c->na; i++) {
        const ann *a = &c->a[i];
        if (a->b < b || a->b >= e)
            continue;
        if (a->kind == A_CUE) {
            switch (a->cls) {
            case C_CLAIM: ci->claim = 1; break;
            case C_NOCLAIM: ci->noclaim = 1; break;
            case C_BLAME:
                ci->blame = 1;
                if (strncmp(tokf(c, a->b), "accus", 5) != 0 && strncmp(tokf(c, a->b), "belong", 6) != 0)
                    ci->blame_strong = 1; /* "blamed", "attributed to", "the work of" */
                break;
            case C_DENY: ci->deny = 1; break;
            case C_CONFIRM: ci->confirm = 1; break;
            case C_CONTEST: ci->contest = 1; break;
            case C_REPEL: ci->repel = 1; break;
            case C_HEDGE: ci->hedge = 1; break;
            case C_BACKGROUND:
                /* spans ("for a decade", "over the past years") are judged apart */
                if ((tok_is(c, a->b, "for") || tok_is(c, a->b, "over")) &&
                    (tok_is(c, a->e - 1, "decade") || tok_is(c, a->e - 1, "decades") ||
                     tok_is(c, a->e - 1, "years")))
                    break;
                if (a->val != 0)
                    ci->course = 1;
                if (ci->background_at == UINT32_MAX)
                    ci->background_at = a->b;
                break;
            default: break;
            }
        }
        if (a->kind != A_TRIG)
            continue;
        int blocked = trigger_blocked(c, b, a);
        if (blocked) {
            ci->future = 1;
            if (blocked == 2)
                ci->past = 1; /* "the December raid", "the 2012 attack" */
            /* "a Houthi spokesman denied hitting the camp": a party denies the act */
            for (uint32_t q = a->b; q > b && q + 3 > a->b; q--)
                if (tok_is(c, q - 1, "denied") || tok_is(c, q - 1, "denies") || tok_is(c, q - 1, "deny"))
                    ci->deny_act = 1;
            continue;
        }
        int w = a->val;
        /* "to protest against the abduction of their husbands": the cause of the
         * event, not the event */
        {
            int cause = 0;
            for (uint32_t q = a->b; q > b && q + 3 > a->b; q--)
                if (tok_is(c, q - 1, "against") || tok_is(c, q - 1, "over") ||
                    tok_is(c, q - 1, "denounce") || tok_is(c, q - 1, "condemn") ||
                    tok_is(c, q - 1, "condemned") || tok_is(c, q - 1, "denounced"))
                    cause = 1;
            if (cause && a->cls != R_PROTEST && a->cls != R_RIOT && a->cls != R_INTERVENE &&
                a->cls != R_CLASH)
                continue;
        }
        /* "arrested ... during a raid": the raid is the setting, the arrest the act */
        for (uint32_t q = a->b; q > b && q + 3 > a->b; q--)
            if (tok_is(c, q - 1, "during") || tok_is(c, q - 1, "amid")) {
                w = w > 2 ? w - 2 : 1;
                break;
            }
        if (a->cls == R_SEIZE || a->cls == R_RETAKE) {
            /* "seized the base", "took control of Kidal", "the camp was taken";
             * not "captured weapons", "have taken a toll" */
            int obj = 0;
            for (int z = 0; z < c->na; z++) {
                const ann *u = &c->a[z];
                int site = u->kind == A_PLACE || u->kind == A_COUNTRY ||
                           (u->kind == A_CUE && u->cls == C_SITE) ||
                           (u->kind == A_VICTIM && u->cls == V_MILITARY);
                if (site && ((u->b >= a->e && u->b < a->e + 6) || (u->e <= a->b && u->e + 5 > a->b)))
                    obj = 1;
            }
            /* "overran the base", "had taken the town" */
            static const char *const held[] = {"base", "camp", "town", "city", "village", "post",
                                               "barracks", "garrison", "outpost", "position",
                                               "positions", "headquarters", "locality", NULL};
            for (uint32_t q = a->e; q < e && q < a->e + 4; q++)
                if (tok_in(c, q, held)) {
                    obj = 1;
                    if (q > a->e && tok_is(c, q - 1, "the"))
                        ci->seize_def = 1; /* the base of the attack just told */
                }
            /* "seized weapons and two armoured vehicles": spoils named before any
             * place are loot of the fight, not ground taken */
            static const char *const spoils[] = {
                "weapons", "weapon", "arms", "ammunition", "ammunitions", "munitions",
                "vehicles", "vehicle", "motorcycles", "motorbikes", "equipment", "materiel",
                "cache", "stockpile", "supplies", "booty", "livestock", "cattle", "trucks",
                "pickups", "pick-ups", "rifles", "guns", NULL};
            for (uint32_t q = a->e; q < e && q < a->e + 6; q++) {
                if (tok_in(c, q, held))
                    break;
                if (tok_in(c, q, spoils)) {
                    obj = 0;
                    break;
                }
            }
            if (!obj)
                continue;
        }
        if (a->cls == R_INTERVENE && (strncmp(tokf(c, a->b), "dispers", 7) == 0 ||
                                      tok_is(c, a->b, "break") || tok_is(c, a->b, "broke"))) {
            /* "dispersing ahead of the curfew": only a force disperses a crowd */
            int force = 0;
            for (int z = 0; z < c->na; z++) {
                const ann *u = &c->a[z];
                if (u->b >= b && u->b < e &&
                    ((u->kind == A_VICTIM && (u->cls == V_POLICE || u->cls == V_MILITARY)) ||
                     (u->kind == A_ACTOR && is_state_kind(u->cls))))
                    force = 1;
            }
            if ((!force && !(a->b > b && tok_in(c, a->b - 1, be_words))) ||
                tok_is(c, a->e, "peacefully") || tok_is(c, a->e, "calmly"))
                continue;
        }
        if (w > ci->role_wt[a->cls])
            ci->role_wt[a->cls] = w;
        int mw = a->cls == R_KILL ? 0 : w;
        if (mw > best_w) {
            best_w = mw;
            ci->main_role = a->cls;
            ci->main_b = a->b;
            ci->main_e = a->e;
        }
    }
    for (int i = 0; i < c->na && ci->main_role; i++) {
        const ann *a = &c->a[i];
        if (a->b >= b && a->b < ci->main_b &&
            ((a->kind == A_ACTOR && is_state_kind(a->cls)) ||
             (a->kind == A_VICTIM && (a->cls == V_MILITARY || a->cls == V_POLICE))))
            ci->state_subject = 1;
    }
    /* "A year ago, armed men swept through ...": a history marker before the
     * event word dates the clause; one after it ("since ... six years ago")
     * qualifies something else */
    if (ci->background_at != UINT32_MAX && (!ci->main_role || ci->background_at < ci->main_b))
        ci->background = 1;
    /* "have killed thousands ... over the past decade": a span of years, wherever it stands */
    for (int i = 0; i < c->na && !ci->background && !ci->blame && !ci->claim; i++) {
        const ann *u = &c->a[i];
        if (u->kind == A_CUE && u->cls == C_BACKGROUND && u->b >= b && u->b < e &&
            u->e >= u->b + 3 && (tok_is(c, u->b, "over") || tok_is(c, u->b, "in") || tok_is(c, u->b, "for")) &&
            (tok_is(c, u->e - 1, "decade") || tok_is(c, u->e - 1, "decades") ||
             tok_is(c, u->e - 1, "years")))
            ci->background = 1;
        /* "communal violence has killed hundreds this year": a running total */
        if (u->kind == A_CUE && u->cls == C_BACKGROUND && u->b >= b && u->b < e &&
            tok_is(c, u->e - 1, "year") && tok_is(c, u->b, "this") && ci->main_role == R_KILL) {
            int perfect = 0, dated = 0;
            for (uint32_t q = b; q < ci->main_b; q++)
                if (tok_is(c, q, "has") || tok_is(c, q, "have"))
                    perfect = 1;
            for (int z = 0; z < c->na; z++)
                if (c->a[z].kind == A_DATE && c->a[z].b >= b && c->a[z].b < e)
                    dated = 1;
            if (perfect && !dated)
                ci->background = 1;
        }
        /* "Ayorou has been attacked several times this year" */
        if (u->kind == A_CUE && u->cls == C_BACKGROUND && u->b >= b && u->b < e &&
            tok_is(c, u->e - 1, "times")) {
            int dated = 0;
            for (int z = 0; z < c->na; z++)
                if (c->a[z].kind == A_DATE && c->a[z].b >= b && c->a[z].b < e)
                    dated = 1;
            if (!dated)
                ci->background = 1;
        }
    }
    /* "attacks have since spread into Kebbi", "has expanded its operations into Diema":
     * a summary of the conflict's course, wherever it stands, unless the clause gives a day */
    for (int i = 0; i < c->na && !ci->background; i++) {
        const ann *u = &c->a[i];
        if (u->kind == A_CUE && u->cls == C_BACKGROUND && u->val == 1 && u->b >= b && u->b < e) {
            /* "the deadliest attack since the violence spread to the country": it dates the
             * conflict, not the event */
            int dated = 0;
            for (uint32_t q = u->b; q > b && q + 4 > u->b; q--)
                if (tok_is(c, q - 1, "since") || tok_is(c, q - 1, "that") || tok_is(c, q - 1, "which") ||
                    tok_is(c, q - 1, "when"))
                    dated = 1;
            for (int z = 0; z < c->na; z++)
                if (c->a[z].kind == A_DATE && c->a[z].b >= b && c->a[z].b < e)
                    dated = 1;
            if (!dated)
                ci->background = 1;
        }
    }
    /* "the group has killed thousands of people in Somalia": a war's total, not an event */
    if (!ci->background && ci->main_role == R_KILL && ci->main_b > b &&
        (tok_is(c, ci->main_b - 1, "has") || tok_is(c, ci->main_b - 1, "have") ||
         tok_is(c, ci->main_b - 1, "had"))) {
        for (int z = 0; z < c->na; z++) {
            const ann *u = &c->a[z];
            if (u->kind == A_NUM && u->b >= ci->main_e && u->b < ci->main_e + 3 &&
                c->nums[u->val].n.best >= 1000 && !(c->nums[u->val].n.flags & SR_NUM_EXACT))
                ci->background = 1;
        }
    }
    /* "accused of killing 45 civilians in Karma in 2022": a past year's act */
    if (c->has_pub && ci->main_role) {
        int py, pm, pd, dated = 0, old_year = 0;
        sr_civil_from_days(c->pub, &py, &pm, &pd);
        for (int z = 0; z < c->na; z++)
            if (c->a[z].kind == A_DATE && c->a[z].b >= b && c->a[z].b < e)
                dated = 1;
        for (uint32_t q = b + 1; q < e; q++) {
            const char *f = tokf(c, q);
            if ((c->t.tok[q].flags & SR_TOK_NUM) && strlen(f) == 4 && tok_is(c, q - 1, "in")) {
                int y = atoi(f);
                if (y >= 1900 && y < py && !(q + 1 < e && (c->t.tok[q + 1].flags & SR_TOK_NUM))) {
                    old_year = 1;
                    /* the year dates the act when it stands closer to it than any day */
                    int between = 0;
                    for (int z = 0; z < c->na; z++)
                        if (c->a[z].kind == A_DATE && c->a[z].b >= ci->main_e && c->a[z].b < q)
                            between = 1;
                    if (q >= ci->main_e && q < ci->main_e + 12 && !between)
                        old_year = 2;
                }
            }
        }
        if ((old_year && !dated) || old_year == 2)
            ci->background = 1;
    }
    /* "the December raid ..., where 71 soldiers died": the toll is that raid's */
    if (ci->past && (!ci->main_role || ci->main_role == R_KILL))
        ci->background = 1;
    if (ci->main_role) {
        uint32_t m = ci->main_b;
        /* "had attacked", "had fired mortar shells": the perfect, not the passive */
        static const char *const perfect[] = {"had", "has", "have", NULL};
        ci->passive = (m > b && tok_in(c, m - 1, be_words) && !tok_is(c, m - 1, "had") &&
                       !tok_is(c, m - 1, "has")) ||
                      (m > b + 1 && tok_in(c, m - 2, be_words) && !tok_in(c, m - 2, perfect) &&
                       !tok_is(c, m - 1, "the") && !tok_is(c, m - 1, "a")) ||
                      tok_is(c, m, "came") || tok_is(c, m, "come") || tok_is(c, m, "comes") ||
                      tok_is(c, m, "under");
        if (tok_in(c, ci->main_e, be_words) && ci->main_e + 1 < e) {
            const char *nx = tokf(c, ci->main_e + 1);
            size_t nl = strlen(nx);
            if (nl > 3 && strcmp(nx + nl - 2, "ed") == 0)
                ci->passive = 1; /* "shells were launched" */
        }
        static const char *const into[] = {"into", "under", "hit", "struck", "triggered", "by", NULL};
        for (uint32_t q = m; q > b && q + 3 > m; q--)
            if (tok_in(c, q - 1, into))
                ci->passive = 1;
    }
}

/* Is the clause a report of something that happened? */
static int clause_is_event(const clause_info *ci, int nkill)
{
    for (int r = 1; r < R_COUNT; r++) {
        if (!ci->role_wt[r])
            continue;
        if (r == R_KILL) {
            if (nkill || ci->role_wt[r] >= 3) /* a toll, or "were shot dead" */
                return 1;
            continue;
        }
        if (r == R_DESTROY)
            continue;
        if (r == R_WITHDRAW && !ci->state_subject)
            continue; /* only a force pulling out is an event of its own */
        return 1;
    }
    return 0;
}

static void trace_clause(const doc_ctx *c, uint32_t b, uint32_t e, const char *why,
                         int32_t day, const int *frames, int nf)
{
    if (!c->x->trace || e <= b)
        return;
    char line[1024];
    size_t len = 0;
    uint32_t s0 = c->t.tok[b].start, s1 = c->t.tok[e - 1].end;
    int n = snprintf(line, sizeof line, "[%u,%u) %s", s0, s1, why);
    len = n > 0 ? (size_t)n : 0;
    if (day >= 0 && len < sizeof line) {
        char d[11];
        sr_date_format(day, d);
        n = snprintf(line + len, sizeof line - len, ", day %s", d);
        len += n > 0 ? (size_t)n : 0;
    }
    for (int k = 0; k < nf && len < sizeof line; k++) {
        const frame *f = &c->f[frames[k]];
        n = snprintf(line + len, sizeof line - len, "%s frame %d (%s)", k ? "," : " ->", frames[k],
                     f->location[0] ? f->location : "no place yet");
        len += n > 0 ? (size_t)n : 0;
    }
    for (int q = 0; q < c->na && len + 1 < sizeof line; q++) {
        const ann *a = &c->a[q];
        if (a->b < b || a->b >= e || !a->kind)
            continue;
        static const char kinds[] = " TAPCVUND";
        n = snprintf(line + len, sizeof line - len, "%s%c:%.*s", q ? " " : " | ", kinds[a->kind],
                     (int)(c->t.tok[a->e - 1].end - c->t.tok[a->b].start),
                     c->text + c->t.tok[a->b].start);
        len += n > 0 ? (size_t)n : 0;
    }
    c->x->trace(c->x->trace_ctx, line);
}

static void process_clause(doc_ctx *c, size_t s, uint32_t b, uint32_t e)
{
    clause_info ci;
    clause_read(c, b, e, &ci);
    /* "Islamic State-linked insurgents", "ADF rebels": remember what the
     * generic word stood for */
    for (int i = 0; i < c->na; i++) {
        const ann *a = &c->a[i];
        if (a->kind != A_ACTOR || a->b < b || a->b >= e || !is_nonstate_kind(a->cls))
            continue;
        for (int z = 0; z < c->na; z++) {
            const ann *g = &c->a[z];
            if (g->kind != A_ACTOR || g->cls != SR_ACTOR_UNIDENTIFIED || g->b < a->e ||
                g->b > a->e + 2 || g->e != g->b + 1)
                continue;
            const char *w = tokf(c, g->b);
            int slot = -1;
            for (int y = 0; y < c->ngw; y++)
                if (strcmp(c->gw_word[y], w) == 0)
                    slot = y;
            if (slot >= 0) {
                if (c->gw_lex[slot] != a->id)
                    c->gw_lex[slot] = SR_NO_ID; /* two groups: no telling */
            } else if (c->ngw < 8 && strlen(w) < sizeof c->gw_word[0]) {
                copy_str(c->gw_word[c->ngw], sizeof c->gw_word[0], w);
                c->gw_lex[c->ngw++] = a->id;
            }
        }
    }
    /* "Since 2015, JNIM has expanded ... Last week, the group ambushed": the
     * first armed group named, even in history, until an act names another */
    if (c->last_named == SR_NO_ID)
        for (int i = 0; i < c->na; i++) {
            const ann *a = &c->a[i];
            if (a->kind == A_ACTOR && a->b >= b && a->b < e && is_nonstate_kind(a->cls) &&
                !ci.noclaim) {
                int subject = 1; /* not "arrested 15 suspected Boko Haram members" */
                for (int z = 0; z < c->na; z++)
                    if (c->a[z].kind == A_TRIG && c->a[z].b >= b && c->a[z].b < a->b)
                        subject = 0;
                if (subject)
                    c->last_named = a->id;
                break;
            }
        }
    kfig kf[12];
    int nk = kill_figures(c, b, e, kf, 12);
    if (nk == 0) {
        /* "a resident ... was shot dead", "lynched him": one person killed */
        for (int i = 0; i < c->na && nk == 0; i++) {
            const ann *a = &c->a[i];
            if (a->kind != A_TRIG || a->b < b || a->b >= e ||
                (a->cls != R_KILL && a->cls != R_MOB) || trigger_blocked(c, b, a))
                continue;
            const char *kf0 = tokf(c, a->b);
            size_t kl = strlen(kf0);
            if (strcmp(kf0, "buried") == 0)
                continue; /* "the explosive was buried near the bridge" */
            int verb = (kl > 3 && strcmp(kf0 + kl - 2, "ed") == 0) || a->val >= 3;
            static const char *const nobody[] = {"anyone", "anybody", "nobody", "one", "none",
                                                 "no", NULL};
            int one = (tok_is(c, a->e, "him") || tok_is(c, a->e, "her") ||
                       (verb && (tok_is(c, a->e, "a") || tok_is(c, a->e, "an")))) ||
                      (verb && a->b > b + 1 && tok_is(c, a->b - 1, "was") &&
                       !tok_in(c, a->b - 2, nobody));
            if (one) {
                kf[0].value = 1;
                kf[0].revision = 0;
                kf[0].high = 1;
                kf[0].cls = V_PERSON;
                kf[0].weak = 0;
                kf[0].b = a->b;
                kf[0].e = a->e;
                kf[0].place_tok = UINT32_MAX;
                nk = 1;
            }
        }
    }
    int is_event = clause_is_event(&ci, nk);

    /* the day: the one nearest the event word */
    int has_date = 0, date_prec = 1;
    int32_t date = 0;
    int speech_date = -1;
    uint32_t date_dist = UINT32_MAX;
    int speech_only = 0; /* the only day is a statement's: a hint for the event */
    int32_t after_day = -1;
    int after_prec = 1;
    for (int i = 0; i < c->na; i++) {
        const ann *a = &c->a[i];
        if (a->kind != A_DATE || a->b < b || a->b >= e)
            continue;
        const date_ann *d = &c->dates[a->val];
        if (d->speech) {
            if (speech_date < 0)
                speech_date = a->val;
            continue;
        }
        uint32_t dist = 0;
        if (ci.main_role)
            dist = a->b >= ci.main_e ? a->b - ci.main_e : ci.main_b - (a->e < ci.main_b ? a->e : ci.main_b);
        /* "began mourning on Saturday after gunmen killed ...": another clause's day */
        if (ci.main_role && a->e <= ci.main_b) {
            int other = 0;
            for (uint32_t q = a->e; q < ci.main_b; q++)
                if (tok_is(c, q, "after") || tok_is(c, q, "following"))
                    other = 1;
            if (other) {
                after_day = d->d.days; /* at most a hint: often the same day */
                after_prec = d->d.precision;
                continue;
            }
        }
        if (!has_date || dist < date_dist) {
            has_date = 1;
            date = d->d.days;
            date_prec = d->d.precision;
            date_dist = dist;
        }
    }
    /* "late on Wednesday ... until the early hours of Thursday": a night is
     * coded on its second day */
    if (has_date && date_prec == 1) {
        int night = 0;
        for (uint32_t q = b; q < e; q++)
            if (tok_is(c, q, "until") || tok_is(c, q, "overnight") || tok_is(c, q, "night") ||
                tok_is(c, q, "through") || (tok_is(c, q, "into") && q > b && tok_is(c, q - 1, "continued")))
                night = 1;
        for (int i = 0; i < c->na && night; i++) {
            const ann *a = &c->a[i];
            if (a->kind == A_DATE && a->b >= b && a->b < e &&
                (!c->dates[a->val].speech || tok_is(c, a->b, "until")) &&
                c->dates[a->val].d.precision == 1 && c->dates[a->val].d.days == date + 1)
                date = date + 1;
        }
    }
    if (c->has_pending) {
        if (!has_date) {
            has_date = 1;
            date = c->pending_date;
            date_prec = c->pending_prec;
        }
        c->has_pending = 0;
    }
    if (!has_date && c->has_ctx_date) {
        for (uint32_t q = b; q + 3 < e; q++) {
            static const char *const came[] = {"came", "comes", "occurred", "happened", NULL};
            if (!tok_in(c, q, came))
                continue;
            static const char *const small[] = {"zero", "one", "two", "three", "four", "five",
                                                "six", "seven", "eight", "nine", "ten", NULL};
            int n = -1;
            if (c->t.tok[q + 1].flags & SR_TOK_NUM)
                n = atoi(tokf(c, q + 1));
            for (int z = 0; small[z]; z++)
                if (tok_is(c, q + 1, small[z]))
                    n = z;
            uint32_t u = q + 2;
            int days = tok_is(c, u, "days") || tok_is(c, u, "day");
            int weeks = tok_is(c, u, "weeks") || tok_is(c, u, "week");
            /* ... and what it came after must be an event ("after militants attacked") */
            int event_after = 0;
            for (uint32_t z = u + 2; z < e && z < u + 8; z++)
                if (find_ann_at(c, z, A_TRIG) >= 0)
                    event_after = 1;
            if ((days || weeks) && tok_is(c, u + 1, "after") && n > 0 && n < 60 && event_after) {
                /* "The killings came five days after militants attacked ...":
                 * the later event is the one last dated */
                has_date = 1;
                date = c->ctx_date - (weeks ? 7 * n : n);
                date_prec = weeks ? 2 : c->ctx_prec;
            }
        }
        /* "the next day", "the following day", "a day later", "two days later" */
        for (uint32_t q = b; q + 1 < e && !has_date; q++) {
            int later = 0;
            if ((tok_is(c, q, "next") || tok_is(c, q, "following")) && tok_is(c, q + 1, "day") &&
                q > b && tok_is(c, q - 1, "the"))
                later = 1;
            /* "a day earlier", "the day before", "the previous day" */
            if (q + 2 < e && (tok_is(c, q, "a") || tok_is(c, q, "one")) && tok_is(c, q + 1, "day") &&
                tok_is(c, q + 2, "earlier"))
                later = -1;
            if (q + 2 < e && tok_is(c, q, "the") && tok_is(c, q + 1, "day") && tok_is(c, q + 2, "before") &&
                (q + 3 >= e || stop_tok(c, q + 3) || tok_is(c, q + 3, ",")))
                later = -1;
            if (q + 2 < e && tok_is(c, q, "the") && tok_is(c, q + 1, "previous") && tok_is(c, q + 2, "day"))
                later = -1;
            if (q + 2 < e && (tok_is(c, q + 1, "day") || tok_is(c, q + 1, "days")) &&
                tok_is(c, q + 2, "later")) {
                static const char *const small[] = {"a", "one", "two", "three", "four", "five",
                                                    "six", "seven", NULL};
                for (int z = 0; small[z]; z++)
                    if (tok_is(c, q, small[z]))
                        later = z == 0 ? 1 : z;
                if (c->t.tok[q].flags & SR_TOK_NUM)
                    later = atoi(tokf(c, q));
            }
            if (later == 0)
                continue; /* (the tests below only qualify a relative day) */
            /* not "two days later a source said": the day of a report */
            int spoken = 0;
            for (int z = 0; z < c->na; z++)
                if (c->a[z].kind == A_CUE && c->a[z].cls == C_SPEECH &&
                    c->a[z].b >= b && c->a[z].b < e && c->a[z].b < q + 8)
                    spoken = 1;
            /* "died two days later" is the wounded of the first event; "two days
             * later police killed three robbers" a new one */
            int died = ci.main_role == R_KILL &&
                       (tok_is(c, ci.main_b, "died") || tok_is(c, ci.main_b, "succumbed") ||
                        tok_is(c, ci.main_b, "dead") || tok_is(c, ci.main_b, "death") ||
                        tok_is(c, ci.main_b, "toll"));
            if (later != 0 && later < 30 && c->ctx_prec == 1 && !spoken && ci.main_role && !died) {
                has_date = 1;
                date = c->ctx_date + later;
                date_prec = 1;
            }
        }
        for (uint32_t q = b; q + 1 < e; q++)
            if (tok_is(c, q, "same") && tok_is(c, q + 1, "day")) {
                has_date = 1; /* "the same day": the day last named */
                date = c->ctx_date;
                date_prec = c->ctx_prec;
            }
    }
    if (!has_date && speech_date >= 0 && is_event && !ci.claim && c->ncur == 0) {
        /* only the day of a statement: the nearest we know */
        has_date = 1;
        speech_only = 1;
        date = c->dates[speech_date].d.days;
        date_prec = c->dates[speech_date].d.precision;
    }
    if (ci.claim && has_date) {
        /* "On Tuesday the group claimed the attack": the day of the claim */
        int placed = 0, date_first = 0;
        uint32_t claim_at = e;
        for (int i = 0; i < c->na; i++) {
            if (c->a[i].kind == A_PLACE && c->a[i].b >= b && c->a[i].b < e)
                placed = 1;
            if (c->a[i].kind == A_CUE && c->a[i].cls == C_CLAIM && c->a[i].b >= b &&
                c->a[i].b < claim_at)
                claim_at = c->a[i].b;
        }
        for (int i = 0; i < c->na; i++)
            if (c->a[i].kind == A_DATE && c->a[i].b >= b && c->a[i].b < claim_at)
                date_first = 1;
        if (!placed && date_first)
            has_date = 0;
        /* "JNIM claimed the attack on Monday in a statement about the fighting
         * in Boni": a claim of an event already told is dated by the claim */
        if (has_date && c->ncur > 0) {
            for (int i = 0; i < c->na; i++)
                if (c->a[i].kind == A_CUE && c->a[i].cls == C_CLAIM && c->a[i].b >= b &&
                    c->a[i].b < e && tok_is(c, c->a[i].b, "claimed"))
                    has_date = 0;
        }
    }
    int background = 0;
    if (has_date && c->has_pub) {
        int32_t lim = c->pub - 30;
        if (date < lim || date > c->pub + 1)
            background = 1;
    }
    if (background) {
        trace_clause(c, b, e, "outside the 30-day window", -1, NULL, 0);
        if (is_event) {
            /* "Fombita is in the Tillaberi region, where ... since the coup in July
             * 2023": history, but it still says where the event described was */
            if (c->ncur == 1 && c->f[c->cur[0]].has_place && c->f[c->cur[0]].place == SR_NO_ID) {
                place_ref hp[GCAP];
                int hl = 0;
                int hn = clause_places(c, b, e, hp, GCAP, &hl);
                for (int i = 0; i < hn; i++)
                    if (hp[i].admin1[0]) {
                        refine_place(&c->f[c->cur[0]], &hp[i], sr_x_main_country(c));
                        break;
                    }
            }
            c->ncur = 0;
            return;
        }
        has_date = 0; /* a remark dated long ago may still say where things are */
        nk = 0;       /* ... but its figures are of other times */
    }
    /* a day of the clause's own (not "since May") outweighs history markers */
    int own_date = 0;
    for (int i = 0; i < c->na; i++) {
        const ann *a = &c->a[i];
        if (a->kind == A_DATE && a->b >= b && a->b < e && !(a->b > b && tok_is(c, a->b - 1, "since")) &&
            !c->dates[a->val].speech && ann_near(c, b, e, A_CUE, C_BACKGROUND, a->b, 0) < 0) {
            int after_marker = 0;
            for (int z = 0; z < c->na; z++)
                if (c->a[z].kind == A_CUE && c->a[z].cls == C_BACKGROUND && c->a[z].e == a->b)
                    after_marker = 1; /* "since the beginning | of May" */
            if (!after_marker)
                own_date = 1;
        }
    }
    /* "since the beginning of May", "since the start of the year" */
    for (int i = 0; i < c->na && !own_date; i++)
        if (c->a[i].kind == A_CUE && c->a[i].cls == C_BACKGROUND && c->a[i].b >= b &&
            c->a[i].b < e && tok_is(c, c->a[i].b, "since"))
            ci.background = 1;
    /* a toll over a list of countries is a running total */
    {
        int run = 0, best_run = 0;
        uint32_t last = 0;
        for (int i = 0; i < c->na; i++) {
            const ann *a = &c->a[i];
            if (a->kind != A_COUNTRY || a->b < b || a->b >= e)
                continue;
            int joined = run > 0;
            for (uint32_t q = last; joined && q < a->b; q++)
                if (!tok_is(c, q, ",") && !tok_is(c, q, "and") && !tok_is(c, q, "or"))
                    joined = 0;
            run = joined ? run + 1 : 1;
            last = a->e;
            if (run > best_run)
                best_run = run;
        }
        if (best_run >= 2 && nk > 0)
            ci.background = 1;
    }
    (void)own_date; /* "a year ago this weekend": history even with a day */
    for (uint32_t q = b; q + 1 < e && !ci.background && !own_date; q++) {
        if (q > c->rel_b && q < c->rel_e)
            continue; /* "JNIM, which has been active since 2017, attacked" */
        int year_next = 0;
        const char *f1 = tokf(c, q + 1);
        if (strlen(f1) == 4 && f1[0] >= '1' && f1[0] <= '2' && (c->t.tok[q + 1].flags & SR_TOK_NUM)) {
            int y = atoi(f1), py, pm, pd;
            sr_civil_from_days(c->pub, &py, &pm, &pd);
            year_next = c->has_pub && y >= 1900 && y < py;
        }
        if (tok_is(c, q, "since") && (year_next || find_ann_at(c, q + 1, A_DATE) >= 0) &&
            (!ci.main_role || q < ci.main_b || q < ci.main_e + 10))
            ci.background = 1;
        if (year_next && !has_date && (tok_is(c, q, "in") || tok_is(c, q, "early") ||
                                       tok_is(c, q, "late") || tok_is(c, q, "mid") ||
                                       tok_is(c, q, "from") || tok_is(c, q, "dating")))
            ci.background = 1;
    }
    if (ci.background)
        trace_clause(c, b, e, "history or running total", -1, NULL, 0);
    if (ci.background) {
        /* "since 2012", "since the beginning of May", "in 2019", "last year":
         * history and running totals, not an event; what follows a summary of the
         * conflict's course ("By the summer they were fighting in Gwoza. Dozens
         * died.") is no longer about the event told before it */
        if (ci.course && ci.main_role && ci.main_role != R_KILL)
            c->ncur = 0;
        return;
    }
    if (!has_date && after_day >= 0) {
        /* "imposed a curfew on Thursday after demonstrations ...": the event was
         * that day or before; new frames take it as a hint */
        c->ctx_date = after_day;
        c->ctx_prec = after_prec;
        c->has_ctx_date = 1;
    }
    if (has_date && !speech_only) {
        c->ctx_date = date;
        c->ctx_prec = date_prec;
        c->has_ctx_date = 1;
    }

    place_ref pl[GCAP];
    int list = 0;
    int np = clause_places(c, b, e, pl, GCAP, &list);

    /* remember the named armed group for "the group", "its fighters" */
    for (int i = 0; i < c->na; i++) {
        const ann *a = &c->a[i];
        if (a->kind == A_ACTOR && a->b >= b && a->b < e && is_nonstate_kind(a->cls) &&
            !ci.noclaim &&
            ((ci.main_role && a->b < ci.main_b) || ci.claim || ci.blame ||
             ann_near(c, a->e, e, A_CUE, C_SPEECH, a->e, 1) >= 0))
            c->last_named = a->id;
    }

    /* a toll over several countries is a running total */
    if (np > 1 && list) {
        int countries = 0;
        for (int i = 0; i < np; i++)
            if (pl[i].place == SR_NO_ID && !pl[i].admin1[0])
                countries++;
        if (countries > 1)
            return;
    }
    /* "The attack came as ...", "The ambush is the second ...": the event being
     * described, whatever else the clause names */
    int anaphoric = ci.main_role && ci.main_b == b + 1 && c->ncur > 0 &&
                    (tok_is(c, b, "the") || tok_is(c, b, "this") || tok_is(c, b, "that") ||
                     tok_is(c, b, "these") || tok_is(c, b, "those"));
    /* "... called the attack a calculated assault": the event described, when
     * the clause names no other day or place */
    if (!anaphoric && ci.main_role && c->ncur == 1 && !has_date && ci.main_b > b &&
        (tok_is(c, ci.main_b - 1, "the") || tok_is(c, ci.main_b - 1, "this")) && nk == 0) {
        int other = 0;
        for (int i = 0; i < np; i++)
            if (!same_place(&c->f[c->cur[0]], &pl[i]))
                other = 1;
        anaphoric = !other;
    }
    /* a plural event noun with no day, toll or named side speaks of many events */
    int generic = 0;
    if (ci.main_role && !has_date && nk == 0) {
        const char *mf = tokf(c, ci.main_e - 1);
        size_t ml = strlen(mf);
        int named = 0;
        for (int i = 0; i < c->na; i++)
            if (c->a[i].kind == A_ACTOR && c->a[i].b >= b && c->a[i].b < e && is_named_kind(c->a[i].cls))
                named = 1;
        generic = ml > 3 && mf[ml - 1] == 's' && mf[ml - 2] != 's' && !named &&
                  ci.main_role != R_PROTEST;
    }
    int targets[GCAP];
    int nt = 0;
    if (anaphoric) {
        /* it may still give the place or day the event lacked */
        int best = -1;
        for (int i = 0; i < np; i++)
            if (best < 0 || pl[i].prec < pl[best].prec)
                best = i;
        for (int k = 0; k < c->ncur; k++) {
            frame *f = &c->f[c->cur[k]];
            targets[nt++] = c->cur[k];
            if (best >= 0 && c->ncur == 1)
                refine_place(f, &pl[best], sr_x_main_country(c));
            if (has_date && !f->has_date && day_ok(f, has_date, date)) {
                f->has_date = 1;
                f->date = date;
                f->date_prec = date_prec;
            }
        }
        np = 0;
    } else if (is_event) {
        int use_places = np;
        int known = np > 1;
        for (int i = 0; i < np && known; i++) {
            int hit = 0;
            for (int k = 0; k < c->nf; k++)
                if (!c->f[k].dead && same_place(&c->f[k], &pl[i]))
                    hit = 1;
            known = hit;
        }
        if (known)
            list = 1; /* "21 people in Libiri and 18 in Kokorou": both already described */
        if (np > 1 && !list) {
            /* several places not in a list: the most precise one */
            int best = 0;
            for (int i = 1; i < np; i++)
                if (pl[i].prec < pl[best].prec)
                    best = i;
            pl[0] = pl[best];
            use_places = 1;
        }
        /* "surrounded the village, near Bankass": the place being described, with a
         * landmark */
        if (use_places == 1 && pl[0].prec == 2 && c->ncur == 1) {
            frame *f = &c->f[c->cur[0]];
            int definite = 0;
            for (int z = 0; z < c->na; z++)
                if (c->a[z].kind == A_CUE && c->a[z].cls == C_SITE && c->a[z].b >= b &&
                    c->a[z].b < pl[0].tok && c->a[z].b > b && tok_is(c, c->a[z].b - 1, "the"))
                    definite = 1;
            if (definite && f->has_place && f->prec == 1 && day_ok(f, has_date, date) &&
                strcmp(f->cc, pl[0].cc) == 0)
                use_places = 0, np = 0;
        }
        for (int i = 0; i < use_places; i++) {
            /* a frame already open for this place and day? */
            int found = -1;
            for (int k = 0; k < c->nf; k++) {
                frame *f = &c->f[k];
                if (f->dead || !same_place(f, &pl[i]) || !day_ok(f, has_date, date))
                    continue;
                found = k;
                break;
            }
            if (found < 0 && use_places == 1 && c->ncur == 1) {
                /* the place of the frame being described, said more precisely:
                 * its region, or the town in its region */
                frame *f = &c->f[c->cur[0]];
                int same_day = !has_date || (f->has_date && abs(f->date - date) <= 1);
                if (!f->dead && f->has_place && same_day && strcmp(f->cc, pl[i].cc) == 0 &&
                    f->prec == 3 &&
                    (!f->admin1[0] || !pl[i].admin1[0] || strcmp(f->admin1, pl[i].admin1) == 0)) {
                    if (!pl[i].admin1[0])
                        copy_str(pl[i].admin1, sizeof pl[i].admin1, f->admin1);
                    found = c->cur[0];
                    if (pl[i].prec < 3 || f->place == SR_NO_ID)
                        frame_set_place(f, &pl[i]);
                } else if (!f->dead && f->has_place && same_day && pl[i].pseudo && f->prec >= 2 &&
                           strcmp(f->cc, pl[i].cc) == 0 &&
                           (!has_date || !f->has_date || f->date == date)) {
                    /* "near the village of Kafr Jales": the unnamed-in-gazetteer
                     * village is the precise place of the event described */
                    found = c->cur[0];
                    copy_str(f->location, sizeof f->location, pl[i].location);
                    f->prec = pl[i].prec;
                    f->place = SR_NO_ID;
                } else if (!f->dead && f->has_place && day_ok(f, has_date, date) && pl[i].prec == 3 &&
                           strcmp(f->cc, pl[i].cc) == 0 && pl[i].admin1[0] &&
                           strcmp(f->admin1, pl[i].admin1) == 0) {
                    found = c->cur[0]; /* "in the Tillaberi region": around the town already named */
                }
            }
            int elsewhere = 0;
            for (uint32_t q = b; q < e; q++)
                if (tok_is(c, q, "also") || tok_is(c, q, "elsewhere") || tok_is(c, q, "separate") ||
                    (tok_is(c, q, "same") && tok_is(c, q + 1, "day")))
                    elsewhere = 1;
            if (found < 0 && i == 0 && !elsewhere) {
                /* a frame opened just before still waits for its place */
                for (int k = c->nf - 1; k >= 0 && found < 0; k--) {
                    frame *f = &c->f[k];
                    if (f->last_sent + 3 < (int)s)
                        break;
                    if (!f->dead && !f->has_place && f->group < 0 && day_ok(f, has_date, date) &&
                        !(has_date && f->has_date && f->date != date && f->date_prec == 1))
                        found = k;
                }
                if (found >= 0)
                    frame_set_place(&c->f[found], &pl[i]);
            }
            if (found < 0 && generic)
                continue; /* "attacks in Tillabéri have not let up": a pattern */
            if (found < 0) {
                found = new_frame(c);
                if (found < 0)
                    break;
                frame_set_place(&c->f[found], &pl[i]);
            }
            if (has_date && speech_only) {
                if (!c->f[found].has_date && !c->f[found].has_inh) {
                    c->f[found].has_inh = 1;
                    c->f[found].inh_speech = 1;
                    c->f[found].inh_date = date;
                    c->f[found].inh_prec = date_prec;
                }
            } else if (has_date && (!c->f[found].has_date || date_prec < c->f[found].date_prec)) {
                c->f[found].has_date = 1;
                c->f[found].date = date;
                c->f[found].date_prec = date_prec;
            }
            targets[nt++] = found;
        }
        if (nt == 0) {
            if (c->ncur > 0 && day_ok(&c->f[c->cur[0]], has_date, date)) {
                for (int k = 0; k < c->ncur; k++)
                    targets[nt++] = c->cur[k];
                ci.attach_only = !has_date;
                /* "On Sunday residents buried 160 bodies": a toll's day is not
                 * the event's, only a hint until the event's own day comes */
                int weak_day = ci.main_role == R_KILL && ci.role_wt[R_KILL] < 3;
                if (has_date)
                    for (int k = 0; k < nt; k++) {
                        frame *f = &c->f[targets[k]];
                        if (weak_day) {
                            if (!f->has_date && !f->has_inh) {
                                f->has_inh = 1;
                                f->inh_date = date;
                                f->inh_prec = date_prec;
                            }
                        } else if (!f->has_date || date_prec < f->date_prec) {
                            f->has_date = 1;
                            f->date = date;
                            f->date_prec = date_prec;
                        }
                    }
            } else if (!has_date && c->nf > 0 && c->ncur == 0) {
                /* no place, no day, and the story has moved on: commentary */
                return;
            } else {
                int k = new_frame(c);
                if (k >= 0) {
                    targets[nt++] = k;
                    /* "in the area", "nearby", "the city": the place being described */
                    int prox = 0;
                    for (int q = 0; q < c->na; q++)
                        if (c->a[q].kind == A_CUE && c->a[q].b >= b && c->a[q].b < e &&
                            (c->a[q].cls == C_PROXIMITY ||
                             (c->a[q].cls == C_SITE && tok_is(c, c->a[q].b, "the"))))
                            prox = 1;
                    int from = c->ncur > 0 ? c->cur[0] : k - 1;
                    if (prox && from >= 0 && from != k && c->f[from].has_place) {
                        frame *g = &c->f[from], *f = &c->f[k];
                        f->has_place = 1;
                        f->place = g->place;
                        f->prec = g->prec < 2 ? 2 : g->prec;
                        copy_str(f->cc, 3, g->cc);
                        copy_str(f->location, sizeof f->location, g->location);
                        copy_str(f->admin1, sizeof f->admin1, g->admin1);
                        f->lat = g->lat;
                        f->lon = g->lon;
                    }
                    if (has_date) {
                        c->f[k].has_date = 1;
                        c->f[k].date = date;
                        c->f[k].date_prec = date_prec;
                    }
                }
            }
        }
        if (nt > 1) {
            int g = c->groups++;
            for (int k = 0; k < nt; k++)
                c->f[targets[k]].group = g;
        }
        /* the attackers fighting the security forces after an attack on civilians
         * are a second actor pair: "security forces killed five gunmen", "one
         * soldier was killed in the fighting" */
        int armed_side = ci.role_wt[R_CLASH] >= 4;
        for (int i = 0; i < nk; i++)
            if (kf[i].cls == V_MILITARY || kf[i].cls == V_POLICE || kf[i].cls == V_MILITANT)
                armed_side = 1;
        for (int k = 0; k < nt && armed_side; k++) {
            frame *f = &c->f[targets[k]];
            int civ_figs = 0, arm_figs = 0;
            for (int i = 0; i < f->nfig; i++) {
                if (f->figs[i].cls == V_CIVILIAN)
                    civ_figs++;
                else if (f->figs[i].cls != V_PERSON)
                    arm_figs++;
            }
            if (!civ_figs || arm_figs || f->vic[V_CIVILIAN] <= f->vic[V_MILITARY] + f->vic[V_POLICE] ||
                f->contested)
                continue;
            int n = new_frame(c);
            if (n < 0)
                break;
            frame *g = &c->f[n];
            f = &c->f[targets[k]];
            g->has_place = f->has_place;
            g->place = f->place;
            g->prec = f->prec;
            copy_str(g->cc, 3, f->cc);
            copy_str(g->location, sizeof g->location, f->location);
            copy_str(g->admin1, sizeof g->admin1, f->admin1);
            g->lat = f->lat;
            g->lon = f->lon;
            g->has_date = f->has_date || has_date;
            g->date = has_date ? date : f->date;
            g->date_prec = has_date ? date_prec : f->date_prec;
            g->claimant = f->claimant;
            g->blamed = f->blamed;
            g->agent = f->agent;
            g->wt[R_CLASH] = 6; /* a firefight, whatever the weapons of the first attack */
            g->parent = targets[k];
            targets[k] = n;
        }
        /* a crowd lynching or demonstrating is not the armed attack being
         * described, even in the same place and day */
        int crowd = ci.main_role == R_MOB || ci.main_role == R_PROTEST ||
                    (ci.main_role == R_INTERVENE && ci.role_wt[R_INTERVENE] >= 3);
        for (int k = 0; k < nt && crowd; k++) {
            frame *f = &c->f[targets[k]];
            int armed = 0;
            static const int armed_roles[] = {R_ATTACK, R_CLASH, R_SEIZE, R_STRIKE, R_SHELL,
                                              R_EXPLODE, R_SUICIDE, R_ABDUCT, R_ARREST, R_COUP};
            for (size_t r = 0; r < sizeof armed_roles / sizeof armed_roles[0]; r++)
                if (f->wt[armed_roles[r]] >= 1)
                    armed = 1;
            if (!armed || f->wt[R_PROTEST] || f->wt[R_MOB] || f->vic[V_PROTESTER] > 0)
                continue; /* fire on protesters is the protest's own event */
            int n = new_frame(c);
            if (n < 0)
                break;
            frame *g = &c->f[n];
            f = &c->f[targets[k]];
            if (f->has_place) {
                g->has_place = 1;
                g->place = f->place;
                g->prec = f->prec;
                copy_str(g->cc, 3, f->cc);
                copy_str(g->location, sizeof g->location, f->location);
                copy_str(g->admin1, sizeof g->admin1, f->admin1);
                g->lat = f->lat;
                g->lon = f->lon;
            }
            if (has_date) {
                g->has_date = 1;
                g->date = date;
                g->date_prec = date_prec;
            } else if (f->has_date) {
                g->has_date = 1;
                g->date = f->date;
                g->date_prec = f->date_prec;
            }
            targets[k] = n;
            ci.attach_only = 0;
        }
    } else {
        /* no event word: figures, claims and sources for the frame(s) it is about */
        if (np > 0) {
            for (int i = 0; i < np && nt < GCAP; i++)
                for (int k = 0; k < c->nf; k++)
                    if (!c->f[k].dead && same_place(&c->f[k], &pl[i])) {
                        targets[nt++] = k;
                        break;
                    }
        }
        if (nt == 0 && c->ncur > 0 && !(has_date && c->has_ctx_date && c->ncur &&
                                         c->f[c->cur[0]].has_date &&
                                         abs(c->f[c->cur[0]].date - date) > 1)) {
            for (int k = 0; k < c->ncur; k++)
                targets[nt++] = c->cur[k];
            /* "Banibangou, in the Tillaberi region, lies ...": where it was */
            if (c->ncur == 1 && np > 0) {
                int best = 0;
                for (int i = 1; i < np; i++)
                    if (pl[i].prec < pl[best].prec)
                        best = i;
                refine_place(&c->f[c->cur[0]], &pl[best], sr_x_main_country(c));
            }
        }
        if (nt == 0)
            return;
        /* "The attackers arrived late on Sunday": the day the event lacked */
        if (has_date && !speech_only && !(c->has_pub && date == c->pub))
            for (int k = 0; k < nt; k++) {
                frame *f = &c->f[targets[k]];
                if (!f->has_date && (!f->has_inh || f->inh_speech)) {
                    f->has_date = 1;
                    f->date = date;
                    f->date_prec = date_prec;
                }
            }
        /* a claim naming one town of a list speaks for the whole list */
        ci.attach_only = 1;
    }
    if (nt == 0)
        return;
    if (c->x->trace) {
        char why[96];
        snprintf(why, sizeof why, "%s, role %s, %d place(s)%s, %d toll(s)",
                 is_event ? "event" : "information", sr_x_role_name(ci.main_role), np,
                 list ? " in a list" : "", nk);
        trace_clause(c, b, e, why, has_date ? date : -1, targets, nt);
    }
    if (nt == 1 && ci.claim && c->f[targets[0]].group >= 0) {
        int g = c->f[targets[0]].group;
        nt = 0;
        for (int k = 0; k < c->nf && nt < GCAP; k++)
            if (c->f[k].group == g)
                targets[nt++] = k;
    }
    for (int k = 0; k < nt; k++)
        frame_take(c, &c->f[targets[k]], &ci, b, e, s);

    /* figures: those followed by a place go to that place's frame; the rest
     * are shared evenly among the frames of the clause */
    for (int i = 0; i < nk; i++) {
        int own = -1;
        if (kf[i].place_tok != UINT32_MAX) {
            for (int q = 0; q < np; q++)
                if (pl[q].tok == kf[i].place_tok)
                    for (int k = 0; k < nt; k++)
                        if (same_place(&c->f[targets[k]], &pl[q]))
                            own = targets[k];
        }
        if (own >= 0) {
            frame_add_fig(&c->f[own], &kf[i], kf[i].value, 0, &c->src, (int)s, c, ci.deny);
            continue;
        }
        int v = kf[i].value;
        for (int k = 0; k < nt; k++) {
            int share = v / nt + (k < v % nt ? 1 : 0);
            frame_add_fig(&c->f[targets[k]], &kf[i], share, nt > 1, &c->src, (int)s, c, ci.deny);
        }
    }
    if (is_event || nt) {
        c->ncur = 0;
        for (int k = 0; k < nt && k < GCAP; k++)
            c->cur[c->ncur++] = targets[k];
    }
}

/* Cuts sentence s into clauses and reads each. */
void sr_x_process_sentence(doc_ctx *c, size_t s)
{
    const sr_sentence *se = &c->t.sent[s];
    uint32_t b = se->tok_begin, e = se->tok_end;
    if (e - b > SCAP)
        e = b + SCAP;
    /* a heading ("Broader implications", "Outlook") opens a new section: what
     * follows is not about the event described before it */
    if (e > b && e - b <= 5 && !(c->t.tok[e - 1].flags & SR_TOK_PUNCT) &&
        (c->t.tok[b].flags & (SR_TOK_PARA | SR_TOK_SENT))) {
        int has_event = 0;
        for (int q = 0; q < c->na; q++)
            if (c->a[q].kind == A_TRIG && c->a[q].b >= b && c->a[q].b < e)
                has_event = 1;
        if (!has_event || e - b <= 3) {
            c->ncur = 0;
            return;
        }
    }
    uint32_t start = b;
    for (uint32_t i = b; i < e; i++) {
        /* "The attack came a week after jihadists killed seven civilians in X":
         * two events, the second dated back from the first */
        if (tok_is(c, i, "after") && i >= start + 3) {
            static const char *const came[] = {"came", "comes", "occurred", "happened", NULL};
            static const char *const small[] = {"a", "one", "two", "three", "four", "five", "six",
                                                "seven", "eight", "nine", "ten", NULL};
            uint32_t u = i - 1; /* "days", "week" */
            int days = tok_is(c, u, "days") || tok_is(c, u, "day");
            int weeks = tok_is(c, u, "weeks") || tok_is(c, u, "week");
            int n = -1;
            /* "..., a day after bandits killed 12 farmers in Yankuzo": the same */
            int comma_after = (days || weeks) && u >= start + 2 && tok_is(c, u - 2, ",");
            if ((days || weeks) && (tok_in(c, u - 2, came) || comma_after)) {
                if (c->t.tok[u - 1].flags & SR_TOK_NUM)
                    n = atoi(tokf(c, u - 1));
                for (int z = 0; small[z]; z++)
                    if (tok_is(c, u - 1, small[z]))
                        n = z == 0 ? 1 : z;
            }
            int right = 0, left_act = 0;
            for (int q = 0; q < c->na; q++) {
                if (c->a[q].kind == A_TRIG && c->a[q].b > i && c->a[q].b < e)
                    right = 1;
                if ((c->a[q].kind == A_TRIG || c->a[q].kind == A_DATE) && c->a[q].b >= start &&
                    c->a[q].b < u)
                    left_act = 1; /* an act, or a day the earlier one is dated from */
            }
            /* not "..., a day after officials said the attack killed 34": a report */
            int report = 0;
            for (int q = 0; q < c->na; q++)
                if (c->a[q].kind == A_CUE && (c->a[q].cls == C_SPEECH || c->a[q].cls == C_SOURCE) &&
                    c->a[q].b > i && c->a[q].b <= i + 5)
                    report = 1;
            if (comma_after && !report && !tok_in(c, u - 2, came) && n > 0 && n < 60 && right &&
                left_act) {
                /* the later event first, then the earlier one on its own */
                process_clause(c, s, start, u - 2);
                int32_t d0 = c->ctx_date;
                int p0 = c->ctx_prec;
                int had = c->has_ctx_date;
                c->ncur = 0;
                if (had) {
                    c->pending_date = d0 - (weeks ? 7 * n : n);
                    c->pending_prec = weeks ? 2 : p0;
                    c->has_pending = 1;
                }
                start = i + 1;
                continue;
            }
            if (n > 0 && n < 60 && right && c->has_ctx_date) {
                trace_clause(c, start, i, "an event dated from a later one", -1, NULL, 0);
                process_clause(c, s, start, i);
                c->pending_date = c->ctx_date - (weeks ? 7 * n : n);
                c->pending_prec = weeks ? 2 : c->ctx_prec;
                c->has_pending = 1;
                c->ncur = 0; /* what follows is another event */
                start = i;
                continue;
            }
        }
        int cut = tok_is(c, i, ";") ||
                  (tok_is(c, i, ",") && (tok_is(c, i + 1, "and") || tok_is(c, i + 1, "while") ||
                                         tok_is(c, i + 1, "but") || tok_is(c, i + 1, "whereas") ||
                                         tok_is(c, i + 1, "although") || tok_is(c, i + 1, "though") ||
                                         tok_is(c, i + 1, "as")));
        if (!cut)
            continue;
        /* cut only when both sides carry an event word */
        int left = 0, right = 0;
        for (int q = 0; q < c->na; q++) {
            const ann *a = &c->a[q];
            if (a->kind != A_TRIG || a->cls == R_KILL)
                continue;
            if (a->b >= start && a->b < i)
                left = 1;
            if (a->b > i && a->b < e)
                right = 1;
        }
        int right_place_or_date = 0;
        for (int q = 0; q < c->na; q++) {
            const ann *a = &c->a[q];
            if ((a->kind == A_PLACE || a->kind == A_DATE) && a->b > i && a->b < e)
                right_place_or_date = 1;
        }
        if (left && right && right_place_or_date) {
            process_clause(c, s, start, i);
            start = i + 1;
        }
    }
    process_clause(c, s, start, e);
}
