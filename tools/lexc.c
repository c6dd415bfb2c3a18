/* lexc.c — placeholder until the lexicon compiler lands: writes an empty file. */
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: sitrep-lexc DATA_DIR OUT.lex\n");
        return 2;
    }
    FILE *f = fopen(argv[2], "wb");
    if (!f)
        return 1;
    fclose(f);
    return 0;
}
