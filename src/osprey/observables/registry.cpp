#include "osprey/observables/registry.h"

#include "osprey/observables/validators.h"

namespace osprey::observables {
namespace {


// Candidate patterns shared by several types. The scanner runs each
// distinct expression once and hands its matches to every type listing it;
// fewer, simpler expressions keep the single pass fast, and the validators
// (not the patterns) tell the types apart.
// Every token of 25 letters and digits or more: digests, wallets. One
// repeat of one class costs the scan far less than one per alphabet.
const TypePattern kLongToken{"[0-9a-z]{25}"};  // md5 … sha512, btc, ltc, doge, trx, eth, xmr
const TypePattern kDottedQuad{R"(\d\.\d{1,3}\.\d{1,3}\.\d)"};  // ipv4, cidr
const TypePattern kHostDot{R"([a-z0-9_-]\.[a-z])"};                // domain, filename
const TypePattern kAttackId{R"((?:T[01]|TA|G\d|S\d)\d{3})", false};  // ATT&CK ids
const TypePattern kDashedId{R"(c[vw]e-\d)"};                       // cve, cwe

std::vector<ObservableType> make_types() {
  return {
      {"url", "URL with a scheme (http, https, ftp, sftp, smb, ws, wss, tcp, udp …)",
       {{R"(\b(?:https?|ftps?|sftp|smb|wss?|tcp|udp|file|rdp|ssh|telnet|ldaps?|irc|git|svn|tftp|rtsp|socks[45]?|s3)://)"}},
       extent_url, validate_url, "url:value", "url"},
      {"email", "e-mail address",
       {{R"([a-z0-9._%+-]@[a-z0-9-]+\.[a-z0-9-])"}},
       extent_run<kEmailChars, 320>, validate_email, "email-addr:value", "email-src"},
      {"cidr", "IPv4 or IPv6 network in CIDR notation",
       {kDottedQuad, {R"(:[0-9a-f]{0,4}/\d)"}},
       extent_run<kCidrChars, 64>, validate_cidr, "ipv4-addr:value", "ip-dst"},
      {"ipv4", "IPv4 address (port stripped)",
       {kDottedQuad},
       extent_run<kDottedDigits, 64>, validate_ipv4, "ipv4-addr:value", "ip-dst", InsideUrl::kHostOnly, {"cidr", "ipv6"}},
      {"ipv6", "IPv6 address in any compressed form (zone and port stripped)",
       {{R"([0-9a-f]?:[0-9a-f]{0,4}:)"}},
       extent_ipv6, validate_ipv6, "ipv6-addr:value", "ip-dst", InsideUrl::kHostOnly, {"cidr"}},
      {"domain", "domain name with a public-suffix TLD (IDNs in A-label and U-label)",
       {kHostDot, {R"([\x80-\xBF]\.[a-z\xC3-\xF4]|[a-z0-9_-]\.[\xC3-\xF4])", false}},
       extent_domain, validate_domain, "domain-name:value", "domain", InsideUrl::kHostOnly, {"email"}},
      {"imphash", "import hash, only when labelled \"imphash\"",
       {{"imphash"}}, extent_at_end, validate_imphash, "file:hashes.IMPHASH", "imphash"},
      {"md5", "MD5 digest", {kLongToken}, extent_run<kAlnumChars, 256>, validate_md5, "file:hashes.MD5",
       "md5", InsideUrl::kKeep, {"imphash"}},
      {"sha1", "SHA-1 digest", {kLongToken}, extent_run<kAlnumChars, 256>, validate_sha1,
       "file:hashes.'SHA-1'", "sha1"},
      {"sha256", "SHA-256 digest", {kLongToken}, extent_run<kAlnumChars, 256>, validate_sha256,
       "file:hashes.'SHA-256'", "sha256"},
      {"sha512", "SHA-512 digest", {kLongToken}, extent_run<kAlnumChars, 256>, validate_sha512,
       "file:hashes.'SHA-512'", "sha512"},
      {"ssdeep", "ssdeep fuzzy hash (blocksize:hash:hash)",
       {{R"(\d:[a-z0-9/+]{3,64}:[a-z0-9/+]{3})"}}, extent_run<kSsdeepChars, 200>, validate_ssdeep,
       "file:hashes.SSDEEP", "ssdeep"},
      {"cve", "CVE identifier", {kDashedId}, extent_run<kIdChars, 32>, validate_cve, "",
       "vulnerability"},
      {"cwe", "CWE identifier", {kDashedId}, extent_run<kIdChars, 32>, validate_cwe, "", "weakness"},
      {"attack-technique", "MITRE ATT&CK technique or sub-technique id (T1566.001)",
       {kAttackId}, extent_run<kAttackChars, 16>, validate_attack_technique, "", "text"},
      {"attack-tactic", "MITRE ATT&CK tactic id (TA0001)",
       {kAttackId}, extent_run<kAttackChars, 16>, validate_attack_tactic, "", "text"},
      {"attack-group", "MITRE ATT&CK group id (G0094)",
       {kAttackId}, extent_run<kAttackChars, 16>, validate_attack_group, "", "text"},
      {"attack-software", "MITRE ATT&CK software id (S0001)",
       {kAttackId}, extent_run<kAttackChars, 16>, validate_attack_software, "", "text"},
      {"btc", "Bitcoin address (Base58Check or bech32/bech32m, checksum verified)",
       {kLongToken},
       extent_run<kAlnumChars, 128>, validate_btc, "cryptocurrency-wallet:value", "btc"},
      {"eth", "Ethereum address (EIP-55 checksum verified when mixed case)",
       {kLongToken}, extent_run<kAlnumChars, 128>, validate_eth, "cryptocurrency-wallet:value", "text"},
      {"xmr", "Monero address (Keccak-256 checksum verified)",
       {kLongToken},
       extent_run<kAlnumChars, 128>, validate_xmr, "cryptocurrency-wallet:value", "xmr"},
      {"ltc", "Litecoin address (Base58Check or bech32, checksum verified)",
       {kLongToken},
       extent_run<kAlnumChars, 128>, validate_ltc, "cryptocurrency-wallet:value", "text"},
      {"doge", "Dogecoin address (Base58Check, checksum verified)",
       {kLongToken}, extent_run<kAlnumChars, 128>, validate_doge,
       "cryptocurrency-wallet:value", "text"},
      {"trx", "Tron address (Base58Check, checksum verified)",
       {kLongToken}, extent_run<kAlnumChars, 128>, validate_trx,
       "cryptocurrency-wallet:value", "text"},
      {"asn", "autonomous system number (AS13335)",
       {{R"(AS\d|ASN ?\d)", false}}, extent_asn, validate_asn, "autonomous-system:number", "AS"},
      {"registry-key", "Windows registry key (HKLM\\…, HKEY_…)",
       {{R"((?:HKLM|HKCU|HKCR|HKU|HKCC|HKEY_[a-z_]{4,16}):?\\)"}},
       extent_registry_key, validate_registry_key, "windows-registry-key:key", "regkey"},
      {"filename", "file name with an executable, script, document or archive extension",
       {kHostDot, {R"([a-z0-9_-]\.7z)"}}, extent_run<kFilenameChars, 255>, validate_filename, "file:name", "filename",
       InsideUrl::kDrop, {"domain", "email", "registry-key"}},
      {"mac", "MAC address",
       {{R"([0-9a-f]{2}[:-][0-9a-f]{2}[:-][0-9a-f]{2}[:-][0-9a-f]{2}[:-][0-9a-f]{2}[:-][0-9a-f]{2}|[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4})"}},
       extent_run<kMacChars, 64>, validate_mac, "mac-addr:value", "mac-address"},
      {"user-agent", "HTTP user agent, when quoted after the words \"user agent\"",
       {{R"(user[- ]?agent)"}}, extent_at_end, validate_user_agent,
       "network-traffic:extensions.'http-request-ext'.request_header.'User-Agent'", "user-agent"},
  };
}

}  // namespace

const std::vector<ObservableType>& observable_types() {
  static const std::vector<ObservableType> types = make_types();
  return types;
}

const ObservableType* find_observable_type(std::string_view name) {
  for (const ObservableType& type : observable_types())
    if (type.name == name) return &type;
  return nullptr;
}

}  // namespace osprey::observables
