#include "osprey/ingest/mapped_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace osprey::ingest {
namespace {

std::filesystem::path write_temp(const std::string& name, const std::string& bytes) {
  auto path = std::filesystem::temp_directory_path() /
              ("osprey-mapped-" + std::to_string(getpid()) + "-" + name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

TEST(MappedFile, ShowsTheFileBytes) {
  std::string bytes = "first line\nsecond line with \xFF bytes\n";
  auto path = write_temp("bytes", bytes);
  auto file = MappedFile::open(path);
  ASSERT_TRUE(file.ok()) << file.error().message;
  EXPECT_EQ(file.value().bytes(), bytes);
  std::filesystem::remove(path);
}

TEST(MappedFile, AnEmptyFileHasNoBytes) {
  auto path = write_temp("empty", "");
  auto file = MappedFile::open(path);
  ASSERT_TRUE(file.ok());
  EXPECT_TRUE(file.value().bytes().empty());
  file.value().release_before(100);  // nothing to release, no crash
  std::filesystem::remove(path);
}

TEST(MappedFile, ReleasedBytesStayReadable) {
  std::string bytes(3 << 20, 'a');
  for (size_t i = 0; i < bytes.size(); i += 4099) bytes[i] = static_cast<char>('b' + i % 20);
  auto path = write_temp("large", bytes);
  auto file = MappedFile::open(path);
  ASSERT_TRUE(file.ok());
  file.value().release_before(2 << 20);
  file.value().release_before(1 << 20);  // going back is a no-op
  EXPECT_EQ(file.value().bytes(), bytes);
  MappedFile moved = std::move(file.value());
  EXPECT_EQ(moved.bytes().size(), bytes.size());
  std::filesystem::remove(path);
}

TEST(MappedFile, RefusesWhatIsNotARegularFileNamingIt) {
  auto missing = MappedFile::open("/nonexistent/osprey/report.txt");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("/nonexistent/osprey/report.txt"), std::string::npos);
  auto folder = MappedFile::open(std::filesystem::temp_directory_path());
  ASSERT_FALSE(folder.ok());
  EXPECT_NE(folder.error().message.find("not a regular file"), std::string::npos);
}

}  // namespace
}  // namespace osprey::ingest
