#include "osprey/store/content_hash.h"

#include <cryptopp/hex.h>
#include <cryptopp/sha.h>

namespace osprey::store {
namespace {

// Feeds the words of `text` separated by single spaces.
void hash_words(CryptoPP::SHA256& sha, std::string_view text) {
  bool pending_space = false;
  size_t start = 0;
  auto flush = [&](size_t end) {
    if (end > start) {
      if (pending_space) sha.Update(reinterpret_cast<const CryptoPP::byte*>(" "), 1);
      sha.Update(reinterpret_cast<const CryptoPP::byte*>(text.data() + start), end - start);
      pending_space = true;
    }
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      flush(i);
      start = i + 1;
    }
  }
  flush(text.size());
}

}  // namespace

std::string content_hash(std::string_view title, std::string_view text) {
  CryptoPP::SHA256 sha;
  bool has_words = text.find_first_not_of(" \t\n\r\f\v") != std::string_view::npos;
  hash_words(sha, has_words ? text : title);
  CryptoPP::byte digest[CryptoPP::SHA256::DIGESTSIZE];
  sha.Final(digest);
  std::string hex;
  CryptoPP::HexEncoder encoder(new CryptoPP::StringSink(hex), false);
  encoder.Put(digest, sizeof digest);
  encoder.MessageEnd();
  return hex;
}

}  // namespace osprey::store
