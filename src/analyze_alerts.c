/* analyze_alerts.c — surge, threat, fatality-level, emerging-actor and
 * negative-binomial detectors over every region and country. */
#include "analyze.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

/* Weeks of weekly counts kept per region: the reference week, the 4 before
 * it and the 52 before those (threat), which also covers the 30 weeks the
 * negative-binomial detector looks back. */
#define N_WEEKS 57
/* Days of daily fatalities kept: three years of 30-day windows. */
#define N_DAYS (3 * 365 + 30)
#define NB_BASE_FIRST 30 /* baseline weeks t-30 .. t-5 (a 4-week guard band) */
#define NB_BASE_LAST 5

static const char *const det_names[SR_DET__COUNT] = {
    "surge", "threat", "fatalities", "emerging-actor", "nbinom",
};

static const char *const det_defs[SR_DET__COUNT] = {
    "Surge (ACLED surge tracker): the number of events in the last complete ACLED week "
    "(Saturday to Friday) is at least 100% above the weekly mean of the 4 weeks before it; "
    "only regions averaging at least one event a week over those 4 weeks.",
    "Threat (ACLED threat tracker): the weekly mean of events over the last 4 complete "
    "weeks is at least 100% above the weekly mean of the 52 weeks before them, and at "
    "least one event a week.",
    "Fatality level: the fatalities of the last 30 days exceed every 30-day total of the "
    "past year (or three years) and reach the configured floor; only where the data "
    "reaches back that far.",
    "Emerging actor: an armed actor (not civilians, protesters, rioters or unidentified "
    "groups) took part in an event in the region in the last 4 complete weeks and in none "
    "there in the year before; only where the data reaches back that far.",
    "Negative binomial (Farrington-like): the last week's event count exceeds the "
    "(1 - alpha) quantile of a negative binomial fitted by moments to weeks t-30..t-5 (a "
    "4-week guard band keeps an ongoing rise out of its own baseline), with at least the "
    "minimum count.",
};

const char *sr_an_detector_name(int det)
{
    return det >= 0 && det < SR_DET__COUNT ? det_names[det] : "";
}

int sr_an_detector_parse(const char *name)
{
    for (int i = 0; name && i < SR_DET__COUNT; i++)
        if (strcmp(name, det_names[i]) == 0)
            return i;
    return -1;
}

const char *sr_an_detector_definition(int det)
{
    return det >= 0 && det < SR_DET__COUNT ? det_defs[det] : "";
}

void sr_an_alert_params_init(sr_an_alert_params *p, int32_t until)
{
    p->until = until;
    p->fatal_floor = 10;
    p->nb_alpha = 0.01;
    p->nb_min_count = 3;
}

/* The last day of the last complete ACLED week on or before until (a Friday). */
static int32_t last_week_end(int32_t until)
{
    /* sr_weekday: 4 is Friday. */
    return until - (sr_weekday(until) + 7 - 4) % 7;
}

typedef struct region {
    char country[3];
    uint32_t admin1;
    double week[N_WEEKS];
    int64_t *day; /* N_DAYS daily fatalities */
} region;

typedef struct alert_buf {
    sr_an_alert *a;
    size_t n, cap;
} alert_buf;

/* A new alert of detector det for region r over [from, to]: the value that
 * fired, the baseline it was compared with and the threshold it crossed.
 * NULL when memory runs out. */
static sr_an_alert *alert_new(alert_buf *b, int det, const region *r, int32_t from,
                              int32_t to, double value, double baseline, double threshold)
{
    if (sr_an_reserve(&b->a, &b->cap, b->n, sizeof *b->a, 16) != SR_OK)
        return NULL;
    sr_an_alert *x = &b->a[b->n++];
    memset(x, 0, sizeof *x);
    x->detector = det;
    memcpy(x->country, r->country, 3);
    x->admin1 = r->admin1;
    x->actor = SR_AN_NONE;
    x->period_start = from;
    x->period_end = to;
    x->value = value;
    x->baseline = baseline;
    x->threshold = threshold;
    return x;
}

static void region_label(const sr_an_data *d, const region *r, char *buf, size_t cap)
{
    if (r->admin1 == SR_AN_NONE)
        snprintf(buf, cap, "%s (whole country)",
                 r->country[0] ? sr_an_country_name(r->country) : "unknown country");
    else
        snprintf(buf, cap, "%s (%s)", sr_an_str(&d->regions, r->admin1),
                 sr_an_country_name(r->country));
}

static double nb_threshold(const double *w, size_t from, size_t to, double alpha, double *mean,
                           double *var, double *size)
{
    double s = 0, ss = 0;
    size_t n = to - from + 1;
    for (size_t i = from; i <= to; i++)
        s += w[i];
    double m = s / (double)n;
    for (size_t i = from; i <= to; i++)
        ss += (w[i] - m) * (w[i] - m);
    double v = n > 1 ? ss / (double)(n - 1) : m;
    sr_an_nb nb = {m, v > m ? m * m / (v - m) : 0};
    *mean = m;
    *var = v;
    *size = nb.size;
    return (double)sr_an_nb_quantile(nb, 1.0 - alpha);
}

static int is_armed(const char *name)
{
    static const char *const unarmed[] = {"Civilians", "Protesters", "Rioters", "Unidentified"};
    for (size_t i = 0; i < sizeof unarmed / sizeof unarmed[0]; i++)
        if (strncmp(name, unarmed[i], strlen(unarmed[i])) == 0)
            return 0;
    return *name != '\0';
}

typedef struct emerging {
    uint32_t region, actor;
    int64_t events, fatalities;
    int32_t first, last;
} emerging;

static int detect_emerging(const sr_an_data *d, const sr_an_filter *f, const sr_an_map *rmap,
                           const region *regs, int32_t wend, int32_t data_first, alert_buf *out)
{
    int32_t rec_from = wend - 27, past_from = rec_from - 365;
    if (data_first > past_from)
        return SR_OK; /* not a year of history before the window */
    sr_an_map past = {0}, seen = {0}, elsewhere = {0};
    emerging *cand = NULL;
    size_t n_cand = 0, cap = 0;
    int rc = SR_OK;
    for (size_t i = 0; i < d->n && d->ev[i].day <= wend && !rc; i++) {
        const sr_an_event *e = &d->ev[i];
        if (e->day < past_from || !sr_an_match(f, e))
            continue;
        uint32_t rr[2] = {sr_an_map_get(rmap, sr_an_region_key(e->country, e->admin1)),
                          sr_an_map_get(rmap, sr_an_region_key(e->country, SR_AN_NONE))};
        uint32_t aa[2] = {e->actor1, e->actor2};
        for (int s = 0; s < 2 && !rc; s++) {
            if (aa[s] == SR_AN_NONE || (s == 1 && aa[1] == aa[0]))
                continue;
            if (!is_armed(sr_an_str(&d->actors, aa[s])))
                continue;
            if (e->day < rec_from) {
                rc = sr_an_map_put(&elsewhere, aa[s], 1);
                for (int k = 0; k < 2 && !rc; k++)
                    if (rr[k] != SR_AN_NONE)
                        rc = sr_an_map_put(&past, ((uint64_t)rr[k] << 32) | aa[s], 1);
                continue;
            }
            for (int k = 0; k < 2 && !rc; k++) {
                if (rr[k] == SR_AN_NONE)
                    continue;
                uint64_t key = ((uint64_t)rr[k] << 32) | aa[s];
                if (sr_an_map_get(&past, key) != SR_AN_NONE)
                    continue;
                uint32_t c = sr_an_map_get(&seen, key);
                if (c == SR_AN_NONE) {
                    if ((rc = sr_an_reserve(&cand, &cap, n_cand, sizeof *cand, 16)))
                        break;
                    c = (uint32_t)n_cand;
                    cand[n_cand++] = (emerging){rr[k], aa[s], 0, 0, e->day, e->day};
                    rc = sr_an_map_put(&seen, key, c);
                }
                if (!rc) {
                    cand[c].events++;
                    cand[c].fatalities += e->fatalities;
                    cand[c].last = e->day;
                }
            }
        }
    }
    for (size_t i = 0; i < n_cand && !rc; i++) {
        const region *r = &regs[cand[i].region];
        sr_an_alert *a = alert_new(out, SR_DET_EMERGING, r, rec_from, wend,
                                   (double)cand[i].events, 0, 1);
        if (!a) {
            rc = SR_ERR_NOMEM;
            break;
        }
        a->actor = cand[i].actor;
        int before = sr_an_map_get(&elsewhere, cand[i].actor) != SR_AN_NONE;
        char lab[160], d1[11], d2[11], p1[11];
        region_label(d, r, lab, sizeof lab);
        sr_date_format(cand[i].first, d1);
        sr_date_format(cand[i].last, d2);
        sr_date_format(past_from, p1);
        const char *actor = sr_an_str(&d->actors, cand[i].actor);
        snprintf(a->evidence, sizeof a->evidence,
                 "{\"events_last_4_weeks\":%lld,\"fatalities_last_4_weeks\":%lld,"
                 "\"first\":\"%s\",\"last\":\"%s\",\"events_in_region_past_year\":0,"
                 "\"past_year_from\":\"%s\",\"active_elsewhere_past_year\":%s}",
                 (long long)cand[i].events, (long long)cand[i].fatalities, d1, d2, p1,
                 before ? "true" : "false");
        snprintf(a->message, sizeof a->message,
                 "%s is active in %s: %lld event(s) from %s to %s, none there in the year "
                 "before%s.",
                 actor, lab, (long long)cand[i].events, d1, d2,
                 before ? " (it was active elsewhere)" : " (nor anywhere else)");
    }
    free(cand);
    sr_an_map_free(&past);
    sr_an_map_free(&seen);
    sr_an_map_free(&elsewhere);
    return rc;
}

int sr_an_alerts_run(const sr_an_data *d, const sr_an_filter *f, const sr_an_alert_params *p,
                     sr_an_alert **out, size_t *n_out, sr_error *err)
{
    *out = NULL;
    *n_out = 0;
    sr_an_filter g = *f;
    g.since = SR_AN_DAY_MIN;
    g.until = SR_AN_DAY_MAX;
    int32_t until = p->until;
    int32_t wend = last_week_end(until);
    int32_t wfirst = wend - 7 * N_WEEKS + 1;
    int32_t dfirst = until - N_DAYS + 1;
    int32_t start = wfirst < dfirst ? wfirst : dfirst;

    int32_t data_first = SR_AN_DAY_MAX;
    for (size_t i = 0; i < d->n; i++)
        if (sr_an_match(&g, &d->ev[i])) {
            data_first = d->ev[i].day;
            break;
        }
    if (data_first == SR_AN_DAY_MAX || data_first > until)
        return SR_OK;

    sr_an_map rmap = {0};
    region *regs = NULL;
    size_t n_regs = 0, cap = 0;
    alert_buf buf = {0};
    int rc = SR_OK;
    for (size_t i = 0; i < d->n && d->ev[i].day <= until && !rc; i++) {
        const sr_an_event *e = &d->ev[i];
        if (e->day < start || !sr_an_match(&g, e))
            continue;
        uint32_t ids[2] = {e->admin1, SR_AN_NONE};
        for (int k = 0; k < 2 && !rc; k++) {
            if (k == 0 && e->admin1 == SR_AN_NONE)
                continue;
            uint64_t key = sr_an_region_key(e->country, ids[k]);
            uint32_t r = sr_an_map_get(&rmap, key);
            if (r == SR_AN_NONE) {
                if ((rc = sr_an_reserve(&regs, &cap, n_regs, sizeof *regs, 32)))
                    break;
                region *x = &regs[n_regs];
                memset(x, 0, sizeof *x);
                memcpy(x->country, e->country, 3);
                x->admin1 = ids[k];
                x->day = calloc(N_DAYS, sizeof *x->day);
                if (!x->day) {
                    rc = SR_ERR_NOMEM;
                    break;
                }
                r = (uint32_t)n_regs++;
                rc = sr_an_map_put(&rmap, key, r);
                if (rc)
                    break;
            }
            region *x = &regs[r];
            if (e->day >= wfirst && e->day <= wend)
                x->week[(e->day - wfirst) / 7] += 1;
            if (e->day >= dfirst)
                x->day[e->day - dfirst] += e->fatalities;
        }
    }

    const size_t t = N_WEEKS - 1;
    for (size_t ri = 0; ri < n_regs && !rc; ri++) {
        region *r = &regs[ri];
        char lab[160], ws[11], we[11];
        region_label(d, r, lab, sizeof lab);
        sr_date_format(wend - 6, ws);
        sr_date_format(wend, we);
        const double *w = r->week;

        /* Surge. */
        double m4 = (w[t - 1] + w[t - 2] + w[t - 3] + w[t - 4]) / 4.0;
        if (m4 >= 1.0 && w[t] >= 2.0 * m4) {
            sr_an_alert *a = alert_new(&buf, SR_DET_SURGE, r, wend - 6, wend, w[t], m4, 2.0 * m4);
            if (!a) {
                rc = SR_ERR_NOMEM;
                break;
            }
            snprintf(a->evidence, sizeof a->evidence,
                     "{\"week\":[\"%s\",\"%s\"],\"events\":%.0f,\"previous_4_weeks\":"
                     "[%.0f,%.0f,%.0f,%.0f],\"mean_4_weeks\":%.2f,\"change_pct\":%.0f}",
                     ws, we, w[t], w[t - 4], w[t - 3], w[t - 2], w[t - 1], m4,
                     (w[t] - m4) / m4 * 100.0);
            snprintf(a->message, sizeof a->message,
                     "Surge in %s: %.0f events in the week %s to %s against a weekly mean of "
                     "%.2f over the 4 weeks before (%+.0f%%).",
                     lab, w[t], ws, we, m4, (w[t] - m4) / m4 * 100.0);
        }

        /* Threat. */
        double last4 = (w[t] + w[t - 1] + w[t - 2] + w[t - 3]) / 4.0, y52 = 0;
        for (size_t i = t - 55; i <= t - 4; i++)
            y52 += w[i];
        y52 /= 52.0;
        if (data_first <= wend - 7 * 56 + 1 && y52 > 0 && last4 >= 1.0 && last4 >= 2.0 * y52) {
            sr_an_alert *a =
                alert_new(&buf, SR_DET_THREAT, r, wend - 27, wend, last4, y52, 2.0 * y52);
            if (!a) {
                rc = SR_ERR_NOMEM;
                break;
            }
            char ms[11];
            sr_date_format(wend - 27, ms);
            snprintf(a->evidence, sizeof a->evidence,
                     "{\"weeks\":[\"%s\",\"%s\"],\"weekly_mean_last_4_weeks\":%.2f,"
                     "\"weekly_mean_52_weeks_before\":%.2f,\"change_pct\":%.0f}",
                     ms, we, last4, y52, (last4 - y52) / y52 * 100.0);
            snprintf(a->message, sizeof a->message,
                     "Threat in %s: %.2f events a week over %s to %s against %.2f a week in "
                     "the year before (%+.0f%%).",
                     lab, last4, ms, we, y52, (last4 - y52) / y52 * 100.0);
        }

        /* Fatality level: 30-day totals ending on each day. */
        {
            int64_t cur = 0, max1 = -1, max3 = -1;
            int64_t run = 0;
            for (size_t k = 0; k < N_DAYS; k++) {
                run += r->day[k];
                if (k >= 30)
                    run -= r->day[k - 30];
                if (k < 29)
                    continue;
                int32_t endday = dfirst + (int32_t)k;
                if (endday == until)
                    cur = run;
                else if (endday <= until - 30) {
                    if (endday >= until - 365 && run > max1)
                        max1 = run;
                    if (endday >= until - 3 * 365 && run > max3)
                        max3 = run;
                }
            }
            int has1 = data_first <= until - 365, has3 = data_first <= until - 3 * 365;
            if (has1 && (double)cur >= p->fatal_floor && cur > max1) {
                int years = has3 && cur > max3 ? 3 : 1;
                int64_t prev = years == 3 ? max3 : max1;
                double threshold = (double)prev + 1 > p->fatal_floor ? (double)prev + 1
                                                                  : p->fatal_floor;
                sr_an_alert *a = alert_new(&buf, SR_DET_FATALITIES, r, until - 29, until,
                                           (double)cur, (double)prev, threshold);
                if (!a) {
                    rc = SR_ERR_NOMEM;
                    break;
                }
                char fs[11], us[11];
                sr_date_format(until - 29, fs);
                sr_date_format(until, us);
                snprintf(a->evidence, sizeof a->evidence,
                         "{\"days\":[\"%s\",\"%s\"],\"fatalities_30_days\":%lld,"
                         "\"max_30_days_past_year\":%lld,\"max_30_days_past_3_years\":%lld,"
                         "\"years_compared\":%d,\"floor\":%.0f}",
                         fs, us, (long long)cur, (long long)max1,
                         has3 ? (long long)max3 : -1LL, years, p->fatal_floor);
                snprintf(a->message, sizeof a->message,
                         "Fatalities in %s: %lld killed in the 30 days to %s, the highest in %d "
                         "year%s (previous 30-day high: %lld).",
                         lab, (long long)cur, us, years, years > 1 ? "s" : "", (long long)prev);
            }
        }

        /* Negative binomial upper bound. */
        {
            double m, v, size;
            double thr = nb_threshold(w, t - NB_BASE_FIRST, t - NB_BASE_LAST, p->nb_alpha, &m, &v,
                                      &size);
            if (m > 0 && w[t] > thr && w[t] >= p->nb_min_count) {
                sr_an_alert *a =
                    alert_new(&buf, SR_DET_NBINOM, r, wend - 6, wend, w[t], m, thr + 1);
                if (!a) {
                    rc = SR_ERR_NOMEM;
                    break;
                }
                snprintf(a->evidence, sizeof a->evidence,
                         "{\"week\":[\"%s\",\"%s\"],\"events\":%.0f,\"baseline_weeks\":26,"
                         "\"baseline_mean\":%.3f,\"baseline_variance\":%.3f,\"nb_size\":%.3f,"
                         "\"alpha\":%g,\"upper_bound\":%.0f}",
                         ws, we, w[t], m, v, size, p->nb_alpha, thr);
                snprintf(a->message, sizeof a->message,
                         "Unusual activity in %s: %.0f events in the week %s to %s, above the "
                         "%.0f%% bound of %.0f (baseline mean %.2f a week).",
                         lab, w[t], ws, we, (1.0 - p->nb_alpha) * 100.0, thr, m);
            }
        }
    }
    if (!rc)
        rc = detect_emerging(d, &g, &rmap, regs, wend, data_first, &buf);
    for (size_t i = 0; i < n_regs; i++)
        free(regs[i].day);
    free(regs);
    sr_an_map_free(&rmap);
    if (rc) {
        free(buf.a);
        return sr_error_set(err, rc, "alerts: %s", sr_strerror(rc));
    }
    *out = buf.a;
    *n_out = buf.n;
    return SR_OK;
}

int sr_an_nbinom_alarm_rate(const sr_an_data *d, const sr_an_filter *f,
                            const sr_an_alert_params *p, size_t *weeks, size_t *alarms,
                            sr_error *err)
{
    *weeks = 0;
    *alarms = 0;
    sr_an_filter g = *f;
    g.since = SR_AN_DAY_MIN;
    g.until = p->until;
    int32_t first = SR_AN_DAY_MAX;
    for (size_t i = 0; i < d->n; i++)
        if (sr_an_match(&g, &d->ev[i])) {
            first = d->ev[i].day;
            break;
        }
    int32_t wend = last_week_end(p->until);
    if (first == SR_AN_DAY_MAX || first > wend)
        return SR_OK;
    int32_t wfirst = sr_an_bin_start(first, SR_AN_PER_WEEK);
    size_t nw = (size_t)(wend - wfirst + 1) / 7;
    sr_an_map rmap = {0};
    double *w = NULL;
    size_t n_regs = 0, cap = 0;
    int rc = SR_OK;
    for (size_t i = 0; i < d->n && d->ev[i].day <= wend && !rc; i++) {
        const sr_an_event *e = &d->ev[i];
        if (!sr_an_match(&g, e))
            continue;
        uint32_t ids[2] = {e->admin1, SR_AN_NONE};
        for (int k = 0; k < 2 && !rc; k++) {
            if (k == 0 && e->admin1 == SR_AN_NONE)
                continue;
            uint64_t key = sr_an_region_key(e->country, ids[k]);
            uint32_t r = sr_an_map_get(&rmap, key);
            if (r == SR_AN_NONE) {
                if ((rc = sr_an_reserve(&w, &cap, n_regs, nw * sizeof *w, 32)))
                    break;
                memset(w + n_regs * nw, 0, nw * sizeof *w);
                r = (uint32_t)n_regs++;
                rc = sr_an_map_put(&rmap, key, r);
            }
            if (!rc)
                w[(size_t)r * nw + (size_t)(e->day - wfirst) / 7] += 1;
        }
    }
    for (size_t r = 0; r < n_regs && !rc; r++) {
        const double *x = w + r * nw;
        for (size_t t = NB_BASE_FIRST; t < nw; t++) {
            double m, v, size;
            double thr = nb_threshold(x, t - NB_BASE_FIRST, t - NB_BASE_LAST, p->nb_alpha, &m, &v,
                                      &size);
            if (m <= 0)
                continue;
            (*weeks)++;
            if (x[t] > thr && x[t] >= p->nb_min_count)
                (*alarms)++;
        }
    }
    free(w);
    sr_an_map_free(&rmap);
    if (rc)
        return sr_error_set(err, rc, "alarm rate: %s", sr_strerror(rc));
    return SR_OK;
}
