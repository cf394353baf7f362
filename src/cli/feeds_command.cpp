#include "cli/feeds_command.h"

#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/store_option.h"

namespace osprey::cli {
namespace {

struct FeedsArgs {
  std::string db;
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

nlohmann::json feed_json(const Source& feed) {
  const FeedHealth& h = feed.health;
  return {{"id", feed.id},
          {"url", feed.url},
          {"title", feed.title},
          {"html_url", feed.html_url},
          {"category", feed.category},
          {"interval", feed.interval},
          {"next_due", feed.next_due},
          {"enabled", feed.enabled},
          {"health",
           {{"last_polled", h.last_polled},
            {"last_success", h.last_success},
            {"last_error", h.last_error},
            {"last_error_message", h.last_error_message},
            {"consecutive_failures", h.consecutive_failures},
            {"items_per_day", h.items_per_day},
            {"items_total", h.items_total}}}};
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
    for (const Source& feed : feeds.value()) all.push_back(feed_json(feed));
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
}

}  // namespace osprey::cli
