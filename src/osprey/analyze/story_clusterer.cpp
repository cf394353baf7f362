#include "osprey/analyze/story_clusterer.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>
#include <unordered_set>

#include "osprey/analyze/sketches.h"

namespace osprey::analyze {
namespace {

// Distance in seconds from `t` to the span [first, last].
int64_t gap_to(const Story& story, int64_t t) {
  if (t < story.first_seen) return story.first_seen - t;
  if (t > story.last_seen) return t - story.last_seen;
  return 0;
}

// The order in which an article's terms are looked up: strong terms by
// rarity, then words and weak entities by weight.
std::vector<const WeightedTerm*> lookup_order(const ArticleProfile& profile, size_t limit) {
  std::vector<const WeightedTerm*> order;
  for (const WeightedTerm& w : profile.terms) order.push_back(&w);
  std::sort(order.begin(), order.end(), [](const WeightedTerm* a, const WeightedTerm* b) {
    bool sa = is_strong(a->term->kind), sb = is_strong(b->term->kind);
    if (sa != sb) return sa;
    return sa ? a->rarity > b->rarity : a->weight > b->weight;
  });
  if (order.size() > limit) order.resize(limit);
  return order;
}

std::string describe_score(const StoryScore& s) {
  char line[128];
  std::snprintf(line, sizeof line, "content %.2f, entities %.2f, time %.2f: score %.2f", s.content,
                s.entities, s.time, s.total);
  std::string out = line;
  if (!s.shared.empty()) {
    out += "; shared";
    for (const std::string& key : s.shared) out += " " + key;
  }
  return out;
}

}  // namespace

struct StoryClusterer::Candidate {
  int64_t story_id = 0;
  double weight = 0;  // summed IDF of the looked-up terms that found it
  size_t last_term = SIZE_MAX;
};

StoryClusterer::StoryClusterer(StoryIndex& index, ClusterOptions options)
    : index_(&index), options_(std::move(options)) {
  size_t permutations = FingerprintOptions{}.permutations;
  options_.rows = std::clamp<size_t>(options_.rows, 1, permutations);
  if (options_.bands * options_.rows > permutations) options_.bands = permutations / options_.rows;
}

std::vector<uint64_t> StoryClusterer::band_keys(const ArticleFingerprint& fp) const {
  std::vector<uint64_t> keys;
  if (fp.shingles == 0) return keys;
  for (size_t b = 0; b < options_.bands && (b + 1) * options_.rows <= fp.minhash.size(); ++b)
    keys.push_back(band_key(fp.minhash, b, options_.rows));
  return keys;
}

bool StoryClusterer::find_copy(const ArticleFingerprint& fp, const Posting& hit, Assignment& out,
                               std::unordered_set<int64_t>& compared) const {
  if (!compared.insert(hit.article_id).second) return false;
  auto other = index_->fingerprint(hit.article_id);
  if (!other) return false;
  DuplicateVerdict v = compare_texts(fp, *other, options_.duplicates);
  if (!v.duplicate) return false;
  // The most complete match wins; on a tie, the first found (the content
  // hash, then the newest band posting).
  if (out.kind != Assignment::Kind::kDuplicate || v.containment > out.score) {
    out.kind = Assignment::Kind::kDuplicate;
    out.duplicate_of = hit.article_id;
    out.story_id = hit.story_id;
    out.score = v.containment;
    out.reasons = {"copy of article " + std::to_string(hit.article_id) + ": " + v.reason};
  }
  return true;
}

Assignment StoryClusterer::decide(const ArticleFingerprint& fp) const {
  ArticleProfile profile;
  return decide(fp, profile);
}

Assignment StoryClusterer::decide(const ArticleFingerprint& fp, ArticleProfile& profile) const {
  Assignment a;
  const int64_t t = fp.published_at;
  std::unordered_set<int64_t> compared;  // article ids compared for copying
  std::unordered_map<int64_t, Candidate> stories;
  const bool comparable = fp.shingles >= options_.duplicates.min_shingles;

  // Copies: the same normalised text, or a shared LSH band key.
  std::vector<Posting> hits;
  if (comparable) {
    index_->find_by_content_hash(fp.content_hash, hits);
    for (uint64_t key : band_keys(fp))
      index_->find_by_band(key, t - options_.duplicate_window, t + options_.duplicate_window,
                           options_.postings_per_lookup, hits);
  }
  a.postings += hits.size();
  for (const Posting& hit : hits) {
    find_copy(fp, hit, a, compared);
    stories[hit.story_id].story_id = hit.story_id;
  }
  if (a.kind == Assignment::Kind::kDuplicate) {
    a.candidates = compared.size();
    return a;
  }

  // Stories with an article sharing a key term within the window.
  profile = profile_article(fp, *index_, options_.scoring);
  std::vector<const WeightedTerm*> lookups = lookup_order(profile, options_.lookup_terms);
  for (size_t i = 0; i < lookups.size(); ++i) {
    hits.clear();
    index_->find_by_term(lookups[i]->term->key, t - options_.window, t + options_.window,
                         options_.postings_per_lookup, hits);
    a.postings += hits.size();
    for (const Posting& hit : hits) {
      Candidate& c = stories[hit.story_id];
      c.story_id = hit.story_id;
      if (c.last_term == i) continue;
      c.last_term = i;
      c.weight += lookups[i]->idf;
    }
  }
  std::vector<Candidate> ranked;
  ranked.reserve(stories.size());
  for (const auto& [id, c] : stories) ranked.push_back(c);
  std::sort(ranked.begin(), ranked.end(), [](const Candidate& x, const Candidate& y) {
    return x.weight != y.weight ? x.weight > y.weight : x.story_id < y.story_id;
  });
  if (ranked.size() > options_.max_candidates) ranked.resize(options_.max_candidates);

  // Score each candidate; a copy found among its members wins over any join.
  StoryScore best;
  int64_t best_story = 0;
  for (size_t rank = 0; rank < ranked.size(); ++rank) {
    auto story = index_->story(ranked[rank].story_id);
    if (!story) continue;
    ++a.candidates;
    // A copy shares the original's key terms, so its story ranks first: the
    // members of the top few are compared in case LSH missed the copy.
    if (comparable && rank < options_.copy_check_stories) {
      size_t checked = 0;
      for (auto m = story->members.rbegin();
           m != story->members.rend() && checked < options_.members_checked; ++m) {
        if (m->duplicate_of != 0) continue;
        ++checked;
        find_copy(fp, Posting{m->published_at, story->id, m->article_id}, a, compared);
      }
    }
    int64_t span = std::max(story->last_seen, t) - std::min(story->first_seen, t);
    if (span > options_.max_story_span) continue;
    StoryScore s =
        score_story(profile, *story, gap_to(*story, t), options_.window, options_.scoring);
    if (best_story == 0 || (s.joins && !best.joins) ||
        (s.joins == best.joins && s.total > best.total)) {
      best = s;
      best_story = story->id;
    }
  }
  a.candidates += compared.size();
  if (a.kind == Assignment::Kind::kDuplicate) return a;
  a.score = best.total;
  if (best_story != 0 && best.joins) {
    a.kind = Assignment::Kind::kJoined;
    a.story_id = best_story;
    a.reasons = {"joins story " + std::to_string(best_story) + ": " + describe_score(best)};
  } else if (best_story != 0) {
    a.reasons = {"closest story " + std::to_string(best_story) +
                 " not joined: " + describe_score(best)};
  } else {
    a.reasons = {"no candidate story within the window"};
  }
  return a;
}

void StoryClusterer::add_to_story(Story& story, StoryMember member, const ArticleFingerprint& fp,
                                  const ArticleProfile& profile) const {
  const int64_t t = fp.published_at;
  if (story.articles == 0 || t < story.first_seen) story.title = member.title;
  story.first_seen = story.members.empty() ? t : std::min(story.first_seen, t);
  story.last_seen = story.members.empty() ? t : std::max(story.last_seen, t);
  ++story.articles;
  // Merge the article's terms into the profile; both are sorted by (hash, key).
  auto order = [](const StoryTerm& a, const StoryTerm& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.key < b.key;
  };
  size_t old_size = story.terms.size();
  for (const WeightedTerm& w : profile.terms) {
    StoryTerm probe;
    probe.hash = w.hash;
    probe.key = w.term->key;
    auto it = std::lower_bound(story.terms.begin(), story.terms.begin() + old_size, probe, order);
    if (it == story.terms.begin() + old_size || it->hash != w.hash || it->key != probe.key) {
      story.terms.push_back(std::move(probe));
      it = story.terms.end() - 1;
    }
    ++it->articles;
    it->titles += w.term->in_title ? 1 : 0;
    it->idf = static_cast<float>(w.idf);
    it->kind = w.term->kind;
  }
  if (story.terms.size() > options_.max_story_terms) {
    // Keep the terms that weigh most: those most articles share, rare ones first.
    auto heavier = [](const StoryTerm& a, const StoryTerm& b) {
      return a.articles * static_cast<double>(a.idf) > b.articles * static_cast<double>(b.idf);
    };
    std::nth_element(story.terms.begin(), story.terms.begin() + options_.max_story_terms,
                     story.terms.end(), heavier);
    story.terms.resize(options_.max_story_terms);
  }
  std::sort(story.terms.begin(), story.terms.end(), order);
  update_content_norm(story, options_.scoring);
  story.members.push_back(std::move(member));
}

Assignment StoryClusterer::assign(StoryMember member, const ArticleFingerprint& fp) {
  ArticleProfile profile;
  Assignment a = decide(fp, profile);
  member.published_at = fp.published_at;
  if (a.kind == Assignment::Kind::kDuplicate) {
    auto original = index_->story(a.story_id);
    if (original) {
      Story story = *original;
      member.duplicate_of = a.duplicate_of;
      story.first_seen = std::min(story.first_seen, member.published_at);
      story.last_seen = std::max(story.last_seen, member.published_at);
      story.members.push_back(std::move(member));
      index_->put_story(std::move(story));
      return a;
    }
    // The original's story is gone (it cannot be, in a consistent index):
    // keep the article as a story of its own rather than lose it.
    a = Assignment{};
    a.reasons = {"copy of a vanished article's story"};
    profile = profile_article(fp, *index_, options_.scoring);
  }
  Story story;
  if (a.kind == Assignment::Kind::kJoined) story = *index_->story(a.story_id);
  int64_t article_id = member.article_id;
  add_to_story(story, std::move(member), fp, profile);
  a.story_id = index_->put_story(std::move(story));
  index_->index_article(article_id, a.story_id, fp, band_keys(fp));
  return a;
}

}  // namespace osprey::analyze
