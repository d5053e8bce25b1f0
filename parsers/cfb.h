/* cfb.h: the OLE2 compound file (MS-CFB) under .xls, .doc and encrypted
 * OOXML: header, FAT, directory and streams. Pure and bounded: a chain
 * or a tree is never followed round a cycle nor past the input. */
#ifndef HOTROCKS_CFB_H
#define HOTROCKS_CFB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CFB_HEADER_SIZE		512
#define CFB_ENTRY_SIZE		128
/* A sibling or child id that names no entry. */
#define CFB_NOSTREAM		0xffffffffU

/* Directory entry types (the byte at 0x42). */
#define CFB_TYPE_STORAGE	1
#define CFB_TYPE_STREAM		2
#define CFB_TYPE_ROOT		5

/* Directory sectors read in one chain: 16384 sectors hold at least 65536
 * entries, far more than any document needs; a longer chain is hostile. */
#define CFB_DIR_SECTORS_MAX	16384

struct cfb;

/* True when data starts with the compound file signature. */
bool	 cfb_magic(const unsigned char *data, size_t len);

/*
 * Checks the header, gathers the whole FAT through the DIFAT (every FAT
 * and DIFAT sector in range, no DIFAT cycle) and reads the directory
 * chain (no FAT cycle, at most CFB_DIR_SECTORS_MAX sectors), whose first
 * entry must be the root. data must outlive the cfb. Returns 0 and a cfb
 * for cfb_free, or -1, *cfb_r NULL and *why_r a static reason ("not an
 * OLE2 compound file", "compound file FAT cycle", …).
 */
int	 cfb_open(const unsigned char *data, size_t len, struct cfb **cfb_r,
	    const char **why_r);
void	 cfb_free(struct cfb *);

/* What cfb_root_walk does with a broken tree. */
enum cfb_walk {
	CFB_WALK_STRICT,	/* refuse it */
	CFB_WALK_TOLERANT	/* see what can be seen of it */
};

/*
 * Calls fn with the id and the 128 bytes of each entry of the root
 * storage's tree of children (its direct children only: not the entries
 * of storages inside it). CFB_WALK_STRICT: an id out of range or met
 * twice stops the walk, -1 and *why_r (entries already passed to fn stay
 * passed). CFB_WALK_TOLERANT, for a reader that only sniffs: an id out of
 * range is passed over and a looping tree is walked for no more steps
 * than the directory has entries (so fn may see an entry twice); 0.
 */
int	 cfb_root_walk(const struct cfb *, enum cfb_walk,
	    void (*fn)(uint32_t id, const unsigned char *entry, void *arg),
	    void *arg, const char **why_r);

/*
 * The bytes of the stream with directory id, from the FAT or, below the
 * header's cutoff, the mini stream. Returns 0 and *data_r (g_free) of
 * *len_r bytes, or -1 and *why_r: a chain that is cut short, cycles or
 * leaves the file.
 */
int	 cfb_stream(struct cfb *, uint32_t id, unsigned char **data_r,
	    size_t *len_r, const char **why_r);

/* An entry's type (CFB_TYPE_*). */
int	 cfb_entry_type(const unsigned char *entry);

/* True when an entry's UTF-16LE name (its byte length, NUL included, at
 * 0x40; at most 64) is the ASCII name, compared without case as the
 * format does. */
bool	 cfb_entry_name_is(const unsigned char *entry, const char *name);

/*
 * The i-th 128-byte slot after the header, or NULL past the end of data.
 * For the readers that look at every slot that may be a directory entry
 * because the FAT that would find them is broken or not to be trusted.
 */
const unsigned char *cfb_slot(const unsigned char *data, size_t len,
	    size_t i);

#endif
