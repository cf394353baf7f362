// From a document to stored articles: read (feed, page, PDF or text),
// analyse (observables, entities, relations, triage, stories), store. The
// one place where ingest/, analyze/ and store/ meet; the CLI, the poller and
// the server all ingest through it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "osprey/analyze/analyzer.h"
#include "osprey/analyze/story_clusterer.h"
#include "osprey/ingest/fetch/fetcher.h"
#include "osprey/model/article.h"
#include "osprey/model/result.h"
#include "osprey/store/store.h"

namespace osprey::pipeline {

struct IngestOptions {
  // A feed item whose own text is shorter than this is only a summary: its
  // page is fetched (when a fetcher is given) and read instead.
  size_t summary_chars = 600;
  bool fetch_pages = true;
};

// What one ingest call did.
struct IngestReport {
  int created = 0;
  int versioned = 0;
  int unchanged = 0;
  int failed = 0;                     // items that could not be read or stored
  int alerts = 0;                     // watchlist alerts the stored articles raised
  std::vector<std::string> errors;    // one line per failed item, naming it
  std::vector<std::string> warnings;  // repairs: ill-formed feeds, missing text …
  std::string kind;                   // "feed", "html", "pdf", "text"

  int stored() const { return created + versioned; }
  void add(const IngestReport& other);
};

class IngestPipeline {
 public:
  // `fetcher` may be null: then feed items are stored with the text the feed
  // carries. All references must outlive the pipeline.
  IngestPipeline(store::Store& store, const analyze::Analyzer& analyzer, ingest::Fetcher* fetcher,
                 IngestOptions options = {});

  // Reads `doc` and stores every article in it. A feed's items commit
  // together, each within its own savepoint: a failed item is undone alone.
  // `source` names where it came from (the feed URL, the page URL, the file
  // path). Returns an Error only when the document as a whole is unreadable;
  // single bad items are counted in the report and the others still stored.
  Result<IngestReport> ingest(const Document& doc, const std::string& source);

  // Like ingest() for a document that must be a feed (a polled
  // subscription): anything else is an Error naming it.
  Result<IngestReport> ingest_feed(const Document& doc, const std::string& source);

  // Reads a stored article again from its raw bytes (or, without them, its
  // stored text) with today's readers and analysers. A changed text becomes
  // a new version; the findings and relevance are replaced either way; the
  // story is kept. Returns what happened to the text.
  Result<store::PutKind> reprocess(int64_t id);

  // Analyses and stores one article read from `raw`: findings, relevance,
  // (for a new article) its story or the article it copies, and (for a new
  // text) the alerts of the watchlists it matches, all in one transaction.
  IngestReport store_article(Article article, const Document& raw);

 private:
  // Clusters a new article (stored as `id`) into a story and records its
  // analysis; returns the story id.
  Result<int64_t> assign_story(const store::ArticleInput& input, int64_t id, int64_t now);

  store::Store& store_;
  const analyze::Analyzer& analyzer_;
  ingest::Fetcher* fetcher_;
  IngestOptions options_;
  analyze::StoryClusterer clusterer_;
  // Read once per ingest() call: a watchlist added meanwhile applies from the next.
  std::optional<std::vector<Watchlist>> watchlists_;
};

}  // namespace osprey::pipeline
