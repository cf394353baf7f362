// The line format of entities and relations. Fields in a fixed order, empty
// ones left out; names with their sources as one object so a line stays
// short and a diff shows which source added or dropped a name.
#include "osprey/kb/source_input.h"
#include "osprey/kb/store.h"

namespace osprey::kb {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

ordered_json sources_json(const Sources& sources) {
  ordered_json out = ordered_json::array();
  for (const std::string& s : sources) out.push_back(s);
  return out;
}

Sources sources_from(const json& value, const std::string& where) {
  if (!value.is_array()) throw BadInput(where + ": expected an array of source tags");
  Sources out;
  out.reserve(value.size());
  for (const json& s : value) {
    if (!s.is_string()) throw BadInput(where + ": expected an array of source tags");
    out.push_back(s.get<std::string>());
  }
  return out;
}

std::vector<std::string> texts_from(const json& value, const std::string& where) {
  if (!value.is_array()) throw BadInput(where + ": expected an array of strings");
  std::vector<std::string> out;
  out.reserve(value.size());
  for (const json& s : value) {
    if (!s.is_string()) throw BadInput(where + ": expected an array of strings");
    out.push_back(s.get<std::string>());
  }
  return out;
}

const std::string& text_from(const json& value, const std::string& where) {
  if (!value.is_string()) throw BadInput(where + ": expected a string");
  return value.get_ref<const std::string&>();
}

void read_entity_field(Entity& e, const std::string& key, const json& value) {
  if (key == "id") {
    e.id = text_from(value, key);
  } else if (key == "type") {
    auto type = parse_type(text_from(value, key));
    if (!type) throw BadInput("type: unknown type " + value.dump());
    e.type = *type;
  } else if (key == "name") {
    e.name = text_from(value, key);
  } else if (key == "aliases" || key == "country") {
    if (!value.is_object()) throw BadInput(key + ": expected an object");
    for (const auto& [name, sources] : value.items()) {
      if (key == "aliases")
        e.aliases.push_back({name, sources_from(sources, key + "." + name)});
      else
        e.countries.push_back({name, sources_from(sources, key + "." + name)});
    }
  } else if (key == "ids") {
    if (!value.is_object()) throw BadInput("ids: expected an object");
    for (const auto& [scheme, values] : value.items())
      e.ids[scheme] = texts_from(values, "ids." + scheme);
  } else if (key == "tactics") {
    e.tactics = texts_from(value, key);
  } else if (key == "parent") {
    e.parent = text_from(value, key);
  } else if (key == "revoked_by") {
    e.revoked_by = text_from(value, key);
  } else if (key == "shortname") {
    e.shortname = text_from(value, key);
  } else if (key == "category") {
    e.category = text_from(value, key);
  } else if (key == "deprecated") {
    if (!value.is_boolean()) throw BadInput("deprecated: expected true or false");
    e.deprecated = value.get<bool>();
  } else if (key == "sources") {
    e.sources = sources_from(value, key);
  }
  // Unknown fields are newer additions: ignored, so old readers keep working.
}

}  // namespace

ordered_json entity_to_json(const Entity& e) {
  ordered_json j;
  j["id"] = e.id;
  j["type"] = type_name(e.type);
  j["name"] = e.name;
  ordered_json aliases = ordered_json::object();
  for (const Alias& a : e.aliases) aliases[a.name] = sources_json(a.sources);
  j["aliases"] = std::move(aliases);
  if (!e.ids.empty()) {
    ordered_json ids = ordered_json::object();
    for (const auto& [scheme, values] : e.ids) ids[scheme] = values;
    j["ids"] = std::move(ids);
  }
  if (!e.countries.empty()) {
    ordered_json countries = ordered_json::object();
    for (const CountryClaim& c : e.countries) countries[c.code] = sources_json(c.sources);
    j["country"] = std::move(countries);
  }
  if (!e.tactics.empty()) j["tactics"] = e.tactics;
  if (!e.parent.empty()) j["parent"] = e.parent;
  if (!e.revoked_by.empty()) j["revoked_by"] = e.revoked_by;
  if (!e.shortname.empty()) j["shortname"] = e.shortname;
  if (!e.category.empty()) j["category"] = e.category;
  if (e.deprecated) j["deprecated"] = true;
  j["sources"] = sources_json(e.sources);
  return j;
}

ordered_json relation_to_json(const Relation& r) {
  ordered_json j;
  j["from"] = r.from;
  j["predicate"] = r.predicate;
  j["to"] = r.to;
  j["sources"] = sources_json(r.sources);
  return j;
}

Result<Entity> entity_from_json(const json& object) {
  if (!object.is_object()) return Error{"expected an entity object"};
  Entity e;
  try {
    for (const auto& [key, value] : object.items()) read_entity_field(e, key, value);
  } catch (const BadInput& error) {
    return Error{error.what()};
  }
  if (e.id.empty() || e.name.empty() || !object.contains("type"))
    return Error{"an entity needs an id, a type and a name"};
  return e;
}

Result<Relation> relation_from_json(const json& object) {
  if (!object.is_object()) return Error{"expected a relation object"};
  Relation r;
  try {
    for (const auto& [key, value] : object.items()) {
      if (key == "from") r.from = text_from(value, key);
      if (key == "predicate") r.predicate = text_from(value, key);
      if (key == "to") r.to = text_from(value, key);
      if (key == "sources") r.sources = sources_from(value, key);
    }
  } catch (const BadInput& error) {
    return Error{error.what()};
  }
  if (r.from.empty() || r.predicate.empty() || r.to.empty())
    return Error{"a relation needs from, predicate and to"};
  return r;
}

}  // namespace osprey::kb
