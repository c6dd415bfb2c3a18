/* store.c — the event database on SQLite (see store.h). */
#include "store.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "date.h"
#include "hash.h"
#include "resolve.h"

/* Prepared statements are kept for reuse (parsing SQL costs more than
 * running most of these statements).  A statement in use is never handed out
 * twice: a nested use of the same SQL gets a fresh, uncached one. */
#define STMT_CACHE 64

typedef struct stmt_slot {
    uint64_t hash;
    const char *lit; /* the string literal it was prepared from, or NULL */
    char *sql;
    sqlite3_stmt *st;
    int busy;
} stmt_slot;

/* Stored mentions read as merge candidates, kept in memory by id so that
 * the next documents of a batch find them without reading their rows again
 * (a candidate is then one step of an index-only scan and a lookup here).
 * Only used inside write transactions: the cache is emptied when another
 * connection has committed since (PRAGMA data_version), when a unit of work
 * is rolled back, and when it is full.  Entries never move, and are only
 * freed between two merges. */
#define MCACHE_BITS 17 /* initial slots: 2^17; the table doubles at half full */
#define MCACHE_MAX 65536

typedef struct mrow {
    int64_t id;
    int64_t doc_id;
    int ordinal;
    char key[40];
    char published[11];
    int64_t event_id; /* the event it belongs to now, 0 for none */
    sr_event ev;
} mrow;

/* What a candidate scan looks at first (document, day, window) leads. */
typedef struct mcache_ent {
    int64_t doc_id;
    sr_mention_key key; /* lazily folded (sr_mention_key_init_lazy) */
    mrow row;
} mcache_ent;

/* Open addressing by id with linear probing; e NULL marks a free slot. */
typedef struct mslot {
    int64_t id;
    mcache_ent *e;
} mslot;

typedef struct mcache {
    mslot *slot; /* 2^bits slots, NULL until first used */
    unsigned bits;
    size_t n;
    int64_t data_version;
} mcache;

/* Actor names stored in this connection's transactions, by hash (direct
 * mapped; 0 is empty), so that each is inserted once rather than once per
 * mention.  Forgotten with the mention cache on rollback. */
#define ACTOR_SEEN 1024

struct sr_store {
    stmt_slot cache[STMT_CACHE];
    mcache mc;
    uint64_t actor_seen[ACTOR_SEEN];
    /* The document stored last in this transaction, whose mentions usually
     * follow: its id (0 for none), content hash and publication day. */
    int64_t last_doc;
    char last_hash[40];
    char last_published[11];
    int last_whole; /* both are the document's whole values, not cut short */
    /* Signature bands of the documents stored in the open transaction, not
     * yet written (flush_bands writes them in key order before it commits);
     * bands_mark is how many there were when the open unit of work began. */
    struct band_row {
        int64_t band, simhash, doc;
    } *bands;
    size_t n_bands, bands_cap, bands_mark;
    /* Mentions stored in the open transaction, not merged yet (see
     * sr_store_resolve_new); fresh_mark as bands_mark. */
    struct fresh_mention {
        int64_t id;
        int32_t day;
        char country[3];
    } *fresh;
    size_t n_fresh, fresh_cap, fresh_mark;
    int ncache;
    sqlite3 *db;
    char *path;
    int readonly;
    int in_tx; /* a transaction (or savepoint, in a batch) opened by sr_store_begin */
    int batch; /* a batch transaction is open */
    int busy_ms;
    void (*on_wait)(void *ctx);
    void *wait_ctx;
};

/* Waits in 20 ms steps up to busy_ms; tells the caller once per wait. */
static int busy_handler(void *arg, int count)
{
    sr_store *s = arg;
    if (count == 0 && s->on_wait)
        s->on_wait(s->wait_ctx);
    if ((long)count * 20 >= s->busy_ms)
        return 0;
    sqlite3_sleep(20);
    return 1;
}

/* ---- schema ---------------------------------------------------------------- */

static const char schema_v1[] =
    "CREATE TABLE documents("
    " id INTEGER PRIMARY KEY, doc_key TEXT NOT NULL, url TEXT, outlet TEXT, title TEXT,"
    " published TEXT, content_hash TEXT NOT NULL UNIQUE, simhash INTEGER,"
    " band0 INTEGER, band1 INTEGER, band2 INTEGER, band3 INTEGER,"
    " near_dup_of INTEGER REFERENCES documents(id), format TEXT, text TEXT,"
    " ingested_at TEXT NOT NULL);"
    "CREATE INDEX documents_key ON documents(doc_key);"
    "CREATE INDEX documents_band0 ON documents(band0);"
    "CREATE INDEX documents_band1 ON documents(band1);"
    "CREATE INDEX documents_band2 ON documents(band2);"
    "CREATE INDEX documents_band3 ON documents(band3);"
    "CREATE TABLE mentions("
    " id INTEGER PRIMARY KEY,"
    " document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    " ordinal INTEGER NOT NULL, event_date TEXT, date_precision INTEGER,"
    " event_type TEXT, sub_event_type TEXT, cameo TEXT,"
    " actor1 TEXT, actor1_lex INTEGER, inter1 INTEGER, actor1_country TEXT,"
    " actor2 TEXT, actor2_lex INTEGER, inter2 INTEGER, actor2_country TEXT,"
    " claimed_by TEXT, country TEXT, admin1 TEXT, location TEXT,"
    " latitude REAL, longitude REAL, geo_precision INTEGER,"
    " fatalities INTEGER, fatalities_low INTEGER, fatalities_high INTEGER,"
    " status TEXT, figures TEXT, evidence TEXT,"
    " UNIQUE(document_id, ordinal));"
    "CREATE INDEX mentions_date ON mentions(event_date);"
    "CREATE TABLE events("
    " id INTEGER PRIMARY KEY, event_date TEXT, date_precision INTEGER,"
    " event_type TEXT, sub_event_type TEXT, cameo TEXT,"
    " actor1 TEXT, inter1 INTEGER, actor2 TEXT, inter2 INTEGER, claimed_by TEXT,"
    " country TEXT, admin1 TEXT, location TEXT, latitude REAL, longitude REAL,"
    " geo_precision INTEGER, fatalities INTEGER, fatalities_low INTEGER,"
    " fatalities_high INTEGER, status TEXT,"
    " origin TEXT NOT NULL DEFAULT 'extracted', origin_id TEXT NOT NULL DEFAULT '',"
    " n_sources INTEGER NOT NULL DEFAULT 0, notes TEXT, updated_at TEXT);"
    "CREATE UNIQUE INDEX events_origin ON events(origin, origin_id) WHERE origin <> 'extracted';"
    "CREATE INDEX events_country_date ON events(country, event_date);"
    "CREATE INDEX events_admin1_date ON events(admin1 COLLATE NOCASE, event_date);"
    "CREATE INDEX events_actor1 ON events(actor1 COLLATE NOCASE);"
    "CREATE INDEX events_actor2 ON events(actor2 COLLATE NOCASE);"
    "CREATE INDEX events_type_date ON events(event_type, event_date);"
    "CREATE INDEX events_date ON events(event_date);"
    "CREATE INDEX events_fatalities ON events(fatalities);"
    "CREATE TABLE event_mentions("
    " event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
    " mention_id INTEGER NOT NULL UNIQUE REFERENCES mentions(id) ON DELETE CASCADE,"
    " PRIMARY KEY(event_id, mention_id)) WITHOUT ROWID;"
    "CREATE TABLE actors(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    " inter INTEGER, country TEXT);"
    "CREATE TABLE actor_aliases("
    " actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,"
    " alias TEXT NOT NULL COLLATE NOCASE, PRIMARY KEY(actor_id, alias)) WITHOUT ROWID;";


/* Version 2: document texts apart from document rows, the document's hash
 * and date copied into its mentions, covering band indexes and a (country,
 * date) index on mentions — so that merging reads few, small rows. */
static const char schema_v2[] =
    "CREATE TABLE document_texts("
    " document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,"
    " text TEXT NOT NULL);"
    "INSERT INTO document_texts(document_id, text) SELECT id, coalesce(text, '') FROM documents;"
    "ALTER TABLE documents DROP COLUMN text;"
    "DROP INDEX documents_band0;"
    "DROP INDEX documents_band1;"
    "DROP INDEX documents_band2;"
    "DROP INDEX documents_band3;"
    "CREATE INDEX documents_band0 ON documents(band0, simhash);"
    "CREATE INDEX documents_band1 ON documents(band1, simhash);"
    "CREATE INDEX documents_band2 ON documents(band2, simhash);"
    "CREATE INDEX documents_band3 ON documents(band3, simhash);"
    "ALTER TABLE mentions ADD COLUMN doc_hash TEXT;"
    "ALTER TABLE mentions ADD COLUMN doc_published TEXT;"
    "UPDATE mentions SET doc_hash = (SELECT content_hash FROM documents d WHERE d.id ="
    " mentions.document_id), doc_published = (SELECT published FROM documents d WHERE"
    " d.id = mentions.document_id);"
    "CREATE INDEX mentions_country_date ON mentions(country, event_date);";

/* Version 3: the (country, date) index of mentions also holds their date
 * precision, so that merging tells from the index alone which stored
 * mentions are near enough in time to be compared at all. */
static const char schema_v3[] =
    "DROP INDEX mentions_country_date;"
    "CREATE INDEX mentions_country_date ON mentions(country, event_date, date_precision);";

/* Version 4: documents hashed by a faster function (hash.h); the stored
 * hashes and signatures are computed again from the stored texts, in C
 * (rehash_documents), and copied into the mentions.  Indexes that no query
 * can use go: documents by key (a source filter looks documents up from
 * their events), mentions by date alone (merging reads them by country and
 * date; the rare mention without a country scans that index), and events
 * by actor and by type (the actor filter matches parts of names and the
 * type filter either field in any case, which no index serves).
 * The four signature bands of each document move from four indexes of
 * documents to one small table, document_bands (band number in bits 16-17,
 * the band's value below, and the document), which the store fills a batch
 * at a time in key order: inserts that follow one another down one index
 * cost a fraction of four inserts at random places, and a batch rewrites
 * fewer of its pages. */
static const char schema_v4[] = "DROP INDEX documents_key;"
                                "DROP INDEX mentions_date;"
                                "DROP INDEX events_actor1;"
                                "DROP INDEX events_actor2;"
                                "DROP INDEX events_type_date;"
                                "DROP INDEX documents_band0;"
                                "DROP INDEX documents_band1;"
                                "DROP INDEX documents_band2;"
                                "DROP INDEX documents_band3;"
                                "CREATE TABLE document_bands("
                                " band INTEGER NOT NULL, document_id INTEGER NOT NULL,"
                                " PRIMARY KEY(band, document_id)) WITHOUT ROWID;";

/* Migrations: migrations[v] brings a database from version v to v + 1, its
 * SQL first, then its step in C when it has one. */
static int rehash_documents(sr_store *s, sr_error *err);
static const char *const migrations[] = {schema_v1, schema_v2, schema_v3, schema_v4};
static int (*const migration_steps[])(sr_store *, sr_error *) = {NULL, NULL, NULL,
                                                                 rehash_documents};
#define N_MIGRATIONS (sizeof migrations / sizeof migrations[0])

/* ---- helpers ----------------------------------------------------------------- */

static int db_error(sr_store *s, int rc, sr_error *err, const char *what)
{
    int code = rc & 0xff;
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        return sr_error_set(err, SR_ERR_LOCKED, "%s: database is locked by another process",
                            s->path);
    if (code == SQLITE_READONLY)
        return sr_error_set(err, SR_ERR_IO, "%s: database is read-only", s->path);
    if (code == SQLITE_NOTADB)
        return sr_error_set(err, SR_ERR_DB, "%s: not a sitrep database", s->path);
    if (code == SQLITE_CANTOPEN || code == SQLITE_IOERR || code == SQLITE_FULL)
        return sr_error_set(err, SR_ERR_IO, "%s: %s", s->path, sqlite3_errmsg(s->db));
    return sr_error_set(err, SR_ERR_DB, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

static int exec(sr_store *s, const char *sql, sr_error *err)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? SR_OK : db_error(s, rc, err, sql);
}

/* Prepares a string literal, kept for reuse (see prepare_sql). */
static int prepare(sr_store *s, const char *sql, sqlite3_stmt **st, sr_error *err);
static void finish(sr_store *s, sqlite3_stmt *st);

/* exec() for one statement run once per document (savepoints): kept
 * prepared. */
static int exec1(sr_store *s, const char *sql, sr_error *err)
{
    sqlite3_stmt *st;
    int rc = prepare(s, sql, &st, err);
    if (rc)
        return rc;
    int r = sqlite3_step(st);
    finish(s, st);
    return r == SQLITE_DONE || r == SQLITE_ROW ? SR_OK : db_error(s, r, err, sql);
}

/* A quick fingerprint of an SQL text (its length and a few bytes): the
 * cache compares the whole text only when it matches. */
static uint64_t sql_fingerprint(const char *sql)
{
    size_t n = strlen(sql);
    uint64_t h = (uint64_t)n * 0x9e3779b97f4a7c15ULL;
    for (int k = 0; k < 8; k++) {
        size_t at = n ? (n - 1) * (size_t)k / 7 : 0;
        h = (h ^ (unsigned char)sql[at]) * 0x100000001b3ULL;
    }
    return h;
}

/* Prepares sql, a string literal (the same text at the same address every
 * time, found in the cache by its address first), or any text when
 * literal is 0. */
static int prepare_sql(sr_store *s, const char *sql, int literal, sqlite3_stmt **st,
                       sr_error *err)
{
    if (literal)
        for (int i = 0; i < s->ncache; i++)
            if (s->cache[i].lit == sql && !s->cache[i].busy) {
                s->cache[i].busy = 1;
                *st = s->cache[i].st;
                return SR_OK;
            }
    uint64_t h = sql_fingerprint(sql);
    for (int i = 0; i < s->ncache; i++)
        if (s->cache[i].hash == h && !s->cache[i].busy && strcmp(s->cache[i].sql, sql) == 0) {
            s->cache[i].busy = 1;
            *st = s->cache[i].st;
            return SR_OK;
        }
    int rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);
    if (rc != SQLITE_OK)
        return db_error(s, rc, err, "prepare");
    if (s->ncache < STMT_CACHE) {
        char *copy = strdup(sql);
        if (copy)
            s->cache[s->ncache++] = (stmt_slot){h, literal ? sql : NULL, copy, *st, 1};
    }
    return SR_OK;
}

static int prepare(sr_store *s, const char *sql, sqlite3_stmt **st, sr_error *err)
{
    return prepare_sql(s, sql, 1, st, err);
}

/* Gives a statement back: a cached one is reset for reuse, another one is
 * finalized. */
static void finish(sr_store *s, sqlite3_stmt *st)
{
    if (!st)
        return;
    for (int i = 0; i < s->ncache; i++)
        if (s->cache[i].st == st) {
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            s->cache[i].busy = 0;
            return;
        }
    sqlite3_finalize(st);
}

/* ---- the mention cache --------------------------------------------------------- */

static void mcache_clear(mcache *c)
{
    if (c->slot && c->n) {
        size_t n = (size_t)1 << c->bits;
        for (size_t i = 0; i < n; i++)
            free(c->slot[i].e);
        memset(c->slot, 0, n * sizeof *c->slot);
    }
    c->n = 0;
}

static void mcache_free(mcache *c)
{
    mcache_clear(c);
    free(c->slot);
    c->slot = NULL;
}

static size_t mcache_hash(const mcache *c, int64_t id)
{
    return (size_t)(((uint64_t)id * 0x9e3779b97f4a7c15ULL) >> (64 - c->bits));
}

/* The slot holding id, or the free slot where it would go. */
static size_t mcache_find(const mcache *c, int64_t id)
{
    size_t mask = ((size_t)1 << c->bits) - 1;
    size_t i = mcache_hash(c, id);
    while (c->slot[i].e && c->slot[i].id != id)
        i = (i + 1) & mask;
    return i;
}

/* Makes room for one more entry: allocates the table, or doubles it at
 * half full (entries do not move, only their slots). */
static int mcache_room(mcache *c)
{
    if (c->slot && c->n < ((size_t)1 << c->bits) / 2)
        return SR_OK;
    unsigned bits = c->slot ? c->bits + 1 : MCACHE_BITS;
    mslot *slot = calloc((size_t)1 << bits, sizeof *slot);
    if (!slot)
        return SR_ERR_NOMEM;
    mcache old = *c;
    c->slot = slot;
    c->bits = bits;
    if (old.slot) {
        for (size_t i = 0; i < ((size_t)1 << old.bits); i++)
            if (old.slot[i].e)
                c->slot[mcache_find(c, old.slot[i].id)] = old.slot[i];
        free(old.slot);
    }
    return SR_OK;
}

static mcache_ent *mcache_get(const mcache *c, int64_t id)
{
    return c->slot ? c->slot[mcache_find(c, id)].e : NULL;
}

/* Adds a copy of row (whose id is not cached); NULL when out of memory. */
static mcache_ent *mcache_put(mcache *c, const mrow *row)
{
    if (mcache_room(c) != SR_OK)
        return NULL;
    mcache_ent *e = malloc(sizeof *e);
    if (!e)
        return NULL;
    e->row = *row;
    e->doc_id = row->doc_id;
    sr_mention_key_init_lazy(&e->row.ev, &e->key);
    size_t i = mcache_find(c, row->id);
    c->slot[i] = (mslot){row->id, e};
    c->n++;
    return e;
}

static void mcache_drop(mcache *c, int64_t id)
{
    if (!c->slot)
        return;
    size_t i = mcache_find(c, id);
    if (!c->slot[i].e)
        return;
    free(c->slot[i].e);
    c->slot[i].e = NULL;
    c->n--;
    /* Shift back the entries probing passed over the freed slot. */
    size_t mask = ((size_t)1 << c->bits) - 1;
    for (size_t j = (i + 1) & mask; c->slot[j].e; j = (j + 1) & mask) {
        size_t k = mcache_hash(c, c->slot[j].id);
        int stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
        if (stays)
            continue;
        c->slot[i] = c->slot[j];
        c->slot[j].e = NULL;
        i = j;
    }
}

/* Forgets what the caches hold (after a rollback). */
static void forget_cached(sr_store *s)
{
    mcache_clear(&s->mc);
    memset(s->actor_seen, 0, sizeof s->actor_seen);
    s->last_doc = 0;
}

/* Empties the cache when another connection has committed since it was
 * filled.  Called with the write lock held, so nobody else commits until
 * the transaction ends. */
static void mcache_check(sr_store *s)
{
    sqlite3_stmt *st;
    int64_t v = -1;
    if (prepare(s, "PRAGMA data_version", &st, NULL) == SR_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int64(st, 0);
        finish(s, st);
    }
    if (v < 0 || v != s->mc.data_version)
        mcache_clear(&s->mc);
    s->mc.data_version = v;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static void bind_real(sqlite3_stmt *st, int i, double v)
{
    if (isnan(v))
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_double(st, i, v);
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

static double col_real(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : sqlite3_column_double(st, i);
}

static void copy_col(char *dst, size_t cap, sqlite3_stmt *st, int i)
{
    const char *v = col_text(st, i);
    size_t n = (size_t)sqlite3_column_bytes(st, i);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, v, n);
    dst[n] = '\0';
}

/* The time now as ISO 8601 UTC, formatted once a second per thread. */
static void now_iso(char out[32])
{
    static _Thread_local time_t last = -1;
    static _Thread_local char text[32];
    time_t t = time(NULL);
    if (t != last) {
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
        last = t;
    }
    memcpy(out, text, sizeof text);
}

const char *sr_store_default_path(void)
{
    const char *p = getenv("SITREP_DB");
    return p && *p ? p : "sitrep.db";
}

/* ---- open / close --------------------------------------------------------------- */

static int user_version(sr_store *s, int *v, sr_error *err)
{
    sqlite3_stmt *st;
    int rc = prepare(s, "PRAGMA user_version", &st, err);
    if (rc)
        return rc;
    int r = sqlite3_step(st);
    if (r != SQLITE_ROW) {
        finish(s, st);
        return db_error(s, r, err, "reading the schema version");
    }
    *v = sqlite3_column_int(st, 0);
    finish(s, st);
    return SR_OK;
}

static int rehash_documents(sr_store *s, sr_error *err)
{
    sqlite3_stmt *q = NULL, *u = NULL;
    int rc = prepare(s, "SELECT d.id, t.text FROM documents d JOIN document_texts t ON "
                        "t.document_id = d.id", &q, err);
    if (!rc)
        rc = prepare(s, "UPDATE documents SET content_hash = ?2, simhash = ?3, band0 = ?4, "
                        "band1 = ?5, band2 = ?6, band3 = ?7 WHERE id = ?1", &u, err);
    int r = SQLITE_DONE;
    while (!rc && (r = sqlite3_step(q)) == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(q, 1);
        size_t len = (size_t)sqlite3_column_bytes(q, 1);
        char hash[33];
        uint64_t sig;
        sr_doc_hashes(text ? text : "", text ? len : 0, hash, &sig);
        sqlite3_reset(u);
        sqlite3_bind_int64(u, 1, sqlite3_column_int64(q, 0));
        bind_text(u, 2, hash);
        sqlite3_bind_int64(u, 3, (sqlite3_int64)sig);
        for (int b = 0; b < 4; b++)
            sqlite3_bind_int(u, 4 + b, (int)((sig >> (16 * b)) & 0xffff));
        if (sqlite3_step(u) != SQLITE_DONE)
            rc = db_error(s, sqlite3_errcode(s->db), err, "hashing the stored documents again");
    }
    if (!rc && r != SQLITE_DONE)
        rc = db_error(s, r, err, "reading the stored documents");
    finish(s, q);
    finish(s, u);
    if (!rc)
        rc = exec(s, "UPDATE mentions SET doc_hash = (SELECT content_hash FROM documents d "
                     "WHERE d.id = mentions.document_id)", err);
    if (!rc)
        rc = exec(s, "INSERT INTO document_bands(band, document_id)"
                     " SELECT band0, id FROM documents UNION ALL"
                     " SELECT 65536 | band1, id FROM documents UNION ALL"
                     " SELECT 131072 | band2, id FROM documents UNION ALL"
                     " SELECT 196608 | band3, id FROM documents", err);
    return rc;
}

static int migrate(sr_store *s, sr_error *err)
{
    int v, rc = user_version(s, &v, err);
    if (rc)
        return rc;
    if (v > SR_STORE_SCHEMA_VERSION)
        return sr_error_set(err, SR_ERR_VERSION,
                            "%s: database schema version %d is newer than this sitrep "
                            "supports (%d); use a newer sitrep",
                            s->path, v, SR_STORE_SCHEMA_VERSION);
    if (v == SR_STORE_SCHEMA_VERSION)
        return SR_OK;
    if (s->readonly)
        return v == 0 ? sr_error_set(err, SR_ERR_DB, "%s: not a sitrep database (no schema)",
                                     s->path)
                      : sr_error_set(err, SR_ERR_VERSION,
                                     "%s: database schema version %d needs upgrading; open "
                                     "it once for writing",
                                     s->path, v);
    if ((rc = exec(s, "BEGIN IMMEDIATE", err)))
        return rc;
    if ((rc = user_version(s, &v, err))) /* another process may have migrated */
        goto fail;
    if (v == 0) {
        sqlite3_stmt *st;
        if ((rc = prepare(s, "SELECT count(*) FROM sqlite_master", &st, err)))
            goto fail;
        int r = sqlite3_step(st);
        int n = r == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
        finish(s, st);
        if (r != SQLITE_ROW) {
            rc = db_error(s, r, err, "reading the schema");
            goto fail;
        }
        if (n > 0) {
            rc = sr_error_set(err, SR_ERR_DB, "%s: not a sitrep database (foreign tables)",
                              s->path);
            goto fail;
        }
    }
    for (; v < SR_STORE_SCHEMA_VERSION && (size_t)v < N_MIGRATIONS; v++) {
        if ((migrations[v][0] && (rc = exec(s, migrations[v], err))) ||
            (migration_steps[v] && (rc = migration_steps[v](s, err))))
            goto fail;
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
        if ((rc = exec(s, sql, err)))
            goto fail;
    }
    return exec(s, "COMMIT", err);
fail:
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* SQLite without its memory statistics (a mutex taken on every allocation)
 * and with connections that each stay in one thread at a time, as an
 * sr_store does (store.h).  Only takes effect before SQLite is first used
 * in the process; otherwise SQLite refuses it and keeps its defaults. */
static void configure_sqlite(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
}

int sr_store_open(const char *path, int flags, sr_store **out, sr_error *err)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, configure_sqlite);
    *out = NULL;
    if (!path || !*path)
        path = sr_store_default_path();
    int ro = (flags & SR_STORE_READONLY) != 0;
    if (ro && access(path, F_OK) != 0)
        return sr_error_set(err, SR_ERR_NOTFOUND, "%s: no such database", path);
    if (!ro && access(path, F_OK) == 0 && access(path, W_OK) != 0)
        return sr_error_set(err, SR_ERR_IO, "%s: database file is read-only", path);
    sr_store *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    }
    s->readonly = ro;
    s->busy_ms = 10000;
    int oflags = ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(path, &s->db, oflags, NULL);
    if (rc != SQLITE_OK) {
        int r = sr_error_set(err, SR_ERR_IO, "%s: cannot open database: %s", path,
                             s->db ? sqlite3_errmsg(s->db) : "out of memory");
        sr_store_close(s);
        return r;
    }
    sqlite3_busy_handler(s->db, busy_handler, s);
    sqlite3_extended_result_codes(s->db, 0);
    int r = exec(s, "PRAGMA foreign_keys = ON", err);
    /* A larger page cache and memory-mapped reads: merging reads the
     * mentions of recent weeks again for every document. */
    if (!r)
        r = exec(s, "PRAGMA cache_size = -65536", err);
    if (!r)
        r = exec(s, "PRAGMA mmap_size = 268435456", err);
    /* The statement journal of each unit of work (a savepoint per
     * document) in memory rather than in a temporary file. */
    if (!r)
        r = exec(s, "PRAGMA temp_store = MEMORY", err);
    if (!r && !ro) {
        /* journal_mode needs a lock; it is a no-op when already WAL.  On a
         * new file that another process is setting up at the same moment
         * SQLite answers "busy" at once instead of calling the busy
         * handler, so wait here as the handler would. */
        for (int waited = 0;; waited += 20) {
            int x = sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
            if ((x & 0xff) != SQLITE_BUSY || waited >= s->busy_ms) {
                r = x == SQLITE_OK ? SR_OK : db_error(s, x, err, "PRAGMA journal_mode = WAL");
                break;
            }
            sqlite3_sleep(20);
        }
        if (!r)
            r = exec(s, "PRAGMA synchronous = NORMAL", err);
        /* Fewer, larger checkpoints: each one waits for the disk. */
        if (!r)
            r = exec(s, "PRAGMA wal_autocheckpoint = 8192", err);
    }
    if (!r)
        r = migrate(s, err);
    if (r) {
        sr_store_close(s);
        return r;
    }
    *out = s;
    return SR_OK;
}

static int flush_bands(sr_store *s, sr_error *err);

/* What the open transaction holds in memory (bands to write, mentions to
 * merge) follows it: a unit of work marks where it began, its rollback
 * goes back there, the end of the transaction empties it. */
static void pending_mark(sr_store *s)
{
    s->bands_mark = s->n_bands;
    s->fresh_mark = s->n_fresh;
}

static void pending_undo_unit(sr_store *s)
{
    s->n_bands = s->bands_mark;
    s->n_fresh = s->fresh_mark;
}

static void pending_clear(sr_store *s)
{
    s->n_bands = s->bands_mark = 0;
    s->n_fresh = s->fresh_mark = 0;
}

void sr_store_close(sr_store *s)
{
    if (!s)
        return;
    if (s->in_tx && s->batch) {
        sqlite3_exec(s->db, "ROLLBACK TO unit", NULL, NULL, NULL);
        sqlite3_exec(s->db, "RELEASE unit", NULL, NULL, NULL);
        pending_undo_unit(s);
        s->in_tx = 0;
    }
    if (s->batch)
        sr_store_batch_commit(s, NULL); /* rolls back what it cannot commit whole */
    else if (s->in_tx)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    for (int i = 0; i < s->ncache; i++) {
        sqlite3_finalize(s->cache[i].st);
        free(s->cache[i].sql);
    }
    mcache_free(&s->mc);
    free(s->bands);
    free(s->fresh);
    sqlite3_close_v2(s->db);
    free(s->path);
    free(s);
}

void sr_store_set_busy_timeout(sr_store *s, int ms)
{
    s->busy_ms = ms;
}

void sr_store_on_wait(sr_store *s, void (*cb)(void *ctx), void *ctx)
{
    s->on_wait = cb;
    s->wait_ctx = ctx;
}

static int band_cmp(const void *x, const void *y)
{
    const struct band_row *a = x, *b = y;
    if (a->band != b->band)
        return a->band < b->band ? -1 : 1;
    return (a->doc > b->doc) - (a->doc < b->doc);
}

/* Writes the pending signature bands, in key order. */
static int flush_bands(sr_store *s, sr_error *err)
{
    if (!s->n_bands)
        return SR_OK;
    qsort(s->bands, s->n_bands, sizeof *s->bands, band_cmp);
    sqlite3_stmt *st;
    int rc = prepare(s, "INSERT INTO document_bands(band, document_id) VALUES(?1,?2)", &st, err);
    for (size_t i = 0; i < s->n_bands && !rc; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, s->bands[i].band);
        sqlite3_bind_int64(st, 2, s->bands[i].doc);
        int r = sqlite3_step(st);
        if (r != SQLITE_DONE)
            rc = db_error(s, r, err, "storing signature bands");
    }
    finish(s, st);
    s->n_bands = s->bands_mark = 0;
    return rc;
}

/* Ends the open transaction: commits it (bands written first) when rc is
 * SR_OK, else or when that fails rolls it back.  Returns the error. */
static int end_transaction(sr_store *s, int rc, sr_error *err)
{
    if (!rc)
        rc = flush_bands(s, err);
    if (!rc)
        rc = exec(s, "COMMIT", err);
    pending_clear(s);
    if (rc) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        forget_cached(s);
    }
    return rc;
}

int sr_store_batch_begin(sr_store *s, sr_error *err)
{
    if (s->batch || s->in_tx)
        return sr_error_set(err, SR_ERR_ARG, "a transaction is already open");
    int rc = exec(s, "BEGIN IMMEDIATE", err);
    if (!rc) {
        s->batch = 1;
        mcache_check(s);
    }
    return rc;
}

int sr_store_batch_commit(sr_store *s, sr_error *err)
{
    if (!s->batch)
        return SR_OK;
    if (s->in_tx)
        return sr_error_set(err, SR_ERR_ARG, "a unit of work is still open");
    /* Mentions the caller has not merged yet are merged now: a batch never
     * commits mentions without their events. */
    int rc = sr_store_resolve_new(s, NULL, err);
    s->batch = 0;
    return end_transaction(s, rc, err);
}

void sr_store_batch_rollback(sr_store *s)
{
    if (!s->batch)
        return;
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->batch = 0;
    s->in_tx = 0;
    pending_clear(s);
    forget_cached(s);
}

int sr_store_batch_open(const sr_store *s)
{
    return s->batch;
}

int sr_store_begin(sr_store *s, sr_error *err)
{
    if (s->in_tx)
        return sr_error_set(err, SR_ERR_ARG, "a transaction is already open");
    int rc = s->batch ? exec1(s, "SAVEPOINT unit", err) : exec(s, "BEGIN IMMEDIATE", err);
    if (!rc) {
        s->in_tx = 1;
        if (!s->batch)
            pending_clear(s);
        pending_mark(s);
        if (!s->batch)
            mcache_check(s);
    }
    return rc;
}

int sr_store_commit(sr_store *s, sr_error *err)
{
    if (!s->in_tx)
        return sr_error_set(err, SR_ERR_ARG, "no transaction is open");
    s->in_tx = 0;
    if (s->batch) {
        int rc = exec1(s, "RELEASE unit", err);
        if (rc) {
            sqlite3_exec(s->db, "ROLLBACK TO unit", NULL, NULL, NULL);
            sqlite3_exec(s->db, "RELEASE unit", NULL, NULL, NULL);
            pending_undo_unit(s);
            forget_cached(s);
        }
        return rc;
    }
    return end_transaction(s, SR_OK, err);
}

void sr_store_rollback(sr_store *s)
{
    if (!s->in_tx)
        return;
    if (s->batch) {
        sqlite3_exec(s->db, "ROLLBACK TO unit", NULL, NULL, NULL);
        sqlite3_exec(s->db, "RELEASE unit", NULL, NULL, NULL);
    } else
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    if (s->batch)
        pending_undo_unit(s);
    else
        pending_clear(s);
    s->in_tx = 0;
    forget_cached(s); /* it may hold what was undone */
}

/* Runs the write in its own transaction (a savepoint in a batch) unless the
 * caller opened one. */
static int auto_begin(sr_store *s, int *own, sr_error *err)
{
    *own = 0;
    if (s->in_tx)
        return SR_OK;
    int rc = sr_store_begin(s, err);
    if (!rc)
        *own = 1;
    return rc;
}

static int auto_end(sr_store *s, int own, int rc, sr_error *err)
{
    if (!own)
        return rc;
    if (rc) {
        sr_store_rollback(s);
        return rc;
    }
    return sr_store_commit(s, err);
}

/* ---- documents --------------------------------------------------------------- */

static int64_t band_key(uint64_t sig, int b)
{
    return (int64_t)b << 16 | (int64_t)((sig >> (16 * b)) & 0xffff);
}

static int find_near_dup(sr_store *s, uint64_t sig, int64_t *near, sr_error *err)
{
    /* Copies of a story come close together: the documents of the open
     * transaction, whose bands are not written yet, are looked at first, in
     * memory.  Then, by pigeonhole (a signature within 3 bits shares one of
     * four 16-bit bands), document_bands names the stored documents with a
     * band, oldest first (the original of a story before its copies), and
     * their signatures are read from documents; a few of each band are
     * enough to find a copy of a story, and the first copy found is
     * enough. */
    *near = 0;
    for (size_t i = 0; i < s->n_bands && !*near; i += 4)
        if (sr_hamming64(sig, (uint64_t)s->bands[i].simhash) <= SR_NEAR_DUP_BITS)
            *near = s->bands[i].doc;
    if (*near)
        return SR_OK;
    sqlite3_stmt *st;
    int rc = prepare(s, "SELECT b.document_id, d.simhash FROM document_bands b JOIN documents d "
                        "ON d.id = b.document_id WHERE b.band = ?1 LIMIT 64",
                     &st, err);
    if (rc)
        return rc;
    for (int b = 0; b < 4 && !*near; b++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, band_key(sig, b));
        int r;
        while ((r = sqlite3_step(st)) == SQLITE_ROW)
            if (sr_hamming64(sig, (uint64_t)sqlite3_column_int64(st, 1)) <= SR_NEAR_DUP_BITS) {
                *near = sqlite3_column_int64(st, 0);
                break;
            }
        if (r != SQLITE_ROW && r != SQLITE_DONE)
            rc = db_error(s, r, err, "near-duplicates");
    }
    finish(s, st);
    return rc;
}

/* Queues the four bands of document doc for flush_bands. */
static int queue_bands(sr_store *s, int64_t doc, uint64_t sig)
{
    if (s->n_bands + 4 > s->bands_cap) {
        size_t cap = s->bands_cap ? s->bands_cap * 2 : 1024;
        struct band_row *v = realloc(s->bands, cap * sizeof *v);
        if (!v)
            return SR_ERR_NOMEM;
        s->bands = v;
        s->bands_cap = cap;
    }
    for (int b = 0; b < 4; b++)
        s->bands[s->n_bands++] = (struct band_row){band_key(sig, b), (int64_t)sig, doc};
    return SR_OK;
}

int sr_store_add_document(sr_store *s, const sr_store_doc *d, int64_t *id, int *created,
                          int64_t *near_dup_of, sr_error *err)
{
    *id = 0;
    *created = 0;
    if (near_dup_of)
        *near_dup_of = 0;
    if (!d || !d->doc || !d->content_hash)
        return sr_error_set(err, SR_ERR_ARG, "document without content hash");
    int own, rc = auto_begin(s, &own, err);
    if (rc)
        return rc;
    sqlite3_stmt *st = NULL;
    if ((rc = prepare(s, "SELECT id FROM documents WHERE content_hash = ?1", &st, err)))
        goto done;
    bind_text(st, 1, d->content_hash);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        goto done;
    }
    if (r != SQLITE_DONE) {
        rc = db_error(s, r, err, "looking up a document");
        goto done;
    }
    finish(s, st);
    st = NULL;
    int64_t near = 0;
    if ((rc = find_near_dup(s, d->simhash, &near, err)))
        goto done;
    if ((rc = prepare(s,
                      "INSERT INTO documents(doc_key, url, outlet, title, published, "
                      "content_hash, simhash, band0, band1, band2, band3, near_dup_of, "
                      "format, ingested_at) "
                      "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)",
                      &st, err)))
        goto done;
    const sr_doc *doc = d->doc;
    char key[48];
    const char *doc_key = doc->id;
    if (!doc_key || !*doc_key) {
        snprintf(key, sizeof key, "doc-%.12s", d->content_hash);
        doc_key = key;
    }
    bind_text(st, 1, doc_key);
    bind_text(st, 2, doc->url && *doc->url ? doc->url : NULL);
    bind_text(st, 3, doc->outlet && *doc->outlet ? doc->outlet : NULL);
    bind_text(st, 4, doc->title);
    bind_text(st, 5, doc->published && *doc->published ? doc->published : NULL);
    bind_text(st, 6, d->content_hash);
    sqlite3_bind_int64(st, 7, (sqlite3_int64)d->simhash);
    for (int b = 0; b < 4; b++)
        sqlite3_bind_int(st, 8 + b, (int)((d->simhash >> (16 * b)) & 0xffff));
    if (near)
        sqlite3_bind_int64(st, 12, near);
    else
        sqlite3_bind_null(st, 12);
    bind_text(st, 13, d->format);
    char now[32];
    now_iso(now);
    bind_text(st, 14, now);
    r = sqlite3_step(st);
    if (r != SQLITE_DONE) {
        rc = db_error(s, r, err, "storing a document");
        goto done;
    }
    *id = sqlite3_last_insert_rowid(s->db);
    if (queue_bands(s, *id, d->simhash)) {
        rc = sr_error_set(err, SR_ERR_NOMEM, "out of memory");
        goto done;
    }
    s->last_doc = *id;
    snprintf(s->last_hash, sizeof s->last_hash, "%s", d->content_hash);
    snprintf(s->last_published, sizeof s->last_published, "%.10s",
             doc->published && *doc->published ? doc->published : "");
    s->last_whole = strlen(d->content_hash) < sizeof s->last_hash &&
                    (!doc->published || strlen(doc->published) < sizeof s->last_published);
    finish(s, st);
    st = NULL;
    if ((rc = prepare(s, "INSERT INTO document_texts(document_id, text) VALUES(?1, ?2)", &st,
                      err)))
        goto done;
    sqlite3_bind_int64(st, 1, *id);
    if (doc->text)
        sqlite3_bind_text(st, 2, doc->text, (int)doc->text_len, SQLITE_STATIC); /* run below */
    else
        sqlite3_bind_text(st, 2, "", 0, SQLITE_STATIC);
    r = sqlite3_step(st);
    if (r != SQLITE_DONE) {
        rc = db_error(s, r, err, "storing a document's text");
        goto done;
    }
    *created = 1;
    if (near_dup_of)
        *near_dup_of = near;
done:
    finish(s, st);
    return auto_end(s, own, rc, err);
}

/* ---- mentions ---------------------------------------------------------------- */

#define MENTION_COLS                                                                      \
    "event_date, date_precision, event_type, sub_event_type, cameo, actor1, actor1_lex, " \
    "inter1, actor1_country, actor2, actor2_lex, inter2, actor2_country, claimed_by, "    \
    "country, admin1, location, latitude, longitude, geo_precision, fatalities, "         \
    "fatalities_low, fatalities_high, status"

/* The figures and evidence of a mention as compact JSON arrays, written
 * directly (they hold only numbers and fixed source names; parse_figures and
 * parse_evidence read them with jansson).  Fits FRAME_JSON_MAX bytes. */
#define FRAME_JSON_MAX (SR_MAX_FIGURES * 96 + 2)

static void figures_json(const sr_event *e, char out[FRAME_JSON_MAX])
{
    size_t o = 0;
    out[o++] = '[';
    for (int i = 0; i < e->n_figures && i < SR_MAX_FIGURES; i++) {
        const sr_figure *f = &e->figures[i];
        o += (size_t)snprintf(out + o, FRAME_JSON_MAX - o,
                              "%s{\"value\":%d,\"source\":\"%s\",\"start\":%lu,\"end\":%lu}",
                              i ? "," : "", f->value, sr_source_kind_name(f->source),
                              (unsigned long)f->where.start, (unsigned long)f->where.end);
    }
    out[o++] = ']';
    out[o] = '\0';
}

static void evidence_json(const sr_event *e, char out[FRAME_JSON_MAX])
{
    size_t o = 0;
    out[o++] = '[';
    for (int i = 0; i < e->n_evidence && i < SR_MAX_EVIDENCE; i++)
        o += (size_t)snprintf(out + o, FRAME_JSON_MAX - o, "%s[%lu,%lu]", i ? "," : "",
                              (unsigned long)e->evidence[i].start,
                              (unsigned long)e->evidence[i].end);
    out[o++] = ']';
    out[o] = '\0';
}

static sr_source_kind source_kind_parse(const char *name)
{
    for (int k = SR_SRC_UNKNOWN; k <= SR_SRC_INTL; k++)
        if (!strcmp(sr_source_kind_name((sr_source_kind)k), name))
            return (sr_source_kind)k;
    return SR_SRC_UNKNOWN;
}

static void parse_figures(const char *js, sr_event *e)
{
    json_t *a = json_loads(js, 0, NULL);
    size_t i;
    json_t *v;
    e->n_figures = 0;
    if (json_is_array(a))
        json_array_foreach(a, i, v)
        {
            if (e->n_figures >= SR_MAX_FIGURES)
                break;
            sr_figure *f = &e->figures[e->n_figures++];
            f->value = (int)json_integer_value(json_object_get(v, "value"));
            const char *src = json_string_value(json_object_get(v, "source"));
            f->source = source_kind_parse(src ? src : "");
            f->where.start = (uint32_t)json_integer_value(json_object_get(v, "start"));
            f->where.end = (uint32_t)json_integer_value(json_object_get(v, "end"));
        }
    json_decref(a);
}

static void parse_evidence(const char *js, sr_event *e)
{
    json_t *a = json_loads(js, 0, NULL);
    size_t i;
    json_t *v;
    e->n_evidence = 0;
    if (json_is_array(a))
        json_array_foreach(a, i, v)
        {
            if (e->n_evidence >= SR_MAX_EVIDENCE)
                break;
            e->evidence[e->n_evidence].start = (uint32_t)json_integer_value(json_array_get(v, 0));
            e->evidence[e->n_evidence].end = (uint32_t)json_integer_value(json_array_get(v, 1));
            e->n_evidence++;
        }
    json_decref(a);
}

/* The columns of an event frame, as stored for a mention (MENTION_COLS, with
 * each actor's lexicon id and country) or for an event (EVENT_COLS, without). */
enum frame_cols { FRAME_EVENT, FRAME_MENTION };

/* Binds text that stays put until the statement has run and is reset or
 * bound again (no copy). */
static void bind_kept(sqlite3_stmt *st, int i, const char *v)
{
    sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

/* Binds the frame columns of e (MENTION_COLS or EVENT_COLS, as cols says)
 * starting at parameter i; e must outlive the statement's next run. */
static void bind_frame(sqlite3_stmt *st, int i, const sr_event *e, enum frame_cols cols)
{
    bind_kept(st, i++, e->event_date);
    sqlite3_bind_int(st, i++, e->date_precision);
    bind_kept(st, i++, e->event_type);
    bind_kept(st, i++, e->sub_event_type);
    bind_kept(st, i++, e->cameo);
    const sr_actor_ref *actors[2] = {&e->actor1, &e->actor2};
    for (int k = 0; k < 2; k++) {
        const sr_actor_ref *a = actors[k];
        bind_kept(st, i++, a->name);
        if (cols == FRAME_MENTION)
            sqlite3_bind_int64(st, i++, a->lex_id == SR_NO_ID ? -1 : (int64_t)a->lex_id);
        sqlite3_bind_int(st, i++, a->inter);
        if (cols == FRAME_MENTION)
            bind_kept(st, i++, a->country);
    }
    bind_kept(st, i++, e->claimed_by);
    bind_kept(st, i++, e->country);
    bind_kept(st, i++, e->admin1);
    bind_kept(st, i++, e->location);
    bind_real(st, i++, e->latitude);
    bind_real(st, i++, e->longitude);
    sqlite3_bind_int(st, i++, e->geo_precision);
    sqlite3_bind_int(st, i++, e->fatalities);
    sqlite3_bind_int(st, i++, e->fatalities_low);
    sqlite3_bind_int(st, i++, e->fatalities_high);
    bind_kept(st, i, sr_status_name(e->status));
}

/* Reads the frame columns (MENTION_COLS or EVENT_COLS, as cols says) starting
 * at column i into e; an event's actors have no lexicon id (SR_NO_ID). */
static void read_frame(sqlite3_stmt *st, int i, sr_event *e, enum frame_cols cols)
{
    memset(e, 0, sizeof *e);
    copy_col(e->event_date, sizeof e->event_date, st, i++);
    e->date_precision = sqlite3_column_int(st, i++);
    copy_col(e->event_type, sizeof e->event_type, st, i++);
    copy_col(e->sub_event_type, sizeof e->sub_event_type, st, i++);
    copy_col(e->cameo, sizeof e->cameo, st, i++);
    sr_actor_ref *actors[2] = {&e->actor1, &e->actor2};
    for (int k = 0; k < 2; k++) {
        sr_actor_ref *a = actors[k];
        copy_col(a->name, sizeof a->name, st, i++);
        a->lex_id = SR_NO_ID;
        if (cols == FRAME_MENTION) {
            int64_t lex = sqlite3_column_int64(st, i++);
            a->lex_id = lex < 0 ? SR_NO_ID : (uint32_t)lex;
        }
        a->inter = sqlite3_column_int(st, i++);
        if (cols == FRAME_MENTION)
            copy_col(a->country, sizeof a->country, st, i++);
    }
    copy_col(e->claimed_by, sizeof e->claimed_by, st, i++);
    copy_col(e->country, sizeof e->country, st, i++);
    copy_col(e->admin1, sizeof e->admin1, st, i++);
    copy_col(e->location, sizeof e->location, st, i++);
    e->latitude = col_real(st, i++);
    e->longitude = col_real(st, i++);
    e->geo_precision = sqlite3_column_int(st, i++);
    e->fatalities = sqlite3_column_int(st, i++);
    e->fatalities_low = sqlite3_column_int(st, i++);
    e->fatalities_high = sqlite3_column_int(st, i++);
    e->status = sr_status_parse(col_text(st, i));
}

/* What read_frame gives back for a mention stored from e (bind_frame with
 * FRAME_MENTION): its frame columns, nothing else. */
static void frame_as_stored(const sr_event *e, sr_event *out)
{
    /* The frame's strings are NUL-terminated in arrays of the sizes they
     * are read back into, so they come back whole. */
    *out = *e;
    out->n_figures = out->n_evidence = 0;
    memset(out->figures, 0, sizeof out->figures);
    memset(out->evidence, 0, sizeof out->evidence);
    out->status = sr_status_parse(sr_status_name(e->status));
}

static int note_actor(sr_store *s, const sr_actor_ref *a, sr_error *err)
{
    if (!a->name[0])
        return SR_OK;
    uint64_t h = sr_fnv1a(SR_FNV_OFFSET, a->name, strlen(a->name)) | 1;
    uint64_t *seen = &s->actor_seen[h % ACTOR_SEEN];
    if (*seen == h)
        return SR_OK;
    sqlite3_stmt *st;
    int rc = prepare(s, "INSERT OR IGNORE INTO actors(name, inter, country) VALUES(?1,?2,?3)",
                     &st, err);
    if (rc)
        return rc;
    bind_text(st, 1, a->name);
    sqlite3_bind_int(st, 2, a->inter);
    bind_text(st, 3, a->country);
    int r = sqlite3_step(st);
    finish(s, st);
    if (r != SQLITE_DONE)
        return db_error(s, r, err, "storing an actor");
    *seen = h;
    return SR_OK;
}

int sr_store_add_actor_alias(sr_store *s, const char *name, const char *alias, sr_error *err)
{
    if (!name || !*name || !alias || !*alias)
        return sr_error_set(err, SR_ERR_ARG, "an alias needs a name and an alias");
    int own, rc = auto_begin(s, &own, err);
    if (rc)
        return rc;
    sqlite3_stmt *st = NULL;
    if (!(rc = prepare(s, "INSERT OR IGNORE INTO actors(name) VALUES(?1)", &st, err))) {
        bind_text(st, 1, name);
        int r = sqlite3_step(st);
        finish(s, st);
        if (r != SQLITE_DONE)
            rc = db_error(s, r, err, "storing an actor");
    }
    if (!rc && !(rc = prepare(s,
                             "INSERT OR IGNORE INTO actor_aliases(actor_id, alias) "
                             "SELECT id, ?2 FROM actors WHERE name = ?1",
                             &st, err))) {
        bind_text(st, 1, name);
        bind_text(st, 2, alias);
        int r = sqlite3_step(st);
        finish(s, st);
        if (r != SQLITE_DONE)
            rc = db_error(s, r, err, "storing an alias");
    }
    return auto_end(s, own, rc, err);
}

int sr_store_add_mentions(sr_store *s, int64_t doc_id, const sr_event *ev, size_t n,
                          sr_error *err)
{
    if (n == 0)
        return SR_OK;
    int own, rc = auto_begin(s, &own, err);
    if (rc)
        return rc;
    /* The document's hash and day are copied into its mentions: from memory
     * for the document just stored, else from its row. */
    int known = doc_id == s->last_doc && s->last_whole;
    sqlite3_stmt *st = NULL;
    rc = prepare(s,
                 known ? "INSERT INTO mentions(document_id, ordinal, " MENTION_COLS
                         ", figures, evidence, doc_hash, doc_published) VALUES(?1,?2,?3,?4,?5,"
                         "?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,"
                         "?24,?25,?26,?27,?28,?29,?30)"
                       : "INSERT INTO mentions(document_id, ordinal, " MENTION_COLS
                         ", figures, evidence, doc_hash, doc_published) SELECT ?1,?2,?3,?4,?5,"
                         "?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,"
                         "?24,?25,?26,?27,?28, d.content_hash, d.published FROM documents d "
                         "WHERE d.id = ?1",
                 &st, err);
    for (size_t i = 0; i < n && !rc; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, doc_id);
        if (known) {
            bind_kept(st, 29, s->last_hash);
            bind_kept(st, 30, s->last_published[0] ? s->last_published : NULL);
        }
        sqlite3_bind_int(st, 2, (int)i);
        bind_frame(st, 3, &ev[i], FRAME_MENTION);
        char fj[FRAME_JSON_MAX], ej[FRAME_JSON_MAX];
        figures_json(&ev[i], fj);
        evidence_json(&ev[i], ej);
        bind_text(st, 27, fj);
        bind_text(st, 28, ej);
        int r = sqlite3_step(st);
        if (r != SQLITE_DONE)
            rc = db_error(s, r, err, "storing a mention");
        else {
            /* No stale entry may stand under its id.  It waits to be merged
             * (sr_store_resolve_new); a mention of the document just stored
             * also goes into the cache as a read would give it back, since
             * merging reads it next. */
            int64_t mid = sqlite3_last_insert_rowid(s->db);
            mcache_drop(&s->mc, mid);
            if (s->n_fresh == s->fresh_cap) {
                size_t cap = s->fresh_cap ? s->fresh_cap * 2 : 1024;
                struct fresh_mention *v = realloc(s->fresh, cap * sizeof *v);
                if (!v) {
                    rc = sr_error_set(err, SR_ERR_NOMEM, "out of memory");
                    break;
                }
                s->fresh = v;
                s->fresh_cap = cap;
            }
            struct fresh_mention *fm = &s->fresh[s->n_fresh++];
            int window;
            fm->id = mid;
            sr_mention_day(ev[i].event_date, ev[i].date_precision, &fm->day, &window);
            snprintf(fm->country, sizeof fm->country, "%s", ev[i].country);
            if (doc_id == s->last_doc && s->mc.n < MCACHE_MAX) {
                mrow row = {.id = mid, .doc_id = doc_id, .ordinal = (int)i};
                snprintf(row.key, sizeof row.key, "%s", s->last_hash);
                memcpy(row.published, s->last_published, sizeof row.published);
                frame_as_stored(&ev[i], &row.ev);
                mcache_put(&s->mc, &row); /* out of memory: read it later */
            }
        }
        if (!rc)
            rc = note_actor(s, &ev[i].actor1, err);
        if (!rc)
            rc = note_actor(s, &ev[i].actor2, err);
    }
    finish(s, st);
    return auto_end(s, own, rc, err);
}

/* ---- resolving --------------------------------------------------------------- */

/* Mentions gathered for one merge, with their ids in an open-addressed set
 * (0 marks a free slot; row ids start at 1) for membership tests. */
typedef struct mset {
    mrow *v;
    size_t n, cap;
    int64_t *ids;
    size_t ids_cap; /* a power of two, at least twice n */
} mset;

static void mset_free(mset *m)
{
    free(m->v);
    free(m->ids);
    *m = (mset){0};
}

static size_t mset_slot(const mset *m, int64_t id)
{
    size_t mask = m->ids_cap - 1;
    size_t i = (size_t)(((uint64_t)id * 0x9e3779b97f4a7c15ULL) >> 32) & mask;
    while (m->ids[i] && m->ids[i] != id)
        i = (i + 1) & mask;
    return i;
}

static int mset_has(const mset *m, int64_t id)
{
    return m->ids_cap && m->ids[mset_slot(m, id)] == id;
}

/* Adds a copy of row unless its id is in already; SR_ERR_NOMEM when out
 * of memory. */
static int mset_add(mset *m, const mrow *row)
{
    if (mset_has(m, row->id))
        return SR_OK;
    if (2 * (m->n + 1) > m->ids_cap) {
        size_t cap = m->ids_cap ? m->ids_cap * 2 : 64;
        int64_t *ids = calloc(cap, sizeof *ids);
        if (!ids)
            return SR_ERR_NOMEM;
        int64_t *old = m->ids;
        size_t old_cap = m->ids_cap;
        m->ids = ids;
        m->ids_cap = cap;
        for (size_t i = 0; i < old_cap; i++)
            if (old[i])
                m->ids[mset_slot(m, old[i])] = old[i];
        free(old);
    }
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 16;
        mrow *v = realloc(m->v, cap * sizeof *v);
        if (!v)
            return SR_ERR_NOMEM;
        m->v = v;
        m->cap = cap;
    }
    m->v[m->n++] = *row;
    m->ids[mset_slot(m, row->id)] = row->id;
    return SR_OK;
}

#define MROW_SELECT                                                                  \
    "SELECT m.id, m.document_id, m.ordinal, m.doc_hash, " MENTION_COLS               \
    ", m.doc_published, coalesce(em.event_id, 0) FROM mentions m LEFT JOIN "          \
    "event_mentions em ON em.mention_id = m.id "

static void read_mrow(sqlite3_stmt *st, mrow *r)
{
    r->id = sqlite3_column_int64(st, 0);
    r->doc_id = sqlite3_column_int64(st, 1);
    r->ordinal = sqlite3_column_int(st, 2);
    copy_col(r->key, sizeof r->key, st, 3);
    read_frame(st, 4, &r->ev, FRAME_MENTION);
    copy_col(r->published, sizeof r->published, st, 28);
    r->event_id = sqlite3_column_int64(st, 29);
}

/* Collects the mentions to re-cluster with new ones (the seeds): the
 * connected component of compatible mentions, explored from the mentions
 * dated within COMPONENT_REACH days of the seeds (a cluster never spans more
 * than the widest date window, so mentions farther out cannot share an event
 * with the new ones; this keeps a town with fighting every day from chaining
 * years of reports into one component), closed over the events its members
 * already belong to (so no event is split between re-clustered and untouched
 * mentions), and at most COMPONENT_MAX mentions. */
#define COMPONENT_REACH 32
#define COMPONENT_MAX 5000

/* Mentions loaded as merge candidates: their ids, days and date windows
 * from the index, and their cache entries once a comparison needs them
 * (valid until the merge ends). */
typedef struct cset {
    int64_t *id;
    int32_t *day;
    int *window;
    mcache_ent **ent; /* NULL until fetched */
    char *taken;      /* already in the component, or of the document itself */
    size_t n, cap;
    /* By day, from day `base` on: the last candidate of each day (head) and
     * the one before it on the same day (prev); SIZE_MAX ends a list. */
    int32_t base;
    size_t span;
    size_t *head, *prev;
} cset;

static void cset_free(cset *c)
{
    free(c->id);
    free(c->day);
    free(c->window);
    free(c->ent);
    free(c->taken);
    free(c->head);
    free(c->prev);
}

/* Indexes the candidates by day over lo..hi (every candidate's day is in
 * it, or unusable). */
static int cset_index(cset *c, int32_t lo, int32_t hi)
{
    size_t span = (size_t)((int64_t)hi - lo + 1);
    size_t *head = realloc(c->head, span * sizeof *head);
    if (!head)
        return SR_ERR_NOMEM;
    c->head = head;
    size_t *prev = realloc(c->prev, (c->n ? c->n : 1) * sizeof *prev);
    if (!prev)
        return SR_ERR_NOMEM;
    c->prev = prev;
    c->base = lo;
    c->span = span;
    for (size_t d = 0; d < span; d++)
        head[d] = SIZE_MAX;
    for (size_t i = 0; i < c->n; i++) {
        int32_t d = c->day[i];
        if (d == INT32_MIN || d < lo || d > hi) {
            prev[i] = SIZE_MAX;
            continue;
        }
        prev[i] = head[d - lo];
        head[d - lo] = i;
    }
    return SR_OK;
}

static int cset_grow(cset *c)
{
    size_t cap = c->cap ? c->cap * 2 : 256;
    int64_t *id = realloc(c->id, cap * sizeof *id);
    if (id)
        c->id = id;
    int32_t *day = id ? realloc(c->day, cap * sizeof *day) : NULL;
    if (day)
        c->day = day;
    int *window = day ? realloc(c->window, cap * sizeof *window) : NULL;
    if (window)
        c->window = window;
    mcache_ent **ent = window ? realloc(c->ent, cap * sizeof *ent) : NULL;
    if (ent)
        c->ent = ent;
    char *taken = ent ? realloc(c->taken, cap) : NULL;
    if (!taken)
        return SR_ERR_NOMEM;
    c->taken = taken;
    c->cap = cap;
    return SR_OK;
}

/* The cache entry of stored mention id, read from the store on a miss. */
static int cached_mention(sr_store *s, int64_t id, mcache_ent **out, sr_error *err)
{
    if ((*out = mcache_get(&s->mc, id)))
        return SR_OK;
    sqlite3_stmt *st;
    int rc = prepare(s, MROW_SELECT "WHERE m.id = ?1", &st, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        mrow row;
        read_mrow(st, &row);
        if (!(*out = mcache_put(&s->mc, &row)))
            rc = sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    } else
        rc = db_error(s, r == SQLITE_DONE ? SQLITE_CORRUPT : r, err, "reading a mention");
    finish(s, st);
    return rc;
}

/* Appends the mentions dated lo..hi (inclusive) of the country ("" for any),
 * as the (country, date, precision) index names them. */
static int load_slice(sr_store *s, const char *lo, const char *hi, const char *country,
                      cset *c, sr_error *err)
{
    sqlite3_stmt *st;
    /* One country (the usual case): the index reads only that country's
     * mentions and those without a country, and answers alone. */
    int rc = country[0] ? prepare(s,
                                  "SELECT m.id, m.event_date, m.date_precision FROM mentions m "
                                  "WHERE m.country IN (?3, '') AND m.event_date BETWEEN ?1 AND ?2",
                                  &st, err)
                        : prepare(s,
                                  "SELECT m.id, m.event_date, m.date_precision FROM mentions m "
                                  "WHERE m.event_date BETWEEN ?1 AND ?2",
                                  &st, err);
    if (rc)
        return rc;
    bind_text(st, 1, lo);
    bind_text(st, 2, hi);
    if (country[0])
        bind_text(st, 3, country);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        if (c->n == c->cap && cset_grow(c) != SR_OK) {
            rc = sr_error_set(err, SR_ERR_NOMEM, "out of memory");
            break;
        }
        /* The date as read into a mention (see read_frame). */
        char date[sizeof ((sr_event *)0)->event_date];
        copy_col(date, sizeof date, st, 1);
        c->id[c->n] = sqlite3_column_int64(st, 0);
        sr_mention_day(date, sqlite3_column_int(st, 2), &c->day[c->n], &c->window[c->n]);
        c->ent[c->n] = NULL;
        c->taken[c->n++] = 0;
    }
    finish(s, st);
    if (!rc && r != SQLITE_DONE)
        rc = db_error(s, r, err, "reading mentions");
    return rc;
}

/* Which stored mentions a merge has loaded as candidates: those of the
 * country (and those without one; any when country is ""), dated lo..hi. */
typedef struct cand_range {
    const char *country, *lo, *hi;
} cand_range;

static int in_range(const mrow *m, const cand_range *r)
{
    return (!r->country[0] || !m->ev.country[0] || !strcmp(m->ev.country, r->country)) &&
           strcmp(m->ev.event_date, r->lo) >= 0 && strcmp(m->ev.event_date, r->hi) <= 0;
}

/* Adds the stored members of event ev that comp lacks (only those within
 * range r when r is not NULL). */
static int add_event_members(sr_store *s, int64_t ev, const cand_range *r, mset *comp,
                             sr_error *err)
{
    sqlite3_stmt *st;
    int rc = prepare(s, "SELECT mention_id FROM event_mentions WHERE event_id = ?1", &st, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, ev);
    int x;
    while ((x = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        if (mset_has(comp, id))
            continue;
        mcache_ent *e;
        if ((rc = cached_mention(s, id, &e, err)))
            break;
        if (r && !in_range(&e->row, r))
            continue;
        if (mset_add(comp, &e->row)) {
            rc = sr_error_set(err, SR_ERR_NOMEM, "out of memory");
            break;
        }
    }
    finish(s, st);
    if (!rc && x != SQLITE_DONE && x != SQLITE_ROW)
        rc = db_error(s, x, err, "reading event members");
    return rc;
}

/* The key of each member of comp, and how many candidates each has been
 * compared with, grown along with comp. */
typedef struct member_keys {
    sr_mention_key *key;
    size_t *checked;
    size_t cap;
} member_keys;

static int member_keys_fit(member_keys *k, size_t n)
{
    if (n <= k->cap)
        return SR_OK;
    size_t cap = k->cap ? k->cap * 2 : 64;
    while (cap < n)
        cap *= 2;
    sr_mention_key *nk = realloc(k->key, cap * sizeof *nk);
    if (nk)
        k->key = nk;
    size_t *nc = nk ? realloc(k->checked, cap * sizeof *nc) : NULL;
    if (!nk || !nc)
        return SR_ERR_NOMEM;
    k->checked = nc;
    k->cap = cap;
    return SR_OK;
}

/* comp holds the seeds on entry and their component on return.  Dates are
 * compared as day numbers (the keys' days; a member whose date is unusable
 * matches nothing and reaches nothing). */
static int collect_component(sr_store *s, mset *comp, sr_error *err)
{
    char country[3] = "";
    int one_country = 1;
    for (size_t i = 0; i < comp->n; i++) {
        const mrow *m = &comp->v[i];
        if (i == 0)
            memcpy(country, m->ev.country, sizeof country);
        else if (strcmp(country, m->ev.country) != 0)
            one_country = 0;
    }
    if (!one_country)
        country[0] = '\0';

    cset cand = {0};
    member_keys mk = {0};
    int rc = SR_OK;
    if (member_keys_fit(&mk, comp->n + 16)) {
        rc = sr_error_set(err, SR_ERR_NOMEM, "out of memory");
        goto done;
    }
    int32_t reach_lo = INT32_MAX, reach_hi = INT32_MIN;
    for (size_t i = 0; i < comp->n; i++) {
        sr_mention_key_init(&comp->v[i].ev, &mk.key[i]);
        mk.checked[i] = 0;
        int32_t d = mk.key[i].day;
        if (d == INT32_MIN)
            continue;
        if (d - COMPONENT_REACH < reach_lo)
            reach_lo = d - COMPONENT_REACH;
        if (d + COMPONENT_REACH > reach_hi)
            reach_hi = d + COMPONENT_REACH;
    }
    /* Loaded days: none yet (lo > hi). */
    int32_t loaded_lo = INT32_MAX, loaded_hi = INT32_MIN;
    if (reach_lo > reach_hi)
        goto close; /* no usable dates: nothing to merge with */

    /* Candidates are loaded by date as the component needs them: the days
     * within the widest window of its members, starting from the seeds. */
    for (int changed = 1; changed && !rc;) {
        changed = 0;
        /* Compare every expandable member with the candidates it has not seen. */
        for (size_t q = 0; q < comp->n && !rc && comp->n < COMPONENT_MAX; q++) {
            int32_t dq = mk.key[q].day;
            if (dq == INT32_MIN || dq < reach_lo || dq > reach_hi) {
                mk.checked[q] = cand.n;
                continue;
            }
            /* Candidates of the days within the widest window of the
             * member, newest first, down to those it has already seen. */
            int64_t dlo = (int64_t)dq - SR_MAX_DATE_WINDOW;
            int64_t dhi = (int64_t)dq + SR_MAX_DATE_WINDOW;
            if (dlo < cand.base)
                dlo = cand.base;
            if (dhi > (int64_t)cand.base + (int64_t)cand.span - 1)
                dhi = (int64_t)cand.base + (int64_t)cand.span - 1;
            for (int64_t dd = dlo; dd <= dhi && !rc; dd++) {
                size_t seen = mk.checked[q];
                for (size_t i = cand.head[dd - cand.base]; i != SIZE_MAX && i >= seen && !rc;
                     i = cand.prev[i]) {
                    if (cand.taken[i])
                        continue;
                    /* The test sr_mentions_compatible_keyed starts with, on the
                     * index's dates: most candidates go no further. */
                    int32_t di = cand.day[i];
                    int w = mk.key[q].window > cand.window[i] ? mk.key[q].window : cand.window[i];
                    if (di == INT32_MIN || abs(dq - di) > w)
                        continue;
                    if (mset_has(comp, cand.id[i])) { /* a seed, or in by its event */
                        cand.taken[i] = 1;
                        continue;
                    }
                    if (!cand.ent[i] && (rc = cached_mention(s, cand.id[i], &cand.ent[i], err)))
                        break;
                    /* comp->v and mk may move as the component grows: index afresh. */
                    if (!sr_mentions_compatible_keyed(&comp->v[q].ev, &mk.key[q],
                                                      &cand.ent[i]->row.ev, &cand.ent[i]->key))
                        continue;
                    cand.taken[i] = 1;
                    if (mset_add(comp, &cand.ent[i]->row) || member_keys_fit(&mk, comp->n)) {
                        rc = sr_error_set(err, SR_ERR_NOMEM, "out of memory");
                        break;
                    }
                    mk.key[comp->n - 1] = cand.ent[i]->key;
                    mk.checked[comp->n - 1] = 0;
                    changed = 1;
                }
            }
            mk.checked[q] = cand.n;
        }
        if (rc)
            break;
        /* The days the expandable members could match. */
        int32_t need_lo = INT32_MAX, need_hi = INT32_MIN;
        for (size_t q = 0; q < comp->n; q++) {
            int32_t d = mk.key[q].day;
            if (d == INT32_MIN || d < reach_lo || d > reach_hi)
                continue;
            if (d - SR_MAX_DATE_WINDOW < need_lo)
                need_lo = d - SR_MAX_DATE_WINDOW;
            if (d + SR_MAX_DATE_WINDOW > need_hi)
                need_hi = d + SR_MAX_DATE_WINDOW;
        }
        if (need_lo > need_hi)
            break;
        char lo[11], hi[11];
        if (loaded_lo > loaded_hi) { /* first load */
            sr_date_format(need_lo, lo);
            sr_date_format(need_hi, hi);
            rc = load_slice(s, lo, hi, country, &cand, err);
            loaded_lo = need_lo;
            loaded_hi = need_hi;
            if (!rc && cset_index(&cand, loaded_lo, loaded_hi))
                rc = sr_error_set(err, SR_ERR_NOMEM, "out of memory");
            changed = 1;
            continue;
        }
        if (need_lo < loaded_lo) {
            sr_date_format(need_lo, lo);
            sr_date_format(loaded_lo - 1, hi);
            rc = load_slice(s, lo, hi, country, &cand, err);
            loaded_lo = need_lo;
            changed = 1;
        }
        if (!rc && need_hi > loaded_hi) {
            sr_date_format(loaded_hi + 1, lo);
            sr_date_format(need_hi, hi);
            rc = load_slice(s, lo, hi, country, &cand, err);
            loaded_hi = need_hi;
            changed = 1;
        }
        if (!rc && changed && cset_index(&cand, loaded_lo, loaded_hi))
            rc = sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    }
close:;
    /* Keep whole events: members of the component's events come along
     * (those among the loaded candidates, or all when an event may reach
     * past the loaded days). */
    char range_lo[11] = "", range_hi[11] = "";
    if (loaded_lo <= loaded_hi) {
        sr_date_format(loaded_lo, range_lo);
        sr_date_format(loaded_hi, range_hi);
    }
    cand_range range = {country, range_lo, range_hi};
    size_t n0 = comp->n;
    for (size_t q = 0; q < n0 && !rc; q++) {
        int64_t ev = comp->v[q].event_id;
        int done = !ev;
        for (size_t p = 0; p < q && !done; p++)
            done = comp->v[p].event_id == ev;
        if (done)
            continue;
        int32_t d = mk.key[q].day;
        if (loaded_lo > loaded_hi || d == INT32_MIN || d - SR_MAX_DATE_WINDOW < loaded_lo ||
            d + SR_MAX_DATE_WINDOW > loaded_hi) {
            rc = add_event_members(s, ev, NULL, comp, err);
            continue;
        }
        rc = add_event_members(s, ev, &range, comp, err);
    }
done:
    cset_free(&cand);
    free(mk.key);
    free(mk.checked);
    return rc;
}

#define EVENT_COLS                                                                     \
    "event_date, date_precision, event_type, sub_event_type, cameo, actor1, inter1, "  \
    "actor2, inter2, claimed_by, country, admin1, location, latitude, longitude, "     \
    "geo_precision, fatalities, fatalities_low, fatalities_high, status"

/* The columns of events that some index holds. */
#define EVENT_INDEXED "country, event_date, admin1, actor1, actor2, event_type, fatalities"

static int col_is(sqlite3_stmt *st, int i, const char *v)
{
    return sqlite3_column_type(st, i) == SQLITE_TEXT && strcmp(col_text(st, i), v) == 0;
}

/* *same = 1 when stored event id (read with q, the SELECT of EVENT_INDEXED)
 * has e's values in every indexed column, byte for byte. */
static int indexed_unchanged(sr_store *s, sqlite3_stmt *q, int64_t id, const sr_event *e,
                             int *same, sr_error *err)
{
    sqlite3_reset(q);
    sqlite3_bind_int64(q, 1, id);
    int r = sqlite3_step(q);
    if (r != SQLITE_ROW) {
        *same = 0;
        sqlite3_reset(q);
        return r == SQLITE_DONE ? SR_OK : db_error(s, r, err, "reading an event");
    }
    *same = col_is(q, 0, e->country) && col_is(q, 1, e->event_date) &&
            col_is(q, 2, e->admin1) && col_is(q, 3, e->actor1.name) &&
            col_is(q, 4, e->actor2.name) && col_is(q, 5, e->event_type) &&
            sqlite3_column_type(q, 6) == SQLITE_INTEGER &&
            sqlite3_column_int64(q, 6) == e->fatalities;
    sqlite3_reset(q);
    return SR_OK;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* Writes the clustering of comp: an event whose members are unchanged is
 * left alone; a changed one keeps the oldest id its members had (so event
 * ids stay stable as reports arrive); events absorbed into others are
 * deleted; mentions are relinked only when their event changes. */
static int write_clusters(sr_store *s, mset *comp, sr_resolve_stats *stats, sr_error *err)
{
    size_t n = comp->n;
    int rc = SR_OK;
    sr_resolve_item *items = calloc(n, sizeof *items);
    size_t *clu = calloc(n, sizeof *clu);
    int64_t *old_event = calloc(n, sizeof *old_event);
    int64_t *olds = calloc(n, sizeof *olds);
    size_t *old_size = calloc(n, sizeof *old_size);
    int *taken = calloc(n, sizeof *taken);
    const sr_event **evs = calloc(n, sizeof *evs);
    const char **pubs = calloc(n, sizeof *pubs);
    size_t *memb = calloc(n, sizeof *memb);
    sqlite3_stmt *relink = NULL, *link = NULL, *upd = NULL, *ins = NULL, *del = NULL,
                 *light = NULL, *oldq = NULL;
    if (!items || !clu || !old_event || !olds || !old_size || !taken || !evs || !pubs || !memb) {
        rc = sr_error_set(err, SR_ERR_NOMEM, "out of memory while resolving");
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        items[i] = (sr_resolve_item){&comp->v[i].ev, comp->v[i].key, comp->v[i].doc_id,
                                     comp->v[i].ordinal};
    size_t nc;
    if ((rc = sr_resolve_cluster(items, n, clu, &nc, err)))
        goto done;
    if ((rc = prepare(s, "UPDATE event_mentions SET event_id = ?1 WHERE mention_id = ?2", &relink,
                      err)) ||
        (rc = prepare(s, "INSERT INTO event_mentions(event_id, mention_id) VALUES(?1,?2)", &link,
                      err)) ||
        (rc = prepare(s,
                      "UPDATE events SET (" EVENT_COLS ", n_sources, updated_at) = "
                      "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,"
                      "?21,?22) WHERE id = ?23",
                      &upd, err)) ||
        (rc = prepare(s,
                      "INSERT INTO events(" EVENT_COLS ", n_sources, updated_at, origin) "
                      "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,"
                      "?19,?20,?21,?22,'extracted')",
                      &ins, err)) ||
        (rc = prepare(s, "DELETE FROM events WHERE id = ?1", &del, err)) ||
        /* The same update when no indexed column changes: it leaves the
         * indexes alone (same parameter numbers as upd). */
        (rc = prepare(s,
                      "UPDATE events SET date_precision = ?2, sub_event_type = ?4, cameo = ?5, "
                      "inter1 = ?7, inter2 = ?9, claimed_by = ?10, location = ?13, "
                      "latitude = ?14, longitude = ?15, geo_precision = ?16, "
                      "fatalities_low = ?18, fatalities_high = ?19, status = ?20, "
                      "n_sources = ?21, updated_at = ?22 WHERE id = ?23",
                      &light, err)) ||
        (rc = prepare(s,
                      "SELECT " EVENT_INDEXED " FROM events WHERE id = ?1", &oldq, err)))
        goto done;
    size_t nold = 0;
    for (size_t i = 0; i < n; i++) {
        old_event[i] = comp->v[i].event_id;
        if (old_event[i]) {
            int seen = 0;
            for (size_t k = 0; k < nold; k++)
                seen |= olds[k] == old_event[i];
            if (!seen)
                olds[nold++] = old_event[i];
        }
    }
    qsort(olds, nold, sizeof *olds, cmp_i64);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < nold; k++)
            if (old_event[i] == olds[k])
                old_size[k]++;
    char now[32];
    now_iso(now);
    for (size_t c = 0; c < nc; c++) {
        /* Members in stable order. */
        size_t nm = 0;
        for (size_t i = 0; i < n; i++)
            if (clu[i] == c)
                memb[nm++] = i;
        for (size_t a = 1; a < nm; a++) /* insertion sort by stable key */
            for (size_t b = a; b > 0 && sr_resolve_item_cmp(&items[memb[b]],
                                                            &items[memb[b - 1]]) < 0;
                 b--) {
                size_t t = memb[b];
                memb[b] = memb[b - 1];
                memb[b - 1] = t;
            }
        /* Reuse the oldest event id any member had, if still free. */
        int64_t eid = 0;
        size_t ek = 0;
        for (size_t k = 0; k < nold && !eid; k++) {
            if (taken[k])
                continue;
            for (size_t a = 0; a < nm; a++)
                if (old_event[memb[a]] == olds[k]) {
                    eid = olds[k];
                    ek = k;
                    taken[k] = 1;
                    break;
                }
        }
        int unchanged = eid && old_size[ek] == nm;
        for (size_t a = 0; a < nm && unchanged; a++)
            unchanged = old_event[memb[a]] == eid;
        if (unchanged)
            continue; /* same members, so the same event */
        int ndocs = 0;
        for (size_t a = 0; a < nm; a++) {
            evs[a] = &comp->v[memb[a]].ev;
            pubs[a] = comp->v[memb[a]].published;
            int dup = 0;
            for (size_t b = 0; b < a; b++)
                dup |= comp->v[memb[b]].doc_id == comp->v[memb[a]].doc_id;
            ndocs += !dup;
        }
        sr_event merged;
        sr_resolve_reconcile_dated(evs, pubs, nm, &merged);
        sqlite3_stmt *w = ins;
        if (eid) {
            int same;
            if ((rc = indexed_unchanged(s, oldq, eid, &merged, &same, err)))
                goto done;
            w = same ? light : upd;
        }
        sqlite3_reset(w);
        bind_frame(w, 1, &merged, FRAME_EVENT);
        sqlite3_bind_int(w, 21, ndocs);
        bind_text(w, 22, now);
        if (eid)
            sqlite3_bind_int64(w, 23, eid);
        if (sqlite3_step(w) != SQLITE_DONE) {
            rc = db_error(s, sqlite3_errcode(s->db), err, "storing an event");
            goto done;
        }
        if (!eid) {
            eid = sqlite3_last_insert_rowid(s->db);
            if (stats)
                stats->events_created++;
        } else if (stats)
            stats->events_updated++;
        for (size_t a = 0; a < nm; a++) {
            int64_t old = old_event[memb[a]];
            if (old == eid)
                continue;
            sqlite3_stmt *l = old ? relink : link;
            sqlite3_reset(l);
            sqlite3_bind_int64(l, 1, eid);
            sqlite3_bind_int64(l, 2, comp->v[memb[a]].id);
            if (sqlite3_step(l) != SQLITE_DONE) {
                rc = db_error(s, sqlite3_errcode(s->db), err, "linking a mention");
                goto done;
            }
            mcache_ent *ce = mcache_get(&s->mc, comp->v[memb[a]].id);
            if (ce)
                ce->row.event_id = eid;
        }
    }
    /* Old events no cluster took over have been absorbed (their mentions
     * are all linked elsewhere by now). */
    for (size_t k = 0; k < nold; k++) {
        if (taken[k])
            continue;
        sqlite3_reset(del);
        sqlite3_bind_int64(del, 1, olds[k]);
        if (sqlite3_step(del) != SQLITE_DONE) {
            rc = db_error(s, sqlite3_errcode(s->db), err, "removing a merged event");
            goto done;
        }
        if (stats)
            stats->events_deleted++;
    }
done:
    finish(s, relink);
    finish(s, link);
    finish(s, upd);
    finish(s, ins);
    finish(s, del);
    finish(s, light);
    finish(s, oldq);
    free(items);
    free(clu);
    free(old_event);
    free(olds);
    free(old_size);
    free(taken);
    free(evs);
    free(pubs);
    free(memb);
    return rc;
}

/* A new mention to merge: where it is, for grouping (day INT32_MIN when
 * undated). */
typedef struct fresh_mention seed;

static int seed_cmp(const void *x, const void *y)
{
    const seed *a = x, *b = y;
    int c = strcmp(a->country, b->country);
    if (c)
        return c;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

/* Resolves seeds[0..n) — one country, dates close together — as one
 * component. */
static int resolve_group(sr_store *s, const seed *seeds, size_t n, sr_resolve_stats *stats,
                         sr_error *err)
{
    if (s->mc.n > MCACHE_MAX)
        mcache_clear(&s->mc);
    mset comp = {0};
    int rc = SR_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        mcache_ent *e;
        /* Read now, not when the batch began: an earlier group may have
         * linked it to an event since. */
        if (!(rc = cached_mention(s, seeds[i].id, &e, err)) && mset_add(&comp, &e->row))
            rc = sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    }
    if (!rc)
        rc = collect_component(s, &comp, err);
    if (!rc && comp.n)
        rc = write_clusters(s, &comp, stats, err);
    mset_free(&comp);
    return rc;
}

/* Groups of one country whose dates leave no gap that a component could
 * bridge; each is resolved against the store as the groups before it left
 * it.  Sorts seeds. */
static int resolve_seeds(sr_store *s, seed *seeds, size_t n, sr_resolve_stats *stats,
                         sr_error *err)
{
    int rc = SR_OK;
    qsort(seeds, n, sizeof *seeds, seed_cmp);
    for (size_t i = 0; i < n && !rc;) {
        size_t j = i + 1;
        while (j < n && !strcmp(seeds[j].country, seeds[i].country) &&
               (seeds[j - 1].day == INT32_MIN) == (seeds[j].day == INT32_MIN) &&
               (seeds[j].day == INT32_MIN ||
                (int64_t)seeds[j].day - seeds[j - 1].day <= 2 * COMPONENT_REACH))
            j++;
        rc = resolve_group(s, seeds + i, j - i, stats, err);
        i = j;
    }
    return rc;
}

int sr_store_resolve_docs(sr_store *s, const int64_t *doc_ids, size_t ndocs,
                          sr_resolve_stats *stats, sr_error *err)
{
    if (ndocs == 0)
        return SR_OK;
    int own, rc = auto_begin(s, &own, err);
    if (rc)
        return rc;
    seed *seeds = NULL;
    size_t n = 0, cap = 0;
    sqlite3_stmt *st = NULL;
    rc = prepare(s, "SELECT id, country, event_date, date_precision FROM mentions "
                    "WHERE document_id = ?1", &st, err);
    for (size_t d = 0; d < ndocs && !rc; d++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, doc_ids[d]);
        int r;
        while ((r = sqlite3_step(st)) == SQLITE_ROW) {
            if (n == cap) {
                size_t nc = cap ? cap * 2 : 64;
                seed *v = realloc(seeds, nc * sizeof *v);
                if (!v) {
                    rc = sr_error_set(err, SR_ERR_NOMEM, "out of memory");
                    break;
                }
                seeds = v;
                cap = nc;
            }
            seed *x = &seeds[n++];
            x->id = sqlite3_column_int64(st, 0);
            copy_col(x->country, sizeof x->country, st, 1);
            char date[sizeof((sr_event *)0)->event_date];
            int window;
            copy_col(date, sizeof date, st, 2);
            sr_mention_day(date, sqlite3_column_int(st, 3), &x->day, &window);
        }
        if (!rc && r != SQLITE_DONE)
            rc = db_error(s, r, err, "reading mentions");
    }
    finish(s, st);
    if (!rc)
        rc = resolve_seeds(s, seeds, n, stats, err);
    free(seeds);
    return auto_end(s, own, rc, err);
}

int sr_store_resolve_new(sr_store *s, sr_resolve_stats *stats, sr_error *err)
{
    if (!s->n_fresh)
        return SR_OK;
    seed *seeds = malloc(s->n_fresh * sizeof *seeds);
    if (!seeds)
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    size_t n = s->n_fresh;
    memcpy(seeds, s->fresh, n * sizeof *seeds);
    int own, rc = auto_begin(s, &own, err);
    if (!rc) {
        rc = resolve_seeds(s, seeds, n, stats, err);
        rc = auto_end(s, own, rc, err);
    }
    free(seeds);
    if (!rc)
        s->n_fresh = s->fresh_mark = 0;
    return rc;
}

int sr_store_resolve(sr_store *s, int64_t doc_id, sr_resolve_stats *stats, sr_error *err)
{
    return sr_store_resolve_docs(s, &doc_id, 1, stats, err);
}

/* ---- events from elsewhere ------------------------------------------------------ */

int sr_store_put_event(sr_store *s, const sr_event *ev, const char *origin,
                       const char *origin_id, const char *notes, int64_t *id, int *created,
                       sr_error *err)
{
    if (!origin || !strcmp(origin, "extracted") || !origin_id || !*origin_id)
        return sr_error_set(err, SR_ERR_ARG, "an imported event needs an origin and an id");
    int own, rc = auto_begin(s, &own, err);
    if (rc)
        return rc;
    sqlite3_stmt *st = NULL;
    int64_t existing = 0;
    if ((rc = prepare(s, "SELECT id FROM events WHERE origin = ?1 AND origin_id = ?2 "
                      "AND origin <> 'extracted'", &st,
                      err)))
        goto done;
    bind_text(st, 1, origin);
    bind_text(st, 2, origin_id);
    if (sqlite3_step(st) == SQLITE_ROW)
        existing = sqlite3_column_int64(st, 0);
    finish(s, st);
    st = NULL;
    char now[32];
    now_iso(now);
    if (existing)
        rc = prepare(s,
                     "UPDATE events SET (" EVENT_COLS ", n_sources, notes, updated_at) = "
                     "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,"
                     "1,?21,?22) WHERE id = ?23",
                     &st, err);
    else
        rc = prepare(s,
                     "INSERT INTO events(" EVENT_COLS ", n_sources, notes, updated_at, origin, "
                     "origin_id) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,"
                     "?17,?18,?19,?20,1,?21,?22,?24,?25)",
                     &st, err);
    if (rc)
        goto done;
    bind_frame(st, 1, ev, FRAME_EVENT);
    bind_text(st, 21, notes ? notes : "");
    bind_text(st, 22, now);
    if (existing)
        sqlite3_bind_int64(st, 23, existing);
    else {
        bind_text(st, 24, origin);
        bind_text(st, 25, origin_id);
    }
    int r = sqlite3_step(st);
    if (r != SQLITE_DONE) {
        rc = db_error(s, r, err, "storing an event");
        goto done;
    }
    if (id)
        *id = existing ? existing : sqlite3_last_insert_rowid(s->db);
    if (created)
        *created = !existing;
done:
    finish(s, st);
    return auto_end(s, own, rc, err);
}

/* ---- queries ------------------------------------------------------------------------ */

void sr_event_filter_init(sr_event_filter *f)
{
    memset(f, 0, sizeof *f);
    f->min_fatalities = -1;
}

/* A growing SQL string with its parameters (all text or real). */
typedef struct qbuf {
    char sql[4096];
    size_t len;
    int nparam;
    struct {
        int is_real;
        const char *text;
        double real;
    } param[24];
} qbuf;

static void q_add(qbuf *q, const char *s)
{
    size_t n = strlen(s);
    if (q->len + n < sizeof q->sql) {
        memcpy(q->sql + q->len, s, n + 1);
        q->len += n;
    }
}

/* Appends " AND clause", each "?" in clause becoming ?N of the parameter just
 * added (N = q->nparam). */
static void q_clause(qbuf *q, const char *clause)
{
    char buf[512];
    size_t o = 0;
    for (const char *p = clause; *p && o + 8 < sizeof buf; p++) {
        if (*p == '?')
            o += (size_t)snprintf(buf + o, sizeof buf - o, "?%d", q->nparam);
        else
            buf[o++] = *p;
    }
    buf[o] = '\0';
    q_add(q, " AND ");
    q_add(q, buf);
}

static void q_text(qbuf *q, const char *clause, const char *v)
{
    if (q->nparam >= 24)
        return;
    q->param[q->nparam].is_real = 0;
    q->param[q->nparam].text = v;
    q->nparam++;
    q_clause(q, clause);
}

static void q_real(qbuf *q, const char *clause, double v)
{
    if (q->nparam >= 24)
        return;
    q->param[q->nparam].is_real = 1;
    q->param[q->nparam].real = v;
    q->nparam++;
    q_clause(q, clause);
}

static void filter_where(qbuf *q, const sr_event_filter *f, char country[3])
{
    q_add(q, " WHERE 1");
    if (!f)
        return;
    if (f->country && *f->country) {
        snprintf(country, 3, "%s", f->country);
        for (int i = 0; country[i]; i++)
            if (country[i] >= 'a' && country[i] <= 'z')
                country[i] = (char)(country[i] - 32);
        q_text(q, "e.country = ?", country);
    }
    if (f->admin1 && *f->admin1)
        q_text(q, "e.admin1 = ? COLLATE NOCASE", f->admin1);
    if (f->actor && *f->actor)
        q_text(q,
               "(e.actor1 LIKE '%' || ? || '%' OR e.actor2 LIKE '%' || ? || '%' "
               "OR e.claimed_by LIKE '%' || ? || '%' OR e.actor1 IN (SELECT a.name FROM "
               "actors a JOIN actor_aliases x ON x.actor_id = a.id WHERE x.alias = ?) OR "
               "e.actor2 IN (SELECT a.name FROM actors a JOIN actor_aliases x ON "
               "x.actor_id = a.id WHERE x.alias = ?))",
               f->actor);
    if (f->event_type && *f->event_type)
        q_text(q, "(e.event_type = ? COLLATE NOCASE OR e.sub_event_type = ? COLLATE NOCASE)",
               f->event_type);
    if (f->since && *f->since)
        q_text(q, "e.event_date >= ?", f->since);
    if (f->until && *f->until)
        q_text(q, "e.event_date <= ?", f->until);
    if (f->has_bbox) {
        q_real(q, "e.latitude >= ?", f->south);
        q_real(q, "e.latitude <= ?", f->north);
        if (f->west <= f->east) {
            q_real(q, "e.longitude >= ?", f->west);
            q_real(q, "e.longitude <= ?", f->east);
        } else { /* across the antimeridian: west > east */
            q_real(q, "(e.longitude >= ? OR e.longitude <= ", f->west);
            char east[64];
            snprintf(east, sizeof east, "%.9g)", f->east);
            q_add(q, east);
        }
    }
    if (f->min_fatalities >= 0)
        q_real(q, "e.fatalities >= ?", (double)f->min_fatalities);
    if (f->source && *f->source)
        q_text(q,
               "EXISTS (SELECT 1 FROM event_mentions em JOIN mentions m ON m.id = em.mention_id "
               "JOIN documents d ON d.id = m.document_id WHERE em.event_id = e.id AND "
               "(d.doc_key = ? OR d.url = ? OR d.outlet = ? COLLATE NOCASE))",
               f->source);
    if (f->origin && *f->origin)
        q_text(q, "e.origin = ?", f->origin);
}

static void q_bind(sqlite3_stmt *st, const qbuf *q)
{
    for (int i = 0; i < q->nparam; i++) {
        if (q->param[i].is_real)
            sqlite3_bind_double(st, i + 1, q->param[i].real);
        else
            bind_text(st, i + 1, q->param[i].text);
    }
}

/* The doc_keys of the documents behind event id, into a growing array. */
typedef struct keylist {
    char **v;
    size_t n, cap;
} keylist;

static void keylist_clear(keylist *k)
{
    for (size_t i = 0; i < k->n; i++)
        free(k->v[i]);
    k->n = 0;
}

static int keylist_push(keylist *k, const char *v)
{
    if (k->n == k->cap) {
        size_t cap = k->cap ? k->cap * 2 : 8;
        char **nv = realloc(k->v, cap * sizeof *nv);
        if (!nv)
            return SR_ERR_NOMEM;
        k->v = nv;
        k->cap = cap;
    }
    if (!(k->v[k->n] = strdup(v)))
        return SR_ERR_NOMEM;
    k->n++;
    return SR_OK;
}

/* The doc_keys of the documents behind event id into k, and their distinct
 * outlets into outlets. */
static int load_sources(sqlite3_stmt *st, int64_t id, keylist *k, keylist *outlets)
{
    keylist_clear(k);
    keylist_clear(outlets);
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, id);
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (keylist_push(k, col_text(st, 0)))
            return SR_ERR_NOMEM;
        const char *o = col_text(st, 1);
        int seen = !*o;
        for (size_t i = 0; i < outlets->n && !seen; i++)
            seen = !strcmp(outlets->v[i], o);
        if (!seen && keylist_push(outlets, o))
            return SR_ERR_NOMEM;
    }
    return SR_OK;
}

#define SOURCES_SQL                                                                      \
    "SELECT d.doc_key, coalesce(d.outlet, '') FROM documents d WHERE d.id IN (SELECT "    \
    "m.document_id FROM event_mentions em JOIN mentions m ON m.id = em.mention_id WHERE " \
    "em.event_id = ?1) ORDER BY d.doc_key"

int sr_store_events(sr_store *s, const sr_event_filter *f, sr_event_cb cb, void *ctx,
                    sr_error *err)
{
    qbuf q = {.len = 0};
    char country[3] = "";
    q_add(&q, "SELECT e.id, " EVENT_COLS ", e.origin, e.origin_id, e.n_sources, e.notes, "
              "e.updated_at FROM events e");
    filter_where(&q, f, country);
    q_add(&q, f && f->descending ? " ORDER BY e.event_date DESC, e.id DESC"
                                 : " ORDER BY e.event_date, e.id");
    char lim[48];
    if (f && f->limit > 0) {
        snprintf(lim, sizeof lim, " LIMIT %lld", (long long)f->limit);
        q_add(&q, lim);
    }
    sqlite3_stmt *st = NULL, *src = NULL;
    int rc = prepare_sql(s, q.sql, 0, &st, err);
    if (rc)
        return rc;
    q_bind(st, &q);
    int with_sources = f && f->with_sources;
    if (with_sources && (rc = prepare(s, SOURCES_SQL, &src, err))) {
        finish(s, st);
        return rc;
    }
    keylist keys = {0}, outlets = {0};
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        sr_stored_event e;
        memset(&e, 0, sizeof e);
        e.id = sqlite3_column_int64(st, 0);
        read_frame(st, 1, &e.ev, FRAME_EVENT);
        e.origin = col_text(st, 21);
        e.origin_id = col_text(st, 22);
        e.n_sources = sqlite3_column_int(st, 23);
        e.notes = col_text(st, 24);
        e.updated_at = col_text(st, 25);
        if (with_sources) {
            if (load_sources(src, e.id, &keys, &outlets)) {
                rc = sr_error_set(err, SR_ERR_NOMEM, "out of memory");
                break;
            }
            e.sources = (const char *const *)keys.v;
            e.n_source_ids = keys.n;
            e.outlets = (const char *const *)outlets.v;
            e.n_outlets = outlets.n;
        }
        int stop = cb(&e, ctx);
        if (stop) {
            rc = stop;
            break;
        }
    }
    if (!rc && r != SQLITE_DONE)
        rc = db_error(s, r, err, "reading events");
    keylist_clear(&keys);
    free(keys.v);
    keylist_clear(&outlets);
    free(outlets.v);
    finish(s, st);
    finish(s, src);
    return rc;
}

int sr_store_event_summary(sr_store *s, const sr_event_filter *f, int64_t *count,
                           char first[11], char last[11], sr_error *err)
{
    qbuf q = {.len = 0};
    char country[3] = "";
    q_add(&q, "SELECT count(*), min(e.event_date), max(e.event_date) FROM events e");
    filter_where(&q, f, country);
    sqlite3_stmt *st;
    int rc = prepare_sql(s, q.sql, 0, &st, err);
    if (rc)
        return rc;
    q_bind(st, &q);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        if (count)
            *count = sqlite3_column_int64(st, 0);
        if (first)
            snprintf(first, 11, "%s", col_text(st, 1));
        if (last)
            snprintf(last, 11, "%s", col_text(st, 2));
    } else
        rc = db_error(s, r, err, "summarising events");
    finish(s, st);
    return rc;
}

int sr_store_names(sr_store *s, sr_name_kind kind, sr_name_cb cb, void *ctx, sr_error *err)
{
    const char *sql;
    switch (kind) {
    case SR_NAME_COUNTRY:
        sql = "SELECT country, count(*) FROM events WHERE country <> '' GROUP BY 1 ORDER BY 1";
        break;
    case SR_NAME_ADMIN1:
        sql = "SELECT admin1, count(*) FROM events WHERE admin1 <> '' GROUP BY 1 "
              "COLLATE NOCASE ORDER BY 1";
        break;
    case SR_NAME_ACTOR:
        sql = "SELECT a, count(*) FROM (SELECT actor1 AS a FROM events UNION ALL "
              "SELECT actor2 FROM events) WHERE a <> '' GROUP BY 1 ORDER BY 1";
        break;
    case SR_NAME_EVENT_TYPE:
        sql = "SELECT event_type, count(*) FROM events WHERE event_type <> '' GROUP BY 1 "
              "ORDER BY 1";
        break;
    case SR_NAME_LOCATION:
        sql = "SELECT location, count(*) FROM events WHERE location <> '' GROUP BY 1 "
              "ORDER BY 1";
        break;
    default:
        return sr_error_set(err, SR_ERR_ARG, "unknown name kind %d", (int)kind);
    }
    sqlite3_stmt *st;
    int rc = prepare(s, sql, &st, err);
    if (rc)
        return rc;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        int stop = cb(col_text(st, 0), sqlite3_column_int64(st, 1), ctx);
        if (stop) {
            finish(s, st);
            return stop;
        }
    }
    finish(s, st);
    return r == SQLITE_DONE ? SR_OK : db_error(s, r, err, "listing names");
}

/* ---- one event in full ------------------------------------------------------------ */

typedef struct detail_owner {
    keylist keys, outlets;
    char *origin, *origin_id, *notes, *updated_at;
} detail_owner;

static char *dup_col(sqlite3_stmt *st, int i)
{
    return strdup(col_text(st, i));
}

int sr_store_event_get(sr_store *s, int64_t id, sr_event_detail **out, sr_error *err)
{
    *out = NULL;
    sr_event_detail *d = calloc(1, sizeof *d);
    detail_owner *o = calloc(1, sizeof *o);
    sqlite3_stmt *st = NULL;
    int rc = SR_OK;
    if (!d || !o) {
        free(d);
        free(o);
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    }
    d->owner_ = o;
    if ((rc = prepare(s,
                      "SELECT e.id, " EVENT_COLS ", e.origin, e.origin_id, e.n_sources, "
                      "e.notes, e.updated_at FROM events e WHERE e.id = ?1",
                      &st, err)))
        goto fail;
    sqlite3_bind_int64(st, 1, id);
    int r = sqlite3_step(st);
    if (r != SQLITE_ROW) {
        rc = r == SQLITE_DONE ? sr_error_set(err, SR_ERR_NOTFOUND, "no event %lld", (long long)id)
                              : db_error(s, r, err, "reading an event");
        goto fail;
    }
    d->event.id = id;
    read_frame(st, 1, &d->event.ev, FRAME_EVENT);
    o->origin = dup_col(st, 21);
    o->origin_id = dup_col(st, 22);
    d->event.n_sources = sqlite3_column_int(st, 23);
    o->notes = dup_col(st, 24);
    o->updated_at = dup_col(st, 25);
    d->event.origin = o->origin;
    d->event.origin_id = o->origin_id;
    d->event.notes = o->notes;
    d->event.updated_at = o->updated_at;
    finish(s, st);
    st = NULL;
    if ((rc = prepare(s, SOURCES_SQL, &st, err)))
        goto fail;
    if (load_sources(st, id, &o->keys, &o->outlets)) {
        rc = sr_error_set(err, SR_ERR_NOMEM, "out of memory");
        goto fail;
    }
    d->event.sources = (const char *const *)o->keys.v;
    d->event.n_source_ids = o->keys.n;
    d->event.outlets = (const char *const *)o->outlets.v;
    d->event.n_outlets = o->outlets.n;
    finish(s, st);
    st = NULL;

    /* Mentions, in document order. */
    if ((rc = prepare(s,
                      "SELECT m.id, m.document_id, m.ordinal, " MENTION_COLS
                      ", m.figures, m.evidence FROM event_mentions em JOIN mentions m ON "
                      "m.id = em.mention_id WHERE em.event_id = ?1 ORDER BY m.document_id, "
                      "m.ordinal",
                      &st, err)))
        goto fail;
    sqlite3_bind_int64(st, 1, id);
    size_t cap = 0;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        if (d->n_mentions == cap) {
            cap = cap ? cap * 2 : 8;
            sr_stored_mention *v = realloc(d->mentions, cap * sizeof *v);
            if (!v) {
                rc = sr_error_set(err, SR_ERR_NOMEM, "out of memory");
                goto fail;
            }
            d->mentions = v;
        }
        sr_stored_mention *m = &d->mentions[d->n_mentions++];
        m->id = sqlite3_column_int64(st, 0);
        m->doc_id = sqlite3_column_int64(st, 1);
        m->ordinal = sqlite3_column_int(st, 2);
        read_frame(st, 3, &m->ev, FRAME_MENTION);
        parse_figures(col_text(st, 27), &m->ev);
        parse_evidence(col_text(st, 28), &m->ev);
    }
    finish(s, st);
    st = NULL;

    /* Their documents. */
    if ((rc = prepare(s,
                      "SELECT DISTINCT d.id, d.doc_key, d.url, d.outlet, d.title, d.published, "
                      "d.format, t.text, d.near_dup_of FROM event_mentions em JOIN mentions m "
                      "ON m.id = em.mention_id JOIN documents d ON d.id = m.document_id "
                      "LEFT JOIN document_texts t ON t.document_id = d.id WHERE "
                      "em.event_id = ?1 ORDER BY d.published, d.id",
                      &st, err)))
        goto fail;
    sqlite3_bind_int64(st, 1, id);
    cap = 0;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        if (d->n_docs == cap) {
            cap = cap ? cap * 2 : 8;
            sr_stored_doc *v = realloc(d->docs, cap * sizeof *v);
            if (!v) {
                rc = sr_error_set(err, SR_ERR_NOMEM, "out of memory");
                goto fail;
            }
            d->docs = v;
        }
        sr_stored_doc *doc = &d->docs[d->n_docs++];
        memset(doc, 0, sizeof *doc);
        doc->id = sqlite3_column_int64(st, 0);
        doc->doc_key = dup_col(st, 1);
        doc->url = dup_col(st, 2);
        doc->outlet = dup_col(st, 3);
        doc->title = dup_col(st, 4);
        doc->published = dup_col(st, 5);
        doc->format = dup_col(st, 6);
        doc->text_len = (size_t)sqlite3_column_bytes(st, 7);
        doc->text = malloc(doc->text_len + 1);
        if (doc->text) {
            memcpy(doc->text, col_text(st, 7), doc->text_len);
            doc->text[doc->text_len] = '\0';
        }
        doc->near_dup_of = sqlite3_column_int64(st, 8);
        if (!doc->doc_key || !doc->url || !doc->outlet || !doc->title || !doc->published ||
            !doc->format || !doc->text) {
            rc = sr_error_set(err, SR_ERR_NOMEM, "out of memory");
            goto fail;
        }
    }
    finish(s, st);
    *out = d;
    return SR_OK;
fail:
    finish(s, st);
    sr_event_detail_free(d);
    return rc;
}

void sr_event_detail_free(sr_event_detail *d)
{
    if (!d)
        return;
    detail_owner *o = d->owner_;
    if (o) {
        keylist_clear(&o->keys);
        free(o->keys.v);
        keylist_clear(&o->outlets);
        free(o->outlets.v);
        free(o->origin);
        free(o->origin_id);
        free(o->notes);
        free(o->updated_at);
        free(o);
    }
    for (size_t i = 0; i < d->n_docs; i++) {
        sr_stored_doc *doc = &d->docs[i];
        free(doc->doc_key);
        free(doc->url);
        free(doc->outlet);
        free(doc->title);
        free(doc->published);
        free(doc->format);
        free(doc->text);
    }
    free(d->docs);
    free(d->mentions);
    free(d);
}

/* ---- counts and checks ------------------------------------------------------------ */

static int64_t scalar(sr_store *s, const char *sql, int *rc, sr_error *err)
{
    sqlite3_stmt *st;
    if (*rc || (*rc = prepare(s, sql, &st, err)))
        return 0;
    int r = sqlite3_step(st);
    int64_t v = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    if (r != SQLITE_ROW)
        *rc = db_error(s, r, err, sql);
    finish(s, st);
    return v;
}

int sr_store_count(sr_store *s, sr_store_counts *out, sr_error *err)
{
    int rc = SR_OK;
    out->documents = scalar(s, "SELECT count(*) FROM documents", &rc, err);
    out->mentions = scalar(s, "SELECT count(*) FROM mentions", &rc, err);
    out->events = scalar(s, "SELECT count(*) FROM events", &rc, err);
    out->near_duplicates =
        scalar(s, "SELECT count(*) FROM documents WHERE near_dup_of IS NOT NULL", &rc, err);
    return rc;
}

int sr_store_check(sr_store *s, sr_error *err)
{
    sqlite3_stmt *st;
    int rc = prepare(s, "PRAGMA integrity_check", &st, err);
    if (rc)
        return rc;
    int r = sqlite3_step(st);
    if (r != SQLITE_ROW || strcmp(col_text(st, 0), "ok") != 0) {
        rc = sr_error_set(err, SR_ERR_DB, "%s: integrity check failed: %s", s->path,
                          r == SQLITE_ROW ? col_text(st, 0) : sqlite3_errmsg(s->db));
        finish(s, st);
        return rc;
    }
    finish(s, st);
    static const struct {
        const char *sql, *what;
    } checks[] = {
        {"SELECT count(*) FROM mentions m LEFT JOIN documents d ON d.id = m.document_id "
         "WHERE d.id IS NULL",
         "mentions without a document"},
        {"SELECT count(*) FROM event_mentions em LEFT JOIN mentions m ON m.id = em.mention_id "
         "LEFT JOIN events e ON e.id = em.event_id WHERE m.id IS NULL OR e.id IS NULL",
         "event links without both ends"},
        {"SELECT count(*) FROM events e WHERE e.origin = 'extracted' AND NOT EXISTS "
         "(SELECT 1 FROM event_mentions em WHERE em.event_id = e.id)",
         "extracted events without a mention"},
        {"SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM event_mentions em "
         "WHERE em.mention_id = m.id)",
         "mentions in no event"},
        {"SELECT count(*) FROM (SELECT content_hash FROM documents GROUP BY 1 HAVING count(*) > 1)",
         "documents stored twice"},
        {"SELECT (SELECT count(*) FROM document_bands) - 4 * (SELECT count(*) FROM documents)",
         "signature bands too many (or, if negative, missing)"},
    };
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        int64_t n = scalar(s, checks[i].sql, &rc, err);
        if (rc)
            return rc;
        if (n)
            return sr_error_set(err, SR_ERR_DB, "%s: %lld %s", s->path, (long long)n,
                                checks[i].what);
    }
    return SR_OK;
}
