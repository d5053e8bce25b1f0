/* check-codes.c: the CONTRACT's names, spelled as CONTRACT.md spells them. */
#include <check.h>
#include <string.h>

#include "lib/codes.h"

static const char *contract_codes[] = {
	"no_documents", "sender_public_domain", "sender_not_registered",
	"mixed_documents", "attachment_too_large", "message_unreadable",
	"processing_failed", "document_unreadable",
	"signature_missing", "signature_invalid", "signature_untrusted",
	"signature_expired", "signature_revoked", "signature_partial",
	"signer_mismatch", "wrong_addressee", "columns_missing", "no_rows",
	"individual_form", "coordinator_missing", "soft_file_missing",
	"legacy_encoding", "phone_invalid",
	"phone_old_format", "phone_carrier_mismatch", "iccid_invalid",
	"iccid_checksum", "iccid_not_vietnam", "iccid_precision_lost",
	"name_missing", "position_missing", "duplicate_row",
	"already_requested", "position_not_eligible", "email_public_domain",
	"serial_missing", "example_row",
};

START_TEST(codes_every_contract_code_round_trips)
{
	const char *name = contract_codes[_i];
	int c = code_from_name(name);

	ck_assert_int_ge(c, 0);
	ck_assert_str_eq(code_name(c), name);
}
END_TEST

START_TEST(codes_table_has_no_extra_codes)
{
	ck_assert_int_eq(CODE__COUNT,
	    sizeof(contract_codes) / sizeof(contract_codes[0]));
}
END_TEST

START_TEST(codes_only_contract_warnings_are_warnings)
{
	for (int c = 0; c < CODE__COUNT; c++) {
		bool w = strcmp(code_name(c), "phone_old_format") == 0 ||
		    strcmp(code_name(c), "phone_carrier_mismatch") == 0 ||
		    strcmp(code_name(c), "position_not_eligible") == 0 ||
		    strcmp(code_name(c), "legacy_encoding") == 0;
		ck_assert_msg(code_is_warning(c) == w, "%s", code_name(c));
	}
}
END_TEST

START_TEST(codes_kinds_and_actions)
{
	const char *kinds[] = { "sim_activation", "etoken_recovery",
	    "sim_recovery", "cert_request", "handover", "report", "unknown",
	    "auto_reply", "bounce", "cover_letter" };
	const char *actions[] = { "queue", "reject", "redirect", "manual",
	    "ignore" };

	ck_assert_int_eq(KIND__COUNT, 10);
	ck_assert_int_eq(ACTION__COUNT, 5);
	for (size_t i = 0; i < 10; i++)
		ck_assert_str_eq(kind_name(kind_from_name(kinds[i])), kinds[i]);
	for (size_t i = 0; i < 5; i++)
		ck_assert_str_eq(action_name(action_from_name(actions[i])),
		    actions[i]);
	ck_assert_int_eq(kind_from_name("sim"), -1);
	ck_assert_str_eq(sig_status_name(SIG_UNSIGNED), "unsigned");
	ck_assert_str_eq(format_name(FORMAT_BODY), "body");
}
END_TEST

Suite *
codes_suite(void)
{
	Suite *s = suite_create("codes");
	TCase *tc = tcase_create("contract");

	tcase_add_loop_test(tc, codes_every_contract_code_round_trips, 0,
	    sizeof(contract_codes) / sizeof(contract_codes[0]));
	tcase_add_test(tc, codes_table_has_no_extra_codes);
	tcase_add_test(tc, codes_only_contract_warnings_are_warnings);
	tcase_add_test(tc, codes_kinds_and_actions);
	suite_add_tcase(s, tc);
	return (s);
}
