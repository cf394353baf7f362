// Everything Osprey finds in one article, made from the engines that are
// expensive to build (compiled patterns, the knowledge base and its matcher)
// once for a whole run. Pure over (Article, knowledge base).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "osprey/kb/knowledge_base.h"
#include "osprey/kb/matcher.h"
#include "osprey/model/article.h"
#include "osprey/model/observable.h"
#include "osprey/model/relevance.h"
#include "osprey/model/result.h"
#include "osprey/observables/extractor.h"

namespace osprey::analyze {

struct AnalyzerOptions {
  std::string kb_dir;    // empty: the default search (OSPREY_KB, kb/ beside the program)
  bool entities = true;  // false: observables only, no knowledge base is loaded
  observables::ExtractOptions extract;
};

class Analyzer {
 public:
  // Fails only when the observable patterns cannot be compiled. A missing
  // knowledge base is not an error: entities are then not recognised and
  // warnings() says why.
  static Result<std::unique_ptr<Analyzer>> create(const AnalyzerOptions& options = {});

  // Observables, entity mentions and the relations between them (with a
  // knowledge base) in the article's text; spans are byte
  // offsets into Article::text.
  Findings analyze(const Article& article) const;

  // The article's relevance (analyze/triage.h) from its text's findings plus
  // what its title names: the model was trained on title and text together.
  Relevance triage(const Article& article, const Findings& text_findings) const;

  bool has_entities() const { return matcher_ != nullptr; }
  const kb::KnowledgeBase* knowledge_base() const { return kb_.get(); }
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  Analyzer(observables::Extractor extractor, const AnalyzerOptions& options)
      : extractor_(std::move(extractor)), options_(options) {}

  observables::Extractor extractor_;
  AnalyzerOptions options_;
  std::unique_ptr<kb::KnowledgeBase> kb_;
  std::unique_ptr<kb::EntityMatcher> matcher_;
  std::vector<std::string> warnings_;
};

}  // namespace osprey::analyze
