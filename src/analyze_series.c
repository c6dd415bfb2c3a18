/* analyze_series.c — calendar bins, event series and ACLED change labels. */
#include "analyze.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

int sr_an_per_parse(const char *name)
{
    if (!name)
        return -1;
    if (strcmp(name, "day") == 0 || strcmp(name, "daily") == 0)
        return SR_AN_PER_DAY;
    if (strcmp(name, "week") == 0 || strcmp(name, "weekly") == 0)
        return SR_AN_PER_WEEK;
    if (strcmp(name, "month") == 0 || strcmp(name, "monthly") == 0)
        return SR_AN_PER_MONTH;
    return -1;
}

const char *sr_an_per_name(sr_an_per per)
{
    switch (per) {
    case SR_AN_PER_DAY: return "day";
    case SR_AN_PER_WEEK: return "week";
    default: return "month";
    }
}

int32_t sr_an_bin_start(int32_t day, sr_an_per per)
{
    switch (per) {
    case SR_AN_PER_DAY:
        return day;
    case SR_AN_PER_WEEK:
        /* sr_weekday: 0 Monday .. 5 Saturday, 6 Sunday. */
        return day - (sr_weekday(day) + 2) % 7;
    default: {
        int y, m, dd;
        sr_civil_from_days(day, &y, &m, &dd);
        return sr_days_from_civil(y, m, 1);
    }
    }
}

int32_t sr_an_bin_next(int32_t start, sr_an_per per)
{
    switch (per) {
    case SR_AN_PER_DAY:
        return start + 1;
    case SR_AN_PER_WEEK:
        return start + 7;
    default:
        return sr_an_add_months(sr_an_bin_start(start, SR_AN_PER_MONTH), 1);
    }
}

static int days_in_month(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

int32_t sr_an_add_months(int32_t day, int months)
{
    int y, m, d;
    sr_civil_from_days(day, &y, &m, &d);
    int total = y * 12 + (m - 1) + months;
    int ny = total / 12, nm = total % 12 + 1;
    if (total < 0) {
        ny = (total - 11) / 12;
        nm = total - ny * 12 + 1;
    }
    int dim = days_in_month(ny, nm);
    return sr_days_from_civil(ny, nm, d > dim ? dim : d);
}

void sr_an_series_free(sr_an_series *s)
{
    free(s->bin);
    s->bin = NULL;
    s->n = 0;
}

/* Index of the bin holding day, for bins starting at first. */
static size_t bin_index(int32_t day, int32_t first, sr_an_per per)
{
    switch (per) {
    case SR_AN_PER_DAY:
        return (size_t)(day - first);
    case SR_AN_PER_WEEK:
        return (size_t)((day - first) / 7);
    default: {
        int y0, m0, d0, y, m, dd;
        sr_civil_from_days(first, &y0, &m0, &d0);
        sr_civil_from_days(day, &y, &m, &dd);
        return (size_t)((y - y0) * 12 + (m - m0));
    }
    }
}

/* First index i in the sorted events with ev[i].day >= day. */
static size_t lower_bound(const sr_an_data *d, int32_t day)
{
    size_t lo = 0, hi = d->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->ev[mid].day < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int sr_an_series_build(const sr_an_data *d, const sr_an_filter *f, sr_an_per per,
                       int32_t from, int32_t to, sr_an_series *out, sr_error *err)
{
    out->bin = NULL;
    out->n = 0;
    if (from > to)
        return sr_error_set(err, SR_ERR_ARG, "the period starts after it ends");
    if ((int64_t)to - from > 36600)
        return sr_error_set(err, SR_ERR_ARG, "the period spans more than 100 years");
    int32_t first = sr_an_bin_start(from, per);
    size_t n = bin_index(to, first, per) + 1;
    sr_an_bin *bin = calloc(n, sizeof *bin);
    if (!bin)
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory for %zu bins", n);
    int32_t s = first;
    for (size_t i = 0; i < n; i++) {
        int32_t next = sr_an_bin_next(s, per);
        bin[i].start = s;
        bin[i].end = next - 1;
        s = next;
    }
    int32_t last = bin[n - 1].end;
    for (size_t i = lower_bound(d, first); i < d->n && d->ev[i].day <= last; i++) {
        const sr_an_event *e = &d->ev[i];
        if (!sr_an_match(f, e))
            continue;
        size_t k = per == SR_AN_PER_MONTH ? bin_index(e->day, first, per)
                                          : (size_t)(e->day - first) / (per == SR_AN_PER_DAY ? 1 : 7);
        bin[k].events++;
        bin[k].fatalities += e->fatalities;
    }
    out->bin = bin;
    out->n = n;
    return SR_OK;
}

const char *sr_an_label_name(sr_an_label l)
{
    switch (l) {
    case SR_AN_LABEL_LOW_BASELINE: return "low baseline";
    case SR_AN_LABEL_LARGE_INCREASE: return "large increase";
    case SR_AN_LABEL_MODERATE_INCREASE: return "moderate increase";
    case SR_AN_LABEL_LIMITED: return "limited change";
    case SR_AN_LABEL_LARGE_DECREASE: return "large decrease";
    default: return "";
    }
}

void sr_an_change_compute(double current, double baseline, double low_guard, sr_an_change *out)
{
    out->current = current;
    out->baseline = baseline;
    out->pct = NAN;
    if (!(baseline >= low_guard) || baseline <= 0) {
        out->label = SR_AN_LABEL_LOW_BASELINE;
        return;
    }
    double pct = (current - baseline) / baseline * 100.0;
    out->pct = pct;
    if (pct > 25.0)
        out->label = SR_AN_LABEL_LARGE_INCREASE;
    else if (pct > 10.0)
        out->label = SR_AN_LABEL_MODERATE_INCREASE;
    else if (pct >= -25.0)
        out->label = SR_AN_LABEL_LIMITED;
    else
        out->label = SR_AN_LABEL_LARGE_DECREASE;
}

int sr_an_trend_changes_compute(const sr_an_data *d, const sr_an_filter *f, sr_an_per per,
                                int32_t until, sr_an_trend_changes *out, sr_error *err)
{
    memset(out, 0, sizeof *out);
    sr_an_filter g = *f;
    g.since = SR_AN_DAY_MIN;
    g.until = until;
    /* The bin holding until and the one before it. */
    int32_t cur = sr_an_bin_start(until, per);
    int32_t prev = per == SR_AN_PER_MONTH ? sr_an_add_months(cur, -1)
                                          : cur - (per == SR_AN_PER_DAY ? 1 : 7);
    sr_an_series s;
    int rc = sr_an_series_build(d, &g, per, prev, until, &s, err);
    if (rc)
        return rc;
    sr_an_change_compute((double)s.bin[s.n - 1].events, (double)s.bin[0].events,
                         SR_AN_LOW_BASELINE, &out->prev_events);
    sr_an_change_compute((double)s.bin[s.n - 1].fatalities, (double)s.bin[0].fatalities,
                         SR_AN_LOW_BASELINE, &out->prev_fatalities);
    sr_an_series_free(&s);

    /* The ACLED week holding until against the 4 and 52 weeks before it. */
    int32_t wk = sr_an_bin_start(until, SR_AN_PER_WEEK);
    rc = sr_an_series_build(d, &g, SR_AN_PER_WEEK, wk - 52 * 7, until, &s, err);
    if (rc)
        return rc;
    /* s.n == 53: bins 0..51 are the 52 weeks before, bin 52 the reference. */
    const sr_an_bin *w = &s.bin[s.n - 1];
    out->week_start = w->start;
    out->week_end = w->end;
    out->week_events = w->events;
    out->week_fatalities = w->fatalities;
    double e4 = 0, f4 = 0, e52 = 0, f52 = 0;
    for (size_t i = 0; i + 1 < s.n; i++) {
        e52 += (double)s.bin[i].events;
        f52 += (double)s.bin[i].fatalities;
        if (i + 5 >= s.n) {
            e4 += (double)s.bin[i].events;
            f4 += (double)s.bin[i].fatalities;
        }
    }
    size_t nw = s.n - 1;
    sr_an_change_compute((double)w->events, e4 / 4.0, SR_AN_LOW_BASELINE, &out->w4_events);
    sr_an_change_compute((double)w->fatalities, f4 / 4.0, SR_AN_LOW_BASELINE, &out->w4_fatalities);
    sr_an_change_compute((double)w->events, e52 / (double)nw, SR_AN_LOW_BASELINE, &out->w52_events);
    sr_an_change_compute((double)w->fatalities, f52 / (double)nw, SR_AN_LOW_BASELINE,
                         &out->w52_fatalities);
    sr_an_series_free(&s);
    return SR_OK;
}
