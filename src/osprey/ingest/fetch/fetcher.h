// The HTTP fetcher: polite (per-host concurrency, delay and backoff),
// bounded (size cap on decompressed bytes, timeouts, redirect cap) and
// SSRF-guarded (see address_policy.h). Everything Osprey downloads goes
// through it.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "osprey/ingest/fetch/fetch_options.h"
#include "osprey/ingest/fetch/host_politeness.h"
#include "osprey/model/result.h"

namespace osprey::ingest {

class Fetcher {
 public:
  // Receives each request's index in the batch and its result, once.
  using ResultCallback = std::function<void(size_t index, FetchResult&& result)>;

  // Fails only on bad options (an allowed_networks entry that is not a
  // network); the error names the entry.
  static Result<Fetcher> create(FetchOptions options = {});

  Fetcher(Fetcher&&) noexcept;
  Fetcher& operator=(Fetcher&&) noexcept;
  ~Fetcher();

  // Fetches one URL. Never throws; every failure is described in the result.
  FetchResult fetch(const FetchRequest& request);

  // Fetches all requests concurrently within the politeness limits and
  // calls `on_result` on this thread as each one completes, so memory is
  // bounded by the transfers in flight, not by the batch. Returns when every
  // request has been answered exactly once.
  void fetch_all(const std::vector<FetchRequest>& requests, const ResultCallback& on_result);

  // Per-host state, kept across calls so a later batch stays polite.
  const HostPoliteness& politeness() const;

  // Not thread-safe: use one Fetcher per thread.
 private:
  struct State;
  explicit Fetcher(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace osprey::ingest
