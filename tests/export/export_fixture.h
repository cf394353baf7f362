// Realistic export input for the exporter tests: the real Analyzer (with the
// committed knowledge base) run over a fixture article, plus relations built
// from what it found (relation inference is a later stage), including a
// hedged and a negated one, and a noise article.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "osprey/analyze/analyzer.h"
#include "osprey/export/export_model.h"

namespace osprey::exporting::testing {

inline const analyze::Analyzer& analyzer() {
  static const std::unique_ptr<analyze::Analyzer> instance = [] {
    analyze::AnalyzerOptions options;
    const char* dir = std::getenv("OSPREY_KB_DIR");
    options.kb_dir = dir && *dir ? dir : OSPREY_KB_DIR;
    auto created = analyze::Analyzer::create(options);
    if (!created.ok()) std::abort();
    return std::move(created).value();
  }();
  return *instance;
}

inline std::string read_fixture(const std::string& name) {
  std::ifstream in(std::string(OSPREY_FIXTURES) + "/export/" + name, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline const Mention* mention_named(const Findings& f, const std::string& name) {
  for (const Mention& m : f.entities)
    if (m.name == name || m.alias == name) return &m;
  return nullptr;
}

inline RelationEnd entity_end(const Mention& m) {
  return {"entity", m.type, m.id, m.name};
}

inline RelationEnd observable_end(const std::string& type, const std::string& value) {
  return {"observable", type, value, value};
}

inline Relation relation(std::string predicate, RelationEnd subject, RelationEnd object,
                         std::string sentence, double confidence) {
  Relation r;
  r.predicate = std::move(predicate);
  r.subject = std::move(subject);
  r.object = std::move(object);
  r.sentence = std::move(sentence);
  r.confidence = confidence;
  return r;
}

// Adds the relations a relation stage would infer from the fixture text.
inline void add_relations(Findings& f) {
  const Mention* actor = mention_named(f, "APT29");
  if (!actor) return;
  const std::string lead =
      "APT29, a group sponsored by Russia, has targeted European embassies and healthcare "
      "organisations in Germany with a new wave of spearphishing attachments (T1566.001).";
  for (const Mention& m : f.entities) {
    if (m.id == actor->id) continue;
    if (m.type == "malware" || m.type == "tool" || m.type == "attack-pattern")
      f.relations.push_back(relation("uses", entity_end(*actor), entity_end(m), lead, 0.8));
    if (m.type == "sector" || (m.type == "location" && m.role != "sponsor"))
      f.relations.push_back(relation("targets", entity_end(*actor), entity_end(m), lead, 0.75));
    if (m.type == "location" && m.role == "sponsor")
      f.relations.push_back(
          relation("attributed-to", entity_end(*actor), entity_end(m), lead, 0.7));
  }
  f.relations.push_back(
      relation("exploits", entity_end(*actor), observable_end("cve", "CVE-2023-23397"),
               "The attackers exploited CVE-2023-23397 in Microsoft Outlook.", 0.8));
  f.relations.push_back(relation("indicates", observable_end("domain", "update-cdn.net"),
                                 entity_end(*actor), "connects to hxxps://update-cdn[.]net", 0.6));
  if (const Mention* cs = mention_named(f, "Cobalt Strike"))
    f.relations.push_back(relation("exploits", entity_end(*cs),
                                   observable_end("cve", "CVE-2023-23397"),
                                   "drops a Cobalt Strike beacon", 0.5));
  if (const Mention* lazarus = mention_named(f, "Lazarus Group")) {
    Relation negated = relation("related-to", entity_end(*actor), entity_end(*lazarus),
                                "The campaign was not linked to Lazarus Group.", 0.7);
    negated.negated = true;
    f.relations.push_back(negated);
  }
  if (const Mention* turla = mention_named(f, "Turla")) {
    Relation hedged =
        relation("uses", entity_end(*turla), observable_end("domain", "update-cdn.net"),
                 "the domain update-cdn[.]net was possibly also used by Turla.", 0.6);
    hedged.hedged = true;
    f.relations.push_back(hedged);
  }
}

inline ExportArticle fixture_article(const std::string& file, const std::string& url,
                                     const std::string& title, int64_t published) {
  ExportArticle a;
  a.article.url = url;
  a.article.source = "https://news.example/feed.xml";
  a.article.title = title;
  a.article.site_name = "Example News";
  a.article.published_at = published;
  a.article.text = read_fixture(file);
  a.findings = analyzer().analyze(a.article);
  add_relations(a.findings);
  a.relevance_label = "security";
  a.relevance_score = 0.92;
  return a;
}

// Two stories: one from two outlets, and a noise article on its own.
inline ExportSet fixture_set() {
  ExportSet set;
  set.generated_at = 1730801700;  // 2024-11-05T10:15:00Z
  ExportStory story;
  story.id = 42;
  story.title = "APT29 phishes European embassies with Cobalt Strike";
  story.first_seen = 1730795000;
  story.last_seen = 1730800000;
  story.articles.push_back(fixture_article("apt29-embassy-phishing.txt",
                                           "https://news.example/apt29-embassies",
                                           "APT29 targets embassies", 1730795000));
  ExportArticle second =
      fixture_article("apt29-embassy-phishing.txt", "https://other.example/cozy-bear-phishing",
                      "Cozy Bear phishing wave", 1730800000);
  second.article.site_name = "Other Outlet";
  story.articles.push_back(second);
  set.stories.push_back(story);

  ExportStory noise;
  ExportArticle n;
  n.article.url = "https://shop.example/deals";
  n.article.title = "Ten gadgets on sale";
  n.article.published_at = 1730790000;
  n.article.text = "Buy the router at 198.51.100.99 for half price, visit shop-deals.example.";
  n.findings = analyzer().analyze(n.article);
  n.relevance_label = "noise";
  n.relevance_score = 0.05;
  noise.articles.push_back(n);
  set.stories.push_back(noise);
  return set;
}

inline ExportOptions fixture_options() {
  ExportOptions options;
  options.kb = analyzer().knowledge_base();
  return options;
}

}  // namespace osprey::exporting::testing
