#include "osprey/ingest/fetch/response_headers.h"

#include <gtest/gtest.h>

namespace osprey::ingest {
namespace {

struct ContentTypeCase {
  const char* value;
  const char* type;
  const char* charset;
};

class ContentType : public ::testing::TestWithParam<ContentTypeCase> {};

TEST_P(ContentType, SplitsMediaTypeAndCharset) {
  MediaType m = parse_content_type(GetParam().value);
  EXPECT_EQ(m.type, GetParam().type) << GetParam().value;
  EXPECT_EQ(m.charset, GetParam().charset) << GetParam().value;
}

INSTANTIATE_TEST_SUITE_P(
    Values, ContentType,
    ::testing::Values(ContentTypeCase{"text/html", "text/html", ""},
                      ContentTypeCase{"Text/HTML; charset=UTF-8", "text/html", "utf-8"},
                      ContentTypeCase{"application/rss+xml;charset=\"ISO-8859-1\"",
                                      "application/rss+xml", "iso-8859-1"},
                      ContentTypeCase{"text/xml; q=1; Charset = windows-1252 ", "text/xml",
                                      "windows-1252"},
                      ContentTypeCase{"text/plain; charset", "text/plain", ""},
                      ContentTypeCase{"text/plain; charset=\"a b\"", "text/plain", ""},
                      ContentTypeCase{"", "", ""}, ContentTypeCase{"garbage", "", ""},
                      ContentTypeCase{"/html", "", ""},
                      ContentTypeCase{";charset=utf-8", "", "utf-8"}));

constexpr int64_t kResponseTime = 1445412480;  // Wed, 21 Oct 2015 07:28:00 GMT

TEST(RetryAfter, ReadsDeltaSeconds) {
  EXPECT_EQ(parse_retry_after("120", kResponseTime), 120);
  EXPECT_EQ(parse_retry_after(" 0 ", kResponseTime), 0);
  EXPECT_EQ(parse_retry_after("99999999999999999999999", kResponseTime), INT32_MAX);
}

TEST(RetryAfter, ReadsHttpDatesRelativeToNow) {
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:30:00 GMT", kResponseTime), 120);
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", kResponseTime), 0);  // past
}

TEST(RetryAfter, RejectsGarbage) {
  EXPECT_FALSE(parse_retry_after("", kResponseTime));
  EXPECT_FALSE(parse_retry_after("soon", kResponseTime));
  EXPECT_FALSE(parse_retry_after("12abc", kResponseTime));
  EXPECT_FALSE(parse_retry_after("-5", kResponseTime));
}

}  // namespace
}  // namespace osprey::ingest
