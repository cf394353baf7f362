#include "cli/output.h"

#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "osprey/model/json.h"

namespace osprey::cli {
namespace {

Observable tricky(std::mt19937& rng) {
  static const char* kPieces[] = {"plain",    "quote\"d", "back\\slash", "new\nline", "tab\t",
                                  "\x01\x1f", "пример",   "😀",           "",          "x"};
  auto piece = [&] { return std::string(kPieces[rng() % 10]) + kPieces[rng() % 10]; };
  Observable o;
  o.type = "domain";
  o.value = piece();
  if (rng() % 2) o.unicode = piece();
  o.defanged = rng() % 2;
  for (unsigned i = 0; i < rng() % 4 + 1; ++i)
    o.spans.push_back({rng() % 1000, 1000 + rng() % 1000});
  o.count = o.spans.size() + rng() % 3;
  o.context = piece();
  for (unsigned i = 0; i < rng() % 3; ++i) o.flags.push_back(piece());
  if (rng() % 2) o.benign = piece();
  if (rng() % 2) o.rule = piece();
  return o;
}

TEST(CliOutput, FastObservableJsonEqualsTheModelsJson) {
  std::mt19937 rng(11);
  for (int i = 0; i < 300; ++i) {
    Observable o = tricky(rng);
    std::string out;
    append_observable_json(out, o);
    EXPECT_EQ(nlohmann::json::parse(out), nlohmann::json(o)) << out;
    std::string with_source;
    append_observable_json(with_source, o, "feed.txt");
    nlohmann::json expected = o;
    expected["source"] = "feed.txt";
    EXPECT_EQ(nlohmann::json::parse(with_source), expected);
  }
}

TEST(CliOutput, InvalidUtf8InASourceNameStaysValidJson) {
  Observable o;
  o.type = "ipv4";
  o.value = "203.0.113.1";
  o.spans = {{0, 11}};
  o.count = 1;
  std::string out;
  append_observable_json(out, o, "bad\xFFname.txt");
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["source"], "bad\xEF\xBF\xBDname.txt");
}

TEST(CliOutput, JsonDocumentsParseForOneAndSeveralInputs) {
  Findings f;
  f.source = "a.txt";
  f.bytes = 5;
  std::mt19937 rng(3);
  for (int i = 0; i < 5; ++i) f.observables.push_back(tricky(rng));
  std::ostringstream one;
  FindingsWriter w1(one, Format::kJson, 1);
  w1.write(f);
  w1.close();
  EXPECT_EQ(nlohmann::json::parse(one.str()), nlohmann::json(f));
  std::ostringstream several;
  FindingsWriter w2(several, Format::kJson, 2);
  w2.write(f);
  Findings empty;
  empty.source = "b.txt";
  w2.write(empty);
  w2.close();
  auto j = nlohmann::json::parse(several.str());
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0], nlohmann::json(f));
  EXPECT_TRUE(j[1]["observables"].empty());
  std::ostringstream none;
  FindingsWriter w3(none, Format::kJson, 2);
  w3.close();
  EXPECT_EQ(nlohmann::json::parse(none.str()), nlohmann::json::array());
}

}  // namespace
}  // namespace osprey::cli
