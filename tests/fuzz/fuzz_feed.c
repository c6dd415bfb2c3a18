/* fuzz_feed.c — the RSS/Atom reader on arbitrary bytes: never a crash, and
 * every item it returns has text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sr_feed *f = NULL;
    if (sr_feed_parse((const char *)data, size, &f, NULL) == SR_OK) {
        for (size_t i = 0; i < f->n_items; i++)
            if (!f->items[i].text || strlen(f->items[i].text) != f->items[i].text_len)
                abort();
        sr_feed_free(f);
    } else if (f) {
        abort();
    }
    return 0;
}
