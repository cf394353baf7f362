#include "cli/output.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "osprey/model/json.h"

namespace osprey::cli {
namespace {

// JSON text that stays valid whatever bytes the input held.
std::string dump(const nlohmann::json& j, int indent = -1) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

// RFC 4180 field: quoted when it holds a comma, quote or line break.
std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string joined(const std::vector<std::string>& items, char sep) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

}  // namespace

FindingsWriter::FindingsWriter(std::ostream& out, Format format, size_t inputs)
    : out_(out), format_(format), array_(format == Format::kJson && inputs != 1) {
  if (array_) out_ << "[";
  if (format_ == Format::kCsv) out_ << "source,type,value,defanged,count,start,end,flags,benign,context\n";
}

void FindingsWriter::write(const Findings& f) {
  switch (format_) {
    case Format::kJson:
      if (array_) out_ << (written_ ? ",\n" : "\n");
      out_ << dump(nlohmann::json(f), 2);
      if (!array_) out_ << "\n";
      break;
    case Format::kNdjson:
      for (const Observable& o : f.observables) {
        nlohmann::json j = o;
        j["source"] = f.source;
        out_ << dump(j) << "\n";
      }
      break;
    case Format::kCsv:
      for (const Observable& o : f.observables) {
        out_ << csv_field(f.source) << ',' << o.type << ',' << csv_field(o.value) << ','
             << (o.defanged ? "true" : "false") << ',' << o.count << ',' << o.spans.front().start << ','
             << o.spans.front().end << ',' << csv_field(joined(o.flags, ';')) << ',' << csv_field(o.benign)
             << ',' << csv_field(o.context) << "\n";
      }
      break;
    case Format::kText:
      out_ << f.source << ": " << f.observables.size() << " observable"
           << (f.observables.size() == 1 ? "" : "s") << "\n";
      for (const Observable& o : f.observables) {
        out_ << fmt::format("  {:<16} {}", o.type, o.value);
        if (!o.unicode.empty()) out_ << " (" << o.unicode << ")";
        if (o.defanged) out_ << "  [defanged]";
        if (!o.flags.empty()) out_ << "  [" << joined(o.flags, ',') << "]";
        if (!o.benign.empty()) out_ << "  benign: " << o.benign;
        if (o.count > 1) out_ << "  ×" << o.count;
        if (!o.rule.empty()) out_ << "\n      rule: " << o.rule;
        out_ << "\n";
      }
      break;
  }
  ++written_;
  out_.flush();
}

void FindingsWriter::close() {
  if (array_) out_ << (written_ ? "\n]\n" : "]\n");
  out_.flush();
}

}  // namespace osprey::cli
