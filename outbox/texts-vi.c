/* texts-vi.c: the Vietnamese wording of replies, in the administrative
 * register of letter 1871-CV/VPTU. It must never hold an address, a phone
 * number or a name that belongs in the config. */
#include <stddef.h>

#include "outbox/texts-vi.h"

struct code_text {
	const char	*sentence;
	const char	*fix;
};

static const struct code_text code_texts[CODE__COUNT] = {
	[CODE_NO_DOCUMENTS] = { "Thư không kèm văn bản đề nghị (tệp Word "
	    "hoặc Excel)", "Đính kèm văn bản đề nghị dạng tệp .docx, .xlsx "
	    "hoặc .xls đã ký số" },
	[CODE_SENDER_PUBLIC_DOMAIN] = { "Thư được gửi từ hộp thư điện tử "
	    "công cộng (gmail, yahoo, hotmail…), không phải hộp thư công vụ",
	    "Gửi lại từ hộp thư điện tử công vụ của cơ quan, tổ chức" },
	[CODE_SENDER_NOT_REGISTERED] = { "Địa chỉ thư điện tử gửi đến chưa "
	    "có trong danh sách đơn vị đã đăng ký", "Gửi từ hộp thư công vụ "
	    "đã đăng ký của đơn vị, hoặc liên hệ Văn phòng Tỉnh ủy để đăng "
	    "ký địa chỉ" },
	[CODE_MIXED_DOCUMENTS] = { "Thư kèm nhiều loại văn bản đề nghị khác "
	    "nhau", "Gửi mỗi loại đề nghị trong một thư riêng" },
	[CODE_ATTACHMENT_TOO_LARGE] = { "Tệp đính kèm vượt quá dung lượng "
	    "cho phép", "Giảm dung lượng tệp (bỏ hình ảnh không cần thiết) "
	    "hoặc tách thành nhiều thư" },
	[CODE_DOCUMENT_UNREADABLE] = { "Không đọc được tệp (tệp hỏng, có mật "
	    "khẩu hoặc vượt giới hạn an toàn)", "Lưu lại tệp bằng Word hoặc "
	    "Excel, không đặt mật khẩu, ký số rồi gửi lại" },
	[CODE_SIGNATURE_MISSING] = { "Văn bản chưa được ký số",
	    "Ký số văn bản bằng chứng thư số của cơ quan, tổ chức trước khi "
	    "gửi" },
	[CODE_SIGNATURE_INVALID] = { "Chữ ký số không hợp lệ (văn bản bị "
	    "thay đổi sau khi ký hoặc chữ ký bị lỗi)", "Ký số lại sau khi "
	    "hoàn tất chỉnh sửa; không sửa tệp sau khi đã ký" },
	[CODE_SIGNATURE_UNTRUSTED] = { "Chữ ký số không thuộc hệ thống chứng "
	    "thực chữ ký số chuyên dùng Chính phủ", "Ký bằng chứng thư số do "
	    "Ban Cơ yếu Chính phủ cấp cho cơ quan, tổ chức" },
	[CODE_SIGNATURE_EXPIRED] = { "Chứng thư số dùng để ký đã hết hạn tại "
	    "thời điểm ký", "Ký lại bằng chứng thư số còn hiệu lực" },
	[CODE_SIGNATURE_REVOKED] = { "Chứng thư số dùng để ký đã bị thu hồi",
	    "Ký lại bằng chứng thư số còn hiệu lực" },
	[CODE_SIGNATURE_PARTIAL] = { "Chữ ký số không bao trùm toàn bộ nội "
	    "dung văn bản", "Ký số lại toàn bộ văn bản sau khi hoàn tất "
	    "chỉnh sửa" },
	[CODE_SIGNER_MISMATCH] = { "Người ký không thuộc đơn vị gửi văn bản",
	    "Văn bản phải do chính cơ quan, tổ chức quản lý trực tiếp gửi đề "
	    "nghị ký số" },
	[CODE_WRONG_ADDRESSEE] = { "Phần “Kính gửi” của văn bản không đúng "
	    "nơi nhận", "Ghi đúng nơi nhận theo mẫu: danh sách kích hoạt SIM "
	    "ký số kính gửi Cục Chứng thực số và Bảo mật thông tin; đề nghị "
	    "khôi phục eToken (Mẫu 12) kính gửi Văn phòng Tỉnh ủy" },
	[CODE_COLUMNS_MISSING] = { "Bảng danh sách thiếu cột bắt buộc",
	    "Dùng đúng các cột của biểu mẫu (danh sách kích hoạt SIM ký số "
	    "theo Phụ lục 3: TT, Số điện thoại, Số ICCID, Họ và tên người "
	    "dùng, Chức vụ)" },
	[CODE_NO_ROWS] = { "Danh sách không có dòng thuê bao nào",
	    "Điền thông tin thuê bao vào bảng danh sách" },
	[CODE_INDIVIDUAL_FORM] = { "Văn bản đề nghị của cá nhân (Mẫu 11) "
	    "được gửi trực tiếp, không qua cơ quan, tổ chức quản lý trực "
	    "tiếp", "Cơ quan, tổ chức quản lý trực tiếp tổng hợp đề nghị "
	    "theo Mẫu 12 và gửi" },
	[CODE_COORDINATOR_MISSING] = { "Văn bản thiếu thông tin người phối "
	    "hợp hỗ trợ khôi phục", "Ghi rõ họ tên, số điện thoại của người "
	    "phối hợp hỗ trợ khôi phục thiết bị lưu khóa bí mật" },
	[CODE_PHONE_INVALID] = { "Số điện thoại không hợp lệ",
	    "Ghi số điện thoại di động 10 số của SIM (ví dụ 0982345678)" },
	[CODE_PHONE_OLD_FORMAT] = { "Số điện thoại 11 số cũ, đã chuyển sang "
	    "đầu số mới", NULL },
	[CODE_PHONE_CARRIER_MISMATCH] = { "Đầu số điện thoại và số ICCID "
	    "thuộc hai nhà mạng khác nhau (có thể do chuyển mạng giữ số)",
	    NULL },
	[CODE_ICCID_INVALID] = { "Số ICCID không hợp lệ (phải có 19 hoặc 20 "
	    "chữ số)", "Ghi đủ dãy số ICCID in trên thẻ SIM" },
	[CODE_ICCID_CHECKSUM] = { "Số ICCID sai chữ số kiểm tra (Luhn)",
	    "Đối chiếu lại từng chữ số ICCID với dãy số in trên thẻ SIM" },
	[CODE_ICCID_NOT_VIETNAM] = { "Số ICCID không phải của nhà mạng Việt "
	    "Nam (không bắt đầu bằng 8984)", "Đối chiếu lại dãy số ICCID "
	    "với dãy số in trên thẻ SIM" },
	[CODE_ICCID_PRECISION_LOST] = { "Số ICCID bị Excel làm tròn, mất "
	    "chữ số (ô được lưu dạng số)", "Định dạng cột ICCID trong Excel "
	    "là Text (văn bản) rồi nhập lại đủ các chữ số" },
	[CODE_NAME_MISSING] = { "Thiếu họ và tên người dùng",
	    "Ghi đầy đủ họ và tên chủ thuê bao" },
	[CODE_POSITION_MISSING] = { "Thiếu chức vụ",
	    "Ghi chức vụ hiện tại của người dùng" },
	[CODE_DUPLICATE_ROW] = { "Số điện thoại hoặc số ICCID trùng với "
	    "dòng khác trong danh sách", "Bỏ các dòng trùng lặp" },
	[CODE_ALREADY_REQUESTED] = { "Số điện thoại hoặc số ICCID đã có "
	    "trong một đề nghị khác đang được xử lý", "Không gửi lại thuê "
	    "bao đã đề nghị; chờ kết quả của đề nghị trước" },
	[CODE_POSITION_NOT_ELIGIBLE] = { "Chức vụ có thể không thuộc đối "
	    "tượng lãnh đạo được cấp SIM PKI", NULL },
	[CODE_EMAIL_PUBLIC_DOMAIN] = { "Địa chỉ thư điện tử của thuê bao là "
	    "hộp thư công cộng (gmail, yahoo, hotmail…)", "Dùng địa chỉ thư "
	    "điện tử công vụ do cơ quan nhà nước cấp" },
	[CODE_SERIAL_MISSING] = { "Thiếu số hiệu thiết bị lưu khóa bí mật",
	    "Ghi số hiệu thiết bị (số serial eToken; với SIM PKI là số "
	    "ICCID)" },
};

static const char *const kind_texts[KIND__COUNT] = {
	[KIND_UNKNOWN] = "văn bản",
	[KIND_SIM_ACTIVATION] = "danh sách đề nghị kích hoạt SIM ký số "
	    "(Phụ lục 3)",
	[KIND_ETOKEN_RECOVERY] = "văn bản đề nghị khôi phục thiết bị lưu "
	    "khóa bí mật (eToken) theo Mẫu 12",
	[KIND_SIM_RECOVERY] = "văn bản đề nghị khôi phục SIM PKI theo Mẫu 12",
	[KIND_CERT_REQUEST] = "văn bản đề nghị cấp mới, gia hạn, thay đổi "
	    "thông tin hoặc thu hồi chứng thư số (Mẫu 01–10)",
	[KIND_HANDOVER] = "văn bản về giao nhận, thu hồi hoặc thất lạc thiết "
	    "bị lưu khóa bí mật (Mẫu 13–15)",
	[KIND_REPORT] = "báo cáo tình hình quản lý, sử dụng chứng thư số",
	[KIND_AUTO_REPLY] = "thư trả lời tự động",
	[KIND_BOUNCE] = "thông báo lỗi chuyển phát thư",
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
texts_vi_kind(enum kind k)
{
	if ((unsigned)k >= KIND__COUNT || kind_texts[k] == NULL)
		return (kind_texts[KIND_UNKNOWN]);
	return (kind_texts[k]);
}

#define RECEIVED \
	"Văn phòng Tỉnh ủy đã nhận thư “{{subject}}”{{#received}} gửi ngày " \
	"{{received}}{{/received}} của đơn vị, kèm {{kind_text}}."

#define SIGNATURE \
	"", \
	"Trân trọng,", \
	"{{office_name}}", \
	"{{#office_phone}}", \
	"Điện thoại: {{office_phone}}", \
	"{{/office_phone}}", \
	"Thư điện tử: {{mailbox}}", \
	"", \
	"(Thư này được gửi tự động từ hộp thư {{mailbox}}.)"

#define LIST(flag, list, heading) \
	"{{#" flag "}}", \
	"", \
	heading, \
	"{{#" list "}}", \
	"- {{.}}", \
	"{{/" list "}}", \
	"{{/" flag "}}"

const char *const texts_vi_ack[] = {
	"Kính gửi: {{unit}},",
	"",
	RECEIVED,
	"{{#case}}",
	"Số hồ sơ: {{case}}. Đề nghị đơn vị ghi số hồ sơ này khi liên hệ "
	    "về đề nghị.",
	"{{/case}}",
	"{{#nrows}}",
	"Văn phòng Tỉnh ủy tiếp nhận danh sách gồm {{nrows}} dòng.",
	"{{/nrows}}",
	"{{#sim}}",
	LIST("has_rows", "rows", "Các thuê bao trong danh sách (số điện thoại "
	    "theo định dạng 84…):"),
	"{{/sim}}",
	LIST("has_warnings", "warnings", "Đề nghị đơn vị kiểm tra lại các "
	    "điểm sau (không ảnh hưởng đến việc tiếp nhận):"),
	"",
	"Bước tiếp theo:",
	"{{#sim}}",
	"- Văn phòng Tỉnh ủy chuyển danh sách đến {{cuc_name}} để kích hoạt "
	    "SIM ký số.",
	"- Sau khi Cục cập nhật số thuê bao trên hệ thống, người dùng kiểm "
	    "tra SIM PKI như sau: truy cập https://cms.ca.gov.vn, nhập số "
	    "điện thoại theo định dạng 84… (bỏ số 0 ở đầu, thêm 84; ví dụ "
	    "84912345678), nhấn “Xác thực”, chọn “Chấp nhận” trên điện thoại "
	    "có gắn SIM PKI rồi nhập mã PIN mặc định. Trang web hiện “Xác "
	    "thực người dùng thành công” là hoàn tất.",
	"- Mã PIN mặc định: liên hệ Phòng Cơ yếu - Công nghệ thông tin, Văn "
	    "phòng Tỉnh ủy{{#office_phone}} (điện thoại {{office_phone}})"
	    "{{/office_phone}}.",
	"{{/sim}}",
	"{{#etoken}}",
	"- Văn phòng Tỉnh ủy sẽ liên hệ qua điện thoại với người phối hợp hỗ "
	    "trợ khôi phục{{#coordinator}} ({{coordinator}}){{/coordinator}} "
	    "để hướng dẫn mở khóa thiết bị từ xa qua phần mềm UltraViewer. Đề "
	    "nghị người phối hợp chuẩn bị máy tính có kết nối Internet, cài "
	    "sẵn UltraViewer và cắm thiết bị lưu khóa bí mật cần khôi phục.",
	"{{/etoken}}",
	"{{#report}}",
	"- Văn phòng Tỉnh ủy lưu báo cáo để tổng hợp, báo cáo theo quy định.",
	"{{/report}}",
	"{{^sim}}{{^etoken}}{{^report}}",
	"- Văn phòng Tỉnh ủy xem xét và phản hồi đơn vị.",
	"{{/report}}{{/etoken}}{{/sim}}",
	SIGNATURE,
	NULL
};

const char *const texts_vi_reject[] = {
	"Kính gửi: {{unit}},",
	"",
	RECEIVED,
	"Văn phòng Tỉnh ủy chưa tiếp nhận đề nghị này vì còn các lỗi sau:",
	"{{#errors}}",
	"- {{.}}",
	"{{/errors}}",
	LIST("has_warnings", "warnings", "Ngoài ra, đề nghị đơn vị kiểm tra "
	    "lại các điểm sau:"),
	LIST("has_fixes", "fixes", "Cách khắc phục:"),
	"",
	"Đề nghị đơn vị sửa toàn bộ các nội dung trên, ký số lại văn bản và "
	    "gửi lại về hộp thư {{mailbox}}. Văn phòng Tỉnh ủy chỉ tiếp nhận "
	    "khi văn bản không còn lỗi.",
	SIGNATURE,
	NULL
};

const char *const texts_vi_redirect[] = {
	"Kính gửi: {{unit}},",
	"",
	RECEIVED,
	"Theo Công văn số 1871-CV/VPTU ngày 16/4/2024 của Văn phòng Tỉnh ủy, "
	    "kể từ ngày 02/5/2024 loại đề nghị này do cơ quan, tổ chức quản "
	    "lý trực tiếp gửi trực tiếp về {{cuc_name}}, không gửi về Văn "
	    "phòng Tỉnh ủy. Văn phòng Tỉnh ủy không chuyển tiếp văn bản này.",
	"",
	"Đề nghị đơn vị gửi văn bản đến:",
	"{{cuc_name}}",
	"{{#cuc_postal}}",
	"- Địa chỉ: {{cuc_postal}}",
	"{{/cuc_postal}}",
	"{{#cuc_phone}}",
	"- Điện thoại/Fax: {{cuc_phone}}",
	"{{/cuc_phone}}",
	"{{#cuc_address}}",
	"- Thư điện tử: {{cuc_address}}",
	"{{/cuc_address}}",
	"{{#cuc_web}}",
	"- Trang thông tin điện tử: {{cuc_web}}",
	"{{/cuc_web}}",
	LIST("has_errors", "errors", "Trước khi gửi, đề nghị đơn vị sửa các "
	    "lỗi sau:"),
	LIST("has_warnings", "warnings", "Đề nghị đơn vị kiểm tra lại các "
	    "điểm sau:"),
	LIST("has_fixes", "fixes", "Cách khắc phục:"),
	SIGNATURE,
	NULL
};

const char *const texts_vi_forward[] = {
	"Kính gửi: {{cuc_name}},",
	"",
	"{{office_name}} chuyển đến Cục {{kind_text}} của {{unit}}"
	    "{{#received}} (gửi Văn phòng Tỉnh ủy ngày {{received}})"
	    "{{/received}}{{#nrows}}, gồm {{nrows}} thuê bao{{/nrows}}.",
	"{{#case}}",
	"Số hồ sơ tại Văn phòng Tỉnh ủy: {{case}}.",
	"{{/case}}",
	"",
	"Văn bản của đơn vị được đính kèm nguyên bản (có ký số):",
	"{{#files}}",
	"- {{.}}",
	"{{/files}}",
	LIST("has_rows", "rows", "Các thuê bao đề nghị kích hoạt (số điện "
	    "thoại theo định dạng 84…):"),
	LIST("has_warnings", "warnings", "Lưu ý:"),
	"",
	"Kính đề nghị Cục xem xét, kích hoạt SIM ký số cho các thuê bao "
	    "trên.{{#from_addr}} Địa chỉ thư điện tử của đơn vị: {{from_addr}}."
	    "{{/from_addr}}",
	SIGNATURE,
	NULL
};

const char *const texts_vi_forward_subject[] = {
	"{{#case}}[{{case}}] {{/case}}Danh sách đề nghị kích hoạt SIM ký số: "
	    "{{unit}}",
	NULL
};

const char texts_vi_no_subject[] = "(không có tiêu đề)";
