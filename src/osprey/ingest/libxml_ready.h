// libxml2 builds its global tables (encodings, memory and error hooks) in
// xmlInitParser(), which must not run on two threads at once. Every parse
// calls libxml_ready() first: the first one, on whatever thread, runs it
// and any other waits, so pages and feeds can be read on several threads.
#pragma once

#include <libxml/parser.h>

#include <mutex>

namespace osprey::ingest {

inline void libxml_ready() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

}  // namespace osprey::ingest
