/*
 * text.h — the text layer: UTF-8 validation, folding, tokens and sentences.
 *
 * Folding makes spellings meet: NFKD decomposition, combining marks dropped,
 * case folded, curly and modifier apostrophes (’ ʼ ‘ `) removed inside words,
 * so "Ménaka" = "menaka" and "Jama’at" = "Jama'at" = "jamaat".  The lexicon
 * compiler folds its keys with the same function, so lookups are exact
 * byte comparisons of folded text.
 *
 * Tokens are byte ranges into the caller's text (no copies); each also points
 * at its folded form in one shared buffer.  Hyphens split words ("Bobo-
 * Dioulasso" is two tokens with SR_TOK_HYPHEN on the second), a possessive
 * "'s" is its own token, a number such as "1,300" or "6.3" is one token.
 * Letters with full stops ("U.N.", "U.S.", "a.m.") are one word whose folded
 * form drops the stops ("un", "us", "am").  An apostrophe inside a word does
 * not split it and vanishes from its folded form ("O'Brien" -> "obrien").  An
 * ellipsis ("..." or "…", both folded "...") is one token.  A word longer
 * than 1024 bytes is cut into several tokens.  A token of combining marks
 * alone (stray accents after a space) has an empty folded form.
 *
 * Sentences: ".", "!" and "?" end one when the next token is spaced and does
 * not start with a lower-case letter; closing quotes and brackets right after
 * the stop belong to the ending sentence.  A full stop does not end one after
 * a title or rank ("Dr.", "Gen.", "Lt.", "Col.", "Maj.", "Mr.", "St."), an
 * initial ("J. Smith"), "No." or a month abbreviation before a figure ("No.
 * 5", "Jan. 12"); "U.S." and "a.m." end one only before a capitalised
 * function word ("The", "He" ...).  Ellipses never end a sentence.  A blank
 * line always ends one; a single line break ends one unless the line ends in
 * "," ";" "(" "-" "/" "&" or the next line starts in lower case (wrapped
 * text), so headlines and datelines are sentences of their own.  Every token
 * belongs to exactly one sentence.
 */
#ifndef SR_TEXT_H
#define SR_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

enum {
    SR_TOK_WORD = 1 << 0,      /* letters (maybe digits) */
    SR_TOK_NUM = 1 << 1,       /* digits, maybe with , or . inside */
    SR_TOK_PUNCT = 1 << 2,     /* one punctuation character, or an ellipsis */
    SR_TOK_CAP = 1 << 3,       /* first letter is upper case */
    SR_TOK_UPPER = 1 << 4,     /* all letters upper case (acronyms) */
    SR_TOK_HYPHEN = 1 << 5,    /* joined to the previous token by '-' */
    SR_TOK_SPACE = 1 << 6,     /* white space before this token */
    SR_TOK_POSS = 1 << 7,      /* the possessive "'s" / "'" (folded "'s" / "'"),
                                  neither WORD nor PUNCT */
    SR_TOK_SENT = 1 << 8,      /* first token of a sentence */
    SR_TOK_PARA = 1 << 9,      /* first token of a line (and of the text) */
    SR_TOK_QUOTE = 1 << 10,    /* a quotation mark (with PUNCT); folded ' or " */
};

typedef struct sr_token {
    uint32_t start, end; /* bytes in the original text */
    uint32_t fold;       /* offset of the folded form in sr_tokens.fold */
    uint16_t fold_len;
    uint16_t flags;
    uint32_t sent;       /* index of the sentence that holds the token */
} sr_token;

typedef struct sr_sentence {
    uint32_t start, end;         /* bytes in the original text */
    uint32_t tok_begin, tok_end; /* tokens [tok_begin, tok_end) */
} sr_sentence;

typedef struct sr_tokens {
    sr_token *tok;
    size_t n;
    sr_sentence *sent;
    size_t n_sent;
    char *fold; /* folded forms, each NUL-terminated */
    size_t fold_len;
} sr_tokens;

/* SR_OK, or SR_ERR_UTF8 with *bad set to the offset of the first invalid
 * byte (an ill-formed sequence, an overlong form, a surrogate, or NUL). */
int sr_utf8_validate(const char *s, size_t n, size_t *bad);

/* Folds s[0..n) into out (at most cap bytes, NUL-terminated when cap > 0).
 * Returns the length of the full folded form (which may exceed cap - 1; a
 * truncated result may end inside a UTF-8 sequence).  Folding is NFKD,
 * combining marks dropped, Unicode case folding ("Straße" = "strasse"), and
 * default-ignorable characters dropped.  An apostrophe of any shape (' ’ ‘ ʼ
 * ʻ `) between a letter or digit and a letter or digit vanishes; elsewhere it
 * becomes "'".  Curly double quotes and guillemets become '"'.  Runs of white
 * space (and control characters) become one space; leading and trailing space
 * is dropped.  ASCII is folded without calling utf8proc.  Input should be
 * valid UTF-8; a stray byte folds to U+FFFD (never a read past the end). */
size_t sr_fold(const char *s, size_t n, char *out, size_t cap);

/* Splits text into tokens and sentences, allocating from a (everything in
 * *out lives until the arena is reset).  Input should be valid UTF-8 (see
 * sr_utf8_validate; stray bytes become punctuation, never a read out of
 * bounds).  Empty or all-space text gives no tokens and no sentences.
 * Returns SR_OK, SR_ERR_NOMEM, or SR_ERR_TOOBIG for text of 4 GiB or more
 * (or whose folded forms would pass 4 GiB); *out is empty on error. */
int sr_tokenize(sr_arena *a, const char *text, size_t n, sr_tokens *out);

/* The folded form of token i. */
static inline const char *sr_tok_fold(const sr_tokens *t, size_t i)
{
    return t->fold + t->tok[i].fold;
}

#endif
