#include "osprey/pipeline/export_selection.h"

#include <algorithm>
#include <map>

namespace osprey::pipeline {
namespace {

exporting::ExportArticle export_article(store::StoredArticle stored) {
  exporting::ExportArticle out;
  out.article = std::move(stored.article);
  out.findings = std::move(stored.findings);
  out.relevance_label = stored.analysis.relevance_label;
  out.relevance_score = stored.analysis.relevance_score;
  return out;
}

// A story with the members that are stored (copies included: each is a
// source of the story).
Result<exporting::ExportStory> story_with_articles(store::Store& store,
                                                   const analyze::Story& story) {
  exporting::ExportStory out;
  out.id = story.id;
  out.title = story.title;
  out.first_seen = story.first_seen;
  out.last_seen = story.last_seen;
  for (const analyze::StoryMember& member : story.members) {
    auto stored = store.get_article(member.article_id);
    if (!stored.ok()) continue;  // a member removed from the store is simply not exported
    out.articles.push_back(export_article(std::move(stored.value())));
  }
  return out;
}

// The articles (published since `since`) grouped by story; an article
// without one is a story of its own.
exporting::ExportSet grouped_by_story(store::Store& store,
                                      std::vector<store::StoredArticle> articles, int64_t since,
                                      exporting::ExportSet set) {
  std::map<int64_t, exporting::ExportStory> stories;
  for (store::StoredArticle& stored : articles) {
    int64_t when = stored.article.published_at ? stored.article.published_at : stored.ingested_at;
    if (since && when < since) continue;
    int64_t key = stored.analysis.story_id ? stored.analysis.story_id : -stored.article.id;
    exporting::ExportStory& story = stories[key];
    if (story.articles.empty()) {
      story.id = std::max<int64_t>(key, 0);
      story.title = stored.article.title;
      story.first_seen = story.last_seen = when;
      if (stored.analysis.story_id) {
        auto full = store.get_story(stored.analysis.story_id);
        if (full.ok()) story.title = full.value().title;
      }
    }
    story.first_seen = std::min(story.first_seen, when);
    story.last_seen = std::max(story.last_seen, when);
    story.articles.push_back(export_article(std::move(stored)));
  }
  for (auto& [key, story] : stories) set.stories.push_back(std::move(story));
  return set;
}

Result<exporting::ExportSet> by_entity(store::Store& store, const kb::KnowledgeBase* kb,
                                       const ExportSelection& selection, exporting::ExportSet set) {
  std::vector<std::string> ids;
  if (kb) {
    auto matches = kb->lookup(selection.entity);
    if (!matches.empty()) ids.push_back(matches.front().entity->id);
  }
  if (ids.empty()) return Error{"no entity named '" + selection.entity + "' in the knowledge base"};
  // Noise is kept here: the exporters leave it out unless asked (--include-noise).
  auto articles = store.articles_with_entity(ids, selection.max_stories * 8, true);
  if (!articles.ok()) return articles.error();
  return grouped_by_story(store, std::move(articles.value()), selection.since, std::move(set));
}

Result<exporting::ExportSet> by_watchlist(store::Store& store, const ExportSelection& selection,
                                          exporting::ExportSet set) {
  auto ids = store.alerted_articles(selection.watchlist_id);
  if (!ids.ok()) return ids.error();
  std::vector<store::StoredArticle> articles;
  for (int64_t id : ids.value()) {
    auto stored = store.get_article(id);
    if (stored.ok()) articles.push_back(std::move(stored.value()));
  }
  return grouped_by_story(store, std::move(articles), selection.since, std::move(set));
}

}  // namespace

Result<exporting::ExportSet> collect_export_set(store::Store& store, const kb::KnowledgeBase* kb,
                                                const ExportSelection& selection,
                                                int64_t generated_at) {
  exporting::ExportSet set;
  set.generated_at = generated_at;
  if (selection.story_id) {
    auto story = store.get_story(selection.story_id);
    if (!story.ok()) return story.error();
    auto assembled = story_with_articles(store, story.value());
    if (!assembled.ok()) return assembled.error();
    set.stories.push_back(std::move(assembled.value()));
    return set;
  }
  if (!selection.entity.empty()) return by_entity(store, kb, selection, std::move(set));
  if (selection.watchlist_id) return by_watchlist(store, selection, std::move(set));
  store::StoryQuery query;
  query.since = selection.since;
  query.limit = selection.max_stories;
  auto stories = store.list_stories(query);
  if (!stories.ok()) return stories.error();
  // Oldest first: an export reads like the news arrived.
  for (auto it = stories.value().rbegin(); it != stories.value().rend(); ++it) {
    auto assembled = story_with_articles(store, *it);
    if (!assembled.ok()) return assembled.error();
    set.stories.push_back(std::move(assembled.value()));
  }
  return set;
}

}  // namespace osprey::pipeline
