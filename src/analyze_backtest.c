/* analyze_backtest.c — rolling-origin evaluation of the forecast against the
 * all-zero, last-value and bootstrap baselines. */
#include "analyze.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

#define BOOT_MONTHS 12

const char *sr_an_bt_model_name(int model)
{
    switch (model) {
    case SR_BT_MODEL: return "model";
    case SR_BT_ZERO: return "zero";
    case SR_BT_LAST: return "last";
    case SR_BT_BOOTSTRAP: return "bootstrap";
    default: return "";
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct acc {
    double ae, se, crps;
    size_t n;
} acc;

static void add(acc *a, double point_med, double point_mean, double crps, double y)
{
    a->ae += fabs(point_med - y);
    a->se += (point_mean - y) * (point_mean - y);
    a->crps += crps;
    a->n++;
}

int sr_an_backtest_run(const sr_an_monthly *m, int which, const sr_an_fc_params *p,
                       size_t min_train, sr_an_backtest *out, sr_error *err)
{
    memset(out, 0, sizeof *out);
    size_t nr = m->n_regions, nm = m->n_months;
    const double *x = which ? m->fatalities : m->events;
    if (min_train < 1)
        min_train = 1;
    if (nm <= min_train)
        return sr_error_set(err, SR_ERR_EMPTY,
                            "%zu months of history: the back-test needs more than %zu", nm,
                            min_train);
    sr_an_nb *fc = malloc((nr ? nr : 1) * 3 * sizeof *fc);
    if (!fc)
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    acc a[SR_BT__MODELS][3];
    memset(a, 0, sizeof a);
    double boot[BOOT_MONTHS], sorted[BOOT_MONTHS];
    for (size_t t = min_train; t < nm; t++) {
        int rc = sr_an_forecast_at(m, t, which, p, fc, err);
        if (rc) {
            free(fc);
            return rc;
        }
        if (out->origins == 0)
            out->first_origin = sr_an_add_months(m->first_month, (int)t);
        out->last_origin = sr_an_add_months(m->first_month, (int)t);
        out->origins++;
        for (size_t r = 0; r < nr; r++) {
            if (m->first_seen[r] >= t)
                continue;
            const double *row = x + r * nm;
            size_t bn = 0;
            for (size_t j = t > BOOT_MONTHS ? t - BOOT_MONTHS : 0; j < t; j++)
                boot[bn++] = row[j];
            memcpy(sorted, boot, bn * sizeof *sorted);
            qsort(sorted, bn, sizeof *sorted, cmp_double);
            double bmean = 0;
            for (size_t j = 0; j < bn; j++)
                bmean += boot[j];
            bmean /= (double)bn;
            double bmed = sorted[(bn - 1) / 2];
            double last = row[t - 1];
            for (size_t h = 0; h < 3 && t + h < nm; h++) {
                double y = row[t + h];
                sr_an_nb d = fc[r * 3 + h];
                add(&a[SR_BT_MODEL][h], (double)sr_an_nb_quantile(d, 0.5), d.mu,
                    sr_an_nb_crps(d, (int64_t)y), y);
                add(&a[SR_BT_ZERO][h], 0, 0, y, y);
                add(&a[SR_BT_LAST][h], last, last, fabs(y - last), y);
                add(&a[SR_BT_BOOTSTRAP][h], bmed, bmean, sr_an_sample_crps(boot, bn, y), y);
            }
        }
    }
    free(fc);
    for (int k = 0; k < SR_BT__MODELS; k++)
        for (int h = 0; h < 3; h++) {
            acc *c = &a[k][h];
            sr_an_score *s = &out->score[k][h];
            s->n = c->n;
            if (c->n) {
                s->mae = c->ae / (double)c->n;
                s->rmse = sqrt(c->se / (double)c->n);
                s->crps = c->crps / (double)c->n;
            }
        }
    return SR_OK;
}
