/* resolve.c — merging mentions of one event (see resolve.h). */
#include "resolve.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

/* Folds a name for comparison: case and accents removed, only letters and
 * digits kept.  Writes at most cap-1 bytes. */
static int is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 0;
    return 1;
}

static void fold_name(const char *s, char *out, size_t cap)
{
    size_t o = 0;
    utf8proc_uint8_t *mapped = NULL;
    if (s && is_ascii(s)) { /* the common case, without Unicode tables */
        for (const char *p = s; *p && o + 1 < cap; p++)
            if (isalnum((unsigned char)*p))
                out[o++] = (char)tolower((unsigned char)*p);
    } else if (s && *s &&
        utf8proc_map((const utf8proc_uint8_t *)s, 0, &mapped,
                     UTF8PROC_NULLTERM | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                         UTF8PROC_COMPOSE) >= 0) {
        for (const utf8proc_uint8_t *p = mapped; *p && o + 1 < cap; p++)
            if (isalnum(*p) || *p >= 0x80)
                out[o++] = (char)*p;
    } else if (s) {
        for (const char *p = s; *p && o + 1 < cap; p++)
            if (isalnum((unsigned char)*p))
                out[o++] = (char)tolower((unsigned char)*p);
    }
    free(mapped);
    out[o] = '\0';
}

static int names_equal(const char *a, const char *b)
{
    if (is_ascii(a) && is_ascii(b)) {
        const char *p = a, *q = b;
        int any = 0;
        for (;;) {
            while (*p && !isalnum((unsigned char)*p))
                p++;
            while (*q && !isalnum((unsigned char)*q))
                q++;
            if (!*p || !*q)
                return any && !*p && !*q;
            if (tolower((unsigned char)*p) != tolower((unsigned char)*q))
                return 0;
            any = 1;
            p++;
            q++;
        }
    }
    char fa[160], fb[160];
    fold_name(a, fa, sizeof fa);
    fold_name(b, fb, sizeof fb);
    return fa[0] && strcmp(fa, fb) == 0;
}

/* An actor name that says nothing about who it was. */
static int actor_generic(const char *name)
{
    return !name[0] || strncmp(name, "Unidentified", 12) == 0 ||
           strncmp(name, "Unknown", 7) == 0;
}

/* a and b are raw names, fa and fb their folded forms. */
static int actors_compatible(const char *a, const char *fa, const char *b, const char *fb)
{
    return actor_generic(a) || actor_generic(b) || (fa[0] && strcmp(fa, fb) == 0);
}

static int keys_equal(const char *fa, const char *fb)
{
    return fa[0] && strcmp(fa, fb) == 0;
}

/* Types grouped by what one violent incident may be reported as. */
static int type_group(const char *t)
{
    /* By the first letter, then the whole name (one comparison). */
    static const char *const names[] = {"Battles", "Explosions/Remote violence",
                                        "Violence against civilians", "Protests", "Riots",
                                        "Strategic developments"};
    static const int group[] = {1, 1, 1, 2, 2, 3};
    int k;
    switch (t[0]) {
    case 'B': k = 0; break;
    case 'E': k = 1; break;
    case 'V': k = 2; break;
    case 'P': k = 3; break;
    case 'R': k = 4; break;
    case 'S': k = 5; break;
    default: return 4;
    }
    return strcmp(t, names[k]) == 0 ? group[k] : 4;
}

static int types_compatible(const char *a, const char *b)
{
    if (!a[0] || !b[0] || !strcmp(a, b))
        return 1;
    int ga = type_group(a), gb = type_group(b);
    return ga == gb && ga != 3 && ga != 4;
}

static int32_t day_number(const char *d)
{
    /* Days since 1970-01-01; INT32_MIN when d is not YYYY-MM-DD. */
    int y, m, dd;
    if (strlen(d) < 10 || d[4] != '-' || d[7] != '-')
        return INT32_MIN;
    static const int at[8] = {0, 1, 2, 3, 5, 6, 8, 9};
    int digits = 1;
    for (int i = 0; i < 8 && digits; i++)
        digits = d[at[i]] >= '0' && d[at[i]] <= '9';
    if (digits && (d[10] < '0' || d[10] > '9')) { /* the usual case */
        y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
        m = (d[5] - '0') * 10 + (d[6] - '0');
        dd = (d[8] - '0') * 10 + (d[9] - '0');
    } else {
        y = atoi(d);
        m = atoi(d + 5);
        dd = atoi(d + 8);
    }
    if (m < 1 || m > 12 || dd < 1 || dd > 31)
        return INT32_MIN;
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

static int date_window(int precision)
{
    switch (precision) {
    case 2: return 4;
    case 3: return SR_MAX_DATE_WINDOW;
    default: return 1;
    }
}

double sr_distance_km(double lat1, double lon1, double lat2, double lon2)
{
    if (isnan(lat1) || isnan(lon1) || isnan(lat2) || isnan(lon2))
        return NAN;
    const double r = 6371.0, k = M_PI / 180.0;
    double dlat = (lat2 - lat1) * k, dlon = (lon2 - lon1) * k;
    double h = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * k) * cos(lat2 * k) * sin(dlon / 2) * sin(dlon / 2);
    return 2 * r * asin(fmin(1.0, sqrt(h)));
}

static int has_coords(const sr_event *e)
{
    return !isnan(e->latitude) && !isnan(e->longitude) &&
           !(e->latitude == 0 && e->longitude == 0);
}

/* A mention placed at a region as a whole (or nowhere).  A location named
 * like its region is not taken for the region: most Sahel regions share
 * their capital's name (Mopti, Gao, Tillaberi). */
static int region_level(const sr_event *e)
{
    return e->geo_precision >= 3 || !e->location[0];
}

/* The precision a mention's place really has. */
static int geo_rank(const sr_event *e)
{
    if (e->geo_precision <= 0)
        return 9;
    return region_level(e) && e->geo_precision < 3 ? 3 : e->geo_precision;
}

/* Non-zero when two folded place names are spellings of one name: at most
 * two edits apart and both at least six letters long (Chinegodar and
 * Chinagodrar; not Dori and Doro). */
static int spelling_variants(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la < 6 || lb < 6 || la > 48 || lb > 48 || (la > lb ? la - lb : lb - la) > 2)
        return 0;
    unsigned char prev[49], cur[49];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = (unsigned char)j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = (unsigned char)i;
        unsigned char row_min = cur[0];
        for (size_t j = 1; j <= lb; j++) {
            unsigned sub = a[i - 1] != b[j - 1] ? 1u : 0u;
            unsigned v = prev[j] + 1u;
            if (cur[j - 1] + 1u < v)
                v = cur[j - 1] + 1u;
            if (prev[j - 1] + sub < v)
                v = prev[j - 1] + sub;
            cur[j] = (unsigned char)v;
            if (cur[j] < row_min)
                row_min = cur[j];
        }
        if (row_min > 2)
            return 0;
        memcpy(prev, cur, lb + 1);
    }
    return prev[lb] <= 2;
}

/* The same named place: equal folded names, or spelling variants of a
 * name in the same first-level region. */
static int same_place(const sr_mention_key *ka, const sr_mention_key *kb)
{
    if (keys_equal(ka->loc, kb->loc))
        return 1;
    return keys_equal(ka->admin1, kb->admin1) && spelling_variants(ka->loc, kb->loc);
}

static int places_compatible(const sr_event *a, const sr_mention_key *ka, const sr_event *b,
                             const sr_mention_key *kb)
{
    if (same_place(ka, kb))
        return 1;
    /* A region (or country) and a place inside it. */
    int wa = region_level(a), wb = region_level(b);
    if (wa || wb) {
        const sr_event *wide = wa ? a : b, *other = wa ? b : a;
        const sr_mention_key *kw = wa ? ka : kb, *ko = wa ? kb : ka;
        if (!wide->admin1[0] || keys_equal(kw->admin1, ko->admin1))
            return 1;
        if (!other->admin1[0] && region_level(other))
            return 1;
        return 0;
    }
    if (has_coords(a) && has_coords(b)) {
        double limit = (a->geo_precision <= 1 && b->geo_precision <= 1) ? 5.0 : 40.0;
        return sr_distance_km(a->latitude, a->longitude, b->latitude, b->longitude) <= limit;
    }
    return 0;
}

void sr_mention_key_init(const sr_event *e, sr_mention_key *k)
{
    k->day = day_number(e->event_date);
    k->window = date_window(e->date_precision);
    fold_name(e->location, k->loc, sizeof k->loc);
    fold_name(e->admin1, k->admin1, sizeof k->admin1);
    fold_name(e->actor1.name, k->a1, sizeof k->a1);
    fold_name(e->actor2.name, k->a2, sizeof k->a2);
    k->folded = 1;
}

void sr_mention_day(const char *event_date, int date_precision, int32_t *day, int *window)
{
    *day = day_number(event_date);
    *window = date_window(date_precision);
}

void sr_mention_key_init_lazy(const sr_event *e, sr_mention_key *k)
{
    k->day = day_number(e->event_date);
    k->window = date_window(e->date_precision);
    k->folded = 0;
}

/* The host state's forces and a foreign state's forces fighting on its soil:
 * the guidelines code foreign forces on their own only when they are the
 * only side named, so one report may name the army and another its allies. */
static int allied_state_forces(const sr_actor_ref *x, const sr_actor_ref *y, const char *where)
{
    return x->inter == 1 && y->inter == 1 && x->country[0] && y->country[0] && where[0] &&
           (strcmp(x->country, where) != 0) != (strcmp(y->country, where) != 0);
}

/* One side of a and one side of b (1 or 2 each) may be the same actor. */
static int sides_compatible(const sr_event *a, const sr_mention_key *ka, int sa, const sr_event *b,
                            const sr_mention_key *kb, int sb)
{
    const sr_actor_ref *x = sa == 1 ? &a->actor1 : &a->actor2;
    const sr_actor_ref *y = sb == 1 ? &b->actor1 : &b->actor2;
    const char *fx = sa == 1 ? ka->a1 : ka->a2, *fy = sb == 1 ? kb->a1 : kb->a2;
    const char *where = a->country[0] ? a->country : b->country;
    return actors_compatible(x->name, fx, y->name, fy) || allied_state_forces(x, y, where);
}

int sr_mentions_compatible_keyed(const sr_event *a, sr_mention_key *ka, const sr_event *b,
                                 sr_mention_key *kb)
{
    /* The dates first, from the keys alone (most candidates fail there). */
    if (ka->day == INT32_MIN || kb->day == INT32_MIN)
        return 0;
    int w = ka->window > kb->window ? ka->window : kb->window;
    if (abs(ka->day - kb->day) > w)
        return 0;
    if (a->country[0] && b->country[0] && strcmp(a->country, b->country) != 0)
        return 0;
    if (!types_compatible(a->event_type, b->event_type))
        return 0;
    if (!ka->folded)
        sr_mention_key_init(a, ka);
    if (!kb->folded)
        sr_mention_key_init(b, kb);
    int same_type = !strcmp(a->event_type, b->event_type);
    /* A target may be coded as the force or as civilians when the types
     * differ; within one type the targets must agree.  In a battle, reports
     * may disagree on which side attacked: the sides may be swapped. */
    int direct = sides_compatible(a, ka, 1, b, kb, 1) &&
                 (!same_type || sides_compatible(a, ka, 2, b, kb, 2));
    int swapped = same_type && !strcmp(a->event_type, "Battles") && a->actor2.name[0] &&
                  b->actor2.name[0] && sides_compatible(a, ka, 1, b, kb, 2) &&
                  sides_compatible(a, ka, 2, b, kb, 1);
    if (!direct && !swapped)
        return 0;
    return places_compatible(a, ka, b, kb);
}

int sr_mentions_compatible(const sr_event *a, const sr_event *b)
{
    sr_mention_key ka, kb;
    sr_mention_key_init(a, &ka);
    sr_mention_key_init(b, &kb);
    return sr_mentions_compatible_keyed(a, &ka, b, &kb);
}

/* How well two compatible mentions agree (higher is closer). */
static int affinity(const sr_event *a, const sr_mention_key *ka, const sr_event *b,
                    const sr_mention_key *kb)
{
    int s = 0;
    if (!region_level(a) && !region_level(b) && same_place(ka, kb))
        s += 4;
    /* A region-wide report belongs with a precisely placed one first. */
    if (region_level(a) != region_level(b))
        s += 8;
    if (ka->day == kb->day)
        s += 2;
    if (keys_equal(ka->a1, kb->a1))
        s += 2;
    if (!strcmp(a->event_type, b->event_type))
        s += 1;
    if (keys_equal(ka->a2, kb->a2))
        s += 1;
    return s;
}

int sr_resolve_item_cmp(const sr_resolve_item *a, const sr_resolve_item *b)
{
    int pa = geo_rank(a->ev);
    int pb = geo_rank(b->ev);
    if (pa != pb)
        return pa < pb ? -1 : 1;
    pa = a->ev->date_precision ? a->ev->date_precision : 9;
    pb = b->ev->date_precision ? b->ev->date_precision : 9;
    if (pa != pb)
        return pa < pb ? -1 : 1;
    int c = strcmp(a->key ? a->key : "", b->key ? b->key : "");
    if (c)
        return c;
    if (a->ordinal != b->ordinal)
        return a->ordinal < b->ordinal ? -1 : 1;
    return 0;
}

typedef struct sort_ref {
    const sr_resolve_item *items;
    size_t i;
} sort_ref;

static int ref_cmp(const void *x, const void *y)
{
    const sort_ref *a = x, *b = y;
    int c = sr_resolve_item_cmp(&a->items[a->i], &b->items[b->i]);
    if (c)
        return c;
    return a->i < b->i ? -1 : a->i > b->i;
}

/* The greedy clustering below takes the items in stable order; each joins
 * the cluster it has the best affinity with among those all of whose
 * members it is compatible with (ties to the earliest cluster), or starts
 * its own.  Two mentions are never compatible when their days are more
 * than SR_MAX_DATE_WINDOW apart, so only clusters with a member that near
 * are looked at: the placed items are indexed by day. */

int sr_resolve_cluster(const sr_resolve_item *items, size_t n, size_t *cluster_of,
                       size_t *n_clusters, sr_error *err)
{
    *n_clusters = 0;
    if (n == 0)
        return SR_OK;
    sort_ref *order = malloc(n * sizeof *order);
    size_t *clu = malloc(n * sizeof *clu);         /* cluster of sorted item */
    sr_mention_key *keys = malloc(n * sizeof *keys);
    int *score = malloc(n * sizeof *score);        /* per cluster, for the item placed */
    size_t *cand = malloc(n * sizeof *cand);       /* clusters looked at for it */
    size_t *stamp = malloc(n * sizeof *stamp);     /* per cluster: item that looked last */
    size_t *first = malloc(n * sizeof *first);     /* per cluster: a member (list head) */
    size_t *next = malloc(n * sizeof *next);       /* per item: next member of its cluster */
    size_t *day_next = malloc(n * sizeof *day_next); /* per item: next placed item that day */
    size_t *day_head = NULL;
    int ok = order && clu && keys && score && cand && stamp && first && next && day_next;
    for (size_t i = 0; ok && i < n; i++)
        order[i] = (sort_ref){items, i};
    if (ok)
        qsort(order, n, sizeof *order, ref_cmp);
    /* Names are folded by the first comparison that gets past the dates and
     * types (affinity is only asked of compatible pairs, whose keys that
     * comparison has folded). */
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    for (size_t k = 0; ok && k < n; k++) {
        sr_mention_key_init_lazy(items[order[k].i].ev, &keys[k]);
        int32_t d = keys[k].day;
        if (d != INT32_MIN) {
            lo = d < lo ? d : lo;
            hi = d > hi ? d : hi;
        }
    }
    size_t span = lo <= hi ? (size_t)((int64_t)hi - lo + 1) : 0;
    if (ok && span) {
        day_head = malloc(span * sizeof *day_head);
        ok = day_head != NULL;
        for (size_t d = 0; ok && d < span; d++)
            day_head[d] = SIZE_MAX;
    }
    int rc = SR_OK;
    if (!ok) {
        rc = sr_error_set(err, SR_ERR_NOMEM, "out of memory while resolving");
        goto done;
    }
    size_t nc = 0;
    for (size_t k = 0; k < n; k++) {
        const sr_resolve_item *it = &items[order[k].i];
        int32_t dk = keys[k].day;
        size_t ncand = 0;
        if (dk != INT32_MIN) {
            int64_t from = (int64_t)dk - SR_MAX_DATE_WINDOW;
            int64_t to = (int64_t)dk + SR_MAX_DATE_WINDOW;
            from = from < lo ? lo : from;
            to = to > hi ? hi : to;
            for (int64_t d = from; d <= to; d++)
                for (size_t j = day_head[d - lo]; j != SIZE_MAX; j = day_next[j]) {
                    size_t c = clu[j];
                    if (stamp[c] != k) {
                        stamp[c] = k;
                        cand[ncand++] = c;
                    }
                }
        }
        /* Every member of a nearby cluster must be compatible. */
        for (size_t x = 0; x < ncand; x++) {
            size_t c = cand[x];
            score[c] = 0;
            for (size_t j = first[c]; j != SIZE_MAX && score[c] >= 0; j = next[j]) {
                const sr_resolve_item *o = &items[order[j].i];
                if (o->doc_id == it->doc_id ||
                    !sr_mentions_compatible_keyed(it->ev, &keys[k], o->ev, &keys[j]))
                    score[c] = -1;
                else {
                    int a = affinity(it->ev, &keys[k], o->ev, &keys[j]);
                    if (a > score[c])
                        score[c] = a;
                }
            }
        }
        size_t best = SIZE_MAX;
        int best_score = -1;
        for (size_t x = 0; x < ncand; x++) {
            size_t c = cand[x];
            if (score[c] > best_score || (score[c] == best_score && score[c] >= 0 && c < best)) {
                best_score = score[c];
                best = c;
            }
        }
        if (best == SIZE_MAX) {
            best = nc++;
            first[best] = SIZE_MAX;
            stamp[best] = SIZE_MAX;
        }
        /* A cluster's members in any order: all must be compatible, and the
         * best affinity is a maximum. */
        next[k] = first[best];
        first[best] = k;
        clu[k] = best;
        if (dk != INT32_MIN) {
            day_next[k] = day_head[dk - lo];
            day_head[dk - lo] = k;
        }
    }
    for (size_t k = 0; k < n; k++)
        cluster_of[order[k].i] = clu[k];
    *n_clusters = nc;
done:
    free(order);
    free(clu);
    free(keys);
    free(score);
    free(cand);
    free(stamp);
    free(first);
    free(next);
    free(day_next);
    free(day_head);
    return rc;
}

/* ---- reconciling ---------------------------------------------------------- */

/* Index of the most frequent value among candidates (by the given equality),
 * ties to the earliest; SIZE_MAX if no candidate. */
static size_t mode_index(const sr_event *const *evs, size_t n, const int *cand,
                         const char *(*get)(const sr_event *))
{
    size_t best = SIZE_MAX;
    int best_n = 0;
    for (size_t i = 0; i < n; i++) {
        if (!cand[i])
            continue;
        int c = 0;
        for (size_t j = 0; j < n; j++)
            if (cand[j] && names_equal(get(evs[i]), get(evs[j])))
                c++;
        if (c > best_n) {
            best_n = c;
            best = i;
        }
    }
    return best;
}

static const char *get_location(const sr_event *e) { return e->location; }
static const char *get_date(const sr_event *e) { return e->event_date; }
static const char *get_actor1(const sr_event *e) { return e->actor1.name; }
static const char *get_actor2(const sr_event *e) { return e->actor2.name; }
static const char *get_type(const sr_event *e) { return e->event_type; }
static const char *get_subtype(const sr_event *e) { return e->sub_event_type; }
static const char *get_claimed(const sr_event *e) { return e->claimed_by; }
static const char *get_country(const sr_event *e) { return e->country; }
static const char *get_admin1(const sr_event *e) { return e->admin1; }

/* The most frequent named actor on one side, other than `not` (the actor
 * already chosen for the other side; may be ""). */
static size_t pick_actor(const sr_event *const *evs, size_t n, int *cand,
                         const char *(*get)(const sr_event *), const char *not)
{
    for (size_t i = 0; i < n; i++)
        cand[i] = !actor_generic(get(evs[i])) && !(not[0] && names_equal(get(evs[i]), not));
    size_t k = mode_index(evs, n, cand, get);
    if (k != SIZE_MAX)
        return k;
    for (size_t i = 0; i < n; i++)
        cand[i] = get(evs[i])[0] != 0 && !(not[0] && names_equal(get(evs[i]), not));
    return mode_index(evs, n, cand, get);
}

void sr_resolve_reconcile(const sr_event *const *evs, size_t n, sr_event *out)
{
    sr_resolve_reconcile_dated(evs, NULL, n, out);
}

void sr_resolve_reconcile_dated(const sr_event *const *evs, const char *const *published,
                                size_t n, sr_event *out)
{
    int cand_small[64] = {0};
    int *cand = n <= 64 ? cand_small : malloc(n * sizeof *cand);
    memset(out, 0, sizeof *out);
    out->latitude = out->longitude = NAN;
    if (!cand) { /* out of memory: fall back to the first mention */
        *out = *evs[0];
        out->n_figures = out->n_evidence = 0;
        return;
    }

    /* Type first: the mode; sub-type the mode within that type. */
    for (size_t i = 0; i < n; i++)
        cand[i] = evs[i]->event_type[0] != 0;
    size_t k = mode_index(evs, n, cand, get_type);
    if (k != SIZE_MAX) {
        memcpy(out->event_type, evs[k]->event_type, sizeof out->event_type);
        for (size_t i = 0; i < n; i++)
            cand[i] = !strcmp(evs[i]->event_type, out->event_type) &&
                      evs[i]->sub_event_type[0];
        size_t s = mode_index(evs, n, cand, get_subtype);
        if (s != SIZE_MAX) {
            memcpy(out->sub_event_type, evs[s]->sub_event_type, sizeof out->sub_event_type);
            memcpy(out->cameo, evs[s]->cameo, sizeof out->cameo);
        }
    }

    /* Date: the most precise sources, their most frequent day, else earliest. */
    int dp = 9;
    for (size_t i = 0; i < n; i++)
        if (evs[i]->event_date[0] && evs[i]->date_precision > 0 && evs[i]->date_precision < dp)
            dp = evs[i]->date_precision;
    for (size_t i = 0; i < n; i++)
        cand[i] = evs[i]->event_date[0] &&
                  (evs[i]->date_precision == dp || (dp == 9 && evs[i]->date_precision <= 0));
    k = mode_index(evs, n, cand, get_date);
    if (k != SIZE_MAX) {
        memcpy(out->event_date, evs[k]->event_date, sizeof out->event_date);
        out->date_precision = evs[k]->date_precision;
    }

    /* Place: the most precise sources, their most frequent name. */
    int gp = 9;
    for (size_t i = 0; i < n; i++)
        if (geo_rank(evs[i]) < gp)
            gp = geo_rank(evs[i]);
    for (size_t i = 0; i < n; i++)
        cand[i] = geo_rank(evs[i]) == gp || (gp == 9 && evs[i]->location[0]);
    k = mode_index(evs, n, cand, get_location);
    if (k == SIZE_MAX)
        k = 0;
    memcpy(out->location, evs[k]->location, sizeof out->location);
    memcpy(out->admin1, evs[k]->admin1, sizeof out->admin1);
    out->latitude = evs[k]->latitude;
    out->longitude = evs[k]->longitude;
    out->geo_precision = evs[k]->geo_precision;
    if (gp == 3 && out->geo_precision < 3)
        out->geo_precision = 3;
    if (!out->admin1[0]) {
        for (size_t i = 0; i < n; i++)
            cand[i] = evs[i]->admin1[0] != 0;
        size_t a = mode_index(evs, n, cand, get_admin1);
        if (a != SIZE_MAX)
            memcpy(out->admin1, evs[a]->admin1, sizeof out->admin1);
    }
    for (size_t i = 0; i < n; i++)
        cand[i] = evs[i]->country[0] != 0;
    k = mode_index(evs, n, cand, get_country);
    if (k != SIZE_MAX)
        memcpy(out->country, evs[k]->country, sizeof out->country);

    /* Actors: the most frequent named one over an unidentified one. */
    k = pick_actor(evs, n, cand, get_actor1, "");
    if (k != SIZE_MAX)
        out->actor1 = evs[k]->actor1;
    k = pick_actor(evs, n, cand, get_actor2, out->actor1.name);
    if (k != SIZE_MAX)
        out->actor2 = evs[k]->actor2;
    for (size_t i = 0; i < n; i++)
        cand[i] = evs[i]->claimed_by[0] != 0;
    k = mode_index(evs, n, cand, get_claimed);
    if (k != SIZE_MAX)
        memcpy(out->claimed_by, evs[k]->claimed_by, sizeof out->claimed_by);

    /* Figures. */
    int best = -1, best_any = -1, lo = -1, hi = -1;
    int disputed = 0, status = SR_STATUS_NONE;
    for (size_t i = 0; i < n; i++) {
        const sr_event *e = evs[i];
        int f = e->fatalities;
        int l = e->fatalities_low, h = e->fatalities_high;
        if (l < 0 || l > f)
            l = f < 0 ? 0 : f;
        if (h < f)
            h = f;
        /* A source's revised toll replaces its earlier one: a figure counts
         * for the best only when no later report of the same kind of source
         * (the status names it: claimed, reported, confirmed) gives one. */
        int superseded = 0;
        for (size_t j = 0; published && j < n && !superseded; j++)
            superseded = j != i && evs[j]->status == e->status && evs[j]->fatalities > 0 &&
                         published[i] && published[j] && published[j][0] &&
                         (strcmp(published[j], published[i]) > 0 ||
                          (strcmp(published[j], published[i]) == 0 && j > i));
        if (f > 0 && !superseded) {
            if (best_any < 0 || f < best_any)
                best_any = f;
            if (e->status != SR_STATUS_CLAIMED && (best < 0 || f < best))
                best = f;
        }
        if (f >= 0) {
            if (lo < 0 || l < lo)
                lo = l;
            if (h > hi)
                hi = h;
        }
        if (e->status == SR_STATUS_DISPUTED)
            disputed = 1;
        else if ((int)e->status > status)
            status = (int)e->status;
    }
    if (best < 0)
        best = best_any;
    if (best < 0)
        best = 0;
    if (lo < 0 || lo > best)
        lo = lo < 0 ? best : lo;
    if (hi < best)
        hi = best;
    out->fatalities = best;
    out->fatalities_low = lo;
    out->fatalities_high = hi;
    out->status = disputed ? SR_STATUS_DISPUTED : (sr_status)status;
    if (cand != cand_small)
        free(cand);
}
