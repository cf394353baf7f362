#include "osprey/observables/extractor.h"

#include <algorithm>
#include <thread>

#include "osprey/observables/benign.h"
#include "osprey/observables/registry.h"
#include "osprey/text/pattern_set.h"
#include "osprey/text/refang.h"
#include "osprey/text/sentences.h"

namespace osprey::observables {

struct Extractor::Engine {
  text::Refanger refanger;
  std::unique_ptr<text::PatternSet> scanner;
  std::vector<std::vector<size_t>> types_of_pattern;  // pattern id → indexes in observable_types()
  struct FinderPattern {
    Finder finder;
    unsigned id;  // pattern id, numbered after the expressions
  };
  std::vector<FinderPattern> finders;
};

Result<Extractor> Extractor::create() {
  auto refanger = text::Refanger::create();
  if (!refanger.ok()) return refanger.error();
  // Identical expressions in several rows are compiled once.
  // Ids number the distinct patterns; finders get ids after the expressions.
  std::vector<text::Pattern> patterns;
  std::vector<Finder> finders;
  std::vector<std::vector<size_t>> types_of_expression, types_of_finder;
  const auto& types = observable_types();
  for (size_t t = 0; t < types.size(); ++t) {
    for (const TypePattern& p : types[t].patterns) {
      if (p.finder) {
        auto same = std::find(finders.begin(), finders.end(), p.finder);
        if (same == finders.end()) {
          finders.push_back(p.finder);
          types_of_finder.emplace_back();
          same = finders.end() - 1;
        }
        types_of_finder[static_cast<size_t>(same - finders.begin())].push_back(t);
        continue;
      }
      auto same = std::find_if(patterns.begin(), patterns.end(), [&](const text::Pattern& q) {
        return q.expression == p.expression && q.caseless == p.caseless;
      });
      if (same == patterns.end()) {
        patterns.push_back({p.expression, p.caseless, static_cast<unsigned>(patterns.size())});
        types_of_expression.emplace_back();
        same = patterns.end() - 1;
      }
      types_of_expression[same->id].push_back(t);
    }
  }
  auto scanner = text::PatternSet::compile(patterns, /*report_start=*/false);
  if (!scanner.ok()) return scanner.error();
  auto engine = std::make_shared<Engine>(Engine{
      std::move(refanger).value(), std::move(scanner).value(), std::move(types_of_expression), {}});
  for (size_t f = 0; f < finders.size(); ++f) {
    engine->finders.push_back({finders[f], static_cast<unsigned>(engine->types_of_pattern.size())});
    engine->types_of_pattern.push_back(std::move(types_of_finder[f]));
  }
  return Extractor(std::move(engine));
}

Findings Extractor::extract(std::string_view text, const ExtractOptions& options) const {
  // Chunks of a text in memory are scanned where they lie; only the last,
  // partial one is copied.
  ObservableStream stream(engine_, options);
  stream.feed(text);
  return stream.finish();
}

ObservableStream Extractor::stream(const ExtractOptions& options) const {
  return ObservableStream(engine_, options);
}

ObservableStream::ObservableStream(std::shared_ptr<const Extractor::Engine> engine,
                                   ExtractOptions options)
    : engine_(std::move(engine)), options_(std::move(options)) {
  threads_ =
      options_.threads != 0 ? options_.threads : std::max(1u, std::thread::hardware_concurrency());
  options_.max_spans = std::max<size_t>(options_.max_spans, 1);
  options_.chunk_bytes = std::max<size_t>(options_.chunk_bytes, 4096);
  options_.site = lowercase(options_.site);
  const auto& types = observable_types();
  wanted_.assign(types.size(), options_.types.empty());
  for (size_t t = 0; t < types.size(); ++t)
    for (const std::string& name : options_.types)
      if (types[t].name == name) wanted_[t] = true;
}

namespace {

// Where a chunk may end without splitting an indicator: after the last line
// break, else after the last white space, else (a line of one token longer
// than a chunk) at a UTF-8 boundary.
size_t chunk_end(std::string_view data, size_t limit) {
  std::string_view window = data.substr(0, limit);
  if (size_t nl = window.rfind('\n'); nl != std::string_view::npos && nl > limit / 2) return nl + 1;
  if (size_t sp = window.find_last_of(" \t\r"); sp != std::string_view::npos && sp > limit / 2)
    return sp + 1;
  size_t cut = limit;
  if (cut >= data.size()) return data.size();
  while (cut > 0 && (static_cast<unsigned char>(data[cut]) & 0xC0) == 0x80) --cut;
  return cut == 0 ? limit : cut;
}

// Whether `inner` lies inside one of `containers` (sorted by start; findings
// of one type do not nest, so a short walk back from the last one starting at
// or before `inner` suffices).
const Found* container_of(const std::vector<const Found*>& containers, const Found& inner) {
  auto it = std::upper_bound(containers.begin(), containers.end(), inner.accepted.from,
                             [](uint64_t pos, const Found* f) { return pos < f->accepted.from; });
  for (int steps = 0; it != containers.begin() && steps < 4; ++steps) {
    const Found* f = *--it;
    if (f->accepted.to >= inner.accepted.to && f != &inner) return f;
  }
  return nullptr;
}

// The registry's yields_to lists as type indexes, and the URL type's index.
struct Containment {
  std::vector<std::vector<size_t>> yields_to;
  size_t url;
};

const Containment& containment() {
  static const Containment c = [] {
    const auto& types = observable_types();
    Containment result{{}, 0};
    for (size_t t = 0; t < types.size(); ++t) {
      if (types[t].name == "url") result.url = t;
      std::vector<size_t> indexes;
      for (std::string_view name : types[t].yields_to)
        for (size_t u = 0; u < types.size(); ++u)
          if (types[u].name == name) indexes.push_back(u);
      result.yields_to.push_back(std::move(indexes));
    }
    return result;
  }();
  return c;
}

// Returns, in order of position, the findings that are not part of a
// larger one (an IP inside a CIDR, the domain of an e-mail address, a file
// name in a URL path).
std::vector<Found*> resolve_containment(std::vector<Found>& found) {
  const auto& types = observable_types();
  const Containment& rules = containment();
  std::vector<Found*> order;  // sorting pointers: findings are large to move
  order.reserve(found.size());
  for (Found& f : found) order.push_back(&f);
  std::sort(order.begin(), order.end(), [](const Found* a, const Found* b) {
    return a->accepted.from != b->accepted.from ? a->accepted.from < b->accepted.from
                                                : a->accepted.to > b->accepted.to;
  });
  std::vector<std::vector<const Found*>> by_type(types.size());
  for (const Found* f : order) by_type[f->type].push_back(f);
  std::vector<Found*> kept;
  kept.reserve(found.size());
  for (Found* pointer : order) {
    Found& f = *pointer;
    const ObservableType& type = types[f.type];
    bool drop = false;
    for (size_t container : rules.yields_to[f.type])
      if (container_of(by_type[container], f)) drop = true;
    if (!drop && type.inside_url != InsideUrl::kKeep && f.type != rules.url) {
      if (const Found* url = container_of(by_type[rules.url], f)) {
        bool is_host =
            f.accepted.from == url->accepted.host_from && f.accepted.to == url->accepted.host_to;
        drop = type.inside_url == InsideUrl::kDrop || !is_host;
      }
    }
    if (!drop) kept.push_back(pointer);
  }
  return kept;
}

}  // namespace

void ObservableStream::feed(std::string_view bytes) {
  // A remainder from the last call is completed up to its line's end and
  // scanned alone, so that the new bytes can be scanned where they lie:
  // only short remainders are ever copied.
  if (!pending_.empty()) {
    size_t nl = bytes.find('\n');
    if (nl == std::string_view::npos || pending_.size() + nl + 1 > options_.chunk_bytes) {
      pending_.append(bytes);
      scan_pending(options_.chunk_bytes);
      return;
    }
    pending_.append(bytes.substr(0, nl + 1));
    bytes.remove_prefix(nl + 1);
    scan_pending(0);
  }
  find_chunk_ends(bytes);
  scan_chunks(bytes);
  pending_.assign(bytes.substr(ends_.empty() ? 0 : ends_.back()));
}

// Scans pending_: whole chunks while it holds at least `keep` bytes, or all
// of it when `keep` is 0.
void ObservableStream::scan_pending(size_t keep) {
  while (!pending_.empty() && (keep == 0 || pending_.size() >= keep)) {
    size_t end = keep == 0 ? pending_.size() : chunk_end(pending_, options_.chunk_bytes);
    scan_chunk(std::string_view(pending_).substr(0, end));
    scanned_ += end;
    pending_.erase(0, end);
  }
}

void ObservableStream::find_chunk_ends(std::string_view bytes) {
  ends_.clear();
  size_t at = 0;
  while (bytes.size() - at >= options_.chunk_bytes) {
    at += chunk_end(bytes.substr(at), options_.chunk_bytes);
    ends_.push_back(at);
  }
}

void ObservableStream::judge() {
  for (; judged_ < found_.size(); ++judged_)
    found_[judged_].benign = benign_reason(found_[judged_], options_.site);
}

Findings ObservableStream::finish() {
  scan_pending(0);
  judge();
  Findings findings;
  findings.bytes = scanned_;
  findings.observables.assign(std::make_move_iterator(found_.begin()),
                              std::make_move_iterator(found_.end()));
  found_.clear();
  found_types_.clear();
  judged_ = 0;
  index_.clear();
  return findings;
}

void ObservableStream::scan_chunk(std::string_view chunk) {
  engine_->refanger.refang_into(chunk, refanged_);
  ScanContext ctx{refanged_.view(), &refanged_};
  collect_candidates(ctx);
  const auto& types = observable_types();
  found_scratch_.clear();
  for (const auto& [t, c] : candidates_)
    if (auto accepted = types[t].validate(ctx, c))
      found_scratch_.push_back({t, std::move(*accepted)});
  // Hash every finding first and prefetch its slot in the index, then record
  // them: the index lookups then overlap instead of waiting in turn.
  std::vector<Found*> kept = resolve_containment(found_scratch_);
  std::erase_if(kept, [&](const Found* f) { return !wanted_[f->type]; });
  hashes_.clear();
  for (const Found* f : kept) {
    hashes_.push_back(ObservableIndex::hash(f->type, f->accepted.value));
    index_.prefetch(hashes_.back());
  }
  for (size_t i = 0; i < kept.size(); ++i) record(*kept[i], hashes_[i], chunk);
}

// Matches arrive in order of their end. Each is expanded to its whole token;
// a match ending inside the token last expanded for its type adds nothing, so
// every token is expanded and judged once. Types sharing a pattern and an
// extent share the expansion.
void ObservableStream::collect_candidates(const ScanContext& ctx) {
  const auto& types = observable_types();
  std::vector<Candidate> last(types.size(), Candidate{0, 0});
  std::vector<bool> seen(types.size(), false);
  candidates_.clear();
  auto on_match = [&](const text::PatternMatch& m) {
    Extent expanded_with = nullptr;
    Candidate expanded{0, 0};
    for (size_t t : engine_->types_of_pattern[m.id]) {
      if (seen[t] && m.to <= last[t].to && m.to > last[t].from) continue;
      if (types[t].extent != expanded_with) {
        expanded_with = types[t].extent;
        expanded = expanded_with(ctx.text, m.to);
      }
      if (seen[t] && expanded.from == last[t].from && expanded.to == last[t].to) continue;
      seen[t] = true;
      last[t] = expanded;
      candidates_.emplace_back(t, expanded);
    }
  };
  engine_->scanner->scan(ctx.text, on_match);
  for (const Extractor::Engine::FinderPattern& f : engine_->finders) {
    struct Sink {
      decltype(on_match)& report;
      unsigned id;
    } sink{on_match, f.id};
    f.finder(
        ctx.text,
        [](uint64_t end, void* raw) {
          auto* to = static_cast<Sink*>(raw);
          to->report(text::PatternMatch{to->id, end, end});
        },
        &sink);
  }
}

size_t ObservableStream::find_recorded(uint64_t hash, size_t type, std::string_view value) const {
  return index_.find(hash,
                     [&](size_t i) { return found_types_[i] == type && found_[i].value == value; });
}

namespace {

void add_flag(Observable& o, std::string&& flag) {
  if (std::find(o.flags.begin(), o.flags.end(), flag) == o.flags.end())
    o.flags.push_back(std::move(flag));
}

}  // namespace

// Adds one finding to the observables: a new one with its sentence, or
// another occurrence of one already seen.
void ObservableStream::record(Found& f, uint64_t hash, std::string_view chunk) {
  Span local = refanged_.to_original(f.accepted.from, f.accepted.to);
  bool defanged = refanged_.rewritten(f.accepted.from, f.accepted.to);
  size_t at = find_recorded(hash, f.type, f.accepted.value);
  if (at == ObservableIndex::kNone) {
    Observable o;
    o.type = std::string(observable_types()[f.type].name);
    o.value = std::move(f.accepted.value);
    o.unicode = std::move(f.accepted.unicode);
    if (options_.explain) o.rule = f.accepted.rule + f.accepted.note;
    Span s = text::sentence_around(chunk, local.start);
    o.context = text::printable_sentence(chunk.substr(s.start, s.end - s.start),
                                         local.start > s.start ? local.start - s.start : 0);
    at = found_.size();
    found_.push_back(std::move(o));
    found_types_.push_back(f.type);
    index_.insert(hash, at);
  }
  Observable& o = found_[at];
  o.defanged = o.defanged || defanged;
  ++o.count;
  if (o.spans.size() < options_.max_spans)
    o.spans.push_back({scanned_ + local.start, scanned_ + local.end});
  for (std::string& flag : f.accepted.flags) add_flag(o, std::move(flag));
}

void ObservableStream::absorb(ObservableStream& later) {
  judge();
  for (size_t i = 0; i < later.found_.size(); ++i) {
    Observable& o = later.found_[i];
    size_t type = later.found_types_[i];
    uint64_t hash = ObservableIndex::hash(type, o.value);
    size_t at = find_recorded(hash, type, o.value);
    if (at == ObservableIndex::kNone) {
      index_.insert(hash, found_.size());
      found_.push_back(std::move(o));
      found_types_.push_back(type);
      continue;
    }
    // Seen first here: this occurrence's sentence and rule stay.
    Observable& into = found_[at];
    into.defanged = into.defanged || o.defanged;
    into.count += o.count;
    for (const Span& span : o.spans) {
      if (into.spans.size() >= options_.max_spans) break;
      into.spans.push_back(span);
    }
    size_t flags = into.flags.size();
    for (std::string& flag : o.flags) add_flag(into, std::move(flag));
    if (into.flags.size() != flags) into.benign = benign_reason(into, options_.site);
  }
  judged_ = found_.size();
  scanned_ = later.scanned_;
}

}  // namespace osprey::observables
