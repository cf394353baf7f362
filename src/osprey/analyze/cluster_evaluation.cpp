#include "osprey/analyze/cluster_evaluation.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "osprey/analyze/memory_story_index.h"

namespace osprey::analyze {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

std::string text_field(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Result<int64_t> parse_utc(std::string_view s) {
  int y, mo, d, h, mi, se;
  if (s.size() != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
      s[16] != ':' || s[19] != 'Z' || !digits(s, 0, 4, y) || !digits(s, 5, 2, mo) ||
      !digits(s, 8, 2, d) || !digits(s, 11, 2, h) || !digits(s, 14, 2, mi) ||
      !digits(s, 17, 2, se) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
    return Error{"not a UTC time YYYY-MM-DDTHH:MM:SSZ: " + std::string(s)};
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
         h * 3600 + mi * 60 + se;
}

Result<std::vector<LabelledArticle>> read_labelled_articles(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error{"cannot read " + path};
  std::vector<LabelledArticle> out;
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    std::string where = path + ":" + std::to_string(number);
    if (j.is_discarded() || !j.is_object()) return Error{where + ": not a JSON object"};
    LabelledArticle a{text_field(j, "id"),
                      text_field(j, "outlet"),
                      text_field(j, "url"),
                      text_field(j, "published"),
                      text_field(j, "title"),
                      text_field(j, "text"),
                      0,
                      text_field(j, "story"),
                      text_field(j, "duplicate_of")};
    auto t = parse_utc(a.published);
    if (!t.ok()) return Error{where + ": " + t.error().message};
    if (a.id.empty() || a.story.empty()) return Error{where + ": id and story are required"};
    a.published_at = t.value();
    out.push_back(std::move(a));
  }
  return out;
}

ClusterEvaluation evaluate_clustering(std::vector<LabelledArticle> articles,
                                      const FindingsFunction& find, const ClusterOptions& options) {
  std::stable_sort(articles.begin(), articles.end(),
                   [](const auto& a, const auto& b) { return a.published_at < b.published_at; });
  ClusterEvaluation e;
  MemoryStoryIndex index;
  StoryClusterer clusterer(index, options);
  std::map<int64_t, size_t> by_article_id;  // clusterer article id → position
  std::vector<int64_t> story_of(articles.size());
  double seconds = 0;
  for (size_t i = 0; i < articles.size(); ++i) {
    const LabelledArticle& la = articles[i];
    Article article;
    article.id = static_cast<int64_t>(i + 1);
    article.url = la.url;
    article.title = la.title;
    article.text = la.text;
    article.published_at = la.published_at;
    Findings findings = find(la.title + "\n\n" + la.text);
    auto start = std::chrono::steady_clock::now();
    ArticleFingerprint fp = make_fingerprint(article, findings);
    Assignment a = clusterer.assign(
        StoryMember{article.id, outlet_of(la.url), la.url, la.title, la.published_at, 0}, fp);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    e.candidates += a.candidates;
    e.postings += a.postings;
    by_article_id[article.id] = i;
    story_of[i] = a.story_id;
    // Copies.
    if (!la.duplicate_of.empty()) ++e.labelled_copies;
    if (a.kind == Assignment::Kind::kDuplicate) {
      const LabelledArticle& original = articles[by_article_id[a.duplicate_of]];
      if (original.id == la.duplicate_of) {
        ++e.copies_found;
      } else {
        ++e.copies_wrong;
        e.errors.push_back("wrong copy: " + la.id + " reported as a copy of " + original.id);
      }
    } else if (!la.duplicate_of.empty()) {
      ++e.copies_missed;
      e.errors.push_back("missed copy: " + la.id + " of " + la.duplicate_of + " (" +
                         (a.reasons.empty() ? "" : a.reasons[0]) + ")");
    }
    e.assignments.push_back(std::move(a));
  }
  e.seconds_clustering = seconds;
  for (size_t i = 0; i < articles.size(); ++i) {
    for (size_t j = i + 1; j < articles.size(); ++j) {
      bool gold = articles[i].story == articles[j].story;
      bool found = story_of[i] == story_of[j];
      if (gold && found) ++e.true_pairs;
      if (!gold && found) {
        ++e.false_pairs;
        e.errors.push_back("merged: " + articles[j].id + " with " + articles[i].id + " (" +
                           e.assignments[j].reasons[0] + ")");
      }
      if (gold && !found) {
        ++e.missed_pairs;
        e.errors.push_back("split: " + articles[j].id + " from " + articles[i].id + " (" +
                           e.assignments[j].reasons[0] + ")");
      }
    }
  }
  auto ratio = [](uint64_t a, uint64_t b) { return b ? static_cast<double>(a) / b : 1.0; };
  e.precision = ratio(e.true_pairs, e.true_pairs + e.false_pairs);
  e.recall = ratio(e.true_pairs, e.true_pairs + e.missed_pairs);
  e.f1 = e.precision + e.recall > 0 ? 2 * e.precision * e.recall / (e.precision + e.recall) : 0;
  return e;
}

}  // namespace osprey::analyze
