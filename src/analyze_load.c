/* analyze_load.c — fills an in-memory event set from the store. */
#include "analyze.h"

#include <math.h>

typedef struct load_ctx {
    sr_an_data *d;
    sr_error *err;
    int rc;
} load_ctx;

static int on_event(const sr_stored_event *e, void *ctx)
{
    load_ctx *c = ctx;
    const sr_event *ev = &e->ev;
    sr_an_fields f = {
        .id = e->id,
        .date = ev->event_date,
        .event_type = ev->event_type,
        .actor1 = ev->actor1.name,
        .actor2 = ev->actor2.name,
        .country = ev->country,
        .admin1 = ev->admin1,
        .fatalities = ev->fatalities,
        .fat_low = ev->fatalities_low,
        .fat_high = ev->fatalities_high,
        .lat = ev->latitude,
        .lon = ev->longitude,
        .origin = e->origin,
        .status = (int)ev->status,
        .precision = ev->date_precision,
    };
    c->rc = sr_an_add_event(c->d, &f, c->err);
    return c->rc ? 1 : 0;
}

int sr_an_load(sr_store *s, const sr_event_filter *f, sr_an_data *d, sr_error *err)
{
    sr_event_filter all;
    if (!f) {
        sr_event_filter_init(&all);
        f = &all;
    }
    load_ctx c = {d, err, SR_OK};
    int rc = sr_store_events(s, f, on_event, &c, err);
    if (c.rc)
        return c.rc;
    if (rc)
        return rc;
    sr_an_sort(d);
    return SR_OK;
}
