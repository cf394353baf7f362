// Which IP addresses the fetcher may connect to. The SSRF guard: a URL
// written by an attacker must not reach the machine itself, the local
// network or a cloud metadata service. Pure functions; the fetcher applies
// them to the address it is about to connect, after DNS and every redirect.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "osprey/model/result.h"

struct sockaddr;

namespace osprey::ingest {

// An IPv4 or IPv6 address. IPv4 is held in its IPv4-mapped form
// (::ffff:a.b.c.d), so one network table and one comparison serve both.
struct IpAddress {
  std::array<uint8_t, 16> bytes{};

  bool is_v4() const;
  friend bool operator==(const IpAddress&, const IpAddress&) = default;
};

// What an address is for. Everything but `global` is refused by default.
enum class AddressKind {
  global,         // routable on the public Internet
  unspecified,    // 0.0.0.0/8, ::
  loopback,       // 127.0.0.0/8, ::1
  private_use,    // RFC 1918, fc00::/7, fec0::/10
  link_local,     // 169.254.0.0/16 (cloud metadata), fe80::/10
  shared,         // 100.64.0.0/10, carrier-grade NAT
  multicast,      // 224.0.0.0/4, ff00::/8
  broadcast,      // 255.255.255.255
  documentation,  // TEST-NET-1/2/3, 2001:db8::/32
  reserved,       // IETF protocol assignments, benchmarking, 240/4, discard-only, ORCHID
};

// "loopback", "private", "link-local", ... for messages.
std::string_view address_kind_name(AddressKind kind);

// Parses "192.0.2.1", "2001:db8::1" or "[2001:db8::1]"; nullopt otherwise.
std::optional<IpAddress> parse_ip(std::string_view text);

// The address in an AF_INET or AF_INET6 sockaddr; nullopt for other families.
std::optional<IpAddress> ip_from_sockaddr(const sockaddr* address);

// "192.0.2.1" for IPv4, the RFC 5952 form for IPv6.
std::string to_string(const IpAddress& address);

// The kind of an address. IPv6 forms that carry an IPv4 address (mapped,
// compatible, NAT64 64:ff9b::/96 and 64:ff9b:1::/48, 6to4, Teredo) take the
// kind of the embedded address when that is not global.
AddressKind classify(const IpAddress& address);

// An address block: "10.0.0.0/8", "fd00::/8", or one address ("127.0.0.1").
struct IpNetwork {
  IpAddress base;  // host bits cleared
  int prefix = 0;  // over the 128-bit form: an IPv4 /8 is stored as /104
};

// Parses CIDR notation; an error names the text when it is not a network.
Result<IpNetwork> parse_network(std::string_view text);

bool contains(const IpNetwork& network, const IpAddress& address);

// Why connecting to `address` is refused, or an empty string when it is
// allowed: global addresses always are; others only with `allow_private` or
// when one of `allowed` contains the address.
std::string refusal_reason(const IpAddress& address, bool allow_private,
                           const std::vector<IpNetwork>& allowed);

}  // namespace osprey::ingest
