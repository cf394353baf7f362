// Cryptocurrency addresses: only addresses whose checksum verifies.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support.h"

using namespace osprey::testing;
using osprey::Findings;
using osprey::Observable;

namespace {

struct Address {
  const char* type;
  const char* valid;
  const char* corrupted;  // the same address with one character changed
};

const Address kAddresses[] = {
    {"btc", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb"},
    {"btc", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLz"},
    {"btc", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
     "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdp"},
    {"btc", "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297",
     "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3298"},
    {"eth", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
     "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAee"},
    {"eth", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
     "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d358"},
    {"ltc", "LVg2kJoFNg45Nbpy53h7Fe1wKyeXVRhMH9", "LVg2kJoFNg45Nbpy53h7Fe1wKyeXVRhMH8"},
    {"trx", "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7", "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU8"},
    {"doge", "DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L", "DH5yaieqoZN36fDVciNyRueRGvGLR3mr7M"},
    {"xmr",
     "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP"
     "3A",
     "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP"
     "3B"},
};

}  // namespace

TEST(Wallet, EveryValidAddressFoundWithItsTypeOnly) {
  for (const Address& a : kAddresses) {
    const std::string text = std::string("Send the ransom to ") + a.valid + " within 48 hours.";
    Findings f = extract(text);
    ASSERT_EQ(all_pairs(f), std::vector<std::string>{std::string(a.type) + ":" + a.valid})
        << a.valid;
    const Observable* o = only(f, a.type);
    ASSERT_NE(o, nullptr);
    EXPECT_EQ(o->spans[0].start, 19u) << a.valid;
    EXPECT_EQ(o->spans[0].end, 19u + std::string(a.valid).size()) << a.valid;
    if (std::string(a.type) != "eth") {
      EXPECT_TRUE(o->flags.empty()) << a.valid;
    }
  }
}

TEST(Wallet, OneCharacterChangedIsNotAnything) {
  for (const Address& a : kAddresses) {
    ASSERT_NE(std::string(a.valid), std::string(a.corrupted));
    const std::string text = std::string("Send the ransom to ") + a.corrupted + " within 48 hours.";
    EXPECT_TRUE(all_pairs(extract(text)).empty()) << a.corrupted;
  }
}

TEST(Wallet, AtLineBoundariesAndInPunctuation) {
  EXPECT_EQ(values("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "btc"),
            std::vector<std::string>{"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"});
  EXPECT_EQ(values("wallet: (3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy).", "btc"),
            std::vector<std::string>{"3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"});
}

TEST(Wallet, GluedToLettersRejected) {
  EXPECT_TRUE(values("x1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa y", "btc").empty());
  EXPECT_TRUE(values("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAedff y", "eth").empty());
}

TEST(Btc, MixedCaseBech32Rejected) {
  EXPECT_TRUE(all_pairs(extract("pay bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdQ now")).empty());
  EXPECT_TRUE(all_pairs(extract("pay bc1qAR0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq now")).empty());
}

TEST(Btc, Bech32WithWrongHrpRejected) {
  EXPECT_TRUE(values("pay tb1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq now", "btc").empty());
}

// Regression (fixed): bech32 is case-insensitive and its canonical form is lowercase
// (BIP 173), but an all-uppercase address keeps its case as the value, so
// the same address written in both cases is reported as two observables.
TEST(Btc, UppercaseBech32CanonicalLowercase) {
  Findings f = extract(
      "a BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ b bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq");
  EXPECT_EQ(values(f, "btc"),
            std::vector<std::string>{"bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"});
}

TEST(Eth, ChecksummedAddressHasNoFlag) {
  Findings f = extract("pay 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed now");
  const Observable* o = only(f, "eth");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
  EXPECT_TRUE(o->flags.empty());
}

TEST(Eth, AllLowercaseAcceptedWithNoChecksumFlag) {
  Findings f = extract("pay 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed now");
  const Observable* o = only(f, "eth");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
  EXPECT_EQ(o->flags, std::vector<std::string>{"no-checksum"});
  EXPECT_TRUE(values(f, "sha1").empty());  // the 40 hex digits are part of the address
}

TEST(Eth, OneLetterCaseFlippedRejected) {
  EXPECT_TRUE(all_pairs(extract("pay 0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed now")).empty());
  EXPECT_TRUE(all_pairs(extract("pay 0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5D359 now")).empty());
}

TEST(Eth, WrongLengthRejected) {
  EXPECT_TRUE(values("pay 0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea now", "eth").empty());
  EXPECT_TRUE(values("pay 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed00 now", "eth").empty());
}

TEST(Eth, DigitsOnlyRejected) {
  EXPECT_TRUE(values("pay 0x1234567890123456789012345678901234567890 now", "eth").empty());
}

TEST(Xmr, WrongNetworkOrLengthRejected) {
  // A valid address with its last character dropped is too short.
  EXPECT_TRUE(all_pairs(extract("pay "
                                "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYB"
                                "b98uNbr2VBBEt7f2wfn3RVGQBEP3 now"))
                  .empty());
}

TEST(Base58, InvalidCharacterRejected) {
  // '0', 'O', 'I' and 'l' are not Base58 digits.
  EXPECT_TRUE(all_pairs(extract("pay 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN0 now")).empty());
  EXPECT_TRUE(all_pairs(extract("pay 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNO now")).empty());
}
