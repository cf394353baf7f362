#include "osprey/model/json.h"

namespace osprey {

void to_json(nlohmann::json& j, const WatchQuery& query) {
  j = nlohmann::json::object();
  for (const WatchField& field : kWatchFields) {
    nlohmann::json terms = nlohmann::json::array();
    for (const WatchTerm& term : query.*field.terms) {
      nlohmann::json t = {{"value", term.value}};
      if (!term.entity_id.empty()) t["entity"] = term.entity_id;
      terms.push_back(std::move(t));
    }
    j[field.name] = std::move(terms);
  }
}

void from_json(const nlohmann::json& j, WatchQuery& query) {
  for (const WatchField& field : kWatchFields) {
    auto& terms = query.*field.terms;
    terms.clear();
    if (!j.contains(field.name) || !j[field.name].is_array()) continue;
    for (const auto& t : j[field.name]) {
      if (!t.is_object()) continue;
      terms.push_back({t.value("value", ""), t.value("entity", "")});
    }
  }
}

void to_json(nlohmann::json& j, const AlertMatch& match) {
  j = {{"field", match.field}, {"value", match.value}};
}

void from_json(const nlohmann::json& j, AlertMatch& match) {
  match.field = j.value("field", "");
  match.value = j.value("value", "");
}

}  // namespace osprey
