// Fills a store with a synthetic newsroom for the load benchmark: events
// told by one to six outlets each, in varied wording, plus noise, spread over
// the last 90 days and ingested through the real pipeline (analysis,
// triage, story clustering), so the store has stories, mentions, relations
// and indicators like a real one.
//
//   osprey_store_gen DB ARTICLES
//
// The same DB and ARTICLES always give the same texts (a fixed seed); times
// are relative to now, so "today's stories" exist whenever it runs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <string>
#include <vector>

#include "osprey/analyze/analyzer.h"
#include "osprey/pipeline/ingest_pipeline.h"
#include "osprey/store/store.h"

namespace {

const char* const kActors[] = {"Kimsuky",  "APT28",        "APT29",      "Lazarus Group",
                               "Sandworm", "Volt Typhoon", "FIN7",       "Scattered Spider",
                               "APT41",    "Turla",        "MuddyWater", "OilRig"};
const char* const kMalware[] = {"BabyShark", "Emotet",    "QakBot",   "Cobalt Strike",
                                "PlugX",     "LockBit",   "BlackCat", "AgentTesla",
                                "Mimikatz",  "ShadowPad", "IcedID",   "Industroyer"};
const char* const kSectors[] = {"hospitals",         "banks",        "energy utilities",
                                "telecom operators", "universities", "government agencies",
                                "manufacturers"};
const char* const kCountries[] = {"Germany", "South Korea", "Ukraine", "the United States",
                                  "Japan",   "France",      "Brazil",  "India"};
const char* const kVerbs[] = {"targeted", "breached", "attacked", "compromised"};
const char* const kNoise[] = {
    "The new phone ships with a brighter screen and a larger battery, reviewers said.",
    "Shares rose four percent after the company reported strong quarterly earnings.",
    "This week's deals include headphones, a robot vacuum and a discounted laptop.",
    "The streaming service announced three new series and a cheaper plan."};

template <typename T, size_t N>
const T& pick(const T (&items)[N], std::mt19937_64& rng) {
  return items[rng() % N];
}

// Words from the system's word list (wamerican, a dependency already), for
// the details that make each event and each outlet's telling its own.
std::vector<std::string> load_words() {
  std::vector<std::string> words;
  if (FILE* f = std::fopen("/usr/share/dict/words", "r")) {
    char line[128];
    while (std::fgets(line, sizeof line, f)) {
      std::string w(line);
      while (!w.empty() && (w.back() == '\n' || w.back() == '\r')) w.pop_back();
      if (w.size() >= 5 && w.find('\'') == std::string::npos) words.push_back(w);
    }
    std::fclose(f);
  }
  if (words.empty()) {
    for (int i = 0; i < 5000; ++i) words.push_back("word" + std::to_string(i));
  }
  return words;
}

std::string sentence(const std::vector<std::string>& words, int n, std::mt19937_64& rng) {
  std::string s = "Investigators noted";
  for (int i = 0; i < n; ++i) s += " " + words[rng() % words.size()];
  return s + ".";
}

struct Event {
  std::string actor, malware, sector, country, verb, cve, domain, ip, details;
  int64_t when = 0;
};

Event make_event(const std::vector<std::string>& words, std::mt19937_64& rng, int64_t now) {
  Event e;
  e.details = sentence(words, 14, rng) + " " + sentence(words, 12, rng);
  e.actor = pick(kActors, rng);
  e.malware = pick(kMalware, rng);
  e.sector = pick(kSectors, rng);
  e.country = pick(kCountries, rng);
  e.verb = pick(kVerbs, rng);
  e.cve = "CVE-202" + std::to_string(3 + rng() % 3) + "-" + std::to_string(10000 + rng() % 89999);
  e.domain = "upd" + std::to_string(rng() % 1000000) + "-cdn.example";
  e.ip = "198.51.100." + std::to_string(1 + rng() % 254);
  e.when = now - static_cast<int64_t>(rng() % (90 * 86400));
  return e;
}

// One outlet's telling of the event: the facts in its own order and words.
osprey::Article tell(const Event& e, const std::vector<std::string>& words, int outlet,
                     size_t serial, std::mt19937_64& rng) {
  osprey::Article a;
  std::string host = "outlet" + std::to_string(outlet) + ".example";
  a.source = "https://" + host + "/feed.xml";
  a.url = "https://" + host + "/news/" + std::to_string(serial);
  a.guid = std::to_string(serial);
  a.published_at = e.when + static_cast<int64_t>(rng() % 86400);
  a.kind = "feed";
  std::vector<std::string> facts = {
      e.actor + " " + e.verb + " " + e.sector + " in " + e.country + " in a campaign " +
          (outlet % 2 ? "disclosed this week." : "reported by researchers."),
      "The intrusions began with spear-phishing emails that delivered " + e.malware + ".",
      "The operators exploited " + e.cve + " in internet-facing gateways to gain access.",
      "Command-and-control traffic went to " + e.domain + " and to " + e.ip + ".",
      "Analysts attributed the activity to " + e.actor + " with moderate confidence.",
      "Defenders were urged to patch " + e.cve + " and to block the listed infrastructure.",
      e.details,
      sentence(words, 8, rng)};
  std::shuffle(facts.begin() + 1, facts.end(), rng);
  a.title = e.actor + " " + e.verb + " " + e.sector + " in " + e.country;
  if (outlet % 3 == 1) a.title = "Report: " + a.title + " with " + e.malware;
  for (const std::string& f : facts) a.text += f + " ";
  a.text += "Outlet " + std::to_string(outlet) + " will update this story as it develops.";
  return a;
}

osprey::Article noise(size_t serial, int64_t now, std::mt19937_64& rng) {
  osprey::Article a;
  a.source = "https://gadgets.example/feed.xml";
  a.url = "https://gadgets.example/post/" + std::to_string(serial);
  a.guid = std::to_string(serial);
  a.published_at = now - static_cast<int64_t>(rng() % (90 * 86400));
  a.kind = "feed";
  a.title = "Gadget roundup number " + std::to_string(serial);
  for (int i = 0; i < 4; ++i) a.text += std::string(pick(kNoise, rng)) + " ";
  a.text += "Item " + std::to_string(serial) + ".";
  return a;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: osprey_store_gen DB ARTICLES\n");
    return 2;
  }
  const size_t total = std::strtoull(argv[2], nullptr, 10);
  auto store = osprey::store::open_store(argv[1]);
  osprey::analyze::AnalyzerOptions options;
  options.kb_dir = OSPREY_KB_DIR;
  auto analyzer = osprey::analyze::Analyzer::create(options);
  if (!store.ok() || !analyzer.ok()) {
    std::fprintf(stderr, "osprey_store_gen: %s\n",
                 store.ok() ? analyzer.error().message.c_str() : store.error().message.c_str());
    return 1;
  }
  auto have = store.value()->count_articles();
  if (have.ok() && static_cast<size_t>(have.value()) >= total) {
    std::printf("%s already holds %lld articles\n", argv[1], static_cast<long long>(have.value()));
    return 0;
  }
  osprey::pipeline::IngestPipeline pipeline(*store.value(), *analyzer.value(), nullptr);
  const std::vector<std::string> words = load_words();
  std::mt19937_64 rng(2026);
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  auto started = std::chrono::steady_clock::now();
  size_t serial = 0, failed = 0;
  while (serial < total) {
    auto batch = store.value()->transaction([&]() -> osprey::Result<bool> {
      for (size_t end = std::min(total, serial + 500); serial < end;) {
        if (rng() % 5 == 0) {  // a fifth of the flow is noise
          osprey::Document raw;
          failed += pipeline.store_article(noise(serial++, now, rng), raw).failed;
          continue;
        }
        Event e = make_event(words, rng, now);
        int outlets = 1 + static_cast<int>(rng() % 6);
        for (int o = 0; o < outlets && serial < end; ++o) {
          osprey::Document raw;
          int outlet = static_cast<int>(rng() % 40);
          failed += pipeline.store_article(tell(e, words, outlet, serial, rng), raw).failed;
          ++serial;
        }
      }
      return true;
    });
    if (!batch.ok()) {
      std::fprintf(stderr, "osprey_store_gen: %s\n", batch.error().message.c_str());
      return 1;
    }
    if (serial % 10000 < 500) std::fprintf(stderr, "\r%zu articles", serial);
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("\n%zu articles (%zu failed) in %.1f s: %.0f articles/s through the whole pipeline\n",
              serial, failed, seconds, static_cast<double>(serial) / seconds);
  return failed == 0 ? 0 : 1;
}
