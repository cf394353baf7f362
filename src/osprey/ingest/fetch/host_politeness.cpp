#include "osprey/ingest/fetch/host_politeness.h"

#include <algorithm>

namespace osprey::ingest {

const HostPoliteness::Host* HostPoliteness::find(std::string_view host) const {
  auto it = hosts_.find(std::string(host));
  return it == hosts_.end() ? nullptr : &it->second;
}

bool HostPoliteness::can_start(std::string_view host, Time now) const {
  const Host* h = find(host);
  if (h == nullptr) return settings_.per_host_concurrency > 0;
  return h->in_flight < settings_.per_host_concurrency && now >= h->next_allowed;
}

HostPoliteness::Time HostPoliteness::next_allowed(std::string_view host) const {
  const Host* h = find(host);
  return h == nullptr ? Time{} : h->next_allowed;
}

void HostPoliteness::started(std::string_view host, Time now) {
  Host& h = hosts_[std::string(host)];
  ++h.in_flight;
  h.next_allowed = std::max(h.next_allowed, now + settings_.per_host_delay);
}

void HostPoliteness::finished(std::string_view host, Time now, HostOutcome outcome,
                              std::optional<std::chrono::seconds> retry_after) {
  Host& h = hosts_[std::string(host)];
  if (h.in_flight > 0) --h.in_flight;
  if (outcome == HostOutcome::success) h.failures = 0;
  if (outcome == HostOutcome::failure) {
    ++h.failures;
    auto pause = settings_.backoff_initial;
    for (int i = 1; i < h.failures && pause < settings_.backoff_max; ++i) pause *= 2;
    h.next_allowed = std::max(h.next_allowed, now + std::min(pause, settings_.backoff_max));
  }
  if (retry_after) h.next_allowed = std::max(h.next_allowed, now + *retry_after);
}

int HostPoliteness::in_flight(std::string_view host) const {
  const Host* h = find(host);
  return h == nullptr ? 0 : h->in_flight;
}

int HostPoliteness::consecutive_failures(std::string_view host) const {
  const Host* h = find(host);
  return h == nullptr ? 0 : h->failures;
}

}  // namespace osprey::ingest
