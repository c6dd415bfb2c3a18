/*
 * analyze.h — series, rankings, alerts and forecasts over events in memory.
 *
 * The analyses are pure functions over an sr_an_data: a flat array of compact
 * events (a day number, a type code, name ids, fatalities, coordinates) with
 * two interning tables, one for region (admin1) names and one for actor
 * names.  Nothing here reads the database or prints: analyze_load.c fills an
 * sr_an_data from the store, the tests fill one by hand, and the commands and
 * the report format the results.  One pass over the events builds what each
 * analysis needs, so a million events take a fraction of a second.
 *
 * Modules:
 *   analyze_data.c      the event set, name tables, filters, "did you mean"
 *   analyze_series.c    calendar bins (day, ACLED Saturday-Friday week, month),
 *                       series and the ACLED change labels
 *   analyze_rank.c      how a day, week, month or event ranks over a window
 *   analyze_alerts.c    surge, threat, fatality level, emerging actor and a
 *                       negative-binomial detector, each with its evidence
 *   analyze_forecast.c  monthly region series and a negative-binomial
 *                       forecast shrunk towards the neighbours' level
 *   analyze_backtest.c  rolling-origin evaluation against baselines
 *   analyze_load.c      fills an sr_an_data from the store
 *   analyze_alertdb.c   keeps alerts in the database (open, acknowledged)
 *
 * Days are days since 1970-01-01 (see date.h).  All results are owned by the
 * caller and released with the matching _free function.
 */
#ifndef SR_ANALYZE_H
#define SR_ANALYZE_H

#include <stddef.h>
#include <stdint.h>

#include "sitrep.h"
#include "store.h"

#define SR_AN_NONE UINT32_MAX /* "no name" / "any name" as a name id */
#define SR_AN_DAY_MIN INT32_MIN
#define SR_AN_DAY_MAX INT32_MAX

/* ---- event types and origins ---------------------------------------------- */

typedef enum sr_an_type {
    SR_AN_BATTLES = 0,
    SR_AN_EXPLOSIONS, /* Explosions/Remote violence */
    SR_AN_VAC,        /* Violence against civilians */
    SR_AN_PROTESTS,
    SR_AN_RIOTS,
    SR_AN_STRATEGIC,  /* Strategic developments */
    SR_AN_OTHER,
    SR_AN__TYPES
} sr_an_type;

/* The three types the forecasts count as violent events. */
#define SR_AN_VIOLENT ((1u << SR_AN_BATTLES) | (1u << SR_AN_EXPLOSIONS) | (1u << SR_AN_VAC))

/* ACLED's name of a type ("Battles"). */
const char *sr_an_type_name(int type);
/* The type an ACLED event type name (any case) or a short form ("battles",
 * "explosions", "vac", "remote violence", "violent" is not a type) names;
 * -1 when none. */
int sr_an_type_parse(const char *name);

enum {
    SR_AN_ORIGIN_EXTRACTED = 1,
    SR_AN_ORIGIN_UCDP = 2,
    SR_AN_ORIGIN_IMPORT = 4,
};
/* "extracted", "ucdp", "import" -> the flag; 0 when unknown. */
unsigned sr_an_origin_parse(const char *name);
const char *sr_an_origin_name(unsigned flag);

/* The English name of a Sahel or West African country code ("Mali"); the
 * code itself for others. */
const char *sr_an_country_name(const char *cc);

/* ---- the event set ---------------------------------------------------------- */

typedef struct sr_an_event {
    int64_t id;        /* the store's event id (0 when none) */
    int32_t day;       /* event date */
    int32_t fatalities, fat_low, fat_high;
    uint32_t admin1;   /* region name id or SR_AN_NONE */
    uint32_t actor1, actor2; /* actor name ids or SR_AN_NONE */
    float lat, lon;    /* NAN when unknown */
    char country[3];   /* ISO2, "" when unknown */
    uint8_t type;      /* sr_an_type */
    uint8_t origin;    /* one SR_AN_ORIGIN_* flag */
    uint8_t status;    /* sr_status */
    uint8_t precision; /* date precision 1..3 */
} sr_an_event;

/* An interning table: each distinct string gets a dense id. */
typedef struct sr_an_names {
    char **str;
    size_t n, cap;
    uint32_t *slot; /* open addressing: id + 1, 0 = empty */
    size_t n_slots;
} sr_an_names;

typedef struct sr_an_data {
    sr_an_event *ev;
    size_t n, cap;
    sr_an_names regions; /* admin1 names */
    sr_an_names actors;
} sr_an_data;

void sr_an_data_init(sr_an_data *d);
void sr_an_data_free(sr_an_data *d);

/* The id of s in names, adding it when absent.  "" and NULL give SR_AN_NONE. */
int sr_an_intern(sr_an_names *names, const char *s, uint32_t *id);
/* The id of s (exact match), or SR_AN_NONE. */
uint32_t sr_an_find(const sr_an_names *names, const char *s);
/* The id of s compared without regard to case (first match), or SR_AN_NONE. */
uint32_t sr_an_find_nocase(const sr_an_names *names, const char *s);
/* The string of an id; "" for SR_AN_NONE. */
const char *sr_an_str(const sr_an_names *names, uint32_t id);

/* Fields of one event as text, for sr_an_add_event().  Empty strings and
 * NULL mean unknown; date is "YYYY-MM-DD". */
typedef struct sr_an_fields {
    int64_t id;
    const char *date;
    const char *event_type;
    const char *actor1, *actor2;
    const char *country, *admin1;
    int fatalities, fat_low, fat_high;
    double lat, lon;
    const char *origin; /* NULL: "extracted" */
    int status, precision;
} sr_an_fields;

/* Appends an event.  SR_ERR_FORMAT when the date does not parse. */
int sr_an_add_event(sr_an_data *d, const sr_an_fields *f, sr_error *err);

/* Sorts the events by day, then id.  Loaders call it once; the analyses
 * below expect sorted data. */
void sr_an_sort(sr_an_data *d);

/* Up to max names in names closest to query by edit distance (case folded),
 * closest first; returns how many were written to out (ids). */
size_t sr_an_suggest(const sr_an_names *names, const char *query, uint32_t *out, size_t max);
/* The edit distance between a and b, compared without regard to ASCII case. */
size_t sr_an_edit_distance(const char *a, const char *b);

/* Room for element n in the heap array *(T **)arr of *cap elements of sz
 * bytes: grows it (doubling, from first) when n == *cap.  SR_OK, or
 * SR_ERR_NOMEM with the array unchanged. */
int sr_an_reserve(void *arr, size_t *cap, size_t n, size_t sz, size_t first);

/* A small hash map from 64-bit keys to 32-bit values (SR_AN_NONE is
 * reserved: it marks empty slots and "absent"). */
typedef struct sr_an_map {
    uint64_t *key;
    uint32_t *val;
    size_t n, cap;
} sr_an_map;

int sr_an_map_put(sr_an_map *m, uint64_t key, uint32_t val);
uint32_t sr_an_map_get(const sr_an_map *m, uint64_t key);
void sr_an_map_free(sr_an_map *m);
/* The key of a region: a country and an admin1 id (SR_AN_NONE: the country). */
uint64_t sr_an_region_key(const char country[3], uint32_t admin1);

/* ---- filters ------------------------------------------------------------------ */

typedef struct sr_an_filter {
    char country[3];   /* "" any */
    uint32_t admin1;   /* SR_AN_NONE any */
    uint32_t actor;    /* either side; SR_AN_NONE any */
    uint32_t target;   /* actor2 only; SR_AN_NONE any */
    unsigned types;    /* bit mask of 1u << sr_an_type; 0 any */
    unsigned origins;  /* mask of SR_AN_ORIGIN_*; 0 any */
    int32_t since, until; /* inclusive; SR_AN_DAY_MIN / SR_AN_DAY_MAX */
} sr_an_filter;

void sr_an_filter_init(sr_an_filter *f);
int sr_an_match(const sr_an_filter *f, const sr_an_event *e);

/* ---- series ---------------------------------------------------------------------- */

typedef enum sr_an_per { SR_AN_PER_DAY = 0, SR_AN_PER_WEEK, SR_AN_PER_MONTH } sr_an_per;

/* "day", "week", "month" -> per; -1 when none. */
int sr_an_per_parse(const char *name);
const char *sr_an_per_name(sr_an_per per);
/* First day of the bin holding day: itself, the Saturday on or before it
 * (ACLED weeks run Saturday to Friday), or the first of its month. */
int32_t sr_an_bin_start(int32_t day, sr_an_per per);
/* First day of the next bin after the one starting at start. */
int32_t sr_an_bin_next(int32_t start, sr_an_per per);
/* Adds months to a day, clamping to the end of shorter months. */
int32_t sr_an_add_months(int32_t day, int months);

typedef struct sr_an_bin {
    int32_t start; /* first day of the bin */
    int32_t end;   /* last day (inclusive) */
    int64_t events, fatalities;
} sr_an_bin;

typedef struct sr_an_series {
    sr_an_bin *bin;
    size_t n;
} sr_an_series;

/* The bins covering days [from, to] (whole bins: the first starts on or
 * before from, the last holds to) with the events matching f in them.  f's
 * since/until further restrict the events counted, not the bins.
 * SR_ERR_ARG when from > to or the range exceeds 100 years. */
int sr_an_series_build(const sr_an_data *d, const sr_an_filter *f, sr_an_per per,
                       int32_t from, int32_t to, sr_an_series *out, sr_error *err);
void sr_an_series_free(sr_an_series *s);

typedef enum sr_an_label {
    SR_AN_LABEL_NONE = 0,      /* not computed (no baseline period) */
    SR_AN_LABEL_LOW_BASELINE,  /* baseline mean below the guard */
    SR_AN_LABEL_LARGE_INCREASE,    /* > +25% */
    SR_AN_LABEL_MODERATE_INCREASE, /* > +10% .. +25% */
    SR_AN_LABEL_LIMITED,           /* -25% .. +10% */
    SR_AN_LABEL_LARGE_DECREASE,    /* < -25% */
} sr_an_label;

const char *sr_an_label_name(sr_an_label l); /* "large increase", ... */

typedef struct sr_an_change {
    double current, baseline; /* the two figures compared */
    double pct;               /* (current - baseline) / baseline * 100 */
    sr_an_label label;
} sr_an_change;

/* The baseline below which a change is "low baseline" rather than a
 * percentage: one event (or one fatality) per period. */
#define SR_AN_LOW_BASELINE 1.0

/* Labels current against baseline as ACLED's change map does. */
void sr_an_change_compute(double current, double baseline, double low_guard,
                          sr_an_change *out);

/* The changes an analyst reads off a trend: the last bin against the one
 * before, and the ACLED week holding `until` against the weekly mean of the
 * 4 and the 52 weeks before it. */
typedef struct sr_an_trend_changes {
    int32_t week_start, week_end; /* the reference week */
    int64_t week_events, week_fatalities;
    sr_an_change prev_events, prev_fatalities; /* last bin vs the previous one */
    sr_an_change w4_events, w4_fatalities;
    sr_an_change w52_events, w52_fatalities;
} sr_an_trend_changes;

int sr_an_trend_changes_compute(const sr_an_data *d, const sr_an_filter *f, sr_an_per per,
                                int32_t until, sr_an_trend_changes *out, sr_error *err);

/* ---- rankings --------------------------------------------------------------------- */

typedef struct sr_an_rank_row {
    int32_t start;  /* bin start day (or event day) */
    int64_t value;
    int64_t event_id; /* for event rankings */
} sr_an_rank_row;

typedef struct sr_an_ranking {
    int64_t value;      /* the ranked bin's (event's) value */
    size_t rank;        /* 1 + number of bins strictly above */
    size_t n_ties;      /* other bins with the same value */
    size_t n_bins;      /* bins (events) in the window, empty days included */
    int32_t window_from, window_to;
    sr_an_rank_row *above; /* bins above, highest first */
    size_t n_above;
    /* The most recent bin before the ranked one, anywhere in the data, with a
     * value at least as high: "the highest since" the day after it.
     * SR_AN_DAY_MIN when none (the highest on record). */
    int32_t since_bin;
    int32_t data_first;  /* first event day matching the filter (no dates) */
} sr_an_ranking;

/* Ranks the bin (day, week or month) holding `day` among the bins of
 * [window_from, that bin] by events or fatalities of the events matching f
 * (whose dates are ignored).  by_fatalities: 1 fatalities, 0 events. */
int sr_an_rank_bin(const sr_an_data *d, const sr_an_filter *f, sr_an_per per, int by_fatalities,
                   int32_t day, int32_t window_from, sr_an_ranking *out, sr_error *err);
/* Ranks event index ev among the events matching f in [window_from, its day]
 * by fatalities.  SR_ERR_ARG when ev is out of range. */
int sr_an_rank_event(const sr_an_data *d, const sr_an_filter *f, size_t ev,
                     int32_t window_from, sr_an_ranking *out, sr_error *err);
void sr_an_ranking_free(sr_an_ranking *r);

/* ---- alerts ------------------------------------------------------------------------ */

typedef enum sr_an_detector {
    SR_DET_SURGE = 0,  /* ACLED surge: last week >= 2x the mean of the 4 before */
    SR_DET_THREAT,     /* ACLED threat: last 4 weeks' mean >= 2x the year's */
    SR_DET_FATALITIES, /* rolling 30-day fatalities highest in 1 or 3 years */
    SR_DET_EMERGING,   /* armed actor new to the region within a year */
    SR_DET_NBINOM,     /* weekly count above a negative-binomial bound */
    SR_DET__COUNT
} sr_an_detector;

const char *sr_an_detector_name(int det); /* "surge", "threat", ... */
int sr_an_detector_parse(const char *name);
/* One paragraph: what the detector compares and when it fires. */
const char *sr_an_detector_definition(int det);

typedef struct sr_an_alert_params {
    int32_t until;          /* last day of data considered */
    double fatal_floor;     /* SR_DET_FATALITIES needs at least this (10) */
    double nb_alpha;        /* SR_DET_NBINOM tail probability (0.01) */
    int nb_min_count;       /* SR_DET_NBINOM needs at least this many events (3) */
} sr_an_alert_params;

void sr_an_alert_params_init(sr_an_alert_params *p, int32_t until);

typedef struct sr_an_alert {
    int detector;
    char country[3];
    uint32_t admin1;        /* SR_AN_NONE: the whole country */
    uint32_t actor;         /* SR_DET_EMERGING: the actor; else SR_AN_NONE */
    int32_t period_start, period_end; /* the period that fired */
    double value, baseline; /* the figures compared */
    double threshold;       /* the value it had to reach */
    char evidence[768];     /* JSON object with the counts compared */
    char message[320];      /* one sentence for a person */
} sr_an_alert;

/* Runs every detector over every region (admin1 within a country) and every
 * country holding events that match f (f's dates are ignored; p->until
 * ends the data).  *out is malloc'd (free()); *n may be 0. */
int sr_an_alerts_run(const sr_an_data *d, const sr_an_filter *f, const sr_an_alert_params *p,
                     sr_an_alert **out, size_t *n, sr_error *err);

/* The negative-binomial detector replayed over every past week of every
 * region: how many region-weeks were evaluated and how many fired.  On
 * history, with no record of which surges were real, the rate of alarms is
 * an upper bound on the false-alarm rate. */
int sr_an_nbinom_alarm_rate(const sr_an_data *d, const sr_an_filter *f,
                            const sr_an_alert_params *p, size_t *weeks, size_t *alarms,
                            sr_error *err);

/* ---- count distributions --------------------------------------------------------------- */

/* A negative binomial with mean mu and size r (variance mu + mu^2 / r);
 * r <= 0 or infinite means Poisson. */
typedef struct sr_an_nb {
    double mu, size;
} sr_an_nb;

double sr_an_nb_pmf(sr_an_nb d, int64_t k);
double sr_an_nb_cdf(sr_an_nb d, int64_t k);
/* Smallest k with cdf(k) >= q. */
int64_t sr_an_nb_quantile(sr_an_nb d, double q);
/* Continuous ranked probability score of d for outcome y:
 * sum over k >= 0 of (F(k) - [y <= k])^2. */
double sr_an_nb_crps(sr_an_nb d, int64_t y);
/* The same score for the empirical distribution of x[0..n). */
double sr_an_sample_crps(const double *x, size_t n, double y);

/* ---- forecasts ------------------------------------------------------------------------- */

/* Monthly counts of violent events and their fatalities per region. */
typedef struct sr_an_monthly {
    size_t n_regions, n_months;
    int32_t first_month;  /* first day of month 0 */
    double *events;       /* [region * n_months + month] */
    double *fatalities;
    char (*country)[3];   /* per region */
    uint32_t *admin1;     /* per region */
    double *lat, *lon;    /* mean event position per region (NAN: none) */
    size_t *first_seen;   /* first month with an event, per region */
} sr_an_monthly;

/* Builds the monthly table for events matching f (types default to the
 * violent ones) in admin1 regions, from the first matching event's month to
 * the month holding `until`.  SR_ERR_EMPTY when nothing matches. */
int sr_an_monthly_build(const sr_an_data *d, const sr_an_filter *f, int32_t until,
                        sr_an_monthly *out, sr_error *err);
void sr_an_monthly_free(sr_an_monthly *m);

typedef struct sr_an_fc_params {
    double halflife;  /* months; weight of a month halves over this (3) */
    int window;       /* months of own history used (24) */
    double own_weight;/* weight of the region's own level vs. neighbours' (0.75) */
    int neighbours;   /* nearest regions by centroid (4) */
    int fit_months;   /* past origins used to fit the model (36) */
    int auto_fit;     /* choose halflife and own_weight at each origin from a
                       * small grid by their one-month-ahead squared error on
                       * the fit_months before it (1); 0 keeps them fixed */
} sr_an_fc_params;

void sr_an_fc_params_init(sr_an_fc_params *p);

/* Predictive distributions for every region for the months t + h - 1
 * (h = 1..3) using only months [0, t): out[region * 3 + h - 1].  which: 0
 * events, 1 fatalities.  out must hold n_regions * 3. */
int sr_an_forecast_at(const sr_an_monthly *m, size_t t, int which, const sr_an_fc_params *p,
                      sr_an_nb *out, sr_error *err);

/* ---- back-test --------------------------------------------------------------------------- */

enum { SR_BT_MODEL = 0, SR_BT_ZERO, SR_BT_LAST, SR_BT_BOOTSTRAP, SR_BT__MODELS };
const char *sr_an_bt_model_name(int model);

typedef struct sr_an_score {
    double mae, rmse, crps;
    size_t n; /* region-months scored */
} sr_an_score;

typedef struct sr_an_backtest {
    sr_an_score score[SR_BT__MODELS][3]; /* [model][horizon - 1] */
    size_t origins;                      /* forecast origins replayed */
    int32_t first_origin, last_origin;   /* first days of the first / last month */
} sr_an_backtest;

/* Replays history: for every month t from min_train on, forecasts months
 * t .. t+2 from months [0, t) only, for every region with an event before t,
 * and scores each model against what happened.  Point forecasts: the median
 * for MAE, the mean for RMSE.  The bootstrap baseline draws from the region's
 * last 12 months. */
int sr_an_backtest_run(const sr_an_monthly *m, int which, const sr_an_fc_params *p,
                       size_t min_train, sr_an_backtest *out, sr_error *err);

/* ---- from the store ------------------------------------------------------------------ */

/* Appends the events of the store matching f (NULL: all) to d and sorts d.
 * The filter is passed to the store as is; callers narrow further with an
 * sr_an_filter (the store's actor filter matches parts of names). */
int sr_an_load(sr_store *s, const sr_event_filter *f, sr_an_data *d, sr_error *err);

/* The same for the common case, faster: reads only the columns the analyses
 * use, on a read-only connection of its own to the database at path, when
 * the database has the store's schema version SR_STORE_SCHEMA_VERSION (its
 * events table as described in store.h); otherwise it goes through s.
 * country, origin and actor (either side, whole name, any case; "" or NULL:
 * any) and since (events on or after it; NULL: all) narrow what is read. */
int sr_an_load_fast(sr_store *s, const char *path, const char *country, const char *origin,
                    const char *since, const char *actor, sr_an_data *d, sr_error *err);
/* Interns the name of every actor in the store into d->actors (for "did you
 * mean" after a load narrowed to one actor). */
int sr_an_load_actor_names(sr_store *s, sr_an_data *d, sr_error *err);

/* ---- alerts in the database ---------------------------------------------------------- */

/* Alerts live in an `alerts` table of the event database, created by this
 * module (CREATE TABLE IF NOT EXISTS) on its own connection to the file.
 * One alert stays open per detector, country, region and subject (the actor
 * of an emerging-actor alert): a detector firing again updates it.  An
 * acknowledged alert is not reopened for the same period; a later period
 * opens a new one. */
typedef struct sr_alertdb sr_alertdb;

int sr_alertdb_open(const char *path, sr_alertdb **out, sr_error *err);
void sr_alertdb_close(sr_alertdb *db);

/* One stored alert; strings valid during the callback only. */
typedef struct sr_alert_row {
    int64_t id;
    const char *detector, *country, *admin1, *subject;
    const char *period_start, *period_end;
    double value, baseline, threshold;
    const char *evidence, *message, *status, *created_at, *updated_at;
} sr_alert_row;

typedef int (*sr_alert_cb)(const sr_alert_row *a, void *ctx);

/* Stores a detected alert.  *outcome: 1 opened, 2 updated the open one,
 * 0 already acknowledged for this period. */
int sr_alertdb_record(sr_alertdb *db, const sr_an_data *d, const sr_an_alert *a, int64_t *id,
                      int *outcome, sr_error *err);
/* Lists alerts, newest first: only open ones unless all is set; country
 * ("" any) narrows them. */
int sr_alertdb_list(sr_alertdb *db, int all, const char *country, sr_alert_cb cb, void *ctx,
                    sr_error *err);
/* Acknowledges alert id; SR_ERR_NOTFOUND when there is no such alert. */
int sr_alertdb_ack(sr_alertdb *db, int64_t id, sr_error *err);

#endif
