#include "cli/kb_command.h"

#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/knowledge.h"
#include "osprey/kb/builder.h"
#include "osprey/kb/kb_dir.h"
#include "osprey/kb/knowledge_base.h"
#include "osprey/kb/store.h"

namespace osprey::cli {
namespace {

using nlohmann::ordered_json;

enum class KbFormat { kText, kJson };

struct KbArgs {
  std::string source_dir;
  std::string output_dir = "kb";
  std::string date;
  std::string kb_dir;
  std::string name;
  KbFormat format = KbFormat::kText;
};

int fail(const std::string& message) {
  std::cerr << "osprey: " << message << "\n";
  return 1;
}

int run_build(const KbArgs& args) {
  auto built = kb::build_kb(args.source_dir, {args.date});
  if (!built.ok()) return fail(built.error().message);
  const kb::BuildResult& result = built.value();
  for (const std::string& skipped : result.report.skipped)
    std::cerr << "osprey: note: skipped " << skipped << "\n";
  auto written = kb::write_kb(result.contents, result.notice, args.output_dir);
  if (!written.ok()) return fail(written.error().message);
  const kb::MergeReport& m = result.report.merge;
  std::cout << fmt::format(
      "built {}: {} entities, {} relations from {} records ({} sources)\n"
      "merged: {} by identity, {} by link, {} by own name; {} merges refused, {} dangling links\n",
      args.output_dir, result.contents.entities.size(), result.contents.relations.size(), m.records,
      result.contents.manifest.sources.size(), m.merged_by_identity, m.merged_by_link,
      m.merged_by_name, m.refused, m.dangling_links);
  return 0;
}

ordered_json info_json(const kb::KnowledgeBase& base, const std::string& dir, double load_ms) {
  ordered_json j;
  j["kb"] = dir;
  j["format"] = base.manifest().format;
  j["built"] = base.manifest().built;
  ordered_json counts = ordered_json::object();
  for (kb::EntityType type : kb::kAllEntityTypes)
    counts[std::string(kb::type_name(type))] = base.count(type);
  j["entities"] = std::move(counts);
  j["relations"] = base.relations().size();
  j["names"] = base.name_count();
  j["ambiguous_names"] = base.ambiguous_name_count();
  ordered_json sources = ordered_json::array();
  for (const kb::SourceInfo& s : base.manifest().sources)
    sources.push_back({{"name", s.name},
                       {"version", s.version},
                       {"commit", s.commit},
                       {"records", s.records},
                       {"file", s.file}});
  j["sources"] = std::move(sources);
  j["load_ms"] = static_cast<int64_t>(load_ms + 0.5);
  return j;
}

void print_info_text(const kb::KnowledgeBase& base, const std::string& dir, double load_ms) {
  std::cout << fmt::format("knowledge base  {}\nbuilt           {} (format {})\n", dir,
                           base.manifest().built, base.manifest().format);
  std::cout << fmt::format("entities        {}\n", base.entities().size());
  for (kb::EntityType type : kb::kAllEntityTypes)
    std::cout << fmt::format("  {:<16}{:>7}\n", kb::type_name(type), base.count(type));
  std::cout << fmt::format("relations       {}\nnames           {} ({} ambiguous)\nsources\n",
                           base.relations().size(), base.name_count(), base.ambiguous_name_count());
  for (const kb::SourceInfo& s : base.manifest().sources) {
    std::string commit = s.commit.empty() ? "" : "@" + s.commit.substr(0, 12);
    std::cout << fmt::format("  {:<32}{:<8}{:<14}{:>7} records\n", s.name, s.version, commit,
                             s.records);
  }
  std::cout << fmt::format("loaded in {:.0f} ms\n", load_ms);
}

int run_info(const KbArgs& args) {
  auto start = std::chrono::steady_clock::now();
  std::string dir;
  auto base = load_knowledge_base(args.kb_dir, &dir);
  if (!base.ok()) return fail(base.error().message);
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (args.format == KbFormat::kJson)
    std::cout << info_json(base.value(), dir, ms).dump(2) << "\n";
  else
    print_info_text(base.value(), dir, ms);
  return 0;
}

// "Kimsuky (G0094)" for a reference to another entity; its type too when
// it differs from the entity being shown ("Kimsuky (malware)").
std::string label(const kb::KnowledgeBase& base, const std::string& id,
                  const kb::Entity* from = nullptr) {
  const kb::Entity* e = base.find(id);
  if (!e) return id;
  std::vector<std::string> notes;
  if (from && from->type != e->type) notes.emplace_back(kb::type_name(e->type));
  auto attack = e->ids.find("attack");
  if (attack != e->ids.end()) notes.push_back(attack->second.front());
  std::string out = e->name;
  for (size_t i = 0; i < notes.size(); ++i) out += (i ? ", " : " (") + notes[i];
  return notes.empty() ? out : out + ")";
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

enum class Direction { kFrom, kTo, kEither };

// The entities a relation of this predicate links `e` to.
std::vector<std::string> linked(const kb::KnowledgeBase& base, const kb::Entity& e,
                                std::string_view predicate, Direction direction) {
  std::vector<std::string> out;
  if (direction != Direction::kTo)
    for (const kb::Relation* r : base.relations_from(e.id))
      if (r->predicate == predicate) out.push_back(r->to);
  if (direction != Direction::kFrom)
    for (const kb::Relation* r : base.relations_to(e.id))
      if (r->predicate == predicate) out.push_back(r->from);
  return out;
}

// "  similar    Opal Sleet; Kimsuky (malware)" when there are any.
void print_links(const kb::KnowledgeBase& base, const kb::Entity& e, std::string_view heading,
                 std::string_view predicate, Direction direction) {
  std::vector<std::string> labels;
  for (const std::string& id : linked(base, e, predicate, direction))
    labels.push_back(label(base, id, &e));
  if (!labels.empty()) std::cout << fmt::format("  {:<10} {}\n", heading, joined(labels, "; "));
}

void print_match_text(const kb::KnowledgeBase& base, const kb::Match& m) {
  const kb::Entity& e = *m.entity;
  auto attack = e.ids.find("attack");
  std::cout << fmt::format("\n{}  {}{}  ({}{})\n", kb::type_name(e.type), e.name,
                           attack == e.ids.end() ? "" : "  " + attack->second.front(),
                           kb::match_kind_name(m.kind), m.alias ? ": " + m.alias->name : "");
  std::cout << fmt::format("  id         {}\n", e.id);
  for (const auto& [scheme, values] : e.ids)
    std::cout << fmt::format("  {:<10} {}\n", scheme, joined(values, ", "));
  if (!e.revoked_by.empty())
    std::cout << fmt::format("  revoked    use {}\n", label(base, e.revoked_by));
  if (e.deprecated) std::cout << "  deprecated\n";
  if (!e.parent.empty()) std::cout << fmt::format("  parent     {}\n", label(base, e.parent));
  std::vector<std::string> tactics;
  for (const std::string& t : e.tactics) {
    const kb::Entity* tactic = base.find(t);
    tactics.push_back(tactic ? t + " " + tactic->shortname : t);
  }
  if (!tactics.empty()) std::cout << fmt::format("  tactics    {}\n", joined(tactics, ", "));
  for (const kb::CountryClaim& c : e.countries)
    std::cout << fmt::format("  country    {}  [{}]\n", c.code, joined(c.sources, ", "));
  if (!e.category.empty()) std::cout << fmt::format("  category   {}\n", e.category);
  print_links(base, e, "similar", "similar", Direction::kEither);
  print_links(base, e, "names of", "claims-name-of", Direction::kFrom);
  print_links(base, e, "named by", "claims-name-of", Direction::kTo);
  size_t uses = linked(base, e, "uses", Direction::kFrom).size();
  if (uses) std::cout << fmt::format("  uses       {} entities\n", uses);
  std::cout << "  aliases\n";
  for (const kb::Alias& a : e.aliases)
    std::cout << fmt::format("    {:<34} {}\n", a.name, joined(a.sources, ", "));
}

ordered_json match_json(const kb::KnowledgeBase& base, const kb::Match& m) {
  ordered_json j;
  j["match"] = kb::match_kind_name(m.kind);
  if (m.alias) j["matched_name"] = m.alias->name;
  j["entity"] = kb::entity_to_json(*m.entity);
  const kb::Entity& current = base.current(*m.entity);
  if (&current != m.entity) j["current"] = current.id;
  j["similar"] = linked(base, *m.entity, "similar", Direction::kEither);
  j["claims_name_of"] = linked(base, *m.entity, "claims-name-of", Direction::kFrom);
  j["name_claimed_by"] = linked(base, *m.entity, "claims-name-of", Direction::kTo);
  return j;
}

int run_lookup(const KbArgs& args) {
  std::string dir;
  auto base = load_knowledge_base(args.kb_dir, &dir);
  if (!base.ok()) return fail(base.error().message);
  auto matches = base.value().lookup(args.name);
  if (matches.empty()) return fail("no entry in the knowledge base for \"" + args.name + "\"");
  bool ambiguous = base.value().is_ambiguous(args.name);
  if (args.format == KbFormat::kJson) {
    ordered_json j;
    j["query"] = args.name;
    j["ambiguous"] = ambiguous;
    j["matches"] = ordered_json::array();
    for (const kb::Match& m : matches) j["matches"].push_back(match_json(base.value(), m));
    std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  std::cout << fmt::format("\"{}\": {} {}{}\n", args.name, matches.size(),
                           matches.size() == 1 ? "entry" : "entries",
                           ambiguous ? " (ambiguous: several entries claim this name)" : "");
  for (const kb::Match& m : matches) print_match_text(base.value(), m);
  return 0;
}

void add_format_option(CLI::App* cmd, KbArgs& args) {
  std::map<std::string, KbFormat> formats = {{"text", KbFormat::kText}, {"json", KbFormat::kJson}};
  cmd->add_option("-f,--format", args.format, "Output format: text (default) or json")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
}

}  // namespace

void add_kb_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<KbArgs>();
  CLI::App* kb = app.add_subcommand("kb", "Build, inspect and query the knowledge base");
  kb->require_subcommand(1);

  CLI::App* build = kb->add_subcommand("build", "Build the knowledge base from upstream data");
  build
      ->add_option("source", args->source_dir,
                   "Folder with misp-galaxy/clusters/ and attack/ (see kb/README.md)")
      ->required();
  build->add_option("-o,--output", args->output_dir, "Where to write it (default: kb)");
  build->add_option("--date", args->date, "Build date to record (default: from the data)")
      ->check([](const std::string& date) -> std::string {
        bool ok = date.size() == 10 && date[4] == '-' && date[7] == '-';
        for (size_t i = 0; ok && i < date.size(); ++i)
          if (i != 4 && i != 7) ok = date[i] >= '0' && date[i] <= '9';
        return ok ? "" : "expected YYYY-MM-DD";
      });
  build->callback([args, &exit_code] { exit_code = run_build(*args); });

  CLI::App* info = kb->add_subcommand("info", "Counts per type, sources, build date");
  info->add_option("--kb", args->kb_dir, "Knowledge-base folder (default: $OSPREY_KB or kb/)");
  add_format_option(info, *args);
  info->callback([args, &exit_code] { exit_code = run_info(*args); });

  CLI::App* lookup = kb->add_subcommand("lookup", "Every entry a name (or id) can mean");
  lookup->add_option("name", args->name, "A name, alias or id (case-insensitive)")->required();
  lookup->add_option("--kb", args->kb_dir, "Knowledge-base folder (default: $OSPREY_KB or kb/)");
  add_format_option(lookup, *args);
  lookup->callback([args, &exit_code] { exit_code = run_lookup(*args); });
}

}  // namespace osprey::cli
