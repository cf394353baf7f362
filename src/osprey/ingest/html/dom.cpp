#include "osprey/ingest/html/dom.h"

namespace osprey::ingest::html {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

void append_collapsed(std::string& out, std::string_view text) {
  bool pending_space = !out.empty() && out.back() != ' ' && out.back() != '\n';
  bool saw_space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool nbsp = c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0';
    if (is_space(c) || nbsp) {
      saw_space = true;
      if (nbsp) ++i;
      continue;
    }
    if (saw_space && pending_space) out.push_back(' ');
    pending_space = true;
    saw_space = false;
    out.push_back(c);
  }
  if (saw_space && !out.empty() && out.back() != ' ' && out.back() != '\n') out.push_back(' ');
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string collapsed_text(xmlNode* root, size_t limit) {
  std::string out;
  walk(
      root,
      [&](xmlNode* n) {
        if (out.size() >= limit) return false;
        if (is_text(n)) append_collapsed(out, text_of(n));
        return true;
      },
      [](xmlNode*) {});
  return std::string(trim(out));
}

}  // namespace osprey::ingest::html
