#include "osprey/analyze/memory_story_index.h"

#include <algorithm>

#include "osprey/analyze/hashing.h"

namespace osprey::analyze {
namespace {

uint64_t term_key(std::string_view term) {
  return term_hash(term);
}

}  // namespace

void MemoryStoryIndex::insert(PostingList& list, const Posting& p) {
  // Articles arrive mostly in publication order: the place is usually the end.
  if (list.empty() || list.back().published_at <= p.published_at) {
    list.push_back(p);
    return;
  }
  auto it = std::upper_bound(list.begin(), list.end(), p.published_at,
                             [](int64_t t, const Posting& q) { return t < q.published_at; });
  list.insert(it, p);
}

void MemoryStoryIndex::read_newest(const PostingList& list, int64_t from, int64_t to, size_t limit,
                                   std::vector<Posting>& out) {
  auto end = std::upper_bound(list.begin(), list.end(), to,
                              [](int64_t t, const Posting& p) { return t < p.published_at; });
  size_t taken = 0;
  for (auto it = end; it != list.begin() && taken < limit;) {
    --it;
    if (it->published_at < from) break;
    out.push_back(*it);
    ++taken;
  }
  reads_.postings += taken;
}

void MemoryStoryIndex::find_by_content_hash(uint64_t hash, std::vector<Posting>& out) {
  auto it = by_hash_.find(hash);
  if (it == by_hash_.end()) return;
  out.insert(out.end(), it->second.begin(), it->second.end());
  reads_.postings += it->second.size();
}

void MemoryStoryIndex::find_by_band(uint64_t key, int64_t from, int64_t to, size_t limit,
                                    std::vector<Posting>& out) {
  auto it = by_band_.find(key);
  if (it != by_band_.end()) read_newest(it->second, from, to, limit, out);
}

void MemoryStoryIndex::find_by_term(std::string_view term, int64_t from, int64_t to, size_t limit,
                                    std::vector<Posting>& out) {
  auto it = by_term_.find(term_key(term));
  if (it != by_term_.end()) read_newest(it->second, from, to, limit, out);
}

uint64_t MemoryStoryIndex::term_articles(std::string_view term) {
  // Every indexed article with the term has one posting under it.
  auto it = by_term_.find(term_key(term));
  return it == by_term_.end() ? 0 : it->second.size();
}

std::shared_ptr<const Story> MemoryStoryIndex::story(int64_t id) {
  auto it = stories_.find(id);
  if (it == stories_.end()) return nullptr;
  ++reads_.stories;
  return it->second;
}

std::shared_ptr<const ArticleFingerprint> MemoryStoryIndex::fingerprint(int64_t article_id) {
  auto it = fingerprints_.find(article_id);
  if (it == fingerprints_.end()) return nullptr;
  ++reads_.fingerprints;
  return it->second;
}

int64_t MemoryStoryIndex::put_story(Story story) {
  if (story.id == 0) story.id = next_story_++;
  next_story_ = std::max(next_story_, story.id + 1);
  int64_t id = story.id;
  stories_[id] = std::make_shared<const Story>(std::move(story));
  return id;
}

void MemoryStoryIndex::index_article(int64_t article_id, int64_t story_id,
                                     const ArticleFingerprint& fp,
                                     const std::vector<uint64_t>& band_keys) {
  Posting p{fp.published_at, story_id, article_id};
  fingerprints_[article_id] = std::make_shared<const ArticleFingerprint>(fp);
  if (fp.content_hash != 0) insert(by_hash_[fp.content_hash], p);
  for (uint64_t key : band_keys) insert(by_band_[key], p);
  for (const KeyTerm& term : fp.terms) insert(by_term_[term_key(term.key)], p);
  ++articles_;
}

}  // namespace osprey::analyze
