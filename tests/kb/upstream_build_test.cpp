// Building from the real upstream data, when OSPREY_KB_SOURCE names it
// (e.g. /work/shared/data/kb); skipped otherwise, so the suite needs no
// data outside the repository.
#include <gtest/gtest.h>

#include <cstdlib>

#include "kb/kb_support.h"
#include "osprey/kb/builder.h"
#include "osprey/kb/store.h"

namespace osprey::kb {
namespace {

TEST(KbUpstream, BuildsLikeTheCommittedKb) {
  const char* source = std::getenv("OSPREY_KB_SOURCE");
  if (!source || !*source) {
    std::printf("SKIPPED: set OSPREY_KB_SOURCE to an upstream data folder to run this test\n");
    GTEST_SKIP();
  }
  auto built = build_kb(source);
  ASSERT_TRUE(built.ok()) << built.error().message;
  KnowledgeBase base(built.value().contents);
  const Entity* kimsuky = base.find("G0094");
  ASSERT_NE(kimsuky, nullptr);
  EXPECT_EQ(base.lookup("APT43").at(0).entity->name, "APT43");
  EXPECT_NE(base.lookup("APT43").at(0).entity, kimsuky);
  auto committed = read_kb(OSPREY_KB_DIR);
  ASSERT_TRUE(committed.ok()) << committed.error().message;
  EXPECT_EQ(built.value().contents.entities.size(), committed.value().entities.size())
      << "the committed kb/ is not what this source builds: rebuild it (kb/README.md)";
}

}  // namespace
}  // namespace osprey::kb
