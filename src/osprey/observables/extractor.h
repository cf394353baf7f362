// Finding indicators in text: the public surface of observables/.
//
//   auto extractor = osprey::observables::Extractor::create();
//   if (!extractor.ok()) …;
//   osprey::Findings f = extractor.value().extract(text);
//
// One multi-pattern scan (Hyperscan) finds candidates for every registered
// type at once; validators run only on candidates. Large inputs are fed in
// pieces to an ObservableStream and scanned in bounded memory.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "osprey/model/observable.h"
#include "osprey/model/result.h"
#include "osprey/observables/candidate.h"
#include "osprey/observables/observable_index.h"
#include "osprey/text/mapped_text.h"

namespace osprey::text {
class PatternSet;
class Refanger;
}  // namespace osprey::text

namespace osprey::observables {

struct ExtractOptions {
  std::string site;                // the article's own domain: marked benign (empty: none)
  std::vector<std::string> types;  // report only these types (empty: all)
  size_t max_spans = 64;           // spans kept per observable; `count` has them all
  size_t chunk_bytes = 1u << 20;   // bytes scanned at a time (cache-sized)
  bool explain = false;            // record in Observable::rule why it was reported
  // Threads that may scan the chunks of one large text, or of one large
  // piece fed to a stream, each its own run of chunks (0: one per core).
  // The findings are the same for any number.
  size_t threads = 1;
};

class ObservableStream;

class Extractor {
 public:
  // Compiles the registry's patterns (or loads them from the cache). Fails
  // only if a pattern does not compile, which is a bug in the registry.
  static Result<Extractor> create();

  // All observables in `text`. Offsets are byte offsets into `text`.
  // Safe to call from several threads at once, as are streams made by one
  // Extractor (the scanner lends each scan a scratch area of its own).
  Findings extract(std::string_view text, const ExtractOptions& options = {}) const;

  // For inputs too large to hold: feed the bytes in pieces of any size.
  ObservableStream stream(const ExtractOptions& options = {}) const;

 private:
  friend class ObservableStream;
  struct Engine;
  explicit Extractor(std::shared_ptr<const Engine> engine) : engine_(std::move(engine)) {}
  std::shared_ptr<const Engine> engine_;
};

// Incremental extraction. Memory stays bounded by the chunk size plus the
// distinct observables found; an indicator is never split between chunks
// (chunks end at a line break, or at white space in a line longer than a
// chunk). Chunks are small enough to stay in cache while every stage runs.
class ObservableStream {
 public:
  void feed(std::string_view bytes);
  // Scans what is left and returns the findings; the stream is then empty.
  Findings finish();

 private:
  friend class Extractor;
  ObservableStream(std::shared_ptr<const Extractor::Engine> engine, ExtractOptions options);
  // Sets ends_ to the ends of the whole chunks at the start of `bytes` (a
  // rest shorter than a chunk is left out).
  void find_chunk_ends(std::string_view bytes);
  // Scans the chunks of `bytes` that ends_ gives, in runs on several threads
  // when there are enough of them (scan_in_runs.cpp).
  void scan_chunks(std::string_view bytes);
  void scan_chunk(std::string_view chunk);
  void scan_pending(size_t keep);
  void collect_candidates(const ScanContext& ctx);
  // `hash`: ObservableIndex::hash of the finding's type and value.
  void record(Found& found, uint64_t hash, std::string_view chunk);
  // The position in found_ of the observable of this type and value, or
  // ObservableIndex::kNone.
  size_t find_recorded(uint64_t hash, size_t type, std::string_view value) const;
  // Sets the benign hint of the observables found since the last call.
  void judge();
  // Takes in the observables of a stream (judged) that scanned the bytes
  // right after this one's; this one's are judged first. The result is
  // what one stream would have found; `later` is left to be discarded.
  void absorb(ObservableStream& later);

  std::shared_ptr<const Extractor::Engine> engine_;
  ExtractOptions options_;
  size_t threads_ = 1;         // options_.threads, 0 resolved
  std::string pending_;        // bytes fed but not yet scanned
  text::MappedText refanged_;  // the chunk being scanned, refanged (memory reused)
  uint64_t scanned_ = 0;       // bytes before pending_
  // Observables in order of first appearance (a deque: growing it never
  // moves them), their type indexes, and an index by type and value.
  std::deque<Observable> found_;
  std::vector<size_t> found_types_;
  size_t judged_ = 0;  // found_ before this have their benign hint
  ObservableIndex index_;
  std::vector<bool> wanted_;  // by type index: ExtractOptions::types
  // Per-chunk work areas, kept to reuse their memory.
  std::vector<std::pair<size_t, Candidate>> candidates_;
  std::vector<Found> found_scratch_;
  std::vector<uint64_t> hashes_;
  std::vector<size_t> ends_;
};

}  // namespace osprey::observables
