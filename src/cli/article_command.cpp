#include "cli/article_command.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/documents.h"
#include "osprey/ingest/html/article_reader.h"

namespace osprey::cli {
namespace {

enum class ArticleFormat { kText, kJson };

struct ArticleArgs {
  std::vector<std::string> inputs;
  ArticleFormat format = ArticleFormat::kText;
  DocumentOptions documents;
};

nlohmann::json to_json(const Article& a) {
  return nlohmann::json{{"source", a.source},
                        {"title", a.title},
                        {"text", a.text},
                        {"published", a.published},
                        {"published_at", a.published_at},
                        {"authors", a.authors},
                        {"language", a.language},
                        {"canonical_url", a.canonical_url},
                        {"site_name", a.site_name},
                        {"warnings", a.warnings}};
}

void print_text(std::ostream& out, const Article& a, bool first) {
  if (!first) out << "\n";
  out << "# " << a.source << "\n";
  auto line = [&](const char* label, const std::string& value) {
    if (!value.empty()) out << label << ": " << value << "\n";
  };
  line("Title", a.title);
  std::string authors;
  for (const std::string& name : a.authors) authors += (authors.empty() ? "" : ", ") + name;
  line("Authors", authors);
  line("Published", a.published);
  line("Language", a.language);
  line("Canonical", a.canonical_url);
  line("Site", a.site_name);
  for (const std::string& w : a.warnings) line("Warning", w);
  out << "\n" << a.text << "\n";
}

}  // namespace

void add_article_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ArticleArgs>();
  CLI::App* cmd = app.add_subcommand(
      "article", "Print the main text and metadata of web pages (menus, ads and comments removed)");
  cmd->add_option("inputs", args->inputs,
                  "HTML files or http(s) URLs; '-' or nothing reads standard input");
  add_document_options(cmd, args->documents);
  std::map<std::string, ArticleFormat> formats = {{"text", ArticleFormat::kText},
                                                  {"json", ArticleFormat::kJson}};
  cmd->add_option("-f,--format", args->format, "Output format: text (default) or json")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
  cmd->callback([args, &exit_code] {
    if (args->inputs.empty()) args->inputs.push_back("-");
    nlohmann::json array = nlohmann::json::array();
    bool first = true;
    for (const std::string& input : args->inputs) {
      Result<Article> article = [&]() -> Result<Article> {
        Result<Document> doc = load_document(input, args->documents);
        if (doc.ok() && doc.value().content_type.empty()) doc.value().content_type = "text/html";
        if (!doc.ok()) return doc.error();
        return ingest::read_article(doc.value());
      }();
      if (!article.ok()) {
        std::cerr << "osprey: " << article.error().message << "\n";
        exit_code = 1;
        continue;
      }
      if (args->format == ArticleFormat::kJson)
        array.push_back(to_json(article.value()));
      else
        print_text(std::cout, article.value(), first);
      first = false;
    }
    // One input gives one object (nothing when it failed); several give an array.
    bool single = args->inputs.size() == 1;
    if (args->format == ArticleFormat::kJson && !(single && array.empty())) {
      const nlohmann::json& out = single ? array[0] : array;
      std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
  });
}

}  // namespace osprey::cli
