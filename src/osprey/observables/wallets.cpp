// Cryptocurrency addresses. Only addresses whose checksum verifies are
// reported: a failed checksum is not an address. Hashing is Crypto++'s
// (SHA-256 for Base58Check, Keccak-256 for Ethereum and Monero).
#include <cryptopp/keccak.h>
#include <cryptopp/sha.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "osprey/observables/validators.h"

namespace osprey::observables {
namespace {

using Bytes = std::vector<uint8_t>;
constexpr std::string_view kBase58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

int base58_digit(char c) {
  size_t i = kBase58.find(c);
  return i == std::string_view::npos ? -1 : static_cast<int>(i);
}

// Plain (Bitcoin) Base58: the string as one big-endian number.
std::optional<Bytes> base58_decode(std::string_view s) {
  Bytes out;  // little-endian while accumulating
  for (char c : s) {
    int carry = base58_digit(c);
    if (carry < 0) return std::nullopt;
    for (uint8_t& byte : out) {
      int v = byte * 58 + carry;
      byte = static_cast<uint8_t>(v & 0xff);
      carry = v >> 8;
    }
    while (carry) {
      out.push_back(static_cast<uint8_t>(carry & 0xff));
      carry >>= 8;
    }
  }
  for (char c : s) {
    if (c != '1') break;
    out.push_back(0);  // leading '1's are leading zero bytes
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::array<uint8_t, 32> sha256(const uint8_t* data, size_t size) {
  std::array<uint8_t, 32> digest;
  CryptoPP::SHA256().CalculateDigest(digest.data(), data, size);
  return digest;
}

std::array<uint8_t, 32> keccak256(const uint8_t* data, size_t size) {
  std::array<uint8_t, 32> digest;
  CryptoPP::Keccak_256().CalculateDigest(digest.data(), data, size);
  return digest;
}

// Base58Check with a 25-byte payload: version, 20-byte hash, 4-byte checksum.
std::optional<uint8_t> base58check_version(std::string_view s) {
  auto bytes = base58_decode(s);
  if (!bytes || bytes->size() != 25) return std::nullopt;
  auto once = sha256(bytes->data(), 21);
  auto twice = sha256(once.data(), once.size());
  if (std::memcmp(twice.data(), bytes->data() + 21, 4) != 0) return std::nullopt;
  return (*bytes)[0];
}

// Bech32 (BIP 173) and Bech32m (BIP 350) segwit addresses.
uint32_t bech32_polymod(const std::vector<uint8_t>& values) {
  static constexpr uint32_t kGen[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
  uint32_t chk = 1;
  for (uint8_t v : values) {
    uint32_t top = chk >> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (int i = 0; i < 5; ++i)
      if ((top >> i) & 1) chk ^= kGen[i];
  }
  return chk;
}

bool segwit_valid(std::string_view address, std::string_view hrp) {
  constexpr std::string_view kCharset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  bool has_lower =
      std::any_of(address.begin(), address.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  bool has_upper =
      std::any_of(address.begin(), address.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (has_lower && has_upper) return false;
  std::string s = lowercase(address);
  if (s.size() < hrp.size() + 8 || s.size() > 90 ||
      s.compare(0, hrp.size() + 1, std::string(hrp) + "1") != 0)
    return false;
  std::vector<uint8_t> values;
  for (char c : hrp) values.push_back(static_cast<uint8_t>(c >> 5));
  values.push_back(0);
  for (char c : hrp) values.push_back(static_cast<uint8_t>(c & 31));
  std::vector<uint8_t> data;
  for (char c : s.substr(hrp.size() + 1)) {
    size_t d = kCharset.find(c);
    if (d == std::string_view::npos) return false;
    data.push_back(static_cast<uint8_t>(d));
  }
  values.insert(values.end(), data.begin(), data.end());
  uint32_t check = bech32_polymod(values);
  uint8_t version = data[0];
  if (version > 16) return false;
  if (check != (version == 0 ? 1u : 0x2bc830a3u)) return false;
  // Witness program: 5-bit groups (without version and checksum) to bytes.
  size_t bits = (data.size() - 7) * 5;
  size_t program = bits / 8;
  if (bits % 8 >= 5) return false;  // more padding than a conversion leaves
  if (program < 2 || program > 40) return false;
  return version != 0 || program == 20 || program == 32;
}

std::optional<Accepted> wallet(Candidate c, std::string_view s, const char* rule,
                               std::vector<std::string> flags = {}) {
  return Accepted{std::string(s), c.from, c.to, std::move(flags), {}, rule, 0, 0, {}};
}

// Base58Check coins differ by their version bytes, which fix the first
// character; a 25-byte payload is 25 to 35 characters long.
std::optional<Accepted> base58_coin(const ScanContext& ctx, Candidate c,
                                    std::string_view first_chars,
                                    std::initializer_list<uint8_t> versions, const char* rule) {
  if (c.to - c.from < 25 || c.to - c.from > 35 || !alnum_bounded(ctx, c)) return std::nullopt;
  std::string_view s = ctx.text.substr(c.from, c.to - c.from);
  if (first_chars.find(s[0]) == std::string_view::npos) return std::nullopt;
  auto version = base58check_version(s);
  if (!version || std::find(versions.begin(), versions.end(), *version) == versions.end())
    return std::nullopt;
  return wallet(c, s, rule);
}

std::optional<Accepted> segwit_coin(const ScanContext& ctx, Candidate c, std::string_view hrp,
                                    const char* rule) {
  if (!alnum_bounded(ctx, c)) return std::nullopt;
  std::string_view s = ctx.text.substr(c.from, c.to - c.from);
  if (!segwit_valid(s, hrp)) return std::nullopt;
  return wallet(c, lowercase(s), rule);  // bech32's canonical form is lowercase
}

// Monero's Base58 works on 8-byte blocks encoded as 11 characters.
std::optional<Bytes> monero_base58_decode(std::string_view s) {
  static constexpr int kBlockBytes[12] = {0, -1, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8};
  Bytes out;
  for (size_t pos = 0; pos < s.size(); pos += 11) {
    std::string_view block = s.substr(pos, 11);
    int size = kBlockBytes[block.size()];
    if (size < 0) return std::nullopt;
    unsigned __int128 number = 0;
    for (char c : block) {
      int d = base58_digit(c);
      if (d < 0) return std::nullopt;
      number = number * 58 + static_cast<unsigned>(d);
    }
    if (size < 8 && number >> (8 * size)) return std::nullopt;
    if (number >> 64) return std::nullopt;
    for (int i = size - 1; i >= 0; --i) out.push_back(static_cast<uint8_t>(number >> (8 * i)));
  }
  return out;
}

}  // namespace

std::optional<Accepted> validate_btc(const ScanContext& ctx, Candidate c) {
  char first = ctx.at(static_cast<int64_t>(c.from));
  if (first == 'b' || first == 'B')
    return segwit_coin(ctx, c, "bc", "btc: bech32/bech32m checksum");
  return base58_coin(ctx, c, "13", {0x00, 0x05}, "btc: Base58Check checksum");
}

std::optional<Accepted> validate_ltc(const ScanContext& ctx, Candidate c) {
  char first = ctx.at(static_cast<int64_t>(c.from));
  if (first == 'l' || first == 'L') {
    if (ctx.at(static_cast<int64_t>(c.from) + 3) == '1')
      return segwit_coin(ctx, c, "ltc", "ltc: bech32 checksum");
  }
  return base58_coin(ctx, c, "LM", {0x30, 0x32}, "ltc: Base58Check checksum");
}

std::optional<Accepted> validate_doge(const ScanContext& ctx, Candidate c) {
  return base58_coin(ctx, c, "DA9", {0x1e, 0x16}, "doge: Base58Check checksum");
}

std::optional<Accepted> validate_trx(const ScanContext& ctx, Candidate c) {
  return base58_coin(ctx, c, "T", {0x41}, "trx: Base58Check checksum");
}

// Ethereum: mixed case carries the EIP-55 checksum and must verify; an
// address in one case has no checksum and is flagged so.
std::optional<Accepted> validate_eth(const ScanContext& ctx, Candidate c) {
  if (!alnum_bounded(ctx, c)) return std::nullopt;
  std::string_view s = ctx.text.substr(c.from, c.to - c.from);
  if (s.size() != 42 || !s.starts_with("0x")) return std::nullopt;
  std::string_view hex = s.substr(2);
  bool lower = std::any_of(hex.begin(), hex.end(), [](char ch) { return ch >= 'a' && ch <= 'f'; });
  bool upper = std::any_of(hex.begin(), hex.end(), [](char ch) { return ch >= 'A' && ch <= 'F'; });
  if (!lower && !upper) return std::nullopt;  // digits only: a number, not an address
  if (lower && upper) {
    std::string plain = lowercase(hex);
    auto digest = keccak256(reinterpret_cast<const uint8_t*>(plain.data()), plain.size());
    for (size_t i = 0; i < 40; ++i) {
      if (!is_alpha(hex[i])) continue;
      unsigned nibble = (digest[i / 2] >> (i % 2 ? 0 : 4)) & 0xf;
      bool should_upper = nibble >= 8;
      if (should_upper != (hex[i] >= 'A' && hex[i] <= 'F')) return std::nullopt;
    }
    return wallet(c, s, "eth: EIP-55 checksum");
  }
  return wallet(c, s, "eth: 0x + 40 hex (one case, no checksum)", {"no-checksum"});
}

std::optional<Accepted> validate_xmr(const ScanContext& ctx, Candidate c) {
  size_t length = c.to - c.from;
  if ((length != 95 && length != 106) || !alnum_bounded(ctx, c)) return std::nullopt;
  if (ctx.text[c.from] != '4' && ctx.text[c.from] != '8') return std::nullopt;
  std::string_view s = ctx.text.substr(c.from, c.to - c.from);
  auto bytes = monero_base58_decode(s);
  if (!bytes || (bytes->size() != 69 && bytes->size() != 77)) return std::nullopt;
  uint8_t network = (*bytes)[0];
  if (network != 0x12 && network != 0x13 && network != 0x2a) return std::nullopt;  // mainnet
  auto digest = keccak256(bytes->data(), bytes->size() - 4);
  if (std::memcmp(digest.data(), bytes->data() + bytes->size() - 4, 4) != 0) return std::nullopt;
  return wallet(c, s, "xmr: Keccak-256 checksum");
}

}  // namespace osprey::observables
