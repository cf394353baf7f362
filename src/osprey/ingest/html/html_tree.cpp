#include "osprey/ingest/html/html_tree.h"

#include <libxml/encoding.h>
#include <libxml/xmlerror.h>
#include <uchardet.h>

#include <climits>
#include <memory>

#include "osprey/ingest/libxml_ready.h"
#include "osprey/text/ascii.h"
#include "osprey/text/utf8.h"

namespace osprey::ingest::html {
namespace {

// Labels that browsers decode as another encoding (WHATWG Encoding).
std::string canonical_encoding(std::string_view label) {
  std::string name = text::ascii_lowercase(label);
  if (name == "utf8" || name == "unicode-1-1-utf-8") return "utf-8";
  if (name == "iso-8859-1" || name == "latin1" || name == "us-ascii" || name == "ascii" ||
      name == "iso8859-1" || name == "l1" || name == "cp1252")
    return "windows-1252";
  if (name == "x-sjis" || name == "shift-jis" || name == "sjis") return "shift_jis";
  if (name == "gb2312" || name == "x-gbk") return "gbk";
  return name;
}

bool is_utf8(std::string_view name) {
  return name == "utf-8";
}

// libxml2 reports through a global handler; Osprey reports through warnings.
void ignore_errors(void*, const char*, ...) {}

bool known_encoding(const std::string& name) {
  xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(name.c_str());
  if (!handler) return false;
  xmlCharEncCloseFunc(handler);
  return true;
}

bool has_multibyte(std::string_view html) {
  for (unsigned char c : html)
    if (c >= 0xC2) return true;
  return false;
}

// A statistical guess for legacy pages that declare nothing.
std::string guess_legacy_encoding(std::string_view html) {
  std::unique_ptr<std::remove_pointer_t<uchardet_t>, void (*)(uchardet_t)> detector(
      uchardet_new(), uchardet_delete);
  if (!detector) return "windows-1252";
  std::string_view sample = html.substr(0, 256u << 10);
  if (uchardet_handle_data(detector.get(), sample.data(), sample.size()) != 0)
    return "windows-1252";
  uchardet_data_end(detector.get());
  std::string guess = canonical_encoding(uchardet_get_charset(detector.get()));
  return guess.empty() || guess == "ascii" || guess == "utf-8" ? "windows-1252" : guess;
}

}  // namespace

std::string choose_encoding(std::string_view http_charset, std::string_view meta_charset,
                            std::string_view html) {
  if (!http_charset.empty()) return canonical_encoding(http_charset);
  if (html.substr(0, 3) == "\xEF\xBB\xBF") return "utf-8";
  if (html.substr(0, 2) == "\xFF\xFE") return "utf-16le";
  if (html.substr(0, 2) == "\xFE\xFF") return "utf-16be";
  // A page saved as UTF-8 that still claims a legacy charset is common; a
  // legacy page whose non-ASCII bytes happen to form valid UTF-8 is rare.
  bool utf8 = text::is_valid_utf8(html);
  if (!meta_charset.empty()) {
    std::string meta = canonical_encoding(meta_charset);
    if (meta == "utf-16" || meta == "utf-16le" || meta == "utf-16be") return "utf-8";
    if (utf8 && meta != "utf-8" && has_multibyte(html)) return "utf-8";
    return meta;
  }
  return text::is_valid_utf8(html) ? "utf-8" : guess_legacy_encoding(html);
}

Result<HtmlTree> parse_html(std::string html, std::string encoding,
                            std::vector<std::string>& warnings) {
  if (is_utf8(encoding) && !text::is_valid_utf8(html)) {
    html = text::repair_utf8(html);
    warnings.push_back("ill-formed UTF-8 replaced with U+FFFD");
  }
  if (html.size() > static_cast<size_t>(INT_MAX))
    return Error{"page too large to parse (" + std::to_string(html.size()) + " bytes)"};
  libxml_ready();
  xmlSetGenericErrorFunc(nullptr, ignore_errors);  // this thread's handler
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                      HTML_PARSE_NONET | HTML_PARSE_COMPACT;
  std::unique_ptr<htmlParserCtxt, void (*)(htmlParserCtxtPtr)> context(htmlNewParserCtxt(),
                                                                       htmlFreeParserCtxt);
  if (!context) return Error{"out of memory creating the HTML parser"};
  if (!known_encoding(encoding)) {
    warnings.push_back("unknown charset '" + encoding + "', read as windows-1252");
    encoding = "windows-1252";
  }
  HtmlTree tree(htmlCtxtReadMemory(context.get(), html.data(), static_cast<int>(html.size()),
                                   nullptr, encoding.c_str(), options));
  // libxml2 stops at nesting deeper than 256 elements; what came before is kept.
  const xmlError& last = context->lastError;
  if (last.code == XML_ERR_INTERNAL_ERROR && last.message &&
      std::string_view(last.message).starts_with("Excessive depth"))
    warnings.push_back("page nested too deeply; text after the deepest part was not read");
  if (!tree) return Error{"not an HTML page: the parser found no document"};
  return tree;
}

}  // namespace osprey::ingest::html
