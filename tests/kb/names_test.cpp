// Name keys: how the knowledge base compares names.
#include "osprey/kb/names.h"

#include <gtest/gtest.h>

namespace osprey::kb {
namespace {

TEST(KbNames, ExactKeyFoldsCaseAndWhiteSpace) {
  EXPECT_EQ(name_key("Fancy Bear"), "fancy bear");
  EXPECT_EQ(name_key("  FANCY \t BEAR  "), "fancy bear");
  EXPECT_EQ(name_key("THALLIUM"), name_key("Thallium"));
}

TEST(KbNames, ExactKeyFoldsUnicodeDashesQuotesAndSpaces) {
  EXPECT_EQ(name_key("CVE-2014\u20130160"), "cve-2014-0160");
  EXPECT_EQ(name_key("People\u2019s Republic"), "people's republic");
  EXPECT_EQ(name_key("North\u00A0Korea"), "north korea");
}

TEST(KbNames, ExactKeyKeepsOtherScriptsAndPunctuation) {
  EXPECT_EQ(name_key("奇幻熊"), "奇幻熊");
  EXPECT_EQ(name_key("Türkiye"), "t\xC3\xBCrkiye");
  EXPECT_NE(name_key("APT 43"), name_key("APT43"));
  EXPECT_EQ(name_key(""), "");
}

TEST(KbNames, LooseKeyIgnoresSpacesAndPunctuation) {
  EXPECT_EQ(loose_key("APT 43"), "apt43");
  EXPECT_EQ(loose_key("apt-43"), "apt43");
  EXPECT_EQ(loose_key("southKorea"), loose_key("South Korea"));
  EXPECT_EQ(loose_key("U.S."), "us");
}

}  // namespace
}  // namespace osprey::kb
