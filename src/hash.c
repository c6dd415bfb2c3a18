/* hash.c — content hashes and SimHash signatures (see hash.h). */
#include "hash.h"

#include <string.h>

uint64_t sr_fnv1a(uint64_t h, const void *s, size_t n)
{
    const unsigned char *p = s;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* A document is read once for both hashes: word by word over its normalised
 * form (ASCII letters and digits lower-cased, every non-ASCII byte kept, all
 * else a separator), each word hashed as it goes by, eight bytes at a time. */

static uint64_t rotl(uint64_t x, int r)
{
    return x << r | x >> (64 - r);
}

/* MurmurHash3's 64-bit finaliser: every input bit reaches every output bit. */
static uint64_t fmix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

/* Word bytes: ASCII letters and digits, and every non-ASCII byte (as the C
 * locale's isalnum would have it, without a call per byte). */
static const unsigned char word_class[256] = {
#define R16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
    R16(0), R16(0),
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* space .. / */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,  /* 0 .. ? */
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  /* @ A .. O */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,  /* P .. Z [ .. _ */
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  /* ` a .. o */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,  /* p .. z { .. DEL */
    R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1),
#undef R16
};

/* The state of hashing one document. */
typedef struct doc_hasher {
    uint64_t a, b;       /* content hash lanes */
    uint32_t ones[64];   /* SimHash bit counts */
    uint64_t lanes[8];   /* pending SimHash bit counts, byte lanes */
    unsigned pending;
    uint64_t ring[5];    /* the last five word hashes */
    size_t count;
} doc_hasher;

/* Each byte value with its eight bits spread into the low bits of eight
 * byte lanes, at compile time.  SPREAD4 spreads the bits of x (0..15) into
 * the low bit of four bytes: bit k of x becomes bit 8k (the four shifted
 * copies of x do not overlap, so the multiplication carries nothing). */
#define SPREAD4(x) (((uint64_t)(x) * 0x00204081u) & 0x01010101u)
#define LANES(b) (SPREAD4((b) & 15) | SPREAD4((b) >> 4) << 32)
#define LANES4(b) LANES(b), LANES((b) + 1), LANES((b) + 2), LANES((b) + 3)
#define LANES16(b) LANES4(b), LANES4((b) + 4), LANES4((b) + 8), LANES4((b) + 12)
#define LANES64(b) LANES16(b), LANES16((b) + 16), LANES16((b) + 32), LANES16((b) + 48)
static const uint64_t byte_lanes[256] = {LANES64(0), LANES64(64), LANES64(128), LANES64(192)};
#undef LANES64
#undef LANES16
#undef LANES4
#undef LANES
#undef SPREAD4

/* Adds each of the 64 bits of h to its counter, eight counters to a word of
 * byte lanes: lane k of lanes[j] counts bit 8j+k (j < 8, bytes of h) - as
 * long as fewer than 256 words are added between flushes. */
static void add_bits(uint64_t lanes[8], uint64_t h)
{
    for (int j = 0; j < 8; j++)
        lanes[j] += byte_lanes[(h >> (8 * j)) & 0xff];
}

static void flush_bits(uint64_t lanes[8], uint32_t ones[64])
{
    for (int j = 0; j < 8; j++) {
        for (int k = 0; k < 8; k++)
            ones[8 * j + k] += (uint32_t)(lanes[j] >> (8 * k)) & 0xff;
        lanes[j] = 0;
    }
}

/* A shingle: five word hashes in order. */
static uint64_t shingle(const uint64_t ring[5], size_t first)
{
    uint64_t h = 0;
    for (size_t k = 0; k < 5; k++)
        h = rotl(h, 23) ^ ring[(first + k) % 5];
    return fmix64(h);
}

static void add_word(doc_hasher *d, uint64_t w)
{
    d->a = (rotl(d->a, 31) ^ w) * 0x9e3779b97f4a7c15ULL;
    d->b = (rotl(d->b, 27) + w) * 0xc2b2ae3d27d4eb4fULL + 0x165667b19e3779f9ULL;
    d->ring[d->count % 5] = w;
    d->count++;
    if (d->count < 5)
        return;
    add_bits(d->lanes, shingle(d->ring, d->count));
    if (++d->pending == 255) {
        flush_bits(d->lanes, d->ones);
        d->pending = 0;
    }
}

static void hash_doc(const char *text, size_t n, doc_hasher *d)
{
    memset(d, 0, sizeof *d);
    d->a = 0x243f6a8885a308d3ULL;
    d->b = 0x13198a2e03707344ULL;
    const unsigned char *p = (const unsigned char *)text, *end = p + n;
    while (p < end) {
        while (p < end && !word_class[*p])
            p++;
        if (p == end)
            break;
        uint64_t h = 0x452821e638d01377ULL, acc = 0;
        size_t len = 0;
        for (; p < end && word_class[*p]; p++, len++) {
            unsigned c = *p;
            acc = acc << 8 | (c - 'A' < 26u ? c + 32 : c);
            if ((len & 7) == 7) {
                h = rotl((h ^ acc) * 0x87c37b91114253d5ULL, 31);
                acc = 0;
            }
        }
        add_word(d, fmix64(h ^ acc ^ (uint64_t)len << 56));
    }
    flush_bits(d->lanes, d->ones);
}

static uint64_t signature(const doc_hasher *d)
{
    if (d->count > 0 && d->count < 5) { /* short text: shingle the whole */
        uint64_t h = 0;
        for (size_t k = 0; k < d->count; k++)
            h = rotl(h, 23) ^ d->ring[k];
        return fmix64(h);
    }
    uint64_t shingles = d->count >= 5 ? d->count - 4 : 0, sig = 0;
    for (int b = 0; b < 64; b++)
        if (2 * (uint64_t)d->ones[b] > shingles)
            sig |= 1ULL << b;
    return sig;
}

static void hex_hash(const doc_hasher *d, char out[33])
{
    static const char hex[] = "0123456789abcdef";
    uint64_t a = fmix64(d->a ^ d->count), b = fmix64(d->b + d->count);
    for (int i = 0; i < 16; i++) {
        out[i] = hex[(a >> (60 - 4 * i)) & 15];
        out[16 + i] = hex[(b >> (60 - 4 * i)) & 15];
    }
    out[32] = '\0';
}

void sr_doc_hashes(const char *text, size_t n, char content[33], uint64_t *simhash)
{
    doc_hasher d;
    hash_doc(text, n, &d);
    hex_hash(&d, content);
    *simhash = signature(&d);
}

void sr_content_hash(const char *text, size_t n, char out[33])
{
    doc_hasher d;
    hash_doc(text, n, &d);
    hex_hash(&d, out);
}

/* Bit b of the signature is set when more than half of the shingle hashes
 * have it set (the sum of +1 for a set bit, -1 for a clear one, is > 0). */
uint64_t sr_simhash(const char *text, size_t n)
{
    doc_hasher d;
    hash_doc(text, n, &d);
    return signature(&d);
}

int sr_hamming64(uint64_t a, uint64_t b)
{
    return __builtin_popcountll(a ^ b);
}
