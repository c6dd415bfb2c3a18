/* extract.c — placeholder until the extractor lands: finds no events. */
#include <stdlib.h>

#include "sitrep.h"

struct sr_extractor {
    const sr_lexicon *lex;
};

int sr_extractor_new(const sr_lexicon *lex, sr_extractor **out, sr_error *err)
{
    sr_extractor *x = calloc(1, sizeof *x);
    if (!x)
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    x->lex = lex;
    *out = x;
    return SR_OK;
}

void sr_extractor_free(sr_extractor *x)
{
    free(x);
}

int sr_extract(sr_extractor *x, const sr_doc *doc, const sr_event **events, size_t *n,
               sr_error *err)
{
    (void)x;
    (void)doc;
    (void)err;
    *events = NULL;
    *n = 0;
    return SR_OK;
}
