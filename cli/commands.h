/*
 * commands.h — the sitrep subcommands.  Each takes the arguments after its
 * name (argv[0] is the subcommand) and returns the process exit code:
 *   0 success, 1 bad input or failure (a one-line message was printed),
 *   2 usage error (unknown option, missing argument).
 */
#ifndef SITREP_COMMANDS_H
#define SITREP_COMMANDS_H

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

/* The version --version prints: the project version in CMakeLists.txt, which
 * the build may pass in; keep the two equal. */
#ifndef SITREP_VERSION
#define SITREP_VERSION "0.1.0"
#endif

int cmd_extract(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_trend(int argc, char **argv);
int cmd_rank(int argc, char **argv);
int cmd_alerts(int argc, char **argv);
int cmd_forecast(int argc, char **argv);
int cmd_backtest(int argc, char **argv);
int cmd_report(int argc, char **argv);

#endif
