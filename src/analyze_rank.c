/* analyze_rank.c — how a day, week, month or event ranks over a window. */
#include "analyze.h"

#include <stdlib.h>
#include <string.h>

void sr_an_ranking_free(sr_an_ranking *r)
{
    free(r->above);
    r->above = NULL;
    r->n_above = 0;
}

static int cmp_row_desc(const void *a, const void *b)
{
    const sr_an_rank_row *x = a, *y = b;
    if (x->value != y->value)
        return x->value > y->value ? -1 : 1;
    return (x->start < y->start) - (x->start > y->start); /* most recent first */
}

static int32_t first_match(const sr_an_data *d, const sr_an_filter *f)
{
    for (size_t i = 0; i < d->n; i++)
        if (sr_an_match(f, &d->ev[i]))
            return d->ev[i].day;
    return SR_AN_DAY_MIN;
}

int sr_an_rank_bin(const sr_an_data *d, const sr_an_filter *f, sr_an_per per, int by_fatalities,
                   int32_t day, int32_t window_from, sr_an_ranking *out, sr_error *err)
{
    memset(out, 0, sizeof *out);
    out->since_bin = SR_AN_DAY_MIN;
    sr_an_filter g = *f;
    g.since = SR_AN_DAY_MIN;
    g.until = SR_AN_DAY_MAX;
    out->data_first = first_match(d, &g);
    if (window_from > day)
        return sr_error_set(err, SR_ERR_ARG, "the window starts after the ranked date");
    int32_t target = sr_an_bin_start(day, per);
    /* The whole history up to the target, so "since when" can look back
     * beyond the window. */
    int32_t from = out->data_first != SR_AN_DAY_MIN && out->data_first < window_from
                       ? out->data_first
                       : window_from;
    sr_an_series s;
    int rc = sr_an_series_build(d, &g, per, from, day, &s, err);
    if (rc)
        return rc;
    const sr_an_bin *t = &s.bin[s.n - 1];
    int64_t v = by_fatalities ? t->fatalities : t->events;
    out->value = v;
    out->window_from = sr_an_bin_start(window_from, per);
    out->window_to = t->end;
    out->above = malloc(s.n * sizeof *out->above);
    if (!out->above) {
        sr_an_series_free(&s);
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < s.n; i++) {
        const sr_an_bin *b = &s.bin[i];
        int64_t bv = by_fatalities ? b->fatalities : b->events;
        if (b->start < out->window_from)
            continue;
        out->n_bins++;
        if (i + 1 == s.n)
            continue;
        if (bv > v)
            out->above[out->n_above++] = (sr_an_rank_row){b->start, bv, 0};
        else if (bv == v)
            out->n_ties++;
    }
    for (size_t i = s.n - 1; i-- > 0;) {
        int64_t bv = by_fatalities ? s.bin[i].fatalities : s.bin[i].events;
        if (bv >= v) {
            out->since_bin = s.bin[i].start;
            break;
        }
    }
    (void)target;
    sr_an_series_free(&s);
    qsort(out->above, out->n_above, sizeof *out->above, cmp_row_desc);
    out->rank = out->n_above + 1;
    return SR_OK;
}

int sr_an_rank_event(const sr_an_data *d, const sr_an_filter *f, size_t ev,
                     int32_t window_from, sr_an_ranking *out, sr_error *err)
{
    memset(out, 0, sizeof *out);
    out->since_bin = SR_AN_DAY_MIN;
    if (ev >= d->n)
        return sr_error_set(err, SR_ERR_ARG, "no such event");
    const sr_an_event *x = &d->ev[ev];
    sr_an_filter g = *f;
    g.since = SR_AN_DAY_MIN;
    g.until = SR_AN_DAY_MAX;
    out->data_first = first_match(d, &g);
    out->value = x->fatalities;
    out->window_from = window_from;
    out->window_to = x->day;
    size_t cap = 16;
    out->above = malloc(cap * sizeof *out->above);
    if (!out->above)
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < d->n && d->ev[i].day <= x->day; i++) {
        const sr_an_event *e = &d->ev[i];
        if (i == ev || !sr_an_match(&g, e))
            continue;
        if (i < ev && e->fatalities >= x->fatalities)
            out->since_bin = e->day; /* events are in date order */
        if (e->day < window_from)
            continue;
        out->n_bins++;
        if (e->fatalities > x->fatalities) {
            if (out->n_above == cap) {
                cap *= 2;
                sr_an_rank_row *a = realloc(out->above, cap * sizeof *a);
                if (!a) {
                    sr_an_ranking_free(out);
                    return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
                }
                out->above = a;
            }
            out->above[out->n_above++] = (sr_an_rank_row){e->day, e->fatalities, e->id};
        } else if (e->fatalities == x->fatalities) {
            out->n_ties++;
        }
    }
    out->n_bins++; /* the event itself */
    qsort(out->above, out->n_above, sizeof *out->above, cmp_row_desc);
    out->rank = out->n_above + 1;
    return SR_OK;
}
