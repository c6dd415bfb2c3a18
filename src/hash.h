/*
 * hash.h — content hashes and near-duplicate signatures for documents.
 *
 * A document is stored once by the hash of its normalised text: letters and
 * digits lower-cased (ASCII), every run of anything else one space, so the
 * same article with other whitespace or markup residue hashes alike.  Each
 * word is hashed eight bytes at a time by multiplying and rotating, finished
 * with MurmurHash3's 64-bit finaliser (public domain); the content hash is
 * two 64-bit lanes folded over the word hashes in order, 128 bits as 32 hex
 * digits.  It is not meant to resist an adversary, only to tell articles
 * apart.  One pass over the text gives both the content hash and the SimHash
 * (sr_doc_hashes), a few multiplications a word.
 *
 * Near-duplicates (one wire story on two sites, with another headline and a
 * sentence added) are found with a 64-bit SimHash over word 5-gram shingles
 * of the normalised text: signatures within SR_NEAR_DUP_BITS bits of each
 * other mark a near-duplicate.  By pigeonhole two such signatures agree on at
 * least one of their four 16-bit bands, which lets the store index them.
 */
#ifndef SR_HASH_H
#define SR_HASH_H

#include <stddef.h>
#include <stdint.h>

#define SR_NEAR_DUP_BITS 3

/* 64-bit FNV-1a of s[0..n) continuing from h (start with SR_FNV_OFFSET), for
 * short keys. */
#define SR_FNV_OFFSET 0xcbf29ce484222325ULL
uint64_t sr_fnv1a(uint64_t h, const void *s, size_t n);

/* Content hash of text[0..n) as 32 lower-case hex digits into out[33]. */
void sr_content_hash(const char *text, size_t n, char out[33]);

/* SimHash signature of text[0..n). */
uint64_t sr_simhash(const char *text, size_t n);

/* Both at once, in one pass over the text. */
void sr_doc_hashes(const char *text, size_t n, char content[33], uint64_t *simhash);

/* Number of differing bits. */
int sr_hamming64(uint64_t a, uint64_t b);

#endif
