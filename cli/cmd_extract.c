/* cmd_extract.c — not written yet. */
#include <stdio.h>

#include "commands.h"

int cmd_extract(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "sitrep extract: not implemented yet\n");
    return EXIT_INPUT;
}

