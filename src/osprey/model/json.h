// JSON (de)serialisation of the model types; the field names are a public
// contract documented in README.md.
#pragma once

#include <nlohmann/json.hpp>

#include "osprey/model/observable.h"
#include "osprey/model/watchlist.h"

namespace osprey {

void to_json(nlohmann::json& j, const Span& span);
void from_json(const nlohmann::json& j, Span& span);
void to_json(nlohmann::json& j, const Observable& observable);
void from_json(const nlohmann::json& j, Observable& observable);
void to_json(nlohmann::json& j, const Mention& mention);
void from_json(const nlohmann::json& j, Mention& mention);
void to_json(nlohmann::json& j, const RelationEnd& end);
void from_json(const nlohmann::json& j, RelationEnd& end);
void to_json(nlohmann::json& j, const Relation& relation);
void from_json(const nlohmann::json& j, Relation& relation);
void to_json(nlohmann::json& j, const Findings& findings);
void from_json(const nlohmann::json& j, Findings& findings);
// {"actors": [{"value": "Kimsuky", "entity": "intrusion-set--…"}], "cves": [{"value": …}] …}:
// the stored form, every field present.
void to_json(nlohmann::json& j, const WatchQuery& query);
void from_json(const nlohmann::json& j, WatchQuery& query);
void to_json(nlohmann::json& j, const AlertMatch& match);
void from_json(const nlohmann::json& j, AlertMatch& match);

}  // namespace osprey
