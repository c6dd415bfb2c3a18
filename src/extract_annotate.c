/* extract_annotate.c — the two passes that come before the clauses: the
 * countries an article names (pass 1) and the annotations of one sentence
 * (pass 2): its lexicon matches, dates and numbers (see extract.h, step 1). */
#include <string.h>
#include <strings.h>

#include "extract_internal.h"

/* ---- pass 1: the countries of the article ---------------------------------------------- */

/* Does the name starting at token t (t > b, the sentence start) follow an
 * origin, "crossed from", "who came from neighbouring": where an armed group
 * came from, not where the event took place? */
int sr_x_origin_from(const doc_ctx *c, uint32_t b, uint32_t t)
{
    static const char *const came[] = {"came", "come", "coming", "crossed", "crossing", "arrived",
                                       "arriving", "infiltrated", "travelled", "traveled",
                                       "hailing", NULL};
    uint32_t q = t;
    if (q > b && (tok_is(c, q - 1, "neighbouring") || tok_is(c, q - 1, "neighboring")))
        q--;
    return q >= b + 2 && tok_is(c, q - 1, "from") && tok_in(c, q - 2, came);
}

int sr_x_country_score(const doc_ctx *c, const char *cc)
{
    for (int i = 0; i < c->ncc; i++)
        if (strcmp(c->cc[i], cc) == 0)
            return c->cc_score[i];
    return 0;
}

void sr_x_country_add(doc_ctx *c, const char *cc, int w)
{
    if (!cc || strlen(cc) != 2)
        return;
    for (int i = 0; i < c->ncc; i++)
        if (strcmp(c->cc[i], cc) == 0) {
            c->cc_score[i] += w;
            return;
        }
    if (c->ncc < COUNTRY_CAP) {
        copy_str(c->cc[c->ncc], 3, cc);
        c->cc_score[c->ncc++] = w;
    }
}

/* The country the article is most about ("" when none). */
const char *sr_x_main_country(const doc_ctx *c)
{
    int best = -1, bs = 0;
    for (int i = 0; i < c->ncc; i++)
        if (c->cc_score[i] > bs) {
            bs = c->cc_score[i];
            best = i;
        }
    return best >= 0 ? c->cc[best] : "";
}

void sr_x_count_countries(doc_ctx *c, const sr_match *m, size_t nm, const sr_tokens *t,
                            int weight)
{
    for (size_t i = 0; i < nm; i++) {
        const sr_match *mi = &m[i];
        if (mi->hit.kind == SR_LEX_COUNTRY) {
            sr_country_info ci;
            if (sr_lexicon_country(c->lex, mi->hit.id, &ci) == SR_OK) {
                /* "French embassy" says less about where than "in France" */
                const sr_token *tb = &t->tok[mi->tok_begin], *te = &t->tok[mi->tok_end - 1];
                size_t klen = te->fold + te->fold_len - tb->fold;
                int dem = sr_lexicon_is_demonym(c->lex, mi->hit.id, t->fold + tb->fold, klen);
                if (t == &c->t && sr_x_origin_from(c, 0, mi->tok_begin))
                    continue; /* "crossed from Mali": where attackers came from */
                sr_x_country_add(c, ci.iso2, (dem ? 1 : 3) * weight);
            }
        } else if (mi->hit.kind == SR_LEX_ACTOR) {
            char cc[3];
            int k = sr_x_actor_kind(c->lex, mi->hit.id, cc);
            if (cc[0] && (k == SR_ACTOR_MILITARY || k == SR_ACTOR_POLICE || k == SR_ACTOR_GOVERNMENT))
                sr_x_country_add(c, cc, 2 * weight);
            else if (cc[0] && strlen(cc) == 2 && is_nonstate_kind(k)) {
                int seen = 0;
                for (int z = 0; z < c->nacc; z++)
                    if (strcmp(c->acc[z], cc) == 0)
                        seen = 1;
                if (!seen && c->nacc < 8)
                    copy_str(c->acc[c->nacc++], 3, cc);
            }

        } else if (mi->hit.kind == SR_LEX_PLACE) {
            /* a place name of one country only (all its entries agree) */
            if (!(t->tok[mi->tok_begin].flags & SR_TOK_CAP))
                continue;
            size_t j = i;
            const char *cc0 = NULL;
            int agree = 1;
            while (j < nm && m[j].tok_begin == mi->tok_begin) {
                if (m[j].hit.kind == SR_LEX_PLACE) {
                    sr_place_info pi;
                    if (sr_lexicon_place(c->lex, m[j].hit.id, &pi) == SR_OK) {
                        if (!cc0)
                            cc0 = pi.country;
                        else if (strcmp(cc0, pi.country) != 0)
                            agree = 0;
                    }
                } else if (m[j].hit.kind != SR_LEX_PLACE) {
                    agree = 0;
                }
                j++;
            }
            (void)agree; /* places do not vote: a name would vote for its own country */
            /* ... but a town of one country only hints at it between the covered ones */
            if (agree && cc0 && c->nplc < 8) {
                int seen = 0;
                for (int z = 0; z < c->nplc; z++)
                    if (strcmp(c->plc[z], cc0) == 0)
                        seen = 1;
                if (!seen)
                    copy_str(c->plc[c->nplc++], 3, cc0);
            }
            i = j - 1;
        }
    }
}

/* ---- pass 2: annotating one sentence ------------------------------------------------- */

/* The countries the gazetteer covers town by town: when an article names no
 * country at all, a town there is likelier than a namesake abroad. */
static int focus_country(const char *cc)
{
    return strcmp(cc, "ML") == 0 || strcmp(cc, "BF") == 0 || strcmp(cc, "NE") == 0;
}

static int actor_home(const doc_ctx *c, const char *cc)
{
    for (int z = 0; z < c->nacc; z++)
        if (strcmp(c->acc[z], cc) == 0)
            return 1;
    return 0;
}

/* Non-zero when tokens [b, e) spell name (ASCII case ignored). */
static int name_is(const doc_ctx *c, uint32_t b, uint32_t e, const char *name)
{
    if (!name || b >= e)
        return 0;
    size_t s0 = c->t.tok[b].start, s1 = c->t.tok[e - 1].end;
    return strlen(name) == s1 - s0 && strncasecmp(c->text + s0, name, s1 - s0) == 0;
}

int sr_x_place_rank(const doc_ctx *c, const sr_place_info *pi)
{
    int s = sr_x_country_score(c, pi->country) * 100000;
    if (c->ncc == 0 && focus_country(pi->country)) {
        s += 50000;
        for (int z = 0; z < c->nplc; z++)
            if (strcmp(c->plc[z], pi->country) == 0)
                s += 20000; /* "Essakane ... Dori": Burkina's Essakane */
    }
    else if (c->ncc == 0 && pi->kind == SR_PLACE_CITY && pi->population >= 1000000)
        s += 60000; /* "Kano" is Nigeria's city before a Malian hamlet */
    int k = pi->kind == SR_PLACE_CITY ? 4 : pi->kind == SR_PLACE_ADMIN1 ? 3
          : pi->kind == SR_PLACE_ADMIN2 ? 2 : 1;
    s += k * 10000;
    uint32_t p = pi->population;
    int lg = 0;
    while (p >= 10 && lg < 9) {
        p /= 10;
        lg++;
    }
    return s + lg * 100;
}

static void add_ann(doc_ctx *c, int kind, uint32_t b, uint32_t e, uint32_t id, int cls, int val)
{
    if (c->na >= ACAP)
        return;
    ann *a = &c->a[c->na++];
    if (b >= c->ann_b && b - c->ann_b < SCAP + 4 && kind > 0 && kind < 16)
        c->ann_kinds[b - c->ann_b] |= (uint16_t)(1u << kind);
    else
        c->ann_wide = 1;
    a->kind = kind;
    a->b = b;
    a->e = e;
    a->id = id;
    a->cls = cls;
    a->val = val;
}

/* Non-zero when a cue of class admin ("region", "province") follows token e. */
int sr_x_followed_by_admin(const doc_ctx *c, uint32_t e)
{
    static const char *const admin_words[] = {"region", "regions", "province", "state", "department",
                                              "district", "commune", "cercle", "governorate",
                                              "prefecture", "oblast", "township", "county", NULL};
    return tok_in(c, e, admin_words);
}

/* Non-zero when the place name at [b, e) is part of a person's or an
 * organisation's name: "Roch Marc Christian Kaboré", "Traoré's supporters"
 * after a first name, an all-capitals heading word. */
static int place_in_name(const doc_ctx *c, uint32_t b, uint32_t e, uint32_t sent_begin)
{
    if (e < c->t.n) {
        const sr_token *nx = &c->t.tok[e];
        static const char *const name_ok_after[] = {"region", "province", "state", "department",
                                                    "district", "governorate", "prefecture",
                                                    "oblast", "county", "township", "city", NULL};
        if ((nx->flags & SR_TOK_CAP) && (nx->flags & SR_TOK_WORD) && !(nx->flags & SR_TOK_SENT) &&
            !(nx->flags & SR_TOK_HYPHEN) && !tok_in(c, e, name_ok_after))
            return 1; /* "Alliance of Sahel States", "Kaduna Road" */
    }
    const sr_token *tk = &c->t.tok[b];
    if ((tk->flags & SR_TOK_UPPER) && tk->end - tk->start > 3)
        return 1;
    if (b > sent_begin) {
        const sr_token *pv = &c->t.tok[b - 1];
        static const char *const ok_before[] = {"in", "at", "near", "of", "from", "to", "and",
                                                "on", "around", "outside", "towards", "toward",
                                                "between", "into", "the", "a", NULL};
        if ((pv->flags & SR_TOK_CAP) && (pv->flags & SR_TOK_WORD) && !(pv->flags & SR_TOK_SENT) &&
            !tok_in(c, b - 1, ok_before) && !(pv->flags & SR_TOK_UPPER)) {
            return 1;
        }
    }
    return 0;
}

static const char *const speech_before_date[] = {
    "said", "says", "told", "announced", "reported", "published", "stated", "added",
    "confirmed", "declared", "released", "issued", "count", "tally", NULL,
};
/* ... and right before the day only: "denied on Thursday", not "claimed
 * responsibility for Tuesday's assault" */
static const char *const speech_right_before_date[] = {
    "denied", "denies", "rejected", "accused", "blamed", "condemned", "claimed", NULL,
};

/* "The RSF, which has killed thousands of civilians, attacked El Fasher":
 * a relative clause between a sentence's subject and its verb describes the
 * subject's past; its verbs, victims, figures and dates are not this event's.
 * Drops the annotations of [b, e) inside such a clause. */
static void drop_relative(doc_ctx *c, uint32_t b, uint32_t e)
{
    static const char *const rel[] = {"which", "who", "whose", NULL};
    for (int s = 0; s < c->na; s++) {
        const ann *subj = &c->a[s];
        if (subj->kind != A_ACTOR || subj->b > b + 2 || subj->b < b)
            continue;
        uint32_t i = subj->e;
        if (!tok_is(c, i, ",") || !tok_in(c, i + 1, rel))
            continue;
        uint32_t j = i + 2;
        while (j < e && j < i + 30 && !tok_is(c, j, ","))
            j++;
        if (j >= e || !tok_is(c, j, ","))
            continue;
        int verb = 0;
        for (int q = 0; q < c->na; q++)
            if (c->a[q].kind == A_TRIG && c->a[q].b > j && c->a[q].b <= j + 2)
                verb = 1;
        if (!verb)
            continue;
        for (int q = 0; q < c->na; q++)
            if (c->a[q].kind && c->a[q].b > i && c->a[q].b < j)
                c->a[q].kind = 0;
        c->rel_b = i;
        c->rel_e = j;
        return;
    }
}

/* Fills c->a with the matches, numbers and dates of sentence s; *mi is the
 * scan cursor into c->m. */
void sr_x_annotate(doc_ctx *c, size_t s, size_t *mi)
{
    const sr_sentence *se = &c->t.sent[s];
    uint32_t b = se->tok_begin, e = se->tok_end;
    if (e - b > SCAP)
        e = b + SCAP;
    c->na = 0;
    c->ann_b = b;
    c->ann_wide = 0;
    memset(c->ann_kinds, 0, sizeof c->ann_kinds);
    c->rel_b = c->rel_e = 0;
    c->nnum = 0;
    c->ndate = 0;
    while (*mi < c->nm && c->m[*mi].tok_begin < se->tok_begin)
        (*mi)++;
    size_t j = *mi;
    /* the countries this sentence names, to place its towns */
    char sc[8][3];
    int nsc = 0;
    char named_cc[4][3]; /* countries named by name ("in central Mali"), not demonym */
    int nnamed = 0;
    for (size_t q = j; q < c->nm && c->m[q].tok_begin < se->tok_end && nsc < 8; q++) {
        sr_country_info ci;
        sr_actor_info ai;
        if (c->m[q].hit.kind == SR_LEX_COUNTRY && !sr_x_origin_from(c, se->tok_begin, c->m[q].tok_begin) &&
            sr_lexicon_country(c->lex, c->m[q].hit.id, &ci) == SR_OK) {
            copy_str(sc[nsc++], 3, ci.iso2);
            const sr_token *t0 = &c->t.tok[c->m[q].tok_begin], *t1 = &c->t.tok[c->m[q].tok_end - 1];
            size_t klen = t1->fold + t1->fold_len - t0->fold;
            /* only "in Mali", "in central Mali": the country an event is placed in */
            uint32_t h = c->m[q].tok_begin;
            static const char *const dirw[] = {"northern", "southern", "eastern", "western",
                                               "central", "north", "south", "east", "west",
                                               "north-eastern", "north-western", "south-eastern",
                                               "south-western", "northeastern", "northwestern",
                                               "southeastern", "southwestern", NULL};
            while (h > se->tok_begin && tok_in(c, h - 1, dirw))
                h--;
            int placed_in = h > se->tok_begin && tok_is(c, h - 1, "in");
            if (nnamed < 4 && placed_in &&
                !sr_lexicon_is_demonym(c->lex, c->m[q].hit.id, c->t.fold + t0->fold, klen))
                copy_str(named_cc[nnamed++], 3, ci.iso2);
        }
        if (c->m[q].hit.kind == SR_LEX_COUNTRY && c->m[q].tok_begin == se->tok_begin &&
            (c->t.tok[se->tok_begin].flags & SR_TOK_UPPER) && c->m[q].tok_end < se->tok_end &&
            (tok_is(c, c->m[q].tok_end, "-") || tok_is(c, c->m[q].tok_end, "\xe2\x80\x94") ||
             tok_is(c, c->m[q].tok_end, "\xe2\x80\x93")))
            copy_str(c->sect_cc, 3, ci.iso2); /* a section heading */
        if (c->m[q].hit.kind == SR_LEX_COUNTRY)
            ;
        else if (c->m[q].hit.kind == SR_LEX_ACTOR &&
                 sr_lexicon_actor(c->lex, c->m[q].hit.id, &ai) == SR_OK && ai.country[0] &&
                 (ai.kind == SR_ACTOR_MILITARY || ai.kind == SR_ACTOR_POLICE))
            copy_str(sc[nsc++], 3, ai.country);
        else if (c->m[q].hit.kind == SR_LEX_PLACE &&
                 (c->t.tok[c->m[q].tok_begin].flags & SR_TOK_CAP) &&
                 (sr_x_followed_by_admin(c, c->m[q].tok_end) || sr_x_followed_by_admin(c, c->m[q].tok_end - 1)) &&
                 (q == 0 || c->m[q - 1].tok_begin != c->m[q].tok_begin)) {
            /* "in the Tillaberi region": the region's country places the towns */
            int best = -1;
            char bcc[3] = "";
            for (size_t z = q; z < c->nm && c->m[z].tok_begin == c->m[q].tok_begin; z++) {
                sr_place_info pi;
                if (c->m[z].hit.kind != SR_LEX_PLACE ||
                    sr_lexicon_place(c->lex, c->m[z].hit.id, &pi) != SR_OK)
                    continue;
                int r = sr_x_place_rank(c, &pi) + (pi.kind == SR_PLACE_ADMIN1 ? 1000000 : 0);
                if (r > best) {
                    best = r;
                    copy_str(bcc, 3, pi.country);
                }
            }
            uint32_t h = c->m[q].tok_begin;
            if (best >= 0) {
                copy_str(sc[nsc++], 3, bcc);
                if (nnamed < 4 && h >= se->tok_begin + 2 && tok_is(c, h - 1, "the") && tok_is(c, h - 2, "in"))
                    copy_str(named_cc[nnamed++], 3, bcc);
            }
        }
    }
    if (c->sect_cc[0] && nsc < 8)
        copy_str(sc[nsc++], 3, c->sect_cc);
    /* the countries of the sentence's unambiguous towns: "Dinangourou, Koro
     * and Bankass" puts Koro with its neighbours */
    char uc[6][3];
    const char *ua1[6];
    int nuc = 0;
    for (size_t q = j; q < c->nm && c->m[q].tok_begin < se->tok_end && nuc < 6;) {
        size_t z = q;
        const char *cc0 = NULL, *a10 = NULL;
        int one = 1, other = 0;
        while (z < c->nm && c->m[z].tok_begin == c->m[q].tok_begin) {
            sr_place_info pi;
            if (c->m[z].hit.kind == SR_LEX_PLACE) {
                if (sr_lexicon_place(c->lex, c->m[z].hit.id, &pi) == SR_OK) {
                    if (!cc0) {
                        cc0 = pi.country;
                        a10 = pi.admin1;
                    } else if (strcmp(cc0, pi.country) != 0)
                        one = 0;
                    else if (a10 && (!pi.admin1 || strcmp(a10, pi.admin1) != 0))
                        a10 = NULL;
                }
            } else {
                other = 1;
            }
            z++;
        }
        if (cc0 && one && !other && (c->t.tok[c->m[q].tok_begin].flags & SR_TOK_CAP)) {
            int seen = 0;
            for (int y = 0; y < nuc; y++)
                if (strcmp(uc[y], cc0) == 0)
                    seen = 1;
            if (!seen || (a10 && a10[0])) {
                ua1[nuc] = a10 && a10[0] ? a10 : NULL;
                copy_str(uc[nuc++], 3, cc0);
            }
        }
        q = z;
    }
    while (j < c->nm && c->m[j].tok_begin < se->tok_end) {
        size_t k = j;
        /* all hits of one phrase */
        int has_other = 0, has_place = 0;
        while (k < c->nm && c->m[k].tok_begin == c->m[j].tok_begin) {
            if (c->m[k].hit.kind == SR_LEX_PLACE)
                has_place = 1;
            else if (c->m[k].hit.kind != SR_LEX_COUNTRY)
                has_other = 1;
            k++;
        }
        uint32_t tb = c->m[j].tok_begin, te = c->m[j].tok_end;
        if (tb >= e) {
            j = k;
            continue;
        }
        if (has_place && !has_other && (c->t.tok[tb].flags & SR_TOK_CAP) &&
            tb >= c->dateline_end && !place_in_name(c, tb, te, se->tok_begin)) {
            int best = -1;
            uint32_t bid = 0;
            for (size_t q = j; q < k; q++) {
                if (c->m[q].hit.kind != SR_LEX_PLACE)
                    continue;
                sr_place_info pi;
                if (sr_lexicon_place(c->lex, c->m[q].hit.id, &pi) != SR_OK)
                    continue;
                /* a town abroad only when its country is named; a town of the
                 * covered Sahel countries also when the article forgets to */
                if (sr_x_country_score(c, pi.country) == 0 && c->ncc > 0 &&
                    !(focus_country(pi.country) && pi.kind == SR_PLACE_CITY && pi.population >= 10000) &&
                    !(pi.kind == SR_PLACE_CITY && pi.population >= 300000) &&
                    !(pi.kind == SR_PLACE_ADMIN1 && sr_x_country_score(c, sr_x_main_country(c)) < 3 &&
                      (sr_x_followed_by_admin(c, te) || sr_x_followed_by_admin(c, te - 1))) &&
                    !actor_home(c, pi.country))
                    continue;
                /* "the Sahel": a region name used for a wider area */
                if (pi.kind == SR_PLACE_ADMIN1 && tb > se->tok_begin && tok_is(c, tb - 1, "the") &&
                    !sr_x_followed_by_admin(c, te) && !sr_x_followed_by_admin(c, te - 1))
                    continue;
                int r = sr_x_place_rank(c, &pi);
                /* "Plateau state ... in Plateau": the region the article named as one */
                for (int z = 0; z < c->nart_a1; z++)
                    if (strcmp(c->art_a1_cc[z], pi.country) == 0 && pi.admin1 &&
                        strcmp(c->art_a1[z], pi.admin1) == 0) {
                        r += 60000;
                        break;
                    }
                /* "Macina": the town that gives its name to a district there */
                if (pi.kind == SR_PLACE_CITY && pi.admin1 && pi.admin1[0])
                    for (size_t z = j; z < k; z++) {
                        sr_place_info pz;
                        if (z != q && c->m[z].hit.kind == SR_LEX_PLACE &&
                            sr_lexicon_place(c->lex, c->m[z].hit.id, &pz) == SR_OK &&
                            pz.kind == SR_PLACE_ADMIN2 && strcmp(pz.country, pi.country) == 0 &&
                            pz.admin1 && strcmp(pz.admin1, pi.admin1) == 0) {
                            r += 50;
                            break;
                        }
                    }
                if (c->ncc == 0 && focus_country(pi.country) && !name_is(c, tb, te, pi.name))
                    r -= 50000; /* "Kindia" is Guinea's town before Burkina's Kindi */
                for (int z = 0; z < nsc; z++)
                    if (strcmp(sc[z], pi.country) == 0)
                        r += 300000; /* a country named in the same sentence */
                int nb = 0;
                for (int z = 0; z < nuc; z++)
                    if (strcmp(uc[z], pi.country) == 0) {
                        if (nb < 1)
                            nb = 1; /* a neighbour's country */
                        if (ua1[z] && pi.admin1 && strcmp(ua1[z], pi.admin1) == 0)
                            nb = 2; /* and region */
                    }
                r += nb == 2 ? 60300 : nb ? 60000 : 0; /* a real town outweighs the region */
                /* "Boulikessi in central Mali": a namesake in another country is not it */
                int elsewhere = nnamed > 0;
                for (int z = 0; z < nnamed; z++)
                    if (strcmp(named_cc[z], pi.country) == 0)
                        elsewhere = 0;
                if (elsewhere)
                    continue;
                if (r > best) {
                    best = r;
                    bid = c->m[q].hit.id;
                }
            }
            int is_country = 0;
            for (size_t q = j; q < k; q++)
                if (c->m[q].hit.kind == SR_LEX_COUNTRY)
                    is_country = 1;
            if (best >= 0 && !is_country)
                add_ann(c, A_PLACE, tb, te, bid, 0, 0);
        }
        for (size_t q = j; q < k; q++) {
            const sr_lex_hit *h = &c->m[q].hit;
            int w = 0, v = 0;
            switch (h->kind) {
            case SR_LEX_TRIGGER: {
                int r = h->id < c->x->n_trig ? c->x->trig_role[h->id] : R_NONE;
                w = h->id < c->x->n_trig ? c->x->trig_w[h->id] : 0;
                /* "has demonstrated the intent to attack": shown, not marched */
                if (tok_is(c, tb, "demonstrated") && te < se->tok_end &&
                    (tok_is(c, te, "the") || tok_is(c, te, "its") || tok_is(c, te, "both") ||
                     tok_is(c, te, "their") || tok_is(c, te, "a") || tok_is(c, te, "an") ||
                     tok_is(c, te, "that") || tok_is(c, te, "how") || tok_is(c, te, "his") ||
                     tok_is(c, te, "her")))
                    r = R_NONE;
                /* "a kidnapping gang", "murder charges": a kind of crime named, not an act */
                if (te < se->tok_end && r != R_NONE &&
                    (tok_is(c, te, "gang") || tok_is(c, te, "gangs") || tok_is(c, te, "ring") ||
                     tok_is(c, te, "rings") || tok_is(c, te, "network") || tok_is(c, te, "charges") ||
                     tok_is(c, te, "charge") || tok_is(c, te, "suspects") || tok_is(c, te, "suspect") ||
                     tok_is(c, te, "trial") || tok_is(c, te, "case") || tok_is(c, te, "cases")))
                    r = R_NONE;
                /* "rescued 25 kidnapped students": an adjective, not the act */
                if ((tok_is(c, tb, "kidnapped") || tok_is(c, tb, "abducted")) && te == tb + 1 &&
                    tb > se->tok_begin && te < se->tok_end &&
                    ((c->t.tok[tb - 1].flags & SR_TOK_NUM) || tok_is(c, tb - 1, "the") ||
                     tok_is(c, tb - 1, "rescued") || tok_is(c, tb - 1, "freed") ||
                     tok_is(c, tb - 1, "released")))
                    r = R_NONE;
                /* "19 per cent of those targeted" by an aid plan */
                if (tb > se->tok_begin && tok_is(c, tb - 1, "those") && te == tb + 1 &&
                    (c->t.tok[tb].flags & SR_TOK_CAP) == 0 && tok_is(c, tb, "targeted"))
                    r = R_NONE;
                if (r)
                    add_ann(c, A_TRIG, tb, te, h->id, r, w);
                break;
            }
            case SR_LEX_ACTOR: {
                char cc[3];
                int kd = sr_x_actor_kind(c->lex, h->id, cc);
                if (kd >= 0)
                    add_ann(c, A_ACTOR, tb, te, h->id, kd, 0);
                break;
            }
            case SR_LEX_COUNTRY:
                if (!has_other)
                    add_ann(c, A_COUNTRY, tb, te, h->id, 0, 0);
                break;
            case SR_LEX_VICTIM: {
                int vc = h->id < c->x->n_vic ? c->x->vic_cls[h->id] : V_NONE;
                /* "men they accused of supporting the army": a side's friends,
                 * not the side that was hit */
                static const char *const sided[] = {"supporting", "supporters", "backing",
                                                    "collaborating", "collaborators", "informants",
                                                    "loyal", NULL};
                if (tb > se->tok_begin && (tok_in(c, tb - 1, sided) ||
                                           (tb > se->tok_begin + 1 && tok_in(c, tb - 2, sided) &&
                                            (tok_is(c, tb - 1, "the") || tok_is(c, tb - 1, "with") ||
                                             tok_is(c, tb - 1, "to") || tok_is(c, tb - 1, "of")))))
                    vc = V_NONE;
                if (vc)
                    add_ann(c, A_VICTIM, tb, te, h->id, vc, 0);
                break;
            }
            case SR_LEX_CUE: {
                int cl = h->id < c->x->n_cue ? c->x->cue_cls[h->id] : C_NONE;
                v = h->id < c->x->n_cue ? c->x->cue_val[h->id] : 0;
                if (cl)
                    add_ann(c, A_CUE, tb, te, h->id, cl, v);
                break;
            }
            default:
                break;
            }
        }
        j = k;
    }
    /* the word lists of each token, looked up once per document */
    const unsigned *tm = c->tm + b;
    /* dates first, then numbers outside them */
    uint32_t skip_until = b;
    for (uint32_t i = b; i < e; i++) {
        if (i < skip_until)
            continue;
        if (c->ndate >= (int)(sizeof c->dates / sizeof c->dates[0]))
            break;
        const sr_token *tk = &c->t.tok[i];
        unsigned m0 = tm[i - b];
        if (!(tk->flags & SR_TOK_NUM) && !(m0 & W_DATE)) {
            /* "on Sunday", "on the night of", "in the early hours of" */
            if (!(m0 & W_DPREP))
                continue;
            unsigned m1 = tm[i + 1 - b], m2 = tm[i + 2 - b], m3 = tm[i + 3 - b];
            int num1 = i + 1 < c->t.n && (c->t.tok[i + 1].flags & SR_TOK_NUM);
            if (!num1 && !(m1 & W_DATE) && !((m1 & W_DPREP) && ((m2 & W_DATE) || (m3 & W_DATE))))
                continue;
        }
        sr_date d;
        size_t used = sr_date_parse(&c->t, c->text, i, c->pub, &d);
        if (!used && c->has_pub && tok_is(c, i, "last") && i + 1 < e) {
            /* "after a deadly attack last October": that month's latest past one */
            static const char *const mon[] = {"january", "february", "march", "april", "may",
                                              "june", "july", "august", "september", "october",
                                              "november", "december", NULL};
            int py, pm, pd;
            sr_civil_from_days(c->pub, &py, &pm, &pd);
            for (int m = 0; mon[m]; m++)
                if (tok_is(c, i + 1, mon[m]) && (c->t.tok[i + 1].flags & SR_TOK_CAP)) {
                    int y = m + 1 < pm ? py : py - 1;
                    d.days = sr_days_from_civil(y, m + 1, 15);
                    d.precision = 3;
                    d.tok_begin = i;
                    d.tok_end = i + 2;
                    used = 2;
                }
        }
        if (used == 1 && tok_is(c, i, "overnight"))
            used = 0; /* "overnight" alone says nothing of the day */
        if (used && i < c->dateline_end) {
            skip_until = (uint32_t)(i + used);
            continue;
        }
        if (used) {
            date_ann *da = &c->dates[c->ndate];
            da->d = d;
            da->speech = 0;
            for (uint32_t q = i; q > b && q + 3 > i; q--)
                if (tok_in(c, q - 1, speech_before_date))
                    da->speech = 1;
            if ((i > b && tok_in(c, i - 1, speech_right_before_date)) ||
                (i > b + 1 && tok_is(c, i - 1, "on") && tok_in(c, i - 2, speech_right_before_date)))
                da->speech = 1;
            if (tok_is(c, i, "by") || tok_is(c, i, "until"))
                da->speech = 1; /* "by Friday morning": when a report stood, not the event */
            add_ann(c, A_DATE, i, (uint32_t)(i + used), 0, 0, c->ndate);
            c->ndate++;
            skip_until = (uint32_t)(i + used);
        }
    }
    for (int q = 0; q < c->na; q++) {
        if (c->a[q].kind != A_TRIG)
            continue;
        if (c->a[q].b < c->dateline_end)
            c->a[q].kind = 0;
        for (int z = 0; z < c->na; z++)
            if (c->a[z].kind == A_DATE && c->a[q].b < c->a[z].e && c->a[z].b < c->a[q].e)
                c->a[q].kind = 0;
    }
    /* the spans of the dates (only numbers are added below) */
    uint32_t db[ACAP], de[ACAP];
    int nd = 0;
    for (int q = 0; q < c->na; q++)
        if (c->a[q].kind == A_DATE) {
            db[nd] = c->a[q].b;
            de[nd++] = c->a[q].e;
        }
    for (uint32_t i = b; i < e; i++) {
        int in_date = 0;
        for (int q = 0; q < nd && !in_date; q++)
            in_date = i >= db[q] && i < de[q];
        if (in_date)
            continue;
        if (c->nnum >= (int)(sizeof c->nums / sizeof c->nums[0]))
            break;
        const sr_token *tk = &c->t.tok[i];
        if (!(tk->flags & SR_TOK_NUM) && !(tm[i - b] & (W_NUMOPEN | W_NUMWORD)))
            continue;
        sr_number n;
        size_t used = sr_number_parse(&c->t, c->text, i, &n);
        if (!used)
            continue;
        c->nums[c->nnum].n = n;
        add_ann(c, A_NUM, i, (uint32_t)(i + used), 0, 0, c->nnum);
        c->nnum++;
        i = (uint32_t)(i + used - 1);
    }
    drop_relative(c, b, e);
}
