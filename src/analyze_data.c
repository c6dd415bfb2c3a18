/* analyze_data.c — the in-memory event set: names, events, filters, suggestions. */
#include "analyze.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"

static const char *const type_names[SR_AN__TYPES] = {
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
    "Riots", "Strategic developments", "Other",
};

const char *sr_an_type_name(int type)
{
    if (type < 0 || type >= SR_AN__TYPES)
        return "Other";
    return type_names[type];
}

int sr_an_type_parse(const char *name)
{
    static const struct {
        const char *alias;
        int type;
    } aliases[] = {
        {"battle", SR_AN_BATTLES},           {"battles", SR_AN_BATTLES},
        {"explosions", SR_AN_EXPLOSIONS},    {"remote violence", SR_AN_EXPLOSIONS},
        {"explosions/remote violence", SR_AN_EXPLOSIONS},
        {"vac", SR_AN_VAC},                  {"violence against civilians", SR_AN_VAC},
        {"protest", SR_AN_PROTESTS},         {"protests", SR_AN_PROTESTS},
        {"riot", SR_AN_RIOTS},               {"riots", SR_AN_RIOTS},
        {"strategic", SR_AN_STRATEGIC},      {"strategic developments", SR_AN_STRATEGIC},
    };
    if (!name)
        return -1;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcasecmp(name, aliases[i].alias) == 0)
            return aliases[i].type;
    return -1;
}

unsigned sr_an_origin_parse(const char *name)
{
    if (!name || !*name || strcmp(name, "extracted") == 0)
        return name && *name ? SR_AN_ORIGIN_EXTRACTED : 0;
    if (strcmp(name, "ucdp") == 0)
        return SR_AN_ORIGIN_UCDP;
    if (strcmp(name, "import") == 0)
        return SR_AN_ORIGIN_IMPORT;
    return 0;
}

const char *sr_an_origin_name(unsigned flag)
{
    switch (flag) {
    case SR_AN_ORIGIN_EXTRACTED: return "extracted";
    case SR_AN_ORIGIN_UCDP: return "ucdp";
    case SR_AN_ORIGIN_IMPORT: return "import";
    default: return "";
    }
}

const char *sr_an_country_name(const char *cc)
{
    static const char *const names[][2] = {
        {"ML", "Mali"},         {"BF", "Burkina Faso"}, {"NE", "Niger"},   {"NG", "Nigeria"},
        {"TD", "Chad"},         {"MR", "Mauritania"},   {"SN", "Senegal"}, {"GN", "Guinea"},
        {"CI", "Côte d'Ivoire"}, {"GH", "Ghana"},       {"TG", "Togo"},    {"BJ", "Benin"},
        {"DZ", "Algeria"},      {"LY", "Libya"},        {"CM", "Cameroon"}, {"SD", "Sudan"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(cc, names[i][0]) == 0)
            return names[i][1];
    return cc;
}

/* ---- names -------------------------------------------------------------- */

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h;
}

static int names_rehash(sr_an_names *t, size_t n_slots)
{
    uint32_t *slot = calloc(n_slots, sizeof *slot);
    if (!slot)
        return SR_ERR_NOMEM;
    for (size_t i = 0; i < t->n; i++) {
        size_t j = (size_t)hash_str(t->str[i]) & (n_slots - 1);
        while (slot[j])
            j = (j + 1) & (n_slots - 1);
        slot[j] = (uint32_t)i + 1;
    }
    free(t->slot);
    t->slot = slot;
    t->n_slots = n_slots;
    return SR_OK;
}

uint32_t sr_an_find(const sr_an_names *t, const char *s)
{
    if (!s || !*s || !t->n_slots)
        return SR_AN_NONE;
    size_t j = (size_t)hash_str(s) & (t->n_slots - 1);
    while (t->slot[j]) {
        uint32_t id = t->slot[j] - 1;
        if (strcmp(t->str[id], s) == 0)
            return id;
        j = (j + 1) & (t->n_slots - 1);
    }
    return SR_AN_NONE;
}

uint32_t sr_an_find_nocase(const sr_an_names *t, const char *s)
{
    uint32_t id = sr_an_find(t, s);
    if (id != SR_AN_NONE || !s || !*s)
        return id;
    for (size_t i = 0; i < t->n; i++)
        if (strcasecmp(t->str[i], s) == 0)
            return (uint32_t)i;
    return SR_AN_NONE;
}

int sr_an_intern(sr_an_names *t, const char *s, uint32_t *id)
{
    if (!s || !*s) {
        *id = SR_AN_NONE;
        return SR_OK;
    }
    uint32_t found = sr_an_find(t, s);
    if (found != SR_AN_NONE) {
        *id = found;
        return SR_OK;
    }
    if (t->n + 1 >= SR_AN_NONE)
        return SR_ERR_TOOBIG;
    if ((t->n + 1) * 2 > t->n_slots) {
        int rc = names_rehash(t, t->n_slots ? t->n_slots * 2 : 64);
        if (rc)
            return rc;
    }
    if (sr_an_reserve(&t->str, &t->cap, t->n, sizeof *t->str, 32) != SR_OK)
        return SR_ERR_NOMEM;
    char *copy = strdup(s);
    if (!copy)
        return SR_ERR_NOMEM;
    t->str[t->n] = copy;
    size_t j = (size_t)hash_str(s) & (t->n_slots - 1);
    while (t->slot[j])
        j = (j + 1) & (t->n_slots - 1);
    t->slot[j] = (uint32_t)t->n + 1;
    *id = (uint32_t)t->n++;
    return SR_OK;
}

const char *sr_an_str(const sr_an_names *t, uint32_t id)
{
    return id < t->n ? t->str[id] : "";
}

static void names_free(sr_an_names *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->str[i]);
    free(t->str);
    free(t->slot);
    memset(t, 0, sizeof *t);
}

/* ---- events --------------------------------------------------------------- */

void sr_an_data_init(sr_an_data *d)
{
    memset(d, 0, sizeof *d);
}

void sr_an_data_free(sr_an_data *d)
{
    free(d->ev);
    names_free(&d->regions);
    names_free(&d->actors);
    memset(d, 0, sizeof *d);
}

static int type_of(const char *event_type)
{
    /* The stored names first, compared exactly: this runs for every row. */
    for (int k = 0; event_type && k < SR_AN_OTHER; k++)
        if (event_type[0] == type_names[k][0] && strcmp(event_type, type_names[k]) == 0)
            return k;
    int t = sr_an_type_parse(event_type);
    return t < 0 ? SR_AN_OTHER : t;
}

int sr_an_add_event(sr_an_data *d, const sr_an_fields *f, sr_error *err)
{
    sr_an_event e;
    memset(&e, 0, sizeof e);
    int32_t day;
    if (!f->date || sr_date_parse_iso(f->date, &day) != SR_OK)
        return sr_error_set(err, SR_ERR_FORMAT, "event %lld: bad date '%s'",
                            (long long)f->id, f->date ? f->date : "");
    e.id = f->id;
    e.day = day;
    e.fatalities = f->fatalities > 0 ? f->fatalities : 0;
    e.fat_low = f->fat_low > 0 ? f->fat_low : e.fatalities;
    e.fat_high = f->fat_high > 0 ? f->fat_high : e.fatalities;
    e.lat = isfinite(f->lat) ? (float)f->lat : NAN;
    e.lon = isfinite(f->lon) ? (float)f->lon : NAN;
    if (f->country && strlen(f->country) == 2) {
        e.country[0] = (char)toupper((unsigned char)f->country[0]);
        e.country[1] = (char)toupper((unsigned char)f->country[1]);
    }
    e.type = (uint8_t)type_of(f->event_type);
    unsigned o = sr_an_origin_parse(f->origin);
    e.origin = (uint8_t)(o ? o : SR_AN_ORIGIN_EXTRACTED);
    e.status = (uint8_t)(f->status >= 0 && f->status <= 4 ? f->status : 0);
    e.precision = (uint8_t)(f->precision >= 1 && f->precision <= 3 ? f->precision : 1);
    int rc = sr_an_intern(&d->regions, f->admin1, &e.admin1);
    if (!rc)
        rc = sr_an_intern(&d->actors, f->actor1, &e.actor1);
    if (!rc)
        rc = sr_an_intern(&d->actors, f->actor2, &e.actor2);
    if (rc)
        return sr_error_set(err, rc, "event %lld: %s", (long long)f->id, sr_strerror(rc));
    if (sr_an_reserve(&d->ev, &d->cap, d->n, sizeof *d->ev, 1024) != SR_OK)
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory for %zu events", d->n + 1);
    d->ev[d->n++] = e;
    return SR_OK;
}

static int cmp_event(const void *a, const void *b)
{
    const sr_an_event *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

/* Sorts by day with a stable counting sort (days span a few thousand
 * values), then orders each day by id where it is not already. */
static int sort_by_day(sr_an_data *d)
{
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    for (size_t i = 0; i < d->n; i++) {
        if (d->ev[i].day < lo)
            lo = d->ev[i].day;
        if (d->ev[i].day > hi)
            hi = d->ev[i].day;
    }
    size_t span = (size_t)((int64_t)hi - lo + 1);
    if (span > 400000)
        return -1;
    size_t *start = calloc(span + 1, sizeof *start);
    sr_an_event *out = malloc(d->n * sizeof *out);
    if (!start || !out) {
        free(start);
        free(out);
        return -1;
    }
    for (size_t i = 0; i < d->n; i++)
        start[d->ev[i].day - lo + 1]++;
    for (size_t k = 1; k <= span; k++)
        start[k] += start[k - 1];
    for (size_t i = 0; i < d->n; i++)
        out[start[d->ev[i].day - lo]++] = d->ev[i];
    free(start);
    free(d->ev);
    d->ev = out;
    d->cap = d->n;
    for (size_t i = 0; i < d->n;) {
        size_t j = i + 1;
        int sorted = 1;
        for (; j < d->n && d->ev[j].day == d->ev[i].day; j++)
            if (d->ev[j].id < d->ev[j - 1].id)
                sorted = 0;
        if (!sorted)
            qsort(d->ev + i, j - i, sizeof *d->ev, cmp_event);
        i = j;
    }
    return 0;
}

void sr_an_sort(sr_an_data *d)
{
    int sorted = 1;
    for (size_t i = 1; i < d->n && sorted; i++)
        if (cmp_event(&d->ev[i - 1], &d->ev[i]) > 0)
            sorted = 0;
    if (!sorted && sort_by_day(d) != 0)
        qsort(d->ev, d->n, sizeof *d->ev, cmp_event);
}

/* ---- a 64-bit key map ---------------------------------------------------------- */

static size_t map_slot(uint64_t key, size_t cap)
{
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdull;
    key ^= key >> 33;
    return (size_t)key & (cap - 1);
}

int sr_an_reserve(void *arr, size_t *cap, size_t n, size_t sz, size_t first)
{
    void **p = arr;
    if (n < *cap)
        return SR_OK;
    size_t nc = *cap ? *cap * 2 : first;
    if (nc <= n)
        nc = n + 1;
    if (!sz || nc > SIZE_MAX / sz)
        return SR_ERR_NOMEM;
    void *np = realloc(*p, nc * sz);
    if (!np)
        return SR_ERR_NOMEM;
    *p = np;
    *cap = nc;
    return SR_OK;
}

int sr_an_map_put(sr_an_map *m, uint64_t key, uint32_t val)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        uint64_t *k = malloc(cap * sizeof *k);
        uint32_t *v = malloc(cap * sizeof *v);
        if (!k || !v) {
            free(k);
            free(v);
            return SR_ERR_NOMEM;
        }
        for (size_t i = 0; i < cap; i++)
            v[i] = SR_AN_NONE;
        for (size_t i = 0; i < m->cap; i++) {
            if (m->val[i] == SR_AN_NONE)
                continue;
            size_t j = map_slot(m->key[i], cap);
            while (v[j] != SR_AN_NONE)
                j = (j + 1) & (cap - 1);
            k[j] = m->key[i];
            v[j] = m->val[i];
        }
        free(m->key);
        free(m->val);
        m->key = k;
        m->val = v;
        m->cap = cap;
    }
    size_t j = map_slot(key, m->cap);
    while (m->val[j] != SR_AN_NONE && m->key[j] != key)
        j = (j + 1) & (m->cap - 1);
    if (m->val[j] == SR_AN_NONE)
        m->n++;
    m->key[j] = key;
    m->val[j] = val;
    return SR_OK;
}

uint32_t sr_an_map_get(const sr_an_map *m, uint64_t key)
{
    if (!m->cap)
        return SR_AN_NONE;
    size_t j = map_slot(key, m->cap);
    while (m->val[j] != SR_AN_NONE) {
        if (m->key[j] == key)
            return m->val[j];
        j = (j + 1) & (m->cap - 1);
    }
    return SR_AN_NONE;
}

void sr_an_map_free(sr_an_map *m)
{
    free(m->key);
    free(m->val);
    memset(m, 0, sizeof *m);
}

uint64_t sr_an_region_key(const char country[3], uint32_t admin1)
{
    return ((uint64_t)(unsigned char)country[0] << 40) |
           ((uint64_t)(unsigned char)country[1] << 32) | admin1;
}

/* ---- filters ---------------------------------------------------------------- */

void sr_an_filter_init(sr_an_filter *f)
{
    memset(f, 0, sizeof *f);
    f->admin1 = SR_AN_NONE;
    f->actor = SR_AN_NONE;
    f->target = SR_AN_NONE;
    f->since = SR_AN_DAY_MIN;
    f->until = SR_AN_DAY_MAX;
}

int sr_an_match(const sr_an_filter *f, const sr_an_event *e)
{
    if (e->day < f->since || e->day > f->until)
        return 0;
    if (f->country[0] && (e->country[0] != f->country[0] || e->country[1] != f->country[1]))
        return 0;
    if (f->admin1 != SR_AN_NONE && e->admin1 != f->admin1)
        return 0;
    if (f->actor != SR_AN_NONE && e->actor1 != f->actor && e->actor2 != f->actor)
        return 0;
    if (f->target != SR_AN_NONE && e->actor2 != f->target)
        return 0;
    if (f->types && !(f->types & (1u << e->type)))
        return 0;
    if (f->origins && !(f->origins & e->origin))
        return 0;
    return 1;
}

/* ---- suggestions ---------------------------------------------------------------- */

size_t sr_an_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (lb > 255)
        lb = 255;
    size_t row[256];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            int same = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]);
            size_t best = diag + (same ? 0 : 1);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

static int contains_nocase(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return 1;
    return 0;
}

size_t sr_an_suggest(const sr_an_names *t, const char *query, uint32_t *out, size_t max)
{
    size_t dist[16];
    size_t n = 0;
    if (max > 16)
        max = 16;
    if (!query || !max)
        return 0;
    size_t ql = strlen(query);
    for (size_t i = 0; i < t->n; i++) {
        size_t dd = sr_an_edit_distance(query, t->str[i]);
        /* A query that is a prefix or part of a name is close whatever the
         * length of the rest ("Mali" for "Military Forces of Mali"). */
        if (ql >= 3 && contains_nocase(t->str[i], query))
            dd = dd < 2 ? dd : 2;
        /* A misspelt beginning of a longer name ("Wagnr" for "Wagner Group"). */
        if (ql >= 4 && strlen(t->str[i]) > ql && ql < 128) {
            char head[128];
            memcpy(head, t->str[i], ql);
            head[ql] = '\0';
            size_t hd = sr_an_edit_distance(query, head) + 1;
            if (hd < dd)
                dd = hd;
        }
        size_t limit = ql / 2 + 2;
        if (dd > limit)
            continue;
        size_t k = n < max ? n++ : max;
        if (k == max && dd >= dist[max - 1])
            continue;
        if (k == max)
            k = max - 1;
        while (k > 0 && dist[k - 1] > dd) {
            dist[k] = dist[k - 1];
            out[k] = out[k - 1];
            k--;
        }
        dist[k] = dd;
        out[k] = (uint32_t)i;
    }
    return n;
}
