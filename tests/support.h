// Helpers shared by the tests.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "osprey/model/observable.h"
#include "osprey/observables/extractor.h"

namespace osprey::testing {

// One extractor for the whole test binary (compiling patterns is the slow part).
inline const observables::Extractor& extractor() {
  static const observables::Extractor instance = [] {
    auto e = observables::Extractor::create();
    if (!e.ok()) std::abort();
    return std::move(e).value();
  }();
  return instance;
}

inline Findings extract(std::string_view text, const observables::ExtractOptions& options = {}) {
  return extractor().extract(text, options);
}

// The values of one type, in order of first appearance.
inline std::vector<std::string> values(const Findings& f, std::string_view type) {
  std::vector<std::string> out;
  for (const Observable& o : f.observables)
    if (o.type == type) out.push_back(o.value);
  return out;
}

inline std::vector<std::string> values(std::string_view text, std::string_view type) {
  return values(extract(text), type);
}

// The single observable of `type` (nullptr when there is none or several).
inline const Observable* only(const Findings& f, std::string_view type) {
  const Observable* found = nullptr;
  for (const Observable& o : f.observables) {
    if (o.type != type) continue;
    if (found) return nullptr;
    found = &o;
  }
  return found;
}

// A vector of strings from literals, for EXPECT_EQ against values().
inline std::vector<std::string> strings(std::initializer_list<const char*> list) {
  return std::vector<std::string>(list.begin(), list.end());
}

// Every (type, value) pair, for "nothing at all was found" style assertions.
inline std::vector<std::string> all_pairs(const Findings& f) {
  std::vector<std::string> out;
  for (const Observable& o : f.observables) out.push_back(o.type + ":" + o.value);
  return out;
}

}  // namespace osprey::testing
