/* date.c — calendar arithmetic and date expressions (see date.h). */
#include "date.h"

#include <string.h>

#include "sitrep.h"

/* ---- civil calendar ------------------------------------------------------------
 * The algorithms of H. Hinnant, "chrono-compatible low-level date
 * algorithms": exact for the proleptic Gregorian calendar. */

int32_t sr_days_from_civil(int y, int m, int d)
{
    int64_t yy = (int64_t)y - (m <= 2);
    const int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    const int64_t yoe = yy - era * 400;
    const int64_t doy = (153 * ((int64_t)m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t z = era * 146097 + doe - 719468;
    return (int32_t)(z > INT32_MAX ? INT32_MAX : z < INT32_MIN ? INT32_MIN : z);
}

void sr_civil_from_days(int32_t days, int *y, int *m, int *d)
{
    const int64_t z = (int64_t)days + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

int sr_weekday(int32_t days)
{
    int w = (int)(((int64_t)days + 3) % 7); /* 1970-01-01 was a Thursday */
    return w < 0 ? w + 7 : w;
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

static int valid_date(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

int sr_date_parse_iso(const char *s, int32_t *days)
{
    if (!s)
        return SR_ERR_FORMAT;
    for (int k = 0; k < 10; k++) {
        char c = s[k];
        if (k == 4 || k == 7) {
            if (c != '-')
                return SR_ERR_FORMAT;
        } else if (c < '0' || c > '9') {
            return SR_ERR_FORMAT;
        }
    }
    /* the date alone, or the date part of a timestamp */
    if (s[10] != '\0' && s[10] != 'T' && s[10] != 't' && s[10] != ' ')
        return SR_ERR_FORMAT;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (!valid_date(y, m, d))
        return SR_ERR_FORMAT;
    *days = sr_days_from_civil(y, m, d);
    return SR_OK;
}

void sr_date_format(int32_t days, char out[11])
{
    int y, m, d;
    sr_civil_from_days(days, &y, &m, &d);
    if (y < 0)
        y = 0;
    if (y > 9999)
        y = 9999;
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

/* 0001-01-01 and 9999-12-31 as days since 1970-01-01. */
enum { DAYS_MIN = -719162, DAYS_MAX = 2932896 };

/* ---- date words ----------------------------------------------------------------- */

static const char *const weekdays[7] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

typedef struct month_name {
    const char *name;
    int month;
} month_name;

static const month_name months[] = {
    {"january", 1}, {"february", 2}, {"march", 3},    {"april", 4},    {"may", 5},
    {"june", 6},    {"july", 7},     {"august", 8},   {"september", 9}, {"october", 10},
    {"november", 11}, {"december", 12}, {"jan", 1},   {"feb", 2},      {"mar", 3},
    {"apr", 4},     {"jun", 6},      {"jul", 7},      {"aug", 8},      {"sep", 9},
    {"sept", 9},    {"oct", 10},     {"nov", 11},     {"dec", 12},
};

/* Words that may stand before a date expression and belong to it. */
static const char *const prefixes[] = {
    "on", "late", "early", "at", "dawn", "dusk", "noon", "midnight", "around", "in",
    "during", "the", "night", "of", "from", "overnight", "mid", "since", "by", "over",
    "until", "morning", "evening", "afternoon", "before", "between", "this", "hours",
    "wee", "small", "about",
};

/* Words that allow a month named alone to be a date ("in March"). */
static const char *const month_openers[] = {
    "in", "early", "late", "mid", "during", "since", "by", "until", "of", "from",
};

/* Parts of the day that may follow a weekday ("Tuesday evening"). */
static const char *const times_of_day[] = {
    "morning", "afternoon", "evening", "night", "overnight", "dawn", "noon", "midday",
    "midnight",
};

/* Small counts for "two days ago". */
static const char *const small_numbers[] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static const char *fold_at(const sr_tokens *t, size_t i)
{
    return i < t->n ? sr_tok_fold(t, i) : "";
}

static int is(const sr_tokens *t, size_t i, const char *w)
{
    return strcmp(fold_at(t, i), w) == 0;
}

static int index_in(const char *const *list, size_t n, const char *w)
{
    for (size_t k = 0; k < n; k++)
        if (list[k][0] == w[0] && strcmp(list[k], w) == 0)
            return (int)k;
    return -1;
}

static int weekday_at(const sr_tokens *t, size_t i)
{
    return i < t->n ? index_in(weekdays, 7, fold_at(t, i)) : -1;
}

/* Month named at i (capitalised, as English writes them), or -1. */
static int month_at(const sr_tokens *t, size_t i)
{
    if (i >= t->n || !(t->tok[i].flags & SR_TOK_CAP))
        return -1;
    const char *f = fold_at(t, i);
    for (size_t k = 0; k < N_OF(months); k++)
        if (months[k].name[0] == f[0] && strcmp(months[k].name, f) == 0)
            return months[k].month;
    return -1;
}

/* Whether the month named at i is abbreviated ("Jan", "Sept"). */
static int month_abbrev(const sr_tokens *t, size_t i)
{
    const char *f = fold_at(t, i);
    for (size_t k = 12; k < N_OF(months); k++)
        if (strcmp(months[k].name, f) == 0)
            return 1;
    return 0;
}

/* Day of month at i: "5", "05", "24th", "1st"; or -1. */
static int day_at(const sr_tokens *t, size_t i)
{
    if (i >= t->n)
        return -1;
    const char *f = fold_at(t, i);
    int v = 0, nd = 0;
    while (f[nd] >= '0' && f[nd] <= '9' && nd < 3)
        v = v * 10 + (f[nd++] - '0');
    if (nd == 0 || nd > 2 || v < 1 || v > 31)
        return -1;
    const char *rest = f + nd;
    if (*rest && strcmp(rest, "st") != 0 && strcmp(rest, "nd") != 0 && strcmp(rest, "rd") != 0 &&
        strcmp(rest, "th") != 0)
        return -1;
    return v;
}

/* A four-digit year at i (1900..2099), or -1. */
static int year_at(const sr_tokens *t, size_t i)
{
    if (i >= t->n || !(t->tok[i].flags & SR_TOK_NUM))
        return -1;
    const char *f = fold_at(t, i);
    if (strlen(f) != 4)
        return -1;
    int y = 0;
    for (int k = 0; k < 4; k++) {
        if (f[k] < '0' || f[k] > '9')
            return -1;
        y = y * 10 + (f[k] - '0');
    }
    return y >= 1900 && y <= 2099 ? y : -1;
}

typedef struct parts {
    int wd, day, month, year;
} parts;

/* Reads [weekday [,]] [day [of]] [month [.] [day] [,] [year]] [time of day]
 * from i; returns the tokens read. */
static size_t read_parts(const sr_tokens *t, size_t i, parts *p)
{
    size_t k = i;
    p->wd = p->day = p->month = p->year = -1;
    if ((p->wd = weekday_at(t, k)) >= 0) {
        k++;
        if (is(t, k, ",") && (day_at(t, k + 1) > 0 || month_at(t, k + 1) > 0))
            k++;
    }
    int d = day_at(t, k);
    if (d > 0) {
        size_t k2 = k + 1;
        if (is(t, k2, "of"))
            k2++;
        if (month_at(t, k2) > 0 || is(t, k2, "to") || is(t, k2, "into") || is(t, k2, "-") ||
            is(t, k2, "–") || (k2 < t->n && (t->tok[k2].flags & SR_TOK_HYPHEN) && day_at(t, k2) > 0) ||
            p->wd >= 0) {
            p->day = d;
            k = k2;
        }
    }
    int m = month_at(t, k);
    if (m > 0) {
        p->month = m;
        k++;
        if (is(t, k, ".") && t->tok[k - 1].end == t->tok[k].start && month_abbrev(t, k - 1))
            k++; /* "Jan." */
        if (p->day < 0 && (d = day_at(t, k)) > 0 && !(t->tok[k].flags & SR_TOK_HYPHEN)) {
            p->day = d;
            k++;
        }
        size_t k2 = is(t, k, ",") ? k + 1 : k;
        int y = year_at(t, k2);
        if (y > 0) {
            p->year = y;
            k = k2 + 1;
        }
    }
    if (k > i && index_in(times_of_day, N_OF(times_of_day), fold_at(t, k)) >= 0)
        k++;
    return k - i;
}

/* The latest day with weekday wd on or before pub. */
static int32_t weekday_on_or_before(int32_t pub, int wd)
{
    return pub - (sr_weekday(pub) - wd + 7) % 7;
}

/* Day and month without a year: the publication year, or the year before
 * when that would fall after publication.  -1 when impossible. */
static int resolve_day(const parts *p, int32_t pub, int32_t *out)
{
    int py, pm, pd;
    sr_civil_from_days(pub, &py, &pm, &pd);
    int y = p->year > 0 ? p->year : py;
    if (!valid_date(y, p->month, p->day)) {
        if (p->year > 0 || !valid_date(y - 1, p->month, p->day))
            return -1;
        y--; /* 29 February of the year before */
    }
    int32_t d = sr_days_from_civil(y, p->month, p->day);
    if (p->year <= 0 && d > pub) {
        if (!valid_date(y - 1, p->month, p->day))
            return -1;
        d = sr_days_from_civil(y - 1, p->month, p->day);
    }
    *out = d;
    return 0;
}

/* A month: the 15th, or the publication day when that is earlier. */
static int32_t month_day(int y, int m, int32_t pub)
{
    int32_t d = sr_days_from_civil(y, m, 15);
    return d > pub && sr_days_from_civil(y, m, 1) <= pub ? pub : d;
}

static size_t set(sr_date *out, int32_t days, int precision, size_t begin, size_t end)
{
    out->days = days;
    out->precision = precision;
    out->tok_begin = begin;
    out->tok_end = end;
    return end - begin;
}

/* Resolves parts read at [k, k+n) (and a range after them). */
static size_t explicit_date(const sr_tokens *t, size_t k, int32_t pub, int month_ok,
                            int last, int night, sr_date *out, size_t begin)
{
    parts p;
    size_t n = read_parts(t, k, &p);
    if (n == 0)
        return 0;
    size_t end = k + n;

    /* "the night of 4 to 5 June", "Friday 4 to Saturday 5 June", "Saturday
     * to Sunday": the later day.  A longer span ("from 12 to 14 December")
     * is coded by its middle day at precision 2. */
    parts first = p;
    size_t sep = end;
    int range = 0, ranged = 0;
    if (is(t, sep, "to") || is(t, sep, "into") || is(t, sep, "-") || is(t, sep, "–"))
        range = 1, sep++;
    else if (p.day > 0 && sep < t->n && (t->tok[sep].flags & SR_TOK_HYPHEN) &&
             (t->tok[sep].flags & SR_TOK_NUM))
        range = 1;
    if (range && (p.wd >= 0 || p.day > 0) && p.year < 0) {
        parts q;
        size_t n2 = read_parts(t, sep, &q);
        if (n2 == 0 && p.month > 0 && p.day > 0 && (q.day = day_at(t, sep)) > 0) {
            q.wd = q.month = q.year = -1; /* "June 1-2": a bare day */
            n2 = 1;
        }
        if (n2 && (q.wd >= 0 || q.day > 0) && (p.day < 0 || q.day > 0) &&
            (q.month > 0 || p.month > 0 || q.day < 0)) {
            if (q.month < 0)
                q.month = p.month;
            if (first.month < 0) {
                first.month = q.month;
                first.year = q.year;
            }
            p = q;
            end = sep + n2;
            ranged = 1;
        }
    }
    if (p.month > 0 && p.day > 0) {
        int32_t d, d0;
        if (resolve_day(&p, pub, &d) != 0)
            return 0;
        if (ranged && !night && first.day > 0 && first.month > 0 &&
            resolve_day(&first, pub, &d0) == 0 && d0 < d && d - d0 >= 2)
            return set(out, d0 + (d - d0) / 2, 2, begin, end);
        return set(out, d, 1, begin, end);
    }
    if (p.month > 0 && p.day < 0 && p.wd < 0) {
        if (!month_ok && p.year < 0)
            return 0;
        int py, pm, pd;
        sr_civil_from_days(pub, &py, &pm, &pd);
        int y = p.year > 0 ? p.year : (p.month > pm ? py - 1 : py);
        return set(out, month_day(y, p.month, pub), 3, begin, end);
    }
    if (p.wd >= 0 && p.day < 0 && p.month < 0) {
        int32_t d = weekday_on_or_before(last ? pub - 1 : pub, p.wd);
        /* "the Sunday before last" */
        if (is(t, end, "before") && is(t, end + 1, "last")) {
            d = weekday_on_or_before(pub - 1, p.wd) - 7;
            end += 2;
        }
        return set(out, d, 1, begin, end);
    }
    if (p.wd >= 0 && p.day > 0 && p.month < 0) {
        /* "Friday 13": the latest such day of month on that weekday, within
         * the last month or so, else the weekday alone. */
        for (int32_t d = pub; d > pub - 62; d--) {
            int y, m, dd;
            sr_civil_from_days(d, &y, &m, &dd);
            if (dd == p.day && sr_weekday(d) == p.wd)
                return set(out, d, 1, begin, end);
        }
        return set(out, weekday_on_or_before(pub, p.wd), 1, begin, k + 1);
    }
    return 0;
}

/* "this week", "last week", "this weekend", "this month", "yesterday" ...
 * at k; returns tokens read. */
static size_t relative_date(const sr_tokens *t, size_t k, int32_t pub, sr_date *out,
                            size_t begin)
{
    const char *f = fold_at(t, k);
    /* Every expression read here starts with one of "yesterday", "today",
     * "tonight", "day", "earlier", "this", "last", "previous", "past" or
     * "weekend": other first letters are turned away before any arithmetic. */
    switch (f[0]) {
    case 'd':
    case 'e':
    case 'l':
    case 'p':
    case 't':
    case 'w':
    case 'y':
        break;
    default:
        return 0;
    }
    int py, pm, pd;
    sr_civil_from_days(pub, &py, &pm, &pd);
    int32_t monday = pub - sr_weekday(pub);

    if (strcmp(f, "yesterday") == 0)
        return set(out, pub - 1, 1, begin, k + 1);
    if (strcmp(f, "today") == 0 || strcmp(f, "tonight") == 0)
        return set(out, pub, 1, begin, k + 1);
    if (strcmp(f, "day") == 0 && is(t, k + 1, "before") && is(t, k + 2, "yesterday"))
        return set(out, pub - 2, 1, begin, k + 3);

    size_t k0 = k;
    /* "earlier this week", "earlier in the week", "this past week" */
    if (strcmp(f, "earlier") == 0) {
        k++;
        if (is(t, k, "in") && is(t, k + 1, "the"))
            k += 2;
        else if (!is(t, k, "this"))
            return 0;
    }
    int this_ = is(t, k, "this") || (k > k0 && is(t, k - 1, "the"));
    int last = is(t, k, "last") || is(t, k, "previous");
    int past = is(t, k, "past");
    if (is(t, k, "this") || last || past)
        k++;
    if (is(t, k, "past") && this_)
        k++, last = 0; /* "this past week" = this week */
    const char *w = fold_at(t, k);
    if (!this_ && !last && !past && k == k0 && strcmp(w, "weekend") != 0)
        return 0;
    if (past) { /* "the past week": the last seven days */
        if (strcmp(w, "week") == 0)
            return set(out, pub - 3, 2, begin, k + 1);
        return 0;
    }
    if (this_ && (strcmp(w, "morning") == 0 || strcmp(w, "afternoon") == 0 ||
                  strcmp(w, "evening") == 0))
        return set(out, pub, 1, begin, k + 1);
    if (strcmp(w, "week") == 0) {
        if (last)
            return set(out, monday - 7 + 3, 2, begin, k + 1);
        return set(out, monday + (pub - monday) / 2, 2, begin, k + 1);
    }
    if (strcmp(w, "weekend") == 0) {
        int32_t sat = weekday_on_or_before(pub, 5);
        if (last && sr_weekday(pub) >= 5)
            sat -= 7;
        return set(out, sat, 2, begin, k + 1);
    }
    if (strcmp(w, "month") == 0) {
        if (last) {
            int y = pm == 1 ? py - 1 : py, m = pm == 1 ? 12 : pm - 1;
            return set(out, sr_days_from_civil(y, m, 15), 3, begin, k + 1);
        }
        return set(out, month_day(py, pm, pub), 3, begin, k + 1);
    }
    if (strcmp(w, "night") == 0 && last)
        return set(out, pub - 1, 1, begin, k + 1);
    return 0;
}

/* "two days ago", "a week ago". */
static size_t ago_date(const sr_tokens *t, size_t k, int32_t pub, sr_date *out, size_t begin)
{
    if (!is(t, k + 2, "ago"))
        return 0;
    int n = -1;
    const char *f = fold_at(t, k);
    if (strcmp(f, "a") == 0 || strcmp(f, "one") == 0)
        n = 1;
    else if ((n = index_in(small_numbers, N_OF(small_numbers), f)) < 0 && day_at(t, k) > 0 &&
             (t->tok[k].flags & SR_TOK_NUM))
        n = day_at(t, k);
    if (n < 0)
        return 0;
    const char *u = fold_at(t, k + 1);
    if (strcmp(u, "day") == 0 || strcmp(u, "days") == 0)
        return set(out, pub - n, 1, begin, k + 3);
    if (strcmp(u, "week") == 0 || strcmp(u, "weeks") == 0)
        return set(out, pub - 7 * n, 2, begin, k + 3);
    return 0;
}

/* "2025-06-02" written in the text. */
static size_t iso_date(const sr_tokens *t, size_t k, sr_date *out, size_t begin)
{
    if (k + 2 >= t->n || year_at(t, k) < 0)
        return 0;
    const sr_token *a = &t->tok[k + 1], *b = &t->tok[k + 2];
    if (!(a->flags & SR_TOK_HYPHEN) || !(b->flags & SR_TOK_HYPHEN) || a->fold_len != 2 ||
        b->fold_len != 2 || !(a->flags & SR_TOK_NUM) || !(b->flags & SR_TOK_NUM))
        return 0;
    const char *ma = fold_at(t, k + 1), *mb = fold_at(t, k + 2);
    int m = (ma[0] - '0') * 10 + (ma[1] - '0'), d = (mb[0] - '0') * 10 + (mb[1] - '0');
    int y = year_at(t, k);
    if (!valid_date(y, m, d))
        return 0;
    return set(out, sr_days_from_civil(y, m, d), 1, begin, k + 3);
}

size_t sr_date_parse(const sr_tokens *t, const char *text, size_t i, int32_t pub,
                     sr_date *out)
{
    (void)text;
    memset(out, 0, sizeof *out);
    /* pub must be a day of the years 1..9999 (as sr_date_parse_iso gives) */
    if (!t || i >= t->n || pub < DAYS_MIN || pub > DAYS_MAX)
        return 0;
    size_t k = i;
    const char *opener = "";
    int night = 0;
    for (int skipped = 0; skipped <= 6 && k < t->n; skipped++) {
        size_t r;
        int month_ok = index_in(month_openers, N_OF(month_openers), opener) >= 0;
        if ((r = iso_date(t, k, out, i)) > 0)
            return r;
        if ((r = relative_date(t, k, pub, out, i)) > 0)
            return r;
        if ((r = ago_date(t, k, pub, out, i)) > 0)
            return r;
        int last = is(t, k, "last") && weekday_at(t, k + 1) >= 0;
        if ((r = explicit_date(t, last ? k + 1 : k, pub, month_ok, last, night, out, i)) > 0)
            return r;
        if (index_in(prefixes, N_OF(prefixes), fold_at(t, k)) < 0)
            break;
        opener = fold_at(t, k);
        night |= strcmp(opener, "night") == 0 || strcmp(opener, "overnight") == 0;
        k++;
    }
    /* "overnight" alone: the night that ends on the publication day */
    if (is(t, i, "overnight"))
        return set(out, pub, 1, i, i + 1);
    memset(out, 0, sizeof *out);
    return 0;
}
