/*
 * fuzz_number.c — the casualty-figure parser on arbitrary text.
 *
 * Valid UTF-8 input is tokenized and the parser is started at every token, as
 * an extractor would.  A parse must stay inside the tokens, report what it
 * consumed, and code low <= best <= high (or zeros for "many").
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "number.h"
#include "sitrep.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                                           \
    do {                                                                                   \
        if (!(c))                                                                          \
            abort();                                                                       \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    if (sr_utf8_validate(s, size, NULL) != SR_OK)
        return 0;
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t;
    if (sr_tokenize(&a, s, size, &t) == SR_OK) {
        for (size_t i = 0; i <= t.n; i++) {
            sr_number nu;
            size_t used = sr_number_parse(&t, s, i, &nu);
            CHECK(used <= t.n - (i < t.n ? i : t.n));
            if (!used) {
                CHECK(nu.best == 0 && nu.flags == 0);
                continue;
            }
            CHECK(nu.tok_begin == i && nu.tok_end == i + used);
            CHECK(nu.low >= 0 && nu.low <= nu.best && nu.best <= nu.high);
            if (nu.flags & SR_NUM_MANY)
                CHECK(nu.best == 0);
        }
    }
    sr_arena_free(&a);
    return 0;
}
