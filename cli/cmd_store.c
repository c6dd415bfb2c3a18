/* cmd_store.c — not written yet. */
#include <stdio.h>

#include "commands.h"

int cmd_ingest(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "sitrep ingest: not implemented yet\n");
    return EXIT_INPUT;
}

int cmd_events(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "sitrep events: not implemented yet\n");
    return EXIT_INPUT;
}

int cmd_show(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "sitrep show: not implemented yet\n");
    return EXIT_INPUT;
}

int cmd_import(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "sitrep import: not implemented yet\n");
    return EXIT_INPUT;
}

