// Incremental story clustering: each new article is a copy of an article
// already seen (another source of it), joins a story, or starts one.
//
//   MemoryStoryIndex index;                 // or the store's StoryIndex
//   StoryClusterer clusterer(index);
//   Assignment a = clusterer.assign(member, make_fingerprint(article, findings));
//
// Only candidates are read: articles sharing an LSH band key (copies) or a
// content hash, and stories with an article sharing one of the article's
// key terms within the time window — each lookup bounded by a limit.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "osprey/analyze/duplicates.h"
#include "osprey/analyze/fingerprint.h"
#include "osprey/analyze/story.h"
#include "osprey/analyze/story_index.h"
#include "osprey/analyze/story_score.h"

namespace osprey::analyze {

struct ClusterOptions {
  DuplicateOptions duplicates;
  StoryScoreOptions scoring;
  int64_t window = 7 * 86400;           // joins only within this many seconds of the story's span
  int64_t max_story_span = 30 * 86400;  // a story never spans longer: later coverage is a new story
  int64_t duplicate_window = 90 * 86400;  // copies are looked for this far either side
  size_t bands = 32;                      // LSH bands of the MinHash signature …
  size_t rows = 4;                        // … of this many rows (bands × rows ≤ permutations)
  size_t lookup_terms = 24;               // key terms looked up: strong ones, then the rarest words
  size_t postings_per_lookup = 200;       // newest postings read per term or band key
  size_t max_candidates = 24;             // stories scored, those sharing the most weight first
  size_t copy_check_stories = 4;          // best-ranked candidate stories whose members are
                                          // compared for copying (beyond the LSH and hash hits)
  size_t members_checked = 16;            // newest members of such a story compared
  size_t max_story_terms = 256;           // profile terms kept per story
};

struct Assignment {
  enum class Kind { kDuplicate, kJoined, kNewStory };
  Kind kind = Kind::kNewStory;
  int64_t story_id = 0;      // the story the article belongs to (for kNewStory: after assign())
  int64_t duplicate_of = 0;  // kDuplicate: the article it copies
  double score = 0;          // kDuplicate: containment; otherwise the best story score
  std::vector<std::string> reasons;
  size_t candidates = 0;  // candidate stories and articles examined
  size_t postings = 0;    // posting entries read
};

class StoryClusterer {
 public:
  // `index` must outlive the clusterer.
  explicit StoryClusterer(StoryIndex& index, ClusterOptions options = {});

  // Where the article belongs, without changing the index.
  Assignment decide(const ArticleFingerprint& fp) const;

  // Decides and records: a copy becomes another source (member with
  // duplicate_of) of its article's story; otherwise the article joins or
  // starts a story and is indexed. `member.article_id` must be new and
  // non-zero; member.published_at is taken from `fp`.
  Assignment assign(StoryMember member, const ArticleFingerprint& fp);

  // The LSH keys of a signature under these options.
  std::vector<uint64_t> band_keys(const ArticleFingerprint& fp) const;

  const ClusterOptions& options() const { return options_; }

 private:
  struct Candidate;
  Assignment decide(const ArticleFingerprint& fp, ArticleProfile& profile) const;
  bool find_copy(const ArticleFingerprint& fp, const Posting& hit, Assignment& out,
                 std::unordered_set<int64_t>& compared) const;
  void add_to_story(Story& story, StoryMember member, const ArticleFingerprint& fp,
                    const ArticleProfile& profile) const;

  StoryIndex* index_;
  ClusterOptions options_;
};

}  // namespace osprey::analyze
