#include "osprey/kb/matcher.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "osprey/kb/names.h"
#include "osprey/kb/technique_phrases.h"
#include "osprey/text/ascii.h"
#include "osprey/text/pattern_set.h"
#include "osprey/text/sentences.h"

namespace osprey::kb {

// One literal of the matcher: a spelling of one or more entities' names.
struct EntityMatcher::Name {
  std::string text;                  // as matched (the source's spelling, or a variant of it)
  std::vector<std::string> recased;  // other spellings of `text` in the sources ("SideWinder")
  std::vector<uint32_t> entities;    // indexes into kb.entities(), best first
  EntityType type;                   // of the first entity
  bool common_word = false;          // an actor or program named like an English word: needs a cue
  bool proper_noun = false;          // written with a capital only (places, organisations, and
                                     // one-word names like "Sandworm")
  double confidence = 0.9;
  const char* reason = "name";
  // A phrasing of techniques: each row that spells it, with the technique
  // (index into kb.entities()) it reads as where its context holds.
  std::vector<std::pair<const TechniquePhrase*, uint32_t>> phrases;
  bool phrase_context = false;  // some row of `phrases` has context rules
  bool first_named = false;     // `text` is the first entity's canonical name
  bool ransomware = false;      // the first entity is a ransomware brand
  bool lowercase_tool = false;  // a tool's capitalised name, also matched all in lower case
                                // ("rclone", "mimikatz"), then only with evidence beside it
};

struct EntityMatcher::Tables {
  std::vector<Name> names;  // pattern id = index
  std::unique_ptr<text::PatternSet> set;
};

namespace {

using text::ascii_lower;
using text::is_ascii_upper;
bool is_alnum(char c) {
  return text::is_ascii_alnum(c);
}
bool is_upper(char c) {
  return is_ascii_upper(c);
}
std::string lowercase(std::string_view s) {
  return text::ascii_lowercase(s);
}

// Sets of lowercase words that a std::string_view can look up.
struct WordHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using WordSet = std::unordered_set<std::string, WordHash, std::equal_to<>>;

// A word of the text in lower case, held inline: the words around every
// name found are read, and allocating for each would cost more than the
// scan. A word too long for the buffer becomes "#", which no cue is.
class Word {
 public:
  Word() = default;
  explicit Word(std::string_view s) {
    if (s.size() > sizeof buf_) s = "#";
    for (size_t i = 0; i < s.size(); ++i) buf_[i] = ascii_lower(s[i]);
    size_ = s.size();
  }
  operator std::string_view() const { return {buf_, size_}; }
  bool operator==(std::string_view other) const { return std::string_view(*this) == other; }

 private:
  char buf_[24];  // the first size_ bytes (not zeroed: a Words is made for every name found)
  size_t size_ = 0;
};

// Up to eight words beside a name, nearest first.
class Words {
 public:
  void push_back(std::string_view word) {
    if (size_ < items_.size()) items_[size_++] = Word(word);
  }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const Word& operator[](size_t i) const { return items_[i]; }
  const Word* begin() const { return items_.data(); }
  const Word* end() const { return items_.data() + size_; }

 private:
  std::array<Word, 8> items_;
  size_t size_ = 0;
};

// Confidence by the kind of evidence, set from how often each kind was
// right on the development passages (EntityEvaluation prints the
// reliability table; OSPREY_EVAL_DETAIL=1 the precision per kind), so that
// mentions given 0.9 are right about nine times in ten.
struct Calibration {
  double actor_name = 0.95;         // an actor's name or alias (dev: 0.98 right)
  double software_name = 0.85;      // a malware's or tool's name (0.88)
  double place_or_vendor = 0.95;    // a country, region or organisation named (0.98–1.0)
  double technique_name = 0.9;      // an ATT&CK technique's own name (0.94)
  double attack_id = 0.95;          // an ATT&CK id written out (T1566.001, S0154) (1.0)
  double sector_name = 0.95;        // a sector's name or phrasing beside a sector word (0.97)
  double phrasing = 0.9;            // a common phrasing of a technique (0.95, but tuned on
                                    // these passages: 0.86 on the held-out ones)
  double ordinary_word = 0.8;       // a name that is also an English word, beside a cue (6 of 6)
  double bare_sector = 0.65;        // a one-word sector read as a victim from its sentence
                                    // (0.5 on the first 90 passages, 0.74 on all 110)
  double mere_place = 0.9;          // a place with no sponsor or victim role (1.0; 0.81 held out)
  double ambiguous_by_text = 0.85;  // an actor's or program's ambiguous name the text settles
  double ambiguous_by_cue = 0.8;    // … that the cue word beside it settles
  double ambiguous_first = 0.7;     // … left to the knowledge base's first entry
};
constexpr Calibration kCalibrated{};

double name_confidence(EntityType type) {
  switch (type) {
    case EntityType::kIntrusionSet:
      return kCalibrated.actor_name;
    case EntityType::kMalware:
    case EntityType::kTool:
    case EntityType::kVulnerability:
      return kCalibrated.software_name;
    case EntityType::kLocation:
    case EntityType::kOrganization:
      return kCalibrated.place_or_vendor;
    case EntityType::kSector:
      return kCalibrated.sector_name;
    case EntityType::kAttackPattern:
    case EntityType::kTactic:
      return kCalibrated.technique_name;
  }
  return kCalibrated.technique_name;
}

// Words that say a name is used as an actor's or a program's name.
const WordSet kActorCues = {
    "group",     "groups",    "actor",     "actors",    "apt",     "hackers",  "hacking",
    "gang",      "crew",      "operators", "team",      "threat",  "campaign", "campaigns",
    "intrusion", "espionage", "attackers", "adversary", "cluster", "unit",     "operation"};
const WordSet kSoftwareCues = {
    "malware", "ransomware",  "backdoor",  "trojan", "rat",     "loader",  "stealer",
    "botnet",  "implant",     "worm",      "wiper",  "spyware", "dropper", "variant",
    "payload", "infostealer", "framework", "beacon", "strain",  "family",  "toolkit"};
// Words after a ransomware brand that make it its gang's name ("the Royal gang").
const WordSet kGangCues = {"gang", "gangs", "group", "crew", "operators", "affiliates", "cartel"};
// Words that introduce other names of an actor ("tracked as Thallium").
const WordSet kAliasCues = {"names", "name",    "tracked", "dubbed", "aka",
                            "alias", "aliases", "called",  "known",  "also"};
const WordSet kSponsorCues = {"group",
                              "groups",
                              "actor",
                              "actors",
                              "hackers",
                              "apt",
                              "state-sponsored",
                              "state-backed",
                              "military",
                              "intelligence",
                              "government-backed",
                              "operators",
                              "threat",
                              "spies",
                              "nation-state",
                              "cyber",
                              "espionage",
                              "crew"};
const std::vector<std::string_view> kSponsorBefore = {
    "linked to",    "backed by", "sponsored by", "attributed to",
    "on behalf of", "tied to",   "working for",  "directed by"};
const std::vector<std::string_view> kVictimBefore = {
    "targeting",   "targeted",         "targets",     "against",       "attacks on",  "attack on",
    "victims in",  "organizations in", "entities in", "breached",      "compromised", "in the",
    "agencies in", "companies in",     "networks in", "intrusions at", "impacting"};
const WordSet kReporterAfter = {"said",     "says",       "reported",  "reports",    "researchers",
                                "found",    "observed",   "published", "wrote",      "assessed",
                                "tracks",   "attributed", "warned",    "noted",      "discovered",
                                "analysts", "disclosed",  "detailed",  "identified", "linked",
                                "believes", "told",       "announced"};

// Stems of security vocabulary: a sentence holding one speaks of attacks.
constexpr std::array<std::string_view, 39> kSecurityStems = {
    "malware",   "ransomware", "hacker",    "hacking",  "threat",  "phish",
    "vulnerab",  "exploit",    "breach",    "cyber",    "attack",  "backdoor",
    "espionage", "intrusion",  "compromis", "infect",   "stole",   "theft",
    "campaign",  "target",     "spyware",   "trojan",   "botnet",  "command-and-control",
    "leak site", "extortion",  "encrypt",   "payload",  "implant", "stealer",
    "wiper",     "sanction",   "indict",    "takedown", "seized",  "apt",
    "c2 ",       "operators",  "steal"};

// Words that place a sector in a story about victims ("healthcare
// organisations", "banks were targeted"): a one-word sector needs one.
const WordSet kSectorCues = {
    "sector",     "sectors",  "industry",  "industries", "organizations", "organisations",
    "companies",  "firms",    "providers", "agencies",   "institutions",  "operators",
    "entities",   "networks", "targets",   "targeting",  "targeted",      "victims",
    "facilities", "networks", "groups"};

// One-word sectors that, in a sentence about attacks, name victims even
// without a cue beside them ("… hit hospitals and universities").
const WordSet kVictimSectorWords = {
    "government", "governments",    "healthcare",    "hospitals",
    "banks",      "universities",   "academics",     "academia",
    "education",  "energy",         "defence",       "defense",
    "aerospace",  "maritime",       "telecoms",      "telecommunications",
    "retailers",  "manufacturers",  "manufacturing", "journalists",
    "diplomats",  "activists",      "hospitality",   "pharmaceuticals",
    "insurers",   "casinos",        "airlines",      "logistics",
    "shipping",   "transportation", "utilities",     "ngos",
    "dissidents", "lawyers",        "think-tanks",   "schools",
    "hotels",     "restaurants",    "pharmacies",    "water",
    "miners",     "courts"};

// Whether a one-word sector name is written as a victim: one of
// kVictimSectorWords, and not the subject of a sentence that tells what
// "the government" or "the military" did. `before`: the words before it.
bool victim_word(std::string_view written, const Words& before) {
  if (!kVictimSectorWords.count(std::string_view(Word(written)))) return false;
  return before.empty() || !(before[0] == "the" || before[0] == "by" || before[0] == "a");
}

// Whether a one-word sector heads a list that a sector cue closes
// ("government, energy and defence organisations"): `after` are the words
// after it.
bool heads_sector_list(const Words& after) {
  for (const Word& w : after) {
    if (kSectorCues.count(std::string_view(w))) return true;
    if (!(w == "and") && !(w == "or") && !kVictimSectorWords.count(std::string_view(w)))
      return false;
  }
  return false;
}

// The words of `text` around [from, to) within its sentence: up to `n` after
// and `n` before, lowercase, punctuation stripped.
Words words_after(std::string_view text, size_t to, size_t n, size_t limit) {
  Words words;
  size_t i = to;
  while (words.size() < n && i < limit) {
    while (i < limit && !is_alnum(text[i]) && text[i] != '-') {
      if (text[i] == '.' || text[i] == ';' || text[i] == ':' || text[i] == '\n') return words;
      ++i;
    }
    size_t start = i;
    while (i < limit &&
           (is_alnum(text[i]) || text[i] == '-' || static_cast<unsigned char>(text[i]) >= 0x80))
      ++i;
    if (i == start) break;
    words.push_back(text.substr(start, i - start));
  }
  return words;
}

Words words_before(std::string_view text, size_t from, size_t n, size_t limit) {
  Words words;
  size_t i = from;
  while (words.size() < n && i > limit) {
    while (i > limit && !is_alnum(text[i - 1]) && text[i - 1] != '-') {
      if (text[i - 1] == '.' || text[i - 1] == ';' || text[i - 1] == '\n') return words;
      --i;
    }
    size_t end = i;
    while (i > limit && (is_alnum(text[i - 1]) || text[i - 1] == '-' ||
                         static_cast<unsigned char>(text[i - 1]) >= 0x80))
      --i;
    if (i == end) break;
    words.push_back(text.substr(i, end - i));
  }
  return words;
}

bool any_in(const Words& words, const WordSet& set) {
  return std::any_of(words.begin(), words.end(),
                     [&](const Word& w) { return set.count(std::string_view(w)) > 0; });
}

std::unordered_set<std::string> load_dictionary(const std::string& path) {
  std::unordered_set<std::string> words;
  for (const char* candidate :
       {path.c_str(), "/usr/share/dict/words", "/usr/share/dict/american-english"}) {
    if (!*candidate) continue;
    std::ifstream in(candidate);
    std::string line;
    while (std::getline(in, line))
      if (!line.empty() && line.find('\'') == std::string::npos) words.insert(lowercase(line));
    if (!words.empty()) break;
  }
  return words;
}

// Whether `word` is an English word with a suffix ("responder" from
// "respond"), which a word list of stems does not hold.
bool derived_word(const std::string& word, const std::unordered_set<std::string>& words) {
  for (std::string_view suffix : {"er", "ers", "s", "es", "ing", "ed"})
    if (word.size() > suffix.size() + 2 && word.ends_with(suffix) &&
        words.count(word.substr(0, word.size() - suffix.size())))
      return true;
  return false;
}

bool recognised(const Entity& e) {
  switch (e.type) {
    case EntityType::kIntrusionSet:
    case EntityType::kMalware:
    case EntityType::kTool:
    case EntityType::kAttackPattern:
    case EntityType::kSector:
    case EntityType::kVulnerability:
      return !e.deprecated && e.revoked_by.empty();
    case EntityType::kLocation:
      return e.category == "country" || e.category == "region";
    case EntityType::kOrganization:
      return e.category == "security-vendor" || e.category == "intelligence-agency";
    case EntityType::kTactic:
      return false;
  }
  return false;
}

// Names only the noisy sources give (Tidal lists ordinary words and system
// programs as software) are not matched.
bool trusted(const Alias& a) {
  return std::any_of(a.sources.begin(), a.sources.end(),
                     [](const std::string& s) { return s.rfind("misp:tidal", 0) != 0; });
}

// Spellings analysts use for a name: "APT28" as "APT 28" and "APT-28",
// "Fancy Bear" as "Fancy-Bear"; with `joined` (ransomware), a name of two or
// three words of letters also as one capitalised word ("black suit" as
// "BlackSuit", the way gangs brand themselves).
std::vector<std::string> variants(const std::string& name, bool joined) {
  std::vector<std::string> out{name};
  size_t spaces = static_cast<size_t>(std::count(name.begin(), name.end(), ' '));
  bool words = std::all_of(name.begin(), name.end(), [](char c) {
    return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == ' ';
  });
  if (joined && words && (spaces == 1 || spaces == 2) && name.find("  ") == std::string::npos &&
      name.front() != ' ' && name.back() != ' ') {
    std::string camel;
    bool start = true;
    for (char c : name) {
      if (c == ' ') {
        start = true;
        continue;
      }
      camel += start ? static_cast<char>(c & ~0x20) : c;
      start = false;
    }
    out.push_back(camel);
  }
  size_t digit = name.find_first_of("0123456789");
  if (digit != std::string::npos && digit > 0 &&
      std::all_of(name.begin(), name.begin() + static_cast<long>(digit),
                  [](char c) { return is_upper(c); }) &&
      name.find(' ') == std::string::npos && name.find('-') == std::string::npos) {
    out.push_back(name.substr(0, digit) + " " + name.substr(digit));
    out.push_back(name.substr(0, digit) + "-" + name.substr(digit));
  }
  if (name.find(' ') != std::string::npos && name.find('-') == std::string::npos) {
    std::string hyphen = name;
    std::replace(hyphen.begin(), hyphen.end(), ' ', '-');
    out.push_back(hyphen);
  }
  return out;
}

bool is_actor_or_software(EntityType type) {
  return type == EntityType::kIntrusionSet || type == EntityType::kMalware ||
         type == EntityType::kTool;
}

// The sentence after `sentence`, or an empty span at the end of the text.
Span next_sentence(std::string_view text, Span sentence) {
  size_t at = sentence.end;
  while (at < text.size() && !is_alnum(text[at])) ++at;
  if (at >= text.size()) return {text.size(), text.size()};
  return text::sentence_around(text, at);
}

// Up to six reasons, without allocating for every name found.
class Reasons {
 public:
  explicit Reasons(const char* first) : items_{first}, size_(1) {}
  void push_back(const char* reason) {
    if (size_ < items_.size()) items_[size_++] = reason;
  }
  size_t size() const { return size_; }
  const char* const* begin() const { return items_.data(); }
  const char* const* end() const { return items_.data() + size_; }

 private:
  std::array<const char*, 6> items_{};
  size_t size_;
};

bool has_context(const TechniquePhrase& p) {
  return !p.needs.empty() || !p.unless.empty() || !p.also.empty();
}

// Whether a technique phrasing holds where it was found: not a URL's scheme
// ("https://"), one of the stems it needs (and one of `also`) in its
// sentence, none it forbids. `folded`: the sentence in lower case.
bool phrase_fits(const TechniquePhrase& p, std::string_view text, std::string_view folded,
                 size_t to) {
  if (to + 1 < text.size() && text[to] == ':' && text[to + 1] == '/') return false;
  auto has = [&](std::string_view stem) { return folded.find(stem) != std::string_view::npos; };
  auto any = [&](std::span<const std::string_view> stems) {
    return stems.empty() || std::any_of(stems.begin(), stems.end(), has);
  };
  return any(p.needs) && any(p.also) && std::none_of(p.unless.begin(), p.unless.end(), has);
}

// The up to `n` (≤ 64) bytes of `text` before `at`, in lower case, held in
// `buffer`: the window where cues like "targeting" or "linked to" stand.
std::string_view folded_before(std::string_view text, size_t at, size_t n,
                               std::array<char, 64>& buffer) {
  n = std::min({n, at, buffer.size()});
  for (size_t i = 0; i < n; ++i) buffer[i] = ascii_lower(text[at - n + i]);
  return {buffer.data(), n};
}

bool any_cue_in(std::string_view window, const std::vector<std::string_view>& cues) {
  return std::any_of(cues.begin(), cues.end(), [&](std::string_view cue) {
    return window.find(cue) != std::string_view::npos;
  });
}

// A country's role where it is named at `from`: "sponsor" after "linked to"
// … or before "group", "hackers" …; "victim" after "targeting" …; else
// "location". `after`: the words after the name.
std::string place_role(std::string_view text, size_t from, const Words& after,
                       std::array<char, 64>& buffer) {
  std::string_view window = folded_before(text, from, 40, buffer);
  if (any_cue_in(window, kSponsorBefore) || any_in(after, kSponsorCues)) return "sponsor";
  if (any_cue_in(window, kVictimBefore)) return "victim";
  return "location";
}

// A vendor's role: "reporter" when it says or finds something.
std::string vendor_role(std::string_view text, size_t from, const Words& after,
                        std::array<char, 64>& buffer) {
  std::string_view window = folded_before(text, from, 20, buffer);
  bool reports =
      any_in(after, kReporterAfter) || window.find("according to") != std::string_view::npos;
  return reports ? "reporter" : "";
}

// Sources that only list a vendor's names for actors tracked elsewhere.
constexpr std::string_view kNamingLists[] = {"misp:microsoft-activity-group", "misp:360net",
                                             "misp:tidal-groups", "misp:tidal-software"};

// Who speaks for an entity: 0 ATT&CK, 1 another public catalogue, 2 only a
// vendor's list of names.
int authority(const Entity& e) {
  if (e.ids.count("attack")) return 0;
  bool naming_list_only = std::all_of(e.sources.begin(), e.sources.end(), [](const auto& s) {
    return std::find(std::begin(kNamingLists), std::end(kNamingLists), s) != std::end(kNamingLists);
  });
  return naming_list_only ? 2 : 1;
}

// How an entity ranks among those a name can mean (lower first). Software
// names are reused across catalogues ("Qbot" is a botnet entry and an alias
// of ATT&CK's QakBot): ATT&CK's entry leads. An actor's own entry leads
// whoever else lists its name (APT43 is also a Kimsuky synonym), unless only
// a vendor's naming list gives that entry (Microsoft's "Midnight Blizzard"
// entry is APT29's).
std::tuple<int, int, int> reading_rank(const Entity& e, std::string_view name) {
  int level = authority(e);
  int own = name_key(e.name) == name_key(name) ? 0 : 1;
  if (e.type == EntityType::kIntrusionSet) return {level == 2, own, level};
  return {level, own, 0};
}

struct Hit {
  uint32_t name;
  size_t from, to;
  bool lowercase = false;  // a lowercase_tool written all in lower case
};

// Words beside a tool's name written in lower case that say it is the
// program ("ran rclone", "the psexec utility"), besides the software cues.
const WordSet kToolCues = {"tool",  "tools",     "utility",  "utilities", "binary", "binaries",
                           "using", "used",      "via",      "ran",       "run",    "running",
                           "with",  "installed", "deployed", "dropped",   "copy",   "executable"};

}  // namespace

EntityMatcher::EntityMatcher(const KnowledgeBase& kb, std::shared_ptr<const Tables> tables)
    : kb_(&kb), tables_(std::move(tables)) {}

size_t EntityMatcher::name_count() const {
  return tables_->names.size();
}

Result<EntityMatcher> EntityMatcher::create(const KnowledgeBase& kb,
                                            const std::string& dictionary) {
  auto tables = std::make_shared<Tables>();
  std::unordered_set<std::string> words = load_dictionary(dictionary);
  std::unordered_map<std::string, uint32_t> by_key;  // exact key → name index
  const auto& entities = kb.entities();
  auto add = [&](const std::string& spelling, uint32_t entity, double confidence,
                 const char* reason) {
    // Two letters are too short to be a name, but for "US" and "UK" in
    // capitals (matched in capitals only: "us" is a pronoun).
    bool country_code = spelling == "US" || spelling == "UK";
    if ((spelling.size() < 3 && !country_code) || spelling.size() > 200) return;
    if (std::all_of(spelling.begin(), spelling.end(), [](char c) {
          return !((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && static_cast<unsigned char>(c) < 0x80;
        }))
      return;  // no letters: numbers and punctuation are no names
    std::string key = lowercase(spelling);
    auto [it, fresh] = by_key.try_emplace(key, static_cast<uint32_t>(tables->names.size()));
    if (fresh) {
      Name n;
      n.text = spelling;
      n.type = entities[entity].type;
      n.confidence = confidence;
      n.reason = reason;
      bool one_word = spelling.find_first_of(" -") == std::string::npos;
      bool letters = std::all_of(spelling.begin(), spelling.end(),
                                 [](char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; });
      bool inner_capital = std::any_of(spelling.begin() + 1, spelling.end(), is_upper) &&
                           !std::all_of(spelling.begin(), spelling.end(), is_upper);
      bool software_or_actor = n.type == EntityType::kIntrusionSet ||
                               n.type == EntityType::kMalware || n.type == EntityType::kTool;
      bool wordlike = one_word && letters && !inner_capital;
      n.common_word = software_or_actor && wordlike && words.count(key) > 0;
      n.proper_noun = n.type == EntityType::kLocation || n.type == EntityType::kOrganization ||
                      (software_or_actor && wordlike && is_upper(spelling[0]));
      tables->names.push_back(std::move(n));
    }
    Name& n = tables->names[it->second];
    if (spelling != n.text &&
        std::find(n.recased.begin(), n.recased.end(), spelling) == n.recased.end())
      n.recased.push_back(spelling);
    if (std::find(n.entities.begin(), n.entities.end(), entity) == n.entities.end())
      n.entities.push_back(entity);
  };
  // A sub-technique's short name of ordinary words ("Malware", "Social
  // Media", "Multi-Factor Authentication") means nothing without its
  // parent's name.
  auto generic = [&](const Entity& e, const std::string& name) {
    if (e.type != EntityType::kAttackPattern || e.parent.empty() ||
        name.find(':') != std::string::npos)
      return false;
    size_t start = 0;
    while (start < name.size()) {
      size_t end = name.find_first_of(" -", start);
      std::string word =
          lowercase(name.substr(start, end == std::string::npos ? std::string::npos : end - start));
      if (!words.count(word) &&
          !(word.size() > 1 && word.back() == 's' && words.count(word.substr(0, word.size() - 1))))
        return false;
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return true;
  };
  for (uint32_t i = 0; i < entities.size(); ++i) {
    const Entity& e = entities[i];
    if (!recognised(e)) continue;
    for (const Alias& a : e.aliases) {
      if (!trusted(a) || generic(e, a.name)) continue;
      if (e.type == EntityType::kAttackPattern && a.name.size() <= 3) continue;  // "DLL"
      for (const std::string& v : variants(a.name, e.category == "ransomware"))
        add(v, i, name_confidence(e.type), "name");
    }
    if (auto attack = e.ids.find("attack"); attack != e.ids.end())
      for (const std::string& id : attack->second) add(id, i, kCalibrated.attack_id, "ATT&CK id");
  }
  for (const TechniquePhrase& p : technique_phrases()) {
    const Entity* technique = kb.find(p.technique);
    if (!technique) continue;
    auto index = static_cast<uint32_t>(technique - entities.data());
    for (const std::string& spelling : phrase_spellings(p.text)) {
      // A phrasing that is already a name ("cmd.exe" is a tool, "Phishing"
      // a technique's own name) keeps that meaning; one that another row
      // spells too is read by the first row whose context holds.
      if (auto known = by_key.find(lowercase(spelling)); known != by_key.end()) {
        Name& n = tables->names[known->second];
        if (!n.phrases.empty()) n.phrases.emplace_back(&p, index);
        n.phrase_context = n.phrase_context || (!n.phrases.empty() && has_context(p));
        continue;
      }
      add(spelling, index, kCalibrated.phrasing, "common phrasing of the technique");
      tables->names.back().phrases.emplace_back(&p, index);
      tables->names.back().phrase_context = has_context(p);
    }
  }
  // Order each name's entities as the knowledge base ranks them (best first).
  for (Name& n : tables->names) {
    if (n.entities.size() < 2) continue;
    std::vector<uint32_t> ranked;
    for (const Match& m : kb.lookup(n.text)) {
      auto index = static_cast<uint32_t>(m.entity - entities.data());
      if (std::find(n.entities.begin(), n.entities.end(), index) != n.entities.end() &&
          std::find(ranked.begin(), ranked.end(), index) == ranked.end())
        ranked.push_back(index);
    }
    for (uint32_t e : n.entities)
      if (std::find(ranked.begin(), ranked.end(), e) == ranked.end()) ranked.push_back(e);
    if (std::all_of(ranked.begin(), ranked.end(),
                    [&](uint32_t e) { return is_actor_or_software(entities[e].type); }))
      std::stable_sort(ranked.begin(), ranked.end(), [&](uint32_t a, uint32_t b) {
        return reading_rank(entities[a], n.text) < reading_rank(entities[b], n.text);
      });
    // An ordinary word that is also a place or a vendor ("Russian" is a
    // demonym and, in one catalogue, a ransomware) means the place.
    if (n.common_word) {
      std::stable_partition(ranked.begin(), ranked.end(),
                            [&](uint32_t e) { return !is_actor_or_software(entities[e].type); });
      const Entity& first = entities[ranked.front()];
      if (!is_actor_or_software(first.type)) {
        n.type = first.type;
        n.common_word = false;
        n.proper_noun = true;
      }
    }
    n.entities = std::move(ranked);
  }
  for (Name& n : tables->names) {
    n.first_named = name_key(entities[n.entities.front()].name) == name_key(n.text);
    n.ransomware = entities[n.entities.front()].category == "ransomware";
    // Analysts write tools the way they type them ("rclone", "mimikatz"); an
    // ordinary word ("chisel", "sliver", "responder") stays a word in lower
    // case, and so does a short name ("reg", "arp" are pieces of words).
    n.lowercase_tool = n.type == EntityType::kTool && n.proper_noun && !n.common_word &&
                       n.text.size() >= 5 && !derived_word(lowercase(n.text), words);
  }
  std::vector<text::Pattern> patterns;
  patterns.reserve(tables->names.size());
  // Ordinary words and the names of places, organisations and programs are
  // matched case-sensitively, as spelt, as the sources spell them otherwise
  // with a capital, and (one word) capitalised: lowercase "play" or
  // "government" never reaches the rules, which keeps the scan fast. Actors'
  // other names are matched in any case ("SideWinder" for ATT&CK's
  // "Sidewinder"), then must start with a capital.
  for (size_t i = 0; i < tables->names.size(); ++i) {
    const Name& n = tables->names[i];
    // A phrasing with an acronym ("RDP", "MFA push") is written in capitals.
    bool acronym =
        !n.phrases.empty() && std::adjacent_find(n.text.begin(), n.text.end(), [](char a, char b) {
                                return is_upper(a) && is_upper(b);
                              }) != n.text.end();
    if (acronym) {
      patterns.push_back({n.text, false, static_cast<unsigned>(i), true});
      continue;
    }
    bool exact = n.common_word || (n.proper_noun && n.type != EntityType::kIntrusionSet);
    if (!exact) {
      patterns.push_back({n.text, true, static_cast<unsigned>(i), true});
      continue;
    }
    std::vector<std::string> spellings{n.text};
    for (const std::string& spelling : n.recased)
      if (is_upper(spelling[0])) spellings.push_back(spelling);
    if (n.lowercase_tool) spellings.push_back(lowercase(n.text));
    if (n.text.find(' ') == std::string::npos) {
      std::string capitalised = lowercase(n.text);
      capitalised[0] = static_cast<char>(capitalised[0] -
                                         ('a' <= capitalised[0] && capitalised[0] <= 'z' ? 32 : 0));
      spellings.push_back(capitalised);
    }
    std::sort(spellings.begin(), spellings.end());
    spellings.erase(std::unique(spellings.begin(), spellings.end()), spellings.end());
    for (const std::string& spelling : spellings)
      patterns.push_back({spelling, false, static_cast<unsigned>(i), true});
  }
  // The security vocabulary rides in the same scan, with ids after the names.
  for (size_t k = 0; k < kSecurityStems.size(); ++k)
    patterns.push_back({std::string(kSecurityStems[k]), true,
                        static_cast<unsigned>(tables->names.size() + k), true});
  auto set = text::PatternSet::compile(patterns, /*report_start=*/false);
  if (!set.ok()) return set.error();
  tables->set = std::move(set).value();
  return EntityMatcher(kb, std::move(tables));
}

std::vector<Mention> EntityMatcher::match(std::string_view text) const {
  const auto& names = tables_->names;
  const auto& entities = kb_->entities();
  // Whole words only; the longest name wins where names overlap.
  std::vector<Hit> hits;
  std::vector<uint64_t> vocabulary;  // ends of security words, in order
  hits.reserve(text.size() / 64);
  vocabulary.reserve(text.size() / 128);
  tables_->set->scan(text, [&](const text::PatternMatch& m) {
    if (m.id >= names.size()) {
      // Stems match inside words ("spearphishing"), but a short one only at
      // a word's start: "apt" is no "chapter".
      std::string_view stem = kSecurityStems[m.id - names.size()];
      size_t start = m.to - stem.size();
      if (stem.size() > 3 || start == 0 || !is_alnum(text[start - 1])) vocabulary.push_back(m.to);
      return;
    }
    const Name& n = names[m.id];
    size_t from = m.to - n.text.size();
    bool ascii_edges = static_cast<unsigned char>(n.text.front()) < 0x80 &&
                       static_cast<unsigned char>(n.text.back()) < 0x80;
    if (ascii_edges &&
        ((from > 0 && is_alnum(text[from - 1])) || (m.to < text.size() && is_alnum(text[m.to]))))
      return;
    // A name that needs a capital, written without one, is no name here
    // ("china", "silence"); nor is "Us" or "uk".
    bool lowercase = false;
    if ((n.common_word || n.proper_noun) && !is_upper(text[from])) {
      if (!n.lowercase_tool) return;
      lowercase = true;
    }
    if (n.text.size() == 2 && text.substr(from, 2) != n.text) return;
    hits.push_back({m.id, from, m.to, lowercase});
  });
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.from != b.from ? a.from < b.from : a.to > b.to;
  });
  std::vector<Hit> kept;
  kept.reserve(hits.size());
  for (const Hit& h : hits)
    if (kept.empty() || h.from >= kept.back().to) kept.push_back(h);

  // Context first pass: which entities are named without doubt, to settle
  // ambiguous names by what they are related to.
  // (Built only when a text has an ambiguous name.)
  std::unordered_set<std::string_view> sure;
  bool sure_built = false;
  auto build_sure = [&] {
    if (sure_built) return;
    sure_built = true;
    for (const Hit& h : kept)
      if (names[h.name].entities.size() == 1 && !names[h.name].common_word)
        sure.insert(entities[names[h.name].entities[0]].id);
  };

  // An ambiguous name's entity as the rest of the text settles it: one the
  // text also names for sure, else one related to such an entity; with the
  // reason, or nullptr when the text does not settle it.
  std::unordered_map<uint32_t, std::pair<uint32_t, const char*>> by_context;  // by name
  auto choose_by_context = [&](const Name& n, uint32_t first) -> std::pair<uint32_t, const char*> {
    build_sure();
    for (uint32_t c : n.entities)
      if (sure.count(entities[c].id))
        return {c, "ambiguous name, chosen as an entity the text also names"};
    for (uint32_t c : n.entities) {
      bool related = false;
      for (const Relation* r : kb_->relations_from(entities[c].id))
        related = related || sure.count(r->to);
      for (const Relation* r : kb_->relations_to(entities[c].id))
        related = related || sure.count(r->from);
      if (related) return {c, "ambiguous name, chosen by related entities in the text"};
    }
    return {first, nullptr};
  };

  std::vector<Mention> mentions;
  std::vector<uint32_t> mentioned;  // the entity index of each mention (few: searched in order)
  // Whether a sentence speaks of attacks: a security word ends inside it.
  auto speaks_of_attacks = [&](Span sentence) {
    auto it = std::upper_bound(vocabulary.begin(), vocabulary.end(), sentence.start);
    return it != vocabulary.end() && *it <= sentence.end;
  };
  // Whether an actor, a technique or a program of several words is named
  // in `within` beside the hit `h` (a neighbour in `kept`, which is in text
  // order). One-word programs do not vouch for each other.
  auto finding_beside = [&](const Hit& h, Span within) {
    auto counts = [&](const Hit& other) {
      const Name& o = names[other.name];
      bool one_word = o.text.find_first_of(" -0123456789") == std::string::npos;
      return !other.lowercase &&
             (o.type == EntityType::kIntrusionSet || o.type == EntityType::kAttackPattern ||
              (is_actor_or_software(o.type) && !one_word));
    };
    size_t at = static_cast<size_t>(&h - kept.data());
    for (size_t i = at; i-- > 0 && kept[i].from >= within.start;)
      if (counts(kept[i])) return true;
    for (size_t i = at + 1; i < kept.size() && kept[i].to <= within.end; ++i)
      if (counts(kept[i])) return true;
    return false;
  };
  std::array<char, 64> buffer;  // for the cue windows before a name
  Span sentence{1, 0};          // the sentence of the last hit (none yet)
  std::string folded;           // a sentence in lower case, for phrasings with context
  Span folded_sentence{1, 0};
  for (const Hit& h : kept) {
    const Name& n = names[h.name];
    std::string_view written = text.substr(h.from, h.to - h.from);
    // Several names often share a sentence: find it once, and only for a
    // name whose reading depends on what the sentence speaks of (the cue
    // words next to a place or a vendor stop at punctuation by themselves).
    bool needs_sentence =
        is_actor_or_software(n.type) || n.type == EntityType::kSector || n.phrase_context;
    if (needs_sentence && !(h.from >= sentence.start && h.from < sentence.end))
      sentence = text::sentence_around(text, h.from);
    Span limits = needs_sentence ? sentence : Span{0, text.size()};
    // The words around a name decide its reading; a technique needs none.
    // (Built in place: a Words is a few hundred bytes, copied for every name found.)
    bool worded = n.type != EntityType::kAttackPattern && n.type != EntityType::kVulnerability;
    Words after = worded ? words_after(text, h.to, 3, limits.end) : Words();
    Words before = worded ? words_before(text, h.from, 3, limits.start) : Words();
    double confidence = n.confidence;
    // Every reason is a literal: kept as pointers until a mention is made.
    Reasons reasons(n.reason);
    uint32_t read_as = n.entities.front();  // a phrasing: the technique its fitting row reads
    if (!n.phrases.empty()) {
      if (n.phrase_context && folded_sentence.start != sentence.start) {
        folded.assign(text.substr(sentence.start, sentence.end - sentence.start));
        for (char& c : folded) c = ascii_lower(c);  // in place: the buffer is reused
        folded_sentence = sentence;
      }
      auto fit = std::find_if(n.phrases.begin(), n.phrases.end(), [&](const auto& reading) {
        return phrase_fits(*reading.first, text, folded, h.to);
      });
      if (fit == n.phrases.end()) continue;
      read_as = fit->second;
    }
    bool wordlike = n.text.find_first_of(" -0123456789") == std::string::npos;
    bool ransomware = n.ransomware;
    bool actor_cue = false, software_cue = false;
    if (is_actor_or_software(n.type)) {
      actor_cue =
          any_in(after, kActorCues) || any_in(before, kActorCues) || any_in(before, kAliasCues);
      software_cue = any_in(after, kSoftwareCues) || any_in(before, kSoftwareCues);
      // A ransomware brand is also its gang's name ("the Royal gang"); a
      // name both an actor and a program ("Carbanak") takes either cue.
      bool actor = std::any_of(n.entities.begin(), n.entities.end(), [&](uint32_t e) {
        return entities[e].type == EntityType::kIntrusionSet;
      });
      bool program = std::any_of(n.entities.begin(), n.entities.end(), [&](uint32_t e) {
        return entities[e].type != EntityType::kIntrusionSet;
      });
      bool gang = ransomware && any_in(after, kGangCues);
      bool cue = (actor && actor_cue) || (program && software_cue) || gang;
      bool security = speaks_of_attacks(sentence);
      // An ordinary word ("Silence", "Raccoon") needs both; a one-word name
      // ("Sandworm") one of them: the Dune review has neither. For a
      // distinctive name the next sentence may say it ("A different
      // SideWinder is busy. The espionage group …").
      if (n.common_word && !(cue && security)) continue;
      if (h.lowercase) {
        // A tool written in lower case ("ran rclone"): a cue beside it, a
        // sentence about attacks, or another finding in the sentence.
        bool tool_cue = software_cue || any_in(after, kToolCues) || any_in(before, kToolCues);
        if (!tool_cue && !security && !finding_beside(h, sentence)) continue;
        reasons.push_back("tool name in lower case, beside a cue or other findings");
      } else if (wordlike && !n.common_word && !cue && !security &&
                 !speaks_of_attacks(next_sentence(text, sentence)) &&
                 !finding_beside(h, sentence)) {
        continue;
      }
      if (n.common_word) {
        confidence = std::min(confidence, kCalibrated.ordinary_word);
        reasons.push_back("ordinary word, taken as a name beside a cue in a security context");
      }
    }
    if (n.type == EntityType::kSector && wordlike && !any_in(after, kSectorCues) &&
        !any_in(before, kSectorCues)) {
      // A bare one-word sector counts as a target only after a victim cue
      // ("targeting healthcare", "attacks on banks").
      bool victim = any_cue_in(folded_before(text, h.from, 60, buffer), kVictimBefore);
      if (!victim && (!victim_word(written, before) ||
                      (!speaks_of_attacks(sentence) &&
                       !heads_sector_list(words_after(text, h.to, 8, sentence.end)))))
        continue;
      confidence = std::min(confidence, kCalibrated.bare_sector);
      reasons.push_back("one-word sector, read as a victim from its sentence");
    }
    // "government-backed", "state-sponsored": an adjective, not a sector.
    if (n.type == EntityType::kSector && h.to + 1 < text.size() && text[h.to] == '-' &&
        is_alnum(text[h.to + 1]))
      continue;
    // A capitalised sector word inside a sentence is part of a name
    // ("European Central Bank", "Caesars Entertainment").
    if (n.type == EntityType::kSector && is_upper(written[0]) && !before.empty()) continue;
    // Ambiguous names: prefer the entity the cue words call for ("Carbanak
    // backdoor"), one the text also names for sure, then one related to
    // those.
    uint32_t chosen = read_as;
    double ambiguity_cap = kCalibrated.ambiguous_first;
    if (n.entities.size() > 1 && actor_cue != software_cue && !ransomware) {
      for (uint32_t candidate : n.entities)
        if ((entities[candidate].type == EntityType::kIntrusionSet) == actor_cue) {
          if (candidate != chosen) {
            reasons.push_back("ambiguous name, chosen by the cue word beside it");
            ambiguity_cap = kCalibrated.ambiguous_by_cue;
          }
          chosen = candidate;
          break;
        }
    }
    // A name that is the chosen entry's own canonical name (case aside)
    // means that entry.
    auto names_it = [&](uint32_t e) {
      return e == n.entities.front() ? n.first_named
                                     : name_key(entities[e].name) == name_key(n.text);
    };
    bool own_name = n.entities.size() < 2 || names_it(chosen);
    if (!own_name && reasons.size() == 1 && is_actor_or_software(n.type)) {
      // The text decides the same way for every place the name is written.
      auto [it, fresh] = by_context.try_emplace(h.name, chosen, nullptr);
      if (fresh) it->second = choose_by_context(n, chosen);
      chosen = it->second.first;
      if (it->second.second) {
        reasons.push_back(it->second.second);
        ambiguity_cap = kCalibrated.ambiguous_by_text;
      }
    }
    if (!own_name && !names_it(chosen) && is_actor_or_software(n.type)) {
      confidence = std::min(confidence, ambiguity_cap);
      if (ambiguity_cap == kCalibrated.ambiguous_first)
        reasons.push_back("ambiguous name, the knowledge base's first entry");
    }
    const Entity& e = entities[chosen];
    std::string role;
    if (e.type == EntityType::kLocation) {
      role = place_role(text, h.from, after, buffer);
      // A text without one word of security vocabulary (sport, markets,
      // science) is about something else: its places are not findings.
      if (role == "location" && vocabulary.empty()) continue;
      if (role == "location") {
        confidence = std::min(confidence, kCalibrated.mere_place);
        reasons.push_back("a place, neither sponsor nor victim");
      }
    } else if (e.type == EntityType::kOrganization) {
      role = vendor_role(text, h.from, after, buffer);
    }
    size_t at = static_cast<size_t>(std::find(mentioned.begin(), mentioned.end(), chosen) -
                                    mentioned.begin());
    if (at == mentions.size()) {
      mentioned.push_back(chosen);
      Mention m;
      m.type = std::string(type_name(e.type));
      m.id = e.id;
      m.name = e.name;
      m.alias = std::string(written);
      m.role = role;
      m.confidence = confidence;
      m.reasons.assign(reasons.begin(), reasons.end());
      mentions.push_back(std::move(m));
    }
    Mention& m = mentions[at];
    ++m.count;
    if (m.spans.size() < 64) m.spans.push_back({h.from, h.to});
    m.confidence = std::max(m.confidence, confidence);
    // The strongest role seen: sponsor, then victim, then a mere location.
    auto rank = [](const std::string& r) {
      return r == "sponsor" || r == "reporter" ? 3 : r == "victim" ? 2 : r.empty() ? 0 : 1;
    };
    if (rank(role) > rank(m.role)) m.role = role;
  }
  return mentions;
}

}  // namespace osprey::kb
