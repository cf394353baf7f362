#include "osprey/ingest/fetch/address_policy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <charconv>
#include <cstring>

namespace osprey::ingest {
namespace {

using Bytes = std::array<uint8_t, 16>;

constexpr Bytes kMappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

IpAddress from_v4(const uint8_t (&v4)[4]) {
  IpAddress a;
  a.bytes = kMappedPrefix;
  std::memcpy(a.bytes.data() + 12, v4, 4);
  return a;
}

IpAddress from_v4(uint32_t host_order) {
  const uint8_t v4[4] = {uint8_t(host_order >> 24), uint8_t(host_order >> 16),
                         uint8_t(host_order >> 8), uint8_t(host_order)};
  return from_v4(v4);
}

uint32_t v4_at(const Bytes& b, size_t at) {
  return uint32_t(b[at]) << 24 | uint32_t(b[at + 1]) << 16 | uint32_t(b[at + 2]) << 8 |
         uint32_t(b[at + 3]);
}

bool prefix_matches(const Bytes& a, const Bytes& net, int prefix) {
  int whole = prefix / 8;
  if (std::memcmp(a.data(), net.data(), size_t(whole)) != 0) return false;
  int rest = prefix % 8;
  if (rest == 0) return true;
  uint8_t mask = uint8_t(0xff << (8 - rest));
  return (a[size_t(whole)] & mask) == (net[size_t(whole)] & mask);
}

struct Block {
  const char* network;
  AddressKind kind;
};

// IANA special-purpose registries (RFC 6890 and updates). Order matters only
// where blocks nest: the first match wins, so narrower blocks come first.
const Block kBlocks[] = {
    {"0.0.0.0/8", AddressKind::unspecified},
    {"10.0.0.0/8", AddressKind::private_use},
    {"100.64.0.0/10", AddressKind::shared},
    {"127.0.0.0/8", AddressKind::loopback},
    {"169.254.0.0/16", AddressKind::link_local},
    {"172.16.0.0/12", AddressKind::private_use},
    {"192.0.0.0/24", AddressKind::reserved},
    {"192.0.2.0/24", AddressKind::documentation},
    {"192.88.99.0/24", AddressKind::reserved},  // 6to4 relay anycast, deprecated
    {"192.168.0.0/16", AddressKind::private_use},
    {"198.18.0.0/15", AddressKind::reserved},  // benchmarking
    {"198.51.100.0/24", AddressKind::documentation},
    {"203.0.113.0/24", AddressKind::documentation},
    {"224.0.0.0/4", AddressKind::multicast},
    {"255.255.255.255/32", AddressKind::broadcast},
    {"240.0.0.0/4", AddressKind::reserved},
    {"::/128", AddressKind::unspecified},
    {"::1/128", AddressKind::loopback},
    {"100::/64", AddressKind::reserved},  // discard-only
    {"2001:db8::/32", AddressKind::documentation},
    {"2001:10::/28", AddressKind::reserved},  // ORCHID
    {"2001:20::/28", AddressKind::reserved},  // ORCHIDv2
    {"fc00::/7", AddressKind::private_use},
    {"fe80::/10", AddressKind::link_local},
    {"fec0::/10", AddressKind::private_use},  // site-local, deprecated
    {"ff00::/8", AddressKind::multicast},
};

struct ParsedBlock {
  IpNetwork network;
  AddressKind kind;
};

const std::vector<ParsedBlock>& blocks() {
  static const std::vector<ParsedBlock> parsed = [] {
    std::vector<ParsedBlock> out;
    for (const Block& b : kBlocks) out.push_back({parse_network(b.network).value(), b.kind});
    return out;
  }();
  return parsed;
}

AddressKind table_kind(const IpAddress& a) {
  for (const ParsedBlock& b : blocks())
    if (contains(b.network, a)) return b.kind;
  return AddressKind::global;
}

// The IPv4 address an IPv6 form carries, if it is one of the forms a
// resolver, a NAT64 gateway or a tunnel would deliver to that IPv4 host.
std::optional<IpAddress> embedded_v4(const Bytes& b) {
  static const Bytes kZero{};
  if (std::memcmp(b.data(), kZero.data(), 12) == 0 && v4_at(b, 12) > 1)
    return from_v4(v4_at(b, 12));  // IPv4-compatible ::a.b.c.d (deprecated)
  static const uint8_t kNat64[12] = {0, 0x64, 0xff, 0x9b};
  if (std::memcmp(b.data(), kNat64, 12) == 0) return from_v4(v4_at(b, 12));
  if (b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4] == 0 && b[5] == 1)
    return from_v4(v4_at(b, 12));                                 // local-use NAT64, RFC 8215
  if (b[0] == 0x20 && b[1] == 0x02) return from_v4(v4_at(b, 2));  // 6to4
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0)
    return from_v4(~v4_at(b, 12));  // Teredo: the client address, bits inverted
  return std::nullopt;
}

}  // namespace

bool IpAddress::is_v4() const {
  return std::memcmp(bytes.data(), kMappedPrefix.data(), 12) == 0;
}

std::string_view address_kind_name(AddressKind kind) {
  switch (kind) {
    case AddressKind::global:
      return "global";
    case AddressKind::unspecified:
      return "unspecified";
    case AddressKind::loopback:
      return "loopback";
    case AddressKind::private_use:
      return "private";
    case AddressKind::link_local:
      return "link-local";
    case AddressKind::shared:
      return "shared (carrier-grade NAT)";
    case AddressKind::multicast:
      return "multicast";
    case AddressKind::broadcast:
      return "broadcast";
    case AddressKind::documentation:
      return "documentation";
    case AddressKind::reserved:
      return "reserved";
  }
  return "unknown";
}

std::optional<IpAddress> parse_ip(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']')
    text = text.substr(1, text.size() - 2);
  if (text.empty() || text.size() > 64) return std::nullopt;
  std::string z(text);
  uint8_t v4[4];
  if (inet_pton(AF_INET, z.c_str(), v4) == 1) return from_v4(v4);
  IpAddress a;
  if (inet_pton(AF_INET6, z.c_str(), a.bytes.data()) == 1) return a;
  return std::nullopt;
}

std::optional<IpAddress> ip_from_sockaddr(const sockaddr* address) {
  if (address == nullptr) return std::nullopt;
  if (address->sa_family == AF_INET) {
    sockaddr_in in;
    std::memcpy(&in, address, sizeof in);
    uint8_t v4[4];
    std::memcpy(v4, &in.sin_addr, 4);
    return from_v4(v4);
  }
  if (address->sa_family == AF_INET6) {
    sockaddr_in6 in6;
    std::memcpy(&in6, address, sizeof in6);
    IpAddress a;
    std::memcpy(a.bytes.data(), &in6.sin6_addr, 16);
    return a;
  }
  return std::nullopt;
}

std::string to_string(const IpAddress& address) {
  char buffer[INET6_ADDRSTRLEN] = {};
  if (address.is_v4())
    inet_ntop(AF_INET, address.bytes.data() + 12, buffer, sizeof buffer);
  else
    inet_ntop(AF_INET6, address.bytes.data(), buffer, sizeof buffer);
  return buffer;
}

AddressKind classify(const IpAddress& address) {
  AddressKind kind = table_kind(address);
  if (kind != AddressKind::global || address.is_v4()) return kind;
  if (auto inner = embedded_v4(address.bytes)) return table_kind(*inner);
  return kind;
}

Result<IpNetwork> parse_network(std::string_view text) {
  size_t slash = text.find('/');
  auto base = parse_ip(text.substr(0, slash));
  if (!base) return Error{"not an IP network: \"" + std::string(text) + "\""};
  int bits = base->is_v4() ? 32 : 128;
  int prefix = bits;
  if (slash != std::string_view::npos) {
    std::string_view digits = text.substr(slash + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || prefix < 0 ||
        prefix > bits)
      return Error{"bad prefix length in IP network \"" + std::string(text) + "\""};
  }
  IpNetwork network;
  network.prefix = base->is_v4() ? prefix + 96 : prefix;
  for (int bit = 0; bit < network.prefix; ++bit) {
    uint8_t mask = uint8_t(0x80u >> (bit % 8));
    network.base.bytes[size_t(bit / 8)] |= base->bytes[size_t(bit / 8)] & mask;
  }
  return network;
}

bool contains(const IpNetwork& network, const IpAddress& address) {
  return prefix_matches(address.bytes, network.base.bytes, network.prefix);
}

std::string refusal_reason(const IpAddress& address, bool allow_private,
                           const std::vector<IpNetwork>& allowed) {
  AddressKind kind = classify(address);
  if (kind == AddressKind::global || allow_private) return {};
  for (const IpNetwork& n : allowed)
    if (contains(n, address)) return {};
  return "refused to connect to " + to_string(address) + ": the address is " +
         std::string(address_kind_name(kind)) +
         " (set allow_private or add it to allowed_networks to permit it)";
}

}  // namespace osprey::ingest
