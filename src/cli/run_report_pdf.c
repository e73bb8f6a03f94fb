/* report.pdf: report.html printed by headless Chromium (Debian chromium),
 * a child without a shell, with a time limit.  Without Chromium, or when it
 * fails, a warning: the HTML is the report and the run goes on. */
/* realpath */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"
#include "run.h"

/* Seconds Chromium may take for the whole report (the bundled run: ~10). */
#define PDF_TIMEOUT 180

/* The first of the browser's names found on PATH, into buf; 0 if none. */
static int find_browser(char *buf, size_t size)
{
    static const char *const names[] = {"chromium", "chromium-browser", "google-chrome"};
    const char *path = getenv("PATH");
    for (size_t k = 0; path && k < sizeof names / sizeof names[0]; k++)
        for (const char *p = path; *p;) {
            size_t len = strcspn(p, ":");
            snprintf(buf, size, "%.*s/%s", (int)len, len ? p : ".", names[k]);
            if (access(buf, X_OK) == 0)
                return 1;
            p += len + (p[len] == ':');
        }
    return 0;
}

/* Waits for pid up to timeout seconds; kills it after.  Its exit status,
 * or -1 when it had to be stopped. */
static int wait_for(pid_t pid, int timeout)
{
    int st = 0;
    struct timespec tick = {0, 50 * 1000 * 1000};
    for (long waited = 0; waited < timeout * 20L; waited++) {
        pid_t r = waitpid(pid, &st, WNOHANG);
        if (r == pid)
            return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
        if (r < 0 && errno != EINTR)
            return -1;
        nanosleep(&tick, NULL);
    }
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
    return -1;
}

static int print_pdf(const char *browser, const char *html, const char *pdf, const char *profile)
{
    char url[4400], out[4400], prof[4400];
    snprintf(url, sizeof url, "file://%s", html);
    snprintf(out, sizeof out, "--print-to-pdf=%s", pdf);
    snprintf(prof, sizeof prof, "--user-data-dir=%s", profile);
    char *argv[] = {(char *)browser, "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-pdf-header-footer",
                    "--allow-file-access-from-files", prof, out, url, NULL};
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        setpgid(0, 0);
        if (null >= 0) {
            dup2(null, 0);
            dup2(null, 1);
            dup2(null, 2);
        }
        execv(browser, argv);
        _exit(127);
    }
    setpgid(pid, pid);
    return wait_for(pid, PDF_TIMEOUT);
}

static int is_pdf(const char *path)
{
    char head[5] = {0};
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(head, 1, sizeof head, f) : 0;
    if (f)
        fclose(f);
    return n == 5 && memcmp(head, "%PDF-", 5) == 0;
}

/* A warning on the terminal and in run.log. */
static void warn(run_state *rs, const char *why, const char *browser)
{
    for (int k = 0; k < 2; k++) {
        FILE *f = k ? rs->log : stderr;
        if (f)
            fprintf(f, "junheng: warning: run: report.pdf not written: %s%s; report.html is "
                       "the report, print it from a browser\n", browser ? browser : "", why);
    }
    rs->n_warnings++;
}

int run_report_pdf(run_state *rs)
{
    char browser[4096], abs[4096], html[4300], part[4300], pdf[4300], profile[4300];
    if (!find_browser(browser, sizeof browser)) {
        warn(rs, "Chromium is not installed (Debian: apt-get install chromium)", NULL);
        return EX_OK;
    }
    if (!realpath(rs->outdir, abs))
        return EX_IOERR;
    snprintf(html, sizeof html, "%s/report.html", abs);
    snprintf(part, sizeof part, "%s/report.pdf.part", abs);
    snprintf(pdf, sizeof pdf, "%s/report.pdf", abs);
    snprintf(profile, sizeof profile, "%s/.chromium", abs);
    int rc = print_pdf(browser, html, part, profile);
    run_remove_tree(profile);
    if (rc == 0 && is_pdf(part) && rename(part, pdf) == 0)
        return EX_OK;
    remove(part);
    warn(rs, rc < 0 ? " did not finish" : " failed", browser);
    return EX_OK;
}
