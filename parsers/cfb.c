/* cfb.c: the one OLE2 compound file reader, for xls.c, sniff.c and
 * xls-sig.c. Pure and bounded: no I/O, every sector chain and directory
 * walk checked against a visited map, every sector against the input.
 *
 * The compound file (MS-CFB): a 512-byte header, then sectors of 512 or
 * 4096 bytes. The FAT chains sectors into streams; the first 109 FAT
 * sectors are named in the header, the rest in a chain of DIFAT sectors.
 * Streams shorter than the cutoff (4096) live in 64-byte sectors of the
 * root's "mini stream", chained by the mini FAT. Directory entries form a
 * red-black tree per storage, through their left and right sibling ids.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "lib/bytes.h"
#include "parsers/cfb.h"

#define CFB_MINI_SECTOR	64
#define CFB_DIFAT_HEAD	109
#define CFB_ENDOFCHAIN	0xfffffffeU
/* Longest entry name in bytes, UTF-16 with its NUL. */
#define CFB_NAME_MAX	64

struct cfb {
	const unsigned char	*data;
	size_t			 len;
	size_t			 ssz;		/* sector size */
	size_t			 nsect;		/* sectors in the file */
	uint32_t		*fat;
	size_t			 nfat;
	unsigned char		*dir;
	size_t			 ndir;		/* entries */
	bool			 v4;
	bool			 mini_loaded;
	unsigned char		*mini;		/* the root's mini stream */
	size_t			 minilen;
	uint32_t		*minifat;
	size_t			 nminifat;
	uint32_t		 cutoff;
	uint32_t		 minifat_start;
	const char		*why;
};

static const unsigned char cfb_signature[8] = {
	0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1
};

static bool	 bit_test_set(unsigned char *, size_t);
static int	 cfb_read_fat(struct cfb *);
static int	 cfb_chain(struct cfb *, bool, uint32_t, size_t, size_t,
		    unsigned char **, size_t *);
static int	 cfb_load_mini(struct cfb *);

/* Marks bit i; true when it was already set. */
static bool
bit_test_set(unsigned char *map, size_t i)
{
	bool	was = (map[i / 8] >> (i % 8)) & 1;

	map[i / 8] |= (unsigned char)(1 << (i % 8));
	return (was);
}

bool
cfb_magic(const unsigned char *data, size_t len)
{
	return (data != NULL && len >= sizeof(cfb_signature) &&
	    memcmp(data, cfb_signature, sizeof(cfb_signature)) == 0);
}

int
cfb_open(const unsigned char *data, size_t len, struct cfb **cfb_r,
    const char **why_r)
{
	struct cfb	*c;
	unsigned char	*dir = NULL;
	size_t		 dirlen;
	unsigned	 shift;
	int		 rc = -1;

	*cfb_r = NULL;
	c = g_new0(struct cfb, 1);
	c->data = data;
	c->len = len;
	if (len < CFB_HEADER_SIZE || !cfb_magic(data, len)) {
		c->why = "not an OLE2 compound file";
		goto out;
	}
	shift = bytes_le16(data + 0x1e);
	if (bytes_le16(data + 0x1c) != 0xfffe || (shift != 9 && shift != 12) ||
	    bytes_le16(data + 0x20) != 6) {
		c->why = "compound file header is malformed";
		goto out;
	}
	c->v4 = shift == 12;
	c->ssz = (size_t)1 << shift;
	c->nsect = len > c->ssz ? (len - c->ssz + c->ssz - 1) / c->ssz : 0;
	c->cutoff = bytes_le32(data + 0x38);
	c->minifat_start = bytes_le32(data + 0x3c);
	if (cfb_read_fat(c) == -1)
		goto out;
	if (cfb_chain(c, false, bytes_le32(data + 0x30), SIZE_MAX,
	    CFB_DIR_SECTORS_MAX, &dir, &dirlen) == -1)
		goto out;
	c->dir = dir;
	dir = NULL;
	c->ndir = dirlen / CFB_ENTRY_SIZE;
	if (c->ndir == 0 || c->dir[0x42] != CFB_TYPE_ROOT) {
		c->why = "compound file has no root directory entry";
		goto out;
	}
	rc = 0;
out:
	g_free(dir);
	if (rc == 0)
		*cfb_r = c;
	else {
		*why_r = c->why;
		cfb_free(c);
	}
	return (rc);
}

void
cfb_free(struct cfb *c)
{
	if (c == NULL)
		return;
	g_free(c->fat);
	g_free(c->dir);
	g_free(c->mini);
	g_free(c->minifat);
	g_free(c);
}

/* The whole FAT: the first 109 FAT sectors are named in the header, the
 * rest in a chain of DIFAT sectors whose last slot points to the next. */
static int
cfb_read_fat(struct cfb *c)
{
	const unsigned char	*data = c->data;
	unsigned char		*seen;
	uint32_t		 nfatsect, difat, ndifat, id;
	size_t			 per, got = 0;
	int			 rc = -1;

	nfatsect = bytes_le32(data + 0x2c);
	difat = bytes_le32(data + 0x44);
	ndifat = bytes_le32(data + 0x48);
	if (nfatsect == 0 || nfatsect > c->nsect) {
		c->why = "compound file is truncated (FAT larger than file)";
		return (-1);
	}
	per = c->ssz / 4;
	c->nfat = (size_t)nfatsect * per;
	c->fat = g_new(uint32_t, c->nfat);
	seen = g_new0(unsigned char, c->nsect / 8 + 1);
	for (size_t k = 0; got < nfatsect; k++) {
		const unsigned char *slot;

		if (k < CFB_DIFAT_HEAD)
			slot = data + 0x4c + 4 * k;
		else {
			size_t j = (k - CFB_DIFAT_HEAD) % (per - 1);

			if (j == 0) {
				if (k > CFB_DIFAT_HEAD)
					difat = bytes_le32(data + (difat + 1) *
					    c->ssz + 4 * (per - 1));
				if (ndifat-- == 0 || difat >= c->nsect ||
				    (difat + 1) * c->ssz + c->ssz > c->len) {
					c->why = "compound file DIFAT sector "
					    "out of range";
					goto out;
				}
				if (bit_test_set(seen, difat)) {
					c->why = "compound file DIFAT cycle";
					goto out;
				}
			}
			slot = data + (difat + 1) * c->ssz + 4 * j;
		}
		id = bytes_le32(slot);
		if (id >= c->nsect || (id + 1) * c->ssz + c->ssz > c->len) {
			c->why = "compound file FAT sector out of range";
			goto out;
		}
		for (size_t e = 0; e < per; e++)
			c->fat[got * per + e] = bytes_le32(data +
			    (id + 1) * c->ssz + 4 * e);
		got++;
	}
	rc = 0;
out:
	g_free(seen);
	return (rc);
}

/*
 * Follows a chain of the FAT (or of the mini FAT in the mini stream) from
 * start, for want bytes or, when want is SIZE_MAX, to its end but over at
 * most maxsect sectors. A sector seen twice is a cycle; so every chain
 * ends within the table's size.
 */
static int
cfb_chain(struct cfb *c, bool mini, uint32_t start, size_t want,
    size_t maxsect, unsigned char **out_r, size_t *len_r)
{
	const uint32_t	*fat = mini ? c->minifat : c->fat;
	size_t		 nfat = mini ? c->nminifat : c->nfat;
	size_t		 ssz = mini ? CFB_MINI_SECTOR : c->ssz;
	size_t		 room = mini ? c->minilen : c->len;
	unsigned char	*seen = NULL;
	GByteArray	*buf = g_byte_array_new();
	uint32_t	 s = start;
	size_t		 nsect = 0;
	int		 rc = -1;

	if (want != SIZE_MAX && want > room) {
		c->why = "compound file stream is truncated";
		goto out;
	}
	seen = g_new0(unsigned char, nfat / 8 + 1);
	while (buf->len < want) {
		size_t	 off, n;

		if (s == CFB_ENDOFCHAIN && want == SIZE_MAX)
			break;
		if (s == CFB_ENDOFCHAIN) {
			c->why = "compound file stream is truncated";
			goto out;
		}
		if (s >= nfat) {
			c->why = "compound file sector out of range";
			goto out;
		}
		if (bit_test_set(seen, s)) {
			c->why = "compound file FAT cycle";
			goto out;
		}
		if (nsect++ == maxsect) {
			c->why = "compound file directory too large";
			goto out;
		}
		off = mini ? (size_t)s * ssz : ((size_t)s + 1) * ssz;
		if (off >= room) {
			c->why = "compound file stream is truncated";
			goto out;
		}
		n = MIN(ssz, room - off);
		if (want != SIZE_MAX)
			n = MIN(n, want - buf->len);
		if (n < ssz && want != SIZE_MAX && buf->len + n < want) {
			c->why = "compound file stream is truncated";
			goto out;
		}
		g_byte_array_append(buf, (mini ? c->mini : c->data) + off,
		    (guint)n);
		s = fat[s];
	}
	*len_r = buf->len;
	*out_r = g_byte_array_free(buf, FALSE);
	buf = NULL;
	rc = 0;
out:
	g_free(seen);
	if (buf != NULL)
		g_byte_array_free(buf, TRUE);
	return (rc);
}

/* The mini stream and the mini FAT, read the first time a short stream
 * is wanted. */
static int
cfb_load_mini(struct cfb *c)
{
	unsigned char	*mf = NULL;
	size_t		 mflen, size;

	if (c->mini_loaded)
		return (0);
	size = bytes_le32(c->dir + 120);
	if (c->v4)
		size |= (size_t)bytes_le32(c->dir + 124) << 32;
	if (cfb_chain(c, false, bytes_le32(c->dir + 116), size, SIZE_MAX,
	    &c->mini, &c->minilen) == -1)
		return (-1);
	if (cfb_chain(c, false, c->minifat_start, SIZE_MAX, SIZE_MAX, &mf,
	    &mflen) == -1)
		return (-1);
	c->nminifat = mflen / 4;
	c->minifat = g_new(uint32_t, c->nminifat + 1);
	for (size_t i = 0; i < c->nminifat; i++)
		c->minifat[i] = bytes_le32(mf + 4 * i);
	g_free(mf);
	c->mini_loaded = true;
	return (0);
}

int
cfb_root_walk(const struct cfb *c, enum cfb_walk how,
    void (*fn)(uint32_t, const unsigned char *, void *), void *arg,
    const char **why_r)
{
	unsigned char	*seen = g_new0(unsigned char, c->ndir / 8 + 1);
	uint32_t	*stack = g_new(uint32_t, 2 * c->ndir + 2);
	size_t		 top = 0, steps = 0;
	int		 rc = -1;

	stack[top++] = bytes_le32(c->dir + 0x4c);
	/* Only real entries count as steps; a tolerant walk of a looping
	 * tree ends when it has taken as many as there are entries. */
	while (top > 0 && (how == CFB_WALK_STRICT || steps < c->ndir)) {
		uint32_t		 id = stack[--top];
		const unsigned char	*e;

		if (id == CFB_NOSTREAM)
			continue;
		if (id >= c->ndir) {
			if (how == CFB_WALK_TOLERANT)
				continue;
			*why_r = "compound file directory entry out of range";
			goto out;
		}
		if (bit_test_set(seen, id) && how == CFB_WALK_STRICT) {
			*why_r = "compound file directory cycle";
			goto out;
		}
		steps++;
		e = c->dir + (size_t)id * CFB_ENTRY_SIZE;
		fn(id, e, arg);
		stack[top++] = bytes_le32(e + 0x44);
		stack[top++] = bytes_le32(e + 0x48);
	}
	rc = 0;
out:
	g_free(seen);
	g_free(stack);
	return (rc);
}

int
cfb_stream(struct cfb *c, uint32_t id, unsigned char **data_r,
    size_t *len_r, const char **why_r)
{
	const unsigned char	*e;
	size_t			 size;
	int			 rc;

	if (id >= c->ndir) {
		*why_r = "compound file directory entry out of range";
		return (-1);
	}
	e = c->dir + (size_t)id * CFB_ENTRY_SIZE;
	size = bytes_le32(e + 120);
	if (c->v4)
		size |= (size_t)bytes_le32(e + 124) << 32;
	if (size < c->cutoff)
		rc = cfb_load_mini(c) == -1 ? -1 : cfb_chain(c, true,
		    bytes_le32(e + 116), size, SIZE_MAX, data_r, len_r);
	else
		rc = cfb_chain(c, false, bytes_le32(e + 116), size, SIZE_MAX,
		    data_r, len_r);
	if (rc == -1)
		*why_r = c->why;
	return (rc);
}

int
cfb_entry_type(const unsigned char *e)
{
	return (e[0x42]);
}

bool
cfb_entry_name_is(const unsigned char *e, const char *name)
{
	size_t	n = strlen(name);

	if (bytes_le16(e + 0x40) != (n + 1) * 2 || (n + 1) * 2 > CFB_NAME_MAX)
		return (false);
	for (size_t i = 0; i < n; i++)
		if (e[2 * i + 1] != 0 ||
		    g_ascii_tolower(e[2 * i]) != g_ascii_tolower(name[i]))
			return (false);
	return (e[2 * n] == 0 && e[2 * n + 1] == 0);
}

const unsigned char *
cfb_slot(const unsigned char *data, size_t len, size_t i)
{
	size_t	off;

	if (data == NULL || i > (SIZE_MAX - CFB_HEADER_SIZE) / CFB_ENTRY_SIZE)
		return (NULL);
	off = CFB_HEADER_SIZE + i * CFB_ENTRY_SIZE;
	if (off > len || len - off < CFB_ENTRY_SIZE)
		return (NULL);
	return (data + off);
}
