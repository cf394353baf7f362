#include "cli/serve_command.h"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include "cli/store_option.h"
#include "osprey/analyze/analyzer.h"
#include "osprey/ingest/fetch/fetcher.h"
#include "osprey/pipeline/ingest_pipeline.h"
#include "osprey/pipeline/poller.h"
#include "osprey/pipeline/webhook_delivery.h"
#include "osprey/server/server.h"

namespace osprey::cli {
namespace {

struct ServeArgs {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  std::string kb_dir;
  bool open = false;
  bool no_poll = false;
  bool allow_private = false;
  bool allow_private_webhooks = false;
  std::string web_dir;
  std::string tls_cert, tls_key;
  size_t threads = 64;
};

// The built web UI: --web, else $OSPREY_WEB, else web/dist of the source tree
// the program was built in (build/release/osprey → web/dist).
std::string find_web_dir(const std::string& flag) {
  namespace fs = std::filesystem;
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("OSPREY_WEB"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  for (fs::path candidate : {exe.parent_path() / "../../web/dist", exe.parent_path() / "web"}) {
    if (fs::exists(candidate / "index.html", ec))
      return fs::weakly_canonical(candidate, ec).string();
  }
  return {};
}

// Polls the due feeds every minute on its own store connection until stopped.
class BackgroundPoller {
 public:
  void start(const ServeArgs& args, const std::string& db) {
    thread_ = std::thread([this, args, db] { run(args, db); });
  }
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void run(const ServeArgs& args, const std::string& db) {
    auto store = store::open_store(db);
    analyze::AnalyzerOptions analyzer_options;
    analyzer_options.kb_dir = args.kb_dir;
    auto analyzer = analyze::Analyzer::create(analyzer_options);
    ingest::FetchOptions fetch_options;
    fetch_options.allow_private = args.allow_private;
    auto fetcher = ingest::Fetcher::create(fetch_options);
    if (!store.ok() || !analyzer.ok() || !fetcher.ok()) {
      spdlog::error("poller: cannot start: {}", !store.ok()      ? store.error().message
                                                : !analyzer.ok() ? analyzer.error().message
                                                                 : fetcher.error().message);
      return;
    }
    pipeline::IngestPipeline ingest(*store.value(), *analyzer.value(), &fetcher.value(), {});
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      auto report = pipeline::poll_once(*store.value(), fetcher.value(), ingest,
                                        static_cast<int64_t>(std::time(nullptr)));
      if (!report.ok())
        spdlog::error("poller: {}", report.error().message);
      else if (report.value().feeds_polled > 0)
        spdlog::info("poller: {} feeds, {} failed, {} new articles", report.value().feeds_polled,
                     report.value().feeds_failed, report.value().items.created);
      lock.lock();
      wake_.wait_for(lock, std::chrono::minutes(1), [this] { return stopping_; });
    }
  }

  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

void run_serve(const ServeArgs& args, int& exit_code) {
  server::ServerOptions options;
  options.db = args.db.empty() ? store::default_store_path() : args.db;
  options.open = args.open;
  options.kb_dir = args.kb_dir;
  options.web_dir = find_web_dir(args.web_dir);
  options.threads = args.threads;
  options.tls_cert = args.tls_cert;
  options.tls_key = args.tls_key;
  if (options.web_dir.empty()) {
    spdlog::warn("no web UI found (build it with: cd web && npm ci && npm run build)");
  }
  size_t colon = args.listen.rfind(':');
  std::string port = colon == std::string::npos ? "" : args.listen.substr(colon + 1);
  bool digits = !port.empty() && port.size() <= 5 &&
                port.find_first_not_of("0123456789") == std::string::npos;
  if (!digits || std::stoi(port) > 65535 || colon == 0) {
    std::cerr << "osprey: --listen: expected HOST:PORT, e.g. 127.0.0.1:8080\n";
    exit_code = 2;
    return;
  }
  options.host = args.listen.substr(0, colon);
  options.port = std::stoi(port);
  // SIGINT and SIGTERM are taken by a waiting thread, never by the workers.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto created = server::Server::create(options);
  if (!created.ok()) {
    std::cerr << "osprey: " << created.error().message << "\n";
    exit_code = 1;
    return;
  }
  server::Server& http = *created.value();
  if (auto bound = http.bind(); !bound.ok()) {
    std::cerr << "osprey: " << bound.error().message << "\n";
    exit_code = 1;
    return;
  }
  BackgroundPoller poller;
  if (!args.no_poll) poller.start(args, options.db);
  // Webhooks are delivered even with --no-poll: other processes may ingest.
  pipeline::DeliveryWorker webhooks(options.db,
                                    pipeline::webhook_fetch_options(args.allow_private_webhooks));
  if (auto started = webhooks.start(); !started.ok())
    spdlog::error("webhooks: cannot start: {}", started.error().message);
  std::thread serving([&http] { http.run(); });
  spdlog::info("serving {} on {}://{}:{}/ ({})", options.db,
               args.tls_cert.empty() ? "http" : "https", options.host, http.port(),
               args.open ? "open for reading" : "tokens required");
  int received = 0;
  sigwait(&signals, &received);
  spdlog::info("signal {}: finishing the requests in flight", received);
  http.stop();
  serving.join();
  poller.stop();
  webhooks.stop();
  created.value().reset();  // closes the store connections
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the REST API and TAXII 2.1; poll the feeds");
  add_db_option(cmd, args->db);
  cmd->add_option("--listen", args->listen, "HOST:PORT (default 127.0.0.1:8080)");
  cmd->add_option("--kb", args->kb_dir, "Knowledge base folder");
  cmd->add_flag("--open", args->open, "Let requests without a token read");
  cmd->add_option("--web", args->web_dir, "The built web UI folder (default: web/dist)");
  auto* cert = cmd->add_option("--tls-cert", args->tls_cert,
                               "PEM certificate (chain): serve HTTPS only (with --tls-key)");
  auto* key = cmd->add_option("--tls-key", args->tls_key, "PEM private key of --tls-cert");
  cmd->add_option("--threads", args->threads, "Clients served at once (default 64)")
      ->check(CLI::Range(1, 1024));
  cert->needs(key);
  key->needs(cert);
  cmd->add_flag("--no-poll", args->no_poll, "Do not poll the subscribed feeds");
  cmd->add_flag("--allow-private", args->allow_private,
                "Let the poller fetch from private and loopback addresses");
  cmd->add_flag("--allow-private-webhooks", args->allow_private_webhooks,
                "Let watchlist webhooks post to private and loopback addresses (an internal SIEM)");
  cmd->callback([args, &exit_code] { run_serve(*args, exit_code); });
}

}  // namespace osprey::cli
