/*
 * svgmap.h — small SVG pictures for the report: a map and a timeline.
 *
 * The map draws the outlines shipped in data/map/boundaries.txt (country
 * outlines and first-level regions of the Sahel and West Africa, simplified
 * from Natural Earth, public domain; written by tools/boundaries.c) in an
 * equirectangular projection corrected for latitude, framed on a country or
 * on the points, with one dot per event sized by its fatalities.  The file
 * is read at run time from $SITREP_DATA_DIR/map, else from the source tree's
 * data/map (a build-time path); without it the map is skipped.
 *
 * The timeline draws bars of event counts and a line of fatalities per bin.
 * Both write SVG elements into a caller's stream and nothing else.
 */
#ifndef SR_SVGMAP_H
#define SR_SVGMAP_H

#include <stdio.h>

#include "analyze.h"

typedef struct sr_map_point {
    double lat, lon;
    double fatalities;
} sr_map_point;

/* Writes an <svg> map width pixels wide.  country (ISO2, may be "" or NULL)
 * frames the map on that country; else it frames the points.  SR_ERR_NOTFOUND
 * when the boundaries file cannot be found (nothing written). */
int sr_svgmap_write(FILE *out, const char *country, const sr_map_point *pts, size_t n, int width,
                    sr_error *err);

/* Writes an <svg> timeline of s (bars: events, line: fatalities). */
void sr_svg_timeline(FILE *out, const sr_an_series *s, int width, int height);

#endif
