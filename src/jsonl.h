/*
 * jsonl.h — articles from JSON lines.
 *
 * One JSON object a line: {"id","url","published","title","text"}; other
 * keys are ignored.  Lines may be as long as memory allows (a 20 MB article
 * is one line).  A malformed line is reported with its file and line number
 * and the reader carries on with the next one.
 *
 * Every line is checked before it is parsed: NUL bytes and invalid UTF-8 are
 * reported with the byte (1-based, within the line) where they occur.  Blank
 * lines are skipped.  A byte-order mark at the start of the input is
 * ignored.  The known keys must hold strings (or null, which means absent);
 * "id" may also be an integer.  "text" or "title" must be present.
 *
 * The reader does not judge "published": it hands over the string as found
 * (or NULL when the key is absent).  Callers that need a date check it.
 */
#ifndef SR_JSONL_H
#define SR_JSONL_H

#include <stddef.h>
#include <stdio.h>

#include "sitrep.h"

typedef struct sr_jsonl_reader sr_jsonl_reader;

/* Opens path for reading ("-" is standard input).  A missing file or a
 * directory is SR_ERR_IO with err naming path and the reason. */
int sr_jsonl_open(const char *path, sr_jsonl_reader **out, sr_error *err);

/* Reads from a stream the caller has already opened (and maybe read some
 * blank lines of: lines_before is how many lines were consumed, so that line
 * numbers stay right).  name labels messages.  The reader borrows f: the
 * caller closes it after sr_jsonl_close(). */
int sr_jsonl_from_stream(FILE *f, const char *name, size_t lines_before,
                         sr_jsonl_reader **out, sr_error *err);

/* Reads the next article.  Returns SR_OK with *doc filled (its strings valid
 * until the next call) and *lineno set; SR_ERR_EMPTY at the end of input;
 * SR_ERR_FORMAT or SR_ERR_UTF8 for a bad line (err names path:line and the
 * problem, *lineno is set; the next call goes on after it); SR_ERR_IO on a
 * read error; SR_ERR_NOMEM when memory runs out. */
int sr_jsonl_next(sr_jsonl_reader *r, sr_doc *doc, size_t *lineno, sr_error *err);

/* Number of articles returned so far (lines that gave SR_OK). */
size_t sr_jsonl_count(const sr_jsonl_reader *r);

void sr_jsonl_close(sr_jsonl_reader *r);

/* Checks that s[0..n) is UTF-8 without NUL bytes.  SR_OK, or SR_ERR_UTF8
 * with *bad set to the offset of the first offending byte and *nul set to 1
 * when that byte is NUL (either pointer may be NULL). */
int sr_jsonl_check_text(const char *s, size_t n, size_t *bad, int *nul);

/* Parses one JSON object into doc.  *owner receives what holds the strings;
 * release it with sr_doc_json_free().  The line must already be valid UTF-8
 * (see sr_jsonl_check_text).  err gets the problem without a location. */
int sr_doc_from_json(const char *line, size_t len, sr_doc *doc, void **owner,
                     sr_error *err);
void sr_doc_json_free(void *owner);

/* Non-zero for the bytes a JSON string cannot hold as they are: the
 * controls (below 0x20), '"' and '\\'.  Shared by the reader and the
 * writer (event_json.c). */
extern const unsigned char sr_json_special[256];

#endif
