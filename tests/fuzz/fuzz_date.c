/*
 * fuzz_date.c — the date-expression parser on arbitrary text.
 *
 * The first two bytes choose the publication day (within about 180 years of
 * 1970-2150); the rest, when valid UTF-8, is tokenized and the parser is
 * started at every token.  A parse must stay inside the tokens, give a
 * precision of 1, 2 or 3, and a day that formats as a real date.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "sitrep.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                                           \
    do {                                                                                   \
        if (!(c))                                                                          \
            abort();                                                                       \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    int32_t pub = (int32_t)(data[0] | (data[1] << 8)); /* 1970 .. 2149 */
    const char *s = (const char *)data + 2;
    size -= 2;
    if (sr_utf8_validate(s, size, NULL) != SR_OK)
        return 0;
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t;
    if (sr_tokenize(&a, s, size, &t) == SR_OK) {
        for (size_t i = 0; i <= t.n; i++) {
            sr_date d;
            size_t used = sr_date_parse(&t, s, i, pub, &d);
            if (!used)
                continue;
            CHECK(i + used <= t.n);
            CHECK(d.tok_begin == i && d.tok_end == i + used);
            CHECK(d.precision >= 1 && d.precision <= 3);
            char out[11];
            sr_date_format(d.days, out);
            int32_t back;
            CHECK(sr_date_parse_iso(out, &back) == SR_OK && back == d.days);
        }
    }
    sr_arena_free(&a);
    return 0;
}
