// The validators behind the registry rows, one family per source file.
#pragma once

#include "osprey/observables/candidate.h"

namespace osprey::observables {

// Character classes of the tokens the registry's extents expand to.
inline constexpr CharClass kHexChars{"0-9a-f"};
inline constexpr CharClass kAlnumChars{"a-z0-9"};
inline constexpr CharClass kDottedDigits{"0-9."};
inline constexpr CharClass kCidrChars{"0-9a-f.:/"};
inline constexpr CharClass kMacChars{"0-9a-f:.-"};
inline constexpr CharClass kIdChars{"a-z0-9-"};
inline constexpr CharClass kAttackChars{"A-Z0-9.", false};
inline constexpr CharClass kSsdeepChars{"a-z0-9/+:"};
inline constexpr CharClass kEmailChars{"a-z0-9._%+@-"};
inline constexpr CharClass kFilenameChars{"a-z0-9_.-"};

// Extents that need more than one character class.
Candidate extent_url(std::string_view text, uint64_t end);
Candidate extent_domain(std::string_view text, uint64_t end);
Candidate extent_ipv6(std::string_view text, uint64_t end);
Candidate extent_asn(std::string_view text, uint64_t end);
Candidate extent_registry_key(std::string_view text, uint64_t end);
Candidate extent_at_end(std::string_view text, uint64_t end);  // the position itself

// Finders (finders.cpp): candidate ends found beside the Hyperscan scan.
// Runs of 25 or more ASCII letters and digits (digests, wallets).
void find_long_tokens(std::string_view text, void (*on_end)(uint64_t, void*), void* ctx);
// Full stops with a non-ASCII byte beside them (internationalised names).
void find_non_ascii_dots(std::string_view text, void (*on_end)(uint64_t, void*), void* ctx);

// File extensions the filename type knows (executables, scripts, documents, archives).
const std::vector<std::string_view>& file_extensions();

// network.cpp
std::optional<Accepted> validate_ipv4(const ScanContext& ctx, Candidate c);
std::optional<Accepted> validate_ipv6(const ScanContext& ctx, Candidate c);
std::optional<Accepted> validate_cidr(const ScanContext& ctx, Candidate c);
std::optional<Accepted> validate_mac(const ScanContext& ctx, Candidate c);
std::optional<Accepted> validate_asn(const ScanContext& ctx, Candidate c);
// Range flags of an address in canonical form ("private", "documentation" …).
std::vector<std::string> ipv4_flags(uint32_t address);
std::vector<std::string> ipv6_flags(const unsigned char (&bytes)[16]);

// hosts.cpp
std::optional<Accepted> validate_domain(const ScanContext& ctx, Candidate c);
std::optional<Accepted> validate_url(const ScanContext& ctx, Candidate c);
std::optional<Accepted> validate_email(const ScanContext& ctx, Candidate c);

// hashes.cpp
std::optional<Accepted> validate_md5(const ScanContext& ctx, Candidate c);
std::optional<Accepted> validate_sha1(const ScanContext& ctx, Candidate c);
std::optional<Accepted> validate_sha256(const ScanContext& ctx, Candidate c);
std::optional<Accepted> validate_sha512(const ScanContext& ctx, Candidate c);
std::optional<Accepted> validate_imphash(const ScanContext& ctx, Candidate c);
std::optional<Accepted> validate_ssdeep(const ScanContext& ctx, Candidate c);

// identifiers.cpp
std::optional<Accepted> validate_cve(const ScanContext& ctx, Candidate c);
std::optional<Accepted> validate_cwe(const ScanContext& ctx, Candidate c);
std::optional<Accepted> validate_attack_technique(const ScanContext& ctx, Candidate c);
std::optional<Accepted> validate_attack_group(const ScanContext& ctx, Candidate c);
std::optional<Accepted> validate_attack_software(const ScanContext& ctx, Candidate c);
std::optional<Accepted> validate_attack_tactic(const ScanContext& ctx, Candidate c);

// wallets.cpp
std::optional<Accepted> validate_btc(const ScanContext& ctx, Candidate c);
std::optional<Accepted> validate_ltc(const ScanContext& ctx, Candidate c);
std::optional<Accepted> validate_doge(const ScanContext& ctx, Candidate c);
std::optional<Accepted> validate_trx(const ScanContext& ctx, Candidate c);
std::optional<Accepted> validate_eth(const ScanContext& ctx, Candidate c);
std::optional<Accepted> validate_xmr(const ScanContext& ctx, Candidate c);

// host_artifacts.cpp
std::optional<Accepted> validate_filename(const ScanContext& ctx, Candidate c);
std::optional<Accepted> validate_registry_key(const ScanContext& ctx, Candidate c);
std::optional<Accepted> validate_user_agent(const ScanContext& ctx, Candidate c);

}  // namespace osprey::observables
