/* export.c — stored events in the formats analysts load (see export.h). */
#include "export.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>

#include "arena.h"
#include "csv.h"
#include "lexicon.h"

/* Names and alpha-3 codes of the countries sitrep covers, as ACLED writes
 * them, for when no lexicon is at hand.  The lexicon has every country, its
 * aliases and its ISO numeric code, and is used first; without it the CSV
 * iso column is left empty. */
static const struct {
    const char *iso2, *iso3, *name;
} countries[] = {
    {"AF", "AFG", "Afghanistan"},
    {"DZ", "DZA", "Algeria"},
    {"BJ", "BEN", "Benin"},
    {"BF", "BFA", "Burkina Faso"},
    {"BI", "BDI", "Burundi"},
    {"CM", "CMR", "Cameroon"},
    {"CF", "CAF", "Central African Republic"},
    {"TD", "TCD", "Chad"},
    {"CD", "COD", "Democratic Republic of Congo"},
    {"CI", "CIV", "Ivory Coast"},
    {"EG", "EGY", "Egypt"},
    {"ET", "ETH", "Ethiopia"},
    {"GH", "GHA", "Ghana"},
    {"GN", "GIN", "Guinea"},
    {"IQ", "IRQ", "Iraq"},
    {"IL", "ISR", "Israel"},
    {"KE", "KEN", "Kenya"},
    {"LB", "LBN", "Lebanon"},
    {"LY", "LBY", "Libya"},
    {"ML", "MLI", "Mali"},
    {"MR", "MRT", "Mauritania"},
    {"MM", "MMR", "Myanmar"},
    {"MZ", "MOZ", "Mozambique"},
    {"NE", "NER", "Niger"},
    {"NG", "NGA", "Nigeria"},
    {"PK", "PAK", "Pakistan"},
    {"PS", "PSE", "Palestine"},
    {"RU", "RUS", "Russia"},
    {"SN", "SEN", "Senegal"},
    {"SO", "SOM", "Somalia"},
    {"SS", "SSD", "South Sudan"},
    {"SD", "SDN", "Sudan"},
    {"SY", "SYR", "Syria"},
    {"TG", "TGO", "Togo"},
    {"UA", "UKR", "Ukraine"},
    {"UG", "UGA", "Uganda"},
    {"YE", "YEM", "Yemen"},
    {"FR", "FRA", "France"},
    {"US", "USA", "United States"},
};
#define N_COUNTRIES (sizeof countries / sizeof countries[0])

int sr_country_lookup(const sr_lexicon *lex, const char *iso2, sr_country_codes *out)
{
    memset(out, 0, sizeof *out);
    if (!iso2 || !*iso2)
        return SR_ERR_NOTFOUND;
    if (lex) {
        /* the lexicon's codes are upper-case */
        char up[3] = {0};
        for (size_t i = 0; i < 2 && iso2[i]; i++)
            up[i] = (char)toupper((unsigned char)iso2[i]);
        uint32_t id = iso2[1] && !iso2[2] ? sr_lexicon_country_by_iso2(lex, up) : SR_NO_ID;
        sr_country_info ci;
        if (id != SR_NO_ID && sr_lexicon_country(lex, id, &ci) == SR_OK) {
            out->iso2 = ci.iso2;
            out->iso3 = ci.iso3;
            out->name = ci.name;
            out->numeric = ci.isonum;
            return SR_OK;
        }
    }
    for (size_t i = 0; i < N_COUNTRIES; i++)
        if (!strcasecmp(countries[i].iso2, iso2)) {
            out->iso2 = countries[i].iso2;
            out->iso3 = countries[i].iso3;
            out->name = countries[i].name;
            return SR_OK;
        }
    return SR_ERR_NOTFOUND;
}

/* The country of lex that name names: its ISO2 or ISO3 code, or its name or
 * an alias as the lexicon folds them (not a demonym); NULL when none. */
static const char *iso2_in_lexicon(const sr_lexicon *lex, const char *name)
{
    uint32_t n = sr_lexicon_count(lex, SR_LEX_COUNTRY);
    for (uint32_t i = 0; i < n; i++) {
        sr_country_info ci;
        if (sr_lexicon_country(lex, i, &ci) == SR_OK &&
            (!strcasecmp(ci.iso2, name) || (*ci.iso3 && !strcasecmp(ci.iso3, name))))
            return ci.iso2;
    }
    const char *found = NULL;
    sr_arena a;
    sr_arena_init(&a);
    char *key;
    size_t len;
    const sr_lex_hit *hits;
    if (sr_lexicon_make_key(&a, name, strlen(name), &key, &len, NULL) == SR_OK && len) {
        size_t nh = sr_lexicon_lookup(lex, key, len, &hits);
        for (size_t i = 0; i < nh && !found; i++) {
            sr_country_info ci;
            if (hits[i].kind == SR_LEX_COUNTRY &&
                !sr_lexicon_is_demonym(lex, hits[i].id, key, len) &&
                sr_lexicon_country(lex, hits[i].id, &ci) == SR_OK)
                found = ci.iso2;
        }
    }
    sr_arena_free(&a);
    return found;
}

const char *sr_country_iso2_by_name(const sr_lexicon *lex, const char *name)
{
    if (!name || !*name)
        return NULL;
    const char *in_lex = lex ? iso2_in_lexicon(lex, name) : NULL;
    if (in_lex)
        return in_lex;
    for (size_t i = 0; i < N_COUNTRIES; i++)
        if (!strcasecmp(countries[i].name, name) || !strcasecmp(countries[i].iso3, name) ||
            !strcasecmp(countries[i].iso2, name))
            return countries[i].iso2;
    if (!strcasecmp(name, "Cote d'Ivoire") || !strcasecmp(name, "Côte d'Ivoire"))
        return "CI";
    if (!strcasecmp(name, "DR Congo") || !strcasecmp(name, "Congo, DRC") ||
        !strcasecmp(name, "DR Congo (Zaire)"))
        return "CD";
    return NULL;
}

const char *sr_country_iso2_by_isonum(const sr_lexicon *lex, int numeric)
{
    if (numeric <= 0)
        return NULL;
    uint32_t n = lex ? sr_lexicon_count(lex, SR_LEX_COUNTRY) : 0;
    for (uint32_t i = 0; i < n; i++) {
        sr_country_info ci;
        if (sr_lexicon_country(lex, i, &ci) == SR_OK && ci.isonum == numeric)
            return ci.iso2;
    }
    return NULL;
}

int sr_export_format_parse(const char *name, sr_export_format *fmt)
{
    static const struct {
        const char *name;
        sr_export_format fmt;
    } names[] = {{"table", SR_EXPORT_TABLE}, {"csv", SR_EXPORT_CSV},
                 {"acled", SR_EXPORT_CSV},   {"jsonl", SR_EXPORT_JSONL},
                 {"json", SR_EXPORT_JSONL},  {"geojson", SR_EXPORT_GEOJSON},
                 {"cameo", SR_EXPORT_CAMEO}, {"gdelt", SR_EXPORT_CAMEO},
                 {"hxl", SR_EXPORT_HXL}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (name && !strcasecmp(name, names[i].name)) {
            *fmt = names[i].fmt;
            return SR_OK;
        }
    return SR_ERR_ARG;
}

struct sr_exporter {
    FILE *out;
    sr_export_format fmt;
    const sr_lexicon *lex;
    size_t n;
};

static const char *const csv_cols[] = {
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "inter1", "actor2", "inter2", "interaction", "civilian_targeting", "iso",
    "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "timestamp"};

static const char *const hxl_cols[][2] = {
    {"event_id", "#event+id"},
    {"event_date", "#date+occurred"},
    {"event_type", "#event+type"},
    {"sub_event_type", "#event+type+sub"},
    {"actor1", "#actor+name+primary"},
    {"actor2", "#actor+name+secondary"},
    {"country", "#country+name"},
    {"iso3", "#country+code"},
    {"admin1", "#adm1+name"},
    {"location", "#loc+name"},
    {"latitude", "#geo+lat"},
    {"longitude", "#geo+lon"},
    {"geo_precision", "#geo+precision"},
    {"fatalities", "#affected+killed"},
    {"fatalities_low", "#affected+killed+min"},
    {"fatalities_high", "#affected+killed+max"},
    {"status", "#status"},
    {"sources", "#meta+source"},
};

static const char *const cameo_cols[] = {
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Name",
    "Actor1CountryCode", "Actor2Name", "Actor2CountryCode", "IsRootEvent", "EventCode",
    "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
    "NumSources", "NumArticles", "AvgTone", "ActionGeo_Type", "ActionGeo_FullName",
    "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_Lat", "ActionGeo_Long",
    "DATEADDED", "SOURCEURL"};

int sr_exporter_new(FILE *out, sr_export_format fmt, const sr_lexicon *lex,
                    sr_exporter **ex, sr_error *err)
{
    sr_exporter *e = calloc(1, sizeof *e);
    if (!e)
        return sr_error_set(err, SR_ERR_NOMEM, "out of memory");
    e->out = out;
    e->fmt = fmt;
    e->lex = lex;
    switch (fmt) {
    case SR_EXPORT_CSV:
        for (size_t i = 0; i < sizeof csv_cols / sizeof csv_cols[0]; i++)
            fprintf(out, "%s%s", i ? "," : "", csv_cols[i]);
        fputc('\n', out);
        break;
    case SR_EXPORT_HXL:
        for (size_t i = 0; i < sizeof hxl_cols / sizeof hxl_cols[0]; i++)
            fprintf(out, "%s%s", i ? "," : "", hxl_cols[i][0]);
        fputc('\n', out);
        for (size_t i = 0; i < sizeof hxl_cols / sizeof hxl_cols[0]; i++)
            fprintf(out, "%s%s", i ? "," : "", hxl_cols[i][1]);
        fputc('\n', out);
        break;
    case SR_EXPORT_CAMEO:
        for (size_t i = 0; i < sizeof cameo_cols / sizeof cameo_cols[0]; i++)
            fprintf(out, "%s%s", i ? "\t" : "", cameo_cols[i]);
        fputc('\n', out);
        break;
    case SR_EXPORT_GEOJSON:
        fputs("{\"type\":\"FeatureCollection\",\"features\":[\n", out);
        break;
    case SR_EXPORT_TABLE:
        fprintf(out, "%-7s %-10s %-26s %-24s %-24s %-22s %-8s %-15s %-9s %s\n", "ID", "DATE",
                "TYPE", "ACTOR1", "ACTOR2", "LOCATION", "COUNTRY", "KILLED", "STATUS", "SRC");
        break;
    default:
        break;
    }
    *ex = e;
    return SR_OK;
}

/* Writes s cut to w display columns (counting UTF-8 characters), padded. */
static void cell(FILE *f, const char *s, int w)
{
    int cols = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p && cols < w) {
        int len = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
        if (cols == w - 1 && p[len]) {
            fputs("…", f);
            cols++;
            break;
        }
        for (int i = 0; i < len && p[i]; i++)
            fputc(p[i], f);
        p += len;
        cols++;
    }
    for (; cols < w; cols++)
        fputc(' ', f);
}

static int inter_pair(const sr_event *e)
{
    int a = e->actor1.inter, b = e->actor2.name[0] ? e->actor2.inter : 0;
    if (!b)
        return a * 10;
    return a < b ? a * 10 + b : b * 10 + a;
}

static const char *default_cameo(const sr_event *e)
{
    if (e->cameo[0])
        return e->cameo;
    const char *t = e->event_type, *s = e->sub_event_type;
    if (!strcmp(t, "Battles"))
        return "190";
    if (!strcmp(t, "Explosions/Remote violence"))
        return !strcmp(s, "Air/drone strike") ? "195" : !strcmp(s, "Suicide bomb") ? "1823" : "183";
    if (!strcmp(t, "Violence against civilians"))
        return !strcmp(s, "Abduction/forced disappearance") ? "181"
               : !strcmp(s, "Sexual violence")               ? "1822"
                                                             : "180";
    if (!strcmp(t, "Protests"))
        return "140";
    if (!strcmp(t, "Riots"))
        return "145";
    if (!strcmp(s, "Arrests"))
        return "173";
    return "";
}

static double goldstein(const char *root)
{
    static const double g[21] = {0,   1.0, 0.0, 4.0, 1.0, 3.5, 6.0,  7.0,  5.0, 5.0, -2.0,
                                 -2.0, -4.0, -4.0, -6.5, -7.2, -4.0, -5.0, -9.0, -10.0, -10.0};
    int r = atoi(root);
    return r >= 1 && r <= 20 ? g[r] : 0.0;
}

static void fmt_coord(char *buf, size_t cap, double v)
{
    if (isnan(v))
        buf[0] = '\0';
    else
        snprintf(buf, cap, "%.5f", v);
}

/* ACLED's source column: the outlets, else the documents' ids. */
static void join_sources(const sr_stored_event *e, char *buf, size_t cap)
{
    size_t o = 0;
    buf[0] = '\0';
    if (e->outlets && e->n_outlets) {
        for (size_t i = 0; i < e->n_outlets && o + 4 < cap; i++)
            o += (size_t)snprintf(buf + o, cap - o, "%s%s", i ? "; " : "", e->outlets[i]);
        return;
    }
    if (!e->sources || !e->n_source_ids) {
        if (strcmp(e->origin, "extracted") != 0)
            snprintf(buf, cap, "%s", !strcmp(e->origin, "ucdp") ? "UCDP GED" : e->origin);
        return;
    }
    for (size_t i = 0; i < e->n_source_ids && o + 4 < cap; i++)
        o += (size_t)snprintf(buf + o, cap - o, "%s%s", i ? "; " : "", e->sources[i]);
}

static void notes_of(const sr_stored_event *s, char *buf, size_t cap)
{
    if (s->notes && *s->notes) {
        snprintf(buf, cap, "%s", s->notes);
        return;
    }
    const sr_event *e = &s->ev;
    snprintf(buf, cap, "On %s, %s%s%s in %s%s%s. %d killed (%d-%d, %s).", e->event_date,
             e->actor1.name[0] ? e->actor1.name : "unidentified actors",
             e->actor2.name[0] ? " vs " : "", e->actor2.name, e->location[0] ? e->location : "?",
             e->admin1[0] ? ", " : "", e->admin1, e->fatalities, e->fatalities_low,
             e->fatalities_high, sr_status_name(e->status)[0] ? sr_status_name(e->status) : "unknown status");
}

static json_t *event_json(const sr_exporter *x, const sr_stored_event *s, int with_geo)
{
    const sr_event *e = &s->ev;
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(s->id));
    json_object_set_new(o, "event_date", json_string(e->event_date));
    json_object_set_new(o, "date_precision", json_integer(e->date_precision));
    json_object_set_new(o, "event_type", json_string(e->event_type));
    json_object_set_new(o, "sub_event_type", json_string(e->sub_event_type));
    json_object_set_new(o, "actor1", e->actor1.name[0] ? json_string(e->actor1.name) : json_null());
    json_object_set_new(o, "actor2", e->actor2.name[0] ? json_string(e->actor2.name) : json_null());
    json_object_set_new(o, "inter1", json_integer(e->actor1.inter));
    json_object_set_new(o, "inter2", json_integer(e->actor2.inter));
    json_object_set_new(o, "claimed_by", e->claimed_by[0] ? json_string(e->claimed_by) : json_null());
    json_object_set_new(o, "country", json_string(e->country));
    sr_country_codes cc;
    if (sr_country_lookup(x->lex, e->country, &cc) == SR_OK && cc.name)
        json_object_set_new(o, "country_name", json_string(cc.name));
    json_object_set_new(o, "admin1", json_string(e->admin1));
    json_object_set_new(o, "location", json_string(e->location));
    if (with_geo) {
        json_object_set_new(o, "latitude", isnan(e->latitude) ? json_null() : json_real(e->latitude));
        json_object_set_new(o, "longitude",
                            isnan(e->longitude) ? json_null() : json_real(e->longitude));
    }
    json_object_set_new(o, "geo_precision", json_integer(e->geo_precision));
    json_object_set_new(o, "fatalities", json_integer(e->fatalities));
    json_object_set_new(o, "fatalities_low", json_integer(e->fatalities_low));
    json_object_set_new(o, "fatalities_high", json_integer(e->fatalities_high));
    json_object_set_new(o, "status", json_string(sr_status_name(e->status)));
    json_object_set_new(o, "cameo", json_string(default_cameo(e)));
    json_object_set_new(o, "origin", json_string(s->origin));
    if (s->origin_id[0])
        json_object_set_new(o, "origin_id", json_string(s->origin_id));
    json_object_set_new(o, "n_sources", json_integer(s->n_sources));
    json_t *src = json_array();
    for (size_t i = 0; s->sources && i < s->n_source_ids; i++)
        json_array_append_new(src, json_string(s->sources[i]));
    json_object_set_new(o, "sources", src);
    if (s->notes && *s->notes)
        json_object_set_new(o, "notes", json_string(s->notes));
    return o;
}

int sr_exporter_event(sr_exporter *x, const sr_stored_event *s)
{
    const sr_event *e = &s->ev;
    FILE *f = x->out;
    sr_country_codes cc;
    int have_cc = sr_country_lookup(x->lex, e->country, &cc) == SR_OK;
    char lat[32], lon[32], buf[64], src[2048], notes[1024];
    fmt_coord(lat, sizeof lat, e->latitude);
    fmt_coord(lon, sizeof lon, e->longitude);
    switch (x->fmt) {
    case SR_EXPORT_CSV: {
        snprintf(buf, sizeof buf, "%s%lld", have_cc && cc.iso3 ? cc.iso3 : "XXX",
                 (long long)s->id);
        sr_csv_field(f, buf);
        fputc(',', f);
        sr_csv_field(f, e->event_date);
        fprintf(f, ",%.4s,%d,", e->event_date, e->date_precision);
        sr_csv_field(f, e->event_type);
        fputc(',', f);
        sr_csv_field(f, e->sub_event_type);
        fputc(',', f);
        sr_csv_field(f, e->actor1.name);
        fprintf(f, ",%d,", e->actor1.inter);
        sr_csv_field(f, e->actor2.name);
        if (e->actor2.name[0])
            fprintf(f, ",%d,%d,", e->actor2.inter, inter_pair(e));
        else
            fprintf(f, ",0,%d,", inter_pair(e));
        fputs(!strncmp(e->actor2.name, "Civilians", 9) ? "Civilian targeting" : "", f);
        if (have_cc && cc.numeric)
            fprintf(f, ",%d,", cc.numeric);
        else
            fputs(",,", f);
        sr_csv_field(f, have_cc && cc.name ? cc.name : e->country);
        fputc(',', f);
        sr_csv_field(f, e->admin1);
        fputc(',', f);
        sr_csv_field(f, e->location);
        fprintf(f, ",%s,%s,%d,", lat, lon, e->geo_precision);
        join_sources(s, src, sizeof src);
        sr_csv_field(f, src);
        fputs(",Other,", f);
        notes_of(s, notes, sizeof notes);
        sr_csv_field(f, notes);
        struct tm tm = {0};
        long long ts = 0;
        if (s->updated_at && sscanf(s->updated_at, "%d-%d-%dT%d:%d:%d", &tm.tm_year,
                                    &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                                    &tm.tm_sec) == 6) {
            tm.tm_year -= 1900;
            tm.tm_mon -= 1;
            ts = (long long)timegm(&tm);
        }
        fprintf(f, ",%d,%lld\n", e->fatalities, ts);
        break;
    }
    case SR_EXPORT_HXL: {
        fprintf(f, "%lld,", (long long)s->id);
        const char *vals[] = {e->event_date, e->event_type, e->sub_event_type, e->actor1.name,
                              e->actor2.name, have_cc && cc.name ? cc.name : e->country,
                              have_cc && cc.iso3 ? cc.iso3 : "", e->admin1, e->location};
        for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
            sr_csv_field(f, vals[i]);
            fputc(',', f);
        }
        fprintf(f, "%s,%s,%d,%d,%d,%d,%s,", lat, lon, e->geo_precision, e->fatalities,
                e->fatalities_low, e->fatalities_high, sr_status_name(e->status));
        join_sources(s, src, sizeof src);
        sr_csv_field(f, src);
        fputc('\n', f);
        break;
    }
    case SR_EXPORT_CAMEO: {
        int y = atoi(e->event_date), m = atoi(e->event_date + 5), d = atoi(e->event_date + 8);
        const char *code = default_cameo(e);
        char base[4] = "", root[3] = "";
        snprintf(base, sizeof base, "%.3s", code);
        snprintf(root, sizeof root, "%.2s", code);
        int geo_type = e->geo_precision <= 2 && e->location[0] ? 4 : e->admin1[0] ? 5 : 1;
        char full[256];
        snprintf(full, sizeof full, "%s%s%s%s%s",
                 geo_type == 1 ? "" : geo_type == 5 ? e->admin1 : e->location,
                 geo_type == 4 && e->admin1[0] ? ", " : "", geo_type == 4 ? e->admin1 : "",
                 geo_type == 1 ? "" : ", ", have_cc && cc.name ? cc.name : e->country);
        fprintf(f, "%lld\t%04d%02d%02d\t%04d%02d\t%04d\t%.4f\t", (long long)s->id, y, m, d, y,
                m, y, y + (m - 1) / 12.0 + (d - 1) / 365.0);
        sr_tsv_field(f, e->actor1.name);
        fprintf(f, "\t%s\t", have_cc && cc.iso3 && e->actor1.country[0] ? cc.iso3 : "");
        sr_tsv_field(f, e->actor2.name);
        fprintf(f, "\t%s\t1\t%s\t%s\t%s\t%d\t%.1f\t%d\t%d\t%d\t\t%d\t",
                have_cc && cc.iso3 && e->actor2.country[0] ? cc.iso3 : "", code, base, root,
                root[0] ? 4 : 0, goldstein(root), s->n_sources ? s->n_sources : 1,
                s->n_sources ? s->n_sources : 1, s->n_sources ? s->n_sources : 1, geo_type);
        sr_tsv_field(f, full);
        fprintf(f, "\t%s\t", e->country);
        sr_tsv_field(f, e->admin1);
        char added[16] = "";
        if (s->updated_at && strlen(s->updated_at) >= 10)
            snprintf(added, sizeof added, "%.4s%.2s%.2s", s->updated_at, s->updated_at + 5,
                     s->updated_at + 8);
        fprintf(f, "\t%s\t%s\t%s\t", lat, lon, added);
        sr_tsv_field(f, s->sources && s->n_source_ids ? s->sources[0] : "");
        fputc('\n', f);
        break;
    }
    case SR_EXPORT_JSONL: {
        json_t *o = event_json(x, s, 1);
        if (json_dumpf(o, f, JSON_COMPACT | JSON_REAL_PRECISION(8)) == 0)
            fputc('\n', f);
        json_decref(o);
        break;
    }
    case SR_EXPORT_GEOJSON: {
        json_t *feat = json_object();
        json_object_set_new(feat, "type", json_string("Feature"));
        if (isnan(e->latitude) || isnan(e->longitude))
            json_object_set_new(feat, "geometry", json_null());
        else
            json_object_set_new(feat, "geometry",
                                json_pack("{s:s,s:[f,f]}", "type", "Point", "coordinates",
                                          e->longitude, e->latitude));
        json_object_set_new(feat, "properties", event_json(x, s, 0));
        if (x->n)
            fputs(",\n", f);
        json_dumpf(feat, f, JSON_COMPACT | JSON_REAL_PRECISION(8));
        json_decref(feat);
        break;
    }
    case SR_EXPORT_TABLE: {
        char killed[32];
        if (e->fatalities_low != e->fatalities || e->fatalities_high != e->fatalities)
            snprintf(killed, sizeof killed, "%d (%d-%d)", e->fatalities, e->fatalities_low,
                     e->fatalities_high);
        else
            snprintf(killed, sizeof killed, "%d", e->fatalities);
        fprintf(f, "%-7lld ", (long long)s->id);
        cell(f, e->event_date, 10);
        fputc(' ', f);
        cell(f, e->sub_event_type[0] ? e->sub_event_type : e->event_type, 26);
        fputc(' ', f);
        cell(f, e->actor1.name, 24);
        fputc(' ', f);
        cell(f, e->actor2.name, 24);
        fputc(' ', f);
        cell(f, e->location, 22);
        fputc(' ', f);
        cell(f, e->country, 8);
        fputc(' ', f);
        cell(f, killed, 15);
        fputc(' ', f);
        cell(f, sr_status_name(e->status), 9);
        fprintf(f, " %d%s\n", s->n_sources, strcmp(s->origin, "extracted") ? " (ucdp)" : "");
        break;
    }
    }
    x->n++;
    return ferror(f) ? SR_ERR_IO : SR_OK;
}

int sr_exporter_finish(sr_exporter *x, sr_error *err)
{
    if (!x)
        return SR_OK;
    if (x->fmt == SR_EXPORT_GEOJSON)
        fputs("\n]}\n", x->out);
    else if (x->fmt == SR_EXPORT_TABLE)
        fprintf(x->out, "(%zu event%s)\n", x->n, x->n == 1 ? "" : "s");
    int bad = fflush(x->out) != 0 || ferror(x->out);
    free(x);
    return bad ? sr_error_set(err, SR_ERR_IO, "write error") : SR_OK;
}
