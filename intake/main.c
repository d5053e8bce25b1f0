/* main.c: the hotrocks command line: the usage text and a table of
 * commands, each in its own intake/cmd-NAME.c. Every command reads one
 * config (or the defaults); errors go through lib/log.c; exit codes
 * follow sysexits.h. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "intake/cli.h"
#include "intake/contract.h"
#include "intake/mime.h"
#include "lib/log.h"

#define HOTROCKS_VERSION "0.1.0"

static const struct command {
	const char	*name;
	int		(*run)(int, char **);
} commands[] = {
	{ "inspect",	cmd_inspect },
	{ "ingest",	cmd_ingest },
	{ "cases",	cmd_cases },
	{ "case",	cmd_case },
	{ "messages",	cmd_messages },
	{ "verify",	cmd_verify },
	{ "sign",	cmd_sign },
	{ "units",	cmd_units },
	{ "forward",	cmd_forward },
	{ "send",	cmd_send },
	{ "outbox",	cmd_outbox },
	{ "poll",	cmd_poll },
	{ "refile",	cmd_refile },
	{ "run",	cmd_run },
	{ "status",	cmd_status },
	{ "check-config", cmd_check_config },
	{ "audit",	cmd_audit },
	{ "report",	cmd_report },
	{ "reprocess",	cmd_reprocess },
};

static const char *usage_text =
"usage: hotrocks COMMAND [OPTIONS] [ARGS]\n"
"\n"
"Commands:\n"
"  inspect [-c CONF] [--db DB] [--json] PATH...\n"
"                 decide about messages and print the decision; writes\n"
"                 nothing (with --db, a message already recorded there\n"
"                 shows as ignore)\n"
"  ingest [-c CONF] [--db DB] [-q] PATH...\n"
"                 process .eml files, folders of them, or Maildirs:\n"
"                 archive, decide, record cases and queue replies, once\n"
"  cases [-c CONF] [--db DB] [--state S] [--unit U] [--kind K]\n"
"        [--since DATE] [--until DATE] [--search TEXT] [--flagged] [--json]\n"
"                 list cases, newest first (--json: JSON Lines, one\n"
"                 object a case, not one array), each with its flag; S\n"
"                 is open, review, forwarded, waiting_unit, done or\n"
"                 rejected; --flagged: only cases flagged for a person\n"
"                 (an answer in the thread, a letter that failed);\n"
"                 --unit and --search match words with or without\n"
"                 diacritics, --search also names, phones as typed and\n"
"                 ICCIDs\n"
"  messages [-c CONF] [--db DB] [--action ACTION] [--json]\n"
"                 every message recorded, newest first, with its id (as\n"
"                 reprocess takes it) and what became of it (rejected\n"
"                 and redirected ones open no case)\n"
"  case show NUMBER [-c CONF] [--db DB] [--json]\n"
"                 one case with its rows and audit trail (NUMBER in any\n"
"                 case: ht-2024-000001 is HT-2024-000001); --json: one\n"
"                 object with number, state, assignee, rows (each with\n"
"                 its state), audit and the message's CONTRACT JSON\n"
"  case note NUMBER --note TEXT [--by NAME] [--json] [-c CONF] [--db DB]\n"
"  case assign NUMBER USER [--by NAME] [--json] [-c CONF] [--db DB]\n"
"  case unflag NUMBER [--note TEXT] [--by NAME] [--json] [-c CONF] [--db DB]\n"
"                 a note in the case's audit trail; who works the case\n"
"                 (\"\" for nobody); unflag: the flag cleared once seen\n"
"                 to (done and reject clear it too; a later answer\n"
"                 flags the case again)\n"
"  case rows NUMBER [--set activated|refused [--rows 1,3-5] [--note TEXT]]\n"
"        [--by NAME] [--json] [-c CONF] [--db DB]\n"
"                 the SIM rows with their state; --set settles rows (all\n"
"                 clean ones without --rows); a case whose clean rows\n"
"                 are all activated or refused becomes done\n"
"  case wait NUMBER --note TEXT [--by NAME] [--json] [-c CONF] [--db DB]\n"
"  case done NUMBER [--note TEXT] [--by NAME] [--json] [-c CONF] [--db DB]\n"
"  case reopen NUMBER [--note TEXT] [--by NAME] [--json] [-c CONF] [--db DB]\n"
"  case reject NUMBER [--note TEXT] [--by NAME] [--json] [-c CONF] [--db DB]\n"
"                 move a case: to waiting_unit (the unit was asked for\n"
"                 something), to done (queueing the completion notice\n"
"                 to the unit that sent it), back to open, or from\n"
"                 review to rejected; a move the store does not allow\n"
"                 exits 65 and names the allowed ones\n"
"  verify [-c CONF] [--anchors PEM] [--crls DIR] [--at TIME] [--json] FILE...\n"
"                 judge the signatures of DOCX, XLSX, XLS and PDF files\n"
"                 on their own (--at: as of that RFC 3339 time)\n"
"  sign --key KEY.pem --cert CERT.pem [--chain CHAIN.pem] [--at TIME]\n"
"        [--pkcs7] IN OUT\n"
"                 add an OOXML package signature to a DOCX or XLSX, or a\n"
"                 PAdES signature to a PDF (ETSI.CAdES.detached, or\n"
"                 adbe.pkcs7.detached with --pkcs7); --at: the signing\n"
"                 time (RFC 3339)\n"
"  units import FILE.csv [--replace] [-c CONF] [--db DB]\n"
"                 replace the registry of units (name,addresses,cert_org);\n"
"                 a file with no units empties it only with --replace\n"
"  forward [list] [-c CONF] [--db DB]\n"
"                 the forwards to the Cục, newest first\n"
"  forward --now | --due [-c CONF] [--db DB]\n"
"                 build the pending batch now, or when forward_time has\n"
"                 passed (forward_mode = daily); held until approved when\n"
"                 forward_approval = required\n"
"  forward show ID [-c CONF] [--db DB]\n"
"                 exactly what forward ID sends, warnings included\n"
"  forward approve ID|--all [--by NAME] [-c CONF] [--db DB]\n"
"                 release held forwards to the outbox, their rows then\n"
"                 forwarded; one carrying rows staff settled since it\n"
"                 was built is refused (exit 65): cancel it, --now\n"
"  send [-c CONF] [--db DB] [--at TIME]\n"
"                 deliver what is due in the outbox, once, over SMTP\n"
"                 (exit 75 when something was deferred or failed)\n"
"  outbox [-c CONF] [--db DB] [--state S] [--json]\n"
"                 what is waiting to go out and what became of what went\n"
"                 (queued, sending, sent, deferred, failed, bounced,\n"
"                 cancelled, held)\n"
"  outbox show ID [-c CONF] [--db DB] [--json]\n"
"                 the whole message as it will be or was sent\n"
"  outbox retry ID [--by NAME] [-c CONF] [--db DB]\n"
"  outbox cancel ID [--by NAME] [-c CONF] [--db DB]\n"
"                 send a deferred, failed, bounced or cancelled item\n"
"                 again now; or never send a waiting one (a forward\n"
"                 cancelled frees its rows; retried, one never approved\n"
"                 is held again)\n"
"  poll [-c CONF] [--db DB] [-q]\n"
"                 one pass over the [imap] folder: record every new\n"
"                 message, then move it to the folder for its action\n"
"  refile [-c CONF] [--db DB] --since YYYY-MM-DD\n"
"                 after a store is restored from a backup: move the\n"
"                 mail the action folders received since that day back\n"
"                 to the [imap] folder, to be recorded again (what the\n"
"                 store knows is filed again, never answered twice)\n"
"  run [-c CONF] [--db DB]\n"
"                 the service: poll, then IDLE (or wait poll_interval)\n"
"                 and again; reconnects forever; delivers the outbox\n"
"                 after each pass and every poll_interval while it\n"
"                 waits; SIGTERM stops after the message in hand,\n"
"                 SIGHUP re-reads the config; one run or poll a store\n"
"                 (exit 75 when another holds it)\n"
"  status [-c CONF] [--db DB] [--json]\n"
"                 per IMAP folder: last pass, UIDVALIDITY, highest UID\n"
"                 recorded, today's counts; the outbox by state\n"
"  check-config [-c CONF] [--offline]\n"
"                 try what the service needs, one line per check: the\n"
"                 config, the letters, the trust anchors and CRLs, the\n"
"                 store (created when missing), then the IMAP and SMTP\n"
"                 servers (TLS verified, login, nothing fetched or sent;\n"
"                 --offline skips them); exits 0 only when all pass\n"
"  audit verify [-c CONF] [--db DB] [--json]\n"
"                 re-hash every archived message and the whole audit\n"
"                 chain; say how much was checked and the first break\n"
"                 (exit 65 when something does not hold)\n"
"  audit export (--case NUMBER | --since DATE [--until DATE]) [-c CONF]\n"
"         [--db DB] OUT.zip\n"
"                 a bundle an auditor checks without hotrocks: raw\n"
"                 messages, attachments, decisions, what went out, the\n"
"                 log slice linked to the chain's head, MANIFEST.sha256\n"
"  audit prune [-c CONF] [--db DB] [--at TIME] [--by NAME]\n"
"                 remove archived messages older than [store]\n"
"                 archive_keep_days that no case still worked and no\n"
"                 recent audit entry needs; each removal is logged\n"
"  report [--period 2024H1|2024H2|2024 | --from DATE --to DATE]\n"
"         [--format text|csv|xlsx|json] [-o FILE] [--at TIME] [-c CONF]\n"
"         [--db DB]\n"
"                 the office's report (letter 1871-CV/VPTU, section 4):\n"
"                 per unit and in total, messages, cases by kind and\n"
"                 outcome, SIMs requested/forwarded/activated/refused,\n"
"                 the most frequent errors, response times (median and\n"
"                 90th percentile); days in [mailbox] timezone, --to\n"
"                 included; default: the current half-year\n"
"  report --html OUT.html [--period P | --from DATE --to DATE] [-c CONF]\n"
"         [--db DB]\n"
"                 the same as one self-contained page: a chart of weekly\n"
"                 volume by outcome, the per-unit table, the oldest open\n"
"                 cases; prints on A4\n"
"  reprocess (MESSAGE | --case NUMBER | --since DATE) [--send] [--by NAME]\n"
"         [--at TIME] [-c CONF] [--db DB] [--json]\n"
"                 decide recorded messages again from the archive after a\n"
"                 config, registry or trust-anchor change (MESSAGE: its\n"
"                 id, a sha256 prefix or its Message-ID); the new\n"
"                 decision is kept beside the first; replies are queued\n"
"                 only for a changed outcome and only with --send\n"
"  version        print the version\n"
"\n"
"Options:\n"
"  -c, --config FILE  settings (default: built-in defaults, see\n"
"                     samples/hotrocks.conf)\n"
"      --db FILE      database (overrides [store] database; the archive\n"
"                     goes beside it unless [store] archive is set)\n"
"      --json         machine-readable output: JSON Lines, one object\n"
"                     a line (a message, a case, a file; CONTRACT JSON\n"
"                     for decisions and verdicts)\n"
"  -h, --help         this text (after a command: its entries alone)\n"
"\n"
"Exit codes: 0 done; 1 verify: a file is not valid; 64 usage; 65 a\n"
"message or document could not be read, audit verify found a\n"
"break, or a case move or row is not allowed; 66 an input is missing\n"
"(reprocess: an archived copy); 69 a case, outbox item or message was\n"
"not found; 70 internal error; 73 an output or the store cannot be\n"
"created; 74 an I/O or database error;\n"
"75 (send) something was deferred or failed, (check-config) a server\n"
"was unreachable or not checked, (run, poll) another run or poll holds\n"
"the store; 78 a configuration error.\n";

int
main(int argc, char **argv)
{
	const char *cmd;

	/* One malloc arena for every thread: a long list's workbooks are
	 * made on a thread of their own (replies_lists_start), whose own
	 * arena would keep its megabytes from the store and the letters
	 * (ingest of a 200,000-row list peaked at 77 MiB, not 62). */
	mallopt(M_ARENA_MAX, 1);
	cli_usage_set(usage_text);
	if (argc < 2)
		return (cli_usage(stderr, EX_USAGE));
	cmd = argv[1];
	if (getenv("HOTROCKS_DEBUG") != NULL)
		log_set_level(LOG_LEVEL_DEBUG);
	mime_init();
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(cmd, commands[i].name) == 0) {
			log_set_component(commands[i].name);
			cli_usage_command_set(commands[i].name);
			return (commands[i].run(argc - 1, argv + 1));
		}
	if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
		printf("hotrocks %s (contract %d)\n", HOTROCKS_VERSION,
		    CONTRACT_VERSION);
		return (EX_OK);
	}
	if (strcmp(cmd, "help") == 0 || strcmp(cmd, "-h") == 0 ||
	    strcmp(cmd, "--help") == 0)
		return (cli_usage(stdout, EX_OK));
	log_error("unknown command '%s'", cmd);
	return (cli_usage(stderr, EX_USAGE));
}
