/*
 * lexicon_format.h — the on-disk layout of the compiled lexicon.
 *
 * Shared by the writer (lexicon_build.c) and the reader (lexicon.c); nothing
 * else should include it but the tests that damage a file on purpose.  The file is native-endian (the header records the
 * byte order so a foreign file is refused) and every section starts at a
 * multiple of 8 bytes:
 *
 *   header      magic, version, byte-order mark, file size, longest phrase
 *               in tokens, then offset and size (bytes) of each section
 *   STRINGS     the string pool: NUL-terminated UTF-8 strings; offset 0 is
 *               the empty string and the pool ends with a NUL, so any offset
 *               below its size names a terminated string
 *   ACTORS ...  one fixed-size record table per kind (lexf_* below); string
 *               fields are offsets into STRINGS
 *   ALIASES     uint32 string offsets, the aliases of the actors and places
 *   HITS        sr_lex_hit records; the hits of one phrase are contiguous
 *   SLOTS       open-addressing hash table (power-of-two size, linear
 *               probing) of every token prefix of every phrase, the whole
 *               phrase included, so a longest-match scan knows when to stop
 *               extending; a key that is a phrase points at its run of
 *               HITS, a key that is only a prefix has hit_n 0.  Keys point
 *               into the phrase keys in STRINGS; an empty slot has key_len 0
 *   BLOOM       a blocked Bloom filter over the keys of SLOTS: a power-of-
 *               two number of 64-byte blocks; a key sets SR_LEXF_BLOOM_K bits
 *               of one block (see sr_lexf_bloom_*).  Most words of a text
 *               start no phrase: the filter, small enough to stay in cache,
 *               turns them away before a probe of the large table.  An
 *               empty section means no filter (every key is probed)
 *   BRANCHES    lexf_branch records: for each actor that has branches, a
 *               run of (country, branch actor) pairs sorted by country and
 *               named by the actor's branch_begin and branch_n, so that the
 *               actor named in a country reads as its branch there (since
 *               version 5)
 *
 * The reader checks the header and every section's bounds, alignment and
 * record size when it opens the file, and checks each record's offsets and
 * ids as it reads them, so a corrupt file yields errors or empty strings but
 * never an out-of-bounds read.  A damaged filter can only make keys be
 * missed, not read out of bounds.  The writer starts each section at a
 * multiple of 64 bytes, so that a filter block is one cache line.
 */
#ifndef SR_LEXICON_FORMAT_H
#define SR_LEXICON_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#define SR_LEXF_MAGIC "SRLEX\r\n\032"
#define SR_LEXF_MAGIC_LEN 8
#define SR_LEXF_VERSION 5u
#define SR_LEXF_BOM 0x01020304u
/* Coordinates are stored in millionths of a degree; this marks "unknown". */
#define SR_LEXF_NO_COORD INT32_MIN

enum {
    SR_LEXF_STRINGS,
    SR_LEXF_ACTORS,
    SR_LEXF_ALIASES,
    SR_LEXF_COUNTRIES,
    SR_LEXF_PLACES,
    SR_LEXF_TRIGGERS,
    SR_LEXF_VICTIMS,
    SR_LEXF_CUES,
    SR_LEXF_HITS,
    SR_LEXF_SLOTS,
    SR_LEXF_BLOOM,
    SR_LEXF_BRANCHES,
    SR_LEXF__SECTIONS
};

typedef struct lexf_header {
    char magic[SR_LEXF_MAGIC_LEN];
    uint32_t version;
    uint32_t bom;
    uint64_t file_size;
    uint32_t max_tokens;
    uint32_t n_sections;
    uint64_t sec_off[SR_LEXF__SECTIONS];
    uint64_t sec_size[SR_LEXF__SECTIONS];
} lexf_header;

typedef struct lexf_actor {
    uint32_t name, country;
    uint32_t alias_begin, alias_n; /* into ALIASES */
    int32_t inter;
    uint32_t kind; /* sr_actor_kind */
    uint32_t branch_begin, branch_n; /* into BRANCHES (since version 5) */
} lexf_actor;

/* One branch of an actor: in the country named by the ISO2 string at
 * offset country, the actor is coded as actor id branch. */
typedef struct lexf_branch {
    uint32_t country;
    uint32_t branch;
} lexf_branch;

typedef struct lexf_country {
    uint32_t iso2, iso3, name;
    uint32_t demonym;     /* first demonym as written */
    uint32_t demonym_key; /* folded keys of all demonyms joined by '|' */
    int32_t lat, lon;
    uint32_t isonum; /* ISO 3166-1 numeric, 0 when none (since version 4) */
} lexf_country;

typedef struct lexf_place {
    uint32_t name, country, admin1;
    int32_t lat, lon;
    uint32_t population;
    uint32_t kind; /* sr_place_kind */
    uint32_t geonameid;
    uint32_t alias_begin, alias_n; /* into ALIASES */
} lexf_place;

typedef struct lexf_trigger {
    uint32_t phrase, event_type, sub_event_type, cameo, role;
    int32_t weight;
} lexf_trigger;

typedef struct lexf_victim {
    uint32_t phrase, cls;
} lexf_victim;

typedef struct lexf_cue {
    uint32_t phrase, cls, value, reserved;
} lexf_cue;

typedef struct lexf_slot {
    uint32_t hash;
    uint32_t key;          /* the folded key in STRINGS */
    uint16_t key_len;      /* bytes; 0 marks an empty slot */
    uint16_t hit_n;        /* 0 when the key is only a prefix of phrases */
    uint32_t hit_begin;    /* into HITS */
} lexf_slot;

/* Keys of SLOTS are at most this long, and a phrase has at most this many
 * hits. */
#define SR_LEXF_KEY_MAX UINT16_MAX
#define SR_LEXF_HITS_MAX UINT16_MAX

/* ---- the Bloom filter ---- */
#define SR_LEXF_BLOOM_BLOCK 64u /* bytes: 512 bits, one cache line */
#define SR_LEXF_BLOOM_K 4u      /* bits set per key */
/* Filter bits per key the writer aims at (rounded up to a power of two
 * blocks): about 2% false positives with 4 bits in a 512-bit block. */
#define SR_LEXF_BLOOM_BITS_PER_KEY 8u

/* The block of a key with final hash h, in a filter of mask + 1 blocks. */
static inline uint32_t sr_lexf_bloom_block(uint32_t h, uint32_t mask)
{
    return h & mask;
}

/* Bit i (0 <= i < SR_LEXF_BLOOM_K) within its block, 0..511: nine bits
 * each from the high half of a multiplicative mix of h, independent of the
 * low bits that choose the block. */
static inline uint32_t sr_lexf_bloom_bit(uint32_t h, unsigned i)
{
    uint64_t g = (uint64_t)h * 0x9E3779B97F4A7C15ull;
    return (uint32_t)(g >> (28u + 9u * i)) & 511u;
}

/* FNV-1a over bytes, continued from h (start with SR_LEXF_HASH_INIT). */
#define SR_LEXF_HASH_INIT 2166136261u
static inline uint32_t sr_lexf_hash_more(uint32_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

/* Final avalanche so the low bits used as the slot index are well mixed. */
static inline uint32_t sr_lexf_hash_final(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x7feb352du;
    h ^= h >> 15;
    h *= 0x846ca68bu;
    h ^= h >> 16;
    return h;
}

#endif
