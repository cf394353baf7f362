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
#include "osprey/ingest/mapped_file.h"
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
constexpr size_t kHeadBytes = 1u << 20;    // read at a time; enough to tell HTML
constexpr size_t kWindowBytes = 4u << 20;  // of a large mapped file, fed at a time

// Findings of a text held whole: HTML has its markup blanked, and
// entities and relations are recognised when a knowledge base is loaded.
Findings extract_whole(const Engines& engines, std::string_view text,
                       const observables::ExtractOptions& options) {
  std::string blanked;
  if (text::looks_like_html(text)) text = blanked = text::blank_markup(text);
  Findings findings = engines.extractor.extract(text, options);
  if (engines.matcher) {
    findings.entities = engines.matcher->match(text);
    findings.relations = analyze::extract_relations(text, findings, engines.kb.get());
  }
  return findings;
}

// Whether an input must be read whole (entities, or HTML to blank), judged
// from its first bytes.
bool needs_whole(const Engines& engines, std::string_view head) {
  return engines.matcher || text::looks_like_html(head);
}

// A regular file, mapped: a small one is analysed where it lies, a large
// one streams through the extractor a window at a time, each window's pages
// given back once scanned, so that memory stays flat. Either way its chunks
// are scanned on options.threads threads.
Findings extract_mapped(const Engines& engines, ingest::MappedFile& file,
                        const observables::ExtractOptions& options) {
  std::string_view bytes = file.bytes();
  if (bytes.size() <= kWholeLimit)
    return needs_whole(engines, bytes.substr(0, kHeadBytes))
               ? extract_whole(engines, bytes, options)
               : engines.extractor.extract(bytes, options);
  auto stream = engines.extractor.stream(options);
  for (size_t at = 0; at < bytes.size(); at += kWindowBytes) {
    stream.feed(bytes.substr(at, kWindowBytes));
    file.release_before(at + kWindowBytes);  // the stream copies a partial last line
  }
  return stream.finish();
}

// Standard input, a pipe or a device: read in blocks, whole while it is
// small enough and needs it, else streamed.
Result<Findings> extract_read(const Engines& engines, const std::string& name,
                              const observables::ExtractOptions& options) {
  std::unique_ptr<FILE, FileCloser> file(name == "-" ? stdin : std::fopen(name.c_str(), "rb"));
  if (!file) return Error{"cannot read " + name + ": " + std::strerror(errno)};
  std::string buffer(kHeadBytes, '\0');
  std::string whole;  // the input while it fits under kWholeLimit
  std::optional<observables::ObservableStream> stream;
  bool first = true;
  for (;;) {
    size_t n = std::fread(buffer.data(), 1, buffer.size(), file.get());
    if (n == 0) break;
    std::string_view bytes(buffer.data(), n);
    // Plain text without entities to recognise streams from the first block on.
    if (first && !needs_whole(engines, bytes)) stream.emplace(engines.extractor.stream(options));
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
  return stream ? stream->finish() : extract_whole(engines, whole, options);
}

// Reads one input and returns its findings, or an error naming it. Regular
// files are mapped; anything else is read.
Result<Findings> extract_input(const Engines& engines, const std::string& name,
                               const observables::ExtractOptions& options) {
  struct stat info {};
  Result<Findings> findings = Error{};
  if (name != "-" && stat(name.c_str(), &info) == 0 && S_ISREG(info.st_mode)) {
    auto mapped = ingest::MappedFile::open(name);
    if (!mapped.ok()) return mapped.error();
    findings = extract_mapped(engines, mapped.value(), options);
  } else {
    findings = extract_read(engines, name, options);
  }
  if (findings.ok()) findings.value().source = name;
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
  args->options.threads = 0;
  cmd->add_option("--threads", args->options.threads,
                  "Threads scanning one file (default 0: one per core); "
                  "the findings are the same for any number")
      ->check(CLI::Range(0, 256));
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
