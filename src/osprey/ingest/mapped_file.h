// A regular file mapped read-only into memory, so that large inputs are
// scanned where the page cache holds them: no read() copy, no buffer.
//
//   auto file = osprey::ingest::MappedFile::open(path);
//   if (!file.ok()) …;                      // not a regular file, or unreadable
//   std::string_view all = file.value().bytes();
//   file.value().release_before(offset);   // done with [0, offset): drop its pages
//
// Resident memory grows with the pages touched; a reader that goes through
// a large file in order calls release_before() as it goes, and memory stays
// flat. The file must not shrink while mapped (reading past the new end
// would fault), which holds for the reports and corpora Osprey reads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "osprey/model/result.h"

namespace osprey::ingest {

class MappedFile {
 public:
  // Maps `path`. Fails, naming the file, when it cannot be opened, is not a
  // regular file (a pipe, a device, a folder) or cannot be mapped. An empty
  // file maps to empty bytes.
  static Result<MappedFile> open(const std::string& path);

  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view bytes() const { return {data_, size_}; }

  // Gives back the resident pages wholly before `offset`; the bytes stay
  // readable (they are read again from the file if touched).
  void release_before(uint64_t offset);

 private:
  MappedFile(const char* data, size_t size) : data_(data), size_(size) {}
  const char* data_ = nullptr;
  size_t size_ = 0;
  size_t released_ = 0;  // bytes before this are released
};

}  // namespace osprey::ingest
