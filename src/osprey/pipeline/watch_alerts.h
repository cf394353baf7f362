// Where ingestion meets the watchlists: a newly stored (or re-versioned)
// article is matched against every watchlist (watch/watch_matcher.h) and an
// alert is recorded for each that matches, in the article's transaction.
// Delivery is only recorded as pending; webhook_delivery.h posts it later,
// so a slow webhook never holds up ingestion.
#pragma once

#include <cstdint>
#include <vector>

#include "osprey/model/result.h"
#include "osprey/model/watchlist.h"
#include "osprey/store/store.h"

namespace osprey::pipeline {

// Records the alerts the stored article `input` (now `article_id`, in
// `story_id` or 0) raises: none when triage called it noise, at most one per
// watchlist and article (a watchlist that already alerted for it stays
// quiet). A watchlist with a webhook gets a delivery pending from `now`.
// Returns how many alerts were recorded.
Result<int> record_alerts(store::Store& store, const std::vector<Watchlist>& watchlists,
                          const store::ArticleInput& input, int64_t article_id, int64_t story_id,
                          int64_t now);

// The stored articles since `since` (noise aside) that `watchlist` matches,
// newest first, at most `limit`: what it would have alerted for. Reads every
// article in that window, so the caller bounds `since`.
Result<std::vector<store::StoredArticle>> matching_articles(store::Store& store,
                                                            const Watchlist& watchlist,
                                                            int64_t since, size_t limit);

}  // namespace osprey::pipeline
