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
 *      sentence, only at words that can open one.  The countries the article
 *      names (the title counting double, demonyms less than names, a dateline
 *      town a little) decide between towns that share a name; a dateline
 *      ("BAMAKO, June 2 -") is remembered as the place of last resort.
 *   2. Each sentence is cut into clauses (at ';', at ", and" / ", while" /
 *      ", but" / ", although" / ", as" when both sides carry their own event
 *      word, and before "after" in "the attack came a week after ...").  Every
 *      clause is annotated: its heaviest event word, the actors before and
 *      after it (passive voice, "by" agents, speakers, claims, blame,
 *      coreference, appositions, disguises), its places with their precision
 *      ("near", "area", "outskirts", compass words, regions, landmarks and
 *      launch sites left out), its day (the one nearest the event word; a
 *      statement's day or a toll's day only as a hint), casualty figures with
 *      their side and their speaker, and the cues that make it a non-event
 *      (future, hypothetical, negated, habitual, history or a running total,
 *      outside the 30-day window).
 *   3. A clause that reports an event opens a frame for each place it names (a
 *      list of towns gives one frame per town, sharing a common toll evenly) or
 *      joins the frame already open for that place and day; a clause without a
 *      place or day adds its figures, sources, claims and actors to the frame
 *      being described.  A crowd's doings beside an armed attack, and a
 *      firefight with the security forces after an attack on civilians, are
 *      split off as events of their own; headings end the event described.
 *   4. Every frame is then coded: type and sub-type from its heaviest trigger
 *      and the side it hit (armed target: Battles; civilians: Violence against
 *      civilians; a crowd: Protests or Riots), actor1 from a claim, an
 *      attribution or the agent of the trigger, actor2 from the target named in
 *      the lead or from the victims, fatalities as the most conservative
 *      credible figure (each source's account summing the sides it counts),
 *      low/high over all sources and ranges, status from the source of the
 *      best figure (disputed when a perpetrator's figure or a denial disagrees),
 *      and the evidence sentences.
 *
 * All working memory comes from the extractor's arena, reset per document;
 * the work per sentence is capped (tokens and annotations), so the cost grows
 * linearly with the text.  The word lists the builder consults at every token
 * are one small hash table built with the extractor, and the lexicon's
 * trigger, cue and victim records are read into code tables once.
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
