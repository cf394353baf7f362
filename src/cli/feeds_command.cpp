#include "cli/feeds_command.h"

#include <ctime>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/store_option.h"
#include "osprey/ingest/feed/opml.h"
#include "osprey/ingest/files.h"
#include "osprey/pipeline/intel_reports.h"

namespace osprey::cli {
namespace {

struct FeedsArgs {
  std::string db;
  std::string file;
  std::string format = "text";
  std::vector<std::string> urls;
  std::string title;
  std::string category;
  int64_t interval = 900;
};

std::string ago(int64_t then, int64_t now) {
  if (then <= 0) return "never";
  int64_t s = now - then;
  if (s < 120) return std::to_string(s) + "s ago";
  if (s < 7200) return std::to_string(s / 60) + "m ago";
  if (s < 172800) return std::to_string(s / 3600) + "h ago";
  return std::to_string(s / 86400) + "d ago";
}

void list_feeds(store::Store& store, const FeedsArgs& args, int& exit_code) {
  auto feeds = store.list_feeds();
  if (!feeds.ok()) {
    std::cerr << "osprey: " << feeds.error().message << "\n";
    exit_code = 1;
    return;
  }
  if (args.format == "json") {
    nlohmann::json all = nlohmann::json::array();
    for (const Source& feed : feeds.value()) all.push_back(pipeline::feed_json(feed));
    std::cout << all.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return;
  }
  int64_t now = static_cast<int64_t>(std::time(nullptr));
  for (const Source& feed : feeds.value()) {
    const FeedHealth& h = feed.health;
    std::string status =
        h.consecutive_failures > 0
            ? "FAILING x" + std::to_string(h.consecutive_failures) + ": " + h.last_error_message
            : (h.last_success ? "ok" : "not polled yet");
    std::cout << feed.id << "\t" << (feed.title.empty() ? feed.url : feed.title) << "\n"
              << "\t" << feed.url << "\n"
              << "\tlast success " << ago(h.last_success, now) << ", " << h.items_total
              << " items, " << h.items_per_day << "/day, " << status << "\n";
  }
}

void import_opml(const FeedsArgs& args, int& exit_code) {
  auto doc = ingest::read_file(args.file);
  if (!doc.ok()) {
    std::cerr << "osprey: " << doc.error().message << "\n";
    exit_code = 1;
    return;
  }
  auto subscriptions = ingest::parse_opml(doc.value().body);
  if (!subscriptions.ok()) {
    std::cerr << "osprey: " << args.file << ": " << subscriptions.error().message << "\n";
    exit_code = 1;
    return;
  }
  if (subscriptions.value().empty()) {
    std::cerr << "osprey: " << args.file << ": no feed subscriptions (outlines with xmlUrl)\n";
    exit_code = 1;
    return;
  }
  auto store = open_store_or_report(args.db, exit_code);
  if (!store) return;
  int added = 0, skipped = 0;
  for (const ingest::Subscription& s : subscriptions.value()) {
    if (!s.xml_url.starts_with("http://") && !s.xml_url.starts_with("https://")) {
      std::cerr << "osprey: skipped (not an http(s) URL): " << s.xml_url << "\n";
      ++skipped;
      continue;
    }
    Source feed;
    feed.url = s.xml_url;
    feed.title = s.title;
    feed.html_url = s.html_url;
    for (const std::string& folder : s.category) {
      feed.category += (feed.category.empty() ? "" : "/") + folder;
    }
    auto id = store->add_feed(feed);
    if (!id.ok()) {
      std::cerr << "osprey: " << id.error().message << "\n";
      exit_code = 1;
      continue;
    }
    ++added;
  }
  std::cout << "imported " << added << " subscriptions from " << args.file;
  if (skipped) std::cout << " (" << skipped << " skipped)";
  std::cout << "\n";
}

void export_opml(const FeedsArgs& args, int& exit_code) {
  auto store = open_store_or_report(args.db, exit_code);
  if (!store) return;
  auto feeds = store->list_feeds();
  if (!feeds.ok()) {
    std::cerr << "osprey: " << feeds.error().message << "\n";
    exit_code = 1;
    return;
  }
  std::vector<ingest::Subscription> subscriptions;
  for (const Source& feed : feeds.value()) {
    ingest::Subscription s;
    s.title = feed.title;
    s.xml_url = feed.url;
    s.html_url = feed.html_url;
    size_t start = 0;
    while (start < feed.category.size()) {
      size_t end = feed.category.find('/', start);
      if (end == std::string::npos) end = feed.category.size();
      if (end > start) s.category.push_back(feed.category.substr(start, end - start));
      start = end + 1;
    }
    subscriptions.push_back(std::move(s));
  }
  std::string opml = ingest::write_opml(subscriptions);
  if (args.file.empty() || args.file == "-") {
    std::cout << opml;
    return;
  }
  std::ofstream out(args.file, std::ios::binary);
  out << opml;
  if (!out) {
    std::cerr << "osprey: cannot write " << args.file << "\n";
    exit_code = 1;
  }
}

}  // namespace

void add_feeds_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<FeedsArgs>();
  CLI::App* cmd = app.add_subcommand("feeds", "Manage feed subscriptions");
  cmd->require_subcommand(1);

  CLI::App* list = cmd->add_subcommand("list", "Subscriptions with their health");
  add_db_option(list, args->db);
  list->add_option("-f,--format", args->format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  list->callback([args, &exit_code] {
    auto store = open_store_or_report(args->db, exit_code);
    if (store) list_feeds(*store, *args, exit_code);
  });

  CLI::App* add = cmd->add_subcommand("add", "Subscribe to feeds");
  add_db_option(add, args->db);
  add->add_option("urls", args->urls, "Feed URLs")->required();
  add->add_option("--title", args->title, "Title (when adding one feed)");
  add->add_option("--category", args->category, "Folder, e.g. 'News/Vendors'");
  add->add_option("--interval", args->interval, "Seconds between polls (default 900)")
      ->check(CLI::Range(60, 7 * 86400));
  add->callback([args, &exit_code] {
    for (const std::string& url : args->urls) {
      if (!url.starts_with("http://") && !url.starts_with("https://")) {
        std::cerr << "osprey: not an http(s) URL: " << url << "\n";
        exit_code = 2;
        return;
      }
    }
    auto store = open_store_or_report(args->db, exit_code);
    if (!store) return;
    for (const std::string& url : args->urls) {
      Source feed;
      feed.url = url;
      feed.title = args->urls.size() == 1 ? args->title : "";
      feed.category = args->category;
      feed.interval = args->interval;
      auto id = store->add_feed(feed);
      if (!id.ok()) {
        std::cerr << "osprey: " << id.error().message << "\n";
        exit_code = 1;
        continue;
      }
      std::cout << id.value() << "\t" << url << "\n";
    }
  });

  CLI::App* import = cmd->add_subcommand("import", "Subscribe to every feed of an OPML file");
  add_db_option(import, args->db);
  import->add_option("file", args->file, "OPML file ('-' for standard input)")->required();
  import->callback([args, &exit_code] { import_opml(*args, exit_code);
});

CLI::App* exported = cmd->add_subcommand("export", "Write the subscriptions as OPML 2.0");
add_db_option(exported, args->db);
exported->add_option("-o,--output", args->file, "File to write (default: standard output)");
exported->callback([args, &exit_code] { export_opml(*args, exit_code); });

CLI::App* remove = cmd->add_subcommand("remove", "Unsubscribe (stored articles stay)");
add_db_option(remove, args->db);
remove->add_option("urls", args->urls, "Feed URLs")->required();
remove->callback([args, &exit_code] {
  auto store = open_store_or_report(args->db, exit_code);
  if (!store) return;
  for (const std::string& url : args->urls) {
    auto removed = store->remove_feed(url);
    if (!removed.ok() || !removed.value()) {
      std::cerr << "osprey: "
                << (removed.ok() ? "no subscription to " + url : removed.error().message) << "\n";
      exit_code = 1;
    }
  }
});
}  // namespace osprey::cli

}  // namespace osprey::cli
