#include "osprey/kb/store.h"

#include <filesystem>
#include <fstream>
#include <set>

#include "osprey/kb/source_input.h"

namespace osprey::kb {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using nlohmann::ordered_json;

constexpr std::string_view kManifest = "manifest.json";

std::string dump_line(const ordered_json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

// A file's lines cut into parts of at most kMaxFileBytes: "entities-malware"
// gives entities-malware.jsonl, entities-malware-2.jsonl …
struct Part {
  std::string name;
  std::string bytes;
  size_t lines = 0;
};

void add_line(std::vector<Part>& parts, const std::string& stem, const std::string& line) {
  if (parts.empty() || parts.back().bytes.size() + line.size() > kMaxFileBytes) {
    std::string name = stem;
    if (!parts.empty()) name.append("-").append(std::to_string(parts.size() + 1));
    name += ".jsonl";
    parts.push_back({std::move(name), {}, 0});
  }
  parts.back().bytes += line;
  ++parts.back().lines;
}

Result<bool> write_file(const fs::path& dir, const std::string& name, const std::string& bytes) {
  fs::path target = dir / name, temporary = dir / (name + ".tmp");
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return Error{"cannot write " + temporary.string()};
  }
  std::error_code ec;
  fs::rename(temporary, target, ec);
  if (ec) return Error{"cannot write " + target.string() + ": " + ec.message()};
  return true;
}

std::vector<Part> data_parts(const KbContents& contents) {
  std::vector<Part> parts;
  for (EntityType type : kAllEntityTypes) {
    std::vector<Part> of_type;
    std::string stem = "entities-" + std::string(type_name(type));
    for (const Entity& e : contents.entities)
      if (e.type == type) add_line(of_type, stem, dump_line(entity_to_json(e)));
    parts.insert(parts.end(), of_type.begin(), of_type.end());
  }
  std::vector<Part> relations;
  for (const Relation& r : contents.relations)
    add_line(relations, "relations", dump_line(relation_to_json(r)));
  parts.insert(parts.end(), relations.begin(), relations.end());
  return parts;
}

std::string manifest_json(const KbContents& contents, const std::vector<Part>& parts) {
  ordered_json m;
  m["format"] = contents.manifest.format;
  m["built"] = contents.manifest.built;
  ordered_json counts = ordered_json::object();
  for (EntityType type : kAllEntityTypes) {
    size_t n = 0;
    for (const Entity& e : contents.entities) n += e.type == type;
    counts[std::string(type_name(type))] = n;
  }
  m["entities"] = std::move(counts);
  m["relations"] = contents.relations.size();
  ordered_json files = ordered_json::array();
  for (const Part& p : parts) files.push_back({{"name", p.name}, {"lines", p.lines}});
  m["files"] = std::move(files);
  ordered_json sources = ordered_json::array();
  for (const SourceInfo& s : contents.manifest.sources)
    sources.push_back({{"name", s.name},
                       {"file", s.file},
                       {"version", s.version},
                       {"commit", s.commit},
                       {"records", s.records}});
  m["sources"] = std::move(sources);
  return m.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

// Entity and relation files of an earlier build that this one did not write.
void remove_stale(const fs::path& dir, const std::set<std::string>& written) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    bool ours = (name.rfind("entities-", 0) == 0 || name.rfind("relations", 0) == 0) &&
                name.size() > 6 && name.compare(name.size() - 6, 6, ".jsonl") == 0;
    if (ours && !written.count(name)) fs::remove(it->path(), ec);
  }
}

Result<std::string> read_fact_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"cannot read " + path.string()};
  std::error_code ec;
  uintmax_t size = fs::file_size(path, ec);
  if (ec) return Error{"cannot read " + path.string() + ": " + ec.message()};
  std::string bytes(size, '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size)))
    return Error{"cannot read " + path.string()};
  return bytes;
}

Result<Manifest> manifest_from(const json& m, std::vector<std::pair<std::string, size_t>>& files) {
  Manifest manifest;
  try {
    const json* format = member(m, "format", "manifest");
    if (!format || !format->is_number_integer()) throw BadInput("format: expected a number");
    manifest.format = format->get<int>();
    if (manifest.format != 1) throw BadInput("format " + format->dump() + " is not supported");
    manifest.built = optional_text(m, "built", "manifest");
    for (const json& f : required_array(m, "files", "manifest")) {
      const json* lines = member(f, "lines", "manifest.files");
      if (!lines || !lines->is_number_unsigned()) throw BadInput("files: lines expected");
      files.emplace_back(required_text(f, "name", "manifest.files"), lines->get<size_t>());
      if (files.back().first.find('/') != std::string::npos)
        throw BadInput("files: a name may not hold '/'");
    }
    for (const json& s : required_array(m, "sources", "manifest")) {
      SourceInfo info;
      info.name = required_text(s, "name", "manifest.sources");
      info.file = optional_text(s, "file", "manifest.sources");
      info.version = optional_text(s, "version", "manifest.sources");
      info.commit = optional_text(s, "commit", "manifest.sources");
      const json* records = member(s, "records", "manifest.sources");
      if (records && records->is_number_unsigned()) info.records = records->get<uint64_t>();
      manifest.sources.push_back(std::move(info));
    }
  } catch (const BadInput& e) {
    return Error{e.what()};
  }
  return manifest;
}

// Reads one data file into `contents`; relations files hold relations.
Result<bool> read_part(const fs::path& path, size_t expected_lines, KbContents& contents) {
  auto bytes = read_fact_file(path);
  if (!bytes.ok()) return bytes.error();
  bool relations = path.filename().string().rfind("relations", 0) == 0;
  std::string_view text = bytes.value();
  size_t line_number = 0, pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    ++line_number;
    std::string where = path.string() + ":" + std::to_string(line_number) + ": ";
    json object = json::parse(text.substr(pos, end - pos), nullptr, false);
    if (object.is_discarded()) return Error{where + "not valid JSON"};
    if (relations) {
      auto r = relation_from_json(object);
      if (!r.ok()) return Error{where + r.error().message};
      contents.relations.push_back(std::move(r).value());
    } else {
      auto e = entity_from_json(object);
      if (!e.ok()) return Error{where + e.error().message};
      contents.entities.push_back(std::move(e).value());
    }
    pos = end + 1;
  }
  if (line_number != expected_lines)
    return Error{path.string() + ": " + std::to_string(line_number) + " lines, the manifest says " +
                 std::to_string(expected_lines) + " (truncated or edited?)"};
  return true;
}

}  // namespace

Result<std::vector<std::string>> write_kb(const KbContents& contents, const std::string& notice,
                                          const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Error{"cannot create " + dir + ": " + ec.message()};
  std::vector<Part> parts = data_parts(contents);
  std::vector<std::string> written;
  for (const Part& part : parts) {
    auto ok = write_file(dir, part.name, part.bytes);
    if (!ok.ok()) return ok.error();
    written.push_back(part.name);
  }
  auto ok = write_file(dir, std::string(kManifest), manifest_json(contents, parts));
  if (!ok.ok()) return ok.error();
  written.emplace_back(kManifest);
  if (!notice.empty()) {
    ok = write_file(dir, "NOTICE.md", notice);
    if (!ok.ok()) return ok.error();
    written.emplace_back("NOTICE.md");
  }
  remove_stale(dir, std::set<std::string>(written.begin(), written.end()));
  return written;
}

Result<KbContents> read_kb(const std::string& dir) {
  fs::path manifest_path = fs::path(dir) / kManifest;
  auto bytes = read_fact_file(manifest_path);
  if (!bytes.ok()) return Error{"no knowledge base in " + dir + " (" + bytes.error().message + ")"};
  json m = json::parse(bytes.value(), nullptr, false);
  if (m.is_discarded()) return Error{manifest_path.string() + ": not valid JSON"};
  std::vector<std::pair<std::string, size_t>> files;
  auto manifest = manifest_from(m, files);
  if (!manifest.ok()) return Error{manifest_path.string() + ": " + manifest.error().message};
  KbContents contents;
  contents.manifest = std::move(manifest).value();
  for (const auto& [name, lines] : files) {
    auto part = read_part(fs::path(dir) / name, lines, contents);
    if (!part.ok()) return part.error();
  }
  return contents;
}

}  // namespace osprey::kb
