#include "osprey/text/encoding.h"

#include <iconv.h>
#include <uchardet/uchardet.h>

#include <cerrno>

#include "osprey/text/ascii.h"
#include "osprey/text/utf8.h"

namespace osprey::text {
namespace {

bool is_utf8_name(std::string_view name) {
  std::string lower = ascii_lowercase(name);
  return lower == "utf-8" || lower == "utf8" || lower == "us-ascii" || lower == "ascii";
}

// Decodes with iconv, replacing each undecodable byte by U+FFFD and going on.
Result<std::string> convert(std::string_view bytes, const std::string& charset) {
  iconv_t cd = iconv_open("UTF-8", charset.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return Error{"unknown character set: " + charset};
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char buffer[16384];
  while (in_left > 0) {
    char* out_ptr = buffer;
    size_t out_left = sizeof buffer;
    size_t rc = iconv(cd, &in, &in_left, &out_ptr, &out_left);
    out.append(buffer, static_cast<size_t>(out_ptr - buffer));
    if (rc == static_cast<size_t>(-1)) {
      if (errno == E2BIG) continue;
      // EILSEQ or EINVAL (truncated at the end): skip one byte.
      out += "\xEF\xBF\xBD";
      ++in;
      --in_left;
      iconv(cd, nullptr, nullptr, nullptr, nullptr);
    }
  }
  char* out_ptr = buffer;
  size_t out_left = sizeof buffer;
  iconv(cd, nullptr, nullptr, &out_ptr, &out_left);
  out.append(buffer, static_cast<size_t>(out_ptr - buffer));
  iconv_close(cd);
  return repair_utf8(out);
}

}  // namespace

std::string charset_from_bom(std::string_view bytes, size_t* bom_size) {
  auto found = [&](const char* name, size_t size) {
    if (bom_size) *bom_size = size;
    return std::string(name);
  };
  if (bytes.starts_with("\xEF\xBB\xBF")) return found("utf-8", 3);
  if (bytes.starts_with("\xFF\xFE")) return found("utf-16le", 2);
  if (bytes.starts_with("\xFE\xFF")) return found("utf-16be", 2);
  if (bom_size) *bom_size = 0;
  return {};
}

std::string detect_charset(std::string_view bytes) {
  uchardet_t detector = uchardet_new();
  uchardet_handle_data(detector, bytes.data(), bytes.size());
  uchardet_data_end(detector);
  std::string charset = ascii_lowercase(uchardet_get_charset(detector));
  uchardet_delete(detector);
  if (charset.empty() || charset == "ascii") return "windows-1252";
  return charset;
}

Result<std::string> to_utf8(std::string_view bytes, std::string_view charset) {
  size_t bom = 0;
  std::string from_bom = charset_from_bom(bytes, &bom);
  // A BOM outranks a declaration: it is what the bytes actually are.
  std::string name = !from_bom.empty() ? from_bom : ascii_lowercase(charset);
  bytes.remove_prefix(bom);
  if (name.empty()) name = is_valid_utf8(bytes) ? "utf-8" : detect_charset(bytes);
  if (is_utf8_name(name)) return repair_utf8(bytes);
  // Latin-1 labels mean windows-1252 on the web (WHATWG Encoding).
  if (name == "iso-8859-1" || name == "latin1" || name == "latin-1") name = "windows-1252";
  return convert(bytes, name);
}

}  // namespace osprey::text
