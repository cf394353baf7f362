// Fingerprints: normalisation, key terms, sketches, and the stored bytes.
#include "osprey/analyze/fingerprint.h"

#include <gtest/gtest.h>

#include "osprey/analyze/shingles.h"
#include "osprey/analyze/sketches.h"

namespace osprey::analyze {
namespace {

Article article(std::string title, std::string text, int64_t t = 1700000000) {
  Article a;
  a.title = std::move(title);
  a.text = std::move(text);
  a.published_at = t;
  return a;
}

bool has_term(const ArticleFingerprint& fp, const std::string& key) {
  for (const KeyTerm& t : fp.terms)
    if (t.key == key) return true;
  return false;
}

TEST(Normalize, FoldsCasePunctuationAndSpace) {
  EXPECT_EQ(normalize_text("  The LockBit-gang's   site,\n\nseized!  "),
            "the lockbit gang s site seized");
  EXPECT_EQ(content_hash("Police SEIZE the site."), content_hash("police seize -- the   site"));
  EXPECT_NE(content_hash("police seize the site"), content_hash("police seized the site"));
  EXPECT_EQ(content_hash(""), 0u);
  EXPECT_EQ(content_hash(" ,.;!\n"), 0u);
}

TEST(Normalize, KeepsNonAsciiBytesInWords) {
  EXPECT_EQ(normalize_text("Caf\xc3\xa9 M\xc3\xbcnchen"), "caf\xc3\xa9 m\xc3\xbcnchen");
  // Invalid UTF-8 is kept as word bytes, never a crash.
  EXPECT_EQ(normalize_text("a\xff\xfe b"), "a\xff\xfe b");
}

TEST(Shingles, OverlappingRunsOfWords) {
  auto words = word_hashes("one two three four");
  EXPECT_EQ(shingle_hashes(words, 3).size(), 2u);
  EXPECT_EQ(shingle_hashes(word_hashes("one two"), 3).size(), 1u);
  EXPECT_TRUE(shingle_hashes(word_hashes(""), 3).empty());
}

TEST(Sketches, ContainmentIgnoresTextAddedAroundACopy) {
  std::string body;
  for (int i = 0; i < 300; ++i) body.append("w").append(std::to_string(i)).append(" ");
  std::string junk;
  for (int i = 0; i < 600; ++i) junk.append("j").append(std::to_string(i)).append(" ");
  auto a = shingle_hashes(word_hashes(body), 3);
  auto b = shingle_hashes(word_hashes(junk + body + junk), 3);
  uint32_t na = 0, nb = 0;
  auto sa = bottom_k(a, 128, na);
  auto sb = bottom_k(b, 128, nb);
  EXPECT_GE(containment(sa, na, sb, nb), 0.9);
  // Jaccard is diluted by the junk.
  EXPECT_LT(minhash_similarity(minhash(a, 128), minhash(b, 128)), 0.4);
}

TEST(Sketches, SimhashIsTheMajorityOfEachBit) {
  std::vector<uint64_t> hashes;
  uint64_t x = 12345;
  for (int i = 0; i < 700; ++i)
    hashes.push_back(x = x * 6364136223846793005ull + 1442695040888963407ull);
  uint64_t expected = 0;
  for (int bit = 0; bit < 64; ++bit) {
    int ones = 0;
    for (uint64_t h : hashes) ones += (h >> bit) & 1;
    if (2 * ones > 700) expected |= uint64_t{1} << bit;
  }
  EXPECT_EQ(simhash(hashes), expected);
  EXPECT_EQ(simhash({}), 0u);
}

TEST(Sketches, SimhashIsCloseForSmallEdits) {
  std::string text;
  for (int i = 0; i < 200; ++i) text.append("w").append(std::to_string(i)).append(" ");
  auto a = simhash(shingle_hashes(word_hashes(text), 3));
  auto b = simhash(shingle_hashes(word_hashes(text + "one more word"), 3));
  auto c = simhash(shingle_hashes(word_hashes("entirely different words here"), 3));
  EXPECT_LT(hamming_distance(a, b), 8);
  EXPECT_GT(hamming_distance(a, c), 12);
}

TEST(KeyTerms, EntitiesIndicatorsAndSalientWords) {
  Findings f;
  Mention actor;
  actor.type = "intrusion-set";
  actor.id = "intrusion-set--lockbit";
  actor.confidence = 0.9;
  actor.alias = "LockBit";
  Mention place = actor;
  place.type = "location";
  place.id = "location--gb";
  Mention unsure = actor;
  unsure.id = "intrusion-set--unsure";
  unsure.confidence = 0.2;
  f.entities = {actor, place, unsure};
  Observable cve;
  cve.type = "cve";
  cve.value = "CVE-2024-3400";
  Observable benign;
  benign.type = "domain";
  benign.value = "example.com";
  benign.benign = "documentation";
  f.observables = {cve, benign};
  auto fp =
      make_fingerprint(article("Police seize LockBit servers", "The sanctions were announced."), f);
  EXPECT_TRUE(has_term(fp, "e:intrusion-set--lockbit"));
  EXPECT_TRUE(has_term(fp, "e:location--gb"));
  EXPECT_FALSE(has_term(fp, "e:intrusion-set--unsure"));
  EXPECT_TRUE(has_term(fp, "i:cve:CVE-2024-3400"));
  EXPECT_FALSE(has_term(fp, "i:domain:example.com"));
  EXPECT_TRUE(has_term(fp, "w:seiz"));
  EXPECT_TRUE(has_term(fp, "w:server"));
  EXPECT_TRUE(has_term(fp, "w:sanction"));
  EXPECT_FALSE(has_term(fp, "w:the"));
  EXPECT_EQ(fp.terms[0].kind, TermKind::kStrongEntity);
  EXPECT_FALSE(has_term(fp, "w:lockbit"));  // the actor's name counts as the entity only
  EXPECT_EQ(fp.terms[1].kind, TermKind::kEntity);
}

TEST(KeyTerms, StemsMatchAcrossInflections) {
  EXPECT_EQ(salient_stem("seized"), salient_stem("seizes"));
  EXPECT_EQ(salient_stem("seizing"), salient_stem("seize"));
  EXPECT_EQ(salient_stem("sanctions"), "sanction");
  EXPECT_EQ(salient_stem("agencies"), "agency");
  EXPECT_EQ(salient_stem("virus"), "virus");
  EXPECT_EQ(salient_stem("2024"), "");
  EXPECT_EQ(salient_stem("said"), "");
  EXPECT_EQ(salient_stem("to"), "");
}

TEST(Fingerprint, EmptyTextHasNoShinglesButKeepsTitleTerms) {
  auto fp = make_fingerprint(article("Ransomware strikes hospital", ""), {});
  EXPECT_EQ(fp.content_hash, 0u);
  EXPECT_EQ(fp.shingles, 0u);
  EXPECT_TRUE(fp.minhash.empty());
  EXPECT_TRUE(has_term(fp, "w:hospital"));
  auto blank = make_fingerprint(article("", " \n\t.,"), {});
  EXPECT_EQ(blank.shingles, 0u);
  EXPECT_TRUE(blank.terms.empty());
}

TEST(Fingerprint, BytesRoundTrip) {
  Findings f;
  Observable cve;
  cve.type = "cve";
  cve.value = "CVE-2024-3094";
  f.observables = {cve};
  auto fp = make_fingerprint(article("Backdoor found in xz Utils",
                                     "Malicious code in xz Utils 5.6.0 and 5.6.1 tampers "
                                     "with SSH authentication through liblzma."),
                             f);
  std::string bytes = to_bytes(fp);
  auto back = fingerprint_from_bytes(bytes);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back.value(), fp);
  // An empty fingerprint too.
  auto empty = fingerprint_from_bytes(to_bytes(ArticleFingerprint{}));
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty.value(), ArticleFingerprint{});
}

TEST(Fingerprint, TruncatedCorruptOrForeignBytesAreErrors) {
  auto fp = make_fingerprint(article("Title words here", "some text with several words in it"), {});
  std::string bytes = to_bytes(fp);
  for (size_t n = 0; n < bytes.size(); ++n)
    EXPECT_FALSE(fingerprint_from_bytes(bytes.substr(0, n)).ok()) << n;
  EXPECT_FALSE(fingerprint_from_bytes(bytes + "x").ok());
  std::string other_version = bytes;
  other_version[0] = static_cast<char>(kFingerprintVersion + 1);
  auto r = fingerprint_from_bytes(other_version);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("version"), std::string::npos);
  // A huge count must not allocate: bytes 29..32 hold the MinHash length.
  std::string huge = bytes;
  huge[29] = huge[30] = huge[31] = huge[32] = '\xff';
  EXPECT_FALSE(fingerprint_from_bytes(huge).ok());
}

}  // namespace
}  // namespace osprey::analyze
