#include "cli/intel_commands.h"

#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/knowledge.h"
#include "cli/store_option.h"
#include "osprey/kb/kb_dir.h"
#include "osprey/kb/knowledge_base.h"
#include "osprey/pipeline/intel_reports.h"
#include "osprey/store/search_query.h"
#include "osprey/text/refang.h"

namespace osprey::cli {
namespace {

struct IntelArgs {
  std::string db;
  std::string format = "text";
  std::string since;
  size_t min_sources = 0;
  size_t limit = 50;
  int64_t story_id = 0;
  std::string query;
  std::string kb_dir;
  bool include_noise = false;
};

using pipeline::day_text;

void print_json(const nlohmann::json& j) {
  std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

bool fail(const Error& error, int& exit_code, int code = 1) {
  std::cerr << "osprey: " << error.message << "\n";
  exit_code = code;
  return false;
}

void print_article_line(const store::StoredArticle& a) {
  std::cout << day_text(pipeline::article_time(a)) << "  #" << a.article.id << "  "
            << a.article.title << "\n    "
            << (a.article.url.empty() ? a.article.source : a.article.url) << "\n";
}

// ---- stories --------------------------------------------------------------

void run_stories(const IntelArgs& args, int& exit_code) {
  store::StoryQuery query;
  if (!args.since.empty()) {
    auto since = parse_since(args.since, static_cast<int64_t>(std::time(nullptr)));
    if (!since) {
      fail(Error{"--since: cannot read '" + args.since + "'"}, exit_code, 2);
      return;
    }
    query.since = *since;
  }
  query.min_sources = args.min_sources;
  query.limit = args.limit;
  auto store = open_store_or_report(args.db, exit_code);
  if (!store) return;
  auto stories = store->list_stories(query);
  if (!stories.ok()) {
    fail(stories.error(), exit_code);
    return;
  }
  nlohmann::json all = nlohmann::json::array();
  for (const analyze::Story& s : stories.value()) {
    if (args.format == "json") {
      all.push_back(pipeline::story_summary_json(s));
    } else {
      std::cout << day_text(s.last_seen) << "  story " << s.id << "  " << pipeline::story_outlets(s)
                << " sources  " << s.title << "\n";
    }
  }
  if (args.format == "json") print_json(all);
}

// ---- story ----------------------------------------------------------------

void run_story(const IntelArgs& args, int& exit_code) {
  auto store = open_store_or_report(args.db, exit_code);
  if (!store) return;
  auto report = pipeline::story_report(*store, args.story_id);
  if (!report.ok()) {
    fail(report.error(), exit_code);
    return;
  }
  if (args.format == "json") {
    print_json(pipeline::to_json(report.value()));
    return;
  }
  const analyze::Story& s = report.value().story;
  const analyze::StoryFindings& merged = report.value().merged;
  std::cout << "story " << s.id << ": " << s.title << "\n"
            << day_text(s.first_seen) << " .. " << day_text(s.last_seen) << ", " << s.members.size()
            << " sources\n\nSources:\n";
  for (const auto& m : s.members) {
    std::cout << "  " << day_text(m.published_at) << "  " << m.outlet << "  " << m.title
              << (m.duplicate_of ? "  (copy of #" + std::to_string(m.duplicate_of) + ")" : "")
              << "\n    " << m.url << "\n";
  }
  if (!merged.entities.empty()) std::cout << "\nEntities:\n";
  for (const auto& e : merged.entities) {
    std::cout << "  " << e.mention.type << "  " << e.mention.name
              << (e.mention.role.empty() ? "" : " (" + e.mention.role + ")") << "  [" << e.sources
              << " sources]\n";
  }
  if (!merged.relations.empty()) std::cout << "\nRelations:\n";
  for (const auto& r : merged.relations) {
    const Relation& rel = r.relation;
    std::cout << "  " << rel.subject.name << " " << (rel.negated ? "NOT " : "") << rel.predicate
              << " " << rel.object.name << "  confidence " << static_cast<int>(rel.confidence * 100)
              << (rel.hedged ? " (hedged)" : "") << "  [" << r.sources << " sources]\n    \""
              << rel.sentence << "\"\n";
  }
  if (!merged.observables.empty()) std::cout << "\nIndicators:\n";
  for (const auto& o : merged.observables) {
    std::cout << "  " << o.observable.type << "  " << o.observable.value
              << (o.observable.benign.empty() ? "" : "  (benign: " + o.observable.benign + ")")
              << "  [" << o.sources << " sources]\n";
  }
}

// ---- search ---------------------------------------------------------------

void run_search(const IntelArgs& args, int& exit_code) {
  auto query = store::parse_search(args.query);
  if (!query.ok()) {
    fail(query.error(), exit_code, 2);
    return;
  }
  query.value().include_noise = args.include_noise;
  query.value().limit = args.limit;
  if (!args.since.empty()) {
    auto since = parse_since(args.since, static_cast<int64_t>(std::time(nullptr)));
    if (!since) {
      fail(Error{"--since: cannot read '" + args.since + "'"}, exit_code, 2);
      return;
    }
    query.value().since = *since;
  }
  auto store = open_store_or_report(args.db, exit_code);
  if (!store) return;
  auto found = store->search(query.value());
  if (!found.ok()) {
    fail(found.error(), exit_code);
    return;
  }
  nlohmann::json all = nlohmann::json::array();
  for (const auto& a : found.value()) {
    if (args.format == "json")
      all.push_back(pipeline::article_brief_json(a));
    else
      print_article_line(a);
  }
  if (args.format == "json") print_json(all);
}

// ---- entity ---------------------------------------------------------------

void run_entity(const IntelArgs& args, int& exit_code) {
  auto base = load_knowledge_base(args.kb_dir);
  if (!base.ok()) {
    fail(base.error(), exit_code);
    return;
  }
  auto store = open_store_or_report(args.db, exit_code);
  if (!store) return;
  auto found =
      pipeline::entity_report(*store, base.value(), args.query, args.limit, args.include_noise);
  if (!found.ok()) {
    fail(found.error(), exit_code);
    return;
  }
  const pipeline::EntityReport& report = found.value();
  if (args.format == "json") {
    print_json(pipeline::to_json(report));
    return;
  }
  const kb::Entity& entity = *report.entity;
  std::cout << entity.name << " (" << kb::type_name(entity.type) << ", " << entity.id << ")\n";
  if (!report.also.empty()) {
    std::cout << "  '" << args.query << "' may also mean:";
    for (const kb::Entity* other : report.also) std::cout << " " << other->name;
    std::cout << "\n";
  }
  std::cout << "  in the news: " << report.articles << " articles, " << day_text(report.first_seen)
            << " .. " << day_text(report.last_seen) << "\n  names seen:";
  for (const auto& [alias, n] : report.aliases_seen) std::cout << " " << alias << " (" << n << ")";
  std::cout << "\n";
  if (!report.relations.empty()) std::cout << "\nWhat the news says:\n";
  for (const auto& s : report.relations) {
    std::cout << "  "
              << (s.direction == "outgoing" ? entity.name + " " + s.predicate + " " + s.other
                                            : s.other + " " + s.predicate + " " + entity.name)
              << "  [" << s.articles << " articles, confidence "
              << static_cast<int>(s.confidence * 100) << "]\n    \"" << s.sentence << "\"\n";
  }
  if (!report.timeline.empty()) std::cout << "\nTimeline:\n";
  for (const auto& [d, n] : report.timeline)
    std::cout << "  " << d << "  " << std::string(n, '#') << " " << n << "\n";
}

// ---- ioc ------------------------------------------------------------------

void run_ioc(const IntelArgs& args, int& exit_code) {
  auto store = open_store_or_report(args.db, exit_code);
  if (!store) return;
  auto sightings = pipeline::indicator_sightings(*store, args.query, args.limit);
  if (!sightings.ok()) {
    fail(sightings.error(), exit_code);
    return;
  }
  if (args.format == "json") {
    print_json(pipeline::to_json(sightings.value()));
    return;
  }
  for (const auto& s : sightings.value()) {
    print_article_line(s.article);
    if (!s.context.empty()) std::cout << "    \"" << s.context << "\"\n";
  }
  if (sightings.value().empty())
    std::cout << text::refang_string(args.query) << ": not reported in any stored article\n";
}

void add_common(CLI::App* cmd, IntelArgs& args) {
  add_db_option(cmd, args.db);
  cmd->add_option("-f,--format", args.format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
}

}  // namespace

void add_intel_commands(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<IntelArgs>();
  CLI::App* stories = app.add_subcommand("stories", "Stories: one event across outlets");
  add_common(stories, *args);
  stories->add_option("--since", args->since, "Active since: 2d, 12h, 2024-11-05 …");
  stories->add_option("--min-sources", args->min_sources, "At least this many outlets");
  stories->add_option("--limit", args->limit, "At most this many (default 50)");
  stories->callback([args, &exit_code] { run_stories(*args, exit_code); });

  CLI::App* story = app.add_subcommand("story", "One story: sources and merged findings");
  add_common(story, *args);
  story->add_option("id", args->story_id, "Story id")->required();
  story->callback([args, &exit_code] { run_story(*args, exit_code); });

  CLI::App* search = app.add_subcommand(
      "search", "Full-text search with filters: actor: malware: tool: cve: ioc: sector: country:");
  add_common(search, *args);
  search->add_option("query", args->query, "e.g. 'wiper actor:Sandworm'")->required();
  search->add_option("--since", args->since, "Only since: 2d, 12h, 2024-11-05 …");
  search->add_option("--limit", args->limit, "At most this many (default 50)");
  search->add_flag("--include-noise", args->include_noise, "Also search items triaged as noise");
  search->callback([args, &exit_code] { run_search(*args, exit_code); });

  CLI::App* entity = app.add_subcommand("entity", "What the news says about an actor, malware …");
  add_common(entity, *args);
  entity->add_option("name", args->query, "A name or alias (APT43, Kimsuky, G0094 …)")->required();
  entity->add_option("--kb", args->kb_dir, "Knowledge base folder");
  entity->add_option("--limit", args->limit, "Recent articles listed in JSON (default 50)");
  entity->add_flag("--include-noise", args->include_noise, "Count items triaged as noise too");
  entity->callback([args, &exit_code] { run_entity(*args, exit_code); });

  CLI::App* ioc = app.add_subcommand("ioc", "Where and when an indicator was reported");
  add_common(ioc, *args);
  ioc->add_option("value", args->query, "The indicator, defanged or not")->required();
  ioc->add_option("--limit", args->limit, "At most this many articles (default 50)");
  ioc->callback([args, &exit_code] { run_ioc(*args, exit_code); });
}

}  // namespace osprey::cli
