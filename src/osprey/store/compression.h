// zstd for the raw bytes kept with every article version.
#pragma once

#include <string>
#include <string_view>

#include "osprey/model/result.h"

namespace osprey::store {

std::string compress(std::string_view bytes);

// Refuses frames that would decompress beyond `max_size` bytes.
Result<std::string> decompress(std::string_view frame, size_t max_size);

}  // namespace osprey::store
