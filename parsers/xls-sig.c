/* xls-sig.c: finds the signature storages of a compound file by their
 * directory entries. Pure; one bounded pass over the bytes. */
#include <string.h>

#include "parsers/cfb.h"
#include "parsers/xls-sig.h"

bool
xls_sig_present(const unsigned char *data, size_t len)
{
	const unsigned char	*e;

	if (len < CFB_HEADER_SIZE || !cfb_magic(data, len))
		return (false);
	for (size_t i = 0; (e = cfb_slot(data, len, i)) != NULL; i++)
		if ((cfb_entry_type(e) == CFB_TYPE_STORAGE &&
		    cfb_entry_name_is(e, "_xmlsignatures")) ||
		    (cfb_entry_type(e) == CFB_TYPE_STREAM &&
		    cfb_entry_name_is(e, "_signatures")))
			return (true);
	return (false);
}
