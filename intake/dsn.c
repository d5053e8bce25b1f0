/* dsn.c: the Message-IDs and reason of a delivery status notification
 * (RFC 3464), read from the raw bytes. It never decides what a message
 * is (rules.c says "bounce") and never writes: the pipeline does. */
#include <stdbool.h>
#include <string.h>

#include <glib.h>

#include "intake/dsn.h"

static const char *body_of(const char *, const char *);
static char	*field_value(const char *, const char *, const char **);
static char	*angle(const char *);

/* Where the body starts: after the first empty line (the first line, for
 * a message with no header). */
static const char *
body_of(const char *p, const char *end)
{
	if (p < end && *p == '\n')
		return (p + 1);
	if (end - p >= 2 && p[0] == '\r' && p[1] == '\n')
		return (p + 2);
	for (; p < end; p++) {
		if (*p != '\n')
			continue;
		if (p + 1 < end && p[1] == '\n')
			return (p + 2);
		if (p + 2 < end && p[1] == '\r' && p[2] == '\n')
			return (p + 3);
	}
	return (end);
}

/* The value of the field starting at p (its name already matched),
 * unfolded and with white space collapsed; *next_r after it. */
static char *
field_value(const char *p, const char *end, const char **next_r)
{
	GString	*v = g_string_new(NULL);
	bool	 space = false;

	for (; p < end; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n') {
			if (p + 1 < end && (p[1] == ' ' || p[1] == '\t')) {
				space = true;
				continue;
			}
			break;
		}
		if (*p == ' ' || *p == '\t') {
			space = true;
			continue;
		}
		if (space && v->len > 0)
			g_string_append_c(v, ' ');
		space = false;
		if (v->len < DSN_MAX_REASON)
			g_string_append_c(v, *p);
	}
	*next_r = p;
	return (g_string_free(v, FALSE));
}

/* The first <…> in s, or NULL. */
static char *
angle(const char *s)
{
	const char *a = strchr(s, '<'), *b;

	if (a == NULL || (b = strchr(a, '>')) == NULL || b - a < 3)
		return (NULL);
	return (g_strndup(a, (size_t)(b - a + 1)));
}

void
dsn_scan(const char *raw, size_t len, char ***ids_r, char **reason_r,
    bool *failed_r)
{
	static const char *const id_names[] = { "Message-ID:",
	    "Original-Message-ID:" };
	const char	*end = raw + len, *p;
	GPtrArray	*ids = g_ptr_array_new();
	char		*diag = NULL, *status = NULL;
	bool		 action = false, failed = false;

	/* The DSN's own header names the DSN, not what it returns. */
	for (p = body_of(raw, end); p < end; ) {
		const char	*next = p;
		char		*v = NULL;
		bool		 matched = false;

		for (size_t i = 0; i < G_N_ELEMENTS(id_names); i++) {
			size_t n = strlen(id_names[i]);

			if ((size_t)(end - p) > n &&
			    g_ascii_strncasecmp(p, id_names[i], n) == 0) {
				char *id;

				v = field_value(p + n, end, &next);
				matched = true;
				if ((id = angle(v)) == NULL)
					break;
				if (ids->len < DSN_MAX_IDS &&
				    !g_ptr_array_find_with_equal_func(ids, id,
				    g_str_equal, NULL))
					g_ptr_array_add(ids, id);
				else
					g_free(id);
				break;
			}
		}
		if (!matched && diag == NULL && (size_t)(end - p) > 16 &&
		    g_ascii_strncasecmp(p, "Diagnostic-Code:", 16) == 0) {
			diag = field_value(p + 16, end, &next);
			matched = true;
		}
		/* RFC 3464 2.3.3: "delayed", "delivered", "relayed" and
		 * "expanded" return nothing; only "failed" does. */
		if (!matched && (size_t)(end - p) > 7 &&
		    g_ascii_strncasecmp(p, "Action:", 7) == 0) {
			v = field_value(p + 7, end, &next);
			action = true;
			failed |= g_ascii_strncasecmp(v, "failed", 6) == 0;
			matched = true;
		}
		if (!matched && status == NULL && (size_t)(end - p) > 7 &&
		    g_ascii_strncasecmp(p, "Status:", 7) == 0) {
			v = field_value(p + 7, end, &next);
			status = g_strdup_printf("Status: %s", v);
			matched = true;
		}
		g_free(v);
		/* On to the next line. */
		while (next < end && *next != '\n')
			next++;
		p = next + 1;
	}
	g_ptr_array_add(ids, NULL);
	*ids_r = (char **)g_ptr_array_free(ids, FALSE);
	/* a bounce without RFC 3464's fields is taken at its word */
	*failed_r = failed || !action;
	if (diag != NULL && *diag != '\0') {
		*reason_r = diag;
		g_free(status);
	} else {
		g_free(diag);
		*reason_r = status;
	}
}
