// Host artefacts: file names, Windows registry keys, quoted user agents.
#include <algorithm>
#include <array>

#include "osprey/observables/validators.h"

namespace osprey::observables {
namespace {

// "Node.js", "Vue.js": frameworks named like script files.
const std::array<std::string_view, 22> kFrameworks = {
    "node",   "vue", "next",   "nuxt",    "react",    "angular", "ember",  "backbone",
    "three",  "d3",  "chart",  "express", "deno",     "nest",    "meteor", "knockout",
    "alpine", "p5",  "moment", "socket",  "electron", "bun"};

struct Root {
  std::string_view written;
  std::string_view full;
};
constexpr std::array<Root, 10> kRoots = {{
    {"HKEY_LOCAL_MACHINE", "HKEY_LOCAL_MACHINE"},
    {"HKEY_CURRENT_USER", "HKEY_CURRENT_USER"},
    {"HKEY_CLASSES_ROOT", "HKEY_CLASSES_ROOT"},
    {"HKEY_CURRENT_CONFIG", "HKEY_CURRENT_CONFIG"},
    {"HKEY_USERS", "HKEY_USERS"},
    {"HKLM", "HKEY_LOCAL_MACHINE"},
    {"HKCU", "HKEY_CURRENT_USER"},
    {"HKCR", "HKEY_CLASSES_ROOT"},
    {"HKCC", "HKEY_CURRENT_CONFIG"},
    {"HKU", "HKEY_USERS"},
}};

}  // namespace

const std::vector<std::string_view>& file_extensions() {
  static const std::vector<std::string_view> kExtensions = {
      // executables and libraries
      "exe", "dll", "sys", "scr", "cpl", "ocx", "drv", "efi", "elf", "bin", "so", "dylib", "msi",
      "msp", "msix", "appx", "apk", "ipa", "dmg", "pkg", "deb", "rpm", "jar", "class", "war", "ear",
      // scripts
      "bat", "cmd", "ps1", "psm1", "psd1", "vbs", "vbe", "js", "jse", "wsf", "wsh", "hta", "py",
      "pyc", "sh", "bash", "pl", "rb", "php", "asp", "aspx", "jsp", "jspx",
      // shortcuts and system files abused for execution
      "lnk", "url", "inf", "reg", "scf", "iqy", "slk", "chm",
      // documents
      "doc", "docx", "docm", "dot", "dotm", "xls", "xlsx", "xlsm", "xlsb", "xll", "xlam", "ppt",
      "pptx", "pptm", "pps", "ppsx", "rtf", "pdf", "one", "onepkg", "htm", "html", "svg",
      // archives and disk images
      "zip", "rar", "7z", "tar", "gz", "tgz", "bz2", "xz", "iso", "img", "vhd", "vhdx", "cab"};
  return kExtensions;
}

std::optional<Accepted> validate_filename(const ScanContext& ctx, Candidate c) {
  c = trim(ctx.text, c, ".-");
  if (!alnum_bounded(ctx, c)) return std::nullopt;
  std::string_view s = ctx.text.substr(c.from, c.to - c.from);
  size_t dot = s.rfind('.');
  if (dot == 0 || dot == std::string_view::npos) return std::nullopt;
  std::string stem = lowercase(s.substr(0, dot));
  std::string extension = lowercase(s.substr(dot + 1));
  const auto& known = file_extensions();
  if (std::find(known.begin(), known.end(), extension) == known.end()) return std::nullopt;
  if (extension == "js" &&
      std::find(kFrameworks.begin(), kFrameworks.end(), stem) != kFrameworks.end())
    return std::nullopt;
  if (std::all_of(stem.begin(), stem.end(), [](char ch) { return is_digit(ch) || ch == '.'; }))
    return std::nullopt;  // "2.zip", "1.0.sh": numbers, not names
  return Accepted{std::string(s),
                  c.from,
                  c.to,
                  {},
                  {},
                  "filename: name + executable/script/document/archive extension",
                  0,
                  0,
                  {}};
}

std::optional<Accepted> validate_registry_key(const ScanContext& ctx, Candidate c) {
  if (is_alnum(ctx.at(static_cast<int64_t>(c.from) - 1))) return std::nullopt;
  // Trailing punctuation belongs to the sentence.
  while (c.to > c.from &&
         std::string_view(".,;:)\"'").find(ctx.text[c.to - 1]) != std::string_view::npos)
    --c.to;
  std::string_view s = ctx.text.substr(c.from, c.to - c.from);
  for (const Root& root : kRoots) {
    if (s.size() <= root.written.size() ||
        uppercase(s.substr(0, root.written.size())) != root.written)
      continue;
    std::string_view rest = s.substr(root.written.size());
    if (rest.starts_with(':')) rest.remove_prefix(1);  // PowerShell drive: HKLM:\…
    if (!rest.starts_with('\\') || rest.size() < 2) return std::nullopt;
    return Accepted{std::string(root.full) + std::string(rest),
                    c.from,
                    c.to,
                    {},
                    {},
                    "registry-key: hive\\path",
                    0,
                    0,
                    {}};
  }
  return std::nullopt;
}

// The pattern finds the words "user agent"; the value is the quoted string
// that follows on the same line within a few words.
std::optional<Accepted> validate_user_agent(const ScanContext& ctx, Candidate c) {
  std::string_view after = ctx.line_after(c.to, 48 + 512);
  struct Quote {
    std::string_view open, close;
  };
  static constexpr std::array<Quote, 3> kQuotes = {
      {{"\"", "\""}, {"\xE2\x80\x9C", "\xE2\x80\x9D"}, {"'", "'"}}};
  size_t best = std::string_view::npos;
  const Quote* quote = nullptr;
  for (const Quote& q : kQuotes) {
    size_t at = after.find(q.open);
    // An apostrophe inside a word ("agent's") is not a quote.
    while (q.open == "'" && at != std::string_view::npos &&
           is_alpha(ctx.at(static_cast<int64_t>(c.to + at) - 1)))
      at = after.find(q.open, at + 1);
    if (at != std::string_view::npos && at < best) {
      best = at;
      quote = &q;
    }
  }
  if (!quote || best > 48) return std::nullopt;
  size_t start = best + quote->open.size();
  size_t end = after.find(quote->close, start);
  if (end == std::string_view::npos || end - start < 8 || end - start > 512) return std::nullopt;
  std::string_view value = after.substr(start, end - start);
  // A user agent is a product token: "Mozilla/5.0 (…)", "curl/8.1", "python-requests/2.31".
  if (value.find('/') == std::string_view::npos) return std::nullopt;
  return Accepted{std::string(value),
                  c.to + start,
                  c.to + end,
                  {},
                  {},
                  "user-agent: quoted after \"user agent\"",
                  0,
                  0,
                  {}};
}

}  // namespace osprey::observables
