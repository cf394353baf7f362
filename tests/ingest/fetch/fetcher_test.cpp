#include "osprey/ingest/fetch/fetcher.h"

#include <brotli/encode.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <memory>
#include <mutex>
#include <set>

#include "ingest/fetch/test_server.h"

namespace osprey::ingest {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

constexpr size_t kMiB = size_t{1} << 20;

FetchRequest request(std::string url) {
  FetchRequest r;
  r.url = std::move(url);
  return r;
}

std::string percent_encode(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += char(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string gzip(std::string_view data) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = uInt(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = uInt(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string brotli(std::string_view data) {
  size_t size = BrotliEncoderMaxCompressedSize(data.size());
  std::string out(size, '\0');
  BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
                        data.size(), reinterpret_cast<const uint8_t*>(data.data()), &size,
                        reinterpret_cast<uint8_t*>(out.data()));
  out.resize(size);
  return out;
}

// Streams gzip of `total` zero bytes, compressed as it is sent: a bomb whose
// compressed form is never held in memory (about 1 KB per MB of zeros).
class GzipZeros {
 public:
  explicit GzipZeros(uint64_t total) : left_(total) {
    deflateInit2(&z_, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  }
  ~GzipZeros() { deflateEnd(&z_); }
  GzipZeros(const GzipZeros&) = delete;
  GzipZeros& operator=(const GzipZeros&) = delete;

  // The next compressed piece; empty when finished.
  std::string next() {
    if (done_) return {};
    static const std::string zeros(kMiB, '\0');
    size_t n = size_t(std::min<uint64_t>(left_, zeros.size()));
    left_ -= n;
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zeros.data()));
    z_.avail_in = uInt(n);
    std::string out;
    char buffer[16384];
    int flush = left_ == 0 ? Z_FINISH : Z_SYNC_FLUSH;
    do {
      z_.next_out = reinterpret_cast<Bytef*>(buffer);
      z_.avail_out = sizeof buffer;
      deflate(&z_, flush);
      out.append(buffer, sizeof buffer - z_.avail_out);
    } while (z_.avail_out == 0);
    done_ = left_ == 0;
    return out;
  }

 private:
  z_stream z_{};
  uint64_t left_;
  bool done_ = false;
};

// The server's view of concurrency: requests in its handlers right now, the
// most seen at once, and when each started.
struct InFlight {
  std::atomic<int> now{0};
  std::atomic<int> peak{0};
  std::mutex mutex;
  std::vector<Clock::time_point> starts;

  void enter() {
    int n = ++now;
    int seen = peak.load();
    while (n > seen && !peak.compare_exchange_weak(seen, n)) {
    }
    std::lock_guard lock(mutex);
    starts.push_back(Clock::now());
  }
  void leave() { --now; }
};

class FetcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& r = server_.routes();
    r.Get("/echo", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content(
          req.get_header_value("User-Agent") + "|" + req.get_header_value("Accept-Encoding"),
          "text/plain");
    });
    r.Get("/hello", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("ETag", "\"v1\"");
      res.set_header("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT");
      res.set_content("caf\xe9 au lait", "Text/HTML; charset=\"ISO-8859-1\"");
    });
    r.Get("/gzip", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("Content-Encoding", "gzip");
      res.set_content(gzip(std::string(100'000, 'g')), "application/octet-stream");
    });
    r.Get("/br", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("Content-Encoding", "br");
      res.set_content(brotli(std::string(100'000, 'b')), "application/octet-stream");
    });
    r.Get("/etag", [](const httplib::Request& req, httplib::Response& res) {
      res.set_header("ETag", "\"abc\"");
      if (req.get_header_value("If-None-Match") == "\"abc\"") {
        res.status = 304;
        return;
      }
      res.set_content("fresh", "text/plain");
    });
    r.Get("/lastmod", [](const httplib::Request& req, httplib::Response& res) {
      res.set_header("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT");
      if (req.get_header_value("If-Modified-Since") == "Wed, 21 Oct 2015 07:28:00 GMT") {
        res.status = 304;
        return;
      }
      res.set_content("fresh", "text/plain");
    });
    r.Get("/bomb", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("Content-Encoding", "gzip");
      auto bomb = std::make_shared<GzipZeros>(uint64_t{1} << 30);  // 1 GiB of zeros
      res.set_chunked_content_provider("application/octet-stream",
                                       [bomb](size_t, httplib::DataSink& sink) {
                                         std::string piece = bomb->next();
                                         if (piece.empty()) {
                                           sink.done();
                                           return true;
                                         }
                                         return sink.write(piece.data(), piece.size());
                                       });
    });
    r.Get("/huge-chunked", [this](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("application/octet-stream",
                                       [this](size_t offset, httplib::DataSink& sink) {
                                         static const std::string block(64 * 1024, 'a');
                                         if (offset >= 200 * kMiB) {
                                           sink.done();
                                           return true;
                                         }
                                         huge_sent_ = offset + block.size();
                                         return sink.write(block.data(), block.size());
                                       });
    });
    r.Get("/huge-declared", [](const httplib::Request&, httplib::Response& res) {
      res.set_content_provider(200 * kMiB, "application/octet-stream",
                               [](size_t, size_t length, httplib::DataSink& sink) {
                                 static const std::string block(64 * 1024, 'a');
                                 return sink.write(block.data(), std::min(length, block.size()));
                               });
    });
    r.Get("/loop",
          [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/loop"); });
    r.Get(R"(/hops/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
      int n = std::stoi(req.matches[1]);
      if (n == 0)
        res.set_content("arrived", "text/plain");
      else
        res.set_redirect("/hops/" + std::to_string(n - 1));
    });
    r.Get("/redirect", [](const httplib::Request& req, httplib::Response& res) {
      res.set_redirect(req.get_param_value("to"));
    });
    r.Get("/limited", [](const httplib::Request&, httplib::Response& res) {
      res.status = 429;
      res.set_header("Retry-After", "120");
    });
    r.Get("/unavailable", [](const httplib::Request&, httplib::Response& res) {
      res.status = 503;
      res.set_header("Retry-After", "Fri, 01 Jan 2100 00:00:00 GMT");
    });
    r.Get("/flaky", [this](const httplib::Request&, httplib::Response& res) {
      if (flaky_calls_++ == 0) {
        res.status = 500;
        return;
      }
      res.set_content("recovered", "text/plain");
    });
    r.Get("/missing", [](const httplib::Request&, httplib::Response& res) {
      res.status = 404;
      res.set_content("no such page", "text/plain");
    });
    r.Get(R"(/slow/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
      in_flight_.enter();
      std::this_thread::sleep_for(milliseconds(50));
      in_flight_.leave();
      res.set_content("slow " + req.matches[1].str(), "text/plain");
    });
    r.Get(R"(/feed/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content("<rss>" + req.matches[1].str() + "</rss>", "application/rss+xml");
    });
    server_.start();
  }

  // Only the test server's own address is allowed; politeness delays are
  // off so the tests run fast, except where a test turns them on.
  FetchOptions options() const {
    FetchOptions o;
    o.allowed_networks = {"127.0.0.1/32"};
    o.per_host_delay = milliseconds(0);
    o.max_retries = 0;
    o.connect_timeout = milliseconds(2000);
    o.total_timeout = milliseconds(10000);
    return o;
  }

  static Fetcher make(const FetchOptions& o) {
    auto f = Fetcher::create(o);
    if (!f.ok()) throw std::runtime_error(f.error().message);
    return std::move(f).value();
  }

  FetchResult get(const std::string& url, const FetchOptions& o) {
    return make(o).fetch(FetchRequest{url, "", ""});
  }
  FetchResult get(const std::string& url) { return get(url, options()); }

  std::string redirect_to(const std::string& target) const {
    return server_.url("/redirect?to=" + percent_encode(target));
  }
  std::string port() const { return std::to_string(server_.port()); }

  osprey::testing::LocalServer server_;
  InFlight in_flight_;
  std::atomic<int> flaky_calls_{0};
  std::atomic<size_t> huge_sent_{0};
};

TEST_F(FetcherTest, FetchesBodyHeadersAndCharset) {
  FetchResult r = get(server_.url("/hello"));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.doc.body, "caf\xe9 au lait");
  EXPECT_EQ(r.doc.url, server_.url("/hello"));
  EXPECT_EQ(r.doc.final_url, server_.url("/hello"));
  EXPECT_EQ(r.doc.content_type, "text/html");
  EXPECT_EQ(r.doc.charset, "iso-8859-1");
  EXPECT_EQ(r.etag, "\"v1\"");
  EXPECT_EQ(r.last_modified, "Wed, 21 Oct 2015 07:28:00 GMT");
  EXPECT_FALSE(r.not_modified);
  EXPECT_EQ(r.error, "");
  EXPECT_GT(r.doc.fetched_at, 1'600'000'000);
  EXPECT_EQ(r.attempts, 1);
}

TEST_F(FetcherTest, SendsUserAgentAndAcceptEncoding) {
  FetchOptions o = options();
  o.contact_url = "https://example.org/contact";
  FetchResult r = get(server_.url("/echo"), o);
  ASSERT_TRUE(r.ok()) << r.error;
  auto bar = r.doc.body.find('|');
  ASSERT_NE(bar, std::string::npos);
  EXPECT_EQ(r.doc.body.substr(0, bar),
            std::string("Osprey/") + OSPREY_VERSION + " (+https://example.org/contact)");
  std::string encodings = r.doc.body.substr(bar + 1);
  for (const char* coding : {"gzip", "deflate", "br", "zstd"})
    EXPECT_NE(encodings.find(coding), std::string::npos) << encodings;
}

TEST_F(FetcherTest, DecodesGzip) {
  FetchResult r = get(server_.url("/gzip"));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.doc.body, std::string(100'000, 'g'));
}

TEST_F(FetcherTest, DecodesBrotli) {
  FetchResult r = get(server_.url("/br"));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.doc.body, std::string(100'000, 'b'));
}

TEST_F(FetcherTest, ConditionalGetWithEtag) {
  auto fetcher = make(options());
  FetchResult first = fetcher.fetch({server_.url("/etag"), "", ""});
  ASSERT_TRUE(first.ok()) << first.error;
  EXPECT_EQ(first.doc.body, "fresh");
  EXPECT_EQ(first.etag, "\"abc\"");
  FetchResult again = fetcher.fetch({server_.url("/etag"), first.etag, ""});
  ASSERT_TRUE(again.ok()) << again.error;
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.not_modified);
  EXPECT_EQ(again.doc.body, "");
  EXPECT_EQ(again.etag, "\"abc\"");
}

TEST_F(FetcherTest, ConditionalGetWithLastModified) {
  FetchResult first = get(server_.url("/lastmod"));
  ASSERT_TRUE(first.ok()) << first.error;
  EXPECT_FALSE(first.not_modified);
  FetchResult again = make(options()).fetch({server_.url("/lastmod"), "", first.last_modified});
  ASSERT_TRUE(again.ok()) << again.error;
  EXPECT_TRUE(again.not_modified);
}

TEST_F(FetcherTest, GzipBombStopsAtTheCap) {
  FetchOptions o = options();
  o.max_bytes = 4 * kMiB;
  auto start = Clock::now();
  FetchResult r = get(server_.url("/bomb"), o);
  EXPECT_EQ(r.error_kind, FetchErrorKind::too_large) << r.error;
  EXPECT_NE(r.error.find("limit"), std::string::npos) << r.error;
  EXPECT_LE(r.doc.body.size(), o.max_bytes);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
}

TEST_F(FetcherTest, StreamedBodyStopsAtTheCap) {
  FetchOptions o = options();
  o.max_bytes = 1 * kMiB;
  FetchResult r = get(server_.url("/huge-chunked"), o);
  EXPECT_EQ(r.error_kind, FetchErrorKind::too_large) << r.error;
  EXPECT_EQ(r.doc.body, "");
  EXPECT_LT(huge_sent_.load(), 100 * kMiB);  // the server stopped long before 200 MB
}

TEST_F(FetcherTest, DeclaredLengthAboveTheCapIsRefusedEarly) {
  FetchOptions o = options();
  o.max_bytes = 1 * kMiB;
  FetchResult r = get(server_.url("/huge-declared"), o);
  EXPECT_EQ(r.error_kind, FetchErrorKind::too_large) << r.error;
  EXPECT_EQ(r.status, 200);
}

TEST_F(FetcherTest, FollowsRedirectsWithinTheCap) {
  FetchResult r = get(server_.url("/hops/5"));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.doc.body, "arrived");
  EXPECT_EQ(r.doc.url, server_.url("/hops/5"));
  EXPECT_EQ(r.doc.final_url, server_.url("/hops/0"));
}

TEST_F(FetcherTest, RedirectsBeyondTheCapFail) {
  FetchResult r = get(server_.url("/hops/6"));
  EXPECT_EQ(r.error_kind, FetchErrorKind::too_many_redirects) << r.error;
}

TEST_F(FetcherTest, RedirectLoopFails) {
  FetchResult r = get(server_.url("/loop"));
  EXPECT_EQ(r.error_kind, FetchErrorKind::too_many_redirects) << r.error;
}

TEST_F(FetcherTest, LoopbackIsRefusedWithoutPermission) {
  FetchOptions o = options();
  o.allowed_networks.clear();
  FetchResult r = get(server_.url("/hello"), o);
  EXPECT_EQ(r.error_kind, FetchErrorKind::refused_private) << r.error;
  EXPECT_NE(r.error.find("127.0.0.1"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("loopback"), std::string::npos) << r.error;
  EXPECT_EQ(r.doc.body, "");
}

TEST_F(FetcherTest, AllowPrivatePermitsLoopback) {
  FetchOptions o = options();
  o.allowed_networks.clear();
  o.allow_private = true;
  EXPECT_TRUE(get(server_.url("/hello"), o).ok());
}

TEST_F(FetcherTest, RedirectToAnotherPrivateAddressIsRefused) {
  for (std::string target :
       {"http://127.0.0.2:" + port() + "/hello", "http://[::1]:" + port() + "/hello",
        std::string("http://169.254.169.254/latest/meta-data/"),
        std::string("http://[fd00:ec2::254]/latest/meta-data/"),
        std::string("http://0.0.0.0:") + port() + "/hello"}) {
    FetchResult r = get(redirect_to(target));
    EXPECT_EQ(r.error_kind, FetchErrorKind::refused_private) << target << ": " << r.error;
    EXPECT_NE(r.error.find("refused"), std::string::npos) << r.error;
  }
}

TEST_F(FetcherTest, GuardChecksTheResolvedAddressOfANames) {
  FetchOptions o = options();
  o.resolve = {"feeds.test:" + port() + ":127.0.0.1", "rebind.test:" + port() + ":127.0.0.2",
               "metadata.test:80:169.254.169.254"};
  FetchResult allowed = get("http://feeds.test:" + port() + "/hello", o);
  ASSERT_TRUE(allowed.ok()) << allowed.error;
  EXPECT_EQ(allowed.doc.body, "caf\xe9 au lait");
  FetchResult rebound = get("http://rebind.test:" + port() + "/hello", o);
  EXPECT_EQ(rebound.error_kind, FetchErrorKind::refused_private) << rebound.error;
  FetchResult redirected = make(o).fetch({redirect_to("http://metadata.test/"), "", ""});
  EXPECT_EQ(redirected.error_kind, FetchErrorKind::refused_private) << redirected.error;
}

TEST_F(FetcherTest, OnlyHttpAndHttpsSchemes) {
  for (const char* url : {"file:///etc/passwd", "gopher://127.0.0.1/", "ftp://127.0.0.1/",
                          "dict://127.0.0.1:11211/stat"}) {
    FetchResult r = get(url);
    EXPECT_EQ(r.error_kind, FetchErrorKind::unsupported_scheme) << url << ": " << r.error;
    EXPECT_EQ(r.attempts, 0);
  }
  FetchResult r = get(redirect_to("file:///etc/passwd"));
  EXPECT_EQ(r.error_kind, FetchErrorKind::unsupported_scheme) << r.error;
  EXPECT_EQ(r.doc.body, "");
}

TEST_F(FetcherTest, InvalidUrlIsReported) {
  FetchResult r = get("not a url");
  EXPECT_EQ(r.error_kind, FetchErrorKind::invalid_url) << r.error;
  EXPECT_NE(r.error.find("not a url"), std::string::npos);
}

TEST_F(FetcherTest, BadAllowedNetworkIsAnOptionError) {
  FetchOptions o = options();
  o.allowed_networks = {"10.0.0.0/99"};
  auto f = Fetcher::create(o);
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.error().message.find("10.0.0.0/99"), std::string::npos);
}

TEST_F(FetcherTest, ServerThatNeverAnswersTimesOut) {
  osprey::testing::SilentServer silent;
  FetchOptions o = options();
  o.connect_timeout = milliseconds(500);
  o.total_timeout = milliseconds(1000);
  auto start = Clock::now();
  FetchResult r = get(silent.url("/"), o);
  auto took = Clock::now() - start;
  EXPECT_EQ(r.error_kind, FetchErrorKind::timeout) << r.error;
  EXPECT_GE(took, milliseconds(900));
  EXPECT_LT(took, milliseconds(2500));
}

TEST_F(FetcherTest, TooManyRequestsReportsRetryAfter) {
  FetchResult r = get(server_.url("/limited"));
  EXPECT_EQ(r.error_kind, FetchErrorKind::http_status);
  EXPECT_EQ(r.status, 429);
  ASSERT_TRUE(r.retry_after);
  EXPECT_EQ(*r.retry_after, 120);
  EXPECT_NE(r.error.find("429"), std::string::npos) << r.error;
}

TEST_F(FetcherTest, RetryAfterAsHttpDate) {
  FetchResult r = get(server_.url("/unavailable"));
  EXPECT_EQ(r.status, 503);
  ASSERT_TRUE(r.retry_after);
  EXPECT_GT(*r.retry_after, 365 * 86400);
}

TEST_F(FetcherTest, HostThatAsksToWaitHasItsQueueAnswered) {
  FetchOptions o = options();
  o.per_host_concurrency = 1;
  std::vector<FetchRequest> requests(3, FetchRequest{server_.url("/limited"), "", ""});
  std::vector<FetchResult> results(3);
  make(o).fetch_all(requests, [&](size_t i, FetchResult&& r) { results[i] = std::move(r); });
  EXPECT_EQ(results[0].status, 429);
  for (size_t i = 1; i < 3; ++i) {
    EXPECT_EQ(results[i].error_kind, FetchErrorKind::host_backoff) << results[i].error;
    ASSERT_TRUE(results[i].retry_after);
    EXPECT_GE(*results[i].retry_after, 119);
    EXPECT_LE(*results[i].retry_after, 120);
  }
}

TEST_F(FetcherTest, TransientFailureIsRetriedAfterBackoff) {
  FetchOptions o = options();
  o.max_retries = 1;
  o.backoff_initial = milliseconds(100);
  auto start = Clock::now();
  auto fetcher = make(o);
  FetchResult r = fetcher.fetch({server_.url("/flaky"), "", ""});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.doc.body, "recovered");
  EXPECT_EQ(r.attempts, 2);
  EXPECT_GE(Clock::now() - start, milliseconds(100));
  EXPECT_EQ(fetcher.politeness().consecutive_failures("127.0.0.1"), 0);
}

TEST_F(FetcherTest, ClientErrorsAreNotRetried) {
  FetchOptions o = options();
  o.max_retries = 3;
  FetchResult r = get(server_.url("/missing"), o);
  EXPECT_EQ(r.error_kind, FetchErrorKind::http_status);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.doc.body, "no such page");
}

TEST_F(FetcherTest, PerHostConcurrencyIsRespected) {
  FetchOptions o = options();
  o.per_host_concurrency = 2;
  o.max_total_concurrency = 16;
  std::vector<FetchRequest> requests;
  for (int i = 0; i < 12; ++i)
    requests.push_back(request(server_.url("/slow/" + std::to_string(i))));
  int delivered = 0;
  make(o).fetch_all(requests, [&](size_t, FetchResult&& r) {
    EXPECT_TRUE(r.ok()) << r.error;
    ++delivered;
  });
  EXPECT_EQ(delivered, 12);
  EXPECT_EQ(in_flight_.peak.load(), 2);  // concurrent, but never more than two
}

TEST_F(FetcherTest, TotalConcurrencyCapsAllHosts) {
  FetchOptions o = options();
  o.per_host_concurrency = 2;
  o.max_total_concurrency = 3;
  std::vector<FetchRequest> requests;
  for (const char* host : {"a.test", "b.test", "c.test", "d.test"}) {
    o.resolve.push_back(std::string(host) + ":" + port() + ":127.0.0.1");
    for (int i = 0; i < 4; ++i)
      requests.push_back(
          request("http://" + std::string(host) + ":" + port() + "/slow/" + std::to_string(i)));
  }
  int ok = 0;
  make(o).fetch_all(requests, [&](size_t, FetchResult&& r) { ok += r.ok(); });
  EXPECT_EQ(ok, 16);
  EXPECT_LE(in_flight_.peak.load(), 3);
  EXPECT_GE(in_flight_.peak.load(), 2);
}

TEST_F(FetcherTest, PerHostDelaySpacesStarts) {
  FetchOptions o = options();
  o.per_host_delay = milliseconds(150);
  std::vector<FetchRequest> requests;
  for (int i = 0; i < 4; ++i)
    requests.push_back(request(server_.url("/slow/" + std::to_string(i))));
  make(o).fetch_all(requests, [](size_t, FetchResult&& r) { EXPECT_TRUE(r.ok()) << r.error; });
  std::vector<Clock::time_point> starts = in_flight_.starts;
  ASSERT_EQ(starts.size(), 4u);
  std::sort(starts.begin(), starts.end());
  // The server sees arrivals, not starts: connection setup and a loaded
  // machine shift each by a few tens of milliseconds, so the bounds leave
  // room for that. Without the delay all four arrive within a few ms.
  EXPECT_GE(starts.back() - starts.front(), milliseconds(400));
  for (size_t i = 1; i < starts.size(); ++i)
    EXPECT_GE(starts[i] - starts[i - 1], milliseconds(50)) << i;
}

TEST_F(FetcherTest, ThousandUrlsAreEachDeliveredOnce) {
  FetchOptions o = options();
  o.per_host_concurrency = 8;
  o.max_total_concurrency = 8;
  std::vector<FetchRequest> requests;
  for (int i = 0; i < 1000; ++i)
    requests.push_back(request(server_.url("/feed/" + std::to_string(i))));
  std::vector<int> seen(requests.size(), 0);
  int wrong = 0;
  make(o).fetch_all(requests, [&](size_t i, FetchResult&& r) {
    ASSERT_LT(i, seen.size());
    ++seen[i];
    if (!r.ok() || r.doc.body != "<rss>" + std::to_string(i) + "</rss>") ++wrong;
  });
  EXPECT_EQ(std::count(seen.begin(), seen.end(), 1), 1000);
  EXPECT_EQ(wrong, 0);
}

TEST_F(FetcherTest, ZeroConcurrencyStillFinishes) {
  FetchOptions o = options();
  o.per_host_concurrency = 0;
  o.max_total_concurrency = 0;
  EXPECT_TRUE(get(server_.url("/hello"), o).ok());
}

TEST(FetchErrorKindName, NamesEveryKind) {
  EXPECT_EQ(fetch_error_kind_name(FetchErrorKind::none), "none");
  EXPECT_EQ(fetch_error_kind_name(FetchErrorKind::refused_private), "refused_private");
  EXPECT_EQ(fetch_error_kind_name(FetchErrorKind::too_large), "too_large");
  EXPECT_EQ(fetch_error_kind_name(FetchErrorKind::host_backoff), "host_backoff");
}

TEST_F(FetcherTest, EmptyBatchReturnsAtOnce) {
  int calls = 0;
  make(options()).fetch_all({}, [&](size_t, FetchResult&&) { ++calls; });
  EXPECT_EQ(calls, 0);
}

}  // namespace
}  // namespace osprey::ingest
