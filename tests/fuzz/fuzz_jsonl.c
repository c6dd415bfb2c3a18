/*
 * fuzz_jsonl.c — the JSON-lines reader on arbitrary bytes.
 *
 * The input is read as a stream of lines through sr_jsonl_from_stream, so the
 * line splitting, the UTF-8 and NUL checks and the JSON parsing all see it.
 * Every article returned must have text of the length it claims, and the
 * reader must come to the end of the input.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "jsonl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    FILE *f = fmemopen((void *)(uintptr_t)data, size, "rb");
    if (!f)
        return 0;
    sr_jsonl_reader *r;
    sr_error err;
    if (sr_jsonl_from_stream(f, "fuzz", 0, &r, &err) != SR_OK) {
        fclose(f);
        return 0;
    }
    size_t lines = 0, sum = 0;
    for (;;) {
        sr_doc doc;
        size_t lineno;
        int rc = sr_jsonl_next(r, &doc, &lineno, &err);
        if (rc == SR_ERR_EMPTY || rc == SR_ERR_IO || rc == SR_ERR_NOMEM)
            break;
        if (rc == SR_OK) {
            /* Touch every byte the document claims to have. */
            for (size_t i = 0; i < doc.text_len; i++)
                sum += (unsigned char)doc.text[i];
            if (doc.id)
                sum += strlen(doc.id);
        } else if (err.msg[0] == '\0') {
            __builtin_trap(); /* a bad line must say why */
        }
        if (++lines > size + 1)
            __builtin_trap(); /* more records than lines: no progress */
    }
    sr_jsonl_close(r);
    fclose(f);
    return (int)(sum & 0);
}
