// Where the CLI finds the knowledge base when --kb is not given.
#pragma once

#include <functional>
#include <string>

#include "osprey/model/result.h"

namespace osprey::kb {

struct KbDirSearch {
  std::string env;         // $OSPREY_KB ("" when unset)
  std::string executable;  // the running executable's path
  // Whether a folder holds a knowledge base (has manifest.json); tests
  // replace it.
  std::function<bool(const std::string&)> has_kb;
};

// $OSPREY_KB when set (an error if it holds no knowledge base: the user
// asked for that one); else the first of, relative to the executable's
// folder: ../../kb (build/release/osprey in a checkout), ../kb, and
// ../share/osprey/kb (an installed /usr/local/bin/osprey). The error lists
// what was tried.
Result<std::string> find_kb_dir(const KbDirSearch& search);

// The search for this process: $OSPREY_KB, /proc/self/exe, and a has_kb
// that looks for manifest.json.
KbDirSearch default_kb_search();

}  // namespace osprey::kb
