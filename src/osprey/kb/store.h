// The committed knowledge-base files (format in kb/README.md): one JSON
// object per line, sorted, so a rebuild from the same inputs gives the same
// bytes and a data update reads as a line diff.
//
//   manifest.json              format, build date, sources, counts, file list
//   entities-<type>.jsonl      one entity per line, by id (a file reaching
//                              8 MiB continues in entities-<type>-2.jsonl …)
//   relations.jsonl            one relation per line, by (from, predicate, to)
//   NOTICE.md                  sources and licences (written by the builder)
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "osprey/kb/entity.h"
#include "osprey/model/result.h"

namespace osprey::kb {

// Files never grow past this; larger content is split.
inline constexpr size_t kMaxFileBytes = 8u << 20;

// Writes `contents` into `dir` (created when missing), each file through a
// temporary and a rename; NOTICE.md too when `notice` is not empty. Entity
// and relation files an earlier build left and this one does not write are
// removed; other files (README.md) are left alone. Returns the file names
// written, or an error naming the file that could not be.
Result<std::vector<std::string>> write_kb(const KbContents& contents, const std::string& notice,
                                          const std::string& dir);

// Reads a folder write_kb() wrote. Errors name the file and line: a missing
// or truncated file, a line that is not JSON, a field of the wrong type.
Result<KbContents> read_kb(const std::string& dir);

// One entity or relation as its JSON object (the line format), and back.
nlohmann::ordered_json entity_to_json(const Entity& entity);
nlohmann::ordered_json relation_to_json(const Relation& relation);
Result<Entity> entity_from_json(const nlohmann::json& object);
Result<Relation> relation_from_json(const nlohmann::json& object);

}  // namespace osprey::kb
