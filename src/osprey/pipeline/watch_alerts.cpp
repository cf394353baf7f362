#include "osprey/pipeline/watch_alerts.h"

#include <algorithm>

#include "osprey/pipeline/intel_reports.h"
#include "osprey/watch/watch_matcher.h"

namespace osprey::pipeline {

Result<int> record_alerts(store::Store& store, const std::vector<Watchlist>& watchlists,
                          const store::ArticleInput& input, int64_t article_id, int64_t story_id,
                          int64_t now) {
  if (watchlists.empty() || input.analysis.relevance_label == "noise") return 0;
  watch::ArticleFacts facts(input.article, input.findings);
  int recorded = 0;
  for (const Watchlist& watchlist : watchlists) {
    Alert alert;
    alert.matched = watch::match_watchlist(watchlist, facts);
    if (alert.matched.empty()) continue;
    alert.watchlist_id = watchlist.id;
    alert.article_id = article_id;
    alert.story_id = story_id;
    alert.created_at = now;
    if (!watchlist.webhook.empty()) {
      alert.delivery.status = "pending";
      alert.delivery.next_attempt_at = now;
    }
    auto added = store.add_alert(alert);
    if (!added.ok()) return added.error();
    recorded += added.value();
  }
  return recorded;
}

Result<std::vector<store::StoredArticle>> matching_articles(store::Store& store,
                                                            const Watchlist& watchlist,
                                                            int64_t since, size_t limit) {
  std::vector<store::StoredArticle> matched;
  store::ArticleQuery page;
  page.since = since;
  page.limit = 500;
  for (;;) {
    auto articles = store.list_articles(page);
    if (!articles.ok()) return articles.error();
    for (store::StoredArticle& stored : articles.value()) {
      page.after_id = stored.article.id;
      if (stored.analysis.relevance_label == "noise") continue;
      watch::ArticleFacts facts(stored.article, stored.findings);
      if (watch::match_watchlist(watchlist, facts).empty()) continue;
      stored.article.text.clear();  // briefs only: a wide window keeps no texts in memory
      stored.findings = {};
      matched.push_back(std::move(stored));
    }
    if (articles.value().size() < page.limit) break;
  }
  std::stable_sort(matched.begin(), matched.end(),
                   [](const auto& a, const auto& b) { return article_time(a) > article_time(b); });
  if (matched.size() > limit) matched.resize(limit);
  return matched;
}

}  // namespace osprey::pipeline
