/* check-cfb.c: the compound file reader on hand-built files: a good one
 * read back, then hostile ones (truncated header, FAT and directory
 * cycles, sectors out of range, a directory past its cap), each refused
 * by name and never followed round a loop. */
#include <stdint.h>
#include <string.h>

#include <check.h>
#include <glib.h>

#include "parsers/cfb.h"

#define SSZ		512
#define PER		(SSZ / 4)
#define ENDOFCHAIN	0xfffffffeU
#define FREESECT	0xffffffffU
#define FATSECT		0xfffffffdU
#define DIFSECT		0xfffffffcU

/* The good file: sector 0 the FAT, 1 the directory, 2 the mini FAT, 3 the
 * mini stream, 4..11 "Big" (4096 bytes); "Small" (100 bytes) in mini
 * sectors 0 and 1. */
#define NSECT		12
#define BIG_LEN		4096
#define SMALL_LEN	100

/* Directory entries of the good file. */
enum { E_ROOT, E_BIG, E_SMALL };

static void	 put16(unsigned char *, uint16_t);
static void	 put32(unsigned char *, uint32_t);
static unsigned char *sect(unsigned char *, uint32_t);
static void	 entry(unsigned char *, const char *, int, uint32_t,
		    uint32_t, uint32_t, uint32_t, uint32_t);
static void	 header(unsigned char *, uint32_t, uint32_t, uint32_t,
		    uint32_t, uint32_t);
static unsigned char *good_file(size_t *);
static unsigned char *huge_dir(size_t, size_t *);
static void	 count_entry(uint32_t, const unsigned char *, void *);

static void
put16(unsigned char *p, uint16_t v)
{
	p[0] = v & 0xff;
	p[1] = v >> 8;
}

static void
put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (v >> (8 * i)) & 0xff;
}

static unsigned char *
sect(unsigned char *f, uint32_t id)
{
	return (f + ((size_t)id + 1) * SSZ);
}

static void
entry(unsigned char *e, const char *name, int type, uint32_t left,
    uint32_t right, uint32_t child, uint32_t start, uint32_t size)
{
	size_t n = strlen(name);

	memset(e, 0, CFB_ENTRY_SIZE);
	for (size_t i = 0; i < n; i++)
		e[2 * i] = (unsigned char)name[i];
	put16(e + 0x40, (uint16_t)(2 * (n + 1)));
	e[0x42] = (unsigned char)type;
	put32(e + 0x44, left);
	put32(e + 0x48, right);
	put32(e + 0x4c, child);
	put32(e + 0x74, start);
	put32(e + 0x78, size);
}

/* A version 3 header; the DIFAT in the header is left for the caller. */
static void
header(unsigned char *f, uint32_t nfat, uint32_t dir, uint32_t minifat,
    uint32_t difat, uint32_t ndifat)
{
	static const unsigned char magic[8] = {
		0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1
	};

	memset(f, 0, 512);
	memcpy(f, magic, sizeof(magic));
	put16(f + 0x18, 0x3e);
	put16(f + 0x1a, 3);
	put16(f + 0x1c, 0xfffe);
	put16(f + 0x1e, 9);
	put16(f + 0x20, 6);
	put32(f + 0x2c, nfat);
	put32(f + 0x30, dir);
	put32(f + 0x38, 4096);
	put32(f + 0x3c, minifat);
	put32(f + 0x40, minifat == ENDOFCHAIN ? 0 : 1);
	put32(f + 0x44, difat);
	put32(f + 0x48, ndifat);
	for (int i = 0; i < 109; i++)
		put32(f + 0x4c + 4 * i, FREESECT);
}

static unsigned char *
good_file(size_t *len_r)
{
	size_t		 len = (NSECT + 1) * SSZ;
	unsigned char	*f = g_malloc0(len), *fat, *dir, *mf;

	header(f, 1, 1, 2, ENDOFCHAIN, 0);
	put32(f + 0x4c, 0);
	fat = sect(f, 0);
	for (uint32_t i = 0; i < PER; i++)
		put32(fat + 4 * i, FREESECT);
	put32(fat + 0, FATSECT);
	put32(fat + 4, ENDOFCHAIN);
	put32(fat + 8, ENDOFCHAIN);
	put32(fat + 12, ENDOFCHAIN);
	for (uint32_t i = 4; i < 11; i++)
		put32(fat + 4 * i, i + 1);
	put32(fat + 4 * 11, ENDOFCHAIN);
	dir = sect(f, 1);
	entry(dir + E_ROOT * CFB_ENTRY_SIZE, "Root Entry", CFB_TYPE_ROOT,
	    CFB_NOSTREAM, CFB_NOSTREAM, E_BIG, 3, SSZ);
	entry(dir + E_BIG * CFB_ENTRY_SIZE, "Big", CFB_TYPE_STREAM,
	    CFB_NOSTREAM, E_SMALL, CFB_NOSTREAM, 4, BIG_LEN);
	entry(dir + E_SMALL * CFB_ENTRY_SIZE, "Small", CFB_TYPE_STREAM,
	    CFB_NOSTREAM, CFB_NOSTREAM, CFB_NOSTREAM, 0, SMALL_LEN);
	entry(dir + 3 * CFB_ENTRY_SIZE, "", 0, CFB_NOSTREAM, CFB_NOSTREAM,
	    CFB_NOSTREAM, 0, 0);
	mf = sect(f, 2);
	for (uint32_t i = 0; i < PER; i++)
		put32(mf + 4 * i, FREESECT);
	put32(mf + 0, 1);
	put32(mf + 4, ENDOFCHAIN);
	memset(sect(f, 3), 's', SMALL_LEN);
	for (uint32_t i = 0; i < 8; i++)
		memset(sect(f, 4 + i), 'a' + i, SSZ);
	*len_r = len;
	return (f);
}

/*
 * A file whose directory is a chain of ndir sectors (a root entry, then
 * empty slots): FAT sectors first, then one DIFAT sector when there are
 * more than the header's 109, then the directory.
 */
static unsigned char *
huge_dir(size_t ndir, size_t *len_r)
{
	size_t		 nfat = 1, ndif, n, len;
	unsigned char	*f;
	uint32_t	 d0;

	for (;;) {
		ndif = nfat > 109 ? 1 : 0;
		n = nfat + ndif + ndir;
		if (nfat * PER >= n)
			break;
		nfat++;
	}
	ck_assert_uint_le(nfat, 109 + PER - 1);
	len = (n + 1) * SSZ;
	f = g_malloc0(len);
	d0 = (uint32_t)(nfat + ndif);
	header(f, (uint32_t)nfat, d0, ENDOFCHAIN,
	    ndif ? (uint32_t)nfat : ENDOFCHAIN, (uint32_t)ndif);
	for (size_t i = 0; i < nfat; i++) {
		if (i < 109)
			put32(f + 0x4c + 4 * i, (uint32_t)i);
		else
			put32(sect(f, (uint32_t)nfat) + 4 * (i - 109),
			    (uint32_t)i);
	}
	if (ndif) {
		for (size_t i = nfat - 109; i < PER - 1; i++)
			put32(sect(f, (uint32_t)nfat) + 4 * i, FREESECT);
		put32(sect(f, (uint32_t)nfat) + 4 * (PER - 1), ENDOFCHAIN);
	}
	for (size_t s = 0; s < nfat * PER; s++) {
		uint32_t v = FREESECT;

		if (s < nfat)
			v = FATSECT;
		else if (s < nfat + ndif)
			v = DIFSECT;
		else if (s < n)
			v = s + 1 < n ? (uint32_t)s + 1 : ENDOFCHAIN;
		put32(sect(f, (uint32_t)(s / PER)) + 4 * (s % PER), v);
	}
	for (size_t s = d0; s < n; s++)
		for (size_t k = 0; k < SSZ / CFB_ENTRY_SIZE; k++)
			entry(sect(f, (uint32_t)s) + k * CFB_ENTRY_SIZE, "", 0,
			    CFB_NOSTREAM, CFB_NOSTREAM, CFB_NOSTREAM, 0, 0);
	entry(sect(f, d0), "Root Entry", CFB_TYPE_ROOT, CFB_NOSTREAM,
	    CFB_NOSTREAM, CFB_NOSTREAM, ENDOFCHAIN, 0);
	*len_r = len;
	return (f);
}

struct seen {
	size_t	n, big, small;
};

static void
count_entry(uint32_t id, const unsigned char *e, void *arg)
{
	struct seen *s = arg;

	s->n++;
	if (id == E_BIG && cfb_entry_name_is(e, "BIG"))
		s->big++;
	if (id == E_SMALL && cfb_entry_name_is(e, "small"))
		s->small++;
}

START_TEST(cfb_good_file_read_back)
{
	size_t		 len, blen;
	unsigned char	*f = good_file(&len), *b;
	struct cfb	*c;
	const char	*why = NULL;
	struct seen	 s = { 0 };

	ck_assert_int_eq(cfb_open(f, len, &c, &why), 0);
	ck_assert_int_eq(cfb_root_walk(c, CFB_WALK_STRICT, count_entry, &s,
	    &why), 0);
	ck_assert_uint_eq(s.n, 2);
	ck_assert_uint_eq(s.big, 1);
	ck_assert_uint_eq(s.small, 1);
	ck_assert_int_eq(cfb_stream(c, E_BIG, &b, &blen, &why), 0);
	ck_assert_uint_eq(blen, BIG_LEN);
	ck_assert_int_eq(b[0], 'a');
	ck_assert_int_eq(b[BIG_LEN - 1], 'h');
	g_free(b);
	ck_assert_int_eq(cfb_stream(c, E_SMALL, &b, &blen, &why), 0);
	ck_assert_uint_eq(blen, SMALL_LEN);
	ck_assert_int_eq(b[SMALL_LEN - 1], 's');
	g_free(b);
	ck_assert_int_eq(cfb_stream(c, 99, &b, &blen, &why), -1);
	cfb_free(c);
	g_free(f);
}
END_TEST

/* Each case damages the good file; NULL want: it must still open. */
static const struct {
	const char	*name;
	size_t		 off;		/* from the file's start */
	uint32_t	 v;
	const char	*open_why;	/* NULL: opens */
	const char	*walk_why;	/* NULL: walks */
	const char	*big_why;	/* NULL: Big reads */
} damage[] = {
	{ "byte order", 0x1c, 0x0009feff, "compound file header is malformed",
	    NULL, NULL },
	{ "sector shift 10", 0x1e, 0x0006000a,
	    "compound file header is malformed", NULL, NULL },
	{ "FAT larger than file", 0x2c, 1000,
	    "compound file is truncated (FAT larger than file)", NULL, NULL },
	{ "FAT sector out of range", 0x4c, 9999,
	    "compound file FAT sector out of range", NULL, NULL },
	{ "directory chain cycle", SSZ + 4 * 1, 1,
	    "compound file FAT cycle", NULL, NULL },
	{ "directory start out of range", 0x30, 5000,
	    "compound file sector out of range", NULL, NULL },
	{ "directory without root", 2 * SSZ + 0x42, CFB_TYPE_STREAM,
	    "compound file has no root directory entry", NULL, NULL },
	{ "stream chain cycle", SSZ + 4 * 6, 4, NULL, NULL,
	    "compound file FAT cycle" },
	{ "stream sector out of range", SSZ + 4 * 5, 5000, NULL, NULL,
	    "compound file sector out of range" },
	{ "stream chain ends early", SSZ + 4 * 7, ENDOFCHAIN, NULL, NULL,
	    "compound file stream is truncated" },
	{ "stream longer than the file", 2 * SSZ + CFB_ENTRY_SIZE + 0x78,
	    1 << 20, NULL, NULL, "compound file stream is truncated" },
	{ "sibling out of range", 2 * SSZ + CFB_ENTRY_SIZE + 0x48, 77, NULL,
	    "compound file directory entry out of range", NULL },
	{ "directory tree cycle", 2 * SSZ + 2 * CFB_ENTRY_SIZE + 0x44,
	    E_BIG, NULL, "compound file directory cycle", NULL },
};

START_TEST(cfb_damaged_file_refused_by_name)
{
	size_t		 len, blen;
	unsigned char	*f = good_file(&len), *b = NULL;
	struct cfb	*c = NULL;
	const char	*why = NULL;
	struct seen	 s = { 0 };
	int		 rc;

	put32(f + damage[_i].off, damage[_i].v);
	rc = cfb_open(f, len, &c, &why);
	if (damage[_i].open_why != NULL) {
		ck_assert_msg(rc == -1, "%s: opened", damage[_i].name);
		ck_assert_ptr_null(c);
		ck_assert_str_eq(why, damage[_i].open_why);
		goto out;
	}
	ck_assert_msg(rc == 0, "%s: %s", damage[_i].name, why);
	rc = cfb_root_walk(c, CFB_WALK_STRICT, count_entry, &s, &why);
	if (damage[_i].walk_why != NULL) {
		ck_assert_int_eq(rc, -1);
		ck_assert_str_eq(why, damage[_i].walk_why);
		/* A sniffing walk sees what it can, and ends. */
		s.n = 0;
		ck_assert_int_eq(cfb_root_walk(c, CFB_WALK_TOLERANT,
		    count_entry, &s, &why), 0);
		ck_assert_uint_le(s.n, 4);
		goto out;
	}
	ck_assert_int_eq(rc, 0);
	rc = cfb_stream(c, E_BIG, &b, &blen, &why);
	if (damage[_i].big_why != NULL) {
		ck_assert_int_eq(rc, -1);
		ck_assert_str_eq(why, damage[_i].big_why);
	} else
		ck_assert_int_eq(rc, 0);
out:
	g_free(b);
	cfb_free(c);
	g_free(f);
}
END_TEST

/* Shorter than the 512-byte header, or not the signature: no reader. */
START_TEST(cfb_truncated_header_refused)
{
	size_t		 len;
	unsigned char	*f = good_file(&len);
	struct cfb	*c = NULL;
	const char	*why = NULL;
	static const size_t lens[] = { 0, 8, 511 };

	for (size_t i = 0; i < G_N_ELEMENTS(lens); i++) {
		ck_assert_int_eq(cfb_open(f, lens[i], &c, &why), -1);
		ck_assert_ptr_null(c);
		ck_assert_str_eq(why, "not an OLE2 compound file");
	}
	ck_assert(cfb_magic(f, 8));
	ck_assert(!cfb_magic(f, 7));
	ck_assert(!cfb_magic(NULL, 0));
	f[0] = 'P';
	ck_assert_int_eq(cfb_open(f, len, &c, &why), -1);
	ck_assert_str_eq(why, "not an OLE2 compound file");
	g_free(f);
}
END_TEST

/* A directory of CFB_DIR_SECTORS_MAX sectors opens; one more is refused
 * before it is read. Below the cap too, to show the builder is sound. */
START_TEST(cfb_huge_directory_cap)
{
	size_t		 ndir = CFB_DIR_SECTORS_MAX + (size_t)_i, len;
	unsigned char	*f = huge_dir(ndir, &len);
	struct cfb	*c = NULL;
	const char	*why = NULL;
	struct seen	 s = { 0 };

	if (_i <= 0) {
		ck_assert_msg(cfb_open(f, len, &c, &why) == 0, "%s", why);
		ck_assert_int_eq(cfb_root_walk(c, CFB_WALK_STRICT, count_entry,
		    &s, &why), 0);
		ck_assert_uint_eq(s.n, 0);
	} else {
		ck_assert_int_eq(cfb_open(f, len, &c, &why), -1);
		ck_assert_str_eq(why, "compound file directory too large");
	}
	cfb_free(c);
	g_free(f);
}
END_TEST

/* Slots are whole 128-byte entries after the header, never past len. */
START_TEST(cfb_slots_end_with_the_data)
{
	unsigned char	buf[512 + 2 * 128];

	memset(buf, 0, sizeof(buf));
	ck_assert_ptr_eq(cfb_slot(buf, sizeof(buf), 0), buf + 512);
	ck_assert_ptr_eq(cfb_slot(buf, sizeof(buf), 1), buf + 640);
	ck_assert_ptr_null(cfb_slot(buf, sizeof(buf), 2));
	ck_assert_ptr_null(cfb_slot(buf, sizeof(buf) - 1, 1));
	ck_assert_ptr_null(cfb_slot(buf, 511, 0));
	ck_assert_ptr_null(cfb_slot(buf, sizeof(buf), SIZE_MAX));
	ck_assert_ptr_null(cfb_slot(NULL, 0, 0));
}
END_TEST

/* Names compare without case, by their stored length and NUL. */
START_TEST(cfb_entry_names)
{
	unsigned char e[CFB_ENTRY_SIZE];

	entry(e, "Workbook", CFB_TYPE_STREAM, 0, 0, 0, 0, 0);
	ck_assert(cfb_entry_name_is(e, "workbook"));
	ck_assert(cfb_entry_name_is(e, "WORKBOOK"));
	ck_assert(!cfb_entry_name_is(e, "Workboo"));
	ck_assert(!cfb_entry_name_is(e, "Book"));
	ck_assert_int_eq(cfb_entry_type(e), CFB_TYPE_STREAM);
	e[2 * 8] = 'X';		/* no NUL after the name */
	ck_assert(!cfb_entry_name_is(e, "Workbook"));
	entry(e, "Workbook", CFB_TYPE_STREAM, 0, 0, 0, 0, 0);
	e[1] = 0x01;		/* U+0157, not 'W' */
	ck_assert(!cfb_entry_name_is(e, "Workbook"));
}
END_TEST

Suite *
cfb_suite(void)
{
	Suite	*s = suite_create("cfb");
	TCase	*tc = tcase_create("cfb");
	TCase	*big = tcase_create("cfb-huge");

	tcase_add_test(tc, cfb_good_file_read_back);
	tcase_add_loop_test(tc, cfb_damaged_file_refused_by_name, 0,
	    G_N_ELEMENTS(damage));
	tcase_add_test(tc, cfb_truncated_header_refused);
	tcase_add_test(tc, cfb_slots_end_with_the_data);
	tcase_add_test(tc, cfb_entry_names);
	suite_add_tcase(s, tc);
	tcase_set_timeout(big, 60);
	tcase_add_loop_test(big, cfb_huge_directory_cap, -1, 2);
	suite_add_tcase(s, big);
	return (s);
}
