/* analyze_gen.c — writes a database of synthetic events for the analysis
 * benchmarks and tests.
 *
 *   bench_analyze_gen DB N [SEED] [LAST_DAY] [DAYS]
 *
 * N events (origin "import") over DAYS days (default 1460) ending on
 * LAST_DAY (default 2026-11-27) in 3 countries and 24 regions, with 12 armed
 * actors, ACLED types and skewed fatalities; the same arguments always give
 * the same database.  Regions have different, slowly drifting rates so
 * trends, ranks and alerts have something to find.
 *
 * The store creates the database and its schema; the rows are then written
 * with one prepared INSERT in large transactions, because a million events
 * through sr_store_put_event() (which looks each one up first) take minutes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "date.h"
#include "sitrep.h"
#include "store.h"

static uint64_t next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static double unif(uint64_t *s)
{
    return (double)(next(s) >> 11) / 9007199254740992.0;
}

typedef struct region {
    const char *cc, *name;
    double lat, lon, weight;
} region;

static const region regions[] = {
    {"ML", "Mopti", 14.5, -4.2, 6},        {"ML", "Gao", 16.3, 0.0, 4},
    {"ML", "Tombouctou", 16.8, -3.0, 3},   {"ML", "Segou", 13.4, -6.3, 3},
    {"ML", "Kidal", 18.4, 1.4, 1.5},       {"ML", "Koulikoro", 13.0, -7.5, 1},
    {"ML", "Sikasso", 11.3, -5.7, 1},      {"ML", "Kayes", 14.4, -11.4, 0.5},
    {"BF", "Sahel", 14.0, -0.5, 6},        {"BF", "Est", 12.0, 1.0, 4},
    {"BF", "Nord", 13.6, -2.4, 3},         {"BF", "Centre-Nord", 13.2, -1.1, 3},
    {"BF", "Boucle du Mouhoun", 12.4, -3.5, 2}, {"BF", "Centre-Est", 11.7, -0.4, 1},
    {"BF", "Cascades", 10.6, -4.7, 0.5},   {"BF", "Hauts-Bassins", 11.2, -4.3, 0.7},
    {"NE", "Tillaberi", 14.2, 1.5, 5},     {"NE", "Tahoua", 15.0, 5.3, 2},
    {"NE", "Diffa", 13.3, 12.6, 3},        {"NE", "Maradi", 13.5, 7.1, 1},
    {"NE", "Dosso", 13.0, 3.2, 0.7},       {"NE", "Agadez", 17.0, 8.0, 0.5},
    {"NE", "Zinder", 13.8, 9.0, 0.8},      {"NE", "Niamey", 13.5, 2.1, 0.5},
};
#define N_REGIONS (sizeof regions / sizeof regions[0])

static const char *const armed[] = {
    "JNIM", "Islamic State Sahel Province", "Katiba Macina", "Ansaroul Islam", "Boko Haram",
    "Islamic State West Africa Province", "Dozo Militia", "Wagner Group",
    "Unidentified Armed Group", "Volunteers for the Defense of the Homeland", "CSP-DPA", "Koglweogo",
};

static const char *forces(const char *cc)
{
    return !strcmp(cc, "ML") ? "Military Forces of Mali"
           : !strcmp(cc, "BF") ? "Military Forces of Burkina Faso"
                               : "Military Forces of Niger";
}

static const char *civilians(const char *cc)
{
    return !strcmp(cc, "ML") ? "Civilians (Mali)"
           : !strcmp(cc, "BF") ? "Civilians (Burkina Faso)"
                               : "Civilians (Niger)";
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s DB N [SEED] [LAST_DAY] [DAYS]\n", argv[0]);
        return 2;
    }
    long n = atol(argv[2]);
    uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 10) : 1;
    int32_t last;
    if (sr_date_parse_iso(argc > 4 ? argv[4] : "2026-11-27", &last) != SR_OK) {
        fprintf(stderr, "bad date\n");
        return 2;
    }
    int days = argc > 5 ? atoi(argv[5]) : 1460;
    if (n <= 0 || days <= 0) {
        fprintf(stderr, "N and DAYS must be positive\n");
        return 2;
    }
    seed = seed * 0x9E3779B97F4A7C15ull + 1;
    sr_error err = {""};
    sr_store *store;
    if (sr_store_open(argv[1], 0, &store, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    sr_store_close(store);
    sqlite3 *db;
    sqlite3_stmt *ins;
    if (sqlite3_open(argv[1], &db) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO events(event_date, date_precision, event_type, "
                           "sub_event_type, actor1, actor2, country, admin1, location, latitude, "
                           "longitude, geo_precision, fatalities, fatalities_low, fatalities_high, "
                           "status, origin, origin_id, n_sources) VALUES "
                           "(?,1,?,?,?,?,?,?,?,?,?,1,?,?,?,'reported','import',?,0)",
                           -1, &ins, NULL) != SQLITE_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], sqlite3_errmsg(db));
        return 1;
    }
    double wsum = 0;
    for (size_t r = 0; r < N_REGIONS; r++)
        wsum += regions[r].weight;
    int rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    for (long i = 0; i < n && !rc; i++) {
        /* Later days a little more likely: violence rising over the years. */
        double u = unif(&seed);
        int32_t day = last - (int32_t)((double)days * (1.0 - sqrt(u)));
        if (day > last)
            day = last;
        double pick = unif(&seed) * wsum;
        size_t r = 0;
        while (r + 1 < N_REGIONS && pick >= regions[r].weight) {
            pick -= regions[r].weight;
            r++;
        }
        const region *g = &regions[r];
        sr_event ev;
        memset(&ev, 0, sizeof ev);
        sr_date_format(day, ev.event_date);
        ev.date_precision = 1;
        double t = unif(&seed);
        const char *a1 = armed[next(&seed) % (sizeof armed / sizeof armed[0])];
        const char *a2;
        if (t < 0.45) {
            snprintf(ev.event_type, sizeof ev.event_type, "Battles");
            snprintf(ev.sub_event_type, sizeof ev.sub_event_type, "Armed clash");
            a2 = forces(g->cc);
        } else if (t < 0.6) {
            snprintf(ev.event_type, sizeof ev.event_type, "Explosions/Remote violence");
            snprintf(ev.sub_event_type, sizeof ev.sub_event_type, "Air/drone strike");
            a2 = a1;
            a1 = forces(g->cc);
        } else if (t < 0.88) {
            snprintf(ev.event_type, sizeof ev.event_type, "Violence against civilians");
            snprintf(ev.sub_event_type, sizeof ev.sub_event_type, "Attack");
            a2 = civilians(g->cc);
        } else if (t < 0.95) {
            snprintf(ev.event_type, sizeof ev.event_type, "Protests");
            snprintf(ev.sub_event_type, sizeof ev.sub_event_type, "Peaceful protest");
            a1 = "Protesters";
            a2 = "";
        } else {
            snprintf(ev.event_type, sizeof ev.event_type, "Strategic developments");
            snprintf(ev.sub_event_type, sizeof ev.sub_event_type, "Looting/property destruction");
            a2 = "";
        }
        snprintf(ev.actor1.name, sizeof ev.actor1.name, "%s", a1);
        snprintf(ev.actor2.name, sizeof ev.actor2.name, "%s", a2);
        snprintf(ev.country, sizeof ev.country, "%s", g->cc);
        snprintf(ev.admin1, sizeof ev.admin1, "%s", g->name);
        snprintf(ev.location, sizeof ev.location, "%s", g->name);
        ev.latitude = g->lat + (unif(&seed) - 0.5) * 1.2;
        ev.longitude = g->lon + (unif(&seed) - 0.5) * 1.2;
        ev.geo_precision = 1;
        double f = t < 0.88 ? -log(1.0 - unif(&seed) * 0.999) * 3.0 : 0;
        if (unif(&seed) < 0.03)
            f *= 8;
        ev.fatalities = (int)f;
        ev.fatalities_low = ev.fatalities;
        ev.fatalities_high = ev.fatalities + (int)(unif(&seed) < 0.2 ? f : 0);
        ev.status = SR_STATUS_REPORTED;
        char oid[32];
        snprintf(oid, sizeof oid, "gen-%ld", i + 1);
        const char *txt[] = {ev.event_date, ev.event_type, ev.sub_event_type, ev.actor1.name,
                             ev.actor2.name, ev.country, ev.admin1, ev.location};
        for (int k = 0; k < 8; k++)
            sqlite3_bind_text(ins, k + 1, txt[k], -1, SQLITE_STATIC);
        sqlite3_bind_double(ins, 9, ev.latitude);
        sqlite3_bind_double(ins, 10, ev.longitude);
        sqlite3_bind_int(ins, 11, ev.fatalities);
        sqlite3_bind_int(ins, 12, ev.fatalities_low);
        sqlite3_bind_int(ins, 13, ev.fatalities_high);
        sqlite3_bind_text(ins, 14, oid, -1, SQLITE_STATIC);
        rc = sqlite3_step(ins) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_reset(ins);
    }
    if (!rc)
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (rc)
        fprintf(stderr, "%s: %s\n", argv[1], sqlite3_errmsg(db));
    sqlite3_finalize(ins);
    sqlite3_close(db);
    return rc ? 1 : 0;
}
