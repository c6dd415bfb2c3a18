/*
 * arena.h — bump allocation for per-document work.
 *
 * Everything the extractor builds for one document (tokens, folded text,
 * candidate frames) comes from one arena and is released at once with
 * sr_arena_reset() before the next document.  Blocks are kept between resets,
 * so a long run settles at the size of its largest document and stops calling
 * malloc.  Allocation returns NULL when memory runs out; nothing aborts.
 */
#ifndef SR_ARENA_H
#define SR_ARENA_H

#include <stddef.h>

typedef struct sr_arena_block sr_arena_block;

typedef struct sr_arena {
    sr_arena_block *head;  /* block being filled */
    sr_arena_block *spare; /* blocks kept from before the last reset */
    size_t used_total;     /* bytes handed out since the last reset */
    size_t peak;           /* largest used_total seen */
} sr_arena;

void sr_arena_init(sr_arena *a);
/* Memory aligned for any type, or NULL. */
void *sr_arena_alloc(sr_arena *a, size_t size);
/* Zero-filled memory for n items of size bytes, or NULL on overflow or OOM. */
void *sr_arena_calloc(sr_arena *a, size_t n, size_t size);
/* A copy of s[0..n) with a terminating NUL, or NULL. */
char *sr_arena_strndup(sr_arena *a, const char *s, size_t n);
/* Grows (or starts) an array of n items to hold at least want items; returns
 * the new array (old contents copied) or NULL.  *cap is updated. */
void *sr_arena_grow(sr_arena *a, void *old, size_t item, size_t *cap, size_t want);
/* Forgets every allocation; keeps the blocks for reuse. */
void sr_arena_reset(sr_arena *a);
/* Releases all memory. */
void sr_arena_free(sr_arena *a);

#endif
