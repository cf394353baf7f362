#include "cli/export_command.h"

#include <ctime>
#include <fstream>
#include <iostream>
#include <set>

#include "cli/knowledge.h"
#include "cli/store_option.h"
#include "osprey/export/digest.h"
#include "osprey/export/misp.h"
#include "osprey/export/navigator.h"
#include "osprey/export/stix.h"
#include "osprey/export/tabular.h"
#include "osprey/kb/kb_dir.h"
#include "osprey/pipeline/export_selection.h"

namespace osprey::cli {
namespace {

struct ExportArgs {
  std::string db;
  std::string format;
  int64_t story = 0;
  std::string since;
  std::string entity;
  std::string output;
  std::string kb_dir;
  std::string tlp = "clear";
  bool include_noise = false;
  bool include_negated = false;
  bool include_hedged = false;
  bool include_benign = false;
  int min_confidence = 0;
  std::string ioc_format = "csv";  // osprey export iocs --format
  std::vector<std::string> types;  // osprey export iocs --type
};

// Indicator values only, one per line, for blocklists: the non-benign
// observables of the selected articles (benign ones with --include-benign).
std::string plain_values(const exporting::ExportSet& set, const exporting::ExportOptions& options) {
  std::set<std::string> seen;
  std::string out;
  for (const auto& story : set.stories) {
    for (const auto& a : story.articles) {
      if (a.relevance_label == "noise" && !options.include_noise) continue;
      for (const Observable& o : a.findings.observables) {
        if (!o.benign.empty() && !options.include_benign) continue;
        if (seen.insert(o.value).second) out.append(o.value).append("\n");
      }
    }
  }
  return out;
}

// Keeps only observables of the given types (all when empty).
void keep_types(exporting::ExportSet& set, const std::vector<std::string>& types) {
  if (types.empty()) return;
  for (auto& story : set.stories) {
    for (auto& a : story.articles) {
      auto& obs = a.findings.observables;
      obs.erase(std::remove_if(obs.begin(), obs.end(),
                               [&](const Observable& o) {
                                 return std::find(types.begin(), types.end(), o.type) ==
                                        types.end();
                               }),
                obs.end());
    }
  }
}

// Every format is a row: its name and the exporter that writes it.
struct ExportFormat {
  const char* name;
  std::string (*write)(const exporting::ExportSet&, const exporting::ExportOptions&);
};

constexpr ExportFormat kFormats[] = {
    {"stix", exporting::to_stix_bundle},
    {"misp", exporting::to_misp_event},
    {"navigator", exporting::to_navigator_layer},
    {"csv", exporting::to_csv},
    {"ndjson", exporting::to_ndjson},
    {"digest", exporting::to_digest_markdown},
    {"digest-html", exporting::to_digest_html},
    {"iocs-plain", plain_values},
};

void run_export(const ExportArgs& args, int& exit_code) {
  const ExportFormat* format = nullptr;
  for (const ExportFormat& f : kFormats) {
    if (args.format == f.name) format = &f;
  }
  int64_t now = static_cast<int64_t>(std::time(nullptr));
  pipeline::ExportSelection selection;
  selection.story_id = args.story;
  selection.entity = args.entity;
  if (!args.since.empty()) {
    auto since = parse_since(args.since, now);
    if (!since) {
      std::cerr << "osprey: --since: cannot read '" << args.since << "'\n";
      exit_code = 2;
      return;
    }
    selection.since = *since;
  }
  auto store = open_store_or_report(args.db, exit_code);
  if (!store) return;
  // The knowledge base adds ATT&CK ids, MISP galaxy uuids and ISO codes.
  std::unique_ptr<kb::KnowledgeBase> base;
  if (auto loaded = load_knowledge_base(args.kb_dir); loaded.ok()) {
    base = std::make_unique<kb::KnowledgeBase>(std::move(loaded.value()));
  }
  if (!base) std::cerr << "osprey: no knowledge base: exported entities carry no external ids\n";
  auto set = pipeline::collect_export_set(*store, base.get(), selection, now);
  if (!set.ok()) {
    std::cerr << "osprey: " << set.error().message << "\n";
    exit_code = 1;
    return;
  }
  exporting::ExportOptions options;
  options.include_noise = args.include_noise;
  options.include_negated = args.include_negated;
  options.include_hedged = args.include_hedged;
  options.include_benign = args.include_benign;
  options.min_confidence = args.min_confidence;
  options.kb = base.get();
  options.tlp = args.tlp;
  keep_types(set.value(), args.types);
  std::string bytes = format->write(set.value(), options);
  if (args.output.empty() || args.output == "-") {
    std::cout << bytes;
    return;
  }
  // Written beside the target and renamed, so a failed export never leaves half a file.
  std::string partial = args.output + ".partial";
  std::ofstream out(partial, std::ios::binary);
  out << bytes;
  out.close();
  if (!out || std::rename(partial.c_str(), args.output.c_str()) != 0) {
    std::cerr << "osprey: cannot write " << args.output << "\n";
    std::remove(partial.c_str());
    exit_code = 1;
  }
}

}  // namespace

void add_export_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "export", "Export stories as STIX 2.1, MISP, ATT&CK Navigator, CSV, NDJSON or a digest");
  std::vector<std::string> names;
  for (const ExportFormat& f : kFormats) {
    if (std::string_view(f.name) != "iocs-plain") names.emplace_back(f.name);
  }
  names.emplace_back("iocs");
  cmd->add_option("format", args->format,
                  "stix, misp, navigator, iocs, csv, ndjson, digest, digest-html")
      ->required()
      ->check(CLI::IsMember(names));
  add_db_option(cmd, args->db);
  auto* story = cmd->add_option("--story", args->story, "Only this story");
  cmd->add_option("--since", args->since, "Stories active since: 1d, 12h, 2024-11-05 …")
      ->excludes(story);
  cmd->add_option("--entity", args->entity, "Only articles naming this actor, malware …")
      ->excludes(story);
  cmd->add_option("-o,--output", args->output, "Write to this file (default: standard output)");
  cmd->add_option("--kb", args->kb_dir, "Knowledge base folder");
  cmd->add_option("--tlp", args->tlp, "TLP level for MISP tags and the digest")
      ->check(CLI::IsMember({"clear", "green", "amber", "amber+strict", "red"}));
  cmd->add_flag("--include-noise", args->include_noise, "Also export items triaged as noise");
  cmd->add_flag("--include-negated", args->include_negated,
                "Also export negated relations (at confidence 0)");
  cmd->add_flag("--include-hedged", args->include_hedged,
                "Also export hedged relations (at half their confidence)");
  cmd->add_flag("--include-benign", args->include_benign,
                "Also export benign and private indicators");
  cmd->add_option("--min-confidence", args->min_confidence, "Leave out findings below (0-100)")
      ->check(CLI::Range(0, 100));
  cmd->callback([args, &exit_code] {
    if (args->format == "iocs") {
      args->format = args->ioc_format == "plain" ? "iocs-plain" : args->ioc_format;
    }
    run_export(*args, exit_code);
  });
  cmd->add_option("--format", args->ioc_format, "For iocs: csv (default), ndjson or plain")
      ->check(CLI::IsMember({"csv", "ndjson", "plain"}));
  cmd->add_option("--type", args->types, "For iocs: only these types (comma-separated)")
      ->delimiter(',');

  // osprey digest: the morning brief, the last day by default.
  auto digest = std::make_shared<ExportArgs>();
  digest->since = "1d";
  CLI::App* brief = app.add_subcommand("digest", "The daily brief as Markdown or HTML");
  add_db_option(brief, digest->db);
  brief->add_option("--since", digest->since, "Stories active since (default 1d)");
  brief->add_option("--format", digest->format, "md (default) or html")
      ->check(CLI::IsMember({"md", "html"}));
  brief->add_option("-o,--output", digest->output, "Write to this file (default: standard output)");
  brief->add_option("--kb", digest->kb_dir, "Knowledge base folder");
  brief->add_option("--tlp", digest->tlp, "TLP level shown in the brief")
      ->check(CLI::IsMember({"clear", "green", "amber", "amber+strict", "red"}));
  brief->add_flag("--include-noise", digest->include_noise, "List items triaged as noise too");
  brief->callback([digest, &exit_code] {
    digest->format = digest->format == "html" ? "digest-html" : "digest";
    run_export(*digest, exit_code);
  });
}

}  // namespace osprey::cli
