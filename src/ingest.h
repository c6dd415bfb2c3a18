/*
 * ingest.h — reading sources into the event database.
 *
 * Takes files, folders (walked recursively in name order, hidden entries
 * skipped) and standard input; decompresses gzip (by its magic bytes; a
 * truncated stream is an error for that input); detects the format by
 * content, with the file name as a hint: JSON lines, RSS 2.0 / Atom feeds
 * (one document per item), HTML pages (the article text, see html.h) and
 * plain text.  Binary files and malformed inputs are skipped, counted and
 * reported through the warn hook, one line each naming the input.
 *
 * Each document is stored once (by content hash; near-duplicates linked),
 * then extracted and resolved into events, all in one unit of work: a crash
 * leaves either the whole document with its mentions and events, or nothing
 * (units are committed in batches, so a crash loses at most the last batch,
 * which the next run stores again).
 * A document without a publication date takes its feed's date; failing that
 * it is stored without one, with a warning (the extractor then resolves no
 * relative dates).
 *
 * Errors that are not the input's fault (the database, memory) stop the
 * ingest and are returned.
 */
#ifndef SR_INGEST_H
#define SR_INGEST_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "sitrep.h"
#include "store.h"

typedef struct sr_ingest_stats {
    size_t inputs;          /* files and streams read */
    size_t seen;            /* documents read */
    size_t stored;          /* new documents stored */
    size_t duplicates;      /* documents already stored (same content hash) */
    size_t near_duplicates; /* new documents linked to an earlier near-copy */
    size_t no_date;         /* stored without a publication date */
    size_t mentions;        /* mentions extracted from new documents */
    size_t events_created, events_updated, events_merged;
    size_t skipped;         /* inputs or documents skipped, by reason: */
    size_t skipped_binary, skipped_format, skipped_utf8, skipped_empty, skipped_io,
        skipped_extract;
    uint64_t bytes_done;    /* input bytes consumed (for progress) */
} sr_ingest_stats;

typedef struct sr_ingest_hooks {
    /* A one-line message about one input or document ("path: problem"). */
    void (*warn)(void *ctx, const char *msg);
    /* Called after every document. */
    void (*progress)(void *ctx, const sr_ingest_stats *st);
    void *ctx;
} sr_ingest_hooks;

typedef struct sr_ingest sr_ingest;

/* x may be NULL to store documents without extracting.  hooks may be NULL.
 * The store and extractor stay owned by the caller. */
int sr_ingest_new(sr_store *s, sr_extractor *x, const sr_ingest_hooks *hooks,
                  sr_ingest **out, sr_error *err);
void sr_ingest_free(sr_ingest *g);

/* Ingests a file, a folder or "-" (standard input). */
int sr_ingest_path(sr_ingest *g, const char *path, sr_error *err);

/* Reads all of f into a new buffer (*out, freed by the caller; *len bytes).
 * SR_ERR_TOOBIG once it holds max bytes and more may follow, SR_ERR_NOMEM,
 * SR_ERR_IO on a read error; *out is set only on SR_OK.  f stays open. */
int sr_read_stream(FILE *f, size_t max, char **out, size_t *len);

/* Ingests one input held in memory; name labels it in messages and serves
 * as the document id for single-document formats. */
int sr_ingest_buffer(sr_ingest *g, const char *name, const char *buf, size_t n,
                     sr_error *err);

/* Ingests one document already in memory (format names its origin, e.g.
 * "jsonl"); label names it in messages. */
int sr_ingest_document(sr_ingest *g, const char *label, const sr_doc *doc, const char *format,
                       sr_error *err);

/* With a lexicon, the aliases of every lexicon actor seen are kept in the
 * store (actor_aliases), once per run. */
void sr_ingest_set_lexicon(sr_ingest *g, const sr_lexicon *lex);

/* Documents are committed in batches (2,048 documents or a second,
 * whichever comes first; 1 commits each alone), and the mentions of a
 * batch are merged into events when it commits.  sr_ingest_path() commits
 * at its end; after sr_ingest_buffer() or sr_ingest_document() call
 * sr_ingest_flush() (sr_ingest_free() also does). */
void sr_ingest_set_batch(sr_ingest *g, size_t docs);
int sr_ingest_flush(sr_ingest *g, sr_error *err);

const sr_ingest_stats *sr_ingest_get_stats(const sr_ingest *g);

/* Total bytes of the regular files under path (0 for "-"), for progress. */
uint64_t sr_ingest_measure(const char *path);

/* The format buf[0..n) looks like: "jsonl", "rss" (RSS or Atom or other
 * XML), "html", "text" or "binary".  name (may be NULL) is a hint. */
const char *sr_ingest_detect(const char *name, const char *buf, size_t n);

/* Decompresses a gzip stream.  SR_ERR_FORMAT for a truncated or corrupt
 * stream, SR_ERR_TOOBIG past max bytes.  *out is malloc'd. */
int sr_gunzip(const char *buf, size_t n, size_t max, char **out, size_t *out_len,
              sr_error *err);

#endif
