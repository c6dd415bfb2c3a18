/*
 * csv.h — comma-separated values, RFC 4180.
 *
 * The reader splits records with a state machine, not by line: quoted fields
 * may hold commas, doubled quotes and line breaks (UCDP GED's source fields
 * do).  CRLF and LF both end a record; a final record without a line break
 * counts.  An unterminated quoted field is an error naming the line it began
 * on.  The writer quotes a field only when it must.
 */
#ifndef SR_CSV_H
#define SR_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "sitrep.h"

typedef struct sr_csv_reader sr_csv_reader;

/* Reads from buf[0..n), which must outlive the reader. */
int sr_csv_open(const char *buf, size_t n, sr_csv_reader **out, sr_error *err);
void sr_csv_close(sr_csv_reader *r);

/* The next record: *fields points at *nfields NUL-terminated strings owned by
 * the reader (valid until the next call); *line is the line the record began
 * on.  SR_ERR_EMPTY at the end, SR_ERR_FORMAT for an unterminated quote,
 * SR_ERR_TOOBIG past 4096 fields. */
int sr_csv_next(sr_csv_reader *r, char ***fields, size_t *nfields, size_t *line,
                sr_error *err);

/* Writes one field, quoted when it holds a comma, quote, or line break. */
void sr_csv_field(FILE *f, const char *s);
/* Writes one field with a given separator rule: for TSV, tabs and line breaks
 * become spaces. */
void sr_tsv_field(FILE *f, const char *s);

#endif
