#include "osprey/export/stix.h"

#include <nlohmann/json.hpp>
#include <unordered_set>

#include "osprey/export/entity_refs.h"
#include "osprey/export/formats.h"
#include "osprey/export/selection.h"
#include "osprey/export/uuid5.h"
#include "osprey/observables/registry.h"

namespace osprey::exporting {
namespace {

using Json = nlohmann::ordered_json;

// The extension-definition's own timestamp: it describes a fixed format, so
// it does not change with each export.
constexpr std::string_view kWalletExtensionCreated = "2025-01-01T00:00:00.000Z";

// Osprey relation → STIX relationship_type, by the STIX types of both ends.
// The first matching row wins; "*" matches any type, "a|b" either.
struct RelationshipRule {
  std::string_view predicate;
  std::string_view source;
  std::string_view target;
  std::string_view stix;
};

constexpr RelationshipRule kRelationshipRules[] = {
    {"targets", "intrusion-set|malware|tool", "identity|location|vulnerability", "targets"},
    {"uses", "intrusion-set|malware", "malware|tool|attack-pattern", "uses"},
    {"uses", "tool", "attack-pattern", "uses"},
    {"attributed-to", "intrusion-set|malware", "location", "originates-from"},
    {"originates-from", "intrusion-set|malware", "location", "originates-from"},
    {"attributed-to", "intrusion-set", "identity|threat-actor", "attributed-to"},
    {"exploits", "malware", "vulnerability", "exploits"},
    // STIX has no intrusion-set "exploits": an actor exploiting a CVE targets it.
    {"exploits", "intrusion-set|tool", "vulnerability", "targets"},
    {"indicates", "indicator", "intrusion-set|malware|tool|attack-pattern", "indicates"},
};

bool type_in(std::string_view type, std::string_view list) {
  if (list == "*") return true;
  while (!list.empty()) {
    size_t bar = list.find('|');
    if (list.substr(0, bar) == type) return true;
    if (bar == std::string_view::npos) break;
    list.remove_prefix(bar + 1);
  }
  return false;
}

std::string_view relationship_type(std::string_view predicate, std::string_view source,
                                   std::string_view target) {
  for (const RelationshipRule& rule : kRelationshipRules)
    if (rule.predicate == predicate && type_in(source, rule.source) && type_in(target, rule.target))
      return rule.stix;
  return "related-to";
}

std::string_view stix_type_of(std::string_view id) {
  return id.substr(0, id.find("--"));
}

// Osprey entity type → STIX SDO type; empty when STIX has no counterpart.
std::string_view sdo_type(std::string_view entity_type) {
  if (entity_type == "sector" || entity_type == "organization") return "identity";
  if (entity_type == "intrusion-set" || entity_type == "malware" || entity_type == "tool" ||
      entity_type == "attack-pattern" || entity_type == "vulnerability" ||
      entity_type == "location")
    return entity_type;
  return {};
}

std::string slug(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum)
      out.push_back(c);
    else if (!out.empty() && out.back() != '-')
      out.push_back('-');
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// The cyber-observable object of a registry type, without id and spec_version:
// exactly the id contributing properties (so their canonical JSON gives the id).
Json sco_properties(std::string_view type, std::string_view value, std::string& sco_type) {
  const observables::ObservableType* row = observables::find_observable_type(type);
  if (!row || row->stix.empty()) return nullptr;
  std::string_view path = row->stix;
  std::string_view object = path.substr(0, path.find(':'));
  std::string_view property = path.substr(path.find(':') + 1);
  if (object == "ipv4-addr" && value.find(':') != std::string_view::npos) object = "ipv6-addr";
  if (object == "network-traffic") return nullptr;  // a user agent alone is no traffic
  sco_type = object;
  Json props = Json::object();
  if (property.starts_with("hashes.")) {
    std::string algorithm(property.substr(7));
    if (algorithm.size() > 1 && algorithm.front() == '\'')
      algorithm = algorithm.substr(1, algorithm.size() - 2);
    if (algorithm == "SSDEEP" && value.size() > 128) return nullptr;  // beyond the schema's limit
    props["hashes"] = Json{{algorithm, value}};
  } else if (object == "autonomous-system") {
    std::string digits;
    for (char c : value)
      if (c >= '0' && c <= '9') digits.push_back(c);
    if (digits.empty() || digits.size() > 10) return nullptr;
    props["number"] = std::stoll(digits);
  } else if (object == "mac-addr") {
    std::string mac;
    for (char c : value) {
      if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
        if (!mac.empty() && mac.size() % 3 == 2) mac.push_back(':');
        mac.push_back(c);
      }
    }
    props["value"] = mac;
  } else {
    props[std::string(property)] = value;
  }
  return props;
}

// The canonical JSON (RFC 8785) of the id contributing properties. Keys are
// ASCII, so nlohmann's sorted objects and escapes already are canonical.
std::string canonical(const Json& props) {
  return nlohmann::json(props).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

class BundleBuilder {
 public:
  BundleBuilder(const ExportSet& set, const ExportOptions& options)
      : set_(set), options_(options), now_(rfc3339_millis(set.generated_at)) {
    creator_ = osprey_stix_id("identity", "identity|" + options.creator_identity);
    Json identity = sdo("identity", creator_);
    identity["name"] = options.creator_name;
    identity["identity_class"] = "system";
    add(std::move(identity));
  }

  void add_story(const ExportStory& story) {
    StoryFindings found = select_story(story, options_);
    if (found.articles.empty()) return;
    refs_.clear();
    story_refs_.clear();
    for (const ExportedEntity& e : found.entities)
      entity_object(e.mention.type, e.mention.id, e.mention.name, e.sentence);
    for (const ExportedObservable& o : found.observables) observable_objects(o);
    for (const ExportedRelation& r : found.relations) relationship(r);
    report(found);
  }

  std::string finish() {
    std::string key = "bundle|" + std::to_string(set_.generated_at);
    for (const Json& o : objects_) key.append("|").append(o["id"].get<std::string>());
    Json bundle;
    bundle["type"] = "bundle";
    bundle["id"] = "bundle--" + uuid5(kOspreyNamespace, key);
    bundle["objects"] = std::move(objects_);
    return bundle.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
  }

 private:
  Json sdo(std::string_view type, const std::string& id) const {
    Json o;
    o["type"] = type;
    o["spec_version"] = "2.1";
    o["id"] = id;
    o["created_by_ref"] = creator_;
    o["created"] = now_;
    o["modified"] = now_;
    return o;
  }

  // Adds the object unless one with its id is there; either way the story's
  // report refers to it.
  void add(Json object) {
    std::string id = object["id"].get<std::string>();
    if (seen_.insert(id).second) objects_.push_back(std::move(object));
    if (story_refs_.insert(id).second) refs_.push_back(id);
  }

  bool has(const std::string& id) const { return seen_.count(id) != 0; }

  // The STIX id of an entity, adding its object on first use; empty when STIX
  // has no such object.
  std::string entity_object(std::string_view entity_type, const std::string& entity_id,
                            const std::string& name, const std::string& sentence) {
    std::string_view type = sdo_type(entity_type);
    if (type.empty()) return {};
    EntityRefs refs = entity_refs(entity_id, options_.kb);
    std::string key(type);
    if (type == "vulnerability" && !refs.cve.empty())
      key.append("|").append(upper(refs.cve.front()));
    else
      key.append("|").append(entity_id.empty() ? name : entity_id);
    std::string id = osprey_stix_id(type, key);
    if (has(id)) {
      if (story_refs_.insert(id).second) refs_.push_back(id);
      return id;
    }
    (void)sentence;  // the evidence is carried by relationships, not entities
    Json o = sdo(type, id);
    o["name"] = name;
    Json external = Json::array();
    if (!refs.attack.empty())
      external.push_back({{"source_name", "mitre-attack"},
                          {"external_id", refs.attack},
                          {"url", refs.attack_url}});
    if (type == "malware") o["is_family"] = true;
    if (type == "vulnerability")
      for (const std::string& cve : refs.cve)
        external.push_back({{"source_name", "cve"}, {"external_id", upper(cve)}});
    if (type == "attack-pattern" && !refs.tactics.empty()) {
      Json phases = Json::array();
      for (const std::string& t : refs.tactics)
        phases.push_back({{"kill_chain_name", "mitre-attack"}, {"phase_name", t}});
      o["kill_chain_phases"] = std::move(phases);
    }
    if (type == "location") {
      if (!refs.iso2.empty())
        o["country"] = refs.iso2;
      else
        o["region"] = slug(name);
    }
    if (type == "identity") {
      o["identity_class"] = entity_type == "sector" ? "class" : "organization";
      if (entity_type == "sector") o["sectors"] = Json::array({slug(name)});
    }
    if (!external.empty()) o["external_references"] = std::move(external);
    add(std::move(o));
    return id;
  }

  std::string vulnerability_object(const std::string& cve) {
    std::string name = upper(cve);
    std::string id = osprey_stix_id("vulnerability", "vulnerability|" + name);
    if (!has(id)) {
      Json o = sdo("vulnerability", id);
      o["name"] = name;
      o["external_references"] = Json::array({{{"source_name", "cve"}, {"external_id", name}}});
      add(std::move(o));
    } else if (story_refs_.insert(id).second) {
      refs_.push_back(id);
    }
    return id;
  }

  std::string technique_object(const std::string& technique) {
    const kb::Entity* e = options_.kb ? options_.kb->find(technique) : nullptr;
    if (e) return entity_object("attack-pattern", e->id, e->name, {});
    std::string id = osprey_stix_id("attack-pattern", "attack-pattern|" + technique);
    if (!has(id)) {
      Json o = sdo("attack-pattern", id);
      o["name"] = technique;
      o["external_references"] = Json::array({{{"source_name", "mitre-attack"},
                                               {"external_id", technique},
                                               {"url", attack_url(technique)}}});
      add(std::move(o));
    } else if (story_refs_.insert(id).second) {
      refs_.push_back(id);
    }
    return id;
  }

  void wallet_extension() {
    std::string id = wallet_extension_id();
    if (has(id)) return;
    Json o;
    o["type"] = "extension-definition";
    o["spec_version"] = "2.1";
    o["id"] = id;
    o["created_by_ref"] = creator_;
    o["created"] = kWalletExtensionCreated;
    o["modified"] = kWalletExtensionCreated;
    o["name"] = "cryptocurrency-wallet";
    o["description"] = "A cryptocurrency wallet address named in a report.";
    o["schema"] =
        "A new SCO 'cryptocurrency-wallet' with 'value' (the address as written, required, "
        "the only id contributing property) and 'currency' (lower-case ticker: btc, eth, "
        "xmr, ltc, doge, trx).";
    o["version"] = "1.0.0";
    o["extension_types"] = Json::array({"new-sco"});
    add(std::move(o));
  }

  // The SCO of an observable (added once); empty when it has none.
  std::string sco_object(const Observable& o) {
    std::string sco_type;
    Json props = sco_properties(o.type, o.value, sco_type);
    if (props.is_null()) return {};
    std::string id = sco_type + "--" + uuid5(kStixScoNamespace, canonical(props));
    if (has(id)) {
      if (story_refs_.insert(id).second) refs_.push_back(id);
      return id;
    }
    Json sco;
    sco["type"] = sco_type;
    sco["spec_version"] = "2.1";
    sco["id"] = id;
    for (auto& [k, v] : props.items()) sco[k] = v;
    if (sco_type == "cryptocurrency-wallet") {
      wallet_extension();
      sco["currency"] = o.type;
      sco["extensions"] = {{wallet_extension_id(), {{"extension_type", "new-sco"}}}};
    }
    add(std::move(sco));
    return id;
  }

  void observable_objects(const ExportedObservable& found) {
    const Observable& o = found.observable;
    if (o.type == "cve") {
      vulnerability_object(o.value);
      return;
    }
    if (o.type == "attack-technique") {
      technique_object(o.value);
      return;
    }
    std::string pattern = stix_pattern(o.type, o.value);
    if (pattern.empty()) return;
    std::string id = osprey_stix_id("indicator", "indicator|" + o.type + "|" + o.value);
    if (!has(id)) {
      Json ind = sdo("indicator", id);
      ind["name"] = o.value;
      if (!o.context.empty()) ind["description"] = o.context;
      ind["pattern"] = pattern;
      ind["pattern_type"] = "stix";
      ind["confidence"] = observable_confidence(found);
      ind["valid_from"] =
          rfc3339_millis(found.first_seen > 0 ? found.first_seen : set_.generated_at);
      if (found.benign) ind["labels"] = Json::array({"benign"});
      add(std::move(ind));
    } else if (story_refs_.insert(id).second) {
      refs_.push_back(id);
    }
    sco_object(o);
  }

  // The STIX id for one end of a relation; empty when it is not in the bundle.
  std::string end_id(const RelationEnd& end) {
    if (end.kind == "entity") return entity_object(end.type, end.id, end.name, {});
    if (end.type == "cve") return vulnerability_object(end.id);
    if (end.type == "attack-technique") return technique_object(end.id);
    std::string id = osprey_stix_id("indicator", "indicator|" + end.type + "|" + end.id);
    return has(id) ? id : std::string();
  }

  void relationship(const ExportedRelation& found) {
    const Relation& r = found.relation;
    std::string source = end_id(r.subject);
    std::string target = end_id(r.object);
    if (source.empty() || target.empty() || source == target) return;
    std::string predicate = r.predicate;
    // "APT29 uses evil.example": STIX says the indicator indicates the actor.
    if (stix_type_of(target) == "indicator" && stix_type_of(source) != "indicator") {
      std::swap(source, target);
      predicate = "indicates";
    }
    std::string_view type =
        relationship_type(predicate, stix_type_of(source), stix_type_of(target));
    std::string key = "relationship|" + source;
    key.append("|").append(type).append("|").append(target);
    std::string id = osprey_stix_id("relationship", key);
    if (has(id)) {
      if (story_refs_.insert(id).second) refs_.push_back(id);
      return;
    }
    Json o = sdo("relationship", id);
    o["relationship_type"] = type;
    o["source_ref"] = source;
    o["target_ref"] = target;
    o["confidence"] = found.confidence;
    std::string description;
    if (r.negated) description = "negated: ";
    if (r.hedged) description.append("hedged: ");
    if (!r.reported_by.empty())
      description.append("according to ").append(r.reported_by).append(": ");
    description.append(r.sentence);
    if (!description.empty()) o["description"] = description;
    add(std::move(o));
  }

  void report(const StoryFindings& found) {
    const ExportStory& story = *found.story;
    std::string id = osprey_stix_id("report", "report|" + found.story_key);
    Json o = sdo("report", id);
    std::string title = story.title;
    if (title.empty()) title = found.articles.front()->article.title;
    if (title.empty()) title = "Untitled story";
    o["name"] = title;
    o["report_types"] = Json::array({"threat-report"});
    o["published"] = rfc3339_millis(found.first_seen > 0 ? found.first_seen : set_.generated_at);
    if (refs_.empty()) refs_.push_back(creator_);
    o["object_refs"] = refs_;
    Json external = Json::array();
    std::unordered_set<std::string> urls;
    for (const ExportArticle* a : found.articles) {
      const std::string& link = article_link(a->article);
      if (!urls.insert(link).second) continue;
      Json ref;
      ref["source_name"] = a->article.site_name.empty() ? "article" : a->article.site_name;
      if (!a->article.title.empty()) ref["description"] = a->article.title;
      if (is_web_link(link))
        ref["url"] = link;
      else if (!ref.contains("description"))
        ref["description"] = link;
      external.push_back(std::move(ref));
    }
    if (!external.empty()) o["external_references"] = std::move(external);
    if (story.id != 0) o["labels"] = Json::array({"osprey-story-" + std::to_string(story.id)});
    objects_.push_back(std::move(o));
    seen_.insert(id);
    story_refs_.clear();
  }

  const ExportSet& set_;
  const ExportOptions& options_;
  std::string now_;
  std::string creator_;
  std::vector<Json> objects_;
  std::unordered_set<std::string> seen_;
  std::vector<std::string> refs_;  // the current story's objects, for its report
  std::unordered_set<std::string> story_refs_;
};

}  // namespace

std::string wallet_extension_id() {
  return osprey_stix_id("extension-definition", "extension-definition|cryptocurrency-wallet");
}

std::string stix_quote(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\\' || c == '\'') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

std::string stix_pattern(std::string_view type, std::string_view value) {
  const observables::ObservableType* row = observables::find_observable_type(type);
  if (!row || row->stix.empty()) return {};
  std::string path(row->stix);
  if (path == "ipv4-addr:value" && value.find(':') != std::string_view::npos)
    path = "ipv6-addr:value";
  std::string out = "[" + path;
  out.append(" = ");
  if (path == "autonomous-system:number") {
    std::string digits;
    for (char c : value)
      if (c >= '0' && c <= '9') digits.push_back(c);
    if (digits.empty()) return {};
    out.append(digits);
  } else {
    out.append(stix_quote(value));
  }
  out.push_back(']');
  return out;
}

std::string stix_sco_id(std::string_view type, std::string_view value) {
  std::string sco_type;
  Json props = sco_properties(type, value, sco_type);
  if (props.is_null()) return {};
  return sco_type + "--" + uuid5(kStixScoNamespace, canonical(props));
}

std::string to_stix_bundle(const ExportSet& set, const ExportOptions& options) {
  BundleBuilder builder(set, options);
  for (const ExportStory& story : set.stories) builder.add_story(story);
  return builder.finish();
}

}  // namespace osprey::exporting
