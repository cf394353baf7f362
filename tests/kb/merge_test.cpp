// The merger's rules on small hand-made record sets: what merges, what
// must not, and which guard stops it.
#include "osprey/kb/merge.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace osprey::kb {
namespace {

SourceRecord record(std::string source, int rank, std::string uuid, std::string name,
                    std::vector<std::string> synonyms = {}) {
  SourceRecord r;
  r.source = std::move(source);
  r.rank = rank;
  r.type = EntityType::kIntrusionSet;
  r.uuid = uuid;
  r.primary_names = {std::move(name)};
  r.synonyms = std::move(synonyms);
  r.identity = {"uuid:" + uuid};
  return r;
}

SourceRecord attack(std::string uuid, std::string id, std::string name,
                    std::vector<std::string> aliases = {}) {
  SourceRecord r = record("attack:enterprise", 0, uuid, std::move(name), std::move(aliases));
  r.authoritative = true;
  r.identity.push_back("attack:" + id);
  r.ids["attack"] = {id};
  return r;
}

void link(SourceRecord& from, const SourceRecord& to, std::string predicate = "similar") {
  from.links.push_back({std::move(predicate), "uuid:" + to.uuid});
}

struct Merged {
  KbContents contents;
  MergeReport report;

  // The entity with this canonical name (the only one, or a test failure).
  const Entity& named(std::string_view name) const {
    const Entity* found = nullptr;
    for (const Entity& e : contents.entities)
      if (e.name == name) {
        EXPECT_EQ(found, nullptr) << "two entities named " << name;
        found = &e;
      }
    if (!found) {
      ADD_FAILURE() << "no entity named " << name;
      return contents.entities.front();
    }
    return *found;
  }

  // The canonical names of every entity listing `alias`.
  std::vector<std::string> claiming(std::string_view alias) const {
    std::vector<std::string> out;
    for (const Entity& e : contents.entities)
      for (const Alias& a : e.aliases)
        if (a.name == alias) out.push_back(e.name);
    std::sort(out.begin(), out.end());
    return out;
  }
};

Merged merge(const std::vector<SourceRecord>& records) {
  Merged m;
  m.contents = merge_records(records, m.report);
  return m;
}

TEST(KbMerge, SharedSynonymsDoNotMergeActors) {
  // Grizzly Steppe is listed under APT28 and under APT29.
  auto apt28 = record("misp:threat-actor", 1, "00000000-0000-4000-8000-000000000028", "APT28",
                      {"Fancy Bear", "Grizzly Steppe"});
  auto apt29 = record("misp:threat-actor", 1, "00000000-0000-4000-8000-000000000029", "APT29",
                      {"Cozy Bear", "Grizzly Steppe"});
  auto m = merge({apt28, apt29});
  ASSERT_EQ(m.contents.entities.size(), 2u);
  EXPECT_EQ(m.claiming("Grizzly Steppe"), (std::vector<std::string>{"APT28", "APT29"}));
}

TEST(KbMerge, NoClosureOverSynonymChains) {
  // A links to B (same name: one entity); B's synonyms reach C's name, C's
  // reach D's: neither C nor D joins.
  auto a = record("misp:threat-actor", 1, "00000000-0000-4000-8000-00000000000a", "Kimsuky",
                  {"Thallium"});
  auto b = record("misp:360net", 2, "00000000-0000-4000-8000-00000000000b", "Kimsuky", {"APT43"});
  auto c = record("misp:threat-actor", 1, "00000000-0000-4000-8000-00000000000c", "APT43",
                  {"Velvet Chollima"});
  auto d =
      record("misp:tidal-groups", 3, "00000000-0000-4000-8000-00000000000d", "Velvet Chollima");
  link(b, a);
  auto m = merge({a, b, c, d});
  EXPECT_EQ(m.contents.entities.size(), 3u);
  EXPECT_EQ(m.named("Kimsuky").sources, (Sources{"misp:360net", "misp:threat-actor"}));
  EXPECT_EQ(m.claiming("APT43"), (std::vector<std::string>{"APT43", "Kimsuky"}));
  EXPECT_EQ(m.report.merged_by_link, 1u);
}

TEST(KbMerge, AttackIdMergesTheMirrorAndTidal) {
  auto a = attack("00000000-0000-4000-8000-000000000094", "G0094", "Kimsuky", {"THALLIUM"});
  auto mirror = record("misp:mitre-intrusion-set", 1, a.uuid, "Kimsuky");
  auto tidal = record("misp:tidal-groups", 2, "00000000-0000-4000-8000-0000000000f1", "Kimsuky");
  tidal.identity.push_back("attack:G0094");
  auto m = merge({a, mirror, tidal});
  ASSERT_EQ(m.contents.entities.size(), 1u);
  EXPECT_EQ(m.contents.entities[0].id, "intrusion-set--00000000-0000-4000-8000-000000000094");
  EXPECT_EQ(m.report.merged_by_identity, 2u);
}

TEST(KbMerge, LinkToAnAuthorityThatNamesTheRecordMerges) {
  auto a = attack("00000000-0000-4000-8000-000000000094", "G0094", "Kimsuky", {"Emerald Sleet"});
  auto ta = record("misp:threat-actor", 1, "00000000-0000-4000-8000-0000000000a1", "Kimsuky");
  auto ms = record("misp:microsoft-activity-group", 2, "00000000-0000-4000-8000-0000000000a2",
                   "Emerald Sleet", {"THALLIUM"});
  auto ms_other = record("misp:microsoft-activity-group", 2, "00000000-0000-4000-8000-0000000000a3",
                         "Opal Sleet", {"APT43"});
  link(ta, a);
  link(ms, ta);
  link(ms_other, ta);  // linked, but the authority (ATT&CK) does not name Opal Sleet
  auto m = merge({a, ta, ms, ms_other});
  EXPECT_EQ(m.contents.entities.size(), 2u);
  EXPECT_TRUE(std::count(m.named("Kimsuky").sources.begin(), m.named("Kimsuky").sources.end(),
                         "misp:microsoft-activity-group"));
  EXPECT_EQ(m.named("Opal Sleet").sources, Sources{"misp:microsoft-activity-group"});
}

TEST(KbMerge, ALinkReachesTheAuthorityThroughARecordJoinedBefore) {
  // RAZOR TIGER names SideWinder but links only to 360's entry, which joins
  // ATT&CK's Sidewinder in the same rule: a later round joins RAZOR TIGER too.
  auto a = attack("00000000-0000-4000-8000-000000000121", "G0121", "Sidewinder", {"Rattlesnake"});
  auto mirror = record("misp:mitre-intrusion-set", 1, a.uuid, "Sidewinder");
  auto qihoo =
      record("misp:360net", 3, "00000000-0000-4000-8000-0000000000d1", "APT-C-24", {"SideWinder"});
  auto razor = record("misp:threat-actor", 2, "00000000-0000-4000-8000-0000000000d2", "RAZOR TIGER",
                      {"SideWinder", "Rattlesnake"});
  auto unnamed =
      record("misp:threat-actor", 2, "00000000-0000-4000-8000-0000000000d3", "Flying Shark");
  link(qihoo, mirror);
  link(razor, qihoo);
  link(unnamed, qihoo);  // linked the same way, but ATT&CK does not name it
  auto m = merge({a, mirror, qihoo, razor, unnamed});
  EXPECT_EQ(m.contents.entities.size(), 2u);
  EXPECT_EQ(m.named("Sidewinder").sources,
            (Sources{"attack:enterprise", "misp:360net", "misp:mitre-intrusion-set",
                     "misp:threat-actor"}));
  EXPECT_EQ(m.claiming("RAZOR TIGER"), std::vector<std::string>{"Sidewinder"});
  EXPECT_EQ(m.named("Flying Shark").sources, Sources{"misp:threat-actor"});
  EXPECT_EQ(m.report.merged_by_link, 2u);
}

TEST(KbMerge, CitingOneAttackIdJoinsThatEntry) {
  auto magic = attack("00000000-0000-4000-8000-000000000059", "G0059", "Magic Hound");
  auto lazarus = attack("00000000-0000-4000-8000-000000000032", "G0032", "Lazarus Group");
  auto apt38 = attack("00000000-0000-4000-8000-000000000082", "G0082", "APT38");
  auto apt35 =
      record("misp:threat-actor", 1, "00000000-0000-4000-8000-0000000003a5", "APT35", {"G0059"});
  auto umbrella = record("misp:threat-actor", 1, "00000000-0000-4000-8000-0000000003a6",
                         "Hidden Cobra", {"G0032", "G0082"});  // cites two: joins neither
  auto m = merge({magic, lazarus, apt38, apt35, umbrella});
  EXPECT_EQ(m.contents.entities.size(), 4u);
  EXPECT_EQ(m.named("Magic Hound").sources, (Sources{"attack:enterprise", "misp:threat-actor"}));
  EXPECT_EQ(m.named("Hidden Cobra").sources, Sources{"misp:threat-actor"});
}

TEST(KbMerge, AnEntityNeverHoldsTwoAttackObjects) {
  auto a1 = attack("00000000-0000-4000-8000-000000000032", "G0032", "Lazarus Group", {"Andariel"});
  auto a2 = attack("00000000-0000-4000-8000-000000000138", "G0138", "Andariel");
  auto r = record("misp:threat-actor", 1, "00000000-0000-4000-8000-0000000000b1", "Andariel");
  link(r, a1);
  link(r, a2);
  auto m = merge({a1, a2, r});
  EXPECT_EQ(m.contents.entities.size(), 2u);  // r joins a2 by name, never a1 as well
  EXPECT_EQ(m.named("Andariel").sources, (Sources{"attack:enterprise", "misp:threat-actor"}));
  EXPECT_EQ(m.named("Lazarus Group").sources, Sources{"attack:enterprise"});
}

TEST(KbMerge, TwoEntriesOfOneSourceStayApart) {
  auto t1 = record("misp:threat-actor", 1, "00000000-0000-4000-8000-0000000000c1", "Dup");
  auto t2 = record("misp:threat-actor", 1, "00000000-0000-4000-8000-0000000000c2", "Dup");
  auto other = record("misp:tidal-groups", 2, "00000000-0000-4000-8000-0000000000c3", "Dup");
  auto m = merge({t1, t2, other});
  EXPECT_EQ(m.contents.entities.size(), 3u);
  EXPECT_GE(m.report.refused, 1u);
}

TEST(KbMerge, RenamingSourcesMayGiveOneEntitySeveralEntries) {
  auto ta = record("misp:threat-actor", 1, "00000000-0000-4000-8000-0000000000d1", "APT28",
                   {"STRONTIUM", "Forest Blizzard"});
  auto old_name = record("misp:microsoft-activity-group", 2, "00000000-0000-4000-8000-0000000000d2",
                         "STRONTIUM");
  auto new_name = record("misp:microsoft-activity-group", 2, "00000000-0000-4000-8000-0000000000d3",
                         "Forest Blizzard");
  old_name.renames = new_name.renames = true;
  link(old_name, ta);
  link(new_name, ta);
  auto m = merge({ta, old_name, new_name});
  EXPECT_EQ(m.contents.entities.size(), 1u);
}

TEST(KbMerge, SameOwnNameAcrossSourcesMerges) {
  auto a = attack("00000000-0000-4000-8000-000000001017", "G1017", "Volt Typhoon");
  auto ta = record("misp:threat-actor", 1, "00000000-0000-4000-8000-0000000000e1", "VOLT TYPHOON");
  auto m = merge({a, ta});
  ASSERT_EQ(m.contents.entities.size(), 1u);
  EXPECT_EQ(m.contents.entities[0].name, "Volt Typhoon");  // ATT&CK speaks first
  EXPECT_EQ(m.report.merged_by_name, 1u);
}

SourceRecord software(std::string source, std::string uuid, std::string name,
                      std::string category = {}, bool typed = true) {
  SourceRecord r = record(std::move(source), 2, std::move(uuid), std::move(name));
  r.type = EntityType::kMalware;
  r.category = std::move(category);
  r.typed = typed;
  return r;
}

TEST(KbMerge, SoftwareSharingANameMergesOnlyWithinOneCatalogue) {
  // Phobos: a Malpedia family and a ransomware entry — one family.
  auto phobos_m =
      software("misp:malpedia", "00000000-0000-4000-8000-0000000001a1", "Phobos", {}, false);
  auto phobos_r =
      software("misp:ransomware", "00000000-0000-4000-8000-0000000001a2", "Phobos", "ransomware");
  // Pandora: a ransomware, a RAT and an ATT&CK rootkit — three things.
  auto pandora_r =
      software("misp:ransomware", "00000000-0000-4000-8000-0000000001b1", "Pandora", "ransomware");
  auto pandora_t = software("misp:rat", "00000000-0000-4000-8000-0000000001b2", "Pandora", "rat");
  auto pandora_a = attack("00000000-0000-4000-8000-0000000001b3", "S0664", "Pandora");
  pandora_a.type = EntityType::kMalware;
  // Telegram: a ransomware entry and a tool Tidal lists — different types.
  auto telegram_r =
      software("misp:ransomware", "00000000-0000-4000-8000-0000000001c1", "Telegram", "ransomware");
  auto telegram_t =
      software("misp:tidal-software", "00000000-0000-4000-8000-0000000001c2", "Telegram");
  telegram_t.type = EntityType::kTool;
  auto m = merge({pandora_a, phobos_m, phobos_r, pandora_r, pandora_t, telegram_r, telegram_t});
  EXPECT_EQ(m.contents.entities.size(), 6u);
  EXPECT_EQ(m.named("Phobos").category, "ransomware");
  EXPECT_EQ(m.named("Phobos").sources, (Sources{"misp:malpedia", "misp:ransomware"}));
}

// AnyDesk is in MISP's RAT list and in the RMM list: one program, a tool.
// A RAT and a ransomware sharing a name stay two things (above).
TEST(KbMerge, ProductsInTheRatAndRmmListsAreOneTool) {
  auto rat = software("misp:rat", "00000000-0000-4000-8000-0000000002a1", "AnyDesk", "rat");
  auto rmm = software("misp:rmm-tool", "00000000-0000-4000-8000-0000000002a2", "AnyDesk", "rmm");
  rmm.type = EntityType::kTool;
  auto ransom =
      software("misp:ransomware", "00000000-0000-4000-8000-0000000002b1", "Atlas", "ransomware");
  auto atlas_rat = software("misp:rat", "00000000-0000-4000-8000-0000000002b2", "Atlas", "rat");
  auto m = merge({rat, rmm, ransom, atlas_rat});
  ASSERT_EQ(m.contents.entities.size(), 3u);
  EXPECT_EQ(m.named("AnyDesk").type, EntityType::kTool);
  EXPECT_EQ(m.named("AnyDesk").category, "rmm");
  EXPECT_EQ(m.claiming("Atlas").size(), 2u);
}

// Microsoft's "Midnight Blizzard" links APT29 and UNC2452; ATT&CK lists it
// among APT29's names, so it is APT29. A name two ATT&CK groups list
// ("Brass Typhoon": APT41 and Winnti) settles nothing, and an entry of a
// catalogue that is no naming list (MISP's APT43, which ATT&CK lists under
// Kimsuky) keeps its own entity.
TEST(KbMerge, NamingListEntriesAreTheAttackGroupThatListsThem) {
  auto apt29 = attack("00000000-0000-4000-8000-000000000016", "G0016", "APT29",
                      {"Midnight Blizzard", "UNC2452"});
  auto unc = record("misp:threat-actor", 1, "00000000-0000-4000-8000-0000000003a1", "UNC2452",
                    {"Midnight Blizzard"});
  auto blizzard = record("misp:microsoft-activity-group", 2, "00000000-0000-4000-8000-0000000003a2",
                         "Midnight Blizzard", {"UNC2452"});
  blizzard.naming_list = blizzard.renames = true;
  link(blizzard, apt29);
  link(blizzard, unc);
  auto apt41 = attack("00000000-0000-4000-8000-000000000096", "G0096", "APT41", {"Brass Typhoon"});
  auto winnti =
      attack("00000000-0000-4000-8000-000000000044", "G0044", "Winnti Group", {"Brass Typhoon"});
  auto brass = record("misp:microsoft-activity-group", 2, "00000000-0000-4000-8000-0000000003b1",
                      "Brass Typhoon");
  brass.naming_list = brass.renames = true;
  auto kimsuky = attack("00000000-0000-4000-8000-000000000094", "G0094", "Kimsuky", {"APT43"});
  auto apt43 = record("misp:threat-actor", 1, "00000000-0000-4000-8000-0000000003c1", "APT43");
  auto m = merge({apt29, apt41, winnti, kimsuky, unc, apt43, blizzard, brass});
  EXPECT_EQ(m.claiming("Midnight Blizzard"), (std::vector<std::string>{"APT29", "UNC2452"}));
  EXPECT_EQ(m.named("APT29").sources,
            (Sources{"attack:enterprise", "misp:microsoft-activity-group"}));
  EXPECT_EQ(m.claiming("Brass Typhoon"),
            (std::vector<std::string>{"APT41", "Brass Typhoon", "Winnti Group"}));
  EXPECT_EQ(m.claiming("APT43"), (std::vector<std::string>{"APT43", "Kimsuky"}));
}

// Where ATT&CK lists no group under a Microsoft name, the one MISP actor
// entry that does speaks for it ("Lace Tempest" is DEV-0950); a name two
// such entries list stays its own entry.
TEST(KbMerge, NamingListEntriesElseTheOneActorEntryThatListsThem) {
  auto dev = record("misp:threat-actor", 1, "00000000-0000-4000-8000-0000000004a1", "DEV-0950",
                    {"Lace Tempest"});
  auto lace = record("misp:microsoft-activity-group", 2, "00000000-0000-4000-8000-0000000004a2",
                     "Lace Tempest");
  auto a = record("misp:threat-actor", 1, "00000000-0000-4000-8000-0000000004b1", "Alpha",
                  {"Pearl Sleet"});
  auto b = record("misp:threat-actor", 1, "00000000-0000-4000-8000-0000000004b2", "Beta",
                  {"Pearl Sleet"});
  auto pearl = record("misp:microsoft-activity-group", 2, "00000000-0000-4000-8000-0000000004b3",
                      "Pearl Sleet");
  lace.naming_list = lace.renames = pearl.naming_list = pearl.renames = true;
  auto m = merge({dev, a, b, lace, pearl});
  EXPECT_EQ(m.claiming("Lace Tempest"), (std::vector<std::string>{"DEV-0950"}));
  EXPECT_EQ(m.claiming("Pearl Sleet"), (std::vector<std::string>{"Alpha", "Beta", "Pearl Sleet"}));
}

TEST(KbMerge, RevokedAttackObjectsTakeNoNameMerges) {
  auto oilrig = attack("00000000-0000-4000-8000-000000000049", "G0049", "OilRig", {"APT34"});
  auto old = attack("00000000-0000-4000-8000-000000000057", "G0057", "APT34");
  old.revoked = true;
  old.revoked_by = "uuid:" + oilrig.uuid;
  auto ta = record("misp:threat-actor", 1, "00000000-0000-4000-8000-0000000000f7", "APT34");
  auto m = merge({oilrig, old, ta});
  ASSERT_EQ(m.contents.entities.size(), 3u);
  const Entity* revoked = nullptr;
  for (const Entity& e : m.contents.entities)
    if (e.id == "intrusion-set--00000000-0000-4000-8000-000000000057") revoked = &e;
  ASSERT_NE(revoked, nullptr);
  EXPECT_EQ(revoked->revoked_by, "intrusion-set--00000000-0000-4000-8000-000000000049");
}

TEST(KbMerge, FamiliesNeverMerge) {
  auto actor = record("misp:threat-actor", 1, "00000000-0000-4000-8000-0000000000a9", "Kimsuky");
  auto malware = record("misp:malpedia", 2, "00000000-0000-4000-8000-0000000000aa", "Kimsuky");
  malware.type = EntityType::kMalware;
  link(actor, malware);
  auto m = merge({actor, malware});
  ASSERT_EQ(m.contents.entities.size(), 2u);
  ASSERT_EQ(m.contents.relations.size(), 1u);
  EXPECT_EQ(m.contents.relations[0].predicate, "similar");
}

TEST(KbMerge, LinksBecomeRelationsBetweenEntities) {
  auto group = record("misp:threat-actor", 1, "00000000-0000-4000-8000-000000000001", "Group");
  auto tool = record("misp:tool", 2, "00000000-0000-4000-8000-000000000002", "Tool");
  tool.type = EntityType::kMalware;
  link(tool, group, "used-by");
  group.links.push_back({"similar", "uuid:00000000-0000-4000-8000-0000000000ff"});  // dangling
  auto m = merge({group, tool});
  ASSERT_EQ(m.contents.relations.size(), 1u);
  EXPECT_EQ(m.contents.relations[0].from, "intrusion-set--00000000-0000-4000-8000-000000000001");
  EXPECT_EQ(m.contents.relations[0].predicate, "uses");
  EXPECT_EQ(m.report.dangling_links, 1u);
}

TEST(KbMerge, OspreyUuidsAreStableVersion5) {
  std::string id = osprey_uuid("sector:cryptocurrency");
  EXPECT_EQ(id, osprey_uuid("sector:cryptocurrency"));
  EXPECT_NE(id, osprey_uuid("sector:crypto"));
  ASSERT_EQ(id.size(), 36u);
  EXPECT_EQ(id[14], '5');
  EXPECT_TRUE(id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b');
}

}  // namespace
}  // namespace osprey::kb
