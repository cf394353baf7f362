#include "osprey/ingest/feed/xml_document.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>

#include "osprey/ingest/feed/html_text.h"
#include "osprey/ingest/libxml_ready.h"
#include "osprey/text/ascii.h"
#include "osprey/text/utf8.h"

namespace osprey::ingest {
namespace {

// Parser diagnostics kept per document; the rest are only counted.
constexpr size_t kMaxDiagnostics = 8;

struct Diagnostics {
  std::vector<std::string> messages;
  size_t dropped = 0;
  bool well_formed = false;
};

void collect_error(void* user_data, xmlErrorPtr error) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(user_data);
  auto* diagnostics = static_cast<Diagnostics*>(ctxt ? ctxt->_private : nullptr);
  if (!diagnostics || !error || !error->message) return;
  if (diagnostics->messages.size() >= kMaxDiagnostics) {
    ++diagnostics->dropped;
    return;
  }
  std::string message = "line " + std::to_string(error->line) + ": " + error->message;
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  diagnostics->messages.push_back(text::repair_utf8(message));
}

void move_diagnostics(Diagnostics& diagnostics, std::vector<std::string>& warnings) {
  for (auto& m : diagnostics.messages) warnings.push_back(std::move(m));
  if (diagnostics.dropped)
    warnings.push_back(std::to_string(diagnostics.dropped) + " more parser errors");
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// The encoding named in the XML declaration at the start of `body`, lower
// case; empty when there is none.
std::string declared_encoding(std::string_view body) {
  if (!starts_with(body, "<?xml")) return {};
  std::string_view decl = body.substr(0, body.find("?>"));
  size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return {};
  size_t quote = decl.find_first_of("\"'", at);
  if (quote == std::string_view::npos) return {};
  size_t end = decl.find(decl[quote], quote + 1);
  if (end == std::string_view::npos) return {};
  return text::ascii_lowercase(decl.substr(quote + 1, end - quote - 1));
}

bool is_utf8_name(std::string_view encoding) {
  return encoding.empty() || encoding == "utf-8" || encoding == "utf8" || encoding == "us-ascii" ||
         encoding == "ascii";
}

bool is_latin_name(std::string_view encoding) {
  return encoding == "iso-8859-1" || encoding == "latin1" || encoding == "windows-1252" ||
         encoding == "us-ascii" || encoding == "ascii" || encoding == "iso8859-1";
}

bool has_non_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  return false;
}

// Rewrites references to HTML named entities (which XML does not declare)
// as numeric references, which XML understands. CDATA sections are
// copied as they are. Returns false (leaving `out` alone) when there were none.
bool rewrite_html_entities(std::string_view body, std::string& out, std::string& first) {
  bool changed = false;
  size_t copied = 0;
  size_t pos = 0;
  size_t cdata = body.find("<![CDATA[");
  while ((pos = body.find('&', pos)) != std::string_view::npos) {
    if (cdata != std::string_view::npos && cdata < pos) {
      size_t cdata_end = body.find("]]>", cdata);
      if (cdata_end == std::string_view::npos) break;  // the rest is CDATA
      if (cdata_end > pos) {
        pos = cdata_end + 3;
        continue;
      }
      cdata = body.find("<![CDATA[", cdata_end + 3);
      continue;  // look at the same '&' against the next section
    }
    size_t end = pos + 1;
    while (end < body.size() && end - pos < 33 &&
           std::isalnum(static_cast<unsigned char>(body[end])))
      ++end;
    std::string_view name = body.substr(pos + 1, end - pos - 1);
    if (end >= body.size() || body[end] != ';' || name.empty() || name == "amp" || name == "lt" ||
        name == "gt" || name == "quot" || name == "apos") {
      pos = end;
      continue;
    }
    std::string decoded;
    if (!append_named_entity(decoded, name)) {
      pos = end;
      continue;
    }
    if (!changed) {
      out.reserve(body.size() + 64);
      first = std::string(name);
    }
    changed = true;
    out.append(body.substr(copied, pos - copied));
    // The decoded UTF-8 goes in as character references so that the
    // document's own encoding does not matter.
    for (size_t i = 0; i < decoded.size();) {
      size_t len = text::utf8_sequence_length(decoded, i);
      uint32_t cp = 0xFFFD;
      if (len == 1) cp = static_cast<unsigned char>(decoded[i]);
      if (len > 1) {
        cp = static_cast<unsigned char>(decoded[i]) & (0xFF >> (len + 1));
        for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (decoded[i + k] & 0x3F);
      }
      out += "&#" + std::to_string(cp) + ";";
      i += len ? len : 1;
    }
    copied = end + 1;
    pos = end + 1;
  }
  if (!changed) return false;
  out.append(body.substr(copied));
  return true;
}

// The end (one past '>') of a DOCTYPE declaration starting at `start`,
// skipping quoted strings and the internal subset; npos when it never ends.
size_t doctype_end(std::string_view body, size_t start) {
  char quote = 0;
  bool subset = false;
  for (size_t i = start + 9; i < body.size(); ++i) {
    char c = body[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[') {
      subset = true;
    } else if (c == ']') {
      subset = false;
    } else if (c == '>' && !subset) {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// Removes a DOCTYPE that declares things (an internal subset): its entities
// would only ever be expanded into entity bombs or external references, and
// libxml2 stops reading at the first one it finds abusive. Without the
// declarations the references are merely undeclared, and the rest of the
// feed is read. Returns false when there was none.
bool drop_internal_subset(std::string_view body, std::string& out) {
  size_t root = body.find('<');
  while (root != std::string_view::npos && root + 1 < body.size() &&
         (body[root + 1] == '?' || body.compare(root, 4, "<!--") == 0)) {
    size_t end = body[root + 1] == '?' ? body.find("?>", root) : body.find("-->", root);
    if (end == std::string_view::npos) return false;
    root = body.find('<', end);
  }
  if (root == std::string_view::npos || body.compare(root, 9, "<!DOCTYPE") != 0) return false;
  size_t end = doctype_end(body, root);
  if (end == std::string_view::npos) return false;
  std::string_view doctype = body.substr(root, end - root);
  if (doctype.find('[') == std::string_view::npos) return false;
  out.reserve(body.size());
  out.append(body.substr(0, root));
  // Keep the line breaks so that parser messages name the right lines.
  for (char c : doctype)
    if (c == '\n') out += c;
  out.append(body.substr(end));
  return true;
}

// What to hand to libxml2: the body after the repairs above, and the encoding.
struct Prepared {
  std::string storage;  // the repaired body when it had to change
  std::string_view body;
  std::string encoding;  // empty: let libxml2 decide from BOM and declaration
};

Prepared prepare(std::string_view body, std::string_view charset,
                 std::vector<std::string>& warnings) {
  Prepared p;
  std::string http = text::ascii_lowercase(charset);
  if (starts_with(body, "\xFE\xFF") || starts_with(body, "\xFF\xFE")) {
    p.body = body;  // UTF-16 with a byte-order mark: libxml2 reads it as it is
    return p;
  }
  if (starts_with(body, "\xEF\xBB\xBF")) {
    body.remove_prefix(3);
    http = "utf-8";
  }
  size_t first = body.find_first_not_of(" \t\r\n");
  if (first != 0 && first != std::string_view::npos && body[first] == '<') {
    warnings.push_back("white space before the XML declaration skipped");
    body.remove_prefix(first);
  }
  std::string declared = declared_encoding(body);
  std::string encoding = http.empty() ? declared : http;
  if (!http.empty() && is_latin_name(http) && is_utf8_name(declared) && has_non_ascii(body) &&
      text::is_valid_utf8(body)) {
    warnings.push_back("HTTP charset " + http + " ignored: the body is UTF-8");
    encoding = "utf-8";
  }
  p.body = body;
  if (is_utf8_name(encoding)) {
    if (!text::is_valid_utf8(body)) {
      warnings.push_back("invalid UTF-8 replaced with U+FFFD");
      p.storage = text::repair_utf8(body);
      p.body = p.storage;
    }
    if (!http.empty() || !declared.empty()) p.encoding = "UTF-8";
  } else if (!http.empty()) {
    p.encoding = http;
  }
  std::string without_doctype;
  if (drop_internal_subset(p.body, without_doctype)) {
    warnings.push_back("DOCTYPE with entity declarations ignored; its entities are not expanded");
    p.storage = std::move(without_doctype);
    p.body = p.storage;
  }
  std::string rewritten, entity;
  if (rewrite_html_entities(p.body, rewritten, entity)) {
    warnings.push_back("undeclared HTML entities decoded (&" + entity + "; …)");
    p.storage = std::move(rewritten);
    p.body = p.storage;
  }
  return p;
}

struct ParserCtxtFree {
  void operator()(xmlParserCtxt* ctxt) const { xmlFreeParserCtxt(ctxt); }
};

xmlDoc* parse_with(bool html, std::string_view body, const std::string& encoding,
                   const std::string& url, Diagnostics& diagnostics) {
  libxml_ready();
  std::unique_ptr<xmlParserCtxt, ParserCtxtFree> ctxt(html ? htmlNewParserCtxt()
                                                           : xmlNewParserCtxt());
  if (!ctxt) return nullptr;
  ctxt->_private = &diagnostics;
  ctxt->sax->serror = collect_error;
  int size = static_cast<int>(std::min<size_t>(body.size(), INT32_MAX));
  const char* enc = encoding.empty() ? nullptr : encoding.c_str();
  if (html) {
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                  HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED | HTML_PARSE_COMPACT;
    return htmlCtxtReadMemory(ctxt.get(), body.data(), size, url.c_str(), enc, options);
  }
  struct WellFormed {  // records the verdict however the parse returns
    Diagnostics& d;
    xmlParserCtxt* c;
    ~WellFormed() { d.well_formed = c->wellFormed != 0; }
  } verdict{diagnostics, ctxt.get()};
  // Deliberately absent: XML_PARSE_NOENT (substitutes entities),
  // XML_PARSE_DTDLOAD / DTDATTR / DTDVALID (load external DTDs) and
  // XML_PARSE_HUGE (lifts the limits on depth, text size and amplification).
  int options = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR |
                XML_PARSE_NOWARNING | XML_PARSE_COMPACT;
  return xmlCtxtReadMemory(ctxt.get(), body.data(), size, url.c_str(), enc, options);
}

XmlDocument read(bool html, std::string_view body, std::string_view charset, std::string_view url) {
  XmlDocument out;
  out.html = html;
  Prepared p = prepare(body, charset, out.warnings);
  Diagnostics diagnostics;
  std::string base(url);
  out.doc.reset(parse_with(html, p.body, p.encoding, base, diagnostics));
  if (!out.doc && !p.encoding.empty() && !is_utf8_name(text::ascii_lowercase(p.encoding))) {
    // An encoding libxml2 does not know: read the bytes as repaired UTF-8.
    out.warnings.push_back("unsupported encoding " + p.encoding + ", read as UTF-8");
    std::string repaired = text::repair_utf8(p.body);
    diagnostics = {};
    out.doc.reset(parse_with(html, repaired, "UTF-8", base, diagnostics));
  }
  move_diagnostics(diagnostics, out.warnings);
  out.well_formed = diagnostics.well_formed && out.warnings.empty();
  return out;
}

}  // namespace

XmlDocument read_xml(std::string_view body, std::string_view charset, std::string_view url) {
  return read(false, body, charset, url);
}

XmlDocument read_html(std::string_view body, std::string_view charset, std::string_view url) {
  return read(true, body, charset, url);
}

const xmlNode* root_element(const XmlDocument& document) {
  if (!document.doc) return nullptr;
  return xmlDocGetRootElement(document.doc.get());
}

}  // namespace osprey::ingest
