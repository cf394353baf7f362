#include "osprey/text/pattern_set.h"

#include <hs.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <new>
#include <sstream>

namespace osprey::text {

struct PatternSet::Handles {
  hs_database_t* database = nullptr;
  hs_scratch_t* scratch = nullptr;  // the model of the areas scans use; never scanned with
  // Scratch areas not in use by a scan.
  std::mutex spare_lock;
  std::vector<hs_scratch_t*> spare;
  ~Handles() {
    for (hs_scratch_t* s : spare) hs_free_scratch(s);
    hs_free_scratch(scratch);
    hs_free_database(database);
  }

  // A scratch area for one scan: a spare one, else a new copy of the model.
  hs_scratch_t* borrow() {
    {
      std::lock_guard<std::mutex> hold(spare_lock);
      if (!spare.empty()) {
        hs_scratch_t* s = spare.back();
        spare.pop_back();
        return s;
      }
    }
    hs_scratch_t* copy = nullptr;
    if (hs_clone_scratch(scratch, &copy) != HS_SUCCESS) throw std::bad_alloc();
    return copy;
  }
  void give_back(hs_scratch_t* s) {
    std::lock_guard<std::mutex> hold(spare_lock);
    spare.push_back(s);
  }
};

PatternSet::~PatternSet() = default;

std::string pattern_cache_dir() {
  if (const char* dir = std::getenv("OSPREY_CACHE_DIR"); dir && *dir) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
    return std::string(xdg) + "/osprey";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.cache/osprey";
  return {};
}

namespace {

constexpr unsigned kMode = HS_MODE_BLOCK;

// FNV-1a: a stable key for the cache file name (not a security boundary: a
// corrupt or foreign cache file fails Hyperscan's own checks and is rebuilt).
uint64_t fnv1a(std::string_view data, uint64_t hash = 1469598103934665603ULL) {
  for (unsigned char c : data) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

std::string cache_key(const std::vector<Pattern>& patterns, bool report_start) {
  uint64_t h = fnv1a(hs_version());
  h = fnv1a(std::to_string(kMode) + (report_start ? "som" : "end"), h);
  for (const Pattern& p : patterns) {
    h = fnv1a(p.expression, h);
    h = fnv1a(p.caseless ? "\x01i" : "\x01s", h);
    h = fnv1a(p.literal ? "\x01l" : "\x01r", h);
    h = fnv1a(std::to_string(p.id) + "\x02", h);
  }
  std::ostringstream name;
  name << "hs-" << std::hex << h << ".db";
  return name.str();
}

hs_database_t* load_cached(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return nullptr;
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  hs_database_t* db = nullptr;
  if (hs_deserialize_database(bytes.data(), bytes.size(), &db) != HS_SUCCESS) return nullptr;
  return db;
}

// Best effort: a cache that cannot be written only costs the next start-up.
void store_cached(const std::filesystem::path& file, const hs_database_t* db) {
  char* bytes = nullptr;
  size_t length = 0;
  if (hs_serialize_database(db, &bytes, &length) != HS_SUCCESS) return;
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  auto tmp = file;
  tmp += ".tmp" + std::to_string(getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (out) out.write(bytes, static_cast<std::streamsize>(length));
  }
  std::free(bytes);
  std::filesystem::rename(tmp, file, ec);
  if (ec) std::filesystem::remove(tmp, ec);
}

}  // namespace

Result<std::unique_ptr<PatternSet>> PatternSet::compile(const std::vector<Pattern>& patterns,
                                                        bool report_start) {
  std::unique_ptr<PatternSet> set(new PatternSet());
  set->handles_ = std::make_unique<Handles>();
  std::filesystem::path cache_file;
  if (std::string dir = pattern_cache_dir(); !dir.empty())
    cache_file = dir + "/" + cache_key(patterns, report_start);

  if (!cache_file.empty()) set->handles_->database = load_cached(cache_file);
  set->from_cache_ = set->handles_->database != nullptr;
  set->report_start_ = report_start;

  if (!set->handles_->database) {
    std::vector<const char*> expressions;
    std::vector<unsigned> flags, ids;
    std::vector<size_t> lengths;
    for (const Pattern& p : patterns) {
      expressions.push_back(p.expression.c_str());
      lengths.push_back(p.expression.size());
      flags.push_back((report_start ? HS_FLAG_SOM_LEFTMOST : 0u) |
                      (p.caseless ? HS_FLAG_CASELESS : 0u));
      ids.push_back(p.id);
    }
    hs_compile_error_t* error = nullptr;
    bool literal = !patterns.empty() && patterns.front().literal;
    hs_error_t status =
        literal ? hs_compile_lit_multi(expressions.data(), flags.data(), ids.data(), lengths.data(),
                                       static_cast<unsigned>(patterns.size()), kMode, nullptr,
                                       &set->handles_->database, &error)
                : hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                                   static_cast<unsigned>(patterns.size()), kMode, nullptr,
                                   &set->handles_->database, &error);
    if (status != HS_SUCCESS) {
      std::string message = "pattern compile failed: ";
      message += error ? error->message : "unknown error";
      if (error && error->expression >= 0)
        message += " in /" + patterns[static_cast<size_t>(error->expression)].expression + "/";
      hs_free_compile_error(error);
      return Error{message};
    }
    if (!cache_file.empty()) store_cached(cache_file, set->handles_->database);
  }
  if (hs_alloc_scratch(set->handles_->database, &set->handles_->scratch) != HS_SUCCESS)
    return Error{"cannot allocate Hyperscan scratch space"};
  return set;
}

void PatternSet::scan_raw(std::string_view text, void (*on_match)(const PatternMatch&, void*),
                          void* ctx) const {
  // Borrowed for the scan and given back even when a callback throws.
  struct Borrowed {
    Handles& from;
    hs_scratch_t* space;
    ~Borrowed() { from.give_back(space); }
  } borrowed{*handles_, handles_->borrow()};
  struct State {
    void (*on_match)(const PatternMatch&, void*);
    void* ctx;
    uint64_t offset;
    bool report_start;
  };
  auto trampoline = [](unsigned id, unsigned long long from, unsigned long long to, unsigned,
                       void* raw) -> int {
    auto* state = static_cast<State*>(raw);
    uint64_t start = state->report_start ? from : to;
    state->on_match(PatternMatch{id, start + state->offset, to + state->offset}, state->ctx);
    return 0;
  };
  // Hyperscan takes an unsigned int length: a text beyond that is scanned in
  // windows (callers hand in bounded chunks, so this loop runs once).
  constexpr size_t kMaxBlock = 1u << 30;
  size_t offset = 0;
  do {
    size_t length = std::min(kMaxBlock, text.size() - offset);
    State state{on_match, ctx, offset, report_start_};
    hs_scan(handles_->database, text.data() + offset, static_cast<unsigned>(length), 0,
            borrowed.space, trampoline, &state);
    offset += length;
  } while (offset < text.size());
}

}  // namespace osprey::text
