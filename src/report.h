/*
 * report.h — the situation report, in Markdown or as a self-contained HTML page.
 *
 * An analyst's brief for one area (a country, a region, an actor or any
 * filter) and one period: the headline figures against the period before;
 * the main events with their actors, places, tolls (best and range), status
 * and sources; the broader picture (the weekly trend with ACLED change
 * labels, how the deadliest day ranks — "the deadliest day for X since D" —,
 * the regions with alerts and the emerging actors); the outlook from the
 * forecast with its 80% interval; and an appendix with the sitrep command
 * behind every figure.  Sections without data are left out; an empty period
 * is said to be empty.  The HTML page carries an SVG map of the events (see
 * svgmap.h) and an SVG timeline, and loads nothing from elsewhere.
 */
#ifndef SR_REPORT_H
#define SR_REPORT_H

#include <stdio.h>

#include "analyze.h"
#include "store.h"

typedef struct sr_report_spec {
    sr_an_filter filter;   /* the area; its dates are ignored */
    int32_t since, until;  /* the period, inclusive */
    int html;              /* 0 Markdown, 1 HTML */
    sr_an_fc_params fc;    /* forecast settings */
    const char *db_path;   /* for the appendix's commands; may be NULL */
} sr_report_spec;

/* Writes the report on d's events (and the details of the main events read
 * from s) into *out (malloc'd, NUL-terminated; free()).  s may be NULL:
 * event details then come from d alone. */
int sr_report_build(sr_store *s, const sr_an_data *d, const sr_report_spec *spec, char **out,
                    size_t *len, sr_error *err);

#endif
