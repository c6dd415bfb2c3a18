/*
 * extract.h — event frames: from the lexicon matches of one article to the
 * events it reports (the public entry points sr_extractor_new, sr_extract and
 * sr_extractor_free are declared in sitrep.h).
 *
 * How a report becomes events, in one pass over the sentences:
 *
 *   1. The text is tokenized (text.h) and scanned once against the lexicon
 *      (lexicon.h): actors, countries, places, triggers, victim nouns and cues.
 *      Number and date expressions (number.h, date.h) are read inside each
 *      sentence.  The countries the article talks about are counted first, so
 *      a place name shared by several countries resolves to the right one.
 *   2. Each sentence is cut into clauses (at ';' and at ", and" / ", while" /
 *      ", but" when both sides carry their own trigger) and every clause is
 *      annotated: its heaviest trigger, the actors before and after it (with
 *      passive voice, "by"/"from" agents, claims, blame and coreference),
 *      places (with "near"/"area"/"outskirts" and compass words), its date,
 *      casualty figures with their side and source, and the cues that make it
 *      a non-event (future, hypothetical, negated, background older than the
 *      30-day window).
 *   3. A clause that reports an event opens a frame for each place it names (a
 *      list of towns gives one frame per town, sharing any toll evenly) or
 *      joins the frame already open for that place and day; a clause without
 *      a place or day adds its figures, sources, claims and actors to the
 *      frame being described.
 *   4. Every frame is then coded: type and sub-type from its heaviest trigger
 *      and the side it hit (armed target: Battles; civilians: Violence against
 *      civilians), actor1 from a claim, an attribution or the agent of the
 *      trigger, actor2 from the target or the victims, fatalities as the most
 *      conservative credible figure (each source's account summing the sides
 *      it counts), low/high over all sources, status from the source of the
 *      best figure, and the evidence sentences.
 *
 * All working memory comes from the extractor's arena, reset per document;
 * the work per sentence is capped (tokens and annotations), so the cost grows
 * linearly with the text.
 */
#ifndef SR_EXTRACT_H
#define SR_EXTRACT_H

#include "sitrep.h"

/* Most events one article can yield; further events are dropped. */
#define SR_EXTRACT_MAX_EVENTS 64

/* The explanation trail: when set, sr_extract() calls fn once per clause it
 * reads with one line of text (not newline-terminated, valid during the call):
 * the clause's byte range, how it was read (event or information, its main
 * event word, places, tolls), its day, the frames it went to and the lexicon
 * matches in it (T trigger, A actor, P place, C country, V victim, U cue,
 * N number, D date).  fn NULL turns the trail off.  The library prints
 * nothing itself; the caller decides where the lines go. */
typedef void (*sr_extract_trace_fn)(void *ctx, const char *line);
void sr_extractor_trace(sr_extractor *x, sr_extract_trace_fn fn, void *ctx);

#endif
