#include "osprey/analyze/analyzer.h"

#include <set>

#include "osprey/analyze/relations.h"
#include "osprey/analyze/triage.h"
#include "osprey/kb/kb_dir.h"

namespace osprey::analyze {

Result<std::unique_ptr<Analyzer>> Analyzer::create(const AnalyzerOptions& options) {
  auto extractor = observables::Extractor::create();
  if (!extractor.ok()) return extractor.error();
  std::unique_ptr<Analyzer> analyzer(new Analyzer(std::move(extractor).value(), options));
  if (!options.entities) return analyzer;
  Result<std::string> dir = options.kb_dir.empty() ? kb::find_kb_dir(kb::default_kb_search())
                                                   : Result<std::string>(options.kb_dir);
  if (!dir.ok()) {
    analyzer->warnings_.push_back("no knowledge base, entities are not recognised (" +
                                  dir.error().message + ")");
    return analyzer;
  }
  auto loaded = kb::KnowledgeBase::load(dir.value());
  if (!loaded.ok()) {
    analyzer->warnings_.push_back(loaded.error().message + "; entities are not recognised");
    return analyzer;
  }
  analyzer->kb_ = std::make_unique<kb::KnowledgeBase>(std::move(loaded).value());
  auto matcher = kb::EntityMatcher::create(*analyzer->kb_);
  if (!matcher.ok()) {
    analyzer->warnings_.push_back(matcher.error().message + "; entities are not recognised");
    return analyzer;
  }
  analyzer->matcher_ = std::make_unique<kb::EntityMatcher>(std::move(matcher).value());
  return analyzer;
}

Findings Analyzer::analyze(const Article& article) const {
  Findings findings = extractor_.extract(article.text, options_.extract);
  if (matcher_) {
    findings.entities = matcher_->match(article.text);
    findings.relations = extract_relations(article.text, findings, kb_.get());
  }
  findings.source = article.url.empty() ? article.source : article.url;
  return findings;
}

Relevance Analyzer::triage(const Article& article, const Findings& text_findings) const {
  if (article.title.empty()) return analyze::triage(article, text_findings);
  Findings merged = text_findings;
  Findings title = extractor_.extract(article.title, options_.extract);
  if (matcher_) title.entities = matcher_->match(article.title);
  std::set<std::pair<std::string, std::string>> seen;
  for (const Observable& o : merged.observables) seen.emplace(o.type, o.value);
  for (const Mention& m : merged.entities) seen.emplace(m.type, m.id);
  for (Observable& o : title.observables) {
    if (seen.emplace(o.type, o.value).second) merged.observables.push_back(std::move(o));
  }
  for (Mention& m : title.entities) {
    if (seen.emplace(m.type, m.id).second) merged.entities.push_back(std::move(m));
  }
  return analyze::triage(article, merged);
}

}  // namespace osprey::analyze
