// What triage looks at: one row per feature, each a number computed from an
// Article and its Findings. The rows are declarative (name, what it
// measures); the model file names its weights by these names, and reasons
// are phrased from the raw values kept beside the model inputs.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "osprey/analyze/language.h"
#include "osprey/model/article.h"
#include "osprey/model/observable.h"

namespace osprey::analyze {

enum TriageFeature : size_t {
  kBias,               // always 1
  kActors,             // KB intrusion sets named
  kMalware,            // KB malware families named
  kTools,              // KB tools named
  kTechniques,         // KB attack patterns named
  kKbVulnerabilities,  // KB branded vulnerabilities named (Shellshock …)
  kCves,               // distinct CVE ids
  kNetworkIndicators,  // IPs, domains, URLs, e-mail addresses, ASNs (not benign)
  kHashes,             // MD5, SHA-1/256/512, ssdeep, imphash
  kOtherIndicators,    // ATT&CK ids, CWE ids, wallets, registry keys, file names
  kSecurityDensity,    // security vocabulary per 100 words
  kIndustryDensity,    // security-industry and privacy-policy vocabulary per 100 words
  kNoiseDensity,       // consumer-tech, business and other noise vocabulary per 100 words
  kTitleSecurity,      // security words in the title
  kTitleIndustry,      // industry and policy words in the title
  kTitleNoise,         // noise words in the title
  kLength,             // words in title and text
  kNonEnglish,         // 1 when the text is confidently in another language
  kFeatureCount
};

struct TriageFeatureInfo {
  TriageFeature feature;
  std::string_view name;  // the key in the model file
  std::string_view what;  // for reasons: "actor mention", "security vocabulary density" …
};

// The rows, in enum order.
std::span<const TriageFeatureInfo, kFeatureCount> triage_features();

using FeatureVector = std::array<double, kFeatureCount>;

// The model inputs of one article, with what a reason needs to cite them.
struct TriageSignals {
  FeatureVector x{};    // model inputs: log-scaled counts and densities, bounded
  FeatureVector raw{};  // the same before scaling: counts, percentages, words
  std::array<std::vector<std::string>, kFeatureCount> examples;  // names, ids, terms (a few)
  LanguageGuess language;
};

// Computes every feature. `findings` come from the extractor and matcher run
// over the same article (title and text); pure, never fails.
TriageSignals triage_signals(const Article& article, const Findings& findings);

// The text triage reads: the title, a blank line, the main text. Run the
// extractor and matcher over this to get the findings triage expects.
std::string triage_text(const Article& article);

}  // namespace osprey::analyze
