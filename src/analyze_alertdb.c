/* analyze_alertdb.c — alerts kept in the event database.
 *
 * The table is created here with CREATE TABLE IF NOT EXISTS on a connection
 * of this module's own, so alerts need nothing from the store's schema
 * versions; a partial unique index enforces one open alert per key. */
#include "analyze.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

struct sr_alertdb {
    sqlite3 *db;
};

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS alerts("
    " id INTEGER PRIMARY KEY,"
    " detector TEXT NOT NULL,"
    " country TEXT NOT NULL DEFAULT '',"
    " admin1 TEXT NOT NULL DEFAULT '',"
    " subject TEXT NOT NULL DEFAULT '',"
    " period_start TEXT NOT NULL,"
    " period_end TEXT NOT NULL,"
    " value REAL, baseline REAL, threshold REAL,"
    " evidence TEXT NOT NULL DEFAULT '{}',"
    " message TEXT NOT NULL DEFAULT '',"
    " status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','acked')),"
    " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    " updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
    "CREATE UNIQUE INDEX IF NOT EXISTS alerts_open ON alerts(detector, country, admin1, subject)"
    " WHERE status = 'open';";

static int db_fail(sqlite3 *db, int rc, sr_error *err, const char *what)
{
    int code = (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) ? SR_ERR_LOCKED : SR_ERR_DB;
    return sr_error_set(err, code, "alerts: %s: %s", what, db ? sqlite3_errmsg(db) : "");
}

int sr_alertdb_open(const char *path, sr_alertdb **out, sr_error *err)
{
    *out = NULL;
    sr_alertdb *a = calloc(1, sizeof *a);
    if (!a)
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    int rc = sqlite3_open_v2(path, &a->db, SQLITE_OPEN_READWRITE, NULL);
    if (rc != SQLITE_OK) {
        int r = sr_error_set(err, SR_ERR_IO, "%s: cannot open the database for alerts: %s", path,
                             a->db ? sqlite3_errmsg(a->db) : sqlite3_errstr(rc));
        sqlite3_close(a->db);
        free(a);
        return r;
    }
    sqlite3_busy_timeout(a->db, 10000);
    char *msg = NULL;
    rc = sqlite3_exec(a->db, schema, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        int code = rc == SQLITE_BUSY ? SR_ERR_LOCKED : rc == SQLITE_READONLY ? SR_ERR_IO : SR_ERR_DB;
        int r = sr_error_set(err, code, "%s: cannot create the alerts table: %s", path,
                             msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        sqlite3_close(a->db);
        free(a);
        return r;
    }
    *out = a;
    return SR_OK;
}

void sr_alertdb_close(sr_alertdb *a)
{
    if (!a)
        return;
    sqlite3_close(a->db);
    free(a);
}

static const char *col(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

int sr_alertdb_record(sr_alertdb *a, const sr_an_data *d, const sr_an_alert *x, int64_t *id,
                      int *outcome, sr_error *err)
{
    *id = 0;
    *outcome = 0;
    const char *det = sr_an_detector_name(x->detector);
    const char *admin1 = sr_an_str(&d->regions, x->admin1);
    const char *subject = sr_an_str(&d->actors, x->actor);
    char ps[11], pe[11];
    sr_date_format(x->period_start, ps);
    sr_date_format(x->period_end, pe);
    sqlite3_stmt *st = NULL;
    int rc = SR_OK;
    /* An open alert for the key is updated; an acknowledged one for the same
     * period is left alone; anything else opens a new alert. */
    static const char find[] =
        "SELECT id, status FROM alerts WHERE detector = ?1 AND country = ?2 AND admin1 = ?3 "
        "AND subject = ?4 AND (status = 'open' OR period_end = ?5) "
        "ORDER BY status = 'open' DESC, id DESC LIMIT 1";
    if (sqlite3_prepare_v2(a->db, find, -1, &st, NULL) != SQLITE_OK)
        return db_fail(a->db, SQLITE_ERROR, err, "prepare");
    sqlite3_bind_text(st, 1, det, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, x->country, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, admin1, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, subject, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, pe, -1, SQLITE_STATIC);
    int r = sqlite3_step(st);
    int64_t found = 0;
    int open = 0;
    if (r == SQLITE_ROW) {
        found = sqlite3_column_int64(st, 0);
        open = strcmp(col(st, 1), "open") == 0;
    } else if (r != SQLITE_DONE) {
        rc = db_fail(a->db, r, err, "looking up alerts");
    }
    sqlite3_finalize(st);
    if (rc)
        return rc;
    if (found && !open) {
        *id = found;
        return SR_OK;
    }
    const char *sql =
        found ? "UPDATE alerts SET period_start = ?5, period_end = ?6, value = ?7, baseline = ?8, "
                "threshold = ?9, evidence = ?10, message = ?11, "
                "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?12"
              : "INSERT INTO alerts(detector, country, admin1, subject, period_start, period_end, "
                "value, baseline, threshold, evidence, message) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
    if (sqlite3_prepare_v2(a->db, sql, -1, &st, NULL) != SQLITE_OK)
        return db_fail(a->db, SQLITE_ERROR, err, "prepare");
    if (!found) {
        sqlite3_bind_text(st, 1, det, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, x->country, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, admin1, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, subject, -1, SQLITE_STATIC);
    }
    sqlite3_bind_text(st, 5, ps, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, pe, -1, SQLITE_STATIC);
    sqlite3_bind_double(st, 7, x->value);
    sqlite3_bind_double(st, 8, x->baseline);
    sqlite3_bind_double(st, 9, x->threshold);
    sqlite3_bind_text(st, 10, x->evidence, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 11, x->message, -1, SQLITE_STATIC);
    if (found)
        sqlite3_bind_int64(st, 12, found);
    r = sqlite3_step(st);
    sqlite3_finalize(st);
    if (r != SQLITE_DONE)
        return db_fail(a->db, r, err, "storing an alert");
    *id = found ? found : sqlite3_last_insert_rowid(a->db);
    *outcome = found ? 2 : 1;
    return SR_OK;
}

int sr_alertdb_list(sr_alertdb *a, int all, const char *country, sr_alert_cb cb, void *ctx,
                    sr_error *err)
{
    static const char sql[] =
        "SELECT id, detector, country, admin1, subject, period_start, period_end, value, "
        "baseline, threshold, evidence, message, status, created_at, updated_at FROM alerts "
        "WHERE (?1 OR status = 'open') AND (?2 = '' OR country = ?2) "
        "ORDER BY period_end DESC, id DESC";
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(a->db, sql, -1, &st, NULL) != SQLITE_OK)
        return db_fail(a->db, SQLITE_ERROR, err, "prepare");
    sqlite3_bind_int(st, 1, all ? 1 : 0);
    sqlite3_bind_text(st, 2, country ? country : "", -1, SQLITE_STATIC);
    int r, rc = SR_OK;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        sr_alert_row row = {
            .id = sqlite3_column_int64(st, 0),
            .detector = col(st, 1),
            .country = col(st, 2),
            .admin1 = col(st, 3),
            .subject = col(st, 4),
            .period_start = col(st, 5),
            .period_end = col(st, 6),
            .value = sqlite3_column_double(st, 7),
            .baseline = sqlite3_column_double(st, 8),
            .threshold = sqlite3_column_double(st, 9),
            .evidence = col(st, 10),
            .message = col(st, 11),
            .status = col(st, 12),
            .created_at = col(st, 13),
            .updated_at = col(st, 14),
        };
        if ((rc = cb(&row, ctx)))
            break;
    }
    if (!rc && r != SQLITE_DONE)
        rc = db_fail(a->db, r, err, "listing alerts");
    sqlite3_finalize(st);
    return rc;
}

int sr_alertdb_ack(sr_alertdb *a, int64_t id, sr_error *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(a->db,
                           "UPDATE alerts SET status = 'acked', "
                           "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return db_fail(a->db, SQLITE_ERROR, err, "prepare");
    sqlite3_bind_int64(st, 1, id);
    int r = sqlite3_step(st);
    sqlite3_finalize(st);
    if (r != SQLITE_DONE)
        return db_fail(a->db, r, err, "acknowledging an alert");
    if (sqlite3_changes(a->db) == 0)
        return sr_error_set(err, SR_ERR_NOTFOUND, "no alert %lld", (long long)id);
    return SR_OK;
}
