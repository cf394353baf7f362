// What every exporter reads: stories of articles with their findings, as the
// CLI (or the server) assembles them from the store, and the options shared
// by all output formats. Plain values; the exporters are pure functions from
// these to bytes (stix.h, misp.h, navigator.h, tabular.h, digest.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "osprey/model/article.h"
#include "osprey/model/observable.h"

namespace osprey::kb {
class KnowledgeBase;
}

namespace osprey::exporting {

// One article with what was found in it and how triage judged it.
struct ExportArticle {
  Article article;
  Findings findings;            // observables, entities, relations
  std::string relevance_label;  // "security" | "borderline" | "noise"; empty = not triaged
  double relevance_score = -1;  // 0..1; -1 = not triaged
};

// One event across outlets. An article that belongs to no story is exported
// as a story of its own (id 0 is allowed; the exporters then key the story by
// its first article's URL).
struct ExportStory {
  int64_t id = 0;
  std::string title;
  int64_t first_seen = 0;  // Unix seconds, UTC
  int64_t last_seen = 0;   // Unix seconds, UTC
  std::vector<ExportArticle> articles;
};

struct ExportSet {
  int64_t generated_at = 0;  // Unix seconds, UTC; stamps every object, so equal input → equal bytes
  std::vector<ExportStory> stories;
};

// Options shared by every format; each default is written beside its field.
struct ExportOptions {
  // Articles labelled "noise" are left out unless this is set.
  bool include_noise = false;
  // Negated relations ("was not linked to") are left out unless this is set;
  // when included they carry confidence 0 and a "negated:" description, so a
  // consumer can never read them as assertions.
  bool include_negated = false;
  // Hedged relations ("likely", "possibly") are left out unless this is set;
  // when included they carry half their confidence and a "hedged:"
  // description, so min_confidence still decides whether they survive.
  bool include_hedged = false;
  // Relations and entity mentions below this confidence (0..100) are left out.
  int min_confidence = 0;
  // Observables judged benign (Observable::benign, private, loopback,
  // documentation … addresses) are exported as indicators only when set.
  bool include_benign = false;
  // For external ids (ATT&CK ids, MISP galaxy uuids, ISO codes); may be null,
  // then entities carry only what their mention holds.
  const kb::KnowledgeBase* kb = nullptr;
  std::string creator_name = "Osprey";
  // The creator identity's key (its STIX id is derived from it) and class.
  std::string creator_identity = "osprey";
  std::string tlp = "clear";  // TLP 2.0 level for MISP tags and the digest banner
  int misp_distribution = 0;  // MISP: 0 your organisation only … 3 all communities
  int misp_threat_level = 2;  // MISP: 1 high, 2 medium, 3 low, 4 undefined
  int misp_analysis = 0;      // MISP: 0 initial, 1 ongoing, 2 completed
};

}  // namespace osprey::exporting
