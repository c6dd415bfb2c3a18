/*
 * jsonl.h — articles from JSON lines.
 *
 * One JSON object a line: {"id","url","published","title","text"}; other
 * keys are ignored.  Lines may be as long as memory allows (a 20 MB article
 * is one line).  A malformed line is reported with its file and line number
 * and the reader carries on with the next one.
 */
#ifndef SR_JSONL_H
#define SR_JSONL_H

#include <stddef.h>

#include "sitrep.h"

typedef struct sr_jsonl_reader sr_jsonl_reader;

/* Opens path for reading ("-" is standard input). */
int sr_jsonl_open(const char *path, sr_jsonl_reader **out, sr_error *err);

/* Reads the next article.  Returns SR_OK with *doc filled (its strings valid
 * until the next call) and *lineno set; SR_ERR_EMPTY at the end of input;
 * SR_ERR_FORMAT or SR_ERR_UTF8 for a bad line (err names path:line and the
 * problem; the next call goes on after it); SR_ERR_IO on a read error. */
int sr_jsonl_next(sr_jsonl_reader *r, sr_doc *doc, size_t *lineno, sr_error *err);

void sr_jsonl_close(sr_jsonl_reader *r);

/* Parses one JSON object into doc.  *owner receives what holds the strings;
 * release it with sr_doc_json_free(). */
int sr_doc_from_json(const char *line, size_t len, sr_doc *doc, void **owner,
                     sr_error *err);
void sr_doc_json_free(void *owner);

#endif
