/* svgmap.c — SVG map of events over shipped boundaries, and an SVG timeline. */
#include "svgmap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

#ifndef SITREP_DATA_DIR
#define SITREP_DATA_DIR "data"
#endif

#define BOUNDARIES_FILE "map/boundaries.txt"

typedef struct ring {
    char kind;       /* 'C' country, 'A' admin1 */
    char cc[3];
    float *xy;       /* lon, lat pairs */
    size_t n;
    float w, s, e, nn; /* bounding box */
} ring;

typedef struct rings {
    ring *r;
    size_t n, cap;
} rings;

static void rings_free(rings *rs)
{
    for (size_t i = 0; i < rs->n; i++)
        free(rs->r[i].xy);
    free(rs->r);
}

/* Parses "lon,lat lon,lat ..." into a ring. */
static int parse_ring(char *s, ring *r)
{
    size_t cap = 64;
    r->xy = malloc(cap * 2 * sizeof *r->xy);
    if (!r->xy)
        return SR_ERR_NOMEM;
    r->n = 0;
    r->w = r->s = 1e9f;
    r->e = r->nn = -1e9f;
    while (*s) {
        char *end;
        double lon = strtod(s, &end);
        if (end == s || *end != ',')
            break;
        s = end + 1;
        double lat = strtod(s, &end);
        if (end == s)
            break;
        s = end;
        while (*s == ' ' || *s == '\n' || *s == '\r')
            s++;
        if (r->n == cap) {
            cap *= 2;
            float *nxy = realloc(r->xy, cap * 2 * sizeof *nxy);
            if (!nxy)
                return SR_ERR_NOMEM;
            r->xy = nxy;
        }
        r->xy[2 * r->n] = (float)lon;
        r->xy[2 * r->n + 1] = (float)lat;
        r->n++;
        if (lon < r->w) r->w = (float)lon;
        if (lon > r->e) r->e = (float)lon;
        if (lat < r->s) r->s = (float)lat;
        if (lat > r->nn) r->nn = (float)lat;
    }
    return SR_OK;
}

static int load_rings(rings *rs, sr_error *err)
{
    char path[1024];
    const char *dir = getenv("SITREP_DATA_DIR");
    FILE *f = NULL;
    if (dir && *dir) {
        snprintf(path, sizeof path, "%s/%s", dir, BOUNDARIES_FILE);
        f = fopen(path, "r");
    }
    if (!f) {
        snprintf(path, sizeof path, "%s/%s", SITREP_DATA_DIR, BOUNDARIES_FILE);
        f = fopen(path, "r");
    }
    if (!f)
        return sr_error_set(err, SR_ERR_NOTFOUND, "%s: no boundaries file", path);
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    int rc = SR_OK;
    while ((len = getline(&line, &lcap, f)) > 0 && !rc) {
        if ((line[0] != 'C' && line[0] != 'A') || line[1] != '\t')
            continue;
        /* kind \t cc \t name \t coords */
        char *cc = line + 2, *t1 = strchr(cc, '\t');
        if (!t1)
            continue;
        char *t2 = strchr(t1 + 1, '\t');
        if (!t2)
            continue;
        if (rs->n == rs->cap) {
            size_t cap = rs->cap ? rs->cap * 2 : 256;
            ring *nr = realloc(rs->r, cap * sizeof *nr);
            if (!nr) {
                rc = SR_ERR_NOMEM;
                break;
            }
            rs->r = nr;
            rs->cap = cap;
        }
        ring *r = &rs->r[rs->n];
        memset(r, 0, sizeof *r);
        r->kind = line[0];
        if (t1 - cc == 2)
            memcpy(r->cc, cc, 2);
        rc = parse_ring(t2 + 1, r);
        rs->n++;
        if (!rc && r->n < 3) {
            free(r->xy);
            rs->n--;
        }
    }
    free(line);
    fclose(f);
    if (rc)
        return sr_error_set(err, rc, "boundaries: %s", sr_strerror(rc));
    return SR_OK;
}

typedef struct proj {
    double w, s, e, n; /* frame */
    double k, coslat;
    int width, height;
} proj;

static double px(const proj *p, double lon)
{
    return (lon - p->w) * p->coslat * p->k;
}

static double py(const proj *p, double lat)
{
    return (p->n - lat) * p->k;
}

static void path(FILE *out, const proj *p, const ring *r, const char *style)
{
    fprintf(out, "<path %s d=\"", style);
    for (size_t i = 0; i < r->n; i++)
        fprintf(out, "%c%.1f %.1f", i ? 'L' : 'M', px(p, r->xy[2 * i]), py(p, r->xy[2 * i + 1]));
    fputs("Z\"/>\n", out);
}

int sr_svgmap_write(FILE *out, const char *country, const sr_map_point *pts, size_t n, int width,
                    sr_error *err)
{
    rings rs = {0};
    int rc = load_rings(&rs, err);
    if (rc) {
        rings_free(&rs);
        return rc;
    }
    proj p = {1e9, 1e9, -1e9, -1e9, 0, 0, width, 0};
    int framed = 0;
    if (country && country[0]) {
        for (size_t i = 0; i < rs.n; i++) {
            const ring *r = &rs.r[i];
            if (r->kind != 'C' || strcmp(r->cc, country) != 0)
                continue;
            p.w = fmin(p.w, r->w);
            p.e = fmax(p.e, r->e);
            p.s = fmin(p.s, r->s);
            p.n = fmax(p.n, r->nn);
            framed = 1;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (framed && pts[i].lon >= p.w - 2 && pts[i].lon <= p.e + 2 && pts[i].lat >= p.s - 2 &&
            pts[i].lat <= p.n + 2)
            continue; /* inside the country's frame (or close) */
        p.w = fmin(p.w, pts[i].lon - 1);
        p.e = fmax(p.e, pts[i].lon + 1);
        p.s = fmin(p.s, pts[i].lat - 1);
        p.n = fmax(p.n, pts[i].lat + 1);
    }
    if (p.w > p.e) { /* nothing to frame on */
        p.w = -18;
        p.e = 16;
        p.s = 4;
        p.n = 25;
    }
    double padx = (p.e - p.w) * 0.04, pady = (p.n - p.s) * 0.04;
    p.w -= padx;
    p.e += padx;
    p.s -= pady;
    p.n += pady;
    p.coslat = cos((p.s + p.n) / 2 * M_PI / 180.0);
    p.k = width / ((p.e - p.w) * p.coslat);
    p.height = (int)ceil((p.n - p.s) * p.k);
    if (p.height > 2 * width)
        p.height = 2 * width;
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
            "height=\"%d\" role=\"img\" aria-label=\"map of the events\">\n"
            "<rect width=\"100%%\" height=\"100%%\" fill=\"#dfe9f0\"/>\n",
            p.width, p.height, p.width, p.height);
    for (int pass = 0; pass < 3; pass++) {
        for (size_t i = 0; i < rs.n; i++) {
            const ring *r = &rs.r[i];
            if (r->e < p.w || r->w > p.e || r->nn < p.s || r->s > p.n)
                continue;
            int mine = country && country[0] && strcmp(r->cc, country) == 0;
            if (pass == 0 && r->kind == 'C')
                path(out, &p, r,
                     mine ? "fill=\"#f4efe1\" stroke=\"#777\" stroke-width=\"1.2\""
                          : "fill=\"#e6e2d6\" stroke=\"#999\" stroke-width=\"0.8\"");
            else if (pass == 1 && r->kind == 'A' && (mine || !(country && country[0])))
                path(out, &p, r, "fill=\"none\" stroke=\"#b9b2a0\" stroke-width=\"0.5\"");
        }
    }
    for (size_t i = 0; i < n; i++) {
        double rad = 2.5 + sqrt(pts[i].fatalities > 0 ? pts[i].fatalities : 0) * 1.3;
        fprintf(out,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#a31f1f\" fill-opacity=\"0.55\" "
                "stroke=\"#5a0f0f\" stroke-width=\"0.6\"/>\n",
                px(&p, pts[i].lon), py(&p, pts[i].lat), rad);
    }
    fputs("</svg>", out);
    rings_free(&rs);
    return SR_OK;
}

void sr_svg_timeline(FILE *out, const sr_an_series *s, int width, int height)
{
    int64_t me = 1, mf = 1;
    for (size_t i = 0; i < s->n; i++) {
        if (s->bin[i].events > me)
            me = s->bin[i].events;
        if (s->bin[i].fatalities > mf)
            mf = s->bin[i].fatalities;
    }
    const double left = 62, right = 62, top = 10, bottom = 22;
    double pw = width - left - right, ph = height - top - bottom;
    double bw = s->n ? pw / (double)s->n : pw;
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
            "height=\"%d\" role=\"img\" aria-label=\"timeline\" font-family=\"sans-serif\" "
            "font-size=\"10\">\n",
            width, height, width, height);
    fprintf(out, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#888\"/>\n", left,
            top + ph, left + pw, top + ph);
    for (size_t i = 0; i < s->n; i++) {
        double h = ph * (double)s->bin[i].events / (double)me;
        fprintf(out,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#8a9bb0\">"
                "<title>%lld events, %lld fatalities</title></rect>\n",
                left + (double)i * bw + 1, top + ph - h, bw > 3 ? bw - 2 : bw, h,
                (long long)s->bin[i].events, (long long)s->bin[i].fatalities);
    }
    fputs("<polyline fill=\"none\" stroke=\"#a31f1f\" stroke-width=\"2\" points=\"", out);
    for (size_t i = 0; i < s->n; i++)
        fprintf(out, "%.1f,%.1f ", left + ((double)i + 0.5) * bw,
                top + ph - ph * (double)s->bin[i].fatalities / (double)mf);
    fputs("\"/>\n", out);
    char a[11] = "", b[11] = "";
    if (s->n) {
        sr_date_format(s->bin[0].start, a);
        sr_date_format(s->bin[s->n - 1].start, b);
    }
    fprintf(out,
            "<text x=\"%.0f\" y=\"%d\">%s</text><text x=\"%.0f\" y=\"%d\" "
            "text-anchor=\"end\">%s</text>\n"
            "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\" fill=\"#56677d\">%lld events</text>\n"
            "<text x=\"%.0f\" y=\"%.0f\" fill=\"#a31f1f\">%lld killed</text>\n</svg>",
            left, height - 6, a, left + pw, height - 6, b, left - 4, top + 8, (long long)me,
            left + pw + 4, top + 8, (long long)mf);
}
