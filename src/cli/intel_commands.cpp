#include "cli/intel_commands.h"

#include <ctime>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "cli/store_option.h"
#include "osprey/analyze/story_findings.h"
#include "osprey/kb/kb_dir.h"
#include "osprey/kb/knowledge_base.h"
#include "osprey/model/json.h"
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

std::string day(int64_t t) {
  if (t <= 0) return "----------";
  std::time_t time = t;
  std::tm tm{};
  gmtime_r(&time, &tm);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
  return buffer;
}

int64_t when(const store::StoredArticle& a) {
  return a.article.published_at ? a.article.published_at : a.ingested_at;
}

void print_json(const nlohmann::json& j) {
  std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

bool fail(const Error& error, int& exit_code, int code = 1) {
  std::cerr << "osprey: " << error.message << "\n";
  exit_code = code;
  return false;
}

nlohmann::json article_brief(const store::StoredArticle& a) {
  return {{"id", a.article.id},
          {"title", a.article.title},
          {"url", a.article.url.empty() ? a.article.source : a.article.url},
          {"published_at", when(a)},
          {"relevance", a.analysis.relevance_label},
          {"story", a.analysis.story_id}};
}

void print_article_line(const store::StoredArticle& a) {
  std::cout << day(when(a)) << "  #" << a.article.id << "  " << a.article.title << "\n    "
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
    std::set<std::string> outlets;
    for (const auto& m : s.members) outlets.insert(m.outlet);
    if (args.format == "json") {
      all.push_back({{"id", s.id},
                     {"title", s.title},
                     {"first_seen", s.first_seen},
                     {"last_seen", s.last_seen},
                     {"articles", s.articles},
                     {"sources", outlets.size()}});
    } else {
      std::cout << day(s.last_seen) << "  story " << s.id << "  " << outlets.size() << " sources  "
                << s.title << "\n";
    }
  }
  if (args.format == "json") print_json(all);
}

// ---- story ----------------------------------------------------------------

void run_story(const IntelArgs& args, int& exit_code) {
  auto store = open_store_or_report(args.db, exit_code);
  if (!store) return;
  auto story = store->get_story(args.story_id);
  if (!story.ok()) {
    fail(story.error(), exit_code);
    return;
  }
  const analyze::Story& s = story.value();
  std::vector<store::StoredArticle> articles;
  std::vector<analyze::SourcedFindings> sourced;
  articles.reserve(s.members.size());
  for (const auto& m : s.members) {
    auto a = store->get_article(m.article_id);
    if (!a.ok()) continue;
    articles.push_back(std::move(a.value()));
  }
  for (size_t i = 0; i < articles.size(); ++i) {
    sourced.push_back({s.members[i].outlet, &articles[i].findings});
  }
  analyze::StoryFindings merged = analyze::merge_story_findings(sourced);
  if (args.format == "json") {
    nlohmann::json members = nlohmann::json::array();
    for (const auto& m : s.members) {
      members.push_back({{"article", m.article_id},
                         {"outlet", m.outlet},
                         {"url", m.url},
                         {"title", m.title},
                         {"published_at", m.published_at},
                         {"duplicate_of", m.duplicate_of}});
    }
    nlohmann::json entities = nlohmann::json::array(), relations = nlohmann::json::array(),
                   observables = nlohmann::json::array();
    for (const auto& e : merged.entities) {
      nlohmann::json j = e.mention;
      j["sources"] = e.sources;
      entities.push_back(j);
    }
    for (const auto& r : merged.relations) {
      nlohmann::json j = r.relation;
      j["sources"] = r.sources;
      relations.push_back(j);
    }
    for (const auto& o : merged.observables) {
      nlohmann::json j = o.observable;
      j["sources"] = o.sources;
      observables.push_back(j);
    }
    print_json({{"id", s.id},
                {"title", s.title},
                {"first_seen", s.first_seen},
                {"last_seen", s.last_seen},
                {"members", members},
                {"entities", entities},
                {"relations", relations},
                {"observables", observables}});
    return;
  }
  std::cout << "story " << s.id << ": " << s.title << "\n"
            << day(s.first_seen) << " .. " << day(s.last_seen) << ", " << s.members.size()
            << " sources\n\nSources:\n";
  for (const auto& m : s.members) {
    std::cout << "  " << day(m.published_at) << "  " << m.outlet << "  " << m.title
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
      all.push_back(article_brief(a));
    else
      print_article_line(a);
  }
  if (args.format == "json") print_json(all);
}

// ---- entity ---------------------------------------------------------------

struct RelationSummary {
  std::string predicate, other, other_type, direction, sentence;
  int articles = 0;
  double confidence = 0;
};

void run_entity(const IntelArgs& args, int& exit_code) {
  Result<std::string> dir = args.kb_dir.empty() ? kb::find_kb_dir(kb::default_kb_search())
                                                : Result<std::string>(args.kb_dir);
  if (!dir.ok()) {
    fail(dir.error(), exit_code);
    return;
  }
  auto base = kb::KnowledgeBase::load(dir.value());
  if (!base.ok()) {
    fail(base.error(), exit_code);
    return;
  }
  auto matches = base.value().lookup(args.query);
  if (matches.empty()) {
    fail(Error{"no entity named '" + args.query + "' in the knowledge base"}, exit_code);
    return;
  }
  const kb::Entity& entity = *matches.front().entity;
  auto store = open_store_or_report(args.db, exit_code);
  if (!store) return;
  auto articles = store->articles_with_entity({entity.id}, 10000);
  if (!articles.ok()) {
    fail(articles.error(), exit_code);
    return;
  }
  std::map<std::string, int> aliases_seen;
  std::map<std::string, int> timeline;  // day → articles
  std::map<std::string, RelationSummary> relations;
  int64_t first = 0, last = 0;
  int shown = 0;
  for (const auto& a : articles.value()) {
    if (a.analysis.relevance_label == "noise" && !args.include_noise) continue;
    ++shown;
    int64_t t = when(a);
    first = first == 0 ? t : std::min(first, t);
    last = std::max(last, t);
    ++timeline[day(t)];
    for (const Mention& m : a.findings.entities) {
      if (m.id == entity.id) ++aliases_seen[m.alias];
    }
    std::set<std::string> counted;
    for (const Relation& r : a.findings.relations) {
      bool subject = r.subject.id == entity.id;
      if (!subject && r.object.id != entity.id) continue;
      const RelationEnd& other = subject ? r.object : r.subject;
      std::string key = (r.negated ? "not " : "") + r.predicate + (subject ? ">" : "<") + other.id;
      RelationSummary& s = relations[key];
      s.predicate = (r.negated ? "not " : "") + r.predicate;
      s.other = other.name;
      s.other_type = other.type;
      s.direction = subject ? "outgoing" : "incoming";
      if (counted.insert(key).second) ++s.articles;
      if (r.confidence >= s.confidence) {
        s.confidence = r.confidence;
        s.sentence = r.sentence;
      }
    }
  }
  std::vector<RelationSummary> ordered;
  for (auto& [key, s] : relations) ordered.push_back(s);
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
    return a.articles != b.articles ? a.articles > b.articles : a.confidence > b.confidence;
  });
  std::vector<std::string> kb_aliases;
  for (const auto& alias : entity.aliases) kb_aliases.push_back(alias.name);
  if (args.format == "json") {
    nlohmann::json rels = nlohmann::json::array();
    for (const auto& s : ordered) {
      rels.push_back({{"predicate", s.predicate},
                      {"direction", s.direction},
                      {"other", s.other},
                      {"other_type", s.other_type},
                      {"articles", s.articles},
                      {"confidence", s.confidence},
                      {"evidence", s.sentence}});
    }
    nlohmann::json recent = nlohmann::json::array();
    for (const auto& a : articles.value()) {
      if (recent.size() < args.limit) recent.push_back(article_brief(a));
    }
    print_json({{"id", entity.id},
                {"name", entity.name},
                {"type", kb::type_name(entity.type)},
                {"kb_aliases", kb_aliases},
                {"aliases_seen", aliases_seen},
                {"articles", shown},
                {"first_seen", first},
                {"last_seen", last},
                {"timeline", timeline},
                {"relations", rels},
                {"recent_articles", recent}});
    return;
  }
  std::cout << entity.name << " (" << kb::type_name(entity.type) << ", " << entity.id << ")\n";
  if (matches.size() > 1) {
    std::cout << "  '" << args.query << "' may also mean:";
    for (size_t i = 1; i < matches.size() && i < 4; ++i)
      std::cout << " " << matches[i].entity->name;
    std::cout << "\n";
  }
  std::cout << "  in the news: " << shown << " articles, " << day(first) << " .. " << day(last)
            << "\n  names seen:";
  for (const auto& [alias, n] : aliases_seen) std::cout << " " << alias << " (" << n << ")";
  std::cout << "\n";
  if (!ordered.empty()) std::cout << "\nWhat the news says:\n";
  for (const auto& s : ordered) {
    std::cout << "  "
              << (s.direction == "outgoing" ? entity.name + " " + s.predicate + " " + s.other
                                            : s.other + " " + s.predicate + " " + entity.name)
              << "  [" << s.articles << " articles, confidence "
              << static_cast<int>(s.confidence * 100) << "]\n    \"" << s.sentence << "\"\n";
  }
  if (!timeline.empty()) std::cout << "\nTimeline:\n";
  for (const auto& [d, n] : timeline)
    std::cout << "  " << d << "  " << std::string(n, '#') << " " << n << "\n";
}

// ---- ioc ------------------------------------------------------------------

void run_ioc(const IntelArgs& args, int& exit_code) {
  std::string value = text::refang_string(args.query);
  auto store = open_store_or_report(args.db, exit_code);
  if (!store) return;
  auto articles = store->articles_with_observable(value, args.limit);
  if (!articles.ok()) {
    fail(articles.error(), exit_code);
    return;
  }
  nlohmann::json all = nlohmann::json::array();
  for (const auto& a : articles.value()) {
    std::string context, type;
    for (const Observable& o : a.findings.observables) {
      if (o.value == value) {
        context = o.context;
        type = o.type;
      }
    }
    if (args.format == "json") {
      nlohmann::json j = article_brief(a);
      j["type"] = type;
      j["context"] = context;
      all.push_back(j);
    } else {
      print_article_line(a);
      if (!context.empty()) std::cout << "    \"" << context << "\"\n";
    }
  }
  if (args.format == "json")
    print_json(all);
  else if (articles.value().empty())
    std::cout << value << ": not reported in any stored article\n";
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
