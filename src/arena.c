#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct sr_arena_block {
    sr_arena_block *next;
    size_t size; /* usable bytes after the header */
    size_t used;
    max_align_t data[];
};

enum { ARENA_MIN_BLOCK = 64 * 1024 };

void sr_arena_init(sr_arena *a)
{
    memset(a, 0, sizeof *a);
}

static size_t align_up(size_t n)
{
    size_t al = _Alignof(max_align_t);
    return (n + al - 1) & ~(al - 1);
}

void *sr_arena_alloc(sr_arena *a, size_t size)
{
    if (size == 0)
        size = 1;
    if (size > SIZE_MAX / 2)
        return NULL;
    size = align_up(size);
    sr_arena_block *b = a->head;
    if (!b || b->size - b->used < size) {
        /* Reuse a spare block that is large enough, else allocate. */
        sr_arena_block **pp = &a->spare;
        while (*pp && (*pp)->size < size)
            pp = &(*pp)->next;
        if (*pp) {
            b = *pp;
            *pp = b->next;
        } else {
            size_t bsize = size > ARENA_MIN_BLOCK ? size : ARENA_MIN_BLOCK;
            b = malloc(sizeof *b + bsize);
            if (!b)
                return NULL;
            b->size = bsize;
        }
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    a->used_total += size;
    if (a->used_total > a->peak)
        a->peak = a->used_total;
    return p;
}

void *sr_arena_calloc(sr_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    void *p = sr_arena_alloc(a, n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

char *sr_arena_strndup(sr_arena *a, const char *s, size_t n)
{
    char *p = sr_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void *sr_arena_grow(sr_arena *a, void *old, size_t item, size_t *cap, size_t want)
{
    if (want <= *cap && old)
        return old;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < want) {
        if (ncap > SIZE_MAX / 2)
            return NULL;
        ncap *= 2;
    }
    if (item && ncap > SIZE_MAX / item)
        return NULL;
    void *p = sr_arena_alloc(a, ncap * item);
    if (!p)
        return NULL;
    if (old && *cap)
        memcpy(p, old, *cap * item);
    *cap = ncap;
    return p;
}

void sr_arena_reset(sr_arena *a)
{
    while (a->head) {
        sr_arena_block *b = a->head;
        a->head = b->next;
        b->next = a->spare;
        a->spare = b;
    }
    a->used_total = 0;
}

void sr_arena_free(sr_arena *a)
{
    sr_arena_reset(a);
    while (a->spare) {
        sr_arena_block *b = a->spare;
        a->spare = b->next;
        free(b);
    }
    a->peak = 0;
}
