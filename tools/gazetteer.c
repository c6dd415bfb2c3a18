/* gazetteer.c — derives data/admin1.tsv and data/places.tsv from GeoNames.
 *
 *   sitrep-gazetteer GEONAMES_DIR DATA_DIR [WORDLIST]
 *
 * Reads admin1CodesASCII.txt, cities15000.txt and the country dumps ML.txt,
 * BF.txt and NE.txt from GEONAMES_DIR (GeoNames dump format, no header) and
 * DATA_DIR/place_stopwords.txt, and writes DATA_DIR/admin1.tsv and
 * DATA_DIR/places.tsv (formats in data/README.md):
 *
 *   admin1.tsv  every first-level region: the ASCII name (or the usual English
 *               name of the rename table below), aliases (the UTF-8
 *               name, the name with and without "Region", "Province",
 *               "State", "Governorate" ..., French "Région de X" forms in
 *               French-speaking countries, and the English forms of the
 *               table below), coordinates of the ADM1 feature where a country
 *               dump has it, else the mean of the region's cities15000 entries.
 *   places.tsv  every populated place (class P) and ADM2/ADM3 division of the
 *               country dumps, every city of cities15000, and a few places of
 *               conflict reporting the dumps lack (table below), with the
 *               Latin-script alternate names as aliases, de-duplicated after
 *               folding.  Names and aliases that fold to a stopword or to
 *               fewer than three bytes are dropped, and so is a place left
 *               with no usable name.  With WORDLIST (one word a line, e.g.
 *               /usr/share/dict/words from Debian's wamerican), alternate
 *               names that are lower-case words of it are dropped too: GeoNames
 *               lists "Summit" for Beaumont and "Side" for Fatsa.  Primary
 *               names are kept (Shanghai and Muscat are words too).
 *
 * The output is sorted (admin1 by code, places by country then geonameid), so
 * running the tool twice gives the same files.  Run by hand; the outputs are
 * committed so a build needs no GeoNames files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"

/* ---- growable arrays and a string set ------------------------------------- */

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "sitrep-gazetteer: out of memory\n");
        exit(1);
    }
    return q;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = xrealloc(NULL, n);
    memcpy(p, s, n);
    return p;
}

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 16777619u;
    }
    return h ^ (h >> 15);
}

typedef struct strset {
    char **slot;
    size_t cap, n;
} strset;

static int strset_has(const strset *s, const char *k)
{
    if (!s->cap)
        return 0;
    for (size_t i = hash_str(k) & (s->cap - 1); s->slot[i]; i = (i + 1) & (s->cap - 1))
        if (strcmp(s->slot[i], k) == 0)
            return 1;
    return 0;
}

static void strset_add(strset *s, const char *k)
{
    if (strset_has(s, k))
        return;
    if ((s->n + 1) * 2 > s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 1024;
        char **ns = xrealloc(NULL, nc * sizeof *ns);
        memset(ns, 0, nc * sizeof *ns);
        for (size_t i = 0; i < s->cap; i++)
            if (s->slot[i]) {
                size_t j = hash_str(s->slot[i]) & (nc - 1);
                while (ns[j])
                    j = (j + 1) & (nc - 1);
                ns[j] = s->slot[i];
            }
        free(s->slot);
        s->slot = ns;
        s->cap = nc;
    }
    size_t i = hash_str(k) & (s->cap - 1);
    while (s->slot[i])
        i = (i + 1) & (s->cap - 1);
    s->slot[i] = xstrdup(k);
    s->n++;
}

static void strset_free(strset *s)
{
    for (size_t i = 0; i < s->cap; i++)
        free(s->slot[i]);
    free(s->slot);
}

/* ---- keys and name filters ---------------------------------------------------- */

typedef struct ctx {
    sr_arena arena;
    strset stop;  /* folded stopwords */
    strset words; /* folded dictionary words: not taken as alternate names */
    strset town;  /* "CC\tkey" of every city of 15,000+ */
    strset town_in; /* "CC\tkey\tadmin1" of the same */
} ctx;

/* The folded key of s in a static-lifetime buffer of the caller, "" if none. */
static void key_of(ctx *c, const char *s, char *out, size_t cap)
{
    sr_arena_reset(&c->arena);
    char *k;
    size_t len;
    size_t bad;
    out[0] = '\0';
    if (sr_utf8_validate(s, strlen(s), &bad) != SR_OK)
        return;
    if (sr_lexicon_make_key(&c->arena, s, strlen(s), &k, &len, NULL) != SR_OK)
        return;
    if (len < cap)
        memcpy(out, k, len + 1);
}

/* A name may become a phrase: its key is 3+ bytes and not a stopword. */
static int usable(ctx *c, const char *name, char *key, size_t cap)
{
    key_of(c, name, key, cap);
    return strlen(key) >= 3 && !strset_has(&c->stop, key);
}

/* Latin script only: ASCII letters, Latin-1 and Latin Extended letters,
 * combining accents, spaces, hyphens, apostrophes and periods; no digits,
 * no all-capital codes of four letters or fewer ("BKO"), and at least one
 * capital (GeoNames' all-lower-case forms are machine transliterations such
 * as "an dao er cheng"). */
static int latin_name(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t letters = 0, upper = 0;
    while (*p) {
        unsigned cp;
        int len;
        if (*p < 0x80) {
            cp = *p;
            len = 1;
        } else if ((*p & 0xE0) == 0xC0 && p[1]) {
            cp = ((unsigned)(*p & 0x1F) << 6) | (p[1] & 0x3F);
            len = 2;
        } else if ((*p & 0xF0) == 0xE0 && p[1] && p[2]) {
            cp = ((unsigned)(*p & 0x0F) << 12) | ((unsigned)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
            len = 3;
        } else {
            return 0;
        }
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
            letters++;
            if (cp <= 'Z')
                upper++;
        } else if (cp == ' ' || cp == '-' || cp == '\'' || cp == '.') {
            /* separators */
        } else if ((cp >= 0xC0 && cp < 0x250 && cp != 0xD7 && cp != 0xF7) ||
                   (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x300 && cp <= 0x36F) ||
                   cp == 0x2019 || cp == 0x2BB || cp == 0x2BC) {
            letters++;
        } else {
            return 0;
        }
        p += len;
    }
    if (letters == 0 || upper == 0) /* all lower case: machine transliterations */
        return 0;
    if (letters <= 4 && upper == letters)
        return 0;
    return 1;
}

/* ---- reading GeoNames dumps ------------------------------------------------------- */

enum { NCOL = 19 };

/* Splits line at tabs into col (at most n); returns the count. */
static size_t split_tabs(char *line, char **col, size_t n)
{
    size_t k = 0;
    char *p = line;
    while (k < n) {
        col[k++] = p;
        char *t = strchr(p, '\t');
        if (!t)
            break;
        *t = '\0';
        p = t + 1;
    }
    return k;
}

static FILE *open_in(const char *dir, const char *name, int required)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f && required) {
        fprintf(stderr, "sitrep-gazetteer: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    if (!f)
        fprintf(stderr, "sitrep-gazetteer: %s: %s (skipped)\n", path, strerror(errno));
    return f;
}

static void chomp(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
}

/* ---- admin1 --------------------------------------------------------------------------- */

typedef struct admin1 {
    char cc[3];
    char *code, *name, *ascii;
    double lat, lon;
    int have_feature; /* coordinates from the ADM1 feature */
    double sum_lat, sum_lon;
    int n_cities;
} admin1;

typedef struct admin1_tab {
    admin1 *a;
    size_t n, cap;
} admin1_tab;

static admin1 *admin1_find(admin1_tab *t, const char *cc, const char *code)
{
    for (size_t i = 0; i < t->n; i++) /* 4,000 rows: a scan is fast enough */
        if (strcmp(t->a[i].cc, cc) == 0 && strcmp(t->a[i].code, code) == 0)
            return &t->a[i];
    return NULL;
}

/* Well-known English (or other common) forms of region names. */
static const struct {
    const char *code;
    const char *aliases;
} admin1_extra[] = {
    {"ML.08", "Timbuktu|Timbuktu Region|Tombouctou Region|Région de Tombouctou"},
    {"ML.05", "Segou Region|Région de Ségou"},
    {"ML.12070575", "Taoudeni|Taoudenni|Taoudeni Region|Région de Taoudénit"},
    {"ML.12070577", "Menaka Region|Région de Ménaka"},
    {"ML.01", "Bamako District|District de Bamako|Bamako Capital District"},
    {"NE.09", "Tillabery|Tillabéry|Tillaberi Region|Tillabéri Region|Région de Tillabéri"},
    {"NE.01", "Agades"},
    {"NE.08", "Niamey Capital District|Niamey Urban Community"},
    {"BF.01", "Mouhoun|Boucle du Mouhoun Region|Région de la Boucle du Mouhoun"},
    {"BF.02", "Cascades Region|Région des Cascades"},
    {"BF.03", "Centre Region|Région du Centre"},
    {"BF.04", "Centre-Est Region|Région du Centre-Est"},
    {"BF.05", "Centre-Nord Region|Centre Nord|Région du Centre-Nord"},
    {"BF.06", "Centre-Ouest Region|Centre Ouest|Région du Centre-Ouest"},
    {"BF.07", "Centre-Sud Region|Centre Sud|Région du Centre-Sud"},
    {"BF.08", "Est Region|East Region|Région de l'Est|Eastern Region"},
    {"BF.09", "Hauts Bassins|Hauts-Bassins Region|Région des Hauts-Bassins"},
    {"BF.10", "Nord Region|North Region|Région du Nord"},
    {"BF.11", "Plateau Central|Plateau-Central Region|Région du Plateau-Central"},
    {"BF.12", "Sahel Region|Région du Sahel"},
    {"BF.13", "Sud-Ouest Region|South-West Region|Southwest Region|Région du Sud-Ouest"},
    {"SD.55", "North Darfur|Shamal Darfur|North Darfur State"},
    {"SD.49", "South Darfur|Janub Darfur|South Darfur State"},
    {"SD.47", "West Darfur|Gharb Darfur|West Darfur State"},
    {"SD.60", "East Darfur|Sharq Darfur|East Darfur State"},
    {"SD.61", "Wasat Darfur|Central Darfur State"},
    {"SD.50", "South Kordofan|South Kordofan State|Janub Kurdufan"},
    {"SD.62", "West Kordofan"},
    {"SD.56", "Northern Kordofan|North Kordofan State|Shamal Kurdufan"},
    {"SD.38", "Gezira|El Gezira|Al Gezira|Gezira State|Al Jazeera State"},
    {"SD.39", "Gedaref|El Gedaref|Al Qadarif|Qadarif|Gedaref State"},
    {"SD.58", "Sennar|Sennar State"},
    {"SD.53", "Nahr an Nil|River Nile State"},
    {"SD.41", "White Nile State"},
    {"SD.42", "Blue Nile State"},
    {"SD.29", "Khartoum State"},
    {"SD.52", "Kassala State"},
    {"SD.36", "Red Sea State"},
    {"SO.02", "Benadir|Banadir|Banaadir Region|Benadir Region"},
    {"SO.14", "Lower Shabelle|Shabeellaha Hoose"},
    {"SO.13", "Middle Shabelle|Shabeellaha Dhexe"},
    {"SO.07", "Hiran|Hiraan"},
    {"SO.09", "Jubbada Hoose"},
    {"SO.08", "Jubbada Dhexe"},
    {"SO.05", "Galgadud|Galgaduud"},
    {"SO.18", "Nugal"},
    {"SO.20", "Maroodi Jeex|Woqooyi Galbeed Region"},
    {"CD.11", "North Kivu|Nord-Kivu|North Kivu Province"},
    {"CD.12", "Sud Kivu|Sud-Kivu|South Kivu Province"},
    {"CD.08", "Kongo Central|Kongo-Central"},
    {"CD.17", "Ituri Province"},
    {"CM.12", "Extreme North|Extrême-Nord|Far North Region|Far North Province"},
    {"CM.07", "Northwest|Northwest Region|North-West Region|Nord-Ouest"},
    {"CM.09", "Southwest|Southwest Region|South-West Region|Sud-Ouest"},
    {"NG.11", "Federal Capital Territory|Abuja Federal Capital Territory"},
    {"NG.56", "Nasarawa|Nasarawa State"},
    {"NG.31", "Niger State"},
    {"NG.50", "Rivers State"},
    {"NG.49", "Plateau State"},
    {"NG.36", "Delta State"},
    {"IQ.01", "Anbar|Anbar Governorate"},
    {"IQ.15", "Ninawa|Ninewa|Nineveh Governorate"},
    {"IQ.18", "Salahuddin|Salah al-Din|Saladin|Salah al Din"},
    {"IQ.11", "Erbil|Erbil Governorate"},
    {"IQ.17", "Najaf"},
    {"IQ.12", "Karbala"},
    {"IQ.04", "Qadisiyah|Diwaniyah"},
    {"IQ.06", "Babylon"},
    {"IQ.05", "Sulaimaniyah|Slemani|Sulaymaniyah Governorate"},
    {"IQ.03", "Muthanna"},
    {"SY.13", "Damascus|Damascus Governorate"},
    {"SY.08", "Rif Dimashq|Rural Damascus|Damascus Countryside"},
    {"SY.07", "Deir ez Zor|Deir al-Zor|Deir Ezzor|Deir el-Zour"},
    {"SY.04", "Raqqa|Raqqah|Raqqa Governorate"},
    {"SY.01", "Hasakah|Hasaka|Al-Hasakah Governorate"},
    {"SY.05", "Suwayda|Sweida"},
    {"SY.06", "Deraa|Dara'a"},
    {"ET.51", "Oromia|Oromia Region"},
    {"ET.47", "Benishangul-Gumuz|Benishangul Gumuz"},
    {"ET.54", "Southern Nations, Nationalities, and Peoples' Region"},
    {"TD.12", "Ouaddai|Wadai"},
    {"TD.07", "Lac Province|Lake Chad Province"},
    {"MZ.01", "Cape Delgado|Cabo Delgado Province"},
};

/* Regions whose GeoNames name is not the one news and coders use; the
 * GeoNames name stays an alias. */
static const struct {
    const char *code, *name;
} admin1_rename[] = {
    {"SD.55", "North Darfur"},   {"SD.49", "South Darfur"},   {"SD.47", "West Darfur"},
    {"SD.60", "East Darfur"},    {"SD.50", "South Kordofan"}, {"SD.62", "West Kordofan"},
    {"MM.10", "Sagaing"},        {"CD.11", "North Kivu"},
};

/* Countries whose regions are often written in French. */
static int francophone(const char *cc)
{
    static const char *const list[] = {"ML", "BF", "NE", "SN", "CI", "GN", "TD", "CM", "CF",
                                       "CD", "CG", "BJ", "TG", "GA", "MR", "BI", "RW", "MG",
                                       "DJ", "KM", "HT", "FR"};
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
        if (strcmp(cc, list[i]) == 0)
            return 1;
    return 0;
}

static const char *const region_words[] = {"Region", "Province", "State", "Governorate",
                                           "Oblast", "District", "Department", "Prefecture"};

/* Collects distinct usable alternatives (by key) into out, '|'-joined. */
typedef struct altlist {
    char *buf;
    size_t len, cap;
    char **keys;
    size_t n, kcap;
} altlist;

static void alt_reset(altlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->keys[i]);
    l->n = 0;
    l->len = 0;
    if (l->buf)
        l->buf[0] = '\0';
}

/* Records key as seen without adding text (for the record's own name). */
static void alt_seen(altlist *l, const char *key)
{
    if (l->n == l->kcap) {
        l->kcap = l->kcap ? l->kcap * 2 : 16;
        l->keys = xrealloc(l->keys, l->kcap * sizeof *l->keys);
    }
    l->keys[l->n++] = xstrdup(key);
}

static void alt_add(ctx *c, altlist *l, const char *name)
{
    char key[512];
    if (!usable(c, name, key, sizeof key) || strchr(name, '|') || strchr(name, '\t'))
        return;
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->keys[i], key) == 0)
            return;
    alt_seen(l, key);
    size_t n = strlen(name);
    if (l->len + n + 2 > l->cap) {
        l->cap = (l->len + n + 2) * 2;
        l->buf = xrealloc(l->buf, l->cap);
    }
    if (l->len)
        l->buf[l->len++] = '|';
    memcpy(l->buf + l->len, name, n);
    l->len += n;
    l->buf[l->len] = '\0';
}

static const char *alt_str(const altlist *l)
{
    return l->len ? l->buf : "";
}

/* Whether a region's name with "Province" (...) stripped would be taken for
 * a city of another region: "Maputo" for Maputo Province, when the city of
 * Maputo is in Maputo City. */
static int names_other_town(ctx *c, const char *stripped, const char *cc, const char *code)
{
    char key[512], k[600];
    key_of(c, stripped, key, sizeof key);
    snprintf(k, sizeof k, "%s\t%s", cc, key);
    if (!strset_has(&c->town, k))
        return 0;
    snprintf(k, sizeof k, "%s\t%s\t%s", cc, key, code);
    return !strset_has(&c->town_in, k);
}

/* Adds name, and name with each region word stripped or (if it has none)
 * appended. */
static void admin1_forms(ctx *c, altlist *l, const char *name, const char *cc, const char *code)
{
    char buf[512];
    alt_add(c, l, name);
    size_t n = strlen(name);
    int had = 0;
    for (size_t i = 0; i < sizeof region_words / sizeof region_words[0]; i++) {
        size_t w = strlen(region_words[i]);
        if (n > w + 1 && name[n - w - 1] == ' ' && strcmp(name + n - w, region_words[i]) == 0) {
            snprintf(buf, sizeof buf, "%.*s", (int)(n - w - 1), name);
            if (!names_other_town(c, buf, cc, code))
                alt_add(c, l, buf);
            had = 1;
        }
    }
    if (!had) {
        snprintf(buf, sizeof buf, "%s Region", name);
        alt_add(c, l, buf);
        snprintf(buf, sizeof buf, "%s Province", name);
        alt_add(c, l, buf);
        if (!strcmp(cc, "NG") || !strcmp(cc, "SD") || !strcmp(cc, "SS") || !strcmp(cc, "US") ||
            !strcmp(cc, "IN") || !strcmp(cc, "MX") || !strcmp(cc, "BR") || !strcmp(cc, "MY") ||
            !strcmp(cc, "AU") || !strcmp(cc, "VE") || !strcmp(cc, "MM")) {
            snprintf(buf, sizeof buf, "%s State", name);
            alt_add(c, l, buf);
        }
        if (!strcmp(cc, "IQ") || !strcmp(cc, "SY") || !strcmp(cc, "EG") || !strcmp(cc, "YE") ||
            !strcmp(cc, "JO") || !strcmp(cc, "LB") || !strcmp(cc, "PS") || !strcmp(cc, "TN") ||
            !strcmp(cc, "KW") || !strcmp(cc, "BH") || !strcmp(cc, "OM") || !strcmp(cc, "LY")) {
            snprintf(buf, sizeof buf, "%s Governorate", name);
            alt_add(c, l, buf);
        }
        if (!strcmp(cc, "UA") || !strcmp(cc, "RU") || !strcmp(cc, "KZ") || !strcmp(cc, "KG") ||
            !strcmp(cc, "BY")) {
            snprintf(buf, sizeof buf, "%s Oblast", name);
            alt_add(c, l, buf);
        }
        if (francophone(cc)) {
            snprintf(buf, sizeof buf, "Région de %s", name);
            alt_add(c, l, buf);
            snprintf(buf, sizeof buf, "Region de %s", name);
            alt_add(c, l, buf);
        }
    }
}

static void read_admin1(const char *dir, admin1_tab *t)
{
    FILE *f = open_in(dir, "admin1CodesASCII.txt", 1);
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) >= 0) {
        chomp(line);
        char *col[4];
        if (split_tabs(line, col, 4) < 3)
            continue;
        char *dot = strchr(col[0], '.');
        if (!dot || dot - col[0] != 2)
            continue;
        if (t->n == t->cap) {
            t->cap = t->cap ? t->cap * 2 : 1024;
            t->a = xrealloc(t->a, t->cap * sizeof *t->a);
        }
        admin1 *a = &t->a[t->n++];
        memset(a, 0, sizeof *a);
        memcpy(a->cc, col[0], 2);
        a->code = xstrdup(dot + 1);
        a->name = xstrdup(col[1]);
        a->ascii = xstrdup(col[2]);
    }
    free(line);
    fclose(f);
}

/* ---- places -------------------------------------------------------------------------------- */

typedef struct place {
    unsigned long gid;
    char cc[3];
    char *admin1;
    const char *kind;
    char *lat, *lon;
    unsigned long population;
    char *name;
    char *aliases;
} place;

typedef struct place_tab {
    place *p;
    size_t n, cap;
    strset gids;
} place_tab;

static const char *const strip_prefix[] = {
    "Cercle de ",          "Cercle d'",          "Cercle d\u2019",     "Province du ",
    "Province de la ",     "Province de l'",     "Province de l\u2019", "Province des ",
    "Province de ",        "Département de ",    "Departement de ",    "Département du ",
    "Département d'",      "Département d\u2019", "Commune rurale de ", "Commune urbaine de ",
    "Commune de ",         "Commune d'",         "Commune d\u2019",    "Arrondissement de "};
static const char *const strip_suffix[] = {" Cercle", " Province", " Department",
                                           " Departement", " Commune", " Arrondissement"};

/* Adds a place from one dump row (col[0..18]). */
/* Adds to l the name written without its spaces and hyphens ("Bani Bangou"
 * -> "Banibangou"): Sahel village names are written both ways.  Only for
 * names of two or three words of which none is a single letter. */
static void add_joined(ctx *c, altlist *l, const char *name)
{
    char buf[256];
    size_t o = 0, words = 1, run = 0;
    for (const char *p = name; *p; p++) {
        if (*p == ' ' || *p == '-') {
            if (run < 2)
                return;
            words++;
            run = 0;
            continue;
        }
        if (o + 1 >= sizeof buf)
            return;
        /* "Bani Bangou" -> "Banibangou" */
        buf[o++] = (run == 0 && words > 1 && *p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p;
        run++;
    }
    if (words < 2 || words > 3 || run < 2)
        return;
    buf[o] = '\0';
    alt_add(c, l, buf);
}

static void add_place(ctx *c, place_tab *t, char **col, const char *kind, altlist *l)
{
    if (col[0][0] && strset_has(&t->gids, col[0]))
        return;
    alt_reset(l);
    char key[512];
    const char *name = NULL;
    /* the name, then the ASCII name, then the alternates */
    if (usable(c, col[1], key, sizeof key))
        name = col[1];
    alt_add(c, l, col[1]);
    alt_add(c, l, col[2]);
    const char *geonames_name = col[1];
    /* a division is named without "Province de", "Cercle" ... ("Oudalan",
     * "Douentza"); the full GeoNames name stays an alias */
    char bare[512] = "";
    if (strcmp(kind, "city") != 0) {
        for (size_t i = 0; i < sizeof strip_prefix / sizeof strip_prefix[0] && !bare[0]; i++) {
            size_t pn = strlen(strip_prefix[i]);
            if (strncmp(col[1], strip_prefix[i], pn) == 0 && col[1][pn])
                snprintf(bare, sizeof bare, "%s", col[1] + pn);
        }
        size_t n = strlen(col[1]);
        for (size_t i = 0; i < sizeof strip_suffix / sizeof strip_suffix[0] && !bare[0]; i++) {
            size_t sn = strlen(strip_suffix[i]);
            if (n > sn && strcmp(col[1] + n - sn, strip_suffix[i]) == 0)
                snprintf(bare, sizeof bare, "%.*s", (int)(n - sn), col[1]);
        }
        if (bare[0]) {
            alt_add(c, l, bare);
            if (usable(c, bare, key, sizeof key))
                name = bare;
        }
    }
    if (strcmp(col[8], "ML") == 0 || strcmp(col[8], "BF") == 0 || strcmp(col[8], "NE") == 0) {
        add_joined(c, l, col[1]);
        add_joined(c, l, col[2]);
    }
    char *alts = col[3];
    while (alts && *alts) {
        char *comma = strchr(alts, ',');
        if (comma)
            *comma = '\0';
        char k[512];
        if (latin_name(alts)) {
            key_of(c, alts, k, sizeof k);
            if (!strset_has(&c->words, k))
                alt_add(c, l, alts);
        }
        alts = comma ? comma + 1 : NULL;
    }
    if (l->n == 0)
        return; /* nothing a text could match */
    /* the record keeps its GeoNames name even when that is not a phrase; the
     * aliases column lists every usable form except the name itself */
    if (!name)
        name = geonames_name;
    /* the aliases column lists every usable form but the record's name */
    char *rest = xstrdup("");
    size_t rest_len = 0;
    char *all = xstrdup(alt_str(l));
    for (char *tok = strtok(all, "|"); tok; tok = strtok(NULL, "|")) {
        if (strcmp(tok, name) == 0)
            continue;
        size_t tl = strlen(tok);
        rest = xrealloc(rest, rest_len + tl + 2);
        if (rest_len)
            rest[rest_len++] = '|';
        memcpy(rest + rest_len, tok, tl + 1);
        rest_len += tl;
    }
    free(all);
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 4096;
        t->p = xrealloc(t->p, t->cap * sizeof *t->p);
    }
    place *p = &t->p[t->n++];
    p->gid = strtoul(col[0], NULL, 10);
    memcpy(p->cc, col[8], 2);
    p->cc[2] = '\0';
    p->admin1 = xstrdup(col[10]);
    p->kind = kind;
    p->lat = xstrdup(col[4]);
    p->lon = xstrdup(col[5]);
    p->population = strtoul(col[14], NULL, 10);
    p->name = xstrdup(name);
    p->aliases = rest;
    if (col[0][0])
        strset_add(&t->gids, col[0]);
}


static void read_dump(ctx *c, const char *dir, const char *file, int is_cities, place_tab *t,
                      admin1_tab *at, altlist *l)
{
    FILE *f = open_in(dir, file, is_cities);
    if (!f)
        return;
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) >= 0) {
        chomp(line);
        char *col[NCOL];
        if (split_tabs(line, col, NCOL) != NCOL)
            continue;
        const char *cls = col[6], *code = col[7];
        if (strlen(col[8]) != 2)
            continue;
        if (!is_cities && strcmp(code, "ADM1") == 0) {
            admin1 *a = admin1_find(at, col[8], col[10]);
            if (a && !a->have_feature) {
                a->lat = strtod(col[4], NULL);
                a->lon = strtod(col[5], NULL);
                a->have_feature = 1;
            }
            continue;
        }
        const char *kind = NULL;
        if (strcmp(cls, "P") == 0)
            kind = "city";
        else if (strcmp(cls, "A") == 0 && strcmp(code, "ADM2") == 0)
            kind = "admin2";
        else if (strcmp(cls, "A") == 0 && strcmp(code, "ADM3") == 0)
            kind = "admin3";
        if (!kind)
            continue;
        if (is_cities) {
            char key[512], k[600];
            key_of(c, col[1], key, sizeof key);
            snprintf(k, sizeof k, "%s\t%s", col[8], key);
            strset_add(&c->town, k);
            snprintf(k, sizeof k, "%s\t%s\t%s", col[8], key, col[10]);
            strset_add(&c->town_in, k);
            admin1 *a = admin1_find(at, col[8], col[10]);
            if (a) {
                a->sum_lat += strtod(col[4], NULL);
                a->sum_lon += strtod(col[5], NULL);
                a->n_cities++;
            }
        }
        add_place(c, t, col, kind, l);
    }
    free(line);
    fclose(f);
}

/* GeoNames gives many places of Mali and Burkina Faso the admin1 code "00"
 * (unknown).  Such a place of the country dumps takes the code of the
 * nearest place of its country whose code is known, when one lies within
 * half a degree; otherwise its admin1 stays unknown. */
static void infer_admin1(place_tab *t, admin1_tab *at)
{
    size_t fixed = 0, left = 0;
    for (size_t i = 0; i < t->n; i++) {
        place *p = &t->p[i];
        if (strcmp(p->cc, "ML") && strcmp(p->cc, "BF") && strcmp(p->cc, "NE"))
            continue;
        if (admin1_find(at, p->cc, p->admin1) || !p->lat[0] || !p->lon[0])
            continue;
        double la = strtod(p->lat, NULL), lo = strtod(p->lon, NULL);
        double best = 0.5 * 0.5;
        const place *near = NULL;
        for (size_t j = 0; j < t->n; j++) {
            const place *q = &t->p[j];
            if (j == i || strcmp(q->cc, p->cc) || !q->lat[0] || !q->lon[0])
                continue;
            double dla = strtod(q->lat, NULL) - la, dlo = strtod(q->lon, NULL) - lo;
            double d = dla * dla + dlo * dlo;
            if (d < best && admin1_find(at, q->cc, q->admin1)) {
                best = d;
                near = q;
            }
        }
        if (near) {
            free(p->admin1);
            p->admin1 = xstrdup(near->admin1);
            fixed++;
        } else {
            left++;
        }
    }
    fprintf(stderr, "sitrep-gazetteer: admin1 inferred for %zu places from the nearest coded "
                    "place; %zu left unknown\n",
            fixed, left);
}

static int cmp_place(const void *x, const void *y)
{
    const place *a = x, *b = y;
    int c = strcmp(a->cc, b->cc);
    if (c)
        return c;
    return a->gid < b->gid ? -1 : a->gid > b->gid;
}

static int cmp_admin1(const void *x, const void *y)
{
    const admin1 *a = x, *b = y;
    int c = strcmp(a->cc, b->cc);
    return c ? c : strcmp(a->code, b->code);
}

/* Adds every line of dir/name (dir NULL: name is a path) to set, folded;
 * lower_only keeps only lines without capitals (dictionary words, not
 * proper names). */
static void read_words(ctx *c, const char *dir, const char *name, strset *set, int lower_only)
{
    FILE *f = dir ? open_in(dir, name, 0) : fopen(name, "r");
    if (!f) {
        if (!dir) {
            fprintf(stderr, "sitrep-gazetteer: %s: %s\n", name, strerror(errno));
            exit(1);
        }
        return;
    }
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) >= 0) {
        chomp(line);
        if (!line[0] || line[0] == '#')
            continue;
        if (lower_only) {
            int upper = 0;
            for (const char *p = line; *p; p++)
                if ((*p >= 'A' && *p <= 'Z') || *p == '\'')
                    upper = 1;
            if (upper)
                continue;
        }
        char key[512];
        key_of(c, line, key, sizeof key);
        if (key[0])
            strset_add(set, key);
    }
    free(line);
    fclose(f);
}

static FILE *open_out(const char *dir, const char *name, char *tmp, size_t cap)
{
    snprintf(tmp, cap, "%s/%s.tmp", dir, name);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        fprintf(stderr, "sitrep-gazetteer: %s: %s\n", tmp, strerror(errno));
        exit(1);
    }
    return f;
}

static void close_out(FILE *f, const char *tmp, const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (ferror(f) | fclose(f) || rename(tmp, path) != 0) {
        fprintf(stderr, "sitrep-gazetteer: cannot write %s: %s\n", path, strerror(errno));
        remove(tmp);
        exit(1);
    }
}

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 4) {
        fprintf(stderr, "usage: sitrep-gazetteer GEONAMES_DIR DATA_DIR [WORDLIST]\n");
        return 2;
    }
    const char *gdir = argv[1], *ddir = argv[2];
    ctx c;
    memset(&c, 0, sizeof c);
    sr_arena_init(&c.arena);
    read_words(&c, ddir, "place_stopwords.txt", &c.stop, 0);
    if (argc == 4)
        read_words(&c, NULL, argv[3], &c.words, 1);

    admin1_tab at = {0};
    read_admin1(gdir, &at);
    place_tab pt;
    memset(&pt, 0, sizeof pt);
    altlist l;
    memset(&l, 0, sizeof l);
    static const char *const dumps[] = {"ML.txt", "BF.txt", "NE.txt"};
    for (size_t i = 0; i < 3; i++)
        read_dump(&c, gdir, dumps[i], 0, &pt, &at, &l);
    read_dump(&c, gdir, "cities15000.txt", 1, &pt, &at, &l);
    infer_admin1(&pt, &at);

    char tmp[4096];
    /* admin1.tsv */
    qsort(at.a, at.n, sizeof *at.a, cmp_admin1);
    FILE *f = open_out(ddir, "admin1.tsv", tmp, sizeof tmp);
    fprintf(f, "# admin1.tsv — first-level regions of the world, derived from GeoNames\n"
               "# admin1CodesASCII.txt by tools/gazetteer.c (Data from GeoNames, geonames.org,\n"
               "# CC BY 4.0; see README.md).  Do not edit by hand: edit the tool and rerun it.\n"
               "# country\tcode\tname\taliases\tlat\tlon\n");
    size_t n_extra = sizeof admin1_extra / sizeof admin1_extra[0];
    for (size_t i = 0; i < at.n; i++) {
        admin1 *a = &at.a[i];
        alt_reset(&l);
        char full[64];
        snprintf(full, sizeof full, "%s.%s", a->cc, a->code);
        const char *name = a->ascii;
        for (size_t k = 0; k < sizeof admin1_rename / sizeof admin1_rename[0]; k++)
            if (strcmp(admin1_rename[k].code, full) == 0)
                name = admin1_rename[k].name;
        char key[512];
        key_of(&c, name, key, sizeof key);
        if (key[0])
            alt_seen(&l, key);
        if (name != a->ascii)
            admin1_forms(&c, &l, name, a->cc, a->code);
        admin1_forms(&c, &l, a->name, a->cc, a->code);
        if (strcmp(a->name, a->ascii) != 0)
            admin1_forms(&c, &l, a->ascii, a->cc, a->code);
        for (size_t k = 0; k < n_extra; k++) {
            if (strcmp(admin1_extra[k].code, full) != 0)
                continue;
            char *copy = xstrdup(admin1_extra[k].aliases);
            for (char *s = strtok(copy, "|"); s; s = strtok(NULL, "|"))
                alt_add(&c, &l, s);
            free(copy);
        }
        char lat[32] = "", lon[32] = "";
        if (a->have_feature) {
            snprintf(lat, sizeof lat, "%.5f", a->lat);
            snprintf(lon, sizeof lon, "%.5f", a->lon);
        } else if (a->n_cities) {
            snprintf(lat, sizeof lat, "%.5f", a->sum_lat / a->n_cities);
            snprintf(lon, sizeof lon, "%.5f", a->sum_lon / a->n_cities);
        }
        fprintf(f, "%s\t%s\t%s\t%s\t%s\t%s\n", a->cc, a->code, name, alt_str(&l), lat, lon);
    }
    close_out(f, tmp, ddir, "admin1.tsv");

    /* places.tsv */
    qsort(pt.p, pt.n, sizeof *pt.p, cmp_place);
    f = open_out(ddir, "places.tsv", tmp, sizeof tmp);
    fprintf(f, "# places.tsv — populated places and admin divisions of Mali, Burkina Faso and\n"
               "# Niger and the world's cities of 15,000+ people, derived from GeoNames by\n"
               "# tools/gazetteer.c (Data from GeoNames, geonames.org, CC BY 4.0; see\n"
               "# README.md).  Do not edit by hand: edit the tool and rerun it.\n"
               "# geonameid\tname\tcountry\tadmin1_code\tkind\tlat\tlon\tpopulation\taliases\n");
    for (size_t i = 0; i < pt.n; i++) {
        const place *p = &pt.p[i];
        char gid[24] = ""; /* empty for the hand-added places */
        if (p->gid)
            snprintf(gid, sizeof gid, "%lu", p->gid);
        fprintf(f, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%lu\t%s\n", gid, p->name, p->cc, p->admin1,
                p->kind, p->lat, p->lon, p->population, p->aliases);
    }
    close_out(f, tmp, ddir, "places.tsv");
    fprintf(stderr, "sitrep-gazetteer: %zu admin1 regions, %zu places\n", at.n, pt.n);

    for (size_t i = 0; i < at.n; i++) {
        free(at.a[i].code);
        free(at.a[i].name);
        free(at.a[i].ascii);
    }
    free(at.a);
    for (size_t i = 0; i < pt.n; i++) {
        free(pt.p[i].admin1);
        free(pt.p[i].lat);
        free(pt.p[i].lon);
        free(pt.p[i].name);
        free(pt.p[i].aliases);
    }
    free(pt.p);
    strset_free(&pt.gids);
    alt_reset(&l);
    free(l.buf);
    free(l.keys);
    strset_free(&c.stop);
    strset_free(&c.words);
    strset_free(&c.town);
    strset_free(&c.town_in);
    sr_arena_free(&c.arena);
    return 0;
}
