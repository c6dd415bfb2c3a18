/*
 * lexicon_build.h — compiles the TSV sources in data/ into a lexicon file.
 *
 * The build-time half of the lexicon (the runtime half is lexicon.h).  It
 * reads countries.tsv, forces.tsv, actors.tsv, admin1.tsv, places.tsv,
 * triggers.tsv, victims.tsv and cues.tsv (each optional: a missing file
 * contributes nothing) plus place_stopwords.txt, keys every name and phrase
 * with the same folding and tokenizing the runtime uses (sr_lexicon_make_key),
 * and writes the binary layout of lexicon_format.h.  Column formats are
 * documented in data/README.md.
 *
 * Merging rules: actors with the same canonical name (after folding) are one
 * actor whose aliases are the union of all lines'; the first line that gives
 * a kind, inter code or country sets it.  forces.tsv makes one actor per
 * country and line by putting every name and alias of the country in place
 * of {country} and every demonym in place of {demonym}; its actors merge with
 * actors.tsv lines of the same name the same way.  An actor's branch_in
 * countries are the union of its lines' (a country once), each branch_of
 * name is looked up among all actors, forces.tsv's too, once both files are
 * read, and a parent with two different branches in one country is an error.
 * Place names that fold to a word of place_stopwords.txt, or to fewer than
 * three characters, are not made phrases (the records stay).
 *
 * The output is written to a temporary file beside out_path and renamed
 * over it only when complete, so a failure leaves no partial file.
 */
#ifndef SR_LEXICON_BUILD_H
#define SR_LEXICON_BUILD_H

#include <stddef.h>
#include <stdint.h>

#include "sitrep.h"

typedef struct sr_lexicon_build_stats {
    uint32_t actors, countries, places, triggers, victims, cues;
    uint32_t phrases; /* distinct folded phrases */
    uint32_t hits;
    uint32_t max_tokens;
    uint32_t unresolved_admin1; /* places whose admin1 code admin1.tsv lacks */
    uint64_t bytes;             /* size of the file written */
} sr_lexicon_build_stats;

/* Compiles data_dir into out_path.  Bad data is SR_ERR_FORMAT with
 * "FILE:LINE: problem" in err; I/O failures are SR_ERR_IO.  stats may be
 * NULL. */
int sr_lexicon_build(const char *data_dir, const char *out_path,
                     sr_lexicon_build_stats *stats, sr_error *err);

#endif
