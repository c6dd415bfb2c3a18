/* test_csv.c — RFC 4180 records, and UCDP GED rows mapped to events. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "csv.h"
#include "ucdp.h"

static void test_records(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t nrec;
        const char *expect; /* records joined: fields by '|', records by '#' */
    } rows[] = {
        {"a,b,c\n1,2,3\n", 2, "a|b|c#1|2|3#"},
        {"a,\"b,c\",d\r\n", 1, "a|b,c|d#"},
        {"\"he said \"\"hi\"\"\",x\n", 1, "he said \"hi\"|x#"},
        {"\"two\nlines\",y\nz,w", 2, "two\nlines|y#z|w#"},
        {"a,b,\n", 1, "a|b|#"},
        {",\n", 1, "|#"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        sr_csv_reader *r;
        assert_int_equal(sr_csv_open(rows[i].in, strlen(rows[i].in), &r, NULL), SR_OK);
        char got[256] = "";
        size_t nrec = 0;
        char **f;
        size_t nf, line;
        int rc;
        while ((rc = sr_csv_next(r, &f, &nf, &line, NULL)) == SR_OK) {
            nrec++;
            for (size_t k = 0; k < nf; k++) {
                strcat(got, f[k]);
                strcat(got, k + 1 < nf ? "|" : "#");
            }
        }
        assert_int_equal(rc, SR_ERR_EMPTY);
        assert_int_equal(nrec, rows[i].nrec);
        assert_string_equal(got, rows[i].expect);
        sr_csv_close(r);
    }
}

static void test_unterminated(void **state)
{
    (void)state;
    const char *in = "a,b\n\"open,field\nmore\n";
    sr_csv_reader *r;
    assert_int_equal(sr_csv_open(in, strlen(in), &r, NULL), SR_OK);
    char **f;
    size_t nf, line;
    sr_error err = {""};
    assert_int_equal(sr_csv_next(r, &f, &nf, &line, &err), SR_OK);
    assert_int_equal(sr_csv_next(r, &f, &nf, &line, &err), SR_ERR_FORMAT);
    assert_non_null(strstr(err.msg, "line 2"));
    sr_csv_close(r);
}

static void test_writer(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    sr_csv_field(f, "plain");
    fputc(',', f);
    sr_csv_field(f, "a,b");
    fputc(',', f);
    sr_csv_field(f, "say \"x\"");
    fputc(',', f);
    sr_tsv_field(f, "tab\there\nnl");
    fclose(f);
    assert_string_equal(buf, "plain,\"a,b\",\"say \"\"x\"\"\",tab here nl");
    free(buf);
}

/* A UCDP-shaped file: 47 header names, 48 fields a row, quoted line breaks. */
static const char ged[] =
    "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,"
    "conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,"
    "side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,"
    "source_date,source_headline,source_original,where_prec,where_coordinates,"
    "where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,"
    "country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,"
    "deaths_civilians,deaths_unknown,best_est,high_est,low_est\n"
    "7,R-7,2022,True,Clear,3,1,1,X - Civilians,1,1,X - Civilians,1,1,X,2,2,Civilians,1,"
    "\"\"\"A,2022-01-01,Head\nline\"\"\",A,2022-01-01,\"Head\nline\",L,2,Foo village,\"Foo\","
    "Sahel region,Soum province,14.1,-1.6,POINT (-1.6 14.1),1,Burkina Faso,439,Africa,1,4,"
    "01/02/2022 00:00:00,01/20/2022 00:00:00,0,0,9,0,9,12,8,\n";

static void test_ucdp_row(void **state)
{
    (void)state;
    sr_csv_reader *r;
    assert_int_equal(sr_csv_open(ged, strlen(ged), &r, NULL), SR_OK);
    char **f;
    size_t nf, line;
    assert_int_equal(sr_csv_next(r, &f, &nf, &line, NULL), SR_OK);
    assert_int_equal(nf, 47);
    char *header[47];
    for (size_t i = 0; i < nf; i++)
        header[i] = strdup(f[i]);
    assert_int_equal(sr_csv_next(r, &f, &nf, &line, NULL), SR_OK);
    assert_int_equal(nf, 48);
    sr_event ev;
    char id[32], notes[512];
    sr_error err = {""};
    assert_int_equal(sr_ucdp_row(header, 47, f, nf, NULL, &ev, id, sizeof id, notes,
                                 sizeof notes, &err),
                     SR_OK);
    assert_string_equal(id, "7");
    assert_string_equal(ev.event_date, "2022-01-02");
    assert_int_equal(ev.date_precision, 3);
    assert_string_equal(ev.event_type, "Violence against civilians");
    assert_string_equal(ev.actor1.name, "X");
    assert_string_equal(ev.actor2.name, "Civilians (Burkina Faso)");
    assert_string_equal(ev.country, "BF");
    assert_string_equal(ev.admin1, "Sahel");
    assert_string_equal(ev.location, "Foo");
    assert_int_equal(ev.geo_precision, 2);
    assert_int_equal(ev.fatalities, 9);
    assert_int_equal(ev.fatalities_low, 8);
    assert_int_equal(ev.fatalities_high, 12);
    assert_true(fabs(ev.latitude - 14.1) < 1e-9);
    assert_non_null(strstr(notes, "Head\nline"));
    for (size_t i = 0; i < 47; i++)
        free(header[i]);
    sr_csv_close(r);
}

static void test_acled_row(void **state)
{
    (void)state;
    static const char csv[] =
        "event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,inter1,"
        "actor2,inter2,interaction,civilian_targeting,iso,country,admin1,location,latitude,"
        "longitude,geo_precision,source,source_scale,notes,fatalities,timestamp\n"
        "MLI12,01 June 2025,2025,2,Battles,Armed clash,JNIM,2,Military Forces of Mali,1,12,,466,"
        "Mali,Mopti,Boulkessi,14.6,-1.25,1,Example Wire,National,\"An attack, reported.\",30,"
        "1748944800\n";
    sr_csv_reader *r;
    assert_int_equal(sr_csv_open(csv, strlen(csv), &r, NULL), SR_OK);
    char **f;
    size_t nf, line;
    assert_int_equal(sr_csv_next(r, &f, &nf, &line, NULL), SR_OK);
    char *header[32];
    size_t nh = nf;
    for (size_t i = 0; i < nf; i++)
        header[i] = strdup(f[i]);
    assert_int_equal(sr_csv_next(r, &f, &nf, &line, NULL), SR_OK);
    sr_event ev;
    char id[32], notes[256];
    assert_int_equal(sr_acled_row(header, nh, f, nf, NULL, &ev, id, sizeof id, notes,
                                  sizeof notes, NULL),
                     SR_OK);
    assert_string_equal(id, "MLI12");
    assert_string_equal(ev.event_date, "2025-06-01");
    assert_int_equal(ev.date_precision, 2);
    assert_string_equal(ev.country, "ML");
    assert_string_equal(ev.actor2.name, "Military Forces of Mali");
    assert_int_equal(ev.actor2.inter, 1);
    assert_int_equal(ev.fatalities, 30);
    assert_string_equal(notes, "An attack, reported. Source: Example Wire");
    for (size_t i = 0; i < nh; i++)
        free(header[i]);
    sr_csv_close(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_records),
        cmocka_unit_test(test_unterminated),
        cmocka_unit_test(test_writer),
        cmocka_unit_test(test_ucdp_row),
        cmocka_unit_test(test_acled_row),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
