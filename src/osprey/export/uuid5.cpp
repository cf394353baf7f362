#include "osprey/export/uuid5.h"

#include <cryptopp/sha.h>

#include <array>
#include <cstdint>

namespace osprey::exporting {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::array<uint8_t, 16> parse_uuid(std::string_view text) {
  std::array<uint8_t, 16> bytes{};
  size_t n = 0;
  int high = -1;
  for (char c : text) {
    if (c == '-') continue;
    int v = hex_value(c);
    if (v < 0 || n == bytes.size()) return {};
    if (high < 0) {
      high = v;
    } else {
      bytes[n++] = static_cast<uint8_t>(high << 4 | v);
      high = -1;
    }
  }
  if (n != bytes.size()) return {};
  return bytes;
}

}  // namespace

std::string uuid5(std::string_view namespace_uuid, std::string_view name) {
  const std::array<uint8_t, 16> ns = parse_uuid(namespace_uuid);
  CryptoPP::SHA1 sha1;
  sha1.Update(ns.data(), ns.size());
  sha1.Update(reinterpret_cast<const CryptoPP::byte*>(name.data()), name.size());
  std::array<uint8_t, CryptoPP::SHA1::DIGESTSIZE> digest{};
  sha1.Final(digest.data());
  digest[6] = static_cast<uint8_t>((digest[6] & 0x0f) | 0x50);  // version 5
  digest[8] = static_cast<uint8_t>((digest[8] & 0x3f) | 0x80);  // RFC 9562 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0x0f]);
  }
  return out;
}

std::string osprey_stix_id(std::string_view type, std::string_view key) {
  std::string id(type);
  id.append("--").append(uuid5(kOspreyNamespace, key));
  return id;
}

}  // namespace osprey::exporting
