/*
 * date.h — calendar arithmetic and date expressions.
 *
 * Resolves the date words of a report against its publication day pub, as
 * the guidelines code them (precision 1 day, 2 week, 3 month):
 *   - a weekday ("on Sunday", "Sunday's attack", "late on Tuesday", "Tuesday
 *     evening", "at dawn on Sunday"): the latest such day on or before pub
 *     (0-6 days back); "last Friday": strictly before pub (1-7 days back);
 *     "the Sunday before last": that, minus 7 days.  Precision 1.
 *   - "yesterday" pub-1, "today"/"tonight"/"this morning" pub, "last night"
 *     pub-1, "the day before yesterday" pub-2, "two days ago" pub-2 (1), "a
 *     week ago" pub-7 (2); "overnight" alone pub.  "the same day" is no date.
 *   - "May 24", "24 May", "on 3 March", "1 July 2025", "Tuesday 1 July 2025",
 *     "Sunday June 1", "24th of May", "2025-06-02": that day; with no year, the
 *     pub year unless the day would fall after pub, then the year before.
 *   - "the night of 4 to 5 June", "overnight from Friday 4 to Saturday 5
 *     June", "4-5 June", "June 1-2", "Saturday to Sunday": the later day.  A
 *     span of three days or more not called a night ("from 12 to 14
 *     December", "23-30 May", "30 May-2 June") is coded by its middle day
 *     (floor) at precision 2.
 *   - "this week", "earlier this week", "earlier in the week": the middle day
 *     (floor) of Monday of pub's week .. pub; "last week": Thursday of the
 *     previous Monday-Sunday week; "the past week": pub-3; "this weekend",
 *     "the weekend": the latest Saturday on or before pub; "last weekend":
 *     the same, or a week earlier when pub is itself a Saturday or Sunday.
 *     Precision 2.
 *   - "this month", "earlier this month": the 15th, or pub when earlier;
 *     "last month": the 15th of the month before; "in March", "in early
 *     February", "mid-March", "in June 2021": the 15th of that month (the
 *     latest such month not after pub when no year is given; pub when that is
 *     the current month and pub is before the 15th).  A month named alone
 *     needs "in", "early", "late", "mid", "during", "since", "by", "until",
 *     "of" or "from" before it, or a year after it.  Precision 3.
 *   - years alone ("since 2012", "in 2015") and future words are no date.
 * Leading words such as "on", "late", "early", "at dawn on", "the night of",
 * "overnight from" are part of the expression.  Month names must be
 * capitalised ("may" is a verb); weekdays may be in any case.
 */
#ifndef SR_DATE_H
#define SR_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "text.h"

/* Days since 1970-01-01 for a proleptic Gregorian date (m 1..12, d 1..31;
 * the result saturates at the int32_t limits for absurd years). */
int32_t sr_days_from_civil(int y, int m, int d);
/* The date of a day number; exact for every int32_t. */
void sr_civil_from_days(int32_t z, int *y, int *m, int *d);
/* 0 = Monday ... 6 = Sunday, for every int32_t. */
int sr_weekday(int32_t days);
/* Parses "YYYY-MM-DD" (also the date part of an ISO timestamp); SR_OK or
 * SR_ERR_FORMAT for anything else, including impossible dates. */
int sr_date_parse_iso(const char *s, int32_t *days);
/* Writes "YYYY-MM-DD" into out[11] (years outside 0..9999 are clamped). */
void sr_date_format(int32_t days, char out[11]);

typedef struct sr_date {
    int32_t days;    /* resolved day */
    int precision;   /* 1 day, 2 week, 3 month */
    size_t tok_begin, tok_end;
} sr_date;

/* Parses a date expression beginning at token i, against the publication day
 * pub (days since 1970-01-01, within the years 1..9999).  Returns tokens
 * consumed (0 if no date expression starts there, or pub is out of range;
 * *out is then zeroed).  text is the tokenized text
 * (unused for now: folded forms suffice). */
size_t sr_date_parse(const sr_tokens *t, const char *text, size_t i, int32_t pub,
                     sr_date *out);

#endif
