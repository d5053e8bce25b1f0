/* limits.c: fill in defaults for unset limits. */
#include "parsers/limits.h"

struct parse_limits
limits_resolve(const struct parse_limits *l)
{
	struct parse_limits r = { 0 };

	if (l != NULL)
		r = *l;
#define DEF(f, v) do { if (r.f == 0) r.f = (v); } while (0)
	DEF(max_entries, LIMIT_MAX_ENTRIES);
	DEF(max_entry_size, LIMIT_MAX_ENTRY_SIZE);
	DEF(max_total_size, LIMIT_MAX_TOTAL_SIZE);
	DEF(max_ratio, LIMIT_MAX_RATIO);
	DEF(max_xml_depth, LIMIT_MAX_XML_DEPTH);
	DEF(max_rows, LIMIT_MAX_ROWS);
	DEF(max_cols, LIMIT_MAX_COLS);
	DEF(max_cells, LIMIT_MAX_CELLS);
	DEF(max_cell_len, LIMIT_MAX_CELL_LEN);
	DEF(max_pdf_size, LIMIT_MAX_PDF_SIZE);
	DEF(max_pdf_objects, LIMIT_MAX_PDF_OBJECTS);
	DEF(max_pdf_depth, LIMIT_MAX_PDF_DEPTH);
	DEF(max_pdf_stream, LIMIT_MAX_PDF_STREAM);
	DEF(max_pdf_inflated, LIMIT_MAX_PDF_INFLATED);
#undef DEF
	return (r);
}
