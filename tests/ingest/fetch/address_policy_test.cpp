#include "osprey/ingest/fetch/address_policy.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

namespace osprey::ingest {
namespace {

struct Case {
  const char* address;
  AddressKind kind;
};

class Classify : public ::testing::TestWithParam<Case> {};

TEST_P(Classify, GivesTheAddressItsKind) {
  auto ip = parse_ip(GetParam().address);
  ASSERT_TRUE(ip) << GetParam().address;
  EXPECT_EQ(classify(*ip), GetParam().kind) << GetParam().address;
}

INSTANTIATE_TEST_SUITE_P(
    EveryRange, Classify,
    ::testing::Values(
        // IPv4
        Case{"8.8.8.8", AddressKind::global}, Case{"93.184.216.34", AddressKind::global},
        Case{"0.0.0.0", AddressKind::unspecified}, Case{"0.1.2.3", AddressKind::unspecified},
        Case{"127.0.0.1", AddressKind::loopback}, Case{"127.255.255.254", AddressKind::loopback},
        Case{"10.0.0.1", AddressKind::private_use}, Case{"172.16.0.1", AddressKind::private_use},
        Case{"172.31.255.255", AddressKind::private_use}, Case{"172.32.0.1", AddressKind::global},
        Case{"192.168.1.1", AddressKind::private_use},
        Case{"169.254.169.254", AddressKind::link_local}, Case{"100.64.0.1", AddressKind::shared},
        Case{"100.127.255.255", AddressKind::shared}, Case{"100.128.0.1", AddressKind::global},
        Case{"224.0.0.251", AddressKind::multicast},
        Case{"239.255.255.250", AddressKind::multicast},
        Case{"255.255.255.255", AddressKind::broadcast}, Case{"240.0.0.1", AddressKind::reserved},
        Case{"192.0.0.8", AddressKind::reserved}, Case{"198.18.0.1", AddressKind::reserved},
        Case{"192.0.2.1", AddressKind::documentation},
        Case{"198.51.100.7", AddressKind::documentation},
        Case{"203.0.113.9", AddressKind::documentation},
        // IPv6
        Case{"2606:4700::1111", AddressKind::global}, Case{"::", AddressKind::unspecified},
        Case{"::1", AddressKind::loopback}, Case{"[::1]", AddressKind::loopback},
        Case{"fe80::1", AddressKind::link_local}, Case{"fc00::1", AddressKind::private_use},
        Case{"fd00:ec2::254", AddressKind::private_use},  // AWS metadata over IPv6
        Case{"fec0::1", AddressKind::private_use}, Case{"ff02::1", AddressKind::multicast},
        Case{"2001:db8::1", AddressKind::documentation}, Case{"100::1", AddressKind::reserved},
        // IPv6 forms that carry an IPv4 address take its kind
        Case{"::ffff:127.0.0.1", AddressKind::loopback},
        Case{"::ffff:169.254.169.254", AddressKind::link_local},
        Case{"::ffff:8.8.8.8", AddressKind::global},
        Case{"::127.0.0.1", AddressKind::loopback},           // IPv4-compatible
        Case{"64:ff9b::a00:1", AddressKind::private_use},     // NAT64 of 10.0.0.1
        Case{"64:ff9b::a9fe:a9fe", AddressKind::link_local},  // NAT64 of 169.254.169.254
        Case{"64:ff9b::808:808", AddressKind::global},        // NAT64 of 8.8.8.8
        Case{"64:ff9b:1::7f00:1", AddressKind::loopback},     // local-use NAT64
        Case{"2002:7f00:1::", AddressKind::loopback},         // 6to4 of 127.0.0.1
        Case{"2002:c0a8:101::1", AddressKind::private_use},   // 6to4 of 192.168.1.1
        Case{"2001:0:4136:e378:8000:63bf:80ff:fffe", AddressKind::loopback}));  // Teredo

TEST(ParseIp, RejectsWhatIsNotAnAddress) {
  for (const char* text :
       {"", "localhost", "1.2.3", "1.2.3.4.5", "256.1.1.1", "::g", "[::1", "1.2.3.4/8", " 1.2.3.4"})
    EXPECT_FALSE(parse_ip(text)) << text;
}

TEST(ParseIp, KeepsIpv4InTheMappedForm) {
  EXPECT_EQ(parse_ip("127.0.0.1"), parse_ip("::ffff:127.0.0.1"));
  EXPECT_TRUE(parse_ip("127.0.0.1")->is_v4());
  EXPECT_FALSE(parse_ip("::1")->is_v4());
  EXPECT_EQ(to_string(*parse_ip("127.0.0.1")), "127.0.0.1");
  EXPECT_EQ(to_string(*parse_ip("fd00:ec2:0::254")), "fd00:ec2::254");
}

TEST(IpFromSockaddr, ReadsBothFamilies) {
  sockaddr_in in{};
  in.sin_family = AF_INET;
  in.sin_addr.s_addr = htonl(0xA9FEA9FE);  // 169.254.169.254
  EXPECT_EQ(ip_from_sockaddr(reinterpret_cast<sockaddr*>(&in)), parse_ip("169.254.169.254"));
  sockaddr_in6 in6{};
  in6.sin6_family = AF_INET6;
  in6.sin6_addr.s6_addr[15] = 1;
  EXPECT_EQ(ip_from_sockaddr(reinterpret_cast<sockaddr*>(&in6)), parse_ip("::1"));
  sockaddr unix_address{};
  unix_address.sa_family = AF_UNIX;
  EXPECT_FALSE(ip_from_sockaddr(&unix_address));
  EXPECT_FALSE(ip_from_sockaddr(nullptr));
}

TEST(ParseNetwork, ReadsCidrAndSingleAddresses) {
  auto loopback = parse_network("127.0.0.1/32");
  ASSERT_TRUE(loopback.ok());
  EXPECT_TRUE(contains(loopback.value(), *parse_ip("127.0.0.1")));
  EXPECT_FALSE(contains(loopback.value(), *parse_ip("127.0.0.2")));

  auto ten = parse_network("10.1.2.3/8");  // host bits are cleared
  ASSERT_TRUE(ten.ok());
  EXPECT_EQ(to_string(ten.value().base), "10.0.0.0");
  EXPECT_TRUE(contains(ten.value(), *parse_ip("10.255.0.1")));
  EXPECT_FALSE(contains(ten.value(), *parse_ip("11.0.0.1")));

  auto ula = parse_network("fd00:1::/32");
  ASSERT_TRUE(ula.ok());
  EXPECT_TRUE(contains(ula.value(), *parse_ip("fd00:1:ffff::1")));
  EXPECT_FALSE(contains(ula.value(), *parse_ip("fd00:2::1")));

  auto single = parse_network("::1");
  ASSERT_TRUE(single.ok());
  EXPECT_EQ(single.value().prefix, 128);

  auto odd = parse_network("172.16.0.0/12");
  ASSERT_TRUE(odd.ok());
  EXPECT_TRUE(contains(odd.value(), *parse_ip("172.31.0.1")));
  EXPECT_FALSE(contains(odd.value(), *parse_ip("172.32.0.1")));
}

TEST(ParseNetwork, NamesTheBadEntry) {
  for (const char* text : {"10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x", "nope/8", "/8"}) {
    auto n = parse_network(text);
    ASSERT_FALSE(n.ok()) << text;
    EXPECT_NE(n.error().message.find(text), std::string::npos) << n.error().message;
  }
}

TEST(RefusalReason, AllowsGlobalAndRefusesTheRest) {
  EXPECT_EQ(refusal_reason(*parse_ip("8.8.8.8"), false, {}), "");
  std::string why = refusal_reason(*parse_ip("169.254.169.254"), false, {});
  EXPECT_NE(why.find("169.254.169.254"), std::string::npos) << why;
  EXPECT_NE(why.find("link-local"), std::string::npos) << why;
}

TEST(RefusalReason, AllowPrivatePermitsEverything) {
  EXPECT_EQ(refusal_reason(*parse_ip("127.0.0.1"), true, {}), "");
  EXPECT_EQ(refusal_reason(*parse_ip("fe80::1"), true, {}), "");
}

TEST(RefusalReason, AllowedNetworksPermitOnlyWhatTheyCover) {
  std::vector<IpNetwork> allowed = {parse_network("127.0.0.1/32").value(),
                                    parse_network("10.20.0.0/16").value()};
  EXPECT_EQ(refusal_reason(*parse_ip("127.0.0.1"), false, allowed), "");
  EXPECT_EQ(refusal_reason(*parse_ip("::ffff:127.0.0.1"), false, allowed), "");
  EXPECT_EQ(refusal_reason(*parse_ip("10.20.3.4"), false, allowed), "");
  EXPECT_NE(refusal_reason(*parse_ip("127.0.0.2"), false, allowed), "");
  EXPECT_NE(refusal_reason(*parse_ip("::1"), false, allowed), "");
  EXPECT_NE(refusal_reason(*parse_ip("10.21.0.1"), false, allowed), "");
  EXPECT_NE(refusal_reason(*parse_ip("169.254.169.254"), false, allowed), "");
}

}  // namespace
}  // namespace osprey::ingest
