// IP addresses, CIDR networks, MAC addresses and AS numbers.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "support.h"

using namespace osprey::testing;
using osprey::Findings;
using osprey::Observable;

namespace {

bool has_flag(const Observable* o, const std::string& flag) {
  return o && std::find(o->flags.begin(), o->flags.end(), flag) != o->flags.end();
}

// The flags of the single ipv4 found in `text` (empty when there is none).
std::vector<std::string> ipv4_flags_of(const std::string& text) {
  Findings f = extract(text);
  const Observable* o = only(f, "ipv4");
  return o ? o->flags : std::vector<std::string>{"<no ipv4>"};
}

}  // namespace

// ---------------------------------------------------------------- ipv4

TEST(Ipv4, PlainAddressWithSpan) {
  const std::string text = "Beacon to 8.8.8.8 today.";
  Findings f = extract(text);
  const Observable* o = only(f, "ipv4");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "8.8.8.8");
  EXPECT_TRUE(o->flags.empty());
  EXPECT_EQ(o->count, 1u);
  ASSERT_EQ(o->spans.size(), 1u);
  EXPECT_EQ(o->spans[0].start, text.find("8.8.8.8"));
  EXPECT_EQ(o->spans[0].end, text.find("8.8.8.8") + 7);
  EXPECT_FALSE(o->defanged);
  EXPECT_EQ(all_pairs(f), strings({"ipv4:8.8.8.8"}));
}

TEST(Ipv4, LeadingZerosStrippedButSpanCoversWrittenForm) {
  const std::string text = "host 010.001.002.003 ok";
  Findings f = extract(text);
  const Observable* o = only(f, "ipv4");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "10.1.2.3");
  EXPECT_EQ(o->spans[0].start, 5u);
  EXPECT_EQ(o->spans[0].end, 20u);
  EXPECT_EQ(values("ip 1.2.3.04 x", "ipv4"), strings({"1.2.3.4"}));
  EXPECT_EQ(values("ip 001.002.003.004 x", "ipv4"), strings({"1.2.3.4"}));
}

TEST(Ipv4, PortStrippedAndFlagged) {
  const std::string text = "connects to 45.77.12.9:8080 over tcp";
  Findings f = extract(text);
  const Observable* o = only(f, "ipv4");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "45.77.12.9");
  EXPECT_TRUE(has_flag(o, "port"));
  EXPECT_EQ(o->spans[0].start, 12u);
  EXPECT_EQ(o->spans[0].end, 22u);  // the port is not part of the span
}

TEST(Ipv4, ColonWithoutDigitsIsNotAPort) {
  Findings f = extract("The address was 45.77.12.9: blocked.");
  const Observable* o = only(f, "ipv4");
  ASSERT_NE(o, nullptr);
  EXPECT_FALSE(has_flag(o, "port"));
}

TEST(Ipv4, SameAddressWithAndWithoutPortIsOneObservable) {
  Findings f = extract("see 8.8.8.8:53 and 8.8.8.8");
  const Observable* o = only(f, "ipv4");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "8.8.8.8");
  EXPECT_EQ(o->count, 2u);
  ASSERT_EQ(o->spans.size(), 2u);
  EXPECT_EQ(o->spans[0].start, 4u);
  EXPECT_EQ(o->spans[1].start, 19u);
  EXPECT_TRUE(has_flag(o, "port"));
}

TEST(Ipv4, PublicAddressHasNoRangeFlag) {
  EXPECT_TRUE(ipv4_flags_of("resolves to 185.220.101.4 now").empty());
  EXPECT_TRUE(ipv4_flags_of("resolves to 1.1.1.1 now").empty());
}

TEST(Ipv4, RangeFlagPrivate) {
  EXPECT_EQ(ipv4_flags_of("host 10.1.2.3 x"), strings({"private"}));
  EXPECT_EQ(ipv4_flags_of("host 172.16.5.4 x"), strings({"private"}));
  EXPECT_EQ(ipv4_flags_of("host 172.31.255.254 x"), strings({"private"}));
  EXPECT_EQ(ipv4_flags_of("host 192.168.1.1 x"), strings({"private"}));
  EXPECT_TRUE(ipv4_flags_of("host 172.32.0.1 x").empty());  // just outside 172.16/12
}

TEST(Ipv4, RangeFlagLoopback) {
  EXPECT_EQ(ipv4_flags_of("host 127.0.0.1 x"), strings({"loopback"}));
  EXPECT_EQ(ipv4_flags_of("host 127.8.9.10 x"), strings({"loopback"}));
}

TEST(Ipv4, RangeFlagLinkLocal) {
  EXPECT_EQ(ipv4_flags_of("host 169.254.1.1 x"), strings({"link-local"}));
}

TEST(Ipv4, RangeFlagMulticast) {
  EXPECT_EQ(ipv4_flags_of("host 224.0.0.5 x"), strings({"multicast"}));
  EXPECT_EQ(ipv4_flags_of("host 239.255.255.250 x"), strings({"multicast"}));
}

TEST(Ipv4, RangeFlagReserved) {
  EXPECT_EQ(ipv4_flags_of("host 240.0.0.1 x"), strings({"reserved"}));
  EXPECT_EQ(ipv4_flags_of("host 192.0.0.8 x"), strings({"reserved"}));
}

TEST(Ipv4, RangeFlagDocumentation) {
  EXPECT_EQ(ipv4_flags_of("host 192.0.2.5 x"), strings({"documentation"}));
  EXPECT_EQ(ipv4_flags_of("host 198.51.100.7 x"), strings({"documentation"}));
  EXPECT_EQ(ipv4_flags_of("host 203.0.113.9 x"), strings({"documentation"}));
}

TEST(Ipv4, RangeFlagShared) {
  EXPECT_EQ(ipv4_flags_of("host 100.64.1.1 x"), strings({"shared"}));
  EXPECT_TRUE(ipv4_flags_of("host 100.128.0.1 x").empty());  // just outside 100.64/10
}

TEST(Ipv4, RangeFlagBenchmarking) {
  EXPECT_EQ(ipv4_flags_of("host 198.18.0.1 x"), strings({"benchmarking"}));
  EXPECT_EQ(ipv4_flags_of("host 198.19.255.1 x"), strings({"benchmarking"}));
}

TEST(Ipv4, RangeFlagUnspecified) {
  EXPECT_EQ(ipv4_flags_of("bind 0.0.0.0 x"), strings({"unspecified"}));
}

TEST(Ipv4, RangeFlagBroadcast) {
  std::vector<std::string> flags = ipv4_flags_of("send 255.255.255.255 x");
  EXPECT_NE(std::find(flags.begin(), flags.end(), "broadcast"), flags.end());
}

TEST(Ipv4, RangeFlagWithPort) {
  std::vector<std::string> flags = ipv4_flags_of("listen 127.0.0.1:8080 x");
  EXPECT_EQ(flags, strings({"loopback", "port"}));
}

TEST(Ipv4, TrailingSentenceDotNotInSpan) {
  Findings f = extract("at 10.0.0.1.");
  const Observable* o = only(f, "ipv4");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "10.0.0.1");
  EXPECT_EQ(o->spans[0].start, 3u);
  EXPECT_EQ(o->spans[0].end, 11u);
}

TEST(Ipv4, DefangedAddress) {
  const std::string text = "C2: 45[.]77[.]12[.]9 now";
  Findings f = extract(text);
  const Observable* o = only(f, "ipv4");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "45.77.12.9");
  EXPECT_TRUE(o->defanged);
  EXPECT_EQ(o->spans[0].start, 4u);
  EXPECT_EQ(o->spans[0].end, text.find(" now"));
}

TEST(Ipv4, VersionNumbersRejected) {
  EXPECT_TRUE(values("Upgrade to version 1.2.3.4 now.", "ipv4").empty());
  EXPECT_TRUE(values("version 1.2.3.4", "ipv4").empty());
  EXPECT_TRUE(values("upgrade to v10.0.0.1 now", "ipv4").empty());
  EXPECT_TRUE(values("upgrade to v 10.0.0.1 now", "ipv4").empty());
  EXPECT_TRUE(values("reports its build as 3.2.1.9", "ipv4").empty());
  EXPECT_TRUE(values("build 3.2.1.9", "ipv4").empty());
  EXPECT_TRUE(values("Firmware 2.0.1.5 fixes it", "ipv4").empty());
  EXPECT_TRUE(values("Affected releases are 8.0.0.0 and 8.1.0.0", "ipv4").empty());
}

TEST(Ipv4, VersionRangeBothEndsRejected) {
  Findings f = extract("Versions 10.0.0.1 through 10.2.4.3 are affected.");
  EXPECT_TRUE(values(f, "ipv4").empty());
  EXPECT_TRUE(all_pairs(f).empty());
}

TEST(Ipv4, VersionFollowedByBuildWordRejected) {
  EXPECT_TRUE(values("Install 7.1.0.3 build 22 today", "ipv4").empty());
  EXPECT_TRUE(values("Apply 4.2.0.1 or later today", "ipv4").empty());
}

TEST(Ipv4, ProductTokenRejected) {
  EXPECT_TRUE(values("Chrome/120.0.0.0 Safari", "ipv4").empty());
  EXPECT_TRUE(values("UA Mozilla/5.0 Chrome/120.0.0.0 x", "ipv4").empty());
}

TEST(Ipv4, OidsAndLongerDottedNumbersRejected) {
  EXPECT_TRUE(values("OID 1.3.6.1.4.1 is", "ipv4").empty());
  EXPECT_TRUE(values("the arc 1.3.6.1.4.1.311 is Microsoft's", "ipv4").empty());
  EXPECT_TRUE(values("seq 1.2.3.4.5 x", "ipv4").empty());
  EXPECT_TRUE(values("Windows 10.0.19041.1 build", "ipv4").empty());
}

TEST(Ipv4, OctetAbove255Rejected) {
  EXPECT_TRUE(values("addr 256.1.1.1 here", "ipv4").empty());
  EXPECT_TRUE(values("addr 1.2.3.256 here", "ipv4").empty());
  EXPECT_TRUE(values("addr 1.2.999.4 here", "ipv4").empty());
}

TEST(Ipv4, GluedToLettersRejected) {
  EXPECT_TRUE(values("idx10.0.0.1 here", "ipv4").empty());
  EXPECT_TRUE(values("addr 10.0.0.1abc here", "ipv4").empty());
  EXPECT_TRUE(values("addr 10.0.0.1_old here", "ipv4").empty());
}

TEST(Ipv4, ListOfAddressesJoinedByAndKept) {
  EXPECT_EQ(values("C2 at 45.77.12.9 and 45.77.12.10 and 91.92.93.94", "ipv4"),
            strings({"45.77.12.9", "45.77.12.10", "91.92.93.94"}));
  EXPECT_EQ(values("from 10.0.0.1 to 10.0.0.2", "ipv4"), strings({"10.0.0.1", "10.0.0.2"}));
  EXPECT_EQ(values("Traffic to 5.6.7.8, 9.10.11.12 or 13.14.15.16.", "ipv4"),
            strings({"5.6.7.8", "9.10.11.12", "13.14.15.16"}));
}

TEST(Ipv4, VersionCueOnAnotherLineDoesNotApply) {
  EXPECT_EQ(values("version\n45.77.12.9 is the C2", "ipv4"), strings({"45.77.12.9"}));
}

TEST(Ipv4, UrlHostReportedAsIpv4) {
  EXPECT_EQ(values("http://10.0.0.1/x", "ipv4"), strings({"10.0.0.1"}));
}

// ---------------------------------------------------------------- ipv6

TEST(Ipv6, FullFormCanonicalised) {
  const std::string text = "addr 2001:0db8:0000:0000:0000:ff00:0042:8329 end";
  Findings f = extract(text);
  const Observable* o = only(f, "ipv6");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "2001:db8::ff00:42:8329");
  EXPECT_EQ(o->spans[0].start, 5u);
  EXPECT_EQ(o->spans[0].end, text.find(" end"));
  EXPECT_TRUE(has_flag(o, "documentation"));
}

TEST(Ipv6, CompressedAndUppercaseCanonicalised) {
  EXPECT_EQ(values("addr 2001:DB8::1 end", "ipv6"), strings({"2001:db8::1"}));
  EXPECT_EQ(values("address: 2606:4700::1111", "ipv6"), strings({"2606:4700::1111"}));
  EXPECT_EQ(values("C2 2A03:2880:F10C:83:FACE:B00C:0:25DE.", "ipv6"),
            strings({"2a03:2880:f10c:83:face:b00c:0:25de"}));
}

TEST(Ipv6, Rfc5952LongestZeroRunCompressed) {
  // The first of two equal zero runs is compressed; a lone zero group is not.
  EXPECT_EQ(values("at 2001:db8:0:0:1:0:0:1 now", "ipv6"), strings({"2001:db8::1:0:0:1"}));
  EXPECT_EQ(values("at 2001:db8:0:1:1:1:1:1 now", "ipv6"), strings({"2001:db8:0:1:1:1:1:1"}));
}

TEST(Ipv6, Loopback) {
  Findings f = extract("loopback ::1 here");
  const Observable* o = only(f, "ipv6");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "::1");
  EXPECT_TRUE(has_flag(o, "loopback"));
  EXPECT_EQ(o->spans[0].start, 9u);
  EXPECT_EQ(o->spans[0].end, 12u);
}

TEST(Ipv6, Ipv4MappedAddress) {
  Findings f = extract("mapped ::ffff:192.0.2.1 here");
  const Observable* o = only(f, "ipv6");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "::ffff:192.0.2.1");
  EXPECT_TRUE(has_flag(o, "ipv4-mapped"));
  EXPECT_TRUE(values(f, "ipv4").empty());  // the embedded quad is part of the ipv6
}

TEST(Ipv6, RangeFlags) {
  Findings f = extract("ff02::1 and fc00::1 and fe80::1 and :: here");
  const Observable* multicast = nullptr;
  const Observable* unique_local = nullptr;
  const Observable* link_local = nullptr;
  const Observable* unspecified = nullptr;
  for (const Observable& o : f.observables) {
    if (o.value == "ff02::1") multicast = &o;
    if (o.value == "fc00::1") unique_local = &o;
    if (o.value == "fe80::1") link_local = &o;
    if (o.value == "::") unspecified = &o;
  }
  EXPECT_TRUE(has_flag(multicast, "multicast"));
  EXPECT_TRUE(has_flag(unique_local, "private"));
  EXPECT_TRUE(has_flag(link_local, "link-local"));
  // A bare "::" is not reported (in prose it is C++ or Perl); "::/0" is, as a cidr.
  EXPECT_EQ(unspecified, nullptr);
}

TEST(Ipv6, ZoneStrippedAndFlagged) {
  const std::string text = "link fe80::1%eth0 here";
  Findings f = extract(text);
  const Observable* o = only(f, "ipv6");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "fe80::1");
  EXPECT_TRUE(has_flag(o, "zone"));
  EXPECT_TRUE(has_flag(o, "link-local"));
  EXPECT_EQ(o->spans[0].start, 5u);
}

TEST(Ipv6, BracketedWithPort) {
  const std::string text = "connect to [2001:db8::1]:443 now";
  Findings f = extract(text);
  const Observable* o = only(f, "ipv6");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "2001:db8::1");
  EXPECT_EQ(o->spans[0].start, text.find("2001"));
  EXPECT_EQ(o->spans[0].end, text.find(']'));
}

TEST(Ipv6, TrailingSentenceColonAndDotDropped) {
  EXPECT_EQ(values("The server was 2001:db8::dead:beef.", "ipv6"),
            strings({"2001:db8::dead:beef"}));
  EXPECT_EQ(values("Known as 2606:4700::1111: the resolver", "ipv6"), strings({"2606:4700::1111"}));
}

TEST(Ipv6, TimesAreNotAddresses) {
  EXPECT_TRUE(all_pairs(extract("at 12:30:45 today")).empty());
  EXPECT_TRUE(values("The meeting ran 09:15:00 to 10:45:30.", "ipv6").empty());
}

TEST(Ipv6, CxxScopeIsNotAnAddress) {
  EXPECT_TRUE(values("use std::vector here", "ipv6").empty());
  EXPECT_TRUE(values("call a::b::c() now", "ipv6").empty());
}

TEST(Ipv6, MacAddressIsNotIpv6) {
  Findings f = extract("mac 00:1a:2b:3c:4d:5e here");
  EXPECT_TRUE(values(f, "ipv6").empty());
  EXPECT_EQ(values(f, "mac"), strings({"00:1a:2b:3c:4d:5e"}));
}

TEST(Ipv6, GluedToLettersRejected) {
  EXPECT_TRUE(values("idx2001:db8::1 here", "ipv6").empty());
}

TEST(Ipv6, NineGroupsRejected) {
  EXPECT_TRUE(values("bad 1:2:3:4:5:6:7:8:9 here", "ipv6").empty());
}

// ---------------------------------------------------------------- cidr

TEST(Cidr, Ipv4Network) {
  const std::string text = "block 10.0.0.0/8 now";
  Findings f = extract(text);
  const Observable* o = only(f, "cidr");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "10.0.0.0/8");
  EXPECT_TRUE(has_flag(o, "private"));
  EXPECT_EQ(o->spans[0].start, 6u);
  EXPECT_EQ(o->spans[0].end, 16u);
  EXPECT_TRUE(values(f, "ipv4").empty());  // the address inside is part of the network
  EXPECT_EQ(all_pairs(f), strings({"cidr:10.0.0.0/8"}));
}

TEST(Cidr, Ipv4NetworkAtSentenceEnd) {
  Findings f = extract("block 45.77.0.0/16.");
  EXPECT_EQ(values(f, "cidr"), strings({"45.77.0.0/16"}));
  EXPECT_TRUE(values(f, "ipv4").empty());
}

TEST(Cidr, Ipv6Network) {
  Findings f = extract("net 2001:DB8::/32 here");
  EXPECT_EQ(values(f, "cidr"), strings({"2001:db8::/32"}));
  EXPECT_TRUE(values(f, "ipv6").empty());
}

TEST(Cidr, PrefixBounds) {
  EXPECT_EQ(values("net 1.2.3.4/0 x", "cidr"), strings({"1.2.3.4/0"}));
  EXPECT_EQ(values("net 1.2.3.4/32 x", "cidr"), strings({"1.2.3.4/32"}));
  EXPECT_EQ(values("net 2001:db8::/128 x", "cidr"), strings({"2001:db8::/128"}));
  EXPECT_TRUE(values("bad 10.0.0.0/33 here", "cidr").empty());
  EXPECT_TRUE(values("bad 2001:db8::/129 here", "cidr").empty());
}

TEST(Cidr, DoubleSlashIsNotANetwork) {
  EXPECT_TRUE(values("ratio 1.2.3.4/5/6 x", "cidr").empty());
}

TEST(Cidr, AddressOutsideTheNetworkStillReported) {
  Findings f = extract("CIDR 192.168.0.0/24 contains 192.168.0.1");
  EXPECT_EQ(values(f, "cidr"), strings({"192.168.0.0/24"}));
  EXPECT_EQ(values(f, "ipv4"), strings({"192.168.0.1"}));
}

TEST(Cidr, VersionNumberWithSlashRejected) {
  EXPECT_TRUE(values("version 1.2.3.4/5 here", "cidr").empty());
}

// ---------------------------------------------------------------- mac

TEST(Mac, ColonSeparated) {
  const std::string text = "mac 00:1a:2b:3c:4d:5e here";
  Findings f = extract(text);
  const Observable* o = only(f, "mac");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "00:1a:2b:3c:4d:5e");
  EXPECT_TRUE(o->flags.empty());
  EXPECT_EQ(o->spans[0].start, 4u);
  EXPECT_EQ(o->spans[0].end, 21u);
}

TEST(Mac, DashSeparatedUppercaseCanonicalised) {
  EXPECT_EQ(values("mac 00-1A-2B-3C-4D-5E x", "mac"), strings({"00:1a:2b:3c:4d:5e"}));
}

TEST(Mac, CiscoDotted) {
  const std::string text = "mac 001a.2b3c.4d5e x";
  Findings f = extract(text);
  const Observable* o = only(f, "mac");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "00:1a:2b:3c:4d:5e");
  EXPECT_EQ(o->spans[0].start, 4u);
  EXPECT_EQ(o->spans[0].end, 18u);
}

TEST(Mac, SpellingsOfOneAddressMerge) {
  Findings f = extract("a 00:1A:2B:3C:4D:5E b 00-1a-2b-3c-4d-5e c 001a.2b3c.4d5e");
  const Observable* o = only(f, "mac");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->count, 3u);
}

TEST(Mac, BroadcastFlag) {
  Findings f = extract("mac ff:ff:ff:ff:ff:ff x");
  const Observable* o = only(f, "mac");
  ASSERT_NE(o, nullptr);
  EXPECT_TRUE(has_flag(o, "broadcast"));
  EXPECT_FALSE(has_flag(o, "multicast"));
}

TEST(Mac, MulticastFlag) {
  Findings f = extract("mac 01:00:5e:00:00:fb x");
  const Observable* o = only(f, "mac");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->flags, strings({"multicast"}));
}

TEST(Mac, LocallyAdministeredFlag) {
  Findings f = extract("mac 02:00:00:00:00:01 x");
  const Observable* o = only(f, "mac");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->flags, strings({"locally-administered"}));
}

TEST(Mac, MixedSeparatorsRejected) {
  EXPECT_TRUE(all_pairs(extract("mac 00:1a-2b:3c:4d:5e x")).empty());
  EXPECT_TRUE(values("mac 00-1a:2b-3c:4d-5e x", "mac").empty());
}

TEST(Mac, WrongLengthRejected) {
  EXPECT_TRUE(values("mac 00:1a:2b:3c:4d:5e:6f x", "mac").empty());
  EXPECT_TRUE(values("mac 00:1a:2b:3c:4d x", "mac").empty());
}

TEST(Mac, NonHexRejected) {
  EXPECT_TRUE(values("mac 00:1a:2b:3c:4d:5g x", "mac").empty());
}

// ---------------------------------------------------------------- asn

TEST(Asn, Forms) {
  const std::string text = "AS13335 and ASN 64511 and ASN13335";
  Findings f = extract(text);
  EXPECT_EQ(values(f, "asn"), strings({"AS13335", "AS64511"}));
  const Observable* cloudflare = nullptr;
  const Observable* doc = nullptr;
  for (const Observable& o : f.observables) {
    if (o.value == "AS13335") cloudflare = &o;
    if (o.value == "AS64511") doc = &o;
  }
  ASSERT_NE(cloudflare, nullptr);
  EXPECT_EQ(cloudflare->count, 2u);
  EXPECT_TRUE(cloudflare->flags.empty());
  EXPECT_EQ(cloudflare->spans[0].start, 0u);
  EXPECT_EQ(cloudflare->spans[0].end, 7u);
  EXPECT_EQ(cloudflare->spans[1].start, text.find("ASN13335"));
  EXPECT_EQ(cloudflare->spans[1].end, text.size());
  ASSERT_NE(doc, nullptr);
  EXPECT_EQ(doc->spans[0].start, text.find("ASN 64511"));  // the spaced prefix is in the span
  EXPECT_EQ(doc->spans[0].end, text.find("ASN 64511") + 9);
}

TEST(Asn, PrivateFlag) {
  Findings f = extract("AS64512 and AS65534 and AS4200000001");
  ASSERT_EQ(f.observables.size(), 3u);
  for (const Observable& o : f.observables) EXPECT_TRUE(has_flag(&o, "private")) << o.value;
}

TEST(Asn, DocumentationFlag) {
  Findings f = extract("AS64496 and ASN 64511 and AS65536 and AS65551");
  ASSERT_EQ(f.observables.size(), 4u);
  for (const Observable& o : f.observables) EXPECT_TRUE(has_flag(&o, "documentation")) << o.value;
}

TEST(Asn, PublicNeighboursOfReservedRangesUnflagged) {
  Findings f = extract("AS64495 and AS65552");
  ASSERT_EQ(f.observables.size(), 2u);
  for (const Observable& o : f.observables) EXPECT_TRUE(o.flags.empty()) << o.value;
}

TEST(Asn, Rejections) {
  EXPECT_TRUE(values("AS0 here", "asn").empty());
  EXPECT_TRUE(values("contact as123 here", "asn").empty());
  EXPECT_TRUE(values("number AS013 here", "asn").empty());
  EXPECT_TRUE(values("number AS4294967296 here", "asn").empty());
  EXPECT_TRUE(values("number RAS1234 here", "asn").empty());
  EXPECT_TRUE(values("number AS12a here", "asn").empty());
}

TEST(Asn, LargestFourByteNumberAccepted) {
  EXPECT_EQ(values("AS4294967295 here", "asn"), strings({"AS4294967295"}));
}

// Regression (fixed): validate_cidr trims ':' from both ends of the candidate, so an IPv6
// network that starts with "::" loses its address: "::/0" is reported as
// the ipv6 "::" and "::1/128" as the ipv6 "::1" instead of as networks.
TEST(Cidr, Ipv6NetworkStartingWithDoubleColon) {
  Findings f = extract("route ::/0 here");
  EXPECT_EQ(values(f, "cidr"), strings({"::/0"}));
  EXPECT_TRUE(values(f, "ipv6").empty());
  Findings g = extract("net ::1/128 here");
  EXPECT_EQ(values(g, "cidr"), strings({"::1/128"}));
  EXPECT_TRUE(values(g, "ipv6").empty());
}

TEST(Ipv4, DottedTimesAndFileVersionsAreNotAddresses) {
  for (const char* text :
       {"halted at 15.42.18.204 local time", "log kept in local time shows 13.14.22.148",
        "dotted timestamps: 23.59.58.120", "ProductVersion: 1.0.4.22", "FileVersion 10.0.19041.1"})
    EXPECT_TRUE(values(text, "ipv4").empty()) << text;
  // Time-shaped, but nothing says time: an address.
  EXPECT_EQ(values("beacon to 13.14.22.148 every hour", "ipv4"), strings({"13.14.22.148"}));
  EXPECT_EQ(values("they listed 20.54.50.135 among the indicators", "ipv4"),
            strings({"20.54.50.135"}));
  EXPECT_TRUE(values("the job ran at 10.15.30.250 pm", "ipv4").empty());
}
