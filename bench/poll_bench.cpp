// Polling throughput: 1,000 feed URLs, each a ~20 KB RSS document, served by
// a local cpp-httplib server and fetched with the Fetcher at the concurrency
// a poll would use (16 transfers in all, 2 per host, 100 host names pinned
// to 127.0.0.1 so politeness is counted per host as it would be for real
// feeds).
//
//   build/rel/bench/osprey_bench --benchmark_filter=PollThousandFeeds
//
// Reported: wall seconds for the 1,000 (the benchmark's time), feeds/s, MB
// received, the RSS before fetching (server, its 20 MB of bodies and the
// requests) and the process's peak RSS (server and client share the
// process, so the client alone uses less than the difference).
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "ingest/fetch/test_server.h"
#include "osprey/ingest/fetch/fetcher.h"

namespace {

constexpr int kFeeds = 1000;
constexpr int kHosts = 100;

// A plausible RSS 2.0 document of about 20 KB, different for each feed.
std::string rss(int feed) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
      "<title>Feed " +
      std::to_string(feed) + "</title><link>https://news.example/</link>\n";
  for (int item = 0; out.size() < 20'000; ++item) {
    out += "<item><title>Threat actor campaign " + std::to_string(item) +
           " targets exposed VPN appliances</title><link>https://news.example/" +
           std::to_string(feed) + "/" + std::to_string(item) + "</link><guid>" +
           std::to_string(feed * 1000 + item) +
           "</guid><pubDate>Tue, 10 Jun 2025 08:00:00 GMT</pubDate><description>Researchers "
           "observed exploitation of CVE-2024-3400 followed by a loader that beacons to "
           "203.0.113.7 over HTTPS and drops a credential stealer.</description></item>\n";
  }
  return out + "</channel></rss>\n";
}

// Resident set size now, from /proc/self/statm (pages).
double rss_mb() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return double(resident) * double(sysconf(_SC_PAGESIZE)) / double(1 << 20);
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return double(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

void PollThousandFeeds(benchmark::State& state) {
  std::vector<std::string> bodies;
  for (int i = 0; i < kFeeds; ++i) bodies.push_back(rss(i));
  osprey::testing::LocalServer server(32);
  server.routes().Get(R"(/feeds/(\d+)\.xml)",
                      [&bodies](const httplib::Request& req, httplib::Response& res) {
                        int i = std::stoi(req.matches[1]) % kFeeds;
                        res.set_content(bodies[size_t(i)], "application/rss+xml");
                      });
  server.start();

  osprey::ingest::FetchOptions options;
  options.allowed_networks = {"127.0.0.1/32"};
  options.max_total_concurrency = 16;
  options.per_host_concurrency = 2;
  options.per_host_delay = std::chrono::milliseconds(state.range(0));
  std::vector<osprey::ingest::FetchRequest> requests;
  std::string port = std::to_string(server.port());
  for (int h = 0; h < kHosts; ++h)
    options.resolve.push_back("feeds" + std::to_string(h) + ".bench.test:" + port + ":127.0.0.1");
  for (int i = 0; i < kFeeds; ++i) {
    osprey::ingest::FetchRequest r;
    r.url = "http://feeds" + std::to_string(i % kHosts) + ".bench.test:" + port + "/feeds/" +
            std::to_string(i) + ".xml";
    requests.push_back(std::move(r));
  }

  size_t bytes = 0;
  int failed = 0;
  double rss_before = rss_mb();  // server, bodies and requests in place
  for (auto _ : state) {
    auto fetcher = osprey::ingest::Fetcher::create(options);
    if (!fetcher.ok()) {
      state.SkipWithError(fetcher.error().message.c_str());
      return;
    }
    fetcher.value().fetch_all(requests, [&](size_t, osprey::ingest::FetchResult&& r) {
      bytes += r.doc.body.size();
      failed += !r.ok();
    });
  }
  state.counters["feeds_per_s"] =
      benchmark::Counter(double(kFeeds), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["MB_received"] = double(bytes) / double(1 << 20) / double(state.iterations());
  state.counters["failed"] = failed;
  state.counters["rss_before_MB"] = rss_before;
  state.counters["peak_rss_MB"] = peak_rss_mb();
}
// Argument: per-host delay in ms (0 = as fast as the limits allow; 1000 =
// the default politeness, 10 feeds per host).
BENCHMARK(PollThousandFeeds)
    ->Arg(0)
    ->Arg(1000)
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

}  // namespace
