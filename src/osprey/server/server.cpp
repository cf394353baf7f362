#include "osprey/server/server.h"

#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <chrono>
#include <fstream>
#include <optional>
#include <set>

#include "osprey/kb/kb_dir.h"
#include "osprey/server/auth.h"
#include "osprey/server/http_support.h"
#include "osprey/server/rest_api.h"
#include "osprey/server/taxii.h"
#include "osprey/server/taxii_cache.h"
#include "osprey/server/watch_api.h"

namespace osprey::server {
namespace {

using Clock = std::chrono::steady_clock;

// A request is handled start to end on one thread: pre-routing, handler, logger.
thread_local Clock::time_point request_started;

bool is_taxii(const httplib::Request& req) {
  return req.path.starts_with("/taxii2");
}

// What a request needs: /api/v1/health nothing, changing feeds or
// watchlists a writer (trying a watchlist on the stored articles changes
// nothing), everything else a reader.
Role needed_role(const httplib::Request& req) {
  if (req.path == "/api/v1/health" || req.path == "/api/v1/health/") return Role::none;
  // The web UI's static files hold no intelligence; the UI asks for a token.
  if (!req.path.starts_with("/api/") && !req.path.starts_with("/taxii2")) return Role::none;
  bool reads = req.method == "GET" || req.method == "HEAD";
  if (reads) return Role::reader;
  auto segments = path_segments(req.path);  // api, v1, watchlists, ID, test
  bool watchlist_test = req.method == "POST" && segments.size() == 5 &&
                        segments[2] == "watchlists" && segments[4] == "test";
  if (watchlist_test) return Role::reader;
  if (req.path.starts_with("/api/v1/feeds") || req.path.starts_with("/api/v1/watchlists"))
    return Role::writer;
  return Role::reader;
}

void refuse(const httplib::Request& req, httplib::Response& res, int status,
            const std::string& message) {
  if (status == 401) {
    res.set_header("WWW-Authenticate", "Bearer realm=\"osprey\"");
    // Only TAXII clients log in with Basic; on the API the challenge would
    // make browsers open a login prompt over the web UI.
    if (is_taxii(req)) res.set_header("WWW-Authenticate", "Basic realm=\"osprey\"");
  }
  if (is_taxii(req))
    send_taxii_error(res, status, status == 401 ? "Unauthorized" : "Forbidden", message);
  else
    send_error(res, status, message);
}

// Plain HTTP, or HTTPS when a certificate and its key are configured.
Result<std::unique_ptr<httplib::Server>> make_http_server(const ServerOptions& options) {
  if (options.tls_cert.empty() && options.tls_key.empty()) {
    return std::make_unique<httplib::Server>();
  }
  if (options.tls_cert.empty() || options.tls_key.empty()) {
    return Error{"TLS needs both a certificate and its private key"};
  }
  for (const std::string* file : {&options.tls_cert, &options.tls_key}) {
    if (!std::ifstream(*file)) return Error{"cannot read " + *file};
  }
  auto https =
      std::make_unique<httplib::SSLServer>(options.tls_cert.c_str(), options.tls_key.c_str());
  if (!https->is_valid()) {
    return Error{"cannot use the certificate " + options.tls_cert + " with the key " +
                 options.tls_key + " (PEM files of a matching pair expected)"};
  }
  return std::unique_ptr<httplib::Server>(std::move(https));
}

}  // namespace

struct Server::State {
  ServerOptions options;
  StorePool pool;
  std::unique_ptr<kb::KnowledgeBase> kb;
  Metrics metrics;
  TaxiiCache taxii_cache;
  ResponseCache responses;
  ServerContext context;
  std::vector<Route> rest;
  std::vector<Route> taxii;
  std::unique_ptr<httplib::Server> http;  // an httplib::SSLServer with a certificate
  socket_t listener = INVALID_SOCKET;     // the listening socket, once bound
  int port = 0;

  explicit State(const ServerOptions& o) : options(o), pool(o.db) {}

  // Who is asking; answers 401/403 itself and returns false when refused.
  bool authorize(const httplib::Request& req, httplib::Response& res) {
    Role needed = needed_role(req);
    if (needed == Role::none) return true;
    std::string header = req.get_header_value("Authorization");
    std::string token = token_from_authorization(header);
    Role role = Role::none;
    if (!token.empty()) {
      auto lease = pool.lease();
      if (!lease.ok()) {
        send_error(res, 500, lease.error().message);
        return false;
      }
      auto found = role_of_token(*lease.value(), token);
      if (!found.ok()) {
        send_error(res, 500, found.error().message);
        return false;
      }
      role = found.value();
      if (role == Role::none) {
        refuse(req, res, 401, "the token is not valid");
        return false;
      }
    } else if (!header.empty()) {
      refuse(req, res, 401, "Authorization: expected a Bearer token or Basic with the token");
      return false;
    } else if (options.open && needed == Role::reader) {
      role = Role::reader;  // --open: reading needs no token; changing still does (401)
    }
    if (role == Role::none) {
      refuse(req, res, 401, "a token is required (Authorization: Bearer TOKEN)");
      return false;
    }
    if (role < needed) {
      refuse(req, res, 403, "a " + std::string(role_name(needed)) + " token is required");
      return false;
    }
    return true;
  }

  void route(const std::vector<Route>& routes, size_t prefix, const httplib::Request& req,
             httplib::Response& res) {
    auto segments = path_segments(std::string_view(req.path).substr(prefix));
    Dispatch done = dispatch(routes, req, res, segments);
    bool taxii_path = is_taxii(req);
    if (done == Dispatch::no_such_path) {
      if (taxii_path)
        send_taxii_error(res, 404, "Not Found", "no such TAXII resource");
      else
        send_error(res, 404, "no such resource: " + req.path);
    } else if (done == Dispatch::wrong_method) {
      if (taxii_path)
        send_taxii_error(res, 405, "Method Not Allowed", req.method + " is not allowed here");
      else
        send_error(res, 405, req.method + " is not allowed on " + req.path);
    }
  }

  // GETs of what the store holds are answered from the response cache while
  // the data version holds; everything else (feeds, watchlists, metrics …)
  // is answered anew.
  template <typename Answer>
  void answer_from_cache_or(const httplib::Request& req, httplib::Response& res, Answer answer) {
    static const std::set<std::string> kCached = {"stories",  "articles",   "search",
                                                  "entities", "indicators", "attack"};
    auto segments = path_segments(std::string_view(req.path).substr(7));
    if (req.method != "GET" || segments.empty() || !kCached.count(segments[0])) return answer();
    std::optional<int64_t> version;
    if (auto lease = pool.lease(); lease.ok()) {
      if (auto v = (*lease.value()).data_version(); v.ok()) version = v.value();
    }
    std::string key = req.path;
    for (const auto& [name, value] : req.params) key += "\n" + name + "=" + value;
    std::unique_lock<std::mutex> computing;
    if (version) {
      auto kept = responses.find(key, *version);
      if (!kept) {
        computing = responses.computing(key);
        kept = responses.find(key, *version);  // computed while this one waited
      }
      if (kept) {
        res.set_content(kept->body, kept->content_type);
        return;
      }
    }
    answer();
    if (version && res.status == 200) {
      responses.put(key, *version, {res.get_header_value("Content-Type"), res.body});
    }
  }

  void install() {
    context = {&pool, kb.get(), &metrics, &taxii_cache, &responses};
    rest = rest_routes(context);
    for (Route& route : watch_routes(context)) rest.push_back(std::move(route));
    taxii = taxii_routes(context);
    http->new_task_queue = [n = options.threads] { return new httplib::ThreadPool(n); };
    http->set_default_headers(
        {{"Content-Security-Policy", "default-src 'self'"}, {"X-Content-Type-Options", "nosniff"}});
    http->set_payload_max_length(1 << 20);
    // Answers leave at once: with Nagle's algorithm a small answer waited for
    // the client's delayed ACK, about 40 ms each.
    http->set_tcp_nodelay(true);
    http->set_socket_options([this](socket_t sock) {
      int on = 1;
      ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);  // httplib's default
      listener = sock;
    });
    http->set_keep_alive_max_count(1000);
    http->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      request_started = Clock::now();
      return authorize(req, res) ? httplib::Server::HandlerResponse::Unhandled
                                 : httplib::Server::HandlerResponse::Handled;
    });
    auto rest_handler = [this](const httplib::Request& req, httplib::Response& res) {
      answer_from_cache_or(req, res, [&] { route(rest, 7, req, res); });  // after "/api/v1"
    };
    auto taxii_handler = [this](const httplib::Request& req, httplib::Response& res) {
      route(taxii, 7, req, res);  // after "/taxii2"
    };
    for (const char* pattern : {R"(/api/v1(/.*)?)"}) {
      http->Get(pattern, rest_handler).Post(pattern, rest_handler).Put(pattern, rest_handler);
      http->Delete(pattern, rest_handler).Patch(pattern, rest_handler);
    }
    for (const char* pattern : {R"(/taxii2(/.*)?)"}) {
      http->Get(pattern, taxii_handler).Post(pattern, taxii_handler).Put(pattern, taxii_handler);
      http->Delete(pattern, taxii_handler).Patch(pattern, taxii_handler);
    }
    if (!options.web_dir.empty() && !http->set_mount_point("/", options.web_dir)) {
      spdlog::warn("no web UI: cannot serve {}", options.web_dir);
    }
    http->set_error_handler([](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return;  // the handler already explained
      if (is_taxii(req))
        send_taxii_error(res, res.status, "Error", "the request failed");
      else
        send_error(res, res.status, res.status == 404 ? "no such resource" : "the request failed");
    });
    http->set_exception_handler([](const httplib::Request&, httplib::Response& res,
                                   std::exception_ptr) { send_error(res, 500, "internal error"); });
    http->set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      double seconds = std::chrono::duration<double>(Clock::now() - request_started).count();
      metrics.record(res.status, seconds);
      spdlog::debug("{} {} {} {} {:.1f}ms", req.remote_addr, req.method, req.path, res.status,
                    seconds * 1000);
    });
  }
};

Server::Server(std::unique_ptr<State> state) : state_(std::move(state)) {}
Server::~Server() {
  stop();
  state_->pool.close();
}

Result<std::unique_ptr<Server>> Server::create(const ServerOptions& options) {
  auto state = std::make_unique<State>(options);
  {
    // Opening once creates and migrates the store before any request needs it.
    auto first = state->pool.lease();
    if (!first.ok()) return first.error();
  }
  Result<std::string> dir = options.kb_dir.empty() ? kb::find_kb_dir(kb::default_kb_search())
                                                   : Result<std::string>(options.kb_dir);
  if (dir.ok()) {
    auto loaded = kb::KnowledgeBase::load(dir.value());
    if (loaded.ok())
      state->kb = std::make_unique<kb::KnowledgeBase>(std::move(loaded.value()));
    else
      spdlog::warn("knowledge base: {}", loaded.error().message);
  } else {
    spdlog::warn("no knowledge base: GET /api/v1/entities answers 503 ({})", dir.error().message);
  }
  auto http = make_http_server(options);
  if (!http.ok()) return http.error();
  state->http = std::move(http.value());
  state->install();
  return std::unique_ptr<Server>(new Server(std::move(state)));
}

Result<bool> Server::bind() {
  ServerOptions& o = state_->options;
  if (o.port == 0) {
    state_->port = state_->http->bind_to_any_port(o.host);
  } else if (state_->http->bind_to_port(o.host, o.port)) {
    state_->port = o.port;
  } else {
    state_->port = -1;
  }
  if (state_->port <= 0) {
    return Error{"cannot listen on " + o.host + ":" + std::to_string(o.port)};
  }
  // Debian's cpp-httplib listens with a backlog of 5, built into the
  // library: 64 clients connecting at once lost SYNs and waited a second to
  // retry. Listening again on the bound socket raises it.
  if (state_->listener != INVALID_SOCKET) ::listen(state_->listener, 1024);
  return true;
}

int Server::port() const {
  return state_->port;
}

void Server::run() {
  state_->http->listen_after_bind();
}

void Server::stop() {
  if (state_->http->is_running()) state_->http->stop();
}

}  // namespace osprey::server
