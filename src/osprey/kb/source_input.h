// Checked access to upstream JSON for the source readers. Upstream files are
// untrusted: a field of the wrong type throws BadInput naming where it is,
// which read_source() reports as an Error; it never crashes or is silently
// misread.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace osprey::kb {

struct BadInput : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// `where` + "." + key, for messages.
std::string field_path(std::string_view where, std::string_view key);

// The member `key` of `object`, or nullptr when absent or null. Throws when
// `object` is not an object.
const nlohmann::json* member(const nlohmann::json& object, std::string_view key,
                             std::string_view where);

// The array `key` of `object`; throws when it is absent or not an array.
const nlohmann::json& required_array(const nlohmann::json& object, std::string_view key,
                                     std::string_view where);

// The string `key`, or "" when absent; throws when present and not a string.
std::string optional_text(const nlohmann::json& object, std::string_view key,
                          std::string_view where);

// The string `key`; throws when absent, empty or not a string.
std::string required_text(const nlohmann::json& object, std::string_view key,
                          std::string_view where);

// The strings under `key`: a string gives one, an array of strings gives
// them all (empty strings dropped), absent gives none; anything else throws.
std::vector<std::string> text_list(const nlohmann::json& object, std::string_view key,
                                   std::string_view where);

// The boolean `key`, false when absent; throws when present and not a boolean.
bool optional_flag(const nlohmann::json& object, std::string_view key, std::string_view where);

// `s` without white space at either end and without zero-width characters.
std::string trimmed(std::string_view s);

}  // namespace osprey::kb
