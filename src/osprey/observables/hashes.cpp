// File hashes: hex digests of exact length, ssdeep, and labelled imphashes.
#include <algorithm>

#include "osprey/observables/validators.h"

namespace osprey::observables {
namespace {

// A digest stands alone (a hex run of exactly this length), is written in one
// case, and does not look like a number or a word.
std::optional<Accepted> hex_digest(const ScanContext& ctx, Candidate c, size_t length,
                                   const char* rule) {
  if (c.to - c.from != length || !alnum_bounded(ctx, c)) return std::nullopt;
  std::string_view s = ctx.text.substr(c.from, c.to - c.from);
  if (!std::all_of(s.begin(), s.end(), is_hex)) return std::nullopt;
  bool lower = std::any_of(s.begin(), s.end(), [](char ch) { return ch >= 'a' && ch <= 'f'; });
  bool upper = std::any_of(s.begin(), s.end(), [](char ch) { return ch >= 'A' && ch <= 'F'; });
  if (lower && upper) return std::nullopt;    // mixed case: base64 or random text
  if (!lower && !upper) return std::nullopt;  // all digits: a number
  if (std::all_of(s.begin(), s.end(), [](char ch) { return !is_digit(ch); })) return std::nullopt;
  if (std::all_of(s.begin(), s.end(), [&](char ch) { return ch == s[0]; })) return std::nullopt;
  return Accepted{lowercase(s), c.from, c.to, {}, {}, rule, 0, 0, {}};
}

}  // namespace

std::optional<Accepted> validate_md5(const ScanContext& ctx, Candidate c) {
  return hex_digest(ctx, c, 32, "md5: 32 hex digits");
}
std::optional<Accepted> validate_sha1(const ScanContext& ctx, Candidate c) {
  return hex_digest(ctx, c, 40, "sha1: 40 hex digits");
}
std::optional<Accepted> validate_sha256(const ScanContext& ctx, Candidate c) {
  return hex_digest(ctx, c, 64, "sha256: 64 hex digits");
}
std::optional<Accepted> validate_sha512(const ScanContext& ctx, Candidate c) {
  return hex_digest(ctx, c, 128, "sha512: 128 hex digits");
}

// The pattern finds the word "imphash"; the digest must follow within a few
// characters on the same line ("imphash: …", "Imphash = …").
std::optional<Accepted> validate_imphash(const ScanContext& ctx, Candidate c) {
  std::string_view after = ctx.line_after(c.to, 24 + 32);
  size_t start = 0;
  while (start < after.size() && !is_hex(after[start])) {
    if (is_alpha(after[start])) return std::nullopt;  // another word between label and value
    ++start;
  }
  if (start > 24) return std::nullopt;
  Candidate digest{c.to + start, c.to + start + 32};
  if (digest.to > ctx.text.size()) return std::nullopt;
  auto a = hex_digest(ctx, digest, 32, "imphash: labelled 32 hex digits");
  if (!a) return std::nullopt;
  return a;
}

// ssdeep: blocksize:hash1:hash2, blocksize = 3·2^n, base64 parts.
std::optional<Accepted> validate_ssdeep(const ScanContext& ctx, Candidate c) {
  c = trim(ctx.text, c, ":");
  if (!alnum_bounded(ctx, c)) return std::nullopt;
  std::string_view s = ctx.text.substr(c.from, c.to - c.from);
  size_t first = s.find(':'), second = s.find(':', first + 1);
  if (first == std::string_view::npos || second == std::string_view::npos ||
      s.find(':', second + 1) != std::string_view::npos || first == 0 || first > 10)
    return std::nullopt;
  for (char ch : s.substr(0, first))
    if (!is_digit(ch)) return std::nullopt;
  uint64_t block = 0;
  for (char ch : s.substr(0, first)) block = block * 10 + static_cast<uint64_t>(ch - '0');
  if (block < 3 || block % 3 != 0 || ((block / 3) & (block / 3 - 1)) != 0) return std::nullopt;
  size_t part1 = second - first - 1, part2 = s.size() - second - 1;
  if (part1 < 3 || part2 < 3 || part1 > 64 || part2 > 64 || part1 + part2 < 10) return std::nullopt;
  return Accepted{std::string(s), c.from, c.to, {}, {}, "ssdeep: blocksize:hash:hash", 0, 0, {}};
}

}  // namespace osprey::observables
