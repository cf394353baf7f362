#include "osprey/watch/watchlist_builder.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <iterator>

#include "osprey/ingest/fetch/address_policy.h"
#include "osprey/text/ascii.h"

namespace osprey::watch {
namespace {

constexpr size_t kMaxName = 200;
constexpr size_t kMaxValue = 256;
constexpr size_t kMaxTerms = 1000;

std::string trimmed(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

bool has_control(const std::string& text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// The knowledge-base entity `name` means among `types`, as a term.
Result<WatchTerm> entity_term(const std::string& value, const kb::KnowledgeBase* kb,
                              std::initializer_list<kb::EntityType> types, const char* what) {
  if (!kb)
    return Error{"no knowledge base loaded: cannot resolve the " + std::string(what) + " '" +
                 value + "'"};
  for (const kb::Match& m : kb->lookup(value)) {
    const kb::Entity& e = kb->current(*m.entity);
    if (std::find(types.begin(), types.end(), e.type) != types.end())
      return WatchTerm{e.name, e.id};
  }
  return Error{"no " + std::string(what) + " named '" + value + "' in the knowledge base"};
}

Result<WatchTerm> actor(const std::string& value, const kb::KnowledgeBase* kb) {
  return entity_term(value, kb, {kb::EntityType::kIntrusionSet}, "actor");
}
Result<WatchTerm> malware(const std::string& value, const kb::KnowledgeBase* kb) {
  return entity_term(value, kb, {kb::EntityType::kMalware, kb::EntityType::kTool},
                     "malware or tool");
}
Result<WatchTerm> sector(const std::string& value, const kb::KnowledgeBase* kb) {
  return entity_term(value, kb, {kb::EntityType::kSector}, "sector");
}
Result<WatchTerm> country(const std::string& value, const kb::KnowledgeBase* kb) {
  return entity_term(value, kb, {kb::EntityType::kLocation}, "country or region");
}

// CVE-YYYY-NNNN…
Result<WatchTerm> cve(const std::string& value, const kb::KnowledgeBase*) {
  std::string id = value;
  for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  bool ok = id.size() >= 13 && id.size() <= 24 && id.starts_with("CVE-") && id[8] == '-';
  for (size_t i = 4; ok && i < id.size(); ++i) {
    ok = i == 8 || std::isdigit(static_cast<unsigned char>(id[i]));
  }
  if (!ok) return Error{"'" + value + "' is not a CVE id (CVE-2024-3400)"};
  return WatchTerm{id, ""};
}

Result<WatchTerm> keyword(const std::string& value, const kb::KnowledgeBase*) {
  bool has_word = std::any_of(value.begin(), value.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
  });
  if (!has_word) return Error{"the keyword '" + value + "' has no letters or digits"};
  return WatchTerm{value, ""};
}

// A host name: dot-separated labels of letters, digits, '-' and '_'.
Result<WatchTerm> domain(const std::string& value, const kb::KnowledgeBase*) {
  std::string d = text::ascii_lowercase(value);
  if (d.starts_with("*.")) d.erase(0, 2);
  if (d.ends_with(".")) d.pop_back();
  auto bad = [&] {
    return Error{"'" + value + "' is not a domain name (example.com)" +
                 (ingest::parse_ip(d) ? "; watch addresses with a network" : "")};
  };
  if (d.empty() || d.size() > 253 || d.find('.') == std::string::npos || ingest::parse_ip(d))
    return bad();
  size_t start = 0;
  while (start <= d.size()) {
    size_t dot = d.find('.', start);
    if (dot == std::string::npos) dot = d.size();
    std::string_view label(d.data() + start, dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
      return bad();
    for (char c : label) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return bad();
    }
    start = dot + 1;
  }
  return WatchTerm{d, ""};
}

// A network in canonical CIDR form ("10.0.0.0/8", "2001:db8::/32"); one address is a /32 or /128.
Result<WatchTerm> network(const std::string& value, const kb::KnowledgeBase*) {
  auto parsed = ingest::parse_network(value);
  if (!parsed.ok()) return Error{"'" + value + "' is not an IP network (10.0.0.0/8) or address"};
  const ingest::IpNetwork& n = parsed.value();
  int prefix = n.base.is_v4() ? n.prefix - 96 : n.prefix;
  return WatchTerm{ingest::to_string(n.base) + "/" + std::to_string(prefix), ""};
}

using TermReader = Result<WatchTerm> (*)(const std::string&, const kb::KnowledgeBase*);
// How each field's values are read, in the order of kWatchFields.
constexpr TermReader kReaders[] = {actor, malware, cve, sector, country, keyword, domain, network};
static_assert(std::size(kReaders) == std::size(kWatchFields));

Result<bool> check_webhook(const std::string& url) {
  std::string l = text::ascii_lowercase(url);
  size_t scheme = l.starts_with("https://") ? 8 : l.starts_with("http://") ? 7 : 0;
  bool ok = scheme > 0 && url.size() <= 2048 && !has_control(url) &&
            url.find(' ') == std::string::npos && url.size() > scheme && url[scheme] != '/' &&
            url[scheme] != '?' && url[scheme] != '#';
  if (!ok) return Error{"webhook: '" + url + "' is not an http:// or https:// URL"};
  return true;
}

}  // namespace

Result<Watchlist> build_watchlist(const WatchlistRequest& request, const kb::KnowledgeBase* kb) {
  Watchlist watchlist;
  watchlist.name = trimmed(request.name);
  if (watchlist.name.empty()) return Error{"name: a watchlist needs a name"};
  if (watchlist.name.size() > kMaxName || has_control(watchlist.name))
    return Error{"name: at most " + std::to_string(kMaxName) +
                 " characters, no control characters"};
  size_t terms = 0;
  for (const auto& [field, values] : request.terms) {
    size_t index = std::size(kWatchFields);
    for (size_t i = 0; i < std::size(kWatchFields); ++i) {
      if (field == kWatchFields[i].name) index = i;
    }
    if (index == std::size(kWatchFields)) return Error{"unknown field '" + field + "'"};
    std::vector<WatchTerm>* into = &(watchlist.query.*kWatchFields[index].terms);
    for (const std::string& raw : values) {
      std::string value = trimmed(raw);
      if (value.empty() || value.size() > kMaxValue || has_control(value))
        return Error{field + ": '" + raw + "' is empty, too long or has control characters"};
      auto term = kReaders[index](value, kb);
      if (!term.ok()) return Error{field + ": " + term.error().message};
      bool seen = std::any_of(into->begin(), into->end(), [&](const WatchTerm& t) {
        return t.value == term.value().value && t.entity_id == term.value().entity_id;
      });
      if (!seen) into->push_back(std::move(term.value()));
      if (++terms > kMaxTerms) return Error{"at most " + std::to_string(kMaxTerms) + " terms"};
    }
  }
  if (terms == 0) return Error{"query: a watchlist needs at least one term to look for"};
  if (!request.webhook.empty()) {
    auto ok = check_webhook(request.webhook);
    if (!ok.ok()) return ok.error();
    watchlist.webhook = request.webhook;
  }
  return watchlist;
}

}  // namespace osprey::watch
