#include <nlohmann/json.hpp>

#include "osprey/model/relevance.h"

namespace osprey {

void to_json(nlohmann::json& j, const Relevance& relevance) {
  j = nlohmann::json{{"score", relevance.score},
                     {"label", relevance.label},
                     {"language", relevance.language},
                     {"reasons", relevance.reasons}};
}

void from_json(const nlohmann::json& j, Relevance& relevance) {
  relevance.score = j.value("score", 0.0);
  relevance.label = j.value("label", "");
  relevance.language = j.value("language", "");
  relevance.reasons = j.value("reasons", std::vector<std::string>{});
}

}  // namespace osprey
