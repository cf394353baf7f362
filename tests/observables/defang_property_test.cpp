// Property: for valid indicators, defang → extract gives back the original
// canonical value, flagged defanged; and refang(defang(x)) == x.
#include <gtest/gtest.h>

#include <random>

#include "osprey/text/refang.h"
#include "support.h"

namespace osprey {
namespace {

using namespace osprey::testing;

std::string random_label(std::mt19937& rng, size_t min_len = 3) {
  static const char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  size_t len = min_len + rng() % 10;
  std::string s;
  for (size_t i = 0; i < len; ++i) s += kChars[rng() % (i == 0 ? 26 : 36)];
  return s;
}

std::string random_domain(std::mt19937& rng) {
  static const char* kTlds[] = {"com", "net", "org", "ru", "io", "info", "xyz", "top"};
  std::string d = random_label(rng);
  if (rng() % 3 == 0) d = random_label(rng) + "." + d;
  return d + "." + kTlds[rng() % 8];
}

std::string random_ipv4(std::mt19937& rng) {
  // Public unicast, first octet 1..223 except 10 and 127.
  unsigned first;
  do first = 1 + rng() % 223;
  while (first == 10 || first == 127);
  return std::to_string(first) + "." + std::to_string(rng() % 256) + "." +
         std::to_string(rng() % 256) + "." + std::to_string(rng() % 256);
}

// Defangs every dot, '@' and scheme with one of the styles analysts use.
std::string defang(const std::string& plain, std::mt19937& rng) {
  static const char* kDots[] = {"[.]", "(.)", "{.}", "[dot]", "(dot)", "\\."};
  static const char* kAts[] = {"[@]", "[at]", "(at)", "(@)"};
  std::string dot = kDots[rng() % 6], at = kAts[rng() % 4];
  std::string out;
  size_t i = 0;
  if (plain.rfind("http", 0) == 0) {
    out = rng() % 2 ? "hxxp" : "h**p";
    i = 4;
  }
  for (; i < plain.size(); ++i) {
    if (plain[i] == '.')
      out += dot;
    else if (plain[i] == '@')
      out += at;
    else
      out += plain[i];
  }
  return out;
}

TEST(DefangProperty, RefangInvertsDefang) {
  std::mt19937 rng(2026);
  for (int i = 0; i < 500; ++i) {
    std::string plain = i % 3 == 0 ? random_ipv4(rng) : random_domain(rng);
    if (i % 5 == 0) plain = "https://" + random_domain(rng) + "/" + random_label(rng);
    if (i % 7 == 0) plain = random_label(rng) + "@" + random_domain(rng);
    std::string defanged = defang(plain, rng);
    EXPECT_EQ(text::refang_string(defanged), plain) << defanged;
  }
}

TEST(DefangProperty, ExtractionRecoversTheCanonicalValue) {
  std::mt19937 rng(7);
  for (int i = 0; i < 400; ++i) {
    std::string type, plain;
    switch (i % 4) {
      case 0:
        type = "ipv4";
        plain = random_ipv4(rng);
        break;
      case 1:
        type = "domain";
        plain = random_domain(rng);
        break;
      case 2:
        type = "url";
        plain = "https://" + random_domain(rng) + "/" + random_label(rng);
        break;
      default:
        type = "email";
        plain = random_label(rng) + "@" + random_domain(rng);
        break;
    }
    std::string defanged = defang(plain, rng);
    std::string sentence = "The operators used " + defanged + " for staging.";
    Findings f = extract(sentence);
    const Observable* o = nullptr;
    for (const Observable& x : f.observables)
      if (x.type == type) o = &x;
    ASSERT_NE(o, nullptr) << sentence;
    EXPECT_EQ(o->value, plain) << sentence;
    EXPECT_TRUE(o->defanged) << sentence;
    EXPECT_EQ(sentence.substr(o->spans[0].start, o->spans[0].end - o->spans[0].start), defanged);
  }
}

}  // namespace
}  // namespace osprey
