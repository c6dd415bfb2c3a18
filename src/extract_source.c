/* extract_source.c — who speaks in a sentence: the source its statements
 * and figures are attributed to (see extract.h, step 2). */
#include <stdint.h>

#include "extract_internal.h"

/* ---- sources ----------------------------------------------------------------------- */

/* The source of sentence s: the source phrase nearest to a verb of saying,
 * or a named armed group (or "the group") that says or claims. */
void sr_x_find_source(doc_ctx *c, size_t s)
{
    const sr_sentence *se = &c->t.sent[s];
    uint32_t b = se->tok_begin, e = se->tok_end;
    source_ref best = {SR_SRC_UNKNOWN, SR_NO_ID, -1, 0, ""};
    uint32_t bestd = UINT32_MAX;
    c->nsrcs = 0;
    int any_speech = 0;
    for (int i = 0; i < c->na; i++)
        if (c->a[i].kind == A_CUE && (c->a[i].cls == C_SPEECH || c->a[i].cls == C_CLAIM ||
                                      c->a[i].cls == C_CONFIRM))
            any_speech = 1;
    for (int i = 0; i < c->na; i++) {
        const ann *a = &c->a[i];
        int kind = SR_SRC_UNKNOWN;
        uint32_t actor = SR_NO_ID;
        if (a->kind == A_CUE && a->cls == C_SOURCE) {
            kind = a->val;
            /* "killed at least 9 villagers": the counted dead, not a speaker
             * (unlike "two residents said") */
            if (find_ann_at_end(c, a->b, A_NUM) >= 0 && find_ann_at(c, a->b, A_VICTIM) >= 0 &&
                ann_near(c, a->e, e, A_CUE, C_SPEECH, a->e, 2) < 0)
                continue;
        } else if (a->kind == A_ACTOR && (is_nonstate_kind(a->cls) || a->cls == SR_ACTOR_GOVERNMENT)) {
            if (ann_near(c, a->e, e, A_CUE, C_CLAIM, a->e, 4) < 0 &&
                ann_near(c, a->e, e, A_CUE, C_SPEECH, a->e, 4) < 0 &&
                !(a->cls == SR_ACTOR_GOVERNMENT && ann_near(c, a->e, e, A_CUE, C_CONFIRM, a->e, 2) >= 0))
                continue;
            kind = a->cls == SR_ACTOR_GOVERNMENT ? SR_SRC_AUTHORITY : SR_SRC_PERPETRATOR;
            actor = a->id;
        } else if (a->kind == A_ACTOR && (a->cls == SR_ACTOR_MILITARY || a->cls == SR_ACTOR_EXTERNAL)) {
            if (ann_near(c, a->e, e, A_CUE, C_SPEECH, a->e, 3) < 0 &&
                ann_near(c, a->e, e, A_CUE, C_CONFIRM, a->e, 3) < 0)
                continue;
            kind = SR_SRC_AUTHORITY;
            actor = a->id;
        } else if (a->kind == A_CUE && a->cls == C_COREF && c->last_named != SR_NO_ID) {
            if (ann_near(c, a->e, e, A_CUE, C_CLAIM, a->e, 3) < 0 &&
                ann_near(c, a->e, e, A_CUE, C_SPEECH, a->e, 3) < 0)
                continue;
            kind = SR_SRC_PERPETRATOR;
            actor = c->last_named;
        } else {
            continue;
        }
        /* distance to the nearest verb of saying */
        uint32_t d = UINT32_MAX;
        for (int q = 0; q < c->na; q++) {
            const ann *v = &c->a[q];
            if (v->kind != A_CUE || (v->cls != C_SPEECH && v->cls != C_CLAIM && v->cls != C_CONFIRM))
                continue;
            uint32_t dd = v->b >= a->e ? v->b - a->e : (a->b >= v->e ? a->b - v->e : 0);
            if (dd < d)
                d = dd;
        }
        if (!any_speech)
            d = 50;
        char scc[3] = "";
        if (kind == SR_SRC_AUTHORITY && a->kind == A_CUE) {
            /* "Russia's defence ministry", "the Nigerien army" */
            for (int z = 0; z < c->na; z++) {
                const ann *u = &c->a[z];
                if (u->kind == A_COUNTRY && (u->e == a->b || (u->e + 1 == a->b && tok_is(c, u->e, "'s")))) {
                    sr_country_info ci0;
                    if (sr_lexicon_country(c->lex, u->id, &ci0) == SR_OK)
                        copy_str(scc, 3, ci0.iso2);
                }
            }
        }
        if (d <= 6 && c->nsrcs < 8) {
            source_ref *r = &c->srcs[c->nsrcs];
            r->kind = kind;
            r->actor = actor;
            r->key = (int)s * 16 + c->nsrcs;
            r->at = a->b;
            copy_str(r->cc, 3, scc);
            c->nsrcs++;
        }
        if (d < bestd) {
            bestd = d;
            best.kind = kind;
            best.actor = actor;
            best.key = (int)s;
            best.at = a->b;
            copy_str(best.cc, 3, scc);
        }
    }
    (void)b;
    if (best.kind != SR_SRC_UNKNOWN) {
        c->src = best;
        c->par_src = best;
    } else if (c->par_src.kind != SR_SRC_UNKNOWN) {
        c->src = c->par_src;
    } else {
        c->src = best;
    }
}
