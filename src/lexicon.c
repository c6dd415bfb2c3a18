/* lexicon.c — maps the compiled lexicon and answers lookups from the map.
 *
 * Layout in lexicon_format.h.  Opening checks the header and each section's
 * bounds; readers check each offset and id they follow, so a damaged file
 * gives errors or empty strings, never a wild read. */
#include "lexicon.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lexicon_format.h"

struct sr_lexicon {
    const unsigned char *base;
    size_t size;
    int mapped; /* base came from mmap() and is unmapped on close */
    const char *str;
    uint32_t str_len;
    const lexf_actor *actors;
    uint32_t n_actors;
    const uint32_t *aliases;
    uint32_t n_aliases;
    const lexf_country *countries;
    uint32_t n_countries;
    const lexf_place *places;
    uint32_t n_places;
    const lexf_trigger *triggers;
    uint32_t n_triggers;
    const lexf_victim *victims;
    uint32_t n_victims;
    const lexf_cue *cues;
    uint32_t n_cues;
    const sr_lex_hit *hits;
    uint32_t n_hits;
    const lexf_slot *slots;
    uint32_t slot_mask;  /* number of slots - 1; slots == NULL when none */
    const uint64_t *bloom; /* NULL when the file has no filter */
    uint32_t bloom_mask; /* number of blocks - 1 */
    const lexf_branch *branches;
    uint32_t n_branches;
    uint32_t max_tokens;
};

/* ---- opening ------------------------------------------------------------- */

static const size_t section_rec[SR_LEXF__SECTIONS] = {
    [SR_LEXF_STRINGS] = 1,
    [SR_LEXF_ACTORS] = sizeof(lexf_actor),
    [SR_LEXF_ALIASES] = sizeof(uint32_t),
    [SR_LEXF_COUNTRIES] = sizeof(lexf_country),
    [SR_LEXF_PLACES] = sizeof(lexf_place),
    [SR_LEXF_TRIGGERS] = sizeof(lexf_trigger),
    [SR_LEXF_VICTIMS] = sizeof(lexf_victim),
    [SR_LEXF_CUES] = sizeof(lexf_cue),
    [SR_LEXF_HITS] = sizeof(sr_lex_hit),
    [SR_LEXF_SLOTS] = sizeof(lexf_slot),
    [SR_LEXF_BLOOM] = SR_LEXF_BLOOM_BLOCK,
    [SR_LEXF_BRANCHES] = sizeof(lexf_branch),
};

static const char *const section_name[SR_LEXF__SECTIONS] = {
    "strings", "actors", "aliases", "countries", "places", "triggers",
    "victims", "cues", "hits", "slots", "bloom", "branches",
};

static int is_pow2(uint64_t n)
{
    return n && (n & (n - 1)) == 0;
}

/* Fills lex from the image base[0..size) after checking its structure. */
static int setup(sr_lexicon *lex, const unsigned char *base, size_t size,
                 const char *what, sr_error *err)
{
    lexf_header h;
    if (size < sizeof h)
        return sr_error_set(err, SR_ERR_FORMAT,
                            "%s: not a sitrep lexicon (%zu bytes, too short for a header)",
                            what, size);
    memcpy(&h, base, sizeof h);
    if (memcmp(h.magic, SR_LEXF_MAGIC, SR_LEXF_MAGIC_LEN) != 0)
        return sr_error_set(err, SR_ERR_FORMAT, "%s: not a sitrep lexicon (bad magic)", what);
    if (h.bom != SR_LEXF_BOM)
        return sr_error_set(err, SR_ERR_FORMAT, "%s: lexicon written on a machine of another byte order",
                            what);
    if (h.version != SR_LEXF_VERSION)
        return sr_error_set(err, SR_ERR_VERSION,
                            "%s: lexicon format version %u, this program reads version %u (rebuild it)",
                            what, (unsigned)h.version, (unsigned)SR_LEXF_VERSION);
    if (h.file_size != size)
        return sr_error_set(err, SR_ERR_FORMAT,
                            "%s: lexicon is %zu bytes but its header says %llu (truncated or damaged)",
                            what, size, (unsigned long long)h.file_size);
    if (h.n_sections != SR_LEXF__SECTIONS)
        return sr_error_set(err, SR_ERR_FORMAT, "%s: lexicon has %u sections, expected %d", what,
                            (unsigned)h.n_sections, SR_LEXF__SECTIONS);
    if (((uintptr_t)base & 7u) != 0)
        return sr_error_set(err, SR_ERR_ARG, "%s: lexicon image is not aligned to 8 bytes", what);
    const void *sec[SR_LEXF__SECTIONS];
    uint64_t count[SR_LEXF__SECTIONS];
    for (int i = 0; i < SR_LEXF__SECTIONS; i++) {
        uint64_t off = h.sec_off[i], len = h.sec_size[i];
        if (off < sizeof h || off > size || len > size - off || (off & 7u) != 0 ||
            len % section_rec[i] != 0 || len / section_rec[i] > UINT32_MAX)
            return sr_error_set(err, SR_ERR_FORMAT,
                                "%s: lexicon section '%s' (offset %llu, %llu bytes) lies outside "
                                "the %zu-byte file or is misaligned",
                                what, section_name[i], (unsigned long long)off,
                                (unsigned long long)len, size);
        sec[i] = base + off;
        count[i] = len / section_rec[i];
    }
    if (count[SR_LEXF_STRINGS] == 0 ||
        base[h.sec_off[SR_LEXF_STRINGS] + h.sec_size[SR_LEXF_STRINGS] - 1] != '\0' ||
        base[h.sec_off[SR_LEXF_STRINGS]] != '\0')
        return sr_error_set(err, SR_ERR_FORMAT, "%s: lexicon string pool is not terminated", what);
    if ((count[SR_LEXF_SLOTS] && !is_pow2(count[SR_LEXF_SLOTS])) ||
        (count[SR_LEXF_BLOOM] && !is_pow2(count[SR_LEXF_BLOOM])))
        return sr_error_set(err, SR_ERR_FORMAT, "%s: lexicon hash table size is not a power of two",
                            what);
    if (h.max_tokens > 4096)
        return sr_error_set(err, SR_ERR_FORMAT, "%s: lexicon claims phrases of %u tokens", what,
                            (unsigned)h.max_tokens);
    memset(lex, 0, sizeof *lex);
    lex->base = base;
    lex->size = size;
    lex->str = sec[SR_LEXF_STRINGS];
    lex->str_len = (uint32_t)count[SR_LEXF_STRINGS];
    lex->actors = sec[SR_LEXF_ACTORS];
    lex->n_actors = (uint32_t)count[SR_LEXF_ACTORS];
    lex->aliases = sec[SR_LEXF_ALIASES];
    lex->n_aliases = (uint32_t)count[SR_LEXF_ALIASES];
    lex->countries = sec[SR_LEXF_COUNTRIES];
    lex->n_countries = (uint32_t)count[SR_LEXF_COUNTRIES];
    lex->places = sec[SR_LEXF_PLACES];
    lex->n_places = (uint32_t)count[SR_LEXF_PLACES];
    lex->triggers = sec[SR_LEXF_TRIGGERS];
    lex->n_triggers = (uint32_t)count[SR_LEXF_TRIGGERS];
    lex->victims = sec[SR_LEXF_VICTIMS];
    lex->n_victims = (uint32_t)count[SR_LEXF_VICTIMS];
    lex->cues = sec[SR_LEXF_CUES];
    lex->n_cues = (uint32_t)count[SR_LEXF_CUES];
    lex->hits = sec[SR_LEXF_HITS];
    lex->n_hits = (uint32_t)count[SR_LEXF_HITS];
    if (count[SR_LEXF_SLOTS]) {
        lex->slots = sec[SR_LEXF_SLOTS];
        lex->slot_mask = (uint32_t)(count[SR_LEXF_SLOTS] - 1);
    }
    if (count[SR_LEXF_BLOOM]) {
        lex->bloom = sec[SR_LEXF_BLOOM];
        lex->bloom_mask = (uint32_t)(count[SR_LEXF_BLOOM] - 1);
    }
    lex->branches = sec[SR_LEXF_BRANCHES];
    lex->n_branches = (uint32_t)count[SR_LEXF_BRANCHES];
    lex->max_tokens = h.max_tokens;
    return SR_OK;
}

int sr_lexicon_open_mem(const void *data, size_t size, sr_lexicon **out, sr_error *err)
{
    if (!out || (!data && size))
        return sr_error_set(err, SR_ERR_ARG, "sr_lexicon_open_mem: no image");
    *out = NULL;
    sr_lexicon *lex = malloc(sizeof *lex);
    if (!lex)
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    int rc = setup(lex, data, size, "lexicon image", err);
    if (rc != SR_OK) {
        free(lex);
        return rc;
    }
    *out = lex;
    return SR_OK;
}

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Picks the file to open: explicit path, $SITREP_LEXICON, sitrep.lex next to
 * the running executable, then the build-time default.  buf holds the
 * executable-relative candidate. */
static const char *resolve_path(const char *path, char *buf, size_t cap)
{
    if (path && *path)
        return path;
    const char *env = getenv("SITREP_LEXICON");
    if (env && *env)
        return env;
    ssize_t n = readlink("/proc/self/exe", buf, cap - 1);
    if (n > 0 && (size_t)n < cap - 1) {
        buf[n] = '\0';
        char *slash = strrchr(buf, '/');
        static const char leaf[] = "sitrep.lex";
        if (slash && (size_t)(slash + 1 - buf) + sizeof leaf <= cap) {
            memcpy(slash + 1, leaf, sizeof leaf);
            if (file_exists(buf))
                return buf;
        }
    }
#ifdef SITREP_LEXICON_DEFAULT
    return SITREP_LEXICON_DEFAULT;
#else
    return "sitrep.lex";
#endif
}

int sr_lexicon_open(const char *path, sr_lexicon **out, sr_error *err)
{
    if (!out)
        return sr_error_set(err, SR_ERR_ARG, "sr_lexicon_open: no result pointer");
    *out = NULL;
    char buf[PATH_MAX];
    const char *p = resolve_path(path, buf, sizeof buf);
    /* O_NONBLOCK: a FIFO given by mistake must not hang the open */
    int fd = open(p, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return sr_error_set(err, errno == ENOENT ? SR_ERR_NOTFOUND : SR_ERR_IO,
                            "%s: cannot open the lexicon: %s", p, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return sr_error_set(err, SR_ERR_IO, "%s: %s", p, strerror(e));
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return sr_error_set(err, SR_ERR_FORMAT, "%s: the lexicon is not a regular file", p);
    }
    size_t size = (size_t)st.st_size;
    if (size < sizeof(lexf_header)) {
        close(fd);
        return sr_error_set(err, SR_ERR_FORMAT,
                            "%s: not a sitrep lexicon (%zu bytes, too short for a header)", p,
                            size);
    }
    void *m = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0);
    int e = errno;
    close(fd);
    if (m == MAP_FAILED)
        return sr_error_set(err, SR_ERR_IO, "%s: cannot map the lexicon: %s", p, strerror(e));
    sr_lexicon *lex = malloc(sizeof *lex);
    if (!lex) {
        munmap(m, size);
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    }
    int rc = setup(lex, m, size, p, err);
    if (rc != SR_OK) {
        munmap(m, size);
        free(lex);
        return rc;
    }
    lex->mapped = 1;
    *out = lex;
    return SR_OK;
}

void sr_lexicon_close(sr_lexicon *lex)
{
    if (!lex)
        return;
    if (lex->mapped)
        munmap((void *)lex->base, lex->size);
    free(lex);
}

/* ---- strings and hash lookups ---------------------------------------------- */

/* The string at pool offset off, or "" when off is out of range. */
static const char *str_at(const sr_lexicon *lex, uint32_t off)
{
    return off < lex->str_len ? lex->str + off : "";
}

static double coord(int32_t v)
{
    return v == SR_LEXF_NO_COORD ? NAN : (double)v / 1e6;
}

static int key_equals(const sr_lexicon *lex, uint32_t off, uint32_t klen, const char *key,
                      size_t len)
{
    return klen == len && off < lex->str_len && lex->str_len - off > klen &&
           memcmp(lex->str + off, key, len) == 0;
}

/* Zero when the filter proves that no key with final hash h is in SLOTS. */
static int bloom_may_hold(const sr_lexicon *lex, uint32_t h)
{
    if (!lex->bloom)
        return 1;
    const uint64_t *blk =
        lex->bloom + (size_t)sr_lexf_bloom_block(h, lex->bloom_mask) * (SR_LEXF_BLOOM_BLOCK / 8);
    for (unsigned i = 0; i < SR_LEXF_BLOOM_K; i++) {
        uint32_t bit = sr_lexf_bloom_bit(h, i);
        if (!((blk[bit >> 6] >> (bit & 63u)) & 1u))
            return 0;
    }
    return 1;
}

/* The slot of key[0..len) (final hash h): a phrase or a prefix of one, or
 * NULL when the key starts no phrase. */
static const lexf_slot *find_slot(const sr_lexicon *lex, uint32_t h, const char *key,
                                  size_t len)
{
    if (!lex->slots || len == 0 || !bloom_may_hold(lex, h))
        return NULL;
    for (uint32_t i = h & lex->slot_mask, probes = 0; probes <= lex->slot_mask;
         i = (i + 1) & lex->slot_mask, probes++) {
        const lexf_slot *s = &lex->slots[i];
        if (s->key_len == 0)
            return NULL;
        if (s->hash == h && key_equals(lex, s->key, s->key_len, key, len))
            return s;
    }
    return NULL;
}

/* The hits of slot s (NULL allowed): their count, *hits pointed at them. */
static size_t slot_hits(const sr_lexicon *lex, const lexf_slot *s, const sr_lex_hit **hits)
{
    if (!s || s->hit_n == 0 || s->hit_begin > lex->n_hits ||
        s->hit_n > lex->n_hits - s->hit_begin)
        return 0;
    *hits = lex->hits + s->hit_begin;
    return s->hit_n;
}

static uint32_t key_hash(const char *key, size_t len)
{
    return sr_lexf_hash_final(sr_lexf_hash_more(SR_LEXF_HASH_INIT, key, len));
}

size_t sr_lexicon_lookup(const sr_lexicon *lex, const char *key, size_t len,
                         const sr_lex_hit **hits)
{
    if (!lex || !key || !hits)
        return 0;
    return slot_hits(lex, find_slot(lex, key_hash(key, len), key, len), hits);
}

int sr_lexicon_is_prefix(const sr_lexicon *lex, const char *key, size_t len)
{
    if (!lex || !key)
        return 0;
    return find_slot(lex, key_hash(key, len), key, len) != NULL;
}

size_t sr_lexicon_max_tokens(const sr_lexicon *lex)
{
    return lex ? lex->max_tokens : 0;
}

uint32_t sr_lexicon_count(const sr_lexicon *lex, sr_lex_kind kind)
{
    if (!lex)
        return 0;
    switch (kind) {
    case SR_LEX_ACTOR: return lex->n_actors;
    case SR_LEX_COUNTRY: return lex->n_countries;
    case SR_LEX_PLACE: return lex->n_places;
    case SR_LEX_TRIGGER: return lex->n_triggers;
    case SR_LEX_VICTIM: return lex->n_victims;
    case SR_LEX_CUE: return lex->n_cues;
    default: return 0;
    }
}

/* ---- records ---------------------------------------------------------------- */

/* The length of the run [begin, begin + n) of ALIASES, or 0 when it does not
 * lie inside the section. */
static uint32_t alias_count(const sr_lexicon *lex, uint32_t begin, uint32_t n)
{
    return begin <= lex->n_aliases && n <= lex->n_aliases - begin ? n : 0;
}

/* Alias i of the run [begin, begin + n), or NULL. */
static const char *alias_at(const sr_lexicon *lex, uint32_t begin, uint32_t n, uint32_t i)
{
    if (i >= alias_count(lex, begin, n))
        return NULL;
    return str_at(lex, lex->aliases[begin + i]);
}

int sr_lexicon_actor(const sr_lexicon *lex, uint32_t id, sr_actor_info *out)
{
    if (!lex || !out || id >= lex->n_actors)
        return SR_ERR_NOTFOUND;
    const lexf_actor *a = &lex->actors[id];
    out->name = str_at(lex, a->name);
    out->country = str_at(lex, a->country);
    out->inter = a->inter;
    out->kind = a->kind <= SR_ACTOR_EXTERNAL ? (sr_actor_kind)a->kind : SR_ACTOR_OTHER;
    out->n_aliases = alias_count(lex, a->alias_begin, a->alias_n);
    return SR_OK;
}

const char *sr_lexicon_actor_alias(const sr_lexicon *lex, uint32_t id, uint32_t i)
{
    if (!lex || id >= lex->n_actors)
        return NULL;
    return alias_at(lex, lex->actors[id].alias_begin, lex->actors[id].alias_n, i);
}

uint32_t sr_lexicon_actor_branch(const sr_lexicon *lex, uint32_t id, const char *iso2)
{
    if (!lex || !iso2 || !*iso2 || id >= lex->n_actors)
        return SR_NO_ID;
    const lexf_actor *a = &lex->actors[id];
    /* a run that does not lie inside the section is no run */
    if (a->branch_begin > lex->n_branches || a->branch_n > lex->n_branches - a->branch_begin)
        return SR_NO_ID;
    for (uint32_t i = 0; i < a->branch_n; i++) {
        const lexf_branch *br = &lex->branches[a->branch_begin + i];
        if (strcmp(str_at(lex, br->country), iso2) == 0)
            return br->branch < lex->n_actors ? br->branch : SR_NO_ID;
    }
    return SR_NO_ID;
}

uint32_t sr_lexicon_find_actor(const sr_lexicon *lex, const char *name)
{
    if (!lex || !name)
        return SR_NO_ID;
    size_t n = strlen(name);
    size_t bad;
    if (sr_utf8_validate(name, n, &bad) != SR_OK)
        return SR_NO_ID;
    sr_arena a;
    sr_arena_init(&a);
    char *key = NULL;
    size_t len = 0;
    uint32_t found = SR_NO_ID;
    if (sr_lexicon_make_key(&a, name, n, &key, &len, NULL) == SR_OK) {
        const sr_lex_hit *hits;
        size_t nh = sr_lexicon_lookup(lex, key, len, &hits);
        for (size_t i = 0; i < nh; i++)
            if (hits[i].kind == SR_LEX_ACTOR && hits[i].id < lex->n_actors) {
                found = hits[i].id;
                break;
            }
    }
    sr_arena_free(&a);
    return found;
}

int sr_lexicon_country(const sr_lexicon *lex, uint32_t id, sr_country_info *out)
{
    if (!lex || !out || id >= lex->n_countries)
        return SR_ERR_NOTFOUND;
    const lexf_country *c = &lex->countries[id];
    out->iso2 = str_at(lex, c->iso2);
    out->iso3 = str_at(lex, c->iso3);
    out->name = str_at(lex, c->name);
    out->demonym = str_at(lex, c->demonym);
    out->lat = coord(c->lat);
    out->lon = coord(c->lon);
    /* a damaged record's code out of ISO's range reads as unknown */
    out->isonum = c->isonum <= 999 ? (int)c->isonum : 0;
    return SR_OK;
}

uint32_t sr_lexicon_country_by_iso2(const sr_lexicon *lex, const char *iso2)
{
    if (!lex || !iso2)
        return SR_NO_ID;
    /* The table is sorted by ISO2 code. */
    uint32_t lo = 0, hi = lex->n_countries;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int c = strcmp(str_at(lex, lex->countries[mid].iso2), iso2);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return SR_NO_ID;
}

int sr_lexicon_is_demonym(const sr_lexicon *lex, uint32_t country_id, const char *key,
                          size_t len)
{
    if (!lex || !key || len == 0 || country_id >= lex->n_countries)
        return 0;
    const char *p = str_at(lex, lex->countries[country_id].demonym_key);
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n == len && memcmp(p, key, len) == 0)
            return 1;
        if (!bar)
            break;
        p = bar + 1;
    }
    return 0;
}

int sr_lexicon_place(const sr_lexicon *lex, uint32_t id, sr_place_info *out)
{
    if (!lex || !out || id >= lex->n_places)
        return SR_ERR_NOTFOUND;
    const lexf_place *p = &lex->places[id];
    out->name = str_at(lex, p->name);
    out->country = str_at(lex, p->country);
    out->admin1 = str_at(lex, p->admin1);
    out->lat = coord(p->lat);
    out->lon = coord(p->lon);
    out->population = p->population;
    out->kind = (p->kind >= SR_PLACE_ADMIN1 && p->kind <= SR_PLACE_AREA) ? (sr_place_kind)p->kind
                                                                         : SR_PLACE_AREA;
    out->geonameid = p->geonameid;
    out->n_aliases = alias_count(lex, p->alias_begin, p->alias_n);
    return SR_OK;
}

const char *sr_lexicon_place_alias(const sr_lexicon *lex, uint32_t id, uint32_t i)
{
    if (!lex || id >= lex->n_places)
        return NULL;
    return alias_at(lex, lex->places[id].alias_begin, lex->places[id].alias_n, i);
}

/* Admin1 regions are the first place records (admin1.tsv is read before
 * places.tsv and places.tsv holds no regions), so a scan stops at the first
 * other kind.  Non-zero when record i is a region of iso2. */
static int is_admin1_of(const sr_lexicon *lex, uint32_t i, const char *iso2)
{
    return lex->places[i].kind == SR_PLACE_ADMIN1 &&
           strcmp(str_at(lex, lex->places[i].country), iso2) == 0;
}

/* Non-zero when record i is a region of iso2 with a point, put in *la, *lo. */
static int admin1_point(const sr_lexicon *lex, uint32_t i, const char *iso2, double *la,
                        double *lo)
{
    const lexf_place *p = &lex->places[i];
    if (p->lat == SR_LEXF_NO_COORD || p->lon == SR_LEXF_NO_COORD || !is_admin1_of(lex, i, iso2))
        return 0;
    *la = coord(p->lat);
    *lo = coord(p->lon);
    return 1;
}

/* Stores id at ids[*n] when there is room, and counts it. */
static void put_id(uint32_t *ids, size_t cap, size_t *n, uint32_t id)
{
    if (ids && *n < cap)
        ids[*n] = id;
    (*n)++;
}

size_t sr_lexicon_admin1_of(const sr_lexicon *lex, const char *iso2, uint32_t *ids, size_t cap)
{
    if (!lex || !iso2)
        return 0;
    size_t n = 0;
    for (uint32_t i = 0; i < lex->n_places && lex->places[i].kind == SR_PLACE_ADMIN1; i++)
        if (is_admin1_of(lex, i, iso2))
            put_id(ids, cap, &n, i);
    return n;
}

size_t sr_lexicon_admin1_toward(const sr_lexicon *lex, const char *iso2, const char *dir,
                                uint32_t *ids, size_t cap)
{
    if (!lex || !iso2 || !dir)
        return 0;
    int want_n = 0, want_s = 0, want_e = 0, want_w = 0, central = 0;
    if (strcmp(dir, "c") == 0) {
        central = 1;
    } else {
        if (!*dir || strlen(dir) > 2)
            return 0;
        for (const char *p = dir; *p; p++) {
            switch (*p) {
            case 'n': want_n = 1; break;
            case 's': want_s = 1; break;
            case 'e': want_e = 1; break;
            case 'w': want_w = 1; break;
            default: return 0;
            }
        }
        if ((want_n && want_s) || (want_e && want_w))
            return 0;
    }
    /* mean and spread of the country's region points */
    double sum_lat = 0, sum_lon = 0, min_lat = 1e9, max_lat = -1e9, min_lon = 1e9, max_lon = -1e9;
    size_t k = 0;
    uint32_t i;
    for (i = 0; i < lex->n_places && lex->places[i].kind == SR_PLACE_ADMIN1; i++) {
        double la, lo;
        if (!admin1_point(lex, i, iso2, &la, &lo))
            continue;
        sum_lat += la;
        sum_lon += lo;
        min_lat = la < min_lat ? la : min_lat;
        max_lat = la > max_lat ? la : max_lat;
        min_lon = lo < min_lon ? lo : min_lon;
        max_lon = lo > max_lon ? lo : max_lon;
        k++;
    }
    if (k == 0)
        return 0;
    double mlat = sum_lat / (double)k, mlon = sum_lon / (double)k;
    double band_lat = (max_lat - min_lat) / 6.0, band_lon = (max_lon - min_lon) / 6.0;
    size_t n = 0;
    for (i = 0; i < lex->n_places && lex->places[i].kind == SR_PLACE_ADMIN1; i++) {
        double la, lo;
        if (!admin1_point(lex, i, iso2, &la, &lo))
            continue;
        int ok;
        if (central)
            ok = fabs(la - mlat) <= band_lat && fabs(lo - mlon) <= band_lon;
        else
            ok = (!want_n || la > mlat) && (!want_s || la < mlat) && (!want_e || lo > mlon) &&
                 (!want_w || lo < mlon);
        if (ok)
            put_id(ids, cap, &n, i);
    }
    return n;
}

int sr_lexicon_trigger(const sr_lexicon *lex, uint32_t id, sr_trigger_info *out)
{
    if (!lex || !out || id >= lex->n_triggers)
        return SR_ERR_NOTFOUND;
    const lexf_trigger *t = &lex->triggers[id];
    out->event_type = str_at(lex, t->event_type);
    out->sub_event_type = str_at(lex, t->sub_event_type);
    out->cameo = str_at(lex, t->cameo);
    out->role = str_at(lex, t->role);
    out->weight = t->weight;
    return SR_OK;
}

int sr_lexicon_victim(const sr_lexicon *lex, uint32_t id, sr_victim_info *out)
{
    if (!lex || !out || id >= lex->n_victims)
        return SR_ERR_NOTFOUND;
    out->cls = str_at(lex, lex->victims[id].cls);
    return SR_OK;
}

int sr_lexicon_cue(const sr_lexicon *lex, uint32_t id, sr_cue_info *out)
{
    if (!lex || !out || id >= lex->n_cues)
        return SR_ERR_NOTFOUND;
    out->cls = str_at(lex, lex->cues[id].cls);
    out->value = str_at(lex, lex->cues[id].value);
    return SR_OK;
}

/* ---- keys and scanning ------------------------------------------------------- */

int sr_lexicon_make_key(sr_arena *a, const char *s, size_t n, char **key, size_t *len,
                        size_t *ntok)
{
    if (!a || (!s && n) || !key || !len)
        return SR_ERR_ARG;
    size_t bad;
    if (n && sr_utf8_validate(s, n, &bad) != SR_OK)
        return SR_ERR_UTF8;
    sr_tokens t;
    memset(&t, 0, sizeof t);
    if (n) {
        int rc = sr_tokenize(a, s, n, &t);
        if (rc != SR_OK)
            return rc;
    }
    size_t total = 0, count = 0;
    for (size_t i = 0; i < t.n; i++)
        if (t.tok[i].fold_len) {
            total += t.tok[i].fold_len + 1;
            count++;
        }
    char *k = sr_arena_alloc(a, total + 1);
    if (!k)
        return SR_ERR_NOMEM;
    size_t pos = 0;
    for (size_t i = 0; i < t.n; i++) {
        size_t fl = t.tok[i].fold_len;
        if (!fl)
            continue;
        if (pos)
            k[pos++] = ' ';
        memcpy(k + pos, sr_tok_fold(&t, i), fl);
        pos += fl;
    }
    k[pos] = '\0';
    *key = k;
    *len = pos;
    if (ntok)
        *ntok = count;
    return SR_OK;
}

enum { SCAN_KEY_MAX = 1024 };

int sr_lexicon_scan(const sr_lexicon *lex, const sr_tokens *t, sr_arena *a, sr_match **out,
                    size_t *n)
{
    if (!lex || !t || !a || !out || !n)
        return SR_ERR_ARG;
    *out = NULL;
    *n = 0;
    sr_match *m = NULL;
    size_t nm = 0, cap = 0;
    char key[SCAN_KEY_MAX];
    size_t i = 0;
    while (i < t->n) {
        size_t klen = 0, best_end = 0, best_n = 0;
        const sr_lex_hit *best = NULL;
        uint32_t h = SR_LEXF_HASH_INIT;
        for (size_t j = i; j < t->n && j - i < lex->max_tokens; j++) {
            const sr_token *tk = &t->tok[j];
            size_t fl = tk->fold_len;
            if (fl == 0 || (j > i && (tk->flags & (SR_TOK_SENT | SR_TOK_PARA))))
                break;
            if (klen + 1 + fl >= sizeof key)
                break;
            if (j > i) {
                key[klen++] = ' ';
                h = sr_lexf_hash_more(h, " ", 1);
            }
            memcpy(key + klen, sr_tok_fold(t, j), fl);
            h = sr_lexf_hash_more(h, key + klen, fl);
            klen += fl;
            const lexf_slot *s = find_slot(lex, sr_lexf_hash_final(h), key, klen);
            if (!s)
                break; /* no phrase starts with these tokens */
            const sr_lex_hit *hits;
            size_t nh = slot_hits(lex, s, &hits);
            if (nh) {
                best = hits;
                best_n = nh;
                best_end = j + 1;
            }
        }
        if (!best) {
            i++;
            continue;
        }
        if (nm + best_n > cap) {
            sr_match *g = sr_arena_grow(a, m, sizeof *m, &cap, nm + best_n);
            if (!g)
                return SR_ERR_NOMEM;
            m = g;
        }
        for (size_t k = 0; k < best_n; k++) {
            m[nm].tok_begin = (uint32_t)i;
            m[nm].tok_end = (uint32_t)best_end;
            m[nm].hit = best[k];
            nm++;
        }
        i = best_end;
    }
    *out = m;
    *n = nm;
    return SR_OK;
}
