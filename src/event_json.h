/*
 * event_json.h — coded events as JSON, in the format of the guidelines.
 *
 * One article becomes one JSON object, {"id": ..., "events": [...]}, written
 * on one line.  Each event carries the keys the coding guidelines define
 * (event_date, date_precision, event_type, sub_event_type, actor1, actor2,
 * country, admin1, location, geo_precision, fatalities, fatalities_low,
 * fatalities_high, status, claimed_by) and, after them, keys the scorer
 * ignores: latitude, longitude, cameo, evidence and figures.
 *
 * Conventions: an empty string or an unknown number (precision 0, NAN
 * coordinates) is written as null; an actor is an object
 * {"name", "aliases", "type"} (aliases from the lexicon entry, type the ACLED
 * inter code) or null when the event has no such side.  Evidence and figure
 * spans are byte offsets [start, end) into the field they lie in ("text" or
 * "title"), widened to whole UTF-8 characters, with the spanned text; spans
 * outside the document are dropped rather than trusted.  Keys come in a fixed
 * order and reals are printed with 8 significant digits, so the same events
 * always give the same bytes.
 */
#ifndef SR_EVENT_JSON_H
#define SR_EVENT_JSON_H

#include <stddef.h>

#include <jansson.h>

#include "sitrep.h"

typedef struct sr_json_alias_cache sr_json_alias_cache;

/* A growable byte buffer for lines; {0} is an empty one.  data is
 * NUL-terminated after a successful write.  The buffer also keeps the
 * actors' alias lists it has written (they are half the bytes of a line and
 * the same actors come back article after article), for the lexicon it was
 * last used with. */
typedef struct sr_json_buf {
    char *data;
    size_t len, cap;
    sr_json_alias_cache *aliases; /* owned; NULL until needed */
} sr_json_buf;

/* Frees what b holds and empties it. */
void sr_json_buf_free(sr_json_buf *b);

/* The article line {"id": id, "events": [...]} and a newline, written into
 * b (replacing what it held, reusing its memory): the bytes json_dumps()
 * with SR_JSON_LINE_FLAGS gives for sr_article_to_json()'s value.  id may
 * differ from doc->id (a default chosen by the caller); it must not be
 * NULL.  lex may be NULL (no aliases).  SR_OK, SR_ERR_ARG or SR_ERR_NOMEM
 * (b then holds nothing). */
int sr_article_json_line(sr_json_buf *b, const char *id, const sr_doc *doc,
                         const sr_event *ev, size_t n, const sr_lexicon *lex,
                         sr_error *err);

/* One event as a new JSON object (*out, owned by the caller: json_decref).
 * lex may be NULL (no aliases); doc supplies the evidence text. */
int sr_event_to_json(const sr_event *ev, const sr_doc *doc, const sr_lexicon *lex,
                     json_t **out, sr_error *err);

/* The article line: {"id": id, "events": [...]}.  id may differ from
 * doc->id (a default chosen by the caller); it must not be NULL. */
int sr_article_to_json(const char *id, const sr_doc *doc, const sr_event *ev,
                       size_t n, const sr_lexicon *lex, json_t **out, sr_error *err);

/* Flags for json_dumps() that give the one-line, deterministic form. */
#define SR_JSON_LINE_FLAGS (JSON_REAL_PRECISION(8))

/* The span [start, end) of ev's document as the text it covers: *field is
 * "text" or "title", *s and *len the bytes (snapped to whole characters) and
 * *off_start and *off_end the offsets within that field.  SR_ERR_ARG when the
 * span lies outside the document. */
int sr_span_resolve(const sr_doc *doc, sr_span sp, const char **field, const char **s,
                    size_t *len, size_t *off_start, size_t *off_end);

#endif
