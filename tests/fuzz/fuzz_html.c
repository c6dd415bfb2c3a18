/* fuzz_html.c — the HTML article reader on arbitrary bytes: page and
 * fragment extraction must never crash, and text_len must match the text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sr_html_page p;
    int rc = sr_html_extract((const char *)data, size, &p, NULL);
    if ((rc == SR_OK || rc == SR_ERR_EMPTY) && p.text && strlen(p.text) != p.text_len)
        abort();
    sr_html_page_free(&p);
    char *t = NULL;
    size_t n = 0;
    if (sr_html_fragment_text((const char *)data, size, &t, &n, NULL) == SR_OK &&
        strlen(t) != n)
        abort();
    free(t);
    char day[11];
    char *s = malloc(size + 1);
    if (s) {
        memcpy(s, data, size);
        s[size] = '\0';
        if (sr_parse_pubdate(s, day) == SR_OK && strlen(day) != 10)
            abort();
        free(s);
    }
    return 0;
}
