#include "osprey/watch/watch_matcher.h"

#include <cctype>
#include <iterator>

namespace osprey::watch {
namespace {

bool word_byte(unsigned char c) {
  return std::isalnum(c) || c >= 0x80;
}

// The host of "scheme://user@host:port/path", lower-cased; empty when none.
std::string url_host(const std::string& url) {
  size_t start = url.find("://");
  if (start == std::string::npos) return {};
  start += 3;
  size_t end = url.find_first_of("/?#", start);
  std::string authority = url.substr(start, end == std::string::npos ? end : end - start);
  if (size_t at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
  if (authority.starts_with("[")) {
    size_t close = authority.find(']');
    authority = authority.substr(1, close == std::string::npos ? close : close - 1);
  } else if (size_t colon = authority.find(':'); colon != std::string::npos) {
    authority.erase(colon);
  }
  for (char& c : authority) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return authority;
}

}  // namespace

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (word_byte(u)) {
      word.push_back(static_cast<char>(std::tolower(u)));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

ArticleFacts::ArticleFacts(const Article& article, const Findings& findings) {
  for (const Mention& m : findings.entities) entities_.insert(m.id);
  auto add_host = [this](const std::string& host) {
    if (host.empty()) return;
    if (auto ip = ingest::parse_ip(host))
      addresses_.push_back(*ip);
    else
      hosts_.insert(host);
  };
  for (const Observable& o : findings.observables) {
    if (o.type == "cve") {
      cves_.insert(o.value);
    } else if (o.type == "domain") {
      add_host(o.value);
    } else if (o.type == "url") {
      add_host(url_host(o.value));
    } else if (o.type == "email") {
      size_t at = o.value.rfind('@');
      if (at != std::string::npos) add_host(o.value.substr(at + 1));
    } else if (o.type == "ipv4" || o.type == "ipv6") {
      if (auto ip = ingest::parse_ip(o.value)) addresses_.push_back(*ip);
    }
  }
  words_ = words_of(article.title);
  words_.push_back("");  // the title's last word and the text's first are not a phrase
  for (std::string& w : words_of(article.text)) words_.push_back(std::move(w));
  for (size_t i = 0; i < words_.size(); ++i) {
    if (!words_[i].empty()) word_positions_[words_[i]].push_back(i);
  }
}

bool ArticleFacts::has_phrase(const std::string& keyword) const {
  std::vector<std::string> wanted = words_of(keyword);
  if (wanted.empty()) return false;
  auto first = word_positions_.find(wanted.front());
  if (first == word_positions_.end()) return false;
  for (size_t at : first->second) {
    if (at + wanted.size() > words_.size()) break;
    size_t k = 1;
    while (k < wanted.size() && words_[at + k] == wanted[k]) ++k;
    if (k == wanted.size()) return true;
  }
  return false;
}

bool ArticleFacts::has_host_under(const std::string& domain) const {
  for (const std::string& host : hosts_) {
    if (host == domain) return true;
    if (host.size() > domain.size() && host.ends_with(domain) &&
        host[host.size() - domain.size() - 1] == '.')
      return true;
  }
  return false;
}

bool ArticleFacts::has_address_in(const std::string& network) const {
  auto parsed = ingest::parse_network(network);
  if (!parsed.ok()) return false;
  for (const ingest::IpAddress& address : addresses_) {
    if (ingest::contains(parsed.value(), address)) return true;
  }
  return false;
}

namespace {

using TermTest = bool (*)(const ArticleFacts&, const WatchTerm&);
bool by_entity(const ArticleFacts& f, const WatchTerm& t) {
  return f.mentions(t.entity_id);
}
bool by_cve(const ArticleFacts& f, const WatchTerm& t) {
  return f.reports_cve(t.value);
}
bool by_phrase(const ArticleFacts& f, const WatchTerm& t) {
  return f.has_phrase(t.value);
}
bool by_host(const ArticleFacts& f, const WatchTerm& t) {
  return f.has_host_under(t.value);
}
bool by_address(const ArticleFacts& f, const WatchTerm& t) {
  return f.has_address_in(t.value);
}
// How each field's terms are tested, in the order of kWatchFields.
constexpr TermTest kTests[] = {by_entity, by_entity, by_cve,  by_entity,
                               by_entity, by_phrase, by_host, by_address};
static_assert(std::size(kTests) == std::size(kWatchFields));

}  // namespace

std::vector<AlertMatch> match_watchlist(const Watchlist& watchlist, const ArticleFacts& facts) {
  std::vector<AlertMatch> matched;
  for (size_t i = 0; i < std::size(kWatchFields); ++i) {
    for (const WatchTerm& term : watchlist.query.*kWatchFields[i].terms) {
      if (kTests[i](facts, term)) matched.push_back({kWatchFields[i].name, term.value});
    }
  }
  return matched;
}

}  // namespace osprey::watch
