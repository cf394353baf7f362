#include "cli/feed_command.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "osprey/ingest/feed/feed.h"
#include "osprey/ingest/feed/feed_json.h"

namespace osprey::cli {
namespace {

enum class FeedFormat { kJson, kText };

struct FeedArgs {
  std::vector<std::string> inputs;
  FeedFormat format = FeedFormat::kJson;
};

bool is_url(const std::string& input) {
  return input.rfind("http://", 0) == 0 || input.rfind("https://", 0) == 0;
}

struct FileCloser {
  void operator()(FILE* f) const {
    if (f && f != stdin) std::fclose(f);
  }
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

Result<Document> read_feed_document(const std::string& input) {
  if (is_url(input))
    return Error{input + ": fetching URLs is not supported yet; save the feed to a file"};
  std::unique_ptr<FILE, FileCloser> file(input == "-" ? stdin : std::fopen(input.c_str(), "rb"));
  if (!file) return Error{"cannot read " + input + ": " + std::strerror(errno)};
  Document doc;
  doc.url = input;
  doc.final_url = input;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) doc.body.append(buffer, n);
  if (std::ferror(file.get())) return Error{"cannot read " + input + ": " + std::strerror(errno)};
  return doc;
}

void add_feed_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<FeedArgs>();
  CLI::App* cmd = app.add_subcommand("feed", "Parse RSS, Atom or JSON Feed files and print them");
  cmd->add_option("inputs", args->inputs,
                  "Feed files to read; '-' or nothing reads standard input");
  std::map<std::string, FeedFormat> formats = {{"json", FeedFormat::kJson},
                                               {"text", FeedFormat::kText}};
  cmd->add_option("-f,--format", args->format, "Output format: json (default), text")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
  cmd->callback([args, &exit_code] {
    if (args->inputs.empty()) args->inputs.push_back("-");
    for (const std::string& input : args->inputs) {
      if (is_url(input)) {
        std::cerr << "osprey: " << input
                  << ": fetching URLs is not supported yet; save the feed to a file\n";
        exit_code = 2;
        return;
      }
    }
    nlohmann::json all = nlohmann::json::array();
    for (const std::string& input : args->inputs) {
      Result<Document> doc = read_feed_document(input);
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
