#include "osprey/pipeline/watch_reports.h"

#include "osprey/export/formats.h"
#include "osprey/model/json.h"

namespace osprey::pipeline {

nlohmann::json watchlist_json(const Watchlist& watchlist) {
  nlohmann::json query = nlohmann::json::object();
  for (const WatchField& field : kWatchFields) {
    nlohmann::json values = nlohmann::json::array();
    for (const WatchTerm& term : watchlist.query.*field.terms) values.push_back(term.value);
    query[field.name] = std::move(values);
  }
  return {{"id", watchlist.id},
          {"name", watchlist.name},
          {"query", std::move(query)},
          {"webhook", watchlist.webhook},
          {"created_at", exporting::rfc3339_millis(watchlist.created_at)},
          {"alerts", watchlist.alerts}};
}

nlohmann::json alert_json(const Alert& alert) {
  return {{"id", alert.id},
          {"watchlist", {{"id", alert.watchlist_id}, {"name", alert.watchlist_name}}},
          {"article",
           {{"id", alert.article_id}, {"title", alert.article_title}, {"url", alert.article_url}}},
          {"story", alert.story_id ? nlohmann::json(alert.story_id) : nlohmann::json(nullptr)},
          {"matched", alert.matched},
          {"created_at", exporting::rfc3339_millis(alert.created_at)},
          {"delivery",
           {{"status", alert.delivery.status},
            {"attempts", alert.delivery.attempts},
            {"last_error", alert.delivery.last_error}}}};
}

}  // namespace osprey::pipeline
