#include "osprey/kb/source_input.h"

namespace osprey::kb {

std::string field_path(std::string_view where, std::string_view key) {
  std::string path(where);
  path += '.';
  path += key;
  return path;
}

const nlohmann::json* member(const nlohmann::json& object, std::string_view key,
                             std::string_view where) {
  if (!object.is_object()) throw BadInput(std::string(where) + ": expected an object");
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

const nlohmann::json& required_array(const nlohmann::json& object, std::string_view key,
                                     std::string_view where) {
  const nlohmann::json* value = member(object, key, where);
  if (!value || !value->is_array()) throw BadInput(field_path(where, key) + ": expected an array");
  return *value;
}

std::string optional_text(const nlohmann::json& object, std::string_view key,
                          std::string_view where) {
  const nlohmann::json* value = member(object, key, where);
  if (!value) return {};
  if (!value->is_string()) throw BadInput(field_path(where, key) + ": expected a string");
  return value->get<std::string>();
}

std::string required_text(const nlohmann::json& object, std::string_view key,
                          std::string_view where) {
  std::string text = trimmed(optional_text(object, key, where));
  if (text.empty()) throw BadInput(field_path(where, key) + ": missing");
  return text;
}

std::vector<std::string> text_list(const nlohmann::json& object, std::string_view key,
                                   std::string_view where) {
  std::vector<std::string> out;
  const nlohmann::json* value = member(object, key, where);
  if (!value) return out;
  if (value->is_string()) {
    std::string text = trimmed(value->get<std::string>());
    if (!text.empty()) out.push_back(std::move(text));
    return out;
  }
  if (!value->is_array())
    throw BadInput(field_path(where, key) + ": expected a string or an array of strings");
  for (const nlohmann::json& item : *value) {
    if (!item.is_string())
      throw BadInput(field_path(where, key) + ": expected an array of strings");
    std::string text = trimmed(item.get<std::string>());
    if (!text.empty()) out.push_back(std::move(text));
  }
  return out;
}

bool optional_flag(const nlohmann::json& object, std::string_view key, std::string_view where) {
  const nlohmann::json* value = member(object, key, where);
  if (!value) return false;
  if (!value->is_boolean()) throw BadInput(field_path(where, key) + ": expected true or false");
  return value->get<bool>();
}

std::string trimmed(std::string_view s) {
  // Zero-width and direction marks (U+200B..U+200F, U+2060, U+FEFF) are not
  // part of any name; some upstream names carry them.
  std::string clean;
  clean.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 2, "\xE2\x80") == 0 && i + 2 < s.size() &&
        static_cast<unsigned char>(s[i + 2]) >= 0x8B &&
        static_cast<unsigned char>(s[i + 2]) <= 0x8F) {
      i += 2;
      continue;
    }
    if (s.compare(i, 3, "\xE2\x81\xA0") == 0 || s.compare(i, 3, "\xEF\xBB\xBF") == 0) {
      i += 2;
      continue;
    }
    clean.push_back(s[i]);
  }
  const char* space = " \t\r\n";
  size_t start = clean.find_first_not_of(space);
  if (start == std::string::npos) return {};
  size_t end = clean.find_last_not_of(space);
  return clean.substr(start, end - start + 1);
}

}  // namespace osprey::kb
