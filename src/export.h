/*
 * export.h — stored events in the formats analysts load.
 *
 *   table    a readable, column-aligned table (for a terminal)
 *   csv      ACLED's columns and meanings: event_id_cnty (ISO3 + id, e.g.
 *            "MLI1234"), event_date, year, time_precision, event_type,
 *            sub_event_type, actor1, inter1, actor2, inter2, interaction
 *            (the two inter codes, lower first: 12; 10 for a sole actor),
 *            civilian_targeting, iso (ISO 3166 numeric), country (name),
 *            admin1, location, latitude, longitude, geo_precision, source,
 *            source_scale, notes, fatalities, timestamp (Unix time)
 *   jsonl    one JSON object per event, with "sources" (the documents'
 *            ids) and fatalities_low / fatalities_high
 *   geojson  a FeatureCollection of Points (null geometry when unknown)
 *   cameo    tab-separated, with GDELT 2.0 event column names
 *            (GLOBALEVENTID, SQLDATE, Actor1Name, EventCode, EventRootCode,
 *            QuadClass, GoldsteinScale, ActionGeo_* ...)
 *   hxl      CSV with a second row of HXL hashtags (#date, #event+type,
 *            #actor+name, #adm1+name, #loc+name, #geo+lat, #geo+lon,
 *            #affected+killed ...) for the Humanitarian Data Exchange
 *
 * Country names and codes come from the lexicon when one is given (the ISO
 * numeric code of the CSV iso column only from there: data/countries.tsv),
 * else names and alpha-3 codes from a small built-in table of the countries
 * sitrep covers, with the iso column left empty.
 */
#ifndef SR_EXPORT_H
#define SR_EXPORT_H

#include <stdio.h>

#include "sitrep.h"
#include "store.h"

typedef enum sr_export_format {
    SR_EXPORT_TABLE = 1,
    SR_EXPORT_CSV,
    SR_EXPORT_JSONL,
    SR_EXPORT_GEOJSON,
    SR_EXPORT_CAMEO,
    SR_EXPORT_HXL,
} sr_export_format;

/* SR_OK and *fmt for a format name; SR_ERR_ARG for an unknown one. */
int sr_export_format_parse(const char *name, sr_export_format *fmt);

typedef struct sr_exporter sr_exporter;

/* Writes to out (owned by the caller).  lex may be NULL. */
int sr_exporter_new(FILE *out, sr_export_format fmt, const sr_lexicon *lex,
                    sr_exporter **ex, sr_error *err);
/* One event (its sources are used when filled). */
int sr_exporter_event(sr_exporter *ex, const sr_stored_event *e);
/* Closes the document (GeoJSON's closing bracket, the table's rule) and
 * frees ex.  Returns SR_ERR_IO when a write failed at any point. */
int sr_exporter_finish(sr_exporter *ex, sr_error *err);

/* Country facts for an ISO2 code (either case), from lex or else the
 * built-in table; the strings are static or inside lex.  SR_ERR_NOTFOUND for
 * an unknown code. */
typedef struct sr_country_codes {
    const char *iso2, *iso3, *name;
    int numeric; /* ISO 3166-1 numeric from lex; 0 when unknown or lex is NULL */
} sr_country_codes;

int sr_country_lookup(const sr_lexicon *lex, const char *iso2, sr_country_codes *out);
/* The ISO2 code of a country named by its ISO2 or ISO3 code or its name:
 * with lex, any country's name or alias as the lexicon folds it ("Côte
 * d'Ivoire", "Burma"; not a demonym), else (or when lex has none) the
 * built-in table's names, case-insensitive.  NULL when unknown; the string
 * is static or inside lex. */
const char *sr_country_iso2_by_name(const sr_lexicon *lex, const char *name);
/* The ISO2 code (inside lex) of the country with an ISO 3166 numeric code,
 * or NULL (always NULL when lex is NULL). */
const char *sr_country_iso2_by_isonum(const sr_lexicon *lex, int numeric);

#endif
