/* text.c — UTF-8 validation, folding, tokens and sentences (see text.h). */
#include "text.h"

#include <string.h>

#include <utf8proc.h>

#include "sitrep.h"

/* ---- UTF-8 ---------------------------------------------------------------- */

int sr_utf8_validate(const char *s, size_t n, size_t *bad)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        /* eight ASCII bytes, none of them NUL, at a time */
        while (n - i >= 8) {
            uint64_t v;
            memcpy(&v, p + i, 8);
            if ((v & 0x8080808080808080u) ||
                ((v - 0x0101010101010101u) & ~v & 0x8080808080808080u))
                break;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned c = p[i];
        if (c >= 0x01 && c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        unsigned lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0)
                lo = 0xA0; /* overlong */
            else if (c == 0xED)
                hi = 0x9F; /* surrogates */
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0)
                lo = 0x90; /* overlong */
            else if (c == 0xF4)
                hi = 0x8F; /* beyond U+10FFFF */
        } else {
            goto fail; /* NUL, continuation byte, C0/C1 overlong lead, F5..FF */
        }
        if (n - i - 1 < need)
            goto fail;
        if (p[i + 1] < lo || p[i + 1] > hi)
            goto fail;
        for (size_t k = 2; k <= need; k++)
            if (p[i + k] < 0x80 || p[i + k] > 0xBF)
                goto fail;
        i += need + 1;
    }
    return SR_OK;
fail:
    if (bad)
        *bad = i;
    return SR_ERR_UTF8;
}

/* Decodes the code point at s[i] (n bytes in all); *len gets its length.  The
 * input is meant to be valid; a stray byte decodes as U+FFFD of length 1 so
 * that nothing here can read past the end. */
static uint32_t decode_at(const unsigned char *s, size_t n, size_t i, size_t *len)
{
    unsigned c = s[i];
    if (c < 0x80) {
        *len = 1;
        return c;
    }
    size_t need = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (need == 0 || c > 0xF4 || n - i - 1 < need) {
        *len = 1;
        return 0xFFFD;
    }
    uint32_t cp = c & (0x3Fu >> need);
    for (size_t k = 1; k <= need; k++) {
        unsigned b = s[i + k];
        if ((b & 0xC0) != 0x80) {
            *len = 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    *len = need + 1;
    return cp;
}

/* ---- character classes ------------------------------------------------------ */

enum {
    CL_OTHER = 0, /* punctuation and symbols: one token each */
    CL_SPACE,     /* white space other than line breaks, controls */
    CL_NL,        /* a line break */
    CL_ALPHA,     /* letters (and other-number signs such as ²) */
    CL_DIGIT,     /* decimal digits */
    CL_MARK,      /* combining marks: continue a word */
    CL_IGNORE,    /* format characters (soft hyphen, zero-width joiner) */
    CL_APOS,      /* apostrophe-like: ' ’ ‘ ʼ ʻ ` */
    CL_HYPHEN,    /* - and the Unicode hyphens that join words */
};

/* Apostrophes of every shape, including those utf8proc lumps with "'" or
 * "`" (ʼ ˈ ˋ ῾ and the fullwidth forms). */
static int is_apostrophe(uint32_t cp)
{
    switch (cp) {
    case '\'':
    case '`':
    case 0x2018:
    case 0x2019:
    case 0x02BB:
    case 0x02BC:
    case 0x02C8:
    case 0x02CB:
    case 0x1FEF:
    case 0xFF07:
    case 0xFF40:
        return 1;
    default:
        return 0;
    }
}

static int is_double_quote(uint32_t cp)
{
    return cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x201F ||
           cp == 0x00AB || cp == 0x00BB || cp == 0x2039 || cp == 0x203A || cp == 0xFF02;
}

#define S CL_SPACE
#define N CL_NL
#define O CL_OTHER
#define A CL_ALPHA
#define D CL_DIGIT
#define P CL_APOS
#define H CL_HYPHEN
/* Classes of the ASCII characters. */
static const unsigned char ascii_class[128] = {
    S, S, S, S, S, S, S, S, S, S, N, N, N, N, S, S,
    S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,
    S, O, O, O, O, O, O, P, O, O, O, O, O, H, O, O,
    D, D, D, D, D, D, D, D, D, D, O, O, O, O, O, O,
    O, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A,
    A, A, A, A, A, A, A, A, A, A, A, O, O, O, O, O,
    P, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A,
    A, A, A, A, A, A, A, A, A, A, A, O, O, O, O, S,
};
#undef S
#undef N
#undef O
#undef A
#undef D
#undef P
#undef H

static int classify_other(uint32_t cp);

static inline int classify(uint32_t cp)
{
    return cp < 0x80 ? ascii_class[cp] : classify_other(cp);
}

static int classify_other(uint32_t cp)
{
    if (is_apostrophe(cp))
        return CL_APOS;
    if (cp == 0x2010 || cp == 0x2011)
        return CL_HYPHEN;
    if (cp == 0x2028 || cp == 0x2029 || cp == 0x85)
        return CL_NL;
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return CL_ALPHA;
    case UTF8PROC_CATEGORY_ND:
        return CL_DIGIT;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return CL_MARK;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_CC:
        return CL_SPACE;
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return CL_NL;
    case UTF8PROC_CATEGORY_CF:
        return CL_IGNORE;
    default:
        return CL_OTHER;
    }
}

static int is_wordish(int cl)
{
    return cl == CL_ALPHA || cl == CL_DIGIT || cl == CL_MARK;
}

/* Class of the code point at s[i], or CL_SPACE past the end. */
static int class_at(const unsigned char *s, size_t n, size_t i)
{
    if (i >= n)
        return CL_SPACE;
    if (s[i] < 0x80)
        return classify(s[i]);
    size_t len;
    return classify(decode_at(s, n, i, &len));
}

/* ---- folding ------------------------------------------------------------------ */

typedef struct fold_out {
    char *buf;
    size_t cap; /* bytes of buf that may hold text (cap - 1 of the caller's) */
    size_t len; /* full length produced so far */
    int pending_space;
    int prev_word; /* the last character written was a letter or digit */
} fold_out;

static inline void put(fold_out *o, char c)
{
    if (o->len < o->cap)
        o->buf[o->len] = c;
    o->len++;
}

static inline void put_visible(fold_out *o, char c)
{
    if (o->pending_space) {
        put(o, ' ');
        o->pending_space = 0;
    }
    put(o, c);
}

static inline void put_space(fold_out *o)
{
    if (o->len > 0)
        o->pending_space = 1;
}

/* The ASCII case map: upper case to lower case, everything else as is. */
static inline char ascii_lower(unsigned char c)
{
    return (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

static int fold_decompose(uint32_t cp, utf8proc_int32_t dec[32]);

/* Whether the first character folding keeps from s[i] on (combining marks
 * and ignorable characters vanish) folds to a letter or digit. */
static int word_follows(const unsigned char *s, size_t n, size_t i)
{
    while (i < n) {
        if (s[i] < 0x80) {
            int cl = ascii_class[s[i]];
            return cl == CL_ALPHA || cl == CL_DIGIT;
        }
        size_t len;
        uint32_t cp = decode_at(s, n, i, &len);
        i += len;
        if (is_apostrophe(cp) || is_double_quote(cp))
            return 0;
        utf8proc_int32_t dec[32];
        int k = fold_decompose(cp, dec);
        if (k > 0) {
            int cl = classify((uint32_t)dec[0]);
            return cl == CL_ALPHA || cl == CL_DIGIT;
        }
        if (k < 0)
            return 0;
    }
    return 0;
}

static void put_apostrophe(fold_out *o, const unsigned char *s, size_t n, size_t next)
{
    /* Inside a word it vanishes ("Jama'at" = "jamaat"); elsewhere it is a
     * plain ASCII apostrophe, whatever its shape. */
    if (o->prev_word && !o->pending_space && word_follows(s, n, next))
        return;
    put_visible(o, '\'');
    o->prev_word = 0;
}

static void put_codepoint(fold_out *o, uint32_t cp)
{
    if (cp < 0x80) {
        int cl = classify(cp);
        if (cl == CL_SPACE || cl == CL_NL) {
            put_space(o);
            return;
        }
        put_visible(o, ascii_lower((unsigned char)cp));
        o->prev_word = cl == CL_ALPHA || cl == CL_DIGIT;
        return;
    }
    int cl = classify(cp);
    if (cl == CL_SPACE || cl == CL_NL) {
        put_space(o);
        return;
    }
    utf8proc_uint8_t enc[4];
    utf8proc_ssize_t k = utf8proc_encode_char((utf8proc_int32_t)cp, enc);
    for (utf8proc_ssize_t j = 0; j < k; j++)
        put_visible(o, (char)enc[j]);
    o->prev_word = cl == CL_ALPHA || cl == CL_DIGIT;
}

#define FOLD_OPTIONS                                                                   \
    ((utf8proc_option_t)(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |      \
                         UTF8PROC_STRIPMARK | UTF8PROC_IGNORE | UTF8PROC_LUMP))

/* The folded code points of cp (at most 32), or -1. */
static int fold_decompose(uint32_t cp, utf8proc_int32_t dec[32])
{
    int boundclass = 0;
    utf8proc_ssize_t k =
        utf8proc_decompose_char((utf8proc_int32_t)cp, dec, 32, FOLD_OPTIONS, &boundclass);
    return k < 0 || k > 32 ? -1 : (int)k;
}

static void fold_into(fold_out *o, const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            /* ASCII fast path: no utf8proc call. */
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                put_visible(o, (char)c);
                o->prev_word = 1;
            } else if (c >= 'A' && c <= 'Z') {
                put_visible(o, (char)(c + 32));
                o->prev_word = 1;
            } else if (c == ' ' || c < 0x20 || c == 0x7F) {
                put_space(o);
            } else if (c == '\'' || c == '`') {
                put_apostrophe(o, s, n, i + 1);
            } else {
                put_visible(o, (char)c);
                o->prev_word = 0;
            }
            i++;
            continue;
        }
        size_t len;
        uint32_t cp = decode_at(s, n, i, &len);
        i += len;
        if (is_apostrophe(cp)) {
            put_apostrophe(o, s, n, i);
            continue;
        }
        if (is_double_quote(cp)) {
            put_visible(o, '"');
            o->prev_word = 0;
            continue;
        }
        int cl = classify(cp);
        if (cl == CL_SPACE || cl == CL_NL) {
            put_space(o);
            continue;
        }
        utf8proc_int32_t dec[32];
        int k = fold_decompose(cp, dec);
        if (k < 0) {
            put_codepoint(o, 0xFFFD);
            continue;
        }
        for (int j = 0; j < k; j++) {
            uint32_t r = (uint32_t)dec[j];
            if (r == '\'' || r == '`') { /* "ŉ" = "ʼn" */
                int word_next = j + 1 < k ? classify((uint32_t)dec[j + 1]) == CL_ALPHA ||
                                                classify((uint32_t)dec[j + 1]) == CL_DIGIT
                                          : word_follows(s, n, i);
                if (!(o->prev_word && !o->pending_space && word_next)) {
                    put_visible(o, '\'');
                    o->prev_word = 0;
                }
                continue;
            }
            put_codepoint(o, r);
        }
    }
}

size_t sr_fold(const char *s, size_t n, char *out, size_t cap)
{
    fold_out o = {out, cap ? cap - 1 : 0, 0, 0, 0};
    fold_into(&o, s, n);
    if (cap > 0)
        out[o.len < o.cap ? o.len : o.cap] = '\0';
    return o.len;
}

/* ---- tokens ---------------------------------------------------------------------- */

/* A word longer than this is cut into several tokens, so that folded forms
 * always fit a token's 16-bit length (folding grows text at most ~11 times). */
enum { TOKEN_MAX_BYTES = 1024 };

typedef struct tok_state {
    sr_arena *a;
    const unsigned char *s;
    size_t n;
    sr_tokens *out;
    size_t tok_cap;
    size_t fold_cap;
} tok_state;

/* Internal marks kept while splitting, beside the public flags. */
enum {
    K_PLAIN = 0,
    K_DOTTED,   /* "U.N.", "a.m.": letters with full stops, the last included */
    K_ELLIPSIS, /* "..." or "…" */
};

static int push_token(tok_state *st, size_t start, size_t end, unsigned flags, int kind,
                      int plain_ascii)
{
    sr_tokens *t = st->out;
    if (t->n == st->tok_cap) {
        sr_token *nt = sr_arena_grow(st->a, t->tok, sizeof *nt, &st->tok_cap, t->n + 1);
        if (!nt)
            return SR_ERR_NOMEM;
        t->tok = nt;
    }
    if (t->fold_len + (end - start) * 12 + 64 > UINT32_MAX)
        return SR_ERR_TOOBIG; /* fold offsets are 32-bit */
    if (plain_ascii) {
        /* ASCII letters and digits only: scan_ascii has already written the
         * lower case at t->fold + t->fold_len (fold_room made room for it). */
        size_t len = end - start;
        t->fold[t->fold_len + len] = '\0';
        sr_token *tk = &t->tok[t->n++];
        tk->start = (uint32_t)start;
        tk->end = (uint32_t)end;
        tk->fold = (uint32_t)t->fold_len;
        tk->fold_len = (uint16_t)len;
        tk->flags = (uint16_t)flags;
        tk->sent = 0;
        t->fold_len += len + 1;
        return SR_OK;
    }
    for (;;) {
        size_t room = st->fold_cap - t->fold_len;
        fold_out o = {t->fold + t->fold_len, room ? room - 1 : 0, 0, 0, 0};
        fold_into(&o, (const char *)st->s + start, end - start);
        if (o.len < room) {
            size_t len = o.len;
            if (kind == K_DOTTED) { /* "u.n." -> "un" */
                char *f = t->fold + t->fold_len;
                size_t w = 0;
                for (size_t r = 0; r < len; r++)
                    if (f[r] != '.')
                        f[w++] = f[r];
                len = w;
            }
            if (len > UINT16_MAX)
                len = UINT16_MAX; /* cannot happen below TOKEN_MAX_BYTES */
            t->fold[t->fold_len + len] = '\0';
            sr_token *tk = &t->tok[t->n++];
            tk->start = (uint32_t)start;
            tk->end = (uint32_t)end;
            tk->fold = (uint32_t)t->fold_len;
            tk->fold_len = (uint16_t)len;
            tk->flags = (uint16_t)flags;
            tk->sent = 0;
            t->fold_len += len + 1;
            return SR_OK;
        }
        char *nf = sr_arena_grow(st->a, t->fold, 1, &st->fold_cap, t->fold_len + o.len + 1);
        if (!nf)
            return SR_ERR_NOMEM;
        t->fold = nf;
    }
}

/* Case flags of a word: SR_TOK_CAP when its first letter is upper case,
 * SR_TOK_UPPER when it has letters and none is lower case. */
static unsigned case_flags(const unsigned char *s, size_t start, size_t end)
{
    int first = 1, any_upper = 0, any_lower = 0;
    unsigned flags = 0;
    size_t i = start;
    while (i < end) {
        size_t len = 1;
        uint32_t cp = s[i] < 0x80 ? s[i] : decode_at(s, end, i, &len);
        int up = 0, low = 0;
        if (cp < 0x80) {
            up = cp >= 'A' && cp <= 'Z';
            low = cp >= 'a' && cp <= 'z';
        } else {
            utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
            up = c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
            low = c == UTF8PROC_CATEGORY_LL;
        }
        if (first && (up || low)) {
            if (up)
                flags |= SR_TOK_CAP;
            first = 0;
        }
        any_upper |= up;
        any_lower |= low;
        i += len;
    }
    if (any_upper && !any_lower)
        flags |= SR_TOK_UPPER;
    return flags;
}

static int is_ascii_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Scans a word or number starting at i; returns its end. *num is set when it
 * holds only digits (with "," before groups of three and "." before digits). */
static size_t scan_word(const unsigned char *s, size_t n, size_t i, int *num, int *kind)
{
    size_t start = i;
    int digits_only = 1;
    *kind = K_PLAIN;
    while (i < n && i - start < TOKEN_MAX_BYTES) {
        size_t len = 1;
        uint32_t cp = s[i] < 0x80 ? s[i] : decode_at(s, n, i, &len);
        int cl = classify(cp);
        if (cl == CL_ALPHA || cl == CL_MARK || (cl == CL_IGNORE && i > start)) {
            digits_only = 0;
            i += len;
            continue;
        }
        if (cl == CL_DIGIT) {
            i += len;
            continue;
        }
        if (cl == CL_APOS && i > start) {
            size_t nlen;
            if (i + len >= n)
                break;
            uint32_t nx = decode_at(s, n, i + len, &nlen);
            int ncl = classify(nx);
            if (ncl != CL_ALPHA && ncl != CL_DIGIT)
                break;
            /* "'s" closing a word is the possessive, its own token. */
            if ((nx == 's' || nx == 'S') && !is_wordish(class_at(s, n, i + len + nlen)))
                break;
            digits_only = 0;
            i += len;
            continue;
        }
        if ((cp == ',' || cp == '.') && digits_only && i > start && i + 1 < n &&
            is_ascii_digit(s[i + 1])) {
            if (cp == ',') {
                /* a thousands separator: exactly three digits follow */
                if (i + 3 < n && is_ascii_digit(s[i + 2]) && is_ascii_digit(s[i + 3]) &&
                    (i + 4 >= n || !is_ascii_digit(s[i + 4]))) {
                    i += 4;
                    continue;
                }
                break;
            }
            i += 1;
            continue;
        }
        /* "U.N.", "a.m.": one letter, a full stop, one letter, a full stop ... */
        if (cp == '.' && i - start == 1 && !digits_only && i + 2 < n && s[i + 1] < 0x80 &&
            classify(s[i + 1]) == CL_ALPHA && s[i + 2] == '.') {
            while (i + 2 < n && s[i] == '.' && s[i + 1] < 0x80 &&
                   classify(s[i + 1]) == CL_ALPHA && s[i + 2] == '.')
                i += 2;
            i += 1; /* the closing full stop */
            *kind = K_DOTTED;
            break;
        }
        break;
    }
    *num = digits_only;
    return i;
}

/* Bits of the ASCII letters and digits for scan_ascii (every other byte,
 * non-ASCII included, is 0).  WB_UPPER is the bit that lower-cases a letter. */
enum { WB_DIGIT = 0x01, WB_LOWER = 0x02, WB_UPPER = 0x20 };

#define D_ WB_DIGIT
#define L_ WB_LOWER
#define U_ WB_UPPER
static const unsigned char word_bits[256] = {
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
    D_, D_, D_, D_, D_, D_, D_, D_, D_, D_, 0,  0,  0,  0,  0,  0,
    0,  U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_,
    U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, 0,  0,  0,  0,  0,
    0,  L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_,
    L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, 0,  0,  0,  0,  0,
};
#undef D_
#undef L_
#undef U_

#define SWAR_ONES 0x0101010101010101u
#define SWAR_HIGH 0x8080808080808080u

/* The high bit of each byte of x7 (whose high bits are clear) that lies in
 * [lo, hi] (0 < lo <= hi < 0x80); no sum carries into the next byte. */
static inline uint64_t swar_in_range(uint64_t x7, unsigned lo, unsigned hi)
{
    uint64_t ge = x7 + SWAR_ONES * (0x80u - lo);
    uint64_t gt = x7 + SWAR_ONES * (0x7Fu - hi);
    return ge & ~gt & SWAR_HIGH;
}

/* The fast path: a word of ASCII letters and digits ending at a character
 * that needs none of scan_word's cases (no apostrophe, no decimal or
 * thousands separator, no "U.N." pattern, no non-ASCII).  Returns its end and
 * sets *flags, or returns 0 to send the word down the general path.  The
 * lower-case form of what it reads goes to dst, which must have room for
 * TOKEN_MAX_BYTES bytes (left as scratch when it returns 0). */
static size_t scan_ascii(const unsigned char *s, size_t n, size_t i, unsigned *flags,
                         char *dst)
{
    size_t lim = n - i > TOKEN_MAX_BYTES ? i + TOKEN_MAX_BYTES : n;
    size_t j = i;
    unsigned b, seen = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* Eight bytes at a time: the end of the word is the first byte that is
     * not an ASCII letter or digit; the eight bytes are lower-cased at once
     * (those past the end are scratch in dst, overwritten later). */
    while (lim - j >= 8) {
        uint64_t v;
        memcpy(&v, s + j, 8);
        uint64_t x7 = v & ~SWAR_HIGH;
        uint64_t up = swar_in_range(x7, 'A', 'Z'), low = swar_in_range(x7, 'a', 'z');
        uint64_t ok = (up | low | swar_in_range(x7, '0', '9')) & ~v;
        uint64_t stop = ~ok & SWAR_HIGH;
        uint64_t lc = v + (up >> 2); /* + 0x20 on the upper-case letters */
        memcpy(dst + (j - i), &lc, 8);
        if (stop) {
            unsigned take = (unsigned)__builtin_ctzll(stop) / 8;
            uint64_t keep = take ? (~(uint64_t)0 >> (64 - 8 * take)) : 0;
            seen |= (up & keep ? WB_UPPER : 0) | (low & keep ? WB_LOWER : 0);
            j += take;
            break;
        }
        seen |= (up ? WB_UPPER : 0) | (low ? WB_LOWER : 0);
        j += 8;
    }
#endif
    while (j < lim && (b = word_bits[s[j]]) != 0) {
        seen |= b;
        dst[j - i] = (char)(s[j] | (b & WB_UPPER));
        j++;
    }
    /* the first letter (after any leading digits) sets SR_TOK_CAP */
    size_t q = i;
    while (q < j && word_bits[s[q]] == WB_DIGIT)
        q++;
    unsigned first = q < j ? word_bits[s[q]] : 0;
    if (j - i >= TOKEN_MAX_BYTES)
        return 0;
    if (j < n) {
        unsigned char c = s[j];
        if (c >= 0x80 || ascii_class[c] == CL_APOS)
            return 0;
        if ((c == '.' || c == ',') && j + 1 < n && is_ascii_digit(s[j + 1]))
            return 0;
        if (c == '.' && j - i == 1 && (seen & (WB_UPPER | WB_LOWER)))
            return 0;
    }
    if (!(seen & (WB_UPPER | WB_LOWER)))
        *flags = SR_TOK_NUM;
    else
        *flags = SR_TOK_WORD | (first == WB_UPPER ? SR_TOK_CAP : 0) |
                 ((seen & WB_LOWER) ? 0 : SR_TOK_UPPER);
    return j;
}

/* Makes room for need more bytes of folded forms. */
static int fold_room(tok_state *st, size_t need)
{
    sr_tokens *t = st->out;
    if (st->fold_cap - t->fold_len >= need)
        return SR_OK;
    char *nf = sr_arena_grow(st->a, t->fold, 1, &st->fold_cap, t->fold_len + need);
    if (!nf)
        return SR_ERR_NOMEM;
    t->fold = nf;
    return SR_OK;
}

/* Counts the line breaks in s[from..to) ("\r\n" is one). */
static int count_newlines(const unsigned char *s, size_t from, size_t to)
{
    int nl = 0;
    for (size_t i = from; i < to; i++) {
        unsigned char c = s[i];
        if (c == '\n' || c == '\v' || c == '\f')
            nl++;
        else if (c == '\r' && !(i + 1 < to && s[i + 1] == '\n'))
            nl++;
        else if (c == 0xE2 && i + 2 < to && s[i + 1] == 0x80 &&
                 (s[i + 2] == 0xA8 || s[i + 2] == 0xA9))
            nl++;
        else if (c == 0xC2 && i + 1 < to && s[i + 1] == 0x85)
            nl++;
    }
    return nl;
}

/* Abbreviations that a full stop follows, sorted for bsearch, and what the
 * stop means after each. */
enum {
    AB_TITLE = 1, /* a title or rank before a name: never ends a sentence */
    AB_NUMBER,    /* before a figure ("No. 5", "Jan. 12"): no end before one */
    AB_OTHER,     /* "etc.", "Inc.": ends one only before a function word */
};

typedef struct abbrev {
    const char *word;
    int kind;
} abbrev;

static const abbrev abbrevs[] = {
    {"adm", AB_TITLE},    {"apr", AB_NUMBER},   {"approx", AB_OTHER}, {"art", AB_NUMBER},
    {"aug", AB_NUMBER},   {"brig", AB_TITLE},   {"capt", AB_TITLE},   {"cdr", AB_TITLE},
    {"cmdr", AB_TITLE},   {"co", AB_OTHER},     {"col", AB_TITLE},    {"corp", AB_OTHER},
    {"cpl", AB_TITLE},    {"dec", AB_NUMBER},   {"dept", AB_OTHER},   {"dr", AB_TITLE},
    {"est", AB_OTHER},    {"etc", AB_OTHER},    {"feb", AB_NUMBER},   {"fig", AB_NUMBER},
    {"fr", AB_TITLE},     {"gen", AB_TITLE},    {"gov", AB_TITLE},    {"hon", AB_TITLE},
    {"inc", AB_OTHER},    {"insp", AB_TITLE},   {"jan", AB_NUMBER},   {"jr", AB_OTHER},
    {"jul", AB_NUMBER},   {"jun", AB_NUMBER},   {"lieut", AB_TITLE},  {"lt", AB_TITLE},
    {"ltd", AB_OTHER},    {"maj", AB_TITLE},    {"mar", AB_NUMBER},   {"messrs", AB_TITLE},
    {"mme", AB_TITLE},    {"mr", AB_TITLE},     {"mrs", AB_TITLE},    {"ms", AB_TITLE},
    {"mt", AB_TITLE},     {"no", AB_NUMBER},    {"nos", AB_NUMBER},   {"nov", AB_NUMBER},
    {"oct", AB_NUMBER},   {"p", AB_NUMBER},     {"pp", AB_NUMBER},    {"pres", AB_TITLE},
    {"prof", AB_TITLE},   {"pte", AB_TITLE},    {"pvt", AB_TITLE},    {"rep", AB_TITLE},
    {"rev", AB_TITLE},    {"sen", AB_TITLE},    {"sep", AB_NUMBER},   {"sept", AB_NUMBER},
    {"sgt", AB_TITLE},    {"sr", AB_TITLE},     {"st", AB_TITLE},     {"supt", AB_TITLE},
    {"vol", AB_NUMBER},   {"vs", AB_OTHER},
};

static int abbrev_cmp(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const abbrev *)elem)->word);
}

static int abbrev_kind(const char *w, size_t len)
{
    if (len > 6)
        return 0;
    const abbrev *a = bsearch(w, abbrevs, sizeof abbrevs / sizeof abbrevs[0], sizeof abbrevs[0],
                              abbrev_cmp);
    return a ? a->kind : 0;
}

/* Capitalised words that start a new sentence after "U.S." or "a.m.". */
static const char *const sentence_openers[] = {
    "a", "after", "an", "and", "at", "but", "he", "her", "his", "i", "in", "it", "its",
    "no", "on", "one", "she", "some", "that", "the", "their", "there", "these", "they",
    "this", "those", "we", "when", "while", "witnesses", "residents",
};

static int in_list(const char *const *list, size_t n, const char *w)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], w) == 0)
            return 1;
    return 0;
}

#define IN_LIST(list, w) in_list(list, sizeof list / sizeof list[0], w)

static int starts_lower(const sr_tokens *t, const unsigned char *s, size_t i)
{
    const sr_token *k = &t->tok[i];
    if (!(k->flags & SR_TOK_WORD) || (k->flags & SR_TOK_CAP))
        return 0;
    size_t len;
    uint32_t cp = decode_at(s, k->end, k->start, &len);
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
}

static int is_closer(const sr_tokens *t, size_t i)
{
    const sr_token *k = &t->tok[i];
    if (k->flags & SR_TOK_QUOTE)
        return 1;
    if (!(k->flags & SR_TOK_PUNCT) || k->fold_len != 1)
        return 0;
    char c = sr_tok_fold(t, i)[0];
    return c == ')' || c == ']' || c == '.' || c == '!' || c == '?';
}

/* Decides, for the token at i that may end a sentence, whether it does, given
 * what precedes it.  The next token is looked at later (its case). */
enum { END_NO = 0, END_YES, END_IF_OPENER };

static int ends_sentence(const sr_tokens *t, const unsigned char *s, const unsigned char *kinds,
                         size_t i)
{
    const sr_token *k = &t->tok[i];
    if (kinds[i] == K_ELLIPSIS)
        return END_NO;
    if (kinds[i] == K_DOTTED)
        return END_IF_OPENER;
    if (!(k->flags & SR_TOK_PUNCT))
        return END_NO;
    const char *f = sr_tok_fold(t, i);
    if (f[1] != '\0')
        return END_NO;
    if (f[0] == '!' || f[0] == '?')
        return END_YES;
    if (f[0] != '.')
        return END_NO;
    /* "1. The army ...": a list number at the start of a line */
    if (i > 0 && t->tok[i - 1].end == k->start && (t->tok[i - 1].flags & SR_TOK_NUM) &&
        (t->tok[i - 1].flags & SR_TOK_PARA) && t->tok[i - 1].fold_len <= 2)
        return END_NO;
    if (i == 0 || t->tok[i - 1].end != k->start || !(t->tok[i - 1].flags & SR_TOK_WORD))
        return END_YES;
    const sr_token *p = &t->tok[i - 1];
    const char *pw = sr_tok_fold(t, i - 1);
    /* an initial: "J. Smith" */
    if (p->end - p->start <= 4 && (p->flags & SR_TOK_CAP)) {
        size_t len;
        decode_at(s, p->end, p->start, &len);
        if (p->start + len == p->end)
            return END_NO;
    }
    switch (abbrev_kind(pw, p->fold_len)) {
    case AB_TITLE:
        return END_NO;
    case AB_NUMBER:
        return i + 1 < t->n && (t->tok[i + 1].flags & SR_TOK_NUM) ? END_NO : END_YES;
    case AB_OTHER:
        return END_IF_OPENER;
    default:
        return END_YES;
    }
}

/* Second pass: sentences, and the SENT / PARA flags. */
static int split_sentences(sr_arena *a, const unsigned char *s, sr_tokens *t,
                           const unsigned char *kinds)
{
    size_t cap = t->n / 12 + 4;
    t->sent = sr_arena_alloc(a, cap * sizeof *t->sent);
    if (!t->sent)
        return SR_ERR_NOMEM;
    t->n_sent = 0;
    int pending = END_NO; /* the sentence may end before the next spaced token */
    size_t cur = 0;
    for (size_t i = 0; i < t->n; i++) {
        sr_token *k = &t->tok[i];
        int brk = 0;
        if (i == 0) {
            brk = 1;
            k->flags |= SR_TOK_PARA;
        } else {
            int nl = count_newlines(s, t->tok[i - 1].end, k->start);
            int spaced = nl > 0 || (k->flags & SR_TOK_SPACE);
            if (nl > 0)
                k->flags |= SR_TOK_PARA;
            if (nl >= 2) {
                brk = 1;
            } else if (pending != END_NO && spaced) {
                if (starts_lower(t, s, i))
                    brk = 0;
                else if (pending == END_YES || nl == 1)
                    brk = 1;
                else
                    brk = (k->flags & SR_TOK_CAP) &&
                          IN_LIST(sentence_openers, sr_tok_fold(t, i));
            } else if (nl == 1) {
                /* A line without final punctuation (a headline, a dateline)
                 * ends its sentence, unless the text is merely wrapped. */
                const char *pf = sr_tok_fold(t, i - 1);
                int joins = strcmp(pf, ",") == 0 || strcmp(pf, ";") == 0 ||
                            strcmp(pf, "(") == 0 || strcmp(pf, "-") == 0 ||
                            strcmp(pf, "/") == 0 || strcmp(pf, "&") == 0;
                brk = !joins && !starts_lower(t, s, i);
            }
            if (spaced || !is_closer(t, i))
                pending = END_NO; /* decided, or "example.com" */
        }
        if (brk) {
            if (i > 0) {
                t->sent[t->n_sent - 1].end = t->tok[i - 1].end;
                t->sent[t->n_sent - 1].tok_end = (uint32_t)i;
            }
            if (t->n_sent == cap) {
                sr_sentence *ns = sr_arena_grow(a, t->sent, sizeof *ns, &cap, t->n_sent + 1);
                if (!ns)
                    return SR_ERR_NOMEM;
                t->sent = ns;
            }
            sr_sentence *se = &t->sent[t->n_sent++];
            se->start = k->start;
            se->tok_begin = (uint32_t)i;
            k->flags |= SR_TOK_SENT;
            cur = t->n_sent - 1;
            pending = END_NO;
        }
        k->sent = (uint32_t)cur;
        int e = ends_sentence(t, s, kinds, i);
        if (e != END_NO)
            pending = e;
    }
    if (t->n_sent > 0) {
        t->sent[t->n_sent - 1].end = t->tok[t->n - 1].end;
        t->sent[t->n_sent - 1].tok_end = (uint32_t)t->n;
    }
    return SR_OK;
}

static int tokenize(sr_arena *a, const char *text, size_t n, sr_tokens *out);

int sr_tokenize(sr_arena *a, const char *text, size_t n, sr_tokens *out)
{
    memset(out, 0, sizeof *out);
    if (n >= UINT32_MAX)
        return SR_ERR_TOOBIG;
    int rc = tokenize(a, text, n, out);
    if (rc != SR_OK)
        memset(out, 0, sizeof *out);
    return rc;
}

static int tokenize(sr_arena *a, const char *text, size_t n, sr_tokens *out)
{
    const unsigned char *s = (const unsigned char *)text;
    tok_state st = {a, s, n, out, 0, 0};
    st.tok_cap = n / 5 + 64;
    out->tok = sr_arena_alloc(a, st.tok_cap * sizeof *out->tok);
    st.fold_cap = n + n / 4 + 64;
    out->fold = sr_arena_alloc(a, st.fold_cap);
    size_t kinds_cap = st.tok_cap;
    unsigned char *kinds = sr_arena_alloc(a, kinds_cap);
    if (!out->tok || !out->fold || !kinds)
        return SR_ERR_NOMEM;

    size_t i = 0;
    int space_before = 0;
    int prev_wordish = 0; /* the previous token is a word or number ending at i */
    while (i < n) {
        size_t len = 1;
        uint32_t cp = s[i] < 0x80 ? s[i] : decode_at(s, n, i, &len);
        int cl = classify(cp);
        unsigned flags = space_before ? SR_TOK_SPACE : 0;
        size_t start = i, end;
        int kind = K_PLAIN, rc, plain = 0;

        if (cl == CL_SPACE || cl == CL_NL) {
            space_before = 1;
            prev_wordish = 0;
            i += len;
            continue;
        }
        if (cl == CL_IGNORE) {
            i += len;
            continue;
        }
        if (cl == CL_HYPHEN && prev_wordish && i + len < n &&
            (class_at(s, n, i + len) == CL_ALPHA || class_at(s, n, i + len) == CL_DIGIT)) {
            /* "Bobo-Dioulasso": the hyphen joins; the next word is flagged. */
            i += len;
            int num;
            end = scan_word(s, n, i, &num, &kind);
            flags = SR_TOK_HYPHEN | (num ? SR_TOK_NUM : SR_TOK_WORD | case_flags(s, i, end));
            start = i;
        } else if (cl == CL_ALPHA || cl == CL_DIGIT || cl == CL_MARK) {
            unsigned wf;
            if (cp < 0x80 && (rc = fold_room(&st, TOKEN_MAX_BYTES + 1)) != SR_OK)
                return rc;
            if (cp < 0x80 &&
                (end = scan_ascii(s, n, i, &wf, out->fold + out->fold_len)) > 0) {
                plain = 1;
                flags |= wf;
            } else {
                int num;
                end = scan_word(s, n, i, &num, &kind);
                flags |= num ? SR_TOK_NUM : SR_TOK_WORD | case_flags(s, i, end);
            }
        } else if (cl == CL_APOS && prev_wordish) {
            /* the possessive: "'s" after a word, or "'" after a plural in s */
            size_t nlen = 0;
            uint32_t nx = i + len < n ? decode_at(s, n, i + len, &nlen) : ' ';
            unsigned char last = s[i - 1];
            if ((nx == 's' || nx == 'S') && !is_wordish(class_at(s, n, i + len + nlen))) {
                end = i + len + nlen;
                flags |= SR_TOK_POSS;
            } else if ((last == 's' || last == 'S') && !is_wordish(classify(nx))) {
                end = i + len;
                flags |= SR_TOK_POSS;
            } else {
                end = i + len;
                flags |= SR_TOK_PUNCT | SR_TOK_QUOTE;
            }
        } else if (cp == '.' && i + 2 < n && s[i + 1] == '.' && s[i + 2] == '.') {
            end = i;
            while (end < n && s[end] == '.' && end - i < TOKEN_MAX_BYTES)
                end++;
            flags |= SR_TOK_PUNCT;
            kind = K_ELLIPSIS;
        } else {
            end = i + len;
            flags |= SR_TOK_PUNCT;
            if (cl == CL_APOS || is_double_quote(cp))
                flags |= SR_TOK_QUOTE;
            if (cp == 0x2026)
                kind = K_ELLIPSIS;
        }
        if (end <= start) /* cannot happen; guards the loop */
            end = start + len;
        if (out->n == kinds_cap) {
            unsigned char *nk = sr_arena_grow(a, kinds, 1, &kinds_cap, out->n + 1);
            if (!nk)
                return SR_ERR_NOMEM;
            kinds = nk;
        }
        kinds[out->n] = (unsigned char)kind;
        rc = push_token(&st, start, end, flags, kind, plain);
        if (rc != SR_OK)
            return rc;
        prev_wordish = (flags & (SR_TOK_WORD | SR_TOK_NUM)) && !(flags & SR_TOK_POSS) &&
                       kind == K_PLAIN;
        space_before = 0;
        i = end;
    }
    return split_sentences(a, s, out, kinds);
}
