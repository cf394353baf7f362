// The knowledge base committed under kb/ (OSPREY_KB_DIR) and a matcher over
// it, each built once per test binary: loading them is the slow part of the
// tests that recognise entities, most of all under the sanitizers.
#pragma once

#include <gtest/gtest.h>

#include "osprey/kb/knowledge_base.h"
#include "osprey/kb/matcher.h"

namespace osprey::testing {

// An empty knowledge base, and a test failure, when kb/ does not load.
inline const kb::KnowledgeBase& committed_kb() {
  static const kb::KnowledgeBase base = [] {
    auto loaded = kb::KnowledgeBase::load(OSPREY_KB_DIR);
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.error().message;
      return kb::KnowledgeBase(kb::KbContents{});
    }
    return std::move(loaded).value();
  }();
  return base;
}

inline const kb::EntityMatcher& committed_matcher() {
  static const kb::EntityMatcher matcher = kb::EntityMatcher::create(committed_kb()).value();
  return matcher;
}

}  // namespace osprey::testing
