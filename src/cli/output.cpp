#include "cli/output.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "osprey/model/json.h"
#include "osprey/text/utf8.h"

namespace osprey::cli {
namespace {

// The JSON writer below is a fast path for the one document shape printed
// millions of times; it writes exactly the fields of to_json(Observable)
// (tests/cli/output_test.cpp holds them equal). Building a nlohmann DOM per
// observable costs more than finding it.
void append_string(std::string& out, std::string_view s) {
  // One pass escapes; only a string with non-ASCII bytes is also validated
  // (and, if ill-formed, written again repaired).
  size_t start = out.size();
  out += '"';
  size_t run = 0;
  bool non_ascii = false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    non_ascii |= c >= 0x80;
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += fmt::format("\\u{:04x}", c);
    }
  }
  out.append(s.substr(run));
  out += '"';
  if (non_ascii && !text::is_valid_utf8(s)) {
    out.resize(start);
    append_string(out, text::repair_utf8(s));
  }
}

void append_strings(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    append_string(out, items[i]);
  }
  out += ']';
}

}  // namespace

void append_observable_json(std::string& out, const Observable& o, std::string_view source) {
  out += "{\"type\":";
  append_string(out, o.type);
  out += ",\"value\":";
  append_string(out, o.value);
  if (!o.unicode.empty()) {
    out += ",\"unicode\":";
    append_string(out, o.unicode);
  }
  out += o.defanged ? ",\"defanged\":true" : ",\"defanged\":false";
  out += ",\"spans\":[";
  for (size_t i = 0; i < o.spans.size(); ++i)
    fmt::format_to(std::back_inserter(out), "{}{{\"start\":{},\"end\":{}}}", i ? "," : "",
                   o.spans[i].start, o.spans[i].end);
  fmt::format_to(std::back_inserter(out), "],\"count\":{},\"context\":", o.count);
  append_string(out, o.context);
  out += ",\"flags\":";
  append_strings(out, o.flags);
  if (!o.benign.empty()) {
    out += ",\"benign\":";
    append_string(out, o.benign);
  }
  if (!o.rule.empty()) {
    out += ",\"rule\":";
    append_string(out, o.rule);
  }
  if (!source.empty()) {
    out += ",\"source\":";
    append_string(out, source);
  }
  out += '}';
}

namespace {

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
  if (format_ == Format::kCsv)
    out_ << "source,type,value,defanged,count,start,end,flags,benign,context\n";
}

void FindingsWriter::write(const Findings& f) {
  switch (format_) {
    case Format::kJson: {
      // One observable per line: readable, and written as it goes.
      std::string doc = array_ ? (written_ ? ",\n" : "\n") : "";
      doc += "{\"source\":";
      append_string(doc, f.source);
      doc += fmt::format(",\"bytes\":{},\"observables\":[", f.bytes);
      for (size_t i = 0; i < f.observables.size(); ++i) {
        doc += i ? ",\n  " : "\n  ";
        append_observable_json(doc, f.observables[i]);
        if (doc.size() > (1u << 20)) {
          out_ << doc;
          doc.clear();
        }
      }
      doc += f.observables.empty() ? "]" : "\n]";
      doc += ",\"entities\":[";
      for (size_t i = 0; i < f.entities.size(); ++i) {
        doc += i ? ",\n  " : "\n  ";
        doc += nlohmann::json(f.entities[i])
                   .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      }
      doc += f.entities.empty() ? "]" : "\n]";
      if (!f.relations.empty()) {
        doc += ",\"relations\":[";
        for (size_t i = 0; i < f.relations.size(); ++i) {
          doc += i ? ",\n  " : "\n  ";
          doc += nlohmann::json(f.relations[i])
                     .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        }
        doc += "\n]";
      }
      doc += "}";
      if (!array_) doc += "\n";
      out_ << doc;
      break;
    }
    case Format::kNdjson: {
      std::string lines;
      for (const Observable& o : f.observables) {
        append_observable_json(lines, o, f.source.empty() ? "-" : std::string_view(f.source));
        lines += '\n';
        if (lines.size() > (1u << 20)) {
          out_ << lines;
          lines.clear();
        }
      }
      // Relations follow their article's observables, one per line, told
      // apart by their "relation" key.
      for (const Relation& r : f.relations) {
        nlohmann::json line = {{"relation", r}, {"source", f.source.empty() ? "-" : f.source}};
        lines += line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        lines += '\n';
      }
      out_ << lines;
      break;
    }
    case Format::kCsv:
      for (const Observable& o : f.observables) {
        out_ << csv_field(f.source) << ',' << o.type << ',' << csv_field(o.value) << ','
             << (o.defanged ? "true" : "false") << ',' << o.count << ',' << o.spans.front().start
             << ',' << o.spans.front().end << ',' << csv_field(joined(o.flags, ';')) << ','
             << csv_field(o.benign) << ',' << csv_field(o.context) << "\n";
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
      if (!f.entities.empty()) out_ << "  entities: " << f.entities.size() << "\n";
      for (const Mention& m : f.entities) {
        out_ << fmt::format("  {:<16} {}", m.type, m.name);
        if (m.alias != m.name) out_ << "  (as \"" << m.alias << "\")";
        if (!m.role.empty()) out_ << "  [" << m.role << "]";
        out_ << fmt::format("  {:.2f}", m.confidence);
        if (m.count > 1) out_ << "  ×" << m.count;
        out_ << "\n";
      }
      if (!f.relations.empty()) out_ << "  relations: " << f.relations.size() << "\n";
      for (const Relation& r : f.relations) {
        out_ << fmt::format("  {} {} {}  {:.2f}", r.subject.name, r.predicate, r.object.name,
                            r.confidence);
        if (r.negated) out_ << "  [negated]";
        if (r.hedged) out_ << "  [hedged]";
        if (!r.reported_by.empty()) out_ << "  (per " << r.reported_by << ")";
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
