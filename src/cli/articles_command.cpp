#include "cli/articles_command.h"

#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/store_option.h"
#include "osprey/pipeline/intel_reports.h"

namespace osprey::cli {
namespace {

struct ArticlesArgs {
  std::string db;
  std::string since;
  std::string label;
  std::string format = "text";
  size_t limit = 0;  // 0 = all
};

void print_text(const store::StoredArticle& stored) {
  const Article& a = stored.article;
  std::string label =
      stored.analysis.relevance_label.empty() ? "-" : stored.analysis.relevance_label;
  std::cout << a.id << "\t" << label << "\t" << (a.title.empty() ? "(untitled)" : a.title) << "\t"
            << (a.url.empty() ? a.source : a.url) << "\n";
}

}  // namespace

void add_articles_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ArticlesArgs>();
  CLI::App* cmd = app.add_subcommand("articles", "List stored articles");
  add_db_option(cmd, args->db);
  cmd->add_option("--since", args->since, "Only articles since: 2d, 12h, 1w, 2024-11-05, RFC 3339");
  cmd->add_option("--label", args->label, "Only this relevance label")
      ->check(CLI::IsMember({"security", "borderline", "noise"}));
  cmd->add_option("--limit", args->limit, "At most this many (default: all)");
  cmd->add_option("-f,--format", args->format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->callback([args, &exit_code] {
    store::ArticleQuery query;
    if (!args->since.empty()) {
      auto since = parse_since(args->since, static_cast<int64_t>(std::time(nullptr)));
      if (!since) {
        std::cerr << "osprey: --since: cannot read '" << args->since << "'\n";
        exit_code = 2;
        return;
      }
      query.since = *since;
    }
    auto store = open_store_or_report(args->db, exit_code);
    if (!store) return;
    query.label = args->label;
    query.limit = 1000;
    nlohmann::json all = nlohmann::json::array();
    size_t listed = 0;
    for (;;) {
      auto page = store->list_articles(query);
      if (!page.ok()) {
        std::cerr << "osprey: " << page.error().message << "\n";
        exit_code = 1;
        return;
      }
      for (const auto& stored : page.value()) {
        if (args->limit && listed == args->limit) break;
        ++listed;
        if (args->format == "json")
          all.push_back(pipeline::article_json(stored));
        else
          print_text(stored);
      }
      if (page.value().size() < query.limit || (args->limit && listed == args->limit)) break;
      query.after_id = page.value().back().article.id;
    }
    if (args->format == "json") {
      std::cout << all.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
  });
}

}  // namespace osprey::cli
