/* position.c: leadership titles by their first words. It errs towards "not
 * eligible" (a warning a person reads) and must never reject anything. */
#include <string.h>

#include <glib.h>

#include "lib/text.h"
#include "parsers/position.h"

static bool	 starts_with_words(const char *, const char *, size_t *);
static bool	 in_list(const char *, const char *const *, size_t *);
static bool	 role_eligible(const char *);
static bool	 at_commune(const char *);
static char	**split_roles(const char *);

/* Titles of a head; each may follow "Phó"/"Quyền" for the deputy. */
static const char *const heads[] = {
	"bi thu", "truong", "chanh", "chu tich", "chu nhiem",
	"tong bien tap", "giam doc", "thuong truc", "uy vien thuong truc",
	"vien truong", "cuc truong", "vu truong",
	/* abbreviations as lists write them */
	"bt", "pbt", "ct", "pct", "tp", "ptp", "tb", "ptb", "cvp", "pcvp",
	"gd", "pgd", "tbt", "ptbt", "cn", "pcn",
	NULL
};

/* Deputies named after the body rather than the title ("Phó Ban"). */
static const char *const deputy_heads[] = {
	"ban", "phong", "van phong", NULL
};

/* Heads of a village, a party cell or a youth-union cell: not the leaders
 * §6 of the letter lists. */
static const char *const excluded[] = {
	"bi thu chi bo", "bi thu chi doan", "truong thon", "truong ap",
	"truong xom", "truong khu pho", "truong to dan pho", "truong to",
	"truong ban cong tac mat tran", "truong ban thanh tra nhan dan",
	NULL
};

/* Of a commune: its đảng ủy's secretary, not the youth union's. */
static const char *const commune_heads[] = { "bi thu", "bt", "pbt", NULL };
static const char *const commune_not[] = { "bi thu doan", "bt doan", NULL };

static const char *const deputy_words[] = { "pho", "p", NULL };
static const char *const acting_words[] = { "quyen", "q", NULL };

/* True when key begins with the words of w; *len_r is w's length. */
static bool
starts_with_words(const char *key, const char *w, size_t *len_r)
{
	size_t	n = strlen(w);

	if (strncmp(key, w, n) != 0 || (key[n] != '\0' && key[n] != ' '))
		return (false);
	if (len_r != NULL)
		*len_r = n;
	return (true);
}

static bool
in_list(const char *key, const char *const *list, size_t *len_r)
{
	for (size_t i = 0; list[i] != NULL; i++)
		if (starts_with_words(key, list[i], len_r))
			return (true);
	return (false);
}

/* A post of a commune, ward or township ("xã", "phường", "thị trấn";
 * not "thị xã", a district, nor "xã hội"). */
static bool
at_commune(const char *key)
{
	char	**w = g_strsplit(key, " ", -1);
	bool	  found = false;

	for (size_t i = 0; w[i] != NULL && !found; i++)
		found = (strcmp(w[i], "xa") == 0 && (i == 0 ||
		    strcmp(w[i - 1], "thi") != 0) && (w[i + 1] == NULL ||
		    strcmp(w[i + 1], "hoi") != 0)) ||
		    strcmp(w[i], "phuong") == 0 ||
		    (strcmp(w[i], "thi") == 0 && w[i + 1] != NULL &&
		    strcmp(w[i + 1], "tran") == 0);
	g_strfreev(w);
	return (found);
}

/* One role, as a text_key. */
static bool
role_eligible(const char *key)
{
	size_t	n;
	bool	deputy = false;

	/* "Phó", "Quyền", "Q. Phó": at most two such words. */
	for (int i = 0; i < 2; i++) {
		if (in_list(key, deputy_words, &n))
			deputy = true;
		else if (!in_list(key, acting_words, &n))
			break;
		key += n;
		if (*key == ' ')
			key++;
	}
	if (in_list(key, excluded, NULL))
		return (false);
	/* of a commune, §6 (4) names the Bí thư and Phó Bí thư of its
	 * đảng ủy alone: not its Mặt trận, unions or People's Committee */
	if (at_commune(key))
		return ((in_list(key, commune_heads, NULL)) &&
		    !in_list(key, commune_not, NULL));
	if (in_list(key, heads, NULL))
		return (true);
	return (deputy && in_list(key, deputy_heads, NULL));
}

/* Roles are parted by punctuation, and by dashes with spaces around
 * them; a dash inside a word ("Phó Chủ tịch UBMTTQ-VN") does not part. */
static char **
split_roles(const char *s)
{
	GString	*g = g_string_sized_new(strlen(s));
	char	**v;

	for (const char *p = s; *p != '\0'; ) {
		if (strchr(",;/+&\n", *p) != NULL) {
			g_string_append_c(g, ',');
			p++;
		} else if (strncmp(p, " - ", 3) == 0) {
			g_string_append_c(g, ',');
			p += 3;
		} else if (strncmp(p, " \u2013 ", 5) == 0 ||
		    strncmp(p, " \u2014 ", 5) == 0) {
			g_string_append_c(g, ',');
			p += 5;
		} else
			g_string_append_c(g, *p++);
	}
	v = g_strsplit(g->str, ",", -1);
	g_string_free(g, TRUE);
	return (v);
}

bool
position_eligible(const char *position)
{
	char	**roles;
	bool	  ok = false;

	if (position == NULL || strlen(position) > POSITION_MAX_LEN)
		return (false);
	roles = split_roles(position);
	for (size_t i = 0; roles[i] != NULL && !ok; i++) {
		char	 *key = text_key(roles[i]);
		char	**parts = g_strsplit(key, " kiem ", -1);

		for (size_t j = 0; parts[j] != NULL && !ok; j++) {
			const char	*p = parts[j];
			size_t		 n;

			if (starts_with_words(p, "kiem", &n))
				p += n + (p[n] == ' ');
			ok = role_eligible(p);
		}
		g_strfreev(parts);
		g_free(key);
	}
	g_strfreev(roles);
	return (ok);
}
