/* lexc.c — the lexicon compiler: sitrep-lexc DATA_DIR OUT.lex
 *
 * Runs at build time over the TSV files of data/ (see data/README.md) and writes the
 * file that sr_lexicon_open() maps.  Bad data is reported as FILE:LINE and
 * the exit status is non-zero; the output is replaced only when complete. */
#include <stdio.h>

#include "lexicon_build.h"

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: sitrep-lexc DATA_DIR OUT.lex\n");
        return 2;
    }
    sr_error err = {{0}};
    sr_lexicon_build_stats st;
    int rc = sr_lexicon_build(argv[1], argv[2], &st, &err);
    if (rc != SR_OK) {
        fprintf(stderr, "sitrep-lexc: %s\n", err.msg[0] ? err.msg : sr_strerror(rc));
        return 1;
    }
    printf("sitrep-lexc: %s: %u actors, %u countries, %u places, %u triggers, %u victims, "
           "%u cues; %u phrases, %u hits, longest %u tokens; %llu bytes\n",
           argv[2], st.actors, st.countries, st.places, st.triggers, st.victims, st.cues,
           st.phrases, st.hits, st.max_tokens, (unsigned long long)st.bytes);
    if (st.unresolved_admin1)
        printf("sitrep-lexc: note: %u places have an admin1 code that admin1.tsv lacks "
               "(their admin1 is empty)\n",
               st.unresolved_admin1);
    return 0;
}
