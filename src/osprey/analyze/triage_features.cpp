#include "osprey/analyze/triage_features.h"

#include <algorithm>
#include <cmath>

#include "osprey/analyze/lexicon.h"

namespace osprey::analyze {
namespace {

constexpr TriageFeatureInfo kFeatures[kFeatureCount] = {
    {kBias, "bias", "prior"},
    {kActors, "actors", "actor mention"},
    {kMalware, "malware", "malware mention"},
    {kTools, "tools", "tool mention"},
    {kTechniques, "techniques", "attack-technique mention"},
    {kKbVulnerabilities, "kb_vulnerabilities", "named vulnerability"},
    {kCves, "cves", "CVE id"},
    {kNetworkIndicators, "network_indicators", "network indicator"},
    {kHashes, "hashes", "file hash"},
    {kOtherIndicators, "other_indicators", "other indicator"},
    {kSecurityDensity, "security_density", "security vocabulary density"},
    {kIndustryDensity, "industry_density", "industry and policy vocabulary density"},
    {kNoiseDensity, "noise_density", "consumer and business vocabulary density"},
    {kTitleSecurity, "title_security", "security words in the title"},
    {kTitleIndustry, "title_industry", "industry and policy words in the title"},
    {kTitleNoise, "title_noise", "consumer and business words in the title"},
    {kLength, "length", "length"},
    {kNonEnglish, "non_english", "not English"},
};

// Which feature counts a mention or an observable type.
struct TypeRow {
  std::string_view type;
  TriageFeature feature;
};

constexpr TypeRow kMentionTypes[] = {
    {"intrusion-set", kActors},
    {"malware", kMalware},
    {"tool", kTools},
    {"attack-pattern", kTechniques},
    {"vulnerability", kKbVulnerabilities},
};

constexpr TypeRow kObservableTypes[] = {
    {"cve", kCves},
    {"ipv4", kNetworkIndicators},
    {"ipv6", kNetworkIndicators},
    {"cidr", kNetworkIndicators},
    {"domain", kNetworkIndicators},
    {"url", kNetworkIndicators},
    {"email", kNetworkIndicators},
    {"asn", kNetworkIndicators},
    {"md5", kHashes},
    {"sha1", kHashes},
    {"sha256", kHashes},
    {"sha512", kHashes},
    {"ssdeep", kHashes},
    {"imphash", kHashes},
    {"attack-technique", kOtherIndicators},
    {"attack-tactic", kOtherIndicators},
    {"attack-group", kOtherIndicators},
    {"attack-software", kOtherIndicators},
    {"cwe", kOtherIndicators},
    {"btc", kOtherIndicators},
    {"eth", kOtherIndicators},
    {"xmr", kOtherIndicators},
    {"ltc", kOtherIndicators},
    {"doge", kOtherIndicators},
    {"trx", kOtherIndicators},
    {"registry-key", kOtherIndicators},
    {"filename", kOtherIndicators},
};

template <size_t N>
const TypeRow* find_row(const TypeRow (&rows)[N], std::string_view type) {
  for (const TypeRow& r : rows)
    if (r.type == type) return &r;
  return nullptr;
}

constexpr size_t kMaxExamples = 3;

void count(TriageSignals& s, TriageFeature f, const std::string& example) {
  s.raw[f] += 1;
  if (s.examples[f].size() < kMaxExamples) s.examples[f].push_back(example);
}

void count_findings(TriageSignals& s, const Findings& findings) {
  for (const Mention& m : findings.entities)
    if (const TypeRow* row = find_row(kMentionTypes, m.type)) count(s, row->feature, m.name);
  for (const Observable& o : findings.observables)
    if (const TypeRow* row = find_row(kObservableTypes, o.type); row && o.benign.empty())
      count(s, row->feature, o.value);
}

void add_lexicon(TriageSignals& s, const LexiconHits& hits, const LexiconHits& title) {
  constexpr std::pair<Cue, TriageFeature> kDensity[] = {{kSecurityCue, kSecurityDensity},
                                                        {kIndustryCue, kIndustryDensity},
                                                        {kNoiseCue, kNoiseDensity}};
  constexpr std::pair<Cue, TriageFeature> kTitle[] = {
      {kSecurityCue, kTitleSecurity}, {kIndustryCue, kTitleIndustry}, {kNoiseCue, kTitleNoise}};
  for (auto [cue, f] : kDensity) {
    s.raw[f] = hits.density(cue);
    for (std::string_view t : hits.terms[cue]) s.examples[f].emplace_back(t);
  }
  for (auto [cue, f] : kTitle) {
    s.raw[f] = title.weight[cue];
    for (std::string_view t : title.terms[cue]) s.examples[f].emplace_back(t);
  }
  s.raw[kLength] = hits.words;
}

}  // namespace

std::span<const TriageFeatureInfo, kFeatureCount> triage_features() {
  return kFeatures;
}

std::string triage_text(const Article& article) {
  if (article.title.empty()) return article.text;
  return article.title + "\n\n" + article.text;
}

TriageSignals triage_signals(const Article& article, const Findings& findings) {
  TriageSignals s;
  std::string text = triage_text(article);
  s.language = detect_language(text);
  count_findings(s, findings);
  add_lexicon(s, scan_lexicon(text), scan_lexicon(article.title));
  s.raw[kBias] = 1;
  s.raw[kNonEnglish] = (s.language.code != "en" && s.language.code != "und") ? 1 : 0;
  // Model inputs: counts and densities grow by their logarithm, so that the
  // tenth CVE adds less than the first, and are bounded, so that a hostile
  // text cannot push a score past any threshold by repetition alone.
  for (size_t f = 0; f < kFeatureCount; ++f) s.x[f] = std::min(std::log1p(s.raw[f]), 5.0);
  s.x[kBias] = 1;
  s.x[kNonEnglish] = s.raw[kNonEnglish];
  s.x[kLength] = std::min(std::log10(1 + s.raw[kLength]), 6.0);
  return s;
}

}  // namespace osprey::analyze
