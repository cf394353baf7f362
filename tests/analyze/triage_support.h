// Helpers shared by the triage tests: findings for an article as the
// pipeline computes them (with the committed knowledge base's matcher), and
// the hand-written datasets.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "committed_kb.h"
#include "osprey/analyze/triage.h"
#include "osprey/analyze/triage_training.h"
#include "support.h"

namespace osprey::testing {

// Observables and entities of the article's triage text.
inline Findings triage_findings(const Article& article) {
  std::string text = analyze::triage_text(article);
  Findings f = extract(text);
  f.entities = committed_matcher().match(text);
  return f;
}

inline Article article(std::string title, std::string text) {
  Article a;
  a.title = std::move(title);
  a.text = std::move(text);
  return a;
}

inline Relevance triage_of(const std::string& title, const std::string& text) {
  Article a = article(title, text);
  return analyze::triage(a, triage_findings(a));
}

inline std::vector<analyze::TriageSample> triage_dataset(const std::string& name) {
  std::string path = std::string(OSPREY_FIXTURES) + "/triage/" + name;
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  auto items = analyze::parse_triage_dataset(ss.str(), path);
  if (!items.ok()) {
    ADD_FAILURE() << items.error().message;
    return {};
  }
  return std::move(items).value();
}

inline std::vector<analyze::TriageExample> triage_examples(const std::string& name) {
  std::vector<analyze::TriageExample> out;
  for (const analyze::TriageSample& item : triage_dataset(name))
    out.push_back(
        {analyze::triage_signals(item.article, triage_findings(item.article)), item.label});
  return out;
}

}  // namespace osprey::testing
