#include "cli/extract_command.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <memory>
#include <optional>

#include "cli/knowledge.h"
#include "cli/output.h"
#include "osprey/analyze/relations.h"
#include "osprey/kb/kb_dir.h"
#include "osprey/kb/knowledge_base.h"
#include "osprey/kb/matcher.h"
#include "osprey/observables/extractor.h"
#include "osprey/observables/registry.h"
#include "osprey/text/markup.h"

namespace osprey::cli {
namespace {

struct ExtractArgs {
  std::vector<std::string> inputs;
  Format format = Format::kJson;
  observables::ExtractOptions options;
  std::string kb_dir;        // --kb; empty: the default search
  bool no_entities = false;  // --no-entities: observables only
};

// What extraction needs, made once for all inputs.
struct Engines {
  observables::Extractor extractor;
  std::unique_ptr<kb::KnowledgeBase> kb;
  std::unique_ptr<kb::EntityMatcher> matcher;
};

struct FileCloser {
  void operator()(FILE* f) const {
    if (f && f != stdin) std::fclose(f);
  }
};

// Inputs up to this size are read whole: HTML has its markup blanked, and
// entities are recognised. Larger ones stream through the observable
// extractor in bounded memory.
constexpr size_t kWholeLimit = 64u << 20;

// Reads one input and returns its findings, or an error naming it.
Result<Findings> extract_input(const Engines& engines, const std::string& name,
                               const observables::ExtractOptions& options) {
  std::unique_ptr<FILE, FileCloser> file(name == "-" ? stdin : std::fopen(name.c_str(), "rb"));
  if (!file) return Error{"cannot read " + name + ": " + std::strerror(errno)};
  std::string buffer(1u << 20, '\0');
  std::string whole;  // the input while it fits under kWholeLimit
  struct stat info {};
  if (fstat(fileno(file.get()), &info) == 0 && S_ISREG(info.st_mode) &&
      static_cast<uint64_t>(info.st_size) <= kWholeLimit)
    whole.reserve(static_cast<size_t>(info.st_size));
  std::optional<observables::ObservableStream> stream;
  bool first = true;
  for (;;) {
    size_t n = std::fread(buffer.data(), 1, buffer.size(), file.get());
    if (n == 0) break;
    std::string_view bytes(buffer.data(), n);
    // Without entities to recognise, only HTML needs the whole input: plain
    // text streams from the first block on.
    if (first && !engines.matcher && !text::looks_like_html(bytes))
      stream.emplace(engines.extractor.stream(options));
    first = false;
    if (!stream && whole.size() + n <= kWholeLimit) {
      whole.append(bytes);
      continue;
    }
    if (!stream) {
      stream.emplace(engines.extractor.stream(options));
      stream->feed(whole);
      std::string().swap(whole);  // give the memory back: from here on, memory stays bounded
    }
    stream->feed(bytes);
  }
  if (std::ferror(file.get())) return Error{"cannot read " + name + ": " + std::strerror(errno)};
  Findings findings;
  if (stream) {
    findings = stream->finish();
  } else {
    if (text::looks_like_html(whole)) whole = text::blank_markup(whole);
    findings = engines.extractor.extract(whole, options);
    if (engines.matcher) {
      findings.entities = engines.matcher->match(whole);
      findings.relations = analyze::extract_relations(whole, findings, engines.kb.get());
    }
  }
  findings.source = name;
  return findings;
}

// The knowledge base and its matcher, or nothing (with a warning) when no
// knowledge base can be found: observables do not need one.
void load_entities(Engines& engines, const ExtractArgs& args) {
  if (args.no_entities) return;
  auto loaded = load_knowledge_base(args.kb_dir);
  if (!loaded.ok()) {
    std::cerr << "osprey: " << loaded.error().message << "; entities are not recognised\n";
    return;
  }
  engines.kb = std::make_unique<kb::KnowledgeBase>(std::move(loaded).value());
  auto matcher = kb::EntityMatcher::create(*engines.kb);
  if (!matcher.ok()) {
    std::cerr << "osprey: " << matcher.error().message << "; entities are not recognised\n";
    return;
  }
  engines.matcher = std::make_unique<kb::EntityMatcher>(std::move(matcher).value());
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
  cmd->add_option("--kb", args->kb_dir,
                  "Knowledge base folder (default: $OSPREY_KB, else the one beside osprey)");
  cmd->add_flag("--no-entities", args->no_entities, "Do not recognise entities (observables only)");
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
    Engines engines{std::move(extractor).value(), nullptr, nullptr};
    load_entities(engines, *args);
    FindingsWriter writer(std::cout, args->format, args->inputs.size());
    for (const std::string& input : args->inputs) {
      auto findings = extract_input(engines, input, args->options);
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
