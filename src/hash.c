/* hash.c — content hashes and SimHash signatures (see hash.h). */
#include "hash.h"

uint64_t sr_fnv1a(uint64_t h, const void *s, size_t n)
{
    const unsigned char *p = s;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* Walks the normalised form of text: calls emit for each word (lower-cased
 * ASCII letters/digits and raw non-ASCII bytes).  Words go into buf. */
typedef struct word_iter {
    const char *s;
    size_t n, i;
    char buf[64];
    size_t len;
} word_iter;

/* Word bytes: ASCII letters and digits, and every non-ASCII byte (as the C
 * locale's isalnum would have it, without a call per byte). */
static int word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int next_word(word_iter *w)
{
    while (w->i < w->n && !word_byte((unsigned char)w->s[w->i]))
        w->i++;
    if (w->i >= w->n)
        return 0;
    w->len = 0;
    while (w->i < w->n) {
        unsigned char c = (unsigned char)w->s[w->i];
        if (!word_byte(c))
            break;
        if (w->len < sizeof w->buf)
            w->buf[w->len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        w->i++;
    }
    return 1;
}

void sr_content_hash(const char *text, size_t n, char out[33])
{
    uint64_t a = SR_FNV_OFFSET, b = 0x84222325cbf29ce4ULL;
    word_iter w = {.s = text, .n = n};
    while (next_word(&w)) {
        a = sr_fnv1a(a, w.buf, w.len);
        a = sr_fnv1a(a, " ", 1);
        b = sr_fnv1a(b, " ", 1);
        b = sr_fnv1a(b, w.buf, w.len);
    }
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 16; i++) {
        out[i] = hex[(a >> (60 - 4 * i)) & 15];
        out[16 + i] = hex[(b >> (60 - 4 * i)) & 15];
    }
    out[32] = '\0';
}

uint64_t sr_simhash(const char *text, size_t n)
{
    int v[64] = {0};
    uint64_t ring[5] = {0};
    size_t count = 0;
    word_iter w = {.s = text, .n = n};
    while (next_word(&w)) {
        ring[count % 5] = sr_fnv1a(SR_FNV_OFFSET, w.buf, w.len);
        count++;
        if (count < 5)
            continue;
        uint64_t h = SR_FNV_OFFSET;
        for (size_t k = 0; k < 5; k++) {
            uint64_t x = ring[(count + k) % 5];
            h = sr_fnv1a(h, &x, sizeof x);
        }
        for (int b = 0; b < 64; b++)
            v[b] += (h >> b) & 1 ? 1 : -1;
    }
    if (count > 0 && count < 5) { /* short text: shingle the whole */
        uint64_t h = SR_FNV_OFFSET;
        for (size_t k = 0; k < count; k++)
            h = sr_fnv1a(h, &ring[k], sizeof ring[k]);
        return h;
    }
    uint64_t sig = 0;
    for (int b = 0; b < 64; b++)
        if (v[b] > 0)
            sig |= 1ULL << b;
    return sig;
}

int sr_hamming64(uint64_t a, uint64_t b)
{
    return __builtin_popcountll(a ^ b);
}
