/* cmd_analyze.c — trend, rank, alerts, forecast, backtest and report.
 *
 * Each command loads the matching events from the store into memory once
 * (analyze_load.c), resolves the names the user gave against the names in
 * the data (suggesting the closest ones when a name is unknown), runs one
 * analysis from analyze.h and prints it as a table (with sparklines), CSV or
 * JSON. */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyze.h"
#include "commands.h"
#include "date.h"
#include "report.h"
#include "store.h"

/* ---- options shared by the commands --------------------------------------- */

enum {
    OPT_FILTERS = 1 << 0, /* --country --admin1 --actor --type --since --until --origin */
    OPT_PER = 1 << 1,
    OPT_RANK = 1 << 2,    /* --date --by --months --event --target */
    OPT_ALERT = 1 << 3,   /* --floor --alpha --all */
    OPT_FC = 1 << 4,      /* --halflife --own-weight --neighbours --min-train */
    OPT_REPORT = 1 << 5,  /* --period --output */
};

typedef enum fmt { FMT_TABLE, FMT_CSV, FMT_JSON, FMT_MD, FMT_HTML } fmt;

typedef struct opts {
    const char *cmd;
    const char *db;
    const char *country, *admin1, *actor, *target, *type, *origin;
    const char *since_s, *until_s;
    int32_t since, until; /* SR_AN_DAY_MIN / MAX when not given */
    int per;              /* -1 default */
    fmt format;
    int format_given;
    /* rank */
    const char *date_s;
    int by_events;
    int months;
    int64_t event_id;
    /* alerts */
    double floor, alpha;
    int all;
    /* forecast / backtest */
    sr_an_fc_params fc;
    int min_train;
    /* report */
    const char *period;
    const char *output;
    /* positional arguments */
    char *pos[4];
    int n_pos;
} opts;

static int usage_error(const opts *o, const char *fmt_, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static int usage_error(const opts *o, const char *fmt_, ...)
{
    va_list ap;
    va_start(ap, fmt_);
    fprintf(stderr, "sitrep %s: ", o->cmd);
    vfprintf(stderr, fmt_, ap);
    fprintf(stderr, " (see 'sitrep %s --help')\n", o->cmd);
    va_end(ap);
    return EXIT_USAGE;
}

static int parse_day(const opts *o, const char *name, const char *s, int32_t *out)
{
    if (sr_date_parse_iso(s, out) != SR_OK || strlen(s) != 10) {
        fprintf(stderr, "sitrep %s: %s '%s' is not a date (YYYY-MM-DD)\n", o->cmd, name, s);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

static int parse_number(const opts *o, const char *name, const char *s, double lo, double hi,
                        double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= lo && v <= hi)) {
        fprintf(stderr, "sitrep %s: %s '%s' must be a number from %g to %g\n", o->cmd, name, s,
                lo, hi);
        return EXIT_USAGE;
    }
    *out = v;
    return EXIT_OK;
}

typedef struct optdef {
    const char *name;
    unsigned group; /* 0: every command */
    int has_arg;
} optdef;

static const optdef optdefs[] = {
    {"db", 0, 1},           {"format", 0, 1},        {"country", OPT_FILTERS, 1},
    {"admin1", OPT_FILTERS, 1}, {"actor", OPT_FILTERS, 1}, {"type", OPT_FILTERS, 1},
    {"since", OPT_FILTERS, 1},  {"until", OPT_FILTERS, 1}, {"origin", OPT_FILTERS, 1},
    {"per", OPT_PER, 1},        {"date", OPT_RANK, 1},     {"by", OPT_RANK, 1},
    {"months", OPT_RANK, 1},    {"event", OPT_RANK, 1},    {"target", OPT_RANK, 1},
    {"floor", OPT_ALERT, 1},    {"alpha", OPT_ALERT, 1},   {"all", OPT_ALERT, 0},
    {"halflife", OPT_FC, 1},    {"own-weight", OPT_FC, 1}, {"neighbours", OPT_FC, 1},
    {"min-train", OPT_FC, 1},   {"period", OPT_REPORT, 1}, {"output", OPT_REPORT, 1},
    {"help", 0, 0},
};

static int set_opt(opts *o, const char *name, const char *v)
{
    double x;
    int rc = EXIT_OK;
    if (!strcmp(name, "db")) o->db = v;
    else if (!strcmp(name, "country")) o->country = v;
    else if (!strcmp(name, "admin1")) o->admin1 = v;
    else if (!strcmp(name, "actor")) o->actor = v;
    else if (!strcmp(name, "target")) o->target = v;
    else if (!strcmp(name, "type")) o->type = v;
    else if (!strcmp(name, "origin")) o->origin = v;
    else if (!strcmp(name, "since")) { o->since_s = v; rc = parse_day(o, "--since", v, &o->since); }
    else if (!strcmp(name, "until")) { o->until_s = v; rc = parse_day(o, "--until", v, &o->until); }
    else if (!strcmp(name, "date")) o->date_s = v;
    else if (!strcmp(name, "output")) o->output = v;
    else if (!strcmp(name, "period")) o->period = v;
    else if (!strcmp(name, "all")) o->all = 1;
    else if (!strcmp(name, "per")) {
        o->per = sr_an_per_parse(v);
        if (o->per < 0)
            rc = usage_error(o, "--per must be day, week or month, not '%s'", v);
    } else if (!strcmp(name, "format")) {
        o->format_given = 1;
        if (!strcmp(v, "table")) o->format = FMT_TABLE;
        else if (!strcmp(v, "csv")) o->format = FMT_CSV;
        else if (!strcmp(v, "json")) o->format = FMT_JSON;
        else if (!strcmp(v, "md") || !strcmp(v, "markdown")) o->format = FMT_MD;
        else if (!strcmp(v, "html")) o->format = FMT_HTML;
        else rc = usage_error(o, "unknown --format '%s' (table, csv, json; md, html for report)", v);
    } else if (!strcmp(name, "by")) {
        if (!strcmp(v, "fatalities")) o->by_events = 0;
        else if (!strcmp(v, "events")) o->by_events = 1;
        else rc = usage_error(o, "--by must be fatalities or events, not '%s'", v);
    } else if (!strcmp(name, "months")) {
        if (!(rc = parse_number(o, "--months", v, 1, 1200, &x))) o->months = (int)x;
    } else if (!strcmp(name, "event")) {
        if (!(rc = parse_number(o, "--event", v, 1, 9e15, &x))) o->event_id = (int64_t)x;
    } else if (!strcmp(name, "floor")) {
        rc = parse_number(o, "--floor", v, 0, 1e9, &o->floor);
    } else if (!strcmp(name, "alpha")) {
        rc = parse_number(o, "--alpha", v, 1e-9, 0.5, &o->alpha);
    } else if (!strcmp(name, "halflife")) {
        rc = parse_number(o, "--halflife", v, 0.1, 120, &o->fc.halflife);
        o->fc.auto_fit = 0;
    } else if (!strcmp(name, "own-weight")) {
        rc = parse_number(o, "--own-weight", v, 0, 1, &o->fc.own_weight);
        o->fc.auto_fit = 0;
    } else if (!strcmp(name, "neighbours")) {
        if (!(rc = parse_number(o, "--neighbours", v, 0, 16, &x))) o->fc.neighbours = (int)x;
    } else if (!strcmp(name, "min-train")) {
        if (!(rc = parse_number(o, "--min-train", v, 1, 600, &x))) o->min_train = (int)x;
    }
    return rc;
}

/* Parses argv; returns -1 when --help was asked, else an exit code. */
static int parse_opts(opts *o, int argc, char **argv, unsigned groups, int max_pos)
{
    memset(o, 0, sizeof *o);
    o->cmd = argv[0];
    o->since = SR_AN_DAY_MIN;
    o->until = SR_AN_DAY_MAX;
    o->per = -1;
    o->months = 6;
    o->floor = 10;
    o->alpha = 0.01;
    o->min_train = 12;
    sr_an_fc_params_init(&o->fc);
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
            if (a[0] == '-' && a[1] != '\0')
                return usage_error(o, "unknown option '%s'", a);
            if (o->n_pos >= max_pos)
                return usage_error(o, "unexpected argument '%s'", a);
            o->pos[o->n_pos++] = a;
            continue;
        }
        const char *name = a + 2, *val = NULL;
        char buf[32];
        const char *eq = strchr(name, '=');
        if (eq) {
            size_t len = (size_t)(eq - name);
            if (len >= sizeof buf)
                return usage_error(o, "unknown option '%s'", a);
            memcpy(buf, name, len);
            buf[len] = '\0';
            name = buf;
            val = eq + 1;
        }
        const optdef *d = NULL;
        for (size_t k = 0; k < sizeof optdefs / sizeof optdefs[0]; k++)
            if (!strcmp(optdefs[k].name, name))
                d = &optdefs[k];
        if (!d || (d->group && !(d->group & groups)))
            return usage_error(o, "unknown option '%s'", a);
        if (!strcmp(name, "help"))
            return -1;
        if (d->has_arg && !val) {
            if (i + 1 >= argc)
                return usage_error(o, "option '%s' needs a value", a);
            val = argv[++i];
        }
        int rc = set_opt(o, name, val);
        if (rc)
            return rc;
    }
    if (o->since != SR_AN_DAY_MIN && o->until != SR_AN_DAY_MAX && o->since > o->until) {
        fprintf(stderr, "sitrep %s: --since %s is after --until %s\n", o->cmd, o->since_s,
                o->until_s);
        return EXIT_USAGE;
    }
    if (o->origin && !sr_an_origin_parse(o->origin))
        return usage_error(o, "--origin must be extracted, ucdp or import, not '%s'", o->origin);
    if (o->type && sr_an_type_parse(o->type) < 0)
        return usage_error(o, "unknown --type '%s' (Battles, Explosions/Remote violence, "
                              "Violence against civilians, Protests, Riots, Strategic developments)",
                           o->type);
    if (o->country && (strlen(o->country) != 2))
        return usage_error(o, "--country takes an ISO 3166-1 alpha-2 code such as ML, not '%s'",
                           o->country);
    return EXIT_OK;
}

static const char common_help[] =
    "  --db PATH            the database (default $SITREP_DB or ./sitrep.db)\n"
    "  --country CC         ISO 3166-1 alpha-2 code\n"
    "  --admin1 NAME        first-level region\n"
    "  --actor NAME         events where the actor is either side\n"
    "  --type TYPE          an ACLED event type (Battles, Violence against civilians, ...)\n"
    "  --since DATE --until DATE   YYYY-MM-DD, inclusive\n"
    "  --origin ORIGIN      extracted, ucdp or import (default: all)\n"
    "  --format FMT         table, csv or json\n";

/* ---- loading and resolving ---------------------------------------------------- */

typedef struct ctx {
    opts o;
    sr_store *store;
    sr_an_data d;
    sr_an_filter f;     /* the user's filter, dates included */
    int32_t data_first, data_last; /* of events matching f without dates */
} ctx;

static void ctx_free(ctx *c)
{
    sr_an_data_free(&c->d);
    if (c->store)
        sr_store_close(c->store);
    c->store = NULL;
}

/* A command's --help: what comes before the common options and after. */
typedef struct usage {
    const char *head, *tail;
} usage;

/* Starts a command: c zeroed, then its options parsed (see parse_opts).
 * Returns 0 to go on, or 1 with the exit status in *status: after --help
 * (the usage printed) or a usage error (already reported). */
static int begin(ctx *c, int argc, char **argv, unsigned groups, int max_pos, const usage *u,
                 int *status)
{
    memset(c, 0, sizeof *c);
    int rc = parse_opts(&c->o, argc, argv, groups, max_pos);
    if (rc < 0) {
        fputs(u->head, stdout);
        fputs(common_help, stdout);
        fputs(u->tail, stdout);
        *status = EXIT_OK;
        return 1;
    }
    *status = rc;
    return rc != 0;
}

static int resolve_name(ctx *c, const sr_an_names *names, const char *what, const char *name,
                        uint32_t *id)
{
    *id = sr_an_find_nocase(names, name);
    if (*id != SR_AN_NONE)
        return EXIT_OK;
    /* A load narrowed to this actor holds no other names: fetch them all. */
    if (names == &c->d.actors && c->store && sr_an_load_actor_names(c->store, &c->d, NULL) == SR_OK)
        *id = sr_an_find_nocase(names, name);
    if (*id != SR_AN_NONE) /* known, but in no event matching the filters */
        return EXIT_OK;
    uint32_t sug[3];
    size_t n = sr_an_suggest(names, name, sug, 3);
    fprintf(stderr, "sitrep %s: unknown %s '%s'", c->o.cmd, what, name);
    if (n) {
        fprintf(stderr, " (did you mean ");
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, "%s'%s'", i ? (i + 1 == n ? " or " : ", ") : "", sr_an_str(names, sug[i]));
        fprintf(stderr, "?)");
    } else if (!names->n) {
        fprintf(stderr, " (the database holds no %s names)", what);
    }
    fprintf(stderr, "\n");
    return EXIT_INPUT;
}

/* Opens the store, loads the events of the country / origin asked for (and,
 * when narrow is set, only those of the actor and from narrow_since on) and
 * resolves the other names.  On failure (reported) c is freed. */
static int load_narrow(ctx *c, int narrow, const char *narrow_since);

static int load(ctx *c)
{
    return load_narrow(c, 0, NULL);
}

static int load_into(ctx *c, int narrow, const char *narrow_since);

static int load_narrow(ctx *c, int narrow, const char *narrow_since)
{
    int rc = load_into(c, narrow, narrow_since);
    if (rc)
        ctx_free(c);
    return rc;
}

static int load_into(ctx *c, int narrow, const char *narrow_since)
{
    sr_error err = {""};
    const char *path = c->o.db ? c->o.db : sr_store_default_path();
    int rc = sr_store_open(path, SR_STORE_READONLY, &c->store, &err);
    if (rc) {
        fprintf(stderr, "sitrep %s: %s\n", c->o.cmd, err.msg);
        return EXIT_INPUT;
    }
    sr_an_data_init(&c->d);
    rc = sr_an_load_fast(c->store, path, c->o.country, c->o.origin, narrow ? narrow_since : NULL,
                         narrow ? c->o.actor : NULL, &c->d, &err);
    if (rc) {
        fprintf(stderr, "sitrep %s: %s\n", c->o.cmd, err.msg);
        return EXIT_INPUT;
    }
    sr_an_filter *f = &c->f;
    sr_an_filter_init(f);
    if (c->o.country) {
        f->country[0] = (char)(c->o.country[0] & ~0x20);
        f->country[1] = (char)(c->o.country[1] & ~0x20);
    }
    if (c->o.origin)
        f->origins = sr_an_origin_parse(c->o.origin);
    if (c->o.type)
        f->types = 1u << sr_an_type_parse(c->o.type);
    if (c->o.admin1 && (rc = resolve_name(c, &c->d.regions, "region", c->o.admin1, &f->admin1)))
        return rc;
    if (c->o.actor && (rc = resolve_name(c, &c->d.actors, "actor", c->o.actor, &f->actor)))
        return rc;
    if (c->o.target && (rc = resolve_name(c, &c->d.actors, "actor", c->o.target, &f->target)))
        return rc;
    c->data_first = SR_AN_DAY_MAX;
    c->data_last = SR_AN_DAY_MIN;
    for (size_t i = 0; i < c->d.n; i++)
        if (sr_an_match(f, &c->d.ev[i])) {
            if (c->data_first == SR_AN_DAY_MAX)
                c->data_first = c->d.ev[i].day;
            c->data_last = c->d.ev[i].day;
        }
    f->since = c->o.since;
    f->until = c->o.until;
    return EXIT_OK;
}

/* --until, else the last event matching the filters, else --since (a period
 * after the last event is empty, not impossible). */
static int32_t default_until(const ctx *c)
{
    if (c->o.until != SR_AN_DAY_MAX)
        return c->o.until;
    if (c->o.since != SR_AN_DAY_MIN && (c->data_last == SR_AN_DAY_MIN || c->data_last < c->o.since))
        return c->data_last == SR_AN_DAY_MIN ? SR_AN_DAY_MIN : c->o.since;
    return c->data_last;
}

/* A description of the filter for sentences: "events involving X in Y". */
static void describe(const ctx *c, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    const sr_an_filter *f = &c->f;
#define APPEND(...)                                                                        \
    do {                                                                                   \
        if (n < cap)                                                                       \
            n += (size_t)snprintf(buf + n, cap - n, __VA_ARGS__);                          \
    } while (0)
    APPEND("%s", f->types ? sr_an_type_name(sr_an_type_parse(c->o.type)) : "events");
    if (f->actor != SR_AN_NONE)
        APPEND(" involving %s", sr_an_str(&c->d.actors, f->actor));
    if (f->target != SR_AN_NONE)
        APPEND(" targeting %s", sr_an_str(&c->d.actors, f->target));
    if (f->admin1 != SR_AN_NONE)
        APPEND(" in %s", sr_an_str(&c->d.regions, f->admin1));
    if (f->country[0])
        APPEND("%s%s", f->admin1 != SR_AN_NONE ? ", " : " in ", f->country);
    if (f->origins)
        APPEND(" (%s only)", sr_an_origin_name(f->origins));
#undef APPEND
}

static void fmt_day(int32_t day, char out[11])
{
    sr_date_format(day, out);
}

static void print_json(json_t *j)
{
    json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', stdout);
    json_decref(j);
}

static json_t *change_json(const sr_an_change *ch)
{
    json_t *j = json_object();
    json_object_set_new(j, "current", json_real(ch->current));
    json_object_set_new(j, "baseline", json_real(ch->baseline));
    json_object_set_new(j, "pct", isfinite(ch->pct) ? json_real(round(ch->pct * 10) / 10) : json_null());
    json_object_set_new(j, "label", json_string(sr_an_label_name(ch->label)));
    return j;
}

static void change_text(const sr_an_change *ch, char *buf, size_t cap)
{
    if (ch->label == SR_AN_LABEL_LOW_BASELINE)
        snprintf(buf, cap, "%g against %.2f: low baseline", ch->current, ch->baseline);
    else
        snprintf(buf, cap, "%g against %.2f: %+.0f%%, %s", ch->current, ch->baseline, ch->pct,
                 sr_an_label_name(ch->label));
}

static void sparkline(FILE *out, const sr_an_series *s, int fat)
{
    static const char *const bars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    int64_t mx = 0;
    for (size_t i = 0; i < s->n; i++) {
        int64_t v = fat ? s->bin[i].fatalities : s->bin[i].events;
        if (v > mx)
            mx = v;
    }
    for (size_t i = 0; i < s->n; i++) {
        int64_t v = fat ? s->bin[i].fatalities : s->bin[i].events;
        fputs(v == 0 ? " " : bars[mx ? (v * 7 + mx - 1) / mx : 0], out);
    }
}

/* ---- trend ----------------------------------------------------------------------- */

int cmd_trend(int argc, char **argv)
{
    static const usage use = {
        "usage: sitrep trend [OPTIONS]\n\nEvents and fatalities by day, week (ACLED's "
        "Saturday-Friday week) or month,\nwith the change against the previous period and "
        "the mean of the last 4 and 52 weeks.\n\n",
        "  --per day|week|month (default week)\n"};
    ctx c;
    int rc;
    if (begin(&c, argc, argv, OPT_FILTERS | OPT_PER, 0, &use, &rc))
        return rc;
    /* Only the year before the period is needed (for the 52-week mean). */
    char from_s[11] = "";
    if (c.o.until != SR_AN_DAY_MAX) {
        int32_t lo = c.o.until - 53 * 7 - 7;
        if (c.o.since != SR_AN_DAY_MIN && c.o.since < lo)
            lo = c.o.since - 31;
        fmt_day(lo, from_s);
    }
    if ((rc = load_narrow(&c, 1, from_s[0] ? from_s : NULL)))
        return rc;
    sr_an_per per = c.o.per < 0 ? SR_AN_PER_WEEK : (sr_an_per)c.o.per;
    int32_t until = default_until(&c);
    char desc[512];
    describe(&c, desc, sizeof desc);
    if (until == SR_AN_DAY_MIN) {
        fprintf(stderr, "sitrep trend: no %s in the database\n", desc);
        ctx_free(&c);
        return EXIT_INPUT;
    }
    int32_t since = c.o.since;
    if (since == SR_AN_DAY_MIN)
        since = per == SR_AN_PER_DAY     ? until - 29
                : per == SR_AN_PER_WEEK ? sr_an_bin_start(until, per) - 11 * 7
                                        : sr_an_add_months(sr_an_bin_start(until, per), -11);
    sr_an_filter f = c.f;
    f.since = since;
    f.until = until;
    sr_an_series s;
    sr_error err = {""};
    sr_an_trend_changes tc;
    if ((rc = sr_an_series_build(&c.d, &f, per, since, until, &s, &err)) ||
        (rc = sr_an_trend_changes_compute(&c.d, &f, per, until, &tc, &err))) {
        fprintf(stderr, "sitrep trend: %s\n", err.msg);
        ctx_free(&c);
        return EXIT_INPUT;
    }
    int64_t tot_e = 0, tot_f = 0;
    for (size_t i = 0; i < s.n; i++) {
        tot_e += s.bin[i].events;
        tot_f += s.bin[i].fatalities;
    }
    char d1[11], d2[11], w1[11], w2[11];
    fmt_day(since, d1);
    fmt_day(until, d2);
    fmt_day(tc.week_start, w1);
    fmt_day(tc.week_end, w2);
    if (c.o.format == FMT_CSV) {
        printf("period_start,period_end,events,fatalities\n");
        for (size_t i = 0; i < s.n; i++) {
            char a[11], b[11];
            fmt_day(s.bin[i].start, a);
            fmt_day(s.bin[i].end, b);
            printf("%s,%s,%lld,%lld\n", a, b, (long long)s.bin[i].events,
                   (long long)s.bin[i].fatalities);
        }
    } else if (c.o.format == FMT_JSON) {
        json_t *j = json_object(), *bins = json_array();
        json_object_set_new(j, "query", json_string(desc));
        json_object_set_new(j, "per", json_string(sr_an_per_name(per)));
        json_object_set_new(j, "since", json_string(d1));
        json_object_set_new(j, "until", json_string(d2));
        for (size_t i = 0; i < s.n; i++) {
            char a[11], b[11];
            fmt_day(s.bin[i].start, a);
            fmt_day(s.bin[i].end, b);
            json_array_append_new(bins, json_pack("{s:s,s:s,s:I,s:I}", "start", a, "end", b,
                                                  "events", (json_int_t)s.bin[i].events,
                                                  "fatalities", (json_int_t)s.bin[i].fatalities));
        }
        json_object_set_new(j, "bins", bins);
        json_object_set_new(j, "events", json_integer(tot_e));
        json_object_set_new(j, "fatalities", json_integer(tot_f));
        json_t *ch = json_object();
        json_object_set_new(ch, "previous_events", change_json(&tc.prev_events));
        json_object_set_new(ch, "previous_fatalities", change_json(&tc.prev_fatalities));
        json_object_set_new(ch, "week", json_pack("[s,s]", w1, w2));
        json_object_set_new(ch, "mean_4_weeks_events", change_json(&tc.w4_events));
        json_object_set_new(ch, "mean_4_weeks_fatalities", change_json(&tc.w4_fatalities));
        json_object_set_new(ch, "mean_52_weeks_events", change_json(&tc.w52_events));
        json_object_set_new(ch, "mean_52_weeks_fatalities", change_json(&tc.w52_fatalities));
        json_object_set_new(j, "changes", ch);
        print_json(j);
    } else {
        printf("%s, by %s, %s to %s\n", desc, sr_an_per_name(per), d1, d2);
        if (tot_e == 0) {
            printf("No %s between %s and %s.\n", desc, d1, d2);
        } else {
            printf("%-10s  %-10s  %8s  %10s\n", "from", "to", "events", "fatalities");
            for (size_t i = 0; i < s.n; i++) {
                char a[11], b[11];
                fmt_day(s.bin[i].start, a);
                fmt_day(s.bin[i].end, b);
                printf("%-10s  %-10s  %8lld  %10lld%s%s%s\n", a, b, (long long)s.bin[i].events,
                       (long long)s.bin[i].fatalities, s.bin[i].end > until ? "  (to " : "",
                       s.bin[i].end > until ? d2 : "", s.bin[i].end > until ? ")" : "");
            }
            printf("%-22s  %8lld  %10lld\n", "total", (long long)tot_e, (long long)tot_f);
            printf("events      ");
            sparkline(stdout, &s, 0);
            printf("\nfatalities  ");
            sparkline(stdout, &s, 1);
            printf("\n");
        }
        char t[160];
        printf("\nChange, last %s against the one before:\n", sr_an_per_name(per));
        change_text(&tc.prev_events, t, sizeof t);
        printf("  events      %s\n", t);
        change_text(&tc.prev_fatalities, t, sizeof t);
        printf("  fatalities  %s\n", t);
        printf("Week %s to %s against the weekly mean of the 4 weeks before:\n", w1, w2);
        change_text(&tc.w4_events, t, sizeof t);
        printf("  events      %s\n", t);
        change_text(&tc.w4_fatalities, t, sizeof t);
        printf("  fatalities  %s\n", t);
        printf("... and of the 52 weeks before:\n");
        change_text(&tc.w52_events, t, sizeof t);
        printf("  events      %s\n", t);
        change_text(&tc.w52_fatalities, t, sizeof t);
        printf("  fatalities  %s\n", t);
    }
    sr_an_series_free(&s);
    ctx_free(&c);
    return EXIT_OK;
}

/* ---- rank -------------------------------------------------------------------------- */

int cmd_rank(int argc, char **argv)
{
    static const usage use = {
        "usage: sitrep rank --date DATE | --event ID [OPTIONS]\n\nHow a day (week, month) "
        "or an event ranks among those of the last N months\nfor the events matching the "
        "filters, with the ones above it.\n\n",
        "  --date DATE          the day to rank\n"
        "  --event ID           rank an event by fatalities instead\n"
        "  --by fatalities|events  (default fatalities)\n"
        "  --months N           the window (default 6)\n"
        "  --per day|week|month (default day)\n"
        "  --target NAME        events whose target (actor2) is NAME\n"};
    ctx c;
    int rc;
    if (begin(&c, argc, argv, OPT_FILTERS | OPT_PER | OPT_RANK, 0, &use, &rc))
        return rc;
    if (!c.o.date_s && !c.o.event_id)
        return usage_error(&c.o, "%s", "needs --date DATE or --event ID");
    int32_t day = 0;
    if (c.o.date_s && (rc = parse_day(&c.o, "--date", c.o.date_s, &day)))
        return rc;
    if ((rc = load_narrow(&c, !c.o.event_id, NULL)))
        return rc;
    sr_an_per per = c.o.per < 0 ? SR_AN_PER_DAY : (sr_an_per)c.o.per;
    size_t ev_index = SIZE_MAX;
    if (c.o.event_id) {
        for (size_t i = 0; i < c.d.n; i++)
            if (c.d.ev[i].id == c.o.event_id)
                ev_index = i;
        if (ev_index == SIZE_MAX) {
            fprintf(stderr, "sitrep rank: no event %lld%s\n", (long long)c.o.event_id,
                    c.o.country || c.o.origin ? " matching the filters" : "");
            ctx_free(&c);
            return EXIT_INPUT;
        }
        day = c.d.ev[ev_index].day;
    }
    int32_t from = c.o.since != SR_AN_DAY_MIN ? c.o.since : sr_an_add_months(day, -c.o.months) + 1;
    char desc[512];
    describe(&c, desc, sizeof desc);
    sr_an_filter f = c.f;
    sr_an_ranking r;
    sr_error err = {""};
    rc = ev_index != SIZE_MAX ? sr_an_rank_event(&c.d, &f, ev_index, from, &r, &err)
                              : sr_an_rank_bin(&c.d, &f, per, !c.o.by_events, day, from, &r, &err);
    if (rc) {
        fprintf(stderr, "sitrep rank: %s\n", err.msg);
        ctx_free(&c);
        return rc == SR_ERR_ARG ? EXIT_USAGE : EXIT_INPUT;
    }
    const char *unit = ev_index != SIZE_MAX ? "event" : sr_an_per_name(per);
    const char *measure = ev_index != SIZE_MAX || !c.o.by_events ? "fatalities" : "events";
    char ds[11], fs[11], ts[11], ss[11], first[11];
    fmt_day(day, ds);
    fmt_day(r.window_from, fs);
    fmt_day(r.window_to, ts);
    fmt_day(r.since_bin, ss);
    fmt_day(r.data_first, first);
    /* "the deadliest day for X since D": the ranked one is the highest in the
     * window and the last one as high came before the window. */
    char headline[768] = "";
    int top = r.rank == 1 && r.value > 0;
    if (top) {
        const char *sup = ev_index != SIZE_MAX || !c.o.by_events ? "deadliest" : "most violent";
        if (r.since_bin == SR_AN_DAY_MIN)
            snprintf(headline, sizeof headline, "the %s %s on record for %s (data from %s)", sup,
                     unit, desc, first);
        else if (r.since_bin < r.window_from)
            snprintf(headline, sizeof headline, "the %s %s for %s since %s", sup, unit, desc, ss);
        else
            snprintf(headline, sizeof headline, "the %s %s for %s in the window (tied with %s)",
                     sup, unit, desc, ss);
    }
    if (c.o.format == FMT_JSON) {
        json_t *j = json_object(), *above = json_array();
        json_object_set_new(j, "query", json_string(desc));
        json_object_set_new(j, "unit", json_string(unit));
        json_object_set_new(j, "by", json_string(measure));
        if (ev_index != SIZE_MAX)
            json_object_set_new(j, "event", json_integer(c.o.event_id));
        json_object_set_new(j, "date", json_string(ds));
        json_object_set_new(j, "value", json_integer(r.value));
        json_object_set_new(j, "rank", json_integer((json_int_t)r.rank));
        json_object_set_new(j, "ties", json_integer((json_int_t)r.n_ties));
        json_object_set_new(j, "out_of", json_integer((json_int_t)r.n_bins));
        json_object_set_new(j, "window", json_pack("[s,s]", fs, ts));
        json_object_set_new(j, "highest_since",
                            r.since_bin == SR_AN_DAY_MIN ? json_null() : json_string(ss));
        json_object_set_new(j, "statement", json_string(headline));
        for (size_t i = 0; i < r.n_above; i++) {
            char a[11];
            fmt_day(r.above[i].start, a);
            json_t *row = json_pack("{s:s,s:I}", "date", a, "value", (json_int_t)r.above[i].value);
            if (ev_index != SIZE_MAX)
                json_object_set_new(row, "event", json_integer(r.above[i].event_id));
            json_array_append_new(above, row);
        }
        json_object_set_new(j, "above", above);
        print_json(j);
    } else if (c.o.format == FMT_CSV) {
        printf("rank,date,%s%s\n", measure, ev_index != SIZE_MAX ? ",event" : "");
        for (size_t i = 0; i < r.n_above; i++) {
            char a[11];
            fmt_day(r.above[i].start, a);
            printf("%zu,%s,%lld", i + 1, a, (long long)r.above[i].value);
            if (ev_index != SIZE_MAX)
                printf(",%lld", (long long)r.above[i].event_id);
            printf("\n");
        }
        printf("%zu,%s,%lld%s", r.rank, ds, (long long)r.value, ev_index != SIZE_MAX ? "," : "");
        if (ev_index != SIZE_MAX)
            printf("%lld", (long long)c.o.event_id);
        printf("\n");
    } else {
        if (ev_index != SIZE_MAX)
            printf("Event %lld on %s: %lld fatalities.\n", (long long)c.o.event_id, ds,
                   (long long)r.value);
        else
            printf("%s %s: %lld %s in %s.\n", per == SR_AN_PER_DAY ? "Day" : "Period", ds,
                   (long long)r.value, measure, desc);
        printf("Rank %zu of %zu %ss from %s to %s", r.rank, r.n_bins, unit, fs, ts);
        if (r.n_ties)
            printf(" (%zu other%s with the same %s)", r.n_ties, r.n_ties > 1 ? "s" : "", measure);
        printf(".\n");
        if (top)
            printf("It is %s.\n", headline);
        else if (r.value > 0 && r.since_bin != SR_AN_DAY_MIN && ev_index == SIZE_MAX)
            printf("It is the %s %s for %s since %s.\n",
                   c.o.by_events ? "most violent" : "deadliest", unit, desc, ss);
        else if (r.value == 0)
            printf("Nothing to rank: no %s that %s.\n", measure, unit);
        if (r.n_above) {
            printf("%s above it:\n", ev_index != SIZE_MAX ? "Events" : per == SR_AN_PER_DAY ? "Days" : per == SR_AN_PER_WEEK ? "Weeks" : "Months");
            size_t show = r.n_above < 20 ? r.n_above : 20;
            for (size_t i = 0; i < show; i++) {
                char a[11];
                fmt_day(r.above[i].start, a);
                printf("  %s  %6lld", a, (long long)r.above[i].value);
                if (ev_index != SIZE_MAX)
                    printf("  event %lld", (long long)r.above[i].event_id);
                printf("\n");
            }
            if (show < r.n_above)
                printf("  ... and %zu more\n", r.n_above - show);
        }
    }
    sr_an_ranking_free(&r);
    ctx_free(&c);
    return EXIT_OK;
}

/* ---- alerts ------------------------------------------------------------------------- */

typedef struct list_ctx {
    fmt format;
    json_t *arr;
    size_t n;
} list_ctx;

static int csv_field(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    return fputc('"', out);
}

static int on_alert_row(const sr_alert_row *a, void *p)
{
    list_ctx *l = p;
    l->n++;
    if (l->format == FMT_JSON) {
        json_t *ev = json_loads(a->evidence, 0, NULL);
        json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:f,s:f,s:f,s:o,s:s,s:s,s:s}", "id",
                              (json_int_t)a->id, "detector", a->detector, "country", a->country,
                              "admin1", a->admin1, "subject", a->subject, "period_start",
                              a->period_start, "period_end", a->period_end, "value", a->value,
                              "baseline", a->baseline, "threshold", a->threshold, "evidence",
                              ev ? ev : json_object(), "message", a->message, "status", a->status,
                              "updated_at", a->updated_at);
        json_object_set_new(o, "definition",
                            json_string(sr_an_detector_definition(sr_an_detector_parse(a->detector))));
        json_array_append_new(l->arr, o);
    } else if (l->format == FMT_CSV) {
        if (l->n == 1)
            printf("id,detector,country,admin1,subject,period_start,period_end,value,baseline,"
                   "status,message\n");
        printf("%lld,%s,%s,", (long long)a->id, a->detector, a->country);
        csv_field(stdout, a->admin1);
        putchar(',');
        csv_field(stdout, a->subject);
        printf(",%s,%s,%g,%g,%s,", a->period_start, a->period_end, a->value, a->baseline,
               a->status);
        csv_field(stdout, a->message);
        putchar('\n');
    } else {
        printf("#%-5lld %-6s %-14s %s\n", (long long)a->id, a->status, a->detector, a->message);
    }
    return 0;
}

int cmd_alerts(int argc, char **argv)
{
    static const usage use = {
        "usage: sitrep alerts [run|list|ack ID|definitions] [OPTIONS]\n\n"
        "run (the default) runs every detector over every region and country up to\n"
        "--until (default: the last event), stores what fires (one open alert per\n"
        "detector, region and subject) and prints it.  list shows the stored alerts\n"
        "(--all: acknowledged ones too; --format json exports them).  ack ID\n"
        "acknowledges one.  definitions prints what each detector compares.\n\n",
        "  --floor N            fatality-level detector minimum (default 10)\n"
        "  --alpha A            negative-binomial tail probability (default 0.01)\n"
        "  --all                list acknowledged alerts too\n"};
    ctx c;
    int rc;
    if (begin(&c, argc, argv, OPT_FILTERS | OPT_ALERT, 2, &use, &rc))
        return rc;
    const char *sub = c.o.n_pos ? c.o.pos[0] : "run";
    const char *path = c.o.db ? c.o.db : sr_store_default_path();
    sr_error err = {""};
    if (!strcmp(sub, "definitions")) {
        for (int k = 0; k < SR_DET__COUNT; k++)
            printf("%s\n  %s\n", sr_an_detector_name(k), sr_an_detector_definition(k));
        return EXIT_OK;
    }
    if (!strcmp(sub, "ack") || !strcmp(sub, "list") || !strcmp(sub, "export")) {
        if (!strcmp(sub, "ack") && c.o.n_pos != 2)
            return usage_error(&c.o, "%s", "ack needs the id of an alert");
        if (strcmp(sub, "ack") && c.o.n_pos != 1)
            return usage_error(&c.o, "unexpected argument '%s'", c.o.pos[1]);
        /* The store checks the file is a sitrep database of a known version. */
        if ((rc = sr_store_open(path, SR_STORE_READONLY, &c.store, &err))) {
            fprintf(stderr, "sitrep alerts: %s\n", err.msg);
            return EXIT_INPUT;
        }
        sr_store_close(c.store);
        c.store = NULL;
        sr_alertdb *adb;
        if ((rc = sr_alertdb_open(path, &adb, &err))) {
            fprintf(stderr, "sitrep alerts: %s\n", err.msg);
            return EXIT_INPUT;
        }
        if (!strcmp(sub, "ack")) {
            char *end;
            long long id = strtoll(c.o.pos[1], &end, 10);
            if (*end || id <= 0) {
                sr_alertdb_close(adb);
                return usage_error(&c.o, "'%s' is not an alert id", c.o.pos[1]);
            }
            rc = sr_alertdb_ack(adb, id, &err);
            if (!rc)
                printf("alert %lld acknowledged\n", id);
        } else {
            list_ctx l = {!strcmp(sub, "export") ? FMT_JSON : c.o.format, json_array(), 0};
            char cc[3] = "";
            if (c.o.country)
                cc[0] = (char)(c.o.country[0] & ~0x20), cc[1] = (char)(c.o.country[1] & ~0x20);
            rc = sr_alertdb_list(adb, c.o.all, cc, on_alert_row, &l, &err);
            if (!rc && l.format == FMT_JSON)
                print_json(l.arr);
            else
                json_decref(l.arr);
            if (!rc && !l.n && l.format == FMT_TABLE)
                printf("No %salerts.\n", c.o.all ? "" : "open ");
        }
        sr_alertdb_close(adb);
        if (rc) {
            fprintf(stderr, "sitrep alerts: %s\n", err.msg);
            return EXIT_INPUT;
        }
        return EXIT_OK;
    }
    if (strcmp(sub, "run"))
        return usage_error(&c.o, "unknown action '%s' (run, list, ack, definitions)", sub);
    if ((rc = load(&c)))
        return rc;
    int32_t until = default_until(&c);
    if (until == SR_AN_DAY_MIN) {
        printf("No events in the database to run the detectors on.\n");
        ctx_free(&c);
        return EXIT_OK;
    }
    sr_an_alert_params p;
    sr_an_alert_params_init(&p, until);
    p.fatal_floor = c.o.floor;
    p.nb_alpha = c.o.alpha;
    sr_an_alert *al = NULL;
    size_t n = 0, weeks = 0, alarms = 0;
    if ((rc = sr_an_alerts_run(&c.d, &c.f, &p, &al, &n, &err)) ||
        (rc = sr_an_nbinom_alarm_rate(&c.d, &c.f, &p, &weeks, &alarms, &err))) {
        fprintf(stderr, "sitrep alerts: %s\n", err.msg);
        free(al);
        ctx_free(&c);
        return EXIT_INPUT;
    }
    sr_store_close(c.store);
    c.store = NULL;
    sr_alertdb *adb = NULL;
    if ((rc = sr_alertdb_open(path, &adb, &err))) {
        fprintf(stderr, "sitrep alerts: %s\n", err.msg);
        free(al);
        ctx_free(&c);
        return EXIT_INPUT;
    }
    json_t *arr = json_array();
    char us[11];
    fmt_day(until, us);
    if (c.o.format == FMT_TABLE)
        printf("Detectors run over the data to %s: %zu alert%s.\n", us, n, n == 1 ? "" : "s");
    if (c.o.format == FMT_CSV)
        printf("id,state,detector,country,admin1,subject,period_start,period_end,value,baseline,"
               "message\n");
    for (size_t i = 0; i < n && !rc; i++) {
        int64_t id;
        int outcome;
        if ((rc = sr_alertdb_record(adb, &c.d, &al[i], &id, &outcome, &err)))
            break;
        const char *state = outcome == 1 ? "new" : outcome == 2 ? "open" : "acked";
        const char *admin1 = sr_an_str(&c.d.regions, al[i].admin1);
        const char *subject = sr_an_str(&c.d.actors, al[i].actor);
        char ps[11], pe[11];
        fmt_day(al[i].period_start, ps);
        fmt_day(al[i].period_end, pe);
        if (c.o.format == FMT_JSON) {
            json_t *ev = json_loads(al[i].evidence, 0, NULL);
            json_array_append_new(
                arr, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:f,s:f,s:f,s:o,s:s,s:s}", "id",
                               (json_int_t)id, "state", state, "detector",
                               sr_an_detector_name(al[i].detector), "country", al[i].country,
                               "admin1", admin1, "subject", subject, "period_start", ps,
                               "period_end", pe, "value", al[i].value, "baseline", al[i].baseline,
                               "threshold", al[i].threshold, "evidence", ev ? ev : json_object(),
                               "message", al[i].message, "definition",
                               sr_an_detector_definition(al[i].detector)));
        } else if (c.o.format == FMT_CSV) {
            printf("%lld,%s,%s,%s,", (long long)id, state, sr_an_detector_name(al[i].detector),
                   al[i].country);
            csv_field(stdout, admin1);
            putchar(',');
            csv_field(stdout, subject);
            printf(",%s,%s,%g,%g,", ps, pe, al[i].value, al[i].baseline);
            csv_field(stdout, al[i].message);
            putchar('\n');
        } else {
            printf("#%-5lld %-5s %-14s %s\n", (long long)id, state,
                   sr_an_detector_name(al[i].detector), al[i].message);
        }
    }
    if (!rc && c.o.format == FMT_JSON) {
        json_t *j = json_object();
        json_object_set_new(j, "until", json_string(us));
        json_object_set_new(j, "alerts", arr);
        json_object_set_new(j, "nbinom_alarm_rate",
                            json_pack("{s:I,s:I,s:f,s:f}", "region_weeks", (json_int_t)weeks,
                                      "alarms", (json_int_t)alarms, "rate",
                                      weeks ? (double)alarms / (double)weeks : 0.0, "alpha",
                                      p.nb_alpha));
        print_json(j);
    } else {
        json_decref(arr);
        if (!rc && c.o.format == FMT_TABLE && weeks)
            printf("Negative-binomial detector on the whole history: %zu alarm%s in %zu "
                   "region-weeks (%.2f%%; nominal %.2g%% — an upper bound on its false-alarm "
                   "rate).\n",
                   alarms, alarms == 1 ? "" : "s", weeks, 100.0 * (double)alarms / (double)weeks,
                   100.0 * p.nb_alpha);
    }
    sr_alertdb_close(adb);
    free(al);
    ctx_free(&c);
    if (rc) {
        fprintf(stderr, "sitrep alerts: %s\n", err.msg);
        return EXIT_INPUT;
    }
    return EXIT_OK;
}

/* ---- forecast ------------------------------------------------------------------------ */

/* The first month not complete in the data: forecasts start there. */
static size_t forecast_origin(const sr_an_monthly *m, int32_t until)
{
    int32_t next = until + 1;
    return sr_an_bin_start(next, SR_AN_PER_MONTH) == next ? m->n_months : m->n_months - 1;
}

int cmd_forecast(int argc, char **argv)
{
    static const usage use = {
        "usage: sitrep forecast [OPTIONS]\n\nFor each admin1 region, the violent events "
        "(Battles, Explosions/Remote\nviolence, Violence against civilians) and "
        "fatalities of the next three\nmonths as a predictive distribution: mean and the "
        "10%, 50% and 90% quantiles.\nForecasts start with the first month the data "
        "does not complete.\n\n",
        "  --halflife M --own-weight W --neighbours K   model settings (3, 0.75, 4)\n"};
    ctx c;
    int rc;
    if (begin(&c, argc, argv, OPT_FILTERS | OPT_FC, 0, &use, &rc))
        return rc;
    if ((rc = load(&c)))
        return rc;
    int32_t until = default_until(&c);
    sr_an_filter f = c.f;
    f.since = SR_AN_DAY_MIN;
    /* Every region is modelled (a region's neighbours inform it); only the
     * one asked for is printed. */
    sr_an_filter all = f;
    all.admin1 = SR_AN_NONE;
    sr_an_monthly m;
    sr_error err = {""};
    if (until == SR_AN_DAY_MIN || (rc = sr_an_monthly_build(&c.d, &all, until, &m, &err))) {
        fprintf(stderr, "sitrep forecast: %s\n",
                until == SR_AN_DAY_MIN ? "no events match" : err.msg);
        ctx_free(&c);
        return EXIT_INPUT;
    }
    size_t t = forecast_origin(&m, until);
    sr_an_nb *fe = malloc(m.n_regions * 3 * sizeof *fe), *ff = malloc(m.n_regions * 3 * sizeof *ff);
    if (!fe || !ff || sr_an_forecast_at(&m, t, 0, &c.o.fc, fe, &err) ||
        sr_an_forecast_at(&m, t, 1, &c.o.fc, ff, &err)) {
        fprintf(stderr, "sitrep forecast: %s\n", err.msg[0] ? err.msg : "out of memory");
        free(fe);
        free(ff);
        sr_an_monthly_free(&m);
        ctx_free(&c);
        return EXIT_INPUT;
    }
    json_t *arr = json_array();
    if (c.o.format == FMT_CSV)
        printf("country,admin1,month,horizon,events_mean,events_q10,events_q50,events_q90,"
               "fatalities_mean,fatalities_q10,fatalities_q50,fatalities_q90\n");
    else if (c.o.format == FMT_TABLE)
        printf("%-2s  %-24s %-7s  %-22s  %-24s\n", "cc", "region", "month",
               "violent events (80%)", "fatalities (80%)");
    for (size_t r = 0; r < m.n_regions; r++) {
        if (f.admin1 != SR_AN_NONE && m.admin1[r] != f.admin1)
            continue;
        for (int h = 0; h < 3; h++) {
            sr_an_nb e = fe[r * 3 + (size_t)h], k = ff[r * 3 + (size_t)h];
            char mo[11];
            fmt_day(sr_an_add_months(m.first_month, (int)t + h), mo);
            mo[7] = '\0';
            int64_t e10 = sr_an_nb_quantile(e, 0.1), e50 = sr_an_nb_quantile(e, 0.5),
                    e90 = sr_an_nb_quantile(e, 0.9);
            int64_t k10 = sr_an_nb_quantile(k, 0.1), k50 = sr_an_nb_quantile(k, 0.5),
                    k90 = sr_an_nb_quantile(k, 0.9);
            const char *a1 = sr_an_str(&c.d.regions, m.admin1[r]);
            if (c.o.format == FMT_CSV) {
                printf("%s,", m.country[r]);
                csv_field(stdout, a1);
                printf(",%s,%d,%.2f,%lld,%lld,%lld,%.1f,%lld,%lld,%lld\n", mo, h + 1, e.mu,
                       (long long)e10, (long long)e50, (long long)e90, k.mu, (long long)k10,
                       (long long)k50, (long long)k90);
            } else if (c.o.format == FMT_JSON) {
                json_array_append_new(
                    arr, json_pack("{s:s,s:s,s:s,s:i,s:{s:f,s:f,s:I,s:I,s:I},s:{s:f,s:f,s:I,s:I,s:I}}",
                                   "country", m.country[r], "admin1", a1, "month", mo, "horizon",
                                   h + 1, "events", "mean", e.mu, "nb_size", e.size, "q10",
                                   (json_int_t)e10, "q50", (json_int_t)e50, "q90", (json_int_t)e90,
                                   "fatalities", "mean", k.mu, "nb_size", k.size, "q10",
                                   (json_int_t)k10, "q50", (json_int_t)k50, "q90",
                                   (json_int_t)k90));
            } else {
                char eb[40], kb[40];
                snprintf(eb, sizeof eb, "%.1f (%lld-%lld)", e.mu, (long long)e10, (long long)e90);
                snprintf(kb, sizeof kb, "%.0f (%lld-%lld)", k.mu, (long long)k10, (long long)k90);
                printf("%-2s  %-24.24s %-7s  %-22s  %-24s\n", m.country[r], a1, mo, eb, kb);
            }
        }
    }
    if (c.o.format == FMT_JSON) {
        json_t *j = json_object();
        char us[11];
        fmt_day(until, us);
        json_object_set_new(j, "data_until", json_string(us));
        json_object_set_new(j, "model",
                            json_pack("{s:s,s:f,s:i,s:f,s:i}", "kind",
                                      "negative binomial, EWMA level shrunk to neighbours",
                                      "halflife_months", c.o.fc.halflife, "window_months",
                                      c.o.fc.window, "own_weight", c.o.fc.own_weight,
                                      "neighbours", c.o.fc.neighbours));
        json_object_set_new(j, "forecasts", arr);
        print_json(j);
    } else {
        json_decref(arr);
    }
    free(fe);
    free(ff);
    sr_an_monthly_free(&m);
    ctx_free(&c);
    return EXIT_OK;
}

/* ---- backtest ------------------------------------------------------------------------ */

int cmd_backtest(int argc, char **argv)
{
    static const usage use = {
        "usage: sitrep backtest [OPTIONS]\n\nReplays history month by month: from each "
        "month on (after --min-train\nmonths), forecasts the next three months per region "
        "from earlier data only\nand scores the model and the all-zero, last-value and "
        "bootstrap (last 12\nmonths) baselines by MAE (median), RMSE (mean) and CRPS.\n\n",
        "  --min-train N        months before the first forecast (default 12)\n"
        "  --halflife M --own-weight W --neighbours K   model settings (3, 0.75, 4)\n"};
    ctx c;
    int rc;
    if (begin(&c, argc, argv, OPT_FILTERS | OPT_FC, 0, &use, &rc))
        return rc;
    if ((rc = load(&c)))
        return rc;
    int32_t until = default_until(&c);
    sr_an_filter f = c.f;
    sr_an_monthly m;
    sr_error err = {""};
    if (until == SR_AN_DAY_MIN || (rc = sr_an_monthly_build(&c.d, &f, until, &m, &err))) {
        fprintf(stderr, "sitrep backtest: %s\n", until == SR_AN_DAY_MIN ? "no events match" : err.msg);
        ctx_free(&c);
        return EXIT_INPUT;
    }
    /* Score only complete months. */
    if (forecast_origin(&m, until) < m.n_months)
        m.n_months--;
    sr_an_backtest bt[2];
    for (int w = 0; w < 2; w++) {
        if ((rc = sr_an_backtest_run(&m, w, &c.o.fc, (size_t)c.o.min_train, &bt[w], &err))) {
            fprintf(stderr, "sitrep backtest: %s\n", err.msg);
            sr_an_monthly_free(&m);
            ctx_free(&c);
            return EXIT_INPUT;
        }
    }
    static const char *const what[2] = {"events", "fatalities"};
    char o1[11], o2[11];
    fmt_day(bt[0].first_origin, o1);
    fmt_day(bt[0].last_origin, o2);
    o1[7] = o2[7] = '\0';
    int beats[2] = {1, 1};
    for (int w = 0; w < 2; w++)
        for (int h = 0; h < 3; h++)
            for (int k = 1; k < SR_BT__MODELS; k++)
                if (bt[w].score[SR_BT_MODEL][h].n &&
                    !(bt[w].score[SR_BT_MODEL][h].crps < bt[w].score[k][h].crps))
                    beats[w] = 0;
    if (c.o.format == FMT_JSON) {
        json_t *j = json_object();
        json_object_set_new(j, "regions", json_integer((json_int_t)m.n_regions));
        json_object_set_new(j, "origins", json_integer((json_int_t)bt[0].origins));
        json_object_set_new(j, "first_month", json_string(o1));
        json_object_set_new(j, "last_month", json_string(o2));
        for (int w = 0; w < 2; w++) {
            json_t *res = json_array();
            for (int k = 0; k < SR_BT__MODELS; k++)
                for (int h = 0; h < 3; h++) {
                    const sr_an_score *s = &bt[w].score[k][h];
                    json_array_append_new(res, json_pack("{s:s,s:i,s:f,s:f,s:f,s:I}", "model",
                                                         sr_an_bt_model_name(k), "horizon", h + 1,
                                                         "mae", s->mae, "rmse", s->rmse, "crps",
                                                         s->crps, "n", (json_int_t)s->n));
                }
            json_object_set_new(j, what[w], res);
            char key[48];
            snprintf(key, sizeof key, "model_beats_baselines_on_crps_%s", what[w]);
            json_object_set_new(j, key, json_boolean(beats[w]));
        }
        print_json(j);
    } else if (c.o.format == FMT_CSV) {
        printf("target,model,horizon,mae,rmse,crps,n\n");
        for (int w = 0; w < 2; w++)
            for (int k = 0; k < SR_BT__MODELS; k++)
                for (int h = 0; h < 3; h++) {
                    const sr_an_score *s = &bt[w].score[k][h];
                    printf("%s,%s,%d,%.4f,%.4f,%.4f,%zu\n", what[w], sr_an_bt_model_name(k), h + 1,
                           s->mae, s->rmse, s->crps, s->n);
                }
    } else {
        printf("Back-test: %zu regions, %zu forecast origins from %s to %s (months before each "
               "origin only).\n",
               m.n_regions, bt[0].origins, o1, o2);
        for (int w = 0; w < 2; w++) {
            printf("\nViolent %s per region and month\n", what[w]);
            printf("%-10s %2s  %9s  %9s  %9s  %6s\n", "model", "h", "MAE", "RMSE", "CRPS", "n");
            for (int k = 0; k < SR_BT__MODELS; k++)
                for (int h = 0; h < 3; h++) {
                    const sr_an_score *s = &bt[w].score[k][h];
                    printf("%-10s %2d  %9.3f  %9.3f  %9.3f  %6zu\n", sr_an_bt_model_name(k), h + 1,
                           s->mae, s->rmse, s->crps, s->n);
                }
            printf("The model %s every baseline on CRPS at every horizon for %s.\n",
                   beats[w] ? "beats" : "does NOT beat", what[w]);
        }
    }
    sr_an_monthly_free(&m);
    ctx_free(&c);
    return EXIT_OK;
}

/* ---- report --------------------------------------------------------------------------- */

/* "7d", "2w", "1m" -> days (months as 30 days is not used: months count back
 * calendar months from until). */
static int parse_period(const char *s, int *n, char *unit)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || v <= 0 || v > 3650 || !end[0] || end[1] ||
        (end[0] != 'd' && end[0] != 'w' && end[0] != 'm'))
        return -1;
    *n = (int)v;
    *unit = end[0];
    return 0;
}

int cmd_report(int argc, char **argv)
{
    static const usage use = {
        "usage: sitrep report [--country CC | --admin1 NAME] [--period 7d] [OPTIONS]\n\n"
        "The situation report: headline figures, the main events with actors, places,\n"
        "tolls, status and sources, the trend and ranks, regions with alerts and\n"
        "emerging actors, and the outlook from the forecast.\n\n",
        "  --period Nd|Nw|Nm    the period ending on --until (default 7d)\n"
        "  --format md|html     (default md)\n"
        "  --output FILE        write there instead of standard output\n"};
    ctx c;
    int rc;
    if (begin(&c, argc, argv, OPT_FILTERS | OPT_REPORT, 0, &use, &rc))
        return rc;
    int pn = 7;
    char pu = 'd';
    if (c.o.period && parse_period(c.o.period, &pn, &pu))
        return usage_error(&c.o, "--period takes a length such as 7d, 2w or 1m, not '%s'",
                           c.o.period);
    if (c.o.format_given && c.o.format != FMT_MD && c.o.format != FMT_HTML)
        return usage_error(&c.o, "%s", "the report is written as --format md or html");
    if ((rc = load(&c)))
        return rc;
    int32_t until = default_until(&c);
    if (until == SR_AN_DAY_MIN) {
        char desc[512];
        describe(&c, desc, sizeof desc);
        fprintf(stderr, "sitrep report: no %s in the database\n", desc);
        ctx_free(&c);
        return EXIT_INPUT;
    }
    int32_t since = c.o.since;
    if (since == SR_AN_DAY_MIN)
        since = pu == 'd' ? until - pn + 1
                : pu == 'w' ? until - 7 * pn + 1
                            : sr_an_add_months(until, -pn) + 1;
    sr_report_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.filter = c.f;
    spec.since = since;
    spec.until = until;
    spec.html = c.o.format == FMT_HTML;
    spec.fc = c.o.fc;
    spec.db_path = c.o.db;
    sr_error err = {""};
    char *text = NULL;
    size_t len = 0;
    rc = sr_report_build(c.store, &c.d, &spec, &text, &len, &err);
    if (!rc) {
        FILE *out = stdout;
        if (c.o.output && !(out = fopen(c.o.output, "w")))
            rc = sr_error_set(&err, SR_ERR_IO, "%s: %s", c.o.output, strerror(errno));
        else if (fwrite(text, 1, len, out) != len || (out != stdout && fclose(out) != 0))
            rc = sr_error_set(&err, SR_ERR_IO, "%s: %s", c.o.output ? c.o.output : "output",
                              strerror(errno));
    }
    free(text);
    ctx_free(&c);
    if (rc) {
        fprintf(stderr, "sitrep report: %s\n", err.msg);
        return EXIT_INPUT;
    }
    return EXIT_OK;
}
