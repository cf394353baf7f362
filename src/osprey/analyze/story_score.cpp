#include "osprey/analyze/story_score.h"

#include <algorithm>
#include <cmath>

namespace osprey::analyze {
namespace {

double kind_weight(TermKind kind, const StoryScoreOptions& options) {
  return kind == TermKind::kEntity ? options.weak_entity_weight : 1.0;
}

}  // namespace

ArticleProfile profile_article(const ArticleFingerprint& fp, StoryIndex& index,
                               const StoryScoreOptions& options) {
  ArticleProfile profile;
  double n = static_cast<double>(index.article_count()) + options.prior_articles;
  double max_idf = std::log(std::max(n, 2.0));
  double norm2 = 0;
  profile.terms.reserve(fp.terms.size());
  for (const KeyTerm& term : fp.terms) {
    WeightedTerm w;
    w.term = &term;
    w.hash = term_hash(term.key);
    double df = static_cast<double>(index.term_articles(term.key));
    w.idf = std::max(0.0, std::log(n / (df + 1)));
    w.rarity = std::min(1.0, w.idf / max_idf);
    if (!is_strong(term.kind))
      w.weight =
          w.idf * kind_weight(term.kind, options) * (term.in_title ? options.title_weight : 1);
    norm2 += w.weight * w.weight;
    profile.terms.push_back(w);
  }
  profile.content_norm = std::sqrt(norm2);
  std::sort(profile.terms.begin(), profile.terms.end(), [](const auto& a, const auto& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.term->key < b.term->key;
  });
  return profile;
}

double story_term_weight(const StoryTerm& term, const Story& story,
                         const StoryScoreOptions& options) {
  if (is_strong(term.kind) || story.articles == 0) return 0;
  double share = (term.articles + (options.title_weight - 1) * term.titles) / story.articles;
  return term.idf * kind_weight(term.kind, options) * share;
}

void update_content_norm(Story& story, const StoryScoreOptions& options) {
  double norm2 = 0;
  for (const StoryTerm& term : story.terms) {
    double w = story_term_weight(term, story, options);
    norm2 += w * w;
  }
  story.content_norm = std::sqrt(norm2);
}

StoryScore score_story(const ArticleProfile& article, const Story& story, int64_t gap,
                       int64_t window, const StoryScoreOptions& options) {
  StoryScore s;
  if (gap > window || window <= 0) return s;
  double dot = 0, keep_out = 1;
  std::vector<std::pair<double, const std::string*>> shared_words;
  // Both profiles are sorted by (hash, key): one merge finds the shared terms.
  auto it = story.terms.begin();
  for (const WeightedTerm& w : article.terms) {
    while (it != story.terms.end() &&
           (it->hash < w.hash || (it->hash == w.hash && it->key < w.term->key)))
      ++it;
    if (it == story.terms.end()) break;
    if (it->hash != w.hash || it->key != w.term->key) continue;
    if (is_strong(w.term->kind)) {
      double share = static_cast<double>(it->articles) / std::max(1u, story.articles);
      keep_out *= 1 - w.rarity * std::min(1.0, share);
      s.shared.push_back(w.term->key);
    } else {
      double product = w.weight * story_term_weight(*it, story, options);
      dot += product;
      shared_words.emplace_back(product, &w.term->key);
    }
  }
  if (article.content_norm > 0 && story.content_norm > 0)
    s.content = std::min(1.0, dot / (article.content_norm * story.content_norm));
  s.entities = 1 - keep_out;
  s.time = 1 - options.time_decay * static_cast<double>(gap) / static_cast<double>(window);
  s.total = (options.content_weight * s.content + options.entity_weight * s.entities) * s.time;
  s.joins = s.content >= options.min_content && s.total >= options.join_threshold;
  size_t listed = std::min<size_t>(shared_words.size(), 6);
  std::partial_sort(shared_words.begin(), shared_words.begin() + listed, shared_words.end(),
                    [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t i = 0; i < listed; ++i) s.shared.push_back(*shared_words[i].second);
  return s;
}

}  // namespace osprey::analyze
