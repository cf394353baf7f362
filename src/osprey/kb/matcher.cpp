#include "osprey/kb/matcher.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <optional>
#include <span>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "osprey/kb/names.h"
#include "osprey/kb/technique_phrases.h"
#include "osprey/text/ascii.h"
#include "osprey/text/pattern_set.h"
#include "osprey/text/sentences.h"

namespace osprey::kb {

// A row of the technique phrasings as the matcher reads it: the technique
// (index into kb.entities()) and the row's context stems, as indexes into
// Tables::stems, so that each stem is looked for once per sentence.
struct PhraseReading {
  uint32_t technique;
  std::vector<uint16_t> needs, also, unless;
  std::vector<std::string> next;  // TechniquePhrase::next, its {a|b} groups expanded, lower case
};

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
  // A phrasing of techniques: each row that spells it, in table order.
  std::vector<PhraseReading> phrases;
  bool phrase_context = false;       // some row of `phrases` has context rules
  bool only_before_objects = false;  // every row of `phrases` takes an object next
  size_t verb_size = 0;     // `text` is a row's text (this many bytes) and its object's first word
  std::vector<bool> named;  // per entity of `entities`: `text` is its canonical name (case aside)
  // An actor's or a program's name that several entities claim: per entity,
  // the entities the knowledge base relates to it (either way), sorted.
  std::vector<std::vector<uint32_t>> related;
  bool ransomware = false;      // the first entity is a ransomware brand
  bool lowercase_tool = false;  // a tool's capitalised name, also matched all in lower case
                                // ("rclone", "mimikatz"), then only with evidence beside it
};

struct EntityMatcher::Tables {
  std::vector<Name> names;              // pattern id = index
  std::vector<std::string_view> stems;  // the phrasings' context stems, each once
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
bool is_alpha(char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}
std::string lowercase(std::string_view s) {
  return text::ascii_lowercase(s);
}

// The lists of cue words (below) a word belongs to, as bits: a word beside
// a name is looked up once, whatever lists its reading asks about.
enum Cue : uint16_t {
  kActorCue = 1 << 0,         // "group", "actor", "APT" …: an actor's name
  kSoftwareCue = 1 << 1,      // "malware", "backdoor" …: a program's name
  kGangCue = 1 << 2,          // "gang", "affiliates" … after a ransomware brand
  kAliasCue = 1 << 3,         // "tracked", "dubbed" …: other names follow
  kSponsorCue = 1 << 4,       // "hackers", "state-sponsored" … after a country
  kReporterCue = 1 << 5,      // "said", "found" … after a vendor
  kSectorHead = 1 << 6,       // "company", "firms" … after a one-word sector
  kVictimSectorCue = 1 << 7,  // "hospitals", "banks" …: sectors named as victims
  kToolCue = 1 << 8,          // "utility", "ran" … beside a tool in lower case
  kPhraseWord = 1 << 9,       // "of", "the", "were" …: words that are no noun of a phrase
  kListWord = 1 << 10,        // "and", "including", "several" …: words inside a list
  kIntroWord = 1 << 11,       // "including", "like" …: words that open a list
  kSectorAsset = 1 << 12,     // "staff", "websites" … after a one-word sector
};
// FNV-1a, for the cue table: a word beside a name is hashed as it is
// lowered, byte by byte.
constexpr uint32_t kFnvBasis = 2166136261u;
constexpr uint32_t fnv_step(uint32_t hash, char c) {
  return (hash ^ static_cast<unsigned char>(c)) * 16777619u;
}
uint16_t cues_of(std::string_view lowercase_word, uint32_t hash);

// A word of the text in lower case, held inline, with its cue bits: the
// words around every name found are read, and allocating for each would
// cost more than the scan. A word too long for the buffer becomes "#",
// which no cue is.
class Word {
 public:
  Word() = default;
  explicit Word(std::string_view s) {
    if (s.size() > sizeof buf_) s = "#";
    uint32_t hash = kFnvBasis;
    for (size_t i = 0; i < s.size(); ++i) hash = fnv_step(hash, buf_[i] = ascii_lower(s[i]));
    size_ = static_cast<uint8_t>(s.size());
    cues_ = cues_of(*this, hash);
  }
  operator std::string_view() const { return {buf_, size_}; }
  bool operator==(std::string_view other) const { return std::string_view(*this) == other; }
  bool is(uint16_t cues) const { return (cues_ & cues) != 0; }
  uint16_t cues() const { return cues_; }

 private:
  char buf_[24];  // the first size_ bytes (not zeroed: a Words is made for every name found)
  uint8_t size_ = 0;
  uint16_t cues_ = 0;
};

// Up to eight words beside a name, nearest first.
class Words {
 public:
  void push_back(std::string_view word) {
    if (size_ == items_.size()) return;
    items_[size_] = Word(word);
    cues_ |= items_[size_++].cues();
  }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const Word& operator[](size_t i) const { return items_[i]; }
  const Word* begin() const { return items_.data(); }
  const Word* end() const { return items_.data() + size_; }
  // Whether one of the words is a cue of `cues` (Cue bits).
  bool any(uint16_t cues) const { return (cues_ & cues) != 0; }

 private:
  std::array<Word, 8> items_;
  size_t size_ = 0;
  uint16_t cues_ = 0;  // of all the words
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
  double sector_head = 0.9;         // a one-word sector heading organisations ("energy firms")
                                    // (0.98 right, but 3 of 4 held out)
  double sector_listed = 0.9;       // … in a list of sectors (dev: 10 of 10)
  double bare_sector = 0.85;        // … read as a victim from its sentence (1.0 on the 130
                                    // passages it was tuned on, 7 of 7 held out; the rule of
                                    // the round before was 0.74 right)
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
constexpr std::string_view kActorCues[] = {
    "group",     "groups",    "actor",     "actors",    "apt",     "hackers",  "hacking",
    "gang",      "crew",      "operators", "team",      "threat",  "campaign", "campaigns",
    "intrusion", "espionage", "attackers", "adversary", "cluster", "unit",     "operation"};
constexpr std::string_view kSoftwareCues[] = {
    "malware", "ransomware",  "backdoor",  "trojan", "rat",     "loader",  "stealer",
    "botnet",  "implant",     "worm",      "wiper",  "spyware", "dropper", "variant",
    "payload", "infostealer", "framework", "beacon", "strain",  "family",  "toolkit"};
// Words after a ransomware brand that make it its gang's name ("the Royal gang").
constexpr std::string_view kGangCues[] = {"gang",      "gangs",      "group", "crew",
                                          "operators", "affiliates", "cartel"};
// Words that introduce other names of an actor ("tracked as Thallium").
constexpr std::string_view kAliasCues[] = {"names", "name",    "tracked", "dubbed", "aka",
                                           "alias", "aliases", "called",  "known",  "also"};
constexpr std::string_view kSponsorCues[] = {"group",
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
constexpr std::string_view kSponsorBefore[] = {"linked to",     "backed by",    "sponsored by",
                                               "attributed to", "on behalf of", "tied to",
                                               "working for",   "directed by"};
constexpr std::string_view kVictimBefore[] = {
    "targeting",   "targeted",         "targets",     "against",       "attacks on",  "attack on",
    "victims in",  "organizations in", "entities in", "breached",      "compromised", "in the",
    "agencies in", "companies in",     "networks in", "intrusions at", "impacting"};
constexpr std::string_view kReporterAfter[] = {
    "said",       "says",      "reported",   "reports",  "researchers", "found",
    "observed",   "published", "wrote",      "assessed", "tracks",      "attributed",
    "warned",     "noted",     "discovered", "analysts", "disclosed",   "detailed",
    "identified", "linked",    "believes",   "told",     "announced"};

// Stems of security vocabulary: a sentence holding one speaks of attacks.
constexpr std::array<std::string_view, 41> kSecurityStems = {"malware",
                                                             "ransomware",
                                                             "hacker",
                                                             "hacking",
                                                             "threat",
                                                             "phish",
                                                             "vulnerab",
                                                             "exploit",
                                                             "breach",
                                                             "cyber",
                                                             "attack",
                                                             "backdoor",
                                                             "espionage",
                                                             "intrusion",
                                                             "compromis",
                                                             "infect",
                                                             "stole",
                                                             "theft",
                                                             "campaign",
                                                             "target",
                                                             "spyware",
                                                             "trojan",
                                                             "botnet",
                                                             "command-and-control",
                                                             "leak site",
                                                             "extortion",
                                                             "encrypt",
                                                             "payload",
                                                             "implant",
                                                             "stealer",
                                                             "wiper",
                                                             "sanction",
                                                             "indict",
                                                             "takedown",
                                                             "seized",
                                                             "apt",
                                                             "c2 ",
                                                             "operators",
                                                             "steal",
                                                             "ddos",
                                                             "denial-of-service"};

// One-word sectors that, in a sentence about attacks, name victims even
// without a cue beside them ("… hit hospitals and universities", "infected
// a regional hospital"). Not "miners": in security news they are mostly
// cryptocurrency miners.
constexpr std::string_view kVictimSectorWords[] = {
    "government",   "governments",    "healthcare",    "hospitals",
    "banks",        "universities",   "academics",     "academia",
    "education",    "energy",         "defence",       "defense",
    "aerospace",    "maritime",       "telecoms",      "telecommunications",
    "retailers",    "manufacturers",  "manufacturing", "journalists",
    "diplomats",    "activists",      "hospitality",   "pharmaceuticals",
    "insurers",     "casinos",        "airlines",      "logistics",
    "shipping",     "transportation", "utilities",     "ngos",
    "dissidents",   "lawyers",        "think-tanks",   "schools",
    "hotels",       "restaurants",    "pharmacies",    "water",
    "courts",       "hospital",       "hotel",         "bank",
    "casino",       "university",     "pharmacy",      "retailer",
    "manufacturer", "insurer"};

// Nouns a one-word sector modifies when it names organisations of its kind
// ("a logistics company", "small IT firms", "a hospital group"); they also
// close a list of sectors ("government, energy and defence organisations")
// or open one ("sectors including …", "victims include …").
constexpr std::string_view kSectorHeads[] = {
    "company",      "companies",  "firm",         "firms",         "operator",     "operators",
    "provider",     "providers",  "organisation", "organisations", "organization", "organizations",
    "agency",       "agencies",   "institution",  "institutions",  "entity",       "entities",
    "sector",       "sectors",    "industry",     "industries",    "utility",      "utilities",
    "chain",        "chains",     "group",        "groups",        "network",      "networks",
    "business",     "businesses", "body",         "bodies",        "facility",     "facilities",
    "giant",        "giants",     "practice",     "practices",     "offices",      "outlets",
    "departments",  "ministry",   "ministries",   "supplier",      "suppliers",    "distributor",
    "distributors", "producer",   "producers",    "maker",         "makers",       "targets",
    "victims"};

// Nouns for the people, the customers and the systems of such organisations
// ("hotel staff", "aerospace engineers", "bank customers", "government
// websites", "the US healthcare system"). Some sectors are also every
// organisation's own department ("IT staff", "IT help desks", "finance
// staff"): those count beside kSectorHeads only.
constexpr std::string_view kSectorAssets[] = {
    "staff",     "employees", "workers", "engineers", "researchers",  "personnel",
    "customers", "clients",   "system",  "systems",   "workstations", "computers",
    "websites",  "sites",     "portals", "servers"};
constexpr std::string_view kDepartmentWords[] = {"it",          "finance",   "accounting", "legal",
                                                 "engineering", "marketing", "security"};

// One-word sectors that name the state's own services in security news
// ("Russia's GRU military intelligence agency", "the Russian military
// intelligence group"): they read as victims after a victim cue or in a
// list only, never from a head noun beside them.
constexpr std::string_view kSponsorSectorWords[] = {"intelligence"};

// Words that end a noun phrase or stand outside one: after a one-word sector
// they show that it is no modifier of another noun ("banks in Brazil",
// "hospitals were hit"), before it they govern its phrase.
constexpr std::string_view kPhraseWords[] = {
    "a",        "an",      "the",     "and",     "or",      "but",       "nor",        "of",
    "in",       "on",      "at",      "to",      "for",     "from",      "by",         "with",
    "without",  "into",    "inside",  "within",  "across",  "around",    "throughout", "through",
    "over",     "under",   "among",   "between", "against", "as",        "than",       "that",
    "which",    "who",     "whose",   "where",   "when",    "while",     "since",      "after",
    "before",   "during",  "until",   "via",     "per",     "about",     "is",         "are",
    "was",      "were",    "be",      "been",    "being",   "has",       "have",       "had",
    "do",       "does",    "did",     "could",   "would",   "will",      "can",        "may",
    "might",    "must",    "should",  "not",     "also",    "only",      "still",      "even",
    "so",       "then",    "there",   "their",   "its",     "they",      "it",         "this",
    "these",    "those",   "all",     "both",    "each",    "every",     "some",       "any",
    "many",     "several", "most",    "more",    "other",   "including", "include",    "included",
    "includes", "such",    "like",    "said",    "says",    "say",       "told",       "lost",
    "paid",     "saw",     "took",    "got",     "hit",     "began",     "ran",        "kept",
    "left",     "remain",  "remains", "face",    "faces",   "alike",     "worldwide",  "globally",
    "abroad",   "too"};

// Words that may stand between two sectors of one list besides commas
// ("water and wastewater, healthcare, … critical manufacturing", "from
// hospitals to manufacturers", "a hotel chain and several retailers").
constexpr std::string_view kListWords[] = {
    "and",      "or",       "as",       "well",    "to",    "including", "such",    "plus",
    "other",    "also",     "critical", "several", "many",  "some",      "various", "local",
    "national", "regional", "public",   "private", "small", "large",     "state",   "federal"};

// Words after a sector cue that open a list of sectors ("sectors included
// communications, energy …", "organisations in manufacturing and telecoms",
// "organisations, from hospitals to manufacturers").
constexpr std::string_view kIntroWords[] = {
    "including", "include", "included", "includes",   "spanning", "like",        "namely",
    "in",        "from",    "across",   "especially", "notably",  "particularly"};

// Words beside a tool's name written in lower case that say it is the
// program ("ran rclone", "the psexec utility"), besides the software cues.
constexpr std::string_view kToolCues[] = {
    "tool",  "tools",     "utility",  "utilities", "binary", "binaries",
    "using", "used",      "via",      "ran",       "run",    "running",
    "with",  "installed", "deployed", "dropped",   "copy",   "executable"};

// The cue bits of every cue word, in an open-addressed table of FNV
// hashes (1024 slots for about 390 words: probes stay short).
class CueTable {
 public:
  void add(std::span<const std::string_view> words, uint16_t cue) {
    for (std::string_view w : words) {
      uint32_t hash = kFnvBasis;
      for (char c : w) hash = fnv_step(hash, c);
      Slot& slot = slots_[find(w, hash)];
      slot.word = w;
      slot.cues |= cue;
    }
  }
  uint16_t cues(std::string_view word, uint32_t hash) const {
    return slots_[find(word, hash)].cues;
  }

 private:
  struct Slot {
    std::string_view word;  // empty: free
    uint16_t cues = 0;
  };
  // The index of the word's slot, or of the free slot where it would go.
  size_t find(std::string_view word, uint32_t hash) const {
    for (size_t i = hash % slots_.size();; i = (i + 1) % slots_.size())
      if (slots_[i].word.empty() || slots_[i].word == word) return i;
  }
  std::array<Slot, 1024> slots_{};
};

uint16_t cues_of(std::string_view lowercase_word, uint32_t hash) {
  static const CueTable table = [] {
    CueTable t;
    auto add = [&t](std::span<const std::string_view> words, uint16_t cue) { t.add(words, cue); };
    add(kActorCues, kActorCue);
    add(kSoftwareCues, kSoftwareCue);
    add(kGangCues, kGangCue);
    add(kAliasCues, kAliasCue);
    add(kSponsorCues, kSponsorCue);
    add(kReporterAfter, kReporterCue);
    add(kVictimSectorWords, kVictimSectorCue);
    add(kToolCues, kToolCue);
    add(kSectorHeads, kSectorHead);
    add(kSectorAssets, kSectorAsset);
    add(kPhraseWords, kPhraseWord);
    add(kListWords, kListWord);
    add(kIntroWords, kIntroWord);
    return t;
  }();
  return lowercase_word.empty() ? 0 : table.cues(lowercase_word, hash);
}

// Articles and quantifiers inside a noun phrase ("a dozen", "several").
constexpr std::string_view kDeterminers[] = {"a",    "an",    "some", "several", "many",  "most",
                                             "more", "other", "all",  "both",    "each",  "every",
                                             "its",  "their", "this", "these",   "those", "dozen"};

// The word that governs the phrase a one-word sector ends: the index in
// `before` (nearest first) of the first phrase word past adjectives, names,
// numbers, articles and quantifiers ("for" in "recruiters for a well-known
// technology company", "the" in "the North Korean government"), or
// before.size() when there is none or a possessive ("the resort's hotel")
// opens the phrase.
size_t governor(const Words& before) {
  for (size_t i = 0; i < before.size(); ++i) {
    std::string_view w = before[i];
    if (w == "s" || w.ends_with("\xE2\x80\x99s")) return before.size();  // "resort's", "resort’s"
    if (!before[i].is(kPhraseWord)) continue;
    if (std::find(std::begin(kDeterminers), std::end(kDeterminers), w) != std::end(kDeterminers))
      continue;
    return i;
  }
  return before.size();
}

// Stems of the verbs of an actor that plays a part ("posing as journalists").
constexpr std::string_view kPosingStems[] = {"pose",      "posing",  "pretend",
                                             "masquerad", "disguis", "impersonat"};

// Stems that make a sector named after "from" a victim rather than a source
// ("stole trade secrets from universities").
constexpr std::string_view kTheftStems[] = {"stole",     "steal", "theft",
                                            "exfiltrat", "took",  "taken"};

// Whether a one-word sector name is written as a victim: one of
// kVictimSectorWords, in a phrase governed by no word that makes it the
// state that acts ("the government said"), an agent ("by"), an employer
// ("for"), a part the actor plays ("posing as journalists"), or a source
// ("hard drives from a dozen manufacturers") unless something was taken
// from it (`theft`: a theft stem before it).
bool victim_word(std::string_view written, const Words& before, bool theft) {
  if (!Word(written).is(kVictimSectorCue)) return false;
  size_t at = governor(before);
  if (at == before.size()) return true;
  std::string_view by = before[at];
  if (by == "the" || by == "by" || by == "for") return false;
  if (by == "as" && at + 1 < before.size()) {
    std::string_view verb = before[at + 1];
    for (std::string_view stem : kPosingStems)
      if (verb.starts_with(stem)) return false;
  }
  return by != "from" || theft;
}

// What the word right after a one-word sector makes of it, when only spaces
// separate them: the head of its phrase ("a logistics company", "IT firms":
// kHead; "hotel staff": kAsset), another noun it modifies ("an accounting
// package", "a government official", "chemical elements": kModifies), or
// nothing (punctuation, a capitalised name, a phrase word, a verb: kNothing).
enum class Attached { kNothing, kHead, kAsset, kModifies };

Attached attached_word(std::string_view text, size_t to, size_t limit) {
  size_t i = to;
  while (i < limit && text[i] == ' ') ++i;
  if (i == to || i >= limit) return Attached::kNothing;
  size_t start = i;
  while (i < limit && (is_alpha(text[i]) || text[i] == '-')) ++i;
  if (i == start || is_upper(text[start])) return Attached::kNothing;
  std::string_view written = text.substr(start, i - start);
  Word word(written);
  if (word.is(kSectorHead)) return Attached::kHead;
  if (word.is(kSectorAsset)) return Attached::kAsset;
  if (word.is(kPhraseWord)) return Attached::kNothing;
  // "hospitals reported", "banks lending", "water only recently": a verb or an adverb.
  for (std::string_view ending : {"ed", "ing", "ly"})
    if (written.ends_with(ending)) return Attached::kNothing;
  return Attached::kModifies;
}

// Whether a one-word sector opens a list that a sector cue introduces
// ("sectors included communications, …", "organisations in manufacturing
// and telecoms", "sectors such as healthcare"). `before`: the words before
// it, nearest first.
bool introduced(const Words& before) {
  if (before.size() > 2 && before[0] == "as" && before[1] == "such")
    return before[2].is(kSectorHead);
  return before.size() > 1 && before[0].is(kIntroWord) && before[1].is(kSectorHead);
}

// Whether the text between two sectors joins them in one list: commas,
// "and", "or", "to", "including", a quantifier or an adjective of the list
// ("several", "critical"), and a head noun that ends the first ("media
// sites and public transport portals"); four words at most.
bool joins_sectors(std::string_view gap) {
  size_t words = 0;
  bool joined = false;
  for (size_t i = 0; i < gap.size();) {
    char c = gap[i];
    if (c == ' ') {
      ++i;
    } else if (c == ',' || c == '/' || c == '&') {
      joined = true;
      ++i;
    } else if (is_alpha(c)) {
      size_t start = i;
      while (i < gap.size() && (is_alpha(gap[i]) || gap[i] == '-')) ++i;
      if (!Word(gap.substr(start, i - start)).is(kListWord | kSectorHead | kSectorAsset) ||
          ++words > 4)
        return false;
      joined = true;
    } else {
      return false;
    }
  }
  return joined;
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

// A country's name that only MISP's target-information galaxy gives is its
// name in its own languages ("Orepublika yaNamibia", "Nihon-koku") or its
// formal English one ("Republic of Namibia"): only the English ones are
// written in the reporting Osprey reads, and each literal costs scan time.
bool english_state_name(const Entity& e, const Alias& a) {
  if (e.type != EntityType::kLocation ||
      !std::all_of(a.sources.begin(), a.sources.end(),
                   [](const std::string& s) { return s == "misp:target-information"; }))
    return true;
  if (!std::all_of(a.name.begin(), a.name.end(),
                   [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return false;
  for (std::string_view word : {"Republic", "Kingdom", "Federation", "Commonwealth", "State",
                                "Emirates", "Islands", "Sultanate", "Principality", "Union",
                                "Territory", "Federal", "Democratic", "Socialist", "Islamic"})
    if (a.name.find(word) != std::string::npos) return true;
  return false;
}

// Spellings analysts use for a name: "APT28" as "APT 28" and "APT-28";
// with `hyphenated`, a short name of plain words also with hyphens ("Fancy
// Bear" as "Fancy-Bear", "Pass the Hash" as "Pass-the-Hash"); with `joined`
// (ransomware), a name of two or three words of letters also as one
// capitalised word ("black suit" as "BlackSuit", the way gangs brand
// themselves).
std::vector<std::string> variants(const std::string& name, bool joined, bool hyphenated) {
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
  // Longer names and catalogue titles ("Indicator Removal: Network Share
  // Connection Removal", "Islamic State Hacking Division") are not written
  // with hyphens, and every literal costs scanning time.
  bool plain_words = std::all_of(name.begin(), name.end(),
                                 [](char c) { return text::is_ascii_alnum(c) || c == ' '; });
  if (hyphenated && plain_words && spaces >= 1 && spaces <= 3) {
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

// The sentence before `sentence`, or an empty span at the start of the text.
Span previous_sentence(std::string_view text, Span sentence) {
  size_t at = sentence.start;
  while (at > 0 && !is_alnum(text[at - 1])) --at;
  if (at == 0) return {0, 0};
  return text::sentence_around(text, at - 1);
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

// Whether a row's reading depends on its sentence's words (what follows
// it, `next`, is read without finding the sentence).
bool has_context(const TechniquePhrase& p) {
  return !p.needs.empty() || !p.unless.empty() || !p.also.empty();
}

// Whether one of `objects` (lower case, one or more words, sorted) is the
// next thing after `to` (past spaces), as whole words. Only the objects
// that start with the text's next word are compared: a row may spell
// hundreds.
bool followed_by(std::string_view text, size_t to, const std::vector<std::string>& objects) {
  const size_t limit = text.size();
  size_t at = to;
  while (at < limit && text[at] == ' ') ++at;
  char word[32];
  size_t size = 0;
  while (at + size < limit && size < sizeof word &&
         (is_alnum(text[at + size]) || text[at + size] == '-' || text[at + size] == '\''))
    word[size] = ascii_lower(text[at + size]), ++size;
  if (size == 0 || size == sizeof word) return false;
  std::string_view first(word, size);
  for (auto it = std::lower_bound(objects.begin(), objects.end(), first);
       it != objects.end() && std::string_view(*it).starts_with(first); ++it) {
    const std::string& object = *it;
    if (object.size() > size && object[size] != ' ') continue;  // a longer first word
    if (object.size() > limit - at) continue;
    size_t k = size;
    while (k < object.size() && ascii_lower(text[at + k]) == object[k]) ++k;
    if (k == object.size() && (at + k == limit || !is_alnum(text[at + k]))) return true;
  }
  return false;
}

// Whether a technique phrasing holds where it was found, ending at `to`:
// not a URL's scheme ("https://"), one of the objects it takes next, one of
// the stems it needs (and one of
// `also`) in its sentence, none it forbids. `has(stem)` tells whether the
// sentence holds a stem.
template <typename Has>
bool phrase_fits(const PhraseReading& p, std::string_view text, size_t to, Has&& has) {
  if (to + 1 < text.size() && text[to] == ':' && text[to + 1] == '/') return false;
  if (!p.next.empty() && !followed_by(text, to, p.next)) return false;
  auto any = [&](const std::vector<uint16_t>& stems) {
    return stems.empty() || std::any_of(stems.begin(), stems.end(), has);
  };
  return any(p.needs) && any(p.also) && std::none_of(p.unless.begin(), p.unless.end(), has);
}

// The up to `n` (≤ 64) bytes of `text` before `at` within its sentence, in
// lower case, held in `buffer`: the window where cues like "targeting" or
// "linked to" stand. The window stops after a line break or a semicolon,
// and after a full stop, question or exclamation mark that a space and a
// capital follow ("… breached SolarWinds. The DPRK denies it": no victim);
// "U.S. officials" does not end a sentence.
std::string_view folded_before(std::string_view text, size_t at, size_t n,
                               std::array<char, 64>& buffer) {
  n = std::min({n, at, buffer.size()});
  size_t from = at - n;
  for (size_t i = at; i-- > from;) {
    char c = text[i];
    bool ends = c == '\n' || c == ';';
    if ((c == '.' || c == '!' || c == '?') && i + 2 <= at && i + 2 < text.size() &&
        text[i + 1] == ' ')
      ends = is_upper(text[i + 2]) && !(i > 0 && is_upper(text[i - 1]) && c == '.');
    if (ends) {
      from = i + 1;
      break;
    }
  }
  n = at - from;
  for (size_t i = 0; i < n; ++i) buffer[i] = ascii_lower(text[from + i]);
  return {buffer.data(), n};
}

// Phrases looked for anywhere in a short lowercase window before a name
// ("linked to", "targeting"), filed by their first byte: the window is
// read once, not once per phrase.
class CuePhrases {
 public:
  explicit CuePhrases(std::span<const std::string_view> phrases) {
    for (std::string_view p : phrases) by_first_[static_cast<unsigned char>(p[0])].push_back(p);
  }
  bool in(std::string_view window) const {
    for (size_t i = 0; i < window.size(); ++i)
      for (std::string_view p : by_first_[static_cast<unsigned char>(window[i])]) {
        if (p.size() > window.size() - i) continue;
        size_t k = 1;  // the first byte matched: it filed the phrase
        while (k < p.size() && window[i + k] == p[k]) ++k;
        if (k == p.size()) return true;
      }
    return false;
  }

 private:
  std::array<std::vector<std::string_view>, 256> by_first_;
};

const CuePhrases& sponsor_before() {
  static const CuePhrases phrases(kSponsorBefore);
  return phrases;
}
const CuePhrases& victim_before() {
  static const CuePhrases phrases(kVictimBefore);
  return phrases;
}
// The victim cues before a sector: those before a country but "in the",
// which places a country ("victims in the United States") and says nothing
// of an industry ("in the event of a conflict, … intelligence").
const CuePhrases& sector_victim_before() {
  static const CuePhrases phrases = [] {
    std::vector<std::string_view> cues;
    for (std::string_view cue : kVictimBefore)
      if (cue != "in the") cues.push_back(cue);
    return CuePhrases(cues);
  }();
  return phrases;
}

// A country's role where it is named at `from`: "sponsor" after "linked to"
// … or before "group", "hackers" …; "victim" after "targeting" …; else
// "location". `after`: the words after the name.
std::string_view place_role(std::string_view text, size_t from, const Words& after,
                            std::array<char, 64>& buffer) {
  std::string_view window = folded_before(text, from, 40, buffer);
  if (sponsor_before().in(window) || after.any(kSponsorCue)) return "sponsor";
  if (victim_before().in(window)) return "victim";
  return "location";
}

// A vendor's role: "reporter" when it says or finds something.
std::string_view vendor_role(std::string_view text, size_t from, const Words& after,
                             std::array<char, 64>& buffer) {
  std::string_view window = folded_before(text, from, 20, buffer);
  bool reports = after.any(kReporterCue) || window.find("according to") != std::string_view::npos;
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

// What match() reuses from call to call on one thread.
struct MatchScratch {
  std::vector<Hit> hits;
  std::vector<uint64_t> vocabulary;
  std::string folded;
  std::vector<int8_t> stem_seen;
  std::vector<uint32_t> sure;
};

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
    // capitals (matched in capitals only: "us" is a pronoun), and a
    // sector's acronym ("IT", not "it").
    bool country_code = spelling == "US" || spelling == "UK";
    bool sector_acronym = entities[entity].type == EntityType::kSector &&
                          std::all_of(spelling.begin(), spelling.end(), is_upper);
    if ((spelling.size() < 3 && !country_code && !sector_acronym) || spelling.size() > 200) return;
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
      if (!trusted(a) || generic(e, a.name) || !english_state_name(e, a)) continue;
      if (e.type == EntityType::kAttackPattern && a.name.size() <= 3) continue;  // "DLL"
      // A catalogue's label for a program or an actor ("Mirai (ELF)",
      // "Unidentified 114 (APT28 InfoStealer)", "Turla, Waterbug, Venomous
      // Bear") is no name a text writes; a place's may be ("Washington, D.C.").
      if (is_actor_or_software(e.type) &&
          (a.name.find(" (") != std::string::npos || a.name.find(',') != std::string::npos))
        continue;
      // Places and organisations are not written with hyphens for spaces.
      bool hyphenated = e.type != EntityType::kLocation && e.type != EntityType::kOrganization;
      for (const std::string& v : variants(a.name, e.category == "ransomware", hyphenated))
        add(v, i, name_confidence(e.type), "name");
    }
    if (auto attack = e.ids.find("attack"); attack != e.ids.end())
      for (const std::string& id : attack->second) add(id, i, kCalibrated.attack_id, "ATT&CK id");
  }
  std::unordered_map<std::string_view, uint16_t> stem_index;
  auto stem_ids = [&](std::span<const std::string_view> stems) {
    std::vector<uint16_t> ids;
    for (std::string_view stem : stems) {
      auto [it, fresh] = stem_index.try_emplace(stem, static_cast<uint16_t>(tables->stems.size()));
      if (fresh) tables->stems.push_back(stem);
      ids.push_back(it->second);
    }
    return ids;
  };
  for (const TechniquePhrase& p : technique_phrases()) {
    const Entity* technique = kb.find(p.technique);
    if (!technique) continue;
    auto index = static_cast<uint32_t>(technique - entities.data());
    PhraseReading reading{index, stem_ids(p.needs), stem_ids(p.also), stem_ids(p.unless), {}};
    for (std::string_view object : p.next)
      for (const std::string& spelling : phrase_spellings(object))
        reading.next.push_back(lowercase(spelling));
    std::sort(reading.next.begin(), reading.next.end());
    reading.next.erase(std::unique(reading.next.begin(), reading.next.end()), reading.next.end());
    // A row that takes an object next is scanned for as its text and the
    // first word that can follow ("decrypts its", "decrypts the"): a bare
    // verb ("added", "copied") would be one of the scan's most frequent
    // matches, nearly all of them idle. Unless that makes too many literals.
    std::vector<std::string> first_words;
    for (const std::string& object : reading.next) {
      std::string word = object.substr(0, object.find(' '));
      if (std::find(first_words.begin(), first_words.end(), word) == first_words.end())
        first_words.push_back(word);
    }
    std::vector<std::string> texts = phrase_spellings(p.text);
    bool joined = !first_words.empty() && texts.size() * first_words.size() <= 256;
    for (const std::string& text : texts)
      for (size_t w = 0; w < (joined ? first_words.size() : 1); ++w) {
        std::string spelling = joined ? text + " " + first_words[w] : text;
        // A phrasing that is already a name ("cmd.exe" is a tool, "Phishing"
        // a technique's own name) keeps that meaning; one that another row
        // spells too is read by the first row whose context holds.
        if (auto known = by_key.find(lowercase(spelling)); known != by_key.end()) {
          Name& n = tables->names[known->second];
          if (!n.phrases.empty() && n.verb_size == (joined ? text.size() : 0))
            n.phrases.push_back(reading);
          n.phrase_context = n.phrase_context || (!n.phrases.empty() && has_context(p));
          continue;
        }
        add(spelling, index, kCalibrated.phrasing, "common phrasing of the technique");
        Name& n = tables->names.back();
        n.phrases.push_back(reading);
        n.phrase_context = has_context(p);
        if (joined) n.verb_size = text.size();
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
  auto index_of = [&](std::string_view id) -> std::optional<uint32_t> {
    const Entity* e = kb.find(id);
    if (!e || e->id != id) return std::nullopt;
    return static_cast<uint32_t>(e - entities.data());
  };
  for (Name& n : tables->names) {
    for (uint32_t e : n.entities) n.named.push_back(name_key(entities[e].name) == name_key(n.text));
    if (n.entities.size() > 1 && is_actor_or_software(n.type))
      for (uint32_t e : n.entities) {
        std::vector<uint32_t> related;
        for (const Relation* r : kb.relations_from(entities[e].id))
          if (auto other = index_of(r->to)) related.push_back(*other);
        for (const Relation* r : kb.relations_to(entities[e].id))
          if (auto other = index_of(r->from)) related.push_back(*other);
        std::sort(related.begin(), related.end());
        related.erase(std::unique(related.begin(), related.end()), related.end());
        n.related.push_back(std::move(related));
      }
    n.ransomware = entities[n.entities.front()].category == "ransomware";
    // Analysts write tools the way they type them ("rclone", "mimikatz"); an
    // ordinary word ("chisel", "sliver", "responder") stays a word in lower
    // case, and so does a short name ("reg", "arp" are pieces of words).
    n.only_before_objects =
        !n.phrases.empty() && std::all_of(n.phrases.begin(), n.phrases.end(),
                                          [](const PhraseReading& p) { return !p.next.empty(); });
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
    // So is a sector's acronym ("IT", "MSP"): in lower case "it" is a
    // pronoun, and matching it in any case would report every "it".
    acronym = acronym || (n.type == EntityType::kSector &&
                          std::all_of(n.text.begin(), n.text.end(), is_upper));
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
  // Buffers kept from call to call on this thread (a call allocates little
  // beyond its mentions); dropped after a call on a text far longer than an
  // article.
  thread_local MatchScratch scratch;
  struct Trim {
    MatchScratch& kept;
    ~Trim() {
      if (kept.hits.capacity() > (1u << 16)) kept = MatchScratch();
    }
  } trim{scratch};
  // Whole words only; the longest name wins where names overlap.
  std::vector<Hit>& hits = scratch.hits;
  std::vector<uint64_t>& vocabulary = scratch.vocabulary;  // ends of security words, in order
  hits.clear();
  vocabulary.clear();
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
    // A verb whose every row takes an object ("decrypted" its payload) is
    // dropped here when none follows: common verbs are many of the scan's
    // matches, and need not reach the sentence rules.
    size_t to = n.verb_size ? from + n.verb_size : m.to;  // the phrase, its object aside
    if (n.only_before_objects &&
        std::none_of(n.phrases.begin(), n.phrases.end(),
                     [&](const PhraseReading& p) { return followed_by(text, to, p.next); }))
      return;
    hits.push_back({m.id, from, to, lowercase});
  });
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.from != b.from ? a.from < b.from : a.to > b.to;
  });
  size_t kept_count = 0, outer = 0;  // outer: the last hit kept that no other holds
  for (const Hit& h : hits) {
    if (kept_count == 0 || h.from >= hits[outer].to) {
      outer = kept_count;
      hits[kept_count++] = h;
    } else if (names[h.name].type == EntityType::kSector && h.to <= hits[outer].to &&
               !names[hits[outer].name].phrases.empty() && kept_count == outer + 1) {
      // A sector inside a technique's phrasing ("defaced government
      // websites") is named too.
      hits[kept_count++] = h;
    }
  }
  hits.resize(kept_count);
  const std::vector<Hit>& kept = hits;

  // Context first pass: which entities are named without doubt, to settle
  // ambiguous names by what they are related to.
  // (Built only when a text has an ambiguous name.)
  std::vector<uint32_t>& sure = scratch.sure;  // entity indexes, sorted
  sure.clear();
  bool sure_built = false;
  auto build_sure = [&] {
    if (sure_built) return;
    sure_built = true;
    for (const Hit& h : kept)
      if (names[h.name].entities.size() == 1 && !names[h.name].common_word)
        sure.push_back(names[h.name].entities[0]);
    std::sort(sure.begin(), sure.end());
  };
  auto is_sure = [&](uint32_t e) { return std::binary_search(sure.begin(), sure.end(), e); };

  // An ambiguous name's entity as the rest of the text settles it: one the
  // text also names for sure, else one related to such an entity; with the
  // reason, or nullptr when the text does not settle it.
  struct Settled {
    uint32_t name, entity;
    const char* reason;
  };
  std::vector<Settled> by_context;  // few: searched in order
  auto choose_by_context = [&](const Name& n, uint32_t first) -> std::pair<uint32_t, const char*> {
    build_sure();
    for (uint32_t c : n.entities)
      if (is_sure(c)) return {c, "ambiguous name, chosen as an entity the text also names"};
    for (size_t i = 0; i < n.related.size(); ++i)
      if (std::any_of(n.related[i].begin(), n.related[i].end(), is_sure))
        return {n.entities[i], "ambiguous name, chosen by related entities in the text"};
    return {first, nullptr};
  };

  std::vector<Mention> mentions;
  mentions.reserve(16);
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
  // Whether the hit `h` (in `kept`) stands in a list with an actor's name
  // (`actor`) or a program's (`program`) that is no ordinary word: only a
  // comma, "and", "or", a slash or a bracket between them.
  auto listed_with_name = [&](const Hit& h, bool actor, bool program) {
    auto names_one = [&](const Hit& other) {
      const Name& o = names[other.name];
      if (other.lowercase || o.common_word) return false;
      return o.type == EntityType::kIntrusionSet ? actor : is_actor_or_software(o.type) && program;
    };
    auto joins = [&](size_t from, size_t to) {
      std::string gap;
      for (char c : text.substr(from, to - from))
        if (c != ' ') gap += ascii_lower(c);
      return gap == "," || gap == "and" || gap == "or" || gap == ",and" || gap == ",or" ||
             gap == "/" || gap == "(" || gap == "),";
    };
    size_t at = static_cast<size_t>(&h - kept.data());
    return (at > 0 && names_one(kept[at - 1]) && joins(kept[at - 1].to, h.from)) ||
           (at + 1 < kept.size() && names_one(kept[at + 1]) && joins(h.to, kept[at + 1].from));
  };
  std::array<char, 64> buffer;  // for the cue windows before a name
  // Whether a security word ending at `end` belongs to a sector's name or
  // to the noun after it ("telecom operators", "casino operators").
  auto in_sector_phrase = [&](uint64_t end) {
    auto it = std::lower_bound(kept.begin(), kept.end(), end,
                               [](const Hit& k, uint64_t at) { return k.from < at; });
    if (it == kept.begin()) return false;
    const Hit& s = *--it;
    if (names[s.name].type != EntityType::kSector) return false;
    if (end <= s.to) return true;
    if (end - s.to > 24 || text[s.to] != ' ') return false;
    return std::all_of(text.begin() + static_cast<long>(s.to) + 1,
                       text.begin() + static_cast<long>(end), is_alpha);
  };
  // Whether a sentence is about attacks, for the sectors it names: security
  // vocabulary (not a sector's own "operators"), an actor, a program or a
  // technique named in it, or its victims mentioned ("Victims were
  // concentrated in …").
  auto about_attacks = [&](Span within) {
    if (within.start >= within.end) return false;
    for (auto v = std::upper_bound(vocabulary.begin(), vocabulary.end(), within.start);
         v != vocabulary.end() && *v <= within.end; ++v)
      if (!in_sector_phrase(*v)) return true;
    auto it = std::lower_bound(kept.begin(), kept.end(), within.start,
                               [](const Hit& k, size_t at) { return k.from < at; });
    for (; it != kept.end() && it->to <= within.end; ++it) {
      const Name& o = names[it->name];
      // (A technique's phrasing that holds only in some context, such as
      // "multifactor authentication", says nothing by itself.)
      if (!it->lowercase && !o.common_word &&
          (is_actor_or_software(o.type) ||
           (o.type == EntityType::kAttackPattern && !o.phrase_context)))
        return true;
    }
    constexpr std::string_view kVictim = "victim";
    std::string_view words = text.substr(within.start, within.end - within.start);
    return std::search(words.begin(), words.end(), kVictim.begin(), kVictim.end(),
                       [](char a, char b) { return ascii_lower(a) == b; }) != words.end();
  };
  // Whether the text names an actor or a program (found once, when needed).
  int attacker_named = -1;
  auto names_an_attacker = [&] {
    if (attacker_named < 0)
      attacker_named = std::any_of(kept.begin(), kept.end(), [&](const Hit& k) {
        const Name& o = names[k.name];
        return !k.lowercase && !o.common_word && is_actor_or_software(o.type);
      });
    return attacker_named == 1;
  };
  // How the sector's name at kept[k] reads in its sentence `within`, apart
  // from the sectors listed with it.
  enum class Sector {
    kNot,         // an adjective, part of a name, a modifier of another noun
    kUnsure,      // a one-word sector with nothing that makes it a victim
    kName,        // a phrasing of several words ("critical infrastructure")
    kHead,        // a one-word sector heading organisations ("a logistics company")
    kIntroduced,  // … in a list a sector cue opens ("sectors included energy")
    kVictim,      // … after a victim cue, or a victim word in a sentence about attacks
    kListed,      // … listed with a sector read as one of the above
  };
  auto read_sector = [&](size_t k, Span within) {
    const Hit& s = kept[k];
    std::string_view written = text.substr(s.from, s.to - s.from);
    // "government-backed", "state-sponsored": an adjective, not a sector.
    if (s.to + 1 < text.size() && text[s.to] == '-' && is_alnum(text[s.to + 1]))
      return Sector::kNot;
    Words before = words_before(text, s.from, 3, within.start);
    // A capitalised sector word inside a sentence is part of a name
    // ("European Central Bank", "Caesars Entertainment"); an acronym ("IT",
    // "ISPs") is not.
    bool acronym = written.size() > 1 && is_upper(written[0]) && is_upper(written[1]);
    if (is_upper(written[0]) && !acronym && !before.empty()) return Sector::kNot;
    if (names[s.name].text.find_first_of(" -0123456789") != std::string::npos) return Sector::kName;
    Word lower(written);
    Attached next = attached_word(text, s.to, within.end);
    // A plural is seldom another noun's modifier: the word after it is its
    // verb ("pharmacies fall back", "MGM Resorts casinos last September").
    // Governments, though, act ("which Western governments link to …").
    bool plural = written.back() == 's' && lower.is(kVictimSectorCue) && lower != "governments";
    if (next == Attached::kModifies && !plural) return Sector::kNot;
    bool department = std::find(std::begin(kDepartmentWords), std::end(kDepartmentWords),
                                std::string_view(lower)) != std::end(kDepartmentWords);
    if (department && next == Attached::kAsset) return Sector::kNot;
    // The victim cue stands in the sector's own clause: "action against
    // botnets, disrupted the infrastructure of …" is no attack on
    // infrastructure (a list of sectors is read as one below).
    std::string_view window;
    int victim_cue = -1;  // not looked for yet
    auto after_victim_cue = [&] {
      if (victim_cue < 0) {
        window = folded_before(text, s.from, 60, buffer);
        window.remove_prefix(std::min(window.size(), window.find_last_of(",(:") + 1));
        victim_cue = sector_victim_before().in(window);
      }
      return victim_cue == 1;
    };
    if (next == Attached::kHead || next == Attached::kAsset) {
      bool sponsor_word = std::find(std::begin(kSponsorSectorWords), std::end(kSponsorSectorWords),
                                    std::string_view(lower)) != std::end(kSponsorSectorWords);
      size_t by = governor(before);
      bool employer = by < before.size() && before[by] == "for";  // "recruiters for a … company"
      if (!sponsor_word && (!employer || after_victim_cue())) return Sector::kHead;
    }
    if (introduced(before)) return Sector::kIntroduced;
    if (after_victim_cue()) return Sector::kVictim;
    bool theft = std::any_of(std::begin(kTheftStems), std::end(kTheftStems),
                             [&](std::string_view t) { return window.find(t) != window.npos; });
    // The story of an actor or a program goes on after a sentence about its
    // attacks ("… listing victims on its leak site. Those affected included
    // … many universities."); a market report does not.
    if (victim_word(written, before, theft) &&
        (about_attacks(within) ||
         (names_an_attacker() && about_attacks(previous_sentence(text, within)))))
      return Sector::kVictim;
    return Sector::kUnsure;
  };
  // … and with the sectors listed with it: a list of sectors is read as
  // one ("healthcare, education and financial services").
  auto read_sector_in_list = [&](size_t k, Span within) {
    Sector own = read_sector(k, within);
    if (own != Sector::kUnsure) return own;
    auto is_sector = [&](size_t i) { return names[kept[i].name].type == EntityType::kSector; };
    auto joined = [&](size_t a, size_t b) {
      return kept[a].to <= kept[b].from &&
             joins_sectors(text.substr(kept[a].to, kept[b].from - kept[a].to));
    };
    for (size_t i = k;
         i > 0 && kept[i - 1].from >= within.start && is_sector(i - 1) && joined(i - 1, i); --i) {
      Sector other = read_sector(i - 1, within);
      if (other == Sector::kNot) break;
      if (other != Sector::kUnsure) return Sector::kListed;
    }
    for (size_t i = k; i + 1 < kept.size() && kept[i + 1].to <= within.end && is_sector(i + 1) &&
                       joined(i, i + 1);
         ++i) {
      Sector other = read_sector(i + 1, within);
      if (other == Sector::kNot) break;
      if (other != Sector::kUnsure) return Sector::kListed;
    }
    return Sector::kUnsure;
  };
  Span sentence{1, 0};                   // the sentence of the last hit (none yet)
  std::string& folded = scratch.folded;  // a sentence in lower case, for phrasings with context
  Span folded_sentence{std::string::npos, 0};  // none yet
  // Whether the folded sentence holds each of the phrasings' context stems:
  // -1 not looked for yet.
  std::vector<int8_t>& stem_seen = scratch.stem_seen;
  auto has_stem = [&](uint16_t stem) {
    int8_t& seen = stem_seen[stem];
    if (seen < 0) seen = folded.find(tables_->stems[stem]) != std::string::npos;
    return seen == 1;
  };
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
    // The words around a name decide its reading; a technique needs none,
    // and a sector reads its own (read_sector). (Built in place: a Words is
    // a few hundred bytes, copied for every name found.)
    bool worded = n.type != EntityType::kAttackPattern && n.type != EntityType::kVulnerability &&
                  n.type != EntityType::kSector;
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
        stem_seen.assign(tables_->stems.size(), -1);
      }
      auto fit = std::find_if(n.phrases.begin(), n.phrases.end(), [&](const PhraseReading& p) {
        return phrase_fits(p, text, h.to, has_stem);
      });
      if (fit == n.phrases.end()) continue;
      read_as = fit->technique;
    }
    bool wordlike = n.text.find_first_of(" -0123456789") == std::string::npos;
    bool ransomware = n.ransomware;
    bool actor_cue = false, software_cue = false;
    if (is_actor_or_software(n.type)) {
      actor_cue = after.any(kActorCue) || before.any(kActorCue) || before.any(kAliasCue);
      software_cue = after.any(kSoftwareCue) || before.any(kSoftwareCue);
      // A ransomware brand is also its gang's name ("the Royal gang"); a
      // name both an actor and a program ("Carbanak") takes either cue.
      bool actor = std::any_of(n.entities.begin(), n.entities.end(), [&](uint32_t e) {
        return entities[e].type == EntityType::kIntrusionSet;
      });
      bool program = std::any_of(n.entities.begin(), n.entities.end(), [&](uint32_t e) {
        return entities[e].type != EntityType::kIntrusionSet;
      });
      bool gang = ransomware && after.any(kGangCue);
      bool cue = (actor && actor_cue) || (program && software_cue) || gang;
      bool security = speaks_of_attacks(sentence);
      // An ordinary word ("Silence", "Raccoon") needs both; a one-word name
      // ("Sandworm") one of them: the Dune review has neither. For a
      // distinctive name the next sentence may say it ("A different
      // SideWinder is busy. The espionage group …").
      // An ordinary word listed with another actor's or program's name
      // ("also reported as Kimsuky and Thallium") is named as one too.
      bool listed = n.common_word && !cue && listed_with_name(h, actor, program);
      if (n.common_word && !((cue || listed) && security)) continue;
      if (h.lowercase) {
        // A tool written in lower case ("ran rclone"): a cue beside it, a
        // sentence about attacks, or another finding in the sentence.
        bool tool_cue = software_cue || after.any(kToolCue) || before.any(kToolCue);
        if (!tool_cue && !security && !finding_beside(h, sentence)) continue;
        reasons.push_back("tool name in lower case, beside a cue or other findings");
      } else if (wordlike && !n.common_word && !cue && !security &&
                 !speaks_of_attacks(next_sentence(text, sentence)) &&
                 !finding_beside(h, sentence)) {
        continue;
      }
      if (n.common_word) {
        confidence = std::min(confidence, kCalibrated.ordinary_word);
        reasons.push_back(
            listed ? "ordinary word, listed with another actor's or program's name in a security "
                     "context"
                   : "ordinary word, taken as a name beside a cue in a security context");
      }
    }
    if (n.type == EntityType::kSector) {
      Sector reading = read_sector_in_list(static_cast<size_t>(&h - kept.data()), sentence);
      if (reading == Sector::kNot || reading == Sector::kUnsure) continue;
      // An industry named in a report on markets or in local news is no
      // finding: a sector counts in or beside a sentence about attacks.
      if (!about_attacks(sentence) && !about_attacks(previous_sentence(text, sentence)) &&
          !about_attacks(next_sentence(text, sentence)))
        continue;
      switch (reading) {
        case Sector::kHead:
          confidence = std::min(confidence, kCalibrated.sector_head);
          reasons.push_back("one-word sector, heading organisations of its kind");
          break;
        case Sector::kIntroduced:
          confidence = std::min(confidence, kCalibrated.sector_listed);
          reasons.push_back("one-word sector, in a list a sector word opens");
          break;
        case Sector::kListed:
          confidence = std::min(confidence, kCalibrated.sector_listed);
          reasons.push_back("one-word sector, listed with other sectors");
          break;
        case Sector::kVictim:
          confidence = std::min(confidence, kCalibrated.bare_sector);
          reasons.push_back("one-word sector, read as a victim from its sentence");
          break;
        default:
          break;
      }
    }
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
      auto at = std::find(n.entities.begin(), n.entities.end(), e);
      return at != n.entities.end() && n.named[static_cast<size_t>(at - n.entities.begin())];
    };
    bool own_name = n.entities.size() < 2 || names_it(chosen);
    if (!own_name && reasons.size() == 1 && is_actor_or_software(n.type)) {
      // The text decides the same way for every place the name is written.
      auto it = std::find_if(by_context.begin(), by_context.end(),
                             [&](const Settled& s) { return s.name == h.name; });
      if (it == by_context.end()) {
        auto [entity, reason] = choose_by_context(n, chosen);
        it = by_context.insert(by_context.end(), {h.name, entity, reason});
      }
      chosen = it->entity;
      if (it->reason) {
        reasons.push_back(it->reason);
        ambiguity_cap = kCalibrated.ambiguous_by_text;
      }
    }
    if (!own_name && !names_it(chosen) && is_actor_or_software(n.type)) {
      confidence = std::min(confidence, ambiguity_cap);
      if (ambiguity_cap == kCalibrated.ambiguous_first)
        reasons.push_back("ambiguous name, the knowledge base's first entry");
    }
    const Entity& e = entities[chosen];
    std::string_view role;  // one of the literals above
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
    // A phrasing of several sectors ("oil and gas") names each of them.
    std::span<const uint32_t> meant(&chosen, 1);
    if (e.type == EntityType::kSector && n.entities.size() > 1 &&
        std::none_of(n.named.begin(), n.named.end(), [](bool own) { return own; }))
      meant = n.entities;
    for (uint32_t entity : meant) {
      size_t at = static_cast<size_t>(std::find(mentioned.begin(), mentioned.end(), entity) -
                                      mentioned.begin());
      if (at == mentions.size()) {
        const Entity& x = entities[entity];
        mentioned.push_back(entity);
        Mention m;
        m.type = std::string(type_name(x.type));
        m.id = x.id;
        m.name = x.name;
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
      auto rank = [](std::string_view r) {
        return r == "sponsor" || r == "reporter" ? 3 : r == "victim" ? 2 : r.empty() ? 0 : 1;
      };
      if (rank(role) > rank(m.role)) m.role = role;
    }
  }
  return mentions;
}

}  // namespace osprey::kb
