/* analyze_forecast.c — count distributions, monthly region series and the
 * negative-binomial forecast.
 *
 * The model: a region's level is the exponentially weighted mean of its last
 * `window` months (weight halving every `halflife` months); the forecast mean
 * for the next three months is own_weight * own level + (1 - own_weight) *
 * the mean level of its nearest regions (by distance between the mean
 * positions of their events).  With auto_fit, halflife and own_weight are
 * chosen at every forecast origin from a small grid by the squared error of
 * their one-month-ahead forecasts of event counts over the `fit_months`
 * before it (data before the origin only); fatalities use the settings
 * chosen on events, since a few massacres would otherwise decide them.  The spread is a negative binomial whose size is
 * estimated by moments from the errors of the same rule, horizon by horizon,
 * over those months: 1/size = sum((y - mu)^2 - mu) / sum(mu^2), Poisson
 * when that is not positive.
 */
#include "analyze.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

/* ---- the negative binomial ------------------------------------------------ */

static int is_poisson(sr_an_nb d)
{
    return !(d.size > 0) || !isfinite(d.size) || d.size > 1e8;
}

/* Walks the pmf from 0 upwards: calls step(k, pmf, ctx) until it returns 0. */
typedef int (*pmf_step)(int64_t k, double p, void *ctx);

static void nb_walk(sr_an_nb d, pmf_step step, void *ctx)
{
    if (!(d.mu > 0)) {
        for (int64_t k = 0;; k++)
            if (!step(k, k == 0 ? 1.0 : 0.0, ctx))
                return;
    }
    double lp, lq, r = d.size;
    int pois = is_poisson(d);
    if (pois) {
        lp = -d.mu;
        lq = log(d.mu);
    } else {
        lp = r * log(r / (r + d.mu));
        lq = log(d.mu / (r + d.mu));
    }
    for (int64_t k = 0; k < 50000000; k++) {
        if (!step(k, exp(lp), ctx))
            return;
        double kk = (double)k;
        lp += (pois ? 0.0 : log(kk + r)) - log(kk + 1.0) + lq;
    }
}

typedef struct walk_state {
    int64_t target;
    double q, acc, y, sum;
    int64_t out;
} walk_state;

static int step_pmf(int64_t k, double p, void *ctx)
{
    walk_state *s = ctx;
    if (k == s->target) {
        s->acc = p;
        return 0;
    }
    return 1;
}

double sr_an_nb_pmf(sr_an_nb d, int64_t k)
{
    if (k < 0)
        return 0;
    walk_state s = {k, 0, 0, 0, 0, 0};
    nb_walk(d, step_pmf, &s);
    return s.acc;
}

static int step_cdf(int64_t k, double p, void *ctx)
{
    walk_state *s = ctx;
    s->acc += p;
    return k < s->target && s->acc < 1.0 - 1e-15;
}

double sr_an_nb_cdf(sr_an_nb d, int64_t k)
{
    if (k < 0)
        return 0;
    walk_state s = {k, 0, 0, 0, 0, 0};
    nb_walk(d, step_cdf, &s);
    return s.acc > 1.0 ? 1.0 : s.acc;
}

static int step_quantile(int64_t k, double p, void *ctx)
{
    walk_state *s = ctx;
    s->acc += p;
    if (s->acc >= s->q - 1e-12) {
        s->out = k;
        return 0;
    }
    return 1;
}

int64_t sr_an_nb_quantile(sr_an_nb d, double q)
{
    walk_state s = {0, q, 0, 0, 0, 0};
    nb_walk(d, step_quantile, &s);
    return s.out;
}

static int step_crps(int64_t k, double p, void *ctx)
{
    walk_state *s = ctx;
    s->acc += p;
    double h = (double)k >= s->y ? 1.0 : 0.0;
    s->sum += (s->acc - h) * (s->acc - h);
    return (double)k < s->y || 1.0 - s->acc > 1e-9;
}

double sr_an_nb_crps(sr_an_nb d, int64_t y)
{
    walk_state s = {0, 0, 0, (double)y, 0, 0};
    nb_walk(d, step_crps, &s);
    return s.sum;
}

double sr_an_sample_crps(const double *x, size_t n, double y)
{
    if (!n)
        return y;
    double a = 0, b = 0;
    for (size_t i = 0; i < n; i++) {
        a += fabs(x[i] - y);
        for (size_t j = 0; j < n; j++)
            b += fabs(x[i] - x[j]);
    }
    return a / (double)n - 0.5 * b / ((double)n * (double)n);
}

/* ---- monthly table ------------------------------------------------------------- */

void sr_an_monthly_free(sr_an_monthly *m)
{
    free(m->events);
    free(m->fatalities);
    free(m->country);
    free(m->admin1);
    free(m->lat);
    free(m->lon);
    free(m->first_seen);
    memset(m, 0, sizeof *m);
}

static size_t month_index(int32_t day, int32_t first)
{
    int y0, m0, d0, y, m, d;
    sr_civil_from_days(first, &y0, &m0, &d0);
    sr_civil_from_days(day, &y, &m, &d);
    return (size_t)((y - y0) * 12 + (m - m0));
}

int sr_an_monthly_build(const sr_an_data *d, const sr_an_filter *f, int32_t until,
                        sr_an_monthly *out, sr_error *err)
{
    memset(out, 0, sizeof *out);
    sr_an_filter g = *f;
    if (!g.types)
        g.types = SR_AN_VIOLENT;
    g.until = g.until < until ? g.until : until;
    sr_an_map rmap = {0};
    size_t first_i = d->n;
    for (size_t i = 0; i < d->n; i++) {
        if (sr_an_match(&g, &d->ev[i]) && d->ev[i].admin1 != SR_AN_NONE) {
            first_i = i;
            break;
        }
    }
    if (first_i == d->n)
        return sr_error_set(err, SR_ERR_EMPTY, "no violent events with a region to forecast from");
    int32_t first = sr_an_bin_start(d->ev[first_i].day, SR_AN_PER_MONTH);
    size_t nm = month_index(until, first) + 1;
    /* First pass: the regions. */
    size_t nr = 0;
    int rc = SR_OK;
    for (size_t i = first_i; i < d->n && d->ev[i].day <= until && !rc; i++) {
        const sr_an_event *e = &d->ev[i];
        if (e->admin1 == SR_AN_NONE || !sr_an_match(&g, e))
            continue;
        uint64_t key = sr_an_region_key(e->country, e->admin1);
        if (sr_an_map_get(&rmap, key) == SR_AN_NONE)
            rc = sr_an_map_put(&rmap, key, (uint32_t)nr++);
    }
    if (rc) {
        sr_an_map_free(&rmap);
        return sr_error_set(err, rc, "forecast: %s", sr_strerror(rc));
    }
    out->n_regions = nr;
    out->n_months = nm;
    out->first_month = first;
    out->events = calloc(nr * nm, sizeof *out->events);
    out->fatalities = calloc(nr * nm, sizeof *out->fatalities);
    out->country = calloc(nr, sizeof *out->country);
    out->admin1 = calloc(nr, sizeof *out->admin1);
    out->lat = calloc(nr, sizeof *out->lat);
    out->lon = calloc(nr, sizeof *out->lon);
    out->first_seen = calloc(nr, sizeof *out->first_seen);
    size_t *npos = calloc(nr, sizeof *npos);
    if (!out->events || !out->fatalities || !out->country || !out->admin1 || !out->lat ||
        !out->lon || !out->first_seen || !npos) {
        free(npos);
        sr_an_map_free(&rmap);
        sr_an_monthly_free(out);
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    }
    for (size_t r = 0; r < nr; r++)
        out->first_seen[r] = SIZE_MAX;
    for (size_t i = first_i; i < d->n && d->ev[i].day <= until; i++) {
        const sr_an_event *e = &d->ev[i];
        if (e->admin1 == SR_AN_NONE || !sr_an_match(&g, e))
            continue;
        size_t r = sr_an_map_get(&rmap, sr_an_region_key(e->country, e->admin1));
        size_t k = month_index(e->day, first);
        out->events[r * nm + k] += 1;
        out->fatalities[r * nm + k] += e->fatalities;
        if (out->first_seen[r] == SIZE_MAX) {
            out->first_seen[r] = k;
            memcpy(out->country[r], e->country, 3);
            out->admin1[r] = e->admin1;
        }
        if (isfinite(e->lat) && isfinite(e->lon)) {
            out->lat[r] += e->lat;
            out->lon[r] += e->lon;
            npos[r]++;
        }
    }
    for (size_t r = 0; r < nr; r++) {
        out->lat[r] = npos[r] ? out->lat[r] / (double)npos[r] : NAN;
        out->lon[r] = npos[r] ? out->lon[r] / (double)npos[r] : NAN;
    }
    free(npos);
    sr_an_map_free(&rmap);
    return SR_OK;
}

/* ---- the model ----------------------------------------------------------------- */

void sr_an_fc_params_init(sr_an_fc_params *p)
{
    p->halflife = 3.0;
    p->window = 24;
    p->own_weight = 0.75;
    p->neighbours = 4;
    p->fit_months = 36;
    p->auto_fit = 1;
}

#define MAX_NEIGH 16

/* Nearest regions of every region, closest first (SIZE_MAX pads). */
static size_t *neighbour_table(const sr_an_monthly *m)
{
    size_t nr = m->n_regions;
    size_t *nb = malloc((nr ? nr : 1) * MAX_NEIGH * sizeof *nb);
    double dist[MAX_NEIGH];
    if (!nb)
        return NULL;
    for (size_t r = 0; r < nr; r++) {
        size_t *row = nb + r * MAX_NEIGH, cnt = 0;
        for (size_t k = 0; k < MAX_NEIGH; k++)
            row[k] = SIZE_MAX;
        if (!isfinite(m->lat[r]))
            continue;
        double cl = cos(m->lat[r] * M_PI / 180.0);
        for (size_t o = 0; o < nr; o++) {
            if (o == r || !isfinite(m->lat[o]))
                continue;
            double dy = m->lat[o] - m->lat[r], dx = (m->lon[o] - m->lon[r]) * cl;
            double dd = dx * dx + dy * dy;
            size_t k = cnt < MAX_NEIGH ? cnt++ : MAX_NEIGH;
            if (k == MAX_NEIGH) {
                if (dd >= dist[MAX_NEIGH - 1])
                    continue;
                k = MAX_NEIGH - 1;
            }
            while (k > 0 && dist[k - 1] > dd) {
                dist[k] = dist[k - 1];
                row[k] = row[k - 1];
                k--;
            }
            dist[k] = dd;
            row[k] = o;
        }
    }
    return nb;
}

/* The exponentially weighted level of region r from months [.., s). */
static double level(const sr_an_monthly *m, const double *x, size_t r, size_t s,
                    const sr_an_fc_params *p)
{
    if (s == 0)
        return 0;
    size_t from = s > (size_t)p->window ? s - (size_t)p->window : 0;
    double num = 0, den = 0, w = 1.0, decay = pow(0.5, 1.0 / p->halflife);
    for (size_t j = s; j-- > from;) {
        num += w * x[r * m->n_months + j];
        den += w;
        w *= decay;
    }
    return den > 0 ? num / den : 0;
}

/* Forecast means at origin s for every region known then (others NAN). */
static void means_at(const sr_an_monthly *m, const double *x, const size_t *nb, size_t s,
                     const sr_an_fc_params *p, double *lv, double *mu)
{
    size_t nr = m->n_regions;
    double all = 0;
    size_t n_known = 0;
    for (size_t r = 0; r < nr; r++) {
        lv[r] = m->first_seen[r] < s ? level(m, x, r, s, p) : NAN;
        if (isfinite(lv[r])) {
            all += lv[r];
            n_known++;
        }
    }
    for (size_t r = 0; r < nr; r++) {
        if (!isfinite(lv[r])) {
            mu[r] = NAN;
            continue;
        }
        double sum = 0;
        int cnt = 0;
        for (size_t k = 0; k < MAX_NEIGH && cnt < p->neighbours; k++) {
            size_t o = nb[r * MAX_NEIGH + k];
            if (o == SIZE_MAX)
                break;
            if (!isfinite(lv[o]))
                continue;
            sum += lv[o];
            cnt++;
        }
        double neigh = cnt ? sum / cnt : (n_known > 1 ? (all - lv[r]) / (double)(n_known - 1) : lv[r]);
        mu[r] = p->own_weight * lv[r] + (1.0 - p->own_weight) * neigh;
        if (mu[r] < 1e-3)
            mu[r] = 1e-3;
    }
}

/* 1/size by moments from (outcome, mean) pairs: sum((y - mu)^2 - mu) /
 * sum(mu^2); Poisson (0) when that is not positive. */
static double nb_mom_size(const double *y, const double *mu, size_t n)
{
    double num = 0, den = 0;
    for (size_t i = 0; i < n; i++) {
        num += (y[i] - mu[i]) * (y[i] - mu[i]) - mu[i];
        den += mu[i] * mu[i];
    }
    double inv = den > 0 ? num / den : 0;
    double r = inv > 0 ? 1.0 / inv : 0;
    return r > 0 && r < 0.05 ? 0.05 : r;
}

static const double grid_halflife[] = {1, 2, 3, 4, 6, 9, 12, 24};
static const double grid_own[] = {0.5, 0.6, 0.7, 0.8, 0.9, 1.0};

int sr_an_forecast_at(const sr_an_monthly *m, size_t t, int which, const sr_an_fc_params *p0,
                      sr_an_nb *out, sr_error *err)
{
    size_t nr = m->n_regions;
    const double *x = which ? m->fatalities : m->events;
    size_t from = t > (size_t)p0->fit_months + 3 ? t - (size_t)p0->fit_months - 3 : 1;
    size_t max_pairs = (t - (from < t ? from : t) + 1) * (nr ? nr : 1);
    size_t *nb = neighbour_table(m);
    double *lv = malloc((nr ? nr : 1) * sizeof *lv);
    double *mu = malloc((nr ? nr : 1) * sizeof *mu);
    double *py = malloc(max_pairs * sizeof *py), *pm = malloc(max_pairs * sizeof *pm);
    if (!nb || !lv || !mu || !py || !pm) {
        free(nb);
        free(lv);
        free(mu);
        free(py);
        free(pm);
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    }
    /* The settings whose one-month-ahead forecasts erred least over the fit
     * months (all horizons use them: fitting each horizon apart overfits). */
    sr_an_fc_params p = *p0;
    if (p.auto_fit && t > from + 2) {
        double best = INFINITY;
        for (size_t i = 0; i < sizeof grid_halflife / sizeof grid_halflife[0]; i++)
            for (size_t j = 0; j < sizeof grid_own / sizeof grid_own[0]; j++) {
                sr_an_fc_params q = *p0;
                q.halflife = grid_halflife[i];
                q.own_weight = grid_own[j];
                double sse = 0;
                const double *fx = m->events;
                for (size_t s = from; s < t; s++) {
                    means_at(m, fx, nb, s, &q, lv, mu);
                    for (size_t r = 0; r < nr; r++)
                        if (isfinite(mu[r])) {
                            double e = fx[r * m->n_months + s] - mu[r];
                            sse += e * e;
                        }
                }
                if (sse < best - 1e-9) {
                    best = sse;
                    p = q;
                }
            }
    }
    for (int h = 0; h < 3; h++) {
        /* The dispersion of the errors this rule made at this horizon. */
        size_t n = 0;
        for (size_t s = from; s + (size_t)h < t; s++) {
            means_at(m, x, nb, s, &p, lv, mu);
            for (size_t r = 0; r < nr; r++) {
                if (!isfinite(mu[r]))
                    continue;
                py[n] = x[r * m->n_months + s + (size_t)h];
                pm[n] = mu[r];
                n++;
            }
        }
        double size = nb_mom_size(py, pm, n);
        means_at(m, x, nb, t, &p, lv, mu);
        for (size_t r = 0; r < nr; r++)
            out[r * 3 + (size_t)h] = (sr_an_nb){isfinite(mu[r]) ? mu[r] : NAN, size};
    }
    free(nb);
    free(lv);
    free(mu);
    free(py);
    free(pm);
    return SR_OK;
}
