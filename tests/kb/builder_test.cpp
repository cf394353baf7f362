// Building from the fixture sources: what merges and what stays apart, the
// facts each source contributes, determinism, and errors on bad input.
#include "osprey/kb/builder.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "kb/kb_support.h"
#include "osprey/kb/store.h"

namespace osprey::kb {
namespace {

namespace fs = std::filesystem;
using testing::fixture_build;
using testing::fixture_kb;
using testing::has_alias;
using testing::has_relation;
using testing::kb_scratch;
using testing::kb_source_dir;
using testing::looked_up;

const Entity& by_id(std::string_view id) {
  const Entity* e = fixture_kb().find(id);
  if (!e) {
    ADD_FAILURE() << "no entity " << id;
    return fixture_kb().entities().front();
  }
  return *e;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// A copy of the fixture sources to break.
fs::path fixture_copy(const std::string& name) {
  fs::path dir = kb_scratch(name);
  fs::copy(kb_source_dir(), dir, fs::copy_options::recursive);
  return dir;
}

std::string build_error(const fs::path& dir) {
  auto built = build_kb(dir.string());
  return built.ok() ? "" : built.error().message;
}

TEST(KbBuilder, BuildsEveryTypeFromTheFixtures) {
  const KnowledgeBase& kb = fixture_kb();
  EXPECT_GT(kb.count(EntityType::kIntrusionSet), 8u);
  EXPECT_GT(kb.count(EntityType::kMalware), 2u);
  EXPECT_EQ(kb.count(EntityType::kTool), 1u);
  EXPECT_EQ(kb.count(EntityType::kAttackPattern), 4u);
  EXPECT_EQ(kb.count(EntityType::kTactic), 2u);
  EXPECT_EQ(kb.count(EntityType::kVulnerability), 1u);
  EXPECT_GT(kb.count(EntityType::kLocation), 60u);  // the table's countries, upstream or not
  EXPECT_GT(kb.count(EntityType::kSector), 3u);
  EXPECT_EQ(kb.count(EntityType::kOrganization), 3u);
  EXPECT_TRUE(fixture_build().report.skipped.size() > 0);  // mobile, ics, ransomware …
}

TEST(KbBuilder, KimsukyMergesOnIdentityEvidenceOnly) {
  const Entity& kimsuky = by_id("G0094");
  EXPECT_EQ(kimsuky.id, "intrusion-set--0ec2f388-bf0f-4b5c-97b1-fc736d26c25f");
  EXPECT_EQ(kimsuky.name, "Kimsuky");
  EXPECT_EQ(kimsuky.sources,
            (Sources{"attack:enterprise", "misp:360net", "misp:microsoft-activity-group",
                     "misp:mitre-intrusion-set", "misp:threat-actor", "misp:tidal-groups"}));
  EXPECT_EQ(kimsuky.ids.at("apt-c"), std::vector<std::string>{"APT-C-55"});
  EXPECT_EQ(fixture_kb().find("bcaaad6f-0597-4b89-b69b-84a6be2b7bc3"), &kimsuky);  // MISP uuid
  EXPECT_EQ(fixture_kb().find("44be06b1-e17a-5ea6-a0a2-067933a7af77"), &kimsuky);  // Emerald Sleet
  ASSERT_EQ(kimsuky.countries.size(), 1u);
  EXPECT_EQ(kimsuky.countries[0].code, "KP");
  EXPECT_EQ(kimsuky.countries[0].sources,
            (Sources{"misp:microsoft-activity-group", "misp:threat-actor", "misp:tidal-groups"}));
}

TEST(KbBuilder, Apt43StaysItsOwnEntryLinkedToKimsuky) {
  auto matches = fixture_kb().lookup("APT43");
  ASSERT_GE(matches.size(), 2u);
  EXPECT_EQ(matches[0].entity->name, "APT43");
  EXPECT_EQ(matches[0].kind, MatchKind::kName);
  EXPECT_EQ(matches[0].entity->type, EntityType::kIntrusionSet);
  const Entity& kimsuky = by_id("G0094");
  EXPECT_NE(matches[0].entity->id, kimsuky.id);
  EXPECT_EQ(sorted(looked_up(fixture_kb(), "APT43")),
            (std::vector<std::string>{"APT43", "Kimsuky", "Opal Sleet"}));
  EXPECT_TRUE(fixture_kb().is_ambiguous("apt43"));
  EXPECT_TRUE(has_relation(fixture_kb(), kimsuky.id, "claims-name-of", matches[0].entity->id));
  EXPECT_EQ(looked_up(fixture_kb(), "Kimsuky").front(), "Kimsuky");
  EXPECT_EQ(fixture_kb().lookup("Kimsuky").front().entity, &kimsuky);
}

// Microsoft's THALLIUM entry links nothing, but ATT&CK lists THALLIUM among
// Kimsuky's names: a naming list's entry is the group ATT&CK puts it under.
TEST(KbBuilder, ThalliumIsTheKimsukyOfAttack) {
  std::vector<std::string> claimants;
  for (const Entity& e : fixture_kb().entities())
    for (const Alias& a : e.aliases)
      if (a.name == "THALLIUM" || a.name == "Thallium") claimants.push_back(e.name);
  EXPECT_EQ(sorted(claimants), (std::vector<std::string>{"Kimsuky"}));
  EXPECT_EQ(sorted(looked_up(fixture_kb(), "thallium")), sorted(claimants));
  EXPECT_FALSE(fixture_kb().is_ambiguous("Thallium"));
}

TEST(KbBuilder, GrizzlySteppeStaysWithBothApt28AndApt29) {
  auto matches = fixture_kb().lookup("Grizzly Steppe");
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_NE(matches[0].entity, matches[1].entity);
  EXPECT_EQ(sorted(looked_up(fixture_kb(), "Grizzly Steppe")),
            (std::vector<std::string>{"APT28", "APT29"}));
  EXPECT_NE(by_id("G0007").id, by_id("G0016").id);
}

TEST(KbBuilder, AndarielStaysWithLazarusAndSilentChollima) {
  EXPECT_EQ(sorted(looked_up(fixture_kb(), "Andariel")),
            (std::vector<std::string>{"Lazarus Group", "Silent Chollima"}));
}

TEST(KbBuilder, RenamedMicrosoftEntriesJoinTheirActor) {
  const Entity& apt28 = by_id("G0007");
  EXPECT_EQ(fixture_kb().find("d0c33595-b684-45ef-91c3-e2f5ce1a8191"), &apt28);  // Forest Blizzard
  EXPECT_EQ(fixture_kb().find("a1b2c3d4-0000-4000-8000-00000000a528"), &apt28);  // STRONTIUM
  ASSERT_EQ(apt28.countries.size(), 1u);
  EXPECT_EQ(apt28.countries[0].code, "RU");  // "RU" and "Russian Federation" agree
}

TEST(KbBuilder, TidalOwnIdsAreNotAttackIds) {
  auto matches = fixture_kb().lookup("AnonGhost");
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_NE(matches[0].entity, &by_id("G0016"));
}

TEST(KbBuilder, RevokedEntriesRedirect) {
  const Entity& pencil = by_id("G0086");
  EXPECT_EQ(pencil.revoked_by, by_id("G0094").id);
  EXPECT_EQ(&fixture_kb().current(pencil), &by_id("G0094"));
  const Entity& old = by_id("T1193");
  EXPECT_EQ(&fixture_kb().current(old), &by_id("T1566.001"));
  auto matches = fixture_kb().lookup("Spearphishing Attachment");
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].entity, &by_id("T1566.001"));  // the revoked one last
  EXPECT_FALSE(fixture_kb().is_ambiguous("Spearphishing Attachment"));
}

TEST(KbBuilder, TechniquesKnowTheirTacticsAndParent) {
  const Entity& sub = by_id("T1566.001");
  EXPECT_EQ(sub.parent, by_id("T1566").id);
  EXPECT_EQ(sub.tactics, std::vector<std::string>{"TA0001"});
  EXPECT_EQ(by_id("TA0001").shortname, "initial-access");
  EXPECT_EQ(by_id("TA0001").type, EntityType::kTactic);
  EXPECT_TRUE(has_alias(sub, "Phishing: Spearphishing Attachment"));
  EXPECT_EQ(by_id("T1059").tactics, std::vector<std::string>{"TA0002"});
}

TEST(KbBuilder, UsesRelationsFromAttackAndMisp) {
  const KnowledgeBase& kb = fixture_kb();
  EXPECT_TRUE(has_relation(kb, by_id("G0094").id, "uses", by_id("S0002").id));
  EXPECT_TRUE(has_relation(kb, by_id("G0094").id, "uses", by_id("T1566.001").id));
  EXPECT_TRUE(has_relation(kb, by_id("S0013").id, "uses", by_id("T1059").id));
  EXPECT_FALSE(has_relation(kb, by_id("G0007").id, "uses", by_id("S0002").id));  // revoked upstream
  EXPECT_TRUE(has_relation(kb, by_id("G0032").id, "uses", by_id("S0013").id));   // MISP used-by
  const Entity* x_agent = kb.find("a1b2c3d4-0000-4000-8000-00000000a001");
  ASSERT_NE(x_agent, nullptr);
  EXPECT_TRUE(has_relation(kb, by_id("G0007").id, "uses", x_agent->id));
}

TEST(KbBuilder, SoftwareMergesAcrossClustersButNotWithActors) {
  const Entity& plugx = by_id("S0013");
  EXPECT_EQ(plugx.id, "malware--64fa0de0-6240-41f4-8638-f4ca7ed528fd");
  EXPECT_EQ(plugx.sources,
            (Sources{"attack:enterprise", "misp:malpedia", "misp:mitre-malware", "misp:tool"}));
  EXPECT_TRUE(has_alias(plugx, "Korplug"));
  auto kimsuky = fixture_kb().lookup("Kimsuky");
  ASSERT_EQ(kimsuky.size(), 2u);
  EXPECT_EQ(kimsuky[1].entity->type, EntityType::kMalware);
  std::string a = kimsuky[0].entity->id, b = kimsuky[1].entity->id;
  EXPECT_TRUE(has_relation(fixture_kb(), std::min(a, b), "similar", std::max(a, b)));
}

TEST(KbBuilder, CountriesWithDemonymsAndMetonyms) {
  const Entity& kp = by_id("KP");
  EXPECT_EQ(kp.id, "location--84668357-5a8c-4bdd-9f0f-6b50b250524b");
  EXPECT_EQ(kp.name, "North Korea");
  EXPECT_EQ(kp.category, "country");
  EXPECT_EQ(kp.ids.at("iso3"), std::vector<std::string>{"PRK"});
  EXPECT_EQ(testing::alias_of(kp, "Pyongyang")->sources, Sources{"osprey:metonym"});
  EXPECT_EQ(testing::alias_of(kp, "North Korean")->sources, Sources{"osprey:demonym"});
  EXPECT_EQ(testing::alias_of(kp, "DPRK")->sources,
            (Sources{"misp:target-information", "osprey:country-name"}));
  EXPECT_EQ(looked_up(fixture_kb(), "pyongyang"), std::vector<std::string>{"North Korea"});
  EXPECT_EQ(by_id("US").name, "United States");
  EXPECT_TRUE(has_alias(by_id("US"), "United States of America"));
  EXPECT_EQ(by_id("GW").name, "Guinea-Bissau");
  EXPECT_TRUE(fixture_kb().lookup("European Union").empty());
}

TEST(KbBuilder, RegionsAndLocatedIn) {
  auto eastern_asia = fixture_kb().lookup("Eastern Asia");
  auto asia = fixture_kb().lookup("Asia");
  ASSERT_EQ(eastern_asia.size(), 1u);
  ASSERT_EQ(asia.size(), 1u);
  EXPECT_EQ(eastern_asia[0].entity->category, "region");
  EXPECT_TRUE(
      has_relation(fixture_kb(), eastern_asia[0].entity->id, "part-of", asia[0].entity->id));
  EXPECT_TRUE(has_relation(fixture_kb(), by_id("KP").id, "located-in", eastern_asia[0].entity->id));
  EXPECT_EQ(looked_up(fixture_kb(), "APAC"), std::vector<std::string>{"Asia-Pacific"});
}

TEST(KbBuilder, CountryClaimsResolveNamesAndCodes) {
  auto fancy = fixture_kb().lookup("奇幻熊");
  ASSERT_EQ(fancy.size(), 1u);
  ASSERT_EQ(fancy[0].entity->countries.size(), 1u);
  EXPECT_EQ(fancy[0].entity->countries[0].code, "RU");  // 360 writes "russia"
  auto mandiant = fixture_kb().lookup("Mandiant");
  ASSERT_EQ(mandiant.size(), 1u);
  EXPECT_EQ(mandiant[0].entity->category, "security-vendor");
  EXPECT_EQ(mandiant[0].entity->countries.at(0).code, "US");
  EXPECT_TRUE(has_alias(*fixture_kb().lookup("Sophos")[0].entity, "Sophos LTD"));
}

TEST(KbBuilder, SectorsWithPhrasings) {
  auto think_tanks = fixture_kb().lookup("think tank");
  ASSERT_EQ(think_tanks.size(), 1u);
  EXPECT_EQ(think_tanks[0].entity->name, "Think Tanks");
  EXPECT_EQ(think_tanks[0].entity->id, "sector--a1b2c3d4-0000-4000-8000-0000000050b1");
  EXPECT_TRUE(fixture_kb().lookup("Unknown").empty());
  auto crypto = fixture_kb().lookup("cryptocurrency exchanges");
  ASSERT_EQ(crypto.size(), 1u);
  EXPECT_EQ(crypto[0].entity->id, "sector--" + osprey_uuid("sector:cryptocurrency"));
  EXPECT_TRUE(has_relation(fixture_kb(), fixture_kb().lookup("Silent Chollima")[0].entity->id,
                           "targets", fixture_kb().lookup("Defense")[0].entity->id));
}

TEST(KbBuilder, BrandedVulnerabilitiesCarryCves) {
  const Entity& heartbleed = by_id("CVE-2014-0160");
  EXPECT_EQ(heartbleed.name, "Heartbleed");
  EXPECT_EQ(heartbleed.type, EntityType::kVulnerability);
}

TEST(KbBuilder, ManifestRecordsSourcesVersionsAndCommits) {
  const Manifest& m = fixture_build().contents.manifest;
  EXPECT_EQ(m.built, "2025-01-02");
  bool saw_attack = false, saw_misp = false;
  for (const SourceInfo& s : m.sources) {
    if (s.name == "attack:enterprise") {
      saw_attack = true;
      EXPECT_EQ(s.version, "18.1");
      EXPECT_EQ(s.commit, std::string(40, '2'));
      EXPECT_EQ(s.file, "attack/enterprise-attack-18.1-mini.json");
    }
    if (s.name == "misp:threat-actor") {
      saw_misp = true;
      EXPECT_EQ(s.version, "349");
      EXPECT_EQ(s.commit, std::string(40, '1'));
      EXPECT_EQ(s.records, 6u);
    }
  }
  EXPECT_TRUE(saw_attack && saw_misp);
  EXPECT_NE(fixture_build().notice.find("The MITRE Corporation"), std::string::npos);
  EXPECT_NE(fixture_build().notice.find("CC BY 4.0"), std::string::npos);
}

TEST(KbBuilder, BuildDateComesFromTheDataOrSourceDateEpoch) {
  ::unsetenv("SOURCE_DATE_EPOCH");
  auto from_data = build_kb(kb_source_dir());
  ASSERT_TRUE(from_data.ok());
  EXPECT_EQ(from_data.value().contents.manifest.built, "2025-11-12");  // newest ATT&CK change
  ::setenv("SOURCE_DATE_EPOCH", "86400", 1);
  auto from_env = build_kb(kb_source_dir());
  ::unsetenv("SOURCE_DATE_EPOCH");
  ASSERT_TRUE(from_env.ok());
  EXPECT_EQ(from_env.value().contents.manifest.built, "1970-01-02");
}

TEST(KbBuilder, RebuildingGivesIdenticalBytes) {
  fs::path first = kb_scratch("first"), second = kb_scratch("second");
  for (const fs::path& dir : {first, second}) {
    auto built = build_kb(kb_source_dir());
    ASSERT_TRUE(built.ok());
    ASSERT_TRUE(write_kb(built.value().contents, built.value().notice, dir.string()).ok());
  }
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(first)) {
    ++files;
    EXPECT_EQ(testing::slurp_file(entry.path()),
              testing::slurp_file(second / entry.path().filename()))
        << entry.path().filename();
  }
  EXPECT_GE(files, 10u);
}

TEST(KbBuilder, NoDescriptionsOrReferencesInTheOutput) {
  fs::path dir = kb_scratch("facts");
  const BuildResult& built = fixture_build();
  ASSERT_TRUE(write_kb(built.contents, "", dir.string()).ok());
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string text = testing::slurp_file(entry.path());
    EXPECT_EQ(text.find("phishing messages"), std::string::npos) << entry.path();
    EXPECT_EQ(text.find("North Korean actor"), std::string::npos) << entry.path();
    EXPECT_EQ(text.find("http"), std::string::npos) << entry.path();
  }
}

TEST(KbBuilder, MissingFolderOrRequiredFilesAreClearErrors) {
  EXPECT_NE(build_error("/nonexistent/osprey-kb").find("not a folder"), std::string::npos);
  std::string message = build_error(kb_scratch("bare"));
  EXPECT_NE(message.find("lacks the files"), std::string::npos);
  EXPECT_NE(message.find("threat-actor.json"), std::string::npos);
  EXPECT_NE(message.find("enterprise-attack"), std::string::npos);
  EXPECT_NE(message.find("country.json"), std::string::npos);
}

TEST(KbBuilder, OptionalSourcesMayBeAbsent) {
  fs::path dir = fixture_copy("minimal");
  fs::remove(dir / "misp-galaxy/clusters/tool.json");
  fs::remove(dir / "misp-galaxy/clusters/360net.json");
  auto built = build_kb(dir.string());
  ASSERT_TRUE(built.ok()) << built.error().message;
  const auto& skipped = built.value().report.skipped;
  EXPECT_TRUE(std::any_of(skipped.begin(), skipped.end(),
                          [](const std::string& s) { return s.rfind("misp:tool ", 0) == 0; }));
}

TEST(KbBuilder, TruncatedJsonIsAnErrorNamingTheFile) {
  fs::path dir = fixture_copy("truncated");
  fs::path file = dir / "misp-galaxy/clusters/threat-actor.json";
  std::string text = testing::slurp_file(file);
  testing::write_text(file, text.substr(0, text.size() / 2));
  std::string message = build_error(dir);
  EXPECT_NE(message.find("threat-actor.json"), std::string::npos) << message;
  EXPECT_NE(message.find("not valid JSON"), std::string::npos) << message;
}

TEST(KbBuilder, WrongTypesAreErrorsNamingThePlace) {
  struct Case {
    std::string file, from, to, expect;
  };
  std::vector<Case> cases = {
      {"misp-galaxy/clusters/threat-actor.json", R"("synonyms": ["Pawn Storm")",
       R"("synonyms": 5, "x": ["Pawn Storm")", "values[2].meta.synonyms"},
      {"misp-galaxy/clusters/microsoft-activity-group.json", R"("values": [)",
       R"("values": 7, "x": [)", "cluster.values"},
      {"misp-galaxy/clusters/country.json", R"("ISO": "KP")", R"("ISO": 408)",
       "values[0].meta.ISO"},
      {"attack/enterprise-attack-18.1-mini.json", R"("name": "Phishing")",
       R"("name": ["Phishing"])", "objects[4].name"},
      {"attack/enterprise-attack-18.1-mini.json", R"("revoked": true, "modified": "2020)",
       R"("revoked": "yes", "modified": "2020)", "revoked"},
  };
  for (const Case& c : cases) {
    fs::path dir = fixture_copy("types");
    fs::path file = dir / c.file;
    std::string text = testing::slurp_file(file);
    size_t at = text.find(c.from);
    ASSERT_NE(at, std::string::npos) << c.from;
    testing::write_text(file, text.replace(at, c.from.size(), c.to));
    std::string message = build_error(dir);
    EXPECT_NE(message.find(c.file.substr(c.file.rfind('/') + 1)), std::string::npos) << message;
    EXPECT_NE(message.find(c.expect), std::string::npos) << message;
  }
}

TEST(KbBuilder, SourceCommitFromAGitCheckout) {
  fs::path dir = kb_scratch("git");
  testing::write_text(dir / "misp-galaxy/.git/HEAD", "ref: refs/heads/main\n");
  testing::write_text(dir / "misp-galaxy/.git/packed-refs",
                      "# pack-refs with: peeled fully-peeled sorted\n" + std::string(40, 'a') +
                          " refs/heads/main\n");
  EXPECT_EQ(source_commit(dir.string(), "misp-galaxy", "MISP/misp-galaxy"), std::string(40, 'a'));
  testing::write_text(dir / "misp-galaxy/.git/refs/heads/main", std::string(40, 'b') + "\n");
  EXPECT_EQ(source_commit(dir.string(), "misp-galaxy", "MISP/misp-galaxy"), std::string(40, 'b'));
  EXPECT_EQ(source_commit(dir.string(), "attack", "mitre/cti"), "");
}

}  // namespace
}  // namespace osprey::kb
