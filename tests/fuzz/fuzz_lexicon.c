/* fuzz_lexicon.c — arbitrary bytes as a lexicon file, and as data files.
 *
 * The first byte picks the mode:
 *   even  the rest is a lexicon image: it is opened from memory and, if it
 *         passes the checks, every reader is used on it;
 *   odd   the rest is split at 0x1E bytes into countries.tsv, forces.tsv,
 *         actors.tsv, admin1.tsv, places.tsv, triggers.tsv, victims.tsv,
 *         cues.tsv and place_stopwords.txt, compiled, and the result opened
 *         and scanned.
 * Either way the library must return a status, never crash or read out of
 * bounds; an actor's branch, when it has one, must be an actor the reader
 * accepts, and in a compiled lexicon never the actor itself. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lexicon.h"
#include "lexicon_build.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char sample[] =
    "JNIM claimed the attack on Malian soldiers near Boulkessi, in the Mopti region. "
    "Islamic State Sahel Province fighters killed 12 civilians in Tillabéri.\n\n"
    "Burkinabè troops and the VDP retook Djibo on Sunday, according to local sources.";

/* Looks up actor id's branch in a few countries: ones the seeds give
 * branches in, one they do not, and codes that are no ISO2 code.  built says
 * the compiler wrote lex. */
static void use_branches(const sr_lexicon *lex, uint32_t id, int built)
{
    static const char *const codes[] = {"ML", "NE", "NG", "AF", "ZZ", "M", "MLI", ""};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        uint32_t br = sr_lexicon_actor_branch(lex, id, codes[i]);
        if (br == SR_NO_ID)
            continue;
        sr_actor_info ai;
        if (sr_lexicon_actor(lex, br, &ai) != SR_OK)
            abort(); /* a branch is an actor of the same lexicon */
        if (built && br == id)
            abort(); /* the compiler refuses an actor as its own branch */
        (void)strlen(ai.name);
    }
    (void)sr_lexicon_actor_branch(lex, id, NULL);
}

static void use(const sr_lexicon *lex, int built)
{
    static const char *const keys[] = {"jnim", "malian soldiers", "mali", "tillaberi",
                                       "islamic state", "a", ""};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const sr_lex_hit *h;
        size_t n = sr_lexicon_lookup(lex, keys[i], strlen(keys[i]), &h);
        for (size_t k = 0; k < n && k < 16; k++) {
            sr_actor_info ai;
            sr_country_info ci;
            sr_place_info pi;
            sr_trigger_info ti;
            sr_victim_info vi;
            sr_cue_info cu;
            switch (h[k].kind) {
            case SR_LEX_ACTOR:
                if (sr_lexicon_actor(lex, h[k].id, &ai) == SR_OK && ai.n_aliases)
                    (void)strlen(sr_lexicon_actor_alias(lex, h[k].id, ai.n_aliases - 1));
                use_branches(lex, h[k].id, built);
                break;
            case SR_LEX_COUNTRY:
                if (sr_lexicon_country(lex, h[k].id, &ci) == SR_OK)
                    (void)sr_lexicon_is_demonym(lex, h[k].id, keys[i], strlen(keys[i]));
                break;
            case SR_LEX_PLACE: (void)sr_lexicon_place(lex, h[k].id, &pi); break;
            case SR_LEX_TRIGGER: (void)sr_lexicon_trigger(lex, h[k].id, &ti); break;
            case SR_LEX_VICTIM: (void)sr_lexicon_victim(lex, h[k].id, &vi); break;
            case SR_LEX_CUE: (void)sr_lexicon_cue(lex, h[k].id, &cu); break;
            default: break;
            }
        }
        (void)sr_lexicon_is_prefix(lex, keys[i], strlen(keys[i]));
    }
    for (int kind = SR_LEX_ACTOR; kind < SR_LEX__KINDS; kind++) {
        uint32_t n = sr_lexicon_count(lex, (sr_lex_kind)kind);
        for (uint32_t id = 0; id < n && id < 32; id++) {
            sr_actor_info ai;
            sr_place_info pi;
            sr_country_info ci;
            if (sr_lexicon_actor(lex, id, &ai) == SR_OK) {
                (void)strlen(ai.name);
                if (kind == SR_LEX_ACTOR)
                    use_branches(lex, id, built);
            }
            if (sr_lexicon_place(lex, id, &pi) == SR_OK)
                (void)strlen(pi.admin1);
            if (sr_lexicon_country(lex, id, &ci) == SR_OK)
                (void)sr_lexicon_country_by_iso2(lex, ci.iso2);
        }
    }
    (void)sr_lexicon_find_actor(lex, "Jama'at Nusrat al-Islam wal-Muslimin");
    uint32_t n_actors = sr_lexicon_count(lex, SR_LEX_ACTOR);
    use_branches(lex, n_actors, built); /* one past the last actor */
    use_branches(lex, SR_NO_ID, built);
    sr_arena a;
    sr_arena_init(&a);
    sr_tokens t;
    if (sr_tokenize(&a, sample, sizeof sample - 1, &t) == SR_OK) {
        sr_match *m;
        size_t n;
        if (sr_lexicon_scan(lex, &t, &a, &m, &n) == SR_OK)
            for (size_t i = 0; i < n; i++)
                if (m[i].tok_begin >= m[i].tok_end || m[i].tok_end > t.n)
                    abort(); /* the scan must report ranges inside the text */
    }
    sr_arena_free(&a);
}

static void fuzz_image(const uint8_t *data, size_t size)
{
    void *copy = malloc(size ? size : 1); /* malloc aligns as the reader needs */
    if (!copy)
        return;
    if (size)
        memcpy(copy, data, size);
    sr_lexicon *lex = NULL;
    sr_error err;
    if (sr_lexicon_open_mem(copy, size, &lex, &err) == SR_OK) {
        use(lex, 0);
        sr_lexicon_close(lex);
    }
    free(copy);
}

static const char *const files[] = {"countries.tsv", "forces.tsv", "actors.tsv",
                                    "admin1.tsv",    "places.tsv", "triggers.tsv",
                                    "victims.tsv",   "cues.tsv",   "place_stopwords.txt"};
enum { NFILES = sizeof files / sizeof files[0] };

static void fuzz_tsv(const uint8_t *data, size_t size)
{
    const char *t = getenv("TMPDIR");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/fuzz_lexicon.XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(dir))
        return;
    char path[600];
    size_t start = 0;
    for (size_t i = 0; i < NFILES && start <= size; i++) {
        const uint8_t *sep = size > start ? memchr(data + start, 0x1E, size - start) : NULL;
        size_t end = sep ? (size_t)(sep - data) : size;
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        FILE *f = fopen(path, "wb");
        if (f) {
            if (end > start)
                fwrite(data + start, 1, end - start, f);
            fclose(f);
        }
        if (!sep)
            break;
        start = end + 1;
    }
    char out[600];
    snprintf(out, sizeof out, "%s/out.lex", dir);
    sr_error err;
    if (sr_lexicon_build(dir, out, NULL, &err) == SR_OK) {
        sr_lexicon *lex = NULL;
        if (sr_lexicon_open(out, &lex, &err) != SR_OK)
            abort(); /* what the compiler writes, the reader must accept */
        use(lex, 1);
        sr_lexicon_close(lex);
        unlink(out);
    }
    for (size_t i = 0; i < NFILES; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    if (data[0] & 1)
        fuzz_tsv(data + 1, size - 1);
    else
        fuzz_image(data + 1, size - 1);
    return 0;
}
