#include "osprey/ingest/fetch/fetcher.h"

#include <algorithm>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "osprey/ingest/fetch/transfer.h"

namespace osprey::ingest {

struct Fetcher::State {
  TransferSettings settings;
  HostPoliteness politeness;

  State(TransferSettings s, PolitenessSettings p) : settings(std::move(s)), politeness(p) {}
  ~State() { curl_slist_free_all(settings.resolve); }
  State(const State&) = delete;
  State& operator=(const State&) = delete;
};

namespace {

using Clock = HostPoliteness::Clock;
using Time = HostPoliteness::Time;

bool is_transient(const FetchResult& r) {
  switch (r.error_kind) {
    case FetchErrorKind::timeout:
    case FetchErrorKind::connect:
    case FetchErrorKind::network:
      return true;
    case FetchErrorKind::http_status:
      return r.status >= 500 || r.status == 429;
    default:
      return false;
  }
}

HostOutcome outcome_of(const FetchResult& r) {
  if (r.ok()) return HostOutcome::success;
  return is_transient(r) ? HostOutcome::failure : HostOutcome::neutral;
}

// One fetch_all call: queues per host, the transfers in flight, and the
// loop that starts, waits for and finishes them.
class Batch {
 public:
  Batch(const Fetcher::ResultCallback& deliver, const std::vector<FetchRequest>& requests,
        TransferSettings& settings, HostPoliteness& politeness)
      : deliver_(deliver),
        requests_(requests),
        settings_(settings),
        options_(settings.options),
        politeness_(politeness),
        multi_(curl_multi_init()) {
    // Idle connections beyond the concurrency cap are closed, so a batch
    // over a thousand hosts does not hold a thousand sockets open.
    curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS,
                      long(std::max(1, options_.max_total_concurrency)));
  }

  ~Batch() {
    for (auto& [easy, active] : active_) curl_multi_remove_handle(multi_, easy);
    active_.clear();
    curl_multi_cleanup(multi_);
  }

  void run() {
    for (size_t i = 0; i < requests_.size(); ++i) enqueue(i);
    for (;;) {
      start_ready(Clock::now());
      int running = 0;
      curl_multi_perform(multi_, &running);
      collect_done();
      answer_backed_off(Clock::now());
      if (active_.empty() && hosts_.empty()) break;
      curl_multi_poll(multi_, nullptr, 0, wait_ms(Clock::now()), nullptr);
    }
  }

 private:
  struct Queued {
    size_t index = 0;
    int attempts = 0;  // made so far
  };
  struct Active {
    std::unique_ptr<Transfer> transfer;
    Queued queued;
    std::string host;
    Time started;
  };

  void enqueue(size_t index) {
    const std::string& url = requests_[index].url;
    UrlCheck check = check_url(url, settings_);
    if (check.error_kind != FetchErrorKind::none) {
      FetchResult r = failed_result(url, check.error_kind, std::move(check.error));
      r.attempts = 0;
      deliver_(index, std::move(r));
      return;
    }
    push(check.host, Queued{index, 0}, false);
  }

  void push(const std::string& host, Queued q, bool front) {
    auto& queue = queues_[host];
    if (queue.empty() && std::find(hosts_.begin(), hosts_.end(), host) == hosts_.end())
      hosts_.push_back(host);
    if (front)
      queue.push_front(q);
    else
      queue.push_back(q);
  }

  bool at_capacity() const {
    return int(active_.size()) >= std::max(1, options_.max_total_concurrency);
  }

  // Starts what the limits allow, one request per host per pass, beginning
  // with a different host each time so no host starves the others.
  void start_ready(Time now) {
    answer_backed_off(now);
    bool started = true;
    while (started && !at_capacity() && !hosts_.empty()) {
      started = false;
      size_t n = hosts_.size();
      for (size_t k = 0; k < n && !at_capacity(); ++k) {
        const std::string& host = hosts_[(next_host_ + k) % n];
        auto& queue = queues_[host];
        if (queue.empty() || !politeness_.can_start(host, now)) continue;
        start(host, queue.front(), now);
        queue.pop_front();
        started = true;
      }
      next_host_ = n == 0 ? 0 : (next_host_ + 1) % n;
      drop_empty_hosts();
    }
  }

  void start(const std::string& host, Queued q, Time now) {
    auto transfer = std::make_unique<Transfer>(requests_[q.index], settings_);
    CURL* easy = transfer->handle();
    curl_multi_add_handle(multi_, easy);
    politeness_.started(host, now);
    active_.emplace(easy, Active{std::move(transfer), q, host, now});
  }

  void drop_empty_hosts() {
    auto empty = [&](const std::string& h) { return queues_[h].empty(); };
    for (const std::string& h : hosts_)
      if (empty(h)) queues_.erase(h);
    std::erase_if(hosts_, [&](const std::string& h) { return !queues_.contains(h); });
  }

  // A host that must be left alone longer than max_host_wait has its queued
  // requests answered now, with the wait, so the batch does not stall.
  void answer_backed_off(Time now) {
    for (const std::string& host : hosts_) {
      Time allowed = politeness_.next_allowed(host);
      if (allowed - now <= options_.max_host_wait) continue;
      auto wait = std::chrono::ceil<std::chrono::seconds>(allowed - now).count();
      for (const Queued& q : queues_[host]) {
        const std::string& url = requests_[q.index].url;
        FetchResult r = failed_result(
            url, FetchErrorKind::host_backoff,
            url + ": not fetched, " + host + " asked to wait " + std::to_string(wait) + " s");
        r.retry_after = wait;
        r.attempts = q.attempts;
        deliver_(q.index, std::move(r));
      }
      queues_[host].clear();
    }
    drop_empty_hosts();
  }

  void collect_done() {
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      CURL* easy = msg->easy_handle;
      CURLcode code = msg->data.result;
      auto it = active_.find(easy);
      if (it == active_.end()) continue;
      Active done = std::move(it->second);
      active_.erase(it);
      curl_multi_remove_handle(multi_, easy);
      finish(done, done.transfer->finish(code));
    }
  }

  void finish(Active& done, FetchResult r) {
    Time now = Clock::now();
    r.elapsed = std::chrono::duration_cast<milliseconds>(now - done.started);
    r.attempts = done.queued.attempts + 1;
    std::optional<seconds> retry_after;
    if (r.retry_after) retry_after = seconds(*r.retry_after);
    politeness_.finished(done.host, now, outcome_of(r), retry_after);
    bool may_retry = is_transient(r) && r.attempts <= options_.max_retries &&
                     (!retry_after || *retry_after <= options_.max_host_wait);
    if (may_retry) {
      push(done.host, Queued{done.queued.index, r.attempts}, true);
      return;
    }
    deliver_(done.queued.index, std::move(r));
  }

  // How long curl may sleep: until the next queued host becomes ready, at
  // most a second (curl wakes earlier for its own transfers).
  int wait_ms(Time now) const {
    milliseconds wait{1000};
    if (!at_capacity()) {
      for (const std::string& host : hosts_) {
        if (politeness_.in_flight(host) >= options_.per_host_concurrency) continue;
        auto until = std::chrono::ceil<milliseconds>(politeness_.next_allowed(host) - now);
        wait = std::min(wait, std::max(milliseconds(0), until));
      }
    }
    return int(wait.count());
  }

  const Fetcher::ResultCallback& deliver_;
  const std::vector<FetchRequest>& requests_;
  TransferSettings& settings_;
  const FetchOptions& options_;
  HostPoliteness& politeness_;
  CURLM* multi_;
  std::unordered_map<std::string, std::deque<Queued>> queues_;
  std::vector<std::string> hosts_;  // with queued requests, in round-robin order
  size_t next_host_ = 0;
  std::unordered_map<CURL*, Active> active_;
};

}  // namespace

Result<Fetcher> Fetcher::create(FetchOptions options) {
  static std::once_flag curl_ready;
  std::call_once(curl_ready, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });

  TransferSettings settings;
  for (const std::string& text : options.allowed_networks) {
    auto network = parse_network(text);
    if (!network.ok()) return Error{"allowed_networks: " + network.error().message};
    settings.allowed_networks.push_back(network.value());
  }
  for (const std::string& entry : options.resolve)
    settings.resolve = curl_slist_append(settings.resolve, entry.c_str());
  settings.user_agent = options.user_agent.empty() ? std::string("Osprey/") + OSPREY_VERSION +
                                                         " (+" + options.contact_url + ")"
                                                   : options.user_agent;
  // A cap below one would leave requests queued forever.
  options.per_host_concurrency = std::max(1, options.per_host_concurrency);
  options.max_total_concurrency = std::max(1, options.max_total_concurrency);
  PolitenessSettings politeness{options.per_host_concurrency, options.per_host_delay,
                                options.backoff_initial, options.backoff_max};
  settings.options = std::move(options);
  return Fetcher(std::make_unique<State>(std::move(settings), politeness));
}

Fetcher::Fetcher(std::unique_ptr<State> state) : state_(std::move(state)) {}
Fetcher::Fetcher(Fetcher&&) noexcept = default;
Fetcher& Fetcher::operator=(Fetcher&&) noexcept = default;
Fetcher::~Fetcher() = default;

FetchResult Fetcher::fetch(const FetchRequest& request) {
  FetchResult out;
  fetch_all({request}, [&](size_t, FetchResult&& r) { out = std::move(r); });
  return out;
}

void Fetcher::fetch_all(const std::vector<FetchRequest>& requests,
                        const ResultCallback& on_result) {
  Batch batch(on_result, requests, state_->settings, state_->politeness);
  batch.run();
}

const HostPoliteness& Fetcher::politeness() const {
  return state_->politeness;
}

}  // namespace osprey::ingest
