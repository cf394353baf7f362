#include "osprey/export/selection.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>

#include "osprey/text/sentences.h"

namespace osprey::exporting {
namespace {

// Flags the extractor sets on addresses that cannot be internet indicators.
constexpr std::string_view kNonRoutable[] = {
    "private",   "loopback",  "documentation", "unspecified",  "link-local",
    "multicast", "broadcast", "shared",        "benchmarking", "reserved"};

std::string mention_sentence(const Mention& mention, const Article& article) {
  if (mention.spans.empty() || mention.spans.front().start >= article.text.size()) return {};
  const Span where = text::sentence_around(article.text, mention.spans.front().start);
  if (where.end <= where.start || where.end > article.text.size()) return {};
  std::string_view sentence(article.text.data() + where.start, where.end - where.start);
  return text::printable_sentence(sentence, mention.spans.front().start - where.start);
}

void add_entities(StoryFindings& out, const ExportArticle& a, const ExportOptions& options,
                  std::map<std::string, size_t>& index) {
  for (const Mention& m : a.findings.entities) {
    if (percent(m.confidence) < options.min_confidence) continue;
    auto [it, fresh] = index.emplace(m.id, out.entities.size());
    if (fresh) {
      out.entities.push_back({m, mention_sentence(m, a.article), 1});
      continue;
    }
    ExportedEntity& e = out.entities[it->second];
    e.articles += 1;
    e.mention.confidence = std::max(e.mention.confidence, m.confidence);
    if (e.sentence.empty()) e.sentence = mention_sentence(m, a.article);
  }
}

void add_observables(StoryFindings& out, const ExportArticle& a, size_t article_index, int64_t when,
                     const ExportOptions& options, std::map<std::string, size_t>& index) {
  for (const Observable& o : a.findings.observables) {
    const bool benign = is_benign(o);
    if (benign && !options.include_benign) continue;
    std::string key = o.type;
    key.append("|").append(o.value);
    auto [it, fresh] = index.emplace(key, out.observables.size());
    if (fresh) {
      out.observables.push_back({o, benign, when, when, {article_index}});
      continue;
    }
    ExportedObservable& e = out.observables[it->second];
    e.first_seen = std::min(e.first_seen, when);
    e.last_seen = std::max(e.last_seen, when);
    if (e.articles.back() != article_index) e.articles.push_back(article_index);
  }
}

void add_relations(StoryFindings& out, const ExportArticle& a, size_t article_index,
                   const ExportOptions& options, std::map<std::string, size_t>& index) {
  for (const Relation& r : a.findings.relations) {
    std::optional<int> confidence = relation_confidence(r, options);
    if (!confidence) continue;
    std::string key = r.subject.id;
    key.append("|").append(r.predicate).append("|").append(r.object.id);
    if (r.negated) key.append("|negated");
    auto [it, fresh] = index.emplace(key, out.relations.size());
    if (fresh) {
      out.relations.push_back({r, *confidence, article_index});
      continue;
    }
    ExportedRelation& e = out.relations[it->second];
    if (*confidence > e.confidence) {  // the most confident statement carries the evidence
      e.relation = r;
      e.confidence = *confidence;
    }
  }
}

}  // namespace

bool article_included(const ExportArticle& article, const ExportOptions& options) {
  return options.include_noise || article.relevance_label != "noise";
}

int percent(double confidence) {
  return std::clamp(static_cast<int>(std::lround(confidence * 100.0)), 0, 100);
}

std::optional<int> relation_confidence(const Relation& relation, const ExportOptions& options) {
  if (relation.negated) {
    if (!options.include_negated) return std::nullopt;
    return 0;
  }
  if (relation.hedged && !options.include_hedged) return std::nullopt;
  int confidence = percent(relation.confidence);
  if (relation.hedged) confidence /= 2;
  if (confidence < options.min_confidence) return std::nullopt;
  return confidence;
}

int observable_confidence(const ExportedObservable& observable) {
  if (observable.benign) return 10;
  if (observable.articles.size() >= 3) return 90;
  return observable.articles.size() == 2 ? 75 : 60;
}

bool is_benign(const Observable& observable) {
  if (!observable.benign.empty()) return true;
  for (const std::string& flag : observable.flags)
    for (std::string_view bad : kNonRoutable)
      if (flag == bad) return true;
  return false;
}

int64_t article_time(const ExportArticle& article, const ExportStory& story, int64_t fallback) {
  if (article.article.published_at > 0) return article.article.published_at;
  if (story.first_seen > 0) return story.first_seen;
  return fallback;
}

const std::string& article_link(const Article& article) {
  if (!article.canonical_url.empty()) return article.canonical_url;
  if (!article.url.empty()) return article.url;
  return article.source;
}

StoryFindings select_story(const ExportStory& story, const ExportOptions& options) {
  StoryFindings out;
  out.story = &story;
  std::map<std::string, size_t> entities, observables, relations;
  for (const ExportArticle& a : story.articles) {
    if (!article_included(a, options)) continue;
    const size_t index = out.articles.size();
    out.articles.push_back(&a);
    const int64_t when = article_time(a, story, 0);
    if (when > 0) {
      out.first_seen = out.first_seen == 0 ? when : std::min(out.first_seen, when);
      out.last_seen = std::max(out.last_seen, when);
    }
    add_entities(out, a, options, entities);
    add_observables(out, a, index, when, options, observables);
    add_relations(out, a, index, options, relations);
  }
  if (story.first_seen > 0) out.first_seen = story.first_seen;
  if (story.last_seen > 0) out.last_seen = std::max(story.last_seen, out.first_seen);
  if (story.id != 0) {
    out.story_key = "story|" + std::to_string(story.id);
  } else {
    out.story_key = "article|";
    if (!story.articles.empty()) out.story_key.append(article_link(story.articles.front().article));
  }
  return out;
}

}  // namespace osprey::exporting
