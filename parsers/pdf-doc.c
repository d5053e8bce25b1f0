/* pdf-doc.c: qpdf opened from memory under our limits. Pure: qpdf reads
 * only the buffer it is given and prints nothing. */
#include <string.h>

#include <glib.h>

#include "parsers/pdf-doc.h"

qpdf_data
pdf_doc_open(const unsigned char *data, size_t len,
    const struct parse_limits *limits, const char **why_r)
{
	struct parse_limits	 l = limits_resolve(limits);
	qpdf_data		 q;
	qpdf_oh			 size;

	if (len > l.max_pdf_size) {
		*why_r = "the PDF is larger than the size limit";
		return (NULL);
	}
	q = qpdf_init();
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	qpdf_set_attempt_recovery(q, QPDF_FALSE);
	if (qpdf_read_memory(q, "pdf", (const char *)data, len, "") &
	    QPDF_ERRORS) {
		*why_r = "not a PDF that can be read (damaged, or encrypted "
		    "with a password)";
		goto fail;
	}
	size = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Size");
	if (!qpdf_oh_is_integer(q, size) || qpdf_oh_get_int_value(q, size) < 1 ||
	    (unsigned long long)qpdf_oh_get_int_value(q, size) >
	    l.max_pdf_objects) {
		*why_r = "the PDF declares more objects than the limit allows";
		goto fail;
	}
	if (!qpdf_oh_is_dictionary(q, qpdf_get_root(q)) || qpdf_has_error(q)) {
		*why_r = "the PDF has no document catalog";
		goto fail;
	}
	return (q);
fail:
	pdf_doc_close(q);
	return (NULL);
}

void
pdf_doc_close(qpdf_data q)
{
	if (q == NULL)
		return;
	/* an error left unread is printed by qpdf_cleanup: read it */
	if (qpdf_has_error(q))
		(void)qpdf_get_error(q);
	qpdf_cleanup(&q);
}

const char *
pdf_doc_name(qpdf_data q, qpdf_oh dict, const char *key)
{
	qpdf_oh	v;

	if (!qpdf_oh_is_dictionary(q, dict))
		return (NULL);
	v = qpdf_oh_get_key(q, dict, key);
	return (qpdf_oh_is_name(q, v) ? qpdf_oh_get_name(q, v) : NULL);
}

GPtrArray *
pdf_doc_keys(qpdf_data q, qpdf_oh dict)
{
	GPtrArray	*keys = g_ptr_array_new_with_free_func(g_free);

	qpdf_oh_begin_dict_key_iter(q, dict);
	while (qpdf_oh_dict_more_keys(q))
		g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
	return (keys);
}
