/*
 * cmd_store.c — the database commands: `sitrep ingest`, `sitrep events`,
 * `sitrep show` and `sitrep import`.
 *
 * All take --db PATH (default $SITREP_DB, else ./sitrep.db).  Bad inputs are
 * named on standard error one line each (`sitrep ingest: PATH: problem`),
 * skipped and counted, and make the exit status 1 at the end; a database
 * problem (locked past the wait, read-only, newer schema) stops the command
 * with exit status 1 and leaves what was already stored intact.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/time.h>
#include <unistd.h>

#include <jansson.h>

#include "commands.h"
#include "export.h"
#include "ingest.h"
#include "sitrep.h"
#include "store.h"
#include "ucdp.h"

static double now_s(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static void say_wait(void *ctx)
{
    fprintf(stderr, "sitrep %s: the database is in use by another process; waiting...\n",
            (const char *)ctx);
}

static int open_store(const char *cmd, const char *path, int flags, sr_store **s)
{
    sr_error err = {""};
    int rc = sr_store_open(path, flags, s, &err);
    if (rc) {
        fprintf(stderr, "sitrep %s: %s\n", cmd, err.msg);
        return EXIT_INPUT;
    }
    sr_store_on_wait(*s, say_wait, (void *)cmd);
    return EXIT_OK;
}

/* ---- ingest ------------------------------------------------------------------ */

typedef struct ingest_ui {
    int bar;      /* draw a progress bar on stderr */
    int bar_drawn;
    double start, last;
    uint64_t total_bytes;
} ingest_ui;

static void clear_bar(ingest_ui *ui)
{
    if (ui->bar_drawn) {
        fputs("\r\033[K", stderr);
        ui->bar_drawn = 0;
    }
}

static void on_warn(void *ctx, const char *msg)
{
    ingest_ui *ui = ctx;
    clear_bar(ui);
    fprintf(stderr, "sitrep ingest: %s\n", msg);
}

static void on_progress(void *ctx, const sr_ingest_stats *st)
{
    ingest_ui *ui = ctx;
    if (!ui->bar)
        return;
    double t = now_s();
    if (t - ui->last < 0.1)
        return;
    ui->last = t;
    double el = t - ui->start;
    double rate = el > 0 ? (double)st->seen / el : 0;
    double frac = ui->total_bytes ? (double)st->bytes_done / (double)ui->total_bytes : 0;
    if (frac > 1)
        frac = 1;
    char eta[32] = "--:--";
    if (frac > 0.001 && el > 0.5) {
        double left = el / frac - el;
        snprintf(eta, sizeof eta, "%d:%02d", (int)(left / 60), (int)fmod(left, 60));
    }
    int w = 30, fill = (int)(frac * w);
    char bar[64];
    for (int i = 0; i < w; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[w] = '\0';
    fprintf(stderr, "\r\033[K[%s] %3.0f%%  %zu docs  %.0f docs/s  ETA %s", bar, frac * 100,
            st->seen, rate, eta);
    ui->bar_drawn = 1;
}

/* Reports the option getopt_long just refused (unknown, or its argument
 * missing) for subcommand cmd; returns EXIT_USAGE. */
static int bad_option(const char *cmd, char **argv)
{
    fprintf(stderr,
            "sitrep %s: unknown option or missing argument '%s' (see 'sitrep %s --help')\n",
            cmd, argv[optind - 1], cmd);
    return EXIT_USAGE;
}

static void ingest_help(FILE *f)
{
    fputs("usage: sitrep ingest [OPTIONS] [PATH...|-]\n"
          "\n"
          "Stores documents and the events they report in the database.  A PATH\n"
          "is a file or a folder (read recursively); '-' or no PATH reads\n"
          "standard input.  Formats are detected by content: JSON lines\n"
          "({\"id\",\"url\",\"published\",\"title\",\"text\"}), RSS 2.0 and Atom feeds\n"
          "(one document per item), HTML pages (the article text) and plain text\n"
          "(a 'Date: YYYY-MM-DD' line among the first gives its date); gzip is\n"
          "decompressed.  Each document is stored once; reports of one event in\n"
          "several documents are merged into one event.\n"
          "\n"
          "Options:\n"
          "  --db PATH        the database (default $SITREP_DB, else ./sitrep.db)\n"
          "  --quiet          no progress bar and no summary\n"
          "  --json           a JSON summary on standard output\n"
          "  --no-extract     store documents only\n"
          "  --busy-timeout MS  how long to wait for another writer (default 10000)\n"
          "  --check          read nothing: verify the database (integrity, no orphan\n"
          "                   mentions or events, each document once) and print counts\n"
          "  --lexicon PATH   the compiled lexicon (default $SITREP_LEXICON, then\n"
          "                   sitrep.lex beside the program)\n"
          "  -h, --help       this help\n"
          "\n"
          "Exit status: 0 all inputs read, 1 some input skipped or a database error,\n"
          "2 usage error.\n",
          f);
}

int cmd_ingest(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'},      {"quiet", no_argument, 0, 'q'},
        {"json", no_argument, 0, 'j'},          {"no-extract", no_argument, 0, 'n'},
        {"lexicon", required_argument, 0, 'l'}, {"help", no_argument, 0, 'h'},
        {"busy-timeout", required_argument, 0, 'b'}, {"check", no_argument, 0, 'c'},
        {0, 0, 0, 0}};
    const char *db = NULL, *lexpath = NULL;
    int quiet = 0, json = 0, extract = 1, check = 0, busy = -1, c;
    char *end;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'q': quiet = 1; break;
        case 'j': json = 1; break;
        case 'n': extract = 0; break;
        case 'l': lexpath = optarg; break;
        case 'c': check = 1; break;
        case 'b':
            busy = (int)strtol(optarg, &end, 10);
            if (*end || busy < 0) {
                fprintf(stderr, "sitrep ingest: --busy-timeout '%s' is not milliseconds\n",
                        optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h': ingest_help(stdout); return EXIT_OK;
        default: return bad_option("ingest", argv);
        }
    }
    if (check) {
        sr_store *cs;
        if (open_store("ingest", db, SR_STORE_READONLY, &cs))
            return EXIT_INPUT;
        sr_error cerr = {""};
        sr_store_counts n;
        int crc = sr_store_check(cs, &cerr);
        if (!crc)
            crc = sr_store_count(cs, &n, &cerr);
        sr_store_close(cs);
        if (crc) {
            fprintf(stderr, "sitrep ingest: %s\n", cerr.msg);
            return EXIT_INPUT;
        }
        printf("ok documents=%lld mentions=%lld events=%lld near_duplicates=%lld\n",
               (long long)n.documents, (long long)n.mentions, (long long)n.events,
               (long long)n.near_duplicates);
        return EXIT_OK;
    }
    if (optind >= argc && isatty(0)) {
        fprintf(stderr, "sitrep ingest: no input (name files or folders, or pipe into '-')\n");
        return EXIT_USAGE;
    }
    sr_error err = {""};
    sr_lexicon *lex = NULL;
    sr_extractor *x = NULL;
    if (extract) {
        if (sr_lexicon_open(lexpath, &lex, &err) != SR_OK) {
            fprintf(stderr, "sitrep ingest: %s\n", err.msg);
            return EXIT_INPUT;
        }
        if (sr_extractor_new(lex, &x, &err) != SR_OK) {
            fprintf(stderr, "sitrep ingest: %s\n", err.msg);
            sr_lexicon_close(lex);
            return EXIT_INPUT;
        }
    }
    sr_store *s = NULL;
    if (open_store("ingest", db, 0, &s)) {
        sr_extractor_free(x);
        sr_lexicon_close(lex);
        return EXIT_INPUT;
    }
    if (busy >= 0)
        sr_store_set_busy_timeout(s, busy);
    ingest_ui ui = {.bar = !quiet && !json && isatty(2), .start = now_s()};
    for (int i = optind; i < argc && ui.bar; i++)
        ui.total_bytes += sr_ingest_measure(argv[i]);
    sr_ingest_hooks hooks = {on_warn, on_progress, &ui};
    sr_ingest *g = NULL;
    int rc = sr_ingest_new(s, x, &hooks, &g, &err);
    if (!rc) {
        sr_ingest_set_lexicon(g, lex);
        if (optind >= argc)
            rc = sr_ingest_path(g, "-", &err);
        for (int i = optind; i < argc && !rc; i++)
            rc = sr_ingest_path(g, argv[i], &err);
    }
    clear_bar(&ui);
    int status = EXIT_OK;
    if (rc) {
        fprintf(stderr, "sitrep ingest: %s\n", err.msg);
        status = EXIT_INPUT;
    }
    if (g) {
        const sr_ingest_stats *st = sr_ingest_get_stats(g);
        double el = now_s() - ui.start;
        if (st->skipped)
            status = EXIT_INPUT;
        if (json) {
            printf("{\"inputs\":%zu,\"documents_seen\":%zu,\"stored\":%zu,\"duplicates\":%zu,"
                   "\"near_duplicates\":%zu,\"no_date\":%zu,\"skipped\":%zu,"
                   "\"skipped_reasons\":{\"binary\":%zu,\"malformed\":%zu,\"invalid_utf8\":%zu,"
                   "\"empty\":%zu,\"unreadable\":%zu,\"extraction\":%zu},\"mentions\":%zu,"
                   "\"events_created\":%zu,\"events_updated\":%zu,\"events_merged\":%zu,"
                   "\"seconds\":%.3f,\"ok\":%s}\n",
                   st->inputs, st->seen, st->stored, st->duplicates, st->near_duplicates,
                   st->no_date, st->skipped, st->skipped_binary, st->skipped_format,
                   st->skipped_utf8, st->skipped_empty, st->skipped_io, st->skipped_extract,
                   st->mentions, st->events_created, st->events_updated, st->events_merged, el,
                   rc ? "false" : "true");
        } else if (!quiet) {
            fprintf(stderr,
                    "sitrep ingest: %zu documents read, %zu stored, %zu already stored, %zu "
                    "near-duplicates, %zu skipped; %zu mentions, %zu events created, %zu "
                    "updated (%.1f s, %.0f docs/s)\n",
                    st->seen, st->stored, st->duplicates, st->near_duplicates, st->skipped,
                    st->mentions, st->events_created, st->events_updated, el,
                    el > 0 ? (double)st->seen / el : 0.0);
        }
    }
    sr_ingest_free(g);
    sr_store_close(s);
    sr_extractor_free(x);
    sr_lexicon_close(lex);
    return status;
}

/* ---- events ------------------------------------------------------------------- */

static void events_help(FILE *f)
{
    fputs("usage: sitrep events [OPTIONS]\n"
          "\n"
          "Lists stored events, oldest first.\n"
          "\n"
          "Filters:\n"
          "  --country CC          ISO 3166 alpha-2 code (or country name)\n"
          "  --admin1 NAME         first-level region\n"
          "  --actor NAME          actor1, actor2 or claimant (part of the name)\n"
          "  --type TYPE           event type or sub-event type\n"
          "  --since YYYY-MM-DD    on or after\n"
          "  --until YYYY-MM-DD    on or before\n"
          "  --bbox W,S,E,N        within a box (degrees)\n"
          "  --min-fatalities N    at least N killed\n"
          "  --source SRC          reported by a document (id, URL or outlet)\n"
          "  --origin ORIGIN       extracted, ucdp or import\n"
          "  --limit N             at most N events\n"
          "  --desc                newest first\n"
          "\n"
          "Output:\n"
          "  --format FMT          table (default on a terminal), jsonl (default\n"
          "                        otherwise), csv (ACLED columns), geojson, cameo\n"
          "                        (GDELT-style TSV), hxl (HXL-tagged CSV)\n"
          "  --db PATH             the database (default $SITREP_DB, else ./sitrep.db)\n"
          "  -h, --help            this help\n",
          f);
}

static int valid_day(const char *s)
{
    int y, m, d;
    char tail;
    return s && strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
           m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

typedef struct export_ctx {
    sr_exporter *ex;
    int io_error;
} export_ctx;

static int export_one(const sr_stored_event *e, void *ctx)
{
    export_ctx *x = ctx;
    if (sr_exporter_event(x->ex, e) != SR_OK) {
        x->io_error = 1;
        return SR_ERR_IO;
    }
    return 0;
}

typedef struct suggest_ctx {
    const char *want;
    char best[128];
    int best_d;
} suggest_ctx;

static int edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 60 || lb > 60)
        return 99;
    int d[61][61];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            int cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
            int v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v)
                v = d[i - 1][j - 1] + cost;
            d[i][j] = v;
        }
    return d[la][lb];
}

static int suggest_cb(const char *name, int64_t n, void *ctx)
{
    (void)n;
    suggest_ctx *s = ctx;
    int d = edit_distance(s->want, name);
    if (d < s->best_d) {
        s->best_d = d;
        snprintf(s->best, sizeof s->best, "%s", name);
    }
    return 0;
}

static void did_you_mean(sr_store *s, sr_name_kind kind, const char *opt, const char *want)
{
    suggest_ctx sc = {want, "", 4};
    if (sr_store_names(s, kind, suggest_cb, &sc, NULL) == SR_OK && sc.best[0] &&
        strcasecmp(sc.best, want) != 0)
        fprintf(stderr, "sitrep events: no events for %s '%s'; did you mean '%s'?\n", opt, want,
                sc.best);
}

int cmd_events(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'},      {"country", required_argument, 0, 'c'},
        {"admin1", required_argument, 0, 'a'},  {"actor", required_argument, 0, 'A'},
        {"type", required_argument, 0, 't'},    {"since", required_argument, 0, 's'},
        {"until", required_argument, 0, 'u'},   {"bbox", required_argument, 0, 'b'},
        {"min-fatalities", required_argument, 0, 'm'},
        {"source", required_argument, 0, 'S'},  {"origin", required_argument, 0, 'o'},
        {"format", required_argument, 0, 'f'},  {"limit", required_argument, 0, 'L'},
        {"desc", no_argument, 0, 'D'},          {"lexicon", required_argument, 0, 'l'},
        {"help", no_argument, 0, 'h'},          {0, 0, 0, 0}};
    sr_event_filter f;
    sr_event_filter_init(&f);
    const char *db = NULL, *fmtname = NULL, *lexpath = NULL;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'd': db = optarg; break;
        case 'c': f.country = optarg; break;
        case 'a': f.admin1 = optarg; break;
        case 'A': f.actor = optarg; break;
        case 't': f.event_type = optarg; break;
        case 's': f.since = optarg; break;
        case 'u': f.until = optarg; break;
        case 'S': f.source = optarg; break;
        case 'o': f.origin = optarg; break;
        case 'f': fmtname = optarg; break;
        case 'D': f.descending = 1; break;
        case 'l': lexpath = optarg; break;
        case 'm':
            errno = 0;
            f.min_fatalities = (int)strtol(optarg, &end, 10);
            if (*end || errno || f.min_fatalities < 0) {
                fprintf(stderr, "sitrep events: --min-fatalities '%s' is not a count\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'L':
            f.limit = strtoll(optarg, &end, 10);
            if (*end || f.limit <= 0) {
                fprintf(stderr, "sitrep events: --limit '%s' is not a positive number\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'b':
            if (sscanf(optarg, "%lf,%lf,%lf,%lf", &f.west, &f.south, &f.east, &f.north) != 4 ||
                f.south > f.north || f.south < -90 || f.north > 90 || f.west < -180 ||
                f.west > 180 || f.east < -180 || f.east > 180) {
                fprintf(stderr, "sitrep events: --bbox '%s' is not W,S,E,N in degrees\n", optarg);
                return EXIT_USAGE;
            }
            f.has_bbox = 1;
            break;
        case 'h': events_help(stdout); return EXIT_OK;
        default: return bad_option("events", argv);
        }
    }
    if (optind < argc) {
        fprintf(stderr, "sitrep events: unexpected argument '%s'\n", argv[optind]);
        return EXIT_USAGE;
    }
    if ((f.since && !valid_day(f.since)) || (f.until && !valid_day(f.until))) {
        fprintf(stderr, "sitrep events: --since/--until take YYYY-MM-DD\n");
        return EXIT_USAGE;
    }
    if (f.origin && strcmp(f.origin, "extracted") && strcmp(f.origin, "ucdp") &&
        strcmp(f.origin, "import")) {
        fprintf(stderr, "sitrep events: --origin is extracted, ucdp or import\n");
        return EXIT_USAGE;
    }
    sr_export_format fmt = isatty(1) ? SR_EXPORT_TABLE : SR_EXPORT_JSONL;
    if (fmtname && sr_export_format_parse(fmtname, &fmt) != SR_OK) {
        fprintf(stderr, "sitrep events: unknown format '%s' (table, csv, jsonl, geojson, "
                        "cameo, hxl)\n",
                fmtname);
        return EXIT_USAGE;
    }
    sr_lexicon *lex = NULL;
    sr_error err = {""};
    if (sr_lexicon_open(lexpath, &lex, &err) != SR_OK)
        lex = NULL; /* names then come from the built-in table */
    if (f.country && strlen(f.country) != 2) {
        const char *iso = sr_country_iso2_by_name(lex, f.country);
        if (!iso) {
            fprintf(stderr, "sitrep events: unknown country '%s' (use an ISO code such as ML)\n",
                    f.country);
            sr_lexicon_close(lex);
            return EXIT_USAGE;
        }
        f.country = iso;
    }
    sr_store *s = NULL;
    if (open_store("events", db, SR_STORE_READONLY, &s)) {
        sr_lexicon_close(lex);
        return EXIT_INPUT;
    }
    f.with_sources = fmt != SR_EXPORT_TABLE;
    sr_exporter *ex = NULL;
    int rc = sr_exporter_new(stdout, fmt, lex, &ex, &err);
    export_ctx ctx = {ex, 0};
    if (!rc)
        rc = sr_store_events(s, &f, export_one, &ctx, &err);
    int rc2 = sr_exporter_finish(ex, &err);
    int status = EXIT_OK;
    if (rc && !ctx.io_error) {
        fprintf(stderr, "sitrep events: %s\n", err.msg);
        status = EXIT_INPUT;
    } else if (rc2 || ctx.io_error) {
        fprintf(stderr, "sitrep events: cannot write the output\n");
        status = EXIT_INPUT;
    } else {
        int64_t n = 0;
        if (sr_store_event_summary(s, &f, &n, NULL, NULL, NULL) == SR_OK && n == 0) {
            if (f.admin1)
                did_you_mean(s, SR_NAME_ADMIN1, "--admin1", f.admin1);
            if (f.actor)
                did_you_mean(s, SR_NAME_ACTOR, "--actor", f.actor);
            if (f.event_type)
                did_you_mean(s, SR_NAME_EVENT_TYPE, "--type", f.event_type);
        }
    }
    sr_store_close(s);
    sr_lexicon_close(lex);
    return status;
}

/* ---- show ---------------------------------------------------------------------- */

static void print_span(const sr_stored_doc *d, sr_span sp)
{
    if (sp.start >= SR_TITLE_OFFSET) {
        size_t a = sp.start - SR_TITLE_OFFSET, b = sp.end - SR_TITLE_OFFSET;
        size_t tl = strlen(d->title);
        if (a < b && b <= tl)
            printf("%.*s", (int)(b - a), d->title + a);
        return;
    }
    if (sp.start < sp.end && sp.end <= d->text_len) {
        for (size_t i = sp.start; i < sp.end; i++)
            putchar(d->text[i] == '\n' ? ' ' : d->text[i]);
    }
}

/* The text of span sp in doc as a JSON string (null when outside it or not
 * whole characters). */
static json_t *span_json(const sr_stored_doc *d, sr_span sp)
{
    json_t *j = NULL;
    if (sp.start >= SR_TITLE_OFFSET) {
        size_t a = sp.start - SR_TITLE_OFFSET, b = sp.end - SR_TITLE_OFFSET;
        if (a < b && b <= strlen(d->title))
            j = json_stringn(d->title + a, b - a);
    } else if (sp.start < sp.end && sp.end <= d->text_len)
        j = json_stringn(d->text + sp.start, sp.end - sp.start);
    return j ? j : json_null();
}

static void show_json(const sr_event_detail *d)
{
    const sr_event *e = &d->event.ev;
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(d->event.id));
    json_object_set_new(o, "event_date", json_string(e->event_date));
    json_object_set_new(o, "date_precision", json_integer(e->date_precision));
    json_object_set_new(o, "event_type", json_string(e->event_type));
    json_object_set_new(o, "sub_event_type", json_string(e->sub_event_type));
    json_object_set_new(o, "actor1", json_string(e->actor1.name));
    json_object_set_new(o, "actor2", json_string(e->actor2.name));
    json_object_set_new(o, "claimed_by", json_string(e->claimed_by));
    json_object_set_new(o, "country", json_string(e->country));
    json_object_set_new(o, "admin1", json_string(e->admin1));
    json_object_set_new(o, "location", json_string(e->location));
    json_object_set_new(o, "latitude", isnan(e->latitude) ? json_null() : json_real(e->latitude));
    json_object_set_new(o, "longitude",
                        isnan(e->longitude) ? json_null() : json_real(e->longitude));
    json_object_set_new(o, "geo_precision", json_integer(e->geo_precision));
    json_object_set_new(o, "fatalities", json_integer(e->fatalities));
    json_object_set_new(o, "fatalities_low", json_integer(e->fatalities_low));
    json_object_set_new(o, "fatalities_high", json_integer(e->fatalities_high));
    json_object_set_new(o, "status", json_string(sr_status_name(e->status)));
    json_object_set_new(o, "origin", json_string(d->event.origin));
    json_object_set_new(o, "origin_id", json_string(d->event.origin_id));
    json_object_set_new(o, "notes", json_string(d->event.notes));
    json_t *docs = json_array();
    for (size_t i = 0; i < d->n_docs; i++) {
        const sr_stored_doc *doc = &d->docs[i];
        json_t *dj = json_pack("{s:s,s:s,s:s,s:s,s:s}", "id", doc->doc_key, "title", doc->title,
                               "outlet", doc->outlet, "published", doc->published, "url",
                               doc->url);
        json_t *reports = json_array();
        for (size_t k = 0; k < d->n_mentions; k++) {
            const sr_stored_mention *m = &d->mentions[k];
            if (m->doc_id != doc->id)
                continue;
            json_t *mj = json_pack("{s:s,s:s,s:s,s:s,s:i,s:i,s:i,s:s}", "event_date",
                                   m->ev.event_date, "sub_event_type", m->ev.sub_event_type,
                                   "actor1", m->ev.actor1.name, "location", m->ev.location,
                                   "fatalities", m->ev.fatalities, "fatalities_low",
                                   m->ev.fatalities_low, "fatalities_high",
                                   m->ev.fatalities_high, "status",
                                   sr_status_name(m->ev.status));
            json_t *figs = json_array(), *evid = json_array();
            for (int f = 0; f < m->ev.n_figures; f++)
                json_array_append_new(figs, json_pack("{s:i,s:s,s:o}", "value",
                                                      m->ev.figures[f].value, "source",
                                                      sr_source_kind_name(m->ev.figures[f].source),
                                                      "text", span_json(doc, m->ev.figures[f].where)));
            for (int v = 0; v < m->ev.n_evidence; v++)
                json_array_append_new(evid, span_json(doc, m->ev.evidence[v]));
            json_object_set_new(mj, "figures", figs);
            json_object_set_new(mj, "evidence", evid);
            json_array_append_new(reports, mj);
        }
        json_object_set_new(dj, "reports", reports);
        json_array_append_new(docs, dj);
    }
    json_object_set_new(o, "sources", docs);
    json_dumpf(o, stdout, JSON_INDENT(1) | JSON_REAL_PRECISION(8));
    putchar('\n');
    json_decref(o);
}

int cmd_show(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'},
                                         {"json", no_argument, 0, 'j'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char *db = NULL;
    int c, json = 0;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'd')
            db = optarg;
        else if (c == 'j')
            json = 1;
        else if (c == 'h') {
            puts("usage: sitrep show [--db PATH] [--json] EVENT\n\n"
                 "Prints one stored event with every source document behind it (title,\n"
                 "outlet, date, URL), the figures each gave and the evidence sentences;\n"
                 "--json prints the same as one JSON object.");
            return EXIT_OK;
        } else {
            fprintf(stderr, "sitrep show: unknown option '%s'\n", argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, "usage: sitrep show [--db PATH] EVENT\n");
        return EXIT_USAGE;
    }
    char *end;
    const char *arg = argv[optind];
    while (*arg && !(*arg >= '0' && *arg <= '9'))
        arg++; /* accepts "MLI123" as printed in the ACLED export */
    long long id = strtoll(arg, &end, 10);
    if (!*arg || *end || id <= 0) {
        fprintf(stderr, "sitrep show: '%s' is not an event id\n", argv[optind]);
        return EXIT_USAGE;
    }
    sr_store *s;
    if (open_store("show", db, SR_STORE_READONLY, &s))
        return EXIT_INPUT;
    sr_event_detail *d = NULL;
    sr_error err = {""};
    int rc = sr_store_event_get(s, id, &d, &err);
    if (rc) {
        fprintf(stderr, "sitrep show: %s\n", err.msg);
        sr_store_close(s);
        return EXIT_INPUT;
    }
    if (json) {
        show_json(d);
        sr_event_detail_free(d);
        sr_store_close(s);
        return EXIT_OK;
    }
    const sr_event *e = &d->event.ev;
    static const char *const dprec[] = {"unknown", "day", "week", "month"};
    static const char *const gprec[] = {"unknown", "town", "near a place", "region"};
    printf("Event %lld — %s%s%s\n", (long long)id, e->event_type, e->sub_event_type[0] ? " / " : "",
           e->sub_event_type);
    printf("  date        %s (precise to the %s)\n", e->event_date,
           dprec[e->date_precision >= 0 && e->date_precision <= 3 ? e->date_precision : 0]);
    printf("  actors      %s%s%s\n", e->actor1.name[0] ? e->actor1.name : "(unknown)",
           e->actor2.name[0] ? "  against  " : "", e->actor2.name);
    if (e->claimed_by[0])
        printf("  claimed by  %s\n", e->claimed_by);
    printf("  place       %s%s%s, %s (%s)", e->location, e->admin1[0] ? ", " : "", e->admin1,
           e->country,
           gprec[e->geo_precision >= 0 && e->geo_precision <= 3 ? e->geo_precision : 0]);
    if (!isnan(e->latitude))
        printf("  %.4f, %.4f", e->latitude, e->longitude);
    printf("\n  killed      %d", e->fatalities);
    if (e->fatalities_low != e->fatalities || e->fatalities_high != e->fatalities)
        printf(" (sources range %d to %d)", e->fatalities_low, e->fatalities_high);
    printf(", %s\n", sr_status_name(e->status)[0] ? sr_status_name(e->status) : "status unknown");
    printf("  origin      %s%s%s\n", d->event.origin, d->event.origin_id[0] ? " " : "",
           d->event.origin_id);
    if (d->event.notes[0])
        printf("  notes       %s\n", d->event.notes);
    if (d->n_docs)
        printf("\nSources (%zu):\n", d->n_docs);
    for (size_t i = 0; i < d->n_docs; i++) {
        const sr_stored_doc *doc = &d->docs[i];
        printf("\n  [%zu] %s\n", i + 1, doc->title[0] ? doc->title : "(untitled)");
        printf("      id %s", doc->doc_key);
        if (doc->outlet[0])
            printf(" · %s", doc->outlet);
        printf(" · %s", doc->published[0] ? doc->published : "undated");
        if (doc->url[0])
            printf(" · %s", doc->url);
        putchar('\n');
        if (doc->near_dup_of)
            printf("      (near-duplicate of document %lld)\n", (long long)doc->near_dup_of);
        for (size_t k = 0; k < d->n_mentions; k++) {
            const sr_stored_mention *m = &d->mentions[k];
            if (m->doc_id != doc->id)
                continue;
            printf("      reports: %s, %s, %s at %s; killed %d (%d-%d), %s\n",
                   m->ev.event_date, m->ev.sub_event_type[0] ? m->ev.sub_event_type : m->ev.event_type,
                   m->ev.actor1.name[0] ? m->ev.actor1.name : "?", m->ev.location,
                   m->ev.fatalities, m->ev.fatalities_low, m->ev.fatalities_high,
                   sr_status_name(m->ev.status)[0] ? sr_status_name(m->ev.status) : "no status");
            for (int fi = 0; fi < m->ev.n_figures; fi++) {
                printf("      figure: %d (%s) \"", m->ev.figures[fi].value,
                       sr_source_kind_name(m->ev.figures[fi].source));
                print_span(doc, m->ev.figures[fi].where);
                puts("\"");
            }
            for (int ei = 0; ei < m->ev.n_evidence; ei++) {
                printf("      evidence: \"");
                print_span(doc, m->ev.evidence[ei]);
                puts("\"");
            }
        }
    }
    sr_event_detail_free(d);
    sr_store_close(s);
    return EXIT_OK;
}

/* ---- import ------------------------------------------------------------------------ */

static void import_warn(void *ctx, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "sitrep import: %s\n", msg);
}

int cmd_import(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'},
                                         {"quiet", no_argument, 0, 'q'},
                                         {"json", no_argument, 0, 'j'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char *db = NULL;
    int quiet = 0, json = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'q': quiet = 1; break;
        case 'j': json = 1; break;
        case 'h':
            puts("usage: sitrep import ucdp|csv [--db PATH] [--quiet] [--json] FILE.csv\n\n"
                 "Loads event history, replaced on re-import and never merged with\n"
                 "extracted events:\n"
                 "  ucdp  UCDP GED events (CSV download), stored with origin 'ucdp' and\n"
                 "        their GED id\n"
                 "  csv   ACLED-style event CSV (ACLED's columns, as 'sitrep events\n"
                 "        --format csv' writes them), origin 'import' and event_id_cnty");
            return EXIT_OK;
        default:
            fprintf(stderr, "sitrep import: unknown option '%s'\n", argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (argc - optind != 2 ||
        (strcmp(argv[optind], "ucdp") != 0 && strcmp(argv[optind], "csv") != 0)) {
        fprintf(stderr, "usage: sitrep import ucdp|csv [--db PATH] FILE.csv\n");
        return EXIT_USAGE;
    }
    int acled = !strcmp(argv[optind], "csv");
    const char *path = argv[optind + 1];
    FILE *in = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!in) {
        fprintf(stderr, "sitrep import: %s: %s\n", path, strerror(errno));
        return EXIT_INPUT;
    }
    char *buf = NULL;
    size_t n = 0;
    int read_rc = sr_read_stream(in, SIZE_MAX, &buf, &n);
    if (in != stdin)
        fclose(in);
    if (read_rc) {
        fprintf(stderr, "sitrep import: %s: %s\n", path,
                read_rc == SR_ERR_NOMEM ? "out of memory" : "read error");
        return EXIT_INPUT;
    }
    sr_store *s;
    if (open_store("import", db, 0, &s)) {
        free(buf);
        return EXIT_INPUT;
    }
    sr_lexicon *lex = NULL;
    sr_error err = {""};
    if (sr_lexicon_open(NULL, &lex, &err) != SR_OK)
        lex = NULL;
    sr_ucdp_stats st;
    int rc = acled ? sr_acled_import(s, path, buf, n, lex, import_warn, NULL, &st, &err)
                   : sr_ucdp_import(s, path, buf, n, lex, import_warn, NULL, &st, &err);
    free(buf);
    sr_store_close(s);
    sr_lexicon_close(lex);
    if (rc) {
        fprintf(stderr, "sitrep import: %s\n", err.msg);
        return EXIT_INPUT;
    }
    if (json)
        printf("{\"rows\":%zu,\"created\":%zu,\"updated\":%zu,\"skipped\":%zu}\n", st.rows,
               st.created, st.updated, st.skipped);
    else if (!quiet)
        fprintf(stderr, "sitrep import: %s: %zu rows, %zu events new, %zu already stored, %zu "
                        "skipped\n",
                path, st.rows, st.created, st.updated, st.skipped);
    return st.skipped ? EXIT_INPUT : EXIT_OK;
}
