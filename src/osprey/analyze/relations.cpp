#include "osprey/analyze/relations.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "osprey/analyze/relation_cues.h"
#include "osprey/analyze/relation_tokens.h"
#include "osprey/text/sentences.h"

namespace osprey::analyze {
namespace {

// What a name or an observable can be in a relation.
enum class Kind : uint8_t {
  kActor,
  kMalware,
  kSoftware,  // tools and techniques: objects of "uses"
  kLocation,
  kSector,
  kOrganization,
  kVulnerability,
  kIndicator,
  kOther,
};

Kind entity_kind(std::string_view type) {
  if (type == "intrusion-set") return Kind::kActor;
  if (type == "malware") return Kind::kMalware;
  if (type == "tool" || type == "attack-pattern") return Kind::kSoftware;
  if (type == "location") return Kind::kLocation;
  if (type == "sector") return Kind::kSector;
  if (type == "organization") return Kind::kOrganization;
  return Kind::kOther;
}

Kind observable_kind(std::string_view type) {
  if (type == "cve") return Kind::kVulnerability;
  static const std::unordered_set<std::string_view> indicators = {
      "ipv4", "ipv6", "domain", "url", "md5", "sha1", "sha256", "sha512"};
  return indicators.count(type) ? Kind::kIndicator : Kind::kOther;
}

// One place where a mention or an observable is written.
struct Occurrence {
  uint64_t start = 0;
  uint64_t end = 0;
  Kind kind = Kind::kOther;
  bool observable = false;
  uint32_t ref = 0;  // index into findings.entities or findings.observables
};

// An occurrence in the sentence being read, or a reference ("the group") to
// one in an earlier sentence.
struct Placed {
  const Occurrence* occ;
  size_t first = 0;  // words [first, last) of the sentence
  size_t last = 0;
  Kind kind = Kind::kOther;
  bool reference = false;
  size_t antecedent_sentence = 0;
  bool alias_object = false;  // named as another name of an actor: not a subject itself
};

// The most recent actor or malware named, for references.
struct Antecedent {
  const Occurrence* occ = nullptr;
  size_t sentence = 0;
};

struct CueScore {
  double weight = 0;
  std::string reason;
  bool between = false;  // the cue stands between the two names, in the right voice
};

struct Draft {
  std::string predicate;
  const Placed* subject;
  const Placed* object;
  CueScore cue;
};

std::string fixed2(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string quoted(std::string_view s) {
  std::string out = "\"";
  out.append(s);
  out += '"';
  return out;
}

// The relations found so far, one per (subject, predicate, object, negated):
// the strongest evidence (a plain statement before a hedged one) and how many
// sentences state it. A draft that would not replace the kept evidence costs
// one lookup, so repeated claims in a long text stay cheap.
class Merged {
 public:
  // Counts one more statement of `key`; true when its evidence should be
  // (re)written with put().
  bool offer(const std::string& key, double confidence, bool hedged) {
    auto [it, fresh] = index_.try_emplace(key, relations_.size());
    slot_ = it->second;
    if (fresh) {
      relations_.emplace_back();
      counts_.push_back(1);
      return true;
    }
    ++counts_[slot_];
    const Relation& kept = relations_[slot_];
    if (kept.hedged != hedged) return !hedged;
    return confidence > kept.confidence;
  }
  void put(Relation r) { relations_[slot_] = std::move(r); }

  std::vector<Relation>& relations() { return relations_; }
  const std::vector<size_t>& counts() const { return counts_; }

 private:
  std::unordered_map<std::string, size_t> index_;
  std::vector<Relation> relations_;
  std::vector<size_t> counts_;
  size_t slot_ = 0;
};

// Negation and hedging of one relation, and whether a source is named.
struct Flags {
  std::string_view negation;  // the cue, empty when none
  std::string_view hedge;
};

class SentenceReader {
 public:
  SentenceReader(std::string_view text, const Findings& findings, const kb::KnowledgeBase* kb,
                 const SentenceTokens& words, std::vector<Placed> placed, size_t index, Span span)
      : text_(text),
        findings_(findings),
        kb_(kb),
        words_(words),
        hits_(find_cues(words)),
        placed_(std::move(placed)),
        index_(index),
        span_(span) {
    for (const CueHit& h : hits_)
      if (h.cue->kind == CueKind::kClauseBreak) breaks_.push_back(h);
  }

  // The relations the sentence states, before merging.
  void read(Merged& out) {
    find_reporter();
    relate_actors(out);
    for (const Placed& o : placed_) {
      if (is_reporter(o)) continue;
      switch (o.kind) {
        case Kind::kMalware:
        case Kind::kSoftware:
          if (const Placed* s = nearest(o, {Kind::kActor})) emit(judge_uses(*s, o), out);
          break;
        case Kind::kSector:
          if (const Placed* s = nearest(o, {Kind::kActor}))
            emit(judge(*s, o, "targets", 0.35, ""), out);
          break;
        case Kind::kLocation:
          if (const Placed* s = nearest(o, {Kind::kActor})) emit(judge_location(*s, o), out);
          break;
        case Kind::kOrganization:
          if (const Placed* s = nearest(o, {Kind::kActor})) emit(judge_organization(*s, o), out);
          break;
        case Kind::kVulnerability: {
          const Placed* s = nearest(o, {Kind::kActor});
          if (!s) s = nearest(o, {Kind::kMalware});
          if (s) emit(judge(*s, o, "exploits", 0.35, ""), out);
          break;
        }
        case Kind::kIndicator: {
          const Placed* about = nearest(o, {Kind::kMalware});
          if (!about) about = nearest(o, {Kind::kActor});
          if (about) emit(judge_indicator(o, *about), out);
          break;
        }
        default:
          break;
      }
    }
  }

 private:
  size_t clause_start(size_t word) const {
    size_t start = 0;
    for (const CueHit& b : breaks_)
      if (b.last <= word) start = b.last;
    return start;
  }
  size_t clause_end(size_t word) const {
    for (const CueHit& b : breaks_)
      if (b.first >= word) return b.first;
    return words_.size();
  }

  bool starts_actor(size_t word) const {
    return std::any_of(placed_.begin(), placed_.end(), [&](const Placed& p) {
      return p.kind == Kind::kActor && !p.reference && p.first == word;
    });
  }

  // The nearest candidate subject before `o`, else after it.
  const Placed* nearest(const Placed& o, std::initializer_list<Kind> kinds) const {
    const Placed* before = nullptr;
    const Placed* after = nullptr;
    for (const Placed& p : placed_) {
      if (&p == &o || p.alias_object ||
          std::find(kinds.begin(), kinds.end(), p.kind) == kinds.end())
        continue;
      if (p.occ == o.occ) continue;
      if (p.first < o.first) {
        if (!before || p.first > before->first) before = &p;
      } else if (p.first >= o.last && !after) {
        after = &p;
      }
    }
    return before ? before : after;
  }

  // The strongest cue for `predicate` between s and o (in the right voice),
  // else anywhere in their clause (weaker).
  CueScore cue_for(const Placed& s, const Placed& o, std::string_view predicate,
                   bool any_order = false) const {
    bool subject_first = s.first < o.first;
    size_t lo = subject_first ? s.last : o.last, hi = subject_first ? o.first : s.first;
    size_t from = clause_start(std::min(s.first, o.first));
    size_t to = clause_end(std::max(s.last, o.last) - 1);
    CueScore best;
    for (const CueHit& h : hits_) {
      if (h.cue->kind != CueKind::kPredicate || h.cue->predicate != predicate) continue;
      bool voice = any_order || (h.cue->voice == Voice::kActive) == subject_first;
      double w = h.cue->weight;
      const char* where = " between the names";
      bool between = h.first >= lo && h.last <= hi && voice;
      if (!between) {
        if (h.first < from || h.last > to) continue;
        // A cue after both names speaks of something else, unless the object
        // came first ("ShadowPad, which APT41 deployed").
        if (h.last > o.first && subject_first && !any_order) continue;
        w *= any_order ? 0.85 : 0.7;
        where = " in the same clause";
      }
      if (w > best.weight) {
        best.weight = w;
        best.between = between;
        best.reason = "cue " + quoted(h.cue->phrase);
        best.reason += where;
        best.reason += " (" + fixed2(w) + ")";
      }
    }
    return best;
  }

  Draft judge(const Placed& s, const Placed& o, std::string_view predicate, double floor,
              const char* floor_reason, bool any_order = false) const {
    CueScore cue = cue_for(s, o, predicate, any_order);
    if (cue.weight < floor) cue = {floor, floor_reason};
    return {std::string(predicate), &s, &o, cue};
  }

  Draft judge_uses(const Placed& s, const Placed& o) const {
    Draft d = judge(s, o, "uses", 0, "");
    // "APT29's WellMess malware"
    if (s.last + 2 <= words_.size() && words_.lower(s.last) == "'" &&
        words_.lower(s.last + 1) == "s" && o.first >= s.last + 2 && o.first <= s.last + 4 &&
        d.cue.weight < 0.8)
      d.cue = {0.8, "possessive \"'s\" (0.80)"};
    return d;
  }

  enum class Place { kNone, kSponsor, kVictim };

  // What the words right after a country make of it: "North Korean group"
  // (sponsor), "South Korean ministries", "US-based" (victim).
  Place place_role(const Placed& loc) const {
    bool based = false;
    for (size_t k = loc.last; k < words_.size() && k < loc.last + 5; ++k) {
      std::string_view w = words_.lower(k);
      if (starts_actor(k)) return Place::kSponsor;
      if (w == "based") {
        based = true;
        continue;
      }
      if (is_word(WordClass::kSponsorAfter, w)) return Place::kSponsor;
      if (is_word(WordClass::kVictimAfter, w)) return Place::kVictim;
      if (is_word(WordClass::kCountryFiller, w) || w == "government" || w == "military") continue;
      break;
    }
    return based ? Place::kVictim : Place::kNone;
  }

  Draft judge_location(const Placed& s, const Placed& o) const {
    Place role = place_role(o);
    CueScore sponsor = cue_for(s, o, "attributed-to");
    CueScore victim = cue_for(s, o, "targets");
    // A place named before the actor is its victim only when the words say so
    // ("Moscow denied that APT28 hacked …" is no attack on Russia).
    if (o.first < s.first && !victim.between) victim = {};
    if (role == Place::kSponsor && sponsor.weight < 0.85)
      sponsor = {0.85, "country written beside an actor noun (0.85)"};
    if (role == Place::kVictim && victim.weight < 0.75)
      victim = {0.75, "country written beside a victim noun (0.75)"};
    if (role != Place::kVictim && sponsor.weight >= victim.weight && sponsor.weight > 0)
      return {"attributed-to", &s, &o, sponsor};
    return {"targets", &s, &o, victim};
  }

  Draft judge_organization(const Placed& s, const Placed& o) const {
    std::string category;
    if (kb_) {
      if (const kb::Entity* e = kb_->find(findings_.entities[o.occ->ref].id))
        category = e->category;
    }
    CueScore sponsor = cue_for(s, o, "attributed-to");
    CueScore victim = cue_for(s, o, "targets");
    if (category == "security-vendor") sponsor = {};
    if (sponsor.weight > victim.weight) return {"attributed-to", &s, &o, sponsor};
    return {"targets", &s, &o, victim};
  }

  Draft judge_indicator(const Placed& indicator, const Placed& about) const {
    return judge(indicator, about, "indicates", 0, "", /*any_order=*/true);
  }

  // Other names and overlaps: the actor before a related-to cue (or a
  // "linked to" between two actors) and every actor after it in the clause.
  void relate_actors(Merged& out) {
    for (const CueHit& h : hits_) {
      if (h.cue->kind != CueKind::kPredicate) continue;
      bool alias = h.cue->predicate == "related-to";
      if (!alias && h.cue->predicate != "attributed-to") continue;
      const Placed* subject = nullptr;
      for (const Placed& p : placed_)
        if (p.kind == Kind::kActor && p.last <= h.first && !p.alias_object) subject = &p;
      if (!subject) continue;
      size_t end = clause_end(h.last);
      for (Placed& p : placed_) {
        if (p.kind != Kind::kActor || p.first < h.last || p.first >= end) continue;
        if (p.occ == subject->occ) continue;
        // Stop at the next action: "APT43 is linked to Kimsuky and targeted …"
        bool action = std::any_of(hits_.begin(), hits_.end(), [&](const CueHit& c) {
          return c.cue->kind == CueKind::kPredicate && c.first >= h.last && c.first < p.first &&
                 c.cue->predicate != "related-to" && c.cue->predicate != "attributed-to" &&
                 c.cue->predicate != "indicates";
        });
        if (action) break;
        p.alias_object = true;
        double w = h.cue->weight * (alias ? 1.0 : 0.9);
        CueScore cue{w, "cue " + quoted(h.cue->phrase) + " between two actors (" + fixed2(w) + ")"};
        emit({"related-to", subject, &p, cue}, out);
      }
    }
  }

  void find_reporter() {
    for (const Placed& p : placed_) {
      if (p.kind != Kind::kOrganization || p.reference) continue;
      bool source = false;
      for (const CueHit& h : hits_) {
        if (h.cue->kind == CueKind::kReportVerb && h.first >= p.last && h.first < p.last + 5) {
          bool crossed = std::any_of(placed_.begin(), placed_.end(), [&](const Placed& q) {
            return q.first >= p.last && q.first < h.first;
          });
          source = source || !crossed;
        }
        if (h.cue->kind == CueKind::kReportBefore && h.last <= p.first && h.last + 2 >= p.first)
          source = true;
      }
      if (source) {
        reporters_.push_back(&p);
        if (reported_by_.empty()) reported_by_ = findings_.entities[p.occ->ref].name;
      }
    }
  }

  bool is_reporter(const Placed& p) const {
    return std::find(reporters_.begin(), reporters_.end(), &p) != reporters_.end();
  }

  RelationEnd end_of(const Placed& p) const {
    if (p.occ->observable) {
      const Observable& o = findings_.observables[p.occ->ref];
      return {"observable", o.type, o.value, o.value};
    }
    const Mention& m = findings_.entities[p.occ->ref];
    return {"entity", m.type, m.id, m.name};
  }

  double confidence_of(const Placed& p) const {
    return p.occ->observable ? 0.9 : findings_.entities[p.occ->ref].confidence;
  }

  const std::string& id_of(const Placed& p) const {
    return p.occ->observable ? findings_.observables[p.occ->ref].value
                             : findings_.entities[p.occ->ref].id;
  }

  void emit(const Draft& d, Merged& out) const {
    if (d.cue.weight <= 0) return;
    const Placed& s = *d.subject;
    const Placed& o = *d.object;
    if (s.occ == o.occ || id_of(s) == id_of(o)) return;
    // Distance in words between the two names.
    size_t gap = s.first < o.first ? (o.first > s.last ? o.first - s.last : 0)
                                   : (s.first > o.last ? s.first - o.last : 0);
    double distance = gap <= 6 ? 1.0 : gap <= 15 ? 0.95 : gap <= 30 ? 0.88 : 0.8;
    double names = std::min(confidence_of(s), confidence_of(o));
    double c = d.cue.weight * distance * (0.6 + 0.4 * names);
    if (s.reference) c *= 0.85;
    if (o.reference) c *= 0.85;
    c = std::clamp(c, 0.0, 0.99);
    Flags f = flags(s, o);
    std::string key = id_of(s);
    key += '\x1f';
    key += d.predicate;
    key += '\x1f';
    key += id_of(o);
    if (!f.negation.empty()) key += "\x1f!";
    if (!out.offer(key, c, !f.hedge.empty())) return;

    Relation r;
    r.predicate = d.predicate;
    r.subject = end_of(s);
    r.object = end_of(o);
    r.confidence = c;
    r.reasons.push_back(d.cue.reason);
    r.reasons.push_back(std::to_string(gap) + " words apart (x" + fixed2(distance) + ")");
    r.reasons.push_back("names recognised with confidence " + fixed2(names));
    Span evidence = span_;
    for (const Placed* p : {&s, &o}) {
      if (!p->reference) continue;
      std::string reason = "reference ";
      reason += quoted(
          text_.substr(words_[p->first].start, words_[p->last - 1].end - words_[p->first].start));
      reason += " to " + (p->occ->observable ? findings_.observables[p->occ->ref].value
                                             : findings_.entities[p->occ->ref].name);
      reason += " (x0.85)";
      r.reasons.push_back(reason);
      if (p->antecedent_sentence + 1 == index_) evidence.start = antecedent_start_;
    }
    if (!s.reference && !o.reference) r.reasons.push_back("same sentence");
    if (!f.negation.empty()) {
      r.negated = true;
      r.reasons.push_back("negated by " + quoted(f.negation));
    }
    if (!f.hedge.empty()) {
      r.hedged = true;
      r.reasons.push_back("hedged by " + quoted(f.hedge));
    }
    if (!reported_by_.empty() && !is_reporter(s) && !is_reporter(o)) {
      r.reported_by = reported_by_;
      r.reasons.push_back("reported by " + reported_by_);
    }
    r.evidence = evidence;
    uint64_t focus = o.occ->start >= evidence.start ? o.occ->start - evidence.start : 0;
    r.sentence = text::printable_sentence(
        text_.substr(evidence.start, evidence.end - evidence.start), focus);
    out.put(std::move(r));
  }

  // Negation and hedging, read in the clause(s) of the two names.
  Flags flags(const Placed& s, const Placed& o) const {
    size_t first = std::min(s.first, o.first), last = std::max(s.last, o.last);
    size_t from = clause_start(first), to = clause_end(last - 1);
    bool certain = false, analytic = false, plain_hedge = false;
    Flags f;
    for (const CueHit& h : hits_) {
      if (h.first < from || h.first >= to) continue;
      switch (h.cue->kind) {
        case CueKind::kNegation: {
          if (h.first >= last) break;
          bool cancelled = std::any_of(hits_.begin(), hits_.end(), [&](const CueHit& c) {
            return c.cue->kind == CueKind::kNotNegation && c.first == h.first;
          });
          if (!cancelled && f.negation.empty()) f.negation = h.cue->phrase;
          break;
        }
        case CueKind::kNegationAfter:
          if (f.negation.empty()) f.negation = h.cue->phrase;
          break;
        case CueKind::kHedge:
          (h.cue->weight < 1 ? analytic : plain_hedge) = true;
          if (f.hedge.empty()) f.hedge = h.cue->phrase;
          break;
        case CueKind::kCertain:
          certain = true;
          break;
        default:
          break;
      }
    }
    // "assessed with high confidence" is a firm judgement; "likely" stays a hedge.
    if (certain && analytic && !plain_hedge) f.hedge = {};
    return f;
  }

 public:
  uint64_t antecedent_start_ = 0;  // start of the previous sentence

 private:
  std::string_view text_;
  const Findings& findings_;
  const kb::KnowledgeBase* kb_;
  const SentenceTokens& words_;
  std::vector<CueHit> hits_;
  std::vector<CueHit> breaks_;
  std::vector<Placed> placed_;
  size_t index_;
  Span span_;
  std::vector<const Placed*> reporters_;
  std::string reported_by_;
};

// Every occurrence of a mention or observable that can take part in a
// relation, in text order, overlaps removed (the longer name wins).
std::vector<Occurrence> occurrences(const Findings& findings, uint64_t size) {
  std::vector<Occurrence> all;
  for (size_t i = 0; i < findings.entities.size(); ++i) {
    Kind kind = entity_kind(findings.entities[i].type);
    if (kind == Kind::kOther) continue;
    for (const Span& s : findings.entities[i].spans)
      all.push_back({s.start, s.end, kind, false, static_cast<uint32_t>(i)});
  }
  for (size_t i = 0; i < findings.observables.size(); ++i) {
    Kind kind = observable_kind(findings.observables[i].type);
    if (kind == Kind::kOther) continue;
    for (const Span& s : findings.observables[i].spans)
      all.push_back({s.start, s.end, kind, true, static_cast<uint32_t>(i)});
  }
  std::sort(all.begin(), all.end(), [](const Occurrence& a, const Occurrence& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  std::vector<Occurrence> kept;
  for (const Occurrence& o : all) {
    if (o.end > size || o.start >= o.end) continue;
    if (!kept.empty() && o.start < kept.back().end) continue;
    kept.push_back(o);
  }
  return kept;
}

// References in a sentence: "the group", "the North Korean actor", "they"
// (to the last actor), "the backdoor" (to the last malware). A reference
// after a name of the same kind in the sentence is left alone.
void add_references(const SentenceTokens& words, std::vector<Placed>& placed,
                    const Antecedent& actor, const Antecedent& malware, size_t sentence,
                    size_t reach) {
  auto occupied = [&](size_t k, bool allow_places) {
    return std::any_of(placed.begin(), placed.end(), [&](const Placed& p) {
      return k >= p.first && k < p.last && !(allow_places && p.kind == Kind::kLocation);
    });
  };
  auto named_before = [&](size_t k, Kind kind) {
    return std::any_of(placed.begin(), placed.end(),
                       [&](const Placed& p) { return p.kind == kind && p.first < k; });
  };
  auto usable = [&](const Antecedent& a) {
    return a.occ && sentence > a.sentence && sentence - a.sentence <= reach;
  };
  std::vector<Placed> found;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string_view w = words.lower(i);
    if (is_word(WordClass::kActorPronoun, w) && usable(actor) && !occupied(i, false) &&
        !named_before(i, Kind::kActor)) {
      found.push_back({actor.occ, i, i + 1, Kind::kActor, true, actor.sentence});
      continue;
    }
    if (!is_word(WordClass::kDeterminer, w) || occupied(i, false)) continue;
    for (size_t k = i + 1; k < words.size() && k <= i + 4; ++k) {
      if (occupied(k, true)) {
        // "the North Korean group": a country may stand inside.
        if (occupied(k, false)) break;
        continue;
      }
      std::string_view head = words.lower(k);
      bool is_actor = is_word(WordClass::kActorNoun, head);
      bool is_malware = is_word(WordClass::kMalwareNoun, head);
      if (!is_actor && !is_malware) continue;
      // "the group APT43": the name follows, no reference.
      if (k + 1 < words.size() && occupied(k + 1, false)) break;
      Kind kind = is_actor ? Kind::kActor : Kind::kMalware;
      const Antecedent& a = is_actor ? actor : malware;
      if (usable(a) && !named_before(i, kind))
        found.push_back({a.occ, i, k + 1, kind, true, a.sentence});
      i = k;
      break;
    }
  }
  placed.insert(placed.end(), found.begin(), found.end());
  std::sort(placed.begin(), placed.end(),
            [](const Placed& a, const Placed& b) { return a.first < b.first; });
}

// Whether the knowledge base records the relation too.
bool kb_agrees(const kb::KnowledgeBase& kb, const Relation& r) {
  static const std::unordered_set<std::string_view> overlaps = {
      "similar",   "overlaps",       "related-to", "claims-name-of",
      "linked-to", "is-allied-with", "part-of",    "known-as"};
  if (r.subject.kind != "entity" || r.object.kind != "entity") return false;
  if (r.predicate == "attributed-to" && r.object.type == "location") {
    const kb::Entity* actor = kb.find(r.subject.id);
    const kb::Entity* place = kb.find(r.object.id);
    if (!actor || !place) return false;
    auto iso = place->ids.find("iso2");
    if (iso == place->ids.end()) return false;
    for (const kb::CountryClaim& c : actor->countries)
      if (std::find(iso->second.begin(), iso->second.end(), c.code) != iso->second.end())
        return true;
    return false;
  }
  auto matches = [&](const kb::Relation* k) {
    if (r.predicate == "related-to") return overlaps.count(k->predicate) > 0;
    return k->predicate == r.predicate;
  };
  for (const kb::Relation* k : kb.relations_from(r.subject.id))
    if (k->to == r.object.id && matches(k)) return true;
  if (r.predicate == "related-to")
    for (const kb::Relation* k : kb.relations_to(r.subject.id))
      if (k->from == r.object.id && matches(k)) return true;
  return false;
}

// The merged relations, more confident when several sentences say them or
// the knowledge base records them too, weak ones dropped, in text order.
std::vector<Relation> finish(Merged& all, const kb::KnowledgeBase* kb,
                             const RelationOptions& options) {
  std::vector<Relation>& merged = all.relations();
  const std::vector<size_t>& counts = all.counts();
  for (size_t i = 0; i < merged.size(); ++i) {
    Relation& r = merged[i];
    if (counts[i] > 1) {
      double bonus = 0.05 * static_cast<double>(std::min<size_t>(counts[i] - 1, 3));
      r.confidence = std::min(0.99, r.confidence + bonus);
      r.reasons.push_back("stated in " + std::to_string(counts[i]) + " sentences (+" +
                          fixed2(bonus) + ")");
    }
    if (kb && kb_agrees(*kb, r)) {
      r.confidence = std::min(0.99, r.confidence + 0.05);
      r.reasons.push_back("the knowledge base records it too (+0.05)");
    }
  }
  std::erase_if(merged, [&](const Relation& r) { return r.confidence < options.min_confidence; });
  if (merged.size() > options.max_relations) {
    std::stable_sort(merged.begin(), merged.end(), [](const Relation& a, const Relation& b) {
      return a.confidence > b.confidence;
    });
    merged.resize(options.max_relations);
  }
  std::stable_sort(merged.begin(), merged.end(), [](const Relation& a, const Relation& b) {
    return a.evidence.start < b.evidence.start;
  });
  return std::move(merged);
}

}  // namespace

std::vector<Relation> extract_relations(std::string_view text, const Findings& findings,
                                        const kb::KnowledgeBase* kb,
                                        const RelationOptions& options) {
  std::vector<Occurrence> occs = occurrences(findings, text.size());
  if (occs.size() < 2 || text.empty()) return {};
  std::vector<Span> sentences = text::split_sentences(text);
  Merged drafts;
  Antecedent actor, malware;
  size_t next = 0;  // first occurrence not yet placed
  for (size_t si = 0; si < sentences.size() && next < occs.size(); ++si) {
    const Span sentence = sentences[si];
    while (next < occs.size() && occs[next].start < sentence.start) ++next;
    size_t begin = next;
    while (next < occs.size() && occs[next].end <= sentence.end) ++next;
    if (begin == next) continue;
    SentenceTokens words(text, sentence, options.max_words_per_sentence);
    std::vector<Placed> placed;
    for (size_t i = begin; i < next && placed.size() < options.max_mentions_per_sentence; ++i) {
      size_t first = words.at_or_after(occs[i].start), last = words.before(occs[i].end);
      if (first >= last) continue;
      placed.push_back({&occs[i], first, last, occs[i].kind});
    }
    add_references(words, placed, actor, malware, si, options.coreference_reach);
    SentenceReader reader(text, findings, kb, words, placed, si, sentence);
    reader.antecedent_start_ = si > 0 ? sentences[si - 1].start : sentence.start;
    reader.read(drafts);
    // The first actor named is the sentence's topic; the last malware the freshest.
    bool topic = false;
    for (const Placed& p : placed) {
      if (p.reference) continue;
      if (p.kind == Kind::kActor && !topic) {
        actor = {p.occ, si};
        topic = true;
      }
      if (p.kind == Kind::kMalware) malware = {p.occ, si};
    }
  }
  return finish(drafts, kb, options);
}

}  // namespace osprey::analyze
