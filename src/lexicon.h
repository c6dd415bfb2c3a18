/*
 * lexicon.h — the compiled lexicon and gazetteer.
 *
 * tools/lexc reads the editable sources in data/ (TSV, one entry a line) and
 * writes one binary file: a header, a string pool, one fixed-size record table
 * per kind, and an open-addressing hash index from folded phrases (tokens'
 * folded forms joined by single spaces, see text.h) and their token prefixes
 * to the list of entries that phrase names, with a small Bloom filter in
 * front that turns away most words no phrase starts with.
 * sr_lexicon_open() maps that file read-only: nothing is
 * rebuilt on the heap at start-up, and the map is shared by every thread.
 * The header and every section's offset and size are checked against the
 * file size when it is opened, and each record's offsets and ids when it is
 * read, so a truncated, damaged or foreign file is an error (or, past the
 * header, empty strings and missing entries), never a crash.  The layout is
 * in lexicon_format.h; the compiler is lexicon_build.h.
 *
 * Sources (see data/README.md for columns, sources and licences):
 *   countries.tsv  ISO codes, names, demonyms          -> SR_LEX_COUNTRY
 *   forces.tsv     patterns that make state forces from country names and
 *                  demonyms ("{demonym} army")         -> SR_LEX_ACTOR
 *   actors.tsv     named actors with aliases and types, and the branches
 *                  that stand for an actor in some countries -> SR_LEX_ACTOR
 *   admin1.tsv     first-level regions of the world     -> SR_LEX_PLACE
 *   places.tsv     populated places and admin areas (GeoNames) -> SR_LEX_PLACE
 *   triggers.tsv   event words and phrases              -> SR_LEX_TRIGGER
 *   victims.tsv    nouns for the killed and their side  -> SR_LEX_VICTIM
 *   cues.tsv       sources, claims, denials, directions, coreference ...
 *                                                       -> SR_LEX_CUE
 */
#ifndef SR_LEXICON_H
#define SR_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "sitrep.h"
#include "text.h"

typedef enum sr_lex_kind {
    SR_LEX_ACTOR = 1,
    SR_LEX_COUNTRY,
    SR_LEX_PLACE,
    SR_LEX_TRIGGER,
    SR_LEX_VICTIM,
    SR_LEX_CUE,
    SR_LEX__KINDS
} sr_lex_kind;

/* One entry a phrase names.  ntok is the phrase's length in tokens. */
typedef struct sr_lex_hit {
    uint16_t kind;
    uint16_t ntok;
    uint32_t id;
} sr_lex_hit;

/* Entries for the folded phrase key[0..len); returns their count and points
 * *hits at them (inside the map), or returns 0.  The hits of one phrase are
 * grouped by kind in sr_lex_kind order; places come admin1 regions first,
 * then populated places, admin2, admin3 and areas, each by population
 * (largest first); other kinds in the order of their data lines.  Place names
 * that are also country names ("Niger" State) and stopwords
 * (data/place_stopwords.txt) are not place phrases. */
size_t sr_lexicon_lookup(const sr_lexicon *lex, const char *key, size_t len,
                         const sr_lex_hit **hits);
/* Non-zero when some phrase in the lexicon starts with the tokens of key
 * (key itself included), so a longest-match scan knows when to stop. */
int sr_lexicon_is_prefix(const sr_lexicon *lex, const char *key, size_t len);
/* The most tokens any phrase has. */
size_t sr_lexicon_max_tokens(const sr_lexicon *lex);
/* Number of records of a kind. */
uint32_t sr_lexicon_count(const sr_lexicon *lex, sr_lex_kind kind);

/* ---- actors ---- */
typedef enum sr_actor_kind {
    SR_ACTOR_OTHER = 0,
    SR_ACTOR_MILITARY,     /* state armed forces */
    SR_ACTOR_POLICE,       /* police, gendarmerie */
    SR_ACTOR_GOVERNMENT,   /* government as a side (coups, arrests of leaders) */
    SR_ACTOR_REBEL,        /* rebel groups (inter 2) */
    SR_ACTOR_ARMED_GROUP,  /* jihadist / political militias (inter 2-3) */
    SR_ACTOR_MILITIA,      /* identity, communal, pro-government militias */
    SR_ACTOR_CIVILIANS,
    SR_ACTOR_PROTESTERS,
    SR_ACTOR_RIOTERS,
    SR_ACTOR_UNIDENTIFIED, /* "gunmen", "armed men": Unidentified Armed Group */
    SR_ACTOR_EXTERNAL,     /* foreign and multinational forces, PMCs */
} sr_actor_kind;

typedef struct sr_actor_info {
    const char *name;    /* ACLED-style canonical name */
    const char *country; /* ISO2 of the home country, or "" */
    int inter;           /* ACLED inter code 1-8 */
    sr_actor_kind kind;
    uint32_t n_aliases;
} sr_actor_info;

/* Fills *out for actor id: SR_OK or SR_ERR_NOTFOUND.  Strings point into the
 * map and live until sr_lexicon_close(). */
int sr_lexicon_actor(const sr_lexicon *lex, uint32_t id, sr_actor_info *out);
/* Alias i (0 <= i < n_aliases) as written in the data, or NULL.  The
 * canonical name is not among the aliases; data lines' aliases come before
 * the forms made by forces.tsv. */
const char *sr_lexicon_actor_alias(const sr_lexicon *lex, uint32_t id, uint32_t i);
/* The branch that stands for actor id in the country with ISO2 code iso2,
 * or SR_NO_ID when it has none there: reports often name only the parent
 * ("the Islamic State") where the coders name its regional branch ("Islamic
 * State Sahel Province").  Branches come from the branch_of and branch_in
 * columns of actors.tsv; one level only (a branch's own branches are not
 * followed). */
uint32_t sr_lexicon_actor_branch(const sr_lexicon *lex, uint32_t id, const char *iso2);
/* The actor whose canonical name or alias folds to the same as name, or
 * SR_NO_ID. */
uint32_t sr_lexicon_find_actor(const sr_lexicon *lex, const char *name);

/* ---- countries ---- */
typedef struct sr_country_info {
    const char *iso2, *iso3, *name;
    const char *demonym; /* first demonym ("Malian"), or "" */
    double lat, lon;     /* a representative point (capital) */
    int isonum;          /* ISO 3166-1 numeric code (Mali 466), 0 when unknown */
} sr_country_info;

int sr_lexicon_country(const sr_lexicon *lex, uint32_t id, sr_country_info *out);
/* Record id of the country with this ISO2 code, or SR_NO_ID. */
uint32_t sr_lexicon_country_by_iso2(const sr_lexicon *lex, const char *iso2);

/* ---- places ---- */
typedef enum sr_place_kind {
    SR_PLACE_ADMIN1 = 1, /* first-level region */
    SR_PLACE_ADMIN2,     /* province, cercle, departement */
    SR_PLACE_ADMIN3,     /* commune */
    SR_PLACE_CITY,       /* populated place */
    SR_PLACE_AREA,       /* other named area or feature */
} sr_place_kind;

typedef struct sr_place_info {
    const char *name;    /* the usual name */
    const char *country; /* ISO2 */
    const char *admin1;  /* the admin1 name as the guidelines spell it, or "" */
    double lat, lon;
    uint32_t population;
    sr_place_kind kind;
    uint32_t geonameid;  /* 0 when not from GeoNames */
    uint32_t n_aliases;  /* other names, see sr_lexicon_place_alias() */
} sr_place_info;

int sr_lexicon_place(const sr_lexicon *lex, uint32_t id, sr_place_info *out);
/* Alias i (0 <= i < n_aliases) of place id as written in the data (other
 * spellings, the UTF-8 or ASCII form, "X Region" ...), or NULL. */
const char *sr_lexicon_place_alias(const sr_lexicon *lex, uint32_t id, uint32_t i);

/* The admin1 regions of country iso2 (from admin1.tsv): stores up to cap
 * place ids in ids and returns how many there are (which may exceed cap). */
size_t sr_lexicon_admin1_of(const sr_lexicon *lex, const char *iso2, uint32_t *ids,
                            size_t cap);

/* The admin1 regions of iso2 that lie toward a compass direction, for
 * "northern Mali": dir is "n", "ne", "e", "se", "s", "sw", "w", "nw" or "c"
 * (central).  A region is toward the north when its point lies north of the
 * mean of the country's regions' points (likewise for the other sides; both
 * for diagonals); central regions lie within a third of the spread of that
 * mean on both axes.  Regions without coordinates are left out.  Stores up
 * to cap ids and returns the count; 0 for an unknown country or direction. */
size_t sr_lexicon_admin1_toward(const sr_lexicon *lex, const char *iso2, const char *dir,
                                uint32_t *ids, size_t cap);

/* ---- triggers, victims, cues ---- */
typedef struct sr_trigger_info {
    const char *event_type;     /* ACLED type, "" for words that only mark a role */
    const char *sub_event_type;
    const char *cameo;
    const char *role;           /* free tag from the data: attack, kill, seize ... */
    int weight;                 /* how strongly the word asserts its type */
} sr_trigger_info;

int sr_lexicon_trigger(const sr_lexicon *lex, uint32_t id, sr_trigger_info *out);

typedef struct sr_victim_info {
    const char *cls; /* military, police, civilian, militant, rebel, protester, person */
} sr_victim_info;

int sr_lexicon_victim(const sr_lexicon *lex, uint32_t id, sr_victim_info *out);

typedef struct sr_cue_info {
    const char *cls;   /* source, claim, deny, confirm, negation, hedge, direction,
                          coref, proximity, future ... (see data/cues.tsv) */
    const char *value; /* e.g. source kind, compass direction */
} sr_cue_info;

int sr_lexicon_cue(const sr_lexicon *lex, uint32_t id, sr_cue_info *out);

/* ---- matching ---- */

/* One lexicon phrase found in a document: tokens [tok_begin, tok_end). */
typedef struct sr_match {
    uint32_t tok_begin, tok_end;
    sr_lex_hit hit;
} sr_match;

/* Scans the tokens once and reports, at each position, every entry of the
 * longest phrase that starts there (shorter phrases inside a longer match
 * are skipped, and the scan goes on after the match).  A phrase does not run
 * across the start of a sentence or paragraph.  Matches come in text order;
 * the entries of one phrase in lookup order.  Allocates *out from a. */
int sr_lexicon_scan(const sr_lexicon *lex, const sr_tokens *t, sr_arena *a,
                    sr_match **out, size_t *n);

/* ---- keys, demonyms, in-memory images ---- */

/* The lookup key of a phrase: s[0..n) (valid UTF-8) tokenized with
 * sr_tokenize() and the tokens' folded forms joined by single spaces.  The
 * key is allocated from a; *ntok (may be NULL) receives the token count.
 * An input with no tokens gives an empty key.  SR_OK, SR_ERR_UTF8 or
 * SR_ERR_NOMEM. */
int sr_lexicon_make_key(sr_arena *a, const char *s, size_t n, char **key,
                        size_t *len, size_t *ntok);

/* Non-zero when key[0..len) is one of the demonyms ("Malian", "Malians") of
 * country id rather than its name or an alias: a SR_LEX_COUNTRY hit names the
 * country both ways, and this tells the two apart. */
int sr_lexicon_is_demonym(const sr_lexicon *lex, uint32_t country_id,
                          const char *key, size_t len);

/* Like sr_lexicon_open(), over an image already in memory.  data is
 * borrowed: it must stay valid and unchanged until sr_lexicon_close(), and
 * be aligned to 8 bytes (malloc'd memory is).  Checks it like a file. */
int sr_lexicon_open_mem(const void *data, size_t size, sr_lexicon **out,
                        sr_error *err);

#endif
