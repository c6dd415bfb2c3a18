/* report.c — the situation report in Markdown or HTML. */
#include "report.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "svgmap.h"

/* ---- writing both formats --------------------------------------------------- */

typedef struct w {
    FILE *f;
    int html;
    int in_list;
} w;

static void esc(w *o, const char *s)
{
    if (!o->html) {
        fputs(s, o->f);
        return;
    }
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", o->f); break;
        case '>': fputs("&gt;", o->f); break;
        case '&': fputs("&amp;", o->f); break;
        case '"': fputs("&quot;", o->f); break;
        default: fputc(*s, o->f);
        }
    }
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 0)))
#endif
static void vtext(w *o, const char *fmt, va_list ap)
{
    char buf[2048];
    vsnprintf(buf, sizeof buf, fmt, ap);
    esc(o, buf);
}

#if defined(__GNUC__)
#define PRINTF_LIKE __attribute__((format(printf, 2, 3)))
#else
#define PRINTF_LIKE
#endif

static void heading(w *o, int level, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void end_list(w *o)
{
    if (o->in_list) {
        fputs(o->html ? "</ul>\n" : "\n", o->f);
        o->in_list = 0;
    }
}

static void heading(w *o, int level, const char *fmt, ...)
{
    end_list(o);
    va_list ap;
    va_start(ap, fmt);
    if (o->html) {
        fprintf(o->f, "<h%d>", level);
        vtext(o, fmt, ap);
        fprintf(o->f, "</h%d>\n", level);
    } else {
        for (int i = 0; i < level; i++)
            fputc('#', o->f);
        fputc(' ', o->f);
        vtext(o, fmt, ap);
        fputs("\n\n", o->f);
    }
    va_end(ap);
}

static void para(w *o, const char *fmt, ...) PRINTF_LIKE;
static void para(w *o, const char *fmt, ...)
{
    end_list(o);
    va_list ap;
    va_start(ap, fmt);
    fputs(o->html ? "<p>" : "", o->f);
    vtext(o, fmt, ap);
    fputs(o->html ? "</p>\n" : "\n\n", o->f);
    va_end(ap);
}

static void item(w *o, const char *fmt, ...) PRINTF_LIKE;
static void item(w *o, const char *fmt, ...)
{
    if (!o->in_list) {
        if (o->html)
            fputs("<ul>\n", o->f);
        o->in_list = 1;
    }
    va_list ap;
    va_start(ap, fmt);
    fputs(o->html ? "<li>" : "- ", o->f);
    vtext(o, fmt, ap);
    fputs(o->html ? "</li>\n" : "\n", o->f);
    va_end(ap);
}

/* A comment that carries the query behind a figure (invisible when read). */
static void query_note(w *o, const char *q)
{
    if (o->html) {
        fputs("<!-- query: ", o->f);
        for (const char *s = q; *s; s++)
            fputc(*s == '-' && s[1] == '-' ? '=' : *s, o->f); /* no "--" inside comments */
        fputs(" -->\n", o->f);
    } else {
        fprintf(o->f, "<!-- query: %s -->\n", q);
    }
}

/* ---- the area and its queries -------------------------------------------------- */

typedef struct area {
    char name[512];  /* "Mopti, Mali" */
    char flags[512]; /* the sitrep options selecting it */
} area;

static void area_make(const sr_an_data *d, const sr_report_spec *sp, area *a)
{
    const sr_an_filter *f = &sp->filter;
    size_t n = 0, m = 0;
    a->name[0] = a->flags[0] = '\0';
    if (sp->db_path)
        m += (size_t)snprintf(a->flags + m, sizeof a->flags - m, " --db '%s'", sp->db_path);
    if (f->actor != SR_AN_NONE) {
        n += (size_t)snprintf(a->name + n, sizeof a->name - n, "%s",
                              sr_an_str(&d->actors, f->actor));
        m += (size_t)snprintf(a->flags + m, sizeof a->flags - m, " --actor '%s'",
                              sr_an_str(&d->actors, f->actor));
    }
    if (f->admin1 != SR_AN_NONE) {
        n += (size_t)snprintf(a->name + n, sizeof a->name - n, "%s%s", n ? " in " : "",
                              sr_an_str(&d->regions, f->admin1));
        m += (size_t)snprintf(a->flags + m, sizeof a->flags - m, " --admin1 '%s'",
                              sr_an_str(&d->regions, f->admin1));
    }
    if (f->country[0]) {
        n += (size_t)snprintf(a->name + n, sizeof a->name - n, "%s%s",
                              n ? (f->admin1 != SR_AN_NONE ? ", " : " in ") : "",
                              sr_an_country_name(f->country));
        m += (size_t)snprintf(a->flags + m, sizeof a->flags - m, " --country %s", f->country);
    }
    if (!n)
        snprintf(a->name, sizeof a->name, "all areas");
    if (f->types)
        for (int t = 0; t < SR_AN__TYPES; t++)
            if (f->types & (1u << t))
                m += (size_t)snprintf(a->flags + m, sizeof a->flags - m, " --type '%s'",
                                      sr_an_type_name(t));
    if (f->origins)
        snprintf(a->flags + m, sizeof a->flags - m, " --origin %s", sr_an_origin_name(f->origins));
}

/* ---- sections ---------------------------------------------------------------------- */

typedef struct totals {
    int64_t events, fat, low, high;
    int64_t by_type[SR_AN__TYPES];
} totals;

static void sum_period(const sr_an_data *d, const sr_an_filter *f, int32_t a, int32_t b, totals *t)
{
    memset(t, 0, sizeof *t);
    sr_an_filter g = *f;
    g.since = a;
    g.until = b;
    for (size_t i = 0; i < d->n; i++) {
        const sr_an_event *e = &d->ev[i];
        if (e->day > b)
            break;
        if (!sr_an_match(&g, e))
            continue;
        t->events++;
        t->fat += e->fatalities;
        t->low += e->fat_low;
        t->high += e->fat_high;
        t->by_type[e->type]++;
    }
}

static const char *plural(int64_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

static void change_phrase(const sr_an_change *c, char *buf, size_t cap)
{
    if (c->label == SR_AN_LABEL_LOW_BASELINE)
        snprintf(buf, cap, "against a low baseline (%.2f)", c->baseline);
    else if (fabs(c->pct) < 0.5)
        snprintf(buf, cap, "level with %.1f (%s)", c->baseline, sr_an_label_name(c->label));
    else
        snprintf(buf, cap, "%s %.0f%% on %.1f (%s)", c->pct > 0 ? "up" : "down", fabs(c->pct),
                 c->baseline, sr_an_label_name(c->label));
}

typedef struct top_ev {
    size_t idx;
} top_ev;

static int cmp_top(const void *a, const void *b, const sr_an_data *d)
{
    const sr_an_event *x = &d->ev[*(const size_t *)a], *y = &d->ev[*(const size_t *)b];
    if (x->fatalities != y->fatalities)
        return x->fatalities > y->fatalities ? -1 : 1;
    return (x->day < y->day) - (x->day > y->day);
}

static void main_events(w *o, sr_store *s, const sr_an_data *d, const sr_report_spec *sp,
                        const area *ar)
{
    enum { MAX_TOP = 6 };
    size_t top[MAX_TOP], n = 0;
    sr_an_filter g = sp->filter;
    g.since = sp->since;
    g.until = sp->until;
    for (size_t i = 0; i < d->n; i++) {
        const sr_an_event *e = &d->ev[i];
        if (e->day > sp->until)
            break;
        if (!sr_an_match(&g, e))
            continue;
        size_t k = n < MAX_TOP ? n++ : MAX_TOP;
        if (k == MAX_TOP) {
            if (cmp_top(&i, &top[MAX_TOP - 1], d) >= 0)
                continue;
            k = MAX_TOP - 1;
        }
        while (k > 0 && cmp_top(&i, &top[k - 1], d) < 0) {
            top[k] = top[k - 1];
            k--;
        }
        top[k] = i;
    }
    if (!n)
        return;
    heading(o, 2, "Main events");
    char q[768], d1[11], d2[11];
    sr_date_format(sp->since, d1);
    sr_date_format(sp->until, d2);
    snprintf(q, sizeof q, "sitrep events%s --since %s --until %s (the %zu with most fatalities)",
             ar->flags, d1, d2, n);
    query_note(o, q);
    for (size_t k = 0; k < n; k++) {
        const sr_an_event *e = &d->ev[top[k]];
        char day[11];
        sr_date_format(e->day, day);
        sr_event_detail *det = NULL;
        if (s && e->id)
            sr_store_event_get(s, e->id, &det, NULL);
        const sr_event *ev = det ? &det->event.ev : NULL;
        char place[256], actors[512], toll[128], src[768];
        const char *admin1 = sr_an_str(&d->regions, e->admin1);
        if (ev && ev->location[0] && strcmp(ev->location, admin1) != 0)
            snprintf(place, sizeof place, "%s, %s", ev->location, admin1[0] ? admin1 : e->country);
        else
            snprintf(place, sizeof place, "%s", admin1[0] ? admin1 : sr_an_country_name(e->country));
        const char *a1 = sr_an_str(&d->actors, e->actor1), *a2 = sr_an_str(&d->actors, e->actor2);
        if (a1[0] && a2[0])
            snprintf(actors, sizeof actors, "%s against %s", a1, a2);
        else
            snprintf(actors, sizeof actors, "%s", a1[0] ? a1 : a2[0] ? a2 : "unidentified actors");
        if (e->fat_low != e->fat_high && (e->fat_low || e->fat_high))
            snprintf(toll, sizeof toll, "%d killed (sources range from %d to %d)", e->fatalities,
                     e->fat_low, e->fat_high);
        else
            snprintf(toll, sizeof toll, e->fatalities ? "%d killed" : "no reported deaths",
                     e->fatalities);
        const char *status = sr_status_name((sr_status)e->status);
        size_t sn = 0;
        src[0] = '\0';
        if (det && det->n_docs) {
            for (size_t i = 0; i < det->n_docs && i < 4 && sn < sizeof src; i++) {
                const sr_stored_doc *doc = &det->docs[i];
                const char *who = doc->outlet && doc->outlet[0] ? doc->outlet
                                  : doc->url && doc->url[0]   ? doc->url
                                                               : doc->doc_key;
                char title[96] = "";
                if (doc->title && doc->title[0]) {
                    size_t tl = strlen(doc->title);
                    if (tl > 80) { /* cut at a character boundary */
                        tl = 80;
                        while (tl > 0 && ((unsigned char)doc->title[tl] & 0xC0) == 0x80)
                            tl--;
                    }
                    snprintf(title, sizeof title, ", \"%.*s%s\"", (int)tl, doc->title,
                             tl < strlen(doc->title) ? "..." : "");
                }
                sn += (size_t)snprintf(src + sn, sizeof src - sn, "%s%s%s%s%s%s", i ? "; " : "", who,
                                       title, doc->published && doc->published[0] ? " (" : "",
                                       doc->published ? doc->published : "",
                                       doc->published && doc->published[0] ? ")" : "");
            }
            if (det->n_docs > 4 && sn < sizeof src)
                snprintf(src + sn, sizeof src - sn, " and %zu more", det->n_docs - 4);
        } else if (e->origin != SR_AN_ORIGIN_EXTRACTED) {
            snprintf(src, sizeof src, "%s record%s%s",
                     e->origin == SR_AN_ORIGIN_UCDP ? "UCDP GED" : "imported",
                     det && det->event.origin_id[0] ? " " : "",
                     det ? det->event.origin_id : "");
        }
        char sub[64] = "";
        if (ev && ev->sub_event_type[0])
            snprintf(sub, sizeof sub, " (%s)", ev->sub_event_type);
        item(o, "%s — %s%s in %s: %s; %s%s%s%s%s. Event %lld%s%s.", day,
             sr_an_type_name(e->type), sub, place, actors, toll, status[0] ? ", " : "", status,
             ev && ev->claimed_by[0] ? ", claimed by " : "", ev ? ev->claimed_by : "",
             (long long)e->id, src[0] ? "; sources: " : "", src);
        sr_event_detail_free(det);
    }
    end_list(o);
}

/* The deadliest day of the period ranked over 6 and 12 months, for the area
 * and for each side of the deadliest event. */
static void ranks(w *o, const sr_an_data *d, const sr_report_spec *sp, const area *ar, int *said)
{
    sr_an_filter g = sp->filter;
    g.since = sp->since;
    g.until = sp->until;
    sr_an_series s;
    if (sr_an_series_build(d, &g, SR_AN_PER_DAY, sp->since, sp->until, &s, NULL))
        return;
    size_t best = 0;
    for (size_t i = 1; i < s.n; i++)
        if (s.bin[i].fatalities > s.bin[best].fatalities)
            best = i;
    int32_t day = s.bin[best].start;
    int64_t v = s.bin[best].fatalities;
    sr_an_series_free(&s);
    if (v <= 0)
        return;
    /* The deadliest event that day, for its actors. */
    size_t top = SIZE_MAX;
    for (size_t i = 0; i < d->n && d->ev[i].day <= day; i++)
        if (d->ev[i].day == day && sr_an_match(&g, &d->ev[i]) &&
            (top == SIZE_MAX || d->ev[i].fatalities > d->ev[top].fatalities))
            top = i;
    char ds[11];
    sr_date_format(day, ds);
    struct subject {
        sr_an_filter f;
        char name[512], flags[768];
    } subj[3];
    size_t ns = 0;
    subj[ns].f = sp->filter;
    snprintf(subj[ns].name, sizeof subj[ns].name, "%s", ar->name);
    snprintf(subj[ns].flags, sizeof subj[ns].flags, "%s", ar->flags);
    ns++;
    if (top != SIZE_MAX) {
        uint32_t sides[2] = {d->ev[top].actor1, d->ev[top].actor2};
        for (int k = 0; k < 2; k++) {
            if (sides[k] == SR_AN_NONE || sides[k] == sp->filter.actor)
                continue;
            sr_an_filter_init(&subj[ns].f);
            subj[ns].f.origins = sp->filter.origins;
            subj[ns].f.actor = sides[k];
            const char *nm = sr_an_str(&d->actors, sides[k]);
            snprintf(subj[ns].name, sizeof subj[ns].name, "%s", nm);
            snprintf(subj[ns].flags, sizeof subj[ns].flags, "%s%s%s --actor '%s'",
                     sp->db_path ? " --db '" : "", sp->db_path ? sp->db_path : "",
                     sp->db_path ? "'" : "", nm);
            ns++;
        }
    }
    for (size_t k = 0; k < ns; k++) {
        int months[2] = {6, 12};
        sr_an_ranking r[2];
        int ok = 1;
        for (int m = 0; m < 2; m++)
            if (sr_an_rank_bin(d, &subj[k].f, SR_AN_PER_DAY, 1, day,
                               sr_an_add_months(day, -months[m]) + 1, &r[m], NULL))
                ok = 0;
        if (!ok)
            continue;
        if (!*said) {
            heading(o, 3, "How the deadliest day ranks");
            *said = 1;
        }
        char q[1200];
        snprintf(q, sizeof q, "sitrep rank%s --date %s --by fatalities --months 6 (and 12)",
                 subj[k].flags, ds);
        query_note(o, q);
        char since[11], first[11];
        sr_date_format(r[1].since_bin, since);
        sr_date_format(r[1].data_first, first);
        if (r[0].rank == 1 && r[0].value > 0) {
            if (r[1].since_bin == SR_AN_DAY_MIN)
                item(o, "%s, with %lld killed, was the deadliest day on record for %s (data from "
                        "%s).",
                     ds, (long long)r[0].value, subj[k].name, first);
            else if (r[1].since_bin < r[1].window_from || r[1].rank == 1)
                item(o, "%s, with %lld killed, was the deadliest day for %s since %s.", ds,
                     (long long)r[0].value, subj[k].name, since);
            else
                item(o, "%s, with %lld killed, was the deadliest day for %s in 6 months; it ranks "
                        "%zu of %zu days over 12 months.",
                     ds, (long long)r[0].value, subj[k].name, r[1].rank, r[1].n_bins);
        } else {
            /* The deadliest since the last day at least as deadly. */
            char tail[160] = "";
            for (size_t i = 0; i < r[1].n_above; i++)
                if (r[1].above[i].start == r[1].since_bin) {
                    snprintf(tail, sizeof tail, "; the deadliest since %s, when %lld were killed", since,
                             (long long)r[1].above[i].value);
                    break;
                }
            item(o, "%s, with %lld killed, ranks %zu of %zu days for %s over 6 months (rank %zu "
                    "over 12 months)%s.",
                 ds, (long long)r[0].value, r[0].rank, r[0].n_bins, subj[k].name, r[1].rank, tail);
        }
        sr_an_ranking_free(&r[0]);
        sr_an_ranking_free(&r[1]);
    }
    end_list(o);
}

static void alerts(w *o, const sr_an_data *d, const sr_report_spec *sp, const area *ar)
{
    sr_an_alert_params p;
    sr_an_alert_params_init(&p, sp->until);
    sr_an_alert *a = NULL;
    size_t n = 0;
    if (sr_an_alerts_run(d, &sp->filter, &p, &a, &n, NULL) || !n) {
        free(a);
        return;
    }
    char q[768], us[11];
    sr_date_format(sp->until, us);
    snprintf(q, sizeof q, "sitrep alerts%s --until %s", ar->flags, us);
    size_t shown = 0;
    for (int pass = 0; pass < 2; pass++) {
        size_t cnt = 0;
        for (size_t i = 0; i < n; i++)
            if ((a[i].detector == SR_DET_EMERGING) == pass)
                cnt++;
        if (!cnt)
            continue;
        heading(o, 3, pass ? "Emerging actors" : "Regions with alerts");
        query_note(o, q);
        size_t k = 0;
        for (size_t i = 0; i < n && k < 12; i++) {
            if ((a[i].detector == SR_DET_EMERGING) != pass)
                continue;
            item(o, "%s", a[i].message);
            k++;
            shown++;
        }
        if (cnt > k)
            item(o, "... and %zu more (see the query below).", cnt - k);
        end_list(o);
    }
    (void)shown;
    free(a);
}

static void trend(w *o, const sr_an_data *d, const sr_report_spec *sp, const area *ar)
{
    int32_t wk = sr_an_bin_start(sp->until, SR_AN_PER_WEEK);
    int32_t from = wk - 11 * 7;
    if (sp->since < from)
        from = sr_an_bin_start(sp->since, SR_AN_PER_WEEK);
    sr_an_filter g = sp->filter;
    g.since = SR_AN_DAY_MIN;
    g.until = sp->until;
    sr_an_series s;
    if (sr_an_series_build(d, &g, SR_AN_PER_WEEK, from, sp->until, &s, NULL))
        return;
    int64_t tot = 0;
    for (size_t i = 0; i < s.n; i++)
        tot += s.bin[i].events;
    sr_an_trend_changes tc;
    if (!tot || sr_an_trend_changes_compute(d, &g, SR_AN_PER_WEEK, sp->until, &tc, NULL)) {
        sr_an_series_free(&s);
        return;
    }
    heading(o, 3, "Trend");
    char q[768], a[11], b[11], w1[11], w2[11];
    sr_date_format(from, a);
    sr_date_format(sp->until, b);
    sr_date_format(tc.week_start, w1);
    sr_date_format(tc.week_end, w2);
    snprintf(q, sizeof q, "sitrep trend%s --per week --since %s --until %s", ar->flags, a, b);
    query_note(o, q);
    char c1[96], c2[96], c3[96], c4[96];
    change_phrase(&tc.w4_events, c1, sizeof c1);
    change_phrase(&tc.w52_events, c2, sizeof c2);
    change_phrase(&tc.w4_fatalities, c3, sizeof c3);
    change_phrase(&tc.w52_fatalities, c4, sizeof c4);
    para(o,
         "In the ACLED week of %s to %s, %lld %s and %lld %s: events %s over the 4 weeks "
         "before and %s over the 52 weeks before; fatalities %s and %s.",
         w1, w2, (long long)tc.week_events, plural(tc.week_events, "event", "events"),
         (long long)tc.week_fatalities, plural(tc.week_fatalities, "fatality", "fatalities"), c1,
         c2, c3, c4);
    if (o->html) {
        fputs("<figure>", o->f);
        sr_svg_timeline(o->f, &s, 640, 160);
        fputs("<figcaption>Events (bars) and fatalities (line) per ACLED week.</figcaption>"
              "</figure>\n",
              o->f);
    } else {
        fputs("| week from | events | fatalities |\n|---|---:|---:|\n", o->f);
        for (size_t i = 0; i < s.n; i++) {
            char x[11];
            sr_date_format(s.bin[i].start, x);
            fprintf(o->f, "| %s | %lld | %lld |\n", x, (long long)s.bin[i].events,
                    (long long)s.bin[i].fatalities);
        }
        fputs("\n", o->f);
    }
    sr_an_series_free(&s);
}

static int cmp_mu_desc(const void *a, const void *b)
{
    const double *x = a, *y = b;
    return (x[0] < y[0]) - (x[0] > y[0]);
}

static void outlook(w *o, const sr_an_data *d, const sr_report_spec *sp, const area *ar)
{
    sr_an_filter g = sp->filter;
    g.since = SR_AN_DAY_MIN;
    g.until = SR_AN_DAY_MAX;
    g.types = 0;              /* violent events */
    g.admin1 = SR_AN_NONE;    /* neighbours inform the region; it alone is shown */
    sr_an_monthly m;
    if (sr_an_monthly_build(d, &g, sp->until, &m, NULL))
        return;
    /* The first month after the period's: from the month boundary when the
     * period ends a month, else from the start of the unfinished month (two
     * months ahead), so a partial month never counts as a whole one. */
    int32_t next = sp->until + 1;
    int full = sr_an_bin_start(next, SR_AN_PER_MONTH) == next;
    size_t t = full ? m.n_months : m.n_months - 1;
    size_t hz = full ? 0 : 1;
    sr_an_nb *fe = malloc(m.n_regions * 3 * sizeof *fe), *ff = malloc(m.n_regions * 3 * sizeof *ff);
    double(*order)[2] = malloc(m.n_regions * sizeof *order);
    if (!fe || !ff || !order || sr_an_forecast_at(&m, t, 0, &sp->fc, fe, NULL) ||
        sr_an_forecast_at(&m, t, 1, &sp->fc, ff, NULL)) {
        free(fe);
        free(ff);
        free(order);
        sr_an_monthly_free(&m);
        return;
    }
    size_t n = 0;
    double total = 0;
    for (size_t r = 0; r < m.n_regions; r++) {
        if (sp->filter.admin1 != SR_AN_NONE && m.admin1[r] != sp->filter.admin1)
            continue;
        if (!isfinite(fe[r * 3 + hz].mu))
            continue;
        order[n][0] = fe[r * 3 + hz].mu;
        order[n][1] = (double)r;
        total += fe[r * 3 + hz].mu;
        n++;
    }
    if (n) {
        qsort(order, n, sizeof *order, cmp_mu_desc);
        char mo[11], us[11];
        sr_date_format(sr_an_add_months(m.first_month, (int)(t + hz)), mo);
        mo[7] = '\0';
        sr_date_format(sp->until, us);
        heading(o, 2, "Outlook");
        char q[768];
        snprintf(q, sizeof q, "sitrep forecast%s --until %s", ar->flags, us);
        query_note(o, q);
        para(o,
             "For %s, the forecast expects about %.0f violent events (battles, explosions and "
             "remote violence, violence against civilians) across %zu %s. Ranges are 80%% "
             "intervals of a negative-binomial model built on each region's recent months and "
             "its neighbours'; its record against simple baselines is given by sitrep backtest.",
             mo, total, n, plural((int64_t)n, "region", "regions"));
        for (size_t i = 0; i < n && i < 6; i++) {
            size_t r = (size_t)order[i][1];
            sr_an_nb e = fe[r * 3 + hz], k = ff[r * 3 + hz];
            item(o, "%s: %.1f violent events (%lld to %lld), %.0f fatalities (%lld to %lld).",
                 sr_an_str(&d->regions, m.admin1[r]), e.mu, (long long)sr_an_nb_quantile(e, 0.1),
                 (long long)sr_an_nb_quantile(e, 0.9), k.mu, (long long)sr_an_nb_quantile(k, 0.1),
                 (long long)sr_an_nb_quantile(k, 0.9));
        }
        if (n > 6)
            item(o, "%zu other %s are expected to see fewer.", n - 6,
                 plural((int64_t)(n - 6), "region", "regions"));
        end_list(o);
    }
    free(fe);
    free(ff);
    free(order);
    sr_an_monthly_free(&m);
}

static void map_section(w *o, const sr_an_data *d, const sr_report_spec *sp)
{
    sr_an_filter g = sp->filter;
    g.since = sp->since;
    g.until = sp->until;
    size_t n = 0, cap = 64;
    sr_map_point *pts = malloc(cap * sizeof *pts);
    if (!pts)
        return;
    for (size_t i = 0; i < d->n; i++) {
        const sr_an_event *e = &d->ev[i];
        if (e->day > sp->until)
            break;
        if (!sr_an_match(&g, e) || !isfinite(e->lat) || !isfinite(e->lon))
            continue;
        if (n == cap) {
            cap *= 2;
            sr_map_point *np = realloc(pts, cap * sizeof *np);
            if (!np)
                break;
            pts = np;
        }
        pts[n++] = (sr_map_point){e->lat, e->lon, e->fatalities};
    }
    if (n) {
        fputs("<figure>", o->f);
        if (sr_svgmap_write(o->f, sp->filter.country, pts, n, 640, NULL) == SR_OK)
            fprintf(o->f, "<figcaption>%zu located %s in the period; dot area follows "
                          "fatalities. Boundaries: Natural Earth.</figcaption>",
                    n, n == 1 ? "event" : "events");
        fputs("</figure>\n", o->f);
    }
    free(pts);
}

static const char html_head[] =
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
static const char html_style[] =
    "</title>\n<style>\n"
    "body{font-family:Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;color:#222;"
    "line-height:1.45}\n"
    "h1{font-size:1.6em;border-bottom:2px solid #822;padding-bottom:.2em}\n"
    "h2{font-size:1.25em;color:#822;margin-top:1.6em}h3{font-size:1.05em}\n"
    "figure{margin:1em 0}figcaption{font-size:.85em;color:#555}\n"
    "svg{max-width:100%;height:auto;background:#f7f5ef}\n"
    "code,.q{font-family:monospace;font-size:.85em}li{margin:.3em 0}\n"
    "</style></head><body>\n";

int sr_report_build(sr_store *s, const sr_an_data *d, const sr_report_spec *sp, char **out,
                    size_t *len, sr_error *err)
{
    *out = NULL;
    *len = 0;
    if (sp->since > sp->until)
        return sr_error_set(err, SR_ERR_ARG, "the period starts after it ends");
    char *buf = NULL;
    size_t blen = 0;
    FILE *f = open_memstream(&buf, &blen);
    if (!f)
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    w o = {f, sp->html, 0};
    area ar;
    area_make(d, sp, &ar);
    char d1[11], d2[11], p1[11], p2[11];
    sr_date_format(sp->since, d1);
    sr_date_format(sp->until, d2);
    int32_t plen = sp->until - sp->since + 1;
    sr_date_format(sp->since - plen, p1);
    sr_date_format(sp->since - 1, p2);
    if (o.html) {
        fputs(html_head, f);
        esc(&o, "Situation report: ");
        esc(&o, ar.name);
        fputs(html_style, f);
    }
    heading(&o, 1, "Situation report: %s, %s to %s", ar.name, d1, d2);

    totals cur, prev;
    sum_period(d, &sp->filter, sp->since, sp->until, &cur);
    sum_period(d, &sp->filter, sp->since - plen, sp->since - 1, &prev);
    heading(&o, 2, "Headline");
    char q[768];
    snprintf(q, sizeof q, "sitrep trend%s --per day --since %s --until %s (totals); the same for "
                          "%s to %s (the period before)",
             ar.flags, d1, d2, p1, p2);
    query_note(&o, q);
    if (!cur.events) {
        para(&o, "No events were recorded for %s between %s and %s.", ar.name, d1, d2);
        if (prev.events)
            para(&o, "In the %d days before (%s to %s) there were %lld %s and %lld %s.", plen, p1,
                 p2, (long long)prev.events, plural(prev.events, "event", "events"),
                 (long long)prev.fat, plural(prev.fat, "fatality", "fatalities"));
    } else {
        sr_an_change ce, cf;
        sr_an_change_compute((double)cur.events, (double)prev.events, SR_AN_LOW_BASELINE, &ce);
        sr_an_change_compute((double)cur.fat, (double)prev.fat, SR_AN_LOW_BASELINE, &cf);
        char range[96] = "";
        if (cur.low != cur.fat || cur.high != cur.fat)
            snprintf(range, sizeof range, " (sources' range %lld to %lld)", (long long)cur.low,
                     (long long)cur.high);
        char c1[96], c2[96];
        change_phrase(&ce, c1, sizeof c1);
        change_phrase(&cf, c2, sizeof c2);
        para(&o,
             "%lld %s and %lld %s%s were recorded for %s between %s and %s. Against the %d days "
             "before (%lld events, %lld fatalities): events %s; fatalities %s.",
             (long long)cur.events, plural(cur.events, "event", "events"), (long long)cur.fat,
             plural(cur.fat, "fatality", "fatalities"), range, ar.name, d1, d2, plen,
             (long long)prev.events, (long long)prev.fat, c1, c2);
        for (int t = 0; t < SR_AN__TYPES; t++)
            if (cur.by_type[t])
                item(&o, "%s: %lld", sr_an_type_name(t), (long long)cur.by_type[t]);
        end_list(&o);
        if (o.html)
            map_section(&o, d, sp);
        main_events(&o, s, d, sp, &ar);
    }

    /* The broader picture: only what has something to say. */
    long pos = ftell(f);
    heading(&o, 2, "Broader picture");
    long after_heading = ftell(f);
    trend(&o, d, sp, &ar);
    int said = 0;
    if (cur.events)
        ranks(&o, d, sp, &ar, &said);
    alerts(&o, d, sp, &ar);
    fflush(f);
    if (ftell(f) == after_heading) {
        /* Nothing to say: drop the heading. */
        fseek(f, pos, SEEK_SET);
    }
    outlook(&o, d, sp, &ar);

    heading(&o, 2, "Sources and method");
    para(&o,
         "Figures come from the sitrep event database: events coded from news reports (each "
         "with its sources) and imported history (UCDP GED, CC BY 4.0). Fatalities are the most "
         "conservative credible figure; ranges give the lowest and highest figure any source "
         "gave. Weeks are ACLED weeks (Saturday to Friday). Change labels follow ACLED: large "
         "increase above +25%%, moderate +10 to +25%%, limited -25 to +10%%, large decrease "
         "below -25%%; a baseline under one event is reported as a low baseline. Every figure "
         "can be reproduced with the commands below (also given in comments next to each "
         "figure).");
    item(&o, "sitrep trend%s --per day --since %s --until %s", ar.flags, d1, d2);
    item(&o, "sitrep events%s --since %s --until %s", ar.flags, d1, d2);
    item(&o, "sitrep rank%s --date DATE --by fatalities --months 6", ar.flags);
    item(&o, "sitrep alerts%s --until %s", ar.flags, d2);
    item(&o, "sitrep forecast%s --until %s", ar.flags, d2);
    end_list(&o);
    if (o.html)
        fputs("</body></html>\n", f);
    long end = ftell(f);
    if (fclose(f) != 0 || end < 0) {
        free(buf);
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory writing the report");
    }
    /* A dropped section may leave bytes past the final position. */
    *len = (size_t)end < blen ? (size_t)end : blen;
    buf[*len] = '\0';
    *out = buf;
    return SR_OK;
}
