/*
 * rusage.c — runs a command and reports its wall time, CPU time and peak
 * resident memory, as /usr/bin/time does, without needing that package.
 *
 *   bench_rusage [-i IN] [-o OUT] -- COMMAND [ARGS...]
 *
 * Standard input comes from IN, standard output goes to OUT (default
 * /dev/null).  One line goes to stderr:
 *   wall_s=1.234 user_s=1.200 sys_s=0.030 maxrss_kb=45678 status=0
 * The exit status is the command's (128 + signal when it was killed).
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double tv(struct timeval t)
{
    return (double)t.tv_sec + (double)t.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
    const char *in = NULL, *out = "/dev/null";
    int i = 1;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "-i") == 0 && i + 1 < argc)
            in = argv[++i];
        else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else
            break;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: bench_rusage [-i IN] [-o OUT] -- COMMAND [ARGS...]\n");
        return 2;
    }
    double t0 = now();
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) {
        if (in) {
            int fd = open(in, O_RDONLY);
            if (fd < 0 || dup2(fd, 0) < 0) {
                perror(in);
                _exit(127);
            }
            close(fd);
        }
        int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || dup2(fd, 1) < 0) {
            perror(out);
            _exit(127);
        }
        close(fd);
        execvp(argv[i], argv + i);
        perror(argv[i]);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("wait4");
        return 1;
    }
    double wall = now() - t0;
    int rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    fprintf(stderr, "wall_s=%.3f user_s=%.3f sys_s=%.3f maxrss_kb=%ld status=%d\n", wall,
            tv(ru.ru_utime), tv(ru.ru_stime), ru.ru_maxrss, rc);
    return rc;
}
