// Which stored stories an export covers, and their assembly into the plain
// values the exporters read (export/export_model.h).
#pragma once

#include <cstdint>
#include <string>

#include "osprey/export/export_model.h"
#include "osprey/kb/knowledge_base.h"
#include "osprey/model/result.h"
#include "osprey/store/store.h"

namespace osprey::pipeline {

struct ExportSelection {
  int64_t story_id = 0;      // one story; 0 = by the fields below
  int64_t since = 0;         // stories active since (Unix seconds); 0 = all
  std::string entity;        // only articles that mention this entity (a name, alias or id)
  int64_t watchlist_id = 0;  // only the articles this watchlist alerted for; 0 = any
  size_t max_stories = 10000;
};

// Reads the selected stories with their articles' findings. An entity name
// the knowledge base does not know, or a missing story, is an Error. Selected
// by entity or watchlist, a story holds only the selected articles.
Result<exporting::ExportSet> collect_export_set(store::Store& store, const kb::KnowledgeBase* kb,
                                                const ExportSelection& selection,
                                                int64_t generated_at);

}  // namespace osprey::pipeline
