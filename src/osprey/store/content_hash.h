// The identity of an article's text: SHA-256 (hex) of its words, so that
// whitespace and line-wrapping differences between two copies do not count
// as a different text. The title is not part of it (republications retitle);
// it only stands in when there is no text.
#pragma once

#include <string>
#include <string_view>

namespace osprey::store {

std::string content_hash(std::string_view title, std::string_view text);

}  // namespace osprey::store
