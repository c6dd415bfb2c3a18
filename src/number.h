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
};

typedef struct sr_number {
    int low, best, high;
    unsigned flags;
    size_t tok_begin, tok_end; /* tokens [tok_begin, tok_end) */
} sr_number;

/* Parses a number expression beginning at token i.  Returns the number of
 * tokens consumed (0 when no number starts there). */
size_t sr_number_parse(const sr_tokens *t, const char *text, size_t i, sr_number *out);

#endif
