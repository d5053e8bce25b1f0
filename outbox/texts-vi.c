/* texts-vi.c: the sentence for each CONTRACT code and the noun for each
 * kind, in the register of letter 1871-CV/VPTU. The letters themselves
 * are files (outbox/templates/). It must never hold an address, a phone
 * number or a name that belongs in the config. */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "outbox/texts-vi.h"

struct code_text {
	const char	*sentence;
	const char	*fix;
	/* The finding about one row or one value, the value written at
	 * "{v}", as a clause that carries its own remedy. */
	const char	*valued;
	/* The same when valued's second value ("{w}") is not known. */
	const char	*valued_v;
};

static const struct code_text code_texts[CODE__COUNT] = {
	[CODE_NO_DOCUMENTS] = { "Thư không kèm văn bản đề nghị (tệp Word "
	    "hoặc Excel)", "Đính kèm văn bản đề nghị dạng tệp .docx, .xlsx "
	    "hoặc .xls đã ký số", NULL },
	[CODE_SENDER_PUBLIC_DOMAIN] = { "Thư được gửi từ hộp thư điện tử "
	    "cá nhân, không phải hộp thư công vụ của đơn vị",
	    "Gửi lại từ hộp thư điện tử công vụ của cơ quan, tổ chức",
	    "Thư được gửi từ địa chỉ {v} là hộp thư điện tử cá nhân, không "
	    "phải hộp thư công vụ của đơn vị; Văn phòng Tỉnh ủy chỉ tiếp "
	    "nhận văn bản gửi từ hộp thư công vụ của cơ quan, tổ chức quản lý "
	    "trực tiếp" },
	[CODE_SENDER_NOT_REGISTERED] = { "Địa chỉ thư điện tử gửi đến chưa "
	    "có trong danh sách đơn vị đã đăng ký", "Gửi từ hộp thư công vụ "
	    "đã đăng ký của đơn vị, hoặc liên hệ Văn phòng Tỉnh ủy để đăng "
	    "ký địa chỉ", NULL },
	[CODE_MIXED_DOCUMENTS] = { "Thư kèm nhiều loại văn bản đề nghị khác "
	    "nhau", "Gửi mỗi loại văn bản đề nghị trong một thư riêng", NULL },
	[CODE_ATTACHMENT_TOO_LARGE] = { "Tệp đính kèm vượt quá dung lượng "
	    "cho phép", "Giảm dung lượng tệp (bỏ hình ảnh không cần thiết) "
	    "hoặc tách thành nhiều thư", NULL },
	[CODE_MESSAGE_UNREADABLE] = { "Thư không đọc được (không phải thư "
	    "điện tử đúng định dạng)", "Gửi lại thư từ chương trình thư điện "
	    "tử thông thường", NULL },
	[CODE_PROCESSING_FAILED] = { "Hệ thống không xử lý được thư này; "
	    "thư đã được chuyển cho cán bộ xem xét", "Đơn vị chờ cán bộ Văn "
	    "phòng Tỉnh ủy liên hệ", NULL },
	[CODE_DOCUMENT_UNREADABLE] = { "Không đọc được tệp (tệp hỏng, có mật "
	    "khẩu hoặc vượt giới hạn an toàn)", "Lưu lại tệp bằng Word hoặc "
	    "Excel, không đặt mật khẩu, ký số rồi gửi lại", NULL },
	[CODE_SIGNATURE_MISSING] = { "Văn bản chưa được ký số",
	    "Ký số văn bản bằng chứng thư số của cơ quan, tổ chức trước khi "
	    "gửi", "Danh sách đứng tên {v} nhưng chưa được ký số; công văn "
	    "ký số gửi kèm không do {v} hoặc cơ quan cấp trên ban hành nên "
	    "không thay được chữ ký số trên danh sách (danh sách phải do "
	    "chính đơn vị đứng tên ký số, hoặc do đơn vị đó gửi kèm công văn "
	    "ký số của mình)" },
	/* The signature codes as a report counts them; a letter says what
	 * the document's signature is (texts_vi_signature_remark). */
	[CODE_SIGNATURE_INVALID] = { "Chữ ký số không hợp lệ (văn bản bị "
	    "thay đổi sau khi ký hoặc chữ ký bị lỗi)", "Ký số lại sau khi "
	    "hoàn tất chỉnh sửa; không sửa tệp sau khi đã ký", NULL },
	[CODE_SIGNATURE_UNTRUSTED] = { "Chữ ký số không xác thực được là ký "
	    "bằng chứng thư số của dịch vụ chứng thực chữ ký số chuyên dùng "
	    "Chính phủ", "Ký số văn bản bằng chứng thư số chuyên dùng Chính "
	    "phủ của đơn vị", NULL },
	[CODE_SIGNATURE_EXPIRED] = { "Chứng thư số dùng để ký đã hết hạn tại "
	    "thời điểm ký", "Ký lại bằng chứng thư số còn hiệu lực", NULL },
	[CODE_SIGNATURE_REVOKED] = { "Chứng thư số dùng để ký đã bị thu hồi",
	    "Ký lại bằng chứng thư số còn hiệu lực", NULL },
	[CODE_SIGNATURE_PARTIAL] = { "Chữ ký số không bao trùm toàn bộ nội "
	    "dung văn bản", "Ký số lại toàn bộ văn bản sau khi hoàn tất "
	    "chỉnh sửa", NULL },
	[CODE_SIGNER_MISMATCH] = { "Người ký không thuộc đơn vị gửi văn bản",
	    "Ký số văn bản bằng chứng thư số của chính cơ quan, tổ chức quản "
	    "lý trực tiếp gửi đề nghị", NULL },
	[CODE_WRONG_ADDRESSEE] = { "Phần “Kính gửi” của văn bản ghi chưa "
	    "đúng nơi nhận theo mẫu", "Ghi đúng nơi nhận theo mẫu: danh sách "
	    "kích hoạt SIM ký số kính gửi Cục Chứng thực số và Bảo mật thông "
	    "tin; đề nghị khôi phục eToken (Mẫu 12) kính gửi Văn phòng Tỉnh "
	    "ủy", "Phần “Kính gửi” của văn bản đang ghi “{v}”, chưa đúng nơi "
	    "nhận theo mẫu" },
	[CODE_COLUMNS_MISSING] = { "Bảng danh sách thiếu cột bắt buộc",
	    "Bổ sung cột còn thiếu và ghi đủ thông tin của từng thuê bao "
	    "(bảng theo mẫu tại Phụ lục 3 gồm các cột: TT, Số điện thoại, Số "
	    "ICCID, Họ và tên người dùng, Chức vụ)",
	    "bảng danh sách thiếu cột “{v}”" },
	[CODE_NO_ROWS] = { "Danh sách không có dòng thuê bao nào",
	    "Điền thông tin thuê bao vào bảng danh sách", NULL },
	[CODE_INDIVIDUAL_FORM] = { "Văn bản đề nghị của cá nhân (Mẫu 11) "
	    "được gửi trực tiếp, không qua cơ quan, tổ chức quản lý trực "
	    "tiếp", "Cơ quan, tổ chức quản lý trực tiếp tổng hợp đề nghị "
	    "theo Mẫu 12 và gửi", NULL },
	[CODE_COORDINATOR_MISSING] = { "Văn bản chưa có mục “Người phối "
	    "hợp hỗ trợ khôi phục thiết bị lưu khóa bí mật” theo Mẫu 12",
	    "Bổ sung họ và tên, số điện thoại của người phối hợp", NULL },
	[CODE_SOFT_FILE_MISSING] = { "Danh sách chỉ được gửi dạng PDF hoặc "
	    "bản quét, không có tệp Word/Excel", "Gửi kèm tệp Word hoặc Excel "
	    "của danh sách", NULL },
	/* A letter names the file ({v}) and the font ({w},
	 * texts_vi_legacy_font) when the finding says which. */
	[CODE_LEGACY_ENCODING] = { "Tệp được gõ bằng bảng mã cũ, không "
	    "theo chuẩn Unicode; Văn phòng Tỉnh ủy đã chuyển nội dung sang "
	    "bảng mã Unicode để xử lý. Đề nghị đơn vị sử dụng phông chữ "
	    "Unicode (Times New Roman) trong các văn bản gửi lần sau", NULL,
	    "Tệp {v} được gõ bằng {w}; Văn phòng Tỉnh ủy đã chuyển nội dung "
	    "sang bảng mã Unicode để xử lý. Đề nghị đơn vị sử dụng phông "
	    "chữ Unicode (Times New Roman) trong các văn bản gửi lần sau" },
	[CODE_PHONE_INVALID] = { "Số điện thoại không hợp lệ",
	    "Ghi số điện thoại di động 10 chữ số của SIM (ví dụ 0982 345 678)",
	    "số điện thoại {v} có {w} chữ số (số điện thoại di động có 10 "
	    "chữ số); đề nghị ghi đúng số điện thoại của SIM ký số",
	    "số điện thoại {v} không đúng (không phải số điện thoại di động "
	    "10 chữ số, ví dụ 0982 345 678); đề nghị ghi đúng số điện thoại "
	    "của SIM ký số" },
	/* an accepted list: the Văn phòng wrote the new number for the
	 * Cục (review 3, A9) */
	[CODE_PHONE_OLD_FORMAT] = { "Số điện thoại ghi theo đầu số cũ 11 chữ "
	    "số", NULL, "số điện thoại ghi theo đầu số cũ 11 chữ số ({v}); Văn "
	    "phòng Tỉnh ủy đã ghi số mới tương ứng {w} trong danh sách đề nghị "
	    "gửi Cục; đề nghị đơn vị sử dụng số mới trong các văn bản gửi "
	    "lần sau" },
	[CODE_PHONE_CARRIER_MISMATCH] = { "Đầu số điện thoại và số ICCID "
	    "thuộc hai nhà mạng khác nhau (có thể do chuyển mạng giữ số)",
	    NULL, "số điện thoại {v} và số ICCID {w} thuộc hai nhà mạng "
	    "khác nhau; nếu thuê bao đã chuyển mạng giữ số thì không cần "
	    "điều chỉnh", "số điện thoại {v} và số ICCID thuộc hai nhà mạng "
	    "khác nhau; nếu thuê bao đã chuyển mạng giữ số thì không cần "
	    "điều chỉnh" },
	[CODE_ICCID_INVALID] = { "Số ICCID không hợp lệ (phải có 19 hoặc 20 "
	    "chữ số)", "Ghi đủ dãy số ICCID in trên thẻ SIM", "số ICCID {v} "
	    "có {w} chữ số (số ICCID đầy đủ có 19 hoặc 20 chữ số); đề nghị "
	    "ghi đủ dãy số in trên thẻ SIM", "số ICCID {v} không đúng (số "
	    "ICCID đầy đủ có 19 hoặc 20 chữ số); đề nghị ghi đủ dãy số in trên "
	    "thẻ SIM" },
	[CODE_ICCID_CHECKSUM] = { "Số ICCID không đúng (chữ số kiểm tra ở "
	    "cuối không khớp)", "Đối chiếu lại từng chữ số ICCID với dãy số "
	    "in trên thẻ SIM", "số ICCID {v} không đúng (chữ số kiểm tra ở "
	    "cuối không khớp), có thể do nhập nhầm một chữ số; đề nghị đối "
	    "chiếu lại từng chữ số với dãy số in trên thẻ SIM" },
	[CODE_ICCID_NOT_VIETNAM] = { "Số ICCID không bắt đầu bằng 8984 như "
	    "số ICCID của SIM nhà mạng Việt Nam", "Đối chiếu lại dãy số ICCID "
	    "với dãy số in trên thẻ SIM", "số ICCID {v} không đúng vì số ICCID "
	    "của SIM nhà mạng Việt Nam bắt đầu bằng 8984; đề nghị đối chiếu "
	    "lại với dãy số in trên thẻ SIM" },
	[CODE_ICCID_PRECISION_LOST] = { "Số ICCID bị mất các chữ số cuối do "
	    "ô trong Excel được định dạng kiểu số", "Định dạng cột ICCID "
	    "trong Excel là văn bản (Text) rồi nhập lại đủ các chữ số",
	    "số ICCID hiển thị dạng {v} do ô trong Excel được định dạng kiểu "
	    "số nên đã mất các chữ số cuối; đề nghị định dạng cột “Số ICCID” "
	    "kiểu văn bản (Text) rồi nhập lại đủ dãy số in trên thẻ SIM" },
	[CODE_NAME_MISSING] = { "Chưa ghi họ và tên người dùng",
	    "Ghi đầy đủ họ và tên chủ thuê bao", "chưa ghi họ và tên người "
	    "dùng (chủ thuê bao); đề nghị bổ sung họ và tên" },
	[CODE_POSITION_MISSING] = { "Chưa ghi chức vụ",
	    "Ghi chức vụ hiện tại của người dùng", "chưa ghi chức vụ; đề "
	    "nghị bổ sung chức vụ hiện tại" },
	[CODE_DUPLICATE_ROW] = { "Số điện thoại hoặc số ICCID trùng với "
	    "dòng khác trong danh sách", "Bỏ các dòng trùng lặp", NULL },
	/* always in a list returned: the row goes from the list sent
	 * again (e2e finding 15); texts_vi_requested says how it is held */
	[CODE_ALREADY_REQUESTED] = { "Số điện thoại hoặc số ICCID đã có "
	    "trong một đề nghị khác đang được xử lý", "Không gửi lại thuê "
	    "bao đã đề nghị; chờ kết quả của đề nghị trước", "thuê bao này đã "
	    "có trong hồ sơ {v} đang được xử lý; đề nghị xóa dòng này khi gửi "
	    "lại danh sách và chờ kết quả của hồ sơ trước" },
	[CODE_POSITION_NOT_ELIGIBLE] = { "Chức vụ không thuộc các đối tượng "
	    "được cấp SIM PKI", NULL, "chức vụ ghi là “{v}”, chưa thấy trong các "
	    "chức danh được cấp SIM PKI nêu tại mục 6 Phụ lục 2 Công văn số "
	    "1871-CV/VPTU; đề nghị đơn vị kiểm tra, xác nhận lại chức vụ hiện "
	    "tại của đồng chí" },
	[CODE_EMAIL_PUBLIC_DOMAIN] = { "Địa chỉ thư điện tử của thuê bao không "
	    "phải hộp thư công vụ", "Dùng địa chỉ thư điện tử công vụ do cơ "
	    "quan nhà nước cấp", "địa chỉ thư điện tử {v} không phải hộp thư "
	    "công vụ; theo mục 2 Phụ lục 2 Công văn số 1871-CV/VPTU, địa chỉ "
	    "thư điện tử của thuê bao phải do cơ quan nhà nước cấp; đề nghị "
	    "thay bằng hộp thư công vụ của đồng chí" },
	[CODE_SERIAL_MISSING] = { "Chưa ghi số hiệu thiết bị lưu khóa bí "
	    "mật", "Ghi số hiệu eToken (dãy số in trên thiết bị)", "chưa ghi "
	    "số hiệu eToken; đề nghị bổ sung số hiệu eToken (dãy số in trên "
	    "thiết bị)" },
	[CODE_EXAMPLE_ROW] = { "Dòng ví dụ của biểu mẫu, không phải thuê "
	    "bao đề nghị", "Xóa các dòng ví dụ của biểu mẫu (Nguyễn Văn A, "
	    "Trần Văn B) khỏi danh sách", NULL },
};

static const char *const kind_texts[KIND__COUNT] = {
	[KIND_UNKNOWN] = "văn bản",
	[KIND_SIM_ACTIVATION] = "danh sách đề nghị kích hoạt SIM ký số "
	    "(Phụ lục 3)",
	[KIND_ETOKEN_RECOVERY] = "văn bản đề nghị khôi phục thiết bị lưu "
	    "khóa bí mật (eToken) theo Mẫu 12",
	[KIND_SIM_RECOVERY] = "văn bản đề nghị khôi phục SIM PKI theo Mẫu 12",
	[KIND_CERT_REQUEST] = "văn bản đề nghị cấp mới, gia hạn, thay đổi "
	    "thông tin hoặc thu hồi chứng thư số (Mẫu 01 đến Mẫu 10)",
	[KIND_HANDOVER] = "văn bản về giao nhận, thu hồi hoặc thất lạc thiết "
	    "bị lưu khóa bí mật (Mẫu 13 đến Mẫu 15)",
	[KIND_REPORT] = "báo cáo tình hình triển khai, quản lý và sử dụng "
	    "chứng thư số",
	[KIND_AUTO_REPLY] = "thư trả lời tự động",
	[KIND_BOUNCE] = "thông báo lỗi chuyển phát thư",
	[KIND_COVER_LETTER] = "công văn kèm theo",
};

const char *
texts_vi_code(enum code c)
{
	if ((unsigned)c >= CODE__COUNT || code_texts[c].sentence == NULL)
		return ("Lỗi không xác định");
	return (code_texts[c].sentence);
}

const char *
texts_vi_code_fix(enum code c)
{
	if ((unsigned)c >= CODE__COUNT)
		return (NULL);
	return (code_texts[c].fix);
}

const char *
texts_vi_code_valued(enum code c)
{
	if ((unsigned)c >= CODE__COUNT)
		return (NULL);
	return (code_texts[c].valued);
}

const char *
texts_vi_code_valued_v(enum code c)
{
	if ((unsigned)c >= CODE__COUNT)
		return (NULL);
	return (code_texts[c].valued_v);
}

const char *
texts_vi_requested(int how)
{
	if (how == 2)
		return ("thuê bao này đã được kích hoạt SIM ký số theo hồ "
		    "sơ {v}; đề nghị xóa dòng này khi gửi lại danh sách");
	if (how == 3)
		return ("thuê bao này đã được Văn phòng Tỉnh ủy đề nghị Cục "
		    "kích hoạt SIM ký số theo hồ sơ {v}; đề nghị xóa dòng này "
		    "khi gửi lại danh sách");
	return (texts_vi_code_valued(CODE_ALREADY_REQUESTED));
}

const char *
texts_vi_requested_rows(int how)
{
	if (how == 2)
		return ("các thuê bao này đã được kích hoạt SIM ký số theo hồ "
		    "sơ {v}; đề nghị xóa các dòng này khi gửi lại danh sách");
	if (how == 3)
		return ("các thuê bao này đã được Văn phòng Tỉnh ủy đề nghị "
		    "Cục kích hoạt SIM ký số theo hồ sơ {v}; đề nghị xóa các "
		    "dòng này khi gửi lại danh sách");
	return ("các thuê bao này đã có trong hồ sơ {v} đang được xử lý; đề "
	    "nghị xóa các dòng này khi gửi lại danh sách và chờ kết quả của "
	    "hồ sơ trước");
}

/* Only where valued says "this subscriber" or "the comrade": the other
 * clauses are said of a row's values, and read the same of several. */
const char *
texts_vi_code_valued_rows(enum code c)
{
	switch (c) {
	case CODE_POSITION_NOT_ELIGIBLE:
		return ("chức vụ ghi là “{v}”, chưa thấy trong các chức danh "
		    "được cấp SIM PKI nêu tại mục 6 Phụ lục 2 Công văn số "
		    "1871-CV/VPTU; đề nghị đơn vị kiểm tra, xác nhận lại chức "
		    "vụ hiện tại của các đồng chí");
	case CODE_EMAIL_PUBLIC_DOMAIN:
		return ("địa chỉ thư điện tử {v} không phải hộp thư công vụ; "
		    "theo mục 2 Phụ lục 2 Công văn số 1871-CV/VPTU, địa chỉ "
		    "thư điện tử của thuê bao phải do cơ quan nhà nước cấp; đề "
		    "nghị thay bằng hộp thư công vụ của từng đồng chí");
	case CODE_ALREADY_REQUESTED:
		return (texts_vi_requested_rows(1));
	default:
		return (NULL);
	}
}

/* Only a value each row shows the same way for the same reason: the
 * display of a number cell (review 5, C2). */
const char *
texts_vi_code_valued_each(enum code c)
{
	if (c == CODE_ICCID_PRECISION_LOST)
		return ("số ICCID lần lượt hiển thị dạng {v} do ô trong Excel "
		    "được định dạng kiểu số nên đã mất các chữ số cuối; đề "
		    "nghị định dạng cột “Số ICCID” kiểu văn bản (Text) rồi "
		    "nhập lại đủ dãy số in trên thẻ SIM");
	return (NULL);
}

const char *
texts_vi_code_valued_returned(enum code c)
{
	/* the unit sends this very list again: the new number goes in it,
	 * not only in what it writes later */
	if (c == CODE_PHONE_OLD_FORMAT)
		return ("số điện thoại ghi theo đầu số cũ 11 chữ số ({v}); số "
		    "mới tương ứng là {w}; đề nghị ghi số mới khi gửi lại danh "
		    "sách");
	return (texts_vi_code_valued(c));
}

const char *
texts_vi_code_fix_for(enum code c, enum kind k)
{
	/* a Mẫu 12's table is not Phụ lục 3's */
	if (c == CODE_COLUMNS_MISSING && k == KIND_ETOKEN_RECOVERY)
		return ("Bổ sung cột còn thiếu và ghi đủ thông tin của từng "
		    "thuê bao (bảng theo Mẫu 12 gồm các cột: TT, Họ và tên, "
		    "Chức vụ, Cơ quan, đơn vị, Số hiệu thiết bị lưu khóa bí "
		    "mật, Lý do)");
	if (c != CODE_WRONG_ADDRESSEE)
		return (texts_vi_code_fix(c));
	switch (k) {
	case KIND_SIM_ACTIVATION:
		return ("Sửa phần “Kính gửi” thành “Kính gửi: Cục Chứng thực "
		    "số và Bảo mật thông tin, Ban Cơ yếu Chính phủ” (theo mẫu "
		    "tại Phụ lục 3 Công văn số 1871-CV/VPTU, danh sách đề nghị "
		    "kích hoạt SIM ký số kính gửi Cục; Văn phòng Tỉnh ủy tiếp "
		    "nhận và chuyển danh sách này đến Cục)");
	case KIND_ETOKEN_RECOVERY:
		return ("Sửa phần “Kính gửi” thành “Kính gửi: Văn phòng Tỉnh "
		    "ủy Quảng Ngãi” (theo lưu ý tại mục 5.1 Phụ lục 2 Công văn "
		    "số 1871-CV/VPTU, văn bản đề nghị khôi phục eToken theo "
		    "Mẫu 12 kính gửi Văn phòng Tỉnh ủy)");
	default:
		return (texts_vi_code_fix(c));
	}
}

const char *
texts_vi_kind_form(enum kind k, const char *subtype)
{
	static const struct {
		enum kind	 kind;
		const char	*subtype, *text;
	} forms[] = {
		{ KIND_CERT_REQUEST, "issue", "văn bản đề nghị cấp chứng thư "
		    "số" },
		{ KIND_CERT_REQUEST, "issue_sim", "văn bản đề nghị cấp SIM "
		    "PKI" },
		{ KIND_CERT_REQUEST, "renew_change", "văn bản đề nghị gia hạn, "
		    "thay đổi thông tin chứng thư số" },
		{ KIND_CERT_REQUEST, "revoke", "văn bản đề nghị thu hồi chứng "
		    "thư số" },
		{ KIND_HANDOVER, "handover", "văn bản bàn giao thiết bị lưu "
		    "khóa bí mật (Mẫu 13)" },
		{ KIND_HANDOVER, "return", "biên bản giao, nhận thiết bị lưu "
		    "khóa bí mật (Mẫu 14)" },
		{ KIND_HANDOVER, "loss", "biên bản xác nhận thất lạc thiết bị "
		    "lưu khóa bí mật (Mẫu 15)" },
	};

	for (size_t i = 0; subtype != NULL && i < sizeof(forms) /
	    sizeof(forms[0]); i++)
		if (forms[i].kind == k && strcmp(forms[i].subtype, subtype) ==
		    0)
			return (forms[i].text);
	return (texts_vi_kind(k));
}

const char *
texts_vi_signature(enum sig_status s)
{
	/* Only what is true and no defect: the Cục acts on the office's
	 * request, and a remark on a unit's file invites a query. */
	return (s == SIG_VALID ? "văn bản điện tử có chữ ký số hợp lệ" :
	    NULL);
}

/*
 * The one remark a document's signature gets in a letter to the unit:
 * what it is, in the terms of letter 1871 ("dịch vụ chứng thực chữ ký số
 * chuyên dùng Chính phủ"), then what to do: sign again before resending
 * when the letter returns it (returned), or next time when it was
 * accepted. "{d}" is what was signed ("công văn", "văn bản").
 */
const char *
texts_vi_signature_remark(enum sig_status s, bool returned)
{
	switch (s) {
	case SIG_INVALID:
		return ("chữ ký số trên {d} không hợp lệ (văn bản bị thay đổi "
		    "sau khi ký hoặc chữ ký bị lỗi); đề nghị đơn vị ký số lại "
		    "{d} sau khi hoàn tất chỉnh sửa, không sửa tệp sau khi đã "
		    "ký");
	case SIG_REVOKED:
		return (returned ? "chứng thư số dùng để ký {d} đã bị thu hồi; "
		    "đề nghị đơn vị ký số lại {d} bằng chứng thư số còn hiệu "
		    "lực" : "chứng thư số dùng để ký {d} đã bị thu hồi; đề "
		    "nghị đơn vị ký số {d} bằng chứng thư số còn hiệu lực "
		    "trong các lần gửi sau");
	case SIG_PARTIAL:
		return ("chữ ký số trên {d} không bao trùm toàn bộ nội dung "
		    "(có nội dung được thêm vào sau khi ký); đề nghị đơn vị ký "
		    "số lại toàn bộ {d} sau khi hoàn tất chỉnh sửa");
	case SIG_UNTRUSTED:
		return (returned ? "chữ ký số trên {d} không sử dụng chứng thư "
		    "số do Ban Cơ yếu Chính phủ cấp (dịch vụ chứng thực chữ "
		    "ký số chuyên dùng Chính phủ); đề nghị đơn vị ký số lại "
		    "{d} bằng chứng thư số chuyên dùng Chính phủ của đơn vị" :
		    "chữ ký số trên {d} không sử dụng chứng thư số do Ban Cơ "
		    "yếu Chính phủ cấp (dịch vụ chứng thực chữ ký số chuyên "
		    "dùng Chính phủ); đề nghị đơn vị ký số {d} bằng chứng thư "
		    "số chuyên dùng Chính phủ của đơn vị trong các lần gửi "
		    "sau");
	case SIG_EXPIRED:
		return (returned ? "chứng thư số dùng để ký {d} đã hết hạn tại "
		    "thời điểm ký; đề nghị đơn vị ký số lại {d} bằng chứng thư "
		    "số còn hiệu lực" : "chứng thư số dùng để ký {d} đã hết "
		    "hạn tại thời điểm ký; đề nghị đơn vị ký số {d} bằng chứng "
		    "thư số còn hiệu lực trong các lần gửi sau");
	case SIG_UNSUPPORTED:
		return ("Văn phòng Tỉnh ủy chưa kiểm tra được chữ ký số trên "
		    "{d}; đề nghị đơn vị kiểm tra lại chứng thư số dùng để ký");
	default:
		return (NULL);
	}
}

const char *
texts_vi_legacy_font(const char *detail)
{
	bool	 tcvn3 = detail != NULL && strstr(detail, "TCVN3") != NULL;
	bool	 vni = detail != NULL && strstr(detail, "VNI") != NULL;

	if (tcvn3 && !vni)
		return ("bảng mã TCVN3");
	if (vni && !tcvn3)
		return ("bảng mã VNI");
	return ("bảng mã cũ, không theo chuẩn Unicode");
}

const char *
texts_vi_kind(enum kind k)
{
	if ((unsigned)k >= KIND__COUNT || kind_texts[k] == NULL)
		return (kind_texts[KIND_UNKNOWN]);
	return (kind_texts[k]);
}
