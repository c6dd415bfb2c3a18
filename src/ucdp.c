/* ucdp.c — UCDP GED CSV as event history (see ucdp.h). */
#include "date.h"
#include "ucdp.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "export.h"
#include "html.h"

static const char *field(char **header, size_t nh, char **fields, size_t nf,
                         const char *name)
{
    for (size_t i = 0; i < nh && i < nf; i++)
        if (!strcmp(header[i], name))
            return fields[i];
    return NULL;
}

static int int_field(const char *s, int *v)
{
    if (!s || !*s)
        return 0;
    char *end;
    long x = strtol(s, &end, 10);
    if (end == s || x < 0 || x > 10000000)
        return 0;
    *v = (int)x;
    return 1;
}

static double real_field(const char *s)
{
    if (!s || !*s)
        return NAN;
    char *end;
    double v = strtod(s, &end);
    return end == s ? NAN : v;
}

/* Copies s into dst without a trailing word among suffixes. */
static void strip_suffix(char *dst, size_t cap, const char *s, const char *const *suffixes)
{
    snprintf(dst, cap, "%s", s ? s : "");
    size_t n = strlen(dst);
    for (size_t k = 0; suffixes[k]; k++) {
        size_t m = strlen(suffixes[k]);
        if (n > m && !strcasecmp(dst + n - m, suffixes[k])) {
            dst[n - m] = '\0';
            break;
        }
    }
}

static int parse_date(const char *s, char out[11])
{
    int y, m, d;
    if (!s)
        return 0;
    if (sscanf(s, "%d/%d/%d", &m, &d, &y) == 3 || sscanf(s, "%d-%d-%d", &y, &m, &d) == 3) {
        if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31)
            return 0;
        int32_t days = sr_days_from_civil(y, m, d);
        int cy, cm, cd;
        sr_civil_from_days(days, &cy, &cm, &cd);
        if (cy != y || cm != m || cd != d) /* 31 April, 29 February 2023 */
            return 0;
        sr_date_format(days, out);
        return 1;
    }
    return 0;
}

static void actor_name(const char *side, const char *country, sr_actor_ref *a)
{
    memset(a, 0, sizeof *a);
    a->lex_id = SR_NO_ID;
    if (!side || !*side)
        return;
    if (!strncmp(side, "Government of ", 14)) {
        snprintf(a->name, sizeof a->name, "Military Forces of %s", side + 14);
        a->inter = 1;
    } else if (!strcmp(side, "Civilians")) {
        snprintf(a->name, sizeof a->name, "Civilians (%s)", country);
        a->inter = 7;
    } else {
        snprintf(a->name, sizeof a->name, "%s", side);
        a->inter = 2;
    }
}

/* Starts a row's event: empty, no coordinates, no lexicon actors, and its id
 * (the value of column id_column) copied into origin_id; SR_ERR_FORMAT when
 * the row has none. */
static int row_begin(sr_event *ev, const char *id, const char *id_column, char *origin_id,
                     size_t id_cap, sr_error *err)
{
    memset(ev, 0, sizeof *ev);
    ev->latitude = ev->longitude = NAN;
    ev->actor1.lex_id = ev->actor2.lex_id = SR_NO_ID;
    if (!id || !*id)
        return sr_error_set(err, SR_ERR_FORMAT, "no %s", id_column);
    snprintf(origin_id, id_cap, "%s", id);
    return SR_OK;
}

int sr_ucdp_row(char **header, size_t nh, char **fields, size_t nf, const sr_lexicon *lex,
                sr_event *ev, char *origin_id, size_t id_cap, char *notes, size_t notes_cap,
                sr_error *err)
{
#define F(name) field(header, nh, fields, nf, name)
    int rc = row_begin(ev, F("id"), "id", origin_id, id_cap, err);
    if (rc)
        return rc;
    if (!parse_date(F("date_start"), ev->event_date))
        return sr_error_set(err, SR_ERR_FORMAT, "date_start '%.20s' is not a date",
                            F("date_start") ? F("date_start") : "");
    int v;
    ev->date_precision = 1;
    if (int_field(F("date_prec"), &v))
        ev->date_precision = v <= 1 ? 1 : v <= 3 ? 2 : 3;
    if (!int_field(F("type_of_violence"), &v) || v < 1 || v > 3)
        return sr_error_set(err, SR_ERR_FORMAT, "type_of_violence '%.10s' is not 1, 2 or 3",
                            F("type_of_violence") ? F("type_of_violence") : "");
    if (v == 3) {
        snprintf(ev->event_type, sizeof ev->event_type, "Violence against civilians");
        snprintf(ev->sub_event_type, sizeof ev->sub_event_type, "Attack");
        snprintf(ev->cameo, sizeof ev->cameo, "180");
    } else {
        snprintf(ev->event_type, sizeof ev->event_type, "Battles");
        snprintf(ev->sub_event_type, sizeof ev->sub_event_type, "Armed clash");
        snprintf(ev->cameo, sizeof ev->cameo, "190");
    }
    const char *country = F("country");
    if (!country)
        country = "";
    /* "Burkina Faso (Upper Volta)" and the like: the name before " (". */
    char cname[96];
    snprintf(cname, sizeof cname, "%s", country);
    char *paren = strstr(cname, " (");
    if (paren)
        *paren = '\0';
    const char *iso2 = sr_country_iso2_by_name(lex, cname);
    if (iso2)
        snprintf(ev->country, sizeof ev->country, "%s", iso2);
    actor_name(F("side_a"), cname, &ev->actor1);
    actor_name(F("side_b"), cname, &ev->actor2);
    if (ev->actor1.inter == 1 && iso2)
        snprintf(ev->actor1.country, sizeof ev->actor1.country, "%s", iso2);
    static const char *const adm_suffix[] = {" region", " province", " state", " prefecture",
                                             " department", " governorate", NULL};
    strip_suffix(ev->admin1, sizeof ev->admin1, F("adm_1"), adm_suffix);
    static const char *const loc_suffix[] = {" town", " village", " city", " region",
                                             " province", NULL};
    strip_suffix(ev->location, sizeof ev->location, F("where_coordinates"), loc_suffix);
    ev->latitude = real_field(F("latitude"));
    ev->longitude = real_field(F("longitude"));
    ev->geo_precision = 3;
    if (int_field(F("where_prec"), &v))
        ev->geo_precision = v <= 1 ? 1 : v <= 3 ? 2 : 3;
    int best = 0, low, high;
    int_field(F("best_est"), &best);
    low = high = best;
    int_field(F("low_est"), &low);
    int_field(F("high_est"), &high);
    if (low > best)
        low = best;
    if (high < best)
        high = best;
    ev->fatalities = best;
    ev->fatalities_low = low;
    ev->fatalities_high = high;
    ev->status = SR_STATUS_REPORTED;
    const char *dyad = F("dyad_name"), *head = F("source_headline");
    snprintf(notes, notes_cap, "UCDP GED %s%s%s%s%s", F("relid") ? F("relid") : F("id"),
             dyad && *dyad ? ": " : "", dyad ? dyad : "", head && *head ? ". Sources: " : "",
             head ? head : "");
    return SR_OK;
#undef F
}

typedef int (*row_mapper)(char **header, size_t nh, char **fields, size_t nf,
                          const sr_lexicon *lex, sr_event *ev, char *origin_id, size_t id_cap,
                          char *notes, size_t notes_cap, sr_error *err);

static int import_csv(sr_store *s, const char *name, const char *buf, size_t n,
                      const sr_lexicon *lex, sr_ucdp_warn warn, void *ctx, sr_ucdp_stats *st,
                      const char *const *required, const char *what, const char *origin,
                      row_mapper map, sr_error *err)
{
    memset(st, 0, sizeof *st);
    sr_csv_reader *r;
    int rc = sr_csv_open(buf, n, &r, err);
    if (rc)
        return rc;
    char **f;
    size_t nf, line;
    rc = sr_csv_next(r, &f, &nf, &line, err);
    if (rc) {
        sr_csv_close(r);
        return rc == SR_ERR_EMPTY ? sr_error_set(err, SR_ERR_FORMAT, "%s: empty file", name) : rc;
    }
    /* Keep the header: the reader reuses its buffers. */
    size_t nh = nf;
    char **header = calloc(nh, sizeof *header);
    int ok = header != NULL;
    for (size_t i = 0; ok && i < nh; i++)
        ok = (header[i] = strdup(f[i])) != NULL;
    for (size_t k = 0; ok && required[k]; k++) {
        int found = 0;
        for (size_t i = 0; i < nh; i++)
            found |= !strcmp(header[i], required[k]);
        if (!found) {
            rc = sr_error_set(err, SR_ERR_FORMAT, "%s: not %s (no '%s' column)", name, what,
                              required[k]);
            goto done;
        }
    }
    if (!ok) {
        rc = sr_error_set(err, SR_ERR_NOMEM, "out of memory");
        goto done;
    }
    if ((rc = sr_store_begin(s, err)))
        goto done;
    for (;;) {
        sr_error re = {""};
        int r2 = sr_csv_next(r, &f, &nf, &line, &re);
        if (r2 == SR_ERR_EMPTY)
            break;
        if (r2) {
            /* A broken quote runs to the end: nothing after it is usable. */
            st->skipped++;
            if (warn) {
                char msg[600];
                snprintf(msg, sizeof msg, "%s: %s", name, re.msg);
                warn(ctx, msg);
            }
            break;
        }
        if (nf == 1 && !f[0][0])
            continue; /* blank line */
        st->rows++;
        sr_event ev;
        char id[64], notes[1024];
        if (nf < nh) {
            st->skipped++;
            if (warn) {
                char msg[600];
                snprintf(msg, sizeof msg, "%s:%zu: %zu fields, the header names %zu; skipped",
                         name, line, nf, nh);
                warn(ctx, msg);
            }
            continue;
        }
        r2 = map(header, nh, f, nf, lex, &ev, id, sizeof id, notes, sizeof notes, &re);
        if (r2) {
            st->skipped++;
            if (warn) {
                char msg[600];
                snprintf(msg, sizeof msg, "%s:%zu: %s; skipped", name, line, re.msg);
                warn(ctx, msg);
            }
            continue;
        }
        int created = 0;
        if ((rc = sr_store_put_event(s, &ev, origin, id, notes, NULL, &created, err))) {
            sr_store_rollback(s);
            goto done;
        }
        if (created)
            st->created++;
        else
            st->updated++;
    }
    rc = sr_store_commit(s, err);
done:
    for (size_t i = 0; header && i < nh; i++)
        free(header[i]);
    free(header);
    sr_csv_close(r);
    return rc;
}

int sr_ucdp_import(sr_store *s, const char *name, const char *buf, size_t n,
                   const sr_lexicon *lex, sr_ucdp_warn warn, void *ctx, sr_ucdp_stats *st,
                   sr_error *err)
{
    static const char *const required[] = {"id", "date_start", "type_of_violence", "side_a",
                                           "side_b", "best_est", NULL};
    return import_csv(s, name, buf, n, lex, warn, ctx, st, required, "a UCDP GED file", "ucdp",
                      sr_ucdp_row, err);
}

/* ---- ACLED-style CSV ---------------------------------------------------------- */

int sr_acled_row(char **header, size_t nh, char **fields, size_t nf, const sr_lexicon *lex,
                 sr_event *ev, char *origin_id, size_t id_cap, char *notes, size_t notes_cap,
                 sr_error *err)
{
#define F(name) field(header, nh, fields, nf, name)
    int rc = row_begin(ev, F("event_id_cnty"), "event_id_cnty", origin_id, id_cap, err);
    if (rc)
        return rc;
    const char *date = F("event_date");
    if (!date || (sr_parse_pubdate(date, ev->event_date) != SR_OK &&
                  !parse_date(date, ev->event_date)))
        return sr_error_set(err, SR_ERR_FORMAT, "event_date '%.20s' is not a date",
                            date ? date : "");
    int v;
    ev->date_precision = int_field(F("time_precision"), &v) && v >= 1 && v <= 3 ? v : 1;
    const char *type = F("event_type");
    if (!type || !*type)
        return sr_error_set(err, SR_ERR_FORMAT, "no event_type");
    snprintf(ev->event_type, sizeof ev->event_type, "%s", type);
    snprintf(ev->sub_event_type, sizeof ev->sub_event_type, "%s",
             F("sub_event_type") ? F("sub_event_type") : "");
    snprintf(ev->actor1.name, sizeof ev->actor1.name, "%s", F("actor1") ? F("actor1") : "");
    snprintf(ev->actor2.name, sizeof ev->actor2.name, "%s", F("actor2") ? F("actor2") : "");
    if (int_field(F("inter1"), &v))
        ev->actor1.inter = v;
    if (int_field(F("inter2"), &v))
        ev->actor2.inter = v;
    const char *iso2 = NULL;
    if (int_field(F("iso"), &v))
        iso2 = sr_country_iso2_by_isonum(lex, v);
    if (!iso2)
        iso2 = sr_country_iso2_by_name(lex, F("country"));
    if (iso2)
        snprintf(ev->country, sizeof ev->country, "%s", iso2);
    snprintf(ev->admin1, sizeof ev->admin1, "%s", F("admin1") ? F("admin1") : "");
    snprintf(ev->location, sizeof ev->location, "%s", F("location") ? F("location") : "");
    ev->latitude = real_field(F("latitude"));
    ev->longitude = real_field(F("longitude"));
    ev->geo_precision = int_field(F("geo_precision"), &v) && v >= 1 && v <= 3 ? v : 3;
    int best = 0;
    int_field(F("fatalities"), &best);
    ev->fatalities = ev->fatalities_low = ev->fatalities_high = best;
    ev->status = SR_STATUS_REPORTED;
    const char *src = F("source"), *note = F("notes");
    snprintf(notes, notes_cap, "%s%s%s", note ? note : "", src && *src ? " Source: " : "",
             src ? src : "");
    return SR_OK;
#undef F
}

int sr_acled_import(sr_store *s, const char *name, const char *buf, size_t n,
                    const sr_lexicon *lex, sr_ucdp_warn warn, void *ctx, sr_ucdp_stats *st,
                    sr_error *err)
{
    static const char *const required[] = {"event_id_cnty", "event_date", "event_type",
                                           "actor1", NULL};
    return import_csv(s, name, buf, n, lex, warn, ctx, st, required,
                      "an ACLED-style event CSV", "import", sr_acled_row, err);
}
