/*
 * number.h — casualty figures in words and digits.
 *
 * Reads the number expression that starts at a token and codes it as
 * low/best/high following the guidelines: "21", "twenty-one", "one hundred
 * and thirty-two", "1,300", "at least 23" (23), "more than 30" (30), "about
 * 40", "nearly 50", "up to 100" (high), "between 300 and 500", "dozens" (12),
 * "a dozen" (12), "tens of" (10), "hundreds" (100), "several"/"a few"/"some"
 * (3), "scores"/"many" (vague, flagged).  Closed-class words (units, tens,
 * scales, vague quantities, modifiers) are tables in number.c.
 *
 * Coding of low/best/high:
 *   - a plain figure, or one after a modifier (at least, more than, over, no
 *     fewer than, about, around, some, roughly, nearly, almost, close to, up
 *     to, as many as, fewer than, a total of): low = best = high = the
 *     figure, and the modifier's flag tells which it was ("up to 100" = 100
 *     with SR_NUM_UPTO; "a total of 14" is SR_NUM_EXACT; "30-odd" is 30 with
 *     SR_NUM_ABOUT); "three dozen" = 36;
 *     "1.5 million" = 1500000;
 *   - a range ("between 300 and 500", "300 to 500", "300-500", "two or
 *     three"): low = best = the lower, high = the upper, SR_NUM_RANGE;
 *   - vague words: "a dozen", "dozens", "several dozen", "a few dozen" = 12,
 *     "tens (of)" = 10, "hundreds" = 100, "thousands" = 1000, "several", "a
 *     few", "some", "a handful" = 3, with SR_NUM_VAGUE; "many", "scores",
 *     "numerous", "a number of", "heavy casualties" give 0 with SR_NUM_MANY
 *     (the caller applies the guidelines' 10-or-3 rule).
 * A trailing "of" of a vague word ("dozens of") is consumed.  A figure
 * followed by "of the", "of them", "of whom" ... is a part of a group
 * ("eleven of them children", "20 of the dead") and carries SR_NUM_PART.
 *
 * Not counts — the parser returns 0 for them: years ("in 2012": four digits
 * 1800-2099 unless a modifier precedes or a lower-case noun follows), times
 * ("2 p.m.", "10:15", and every decimal such as "10.15" or "6.3"), dates ("3
 * March", "May 24", "2025-06-02"), percentages ("54 per cent", "15%"), money
 * ("$5", "935 million dollars"), measures and durations ("12 km", "three
 * days"), ages ("25-year-old", "aged between 12 and 16"), times in words
 * ("three in the morning"), labels ("No. 5"), names ("COVID-19", "Su-25"),
 * ordinals ("21st" is a word), "one of the", "no one", and "some of" /
 * "several of" (a part, not a count).
 */
#ifndef SR_NUMBER_H
#define SR_NUMBER_H

#include <stddef.h>

#include "text.h"

enum {
    SR_NUM_EXACT = 1 << 0,    /* a plain figure */
    SR_NUM_ATLEAST = 1 << 1,  /* at least, more than, over, no fewer than */
    SR_NUM_ABOUT = 1 << 2,    /* about, around, some, roughly, nearly, close to */
    SR_NUM_UPTO = 1 << 3,     /* up to, as many as */
    SR_NUM_VAGUE = 1 << 4,    /* dozens, several, many ... */
    SR_NUM_RANGE = 1 << 5,    /* between A and B, A to B */
    SR_NUM_WORDS = 1 << 6,    /* spelled in words */
    SR_NUM_MANY = 1 << 7,     /* "many", "scores", "heavy casualties": no number */
    SR_NUM_PART = 1 << 8,     /* a part of a group named after it: "eleven of them",
                                 "20 of the dead" ("of" is not consumed) */
};

typedef struct sr_number {
    int low, best, high;
    unsigned flags;
    size_t tok_begin, tok_end; /* tokens [tok_begin, tok_end) */
} sr_number;

/* Parses a number expression beginning at token i.  Returns the number of
 * tokens consumed (0 when no number starts there; *out is then zeroed).
 * text is the tokenized text (unused for now: folded forms suffice). */
size_t sr_number_parse(const sr_tokens *t, const char *text, size_t i, sr_number *out);

#endif
