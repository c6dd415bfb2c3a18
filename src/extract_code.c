/* extract_code.c — coding a frame as an event: its type, actors, place,
 * day, fatalities and status (see extract.h, step 4). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "extract_internal.h"

/* ---- coding the frames ------------------------------------------------------------- */

/* Name of country cc ("Mali"), or cc itself. */
static const char *country_name(const sr_lexicon *lex, const char *cc)
{
    uint32_t id = sr_lexicon_country_by_iso2(lex, cc);
    sr_country_info ci;
    if (id != SR_NO_ID && sr_lexicon_country(lex, id, &ci) == SR_OK && ci.name[0])
        return ci.name;
    return cc;
}

/* Fills r with the actor of candidate k in an event in country cc. */
static void name_actor(const sr_lexicon *lex, const cand *k, const char *cc, sr_actor_ref *r)
{
    memset(r, 0, sizeof *r);
    r->lex_id = SR_NO_ID;
    sr_actor_info ai;
    int have = k->lex != SR_NO_ID && sr_lexicon_actor(lex, k->lex, &ai) == SR_OK;
    const char *home = cc && cc[0] ? cc : "";
    /* reports often name only the parent ("the Islamic State") where the
     * coders name its branch in the country (actors.tsv branch_of, branch_in) */
    uint32_t branch = have ? sr_lexicon_actor_branch(lex, k->lex, cc) : SR_NO_ID;
    if (branch != SR_NO_ID && sr_lexicon_actor(lex, branch, &ai) == SR_OK) {
        copy_str(r->name, sizeof r->name, ai.name);
        r->lex_id = branch;
        r->inter = ai.inter;
        copy_str(r->country, sizeof r->country, ai.country);
        return;
    }
    if (have && is_named_kind((int)ai.kind)) {
        copy_str(r->name, sizeof r->name, ai.name);
        r->lex_id = k->lex;
        r->inter = ai.inter;
        copy_str(r->country, sizeof r->country, ai.country);
        return;
    }
    int kind = have ? (int)ai.kind : k->kind;
    char buf[SR_NAME_MAX];
    if (!have && k->cc[0] && (kind == SR_ACTOR_MILITARY || kind == SR_ACTOR_POLICE))
        home = k->cc; /* "Israeli air strikes" in Gaza: Israel's forces */
    const char *cn = home[0] ? country_name(lex, home) : "";
    switch (kind) {
    case SR_ACTOR_MILITARY:
    case SR_ACTOR_POLICE: {
        snprintf(buf, sizeof buf, "%s Forces of %s", kind == SR_ACTOR_POLICE ? "Police" : "Military",
                 cn);
        uint32_t id = sr_lexicon_find_actor(lex, buf);
        if (id != SR_NO_ID && sr_lexicon_actor(lex, id, &ai) == SR_OK) {
            copy_str(r->name, sizeof r->name, ai.name);
            r->lex_id = id;
        } else {
            copy_str(r->name, sizeof r->name, buf);
        }
        r->inter = 1;
        break;
    }
    default: {
        const char *base = kind == SR_ACTOR_CIVILIANS    ? "Civilians"
                           : kind == SR_ACTOR_PROTESTERS ? "Protesters"
                           : kind == SR_ACTOR_RIOTERS    ? "Rioters"
                                                         : "Unidentified Armed Group";
        uint32_t gid = sr_lexicon_find_actor(lex, base);
        if (cn[0])
            snprintf(buf, sizeof buf, "%s (%s)", base, cn);
        else
            snprintf(buf, sizeof buf, "%s", base);
        copy_str(r->name, sizeof r->name, buf);
        r->lex_id = gid;
        r->inter = kind == SR_ACTOR_CIVILIANS ? 7 : kind == SR_ACTOR_PROTESTERS ? 6
                   : kind == SR_ACTOR_RIOTERS ? 5 : 3;
        break;
    }
    }
    copy_str(r->country, sizeof r->country, home);
}

/* A side named only by its kind ("Civilians", "Unidentified Armed Group"),
 * in the event's country. */
static void cand_generic(cand *k, int kind)
{
    k->lex = SR_NO_ID;
    k->kind = kind;
    k->cc[0] = '\0';
    k->score = 1;
}

static int cand_set(const cand *k)
{
    return k->score > 0;
}

static void set_type(sr_event *ev, const char *type, const char *sub, const char *cameo)
{
    copy_str(ev->event_type, sizeof ev->event_type, type);
    copy_str(ev->sub_event_type, sizeof ev->sub_event_type, sub);
    copy_str(ev->cameo, sizeof ev->cameo, cameo);
}

/* What one source phrase reports: its figures by victim class (summed
 * within a sentence, the largest per class over sentences). */
typedef struct acct {
    int key, kind;
    uint32_t actor;
    int by_cls[V_COUNT];
    int weak;
    int strong;
    char cc[3]; /* the state a ministry speaks for */
} acct;

/* An account's toll: its classes added up, or its count of people when
 * that is larger (a total that already includes the classes). */
static int acct_total(const acct *a)
{
    int tot = 0;
    for (int k = 1; k < V_COUNT; k++)
        if (k != V_PERSON)
            tot += a->by_cls[k];
    return a->by_cls[V_PERSON] > tot ? a->by_cls[V_PERSON] : tot;
}

/* Fatalities and status of frame f into ev. */
static void code_fatalities(const frame *f, const cand *actor1, sr_event *ev)
{
    const char *ev_cc = ev->country;
    /* drop shares of a common toll when the frame has its own figures */
    int has_own = 0;
    for (int i = 0; i < f->nfig; i++)
        if (!f->figs[i].shared)
            has_own = 1;
    /* "the toll later rose to 14": the tolls given before it are superseded */
    int superseded[FCAP] = {0};
    for (int i = 0; i < f->nfig; i++)
        if (f->figs[i].revision && f->figs[i].src.kind != SR_SRC_PERPETRATOR)
            for (int q = 0; q < f->nfig; q++)
                if ((f->figs[q].sent < f->figs[i].sent ||
                     (f->figs[q].sent == f->figs[i].sent && f->figs[q].where.start < f->figs[i].where.start)) &&
                    f->figs[q].cls == f->figs[i].cls &&
                    f->figs[q].src.kind != SR_SRC_PERPETRATOR && f->figs[q].value < f->figs[i].value)
                    superseded[q] = 1;
    /* one account per source phrase: classes summed within a sentence, the
     * largest per class over sentences */
    acct ac[FCAP];
    int na = 0;
    for (int i = 0; i < f->nfig; i++) {
        const fig *g = &f->figs[i];
        if ((has_own && g->shared) || superseded[i])
            continue;
        int key = g->src.key;
        int kind = g->src.kind;
        if (kind == SR_SRC_PERPETRATOR && actor1 && actor1->lex != SR_NO_ID &&
            g->src.actor != SR_NO_ID && g->src.actor != actor1->lex)
            kind = SR_SRC_TARGET;
        /* "Russia's defence ministry said its strike killed 60": the attacker's word */
        if (kind == SR_SRC_AUTHORITY && g->src.cc[0] && actor1 && is_state_kind(actor1->kind) &&
            strcmp(actor1->cc, g->src.cc) == 0 && ev_cc && strcmp(ev_cc, g->src.cc) != 0)
            kind = SR_SRC_PERPETRATOR;
        int a = -1;
        for (int q = 0; q < na; q++)
            if (ac[q].key == key && ac[q].kind == kind)
                a = q;
        if (a < 0) {
            a = na++;
            memset(&ac[a], 0, sizeof ac[a]);
            ac[a].key = key;
            ac[a].kind = kind;
            ac[a].actor = g->src.actor;
            copy_str(ac[a].cc, 3, g->src.cc);
        }
        /* sum within the sentence: add the figures of one sentence and class */
        int sum = 0;
        for (int q = 0; q < f->nfig; q++) {
            const fig *h = &f->figs[q];
            if ((has_own && h->shared) || h->sent != g->sent || h->cls != g->cls ||
                h->src.key != g->src.key || superseded[q])
                continue;
            sum += h->value;
        }
        if (sum > ac[a].by_cls[g->cls])
            ac[a].by_cls[g->cls] = sum;
        if (g->weak)
            ac[a].weak = 1;
        else
            ac[a].strong = 1;
    }
    for (int q = 0; q < na; q++)
        for (int r = q + 1; r < na; r++) {
            if (ac[r].kind != ac[q].kind || ac[r].kind == SR_SRC_UNKNOWN)
                continue;
            if (ac[r].cc[0] && ac[q].cc[0] && strcmp(ac[r].cc, ac[q].cc) != 0)
                continue; /* two states' ministries are two accounts */
            /* one account when they agree wherever both count a side */
            int clash = 0, disjoint_person = 0;
            for (int k = 1; k < V_COUNT; k++)
                if (ac[q].by_cls[k] && ac[r].by_cls[k] && ac[q].by_cls[k] != ac[r].by_cls[k])
                    clash = 1;
            if ((ac[q].by_cls[V_PERSON] != 0) != (ac[r].by_cls[V_PERSON] != 0))
                disjoint_person = 1;
            if (clash || disjoint_person)
                continue;
            for (int k = 1; k < V_COUNT; k++)
                if (ac[r].by_cls[k] > ac[q].by_cls[k])
                    ac[q].by_cls[k] = ac[r].by_cls[k];
            ac[q].weak |= ac[r].weak;
            ac[q].strong |= ac[r].strong;
            ac[r] = ac[--na];
            r = q;
        }
    /* an account that only restates part of another ("90 soldiers" beside "90
     * soldiers and 40 civilians") adds nothing */
    for (int q = 0; q < na; q++)
        for (int r = 0; r < na; r++) {
            if (q == r)
                continue;
            int subset = 1, smaller = 0;
            for (int k = 1; k < V_COUNT; k++) {
                if (ac[q].by_cls[k] && ac[q].by_cls[k] != ac[r].by_cls[k])
                    subset = 0;
                if (ac[r].by_cls[k] && !ac[q].by_cls[k])
                    smaller = 1;
            }
            if (subset && smaller && ac[q].kind != SR_SRC_PERPETRATOR) {
                ac[q] = ac[--na];
                q = -1;
                break;
            }
        }
    int best = -1, low = -1, high = -1, best_kind = SR_SRC_UNKNOWN, best_weak = 1;
    int perp_max = -1;
    for (int q = 0; q < na; q++) {
        int tot = acct_total(&ac[q]);
        int weak = !ac[q].strong;
        if (low < 0 || tot < low)
            low = tot;
        if (tot > high)
            high = tot;
        if (ac[q].kind == SR_SRC_PERPETRATOR) {
            if (tot > perp_max)
                perp_max = tot;
            continue;
        }
        /* a precise figure beats a vague one; among those, the most conservative */
        if (best < 0 || (best_weak && !weak) || (best_weak == weak && tot < best)) {
            best = tot;
            best_kind = ac[q].kind;
            best_weak = weak;
        }
    }
    if (best < 0 && perp_max >= 0) {
        best = perp_max;
        best_kind = SR_SRC_PERPETRATOR;
    }
    if (best < 0) {
        ev->fatalities = ev->fatalities_low = ev->fatalities_high = 0;
    } else {
        ev->fatalities = best;
        ev->fatalities_low = low < best ? (low >= 0 ? low : best) : best;
        ev->fatalities_high = high > best ? high : best;
        for (int i = 0; i < f->nfig; i++) /* "between 30 and 50": 50 is the high */
            if (!(has_own && f->figs[i].shared) && f->figs[i].high > ev->fatalities_high)
                ev->fatalities_high = f->figs[i].high;
        /* vague figures of other sources do not set the range */
        if (!best_weak) {
            int lo = best;
            for (int q = 0; q < na; q++) {
                int tot = acct_total(&ac[q]);
                if (ac[q].strong && tot < lo && ac[q].kind != SR_SRC_PERPETRATOR)
                    lo = tot;
            }
            ev->fatalities_low = lo;
        }
    }
    /* figures for the record */
    ev->n_figures = 0;
    for (int i = 0; i < f->nfig && ev->n_figures < SR_MAX_FIGURES; i++) {
        sr_figure *o = &ev->figures[ev->n_figures++];
        o->value = f->figs[i].value;
        o->source = (sr_source_kind)f->figs[i].src.kind;
        o->where = f->figs[i].where;
    }
    /* status follows the source of the best figure */
    sr_status st;
    int kind = best_kind;
    if (best < 0) {
        if (f->src_seen[SR_SRC_AUTHORITY])
            kind = SR_SRC_AUTHORITY;
        else if (f->src_seen[SR_SRC_SECURITY] || f->src_seen[SR_SRC_LOCAL] ||
                 f->src_seen[SR_SRC_MEDIA] || f->src_seen[SR_SRC_MEDICAL] ||
                 f->src_seen[SR_SRC_INTL])
            kind = SR_SRC_LOCAL;
        else if (f->src_seen[SR_SRC_PERPETRATOR])
            kind = SR_SRC_PERPETRATOR;
    }
    switch (kind) {
    case SR_SRC_AUTHORITY:
    case SR_SRC_TARGET:
        st = SR_STATUS_CONFIRMED;
        break;
    case SR_SRC_PERPETRATOR:
        st = (f->confirm_nonperp || f->src_seen[SR_SRC_LOCAL] || f->src_seen[SR_SRC_SECURITY] ||
              f->src_seen[SR_SRC_MEDIA])
                 ? SR_STATUS_REPORTED
                 : SR_STATUS_CLAIMED;
        break;
    default:
        st = SR_STATUS_REPORTED;
        break;
    }
    if (f->denied || f->contested || (perp_max > best && best >= 0 && best_kind != SR_SRC_PERPETRATOR))
        st = SR_STATUS_DISPUTED;
    ev->status = st;
}

static int heaviest(const frame *f, const int *roles, int n)
{
    int best = 0, bw = 0;
    for (int i = 0; i < n; i++)
        if (f->wt[roles[i]] > bw) {
            bw = f->wt[roles[i]];
            best = roles[i];
        }
    return best;
}

/* Codes frame f as an event; 0 when it is not one. */
int sr_x_code_frame(doc_ctx *c, const frame *f, sr_event *ev)
{
    const sr_lexicon *lex = c->lex;
    memset(ev, 0, sizeof *ev);
    ev->latitude = ev->longitude = NAN;

    /* an event needs a day, and one without a place needs a day of its own */
    if (!f->has_date && !f->has_inh)
        return 0;
    int wmax = 0;
    for (int r = 1; r < R_COUNT; r++)
        if (r != R_KILL && f->wt[r] > wmax)
            wmax = f->wt[r];
    if (!f->has_place && (!f->has_date || (f->nfig == 0 && (f->date_prec >= 2 || wmax < 3))))
        return 0;
    /* where */
    const char *cc = f->cc[0] ? f->cc : sr_x_main_country(c);
    for (int k = 0; k < c->nf && !cc[0]; k++)
        if (c->f[k].cc[0])
            cc = c->f[k].cc; /* no country named: the one the article's places are in */
    if (!cc[0] && c->nacc == 1)
        cc = c->acc[0]; /* "M23 fighters clashed with soldiers": the one named group's home */
    if (!cc[0])
        return 0;
    copy_str(ev->country, sizeof ev->country, cc);
    if (f->has_place) {
        copy_str(ev->location, sizeof ev->location, f->location);
        copy_str(ev->admin1, sizeof ev->admin1, f->admin1);
        ev->latitude = f->lat;
        ev->longitude = f->lon;
        ev->geo_precision = f->prec ? f->prec : 1;
    } else {
        sr_place_info dp;
        if (c->dateline_place != SR_NO_ID && !f->dir_hint && !f->site_hint &&
            sr_lexicon_place(lex, c->dateline_place, &dp) == SR_OK && strcmp(dp.country, cc) == 0) {
            /* nothing says where: the town the report was filed from */
            copy_str(ev->location, sizeof ev->location, dp.name);
            copy_str(ev->admin1, sizeof ev->admin1, dp.admin1);
            ev->latitude = dp.lat;
            ev->longitude = dp.lon;
            ev->geo_precision = 1;
        } else {
            copy_str(ev->location, sizeof ev->location, country_name(lex, cc));
            ev->geo_precision = 3;
        }
    }
    /* when */
    int32_t day = f->has_date ? f->date : f->has_inh ? f->inh_date : c->pub;
    int prec = f->has_date ? f->date_prec : f->has_inh ? f->inh_prec : 1;
    if (c->has_pub && day > c->pub)
        day = c->pub;
    if (c->has_pub && day < c->pub - 30 && prec == 1)
        return 0;
    /* "in April 2025" in a 2026 report: a week or a month wholly before the window */
    if (c->has_pub && ((prec == 2 && day < c->pub - 34) || (prec >= 3 && day < c->pub - 46)))
        return 0;
    /* without a publication date, relative days ("on Sunday") cannot be placed
     * in time: they would come out near 1970, so the day stays unknown */
    if (!c->has_pub && (day < sr_days_from_civil(1990, 1, 1) || (!f->has_date && !f->has_inh)))
        ev->event_date[0] = '\0';
    else
        sr_date_format(day, ev->event_date);
    ev->date_precision = prec ? prec : 1;

    /* what */
    static const int remote[] = {R_SUICIDE, R_STRIKE, R_SHELL, R_EXPLODE, R_GRENADE};
    static const int ground[] = {R_ATTACK, R_CLASH, R_SEIZE, R_RETAKE};
    static const int crowd[] = {R_PROTEST, R_RIOT, R_MOB, R_INTERVENE};
    int r_remote = heaviest(f, remote, 5);
    int r_ground = heaviest(f, ground, 4);
    int r_crowd = heaviest(f, crowd, 4);
    int w_remote = r_remote ? f->wt[r_remote] : 0;
    int w_ground = r_ground ? f->wt[r_ground] : 0;

    cand a1 = f->agent, a2 = f->target;
    cand claimant = f->claimant, blamed = f->blamed;
    int noclaim = f->noclaim;
    /* a firefight split from an attack shares its claim and attribution */
    for (int k = 0; k < c->nf; k++) {
        const frame *o = &c->f[k];
        int related = (f->parent == k) || (o->parent >= 0 && &c->f[o->parent] == f);
        if (!related)
            continue;
        if (!cand_set(&claimant) && cand_set(&o->claimant) && !o->noclaim) {
            claimant = o->claimant;
            noclaim = 0;
        }
        if (!cand_set(&blamed) && cand_set(&o->blamed))
            blamed = o->blamed;
    }
    if (cand_set(&claimant) && !noclaim)
        a1 = claimant;
    else if (cand_set(&blamed))
        a1 = blamed;
    /* the target is never the attacker */
    if (cand_set(&a2) && a2.lex != SR_NO_ID && a2.lex == a1.lex)
        a2.score = 0;
    if (cand_set(&a2) && cand_set(&a1) && a2.kind == a1.kind && a2.lex == SR_NO_ID &&
        a1.lex == SR_NO_ID)
        a2.score = 0;

    /* militants named after the verb are the attackers' own dead, not a target */
    if (cand_set(&a2) && a2.kind == SR_ACTOR_UNIDENTIFIED && !is_state_kind(a1.kind))
        a2.score = 0;
    /* the side that was hit, from the victims when no target is named */
    int mil = f->vic[V_MILITARY] + f->vic[V_POLICE];
    int civ = f->vic[V_CIVILIAN];
    for (int i = 0; i < f->nfig; i++) {
        if (f->figs[i].cls == V_MILITARY || f->figs[i].cls == V_POLICE)
            mil += 2;
        if (f->figs[i].cls == V_CIVILIAN)
            civ += 2;
    }
    int has_claim = cand_set(&claimant) && !noclaim;
    int any_dead = 0; /* "killed 15 and abducted dozens" is an attack first */
    for (int i = 0; i < f->nfig; i++)
        if (f->figs[i].value > 0)
            any_dead = 1;

    /* crowds: a demonstration, or rioting with no armed attack in it */
    int crowd_ctx = f->wt[R_PROTEST] > 0 || f->wt[R_MOB] > 0 || f->wt[R_INTERVENE] >= 3 ||
                    f->vic[V_PROTESTER] > 0 ||
                    a1.kind == SR_ACTOR_PROTESTERS ||
                    a1.kind == SR_ACTOR_RIOTERS ||
                    (f->wt[R_RIOT] && w_ground < 4 && f->nfig == 0 && !is_named_kind(a1.kind) &&
                     !(cand_set(&a1) && a1.kind == SR_ACTOR_UNIDENTIFIED));
    /* "a mob beat two men to death": a crowd that kills */
    int mob_kill = cand_set(&a1) && a1.kind == SR_ACTOR_RIOTERS && any_dead && !r_remote;
    int crowd_event = (r_crowd || mob_kill) && crowd_ctx && !r_remote && !f->wt[R_ABDUCT] &&
                      !(cand_set(&a1) && a1.lex != SR_NO_ID && is_nonstate_kind(a1.kind));
    if (crowd_event) {
        int riot = f->wt[R_RIOT] > 0 || f->wt[R_MOB] > 0;
        if (f->wt[R_MOB] || mob_kill) {
            set_type(ev, "Riots", "Mob violence", "145");
            cand_generic(&a1, SR_ACTOR_RIOTERS);
            cand_generic(&a2, SR_ACTOR_CIVILIANS);
        } else if (riot) {
            set_type(ev, "Riots", "Violent demonstration", "145");
            cand_generic(&a1, SR_ACTOR_RIOTERS);
            if (f->wt[R_INTERVENE]) {
                int pol = f->vic[V_POLICE] > 0 || (a2.kind == SR_ACTOR_POLICE);
                cand_generic(&a2, pol ? SR_ACTOR_POLICE : SR_ACTOR_MILITARY);
            } else {
                a2.score = 0;
            }
        } else if (any_dead && (f->wt[R_ATTACK] >= 3 || f->wt[R_KILL])) {
            /* "security forces opened fire on protesters, killing three" */
            set_type(ev, "Protests", "Excessive force against protesters", "175");
            int pol = f->vic[V_POLICE] > 0 || a1.kind == SR_ACTOR_POLICE;
            cand_generic(&a1, SR_ACTOR_PROTESTERS);
            cand_generic(&a2, pol ? SR_ACTOR_POLICE : SR_ACTOR_MILITARY);
        } else if (f->wt[R_PROTEST] || f->wt[R_INTERVENE]) {
            cand_generic(&a1, SR_ACTOR_PROTESTERS);
            if (f->wt[R_INTERVENE]) {
                set_type(ev, "Protests", "Protest with intervention", "141");
                int pol = f->vic[V_POLICE] > 0 || a2.kind == SR_ACTOR_POLICE;
                cand_generic(&a2, pol ? SR_ACTOR_POLICE : SR_ACTOR_MILITARY);
            } else {
                set_type(ev, "Protests", "Peaceful protest", "141");
                a2.score = 0;
            }
        } else {
            return 0;
        }
    } else if (f->wt[R_ABDUCT] && f->wt[R_ABDUCT] >= w_ground && f->wt[R_ABDUCT] >= w_remote &&
               !any_dead) {
        set_type(ev, "Violence against civilians", "Abduction/forced disappearance", "181");
        if (!cand_set(&a1) || a1.kind == SR_ACTOR_CIVILIANS) {
            cand_generic(&a1, SR_ACTOR_UNIDENTIFIED);
        }
        if (!cand_set(&a2) || is_state_kind(a2.kind) == 0) {
            cand_generic(&a2, SR_ACTOR_CIVILIANS);
        }
    } else if (r_remote && w_remote > w_ground) {
        static const char *const subs[R_COUNT] = {
            [R_SUICIDE] = "Suicide bomb", [R_STRIKE] = "Air/drone strike",
            [R_SHELL] = "Shelling/artillery/missile attack",
            [R_EXPLODE] = "Remote explosive/landmine/IED", [R_GRENADE] = "Grenade",
        };
        static const char *const cameos[R_COUNT] = {
            [R_SUICIDE] = "1831", [R_STRIKE] = "195", [R_SHELL] = "194",
            [R_EXPLODE] = "183", [R_GRENADE] = "183",
        };
        set_type(ev, "Explosions/Remote violence", subs[r_remote], cameos[r_remote]);
        if (!cand_set(&a1) || a1.kind == SR_ACTOR_CIVILIANS) {
            if (r_remote == R_STRIKE && (!cand_set(&a2) || !is_state_kind(a2.kind))) {
                cand_generic(&a1, SR_ACTOR_MILITARY);
            } else {
                cand_generic(&a1, SR_ACTOR_UNIDENTIFIED);
            }
        }
        if ((civ > mil || (f->contested && civ > 0)) &&
            (!cand_set(&a2) || !is_named_kind(a2.kind) || a2.kind == a1.kind || f->contested)) {
            cand_generic(&a2, SR_ACTOR_CIVILIANS);
        } else if (!cand_set(&a2) && mil > 0) {
            cand_generic(&a2, SR_ACTOR_MILITARY);
        } else if (!cand_set(&a2) && is_state_kind(a1.kind) && f->vic[V_MILITANT] > 0) {
            cand_generic(&a2, SR_ACTOR_UNIDENTIFIED); /* "struck terrorists" */
        } else if (!cand_set(&a2) && is_state_kind(a1.kind) && any_dead && mil == 0 &&
                   f->vic[V_MILITANT] == 0 && f->vic[V_REBEL] == 0) {
            /* "Russian drones killed two people in Odesa": the people are civilians */
            cand_generic(&a2, SR_ACTOR_CIVILIANS);
        }
    } else if (f->wt[R_LOOT] && !any_dead && !f->wt[R_KILL] && !r_remote && f->wt[R_CLASH] < 4 &&
               f->wt[R_SEIZE] < 5 && !f->wt[R_ABDUCT]) {
        /* "raided the village and made off with cattle; nobody was hurt" */
        set_type(ev, "Strategic developments", "Looting/property destruction", "171");
        if (!cand_set(&a1) || a1.kind == SR_ACTOR_CIVILIANS)
            cand_generic(&a1, SR_ACTOR_UNIDENTIFIED);
        cand_generic(&a2, SR_ACTOR_CIVILIANS);
    } else if (f->wt[R_WITHDRAW] && !any_dead && !r_remote && f->wt[R_ATTACK] < 3 &&
               f->wt[R_CLASH] < 3 && is_state_kind(f->agent.kind) && !cand_set(&claimant)) {
        /* a force pulling out without a fight: the withdrawing force acts */
        set_type(ev, "Strategic developments", "Non-violent transfer of territory", "0874");
        a1 = f->agent;
        a2.score = 0;
    } else if (((f->wt[R_ARREST] > w_ground) ||
                /* "raided a house and detained five suspects": a state force's raid */
                (f->wt[R_ARREST] >= 2 && cand_set(&a1) && (is_state_kind(a1.kind) || a1.kind == SR_ACTOR_REBEL) &&
                 r_ground == R_ATTACK && f->wt[R_CLASH] < 3 && f->wt[R_KILL] <= 1)) &&
               f->wt[R_ARREST] > w_remote && !any_dead) {
        set_type(ev, "Strategic developments", "Arrests", "173");
        if (!cand_set(&a1)) {
            cand_generic(&a1, SR_ACTOR_POLICE);
        }
    } else if (r_ground || f->wt[R_KILL] || f->wt[R_SEXUAL]) {
        if (!cand_set(&a1) || a1.kind == SR_ACTOR_CIVILIANS) {
            cand_generic(&a1, SR_ACTOR_UNIDENTIFIED);
        }
        /* the target side */
        int target_armed;
        if (cand_set(&a2) && a2.kind != SR_ACTOR_CIVILIANS && a2.kind != SR_ACTOR_UNIDENTIFIED &&
            a2.kind != SR_ACTOR_PROTESTERS)
            target_armed = 1;
        else if (is_state_kind(a1.kind) && (cand_set(&a2) || f->vic[V_MILITANT] > 0))
            target_armed = civ == 0 || f->vic[V_MILITANT] > 0;
        else
            target_armed = mil > civ;
        if (!target_armed && civ == 0 && f->wt[R_CLASH] >= 4)
            target_armed = 1;
        /* "the dead were fighters", say the attackers; others say civilians */
        if (f->contested && civ > 0)
            target_armed = 0;
        if (target_armed) {
            int sub_seize = f->wt[R_SEIZE] >= 5 && !f->repel && !f->hedge;
            int sub_retake = f->wt[R_RETAKE] >= 5 || (sub_seize && is_state_kind(a1.kind));
            if (!sub_seize && f->wt[R_WITHDRAW] && f->wt[R_SEIZE] && !f->repel)
                sub_seize = 1;
            if (sub_retake && is_state_kind(a1.kind))
                set_type(ev, "Battles", "Government regains territory", "192");
            else if (sub_seize && !is_state_kind(a1.kind))
                set_type(ev, "Battles", "Non-state actor overtakes territory", "192");
            else
                set_type(ev, "Battles", "Armed clash", "190");
            if (!cand_set(&a2) || a2.kind == SR_ACTOR_CIVILIANS) {
                if (is_state_kind(a1.kind)) {
                    cand_generic(&a2, SR_ACTOR_UNIDENTIFIED);
                } else {
                    int pol = f->vic[V_POLICE] > f->vic[V_MILITARY];
                    cand_generic(&a2, pol ? SR_ACTOR_POLICE : SR_ACTOR_MILITARY);
                }
            }
        } else {
            if (f->wt[R_SEXUAL] >= 4)
                set_type(ev, "Violence against civilians", "Sexual violence", "1821");
            else
                set_type(ev, "Violence against civilians", "Attack", "1823");
            cand_generic(&a2, SR_ACTOR_CIVILIANS);
        }
    } else if (f->wt[R_LOOT] ||
               (f->wt[R_RIOT] && cand_set(&a1) &&
                (a1.kind == SR_ACTOR_UNIDENTIFIED || is_nonstate_kind(a1.kind)))) {
        /* "insurgents looted shops": armed men plundering, not a riot */
        set_type(ev, "Strategic developments", "Looting/property destruction", "171");
        if (!cand_set(&a1) || a1.kind == SR_ACTOR_CIVILIANS) {
            cand_generic(&a1, SR_ACTOR_UNIDENTIFIED);
        }
        if (!cand_set(&a2) || a2.kind != SR_ACTOR_CIVILIANS) {
            cand_generic(&a2, SR_ACTOR_CIVILIANS);
        }
    } else if (f->wt[R_ARREST]) {
        set_type(ev, "Strategic developments", "Arrests", "173");
        if (!cand_set(&a1)) {
            cand_generic(&a1, SR_ACTOR_POLICE);
        }
    } else if (f->wt[R_COUP]) {
        set_type(ev, "Strategic developments", "Other", "1");
        if (!cand_set(&a1)) {
            cand_generic(&a1, SR_ACTOR_MILITARY);
        }
    } else {
        return 0;
    }
    if (f->denied && f->nfig == 0)
        return 0;
    name_actor(lex, &a1, cc, &ev->actor1);
    if (cand_set(&a2))
        name_actor(lex, &a2, cc, &ev->actor2);
    if (strcmp(ev->actor1.name, ev->actor2.name) == 0)
        memset(&ev->actor2, 0, sizeof ev->actor2);
    if (has_claim && a1.lex == claimant.lex)
        copy_str(ev->claimed_by, sizeof ev->claimed_by, ev->actor1.name);
    code_fatalities(f, &a1, ev);
    if (strcmp(ev->sub_event_type, "Suicide bomb") == 0 && ev->fatalities > 0) {
        /* the bomber dies too (ACLED counts the perpetrators killed) */
        int counted = 0;
        for (int i = 0; i < f->nfig; i++)
            if (f->figs[i].cls == V_MILITANT)
                counted = 1;
        if (!counted) {
            ev->fatalities++;
            ev->fatalities_low++;
            ev->fatalities_high++;
        }
    }
    for (int i = 0; i < f->nev; i++)
        ev->evidence[ev->n_evidence++] = f->ev[i];
    return 1;
}
