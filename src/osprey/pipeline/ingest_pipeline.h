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
#include "osprey/pipeline/document_kind.h"
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

// A document read and analysed but not stored: what ingest() does before
// it writes. A feed is only classified: its items are read, their pages
// fetched and analysed when it is stored.
struct PreparedDocument {
  std::string source;
  DocumentKind kind = DocumentKind::kText;
  Document feed;                      // kFeed: the feed as read
  store::ArticleInput input;          // otherwise: its article, analysed, raw bytes compressed
  std::vector<std::string> warnings;  // the article's repairs, one line each, naming it
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

  // ingest() in two steps, so that many documents can be read and analysed
  // at once while one thread writes. prepare() touches neither the store nor
  // the fetcher: it may run on several threads at once. It fails as ingest()
  // does on a document that is unreadable as a whole.
  // The document's bytes are kept with the article: pass it moved.
  Result<PreparedDocument> prepare(Document doc, const std::string& source) const;
  // Stores what prepare() made; call it on the store's thread, in the order
  // the documents came, as ingest() would have stored them.
  Result<IngestReport> store_prepared(PreparedDocument prepared);

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
  // The article's findings and relevance, ready to store; its repairs go to
  // `warnings`. Pure: safe on any thread.
  store::ArticleInput analyse(Article article, Document raw,
                              std::vector<std::string>& warnings) const;
  // Stores an analysed article, counting what happened in `report`.
  void write(store::ArticleInput input, IngestReport& report);

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
