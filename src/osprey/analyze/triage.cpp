#include "osprey/analyze/triage.h"

#include <algorithm>
#include <cstdio>
#include <numeric>

namespace osprey::analyze {
namespace {

// A feature's pull towards the chosen label must reach this (in logits) to
// be cited as a reason.
constexpr double kCiteThreshold = 0.1;
constexpr size_t kMaxReasons = 4;

std::string fixed1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string list(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// "3 actor mentions (APT28, Kimsuky …)", "security vocabulary density 4.1% (ransomware, …)".
std::string describe_feature(const TriageSignals& s, TriageFeature f) {
  const TriageFeatureInfo& info = triage_features()[f];
  std::string what(info.what);
  const std::vector<std::string>& ex = s.examples[f];
  std::string examples = ex.empty() ? "" : " (" + list(ex) + ")";
  switch (f) {
    case kSecurityDensity:
    case kIndustryDensity:
    case kNoiseDensity:
      return what + " " + fixed1(s.raw[f]) + "%" + examples;
    case kTitleSecurity:
    case kTitleIndustry:
    case kTitleNoise:
      return what + examples;
    case kLength:
      return (s.raw[f] < 40 ? "short text (" : "length (") +
             std::to_string(static_cast<long long>(s.raw[f])) + " words)";
    case kNonEnglish:
      return "language " + s.language.code;
    default: {
      auto n = static_cast<long long>(s.raw[f]);
      return std::to_string(n) + " " + what + (n == 1 ? "" : "s") + examples;
    }
  }
}

bool has_security_signals(const TriageSignals& s) {
  for (TriageFeature f : {kActors, kMalware, kTools, kTechniques, kKbVulnerabilities, kCves,
                          kNetworkIndicators, kHashes, kOtherIndicators})
    if (s.raw[f] > 0) return true;
  return false;
}

// The features that pulled hardest towards `chosen` rather than `runner_up`.
std::vector<std::string> reasons(const TriageSignals& s, const TriageModel& model, size_t chosen,
                                 size_t runner_up) {
  std::array<double, kFeatureCount> pull{};
  for (size_t f = 0; f < kFeatureCount; ++f)
    pull[f] = s.x[f] * (model.weights[chosen][f] - model.weights[runner_up][f]);
  std::array<size_t, kFeatureCount> order;
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return pull[a] > pull[b]; });
  std::vector<std::string> out;
  for (size_t f : order) {
    if (out.size() == kMaxReasons || pull[f] < kCiteThreshold) break;
    // Absence and language are stated below, not cited.
    if (f == kBias || f == kNonEnglish || s.raw[f] == 0) continue;
    out.push_back(describe_feature(s, static_cast<TriageFeature>(f)));
  }
  if (chosen != kSecurity && !has_security_signals(s))
    out.push_back("no known actors, malware, CVE ids or indicators");
  if (s.raw[kNonEnglish] > 0)
    out.push_back("language " + s.language.code +
                  ": English vocabulary does not apply; scored on language-independent signals "
                  "(CVE ids, indicators, known names) and the multilingual term list");
  return out;
}

}  // namespace

Relevance triage(const TriageSignals& signals, const TriageModel& model) {
  Relevance r;
  r.language = signals.language.code;
  if (signals.raw[kLength] == 0) {
    r.label = std::string(kTriageLabels[kNoise]);
    r.reasons = {"empty text"};
    return r;
  }
  std::array<double, kLabelCount> p = model.probabilities(signals.x);
  std::array<size_t, kLabelCount> rank = {kSecurity, kBorderline, kNoise};
  std::stable_sort(rank.begin(), rank.end(), [&](size_t a, size_t b) { return p[a] > p[b]; });
  r.score = std::clamp(p[kSecurity] + 0.5 * p[kBorderline], 0.0, 1.0);
  r.label = std::string(kTriageLabels[rank[0]]);
  r.reasons = reasons(signals, model, rank[0], rank[1]);
  return r;
}

Relevance triage(const Article& article, const Findings& findings, const TriageModel& model) {
  return triage(triage_signals(article, findings), model);
}

Relevance triage(const Article& article, const Findings& findings) {
  return triage(article, findings, TriageModel::builtin());
}

}  // namespace osprey::analyze
