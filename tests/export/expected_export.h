// What an export of a set must contain, computed from the input findings by
// the rules the exporters document (export_model.h, selection.h, stix.h,
// misp.h, tabular.h) rather than by calling the selection code: the oracle
// of the property and round-trip tests. Without a knowledge base (entity
// keys are then the entity ids).
#pragma once

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <tuple>

#include "osprey/export/export_model.h"
#include "osprey/export/stix.h"
#include "osprey/export/uuid5.h"
#include "osprey/observables/registry.h"

namespace osprey::exporting::testing {

// Text as it reads back from JSON output: invalid UTF-8 becomes U+FFFD.
inline std::string as_json_text(const std::string& text) {
  using nlohmann::json;
  return json::parse(json(text).dump(-1, ' ', false, json::error_handler_t::replace))
      .get<std::string>();
}

inline bool expect_included(const ExportArticle& a, const ExportOptions& o) {
  return o.include_noise || a.relevance_label != "noise";
}

inline bool expect_benign(const Observable& o) {
  if (!o.benign.empty()) return true;
  for (const std::string& flag : o.flags)
    if (flag == "private" || flag == "documentation") return true;  // the flags the generator sets
  return false;
}

inline bool expect_kept(const Observable& o, const ExportOptions& options) {
  return options.include_benign || !expect_benign(o);
}

// A relation survives when it is neither negated nor hedged unless asked,
// and (unless negated) reaches the minimum confidence, hedged at half.
inline bool expect_relation_kept(const Relation& r, const ExportOptions& o) {
  if (r.negated) return o.include_negated;
  if (r.hedged && !o.include_hedged) return false;
  int confidence = static_cast<int>(std::lround(r.confidence * 100));
  if (r.hedged) confidence /= 2;
  return confidence >= o.min_confidence;
}

inline std::string expect_link(const Article& a) {
  if (!a.canonical_url.empty()) return a.canonical_url;
  return a.url.empty() ? a.source : a.url;
}

inline std::string expect_story_key(const ExportStory& story) {
  if (story.id != 0) return "story|" + std::to_string(story.id);
  return "article|" + (story.articles.empty() ? "" : expect_link(story.articles.front().article));
}

inline std::string upper_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

// Observables that become STIX indicators: those with a pattern, apart from
// CVEs (vulnerabilities) and ATT&CK techniques (attack patterns).
inline bool expect_indicator(const Observable& o) {
  return o.type != "cve" && o.type != "attack-technique" && !stix_pattern(o.type, o.value).empty();
}

inline std::string expect_indicator_id(const Observable& o) {
  return osprey_stix_id("indicator", "indicator|" + o.type + "|" + o.value);
}

// The STIX relationship vocabulary the issue asks for, by the types of both ends.
inline std::string expect_relationship_type(const std::string& predicate, const std::string& s,
                                            const std::string& t) {
  auto in = [](const std::string& x, std::initializer_list<const char*> set) {
    for (const char* y : set)
      if (x == y) return true;
    return false;
  };
  const bool actor = s == "intrusion-set";
  if (predicate == "targets" && in(s, {"intrusion-set", "malware", "tool"}) &&
      in(t, {"identity", "location", "vulnerability"}))
    return "targets";
  if (predicate == "uses" &&
      ((in(s, {"intrusion-set", "malware"}) && in(t, {"malware", "tool", "attack-pattern"})) ||
       (s == "tool" && t == "attack-pattern")))
    return "uses";
  if ((predicate == "attributed-to" || predicate == "originates-from") &&
      in(s, {"intrusion-set", "malware"}) && t == "location")
    return "originates-from";
  if (predicate == "attributed-to" && actor && in(t, {"identity", "threat-actor"}))
    return "attributed-to";
  if (predicate == "exploits" && t == "vulnerability")
    return s == "malware"                     ? "exploits"
           : in(s, {"intrusion-set", "tool"}) ? "targets"
                                              : "related-to";
  if (predicate == "indicates" && s == "indicator" &&
      in(t, {"intrusion-set", "malware", "tool", "attack-pattern"}))
    return "indicates";
  return "related-to";
}

using Triple = std::tuple<std::string, std::string, std::string>;  // source, type, target

struct ExpectedStix {
  std::set<std::string> reports;
  std::set<std::pair<std::string, std::string>> indicators;  // id, pattern
  std::set<Triple> relationships;
};

inline ExpectedStix expect_stix(const ExportSet& set, const ExportOptions& options) {
  ExpectedStix out;
  for (const ExportStory& story : set.stories) {
    std::set<std::string> indicators;  // this story's indicator ids
    bool any = false;
    for (const ExportArticle& a : story.articles) {
      if (!expect_included(a, options)) continue;
      any = true;
      for (const Observable& o : a.findings.observables)
        if (expect_kept(o, options) && expect_indicator(o)) {
          indicators.insert(expect_indicator_id(o));
          out.indicators.insert(
              {expect_indicator_id(o), as_json_text(stix_pattern(o.type, o.value))});
        }
    }
    if (!any) continue;
    out.reports.insert(osprey_stix_id("report", "report|" + expect_story_key(story)));
    auto end = [&](const RelationEnd& e) -> std::string {
      if (e.kind == "entity") {
        std::string type = e.type == "sector" || e.type == "organization" ? "identity" : e.type;
        if (type != "identity" && type != "intrusion-set" && type != "malware" && type != "tool" &&
            type != "attack-pattern" && type != "vulnerability" && type != "location")
          return {};
        return osprey_stix_id(type, type + "|" + (e.id.empty() ? e.name : e.id));
      }
      if (e.type == "cve")
        return osprey_stix_id("vulnerability", "vulnerability|" + upper_ascii(e.id));
      if (e.type == "attack-technique")
        return osprey_stix_id("attack-pattern", "attack-pattern|" + e.id);
      std::string id = osprey_stix_id("indicator", "indicator|" + e.type + "|" + e.id);
      return indicators.count(id) ? id : std::string();
    };
    for (const ExportArticle& a : story.articles) {
      if (!expect_included(a, options)) continue;
      for (const Relation& r : a.findings.relations) {
        if (!expect_relation_kept(r, options)) continue;
        std::string source = end(r.subject), target = end(r.object);
        if (source.empty() || target.empty() || source == target) continue;
        std::string predicate = r.predicate;
        auto type_of = [](const std::string& id) { return id.substr(0, id.find("--")); };
        if (type_of(target) == "indicator" && type_of(source) != "indicator") {
          std::swap(source, target);
          predicate = "indicates";
        }
        out.relationships.insert(
            {source, expect_relationship_type(predicate, type_of(source), type_of(target)),
             target});
      }
    }
  }
  return out;
}

}  // namespace osprey::exporting::testing
