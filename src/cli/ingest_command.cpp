#include "cli/ingest_command.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "cli/documents.h"
#include "cli/store_option.h"
#include "osprey/analyze/analyzer.h"
#include "osprey/ingest/fetch/fetcher.h"
#include "osprey/ingest/files.h"
#include "osprey/pipeline/ingest_pipeline.h"
#include "osprey/pipeline/poller.h"
#include "osprey/pipeline/webhook_delivery.h"

namespace osprey::cli {
namespace {

struct IngestArgs {
  std::string db;
  std::vector<int64_t> ids;
  std::vector<std::string> inputs;
  std::string kb_dir;
  bool no_entities = false;
  bool allow_private = false;
  bool allow_private_webhooks = false;
  bool no_fetch_pages = false;
  std::string format = "text";
  bool once = false;
  bool all = false;
  std::string contact_url;
  std::string proxy;
  unsigned threads = 0;  // files read and analysed at once; 0: one per core
};

// Fetcher, analyzer and pipeline over one open store.
struct IngestEngines {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<analyze::Analyzer> analyzer;
  std::optional<ingest::Fetcher> fetcher;
  std::unique_ptr<pipeline::IngestPipeline> pipeline;
};

bool start(const IngestArgs& args, IngestEngines& engines, int& exit_code) {
  engines.store = open_store_or_report(args.db, exit_code);
  if (!engines.store) return false;
  analyze::AnalyzerOptions analyzer_options;
  analyzer_options.kb_dir = args.kb_dir;
  analyzer_options.entities = !args.no_entities;
  auto analyzer = analyze::Analyzer::create(analyzer_options);
  if (!analyzer.ok()) {
    std::cerr << "osprey: " << analyzer.error().message << "\n";
    exit_code = 1;
    return false;
  }
  engines.analyzer = std::move(analyzer.value());
  for (const std::string& w : engines.analyzer->warnings()) std::cerr << "osprey: " << w << "\n";
  ingest::FetchOptions fetch_options;
  fetch_options.allow_private = args.allow_private;
  if (!args.contact_url.empty()) fetch_options.contact_url = args.contact_url;
  fetch_options.proxy = args.proxy;
  auto fetcher = ingest::Fetcher::create(fetch_options);
  if (!fetcher.ok()) {
    std::cerr << "osprey: " << fetcher.error().message << "\n";
    exit_code = 2;
    return false;
  }
  engines.fetcher.emplace(std::move(fetcher.value()));
  pipeline::IngestOptions options;
  options.fetch_pages = !args.no_fetch_pages;
  engines.pipeline = std::make_unique<pipeline::IngestPipeline>(*engines.store, *engines.analyzer,
                                                                &*engines.fetcher, options);
  return true;
}

nlohmann::json report_json(const std::string& input, const pipeline::IngestReport& r,
                           const std::string& error) {
  nlohmann::json j = {{"input", input},           {"kind", r.kind},
                      {"created", r.created},     {"versioned", r.versioned},
                      {"unchanged", r.unchanged}, {"failed", r.failed},
                      {"errors", r.errors},       {"warnings", r.warnings}};
  if (!error.empty()) j["error"] = error;
  return j;
}

void print_report(const std::string& input, const pipeline::IngestReport& r) {
  std::cout << input << ": " << (r.kind.empty() ? "document" : r.kind) << ", " << r.created
            << " new, " << r.versioned << " updated, " << r.unchanged << " unchanged";
  if (r.failed) std::cout << ", " << r.failed << " failed";
  std::cout << "\n";
  for (const std::string& w : r.warnings) std::cerr << "osprey: warning: " << w << "\n";
  for (const std::string& e : r.errors) std::cerr << "osprey: " << e << "\n";
}

// The documents an input names: a URL, a file, every file of a folder, or stdin.
std::vector<std::string> expand(const std::string& input, std::vector<std::string>& errors) {
  if (is_url(input) || input == "-") return {input};
  std::error_code ec;
  if (std::filesystem::is_directory(input, ec)) {
    auto files = ingest::list_files(input);
    if (!files.ok()) {
      errors.push_back(files.error().message);
      return {};
    }
    return files.value();
  }
  return {input};
}

// Local files commit in batches of this many documents: one commit per file
// made ingestion of a folder four times slower. A crash loses at most the
// uncommitted batch, never part of an article; running the command again
// stores what is missing.
constexpr size_t kFilesPerCommit = 64;

// What one input gave: its report, or why it could not be read.
struct InputOutcome {
  std::string name;
  Result<pipeline::IngestReport> report = Error{""};
};

InputOutcome ingest_one(IngestEngines& engines, const std::string& name) {
  Result<Document> doc = Error{""};
  if (is_url(name)) {
    ingest::FetchResult fetched = engines.fetcher->fetch({name, "", ""});
    doc = fetched.ok() ? Result<Document>(std::move(fetched.doc))
                       : Result<Document>(Error{fetched.error});
  } else {
    doc = ingest::read_file(name);
  }
  if (!doc.ok()) return {name, doc.error()};
  return {name, engines.pipeline->ingest(doc.value(), name)};
}

void report_outcome(const IngestArgs& args, const InputOutcome& outcome, nlohmann::json& all,
                    int& exit_code) {
  if (!outcome.report.ok()) {
    std::cerr << "osprey: " << outcome.report.error().message << "\n";
    exit_code = 1;
    if (args.format == "json") {
      all.push_back(report_json(outcome.name, {}, outcome.report.error().message));
    }
    return;
  }
  if (outcome.report.value().failed) exit_code = 1;
  if (args.format == "json") {
    all.push_back(report_json(outcome.name, outcome.report.value(), ""));
  } else {
    print_report(outcome.name, outcome.report.value());
  }
}

// Calls work(i) for every i below `count` on up to `threads` threads (this
// one included), each index once.
template <typename Work>
void for_each_index(size_t count, unsigned threads, Work&& work) {
  std::atomic<size_t> next{0};
  auto run = [&] {
    for (size_t i = next++; i < count; i = next++) work(i);
  };
  std::vector<std::thread> helpers;
  for (unsigned t = 1; t < std::min<size_t>(threads, count); ++t) helpers.emplace_back(run);
  run();
  for (std::thread& t : helpers) t.join();
}

// Ingests local files in one transaction and reports them once it commits;
// when the commit fails, every file of the batch is reported as not stored.
// The files are read and analysed on every core first (the HTML parse, the
// scans and the compression of the raw bytes are most of the work), then
// stored in their order, so the store ends the same for any number of
// threads.
void ingest_batch(const IngestArgs& args, IngestEngines& engines,
                  const std::vector<std::string>& names, nlohmann::json& all, int& exit_code) {
  std::vector<InputOutcome> outcomes(names.size());
  std::vector<std::optional<pipeline::PreparedDocument>> prepared(names.size());
  unsigned threads =
      args.threads != 0 ? args.threads : std::max(1u, std::thread::hardware_concurrency());
  for_each_index(names.size(), threads, [&](size_t i) {
    outcomes[i].name = names[i];
    try {
      auto doc = ingest::read_file(names[i]);
      if (!doc.ok()) {
        outcomes[i].report = doc.error();
        return;
      }
      auto ready = engines.pipeline->prepare(std::move(doc.value()), names[i]);
      if (!ready.ok()) {
        outcomes[i].report = ready.error();
        return;
      }
      prepared[i] = std::move(ready.value());
    } catch (const std::exception& e) {  // out of memory on a huge file: that file fails alone
      outcomes[i].report = Error{names[i] + ": " + e.what()};
    }
  });
  auto committed = engines.store->transaction([&]() -> Result<bool> {
    for (size_t i = 0; i < names.size(); ++i)
      if (prepared[i])
        outcomes[i].report = engines.pipeline->store_prepared(std::move(*prepared[i]));
    return true;
  });
  if (!committed.ok()) {
    for (InputOutcome& outcome : outcomes) {
      outcome.report = Error{outcome.name + ": not stored: " + committed.error().message};
    }
  }
  for (const InputOutcome& outcome : outcomes) report_outcome(args, outcome, all, exit_code);
}

void run_ingest(const IngestArgs& args, int& exit_code) {
  IngestEngines engines;
  if (!start(args, engines, exit_code)) return;
  nlohmann::json all = nlohmann::json::array();
  std::vector<std::string> errors;
  std::vector<std::string> batch;
  auto flush = [&] {
    if (!batch.empty()) ingest_batch(args, engines, batch, all, exit_code);
    batch.clear();
  };
  for (const std::string& input : args.inputs) {
    for (const std::string& name : expand(input, errors)) {
      if (is_url(name)) {
        // A download never holds the store's write lock.
        flush();
        report_outcome(args, ingest_one(engines, name), all, exit_code);
        continue;
      }
      batch.push_back(name);
      if (batch.size() == kFilesPerCommit) flush();
    }
  }
  flush();
  for (const std::string& e : errors) {
    std::cerr << "osprey: " << e << "\n";
    exit_code = 1;
  }
  if (args.format == "json") {
    std::cout << all.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
}

void run_reprocess(const IngestArgs& args, int& exit_code) {
  IngestEngines engines;
  if (!start(args, engines, exit_code)) return;
  std::vector<int64_t> ids = args.ids;
  if (ids.empty()) {
    store::ArticleQuery query;
    query.limit = 1000;
    for (;;) {
      auto page = engines.store->list_articles(query);
      if (!page.ok()) {
        std::cerr << "osprey: " << page.error().message << "\n";
        exit_code = 1;
        return;
      }
      for (const auto& a : page.value()) ids.push_back(a.article.id);
      if (page.value().size() < query.limit) break;
      query.after_id = page.value().back().article.id;
    }
  }
  int versioned = 0, refreshed = 0, failed = 0;
  for (int64_t id : ids) {
    auto done = engines.pipeline->reprocess(id);
    if (!done.ok()) {
      std::cerr << "osprey: " << done.error().message << "\n";
      ++failed;
      exit_code = 1;
      continue;
    }
    ++(done.value() == store::PutKind::versioned ? versioned : refreshed);
  }
  std::cout << "reprocessed " << (versioned + refreshed) << " articles: " << versioned
            << " with a new text version, " << refreshed << " with refreshed findings";
  if (failed) std::cout << ", " << failed << " failed";
  std::cout << "\n";
}

std::atomic<bool> stop_requested{false};

void request_stop(int) {
  stop_requested = true;
}

// osprey poll --once: the alerts the cycle raised are posted before exiting.
void deliver_once(store::Store& store, const IngestArgs& args, int64_t now) {
  auto fetcher =
      ingest::Fetcher::create(pipeline::webhook_fetch_options(args.allow_private_webhooks));
  if (!fetcher.ok()) return;
  auto report = pipeline::deliver_due(store, fetcher.value(), now);
  if (!report.ok()) {
    spdlog::error("webhooks: {}", report.error().message);
  } else if (int n = report.value().delivered + report.value().retrying + report.value().failed) {
    std::cout << "webhooks: " << report.value().delivered << " of " << n << " delivered"
              << std::endl;
  }
}

void run_poll(const IngestArgs& args, int& exit_code) {
  IngestEngines engines;
  if (!start(args, engines, exit_code)) return;
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  const bool tty = ::isatty(STDERR_FILENO);
  pipeline::PollOptions options;
  options.all = args.all;
  // Webhooks are posted beside the polling, on their own store connection.
  pipeline::DeliveryWorker webhooks(args.db.empty() ? store::default_store_path() : args.db,
                                    pipeline::webhook_fetch_options(args.allow_private_webhooks));
  if (!args.once) {
    if (auto started = webhooks.start(); !started.ok())
      spdlog::error("webhooks: cannot start: {}", started.error().message);
  }
  do {
    int64_t now = static_cast<int64_t>(std::time(nullptr));
    int done = 0;
    auto report =
        pipeline::poll_once(*engines.store, *engines.fetcher, *engines.pipeline, now, options,
                            [&](const Source& feed, const std::string& error) {
                              ++done;
                              // A person watching sees a progress line; a
                              // service manager gets one structured log line per feed.
                              if (tty) {
                                if (!error.empty()) std::cerr << "\rosprey: " << error << "\n";
                                std::cerr << "\rpolled " << done << " feeds" << std::flush;
                              } else if (!error.empty()) {
                                spdlog::warn("feed={} failures={} error=\"{}\"", feed.url,
                                             feed.health.consecutive_failures, error);
                              } else {
                                spdlog::info("feed={} ok interval={}s", feed.url, feed.interval);
                              }
                            });
    if (tty) std::cerr << "\r";
    if (!report.ok()) {
      std::cerr << "osprey: " << report.error().message << "\n";
      exit_code = 1;
      return;
    }
    const auto& r = report.value();
    std::cout << "polled " << r.feeds_polled << " feeds (" << r.not_modified << " unchanged, "
              << r.feeds_failed << " failed): " << r.items.created << " new articles, "
              << r.items.versioned << " updated, " << r.items.unchanged << " already stored, "
              << r.items.alerts << " alerts" << std::endl;
    if (r.feeds_failed || r.items.failed) exit_code = 1;
    if (args.once) return deliver_once(*engines.store, args, now);
    exit_code = 0;
    // Sleep until the next feed is due (at least 5 s, at most 5 min), waking for signals.
    int64_t wait =
        std::clamp<int64_t>(r.next_due - static_cast<int64_t>(std::time(nullptr)), 5, 300);
    for (int64_t s = 0; s < wait && !stop_requested; ++s) {
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  } while (!stop_requested);
}

void add_engine_options(CLI::App* cmd, IngestArgs& args) {
  add_db_option(cmd, args.db);
  cmd->add_option("--kb", args.kb_dir, "Knowledge base folder (default: the one beside osprey)");
  cmd->add_flag("--no-entities", args.no_entities, "Do not recognise entities");
  cmd->add_flag("--allow-private", args.allow_private,
                "Allow fetching from loopback, private and link-local addresses");
  cmd->add_flag("--no-fetch-pages", args.no_fetch_pages,
                "Store feed items with the feed's own text; never fetch their pages");
  cmd->add_option("--contact-url", args.contact_url, "Contact URL sent in the User-Agent");
  cmd->add_option("--proxy", args.proxy, "HTTP(S) or SOCKS proxy, e.g. http://proxy:3128");
}

}  // namespace

void add_ingest_commands(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<IngestArgs>();
  CLI::App* ingest = app.add_subcommand(
      "ingest", "Read feeds, pages, PDFs and text files (or URLs) into the store");
  add_engine_options(ingest, *args);
  ingest->add_option("inputs", args->inputs, "Files, folders, http(s) URLs, or '-' for stdin")
      ->required();
  ingest->add_option("-f,--format", args->format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  ingest
      ->add_option("--threads", args->threads,
                   "Files read and analysed at once (default 0: one per core); they are "
                   "stored in order, the same for any number")
      ->check(CLI::Range(0, 256));
  ingest->callback([args, &exit_code] { run_ingest(*args, exit_code); });

  CLI::App* reprocess = app.add_subcommand(
      "reprocess", "Read stored articles again from their raw bytes and re-analyse them");
  add_engine_options(reprocess, *args);
  reprocess->add_option("--id", args->ids, "Only these article ids (default: all)");
  reprocess->callback([args, &exit_code] { run_reprocess(*args, exit_code); });

  CLI::App* poll =
      app.add_subcommand("poll", "Fetch the subscribed feeds that are due, repeatedly");
  add_engine_options(poll, *args);
  poll->add_flag("--once", args->once, "Run one cycle and exit");
  poll->add_flag("--all", args->all, "Poll every feed now, due or not");
  poll->add_flag("--allow-private-webhooks", args->allow_private_webhooks,
                 "Let watchlist webhooks post to private and loopback addresses");
  poll->callback([args, &exit_code] { run_poll(*args, exit_code); });
}

}  // namespace osprey::cli
