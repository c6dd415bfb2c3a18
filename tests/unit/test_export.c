/* test_export.c — the export formats: ACLED CSV columns, JSON lines with
 * sources, GeoJSON, CAMEO TSV and HXL hashtags; country codes from a small
 * lexicon compiled for the test, and without one. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "export.h"
#include "lexicon.h"
#include "lexicon_build.h"

/* A lexicon of a few countries (codes as in data/countries.tsv: Kosovo has
 * no ISO numeric code), compiled once into a temporary directory. */
static char tmp_root[256];
static sr_lexicon *lex;

static int setup_all(void **state)
{
    (void)state;
    const char *t = getenv("TMPDIR");
    snprintf(tmp_root, sizeof tmp_root, "%s/test_export.XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(tmp_root))
        return -1;
    char path[400], out[400];
    snprintf(path, sizeof path, "%s/countries.tsv", tmp_root);
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    fputs("ML\tMLI\tMali\t\tMalian\t12.65\t-8.0\t466\n"
          "MM\tMMR\tMyanmar\tBurma\tBurmese\t\t\t104\n"
          "UA\tUKR\tUkraine\t\tUkrainian\t\t\t804\n"
          "XK\tXKX\tKosovo\t\tKosovar\t\t\t\n"
          "CO\tCOL\tColombia\t\tColombian|Colombians\t4.61\t-74.08\t170\n",
          f);
    fclose(f);
    snprintf(out, sizeof out, "%s/test.lex", tmp_root);
    sr_error err = {{0}};
    if (sr_lexicon_build(tmp_root, out, NULL, &err) != SR_OK ||
        sr_lexicon_open(out, &lex, &err) != SR_OK) {
        fprintf(stderr, "lexicon: %s\n", err.msg);
        return -1;
    }
    return 0;
}

static int teardown_all(void **state)
{
    (void)state;
    sr_lexicon_close(lex);
    char path[400];
    snprintf(path, sizeof path, "%s/countries.tsv", tmp_root);
    unlink(path);
    snprintf(path, sizeof path, "%s/test.lex", tmp_root);
    unlink(path);
    rmdir(tmp_root);
    return 0;
}

static sr_stored_event sample(void)
{
    static const char *const src[] = {"doc-1", "doc-2"};
    sr_stored_event s;
    memset(&s, 0, sizeof s);
    s.id = 42;
    sr_event *e = &s.ev;
    snprintf(e->event_date, sizeof e->event_date, "2025-06-01");
    e->date_precision = 1;
    snprintf(e->event_type, sizeof e->event_type, "Battles");
    snprintf(e->sub_event_type, sizeof e->sub_event_type, "Armed clash");
    snprintf(e->actor1.name, sizeof e->actor1.name, "JNIM");
    e->actor1.inter = 2;
    snprintf(e->actor2.name, sizeof e->actor2.name, "Military Forces of Mali");
    e->actor2.inter = 1;
    snprintf(e->actor2.country, sizeof e->actor2.country, "ML");
    snprintf(e->country, sizeof e->country, "ML");
    snprintf(e->admin1, sizeof e->admin1, "Mopti");
    snprintf(e->location, sizeof e->location, "Boulkessi, \"camp\"");
    e->latitude = 14.5;
    e->longitude = -1.5;
    e->geo_precision = 1;
    e->fatalities = 30;
    e->fatalities_low = 10;
    e->fatalities_high = 100;
    e->status = SR_STATUS_REPORTED;
    s.origin = "extracted";
    s.origin_id = "";
    s.notes = "";
    s.updated_at = "2025-06-03T10:00:00Z";
    s.n_sources = 2;
    s.sources = src;
    s.n_source_ids = 2;
    return s;
}

static char *run_with(sr_export_format fmt, const sr_lexicon *with, const char *country)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    sr_exporter *x;
    assert_int_equal(sr_exporter_new(f, fmt, with, &x, NULL), SR_OK);
    sr_stored_event s = sample();
    snprintf(s.ev.country, sizeof s.ev.country, "%s", country);
    assert_int_equal(sr_exporter_event(x, &s), SR_OK);
    s.id = 43;
    s.ev.latitude = NAN;
    assert_int_equal(sr_exporter_event(x, &s), SR_OK);
    assert_int_equal(sr_exporter_finish(x, NULL), SR_OK);
    fclose(f);
    return buf;
}

static char *run(sr_export_format fmt)
{
    return run_with(fmt, lex, "ML");
}

static void test_csv(void **state)
{
    (void)state;
    char *out = run(SR_EXPORT_CSV);
    const char *header =
        "event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,inter1,"
        "actor2,inter2,interaction,civilian_targeting,iso,country,admin1,location,latitude,"
        "longitude,geo_precision,source,source_scale,notes,fatalities,timestamp\n";
    assert_memory_equal(out, header, strlen(header));
    const char *row = out + strlen(header);
    assert_memory_equal(row, "MLI42,2025-06-01,2025,1,Battles,Armed clash,JNIM,2,"
                             "Military Forces of Mali,1,12,,466,Mali,Mopti,"
                             "\"Boulkessi, \"\"camp\"\"\",14.50000,-1.50000,1,doc-1; doc-2,",
                        strlen("MLI42,2025-06-01,2025,1,Battles,Armed clash,JNIM,2,"
                               "Military Forces of Mali,1,12,,466,Mali,Mopti,"
                               "\"Boulkessi, \"\"camp\"\"\",14.50000,-1.50000,1,doc-1; doc-2,"));
    assert_non_null(strstr(row, ",30,1748944800\n"));
    free(out);
}

/* The CSV iso column: every country of the lexicon has its code; without a
 * lexicon the covered countries keep their names and the column is empty. */
static void test_csv_iso(void **state)
{
    (void)state;
    static const struct {
        int with_lex;
        const char *country, *want; /* want: from event_id_cnty's number to location */
    } rows[] = {
        {1, "ML", "MLI42,|,466,Mali,Mopti,"},
        {1, "MM", "MMR42,|,104,Myanmar,Mopti,"},
        {1, "UA", "UKR42,|,804,Ukraine,Mopti,"},
        {1, "XK", "XKX42,|,,Kosovo,Mopti,"},   /* no numeric code */
        {1, "CO", "COL42,|,170,Colombia,Mopti,"},
        {1, "ZZ", "XXX42,|,,ZZ,Mopti,"},       /* unknown everywhere */
        {0, "ML", "MLI42,|,,Mali,Mopti,"},
        {0, "MM", "MMR42,|,,Myanmar,Mopti,"},
        {0, "XK", "XXX42,|,,XK,Mopti,"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char *out = run_with(SR_EXPORT_CSV, rows[i].with_lex ? lex : NULL, rows[i].country);
        const char *row = strchr(out, '\n') + 1;
        const char *bar = strchr(rows[i].want, '|');
        size_t id_len = (size_t)(bar - rows[i].want);
        if (strncmp(row, rows[i].want, id_len) || !strstr(row, bar + 1))
            fail_msg("%s (lexicon %d): want '%s' in '%.*s'", rows[i].country, rows[i].with_lex,
                     rows[i].want, (int)(strchr(row, '\n') - row), row);
        free(out);
    }
}

static void test_jsonl(void **state)
{
    (void)state;
    char *out = run(SR_EXPORT_JSONL);
    char *nl = strchr(out, '\n');
    assert_non_null(nl);
    json_t *o = json_loadb(out, (size_t)(nl - out), 0, NULL);
    assert_non_null(o);
    assert_int_equal(json_integer_value(json_object_get(o, "fatalities_low")), 10);
    assert_int_equal(json_integer_value(json_object_get(o, "fatalities_high")), 100);
    json_t *src = json_object_get(o, "sources");
    assert_int_equal(json_array_size(src), 2);
    assert_string_equal(json_string_value(json_array_get(src, 1)), "doc-2");
    assert_string_equal(json_string_value(json_object_get(o, "status")), "reported");
    json_decref(o);
    free(out);
}

static void test_geojson(void **state)
{
    (void)state;
    char *out = run(SR_EXPORT_GEOJSON);
    json_t *o = json_loads(out, 0, NULL);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "type")), "FeatureCollection");
    json_t *feats = json_object_get(o, "features");
    assert_int_equal(json_array_size(feats), 2);
    json_t *coords = json_object_get(json_object_get(json_array_get(feats, 0), "geometry"),
                                     "coordinates");
    assert_true(fabs(json_real_value(json_array_get(coords, 0)) + 1.5) < 1e-9);
    assert_true(json_is_null(json_object_get(json_array_get(feats, 1), "geometry")));
    json_decref(o);
    free(out);
}

static void test_cameo(void **state)
{
    (void)state;
    char *out = run(SR_EXPORT_CAMEO);
    assert_memory_equal(out, "GLOBALEVENTID\tSQLDATE\t", 22);
    char *row = strchr(out, '\n') + 1;
    /* id, date, then the event codes further along */
    assert_memory_equal(row, "42\t20250601\t202506\t2025\t", 24);
    assert_non_null(strstr(row, "\t190\t190\t19\t4\t-10.0\t"));
    size_t tabs = 0;
    for (char *p = out; *p != '\n'; p++)
        tabs += *p == '\t';
    size_t row_tabs = 0;
    for (char *p = row; *p != '\n'; p++)
        row_tabs += *p == '\t';
    assert_int_equal(tabs, row_tabs);
    free(out);
}

static void test_hxl(void **state)
{
    (void)state;
    char *out = run(SR_EXPORT_HXL);
    char *second = strchr(out, '\n') + 1;
    assert_memory_equal(second, "#event+id,#date+occurred,#event+type,", 37);
    assert_non_null(strstr(second, "#affected+killed"));
    assert_non_null(strstr(second, "#geo+lat,#geo+lon"));
    assert_non_null(strstr(second, "#adm1+name"));
    char *third = strchr(second, '\n') + 1;
    assert_memory_equal(third, "42,2025-06-01,Battles,", 22);
    free(out);
}

static void test_formats(void **state)
{
    (void)state;
    sr_export_format f;
    assert_int_equal(sr_export_format_parse("CSV", &f), SR_OK);
    assert_int_equal(f, SR_EXPORT_CSV);
    assert_int_equal(sr_export_format_parse("geojson", &f), SR_OK);
    assert_int_equal(f, SR_EXPORT_GEOJSON);
    assert_int_equal(sr_export_format_parse("xml", &f), SR_ERR_ARG);
    sr_country_codes cc;
    assert_int_equal(sr_country_lookup(NULL, "bf", &cc), SR_OK);
    assert_int_equal(cc.numeric, 0); /* numeric codes come from the lexicon */
    assert_string_equal(cc.iso3, "BFA");
    assert_int_equal(sr_country_lookup(lex, "ua", &cc), SR_OK);
    assert_int_equal(cc.numeric, 804);
    assert_string_equal(cc.iso3, "UKR");
    assert_int_equal(sr_country_lookup(lex, "", &cc), SR_ERR_NOTFOUND);
    assert_int_equal(sr_country_lookup(lex, "QQ", &cc), SR_ERR_NOTFOUND);
    /* names: any country and alias of the lexicon, else the built-in table */
    static const struct {
        int with_lex;
        const char *name, *iso2; /* NULL: unknown */
    } names[] = {
        {0, "Niger", "NE"},       {0, "niger", "NE"},      {0, "MLI", "ML"},
        {0, "Cote d'Ivoire", "CI"}, {0, "Colombia", NULL}, {0, "", NULL},
        {1, "Colombia", "CO"},    {1, "COLOMBIA", "CO"},   {1, "COL", "CO"},
        {1, "co", "CO"},          {1, "Burma", "MM"},      {1, "Kosovo", "XK"},
        {1, "Colombians", NULL},  {1, "Niger", "NE"},      {1, "Atlantis", NULL},
        {1, "bad \xff", NULL},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *got = sr_country_iso2_by_name(names[i].with_lex ? lex : NULL, names[i].name);
        if (names[i].iso2 ? !got || strcmp(got, names[i].iso2) : got != NULL)
            fail_msg("'%s' (lexicon %d): %s, want %s", names[i].name, names[i].with_lex,
                     got ? got : "NULL", names[i].iso2 ? names[i].iso2 : "NULL");
    }
    assert_string_equal(sr_country_iso2_by_isonum(lex, 104), "MM");
    assert_string_equal(sr_country_iso2_by_isonum(lex, 466), "ML");
    assert_null(sr_country_iso2_by_isonum(lex, 0));
    assert_null(sr_country_iso2_by_isonum(lex, 854));
    assert_null(sr_country_iso2_by_isonum(NULL, 466));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv),     cmocka_unit_test(test_jsonl),
        cmocka_unit_test(test_geojson), cmocka_unit_test(test_cameo),
        cmocka_unit_test(test_hxl),     cmocka_unit_test(test_formats),
        cmocka_unit_test(test_csv_iso),
    };
    return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
