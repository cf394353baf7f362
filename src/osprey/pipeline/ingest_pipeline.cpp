#include "osprey/pipeline/ingest_pipeline.h"

#include <ctime>

#include "osprey/analyze/fingerprint.h"
#include "osprey/ingest/feed/feed.h"
#include "osprey/ingest/html/article_reader.h"
#include "osprey/ingest/pdf_reader.h"
#include "osprey/ingest/text_reader.h"
#include "osprey/pipeline/document_kind.h"
#include "osprey/pipeline/watch_alerts.h"
#include "osprey/store/compression.h"

namespace osprey::pipeline {
namespace {

bool is_http(const std::string& url) {
  return url.starts_with("http://") || url.starts_with("https://");
}

// A feed item's HTML body read as an article fragment.
Article item_article(const ingest::FeedItem& item, const Document& feed_doc,
                     const std::string& source, std::string* html) {
  *html = item.content.empty() ? item.summary : item.content;
  Article article;
  if (!html->empty()) {
    Document fragment;
    fragment.url = item.link.empty() ? feed_doc.url : item.link;
    fragment.final_url = fragment.url;
    fragment.content_type = "text/html";
    fragment.charset = "utf-8";
    fragment.body = "<html><body><article>" + *html + "</article></body></html>";
    auto read = ingest::read_article(fragment);
    if (read.ok()) article = std::move(read.value());
  }
  article.source = source;
  article.url = item.link;
  article.guid = item.id;
  article.title = item.title;
  article.authors = item.authors;
  article.published = item.published.empty() ? item.updated : item.published;
  article.published_at = item.published_at ? item.published_at : item.updated_at;
  article.kind = "feed";
  article.canonical_url.clear();  // a fragment has none of its own
  return article;
}

}  // namespace

void IngestReport::add(const IngestReport& other) {
  created += other.created;
  versioned += other.versioned;
  unchanged += other.unchanged;
  failed += other.failed;
  alerts += other.alerts;
  errors.insert(errors.end(), other.errors.begin(), other.errors.end());
  warnings.insert(warnings.end(), other.warnings.begin(), other.warnings.end());
}

IngestPipeline::IngestPipeline(store::Store& store, const analyze::Analyzer& analyzer,
                               ingest::Fetcher* fetcher, IngestOptions options)
    : store_(store),
      analyzer_(analyzer),
      fetcher_(fetcher),
      options_(options),
      clusterer_(store.story_index()) {}

Result<int64_t> IngestPipeline::assign_story(const store::ArticleInput& input, int64_t id,
                                             int64_t now) {
  // Clustering needs a time: an undated article counts from when it was read.
  Article dated = input.article;
  if (dated.published_at == 0) dated.published_at = now;
  analyze::ArticleFingerprint fp = analyze::make_fingerprint(dated, input.findings);
  analyze::StoryMember member{id,
                              analyze::outlet_of(dated.url.empty() ? dated.source : dated.url),
                              dated.url,
                              dated.title,
                              dated.published_at,
                              0};
  analyze::Assignment assignment = clusterer_.assign(member, fp);
  if (std::string error = store_.take_story_index_error(); !error.empty()) return Error{error};
  store::Analysis analysis = input.analysis;
  analysis.story_id = assignment.story_id;
  analysis.duplicate_of = assignment.duplicate_of;
  analysis.fingerprint = analyze::to_bytes(fp);
  auto updated = store_.update_analysis(id, analysis);
  if (!updated.ok()) return updated.error();
  return assignment.story_id;
}

store::ArticleInput IngestPipeline::analyse(Article article, Document raw,
                                            std::vector<std::string>& warnings) const {
  store::ArticleInput input;
  input.findings = analyzer_.analyze(article);
  Relevance relevance = analyzer_.triage(article, input.findings);
  input.analysis.relevance_score = relevance.score;
  input.analysis.relevance_label = relevance.label;
  input.analysis.relevance_reasons = relevance.reasons;
  if (article.language.empty() && relevance.language != "und") {
    article.language = relevance.language;
  }
  for (const std::string& w : article.warnings) {
    warnings.push_back((article.url.empty() ? article.source : article.url) + ": " + w);
  }
  input.article = std::move(article);
  input.raw = std::move(raw);
  return input;
}

void IngestPipeline::write(store::ArticleInput input, IngestReport& report) {
  store::PutOutcome outcome;
  int alerts = 0;
  auto stored = store_.transaction([&]() -> Result<bool> {
    if (!watchlists_) {
      auto watchlists = store_.list_watchlists();
      if (!watchlists.ok()) return watchlists.error();
      watchlists_ = std::move(watchlists.value());
    }
    auto put = store_.put_article(input);
    if (!put.ok()) return put.error();
    outcome = put.value();
    if (outcome.kind == store::PutKind::unchanged) return true;  // a re-sighting: nothing new
    int64_t now = static_cast<int64_t>(std::time(nullptr));
    int64_t story_id = 0;  // a new version keeps the story it had
    if (outcome.kind == store::PutKind::created) {
      auto story = assign_story(input, outcome.id, now);
      if (!story.ok()) return story.error();
      story_id = story.value();
    }
    auto raised = record_alerts(store_, *watchlists_, input, outcome.id, story_id, now);
    if (!raised.ok()) return raised.error();
    alerts = raised.value();
    return true;
  });
  if (!stored.ok()) {
    ++report.failed;
    report.errors.push_back((input.article.url.empty() ? input.article.source : input.article.url) +
                            ": " + stored.error().message);
    return;
  }
  report.alerts += alerts;
  switch (outcome.kind) {
    case store::PutKind::created:
      ++report.created;
      break;
    case store::PutKind::versioned:
      ++report.versioned;
      break;
    case store::PutKind::unchanged:
      ++report.unchanged;
      break;
  }
}

IngestReport IngestPipeline::store_article(Article article, const Document& raw) {
  IngestReport report;
  store::ArticleInput input = analyse(std::move(article), raw, report.warnings);
  write(std::move(input), report);
  return report;
}

Result<PreparedDocument> IngestPipeline::prepare(Document doc, const std::string& source) const {
  PreparedDocument prepared;
  prepared.source = source;
  prepared.kind = classify(doc);
  Result<Article> article = Error{""};
  switch (prepared.kind) {
    case DocumentKind::kFeed:
      prepared.feed = std::move(doc);
      return prepared;
    case DocumentKind::kHtml:
      article = ingest::read_article(doc);
      break;
    case DocumentKind::kPdf:
      article = ingest::read_pdf(doc);
      break;
    case DocumentKind::kText:
      article = ingest::read_text(doc);
      break;
    case DocumentKind::kOpml:
      return Error{doc.url +
                   ": a list of subscriptions (OPML), not articles; use osprey feeds import"};
  }
  if (!article.ok()) return article.error();
  article.value().source = source;
  prepared.input = analyse(std::move(article.value()), std::move(doc), prepared.warnings);
  if (!prepared.input.raw.body.empty())
    prepared.input.raw_compressed = store::compress(prepared.input.raw.body);
  return prepared;
}

Result<IngestReport> IngestPipeline::store_prepared(PreparedDocument prepared) {
  watchlists_.reset();
  if (prepared.kind == DocumentKind::kFeed) return ingest_feed(prepared.feed, prepared.source);
  IngestReport report;
  report.warnings = std::move(prepared.warnings);
  write(std::move(prepared.input), report);
  report.kind = std::string(kind_name(prepared.kind));
  return report;
}

Result<IngestReport> IngestPipeline::ingest(const Document& doc, const std::string& source) {
  auto prepared = prepare(doc, source);
  if (!prepared.ok()) return prepared.error();
  return store_prepared(std::move(prepared.value()));
}

Result<IngestReport> IngestPipeline::ingest_feed(const Document& doc, const std::string& source) {
  watchlists_.reset();
  auto feed = ingest::parse_feed(doc);
  if (!feed.ok()) return feed.error();
  IngestReport report;
  report.kind = "feed";
  for (const std::string& w : feed.value().warnings) report.warnings.push_back(source + ": " + w);

  // Items are read from the feed first; those that carry only a summary
  // have their pages fetched in one polite batch.
  std::vector<Article> articles;
  std::vector<Document> raws;
  std::vector<ingest::FetchRequest> pages;
  std::vector<size_t> page_owner;
  for (const ingest::FeedItem& item : feed.value().items) {
    std::string html;
    Article article = item_article(item, doc, source, &html);
    Document raw;
    raw.url = item.link.empty() ? source : item.link;
    raw.final_url = raw.url;
    raw.content_type = "text/html";
    raw.charset = "utf-8";
    raw.fetched_at = doc.fetched_at;
    raw.body = html;
    if (options_.fetch_pages && fetcher_ && is_http(item.link) &&
        article.text.size() < options_.summary_chars) {
      pages.push_back({item.link, "", ""});
      page_owner.push_back(articles.size());
    }
    articles.push_back(std::move(article));
    raws.push_back(std::move(raw));
  }
  if (!pages.empty()) {
    fetcher_->fetch_all(pages, [&](size_t index, ingest::FetchResult&& result) {
      Article& article = articles[page_owner[index]];
      if (!result.ok()) {
        article.warnings.push_back("page not fetched, kept the feed's summary: " + result.error);
        return;
      }
      auto page = ingest::read_article(result.doc);
      if (!page.ok() || page.value().text.size() <= article.text.size()) {
        article.warnings.push_back("the page had no more text than the feed's summary");
        return;
      }
      // The page's text and metadata, the feed's identity for the item.
      Article& read = page.value();
      article.text = std::move(read.text);
      article.canonical_url = std::move(read.canonical_url);
      if (article.title.empty()) article.title = read.title;
      if (article.authors.empty()) article.authors = read.authors;
      if (article.published_at == 0) {
        article.published = read.published;
        article.published_at = read.published_at;
      }
      article.language = read.language;
      article.site_name = read.site_name;
      article.kind = "html";
      raws[page_owner[index]] = std::move(result.doc);
    });
  }
  // One commit for the whole feed: each item still has its own savepoint, so
  // a bad item is rolled back alone and the others are kept.
  auto committed = store_.transaction([&]() -> Result<bool> {
    for (size_t i = 0; i < articles.size(); ++i) {
      report.add(store_article(std::move(articles[i]), raws[i]));
    }
    return true;
  });
  if (!committed.ok()) return Error{source + ": " + committed.error().message};
  return report;
}

Result<store::PutKind> IngestPipeline::reprocess(int64_t id) {
  auto stored = store_.get_article(id);
  if (!stored.ok()) return stored.error();
  Article article = stored.value().article;
  auto raw = store_.raw_document(id);
  if (raw.ok()) {
    Result<Article> read = Error{""};
    switch (classify(raw.value())) {
      case DocumentKind::kPdf:
        read = ingest::read_pdf(raw.value());
        break;
      case DocumentKind::kText:
        read = ingest::read_text(raw.value());
        break;
      default:  // pages, and the HTML body a feed item carried
        read = ingest::read_article(raw.value());
        break;
    }
    if (read.ok() && !read.value().text.empty()) {
      article.text = std::move(read.value().text);
      if (article.title.empty()) article.title = read.value().title;
      article.warnings = read.value().warnings;
    }
  }
  store::ArticleInput input;
  input.findings = analyzer_.analyze(article);
  Relevance relevance = analyzer_.triage(article, input.findings);
  input.analysis = stored.value().analysis;
  input.analysis.relevance_score = relevance.score;
  input.analysis.relevance_label = relevance.label;
  input.analysis.relevance_reasons = relevance.reasons;
  input.article = std::move(article);
  if (raw.ok()) input.raw = std::move(raw.value());
  store::PutKind kind = store::PutKind::unchanged;
  auto done = store_.transaction([&]() -> Result<bool> {
    if (input.article.text != stored.value().article.text) {
      auto put = store_.put_article(input);
      if (!put.ok()) return put.error();
      kind = put.value().kind;
    }
    return store_.update_findings(id, input.findings, input.analysis);
  });
  if (!done.ok()) return done.error();
  return kind;
}

}  // namespace osprey::pipeline
