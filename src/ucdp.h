/*
 * ucdp.h — event history from CSV: UCDP Georeferenced Event Dataset (GED)
 * downloads, and ACLED-style event files (below).
 *
 * Reads a GED CSV download (RFC 4180, quoted fields with line breaks; the
 * header may name fewer columns than the rows carry — GED downloads end every
 * row with a comma — so columns are found by header name and extra fields
 * ignored) and stores each row as an event with origin "ucdp" and origin_id
 * the GED id, so re-importing replaces rather than duplicates.  Imported
 * events are history: they are never merged with extracted ones.
 *
 * Mapping: date_start (MM/DD/YYYY or YYYY-MM-DD) -> event_date; date_prec 1
 * -> 1 (day), 2-3 -> 2 (week), 4-5 -> 3 (month); type_of_violence 1
 * (state-based) and 2 (non-state) -> Battles / Armed clash, 3 (one-sided)
 * -> Violence against civilians / Attack; side_a -> actor1, side_b -> actor2
 * ("Government of X" becomes "Military Forces of X", "Civilians" becomes
 * "Civilians (X)"); country -> ISO2; adm_1 without its "region/province/
 * state" suffix -> admin1; where_coordinates -> location; latitude,
 * longitude; where_prec 1 -> 1, 2-3 -> 2, 4-7 -> 3; best_est/low_est/high_est
 * -> fatalities/low/high; status "reported"; the dyad and source headline
 * -> notes.
 */
#ifndef SR_UCDP_H
#define SR_UCDP_H

#include <stddef.h>

#include "sitrep.h"
#include "store.h"

typedef struct sr_ucdp_stats {
    size_t rows, created, updated, skipped;
} sr_ucdp_stats;

/* Called for a row that is skipped (one line naming it and the problem). */
typedef void (*sr_ucdp_warn)(void *ctx, const char *msg);

/* Maps one GED row to an event.  header/fields as read by csv.h.  origin_id
 * (cap bytes) receives the GED id.  SR_ERR_FORMAT (err says which field)
 * when the row lacks a usable id, date or type. */
int sr_ucdp_row(char **header, size_t nh, char **fields, size_t nf, const sr_lexicon *lex,
                sr_event *ev, char *origin_id, size_t id_cap, char *notes, size_t notes_cap,
                sr_error *err);

/* Imports buf[0..n) (name labels messages) in one transaction.  A file
 * without the GED columns is SR_ERR_FORMAT; bad rows are skipped and
 * counted. */
int sr_ucdp_import(sr_store *s, const char *name, const char *buf, size_t n,
                   const sr_lexicon *lex, sr_ucdp_warn warn, void *ctx, sr_ucdp_stats *st,
                   sr_error *err);

/* ACLED-style event CSV (the columns `sitrep events --format csv` writes, or
 * an ACLED export): event_id_cnty -> origin_id, event_date (ISO or
 * "01 June 2025"), time_precision, event_type, sub_event_type, actor1/2,
 * inter1/2, iso (numeric) or country (name), admin1, location, latitude,
 * longitude, geo_precision, fatalities, notes and source -> notes.  Stored
 * with origin "import", replaced on re-import, never merged. */
int sr_acled_row(char **header, size_t nh, char **fields, size_t nf, const sr_lexicon *lex,
                 sr_event *ev, char *origin_id, size_t id_cap, char *notes, size_t notes_cap,
                 sr_error *err);
int sr_acled_import(sr_store *s, const char *name, const char *buf, size_t n,
                    const sr_lexicon *lex, sr_ucdp_warn warn, void *ctx, sr_ucdp_stats *st,
                    sr_error *err);

#endif
