// Entity recognition: finds the knowledge base's actors, malware, tools,
// techniques, countries, sectors and organisations named in a text, with the
// alias as written, the role a country or organisation plays there, and a
// confidence with its reasons.
//
// Every name of the knowledge base is one literal of a single Hyperscan
// database (whole words, case rules per name). Names that are also ordinary
// English words ("Silence", "Zinc", "Sandworm") are only taken as written
// with a capital and beside a cue ("group", "malware", "APT" …), and never
// in an article about something else.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "osprey/kb/knowledge_base.h"
#include "osprey/model/mention.h"
#include "osprey/model/result.h"

namespace osprey::text {
class PatternSet;
}

namespace osprey::kb {

class EntityMatcher {
 public:
  // Compiles the names of `kb` (cached on disk like every pattern set).
  // `kb` must outlive the matcher. `dictionary`: a word list (one word a
  // line) telling which names are ordinary words; empty: /usr/share/dict/words.
  static Result<EntityMatcher> create(const KnowledgeBase& kb, const std::string& dictionary = "");

  // The entities named in `text`, one Mention each, in order of first
  // appearance. Offsets are byte offsets into `text`. A mention's confidence
  // is calibrated by the kind of evidence (a name, an ATT&CK id, a phrasing,
  // an ordinary word beside a cue, an ambiguous name …): mentions given 0.9
  // were right about nine times in ten on the evaluation passages.
  // Safe to call from several threads at once.
  std::vector<Mention> match(std::string_view text) const;

  size_t name_count() const;

 private:
  struct Name;
  struct Tables;
  EntityMatcher(const KnowledgeBase& kb, std::shared_ptr<const Tables> tables);
  const KnowledgeBase* kb_;
  std::shared_ptr<const Tables> tables_;
};

}  // namespace osprey::kb
