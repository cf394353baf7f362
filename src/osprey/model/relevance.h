// The triage result for one article: how relevant it is to security, the
// label an analyst would give it, and why.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace osprey {

struct Relevance {
  double score = 0;      // 0..1: P(security) + P(borderline) / 2
  std::string label;     // "security" | "borderline" | "noise"
  std::string language;  // detected BCP 47 primary tag ("en", "de" …), "und" when unsure
  // Human-readable, strongest first: "2 CVE ids", "3 actor mentions (APT28 …)",
  // "security vocabulary density 4.1%", "language de: …".
  std::vector<std::string> reasons;
};

// JSON: {"score", "label", "language", "reasons"}; part of the public contract.
void to_json(nlohmann::json& j, const Relevance& relevance);
void from_json(const nlohmann::json& j, Relevance& relevance);

}  // namespace osprey
