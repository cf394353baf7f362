// Vulnerability, weakness and ATT&CK identifiers.
#include <charconv>
#include <chrono>

#include "osprey/observables/validators.h"

namespace osprey::observables {
namespace {

unsigned number_at(std::string_view s, size_t pos, size_t len) {
  unsigned n = 0;
  std::from_chars(s.data() + pos, s.data() + pos + len, n);
  return n;
}

size_t digits_at(std::string_view s, size_t pos) {
  size_t n = 0;
  while (pos + n < s.size() && is_digit(s[pos + n])) ++n;
  return n;
}

int current_year() {
  auto now = std::chrono::system_clock::now();
  return static_cast<int>(
      std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now)).year());
}

// "PREFIX-NNNN[-NNNN]": the prefix and `groups` dash-separated numbers; what
// follows a further dash ("CVE-2024-3400-patch") is prose.
std::optional<Accepted> dashed_id(const ScanContext& ctx, Candidate c, std::string_view prefix,
                                  int groups, const char* rule) {
  std::string value = uppercase(ctx.text.substr(c.from, c.to - c.from));
  if (!value.starts_with(prefix) || is_alnum(ctx.at(static_cast<int64_t>(c.from) - 1)))
    return std::nullopt;
  size_t end = prefix.size();
  for (int g = 0; g < groups; ++g) {
    if (g > 0 && (end >= value.size() || value[end++] != '-')) return std::nullopt;
    size_t n = digits_at(value, end);
    if (n == 0) return std::nullopt;
    end += n;
  }
  if (end < value.size() && value[end] != '-') return std::nullopt;
  value.resize(end);
  return Accepted{value, c.from, c.from + end, {}, {}, rule, 0, 0, {}};
}

// ATT&CK ids are written in capitals and stand alone ("T1566.001", "G0094").
std::optional<Accepted> attack_id(const ScanContext& ctx, Candidate c, std::string_view prefix,
                                  unsigned lo, unsigned hi, bool sub, const char* rule) {
  c = trim(ctx.text, c, ".");
  if (!alnum_bounded(ctx, c)) return std::nullopt;
  std::string_view s = ctx.text.substr(c.from, c.to - c.from);
  if (!s.starts_with(prefix) || digits_at(s, prefix.size()) != 4) return std::nullopt;
  size_t end = prefix.size() + 4;
  if (end < s.size()) {
    if (!sub || s.size() != end + 4 || s[end] != '.' || digits_at(s, end + 1) != 3)
      return std::nullopt;
    if (number_at(s, end + 1, 3) == 0) return std::nullopt;  // ".000"
  }
  unsigned n = number_at(s, prefix.size(), 4);
  if (n < lo || n > hi) return std::nullopt;
  return Accepted{std::string(s), c.from, c.to, {}, {}, rule, 0, 0, {}};
}

}  // namespace

std::optional<Accepted> validate_cve(const ScanContext& ctx, Candidate c) {
  auto a = dashed_id(ctx, c, "CVE-", 2, "cve: CVE-year-number");
  if (!a || a->value.size() < 13 || a->value[8] != '-' || a->value.size() > 16) return std::nullopt;
  int year = static_cast<int>(number_at(a->value, 4, 4));
  if (year < 1999 || year > current_year() + 1) return std::nullopt;
  return a;
}

std::optional<Accepted> validate_cwe(const ScanContext& ctx, Candidate c) {
  auto a = dashed_id(ctx, c, "CWE-", 1, "cwe: CWE-number");
  if (!a || a->value.size() > 8 || number_at(a->value, 4, a->value.size() - 4) == 0)
    return std::nullopt;
  return a;
}

// Enterprise and mobile techniques are T1001–T1699; ICS techniques T0800–T0899.
std::optional<Accepted> validate_attack_technique(const ScanContext& ctx, Candidate c) {
  if (ctx.at(static_cast<int64_t>(c.from) + 1) == '0')
    return attack_id(ctx, c, "T", 800, 899, false, "attack-technique: T0xxx (ICS)");
  return attack_id(ctx, c, "T", 1001, 1699, true, "attack-technique: T1xxx[.yyy]");
}
std::optional<Accepted> validate_attack_group(const ScanContext& ctx, Candidate c) {
  return attack_id(ctx, c, "G", 1, 1999, false, "attack-group: Gxxxx");
}
std::optional<Accepted> validate_attack_software(const ScanContext& ctx, Candidate c) {
  return attack_id(ctx, c, "S", 1, 1999, false, "attack-software: Sxxxx");
}
std::optional<Accepted> validate_attack_tactic(const ScanContext& ctx, Candidate c) {
  return attack_id(ctx, c, "TA", 1, 199, false, "attack-tactic: TAxxxx");
}

}  // namespace osprey::observables
