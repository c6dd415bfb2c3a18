/*
 * date.h — calendar arithmetic and date expressions.
 *
 * Resolves the date words of a report against its publication date, as the
 * guidelines code them: "on Sunday" (the latest Sunday on or before
 * publication... strictly before when published on that weekday and the text
 * says "last"), "last Friday", "on May 24", "on 3 March", "24 May 2025",
 * "yesterday", "overnight" / "the night of 4 to 5 June" (the later day),
 * "earlier this week" (middle day of the span, precision 2), "last week"
 * (middle day of the previous Monday-Sunday week, precision 2), "this month"
 * / "last month" (precision 3), "the Sunday before last".
 */
#ifndef SR_DATE_H
#define SR_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "text.h"

/* Days since 1970-01-01 for a proleptic Gregorian date. */
int32_t sr_days_from_civil(int y, int m, int d);
void sr_civil_from_days(int32_t z, int *y, int *m, int *d);
/* 0 = Monday ... 6 = Sunday. */
int sr_weekday(int32_t days);
/* Parses "YYYY-MM-DD" (also the date part of an ISO timestamp); SR_OK or
 * SR_ERR_FORMAT for anything else, including impossible dates. */
int sr_date_parse_iso(const char *s, int32_t *days);
/* Writes "YYYY-MM-DD" into out[11]. */
void sr_date_format(int32_t days, char out[11]);

typedef struct sr_date {
    int32_t days;    /* resolved day */
    int precision;   /* 1 day, 2 week, 3 month */
    size_t tok_begin, tok_end;
} sr_date;

/* Parses a date expression beginning at token i, against the publication day
 * pub.  Returns tokens consumed (0 if no date expression starts there). */
size_t sr_date_parse(const sr_tokens *t, const char *text, size_t i, int32_t pub,
                     sr_date *out);

#endif
