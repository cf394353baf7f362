// The knowledge base a command uses: the folder --kb names, else the first
// one kb::find_kb_dir() finds ($OSPREY_KB, kb/ beside the program …).
#pragma once

#include <string>

#include "osprey/kb/knowledge_base.h"
#include "osprey/model/result.h"

namespace osprey::cli {

// Loads it; `used_dir`, when given, receives the folder it came from.
Result<kb::KnowledgeBase> load_knowledge_base(const std::string& kb_dir,
                                              std::string* used_dir = nullptr);

}  // namespace osprey::cli
