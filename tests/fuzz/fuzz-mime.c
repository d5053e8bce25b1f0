/* fuzz-mime.c: libFuzzer harness for one raw message: the MIME walk, then
 * the whole decision (documents read, forms recognised, rules applied). */
#include <string.h>

#include <glib.h>

#include "intake/analyse.h"
#include "intake/config.h"
#include "intake/mime.h"
#include "tests/fuzz/fuzz.h"

static int	open_request(void *, const char *, const char *, char **,
		    char **);

/* An open case for every phone ending in 7, so that rule runs too. */
static int
open_request(void *ctx, const char *phone, const char *iccid, char **case_r,
    char **received_r)
{
	(void)received_r;
	(void)ctx;
	(void)iccid;
	if (phone == NULL || *phone == '\0' || phone[strlen(phone) - 1] != '7')
		return (0);
	*case_r = g_strdup("HR-FUZZ");
	return (1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Tight MIME limits for the bare walk, so each cap is reached. */
	const struct mime_limits tight = { .max_attachment = 4096,
	    .max_depth = 4, .max_parts = 16, .max_body_text = 256 };
	static struct config	*cfg;
	const struct lookup	 lk = { .open_request = open_request };
	struct mail		*m;
	struct decision		*dec;
	const char		*why;
	char			*cause = NULL;

	if (cfg == NULL) {
		mime_init();
		if ((cfg = config_load(NULL, &cause)) == NULL)
			g_error("config defaults: %s", cause);
		cfg->parse.max_entry_size = FUZZ_MAX_ENTRY_SIZE;
		cfg->parse.max_total_size = FUZZ_MAX_TOTAL_SIZE;
	}
	if (mime_parse(data, size, &tight, &m, &why) == 0)
		mime_free(m);
	if (analyse_message(data, size, cfg, &lk, &m, &dec, &why) == 0) {
		decision_free(dec);
		mime_free(m);
	}
	return (0);
}
