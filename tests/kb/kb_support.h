// Helpers shared by the knowledge-base tests: the fixture source folder
// (tests/fixtures/kb/source, hand-written excerpts in the upstream formats),
// the knowledge base built from it once per test binary, and scratch folders.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "osprey/kb/builder.h"
#include "osprey/kb/knowledge_base.h"

namespace osprey::testing {

inline std::string kb_source_dir() {
  return std::string(OSPREY_FIXTURES) + "/kb/source";
}

// A fresh empty folder under the temporary directory, unique per call.
inline std::filesystem::path kb_scratch(const std::string& name) {
  static int counter = 0;
  auto dir =
      std::filesystem::temp_directory_path() /
      ("osprey-kb-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::string slurp_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_text(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// The knowledge base built from the fixtures, once.
inline const kb::BuildResult& fixture_build() {
  static const kb::BuildResult result = [] {
    auto built = kb::build_kb(kb_source_dir(), {"2025-01-02"});
    if (!built.ok()) {
      ADD_FAILURE() << built.error().message;
      return kb::BuildResult{};
    }
    return std::move(built).value();
  }();
  return result;
}

inline const kb::KnowledgeBase& fixture_kb() {
  static const kb::KnowledgeBase base(fixture_build().contents);
  return base;
}

// The canonical names of the entities a lookup returns, in order.
inline std::vector<std::string> looked_up(const kb::KnowledgeBase& base, std::string_view name) {
  std::vector<std::string> out;
  for (const kb::Match& m : base.lookup(name)) out.push_back(m.entity->name);
  return out;
}

inline bool has_alias(const kb::Entity& e, std::string_view name) {
  return std::any_of(e.aliases.begin(), e.aliases.end(),
                     [name](const kb::Alias& a) { return a.name == name; });
}

inline const kb::Alias* alias_of(const kb::Entity& e, std::string_view name) {
  for (const kb::Alias& a : e.aliases)
    if (a.name == name) return &a;
  return nullptr;
}

inline bool has_relation(const kb::KnowledgeBase& base, const std::string& from,
                         std::string_view predicate, const std::string& to) {
  for (const kb::Relation* r : base.relations_from(from))
    if (r->predicate == predicate && r->to == to) return true;
  return false;
}

}  // namespace osprey::testing
