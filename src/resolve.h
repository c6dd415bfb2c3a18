/*
 * resolve.h — merging mentions of one real-world event into one event.
 *
 * A mention is one event as one document codes it.  Two mentions may report
 * the same event when they are compatible: the same country; event types that
 * can describe one incident (Battles, Explosions/Remote violence and Violence
 * against civilians may; a Strategic development and a Battle may not);
 * actors that agree (the same name, or one side unidentified or missing
 * against a named one); the same place, a place inside the region the other
 * names, or coordinates close enough for the precision given; dates within
 * the window their precisions allow (a day for exact dates, four days for a
 * week, sixteen for a month).  Two mentions from one document never merge:
 * the extractor has already merged what it found twice in one article.
 *
 * Clustering is deterministic and depends only on the set of mentions, not
 * on the order they arrived in: mentions are sorted by a stable key (the most
 * precise first, then their document's content hash and their ordinal) and
 * each joins the compatible cluster it fits best, where it must be compatible
 * with every member (complete linkage, so JNIM and Islamic State Sahel
 * Province never end up in one event through an unidentified go-between).
 * Because mentions of different connected components never interact, the
 * store may re-cluster only the component a new document touches and get the
 * same events as clustering everything at once.
 *
 * Reconciling a cluster into one event: best = the most conservative
 * credible figure (the lowest positive figure not resting on the
 * perpetrator's claim alone, when others exist, each kind of source counted
 * with its latest figure), low/high = the range over
 * all sources, status = the strongest confirmation (claimed < reported <
 * confirmed; disputed when any source reports a denial), place, date and
 * precision from the most precise source, the most frequent named actor over
 * an unidentified one.
 */
#ifndef SR_RESOLVE_H
#define SR_RESOLVE_H

#include <stddef.h>
#include <stdint.h>

#include "sitrep.h"

/* One mention to cluster.  key is a stable, order-independent identity of its
 * document (the content hash); doc_id groups mentions of one document. */
typedef struct sr_resolve_item {
    const sr_event *ev;
    const char *key;
    int64_t doc_id;
    int ordinal;
} sr_resolve_item;

/* Non-zero when a and b may report the same event. */
int sr_mentions_compatible(const sr_event *a, const sr_event *b);

/* The folded names and day number of a mention, computed once so that many
 * comparisons need no Unicode work. */
typedef struct sr_mention_key {
    int32_t day; /* days since 1970-01-01; INT32_MIN when the date is unusable */
    int window;  /* days its date may be off by (from its precision) */
    int folded;  /* the names below are filled */
    char loc[96], admin1[64], a1[SR_NAME_MAX], a2[SR_NAME_MAX];
} sr_mention_key;

void sr_mention_key_init(const sr_event *e, sr_mention_key *k);
/* The widest window a date may be off by (a month's precision): mentions
 * more days apart than this are never compatible. */
#define SR_MAX_DATE_WINDOW 16

/* The day and window a key of a mention with this event_date and
 * date_precision gets (for candidates known by their date alone). */
void sr_mention_day(const char *event_date, int date_precision, int32_t *day, int *window);
/* Only the day; the names are folded by the first comparison that needs
 * them (most candidates are ruled out by their date first). */
void sr_mention_key_init_lazy(const sr_event *e, sr_mention_key *k);
/* sr_mentions_compatible with the keys of a and b (filled in as needed). */
int sr_mentions_compatible_keyed(const sr_event *a, sr_mention_key *ka, const sr_event *b,
                                 sr_mention_key *kb);

/* Great-circle distance in km (NAN if a coordinate is unknown). */
double sr_distance_km(double lat1, double lon1, double lat2, double lon2);

/* Clusters n items.  cluster_of[i] receives the cluster number of items[i]
 * (0 .. *n_clusters-1, numbered in the stable order, so the same set gives
 * the same numbers whatever order items come in). */
int sr_resolve_cluster(const sr_resolve_item *items, size_t n, size_t *cluster_of,
                       size_t *n_clusters, sr_error *err);

/* Reconciles the n mentions of one cluster, given in their stable order,
 * into *out (figures and evidence are left empty). n must be > 0. */
void sr_resolve_reconcile(const sr_event *const *evs, size_t n, sr_event *out);

/* The same, knowing when each mention's document was published (YYYY-MM-DD
 * or NULL; published may be NULL): a source revising its toll replaces its
 * earlier figure in the choice of the best one (the range keeps both).  The
 * kind of source is read from the mention's status. */
void sr_resolve_reconcile_dated(const sr_event *const *evs, const char *const *published,
                                size_t n, sr_event *out);

/* Compares two items by the stable key (for callers that sort). */
int sr_resolve_item_cmp(const sr_resolve_item *a, const sr_resolve_item *b);

#endif
