// osprey serve: the REST API (/api/v1), the TAXII 2.1 server (/taxii2/) and
// token authentication over one store. Thin: it maps HTTP to store queries
// and exporters.
#pragma once

#include <memory>
#include <string>

#include "osprey/model/result.h"

namespace osprey::server {

struct ServerOptions {
  std::string db;  // the store file
  std::string host = "127.0.0.1";
  int port = 8080;     // 0 = any free port (see Server::port())
  bool open = false;   // unauthenticated requests may read
  std::string kb_dir;  // empty = the usual search; none found = no /entities
  // Request threads, each with its own store connection. A thread serves one
  // client connection at a time (keep-alive included), so this is the number
  // of clients served at once; the others wait for a free thread.
  size_t threads = 64;
  std::string web_dir;   // the built web UI (web/dist), served at / without a token; empty = none
  std::string tls_cert;  // PEM certificate (chain) and its private key: both set = HTTPS only
  std::string tls_key;
};

class Server {
 public:
  // Opens the store once (creating and migrating it) and loads the knowledge
  // base; an Error when the store cannot be opened.
  static Result<std::unique_ptr<Server>> create(const ServerOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket; an Error when the address is taken or invalid.
  Result<bool> bind();
  // The bound port (after bind()).
  int port() const;
  // Serves until stop(); returns when the in-flight requests are answered.
  void run();
  // Stops accepting; safe from any thread, and more than once.
  void stop();

 private:
  struct State;
  explicit Server(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace osprey::server
