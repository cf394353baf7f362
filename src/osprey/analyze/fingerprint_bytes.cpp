// The byte layout of a stored fingerprint (all integers little-endian):
//   u8 version, u64 content_hash, u64 simhash, u32 shingles, i64 published_at,
//   u32 n, n × u32 minhash, u32 n, n × u64 sample,
//   u32 n, n × (u8 kind, u8 in_title, u32 length, length bytes key)
#include <string>

#include "osprey/analyze/fingerprint.h"

namespace osprey::analyze {
namespace {

// Bounds on counts read back, so corrupt bytes cannot ask for huge vectors.
constexpr uint32_t kMaxSignature = 4096;
constexpr uint32_t kMaxTerms = 4096;
constexpr uint32_t kMaxTermBytes = 4096;

template <typename T>
void put(std::string& out, T value) {
  auto v = static_cast<uint64_t>(value);
  for (size_t i = 0; i < sizeof(T); ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  template <typename T>
  bool get(T& value) {
    if (bytes_.size() - pos_ < sizeof(T)) return false;
    uint64_t v = 0;
    for (size_t i = 0; i < sizeof(T); ++i)
      v |= uint64_t{static_cast<unsigned char>(bytes_[pos_ + i])} << (8 * i);
    pos_ += sizeof(T);
    value = static_cast<T>(v);
    return true;
  }
  bool get(std::string& s, size_t n) {
    if (bytes_.size() - pos_ < n) return false;
    s.assign(bytes_.substr(pos_, n));
    pos_ += n;
    return true;
  }
  bool done() const { return pos_ == bytes_.size(); }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

}  // namespace

std::string to_bytes(const ArticleFingerprint& fp) {
  std::string out;
  out.reserve(64 + fp.minhash.size() * 4 + fp.sample.size() * 8 + fp.terms.size() * 24);
  put<uint8_t>(out, kFingerprintVersion);
  put<uint64_t>(out, fp.content_hash);
  put<uint64_t>(out, fp.simhash);
  put<uint32_t>(out, fp.shingles);
  put<int64_t>(out, fp.published_at);
  put<uint32_t>(out, fp.minhash.size());
  for (uint32_t v : fp.minhash) put<uint32_t>(out, v);
  put<uint32_t>(out, fp.sample.size());
  for (uint64_t v : fp.sample) put<uint64_t>(out, v);
  put<uint32_t>(out, fp.terms.size());
  for (const KeyTerm& t : fp.terms) {
    put<uint8_t>(out, static_cast<uint8_t>(t.kind));
    put<uint8_t>(out, t.in_title ? 1 : 0);
    put<uint32_t>(out, t.key.size());
    out.append(t.key);
  }
  return out;
}

Result<ArticleFingerprint> fingerprint_from_bytes(std::string_view bytes) {
  Reader in(bytes);
  const Error corrupt{"fingerprint: truncated or corrupt bytes"};
  uint8_t version = 0;
  if (!in.get(version)) return corrupt;
  if (version != kFingerprintVersion)
    return Error{"fingerprint: version " + std::to_string(version) + ", expected " +
                 std::to_string(kFingerprintVersion) + " (recompute from the text)"};
  ArticleFingerprint fp;
  uint32_t n = 0;
  if (!in.get(fp.content_hash) || !in.get(fp.simhash) || !in.get(fp.shingles) ||
      !in.get(fp.published_at) || !in.get(n) || n > kMaxSignature)
    return corrupt;
  fp.minhash.resize(n);
  for (uint32_t& v : fp.minhash)
    if (!in.get(v)) return corrupt;
  if (!in.get(n) || n > kMaxSignature) return corrupt;
  fp.sample.resize(n);
  for (uint64_t& v : fp.sample)
    if (!in.get(v)) return corrupt;
  if (!in.get(n) || n > kMaxTerms) return corrupt;
  fp.terms.resize(n);
  for (KeyTerm& t : fp.terms) {
    uint8_t kind = 0, in_title = 0;
    uint32_t length = 0;
    if (!in.get(kind) || !in.get(in_title) || !in.get(length) || kind > 3 || in_title > 1 ||
        length > kMaxTermBytes || !in.get(t.key, length))
      return corrupt;
    t.kind = static_cast<TermKind>(kind);
    t.in_title = in_title == 1;
  }
  if (!in.done()) return corrupt;
  return fp;
}

}  // namespace osprey::analyze
