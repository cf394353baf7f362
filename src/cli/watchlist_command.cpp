#include "cli/watchlist_command.h"

#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/store_option.h"
#include "osprey/export/formats.h"
#include "osprey/kb/kb_dir.h"
#include "osprey/pipeline/watch_reports.h"
#include "osprey/watch/watchlist_builder.h"

namespace osprey::cli {
namespace {

struct WatchlistArgs {
  std::string db;
  std::string kb_dir;
  std::string format = "text";
  std::string name;
  std::string webhook;
  // Values per field, in the order of kWatchFields.
  std::vector<std::string> values[std::size(kWatchFields)];
  int64_t id = 0;
  int64_t watchlist = 0;
  std::string since;
  size_t limit = 50;
};

// The option of each field, in the order of kWatchFields.
struct FieldOption {
  const char* flag;
  const char* help;
};
constexpr FieldOption kFieldOptions[] = {
    {"--actor", "Threat actor (any name or alias the knowledge base knows)"},
    {"--malware", "Malware family or tool"},
    {"--cve", "CVE id, e.g. CVE-2024-3400"},
    {"--sector", "Targeted sector, e.g. Energy"},
    {"--country", "Country or region, e.g. Ukraine"},
    {"--keyword", "Word or phrase, matched as whole words in title and text"},
    {"--domain", "Domain: matches it and its subdomains, and URLs and e-mails on them"},
    {"--network", "IP network in CIDR notation, or one address"},
};
static_assert(std::size(kFieldOptions) == std::size(kWatchFields));

bool watch_fail(const std::string& message, int& exit_code, int code = 1) {
  std::cerr << "osprey: " << message << "\n";
  exit_code = code;
  return false;
}

void print_watch_json(const nlohmann::json& j) {
  std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

// The knowledge base for resolving names, or null when the watchlist names
// no entity (a missing one is then no error).
std::unique_ptr<kb::KnowledgeBase> watch_kb(const WatchlistArgs& args, std::string& error) {
  Result<std::string> dir = args.kb_dir.empty() ? kb::find_kb_dir(kb::default_kb_search())
                                                : Result<std::string>(args.kb_dir);
  if (!dir.ok()) {
    error = dir.error().message;
    return nullptr;
  }
  auto loaded = kb::KnowledgeBase::load(dir.value());
  if (!loaded.ok()) {
    error = loaded.error().message;
    return nullptr;
  }
  return std::make_unique<kb::KnowledgeBase>(std::move(loaded.value()));
}

void add_watchlist(const WatchlistArgs& args, int& exit_code) {
  watch::WatchlistRequest request;
  request.name = args.name;
  request.webhook = args.webhook;
  bool names_entities = false;
  for (size_t i = 0; i < std::size(kWatchFields); ++i) {
    if (args.values[i].empty()) continue;
    request.terms[kWatchFields[i].name] = args.values[i];
    names_entities |= kWatchFields[i].entity;
  }
  std::string kb_error;
  auto base = names_entities ? watch_kb(args, kb_error) : nullptr;
  if (names_entities && !base) {
    watch_fail("cannot resolve entity names: " + kb_error, exit_code);
    return;
  }
  auto watchlist = watch::build_watchlist(request, base.get());
  if (!watchlist.ok()) {
    watch_fail(watchlist.error().message, exit_code, 2);
    return;
  }
  auto store = open_store_or_report(args.db, exit_code);
  if (!store) return;
  watchlist.value().created_at = static_cast<int64_t>(std::time(nullptr));
  auto id = store->add_watchlist(watchlist.value());
  if (!id.ok()) {
    watch_fail(id.error().message, exit_code);
    return;
  }
  watchlist.value().id = id.value();
  if (args.format == "json") return print_watch_json(pipeline::watchlist_json(watchlist.value()));
  std::cout << id.value() << "\t" << watchlist.value().name << "\n";
}

// "actors: Kimsuky, Lazarus Group; cves: CVE-2024-3400"
std::string query_text(const WatchQuery& query) {
  std::string out;
  for (const WatchField& field : kWatchFields) {
    const auto& terms = query.*field.terms;
    if (terms.empty()) continue;
    out += (out.empty() ? "" : "; ") + std::string(field.name) + ": ";
    for (size_t i = 0; i < terms.size(); ++i) out += (i ? ", " : "") + terms[i].value;
  }
  return out;
}

void list_watchlists(const WatchlistArgs& args, int& exit_code) {
  auto store = open_store_or_report(args.db, exit_code);
  if (!store) return;
  auto all = store->list_watchlists();
  if (!all.ok()) {
    watch_fail(all.error().message, exit_code);
    return;
  }
  if (args.format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const Watchlist& w : all.value()) list.push_back(pipeline::watchlist_json(w));
    return print_watch_json(list);
  }
  for (const Watchlist& w : all.value()) {
    std::cout << w.id << "\t" << w.name << "\t" << w.alerts << " alerts"
              << (w.webhook.empty() ? "" : "\twebhook " + w.webhook) << "\n\t"
              << query_text(w.query) << "\n";
  }
}

void remove_watchlist(const WatchlistArgs& args, int& exit_code) {
  auto store = open_store_or_report(args.db, exit_code);
  if (!store) return;
  auto removed = store->remove_watchlist(args.id);
  if (!removed.ok()) {
    watch_fail(removed.error().message, exit_code);
  } else if (!removed.value()) {
    watch_fail("no watchlist " + std::to_string(args.id), exit_code);
  }
}

void list_alerts(const WatchlistArgs& args, int& exit_code) {
  store::AlertQuery query;
  query.watchlist_id = args.watchlist;
  query.limit = args.limit;
  if (!args.since.empty()) {
    auto since = parse_since(args.since, static_cast<int64_t>(std::time(nullptr)));
    if (!since) {
      watch_fail("--since: cannot read '" + args.since + "' (2d, 12h, 2024-11-05)", exit_code, 2);
      return;
    }
    query.since = *since;
  }
  auto store = open_store_or_report(args.db, exit_code);
  if (!store) return;
  auto alerts = store->list_alerts(query);
  if (!alerts.ok()) {
    watch_fail(alerts.error().message, exit_code);
    return;
  }
  if (args.format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const Alert& a : alerts.value()) list.push_back(pipeline::alert_json(a));
    return print_watch_json(list);
  }
  for (const Alert& a : alerts.value()) {
    std::string matched;
    for (const AlertMatch& m : a.matched) {
      matched += (matched.empty() ? "" : ", ") + m.field + ":" + m.value;
    }
    std::cout << exporting::rfc3339_millis(a.created_at).substr(0, 16) << "  [" << a.watchlist_name
              << "]  " << a.article_title << "\n\t" << a.article_url << "\n\t" << matched
              << "  (webhook " << a.delivery.status << ")\n";
  }
}

}  // namespace

void add_watchlist_commands(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<WatchlistArgs>();
  CLI::App* cmd = app.add_subcommand("watchlist", "Saved queries that alert on new articles");
  cmd->require_subcommand(1);

  CLI::App* add = cmd->add_subcommand("add", "Create a watchlist; prints its id");
  add_db_option(add, args->db);
  add->add_option("name", args->name, "Its name")->required();
  for (size_t i = 0; i < std::size(kFieldOptions); ++i)
    add->add_option(kFieldOptions[i].flag, args->values[i], kFieldOptions[i].help);
  add->add_option("--webhook", args->webhook, "http(s) URL each alert is POSTed to as JSON");
  add->add_option("--kb", args->kb_dir, "Knowledge base folder (default: the one beside osprey)");
  add->add_option("-f,--format", args->format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  add->callback([args, &exit_code] { add_watchlist(*args, exit_code); });

  CLI::App* list = cmd->add_subcommand("list", "Watchlists with their alert counts");
  add_db_option(list, args->db);
  list->add_option("-f,--format", args->format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  list->callback([args, &exit_code] { list_watchlists(*args, exit_code); });

  CLI::App* remove = cmd->add_subcommand("remove", "Remove a watchlist and its alerts");
  add_db_option(remove, args->db);
  remove->add_option("id", args->id, "The id osprey watchlist list shows")->required();
  remove->callback([args, &exit_code] { remove_watchlist(*args, exit_code); });

  CLI::App* alerts = app.add_subcommand("alerts", "Alerts raised by the watchlists, newest first");
  add_db_option(alerts, args->db);
  alerts->add_option("--watchlist", args->watchlist, "Only this watchlist's (its id)");
  alerts->add_option("--since", args->since, "Only alerts since: 2d, 12h, 2024-11-05");
  alerts->add_option("-n,--limit", args->limit, "At most this many (default 50)")
      ->check(CLI::Range(1, 100000));
  alerts->add_option("-f,--format", args->format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  alerts->callback([args, &exit_code] { list_alerts(*args, exit_code); });
}

}  // namespace osprey::cli
