/* number.c — casualty figures in words and digits (see number.h). */
#include "number.h"

#include <limits.h>
#include <string.h>

/* ---- closed-class tables ------------------------------------------------- */

typedef struct word_value {
    const char *word;
    int value;
} word_value;

static const word_value units[] = {
    {"zero", 0},     {"one", 1},        {"two", 2},        {"three", 3},     {"four", 4},
    {"five", 5},     {"six", 6},        {"seven", 7},      {"eight", 8},     {"nine", 9},
    {"ten", 10},     {"eleven", 11},    {"twelve", 12},    {"thirteen", 13}, {"fourteen", 14},
    {"fifteen", 15}, {"sixteen", 16},   {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},
};

static const word_value tens[] = {
    {"twenty", 20}, {"thirty", 30},  {"forty", 40},  {"fourty", 40}, {"fifty", 50},
    {"sixty", 60},  {"seventy", 70}, {"eighty", 80}, {"ninety", 90},
};

/* Scales multiply what precedes them ("two hundred", "3 million"). */
static const word_value scales[] = {
    {"hundred", 100}, {"thousand", 1000}, {"million", 1000000},
};

/* Vague quantities standing alone, as the guidelines code them.  A value of
 * 0 marks the words that give no number at all (SR_NUM_MANY).  Like the
 * modifiers below, every phrase starts with a lower-case ASCII letter: the
 * parser looks at these tables only for tokens that do. */
typedef struct vague_word {
    const char *phrase; /* folded tokens joined by single spaces */
    int value;
    int of_follows; /* reads a following "of" too ("dozens of") */
} vague_word;

static const vague_word vague[] = {
    {"a dozen", 12, 0},        {"dozens", 12, 1},        {"several dozen", 12, 0},
    {"a few dozen", 12, 0},    {"some dozen", 12, 0},    {"tens", 10, 1},
    {"hundreds", 100, 1},      {"several hundred", 100, 0}, {"a few hundred", 100, 0},
    {"thousands", 1000, 1},    {"several thousand", 1000, 0}, {"a few thousand", 1000, 0},
    {"tens of thousands", 10000, 0}, {"hundreds of thousands", 100000, 0},
    {"a handful", 3, 1},       {"several", 3, 0},        {"a few", 3, 0},
    {"few", 3, 0},             {"some", 3, 0},           {"a couple", 2, 1},
    {"a number", 0, 1},        {"many", 0, 0},           {"scores", 0, 1},
    {"numerous", 0, 0},        {"countless", 0, 0},      {"heavy casualties", 0, 0},
    {"heavy losses", 0, 0},    {"a large number", 0, 1}, {"large numbers", 0, 1},
    {"an unknown number", 0, 1}, {"an unspecified number", 0, 1},
    {"an undetermined number", 0, 1},
};

/* Modifiers before a figure and the flag each gives. */
typedef struct modifier {
    const char *phrase;
    unsigned flag;
} modifier;

static const modifier modifiers[] = {
    {"at least", SR_NUM_ATLEAST},     {"more than", SR_NUM_ATLEAST},
    {"over", SR_NUM_ATLEAST},         {"no fewer than", SR_NUM_ATLEAST},
    {"no less than", SR_NUM_ATLEAST}, {"not less than", SR_NUM_ATLEAST},
    {"not fewer than", SR_NUM_ATLEAST}, {"upwards of", SR_NUM_ATLEAST},
    {"in excess of", SR_NUM_ATLEAST}, {"well over", SR_NUM_ATLEAST},
    {"just over", SR_NUM_ATLEAST},    {"above", SR_NUM_ATLEAST},
    {"a minimum of", SR_NUM_ATLEAST}, {"a total of", SR_NUM_EXACT},
    {"about", SR_NUM_ABOUT},          {"around", SR_NUM_ABOUT},
    {"some", SR_NUM_ABOUT},           {"roughly", SR_NUM_ABOUT},
    {"nearly", SR_NUM_ABOUT},         {"almost", SR_NUM_ABOUT},
    {"close to", SR_NUM_ABOUT},       {"approximately", SR_NUM_ABOUT},
    {"an estimated", SR_NUM_ABOUT},   {"estimated", SR_NUM_ABOUT},
    {"an approximate", SR_NUM_ABOUT}, {"just under", SR_NUM_ABOUT},
    {"up to", SR_NUM_UPTO},           {"as many as", SR_NUM_UPTO},
    {"as much as", SR_NUM_UPTO},      {"fewer than", SR_NUM_UPTO},
    {"less than", SR_NUM_UPTO},       {"under", SR_NUM_UPTO},
};

/* Words after a figure that make it something other than a count of people:
 * time, percentages, money, measures and durations. */
static const char *const non_count_after[] = {
    "am", "pm", "h", "hrs", "hours", "hour", "gmt", "utc", "o'clock", "oclock",
    "%", "percent", "per", "pc", "pct",
    "dollars", "dollar", "usd", "euros", "euro", "eur", "francs", "franc", "cfa", "fcfa",
    "naira", "pounds", "shillings", "birr", "dinars", "rupees", "yuan", "billion", "trillion",
    "km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "m",
    "metres", "meters", "kg", "kilograms", "tonnes", "tons", "hectares", "ha", "litres",
    "years", "year", "yrs", "months", "month", "weeks", "week", "days", "day", "minutes",
    "minute", "min", "mins", "seconds", "times", "th", "st", "nd", "rd",
};

/* Symbols before a figure that make it money. */
static const char *const currency_before[] = {"$", "€", "£", "¥", "₦", "usd", "eur", "cfa"};

/* Month and weekday names: a figure next to one is a date. */
static const char *const calendar_words[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
};

/* Words after a four-digit figure that still make it a count ("2000 people"
 * is rare in news style, but "2000 and 2012" or "in 2012 when" are years). */
static const char *const year_followers[] = {
    "and", "or", "to", "in", "on", "at", "when", "after", "before", "as", "but", "the",
    "that", "which", "while", "with", "where", "until", "by", "for", "of", "from", "during",
    "elections", "election", "coup", "census", "budget", "-", ",", ".", ";", ":", ")",
};

/* Words before a four-digit figure that make it a year even when a noun
 * follows ("the 2015 peace agreement", "since 2012 elections"). */
static const char *const year_leaders[] = {
    "the", "in", "since", "of", "by", "from", "until", "to", "and", "between", "before",
    "after", "during", "early", "late", "mid", "its", "their", "this", "a", "'s",
};

/* Words between "aged" and a figure ("aged between 12 and 16"). */
static const char *const age_links[] = {"between", "from", "and", "to", "-", "or", ","};

/* "in the ..." after a figure that make it a time of day. */
static const char *const day_parts[] = {"morning", "afternoon", "evening", "night"};

/* Words after "of" that make a figure a part of a group ("two of them"). */
static const char *const part_of_words[] = {
    "the", "them", "whom", "which", "those", "these", "us", "his", "her", "their", "its",
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---- helpers ----------------------------------------------------------------- */

static const char *fold_at(const sr_tokens *t, size_t i)
{
    return i < t->n ? sr_tok_fold(t, i) : "";
}

/* The tables are short; comparing first bytes before calling strcmp keeps
 * the scans cheap (the parser runs at every figure-like token). */
static int word_in(const char *const *list, size_t n, const char *w)
{
    for (size_t k = 0; k < n; k++)
        if (list[k][0] == w[0] && strcmp(list[k], w) == 0)
            return 1;
    return 0;
}

static int lookup(const word_value *tab, size_t n, const char *w, int *v)
{
    for (size_t k = 0; k < n; k++)
        if (tab[k].word[0] == w[0] && strcmp(tab[k].word, w) == 0) {
            *v = tab[k].value;
            return 1;
        }
    return 0;
}

/* Matches the space-separated folded phrase p against tokens from i; returns
 * the number of tokens matched (0 if no match).  Tokens joined by a hyphen
 * match a space in the phrase as well.  Inline: the parser tries up to a
 * dozen phrases at a common word such as "a". */
static inline size_t match_phrase(const sr_tokens *t, size_t i, const char *p)
{
    size_t k = 0;
    while (*p) {
        if (i + k >= t->n)
            return 0;
        const sr_token *tk = &t->tok[i + k];
        const char *f = t->fold + tk->fold;
        /* the phrase's next word, compared as it is scanned (f ends in a
         * NUL, which no byte of a word matches) */
        size_t len = 0;
        while (p[len] && p[len] != ' ' && p[len] == f[len])
            len++;
        if ((p[len] && p[len] != ' ') || tk->fold_len != len)
            return 0;
        k++;
        p += len;
        if (*p == ' ')
            p++;
    }
    return k;
}

/* Parses a digit token ("21", "1,300"); decimals give *dec = 1. */
static int digits_value(const char *f, long long *v, int *dec)
{
    long long x = 0;
    int any = 0;
    *dec = 0;
    for (const char *p = f; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            x = x * 10 + (*p - '0');
            any = 1;
            if (x > 1000000000LL)
                return 0;
        } else if (*p == ',') {
            continue;
        } else if (*p == '.') {
            *dec = 1;
            return any;
        } else {
            return 0;
        }
    }
    *v = x;
    return any;
}

/* Reads a number in words from i ("one hundred and thirty-two", "a hundred",
 * "twenty-one").  Returns tokens read; *v gets the value. */
static size_t words_value(const sr_tokens *t, size_t i, long long *v)
{
    long long total = 0, cur = 0;
    size_t k = i;
    int any = 0, last_was_unit = 0, seen_scale = 0, last_big = INT_MAX;
    if (strcmp(fold_at(t, k), "a") == 0 || strcmp(fold_at(t, k), "an") == 0) {
        int sv;
        if (k + 1 < t->n && lookup(scales, N_OF(scales), fold_at(t, k + 1), &sv)) {
            cur = 1;
            k++;
            any = 1;
        } else {
            return 0;
        }
    }
    while (k < t->n) {
        const char *f = sr_tok_fold(t, k);
        int val;
        if (lookup(units, N_OF(units), f, &val)) {
            if (last_was_unit)
                break;
            cur += val;
            last_was_unit = 1;
        } else if (lookup(tens, N_OF(tens), f, &val)) {
            if (last_was_unit || cur % 100 != 0)
                break;
            cur += val;
            /* "twenty-one", "twenty one" */
            int u;
            if (k + 1 < t->n && lookup(units, N_OF(units), fold_at(t, k + 1), &u) && u > 0 &&
                u < 10) {
                cur += u;
                k++;
            }
            last_was_unit = 1;
        } else if (lookup(scales, N_OF(scales), f, &val)) {
            if (!any && cur == 0)
                break;
            /* scales come in falling order ("two thousand five hundred"),
             * so "one hundred one hundred" is two figures, not 10100 */
            if (val == 100) {
                if (cur >= 100)
                    break;
                cur = (cur ? cur : 1) * 100;
            } else {
                if (val >= last_big || cur >= 1000)
                    break;
                total += (cur ? cur : 1) * val;
                cur = 0;
                last_big = val;
            }
            seen_scale = 1;
            last_was_unit = 0;
        } else if (strcmp(f, "and") == 0 && seen_scale && any && k + 1 < t->n &&
                   (lookup(units, N_OF(units), fold_at(t, k + 1), &val) ||
                    lookup(tens, N_OF(tens), fold_at(t, k + 1), &val))) {
            last_was_unit = 0;
        } else {
            break;
        }
        any = 1;
        k++;
    }
    if (!any || k == i)
        return 0;
    *v = total + cur;
    return k - i;
}

/* Reads one figure at i (digits with an optional scale, or words).  Returns
 * tokens read, 0 if none; *words is set for figures in words. */
static size_t figure_at(const sr_tokens *t, size_t i, long long *v, int *words)
{
    if (i >= t->n)
        return 0;
    const sr_token *k = &t->tok[i];
    *words = 0;
    if (k->flags & SR_TOK_NUM) {
        int dec;
        long long x;
        if (!digits_value(sr_tok_fold(t, i), &x, &dec))
            return 0;
        int sv;
        if (i + 1 < t->n && lookup(scales, N_OF(scales), fold_at(t, i + 1), &sv) && sv > 100) {
            /* "1.5 million", "3 thousand" */
            const char *f = sr_tok_fold(t, i);
            double d = 0, frac = 0.1;
            int after = 0;
            for (const char *p = f; *p; p++) {
                if (*p == '.')
                    after = 1;
                else if (*p >= '0' && *p <= '9') {
                    if (after) {
                        d += (*p - '0') * frac;
                        frac /= 10;
                    } else {
                        d = d * 10 + (*p - '0');
                    }
                }
            }
            d *= sv;
            if (d > 1e9)
                return 0;
            *v = (long long)d;
            return 2;
        }
        if (dec)
            return 0; /* "6.3", "10.15": not a count */
        *v = x;
        return 1;
    }
    size_t n = words_value(t, i, v);
    if (n)
        *words = 1;
    return n;
}

/* Whether the figure at [i, j) is not a count: a year, a time, a percentage,
 * money, a measure, a date, or an age. */
static int not_a_count(const sr_tokens *t, size_t i, size_t j, int modified, int second)
{
    const char *next = fold_at(t, j);
    if (word_in(non_count_after, N_OF(non_count_after), next))
        return 1;
    if (j < t->n && (t->tok[j].flags & SR_TOK_HYPHEN) &&
        (strcmp(next, "year") == 0 || strcmp(next, "month") == 0 || strcmp(next, "day") == 0 ||
         strcmp(next, "km") == 0 || strcmp(next, "hour") == 0 || strcmp(next, "week") == 0))
        return 1; /* "25-year-old", "a 10-km drive" */
    if (strcmp(next, ":") == 0 && j + 1 < t->n && (t->tok[j + 1].flags & SR_TOK_NUM))
        return 1; /* "10:15" */
    if ((strcmp(next, "in") == 0 && strcmp(fold_at(t, j + 1), "the") == 0 &&
         word_in(day_parts, N_OF(day_parts), fold_at(t, j + 2))) ||
        (strcmp(next, "at") == 0 && strcmp(fold_at(t, j + 1), "night") == 0))
        return 1; /* "around three in the morning", "at ten at night" */
    if (j < t->n && (t->tok[j].flags & SR_TOK_HYPHEN) && (t->tok[j].flags & SR_TOK_WORD) &&
        strcmp(next, "odd") != 0)
        return 1; /* "four-wheel-drive", "a two-day visit", "10-km" */
    {
        /* "12 to 14 December", "23-30 May": a span of days */
        size_t k2 = j;
        if (strcmp(next, "to") == 0 || strcmp(next, "-") == 0 || strcmp(next, "–") == 0 ||
            strcmp(next, "and") == 0)
            k2 = j + 1;
        if (k2 + 1 < t->n && (t->tok[k2].flags & SR_TOK_NUM) &&
            (k2 > j || (t->tok[k2].flags & SR_TOK_HYPHEN)) &&
            word_in(calendar_words, N_OF(calendar_words), fold_at(t, k2 + 1)))
            return 1;
    }
    if (word_in(calendar_words, N_OF(calendar_words), next))
        return 1; /* "3 March" */
    if (i > 0 && !second) {
        const char *prev = fold_at(t, i - 1);
        if (word_in(currency_before, N_OF(currency_before), prev))
            return 1;
        if (word_in(calendar_words, N_OF(calendar_words), prev) && (t->tok[i - 1].flags & SR_TOK_CAP))
            return 1; /* "May 24" */
        if ((t->tok[i].flags & SR_TOK_HYPHEN) &&
            (t->tok[i - 1].flags & (SR_TOK_NUM | SR_TOK_WORD)))
            return 1; /* the second half of "2025-06-02", "300-500", "COVID-19" */
        /* "aged 12", "aged between 12 and 16", "ages 12 to 16" */
        for (size_t b = i, steps = 0; b > 0 && steps < 6; b--, steps++) {
            const char *w = fold_at(t, b - 1);
            if (strcmp(w, "aged") == 0 || strcmp(w, "age") == 0 || strcmp(w, "ages") == 0)
                return 1;
            int v;
            if (!(t->tok[b - 1].flags & SR_TOK_NUM) && !lookup(units, N_OF(units), w, &v) &&
                !lookup(tens, N_OF(tens), w, &v) && !word_in(age_links, N_OF(age_links), w))
                break;
        }
        if ((strcmp(prev, "/") == 0 || strcmp(prev, ":") == 0) && i > 1 &&
            (t->tok[i - 2].flags & SR_TOK_NUM))
            return 1; /* "12/05", "09:14" */
    }
    if (j + 1 < t->n && (t->tok[j].flags & SR_TOK_HYPHEN) && (t->tok[j].flags & SR_TOK_NUM) &&
        (t->tok[j + 1].flags & SR_TOK_HYPHEN) && (t->tok[j + 1].flags & SR_TOK_NUM))
        return 1; /* "2025-06-02" */
    if (strcmp(next, "/") == 0 && j + 1 < t->n && (t->tok[j + 1].flags & SR_TOK_NUM))
        return 1; /* "12/05/2025" */
    /* A year: four digits, no separator, 1800..2099, unless a modifier says
     * otherwise or a plain noun follows. */
    const sr_token *k = &t->tok[i];
    if (j == i + 1 && (k->flags & SR_TOK_NUM) && k->end - k->start == 4 && !modified) {
        const char *f = sr_tok_fold(t, i);
        int y = (f[0] - '0') * 1000 + (f[1] - '0') * 100 + (f[2] - '0') * 10 + (f[3] - '0');
        if (y >= 1800 && y <= 2099) {
            int noun_follows = j < t->n && (t->tok[j].flags & SR_TOK_WORD) &&
                               !(t->tok[j].flags & SR_TOK_CAP) &&
                               !word_in(year_followers, N_OF(year_followers), next);
            if (!noun_follows || (i > 0 && word_in(year_leaders, N_OF(year_leaders),
                                                   fold_at(t, i - 1))))
                return 1; /* "in 2012", "the 2015 peace agreement" */
        }
    }
    return 0;
}

static int clamp_int(long long v)
{
    return v > INT_MAX ? INT_MAX : (int)v;
}

/* ---- the parser ------------------------------------------------------------------ */

size_t sr_number_parse(const sr_tokens *t, const char *text, size_t i, sr_number *out)
{
    (void)text;
    memset(out, 0, sizeof *out);
    if (!t || i >= t->n)
        return 0;
    size_t k = i;
    unsigned flags = 0;

    /* "between A and B" */
    if (strcmp(fold_at(t, k), "between") == 0) {
        const char *prev = k > 0 ? fold_at(t, k - 1) : "";
        if (strcmp(prev, "aged") == 0 || strcmp(prev, "ages") == 0)
            return 0; /* "aged between 12 and 14" */
        long long a, b;
        int wa, wb;
        size_t na = figure_at(t, k + 1, &a, &wa);
        if (na && strcmp(fold_at(t, k + 1 + na), "and") == 0) {
            size_t nb = figure_at(t, k + 2 + na, &b, &wb);
            if (nb && b >= a && !not_a_count(t, k + 2 + na, k + 2 + na + nb, 1, 1)) {
                out->low = out->best = clamp_int(a);
                out->high = clamp_int(b);
                out->flags = SR_NUM_RANGE | (wa || wb ? SR_NUM_WORDS : 0);
                out->tok_begin = i;
                out->tok_end = k + 2 + na + nb;
                return out->tok_end - i;
            }
        }
        return 0;
    }

    /* A modifier, longest first.  Only phrases that start with the token's
     * first byte can match, and all start with a lower-case ASCII letter:
     * most calls are at a figure in digits, which skips the table. */
    size_t best_len = 0;
    unsigned mflag = 0;
    char c0 = fold_at(t, k)[0];
    for (size_t m = 0; c0 >= 'a' && c0 <= 'z' && m < N_OF(modifiers); m++) {
        if (modifiers[m].phrase[0] != c0)
            continue;
        size_t len = match_phrase(t, k, modifiers[m].phrase);
        if (len > best_len) {
            best_len = len;
            mflag = modifiers[m].flag;
        }
    }
    size_t after_mod = k + best_len;

    /* A vague quantity, after a modifier or alone ("more than a dozen"). */
    size_t vlen = 0;
    const vague_word *vw = NULL;
    char v0 = fold_at(t, after_mod)[0];
    for (size_t m = 0; v0 >= 'a' && v0 <= 'z' && m < N_OF(vague); m++) {
        if (vague[m].phrase[0] != v0)
            continue;
        size_t len = match_phrase(t, after_mod, vague[m].phrase);
        if (len > vlen) {
            vlen = len;
            vw = &vague[m];
        }
    }
    long long v = 0;
    int words = 0;
    size_t flen = figure_at(t, after_mod, &v, &words);

    /* "some" and "about" are modifiers before a figure, vague words alone. */
    if (best_len && flen == 0 && !vw) {
        if (strcmp(fold_at(t, k), "some") == 0) {
            best_len = 0;
            after_mod = k;
            for (size_t m = 0; m < N_OF(vague); m++)
                if (strcmp(vague[m].phrase, "some") == 0)
                    vw = &vague[m], vlen = 1;
        } else {
            return 0;
        }
    }
    if (best_len && vw && strcmp(vw->phrase, "some") == 0)
        return 0; /* "about some" */

    if (vw && vlen >= flen) {
        size_t end = after_mod + vlen;
        /* "Somé-Diallo", "many-sided": a name or a compound, not a quantity */
        const sr_token *w0 = &t->tok[after_mod];
        if (w0->end - w0->start != w0->fold_len ||
            (end < t->n && (t->tok[end].flags & SR_TOK_HYPHEN)))
            return 0;
        /* "some of the", "several of them": a part, not a count */
        if (strcmp(fold_at(t, end), "of") == 0) {
            if (vw->of_follows)
                end++;
            else if (!strcmp(vw->phrase, "some") || !strcmp(vw->phrase, "several") ||
                     !strcmp(vw->phrase, "few") || !strcmp(vw->phrase, "many") ||
                     !strcmp(vw->phrase, "a few") || !strcmp(vw->phrase, "numerous"))
                return 0;
        }
        if (strcmp(vw->phrase, "few") == 0 && best_len == 0)
            return 0; /* "few" alone means hardly any */
        if (word_in(non_count_after, N_OF(non_count_after), fold_at(t, end)))
            return 0; /* "a few kilometres", "several hours" */
        if (vw->value == 0) {
            out->flags = SR_NUM_MANY | SR_NUM_VAGUE | SR_NUM_WORDS;
        } else {
            out->low = out->best = out->high = vw->value;
            out->flags = SR_NUM_VAGUE | SR_NUM_WORDS;
        }
        out->flags |= best_len ? mflag : 0;
        out->flags &= ~(unsigned)SR_NUM_EXACT;
        out->tok_begin = i;
        out->tok_end = end;
        return end - i;
    }
    if (!flen)
        return 0;

    size_t end = after_mod + flen;
    int odd = 0;
    /* "one of the deadliest", "one another", "no one": not a count */
    if (v == 1 && (strcmp(fold_at(t, end), "of") == 0 || strcmp(fold_at(t, end), "another") == 0))
        return 0;
    if (v == 1 && words && best_len == 0 && i > 0 &&
        (strcmp(fold_at(t, i - 1), "no") == 0 || strcmp(fold_at(t, i - 1), "not") == 0))
        return 0;
    if (not_a_count(t, after_mod, end, best_len > 0, 0))
        return 0;
    /* "No. 5", "Number 5": a label */
    if (best_len == 0 && i > 0) {
        size_t p = strcmp(fold_at(t, i - 1), ".") == 0 && i > 1 ? i - 2 : i - 1;
        if ((t->tok[p].flags & SR_TOK_CAP) &&
            (strcmp(fold_at(t, p), "no") == 0 || strcmp(fold_at(t, p), "number") == 0))
            return 0;
    }
    /* "30-odd" */
    if (strcmp(fold_at(t, end), "odd") == 0 && (t->tok[end].flags & SR_TOK_HYPHEN)) {
        end++;
        if (best_len == 0)
            mflag = SR_NUM_ABOUT;
        odd = 1;
    }
    /* "three dozen" */
    if (strcmp(fold_at(t, end), "dozen") == 0 && v < 1000) {
        v *= 12;
        end++;
        if (strcmp(fold_at(t, end), "of") == 0)
            end++;
    }

    flags = (best_len || odd ? mflag : SR_NUM_EXACT) | (words ? SR_NUM_WORDS : 0);
    int val = clamp_int(v);
    out->low = out->best = out->high = val;

    /* "300 to 500", "300-500", "300 – 500", "two or three" */
    if (best_len == 0 || mflag == SR_NUM_ABOUT) {
        const char *sep = fold_at(t, end);
        size_t from = 0;
        if (strcmp(sep, "to") == 0 || strcmp(sep, "-") == 0 || strcmp(sep, "–") == 0 ||
            strcmp(sep, "or") == 0)
            from = end + 1;
        else if (end < t->n && (t->tok[end].flags & SR_TOK_HYPHEN) &&
                 (t->tok[end].flags & SR_TOK_NUM))
            from = end;
        long long b;
        int wb;
        size_t nb = from ? figure_at(t, from, &b, &wb) : 0;
        if (nb && b > v && words == wb && !not_a_count(t, from, from + nb, 1, 1)) {
            out->high = clamp_int(b);
            flags = (flags & ~(unsigned)SR_NUM_EXACT) | SR_NUM_RANGE;
            end = from + nb;
        }
    }
    /* "eleven of them children", "20 of the dead": a part, flagged */
    if (strcmp(fold_at(t, end), "of") == 0 &&
        word_in(part_of_words, N_OF(part_of_words), fold_at(t, end + 1)))
        flags |= SR_NUM_PART;
    out->flags = flags;
    out->tok_begin = i;
    out->tok_end = end;
    return end - i;
}
