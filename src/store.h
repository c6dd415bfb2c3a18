/*
 * store.h — the event database.
 *
 * Everything sitrep keeps lives behind this interface: the documents it has
 * read (each stored once, by the hash of its normalised text, near-duplicates
 * linked to the first copy), the mentions the extractor found in them (one
 * coded frame per document and event, with evidence offsets and figures), the
 * events those mentions resolve to (one row per real-world event, with every
 * source behind it), imported history (UCDP GED) and the actor names seen.
 *
 * The default backend is SQLite (one file, WAL journal, a busy timeout so a
 * second writer waits instead of failing).  The interface never exposes the
 * backend's handles, so another one (PostgreSQL) can sit behind the same
 * functions.  The schema version is kept in the database; migrations run in
 * order when a writable database is opened, and a database written by a newer
 * sitrep is refused with SR_ERR_VERSION.
 *
 * Schema (SQLite, version SR_STORE_SCHEMA_VERSION):
 *   documents(id, doc_key, url, outlet, title, published, content_hash UNIQUE,
 *             simhash and its four 16-bit bands, near_dup_of, format, ingested_at)
 *   document_texts(document_id, text) — kept apart so documents rows stay small
 *   document_bands(band, document_id) — the four bands of each signature,
 *             for finding near-duplicates (written a transaction at a time,
 *             in key order)
 *   mentions(id, document_id, ordinal, all sr_event fields as columns,
 *            figures JSON, evidence JSON, the document's hash and date;
 *            indexed by (country, event_date, date_precision))
 *   events(id, event_date, date_precision, event_type, sub_event_type, cameo,
 *          actor1, inter1, actor2, inter2, claimed_by, country, admin1,
 *          location, latitude, longitude, geo_precision, fatalities,
 *          fatalities_low, fatalities_high, status, origin, origin_id,
 *          n_sources, notes, updated_at)
 *   event_mentions(event_id, mention_id)
 *   actors(id, name UNIQUE, inter, country), actor_aliases(actor_id, alias)
 *
 * Ownership: an sr_store belongs to one thread at a time.  Strings handed to
 * callbacks are valid only during the callback; copy what you keep.
 */
#ifndef SR_STORE_H
#define SR_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "sitrep.h"

#define SR_STORE_SCHEMA_VERSION 4

typedef struct sr_store sr_store;

/* ---- opening -------------------------------------------------------------- */

enum {
    SR_STORE_READONLY = 1, /* never writes; fails with SR_ERR_NOTFOUND if absent */
};

/* The database path to use when the user names none: $SITREP_DB when set and
 * not empty, else "sitrep.db" in the current directory. */
const char *sr_store_default_path(void);

/* Opens (creating when writable and absent) the database at path (NULL: the
 * default path).  Errors: SR_ERR_VERSION (written by a newer sitrep),
 * SR_ERR_LOCKED (another process holds it past the busy timeout), SR_ERR_IO
 * (cannot open or create the file, read-only file opened for writing),
 * SR_ERR_DB (not a database, corrupt). */
int sr_store_open(const char *path, int flags, sr_store **out, sr_error *err);
void sr_store_close(sr_store *s);

/* How long a writer waits for another one before SR_ERR_LOCKED (ms; the
 * default is 10000).  */
void sr_store_set_busy_timeout(sr_store *s, int ms);

/* cb(ctx) is called when a write must wait for another process to release
 * the database, once per wait, before waiting (so a command can say so). */
void sr_store_on_wait(sr_store *s, void (*cb)(void *ctx), void *ctx);

/* Transactions.  begin takes the write lock at once (so a second writer
 * waits at begin, not half-way through).  Every write function below may
 * also be called outside a transaction; it then runs in its own. */
int sr_store_begin(sr_store *s, sr_error *err);
int sr_store_commit(sr_store *s, sr_error *err);
void sr_store_rollback(sr_store *s);

/* Batches: between sr_store_batch_begin() and sr_store_batch_commit(), each
 * sr_store_begin()/commit() pair is a savepoint inside one transaction, so a
 * rollback still undoes exactly one unit of work while the batch commits
 * many at once (much faster; a crash loses the open batch, never half a
 * unit).  A batch's mentions not merged yet (sr_store_resolve_new) are
 * merged when it commits, so it never commits a mention without its event;
 * if that fails, the whole batch is rolled back.  sr_store_close() commits
 * an open batch. */
int sr_store_batch_begin(sr_store *s, sr_error *err);
int sr_store_batch_commit(sr_store *s, sr_error *err);
/* Undoes the whole open batch (and any unit of work open in it). */
void sr_store_batch_rollback(sr_store *s);
int sr_store_batch_open(const sr_store *s);

/* ---- documents and mentions ------------------------------------------------ */

/* A document as the ingest hands it over: the article, its format ("jsonl",
 * "html", "rss", "atom", "text"), the hex content hash of its normalised text
 * and its SimHash signature (see hash.h). */
typedef struct sr_store_doc {
    const sr_doc *doc;
    const char *format;
    const char *content_hash;
    uint64_t simhash;
} sr_store_doc;

/* Stores a document unless one with the same content hash exists.  *id gets
 * the stored (or existing) document's id; *created is 1 when it was new;
 * *near_dup_of gets the id of an earlier document whose signature is within
 * a few bits of this one (0 when none) — only looked up for new documents. */
int sr_store_add_document(sr_store *s, const sr_store_doc *d, int64_t *id, int *created,
                          int64_t *near_dup_of, sr_error *err);

/* Stores the n mentions the extractor found in document doc_id (in the
 * extractor's order, which is kept as their ordinal), once: a document's
 * mentions stored again are refused (SR_ERR_DB), not replaced. */
int sr_store_add_mentions(sr_store *s, int64_t doc_id, const sr_event *ev, size_t n,
                          sr_error *err);

/* Records that alias names the actor called name (case-insensitively
 * unique); the actor row is created when absent.  Used to keep the lexicon's
 * aliases of the actors seen, for lookups by any of their names. */
int sr_store_add_actor_alias(sr_store *s, const char *name, const char *alias, sr_error *err);

/* What resolving changed. */
typedef struct sr_resolve_stats {
    size_t events_created; /* new event rows */
    size_t events_updated; /* existing events whose sources or fields changed */
    size_t events_deleted; /* events absorbed into others */
} sr_resolve_stats;

/* Merges the mentions of document doc_id with the stored mentions they may
 * report the same event as (see resolve.h): the connected component of
 * compatible mentions is re-clustered from scratch, so the events do not
 * depend on the order documents arrive in.  stats may be NULL; counts add up. */
int sr_store_resolve(sr_store *s, int64_t doc_id, sr_resolve_stats *stats, sr_error *err);

/* The same for the mentions of many documents at once (a batch): cheaper
 * than one document at a time, since the stored mentions near them in time
 * and place are read once, and an event reported by several of them is
 * written once.  The events are the same either way. */
int sr_store_resolve_docs(sr_store *s, const int64_t *doc_ids, size_t n,
                          sr_resolve_stats *stats, sr_error *err);

/* The same for every mention stored in the open transaction (a batch) and
 * not merged yet, known without reading them back. */
int sr_store_resolve_new(sr_store *s, sr_resolve_stats *stats, sr_error *err);

/* ---- events from elsewhere -------------------------------------------------- */

/* Inserts or replaces an event that was not extracted here (origin "ucdp" or
 * "import"), keyed by (origin, origin_id): importing the same row twice
 * changes nothing.  Such events are never merged with extracted ones.
 * *created (may be NULL) is 1 when the row is new. */
int sr_store_put_event(sr_store *s, const sr_event *ev, const char *origin,
                       const char *origin_id, const char *notes, int64_t *id,
                       int *created, sr_error *err);

/* ---- queries ---------------------------------------------------------------- */

/* Which events to return.  Every field left at its sr_event_filter_init()
 * value does not filter.  Strings compare case-insensitively. */
typedef struct sr_event_filter {
    const char *country;    /* ISO 3166-1 alpha-2 */
    const char *admin1;
    const char *actor;      /* part of actor1, actor2 or claimed_by, or an alias */
    const char *event_type; /* event_type or sub_event_type */
    const char *since;      /* YYYY-MM-DD, inclusive */
    const char *until;      /* YYYY-MM-DD, inclusive */
    int has_bbox;
    double west, south, east, north;
    int min_fatalities;     /* -1: no minimum */
    const char *source;     /* a document id (doc_key), url or outlet */
    const char *origin;     /* "extracted", "ucdp", "import" */
    int64_t limit;          /* 0: no limit */
    int descending;         /* newest first */
    int with_sources;       /* fill sr_stored_event.sources (costs a query each) */
} sr_event_filter;

void sr_event_filter_init(sr_event_filter *f);

/* One stored event.  sources are the doc_keys of the documents behind it
 * and outlets their distinct outlets (only when the filter asked for them;
 * NULL otherwise). */
typedef struct sr_stored_event {
    int64_t id;
    sr_event ev; /* figures and evidence are not filled (see sr_store_event_get) */
    const char *origin;    /* "extracted", "ucdp", "import" */
    const char *origin_id; /* "" for extracted events */
    int n_sources;
    const char *notes;     /* "" when none */
    const char *updated_at;
    const char *const *sources;
    size_t n_source_ids;
    const char *const *outlets;
    size_t n_outlets;
} sr_stored_event;

/* Called once per matching event, in date order (then id).  Return non-zero
 * to stop; sr_store_events then returns that value. */
typedef int (*sr_event_cb)(const sr_stored_event *e, void *ctx);

int sr_store_events(sr_store *s, const sr_event_filter *f, sr_event_cb cb, void *ctx,
                    sr_error *err);

/* Number of events matching f, first and last event dates (out[11], "" when
 * there are none).  Any output pointer may be NULL. */
int sr_store_event_summary(sr_store *s, const sr_event_filter *f, int64_t *count,
                           char first[11], char last[11], sr_error *err);

/* Distinct names of one kind in the stored events, sorted, each with the
 * number of events that carry it (for "did you mean" and listings). */
typedef enum sr_name_kind {
    SR_NAME_COUNTRY = 1, /* ISO2 codes */
    SR_NAME_ADMIN1,
    SR_NAME_ACTOR,       /* actor1 and actor2 */
    SR_NAME_EVENT_TYPE,
    SR_NAME_LOCATION,
} sr_name_kind;

typedef int (*sr_name_cb)(const char *name, int64_t n_events, void *ctx);

int sr_store_names(sr_store *s, sr_name_kind kind, sr_name_cb cb, void *ctx, sr_error *err);

/* One stored document (all strings owned by the sr_event_detail). */
typedef struct sr_stored_doc {
    int64_t id;
    char *doc_key, *url, *outlet, *title, *published, *format, *text;
    size_t text_len;
    int64_t near_dup_of;
} sr_stored_doc;

/* One stored mention with its figures and evidence spans. */
typedef struct sr_stored_mention {
    int64_t id;
    int64_t doc_id;
    int ordinal;
    sr_event ev;
} sr_stored_mention;

/* An event with its mentions and their documents. */
typedef struct sr_event_detail {
    sr_stored_event event; /* sources filled */
    sr_stored_mention *mentions;
    size_t n_mentions;
    sr_stored_doc *docs;
    size_t n_docs;
    void *owner_; /* private */
} sr_event_detail;

/* Loads event id; SR_ERR_NOTFOUND when there is none.  Free with
 * sr_event_detail_free(). */
int sr_store_event_get(sr_store *s, int64_t id, sr_event_detail **out, sr_error *err);
void sr_event_detail_free(sr_event_detail *d);

/* Row counts (any pointer may be NULL). */
typedef struct sr_store_counts {
    int64_t documents, mentions, events, near_duplicates;
} sr_store_counts;

int sr_store_count(sr_store *s, sr_store_counts *out, sr_error *err);

/* Runs the backend's integrity check and the store's own (no mention without
 * a document, no event link without both ends, no extracted event without a
 * mention).  SR_OK when all hold; SR_ERR_DB with the first problem otherwise. */
int sr_store_check(sr_store *s, sr_error *err);

#endif
