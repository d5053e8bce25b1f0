/* servers.c: starts and stops the private test servers of servers.h
 * through tests/servers/dovecot.sh and postfix.sh (HOTROCKS_SERVERS names another folder). */
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "tests/unit/servers.h"

static void
rmtree(const char *path)
{
	GDir		*d;
	const char	*name;
	char		*child;

	if ((d = g_dir_open(path, 0, NULL)) != NULL) {
		while ((name = g_dir_read_name(d)) != NULL) {
			child = g_build_filename(path, name, NULL);
			rmtree(child);
			g_free(child);
		}
		g_dir_close(d);
		g_rmdir(path);
	} else
		g_unlink(path);
}

/* Runs tests/servers/SCRIPT CMD dir with env (NULL-terminated "K=V"
 * additions); its output goes to dir/servers.log, so no daemon holds a
 * pipe of ours. 0, or -1 and *cause (the log's last line). */
static int
run_script(const char *dir, const char *script, const char *cmd,
    char **env, char **cause)
{
	const char	*base = getenv("HOTROCKS_SERVERS");
	char		*path, *log, *text = NULL, **envp;
	char		*argv[] = { "/bin/sh", "-c",
			    "sh \"$0\" \"$1\" \"$2\" >>\"$2/servers.log\" 2>&1",
			    NULL, (char *)cmd, (char *)dir, NULL };
	int		 status = -1;
	GError		*err = NULL;

	path = g_build_filename(base ? base : "tests/servers", script, NULL);
	argv[3] = path;
	envp = g_get_environ();
	for (size_t i = 0; env != NULL && env[i] != NULL; i++) {
		char **kv = g_strsplit(env[i], "=", 2);

		envp = g_environ_setenv(envp, kv[0], kv[1], TRUE);
		g_strfreev(kv);
	}
	if (!g_spawn_sync(NULL, argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL |
	    G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status,
	    &err)) {
		*cause = g_strdup_printf("%s: %s", path, err->message);
		g_error_free(err);
		status = -1;
	} else if (!g_spawn_check_wait_status(status, NULL)) {
		log = g_build_filename(dir, "servers.log", NULL);
		g_file_get_contents(log, &text, NULL, NULL);
		g_free(log);
		if (text != NULL)
			g_strchomp(text);
		*cause = g_strdup_printf("%s %s failed: %s", script, cmd,
		    text && strrchr(text, '\n') ? strrchr(text, '\n') + 1 :
		    text ? text : "no output");
		g_free(text);
		status = -1;
	} else
		status = 0;
	g_strfreev(envp);
	g_free(path);
	return (status);
}

/* Reads dir/ports into ts. */
static int
read_ports(struct test_servers *ts, char **cause)
{
	char	*path = g_build_filename(ts->dir, "ports", NULL);
	char	*text = NULL, **lines;
	const struct { const char *key; unsigned *v; } map[] = {
		{ "IMAP_PORT", &ts->imap_port },
		{ "IMAPS_PORT", &ts->imaps_port },
		{ "LMTP_PORT", &ts->lmtp_port },
		{ "SASL_PORT", &ts->sasl_port },
		{ "SMTP_PORT", &ts->smtp_port },
		{ "SUBMISSION_PORT", &ts->submission_port },
		{ "SMTPS_PORT", &ts->smtps_port },
	};

	if (!g_file_get_contents(path, &text, NULL, NULL)) {
		*cause = g_strdup_printf("%s: cannot read", path);
		g_free(path);
		return (-1);
	}
	lines = g_strsplit(text, "\n", -1);
	for (size_t i = 0; lines[i] != NULL; i++) {
		char *eq = strchr(lines[i], '=');

		if (eq == NULL)
			continue;
		*eq = '\0';
		for (size_t j = 0; j < G_N_ELEMENTS(map); j++)
			if (strcmp(lines[i], map[j].key) == 0)
				*map[j].v = (unsigned)strtoul(eq + 1, NULL, 10);
	}
	g_strfreev(lines);
	g_free(text);
	g_free(path);
	return (0);
}

struct test_servers *
test_servers_start(unsigned flags, char **cause)
{
	struct test_servers	*ts = g_new0(struct test_servers, 1);
	char			 tmpl[] = "/tmp/hr-XXXXXX";
	char			*env[3] = { NULL, NULL, NULL };
	GString			*hide = g_string_new(NULL);
	const char		*cert = "tls-localhost";

	if (flags & TEST_SERVERS_CERT_WRONG_HOST)
		cert = "tls-wrong";
	else if (flags & TEST_SERVERS_CERT_EXPIRED)
		cert = "tls-expired";
	else if (flags & TEST_SERVERS_CERT_UNKNOWN_CA)
		cert = "tls-unknown";
	if (flags & TEST_SERVERS_NO_MOVE)
		g_string_append(hide, " MOVE");
	if (flags & TEST_SERVERS_NO_UIDPLUS)
		g_string_append(hide, " UIDPLUS");
	env[0] = g_strdup_printf("HR_CERT=%s", cert);
	env[1] = g_strdup_printf("HR_HIDE=%s", hide->str);
	g_string_free(hide, TRUE);

	ts->host = "127.0.0.1";
	ts->name = "localhost";
	if (g_mkdtemp(tmpl) == NULL) {
		*cause = g_strdup_printf("mkdtemp %s failed", tmpl);
		g_free(ts);
		ts = NULL;
		goto out;
	}
	ts->dir = g_strdup(tmpl);
	ts->ca_file = g_build_filename(ts->dir, "pki", "root.pem", NULL);
	if (run_script(ts->dir, "dovecot.sh", "start", env, cause) == -1)
		goto fail;
	if ((flags & TEST_SERVERS_POSTFIX) &&
	    run_script(ts->dir, "postfix.sh", "start", env, cause) == -1)
		goto fail;
	if (read_ports(ts, cause) == -1)
		goto fail;
	goto out;
fail:
	test_servers_stop(ts);
	ts = NULL;
out:
	g_free(env[0]);
	g_free(env[1]);
	return (ts);
}

void
test_servers_stop(struct test_servers *ts)
{
	char	*cause = NULL;

	if (ts == NULL)
		return;
	if (run_script(ts->dir, "postfix.sh", "stop", NULL, &cause) == -1) {
		g_printerr("%s\n", cause);
		g_clear_pointer(&cause, g_free);
	}
	if (run_script(ts->dir, "dovecot.sh", "stop", NULL, &cause) == -1) {
		g_printerr("%s\n", cause);
		g_free(cause);
	} else if (getenv("HOTROCKS_KEEP_SERVERS") == NULL)
		rmtree(ts->dir);
	g_free(ts->dir);
	g_free(ts->ca_file);
	g_free(ts);
}

int
test_servers_halt_dovecot(struct test_servers *ts, char **cause)
{
	return (run_script(ts->dir, "dovecot.sh", "stop", NULL, cause));
}

int
test_servers_resume_dovecot(struct test_servers *ts, char **cause)
{
	return (run_script(ts->dir, "dovecot.sh", "resume", NULL, cause));
}

int
test_servers_restart_dovecot(struct test_servers *ts, char **cause)
{
	if (test_servers_halt_dovecot(ts, cause) == -1)
		return (-1);
	return (test_servers_resume_dovecot(ts, cause));
}

char *
test_servers_password_file(const struct test_servers *ts, const char *user)
{
	return (g_build_filename(ts->dir, "pass", user, NULL));
}

char *
test_servers_password(const struct test_servers *ts, const char *user)
{
	char	*path = test_servers_password_file(ts, user), *pw = NULL;

	if (!g_file_get_contents(path, &pw, NULL, NULL))
		pw = NULL;
	g_free(path);
	return (pw);
}

char *
test_servers_maildir(const struct test_servers *ts, const char *user)
{
	return (g_build_filename(ts->dir, "home", user, "Maildir", NULL));
}

int
test_servers_postfix_drained(const struct test_servers *ts)
{
	char	*cmd;
	int	 rc = -1;

	cmd = g_strdup_printf("postqueue -c %s/pf/etc -j", ts->dir);
	for (;;) {
		char	*out = NULL;
		int	 status;

		if (!g_spawn_command_line_sync(cmd, &out, NULL, &status,
		    NULL))
			goto out;
		if (out == NULL || *out == '\0') {
			g_free(out);
			break;
		}
		g_free(out);
		g_usleep(100 * 1000);
	}
	rc = 0;
out:
	g_free(cmd);
	return (rc);
}
