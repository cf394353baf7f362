#include "osprey/server/auth.h"

#include <cryptopp/hex.h>
#include <cryptopp/osrng.h>
#include <cryptopp/sha.h>

#include <array>
#include <cctype>

namespace osprey::server {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 3> kRoles = {
    {{Role::reader, "reader"}, {Role::writer, "writer"}, {Role::admin, "admin"}}};

std::string hex(const CryptoPP::byte* bytes, size_t size) {
  std::string out;
  CryptoPP::HexEncoder encoder(new CryptoPP::StringSink(out), false);
  encoder.Put(bytes, size);
  encoder.MessageEnd();
  return out;
}

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

// Standard base64 (padding optional); nullopt on any other character.
std::optional<std::string> base64_decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    int v = base64_value(c);
    if (v < 0) return std::nullopt;
    bits = (bits << 6) | static_cast<uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push_back(static_cast<char>((bits >> count) & 0xff));
    }
  }
  return out;
}

bool starts_with_word(std::string_view header, std::string_view scheme) {
  if (header.size() <= scheme.size() || header[scheme.size()] != ' ') return false;
  for (size_t i = 0; i < scheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) != scheme[i]) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<Role> parse_role(std::string_view name) {
  for (const auto& [role, text] : kRoles) {
    if (text == name) return role;
  }
  return std::nullopt;
}

std::string_view role_name(Role role) {
  for (const auto& [r, text] : kRoles) {
    if (r == role) return text;
  }
  return "none";
}

std::string token_hash(std::string_view token) {
  CryptoPP::SHA256 sha;
  std::array<CryptoPP::byte, CryptoPP::SHA256::DIGESTSIZE> digest{};
  sha.CalculateDigest(digest.data(), reinterpret_cast<const CryptoPP::byte*>(token.data()),
                      token.size());
  return hex(digest.data(), digest.size());
}

Result<std::string> create_token(store::Store& store, Role role, const std::string& name) {
  CryptoPP::AutoSeededRandomPool random;
  std::array<CryptoPP::byte, 32> bytes{};
  random.GenerateBlock(bytes.data(), bytes.size());
  std::string token = "osp_" + hex(bytes.data(), bytes.size());
  store::ApiToken stored;
  stored.name = name;
  stored.role = std::string(role_name(role));
  stored.hash = token_hash(token);
  auto added = store.add_token(stored);
  if (!added.ok()) return added.error();
  return token;
}

std::string token_from_authorization(std::string_view header) {
  header = trim(header);
  if (starts_with_word(header, "bearer")) return std::string(trim(header.substr(7)));
  if (starts_with_word(header, "basic")) {
    auto decoded = base64_decode(trim(header.substr(6)));
    if (!decoded) return "";
    size_t colon = decoded->find(':');
    return colon == std::string::npos ? "" : decoded->substr(colon + 1);
  }
  return "";
}

Result<Role> role_of_token(store::Store& store, std::string_view token) {
  if (token.empty()) return Role::none;
  auto found = store.find_token_by_hash(token_hash(token));
  if (!found.ok()) return found.error();
  if (!found.value()) return Role::none;
  return parse_role(found.value()->role).value_or(Role::none);
}

}  // namespace osprey::server
