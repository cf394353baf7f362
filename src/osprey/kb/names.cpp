#include "osprey/kb/names.h"

#include <cstdint>

namespace osprey::kb {
namespace {

// A Unicode character folded to ASCII for comparison.
struct Fold {
  std::string_view utf8;
  char ascii;
};

constexpr Fold kFolds[] = {
    {"\u2010", '-'}, {"\u2011", '-'}, {"\u2012", '-'},  {"\u2013", '-'},  {"\u2014", '-'},
    {"\u2015", '-'}, {"\u2212", '-'}, {"\u2018", '\''}, {"\u2019", '\''}, {"\u201C", '"'},
    {"\u201D", '"'}, {"\u00A0", ' '}, {"\u2002", ' '},  {"\u2003", ' '},  {"\u2009", ' '},
    {"\u202F", ' '}, {"\u3000", ' '},
};

// The ASCII stand-in for the character at `pos` and its length in bytes;
// {0, 1} for a byte kept as it is.
std::pair<char, size_t> fold_at(std::string_view s, size_t pos) {
  auto byte = static_cast<uint8_t>(s[pos]);
  if (byte < 0x80) {
    char c = s[pos];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') c = ' ';
    return {c, 1};
  }
  for (const Fold& f : kFolds)
    if (s.substr(pos, f.utf8.size()) == f.utf8) return {f.ascii, f.utf8.size()};
  return {0, 1};
}

}  // namespace

std::string name_key(std::string_view name) {
  std::string key;
  key.reserve(name.size());
  bool pending_space = false;
  for (size_t i = 0; i < name.size();) {
    auto [c, len] = fold_at(name, i);
    if (c == ' ') {
      pending_space = !key.empty();
    } else {
      if (pending_space) key.push_back(' ');
      pending_space = false;
      key.push_back(c != 0 ? c : name[i]);
    }
    i += len;
  }
  return key;
}

std::string loose_key(std::string_view name) {
  std::string exact = name_key(name);
  std::string key;
  key.reserve(exact.size());
  for (char c : exact)
    if (c != ' ' && c != '-' && c != '_' && c != '.' && c != '\'' && c != '"') key.push_back(c);
  return key;
}

}  // namespace osprey::kb
