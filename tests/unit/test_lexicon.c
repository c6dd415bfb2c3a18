/* test_lexicon.c — the lexicon compiler and the mapped lexicon.
 *
 * Most tests compile a small data directory written here into a temporary
 * directory, so they do not depend on the shipped data; the last group opens
 * the lexicon the build made from data/ ($SITREP_LEXICON) and checks a few
 * entries that the shipped country, forces and place files guarantee. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "lexicon.h"
#include "lexicon_build.h"
#include "lexicon_format.h"
#include "sitrep.h"

/* ---- fixtures ---------------------------------------------------------------- */

typedef struct file_def {
    const char *name;
    const char *text;
} file_def;

static const file_def tiny[] = {
    {"countries.tsv",
     "# iso2\tiso3\tname\taliases\tdemonyms\tlat\tlon\tisonum\n"
     "ML\tMLI\tMali\t\tMalian|Malians\t12.65\t-8.0\t466\n"
     "BF\tBFA\tBurkina Faso\tBurkina\tBurkinabe|Burkinabè|Burkinabes\t12.37\t-1.53\t0854\n"
     "CD\tCOD\tDemocratic Republic of Congo\tDRC|DR Congo\tCongolese\t-4.3\t15.3\n"
     "CG\tCOG\tRepublic of Congo\t\tCongolese\t-4.26\t15.28\n"
     "NE\tNER\tNiger\t\tNigerien|Nigeriens\t13.5\t2.1\n"
     "NG\tNGA\tNigeria\t\tNigerian|Nigerians\t9.07\t7.48\n"},
    {"forces.tsv",
     "military\t1\tMilitary Forces of {country}\t{demonym} army|{demonym} soldiers|"
     "{country}'s army|army of {country}\n"
     "police\t1\tPolice Forces of {country}\t{demonym} police|{demonym} gendarmes\n"},
    {"actors.tsv",
     "# name\tinter\tcountry\tkind\taliases\tbranch_of\tbranch_in\n"
     "JNIM\t2\t\tarmed_group\tJama'at Nusrat al-Islam wal-Muslimin|GSIM\tal-Qaeda\tML\n"
     "Military Forces of Mali\t1\tML\tmilitary\tFAMa|Malian Armed Forces\n"
     "Islamic State Sahel Province\t2\t\tarmed_group\tISSP|IS Sahel|EIGS\tIslamic State\t"
     "ML| NE |BF\n"
     "Islamic State West Africa Province\t2\tNG\tarmed_group\tISWAP\tislamic STATE\tNG\n"
     "Islamic State\t2\t\tarmed_group\tISIS\n"
     "JNIM\t2\t\tarmed_group\tNusrat al-Islam|GSIM\tal-Qaeda\tBF|ML\n"
     "al-Qaeda\t2\t\tarmed_group\tAQ\n"},
    {"admin1.tsv",
     "ML\t04\tMopti\tMopti Region|Région de Mopti\t14.5\t-4.2\n"
     "ML\t08\tTombouctou\tTimbuktu|Tombouctou Region\t19.7\t-3.6\n"
     "NE\t09\tTillaberi\tTillabéri|Tillabéri Region\t14.3\t2.1\n"
     "NG\t31\tNiger\tNiger State\t9.8\t5.8\n"
     "BF\t03\tCentre\tCentre Region\t12.4\t-1.5\n"},
    {"places.tsv",
     "2455290\tBoulkessi\tML\t04\tcity\t15.1\t-1.6\t0\tBoulkéssi|Boulikessi\n"
     "2449067\tTimbuktu\tML\t08\tcity\t16.77\t-3.0\t32460\tTombouctou|Tumbutu\n"
     "2440000\tTéra\tNE\t09\tcity\t14.0\t0.75\t29000\tTera|TERA\n"
     "2458873\tGuena\tML\t05\tcity\t13.5\t-5.5\t0\tDiema\n"
     "2458881\tDiéma\tML\t03\tcity\t14.5\t-9.2\t0\t\n"
     "2440001\tTera Department\tNE\t09\tadmin2\t14.0\t0.8\t100000\tTéra\n"
     "2440002\tSaid\tML\t77\tcity\t14.0\t-4.0\t10\tKo|Market\n"
     "2440003\tBobo-Dioulasso\tBF\t99\tcity\t11.18\t-4.3\t360106\t\n"},
    {"triggers.tsv",
     "attacked|attack|attacks\tBattles\tArmed clash\t19\tattack\t2\n"
     "claimed responsibility\t\t\t\tclaim\t1\n"},
    {"victims.tsv", "soldiers|troops\tmilitary\ncivilians\tcivilian\n"},
    {"cues.tsv", "according to\tsource\t\nnorthern\tdirection\tnorth\n"},
    {"place_stopwords.txt", "# words\nsaid\nmarket\n"},
};

static char tmp_root[256];

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

/* A fresh directory under tmp_root holding the files of defs (n of them). */
static void make_dir(char *out, size_t cap, const char *leaf, const file_def *defs, size_t n)
{
    snprintf(out, cap, "%s/%s", tmp_root, leaf);
    mkdir(out, 0700);
    for (size_t i = 0; i < n; i++)
        write_file(out, defs[i].name, defs[i].text);
}

static char tiny_lex[512];

static int setup_all(void **state)
{
    (void)state;
    const char *t = getenv("TMPDIR");
    snprintf(tmp_root, sizeof tmp_root, "%s/test_lexicon.XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(tmp_root))
        return -1;
    char dir[400];
    snprintf(dir, sizeof dir, "%s/tiny", tmp_root);
    mkdir(dir, 0700);
    for (size_t i = 0; i < sizeof tiny / sizeof tiny[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, tiny[i].name);
        FILE *f = fopen(path, "wb");
        if (!f)
            return -1;
        fputs(tiny[i].text, f);
        fclose(f);
    }
    snprintf(tiny_lex, sizeof tiny_lex, "%s/tiny.lex", tmp_root);
    sr_error err = {{0}};
    if (sr_lexicon_build(dir, tiny_lex, NULL, &err) != SR_OK) {
        fprintf(stderr, "build failed: %s\n", err.msg);
        return -1;
    }
    return 0;
}

static int teardown_all(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_root);
    return system(cmd) == 0 ? 0 : -1;
}

static sr_lexicon *open_tiny(void)
{
    sr_lexicon *lex = NULL;
    sr_error err = {{0}};
    int rc = sr_lexicon_open(tiny_lex, &lex, &err);
    if (rc != SR_OK)
        fprintf(stderr, "%s\n", err.msg);
    assert_int_equal(rc, SR_OK);
    return lex;
}

/* Hits of a phrase given as plain text (keyed like the compiler does). */
static size_t hits_of(const sr_lexicon *lex, const char *text, const sr_lex_hit **hits)
{
    sr_arena a;
    sr_arena_init(&a);
    char *key;
    size_t len;
    assert_int_equal(sr_lexicon_make_key(&a, text, strlen(text), &key, &len, NULL), SR_OK);
    size_t n = sr_lexicon_lookup(lex, key, len, hits);
    sr_arena_free(&a);
    return n;
}

/* The id of the first hit of kind for text, or SR_NO_ID. */
static uint32_t first_of(const sr_lexicon *lex, const char *text, sr_lex_kind kind)
{
    const sr_lex_hit *h;
    size_t n = hits_of(lex, text, &h);
    for (size_t i = 0; i < n; i++)
        if (h[i].kind == kind)
            return h[i].id;
    return SR_NO_ID;
}

static const char *actor_name(const sr_lexicon *lex, uint32_t id)
{
    sr_actor_info ai;
    if (sr_lexicon_actor(lex, id, &ai) != SR_OK)
        return "(none)";
    return ai.name;
}

/* ---- compiled tiny lexicon -------------------------------------------------- */

static void test_actor_phrases(void **state)
{
    (void)state;
    sr_lexicon *lex = open_tiny();
    static const struct {
        const char *text, *actor;
    } rows[] = {
        {"JNIM", "JNIM"},
        {"GSIM", "JNIM"},
        {"Jama’at Nusrat al-Islam wal-Muslimin", "JNIM"}, /* curly apostrophe */
        {"JAMA'AT NUSRAT AL ISLAM WAL MUSLIMIN", "JNIM"},
        {"Nusrat al-Islam", "JNIM"},                  /* from the second JNIM line */
        {"FAMa", "Military Forces of Mali"},          /* actors.tsv */
        {"Malian army", "Military Forces of Mali"},   /* forces.tsv, merged */
        {"Mali's army", "Military Forces of Mali"},
        {"army of Mali", "Military Forces of Mali"},
        {"Burkinabè soldiers", "Military Forces of Burkina Faso"},
        {"Burkinabe soldiers", "Military Forces of Burkina Faso"},
        {"Burkina's army", "Military Forces of Burkina Faso"},
        {"Nigerien gendarmes", "Police Forces of Niger"},
        {"Nigerian police", "Police Forces of Nigeria"},
        {"EIGS", "Islamic State Sahel Province"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        uint32_t id = first_of(lex, rows[i].text, SR_LEX_ACTOR);
        if (id == SR_NO_ID)
            fail_msg("no actor for '%s'", rows[i].text);
        assert_string_equal(actor_name(lex, id), rows[i].actor);
    }
    /* a plural demonym is not put in {demonym} patterns */
    assert_int_equal(first_of(lex, "Malians army", SR_LEX_ACTOR), SR_NO_ID);
    /* "Congolese" is two countries' demonym: both armies are hits */
    const sr_lex_hit *h;
    size_t n = hits_of(lex, "Congolese army", &h);
    assert_int_equal(n, 2);
    sr_lexicon_close(lex);
}

static void test_actor_records(void **state)
{
    (void)state;
    sr_lexicon *lex = open_tiny();
    uint32_t id = sr_lexicon_find_actor(lex, "Military Forces of Mali");
    assert_int_not_equal(id, SR_NO_ID);
    assert_int_equal(sr_lexicon_find_actor(lex, "military forces of MALI"), id);
    sr_actor_info ai;
    assert_int_equal(sr_lexicon_actor(lex, id, &ai), SR_OK);
    assert_string_equal(ai.country, "ML");
    assert_int_equal(ai.inter, 1);
    assert_int_equal(ai.kind, SR_ACTOR_MILITARY);
    /* data aliases first, then generated forms, no duplicates, no name */
    assert_true(ai.n_aliases >= 5);
    assert_string_equal(sr_lexicon_actor_alias(lex, id, 0), "FAMa");
    assert_string_equal(sr_lexicon_actor_alias(lex, id, 1), "Malian Armed Forces");
    int seen_army = 0;
    for (uint32_t i = 0; i < ai.n_aliases; i++) {
        const char *a = sr_lexicon_actor_alias(lex, id, i);
        assert_non_null(a);
        assert_string_not_equal(a, "Military Forces of Mali");
        seen_army += strcmp(a, "Malian army") == 0;
    }
    assert_int_equal(seen_army, 1);
    assert_null(sr_lexicon_actor_alias(lex, id, ai.n_aliases));

    uint32_t j = sr_lexicon_find_actor(lex, "JNIM");
    assert_int_equal(sr_lexicon_actor(lex, j, &ai), SR_OK);
    assert_int_equal(ai.kind, SR_ACTOR_ARMED_GROUP);
    assert_int_equal(ai.inter, 2);
    assert_string_equal(ai.country, "");
    assert_int_equal(ai.n_aliases, 3); /* Jama'at..., GSIM, Nusrat al-Islam */

    assert_int_equal(sr_lexicon_find_actor(lex, "Nobody At All"), SR_NO_ID);
    assert_int_equal(sr_lexicon_find_actor(lex, "Mali"), SR_NO_ID); /* a country */
    assert_int_equal(sr_lexicon_actor(lex, 1000000, &ai), SR_ERR_NOTFOUND);
    assert_null(sr_lexicon_actor_alias(lex, 1000000, 0));
    sr_lexicon_close(lex);
}

static void test_branches(void **state)
{
    (void)state;
    sr_lexicon *lex = open_tiny();
    uint32_t is = sr_lexicon_find_actor(lex, "Islamic State");
    uint32_t issp = sr_lexicon_find_actor(lex, "Islamic State Sahel Province");
    uint32_t iswap = sr_lexicon_find_actor(lex, "ISWAP");
    uint32_t aq = sr_lexicon_find_actor(lex, "al-Qaeda");
    uint32_t jnim = sr_lexicon_find_actor(lex, "JNIM");
    assert_int_not_equal(is, SR_NO_ID);
    assert_int_not_equal(issp, SR_NO_ID);
    assert_int_not_equal(iswap, SR_NO_ID);
    assert_int_not_equal(aq, SR_NO_ID);
    assert_int_not_equal(jnim, SR_NO_ID);
    static const struct {
        const char *parent, *cc, *branch; /* branch NULL: none */
    } rows[] = {
        {"Islamic State", "ML", "Islamic State Sahel Province"},
        {"Islamic State", "NE", "Islamic State Sahel Province"}, /* spaces trimmed */
        {"Islamic State", "BF", "Islamic State Sahel Province"},
        {"Islamic State", "NG", "Islamic State West Africa Province"}, /* parent folded */
        {"Islamic State", "CD", NULL},
        {"Islamic State", "ml", NULL}, /* codes are exact */
        {"Islamic State", "", NULL},
        {"al-Qaeda", "ML", "JNIM"}, /* both JNIM lines, once */
        {"al-Qaeda", "BF", "JNIM"},
        {"al-Qaeda", "NE", NULL},
        {"Islamic State Sahel Province", "ML", NULL}, /* one level: a branch has none */
        {"JNIM", "ML", NULL},
        {"Military Forces of Mali", "ML", NULL},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        uint32_t p = sr_lexicon_find_actor(lex, rows[i].parent);
        assert_int_not_equal(p, SR_NO_ID);
        uint32_t got = sr_lexicon_actor_branch(lex, p, rows[i].cc);
        uint32_t want = rows[i].branch ? sr_lexicon_find_actor(lex, rows[i].branch) : SR_NO_ID;
        if (got != want)
            fail_msg("%s in '%s': got %s, want %s", rows[i].parent, rows[i].cc,
                     got == SR_NO_ID ? "none" : actor_name(lex, got),
                     rows[i].branch ? rows[i].branch : "none");
    }
    /* the branch columns add no phrases and change no other field */
    sr_actor_info ai;
    assert_int_equal(sr_lexicon_actor(lex, issp, &ai), SR_OK);
    assert_string_equal(ai.country, "");
    assert_int_equal(ai.n_aliases, 3);
    assert_int_equal(first_of(lex, "al-Qaeda", SR_LEX_ACTOR), aq);
    /* arguments */
    assert_int_equal(sr_lexicon_actor_branch(lex, is, NULL), SR_NO_ID);
    assert_int_equal(sr_lexicon_actor_branch(lex, SR_NO_ID, "ML"), SR_NO_ID);
    assert_int_equal(sr_lexicon_actor_branch(lex, 1000000, "ML"), SR_NO_ID);
    assert_int_equal(sr_lexicon_actor_branch(NULL, is, "ML"), SR_NO_ID);
    sr_lexicon_close(lex);
}

/* branch_in codes must be countries of countries.tsv when it lists any; a
 * parent may be an actor that forces.tsv makes. */
static void test_branch_countries(void **state)
{
    (void)state;
    const file_def bad[] = {
        {"countries.tsv", "ML\tMLI\tMali\nNE\tNER\tNiger\n"},
        {"actors.tsv", "IS\t2\t\tarmed_group\t\nISSP\t2\t\tarmed_group\t\tIS\tML|NE|BF\n"},
    };
    char dir[400], out[500];
    make_dir(dir, sizeof dir, "branch_bad", bad, 2);
    snprintf(out, sizeof out, "%s/out.lex", dir);
    sr_error err = {{0}};
    assert_int_equal(sr_lexicon_build(dir, out, NULL, &err), SR_ERR_FORMAT);
    if (!strstr(err.msg, "actors.tsv:2: branch_in country BF is not in countries.tsv"))
        fail_msg("message '%s'", err.msg);

    const file_def good[] = {
        {"countries.tsv", "ML\tMLI\tMali\t\tMalian\n"},
        {"forces.tsv", "military\t1\tMilitary Forces of {country}\t{demonym} army\n"},
        {"actors.tsv", "Special Unit\t1\tML\tmilitary\t\tMilitary Forces of Mali\tML\n"},
    };
    make_dir(dir, sizeof dir, "branch_forces", good, 3);
    snprintf(out, sizeof out, "%s/out.lex", dir);
    int rc = sr_lexicon_build(dir, out, NULL, &err);
    if (rc != SR_OK)
        fail_msg("build: %s", err.msg);
    sr_lexicon *lex = NULL;
    assert_int_equal(sr_lexicon_open(out, &lex, &err), SR_OK);
    uint32_t army = first_of(lex, "Malian army", SR_LEX_ACTOR);
    assert_int_not_equal(army, SR_NO_ID);
    assert_int_equal(sr_lexicon_actor_branch(lex, army, "ML"),
                     sr_lexicon_find_actor(lex, "Special Unit"));
    sr_lexicon_close(lex);
}

static void test_countries(void **state)
{
    (void)state;
    sr_lexicon *lex = open_tiny();
    assert_int_equal(sr_lexicon_count(lex, SR_LEX_COUNTRY), 6);
    uint32_t ml = sr_lexicon_country_by_iso2(lex, "ML");
    assert_int_not_equal(ml, SR_NO_ID);
    sr_country_info ci;
    assert_int_equal(sr_lexicon_country(lex, ml, &ci), SR_OK);
    assert_string_equal(ci.iso3, "MLI");
    assert_string_equal(ci.name, "Mali");
    assert_string_equal(ci.demonym, "Malian");
    assert_float_equal(ci.lat, 12.65, 1e-6);
    assert_float_equal(ci.lon, -8.0, 1e-6);
    assert_int_equal(ci.isonum, 466);
    /* a leading zero is allowed; a missing column or an empty one is 0 */
    static const struct {
        const char *iso2;
        int isonum;
    } nums[] = {{"BF", 854}, {"CD", 0}, {"NG", 0}};
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        assert_int_equal(
            sr_lexicon_country(lex, sr_lexicon_country_by_iso2(lex, nums[i].iso2), &ci), SR_OK);
        if (ci.isonum != nums[i].isonum)
            fail_msg("%s: isonum %d, not %d", nums[i].iso2, ci.isonum, nums[i].isonum);
    }
    assert_int_equal(sr_lexicon_country_by_iso2(lex, "XX"), SR_NO_ID);
    assert_int_equal(sr_lexicon_country_by_iso2(lex, "CD") + 1, sr_lexicon_country_by_iso2(lex, "CG"));

    static const struct {
        const char *text, *iso2;
        int demonym;
    } rows[] = {
        {"Mali", "ML", 0},       {"Malian", "ML", 1},       {"Malians", "ML", 1},
        {"Burkina", "BF", 0},    {"Burkinabè", "BF", 1},    {"DR Congo", "CD", 0},
        {"Niger", "NE", 0},      {"Nigerien", "NE", 1},     {"Nigerians", "NG", 1},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        uint32_t id = first_of(lex, rows[i].text, SR_LEX_COUNTRY);
        if (id == SR_NO_ID)
            fail_msg("no country for '%s'", rows[i].text);
        assert_int_equal(sr_lexicon_country(lex, id, &ci), SR_OK);
        assert_string_equal(ci.iso2, rows[i].iso2);
        sr_arena a;
        sr_arena_init(&a);
        char *key;
        size_t len;
        assert_int_equal(
            sr_lexicon_make_key(&a, rows[i].text, strlen(rows[i].text), &key, &len, NULL), SR_OK);
        assert_int_equal(sr_lexicon_is_demonym(lex, id, key, len), rows[i].demonym);
        sr_arena_free(&a);
    }
    sr_lexicon_close(lex);
}

static void test_places(void **state)
{
    (void)state;
    sr_lexicon *lex = open_tiny();
    sr_place_info pi;
    /* admin1 resolved for places at compile time */
    uint32_t id = first_of(lex, "Boulkéssi", SR_LEX_PLACE);
    assert_int_not_equal(id, SR_NO_ID);
    assert_int_equal(sr_lexicon_place(lex, id, &pi), SR_OK);
    assert_string_equal(pi.name, "Boulkessi");
    assert_string_equal(pi.country, "ML");
    assert_string_equal(pi.admin1, "Mopti");
    assert_int_equal(pi.kind, SR_PLACE_CITY);
    assert_int_equal(pi.geonameid, 2455290);
    assert_float_equal(pi.lat, 15.1, 1e-6);
    assert_int_equal(pi.n_aliases, 2);
    assert_string_equal(sr_lexicon_place_alias(lex, id, 0), "Boulkéssi");
    assert_string_equal(sr_lexicon_place_alias(lex, id, 1), "Boulikessi");
    assert_null(sr_lexicon_place_alias(lex, id, 2));
    assert_null(sr_lexicon_place_alias(lex, 999999, 0));

    /* an unknown admin1 code resolves to "" */
    id = first_of(lex, "Bobo Dioulasso", SR_LEX_PLACE); /* hyphen = space */
    assert_int_equal(sr_lexicon_place(lex, id, &pi), SR_OK);
    assert_string_equal(pi.admin1, "");
    assert_int_equal(pi.population, 360106);

    /* a name shared by a region and a town: the region comes first */
    const sr_lex_hit *h;
    size_t n = hits_of(lex, "Timbuktu", &h);
    assert_int_equal(n, 2);
    assert_int_equal(sr_lexicon_place(lex, h[0].id, &pi), SR_OK);
    assert_int_equal(pi.kind, SR_PLACE_ADMIN1);
    assert_string_equal(pi.name, "Tombouctou");
    assert_string_equal(pi.admin1, "Tombouctou");
    assert_int_equal(pi.n_aliases, 2); /* an admin1's aliases come from admin1.tsv */
    assert_string_equal(sr_lexicon_place_alias(lex, h[0].id, 0), "Timbuktu");
    assert_int_equal(sr_lexicon_place(lex, h[1].id, &pi), SR_OK);
    assert_int_equal(pi.kind, SR_PLACE_CITY);
    assert_string_equal(pi.admin1, "Tombouctou");

    /* town before an admin2 of the same name, even a more populous one; a
     * name repeated among a place's aliases gives one hit */
    n = hits_of(lex, "Tera", &h);
    assert_int_equal(n, 2);
    assert_int_equal(sr_lexicon_place(lex, h[0].id, &pi), SR_OK);
    assert_int_equal(pi.kind, SR_PLACE_CITY);
    assert_int_equal(sr_lexicon_place(lex, h[1].id, &pi), SR_OK);
    assert_int_equal(pi.kind, SR_PLACE_ADMIN2);
    assert_string_equal(pi.admin1, "Tillaberi");

    /* at equal population, the place named so before one with the alias */
    n = hits_of(lex, "Diema", &h);
    assert_int_equal(n, 2);
    assert_int_equal(sr_lexicon_place(lex, h[0].id, &pi), SR_OK);
    assert_string_equal(pi.name, "Diéma");

    /* stopwords, names under three bytes and country names are not places */
    assert_int_equal(hits_of(lex, "said", &h), 0);
    assert_int_equal(hits_of(lex, "market", &h), 0);
    assert_int_equal(hits_of(lex, "Ko", &h), 0);
    assert_int_equal(first_of(lex, "Niger", SR_LEX_PLACE), SR_NO_ID);
    assert_int_not_equal(first_of(lex, "Niger State", SR_LEX_PLACE), SR_NO_ID);
    assert_int_not_equal(first_of(lex, "Région de Mopti", SR_LEX_PLACE), SR_NO_ID);
    assert_int_equal(sr_lexicon_place(lex, 999999, &pi), SR_ERR_NOTFOUND);

    /* regions of a country, and toward a direction */
    uint32_t ids[8];
    assert_int_equal(sr_lexicon_admin1_of(lex, "ML", ids, 8), 2);
    assert_int_equal(sr_lexicon_admin1_of(lex, "ML", NULL, 0), 2);
    assert_int_equal(sr_lexicon_admin1_of(lex, "XX", ids, 8), 0);
    static const struct {
        const char *dir, *region; /* region: the only one toward dir, or NULL */
        size_t n;
    } dirs[] = {{"n", "Tombouctou", 1}, {"s", "Mopti", 1},  {"ne", "Tombouctou", 1},
                {"sw", "Mopti", 1},     {"e", "Tombouctou", 1}, {"nw", NULL, 0},
                {"x", NULL, 0},         {"ns", NULL, 0},    {"", NULL, 0}};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        size_t got = sr_lexicon_admin1_toward(lex, "ML", dirs[i].dir, ids, 8);
        if (got != dirs[i].n)
            fail_msg("toward '%s': %zu regions, want %zu", dirs[i].dir, got, dirs[i].n);
        if (got) {
            assert_int_equal(sr_lexicon_place(lex, ids[0], &pi), SR_OK);
            assert_string_equal(pi.name, dirs[i].region);
        }
    }
    assert_int_equal(sr_lexicon_admin1_toward(lex, "XX", "n", ids, 8), 0);
    sr_lexicon_close(lex);
}

static void test_triggers_victims_cues(void **state)
{
    (void)state;
    sr_lexicon *lex = open_tiny();
    assert_int_equal(sr_lexicon_count(lex, SR_LEX_TRIGGER), 2);
    uint32_t a = first_of(lex, "attacked", SR_LEX_TRIGGER);
    assert_int_equal(first_of(lex, "attacks", SR_LEX_TRIGGER), a);
    sr_trigger_info ti;
    assert_int_equal(sr_lexicon_trigger(lex, a, &ti), SR_OK);
    assert_string_equal(ti.event_type, "Battles");
    assert_string_equal(ti.sub_event_type, "Armed clash");
    assert_string_equal(ti.cameo, "19");
    assert_string_equal(ti.role, "attack");
    assert_int_equal(ti.weight, 2);
    uint32_t c = first_of(lex, "claimed responsibility", SR_LEX_TRIGGER);
    assert_int_equal(sr_lexicon_trigger(lex, c, &ti), SR_OK);
    assert_string_equal(ti.event_type, "");
    assert_int_equal(ti.weight, 1);

    sr_victim_info vi;
    assert_int_equal(sr_lexicon_victim(lex, first_of(lex, "troops", SR_LEX_VICTIM), &vi), SR_OK);
    assert_string_equal(vi.cls, "military");
    sr_cue_info cu;
    assert_int_equal(sr_lexicon_cue(lex, first_of(lex, "northern", SR_LEX_CUE), &cu), SR_OK);
    assert_string_equal(cu.cls, "direction");
    assert_string_equal(cu.value, "north");
    assert_int_equal(sr_lexicon_cue(lex, first_of(lex, "according to", SR_LEX_CUE), &cu), SR_OK);
    assert_string_equal(cu.value, "");
    /* "soldiers" is both a victim noun and part of actor phrases */
    assert_int_not_equal(first_of(lex, "soldiers", SR_LEX_VICTIM), SR_NO_ID);
    sr_lexicon_close(lex);
}

static void test_prefix(void **state)
{
    (void)state;
    sr_lexicon *lex = open_tiny();
    static const struct {
        const char *key;
        int prefix;
    } rows[] = {
        {"islamic", 1},
        {"islamic state", 1},
        {"islamic state sahel", 1},
        {"islamic state sahel province", 1},
        {"islamic state sahel province x", 0},
        {"state sahel", 0},
        {"isl", 0}, /* prefixes are whole tokens */
        {"military forces of", 1},
        {"jnim", 1},
        {"", 0},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (sr_lexicon_is_prefix(lex, rows[i].key, strlen(rows[i].key)) != rows[i].prefix)
            fail_msg("is_prefix('%s') != %d", rows[i].key, rows[i].prefix);
    assert_int_equal(sr_lexicon_max_tokens(lex), 7); /* "military forces of democratic ..." */
    sr_lexicon_close(lex);
}

/* Scans text and renders the matches as "[phrase:kind]..."; intact: the
 * lexicon is not damaged, so hits' token counts must agree with the match. */
static void scan_str(const sr_lexicon *lex, const char *text, char *out, size_t cap, int intact)
{
    sr_arena a;
    sr_arena_init(&a);
    size_t bad;
    assert_int_equal(sr_utf8_validate(text, strlen(text), &bad), SR_OK);
    sr_tokens t;
    assert_int_equal(sr_tokenize(&a, text, strlen(text), &t), SR_OK);
    sr_match *m;
    size_t n;
    assert_int_equal(sr_lexicon_scan(lex, &t, &a, &m, &n), SR_OK);
    size_t pos = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        uint32_t s = t.tok[m[i].tok_begin].start, e = t.tok[m[i].tok_end - 1].end;
        if (intact)
            assert_int_equal(m[i].hit.ntok, m[i].tok_end - m[i].tok_begin);
        int w = snprintf(out + pos, cap - pos, "[%.*s:%u]", (int)(e - s), text + s,
                         (unsigned)m[i].hit.kind);
        assert_true(w > 0 && (size_t)w < cap - pos);
        pos += (size_t)w;
    }
    sr_arena_free(&a);
}

static void test_scan(void **state)
{
    (void)state;
    sr_lexicon *lex = open_tiny();
    static const struct {
        const char *text, *want;
    } rows[] = {
        /* longest match wins; the shorter phrase inside is skipped */
        {"Islamic State Sahel Province fighters", "[Islamic State Sahel Province:1]"},
        {"Islamic State fighters", "[Islamic State:1]"},
        /* a failed longer candidate falls back to the longest that matched */
        {"Islamic State Sahel raids", "[Islamic State:1]"},
        /* every entry of the phrase is reported */
        {"the Congolese army", "[Congolese army:1][Congolese army:1]"},
        {"JNIM attacked Malian soldiers near Boulkessi.",
         "[JNIM:1][attacked:4][Malian soldiers:1][Boulkessi:3]"},
        {"Burkinabè soldiers", "[Burkinabè soldiers:1]"},
        /* a phrase does not run across a sentence end */
        {"He is Malian\n\nArmy units", "[Malian:2]"},
        {"", ""},
        {"nothing here at all", ""},
    };
    char got[512];
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        scan_str(lex, rows[i].text, got, sizeof got, 1);
        if (strcmp(got, rows[i].want) != 0)
            fail_msg("scan('%s') = '%s', want '%s'", rows[i].text, got, rows[i].want);
    }
    sr_lexicon_close(lex);
}

/* ---- bad data --------------------------------------------------------------- */

static void test_bad_data(void **state)
{
    (void)state;
    static const struct {
        const char *file, *text, *want; /* want: a substring of the message */
    } rows[] = {
        {"actors.tsv", "JNIM\t2\t\tjihadist\t\n", "actors.tsv:1: unknown actor kind 'jihadist'"},
        {"actors.tsv", "# c\nJNIM\ttwo\t\tarmed_group\t\n", "actors.tsv:2: inter code 'two'"},
        {"actors.tsv", "JNIM\t\t\tarmed_group\t\n", "actors.tsv:1: column 2 (inter) is empty"},
        {"actors.tsv", "JNIM\t2\tMali\tarmed_group\t\n", "'Mali' is not an ISO 3166"},
        {"actors.tsv", "JNIM\t2\t\tarmed_group\ta\tb\tML\tc\n", "actors.tsv:1: too many columns"},
        {"actors.tsv", "ISSP\t2\t\tarmed_group\t\tIslamic State\n",
         "actors.tsv:1: column 7 (branch_in) is empty"},
        {"actors.tsv", "ISSP\t2\t\tarmed_group\t\t\tML|NE\n",
         "actors.tsv:1: column 6 (branch_of) is empty"},
        {"actors.tsv", "IS\t2\t\tarmed_group\t\nISSP\t2\t\tarmed_group\t\tIS\tMali\n",
         "actors.tsv:2: branch_in 'Mali' is not an ISO 3166 alpha-2 code"},
        {"actors.tsv", "IS\t2\t\tarmed_group\t\nISSP\t2\t\tarmed_group\t\tIS\tML,NE\n",
         "actors.tsv:2: branch_in 'ML,NE' is not an ISO 3166"},
        {"actors.tsv", "IS\t2\t\tarmed_group\t\nISSP\t2\t\tarmed_group\t\tIS\tml\n",
         "branch_in 'ml' is not an ISO 3166"},
        {"actors.tsv", "IS\t2\t\tarmed_group\t\nISSP\t2\t\tarmed_group\t\tIS\tML||NE\n",
         "branch_in '' is not an ISO 3166"},
        {"actors.tsv", "IS\t2\t\tarmed_group\t\nISSP\t2\t\tarmed_group\t\tIS|ISIS\tML\n",
         "actors.tsv:2: branch_of 'IS|ISIS' names more than one actor"},
        {"actors.tsv", "# c\nIS\t2\t\tarmed_group\t\nISSP\t2\t\tarmed_group\t\tIslamic Staet\tML\n",
         "actors.tsv:3: branch_of 'Islamic Staet' is no actor's name"},
        {"actors.tsv", "IS\t2\t\tarmed_group\tISIS\nISSP\t2\t\tarmed_group\t\tISIS\tML\n",
         "actors.tsv:2: branch_of 'ISIS' is no actor's name"}, /* an alias, not a name */
        {"actors.tsv", "IS\t2\t\tarmed_group\t\tis\tML\n", "actors.tsv:1: branch_of 'is' is the actor itself"},
        {"actors.tsv",
         "IS\t2\t\tarmed_group\t\nA\t2\t\tarmed_group\t\tIS\tML|NE\nB\t2\t\tarmed_group\t\tIS\tNE\n",
         "actors.tsv:3: 'IS' already has the branch 'A' in NE (line 2)"},
        {"actors.tsv",
         "B\t2\t\tarmed_group\t\tIS\tNE\nIS\t2\t\tarmed_group\t\nA\t2\t\tarmed_group\t\tIS\tNE\n",
         "actors.tsv:3: 'IS' already has the branch 'B' in NE (line 1)"},
        {"countries.tsv", "ML\tMLI\tMali\t\t\tnorth\t3\n", "countries.tsv:1: latitude 'north'"},
        {"countries.tsv", "ML\tMLI\tMali\t\t\t12\t200\n", "longitude '200'"},
        {"countries.tsv", "ML\tMLI\tMali\nML\tMLI\tMali again\n", "countries.tsv:2: country ML is listed twice"},
        {"countries.tsv", "Mali\tMLI\tMali\n", "'Mali' is not an ISO 3166 alpha-2"},
        {"countries.tsv", "# c\nML\tMLI\tMali\t\t\t12\t-8\tMLI\n",
         "countries.tsv:2: ISO 3166 numeric code 'MLI' is not a whole number"},
        {"countries.tsv", "ML\tMLI\tMali\t\t\t\t\t4660\n",
         "countries.tsv:1: ISO 3166 numeric code '4660' is not a whole number from 1 to 999"},
        {"countries.tsv", "ML\tMLI\tMali\t\t\t\t\t-466\n", "countries.tsv:1: ISO 3166 numeric"},
        {"countries.tsv", "ML\tMLI\tMali\t\t\t\t\t466\tx\n", "countries.tsv:1: too many columns"},
        {"places.tsv", "1\tGao\tML\t09\ttown\t1\t1\t0\t\n", "places.tsv:1: unknown place kind 'town'"},
        {"places.tsv", "1\tGao\tML\t09\tcity\t1\t1\tmany\t\n", "population 'many'"},
        {"places.tsv", "1\tGao\tML\t09\tadmin1\t1\t1\t0\t\n", "unknown place kind 'admin1'"},
        {"admin1.tsv", "ML\t04\tMopti\t\t\t\nML\t04\tMopti\t\t\t\n", "admin1.tsv:2: admin1 ML.04 is listed twice"},
        {"forces.tsv", "army\t1\tArmy of {country}\t\n", "forces.tsv:1: unknown actor kind 'army'"},
        {"forces.tsv", "military\t1\tMilitary Forces\t\n", "has neither {country} nor {demonym}"},
        {"triggers.tsv", "attack\tBattles\tArmed clash\t19\tattack\theavy\n", "triggers.tsv:1: weight 'heavy'"},
        {"victims.tsv", "soldiers\n", "victims.tsv:1: column 2 (class) is empty"},
        {"cues.tsv", "bad \xff byte\tsource\t\n", "cues.tsv:1: invalid UTF-8"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char dir[400], leaf[32];
        snprintf(leaf, sizeof leaf, "bad%zu", i);
        file_def d = {rows[i].file, rows[i].text};
        make_dir(dir, sizeof dir, leaf, &d, 1);
        char out[500];
        snprintf(out, sizeof out, "%s/out.lex", dir);
        write_file(dir, "out.lex", "previous"); /* a failed build must not touch it */
        sr_error err = {{0}};
        int rc = sr_lexicon_build(dir, out, NULL, &err);
        if (rc == SR_OK || !strstr(err.msg, rows[i].want))
            fail_msg("%s '%s': rc %d, message '%s', want '%s'", rows[i].file, rows[i].text, rc,
                     err.msg, rows[i].want);
        FILE *f = fopen(out, "rb");
        assert_non_null(f);
        char buf[16] = {0};
        assert_int_equal(fread(buf, 1, sizeof buf, f), 8);
        fclose(f);
        assert_string_equal(buf, "previous");
    }
    /* no temporary file is left behind */
    char cmd[600];
    snprintf(cmd, sizeof cmd, "ls '%s'/bad*/ | grep -q 'lex\\.tmp'", tmp_root);
    assert_int_not_equal(system(cmd), 0);
}

static void test_empty_and_missing(void **state)
{
    (void)state;
    char dir[400], out[500];
    make_dir(dir, sizeof dir, "empty", NULL, 0);
    snprintf(out, sizeof out, "%s/empty.lex", dir);
    sr_error err = {{0}};
    sr_lexicon_build_stats st;
    assert_int_equal(sr_lexicon_build(dir, out, &st, &err), SR_OK);
    assert_int_equal(st.phrases, 0);
    assert_int_equal(st.unresolved_admin1, 0);
    sr_lexicon *lex = NULL;
    assert_int_equal(sr_lexicon_open(out, &lex, &err), SR_OK);
    const sr_lex_hit *h;
    assert_int_equal(sr_lexicon_lookup(lex, "mali", 4, &h), 0);
    assert_int_equal(sr_lexicon_is_prefix(lex, "mali", 4), 0);
    assert_int_equal(sr_lexicon_count(lex, SR_LEX_ACTOR), 0);
    assert_int_equal(sr_lexicon_find_actor(lex, "JNIM"), SR_NO_ID);
    sr_lexicon_close(lex);

    snprintf(out, sizeof out, "%s/nope/none.lex", tmp_root);
    assert_int_equal(sr_lexicon_open(out, &lex, &err), SR_ERR_NOTFOUND);
    assert_null(lex);
    assert_non_null(strstr(err.msg, "none.lex"));
    assert_int_equal(sr_lexicon_build(dir, out, NULL, &err), SR_ERR_IO); /* no such directory */
    snprintf(out, sizeof out, "%s/x.lex", tmp_root);
    char nodir[500];
    snprintf(nodir, sizeof nodir, "%s/no-such-data", tmp_root);
    assert_int_equal(sr_lexicon_build(nodir, out, NULL, &err), SR_ERR_IO); /* a typo is no
                                                                             empty lexicon */
    assert_non_null(strstr(err.msg, "no such data directory"));
    assert_int_equal(access(out, F_OK), -1);
    assert_int_equal(sr_lexicon_open(dir, &lex, &err), SR_ERR_FORMAT);   /* a directory */
    assert_non_null(strstr(err.msg, "not a regular file"));
    snprintf(out, sizeof out, "%s/fifo.lex", tmp_root);
    assert_int_equal(mkfifo(out, 0600), 0);
    assert_int_equal(sr_lexicon_open(out, &lex, &err), SR_ERR_FORMAT); /* must not block */
    sr_lexicon_close(NULL);
}

/* ---- damaged files ------------------------------------------------------------ */

static unsigned char *read_all(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    rewind(f);
    unsigned char *buf = malloc((size_t)sz);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)sz, f), (size_t)sz);
    fclose(f);
    *n = (size_t)sz;
    return buf;
}

/* Uses every reader on lex so that a damaged image is touched everywhere. */
static void exercise(const sr_lexicon *lex)
{
    const char *words[] = {"jnim", "malian army", "mali", "timbuktu", "attacked", "islamic state"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        const sr_lex_hit *h;
        size_t n = sr_lexicon_lookup(lex, words[i], strlen(words[i]), &h);
        for (size_t k = 0; k < n; k++) {
            sr_actor_info ai;
            sr_place_info pi;
            sr_country_info ci;
            sr_trigger_info ti;
            sr_victim_info vi;
            sr_cue_info cu;
            (void)sr_lexicon_actor(lex, h[k].id, &ai);
            (void)sr_lexicon_actor_alias(lex, h[k].id, 0);
            (void)sr_lexicon_place(lex, h[k].id, &pi);
            (void)sr_lexicon_country(lex, h[k].id, &ci);
            (void)sr_lexicon_trigger(lex, h[k].id, &ti);
            (void)sr_lexicon_victim(lex, h[k].id, &vi);
            (void)sr_lexicon_cue(lex, h[k].id, &cu);
            (void)sr_lexicon_is_demonym(lex, h[k].id, words[i], strlen(words[i]));
        }
        (void)sr_lexicon_is_prefix(lex, words[i], strlen(words[i]));
    }
    for (int k = SR_LEX_ACTOR; k < SR_LEX__KINDS; k++) {
        uint32_t n = sr_lexicon_count(lex, (sr_lex_kind)k);
        for (uint32_t id = 0; id < n && id < 64; id++) {
            sr_actor_info ai;
            sr_place_info pi;
            if (sr_lexicon_actor(lex, id, &ai) == SR_OK)
                for (uint32_t j = 0; j < ai.n_aliases && j < 8; j++)
                    (void)strlen(sr_lexicon_actor_alias(lex, id, j));
            if (sr_lexicon_place(lex, id, &pi) == SR_OK)
                (void)strlen(pi.name);
        }
    }
    (void)sr_lexicon_country_by_iso2(lex, "ML");
    (void)sr_lexicon_find_actor(lex, "JNIM");
    for (uint32_t id = 0; id < sr_lexicon_count(lex, SR_LEX_ACTOR) && id < 64; id++) {
        uint32_t br = sr_lexicon_actor_branch(lex, id, "ML");
        sr_actor_info ai;
        if (br != SR_NO_ID && sr_lexicon_actor(lex, br, &ai) != SR_OK)
            fail_msg("actor %u has branch %u, which is no actor", id, br);
    }
    char got[512];
    scan_str(lex, "JNIM attacked the Malian army near Timbuktu in Islamic State land.", got,
             sizeof got, 0);
}

static void test_truncated(void **state)
{
    (void)state;
    size_t n;
    unsigned char *img = read_all(tiny_lex, &n);
    char path[500];
    snprintf(path, sizeof path, "%s/cut.lex", tmp_root);
    size_t cuts[] = {0, 1, 7, 8, 60, 100, 200, n / 3, n / 2, n - 8, n - 1};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(img, 1, cuts[i], f), cuts[i]);
        fclose(f);
        sr_lexicon *lex = NULL;
        sr_error err = {{0}};
        int rc = sr_lexicon_open(path, &lex, &err);
        if (rc != SR_ERR_FORMAT)
            fail_msg("a file cut at %zu of %zu bytes gave %d (%s)", cuts[i], n, rc, err.msg);
        assert_null(lex);
        assert_non_null(strstr(err.msg, "cut.lex"));
    }
    /* a file with bytes appended is refused too */
    FILE *f = fopen(path, "wb");
    fwrite(img, 1, n, f);
    fwrite("junk", 1, 4, f);
    fclose(f);
    sr_lexicon *lex = NULL;
    sr_error err = {{0}};
    assert_int_equal(sr_lexicon_open(path, &lex, &err), SR_ERR_FORMAT);
    free(img);
}

static void test_corrupt(void **state)
{
    (void)state;
    size_t n;
    unsigned char *img = read_all(tiny_lex, &n);
    unsigned char *copy = malloc(n);
    assert_non_null(copy);
    sr_lexicon *lex = NULL;
    sr_error err = {{0}};

    /* the intact image opens from memory */
    assert_int_equal(sr_lexicon_open_mem(img, n, &lex, &err), SR_OK);
    exercise(lex);
    sr_lexicon_close(lex);

    /* header fields: magic, version, sections */
    static const struct {
        size_t off;
        unsigned char val;
        int rc;
    } rows[] = {
        {0, 'X', SR_ERR_FORMAT},  /* magic */
        {8, 99, SR_ERR_VERSION},  /* version */
        {12, 0, SR_ERR_FORMAT},   /* byte order mark */
        {16, 1, SR_ERR_FORMAT},   /* file size */
        {28, 3, SR_ERR_FORMAT},   /* number of sections */
        {32, 0xff, SR_ERR_FORMAT}, /* first section offset */
        {36, 0x7f, SR_ERR_FORMAT}, /* its high bytes */
        {32 + 8 * SR_LEXF__SECTIONS + 5, 0x10, SR_ERR_FORMAT}, /* a section size */
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        memcpy(copy, img, n);
        copy[rows[i].off] = rows[i].val;
        lex = NULL;
        int rc = sr_lexicon_open_mem(copy, n, &lex, &err);
        if (rc != rows[i].rc)
            fail_msg("byte %zu = %u gave %d (%s), want %d", rows[i].off, rows[i].val, rc,
                     err.msg, rows[i].rc);
        assert_null(lex);
    }

    /* damage past the header may open, but every reader stays in bounds
     * (the sanitizers check this) */
    srand(7);
    for (int round = 0; round < 300; round++) {
        memcpy(copy, img, n);
        int flips = 1 + rand() % 16;
        for (int k = 0; k < flips; k++) {
            size_t at = 232 + (size_t)rand() % (n - 232);
            copy[at] = (unsigned char)rand();
        }
        lex = NULL;
        if (sr_lexicon_open_mem(copy, n, &lex, &err) == SR_OK) {
            exercise(lex);
            sr_lexicon_close(lex);
        }
    }
    /* a country's numeric code out of ISO's range reads as unknown */
    static const struct {
        uint32_t stored;
        int want;
    } nums[] = {{999, 999}, {1000, 0}, {UINT32_MAX, 0}, {0, 0}};
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        memcpy(copy, img, n);
        lexf_header h;
        memcpy(&h, copy, sizeof h);
        size_t at = h.sec_off[SR_LEXF_COUNTRIES] + offsetof(lexf_country, isonum);
        assert_true(at + sizeof nums[i].stored <= n);
        memcpy(copy + at, &nums[i].stored, sizeof nums[i].stored);
        assert_int_equal(sr_lexicon_open_mem(copy, n, &lex, &err), SR_OK);
        sr_country_info ci;
        assert_int_equal(sr_lexicon_country(lex, 0, &ci), SR_OK);
        assert_int_equal(ci.isonum, nums[i].want);
        sr_lexicon_close(lex);
    }
    /* a branch run outside BRANCHES, a branch id past the actors or a
     * country offset past the strings gives no branch, never a wild read */
    assert_int_equal(sr_lexicon_open_mem(img, n, &lex, &err), SR_OK);
    uint32_t is = sr_lexicon_find_actor(lex, "Islamic State");
    uint32_t issp = sr_lexicon_find_actor(lex, "Islamic State Sahel Province");
    assert_int_equal(sr_lexicon_actor_branch(lex, is, "ML"), issp);
    sr_lexicon_close(lex);
    lexf_header h;
    memcpy(&h, img, sizeof h);
    size_t rec = h.sec_off[SR_LEXF_ACTORS] + is * sizeof(lexf_actor);
    assert_true(rec + sizeof(lexf_actor) <= n);
    lexf_actor a;
    memcpy(&a, img + rec, sizeof a);
    uint32_t n_br = (uint32_t)(h.sec_size[SR_LEXF_BRANCHES] / sizeof(lexf_branch));
    assert_true(a.branch_n >= 3 && a.branch_begin + a.branch_n <= n_br);
    static const struct {
        uint32_t begin, count;      /* the actor's run */
        uint32_t country, branch;   /* its first record; UINT32_MAX: as built */
    } damage[] = {
        {UINT32_MAX, 1, UINT32_MAX, UINT32_MAX},
        {0, UINT32_MAX, UINT32_MAX, UINT32_MAX},
        {1, UINT32_MAX - 1, UINT32_MAX, UINT32_MAX},
        {UINT32_MAX - 1, 0, UINT32_MAX, UINT32_MAX}, /* begin filled in below */
        {0, 0, UINT32_MAX - 1, UINT32_MAX},           /* country offset */
        {0, 0, UINT32_MAX, UINT32_MAX - 1},           /* branch id */
    };
    for (size_t i = 0; i < sizeof damage / sizeof damage[0]; i++) {
        memcpy(copy, img, n);
        lexf_actor d = a;
        if (i < 3) {
            d.branch_begin = damage[i].begin;
            d.branch_n = damage[i].count;
        } else if (i == 3) {
            d.branch_begin = n_br; /* an empty run just past the end is no run */
            d.branch_n = 1;
        }
        memcpy(copy + rec, &d, sizeof d);
        /* the run's records are sorted by country: ML's is the one to damage */
        for (uint32_t k = 0; k < a.branch_n && i >= 4; k++) {
            size_t at = h.sec_off[SR_LEXF_BRANCHES] + (a.branch_begin + k) * sizeof(lexf_branch);
            lexf_branch b;
            memcpy(&b, copy + at, sizeof b);
            if (damage[i].country != UINT32_MAX)
                b.country = damage[i].country;
            if (damage[i].branch != UINT32_MAX)
                b.branch = damage[i].branch;
            memcpy(copy + at, &b, sizeof b);
        }
        assert_int_equal(sr_lexicon_open_mem(copy, n, &lex, &err), SR_OK);
        if (sr_lexicon_actor_branch(lex, is, "ML") != SR_NO_ID)
            fail_msg("damage %zu still gives a branch", i);
        exercise(lex);
        sr_lexicon_close(lex);
    }
    /* arguments */
    assert_int_equal(sr_lexicon_open_mem(NULL, 10, &lex, &err), SR_ERR_ARG);
    assert_int_equal(sr_lexicon_open_mem(img + 1, n - 1, &lex, &err), SR_ERR_FORMAT);
    free(copy);
    free(img);
}

static void test_path_lookup(void **state)
{
    (void)state;
    char *old = getenv("SITREP_LEXICON") ? strdup(getenv("SITREP_LEXICON")) : NULL;
    setenv("SITREP_LEXICON", tiny_lex, 1);
    sr_lexicon *lex = NULL;
    sr_error err = {{0}};
    assert_int_equal(sr_lexicon_open(NULL, &lex, &err), SR_OK);
    assert_int_equal(sr_lexicon_count(lex, SR_LEX_COUNTRY), 6);
    sr_lexicon_close(lex);
    /* an explicit path wins over the variable */
    char bad[500];
    snprintf(bad, sizeof bad, "%s/missing.lex", tmp_root);
    assert_int_equal(sr_lexicon_open(bad, &lex, &err), SR_ERR_NOTFOUND);
    /* without the variable: sitrep.lex beside the executable (the build
     * directory holds both), else the build-time default */
    unsetenv("SITREP_LEXICON");
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 16);
    assert_true(n > 0);
    exe[n] = '\0';
    strcpy(strrchr(exe, '/') + 1, "sitrep.lex");
    struct stat st;
    if (stat(exe, &st) == 0) {
        assert_int_equal(sr_lexicon_open(NULL, &lex, &err), SR_OK);
        assert_true(sr_lexicon_count(lex, SR_LEX_COUNTRY) > 6); /* not the tiny one */
        sr_lexicon_close(lex);
    }
    if (old) {
        setenv("SITREP_LEXICON", old, 1);
        free(old);
    } else {
        unsetenv("SITREP_LEXICON");
    }
}

/* ---- threads ---------------------------------------------------------------------- */

typedef struct scan_job {
    const sr_lexicon *lex;
    char out[512];
} scan_job;

static void *scan_thread(void *arg)
{
    scan_job *j = arg;
    for (int i = 0; i < 200; i++)
        scan_str(j->lex, "JNIM attacked Malian soldiers near Boulkessi; the Congolese army and "
                         "Islamic State Sahel Province fighters clashed near Timbuktu.",
                 j->out, sizeof j->out, 1);
    return NULL;
}

/* One mapped lexicon serves several threads at once with the same answers. */
static void test_threads(void **state)
{
    (void)state;
    sr_lexicon *lex = open_tiny();
    scan_job jobs[4];
    pthread_t th[4];
    for (int i = 0; i < 4; i++) {
        jobs[i].lex = lex;
        jobs[i].out[0] = '\0';
        assert_int_equal(pthread_create(&th[i], NULL, scan_thread, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_join(th[i], NULL), 0);
    assert_non_null(strstr(jobs[0].out, "[Islamic State Sahel Province:1]"));
    for (int i = 1; i < 4; i++)
        assert_string_equal(jobs[i].out, jobs[0].out);
    sr_lexicon_close(lex);
}

/* ---- the lexicon built from data/ ------------------------------------------------ */

static void test_shipped(void **state)
{
    (void)state;
    const char *path = getenv("SITREP_LEXICON");
    if (!path || !*path)
        skip();
    sr_lexicon *lex = NULL;
    sr_error err = {{0}};
    assert_int_equal(sr_lexicon_open(path, &lex, &err), SR_OK);
    assert_true(sr_lexicon_count(lex, SR_LEX_COUNTRY) >= 250);
    assert_true(sr_lexicon_count(lex, SR_LEX_PLACE) >= 50000);
    static const struct {
        const char *text, *actor;
    } actors[] = {
        {"Malian army", "Military Forces of Mali"},
        {"Burkinabe soldiers", "Military Forces of Burkina Faso"},
        {"Nigerien troops", "Military Forces of Niger"},
        {"Nigerian Air Force", "Military Forces of Nigeria"},
        {"Congolese army", "Military Forces of Democratic Republic of Congo"},
        {"Malian gendarmerie", "Police Forces of Mali"},
    };
    for (size_t i = 0; i < sizeof actors / sizeof actors[0]; i++) {
        uint32_t id = first_of(lex, actors[i].text, SR_LEX_ACTOR);
        if (id == SR_NO_ID)
            fail_msg("no actor for '%s'", actors[i].text);
        assert_string_equal(actor_name(lex, id), actors[i].actor);
    }
    static const struct {
        const char *text, *country, *admin1;
        sr_place_kind kind;
    } places[] = {
        {"Tillabéri", "NE", "Tillaberi", SR_PLACE_ADMIN1},
        {"Ménaka", "ML", "Menaka", SR_PLACE_ADMIN1},
        {"Djibo", "BF", "Sahel", SR_PLACE_CITY},
        {"Bobo-Dioulasso", "BF", "Hauts-Bassins", SR_PLACE_CITY},
        {"Timbuktu", "ML", "Tombouctou", SR_PLACE_ADMIN1},
        {"North Darfur", "SD", "North Darfur", SR_PLACE_ADMIN1},
        {"Northern Darfur", "SD", "North Darfur", SR_PLACE_ADMIN1},
        {"Gezira", "SD", "Al Jazirah", SR_PLACE_ADMIN1},
        {"Mogadishu", "SO", "Banaadir", SR_PLACE_CITY},
    };
    for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
        uint32_t id = first_of(lex, places[i].text, SR_LEX_PLACE);
        if (id == SR_NO_ID)
            fail_msg("no place for '%s'", places[i].text);
        sr_place_info pi;
        assert_int_equal(sr_lexicon_place(lex, id, &pi), SR_OK);
        if (strcmp(pi.country, places[i].country) || strcmp(pi.admin1, places[i].admin1) ||
            pi.kind != places[i].kind)
            fail_msg("'%s' -> %s %s/%s kind %d", places[i].text, pi.name, pi.country, pi.admin1,
                     pi.kind);
    }
    /* common words and country names are not places */
    const char *not_places[] = {"said", "army", "market", "Sunday", "May", "north", "Niger"};
    for (size_t i = 0; i < sizeof not_places / sizeof not_places[0]; i++)
        if (first_of(lex, not_places[i], SR_LEX_PLACE) != SR_NO_ID)
            fail_msg("'%s' is a place", not_places[i]);
    uint32_t ml = sr_lexicon_country_by_iso2(lex, "ML");
    sr_country_info ci;
    assert_int_equal(sr_lexicon_country(lex, ml, &ci), SR_OK);
    assert_string_equal(ci.name, "Mali");
    assert_string_equal(ci.demonym, "Malian");
    assert_int_equal(ci.isonum, 466);
    uint32_t cd = sr_lexicon_country_by_iso2(lex, "CD");
    assert_int_equal(sr_lexicon_country(lex, cd, &ci), SR_OK);
    assert_string_equal(ci.name, "Democratic Republic of Congo");
    assert_int_equal(ci.isonum, 180);
    /* every country has its ISO numeric code, except Kosovo, which has none */
    for (uint32_t i = 0; i < sr_lexicon_count(lex, SR_LEX_COUNTRY); i++) {
        assert_int_equal(sr_lexicon_country(lex, i, &ci), SR_OK);
        if ((ci.isonum == 0) != !strcmp(ci.iso2, "XK"))
            fail_msg("%s: isonum %d", ci.iso2, ci.isonum);
    }
    /* every country has its forces, found by their canonical names */
    const char *forces[] = {"Military Forces of Mali", "Police Forces of Niger",
                            "Government of Burkina Faso", "Civilians (Mali)",
                            "Unidentified Armed Group (Niger)"};
    for (size_t i = 0; i < sizeof forces / sizeof forces[0]; i++)
        if (sr_lexicon_find_actor(lex, forces[i]) == SR_NO_ID)
            fail_msg("no actor '%s'", forces[i]);
    /* the Islamic State's provinces, where reports name only the parent */
    static const struct {
        const char *cc, *branch; /* branch NULL: none */
    } is_branches[] = {
        {"ML", "Islamic State Sahel Province"},
        {"NE", "Islamic State Sahel Province"},
        {"BF", "Islamic State Sahel Province"},
        {"NG", "Islamic State West Africa Province"},
        {"TD", "Islamic State West Africa Province"},
        {"CM", "Islamic State West Africa Province"},
        {"MZ", "Islamic State Mozambique Province"},
        {"CD", "Islamic State Central Africa Province"},
        {"UG", "Islamic State Central Africa Province"},
        {"SO", "Islamic State Somalia Province"},
        {"SY", NULL},
    };
    uint32_t is = sr_lexicon_find_actor(lex, "Islamic State");
    assert_int_not_equal(is, SR_NO_ID);
    for (size_t i = 0; i < sizeof is_branches / sizeof is_branches[0]; i++) {
        uint32_t got = sr_lexicon_actor_branch(lex, is, is_branches[i].cc);
        const char *name = got == SR_NO_ID ? NULL : actor_name(lex, got);
        if (!name != !is_branches[i].branch ||
            (name && strcmp(name, is_branches[i].branch) != 0))
            fail_msg("Islamic State in %s: %s", is_branches[i].cc, name ? name : "no branch");
    }
    sr_lexicon_close(lex);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_actor_phrases),
        cmocka_unit_test(test_actor_records),
        cmocka_unit_test(test_branches),
        cmocka_unit_test(test_branch_countries),
        cmocka_unit_test(test_countries),
        cmocka_unit_test(test_places),
        cmocka_unit_test(test_triggers_victims_cues),
        cmocka_unit_test(test_prefix),
        cmocka_unit_test(test_scan),
        cmocka_unit_test(test_bad_data),
        cmocka_unit_test(test_empty_and_missing),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_corrupt),
        cmocka_unit_test(test_path_lookup),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_shipped),
    };
    return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
