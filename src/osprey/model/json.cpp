#include "osprey/model/json.h"

namespace osprey {

void to_json(nlohmann::json& j, const Span& span) {
  j = nlohmann::json{{"start", span.start}, {"end", span.end}};
}

void from_json(const nlohmann::json& j, Span& span) {
  span.start = j.at("start").get<uint64_t>();
  span.end = j.at("end").get<uint64_t>();
}

// Optional fields are written only when set, so the common case stays short.
void to_json(nlohmann::json& j, const Observable& o) {
  j = nlohmann::json{{"type", o.type},   {"value", o.value}, {"defanged", o.defanged},
                     {"spans", o.spans}, {"count", o.count}, {"context", o.context},
                     {"flags", o.flags}};
  if (!o.unicode.empty()) j["unicode"] = o.unicode;
  if (!o.benign.empty()) j["benign"] = o.benign;
  if (!o.rule.empty()) j["rule"] = o.rule;
}

void from_json(const nlohmann::json& j, Observable& o) {
  o.type = j.at("type").get<std::string>();
  o.value = j.at("value").get<std::string>();
  o.unicode = j.value("unicode", "");
  o.defanged = j.value("defanged", false);
  o.spans = j.value("spans", std::vector<Span>{});
  o.count = j.value("count", uint64_t{o.spans.size()});
  o.context = j.value("context", "");
  o.flags = j.value("flags", std::vector<std::string>{});
  o.benign = j.value("benign", "");
  o.rule = j.value("rule", "");
}

void to_json(nlohmann::json& j, const Mention& m) {
  j = nlohmann::json{{"type", m.type},
                     {"id", m.id},
                     {"name", m.name},
                     {"alias", m.alias},
                     {"confidence", m.confidence},
                     {"spans", m.spans},
                     {"count", m.count},
                     {"reasons", m.reasons}};
  if (!m.role.empty()) j["role"] = m.role;
}

void from_json(const nlohmann::json& j, Mention& m) {
  m.type = j.at("type").get<std::string>();
  m.id = j.value("id", "");
  m.name = j.value("name", "");
  m.alias = j.value("alias", "");
  m.role = j.value("role", "");
  m.confidence = j.value("confidence", 0.0);
  m.reasons = j.value("reasons", std::vector<std::string>{});
  m.spans = j.value("spans", std::vector<Span>{});
  m.count = j.value("count", uint64_t{m.spans.size()});
}

void to_json(nlohmann::json& j, const RelationEnd& e) {
  j = nlohmann::json{{"kind", e.kind}, {"type", e.type}, {"id", e.id}, {"name", e.name}};
}

void from_json(const nlohmann::json& j, RelationEnd& e) {
  e.kind = j.value("kind", "");
  e.type = j.value("type", "");
  e.id = j.value("id", "");
  e.name = j.value("name", "");
}

void to_json(nlohmann::json& j, const Relation& r) {
  j = nlohmann::json{
      {"predicate", r.predicate}, {"subject", r.subject},   {"object", r.object},
      {"evidence", r.evidence},   {"sentence", r.sentence}, {"confidence", r.confidence},
      {"negated", r.negated},     {"hedged", r.hedged},     {"reasons", r.reasons}};
  if (!r.reported_by.empty()) j["reported_by"] = r.reported_by;
}

void from_json(const nlohmann::json& j, Relation& r) {
  r.predicate = j.at("predicate").get<std::string>();
  r.subject = j.value("subject", RelationEnd{});
  r.object = j.value("object", RelationEnd{});
  r.evidence = j.value("evidence", Span{});
  r.sentence = j.value("sentence", "");
  r.confidence = j.value("confidence", 0.0);
  r.negated = j.value("negated", false);
  r.hedged = j.value("hedged", false);
  r.reported_by = j.value("reported_by", "");
  r.reasons = j.value("reasons", std::vector<std::string>{});
}

void to_json(nlohmann::json& j, const Findings& f) {
  j = nlohmann::json{{"source", f.source}, {"bytes", f.bytes}, {"observables", f.observables}};
  j["entities"] = f.entities;
  if (!f.relations.empty()) j["relations"] = f.relations;
}

void from_json(const nlohmann::json& j, Findings& f) {
  f.source = j.value("source", "");
  f.bytes = j.value("bytes", uint64_t{0});
  f.observables = j.value("observables", std::vector<Observable>{});
  f.entities = j.value("entities", std::vector<Mention>{});
  f.relations = j.value("relations", std::vector<Relation>{});
}

}  // namespace osprey
