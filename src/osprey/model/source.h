// A subscription: a feed Osprey polls, with the validators that make an
// unchanged feed cost one 304 and the health an operator checks.
#pragma once

#include <cstdint>
#include <string>

namespace osprey {

struct FeedHealth {
  int64_t last_polled = 0;   // Unix seconds UTC; 0 = never
  int64_t last_success = 0;  // last fetch that returned a feed (200 or 304)
  int64_t last_error = 0;    // time of the last failure
  std::string last_error_message;
  int consecutive_failures = 0;
  double items_per_day = 0;  // estimated publishing rate
  int64_t items_total = 0;   // items this feed has yielded into the store
};

struct Source {
  int64_t id = 0;
  std::string kind = "feed";  // "feed" (polled); pages and files are not subscriptions
  std::string url;            // the feed's URL (its identity)
  std::string title;
  std::string html_url;    // the site the feed belongs to
  std::string category;    // OPML folder path, "/"-joined
  int64_t interval = 900;  // seconds between polls (adapted by the scheduler)
  int64_t next_due = 0;    // Unix seconds UTC; 0 = due now
  std::string etag;        // validators from the last 200
  std::string last_modified;
  bool enabled = true;
  FeedHealth health;
};

}  // namespace osprey
