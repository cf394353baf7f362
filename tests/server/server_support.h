// osprey serve started in-process for the HTTP tests: on 127.0.0.1 with an
// ephemeral port, the committed knowledge base, on its own thread.
#pragma once

#include <httplib.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "osprey/server/server.h"

namespace osprey::testing {

// The media type TAXII 2.1 clients send and the server answers with.
constexpr const char* kTaxii = "application/taxii+json;version=2.1";

// A server on its own thread; stopped and joined on destruction.
struct Running {
  std::unique_ptr<osprey::server::Server> server;
  std::thread thread;
  ~Running() {
    if (server) server->stop();
    if (thread.joinable()) thread.join();
  }
};

inline std::unique_ptr<Running> start(const std::string& db, bool open,
                                      const std::string& web = "") {
  osprey::server::ServerOptions options;
  options.web_dir = web;
  options.db = db;
  options.port = 0;
  options.open = open;
  options.kb_dir = OSPREY_KB_DIR;
  options.threads = 4;
  auto created = osprey::server::Server::create(options);
  if (!created.ok()) return nullptr;
  auto running = std::make_unique<Running>();
  running->server = std::move(created.value());
  if (!running->server->bind().ok()) return nullptr;
  running->thread = std::thread([s = running->server.get()] { s->run(); });
  httplib::Client probe("127.0.0.1", running->server->port());
  for (int i = 0; i < 500; ++i) {
    if (auto r = probe.Get("/api/v1/health"); r && r->status == 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return running;
}

}  // namespace osprey::testing
