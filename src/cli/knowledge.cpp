#include "cli/knowledge.h"

#include "osprey/kb/kb_dir.h"

namespace osprey::cli {

Result<kb::KnowledgeBase> load_knowledge_base(const std::string& kb_dir, std::string* used_dir) {
  std::string dir = kb_dir;
  if (dir.empty()) {
    auto found = kb::find_kb_dir(kb::default_kb_search());
    if (!found.ok()) return found.error();
    dir = found.value();
  }
  if (used_dir) *used_dir = dir;
  return kb::KnowledgeBase::load(dir);
}

}  // namespace osprey::cli
