/*
 * fuzz_text.c — UTF-8 validation, folding and tokenizing on arbitrary bytes.
 *
 * Every input is validated; valid or not, it is folded and tokenized (the
 * text layer must stay within bounds even on bytes it was not meant to see).
 * Folding valid text twice must give the same result as folding it once.
 * On valid input the tokens and sentences must keep their invariants: byte
 * ranges in order and inside the text, folded forms of the stated length,
 * every token in exactly one sentence, sentences tiling the tokens.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                                           \
    do {                                                                                   \
        if (!(c))                                                                          \
            abort();                                                                       \
    } while (0)

static void check_tokens(const sr_tokens *t, size_t n)
{
    uint32_t prev_end = 0;
    for (size_t i = 0; i < t->n; i++) {
        const sr_token *k = &t->tok[i];
        CHECK(k->start < k->end && k->end <= n && k->start >= prev_end);
        prev_end = k->end;
        CHECK((size_t)k->fold + k->fold_len < t->fold_len);
        CHECK(strlen(sr_tok_fold(t, i)) == k->fold_len);
        CHECK(k->sent < t->n_sent);
        const sr_sentence *s = &t->sent[k->sent];
        CHECK(i >= s->tok_begin && i < s->tok_end);
        CHECK(!!(k->flags & SR_TOK_SENT) == (i == s->tok_begin));
    }
    size_t next = 0;
    for (size_t s = 0; s < t->n_sent; s++) {
        CHECK(t->sent[s].tok_begin == next && t->sent[s].tok_end > next);
        next = t->sent[s].tok_end;
        CHECK(t->sent[s].start <= t->sent[s].end && t->sent[s].end <= n);
    }
    CHECK(next == t->n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    size_t bad = 0;
    int valid = sr_utf8_validate(s, size, &bad) == SR_OK;
    if (!valid)
        CHECK(bad < size);

    /* folding: the reported length does not depend on the room given */
    char small[16];
    size_t full = sr_fold(s, size, NULL, 0);
    CHECK(sr_fold(s, size, small, sizeof small) == full);
    CHECK(strlen(small) <= sizeof small - 1);
    char *big = malloc(full + 1);
    if (big) {
        CHECK(sr_fold(s, size, big, full + 1) == full);
        CHECK(big[full] == '\0');
        if (valid) {
            CHECK(strlen(big) == full); /* no NUL inside the folded form */
            /* folding is idempotent, so folded lexicon keys fold to themselves */
            char *again = malloc(full + 1);
            if (again) {
                CHECK(sr_fold(big, full, again, full + 1) == full);
                CHECK(memcmp(big, again, full) == 0);
                free(again);
            }
        }
        free(big);
    }

    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t;
    int rc = sr_tokenize(&a, s, size, &t);
    CHECK(rc == SR_OK || rc == SR_ERR_NOMEM);
    if (rc == SR_OK && valid)
        check_tokens(&t, size);
    sr_arena_free(&a);
    return 0;
}
