#include "cli/extract_command.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <memory>

#include "cli/output.h"
#include "osprey/observables/extractor.h"
#include "osprey/observables/registry.h"
#include "osprey/text/markup.h"

namespace osprey::cli {
namespace {

struct ExtractArgs {
  std::vector<std::string> inputs;
  Format format = Format::kJson;
  observables::ExtractOptions options;
};

struct FileCloser {
  void operator()(FILE* f) const {
    if (f && f != stdin) std::fclose(f);
  }
};

// HTML files smaller than this are read whole and have their markup blanked;
// anything else is streamed as text.
constexpr size_t kMarkupLimit = 64u << 20;

// Reads one input and returns its findings, or an error naming it.
Result<Findings> extract_input(const observables::Extractor& extractor, const std::string& name,
                               const observables::ExtractOptions& options) {
  std::unique_ptr<FILE, FileCloser> file(name == "-" ? stdin : std::fopen(name.c_str(), "rb"));
  if (!file) return Error{"cannot read " + name + ": " + std::strerror(errno)};
  auto stream = extractor.stream(options);
  std::string buffer(1u << 20, '\0');
  std::string head;  // the first bytes, kept whole while the input may be HTML
  bool holding = true;
  for (;;) {
    size_t n = std::fread(buffer.data(), 1, buffer.size(), file.get());
    if (n == 0) break;
    std::string_view bytes(buffer.data(), n);
    if (holding) {
      head.append(bytes);
      if (head.size() >= 512 && !text::looks_like_html(head)) holding = false;
      if (head.size() > kMarkupLimit) holding = false;
      if (!holding) {
        stream.feed(head);
        head.clear();
      }
    } else {
      stream.feed(bytes);
    }
  }
  if (std::ferror(file.get())) return Error{"cannot read " + name + ": " + std::strerror(errno)};
  if (holding) stream.feed(text::looks_like_html(head) ? text::blank_markup(head) : head);
  Findings findings = stream.finish();
  findings.source = name;
  return findings;
}

}  // namespace

void add_extract_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ExtractArgs>();
  CLI::App* cmd =
      app.add_subcommand("extract", "Find indicators (IPs, domains, URLs, hashes, CVEs …) in text");
  cmd->add_option("inputs", args->inputs, "Files to read; '-' or nothing reads standard input");
  std::map<std::string, Format> formats = {{"json", Format::kJson},
                                           {"ndjson", Format::kNdjson},
                                           {"csv", Format::kCsv},
                                           {"text", Format::kText}};
  cmd->add_option("-f,--format", args->format, "Output format: json (default), ndjson, csv, text")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
  cmd->add_flag("--explain", args->options.explain,
                "Say which rule found each observable, and why");
  cmd->add_option("--site", args->options.site,
                  "The article's own domain: its URLs and e-mails are marked benign");
  std::vector<std::string> type_names;
  for (const auto& type : observables::observable_types()) type_names.emplace_back(type.name);
  cmd->add_option("-t,--types", args->options.types, "Report only these types (comma-separated)")
      ->delimiter(',')
      ->check(CLI::IsMember(type_names));
  cmd->add_option("--max-spans", args->options.max_spans,
                  "Spans listed per observable (all are counted)")
      ->check(CLI::Range(1, 1000000));
  cmd->callback([args, &exit_code] {
    if (args->inputs.empty()) args->inputs.push_back("-");
    auto extractor = observables::Extractor::create();
    if (!extractor.ok()) {
      std::cerr << "osprey: " << extractor.error().message << "\n";
      exit_code = 1;
      return;
    }
    FindingsWriter writer(std::cout, args->format, args->inputs.size());
    for (const std::string& input : args->inputs) {
      auto findings = extract_input(extractor.value(), input, args->options);
      if (!findings.ok()) {
        std::cerr << "osprey: " << findings.error().message << "\n";
        exit_code = 1;
        continue;
      }
      writer.write(findings.value());
    }
    writer.close();
  });
}

}  // namespace osprey::cli
