// Relation extraction for one ~5 KB article whose observables and entity
// mentions are already found (the matcher and extractor are not timed).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "osprey/analyze/relations.h"
#include "osprey/kb/matcher.h"
#include "osprey/observables/extractor.h"

namespace {

std::string article() {
  const char* paragraph =
      "Mandiant said APT41 used Cobalt Strike, Mimikatz and PowerShell against hospitals in "
      "Germany. The group also exploited CVE-2021-44228 on exposed servers. According to "
      "Microsoft, Volt Typhoon compromised telecommunications providers in Guam, and it is "
      "likely linked to China. The ShadowPad backdoor contacted the C2 server at 203.0.113.17. "
      "APT43, whose activity was also reported as Kimsuky, targeted think tanks in South Korea. "
      "There is no evidence that APT28 used Mimikatz in this intrusion. Analysts noted a rise in "
      "phishing reports across the region during the quarter.\n";
  std::string text;
  while (text.size() < 5000) text += paragraph;
  return text;
}

void BM_ExtractRelations5KB(benchmark::State& state) {
  auto kb = osprey::kb::KnowledgeBase::load(OSPREY_KB_DIR);
  if (!kb.ok()) std::abort();
  auto matcher = osprey::kb::EntityMatcher::create(kb.value());
  auto extractor = osprey::observables::Extractor::create();
  if (!matcher.ok() || !extractor.ok()) std::abort();
  std::string text = article();
  osprey::Findings findings = extractor.value().extract(text);
  findings.entities = matcher.value().match(text);
  size_t relations = 0;
  for (auto _ : state) {
    auto rs = osprey::analyze::extract_relations(text, findings, &kb.value());
    relations = rs.size();
    benchmark::DoNotOptimize(rs);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["relations"] = static_cast<double>(relations);
  state.counters["bytes"] = static_cast<double>(text.size());
}
BENCHMARK(BM_ExtractRelations5KB)->Unit(benchmark::kMicrosecond);

}  // namespace
