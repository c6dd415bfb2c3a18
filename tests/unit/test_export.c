/* test_export.c — the export formats: ACLED CSV columns, JSON lines with
 * sources, GeoJSON, CAMEO TSV and HXL hashtags. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "export.h"

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

static char *run(sr_export_format fmt)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    sr_exporter *x;
    assert_int_equal(sr_exporter_new(f, fmt, NULL, &x, NULL), SR_OK);
    sr_stored_event s = sample();
    assert_int_equal(sr_exporter_event(x, &s), SR_OK);
    s.id = 43;
    s.ev.latitude = NAN;
    assert_int_equal(sr_exporter_event(x, &s), SR_OK);
    assert_int_equal(sr_exporter_finish(x, NULL), SR_OK);
    fclose(f);
    return buf;
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
    assert_int_equal(cc.numeric, 854);
    assert_string_equal(cc.iso3, "BFA");
    assert_string_equal(sr_country_iso2_by_name(NULL, "Niger"), "NE");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv),     cmocka_unit_test(test_jsonl),
        cmocka_unit_test(test_geojson), cmocka_unit_test(test_cameo),
        cmocka_unit_test(test_hxl),     cmocka_unit_test(test_formats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
