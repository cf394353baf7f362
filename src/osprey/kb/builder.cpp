#include "osprey/kb/builder.h"

#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "osprey/kb/notice.h"
#include "osprey/kb/sources.h"

namespace osprey::kb {
namespace {

namespace fs = std::filesystem;

// YYYY-MM-DD of SOURCE_DATE_EPOCH, or "" when unset or not a number.
std::string source_date_epoch() {
  const char* env = std::getenv("SOURCE_DATE_EPOCH");
  if (!env || !*env) return {};
  char* end = nullptr;
  long long seconds = std::strtoll(env, &end, 10);
  if (*end != '\0' || seconds < 0) return {};
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char date[16];
  std::strftime(date, sizeof date, "%Y-%m-%d", &tm);
  return date;
}

// Which upstream repository a source tag comes from.
std::pair<std::string_view, std::string_view> upstream_of(std::string_view source) {
  if (source.rfind("attack:", 0) == 0) return {"attack", "mitre/cti"};
  if (source.rfind("misp:", 0) == 0) return {"misp-galaxy", "MISP/misp-galaxy"};
  return {"", ""};
}

std::string relative(const std::string& file, const std::string& base) {
  if (file.empty()) return {};
  std::error_code ec;
  fs::path rel = fs::relative(file, base, ec);
  return ec ? file : rel.generic_string();
}

}  // namespace

Result<BuildResult> build_kb(const std::string& source_dir, const BuildOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(source_dir, ec)) return Error{source_dir + ": not a folder"};
  std::string missing;
  for (const SourceSpec& spec : source_specs())
    if (spec.required && find_source_file(source_dir, spec).empty())
      missing += "\n  " + std::string(spec.path) + "  (" + std::string(spec.description) + ")";
  if (!missing.empty())
    return Error{source_dir + " lacks the files the knowledge base is built from:" + missing};

  BuildResult result;
  std::vector<SourceRecord> records;
  std::string newest;
  int rank = 0;
  for (const SourceSpec& spec : source_specs()) {
    std::string file = find_source_file(source_dir, spec);
    if (!spec.path.empty() && file.empty()) {
      result.report.skipped.push_back(std::string(spec.name) + " (no " + std::string(spec.path) +
                                      ")");
      ++rank;
      continue;
    }
    auto read = read_source(source_dir, spec, rank++);
    if (!read.ok()) return read.error();
    SourceInfo info{std::string(spec.name),
                    relative(file, source_dir),
                    read.value().version,
                    {},
                    read.value().records.size()};
    auto [subdir, repo] = upstream_of(spec.name);
    if (!repo.empty()) info.commit = source_commit(source_dir, subdir, repo);
    result.contents.manifest.sources.push_back(std::move(info));
    newest = std::max(newest, read.value().newest);
    for (SourceRecord& record : read.value().records) records.push_back(std::move(record));
  }
  KbContents merged = merge_records(records, result.report.merge);
  result.contents.entities = std::move(merged.entities);
  result.contents.relations = std::move(merged.relations);
  Manifest& manifest = result.contents.manifest;
  manifest.built = options.date;
  if (manifest.built.empty()) manifest.built = source_date_epoch();
  if (manifest.built.empty()) manifest.built = newest;
  result.notice = notice_text(manifest);
  return result;
}

}  // namespace osprey::kb
