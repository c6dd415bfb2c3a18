/*
 * fuzz_jsonl_flat.c — sr_doc_from_json against jansson alone, on one line.
 *
 * sr_doc_from_json reads flat objects of strings itself and leaves every
 * other line to jansson.  Here the same line (when it is valid UTF-8, as the
 * function requires) is also read with jansson only, by the rules jsonl.h
 * states; both must accept or refuse it, and when they accept, give the
 * same id, url, outlet, title, published and text, byte for byte.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "jsonl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct ref_field {
    int present;
    const char *s;
    size_t n;
} ref_field;

/* key as jansson reads it: 1 with *f filled, 0 when absent or null, -1
 * when it holds another type.  An integer id is printed into idbuf. */
static int ref_get(json_t *root, const char *key, ref_field *f, char *idbuf, size_t cap)
{
    json_t *v = json_object_get(root, key);
    memset(f, 0, sizeof *f);
    if (!v || json_is_null(v))
        return 0;
    if (idbuf && json_is_integer(v)) {
        snprintf(idbuf, cap, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        f->s = idbuf;
        f->n = strlen(idbuf);
        f->present = 1;
        return 1;
    }
    if (!json_is_string(v))
        return -1;
    f->s = json_string_value(v);
    f->n = json_string_length(v);
    f->present = 1;
    return 1;
}

static void same(const ref_field *want, const char *got, size_t got_n)
{
    if (!want->present) {
        if (got)
            __builtin_trap();
        return;
    }
    if (!got || got_n != want->n || memcmp(got, want->s, got_n) != 0)
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *line = (const char *)data;
    if (sr_jsonl_check_text(line, size, NULL, NULL) != SR_OK)
        return 0;
    sr_doc doc;
    void *owner = NULL;
    sr_error err = {{0}};
    int rc = sr_doc_from_json(line, size, &doc, &owner, &err);

    /* the reference: jansson alone */
    int ok = 0;
    json_error_t jerr;
    json_t *root = json_loadb(line, size, JSON_DECODE_ANY, &jerr);
    static const char *const keys[] = {"id", "url", "outlet", "title", "published", "text"};
    ref_field f[6];
    char idbuf[32];
    if (root && json_is_object(root)) {
        ok = 1;
        for (int k = 0; k < 6; k++)
            if (ref_get(root, keys[k], &f[k], k == 0 ? idbuf : NULL, sizeof idbuf) < 0)
                ok = 0;
        if (ok && !f[3].present && !f[5].present)
            ok = 0;
    }
    if (ok != (rc == SR_OK))
        __builtin_trap();
    if (ok) {
        same(&f[0], doc.id, doc.id ? strlen(doc.id) : 0);
        same(&f[1], doc.url, doc.url ? strlen(doc.url) : 0);
        same(&f[2], doc.outlet, doc.outlet ? strlen(doc.outlet) : 0);
        same(&f[3], doc.title, doc.title ? strlen(doc.title) : 0);
        same(&f[4], doc.published, doc.published ? strlen(doc.published) : 0);
        if (f[5].present)
            same(&f[5], doc.text, doc.text_len);
        else if (doc.text_len != 0 || !doc.text || doc.text[0])
            __builtin_trap(); /* no text: "" */
    } else if (!err.msg[0]) {
        __builtin_trap(); /* a refusal names its reason */
    }
    json_decref(root);
    sr_doc_json_free(owner);
    return 0;
}
