// A story: one event as several outlets reported it, with every source.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "osprey/analyze/key_terms.h"

namespace osprey::analyze {

// One source of a story: an article, or a republication of one.
struct StoryMember {
  int64_t article_id = 0;  // the store's article id; never 0
  std::string outlet;      // domain of the URL without "www." (see outlet_of)
  std::string url;
  std::string title;
  int64_t published_at = 0;  // Unix seconds, UTC
  int64_t duplicate_of = 0;  // non-zero: a copy of that article, another source of it
};

// A key term of a story's profile: how many of its articles have it.
struct StoryTerm {
  std::string key;        // KeyTerm::key
  uint64_t hash = 0;      // term_hash(key): the profile's sort order
  uint32_t articles = 0;  // member articles (copies excluded) with the term
  uint32_t titles = 0;    // of which in the title (words)
  float idf = 0;          // the term's IDF when the story last changed
  TermKind kind = TermKind::kWord;
};

struct Story {
  int64_t id = 0;          // 0 until the index stores it
  std::string title;       // the title of its earliest article
  int64_t first_seen = 0;  // earliest publication time of a member, Unix seconds
  int64_t last_seen = 0;   // latest
  uint32_t articles = 0;   // distinct articles; copies are sources of an article, not articles
  std::vector<StoryMember> members;  // in the order they were assigned
  std::vector<StoryTerm> terms;      // profile, by (hash, key); bounded (ClusterOptions)
  double content_norm = 0;  // Euclidean norm of the profile's content vector (see story_score.h)
};

// The outlet of a URL: its host, lower case, without "www." and port; the
// whole string lower-cased when it has no scheme.
std::string outlet_of(std::string_view url);

}  // namespace osprey::analyze
