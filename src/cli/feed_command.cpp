#include "cli/feed_command.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/documents.h"
#include "osprey/ingest/feed/feed.h"
#include "osprey/ingest/feed/feed_json.h"

namespace osprey::cli {
namespace {

enum class FeedFormat { kJson, kText };

struct FeedArgs {
  std::vector<std::string> inputs;
  FeedFormat format = FeedFormat::kJson;
  DocumentOptions documents;
};

void print_text(std::ostream& out, const std::string& input, const ingest::Feed& feed) {
  out << input << ": " << feed.format << " \"" << feed.title << "\" " << feed.link << " ("
      << feed.items.size() << " items)\n";
  for (const std::string& w : feed.warnings) out << "  warning: " << w << "\n";
  for (const ingest::FeedItem& item : feed.items) {
    out << "  - " << item.title << "\n";
    if (!item.link.empty()) out << "    " << item.link << "\n";
    if (!item.published.empty())
      out << "    published " << item.published << " (" << item.published_at << ")\n";
  }
}

}  // namespace

void add_feed_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<FeedArgs>();
  CLI::App* cmd = app.add_subcommand("feed", "Parse RSS, Atom or JSON Feed files and print them");
  cmd->add_option("inputs", args->inputs,
                  "Feed files or http(s) URLs; '-' or nothing reads standard input");
  add_document_options(cmd, args->documents);
  std::map<std::string, FeedFormat> formats = {{"json", FeedFormat::kJson},
                                               {"text", FeedFormat::kText}};
  cmd->add_option("-f,--format", args->format, "Output format: json (default), text")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
  cmd->callback([args, &exit_code] {
    if (args->inputs.empty()) args->inputs.push_back("-");
    nlohmann::json all = nlohmann::json::array();
    for (const std::string& input : args->inputs) {
      Result<Document> doc = load_document(input, args->documents);
      Result<ingest::Feed> feed =
          doc.ok() ? ingest::parse_feed(doc.value()) : Result<ingest::Feed>(doc.error());
      if (!feed.ok()) {
        std::cerr << "osprey: " << feed.error().message << "\n";
        exit_code = 1;
        continue;
      }
      if (args->format == FeedFormat::kText) {
        print_text(std::cout, input, feed.value());
        continue;
      }
      nlohmann::json j = feed.value();
      j["source"] = input;
      all.push_back(std::move(j));
    }
    if (args->format == FeedFormat::kJson && !(args->inputs.size() == 1 && all.empty())) {
      const nlohmann::json& out = args->inputs.size() == 1 && all.size() == 1 ? all[0] : all;
      std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
  });
}

}  // namespace osprey::cli
