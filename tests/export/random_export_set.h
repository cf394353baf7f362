// Random export input for the property and round-trip tests: stories of
// articles with observables of every type the exporters map, entities of
// every type, relations with every predicate (negated and hedged among them),
// random confidences, noise articles, and hostile text (markup, quotes,
// backslashes, control bytes, invalid UTF-8, emoji) in titles, sites,
// evidence and contexts. A seed gives the same set every time.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "osprey/export/export_model.h"
#include "osprey/kb/knowledge_base.h"

namespace osprey::exporting::testing {

inline const std::vector<std::string>& hostile_texts() {
  using namespace std::string_view_literals;
  static const std::vector<std::string> texts = {
      "<script>alert('x')</script>",
      "=HYPERLINK(\"http://evil.example\",\"click\")",
      "it's a \"quoted\" back\\slash \\' mix",
      "Ünïcødé — 攻撃キャンペーン 🐦‍⬛ ✓",
      "line one\nline two\r\n\ttabbed",
      std::string("nul\0byte and \x01\x1f control"sv),
      "invalid \xff\xfe utf-8 \xc3",
      "</textarea><img src=x onerror=alert(1)>",
      "+cmd|' /C calc'!A0",
      "APT-C-00 used the ${jndi:ldap://x} string",
      "",
      "plain words about a campaign against ministries.",
  };
  return texts;
}

class RandomExportSet {
 public:
  explicit RandomExportSet(uint64_t seed, const kb::KnowledgeBase* kb = nullptr)
      : rng_(seed), kb_(kb) {}

  ExportSet make() {
    ExportSet set;
    set.generated_at = 1700000000 + pick(0, 40000000);
    const int stories = pick(1, 4);
    for (int s = 0; s < stories; ++s) set.stories.push_back(story(s, set.generated_at));
    return set;
  }

  // Options varied by the seed too: which of noise, negated, hedged and benign
  // findings are asked for, and a minimum confidence.
  ExportOptions options() {
    ExportOptions o;
    o.kb = kb_;
    o.include_noise = chance(0.3);
    o.include_negated = chance(0.3);
    o.include_hedged = chance(0.3);
    o.include_benign = chance(0.3);
    o.min_confidence = chance(0.3) ? pick(1, 80) : 0;
    return o;
  }

  int pick(int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }

 private:
  template <typename T>
  const T& one_of(const std::vector<T>& items) {
    return items[static_cast<size_t>(pick(0, static_cast<int>(items.size()) - 1))];
  }

  std::string hex(int n, bool upper = false) {
    const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    std::string out;
    for (int i = 0; i < n; ++i) out.push_back(digits[pick(0, 15)]);
    return out;
  }

  std::string chars(std::string_view alphabet, int n) {
    std::string out;
    for (int i = 0; i < n; ++i)
      out.push_back(alphabet[static_cast<size_t>(pick(0, static_cast<int>(alphabet.size()) - 1))]);
    return out;
  }

  std::string label() { return chars("abcdefghijklmnopqrstuvwxyz0123456789", pick(3, 12)); }

  std::string domain() {
    static const std::vector<std::string> tlds = {"com", "net", "org", "ru", "co.uk", "xn--p1ai"};
    std::string d = chance(0.1) ? "xn--" + label() : label();
    if (chance(0.3)) d = label() + "." + d;
    return d + "." + one_of(tlds);
  }

  std::string ipv4() {
    return std::to_string(pick(1, 223)) + "." + std::to_string(pick(0, 255)) + "." +
           std::to_string(pick(0, 255)) + "." + std::to_string(pick(1, 254));
  }

  std::string ipv6() {
    std::string out = "2a0" + hex(1);
    for (int i = 0; i < 7; ++i) out.append(":").append(hex(pick(1, 4)));
    return out;
  }

  // A value of a registry type, as the extractor would give it.
  std::string value_of(const std::string& type) {
    static const std::string base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    if (type == "ipv4") return ipv4();
    if (type == "ipv6") return ipv6();
    if (type == "cidr")
      return chance(0.5) ? ipv4() + "/" + std::to_string(pick(8, 32))
                         : ipv6() + "/" + std::to_string(pick(16, 64));
    if (type == "domain") return domain();
    if (type == "url")
      return (chance(0.8) ? "https://" : "ftp://") + domain() + "/" + label() +
             (chance(0.3) ? "/it's\\odd?q=" + label() : ".php");
    if (type == "email") return label() + "@" + domain();
    if (type == "md5" || type == "imphash") return hex(32);
    if (type == "sha1") return hex(40);
    if (type == "sha256") return hex(64);
    if (type == "sha512") return hex(128);
    if (type == "ssdeep")
      return std::to_string(3 << pick(0, 10)) + ":" + chars(base58 + "/+", pick(3, 64)) + ":" +
             chars(base58 + "/+", pick(3, 32));
    if (type == "cve")
      return "CVE-" + std::to_string(pick(1999, 2025)) + "-" + std::to_string(pick(1000, 99999));
    if (type == "cwe") return "CWE-" + std::to_string(pick(1, 1400));
    if (type == "attack-technique")
      return "T1" + std::to_string(pick(100, 599)) +
             (chance(0.5) ? ".00" + std::to_string(pick(1, 9)) : "");
    if (type == "attack-tactic") return "TA00" + std::to_string(pick(10, 43));
    if (type == "attack-group") return "G0" + std::to_string(pick(100, 999));
    if (type == "attack-software") return "S0" + std::to_string(pick(100, 999));
    if (type == "btc") return "1" + chars(base58, 33);
    if (type == "eth") return "0x" + hex(40);
    if (type == "xmr") return "4" + chars(base58, 94);
    if (type == "ltc") return "L" + chars(base58, 33);
    if (type == "doge") return "D" + chars(base58, 33);
    if (type == "trx") return "T" + chars(base58, 33);
    if (type == "asn") return "AS" + std::to_string(pick(1, 400000));
    if (type == "registry-key")
      return "HKEY_CURRENT_USER\\Software\\" + label() + (chance(0.3) ? "\\it's" : "\\Run");
    if (type == "filename")
      return (chance(0.1) ? "-" : "") + label() + (chance(0.5) ? ".exe" : ".docm");
    if (type == "mac") {
      std::string mac = hex(2);
      for (int i = 0; i < 5; ++i) mac.append(":").append(hex(2));
      return mac;
    }
    if (type == "user-agent") return "Mozilla/5.0 (" + one_of(hostile_texts()) + ")";
    return label();
  }

  Observable observable() {
    static const std::vector<std::string> types = {
        "ipv4",          "ipv6",         "cidr",
        "domain",        "url",          "email",
        "md5",           "sha1",         "sha256",
        "sha512",        "imphash",      "ssdeep",
        "cve",           "cwe",          "attack-technique",
        "attack-tactic", "attack-group", "attack-software",
        "btc",           "eth",          "xmr",
        "ltc",           "doge",         "trx",
        "asn",           "registry-key", "filename",
        "mac",           "user-agent"};
    Observable o;
    o.type = one_of(types);
    o.value = value_of(o.type);
    o.defanged = chance(0.4);
    o.count = static_cast<uint64_t>(pick(1, 5));
    o.context = one_of(hostile_texts()) + " " + o.value;
    if (chance(0.1)) o.flags.push_back(chance(0.5) ? "private" : "documentation");
    if (chance(0.1)) o.benign = "example domain";
    return o;
  }

  Mention entity() {
    static const std::vector<std::string> types = {"intrusion-set",  "malware",       "tool",
                                                   "attack-pattern", "vulnerability", "location",
                                                   "sector",         "organization"};
    Mention m;
    if (kb_ && chance(0.5)) {
      const kb::Entity& e = kb_->entities()[static_cast<size_t>(
          pick(0, static_cast<int>(kb_->entities().size()) - 1))];
      m.id = e.id;
      m.name = e.name;
      m.type = e.id.substr(0, e.id.find("--"));
      if (std::find(types.begin(), types.end(), m.type) == types.end()) m.type = "organization";
    } else {
      // A small pool of ids, so entities repeat across articles and stories.
      const int n = pick(0, 40);
      m.type = types[static_cast<size_t>(n) % types.size()];
      m.id = m.type + "--00000000-0000-4000-8000-" + std::to_string(100000000000 + n);
      m.name = m.type == "vulnerability"
                   ? "CVE-2024-" + std::to_string(10000 + n)
                   : hostile_texts()[static_cast<size_t>(n) % hostile_texts().size()] + " " +
                         std::to_string(n);
    }
    m.alias = m.name;
    if (m.type == "location") m.role = one_of(std::vector<std::string>{"sponsor", "victim", ""});
    m.confidence = pick(0, 100) / 100.0;
    m.count = 1;
    return m;
  }

  RelationEnd end_of(const Findings& f) {
    if (!f.observables.empty() && (f.entities.empty() || chance(0.3))) {
      const Observable& o = one_of(f.observables);
      return {"observable", o.type, o.value, o.value};
    }
    const Mention& m = one_of(f.entities);
    return {"entity", m.type, m.id, m.name};
  }

  Relation relation(const Findings& f) {
    static const std::vector<std::string> predicates = {
        "targets",   "uses",       "attributed-to",  "exploits",
        "indicates", "related-to", "originates-from"};
    Relation r;
    r.predicate = one_of(predicates);
    r.subject = end_of(f);
    r.object = end_of(f);
    r.sentence = one_of(hostile_texts());
    r.confidence = pick(0, 100) / 100.0;
    r.negated = chance(0.15);
    r.hedged = !r.negated && chance(0.2);
    if (chance(0.2)) r.reported_by = one_of(hostile_texts());
    return r;
  }

  ExportArticle article(int s, int a, int64_t generated_at) {
    ExportArticle out;
    out.article.url = chance(0.1) ? "javascript:alert(1)"
                                  : "https://news" + std::to_string(pick(1, 5)) + ".example/" +
                                        std::to_string(s) + "/" + std::to_string(a);
    out.article.source = "https://feeds.example/" + std::to_string(s) + ".xml";
    out.article.title = one_of(hostile_texts());
    out.article.site_name = chance(0.5) ? one_of(hostile_texts()) : "";
    out.article.published_at = chance(0.8) ? generated_at - pick(0, 5 * 86400) : 0;
    out.article.text = one_of(hostile_texts());
    for (int i = pick(0, 8); i > 0; --i) out.findings.observables.push_back(observable());
    for (int i = pick(0, 6); i > 0; --i) out.findings.entities.push_back(entity());
    if (!out.findings.observables.empty() || !out.findings.entities.empty())
      for (int i = pick(0, 8); i > 0; --i) out.findings.relations.push_back(relation(out.findings));
    out.relevance_label = chance(0.2) ? "noise" : (chance(0.5) ? "security" : "borderline");
    out.relevance_score = pick(0, 100) / 100.0;
    return out;
  }

  ExportStory story(int s, int64_t generated_at) {
    ExportStory out;
    out.id = chance(0.2) ? 0 : 1000 + s;
    out.title = chance(0.8) ? one_of(hostile_texts()) : "";
    out.first_seen = chance(0.7) ? generated_at - pick(86400, 6 * 86400) : 0;
    out.last_seen = out.first_seen ? out.first_seen + pick(0, 86400) : 0;
    for (int a = pick(1, 4); a > 0; --a) out.articles.push_back(article(s, a, generated_at));
    return out;
  }

  std::mt19937_64 rng_;
  const kb::KnowledgeBase* kb_;
};

}  // namespace osprey::exporting::testing
