/*
 * sitrep.h — the public interface of libsitrep.
 *
 * sitrep turns news reports about political violence into sourced,
 * de-duplicated, geolocated events.  A report travels one way through the
 * library:
 *
 *   sr_doc ──► sr_extract() ──► sr_event[] ──► store / resolve ──► analysis
 *
 * Conventions used throughout:
 *   - Fallible functions return an int status (SR_OK or an SR_ERR_* code) and
 *     hand results back through pointer arguments.  The library never calls
 *     exit() or abort() and never prints; a human-readable message goes into
 *     an optional sr_error the caller supplies.
 *   - Text is UTF-8.  Offsets are byte offsets into the caller's buffer; the
 *     library does not copy document text for tokens or spans.
 *   - There are no mutable globals.  The compiled lexicon is mapped read-only
 *     and may be shared by any number of threads; every other object belongs
 *     to one thread at a time.
 */
#ifndef SITREP_H
#define SITREP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- status codes ------------------------------------------------------ */

enum {
    SR_OK = 0,
    SR_ERR_NOMEM,    /* an allocation failed */
    SR_ERR_IO,       /* a file could not be read or written */
    SR_ERR_FORMAT,   /* input is malformed (JSON, HTML, feed, CSV, lexicon) */
    SR_ERR_UTF8,     /* input is not valid UTF-8 or holds NUL bytes */
    SR_ERR_ARG,      /* a caller passed an invalid argument */
    SR_ERR_NOTFOUND, /* the named thing does not exist */
    SR_ERR_DB,       /* the database reported an error */
    SR_ERR_LOCKED,   /* the database is locked by another process */
    SR_ERR_VERSION,  /* a file or database is from an unknown version */
    SR_ERR_EMPTY,    /* the input holds nothing */
    SR_ERR_TOOBIG,   /* the input exceeds a documented limit */
};

/* A short English phrase for a status code ("malformed input"). */
const char *sr_strerror(int rc);

/* Room for one line of detail about the last failure. */
typedef struct sr_error {
    char msg[512];
} sr_error;

/* Formats msg into err (if err is not NULL) and returns rc. */
int sr_error_set(sr_error *err, int rc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* ---- documents ----------------------------------------------------------- */

/* One news report.  All strings are borrowed from the caller and must stay
 * valid while the library uses the document.  published is "YYYY-MM-DD" or
 * NULL when unknown; title may be NULL; text need not be NUL-terminated. */
typedef struct sr_doc {
    const char *id;
    const char *url;
    const char *outlet;
    const char *title;
    const char *published;
    const char *text;
    size_t text_len;
} sr_doc;

/* ---- the compiled lexicon --------------------------------------------------
 *
 * Built at build time from the TSV files in data/ by tools/lexc, then mapped
 * read-only with sr_lexicon_open().  See src/lexicon.h for the file layout
 * and the lookup interface the extractor uses.
 */
typedef struct sr_lexicon sr_lexicon;

/* Maps the lexicon file at path.  path NULL means: $SITREP_LEXICON, then the
 * file next to the running executable, then the build-time default. */
int sr_lexicon_open(const char *path, sr_lexicon **out, sr_error *err);
void sr_lexicon_close(sr_lexicon *lex);

/* ---- events ---------------------------------------------------------------- */

typedef enum sr_status {
    SR_STATUS_NONE = 0,
    SR_STATUS_CLAIMED,
    SR_STATUS_REPORTED,
    SR_STATUS_CONFIRMED,
    SR_STATUS_DISPUTED,
} sr_status;

const char *sr_status_name(sr_status s); /* "claimed", ... ; "" for NONE */
sr_status sr_status_parse(const char *name);

/* Who gave a figure or a statement. */
typedef enum sr_source_kind {
    SR_SRC_UNKNOWN = 0,
    SR_SRC_PERPETRATOR, /* the side that claims the attack */
    SR_SRC_AUTHORITY,   /* government, army, police, ministries, officials */
    SR_SRC_TARGET,      /* the attacked side, when not the authorities */
    SR_SRC_SECURITY,    /* "security sources" */
    SR_SRC_LOCAL,       /* residents, local officials, witnesses */
    SR_SRC_MEDIA,       /* news organisations */
    SR_SRC_MEDICAL,     /* hospitals, medics */
    SR_SRC_INTL,        /* UN, NGOs, monitors */
} sr_source_kind;

const char *sr_source_kind_name(sr_source_kind k);

#define SR_NAME_MAX 128
#define SR_NO_ID UINT32_MAX

/* An actor as coded on an event: the canonical ACLED-style name, the lexicon
 * entry it came from (SR_NO_ID for composed names such as "Civilians (Mali)"),
 * and the ACLED inter code (1 state forces ... 8 external forces; 0 unknown). */
typedef struct sr_actor_ref {
    char name[SR_NAME_MAX];
    uint32_t lex_id;
    int inter;
    char country[3];
} sr_actor_ref;

/* A byte range [start, end) in the document's text. */
typedef struct sr_span {
    uint32_t start, end;
} sr_span;

/* One casualty figure as reported, with its source. */
typedef struct sr_figure {
    int value;
    sr_source_kind source;
    sr_span where;
} sr_figure;

#define SR_MAX_FIGURES 8
#define SR_MAX_EVIDENCE 8

/* One event as coded from a report (see GUIDELINES in the documentation for
 * the meaning of every field).  Plain data: copy it freely. */
typedef struct sr_event {
    char event_date[11]; /* YYYY-MM-DD */
    int date_precision;  /* 1 day, 2 week, 3 month */
    char event_type[40];
    char sub_event_type[48];
    char cameo[8]; /* CAMEO root or full code, e.g. "19", "183" */
    sr_actor_ref actor1, actor2;
    char claimed_by[SR_NAME_MAX];
    char country[3]; /* ISO 3166-1 alpha-2 */
    char admin1[64];
    char location[96];
    double latitude, longitude; /* NAN when unknown */
    int geo_precision;          /* 1 town, 2 near a place / small area, 3 region */
    int fatalities, fatalities_low, fatalities_high;
    sr_status status;
    sr_figure figures[SR_MAX_FIGURES];
    int n_figures;
    sr_span evidence[SR_MAX_EVIDENCE]; /* sentences the event rests on */
    int n_evidence;
} sr_event;

/* ---- extraction -------------------------------------------------------------
 *
 * An extractor holds the per-thread working memory (an arena reset for every
 * document).  Create one per thread; all may share one lexicon.
 */
typedef struct sr_extractor sr_extractor;

int sr_extractor_new(const sr_lexicon *lex, sr_extractor **out, sr_error *err);
void sr_extractor_free(sr_extractor *x);

/* Extracts the events that doc reports.  On SR_OK, *events points at *n
 * events owned by the extractor, valid until the next call on x.  An article
 * with nothing codable gives SR_OK and *n == 0.  Offsets in the events are
 * into doc->text; a span in the title has start >= SR_TITLE_OFFSET. */
#define SR_TITLE_OFFSET 0x80000000u
int sr_extract(sr_extractor *x, const sr_doc *doc, const sr_event **events,
               size_t *n, sr_error *err);

#ifdef __cplusplus
}
#endif

#endif /* SITREP_H */
