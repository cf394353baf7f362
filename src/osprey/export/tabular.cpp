#include "osprey/export/tabular.h"

#include <array>
#include <nlohmann/json.hpp>

#include "osprey/export/formats.h"
#include "osprey/export/selection.h"

namespace osprey::exporting {
namespace {

constexpr std::array<std::string_view, 11> kColumns = {
    "type",  "value",           "defanged",   "first_seen", "story_id", "article_url",
    "title", "relevance_label", "confidence", "benign",     "context"};

using Row = std::array<std::string, kColumns.size()>;

// Calls emit(row) for every (indicator, article), story by story.
template <typename Emit>
void for_each_row(const ExportSet& set, const ExportOptions& options, Emit emit) {
  for (const ExportStory& story : set.stories) {
    StoryFindings found = select_story(story, options);
    for (const ExportedObservable& o : found.observables) {
      if (o.observable.type.starts_with("attack-")) continue;  // ATT&CK ids are no indicators
      for (size_t index : o.articles) {
        const ExportArticle& a = *found.articles[index];
        std::string benign;
        if (o.benign)
          benign = o.observable.benign.empty() ? "reserved address" : o.observable.benign;
        emit(Row{
            o.observable.type, o.observable.value, defang(o.observable.type, o.observable.value),
            o.first_seen > 0 ? rfc3339_millis(o.first_seen) : std::string(),
            std::to_string(story.id), article_link(a.article), a.article.title, a.relevance_label,
            std::to_string(observable_confidence(o)), benign, o.observable.context});
      }
    }
  }
}

}  // namespace

std::string csv_field(std::string_view cell) {
  std::string value;
  if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' ||
                        cell[0] == '\t' || cell[0] == '\r'))
    value.push_back('\'');
  value.append(cell);
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string to_csv(const ExportSet& set, const ExportOptions& options) {
  std::string out;
  for (size_t i = 0; i < kColumns.size(); ++i) {
    if (i) out.push_back(',');
    out.append(kColumns[i]);
  }
  out.append("\r\n");
  for_each_row(set, options, [&](const Row& row) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) out.push_back(',');
      out.append(csv_field(row[i]));
    }
    out.append("\r\n");
  });
  return out;
}

std::string to_ndjson(const ExportSet& set, const ExportOptions& options) {
  std::string out;
  for_each_row(set, options, [&](const Row& row) {
    nlohmann::ordered_json j;
    for (size_t i = 0; i < row.size(); ++i) {
      std::string_view column = kColumns[i];
      if (column == "story_id" || column == "confidence")
        j[std::string(column)] = std::stoll(row[i]);
      else
        j[std::string(column)] = row[i];
    }
    out.append(j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
    out.push_back('\n');
  });
  return out;
}

}  // namespace osprey::exporting
