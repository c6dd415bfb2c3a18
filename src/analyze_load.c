/* analyze_load.c — fills an in-memory event set from the store. */
#include "analyze.h"

#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "date.h"

typedef struct load_ctx {
    sr_an_data *d;
    sr_error *err;
    int rc;
} load_ctx;

static int on_event(const sr_stored_event *e, void *ctx)
{
    load_ctx *c = ctx;
    const sr_event *ev = &e->ev;
    sr_an_fields f = {
        .id = e->id,
        .date = ev->event_date,
        .event_type = ev->event_type,
        .actor1 = ev->actor1.name,
        .actor2 = ev->actor2.name,
        .country = ev->country,
        .admin1 = ev->admin1,
        .fatalities = ev->fatalities,
        .fat_low = ev->fatalities_low,
        .fat_high = ev->fatalities_high,
        .lat = ev->latitude,
        .lon = ev->longitude,
        .origin = e->origin,
        .status = (int)ev->status,
        .precision = ev->date_precision,
    };
    c->rc = sr_an_add_event(c->d, &f, c->err);
    return c->rc ? 1 : 0;
}

int sr_an_load(sr_store *s, const sr_event_filter *f, sr_an_data *d, sr_error *err)
{
    sr_event_filter all;
    if (!f) {
        sr_event_filter_init(&all);
        f = &all;
    }
    load_ctx c = {d, err, SR_OK};
    int rc = sr_store_events(s, f, on_event, &c, err);
    if (c.rc)
        return c.rc;
    if (rc)
        return rc;
    sr_an_sort(d);
    return SR_OK;
}

static const char fast_sql[] =
    "SELECT id, event_date, event_type, actor1, actor2, country, admin1, fatalities, "
    "fatalities_low, fatalities_high, latitude, longitude, origin, status, date_precision "
    "FROM events WHERE (?1 = '' OR country = ?1) AND (?2 = '' OR origin = ?2) "
    "AND (?3 = '' OR event_date >= ?3) "
    "AND (?4 = '' OR actor1 = ?4 COLLATE NOCASE OR actor2 = ?4 COLLATE NOCASE)";

static const char *col(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

int sr_an_load_fast(sr_store *s, const char *path, const char *country, const char *origin,
                    const char *since, const char *actor, sr_an_data *d, sr_error *err)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    int version = -1;
    if (path && sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    st = NULL;
    if (version != SR_STORE_SCHEMA_VERSION ||
        sqlite3_prepare_v2(db, fast_sql, -1, &st, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        sr_event_filter f;
        sr_event_filter_init(&f);
        f.country = country;
        f.origin = origin;
        f.since = since;
        f.actor = actor; /* a part of a name there: sr_an_filter narrows */
        return sr_an_load(s, &f, d, err);
    }
    sqlite3_busy_timeout(db, 10000);
    char cc[3] = "";
    if (country && strlen(country) == 2) {
        cc[0] = (char)(country[0] & ~0x20);
        cc[1] = (char)(country[1] & ~0x20);
    }
    sqlite3_bind_text(st, 1, cc, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, origin ? origin : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, since ? since : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, actor ? actor : "", -1, SQLITE_STATIC);
    int r, rc = SR_OK;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        sr_an_fields f = {
            .id = sqlite3_column_int64(st, 0),
            .date = col(st, 1),
            .event_type = col(st, 2),
            .actor1 = col(st, 3),
            .actor2 = col(st, 4),
            .country = col(st, 5),
            .admin1 = col(st, 6),
            .fatalities = sqlite3_column_int(st, 7),
            .fat_low = sqlite3_column_int(st, 8),
            .fat_high = sqlite3_column_int(st, 9),
            .lat = sqlite3_column_type(st, 10) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 10),
            .lon = sqlite3_column_type(st, 11) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 11),
            .origin = col(st, 12),
            .status = (int)sr_status_parse(col(st, 13)),
            .precision = sqlite3_column_int(st, 14),
        };
        if ((rc = sr_an_add_event(d, &f, err)))
            break;
    }
    if (!rc && r != SQLITE_DONE)
        rc = sr_error_set(err, r == SQLITE_BUSY ? SR_ERR_LOCKED : SR_ERR_DB, "%s: reading events: %s",
                          path, sqlite3_errmsg(db));
    sqlite3_finalize(st);
    sqlite3_close(db);
    if (!rc)
        sr_an_sort(d);
    return rc;
}

typedef struct names_ctx {
    sr_an_names *t;
    int rc;
} names_ctx;

static int on_name(const char *name, int64_t n, void *ctx)
{
    names_ctx *c = ctx;
    uint32_t id;
    (void)n;
    c->rc = sr_an_intern(c->t, name, &id);
    return c->rc;
}

int sr_an_load_actor_names(sr_store *s, sr_an_data *d, sr_error *err)
{
    names_ctx c = {&d->actors, SR_OK};
    int rc = sr_store_names(s, SR_NAME_ACTOR, on_name, &c, err);
    return c.rc ? c.rc : rc;
}
