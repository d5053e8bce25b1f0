/* fuzz-layout.c: libFuzzer harness for a PDF page's lines read as
 * paragraphs and tables (pdf_layout_add), and the forms read from them:
 * any text in, each segment's place taken from the input's own bytes. */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "parsers/form.h"
#include "parsers/pdf-layout.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct docbody	*body = docbody_new();
	struct form	*f;
	char		*text = g_malloc(size + 1);
	double		*x = g_new(double, size + 1);
	size_t		 nx = 0;

	/* the text as a C string, NULs as spaces; a place per segment */
	for (size_t i = 0; i < size; i++) {
		text[i] = data[i] == '\0' ? ' ' : (char)data[i];
		if (i == 0 || data[i - 1] == '\t' || data[i - 1] == '\n')
			x[nx++] = (double)(data[i] & 0x3f) * 8;
	}
	text[size] = '\0';
	pdf_layout_add(body, text, x, nx, 10000);
	f = form_read(body);
	form_free(f);
	docbody_free(body);
	g_free(x);
	g_free(text);
	return (0);
}
