/* lexicon_build.c — the lexicon compiler: the TSV files of data/ in, one
 * mappable file out.
 *
 * See lexicon_build.h for the rules and lexicon_format.h for the layout.  All
 * state lives in one builder; strings are interned in the pool that becomes
 * the file's string section, so equal strings are stored once. */
#include "lexicon_build.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lexicon.h"
#include "lexicon_format.h"

/* Keys longer than this cannot be matched by the scan (see lexicon.c). */
enum { KEY_MAX = 1000, NTOK_MAX = 64, MAX_COLS = 16 };

/* ---- small containers ------------------------------------------------------ */

/* Makes room for one more item in *p (n items of size sz, capacity *cap);
 * returns the new item's address or NULL. */
static void *vec_push(void *pp, size_t *n, size_t *cap, size_t sz)
{
    void **p = pp;
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        if (nc > SIZE_MAX / sz)
            return NULL;
        void *q = realloc(*p, nc * sz);
        if (!q)
            return NULL;
        *p = q;
        *cap = nc;
    }
    return (char *)*p + (*n)++ * sz;
}

static uint32_t mix32(uint32_t x)
{
    return sr_lexf_hash_final(x ^ 0x9e3779b9u);
}

static uint32_t hash_bytes(const char *s, size_t n)
{
    return sr_lexf_hash_final(sr_lexf_hash_more(SR_LEXF_HASH_INIT, s, n));
}

/* A map from non-zero uint32 keys to uint32 values. */
typedef struct map32 {
    uint32_t *keys, *vals;
    size_t cap, n;
} map32;

static uint32_t *map32_find(const map32 *m, uint32_t k)
{
    if (!m->cap)
        return NULL;
    for (size_t i = mix32(k) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (m->keys[i] == k)
            return &m->vals[i];
        if (m->keys[i] == 0)
            return NULL;
    }
}

static int map32_put(map32 *m, uint32_t k, uint32_t v)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 64;
        uint32_t *nk = calloc(nc, sizeof *nk), *nv = calloc(nc, sizeof *nv);
        if (!nk || !nv) {
            free(nk);
            free(nv);
            return SR_ERR_NOMEM;
        }
        for (size_t i = 0; i < m->cap; i++)
            if (m->keys[i]) {
                size_t j = mix32(m->keys[i]) & (nc - 1);
                while (nk[j])
                    j = (j + 1) & (nc - 1);
                nk[j] = m->keys[i];
                nv[j] = m->vals[i];
            }
        free(m->keys);
        free(m->vals);
        m->keys = nk;
        m->vals = nv;
        m->cap = nc;
    }
    size_t i = mix32(k) & (m->cap - 1);
    while (m->keys[i] && m->keys[i] != k)
        i = (i + 1) & (m->cap - 1);
    if (!m->keys[i])
        m->n++;
    m->keys[i] = k;
    m->vals[i] = v;
    return SR_OK;
}

static void map32_free(map32 *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

/* ---- the builder ------------------------------------------------------------- */

typedef struct phrase {
    uint32_t key, key_len, ntok;
    uint32_t names_country; /* some entry of the phrase is a country */
} phrase;

typedef struct entry {
    uint32_t phrase, id, rank;
    uint16_t kind, pad;
} entry;

typedef struct bactor {
    uint32_t name, country, key;
    int32_t inter;   /* -1 until set */
    int32_t kind;    /* -1 until set */
    uint32_t *alias; /* pool offsets */
    size_t n_alias, cap_alias;
} bactor;

/* A branch_in country of an actors.tsv line: in that country the parent is
 * coded as the branch.  The parent is resolved once every actor is known. */
typedef struct bbranch {
    uint32_t branch;     /* actor index */
    uint32_t parent_key; /* folded key of the branch_of name (pool offset) */
    uint32_t parent;     /* the branch_of name as written (pool offset) */
    uint32_t parent_id;  /* actor index, set by finish_branches() */
    uint32_t country;    /* ISO2 (pool offset) */
    char code[4];        /* ISO2, for sorting */
    size_t line;
} bbranch;

typedef struct alias_seen_rec {
    uint32_t actor, key, next;
} alias_seen_rec;

typedef struct bcountry {
    char code[4]; /* ISO2, for sorting */
    uint32_t iso2, iso3, name, aliases, demonyms;
    int32_t lat, lon;
    uint32_t isonum; /* ISO 3166-1 numeric, 0 when none */
    size_t line;
} bcountry;

typedef struct bforce {
    uint32_t name_pattern, alias_patterns;
    int32_t inter;
    int32_t kind;
} bforce;

typedef struct builder {
    char *pool;
    size_t pool_n, pool_cap;
    uint32_t *itab; /* intern table: pool offsets, 0 = empty */
    size_t itab_cap, itab_n;

    phrase *phr;
    size_t n_phr, cap_phr;
    map32 phrase_of; /* key offset -> phrase index */
    entry *ent;
    size_t n_ent, cap_ent;

    bactor *act;
    size_t n_act, cap_act;
    map32 actor_of;  /* canonical key offset -> actor index */
    map32 alias_seen; /* hash of (actor, alias key) -> 1 + index into seen */
    alias_seen_rec *seen;
    size_t n_seen, cap_seen;

    bbranch *brn;
    size_t n_brn, cap_brn;

    bcountry *cty;
    size_t n_cty, cap_cty;
    bforce *frc;
    size_t n_frc, cap_frc;
    lexf_place *pl;
    size_t n_pl, cap_pl;
    uint32_t *palias; /* place aliases (pool offsets); alias_begin indexes here */
    size_t n_palias, cap_palias;
    lexf_trigger *trg;
    size_t n_trg, cap_trg;
    lexf_victim *vic;
    size_t n_vic, cap_vic;
    lexf_cue *cue;
    size_t n_cue, cap_cue;

    map32 admin1_of; /* "CC.code" offset -> admin1 name offset */
    map32 stop;      /* folded stopword offset -> 1 */
    uint32_t max_tokens;
    uint32_t unresolved; /* places whose admin1 code admin1.tsv lacks */

    sr_arena arena; /* scratch for keys, reset per phrase */
    char *tmp;      /* scratch for pattern expansion */
    size_t tmp_cap;

    const char *file; /* for messages */
    size_t line;
    sr_error *err;
} builder;

static int fail(builder *b, int rc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int fail(builder *b, int rc, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (b->file && b->line)
        return sr_error_set(b->err, rc, "%s:%zu: %s", b->file, b->line, msg);
    if (b->file)
        return sr_error_set(b->err, rc, "%s: %s", b->file, msg);
    return sr_error_set(b->err, rc, "%s", msg);
}

static int nomem(builder *b)
{
    return fail(b, SR_ERR_NOMEM, "out of memory");
}

/* ---- string pool --------------------------------------------------------------- */

static int itab_grow(builder *b)
{
    size_t nc = b->itab_cap ? b->itab_cap * 2 : 1024;
    uint32_t *nt = calloc(nc, sizeof *nt);
    if (!nt)
        return SR_ERR_NOMEM;
    for (size_t i = 0; i < b->itab_cap; i++) {
        uint32_t off = b->itab[i];
        if (!off)
            continue;
        const char *s = b->pool + off;
        size_t j = hash_bytes(s, strlen(s)) & (nc - 1);
        while (nt[j])
            j = (j + 1) & (nc - 1);
        nt[j] = off;
    }
    free(b->itab);
    b->itab = nt;
    b->itab_cap = nc;
    return SR_OK;
}

/* Slot of s[0..n) in the intern table: holds its offset or 0. */
static size_t intern_slot(const builder *b, const char *s, size_t n)
{
    size_t i = hash_bytes(s, n) & (b->itab_cap - 1);
    for (;; i = (i + 1) & (b->itab_cap - 1)) {
        uint32_t off = b->itab[i];
        if (!off)
            return i;
        if (memcmp(b->pool + off, s, n) == 0 && b->pool[off + n] == '\0')
            return i;
    }
}

/* Offset of s[0..n) in the pool, added if new; 0 for the empty string.  s
 * must not contain NUL.  Returns SR_OK or SR_ERR_NOMEM. */
static int intern(builder *b, const char *s, size_t n, uint32_t *off)
{
    if (n == 0) {
        *off = 0;
        return SR_OK;
    }
    if ((b->itab_n + 1) * 2 > b->itab_cap && itab_grow(b) != SR_OK)
        return nomem(b);
    size_t slot = intern_slot(b, s, n);
    if (b->itab[slot]) {
        *off = b->itab[slot];
        return SR_OK;
    }
    if (b->pool_n + n + 1 > UINT32_MAX)
        return fail(b, SR_ERR_TOOBIG, "the string pool exceeds 4 GB");
    /* s may point into the pool itself, which realloc may move */
    int inside = s >= b->pool && s < b->pool + b->pool_cap;
    size_t s_off = inside ? (size_t)(s - b->pool) : 0;
    while (b->pool_n + n + 1 > b->pool_cap) {
        size_t nc = b->pool_cap ? b->pool_cap * 2 : 65536;
        char *np = realloc(b->pool, nc);
        if (!np)
            return nomem(b);
        b->pool = np;
        b->pool_cap = nc;
    }
    if (inside)
        s = b->pool + s_off;
    *off = (uint32_t)b->pool_n;
    memcpy(b->pool + b->pool_n, s, n);
    b->pool[b->pool_n + n] = '\0';
    b->pool_n += n + 1;
    b->itab[slot] = *off;
    b->itab_n++;
    return SR_OK;
}

/* Offset of s[0..n) if already interned, else 0. */
static uint32_t intern_find(const builder *b, const char *s, size_t n)
{
    if (n == 0 || !b->itab_cap)
        return 0;
    return b->itab[intern_slot(b, s, n)];
}

static const char *S(const builder *b, uint32_t off)
{
    return b->pool + off;
}

/* ---- phrases -------------------------------------------------------------------- */

/* Folds text into a key in the scratch arena. */
static int make_key(builder *b, const char *s, size_t n, const char **key, size_t *len,
                    size_t *ntok)
{
    *key = ""; /* the outputs are set on every path */
    *len = 0;
    sr_arena_reset(&b->arena);
    char *k;
    int rc = sr_lexicon_make_key(&b->arena, s, n, &k, len, ntok);
    if (rc == SR_ERR_NOMEM)
        return nomem(b);
    if (rc == SR_ERR_UTF8)
        return fail(b, rc, "'%.*s' is not valid UTF-8", (int)(n > 60 ? 60 : n), s);
    if (rc != SR_OK)
        return fail(b, rc, "cannot tokenize '%.*s'", (int)(n > 60 ? 60 : n), s);
    *key = k;
    return SR_OK;
}

/* Registers that the phrase s[0..n) names entry (kind, id).  Empty phrases
 * are ignored; for places, so are stopwords and keys under 3 bytes.  *key_off
 * (may be NULL) receives the interned key, 0 when nothing was added. */
static int add_phrase(builder *b, const char *s, size_t n, sr_lex_kind kind, uint32_t id,
                      uint32_t rank, uint32_t *key_off)
{
    if (key_off)
        *key_off = 0;
    const char *key;
    size_t len, ntok;
    int rc = make_key(b, s, n, &key, &len, &ntok);
    if (rc != SR_OK)
        return rc;
    if (len == 0)
        return SR_OK;
    if (len > KEY_MAX || ntok > NTOK_MAX)
        return fail(b, SR_ERR_FORMAT, "phrase '%.40s...' is too long (%zu bytes, %zu tokens)", s,
                    len, ntok);
    if (kind == SR_LEX_PLACE) {
        if (len < 3)
            return SR_OK;
        uint32_t so = intern_find(b, key, len);
        if (so && map32_find(&b->stop, so))
            return SR_OK;
    }
    uint32_t off;
    if ((rc = intern(b, key, len, &off)) != SR_OK)
        return rc;
    uint32_t *pi = map32_find(&b->phrase_of, off), idx;
    if (pi) {
        idx = *pi;
        /* a place called like a country ("Niger" State) is reached by its
         * other names only */
        if (kind == SR_LEX_PLACE && b->phr[idx].names_country)
            return SR_OK;
    } else {
        phrase *p = vec_push(&b->phr, &b->n_phr, &b->cap_phr, sizeof *p);
        if (!p)
            return nomem(b);
        p->key = off;
        p->key_len = (uint32_t)len;
        p->ntok = (uint32_t)ntok;
        p->names_country = 0;
        idx = (uint32_t)(b->n_phr - 1);
        if (map32_put(&b->phrase_of, off, idx) != SR_OK)
            return nomem(b);
        if (ntok > b->max_tokens)
            b->max_tokens = (uint32_t)ntok;
    }
    if (kind == SR_LEX_COUNTRY)
        b->phr[idx].names_country = 1;
    entry *e = vec_push(&b->ent, &b->n_ent, &b->cap_ent, sizeof *e);
    if (!e)
        return nomem(b);
    e->phrase = idx;
    e->id = id;
    e->rank = rank;
    e->kind = (uint16_t)kind;
    e->pad = 0;
    if (key_off)
        *key_off = off;
    return SR_OK;
}

/* Steps through the '|'-separated alternatives of a column: the next one,
 * trimmed of spaces and tabs, into *item and *n (0 for an empty one), and
 * *s past it.  Returns 0 when none is left. */
static int next_alt(const char **s, const char **item, size_t *n)
{
    if (!*s || !**s)
        return 0;
    const char *p = *s, *bar = strchr(p, '|');
    size_t len = bar ? (size_t)(bar - p) : strlen(p);
    *s = bar ? bar + 1 : NULL;
    while (len && (*p == ' ' || *p == '\t')) {
        p++;
        len--;
    }
    while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
        len--;
    *item = p;
    *n = len;
    return 1;
}

/* Calls add_phrase for each '|'-separated alternative of s (trimmed). */
static int add_alternatives(builder *b, const char *s, sr_lex_kind kind, uint32_t id,
                            uint32_t rank)
{
    const char *p;
    size_t n;
    while (next_alt(&s, &p, &n)) {
        if (n) {
            int rc = add_phrase(b, p, n, kind, id, rank, NULL);
            if (rc != SR_OK)
                return rc;
        }
    }
    return SR_OK;
}

/* Appends the record rec (sz bytes) to one of the builder's vectors, and
 * gives its id. */
static int push_record(builder *b, void *vec, size_t *n, size_t *cap, const void *rec,
                       size_t sz, uint32_t *id)
{
    void *slot = vec_push(vec, n, cap, sz);
    if (!slot)
        return nomem(b);
    memcpy(slot, rec, sz);
    *id = (uint32_t)(*n - 1);
    return SR_OK;
}

/* Appends a record of a kind named by the phrases of one column (rank 0). */
static int push_named(builder *b, void *vec, size_t *n, size_t *cap, const void *rec,
                      size_t sz, const char *phrases, sr_lex_kind kind)
{
    uint32_t id = 0;
    int rc = push_record(b, vec, n, cap, rec, sz, &id);
    return rc ? rc : add_alternatives(b, phrases, kind, id, 0);
}

/* ---- TSV reading ------------------------------------------------------------------ */

typedef struct row {
    char *col[MAX_COLS];
    size_t n;
} row;

typedef int (*row_fn)(builder *b, row *r);

/* Reads path (missing: SR_OK with *found 0), calling fn for each non-comment,
 * non-blank line split at tabs.  ncols is the number of defined columns. */
static int read_tsv(builder *b, const char *dir, const char *name, size_t ncols, row_fn fn)
{
    char path[4096];
    int w = snprintf(path, sizeof path, "%s/%s", dir, name);
    if (w < 0 || (size_t)w >= sizeof path)
        return sr_error_set(b->err, SR_ERR_ARG, "%s: data directory path too long", dir);
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT)
            return SR_OK;
        return sr_error_set(b->err, SR_ERR_IO, "%s: %s", path, strerror(errno));
    }
    char *file_name = strdup(path);
    if (!file_name) {
        fclose(f);
        return nomem(b);
    }
    b->file = file_name;
    b->line = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int rc = SR_OK;
    while ((got = getline(&line, &cap, f)) >= 0) {
        b->line++;
        size_t n = (size_t)got;
        if (memchr(line, '\0', n)) {
            rc = fail(b, SR_ERR_FORMAT, "NUL byte in the line");
            break;
        }
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        size_t bad;
        if (sr_utf8_validate(line, n, &bad) != SR_OK) {
            rc = fail(b, SR_ERR_UTF8, "invalid UTF-8 at byte %zu", bad + 1);
            break;
        }
        size_t k = 0;
        while (k < n && (line[k] == ' ' || line[k] == '\t'))
            k++;
        if (k == n || line[0] == '#')
            continue;
        row r;
        r.n = 0;
        char *p = line;
        for (;;) {
            if (r.n == ncols) {
                rc = fail(b, SR_ERR_FORMAT, "too many columns (this file has %zu)", ncols);
                break;
            }
            r.col[r.n++] = p;
            char *tab = strchr(p, '\t');
            if (!tab)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        if (rc != SR_OK)
            break;
        for (size_t i = 0; i < r.n; i++) { /* trim spaces around each column */
            char *c = r.col[i];
            while (*c == ' ')
                c++;
            size_t cl = strlen(c);
            while (cl && c[cl - 1] == ' ')
                c[--cl] = '\0';
            r.col[i] = c;
        }
        for (size_t i = r.n; i < ncols; i++)
            r.col[i] = line + n; /* missing trailing columns are empty */
        if ((rc = fn(b, &r)) != SR_OK)
            break;
    }
    if (rc == SR_OK && ferror(f))
        rc = fail(b, SR_ERR_IO, "read error");
    free(line);
    fclose(f);
    /* a failure's message already names the file */
    b->file = NULL;
    b->line = 0;
    free(file_name);
    return rc;
}

static int need(builder *b, const row *r, size_t i, const char *what)
{
    if (r->col[i][0] == '\0')
        return fail(b, SR_ERR_FORMAT, "column %zu (%s) is empty", i + 1, what);
    return SR_OK;
}

static int parse_int(builder *b, const char *s, long lo, long hi, const char *what, long *out)
{
    char *end;
    *out = 0; /* set on every path */
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || errno || v < lo || v > hi)
        return fail(b, SR_ERR_FORMAT, "%s '%s' is not a whole number from %ld to %ld", what, s,
                    lo, hi);
    *out = v;
    return SR_OK;
}

/* Degrees into millionths; empty means unknown. */
static int parse_coord(builder *b, const char *s, double lim, const char *what, int32_t *out)
{
    if (!*s) {
        *out = SR_LEXF_NO_COORD;
        return SR_OK;
    }
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (*end || errno || !isfinite(v) || v < -lim || v > lim)
        return fail(b, SR_ERR_FORMAT, "%s '%s' is not a number from %g to %g", what, s, -lim,
                    lim);
    *out = (int32_t)lround(v * 1e6);
    return SR_OK;
}

static int is_iso2(const char *s)
{
    return s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] == '\0';
}

static int is_iso3(const char *s)
{
    return s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'A' &&
           s[2] <= 'Z' && s[3] == '\0';
}

static int put(builder *b, const char *s, uint32_t *off)
{
    return intern(b, s, strlen(s), off);
}

/* ---- countries ---------------------------------------------------------------------- */

static int row_country(builder *b, row *r)
{
    int rc;
    if ((rc = need(b, r, 0, "iso2")) || (rc = need(b, r, 2, "name")))
        return rc;
    if (!is_iso2(r->col[0]))
        return fail(b, SR_ERR_FORMAT, "'%s' is not an ISO 3166 alpha-2 code", r->col[0]);
    if (r->col[1][0] && !is_iso3(r->col[1]))
        return fail(b, SR_ERR_FORMAT, "'%s' is not an ISO 3166 alpha-3 code", r->col[1]);
    bcountry *c = vec_push(&b->cty, &b->n_cty, &b->cap_cty, sizeof *c);
    if (!c)
        return nomem(b);
    memset(c, 0, sizeof *c);
    c->line = b->line;
    memcpy(c->code, r->col[0], 3);
    if ((rc = put(b, r->col[0], &c->iso2)) || (rc = put(b, r->col[1], &c->iso3)) ||
        (rc = put(b, r->col[2], &c->name)) || (rc = put(b, r->col[3], &c->aliases)) ||
        (rc = put(b, r->col[4], &c->demonyms)) ||
        (rc = parse_coord(b, r->col[5], 90, "latitude", &c->lat)) ||
        (rc = parse_coord(b, r->col[6], 180, "longitude", &c->lon)))
        return rc;
    if (r->col[7][0]) { /* empty: the country has no numeric code */
        long v;
        if ((rc = parse_int(b, r->col[7], 1, 999, "ISO 3166 numeric code", &v)) != SR_OK)
            return rc;
        c->isonum = (uint32_t)v;
    }
    return SR_OK;
}

static int cmp_country(const void *x, const void *y)
{
    const bcountry *a = x, *c = y;
    return strcmp(a->code, c->code);
}

/* Non-zero when countries.tsv lists the ISO2 code (after finish_countries()
 * has sorted the countries). */
static int country_known(const builder *b, const char *code)
{
    bcountry want;
    memset(&want, 0, sizeof want);
    memcpy(want.code, code, 3);
    return b->n_cty && bsearch(&want, b->cty, b->n_cty, sizeof *b->cty, cmp_country) != NULL;
}

/* Joins the folded keys of the '|'-alternatives of s with '|'. */
static int demonym_keys(builder *b, const char *s, uint32_t *out)
{
    char buf[2048];
    size_t pos = 0;
    const char *p;
    size_t n;
    while (next_alt(&s, &p, &n)) {
        const char *key;
        size_t len, ntok;
        int rc = make_key(b, p, n, &key, &len, &ntok);
        if (rc != SR_OK)
            return rc;
        if (len && pos + len + 1 < sizeof buf) {
            if (pos)
                buf[pos++] = '|';
            memcpy(buf + pos, key, len);
            pos += len;
        }
    }
    return intern(b, buf, pos, out);
}

/* Sorts the countries by ISO2 (ids are positions), rejects duplicates and
 * registers their names, aliases and demonyms. */
static int finish_countries(builder *b, const char *path)
{
    /* names are read from a copy: adding phrases may move the pool */
    char *frozen = malloc(b->pool_n);
    if (!frozen)
        return nomem(b);
    memcpy(frozen, b->pool, b->pool_n);
    int rc = SR_OK;
    if (b->n_cty)
        qsort(b->cty, b->n_cty, sizeof *b->cty, cmp_country);
    for (size_t i = 0; i < b->n_cty; i++) {
        bcountry *c = &b->cty[i];
        if (i && c->iso2 == b->cty[i - 1].iso2) {
            b->file = path;
            b->line = c->line;
            rc = fail(b, SR_ERR_FORMAT, "country %s is listed twice", c->code);
            b->file = NULL;
            break;
        }
        uint32_t id = (uint32_t)i;
        if ((rc = add_alternatives(b, frozen + c->name, SR_LEX_COUNTRY, id, 0)) ||
            (rc = add_alternatives(b, frozen + c->aliases, SR_LEX_COUNTRY, id, 0)) ||
            (rc = add_alternatives(b, frozen + c->demonyms, SR_LEX_COUNTRY, id, 0)))
            break;
    }
    free(frozen);
    return rc;
}

/* ---- actors --------------------------------------------------------------------------- */

static const char *const actor_kinds[] = {
    [SR_ACTOR_OTHER] = "other",
    [SR_ACTOR_MILITARY] = "military",
    [SR_ACTOR_POLICE] = "police",
    [SR_ACTOR_GOVERNMENT] = "government",
    [SR_ACTOR_REBEL] = "rebel",
    [SR_ACTOR_ARMED_GROUP] = "armed_group",
    [SR_ACTOR_MILITIA] = "militia",
    [SR_ACTOR_CIVILIANS] = "civilians",
    [SR_ACTOR_PROTESTERS] = "protesters",
    [SR_ACTOR_RIOTERS] = "rioters",
    [SR_ACTOR_UNIDENTIFIED] = "unidentified",
    [SR_ACTOR_EXTERNAL] = "external",
};

static int parse_actor_kind(builder *b, const char *s, int32_t *out)
{
    for (size_t i = 0; i < sizeof actor_kinds / sizeof actor_kinds[0]; i++)
        if (strcmp(s, actor_kinds[i]) == 0) {
            *out = (int32_t)i;
            return SR_OK;
        }
    return fail(b, SR_ERR_FORMAT,
                "unknown actor kind '%s' (military, police, government, rebel, armed_group, "
                "militia, civilians, protesters, rioters, unidentified, external, other)",
                s);
}

/* 1 when the alias key was already given to the actor, else records it and
 * returns 0; -1 when out of memory.  Pairs with the same hash chain through
 * alias_seen_rec.next (1-based indexes into b->seen). */
static int alias_known(builder *b, uint32_t actor, uint32_t key)
{
    uint32_t h = mix32(actor * 0x9e3779b1u ^ key) | 1u;
    uint32_t *head = map32_find(&b->alias_seen, h);
    for (uint32_t i = head ? *head : 0; i; i = b->seen[i - 1].next)
        if (b->seen[i - 1].actor == actor && b->seen[i - 1].key == key)
            return 1;
    uint32_t next = head ? *head : 0;
    alias_seen_rec *r = vec_push(&b->seen, &b->n_seen, &b->cap_seen, sizeof *r);
    if (!r)
        return -1;
    r->actor = actor;
    r->key = key;
    r->next = next;
    if (map32_put(&b->alias_seen, h, (uint32_t)b->n_seen) != SR_OK)
        return -1;
    return 0;
}

/* The actor named name (created with the given fields if new; unset fields
 * of an existing actor are filled in). */
static int get_actor(builder *b, const char *name, int32_t inter, int32_t kind,
                     const char *country, uint32_t *out)
{
    const char *key;
    size_t len, ntok;
    int rc = make_key(b, name, strlen(name), &key, &len, &ntok);
    if (rc != SR_OK)
        return rc;
    if (len == 0)
        return fail(b, SR_ERR_FORMAT, "actor name '%s' has no words", name);
    uint32_t koff;
    if ((rc = intern(b, key, len, &koff)) != SR_OK)
        return rc;
    uint32_t *ai = map32_find(&b->actor_of, koff);
    bactor *a;
    if (ai) {
        a = &b->act[*ai];
        *out = *ai;
    } else {
        a = vec_push(&b->act, &b->n_act, &b->cap_act, sizeof *a);
        if (!a)
            return nomem(b);
        memset(a, 0, sizeof *a);
        a->inter = -1;
        a->kind = -1;
        a->key = koff;
        if ((rc = put(b, name, &a->name)) != SR_OK)
            return rc;
        *out = (uint32_t)(b->n_act - 1);
        if (map32_put(&b->actor_of, koff, *out) != SR_OK)
            return nomem(b);
        uint32_t k2;
        if ((rc = add_phrase(b, name, strlen(name), SR_LEX_ACTOR, *out, 0, &k2)) != SR_OK)
            return rc;
        if (alias_known(b, *out, koff) < 0)
            return nomem(b);
        a = &b->act[*out];
    }
    if (a->inter < 0 && inter >= 0)
        a->inter = inter;
    if (a->kind < 0 && kind >= 0)
        a->kind = kind;
    if (a->country == 0 && country && *country &&
        (rc = put(b, country, &a->country)) != SR_OK)
        return rc;
    return SR_OK;
}

static int add_actor_alias(builder *b, uint32_t actor, const char *s, size_t n)
{
    uint32_t koff;
    int rc = add_phrase(b, s, n, SR_LEX_ACTOR, actor, 0, &koff);
    if (rc != SR_OK || koff == 0)
        return rc;
    int k = alias_known(b, actor, koff);
    if (k < 0)
        return nomem(b);
    if (k)
        return SR_OK;
    uint32_t off;
    if ((rc = intern(b, s, n, &off)) != SR_OK)
        return rc;
    bactor *a = &b->act[actor];
    uint32_t *slot = vec_push(&a->alias, &a->n_alias, &a->cap_alias, sizeof *slot);
    if (!slot)
        return nomem(b);
    *slot = off;
    return SR_OK;
}

static int add_actor_aliases(builder *b, uint32_t actor, const char *s)
{
    const char *p;
    size_t n;
    while (next_alt(&s, &p, &n)) {
        if (n) {
            int rc = add_actor_alias(b, actor, p, n);
            if (rc != SR_OK)
                return rc;
        }
    }
    return SR_OK;
}

/* Records the branch_of and branch_in columns of an actors.tsv line for
 * actor id (see data/README.md); finish_branches() checks the parent. */
static int actor_branches(builder *b, uint32_t id, const char *parent, const char *countries)
{
    if (!*parent && !*countries)
        return SR_OK;
    if (!*countries)
        return fail(b, SR_ERR_FORMAT,
                    "column 7 (branch_in) is empty: the countries where the actor stands for "
                    "'%s' are missing",
                    parent);
    if (!*parent)
        return fail(b, SR_ERR_FORMAT,
                    "column 6 (branch_of) is empty: branch_in '%s' needs the actor it is a "
                    "branch of",
                    countries);
    if (strchr(parent, '|'))
        return fail(b, SR_ERR_FORMAT, "branch_of '%s' names more than one actor", parent);
    const char *key;
    size_t len;
    int rc = make_key(b, parent, strlen(parent), &key, &len, NULL);
    if (rc != SR_OK)
        return rc;
    if (len == 0)
        return fail(b, SR_ERR_FORMAT, "branch_of '%s' has no words", parent);
    uint32_t pkey, pname;
    if ((rc = intern(b, key, len, &pkey)) || (rc = put(b, parent, &pname)))
        return rc;
    if (pkey == b->act[id].key)
        return fail(b, SR_ERR_FORMAT, "branch_of '%s' is the actor itself", parent);
    for (const char *s = countries;;) {
        const char *bar = strchr(s, '|');
        size_t n = bar ? (size_t)(bar - s) : strlen(s);
        while (n && *s == ' ') {
            s++;
            n--;
        }
        while (n && s[n - 1] == ' ')
            n--;
        char code[4] = {0};
        if (n == 2)
            memcpy(code, s, 2);
        if (!is_iso2(code))
            return fail(b, SR_ERR_FORMAT,
                        "branch_in '%.*s' is not an ISO 3166 alpha-2 code (write 'ML|NE|BF')",
                        (int)(n > 60 ? 60 : n), s);
        if (b->n_cty && !country_known(b, code))
            return fail(b, SR_ERR_FORMAT, "branch_in country %s is not in countries.tsv", code);
        bbranch *br = vec_push(&b->brn, &b->n_brn, &b->cap_brn, sizeof *br);
        if (!br)
            return nomem(b);
        memset(br, 0, sizeof *br);
        br->branch = id;
        br->parent_key = pkey;
        br->parent = pname;
        br->parent_id = UINT32_MAX;
        memcpy(br->code, code, sizeof code);
        br->line = b->line;
        if ((rc = put(b, code, &br->country)) != SR_OK)
            return rc;
        if (!bar)
            break;
        s = bar + 1;
    }
    return SR_OK;
}

static int row_actor(builder *b, row *r)
{
    int rc;
    if ((rc = need(b, r, 0, "name")) || (rc = need(b, r, 1, "inter")) ||
        (rc = need(b, r, 3, "kind")))
        return rc;
    long inter = 0;
    int32_t kind = -1;
    if ((rc = parse_int(b, r->col[1], 0, 8, "inter code", &inter)) ||
        (rc = parse_actor_kind(b, r->col[3], &kind)))
        return rc;
    if (r->col[2][0] && !is_iso2(r->col[2]))
        return fail(b, SR_ERR_FORMAT, "country '%s' is not an ISO 3166 alpha-2 code", r->col[2]);
    uint32_t id;
    if ((rc = get_actor(b, r->col[0], (int32_t)inter, kind, r->col[2], &id)) ||
        (rc = add_actor_aliases(b, id, r->col[4])))
        return rc;
    return actor_branches(b, id, r->col[5], r->col[6]);
}

/* By parent, country, then line: the first line to give a parent a branch in
 * a country comes first. */
static int cmp_branch(const void *x, const void *y)
{
    const bbranch *a = x, *c = y;
    if (a->parent_id != c->parent_id)
        return a->parent_id < c->parent_id ? -1 : 1;
    int k = strcmp(a->code, c->code);
    if (k)
        return k;
    if (a->line != c->line)
        return a->line < c->line ? -1 : 1;
    return 0;
}

/* Resolves each branch's parent among all actors (actors.tsv and forces.tsv),
 * sorts the branches by parent and country, and rejects a parent with two
 * branches in one country.  path is actors.tsv's, for messages. */
static int finish_branches(builder *b, const char *path)
{
    int rc = SR_OK;
    b->file = path;
    for (size_t i = 0; i < b->n_brn; i++) {
        bbranch *br = &b->brn[i];
        const uint32_t *pi = map32_find(&b->actor_of, br->parent_key);
        if (!pi) {
            b->line = br->line;
            rc = fail(b, SR_ERR_FORMAT, "branch_of '%s' is no actor's name", S(b, br->parent));
            goto out;
        }
        br->parent_id = *pi;
    }
    if (b->n_brn)
        qsort(b->brn, b->n_brn, sizeof *b->brn, cmp_branch);
    size_t k = 0;
    for (size_t i = 0; i < b->n_brn; i++) {
        const bbranch *br = &b->brn[i];
        if (k && br->parent_id == b->brn[k - 1].parent_id &&
            strcmp(br->code, b->brn[k - 1].code) == 0) {
            if (br->branch == b->brn[k - 1].branch)
                continue; /* repeated by another line of the same actor */
            b->line = br->line;
            rc = fail(b, SR_ERR_FORMAT,
                      "'%s' already has the branch '%s' in %s (line %zu)",
                      S(b, b->act[br->parent_id].name), S(b, b->act[b->brn[k - 1].branch].name),
                      br->code, b->brn[k - 1].line);
            goto out;
        }
        b->brn[k++] = *br;
    }
    b->n_brn = k;
out:
    b->file = NULL;
    b->line = 0;
    return rc;
}

static int row_force(builder *b, row *r)
{
    int rc;
    if ((rc = need(b, r, 0, "kind")) || (rc = need(b, r, 1, "inter")) ||
        (rc = need(b, r, 2, "name pattern")))
        return rc;
    bforce f;
    long inter;
    if ((rc = parse_actor_kind(b, r->col[0], &f.kind)) ||
        (rc = parse_int(b, r->col[1], 0, 8, "inter code", &inter)))
        return rc;
    f.inter = (int32_t)inter;
    if (!strstr(r->col[2], "{country}") && !strstr(r->col[2], "{demonym}"))
        return fail(b, SR_ERR_FORMAT, "name pattern '%s' has neither {country} nor {demonym}",
                    r->col[2]);
    if ((rc = put(b, r->col[2], &f.name_pattern)) || (rc = put(b, r->col[3], &f.alias_patterns)))
        return rc;
    bforce *slot = vec_push(&b->frc, &b->n_frc, &b->cap_frc, sizeof *slot);
    if (!slot)
        return nomem(b);
    *slot = f;
    return SR_OK;
}

/* Writes pattern with {country} -> country and {demonym} -> demonym into
 * b->tmp; returns its length or (size_t)-1 on OOM. */
static size_t expand(builder *b, const char *pat, size_t plen, const char *country, size_t clen,
                     const char *dem, size_t dlen)
{
    size_t need_len = plen + (plen / 9 + 1) * (clen + dlen) + 1;
    if (need_len > b->tmp_cap) {
        char *t = realloc(b->tmp, need_len);
        if (!t)
            return (size_t)-1;
        b->tmp = t;
        b->tmp_cap = need_len;
    }
    size_t o = 0;
    for (size_t i = 0; i < plen;) {
        if (plen - i >= 9 && memcmp(pat + i, "{country}", 9) == 0) {
            memcpy(b->tmp + o, country, clen);
            o += clen;
            i += 9;
        } else if (plen - i >= 9 && memcmp(pat + i, "{demonym}", 9) == 0) {
            memcpy(b->tmp + o, dem, dlen);
            o += dlen;
            i += 9;
        } else {
            b->tmp[o++] = pat[i++];
        }
    }
    b->tmp[o] = '\0';
    return o;
}

typedef struct span {
    const char *s;
    size_t n;
} span;

/* Splits s at '|' into at most cap trimmed, non-empty spans. */
static size_t split_alts(const char *s, span *out, size_t cap)
{
    size_t k = 0;
    const char *p;
    size_t n;
    while (k < cap && next_alt(&s, &p, &n)) {
        if (n) {
            out[k].s = p;
            out[k].n = n;
            k++;
        }
    }
    return k;
}

enum { MAX_ALTS = 64 };

static int span_has(span sp, const char *needle)
{
    size_t nl = strlen(needle);
    for (size_t i = 0; i + nl <= sp.n; i++)
        if (memcmp(sp.s + i, needle, nl) == 0)
            return 1;
    return 0;
}

/* One actor per country and forces line (see lexicon_build.h). */
static int expand_forces_from(builder *b, const char *frozen)
{
    for (size_t ci = 0; ci < b->n_cty; ci++) {
        span names[MAX_ALTS], dems[MAX_ALTS], adj[MAX_ALTS];
        size_t nn = split_alts((frozen + b->cty[ci].name), names, 1);
        nn += split_alts((frozen + b->cty[ci].aliases), names + nn, MAX_ALTS - nn);
        size_t nd = split_alts((frozen + b->cty[ci].demonyms), dems, MAX_ALTS);
        /* {demonym} takes the adjectives: drop a plural that is another
         * demonym plus "s" ("Malians" beside "Malian"). */
        size_t na = 0;
        for (size_t i = 0; i < nd; i++) {
            int plural = 0;
            for (size_t j = 0; j < nd; j++)
                if (dems[i].n == dems[j].n + 1 && dems[i].s[dems[i].n - 1] == 's' &&
                    memcmp(dems[i].s, dems[j].s, dems[j].n) == 0)
                    plural = 1;
            if (!plural)
                adj[na++] = dems[i];
        }
        const char *iso2 = (frozen + b->cty[ci].iso2);
        for (size_t fi = 0; fi < b->n_frc; fi++) {
            const bforce *f = &b->frc[fi];
            const char *np = (frozen + f->name_pattern);
            if (strstr(np, "{demonym}") && na == 0)
                continue;
            size_t len = expand(b, np, strlen(np), names[0].s, names[0].n, na ? adj[0].s : "",
                                na ? adj[0].n : 0);
            if (len == (size_t)-1)
                return nomem(b);
            char canon[512];
            if (len >= sizeof canon)
                continue;
            memcpy(canon, b->tmp, len + 1);
            uint32_t id;
            int rc = get_actor(b, canon, f->inter, f->kind, iso2, &id);
            if (rc != SR_OK)
                return rc;
            span pats[MAX_ALTS * 2];
            size_t np_n = split_alts((frozen + f->alias_patterns), pats, MAX_ALTS * 2);
            for (size_t pi = 0; pi < np_n; pi++) {
                int hc = span_has(pats[pi], "{country}");
                int hd = span_has(pats[pi], "{demonym}");
                size_t ncn = hc ? nn : 1, ndn = hd ? na : 1;
                for (size_t x = 0; x < ncn; x++)
                    for (size_t y = 0; y < ndn; y++) {
                        len = expand(b, pats[pi].s, pats[pi].n, names[x].s, names[x].n,
                                     hd ? adj[y].s : "", hd ? adj[y].n : 0);
                        if (len == (size_t)-1)
                            return nomem(b);
                        char alias[512];
                        if (len >= sizeof alias)
                            continue;
                        memcpy(alias, b->tmp, len + 1);
                        if ((rc = add_actor_alias(b, id, alias, len)) != SR_OK)
                            return rc;
                    }
            }
        }
    }
    return SR_OK;
}

static int expand_forces(builder *b)
{
    /* names and patterns are read from a copy: adding phrases may move the
     * pool */
    char *frozen = malloc(b->pool_n);
    if (!frozen)
        return nomem(b);
    memcpy(frozen, b->pool, b->pool_n);
    int rc = expand_forces_from(b, frozen);
    free(frozen);
    return rc;
}

/* ---- places ---------------------------------------------------------------------------- */

/* Records the '|'-alternatives of s as the aliases of place p (not yet
 * pushed), skipping any that equals the name. */
static int place_aliases(builder *b, lexf_place *p, const char *s)
{
    p->alias_begin = (uint32_t)b->n_palias;
    p->alias_n = 0;
    span sp[256];
    size_t n = split_alts(s, sp, sizeof sp / sizeof sp[0]);
    for (size_t i = 0; i < n; i++) {
        uint32_t off;
        int rc = intern(b, sp[i].s, sp[i].n, &off);
        if (rc != SR_OK)
            return rc;
        if (off == p->name)
            continue;
        uint32_t *slot = vec_push(&b->palias, &b->n_palias, &b->cap_palias, sizeof *slot);
        if (!slot)
            return nomem(b);
        *slot = off;
        p->alias_n++;
    }
    return SR_OK;
}

/* Order of the places one phrase names: admin1 regions, then populated
 * places, admin2, admin3 and other areas; within a kind, by population, and
 * at equal population (most villages have none recorded) a place that bears
 * the phrase as its name before one that has it as an alias. */
static uint32_t rank_of(const lexf_place *p, int by_name)
{
    uint32_t prio;
    switch (p->kind) {
    case SR_PLACE_ADMIN1: prio = 7; break;
    case SR_PLACE_CITY: prio = 6; break;
    case SR_PLACE_ADMIN2: prio = 5; break;
    case SR_PLACE_ADMIN3: prio = 4; break;
    default: prio = 3; break;
    }
    uint32_t pop = p->population < 0x0FFFFFFFu ? p->population : 0x0FFFFFFFu;
    return prio << 29 | pop << 1 | (by_name ? 1u : 0u);
}

/* Appends a place: its names at the rank of a name, its aliases below. */
static int push_place(builder *b, const lexf_place *p, const char *names,
                      const char *aliases)
{
    uint32_t id = 0;
    int rc;
    if ((rc = push_record(b, &b->pl, &b->n_pl, &b->cap_pl, p, sizeof *p, &id)) ||
        (rc = add_alternatives(b, names, SR_LEX_PLACE, id, rank_of(p, 1))))
        return rc;
    return add_alternatives(b, aliases, SR_LEX_PLACE, id, rank_of(p, 0));
}

static int admin1_key(builder *b, const char *cc, const char *code, uint32_t *off)
{
    char k[128];
    int n = snprintf(k, sizeof k, "%s.%s", cc, code);
    if (n < 0 || (size_t)n >= sizeof k)
        return fail(b, SR_ERR_FORMAT, "admin1 code '%s' is too long", code);
    return intern(b, k, (size_t)n, off);
}

static int row_admin1(builder *b, row *r)
{
    int rc;
    if ((rc = need(b, r, 0, "country")) || (rc = need(b, r, 1, "code")) ||
        (rc = need(b, r, 2, "name")))
        return rc;
    if (!is_iso2(r->col[0]))
        return fail(b, SR_ERR_FORMAT, "'%s' is not an ISO 3166 alpha-2 code", r->col[0]);
    lexf_place p;
    memset(&p, 0, sizeof p);
    p.kind = SR_PLACE_ADMIN1;
    uint32_t k;
    if ((rc = put(b, r->col[2], &p.name)) || (rc = put(b, r->col[0], &p.country)) ||
        (rc = parse_coord(b, r->col[4], 90, "latitude", &p.lat)) ||
        (rc = parse_coord(b, r->col[5], 180, "longitude", &p.lon)) ||
        (rc = admin1_key(b, r->col[0], r->col[1], &k)))
        return rc;
    p.admin1 = p.name;
    if (map32_find(&b->admin1_of, k))
        return fail(b, SR_ERR_FORMAT, "admin1 %s.%s is listed twice", r->col[0], r->col[1]);
    if (map32_put(&b->admin1_of, k, p.name) != SR_OK)
        return nomem(b);
    if ((rc = place_aliases(b, &p, r->col[3])) != SR_OK)
        return rc;
    return push_place(b, &p, r->col[2], r->col[3]);
}

static int row_place(builder *b, row *r)
{
    int rc;
    if ((rc = need(b, r, 1, "name")) || (rc = need(b, r, 2, "country")) ||
        (rc = need(b, r, 4, "kind")))
        return rc;
    if (!is_iso2(r->col[2]))
        return fail(b, SR_ERR_FORMAT, "'%s' is not an ISO 3166 alpha-2 code", r->col[2]);
    lexf_place p;
    memset(&p, 0, sizeof p);
    static const struct {
        const char *name;
        sr_place_kind kind;
    } kinds[] = {{"city", SR_PLACE_CITY},
                 {"admin2", SR_PLACE_ADMIN2},
                 {"admin3", SR_PLACE_ADMIN3},
                 {"area", SR_PLACE_AREA}};
    p.kind = 0;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(r->col[4], kinds[i].name) == 0)
            p.kind = kinds[i].kind;
    if (!p.kind)
        return fail(b, SR_ERR_FORMAT, "unknown place kind '%s' (city, admin2, admin3, area)",
                    r->col[4]);
    long v = 0;
    if (r->col[0][0] && (rc = parse_int(b, r->col[0], 0, 2147483647L, "geonameid", &v)))
        return rc;
    p.geonameid = (uint32_t)v;
    v = 0;
    if (r->col[7][0] && (rc = parse_int(b, r->col[7], 0, 2147483647L, "population", &v)))
        return rc;
    p.population = (uint32_t)v;
    if ((rc = put(b, r->col[1], &p.name)) || (rc = put(b, r->col[2], &p.country)) ||
        (rc = parse_coord(b, r->col[5], 90, "latitude", &p.lat)) ||
        (rc = parse_coord(b, r->col[6], 180, "longitude", &p.lon)))
        return rc;
    if (r->col[3][0]) {
        char k[128];
        int n = snprintf(k, sizeof k, "%s.%s", r->col[2], r->col[3]);
        uint32_t ko = (n > 0 && (size_t)n < sizeof k) ? intern_find(b, k, (size_t)n) : 0;
        uint32_t *name = ko ? map32_find(&b->admin1_of, ko) : NULL;
        p.admin1 = name ? *name : 0;
        if (!name)
            b->unresolved++;
    }
    if ((rc = place_aliases(b, &p, r->col[8])) != SR_OK)
        return rc;
    return push_place(b, &p, r->col[1], r->col[8]);
}

/* ---- triggers, victims, cues ----------------------------------------------------------- */

/* The first alternative of a phrase column, for the record. */
static int first_alt(builder *b, const char *s, uint32_t *off)
{
    span sp[1];
    if (!split_alts(s, sp, 1)) {
        *off = 0;
        return SR_OK;
    }
    return intern(b, sp[0].s, sp[0].n, off);
}

static int row_trigger(builder *b, row *r)
{
    int rc;
    if ((rc = need(b, r, 0, "phrase")))
        return rc;
    lexf_trigger t;
    memset(&t, 0, sizeof t);
    long w = 1;
    if (r->col[5][0] && (rc = parse_int(b, r->col[5], -1000, 1000, "weight", &w)))
        return rc;
    t.weight = (int32_t)w;
    if ((rc = first_alt(b, r->col[0], &t.phrase)) || (rc = put(b, r->col[1], &t.event_type)) ||
        (rc = put(b, r->col[2], &t.sub_event_type)) || (rc = put(b, r->col[3], &t.cameo)) ||
        (rc = put(b, r->col[4], &t.role)))
        return rc;
    return push_named(b, &b->trg, &b->n_trg, &b->cap_trg, &t, sizeof t, r->col[0],
                      SR_LEX_TRIGGER);
}

static int row_victim(builder *b, row *r)
{
    int rc;
    if ((rc = need(b, r, 0, "phrase")) || (rc = need(b, r, 1, "class")))
        return rc;
    lexf_victim v;
    if ((rc = first_alt(b, r->col[0], &v.phrase)) || (rc = put(b, r->col[1], &v.cls)))
        return rc;
    return push_named(b, &b->vic, &b->n_vic, &b->cap_vic, &v, sizeof v, r->col[0],
                      SR_LEX_VICTIM);
}

static int row_cue(builder *b, row *r)
{
    int rc;
    if ((rc = need(b, r, 0, "phrase")) || (rc = need(b, r, 1, "class")))
        return rc;
    lexf_cue c;
    memset(&c, 0, sizeof c);
    if ((rc = first_alt(b, r->col[0], &c.phrase)) || (rc = put(b, r->col[1], &c.cls)) ||
        (rc = put(b, r->col[2], &c.value)))
        return rc;
    return push_named(b, &b->cue, &b->n_cue, &b->cap_cue, &c, sizeof c, r->col[0],
                      SR_LEX_CUE);
}

/* place_stopwords.txt: one word or phrase a line. */
static int read_stopwords(builder *b, const char *dir)
{
    char path[4096];
    int w = snprintf(path, sizeof path, "%s/place_stopwords.txt", dir);
    if (w < 0 || (size_t)w >= sizeof path)
        return sr_error_set(b->err, SR_ERR_ARG, "%s: data directory path too long", dir);
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno == ENOENT ? SR_OK : sr_error_set(b->err, SR_ERR_IO, "%s: %s", path,
                                                      strerror(errno));
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t got;
    int rc = SR_OK;
    b->file = path;
    while ((got = getline(&line, &cap, f)) >= 0) {
        b->line = ++lineno;
        size_t n = (size_t)got;
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' '))
            n--;
        if (n == 0 || line[0] == '#')
            continue;
        size_t bad;
        if (memchr(line, '\0', n) || sr_utf8_validate(line, n, &bad) != SR_OK) {
            rc = fail(b, SR_ERR_UTF8, "invalid UTF-8 or NUL byte");
            break;
        }
        const char *key;
        size_t len, ntok;
        if ((rc = make_key(b, line, n, &key, &len, &ntok)) != SR_OK)
            break;
        uint32_t off;
        if (len && ((rc = intern(b, key, len, &off)) != SR_OK ||
                    (rc = map32_put(&b->stop, off, 1)) != SR_OK)) {
            if (rc == SR_ERR_NOMEM)
                rc = nomem(b);
            break;
        }
    }
    free(line);
    fclose(f);
    b->file = NULL;
    b->line = 0;
    return rc;
}

/* ---- output ------------------------------------------------------------------------------ */

/* By phrase, kind, id, then best rank first: equal entries end up adjacent
 * with the one to keep first. */
static int cmp_entry_id(const void *x, const void *y)
{
    const entry *a = x, *c = y;
    if (a->phrase != c->phrase)
        return a->phrase < c->phrase ? -1 : 1;
    if (a->kind != c->kind)
        return a->kind < c->kind ? -1 : 1;
    if (a->id != c->id)
        return a->id < c->id ? -1 : 1;
    if (a->rank != c->rank)
        return a->rank > c->rank ? -1 : 1;
    return 0;
}

/* The order of hits in the file: by phrase, kind, best rank, id. */
static int cmp_entry(const void *x, const void *y)
{
    const entry *a = x, *c = y;
    if (a->phrase != c->phrase)
        return a->phrase < c->phrase ? -1 : 1;
    if (a->kind != c->kind)
        return a->kind < c->kind ? -1 : 1;
    if (a->rank != c->rank)
        return a->rank > c->rank ? -1 : 1; /* higher rank first */
    if (a->id != c->id)
        return a->id < c->id ? -1 : 1;
    return 0;
}

static size_t pow2_at_least(size_t n)
{
    size_t p = 16;
    while (p < n)
        p *= 2;
    return p;
}

typedef struct section {
    const void *data;
    size_t size;
} section;

static int write_all(FILE *f, const void *p, size_t n)
{
    return n == 0 || fwrite(p, 1, n, f) == n;
}

static int write_file(builder *b, const char *out_path, const section *sec,
                      sr_lexicon_build_stats *stats)
{
    lexf_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, SR_LEXF_MAGIC, SR_LEXF_MAGIC_LEN);
    h.version = SR_LEXF_VERSION;
    h.bom = SR_LEXF_BOM;
    h.max_tokens = b->max_tokens;
    h.n_sections = SR_LEXF__SECTIONS;
    /* sections start on 64-byte lines (a filter block is one line); the
     * file ends on a multiple of 8 */
    uint64_t off = sizeof h;
    for (int i = 0; i < SR_LEXF__SECTIONS; i++) {
        off = (off + 63u) & ~(uint64_t)63u;
        h.sec_off[i] = off;
        h.sec_size[i] = sec[i].size;
        off += sec[i].size;
    }
    h.file_size = (off + 7u) & ~(uint64_t)7u;

    size_t plen = strlen(out_path);
    char *tmp = malloc(plen + 16);
    if (!tmp)
        return nomem(b);
    memcpy(tmp, out_path, plen);
    memcpy(tmp + plen, ".tmp.XXXXXX", 12);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int rc = sr_error_set(b->err, SR_ERR_IO, "%s: cannot create: %s", tmp, strerror(errno));
        free(tmp);
        return rc;
    }
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        close(fd);
        unlink(tmp);
        free(tmp);
        return sr_error_set(b->err, SR_ERR_IO, "%s: %s", out_path, strerror(errno));
    }
    static const char zeros[64] = {0};
    uint64_t pos = sizeof h;
    int ok = write_all(f, &h, sizeof h);
    for (int i = 0; ok && i < SR_LEXF__SECTIONS; i++) {
        ok = write_all(f, zeros, (size_t)(h.sec_off[i] - pos)) &&
             write_all(f, sec[i].data, sec[i].size);
        pos = h.sec_off[i] + sec[i].size;
    }
    ok = ok && write_all(f, zeros, (size_t)(h.file_size - pos));
    ok = ok && fflush(f) == 0 && fsync(fileno(f)) == 0;
    int e = errno;
    if (fclose(f) != 0 && ok) {
        ok = 0;
        e = errno;
    }
    if (ok && rename(tmp, out_path) != 0) {
        ok = 0;
        e = errno;
    }
    if (!ok) {
        unlink(tmp);
        free(tmp);
        return sr_error_set(b->err, SR_ERR_IO, "%s: cannot write the lexicon: %s", out_path,
                            strerror(e));
    }
    free(tmp);
    if (stats)
        stats->bytes = h.file_size;
    return SR_OK;
}

static int finish(builder *b, const char *out_path, sr_lexicon_build_stats *stats)
{
    int rc = SR_OK;
    /* hits, grouped by phrase */
    if (b->n_ent) {
        /* drop repeated (phrase, kind, id), keeping the best rank */
        qsort(b->ent, b->n_ent, sizeof *b->ent, cmp_entry_id);
        size_t k = 0;
        for (size_t i = 0; i < b->n_ent; i++) {
            const entry *e = &b->ent[i];
            if (k && e->phrase == b->ent[k - 1].phrase && e->kind == b->ent[k - 1].kind &&
                e->id == b->ent[k - 1].id)
                continue;
            b->ent[k++] = *e;
        }
        b->n_ent = k;
        qsort(b->ent, b->n_ent, sizeof *b->ent, cmp_entry);
    }
    sr_lex_hit *hits = malloc((b->n_ent ? b->n_ent : 1) * sizeof *hits);
    uint32_t *first = malloc((b->n_phr ? b->n_phr : 1) * sizeof *first);
    uint32_t *count = calloc(b->n_phr ? b->n_phr : 1, sizeof *count);
    /* SLOTS holds every token prefix of every phrase, phrases included:
     * at most one key per token of each phrase */
    size_t n_pref = 0;
    for (size_t i = 0; i < b->n_phr; i++)
        n_pref += b->phr[i].ntok;
    size_t nslots = pow2_at_least(n_pref * 2);
    size_t n_keys = 0, nblocks = 0;
    lexf_slot *slots = calloc(nslots, sizeof *slots);
    uint64_t *bloom = NULL;
    lexf_actor *actors = malloc((b->n_act ? b->n_act : 1) * sizeof *actors);
    lexf_branch *branches = malloc((b->n_brn ? b->n_brn : 1) * sizeof *branches);
    lexf_country *countries = malloc((b->n_cty ? b->n_cty : 1) * sizeof *countries);
    uint32_t *aliases = NULL;
    size_t n_aliases = 0;
    for (size_t i = 0; i < b->n_act; i++)
        n_aliases += b->act[i].n_alias;
    size_t n_actor_aliases = n_aliases;
    n_aliases += b->n_palias;
    aliases = malloc((n_aliases ? n_aliases : 1) * sizeof *aliases);
    if (!hits || !first || !count || !slots || !actors || !branches || !countries || !aliases) {
        rc = nomem(b);
        goto out;
    }
    size_t nh = 0;
    for (size_t i = 0; i < b->n_ent; i++) {
        const entry *e = &b->ent[i];
        if (i && e->phrase == b->ent[i - 1].phrase && e->kind == b->ent[i - 1].kind &&
            e->id == b->ent[i - 1].id)
            continue;
        if (count[e->phrase] == 0)
            first[e->phrase] = (uint32_t)nh;
        count[e->phrase]++;
        hits[nh].kind = e->kind;
        hits[nh].ntok = (uint16_t)b->phr[e->phrase].ntok;
        hits[nh].id = e->id;
        nh++;
    }
    size_t n_real = 0;
    for (size_t i = 0; i < b->n_phr; i++) {
        const phrase *p = &b->phr[i];
        if (!count[i])
            continue;
        if (count[i] > SR_LEXF_HITS_MAX) {
            rc = fail(b, SR_ERR_FORMAT, "phrase '%s' names %u entries, more than %u",
                      S(b, p->key), (unsigned)count[i], (unsigned)SR_LEXF_HITS_MAX);
            goto out;
        }
        n_real++;
        const char *key = S(b, p->key);
        /* every token prefix, the whole key last */
        for (uint32_t end = 1; end <= p->key_len; end++) {
            if (end < p->key_len && key[end] != ' ')
                continue;
            uint32_t ph = hash_bytes(key, end);
            size_t k = ph & (nslots - 1);
            while (slots[k].key_len && !(slots[k].hash == ph && slots[k].key_len == end &&
                                         memcmp(S(b, slots[k].key), key, end) == 0))
                k = (k + 1) & (nslots - 1);
            if (!slots[k].key_len) {
                slots[k].hash = ph;
                slots[k].key = p->key;
                slots[k].key_len = (uint16_t)end; /* end <= KEY_MAX */
                n_keys++;
            }
            if (end == p->key_len) {
                slots[k].hit_begin = first[i];
                slots[k].hit_n = (uint16_t)count[i];
            }
        }
    }
    /* the upper bound above counted shared prefixes once per phrase: move the
     * table into one sized for the real count (load at most one half) */
    size_t want = pow2_at_least(n_keys * 2);
    if (want < nslots) {
        lexf_slot *small = calloc(want, sizeof *small);
        if (!small) {
            rc = nomem(b);
            goto out;
        }
        for (size_t i = 0; i < nslots; i++) {
            if (!slots[i].key_len)
                continue;
            size_t k = slots[i].hash & (want - 1);
            while (small[k].key_len)
                k = (k + 1) & (want - 1);
            small[k] = slots[i];
        }
        free(slots);
        slots = small;
        nslots = want;
    }
    /* the filter: SR_LEXF_BLOOM_BITS_PER_KEY bits a key, whole blocks, a
     * power of two of them */
    nblocks = 1;
    while (nblocks * SR_LEXF_BLOOM_BLOCK * 8 < n_keys * SR_LEXF_BLOOM_BITS_PER_KEY)
        nblocks *= 2;
    bloom = calloc(nblocks, SR_LEXF_BLOOM_BLOCK);
    if (!bloom) {
        rc = nomem(b);
        goto out;
    }
    for (size_t i = 0; i < nslots; i++) {
        if (!slots[i].key_len)
            continue;
        uint64_t *blk = bloom + (size_t)sr_lexf_bloom_block(slots[i].hash,
                                                            (uint32_t)(nblocks - 1)) *
                                    (SR_LEXF_BLOOM_BLOCK / 8);
        for (unsigned k = 0; k < SR_LEXF_BLOOM_K; k++) {
            uint32_t bit = sr_lexf_bloom_bit(slots[i].hash, k);
            blk[bit >> 6] |= (uint64_t)1 << (bit & 63u);
        }
    }
    size_t ai = 0;
    for (size_t i = 0; i < b->n_act; i++) {
        const bactor *a = &b->act[i];
        actors[i].name = a->name;
        actors[i].country = a->country;
        actors[i].alias_begin = (uint32_t)ai;
        actors[i].alias_n = (uint32_t)a->n_alias;
        actors[i].inter = a->inter < 0 ? 0 : a->inter;
        actors[i].kind = a->kind < 0 ? SR_ACTOR_OTHER : (uint32_t)a->kind;
        actors[i].branch_begin = 0;
        actors[i].branch_n = 0;
        if (a->n_alias)
            memcpy(aliases + ai, a->alias, a->n_alias * sizeof *aliases);
        ai += a->n_alias;
    }
    /* branches, sorted by parent and country by finish_branches() */
    for (size_t i = 0; i < b->n_brn; i++) {
        const bbranch *br = &b->brn[i];
        lexf_actor *p = &actors[br->parent_id];
        if (p->branch_n == 0)
            p->branch_begin = (uint32_t)i;
        p->branch_n++;
        branches[i].country = br->country;
        branches[i].branch = br->branch;
    }
    /* place aliases follow the actors' */
    if (b->n_palias)
        memcpy(aliases + n_actor_aliases, b->palias, b->n_palias * sizeof *aliases);
    for (size_t i = 0; i < b->n_pl; i++)
        b->pl[i].alias_begin += (uint32_t)n_actor_aliases;
    for (size_t i = 0; i < b->n_cty; i++) {
        const bcountry *c = &b->cty[i];
        lexf_country *o = &countries[i];
        memset(o, 0, sizeof *o);
        o->iso2 = c->iso2;
        o->iso3 = c->iso3;
        o->name = c->name;
        span d[1];
        if (split_alts(S(b, c->demonyms), d, 1) && (rc = intern(b, d[0].s, d[0].n, &o->demonym)))
            goto out;
        if ((rc = demonym_keys(b, S(b, c->demonyms), &o->demonym_key)) != SR_OK)
            goto out;
        o->lat = c->lat;
        o->lon = c->lon;
        o->isonum = c->isonum;
    }
    {
        section sec[SR_LEXF__SECTIONS] = {
            [SR_LEXF_STRINGS] = {b->pool, b->pool_n},
            [SR_LEXF_ACTORS] = {actors, b->n_act * sizeof *actors},
            [SR_LEXF_ALIASES] = {aliases, n_aliases * sizeof *aliases},
            [SR_LEXF_COUNTRIES] = {countries, b->n_cty * sizeof *countries},
            [SR_LEXF_PLACES] = {b->pl, b->n_pl * sizeof *b->pl},
            [SR_LEXF_TRIGGERS] = {b->trg, b->n_trg * sizeof *b->trg},
            [SR_LEXF_VICTIMS] = {b->vic, b->n_vic * sizeof *b->vic},
            [SR_LEXF_CUES] = {b->cue, b->n_cue * sizeof *b->cue},
            [SR_LEXF_HITS] = {hits, nh * sizeof *hits},
            [SR_LEXF_SLOTS] = {slots, nslots * sizeof *slots},
            [SR_LEXF_BLOOM] = {bloom, nblocks * SR_LEXF_BLOOM_BLOCK},
            [SR_LEXF_BRANCHES] = {branches, b->n_brn * sizeof *branches},
        };
        if (stats) {
            memset(stats, 0, sizeof *stats);
            stats->actors = (uint32_t)b->n_act;
            stats->countries = (uint32_t)b->n_cty;
            stats->places = (uint32_t)b->n_pl;
            stats->triggers = (uint32_t)b->n_trg;
            stats->victims = (uint32_t)b->n_vic;
            stats->cues = (uint32_t)b->n_cue;
            stats->phrases = (uint32_t)n_real;
            stats->hits = (uint32_t)nh;
            stats->max_tokens = b->max_tokens;
            stats->unresolved_admin1 = b->unresolved;
        }
        rc = write_file(b, out_path, sec, stats);
    }
out:
    free(hits);
    free(first);
    free(count);
    free(slots);
    free(bloom);
    free(actors);
    free(branches);
    free(countries);
    free(aliases);
    return rc;
}

/* ---- entry point ------------------------------------------------------------------------- */

static void builder_free(builder *b)
{
    free(b->pool);
    free(b->itab);
    free(b->phr);
    map32_free(&b->phrase_of);
    free(b->ent);
    for (size_t i = 0; i < b->n_act; i++)
        free(b->act[i].alias);
    free(b->act);
    free(b->brn);
    map32_free(&b->actor_of);
    map32_free(&b->alias_seen);
    free(b->cty);
    free(b->frc);
    free(b->pl);
    free(b->palias);
    free(b->trg);
    free(b->vic);
    free(b->cue);
    map32_free(&b->admin1_of);
    map32_free(&b->stop);
    sr_arena_free(&b->arena);
    free(b->tmp);
    free(b->seen);
}

int sr_lexicon_build(const char *data_dir, const char *out_path, sr_lexicon_build_stats *stats,
                     sr_error *err)
{
    if (!data_dir || !out_path)
        return sr_error_set(err, SR_ERR_ARG, "sr_lexicon_build: no data directory or output");
    builder *b = calloc(1, sizeof *b);
    if (!b)
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    b->err = err;
    sr_arena_init(&b->arena);
    int rc;
    /* offset 0 of the pool is the empty string */
    b->pool = malloc(65536);
    if (!b->pool) {
        free(b);
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    }
    b->pool_cap = 65536;
    b->pool[0] = '\0';
    b->pool_n = 1;
    struct stat st;
    if (stat(data_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        builder_free(b);
        free(b);
        return sr_error_set(err, SR_ERR_IO, "%s: no such data directory", data_dir);
    }
    char cpath[4096], apath[4096];
    snprintf(cpath, sizeof cpath, "%s/countries.tsv", data_dir);
    snprintf(apath, sizeof apath, "%s/actors.tsv", data_dir);
    if ((rc = read_stopwords(b, data_dir)) ||
        (rc = read_tsv(b, data_dir, "countries.tsv", 8, row_country)) ||
        (rc = finish_countries(b, cpath)) ||
        (rc = read_tsv(b, data_dir, "admin1.tsv", 6, row_admin1)) ||
        (rc = read_tsv(b, data_dir, "places.tsv", 9, row_place)) ||
        (rc = read_tsv(b, data_dir, "places_extra.tsv", 9, row_place)) ||
        (rc = read_tsv(b, data_dir, "actors.tsv", 7, row_actor)) ||
        (rc = read_tsv(b, data_dir, "forces.tsv", 4, row_force)) || (rc = expand_forces(b)) ||
        (rc = finish_branches(b, apath)) ||
        (rc = read_tsv(b, data_dir, "triggers.tsv", 6, row_trigger)) ||
        (rc = read_tsv(b, data_dir, "victims.tsv", 2, row_victim)) ||
        (rc = read_tsv(b, data_dir, "cues.tsv", 3, row_cue)) ||
        (rc = finish(b, out_path, stats))) {
        /* err holds the message */
    }
    builder_free(b);
    free(b);
    return rc;
}
