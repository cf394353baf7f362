// What every format exports, decided once: which articles (noise left out),
// which relations (negated and hedged left out unless asked; hedged ones at
// half confidence), which observables become indicators (benign ones left
// out), each with the evidence sentence. Every exporter loops over a StoryFindings, so the
// formats agree on what a story contains.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "osprey/export/export_model.h"

namespace osprey::exporting {

// True when triage did not call the article noise, or options include noise.
bool article_included(const ExportArticle& article, const ExportOptions& options);

// The relation's exported confidence (0..100), or nullopt when it is left out:
// negated (unless include_negated, then 0), hedged (unless include_hedged,
// then half its confidence), or below min_confidence.
std::optional<int> relation_confidence(const Relation& relation, const ExportOptions& options);

// True when the observable is almost surely not malicious: a benign hint, or
// an address that cannot be an internet indicator (private, loopback,
// documentation, link-local, multicast …).
bool is_benign(const Observable& observable);

// A finding's confidence on the 0..100 scale.
int percent(double confidence);

struct ExportedEntity {
  Mention mention;  // as first seen; confidence is the highest across articles
  std::string sentence;
  int articles = 0;  // in how many of the story's articles it is named
};

struct ExportedObservable {
  Observable observable;  // as first seen
  bool benign = false;
  int64_t first_seen = 0;  // the earliest article's time
  int64_t last_seen = 0;
  std::vector<size_t> articles;  // indexes into StoryFindings::articles
};

struct ExportedRelation {
  Relation relation;
  int confidence = 0;  // 0..100, after hedging
  size_t article = 0;  // the first article stating it (index into StoryFindings::articles)
};

// One story's findings merged across its included articles, in order of
// first appearance, duplicates folded.
// An observable's confidence as an indicator (0..100): 10 when benign, else
// by corroboration: 60 when one article names it, 75 for two, 90 for three or more.
int observable_confidence(const ExportedObservable& observable);

struct StoryFindings {
  const ExportStory* story = nullptr;
  std::vector<const ExportArticle*> articles;  // included articles, in story order
  std::vector<ExportedEntity> entities;
  std::vector<ExportedObservable> observables;  // benign ones only with include_benign
  std::vector<ExportedRelation> relations;
  int64_t first_seen = 0;
  int64_t last_seen = 0;
  std::string story_key;  // "story|<id>", or "article|<url>" for a story without id
};

// The story's findings, or an empty `articles` when every article was left out.
StoryFindings select_story(const ExportStory& story, const ExportOptions& options);

// When an article was published, falling back to the story's first sighting
// and then to `fallback` (the export's generated_at).
int64_t article_time(const ExportArticle& article, const ExportStory& story, int64_t fallback);

// The article's link: canonical URL, else its URL, else its source.
const std::string& article_link(const Article& article);

}  // namespace osprey::exporting
