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

/* The bits of x (0..15) spread into the low bit of four bytes: bit k of x
 * becomes bit 8k of the result (the four shifted copies of x do not overlap,
 * so the multiplication carries nothing). */
static uint64_t spread4(uint64_t x)
{
    return (x * 0x00204081u) & 0x01010101u;
}

/* Adds each of the 64 bits of h to its counter, eight counters to a word of
 * byte lanes: lane k of lanes[j] counts bit 8j+k (j < 8, bytes of h) - as
 * long as fewer than 256 words are added between flushes. */
static void add_bits(uint64_t lanes[8], uint64_t h)
{
    for (int j = 0; j < 8; j++) {
        uint64_t byte = (h >> (8 * j)) & 0xff;
        lanes[j] += spread4(byte & 15) | spread4(byte >> 4) << 32;
    }
}

static void flush_bits(uint64_t lanes[8], uint32_t ones[64])
{
    for (int j = 0; j < 8; j++) {
        for (int k = 0; k < 8; k++)
            ones[8 * j + k] += (uint32_t)(lanes[j] >> (8 * k)) & 0xff;
        lanes[j] = 0;
    }
}

/* Bit b of the signature is set when more than half of the shingle hashes
 * have it set (the sum of +1 for a set bit, -1 for a clear one, is > 0). */
uint64_t sr_simhash(const char *text, size_t n)
{
    uint32_t ones[64] = {0};
    uint64_t lanes[8] = {0};
    unsigned pending = 0;
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
        add_bits(lanes, h);
        if (++pending == 255) {
            flush_bits(lanes, ones);
            pending = 0;
        }
    }
    if (count > 0 && count < 5) { /* short text: shingle the whole */
        uint64_t h = SR_FNV_OFFSET;
        for (size_t k = 0; k < count; k++)
            h = sr_fnv1a(h, &ring[k], sizeof ring[k]);
        return h;
    }
    flush_bits(lanes, ones);
    uint64_t shingles = count >= 5 ? count - 4 : 0, sig = 0;
    for (int b = 0; b < 64; b++)
        if (2 * (uint64_t)ones[b] > shingles)
            sig |= 1ULL << b;
    return sig;
}

int sr_hamming64(uint64_t a, uint64_t b)
{
    return __builtin_popcountll(a ^ b);
}
