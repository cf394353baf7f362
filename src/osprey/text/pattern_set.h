// A set of regular expressions compiled once into one Hyperscan database and
// matched in a single pass over the text. Compiled databases are cached on
// disk, keyed by the patterns and the Hyperscan version, so start-up costs a
// file read rather than a compile.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "osprey/model/result.h"

namespace osprey::text {

struct Pattern {
  std::string expression;  // Hyperscan (PCRE subset) syntax, or a literal
  bool caseless = true;
  unsigned id = 0;       // reported back with each match
  bool literal = false;  // the expression is a plain string (all patterns of a set must agree)
};

// A match: pattern id and [from, to) in the scanned text. `from` is the
// leftmost possible start for that end when the set reports starts
// (Hyperscan's SOM_LEFTMOST), else equal to `to`.
struct PatternMatch {
  unsigned id;
  uint64_t from;
  uint64_t to;
};

class PatternSet {
 public:
  // Compiles (or loads from the cache) the patterns. Fails with a message
  // naming the offending pattern when one does not compile.
  // Reporting starts costs speed and is refused for complex patterns; sets
  // that need only ends leave it off and find starts themselves.
  static Result<std::unique_ptr<PatternSet>> compile(const std::vector<Pattern>& patterns,
                                                     bool report_start);

  ~PatternSet();
  PatternSet(const PatternSet&) = delete;
  PatternSet& operator=(const PatternSet&) = delete;

  // Calls on_match(const PatternMatch&) for every match, in order of match
  // end. Safe to call from several threads at once: each scan borrows a
  // Hyperscan scratch area from the set's pool and gives it back, so a scan
  // allocates none once the set has served as many scans at a time.
  template <typename OnMatch>
  void scan(std::string_view text, OnMatch&& on_match) const {
    scan_raw(
        text,
        [](const PatternMatch& m, void* ctx) {
          (*static_cast<std::remove_reference_t<OnMatch>*>(ctx))(m);
        },
        &on_match);
  }

  // Whether this set was loaded from the on-disk cache (for tests and --verbose).
  bool from_cache() const { return from_cache_; }

 private:
  PatternSet() = default;
  void scan_raw(std::string_view text, void (*on_match)(const PatternMatch&, void*),
                void* ctx) const;
  struct Handles;
  std::unique_ptr<Handles> handles_;
  bool from_cache_ = false;
  bool report_start_ = false;
};

// The folder used for the compiled-pattern cache: $OSPREY_CACHE_DIR, else
// $XDG_CACHE_HOME/osprey, else $HOME/.cache/osprey; empty when none is set.
std::string pattern_cache_dir();

}  // namespace osprey::text
