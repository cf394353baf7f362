#include "osprey/text/encoding.h"

#include <gtest/gtest.h>

#include "osprey/text/utf8.h"

namespace osprey::text {
namespace {

TEST(Encoding, Windows1252ForLatin1Labels) {
  // 0x93/0x94 are curly quotes in windows-1252, control codes in ISO-8859-1.
  EXPECT_EQ(to_utf8("\x93hi\x94", "ISO-8859-1").value(), "\xE2\x80\x9Chi\xE2\x80\x9D");
}

TEST(Encoding, Koi8rAndShiftJis) {
  EXPECT_EQ(to_utf8("\xF7\xE9\xF2\xF5\xF3", "koi8-r").value(),
            "\xD0\x92\xD0\x98\xD0\xA0\xD0\xA3\xD0\xA1");
  EXPECT_EQ(to_utf8("\x93\xFA\x96\x7B", "shift_jis").value(), "\xE6\x97\xA5\xE6\x9C\xAC");
}

TEST(Encoding, BomOutranksTheDeclaration) {
  EXPECT_EQ(to_utf8("\xEF\xBB\xBFok", "windows-1252").value(), "ok");
  size_t size = 0;
  EXPECT_EQ(charset_from_bom("\xFE\xFF", &size), "utf-16be");
  EXPECT_EQ(size, 2u);
}

TEST(Encoding, UndecodableBytesBecomeReplacementCharacters) {
  auto out = to_utf8("a\x81z", "windows-1252");
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(is_valid_utf8(out.value()));
  EXPECT_EQ(out.value().front(), 'a');
  EXPECT_EQ(out.value().back(), 'z');
  // A truncated multi-byte sequence at the end.
  EXPECT_TRUE(is_valid_utf8(to_utf8("\x93", "shift_jis").value()));
}

TEST(Encoding, DetectsWhenUndeclared) {
  std::string cyrillic;
  for (int i = 0; i < 20; ++i) cyrillic += "\xEF\xF0\xE8\xE2\xE5\xF2 \xEC\xE8\xF0 ";  // cp1251
  auto out = to_utf8(cyrillic);
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(is_valid_utf8(out.value()));
  EXPECT_NE(out.value().find("\xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82"),
            std::string::npos);
}

TEST(Encoding, UnknownCharsetNameIsAnError) {
  EXPECT_FALSE(to_utf8("x", "klingon-7").ok());
}

}  // namespace
}  // namespace osprey::text
