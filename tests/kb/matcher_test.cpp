// Entity recognition against the committed knowledge base: unit cases for
// each rule, and the hand-written evaluation set (tests/fixtures/entities/)
// scored by precision and recall per entity type.
#include "osprey/kb/matcher.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "committed_kb.h"

namespace osprey::kb {
namespace {

const KnowledgeBase& kb() {
  return testing::committed_kb();
}

const EntityMatcher& matcher() {
  return testing::committed_matcher();
}

// "type:name" for every mention, with the role when there is one.
std::set<std::string> recognised(std::string_view text) {
  std::set<std::string> out;
  for (const Mention& m : matcher().match(text))
    out.insert(m.type + ":" + m.name + (m.role.empty() ? "" : "/" + m.role));
  return out;
}

bool has_type(std::string_view text, std::string_view type) {
  for (const Mention& m : matcher().match(text))
    if (m.type == type) return true;
  return false;
}

TEST(EntityMatcher, ActorsWithAliasesStayApart) {
  auto found = recognised("APT43, whose activity others report as Kimsuky, struck again.");
  EXPECT_TRUE(found.count("intrusion-set:APT43")) << ::testing::PrintToString(found);
  EXPECT_TRUE(found.count("intrusion-set:Kimsuky")) << ::testing::PrintToString(found);
}

TEST(EntityMatcher, OneMatcherServesSeveralThreadsAtOnce) {
  const std::string text =
      "North Korean hackers of APT43, also reported as Kimsuky, sent spear-phishing mail to "
      "think tanks in South Korea, Mandiant said. The Lazarus Group deployed LockBit 3.0.";
  const std::set<std::string> alone = recognised(text);
  ASSERT_GE(alone.size(), 5u);
  std::vector<int> agreed(4, 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < agreed.size(); ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 25; ++round) agreed[t] += recognised(text) == alone;
    });
  for (std::thread& t : threads) t.join();
  for (int a : agreed) EXPECT_EQ(a, 25);
}

TEST(EntityMatcher, SpellingVariantsResolveToTheKnownEntry) {
  for (const char* text :
       {"APT 28 struck", "the APT-28 operators", "Fancy Bear is active", "Fancy-Bear is active"})
    EXPECT_TRUE(recognised(text).count("intrusion-set:APT28")) << text;
}

// A gang brands a two-word name as one word: the knowledge base's
// "black suit" ransomware is "BlackSuit" in the news.
TEST(EntityMatcher, TwoWordSoftwareNamesMatchJoined) {
  auto mentions = matcher().match("The BlackSuit ransomware gang hit a hospital chain.");
  ASSERT_EQ(mentions.size() >= 1, true);
  bool found = false;
  for (const Mention& m : mentions)
    found = found || (m.type == "malware" && m.alias == "BlackSuit" && m.name == "black suit");
  EXPECT_TRUE(found);
  EXPECT_FALSE(has_type("The black suits and ties were rented.", "malware"));
}

TEST(EntityMatcher, OrdinaryWordsAreNotActorsWithoutACue) {
  for (const char* text :
       {"The silence in the hall was total.", "A snake escaped from the zoo.",
        "Thallium and mercury are toxic metals.", "The sandworm rose from the dunes.",
        "Lazarus was raised from the dead.", "A typhoon and a blizzard hit the coast."})
    EXPECT_FALSE(has_type(text, "intrusion-set") || has_type(text, "malware") ||
                 has_type(text, "tool"))
        << text;
}

// A short security stem counts only at the start of a word: "chapter" holds
// "apt" and "adapted" too, yet a novel's Lazarus is no actor.
TEST(EntityMatcher, SecurityStemsInsideOtherWordsSayNothing) {
  EXPECT_FALSE(
      has_type("The book opens with a man called Lazarus. The first chapter is adapted "
               "from a play.",
               "intrusion-set"));
  EXPECT_TRUE(has_type("The Lazarus hackers stole funds in an APT campaign.", "intrusion-set"));
}

// A one-word program's name needs a sentence about attacks, this one or the
// next; denial of service is such talk.
TEST(EntityMatcher, DenialOfServiceIsTalkOfAttacks) {
  EXPECT_TRUE(recognised("Akamai said the code is based on Mirai. It launches DDoS floods at "
                         "game servers.")
                  .count("malware:Mirai"));
  EXPECT_FALSE(recognised("Akamai said the code is based on Mirai. It runs on game servers.")
                   .count("malware:Mirai"));
}

TEST(EntityMatcher, OrdinaryWordsAreActorsBesideACue) {
  EXPECT_TRUE(has_type("The Sandworm group attacked the grid.", "intrusion-set"));
  EXPECT_TRUE(has_type("Analysts said the Silence group stole funds.", "intrusion-set"));
}

// An ordinary word listed with an actor's distinctive name is named as an
// actor too ("Kimsuky and Thallium"): Microsoft's Thallium is Kimsuky.
TEST(EntityMatcher, OrdinaryWordsListedWithAnActorAreActors) {
  const std::string text =
      "The phishing campaign was also reported as Kimsuky and Thallium by other vendors.";
  auto mentions = matcher().match(text);
  auto kimsuky = std::find_if(mentions.begin(), mentions.end(),
                              [](const Mention& m) { return m.name == "Kimsuky"; });
  ASSERT_NE(kimsuky, mentions.end());
  ASSERT_EQ(kimsuky->spans.size(), 2u);
  const Span& second = kimsuky->spans[1];
  EXPECT_EQ(text.substr(second.start, second.end - second.start), "Thallium");
  EXPECT_TRUE(recognised("Attacks by Thallium, APT43 and others hit think tanks.")
                  .count("intrusion-set:Kimsuky"));
  // Two ordinary words do not vouch for each other, nor does a list outside
  // a story about attacks.
  EXPECT_FALSE(has_type("Attacks by Thallium and Zinc hit think tanks.", "intrusion-set"));
  for (const Mention& m : matcher().match("The museum shows Kimsuky and Thallium posters."))
    EXPECT_EQ(m.count, 1u) << m.name;  // "Thallium" is not taken for Kimsuky here
}

TEST(EntityMatcher, CountryRoles) {
  auto found = recognised("A North Korean group targeted South Korean ministries.");
  EXPECT_TRUE(found.count("location:North Korea/sponsor")) << ::testing::PrintToString(found);
  EXPECT_TRUE(found.count("location:South Korea/victim")) << ::testing::PrintToString(found);
  EXPECT_TRUE(recognised("Officials in Pyongyang denied the hacking claims.")
                  .count("location:North Korea/location"));
  // A cue in the sentence before says nothing of this one; an abbreviation
  // does not end a sentence.
  EXPECT_TRUE(recognised("The gang breached SolarWinds. The DPRK denies any part in it.")
                  .count("location:North Korea/location"));
  EXPECT_TRUE(recognised("The hackers targeted U.S. and South Korean banks.")
                  .count("location:South Korea/victim"));
  // … even when the name opens the next sentence.
  EXPECT_TRUE(recognised("Hackers hid in the network. Taiwan said the attack failed.")
                  .count("location:Taiwan/location"));
}

// Formal English names of states are matched; the names in their own
// languages that one catalogue lists are not scanned for.
TEST(EntityMatcher, CountriesByTheirEnglishNames) {
  EXPECT_TRUE(recognised("Hackers targeted ministries of the Republic of Namibia.")
                  .count("location:Namibia/victim"));
  EXPECT_FALSE(has_type("Hackers targeted ministries of Orepublika yaNamibia.", "location"));
}

TEST(EntityMatcher, PlacesInTextsAboutSomethingElseAreNoFindings) {
  EXPECT_FALSE(has_type("Bayern beat Lazio in Rome before the return leg in Germany.", "location"));
  EXPECT_TRUE(has_type("The ransomware gang hit a hospital in Rome.", "location"));
}

TEST(EntityMatcher, TwoLetterCountriesOnlyInCapitals) {
  auto found = recognised("Let us see: the US and UK agencies warned of the threat, and us too.");
  EXPECT_TRUE(found.count("location:United States/location")) << ::testing::PrintToString(found);
  EXPECT_TRUE(found.count("location:United Kingdom/location")) << ::testing::PrintToString(found);
  EXPECT_EQ(found.size(), 2u);
}

TEST(EntityMatcher, OneWordSectorsNeedAVictimOrSectorCue) {
  EXPECT_FALSE(has_type("The intrusion was disclosed by the government on Monday.", "sector"));
  EXPECT_TRUE(has_type("The group is targeting healthcare across Europe.", "sector"));
  EXPECT_TRUE(has_type("Healthcare organizations were hit by ransomware.", "sector"));
}

TEST(EntityMatcher, ReportersAreNotVictims) {
  auto found = recognised("Mandiant said the campaign continued.");
  EXPECT_TRUE(found.count("organization:Mandiant/reporter")) << ::testing::PrintToString(found);
}

TEST(EntityMatcher, TechniquesByNameIdAndPhrasing) {
  auto found = recognised("They used spear-phishing and T1059.001 to run PowerShell.");
  bool phishing = false, powershell = false;
  for (const std::string& f : found) {
    phishing = phishing || f.find("Spearphishing Attachment") != std::string::npos;
    powershell = powershell || f.find("PowerShell") != std::string::npos;
  }
  EXPECT_TRUE(phishing) << ::testing::PrintToString(found);
  EXPECT_TRUE(powershell) << ::testing::PrintToString(found);
}

TEST(EntityMatcher, TechniquePhrasingsHoldOnlyInTheirContext) {
  auto techniques = [](std::string_view text) {
    std::set<std::string> ids;
    for (const Mention& m : matcher().match(text))
      if (m.type == "attack-pattern") ids.insert(kb().find(m.id)->ids.at("attack").front());
    return ids;
  };
  EXPECT_TRUE(techniques("The operators then encrypted hundreds of servers.").count("T1486"));
  EXPECT_FALSE(techniques("The implant encrypted its traffic to the servers.").count("T1486"));
  EXPECT_FALSE(
      techniques("The gang skipped encryption and went straight to extortion.").count("T1486"));
  EXPECT_TRUE(techniques("The backdoor talks to its operators over HTTPS.").count("T1071.001"));
  EXPECT_FALSE(techniques("The sample was fetched over https://example.org/c2 by the operators.")
                   .count("T1071.001"));  // a URL, not the protocol named
  EXPECT_TRUE(
      techniques("The attackers dump credentials from memory with Mimikatz.").count("T1003.001"));
  EXPECT_FALSE(techniques("The attackers dump credentials from memory with Mimikatz.")
                   .count("T1003"));  // the longer phrase wins
  EXPECT_TRUE(techniques("Callers pose as employees to reset passwords.").count("T1656"));
  EXPECT_TRUE(techniques("They moved on over remote desktop.").count("T1021.001"));
  EXPECT_TRUE(techniques("They moved on over RDP.").count("T1021.001"));
  EXPECT_FALSE(techniques("The rdp file was empty.").count("T1021.001"));  // acronyms in capitals
  EXPECT_FALSE(
      techniques("Attachments that posed as internal memos dropped a backdoor.").count("T1656"));
  // A phrasing's context is read from its own sentence wherever that
  // sentence starts (here one byte into the text), and a call does not
  // see the sentences of the call before it on the same thread.
  EXPECT_TRUE(techniques(" The operators then encrypted hundreds of servers.").count("T1486"));
  EXPECT_TRUE(techniques("\nThe operators then encrypted hundreds of servers.").count("T1486"));
  EXPECT_FALSE(techniques(" The implant encrypted its traffic.").count("T1486"));
}

TEST(EntityMatcher, OneWordSectorsAsVictimsInAttackSentences) {
  EXPECT_TRUE(has_type("The ransomware hit hospitals in three states.", "sector"));
  EXPECT_TRUE(recognised("Phishing mails reached government, energy and defence organisations.")
                  .count("sector:Energy"));
  EXPECT_FALSE(has_type("The Iranian government-backed hackers struck again.", "sector"));
  EXPECT_FALSE(has_type("The European Central Bank kept rates unchanged.", "sector"));
  EXPECT_FALSE(has_type("Hospitals in the region reported a quiet weekend.", "sector"));
}

// "sector:<name>" when the text yields that sector.
bool names_sector(std::string_view text, std::string_view sector) {
  return recognised(text).count("sector:" + std::string(sector)) > 0;
}

TEST(EntityMatcher, OneWordSectorsHeadingOrganisationsOfTheirKind) {
  EXPECT_TRUE(
      names_sector("Akira affiliates broke into a regional engineering firm.", "Engineering"));
  EXPECT_TRUE(names_sector("The ransomware gang breached two casino operators.", "Casino"));
  EXPECT_TRUE(names_sector("The operators planted backdoors at small IT firms.", "IT"));
  EXPECT_TRUE(names_sector("The group defaced government websites.",
                           "Government, Administration"));  // inside a technique's phrasing
  // The employer of a fake recruiter, a product, an official, the state's
  // spies, every organisation's IT department: no victims.
  EXPECT_FALSE(
      has_type("Lazarus used fake recruiters for a well-known technology company.", "sector"));
  EXPECT_FALSE(has_type(
      "NotPetya began with a supply-chain attack on a Ukrainian accounting package.", "sector"));
  EXPECT_FALSE(
      has_type("The sender posed as a US government official in the phishing campaign.", "sector"));
  EXPECT_FALSE(has_type("The group is linked to Russia's military intelligence agency.", "sector"));
  EXPECT_FALSE(has_type("The callers phoned the IT help desk to reset passwords.", "sector"));
  EXPECT_FALSE(has_type("The hackers phished IT staff.", "sector"));
  // People of a sector, but a department's staff in every organisation.
  EXPECT_TRUE(names_sector("Aerospace engineers received a trojanised job offer.", "Aerospace"));
  EXPECT_FALSE(
      has_type("Invoice emails deliver the Agent Tesla keylogger to finance staff.", "sector"));
}

TEST(EntityMatcher, ListsOfSectorsAreReadAsOne) {
  auto found = recognised(
      "The ransomware affiliates hit critical infrastructure including healthcare, education and "
      "financial services.");
  EXPECT_TRUE(found.count("sector:Health")) << ::testing::PrintToString(found);
  EXPECT_TRUE(found.count("sector:Education")) << ::testing::PrintToString(found);
  found = recognised("In the breach, affected sectors included communications and maritime.");
  EXPECT_TRUE(found.count("sector:Telecoms")) << ::testing::PrintToString(found);
  EXPECT_TRUE(found.count("sector:Maritime")) << ::testing::PrintToString(found);
  // A list broken by other words is no list.
  EXPECT_FALSE(
      names_sector("The ransomware hit financial services, said chemical experts.", "Chemical"));
  // "Oil and gas" names both sectors.
  found = recognised("MuddyWater targets oil and gas companies in Turkey.");
  EXPECT_TRUE(found.count("sector:Oil")) << ::testing::PrintToString(found);
  EXPECT_TRUE(found.count("sector:Gas")) << ::testing::PrintToString(found);
}

TEST(EntityMatcher, OneWordSectorsAsVictimsAndNearMisses) {
  EXPECT_TRUE(names_sector("The ransomware gang breached a regional hospital in Ohio.", "Health"));
  EXPECT_TRUE(
      names_sector("The group stole trade secrets from universities.", "Academia - University"));
  // The story goes on after a sentence about the actor's attacks.
  EXPECT_TRUE(
      names_sector("Cl0p mass-exploited MOVEit to steal data. Those affected included "
                   "many universities.",
                   "Academia - University"));
  EXPECT_FALSE(has_type("The campaign stole data of interest to the North Korean government.",
                        "sector"));  // the state
  EXPECT_FALSE(
      has_type("The implant survives in the firmware of hard drives from a dozen manufacturers.",
               "sector"));  // a source, nothing taken from it
  EXPECT_FALSE(has_type("The hackers kept posing as journalists to phish their targets.",
                        "sector"));  // a part the actor plays
  EXPECT_FALSE(
      has_type("Operation Endgame, the largest action against botnets so far, disrupted the "
               "infrastructure of several droppers.",
               "sector"));  // the cue stands in another clause
  EXPECT_FALSE(has_type("Shares beat analysts' targets. Other banks had a harder time.", "sector"));
  // A plural before its verb is no modifier; governments, though, act.
  EXPECT_TRUE(
      names_sector("Ransomware hit the supplier, and pharmacies fall back on paper.", "Pharmacy"));
  EXPECT_FALSE(
      has_type("Turla, which Western governments link to the FSB, planted a backdoor.", "sector"));
}

TEST(EntityMatcher, SectorsInTextsAboutSomethingElseAreNoFindings) {
  // A sector's own "operators" is no security word.
  EXPECT_FALSE(
      has_type("Telecom operators are lobbying regulators to approve a merger.", "sector"));
  EXPECT_FALSE(has_type("Casino operators in Macau posted their best month.", "sector"));
  EXPECT_FALSE(
      has_type("The regional hospital opened a new wing. Hospital staff gave tours.", "sector"));
  // A technique's phrasing that needs a context says nothing by itself.
  EXPECT_FALSE(
      has_type("Insurers still demand multifactor authentication and offline backups.", "sector"));
}

TEST(EntityMatcher, AmbiguousSoftwareNamesMeanTheAttackEntry) {
  auto found =
      recognised("The Qbot malware returned, and ScreenConnect was abused by the attackers.");
  EXPECT_TRUE(found.count("malware:QakBot")) << ::testing::PrintToString(found);
  EXPECT_TRUE(found.count("tool:ConnectWise")) << ::testing::PrintToString(found);
}

TEST(EntityMatcher, CueWordsChooseBetweenActorAndProgram) {
  EXPECT_TRUE(
      recognised("FIN7 installed the Carbanak backdoor on the servers.").count("malware:Carbanak"));
  EXPECT_TRUE(
      recognised("The Carbanak group stole millions from banks.").count("intrusion-set:Carbanak"));
}

TEST(EntityMatcher, DemonymsThatAreAlsoMalwareAliasesMeanTheCountry) {
  auto found = recognised("The Russian espionage crew Turla struck again.");
  EXPECT_TRUE(found.count("location:Russia/sponsor")) << ::testing::PrintToString(found);
  EXPECT_FALSE(has_type("The Russian espionage crew Turla struck again.", "malware"));
}

TEST(EntityMatcher, SpansPointAtTheAliasAsWritten) {
  std::string text = "Reports tie the Lazarus Group to the heist.";
  auto mentions = matcher().match(text);
  ASSERT_FALSE(mentions.empty());
  const Mention& m = mentions.front();
  EXPECT_EQ(text.substr(m.spans[0].start, m.spans[0].end - m.spans[0].start), m.alias);
}

// The ATT&CK ids recognised in `text`.
std::set<std::string> technique_ids(std::string_view text) {
  std::set<std::string> ids;
  for (const Mention& m : matcher().match(text))
    if (m.type == "attack-pattern") ids.insert(kb().find(m.id)->ids.at("attack").front());
  return ids;
}

// One phrasing rule: a sentence that says the technique, and a near miss
// that uses some of the same words and must not.
struct PhrasingCase {
  const char* technique;
  const char* says;
  const char* near_miss;
};

constexpr PhrasingCase kPhrasingCases[] = {
    {"T1190", "The group exploited a zero-day flaw in Ivanti VPN appliances.",
     "The exploit chain exploited a zero-day flaw in Chrome on the phones."},
    {"T1204.002", "The lures tricked users into running a fake installer.",
     "The ads tricked users into buying fake tickets."},
    {"T1204.004", "A fake CAPTCHA asks visitors to paste a command into the Run dialog.",
     "Paste the command into your terminal to install the package."},
    {"T1543.003", "The malware installs itself as a service to survive reboots.",
     "The vendor now sells its software as a service."},
    {"T1098.004", "The intruders added their own SSH keys to the server.",
     "The stealer grabs SSH keys and browser passwords."},
    {"T1098.005", "They registered a new MFA device for the hijacked account.",
     "The MFA device was lost on a train."},
    {"T1484.001", "The operators pushed the wiper through Group Policy Objects.",
     "Administrators should configure Group Policy to block macros."},
    {"T1068", "The loader escalated privileges by exploiting a driver flaw.",
     "The installer asks for elevated privileges."},
    {"T1562.001", "The affiliates disabled Microsoft Defender before the payload ran.",
     "Users disabled notifications on their phones."},
    {"T1070.001", "The operators cleared the Windows event logs.",
     "Engineers reviewed the event logs every morning."},
    {"T1070.004", "The dropper deletes itself after running.", "The user deleted the email."},
    {"T1027", "The PowerShell script is Base64-encoded to hide the payload.",
     "The C2 traffic of the implant is Base64-encoded."},
    {"T1553.005", "ISO files attached to phishing emails slip past Mark-of-the-Web.",
     "The Linux distribution ships ISO images for every release."},
    {"T1003", "The attackers dumped password hashes from the domain controller.",
     "Passwords are stored as hashes."},
    {"T1111", "The kit relays one-time passwords to the attackers as victims type them.",
     "Banks send one-time passwords by text message."},
    {"T1087.002", "They enumerated Active Directory with AdFind.",
     "The company migrated Active Directory to the cloud."},
    {"T1082", "The backdoor collects system information from the host.",
     "The settings app shows system information about your phone."},
    {"T1021.004", "The attackers moved between servers over SSH.", "Engineers log in over SSH."},
    {"T1071.004", "The implant reaches its C2 server over DNS.",
     "The site was unreachable over DNS for an hour."},
    {"T1572", "The operators set up reverse SSH tunnels to the outside.",
     "The train entered the tunnel under the river."},
    {"T1105", "The loader then fetched a second-stage payload.",
     "The rocket's second stage separated on time."},
    {"T1041", "The gang exfiltrated data over the existing C2 channel.",
     "The C2 channel was sinkholed by police."},
    {"T1567.002", "They uploaded the stolen files to Mega.", "Fans flocked to Mega stores."},
    {"T1486", "The affiliates then encrypt the servers.", "Browsers encrypt the traffic."},
    {"T1485", "The wiper malware erased thousands of computers.", "She wiped the table clean."},
    {"T1489", "Before encryption, the ransomware stops database services.",
     "The airline stopped services to Lisbon."},
    {"T1531", "The intruders locked administrators out of their accounts.",
     "The bank locked the vault at night."},
    {"T1583.001", "The group registered domains that mimic government portals.",
     "The startup registered domains for its new brand."},
    {"T1566.003", "The actors sent phishing lures via LinkedIn.",
     "The company announced the news via LinkedIn."},
    {"T1598.003", "Victims were sent to fake login pages.", "The login page was redesigned."},
    {"T1046", "The intruders mapped the internal network.",
     "The city mapped the network of bike lanes."},
    // One spelling, two rows: looked for, or disabled.
    {"T1518.001", "The intruders looked for the security products on each server.",
     "The intruders disabled the security products on each server."},
    {"T1562.001", "The intruders disabled the security products on each server.",
     "The intruders looked for the security products on each server."},
    // Prose that names a behaviour without ATT&CK's words (fixtures 91-110).
    {"T1078", "They logged in to the portal with credentials stolen by an infostealer.",
     "Credentials stolen by the stealer are sold on underground markets."},
    {"T1078", "The affiliates got in through the compromised account of a contractor.",
     "The bank warned customers that a compromised account should be reported."},
    {"T1133", "The intruders logged in to a remote-access gateway with a stolen password.",
     "The actors exploited a flaw in the remote-access gateway."},
    {"T1078.001", "The group broke into the controllers by logging in with the default password.",
     "Operators should change the default password before deployment."},
    {"T1566.002", "The group has been sending diplomats links to pages hosted on free services.",
     "The report links to pages that describe the vulnerability."},
    {"T1218.001", "Opening the Windows help file ran a PowerShell command.",
     "The Windows help file explains every menu option."},
    {"T1204.002", "The archive held a single shortcut that launches a batch script.",
     "Press the keyboard shortcut to open the settings."},
    {"T1059.003", "Clicking the shortcut ran a batch file that loaded the DLL.",
     "The payroll system processes a batch file every night."},
    {"T1553.005", "Inside the archive was an ISO image that, once mounted, showed a shortcut.",
     "The distribution publishes an ISO image with every release."},
    {"T1072", "They pushed the wiper through the company's software deployment system.",
     "The company bought a new software deployment system last year."},
    {"T1036.004", "The backdoor was disguised as a legitimate system service.",
     "The company's app was disguised as a game for children."},
    {"T1055", "The loader injected it into a newly started svchost.exe process.",
     "The nurse injected the vaccine into the patient's arm."},
    {"T1055.012", "The script loaded the stealer into a .NET process through process hollowing.",
     "The carpenter was hollowing out a log for the canoe."},
    {"T1140", "The loader decodes its payload with XOR and runs it.",
     "The researchers decoded the ancient manuscript."},
    {"T1497.001", "It checks whether it is running in a virtual machine and stays dormant if so.",
     "The test suite is running in a virtual machine on the build server."},
    {"T1497", "The loader quits if it finds signs of a sandbox.",
     "The children played in a sandbox at the park."},
    {"T1003.008", "The intruders copied /etc/shadow from the appliance.",
     "The shadow file format is documented in the manual."},
    {"T1069.002", "They used BloodHound to map group memberships in the domain.",
     "Club group memberships renew every January."},
    {"T1087.002", "The affiliates ran AdFind to list users and computers.",
     "The school has more users and computers than last year."},
    {"T1018", "They ran Advanced IP Scanner to find live hosts.",
     "The webinar's live hosts answered questions."},
    {"T1046", "The bot scans random IP ranges for servers listening on port 22.",
     "The botanist scans the random plots for weeds."},
    {"T1113", "Every few minutes the malware took a screenshot of the desktop.",
     "The reviewer took a photo of the phone's box."},
    {"T1074.001", "The backdoor writes stolen files to a local staging folder.",
     "The photographer uses a local folder for holiday pictures."},
    {"T1560", "The malware bundled the captured text into a ZIP file and uploaded it.",
     "The phishing email carried a ZIP file with a malicious script inside."},
    {"T1213.002", "The intruders searched SharePoint for VPN instructions.",
     "The company migrated its files to SharePoint last year."},
    {"T1213.006", "Through the web shell they ran SQL queries that pulled customer records out.",
     "Analysts ran SQL queries to build the quarterly report."},
    {"T1499.002", "The tool floods chosen pages with thousands of HTTP requests a second.",
     "The malware sends HTTP requests to its C2 server."},
    {"T1071.001", "The malware sends HTTP requests to its C2 server.",
     "The tool floods chosen pages with thousands of HTTP requests a second."},
    {"T1071.003", "The backdoors use email as a command channel.",
     "The company uses email as a marketing channel."},
    {"T1071.005", "The implant receives commands over MQTT.",
     "The sensors report readings to a broker."},
    {"T1572", "The implant resolves its server through DNS over HTTPS.",
     "Firefox turned on DNS-based parental controls."},
    {"T1573.001", "It sends the results to its command-and-control server, encrypted with RC4.",
     "Files on the disk are encrypted with AES by the operating system."},
    {"T1102.001", "A post on a public blog told the implant where to find its next server.",
     "A post on a public blog described the author's holiday."},
    {"T1105", "The loader pulled down a second script from the server.",
     "The crew pulled down the old stage after the show."},
    {"T1030", "The backdoor sends the stolen data out in small chunks.",
     "Cut the vegetables in small chunks."},
    {"T1584.008", "The payload was downloaded from a compromised network storage device.",
     "The compromised network storage device was replaced by the vendor."},
    {"T1090", "The group relied on hijacked routers as proxies.",
     "Shareholders voted as proxies for absent members."},
    {"T1491.002", "Hacktivists defaced government websites in the first hours.",
     "Vandals defaced the statue in the park."},
    {"T1491.001", "The intruders defaced the screens of the controllers with a message.",
     "Vandals defaced the statue in the park."},
    {"T1561.002", "The wiper overwrote the boot records of hundreds of machines.",
     "The athlete set new boot records for the season."},
    {"T1489", "The attackers shut down the virtual machines before running the encryptor.",
     "The lab shut down the virtual machines at the end of the course."},
    {"T1486", "Before encryption, the operators deleted the backups.",
     "Before encryption of the traffic, the handshake is completed."},
    {"T1657", "The data-extortion group threatens to publish stolen files.",
     "The group publishes stolen files from other gangs."},
    {"T1595.002", "Other groups were scanning the internet for unpatched servers to exploit.",
     "Researchers were scanning the internet for the comet's light curve."},
    {"T1110", "The botnet spreads by brute-forcing SSH logins.", "The botnet spreads by email."},
    // Said, but not of this case: a fake ransom note, a removed function, a false flag.
    {"T1485", "The wiper left a fake ransom note, though no decryption was possible.",
     "The ransomware left a ransom note on each desktop."},
    {"T1486", "The ransomware left a ransom note on each desktop.",
     "The wiper left a fake ransom note, though no decryption was possible."},
    {"T1498", "The group claimed DDoS attacks on city councils.",
     "The authors stripped out the DDoS functions and kept the miner."},
    {"T1656", "The callers posed as employees of the help desk.",
     "The Iranian group likes to pose as a ransomware gang."},
    {"T1486", "The gang encrypted files on every server.",
     "The group stopped encrypting files in 2023 and now only steals data."},
    // A second round, written after the first was tuned (fixtures 111-118).
    {"T1110.003", "The actors tried a few common passwords against many accounts at once.",
     "Users should not reuse common passwords across many accounts."},
    {"T1098.003", "The actors gave the application the full_access_as_app role.",
     "The full_access_as_app role is documented by Microsoft."},
    {"T1114.002", "The OAuth application could read the mailboxes of senior staff in the tenant.",
     "The malware could read the mailboxes stored on the infected laptop."},
    {"T1667", "The affiliates first flood a target's inbox with newsletter sign-ups.",
     "Holiday offers flood a shopper's inbox every December."},
    {"T1566.003", "Posing as the help desk, they message employees on Microsoft Teams.",
     "The company holds its weekly meeting on Microsoft Teams."},
    {"T1656", "The external account was named like the IT help desk.",
     "The new office was named after the founder."},
    {"T1574.001", "The operators plant a DLL next to a legitimate updater so that it loads first.",
     "The installer places a DLL in the program folder."},
    {"T1572", "They open a reverse SSH connection for hands-on access.",
     "Administrators open an SSH connection to the server."},
    {"T1562", "The actors turned off logging so that their sessions left no trace.",
     "The vendor turned off logging by default to save disk space."},
    {"T1554", "The group replaced legitimate binaries with trojanized versions on the routers.",
     "The vendor replaced the old binaries with faster versions."},
    {"T1547.001", "The implant keeps running through a registry autostart value.",
     "The registry stores the user's wallpaper."},
    {"T1095", "The implant talks to its servers with a custom encrypted protocol.",
     "The bank's app uses a custom encrypted protocol for payments."},
    {"T1005", "The backdoor collects Word and PDF documents modified last month.",
     "The attachment was a Word document about invoices."},
    {"T1484.002", "The intruders added a second identity provider to the tenant.",
     "The identity provider was renamed last year."},
    {"T1526", "The intruders enumerated the Azure subscriptions of the victim.",
     "Azure subscriptions got cheaper this year."},
    {"T1555.006", "They pulled secrets out of key vaults in the tenant.",
     "The key vault service gained a new pricing tier."},
    {"T1567.002", "They exfiltrated customer data to a storage account of their own.",
     "The company moved its archives to a storage account of its own."},
    {"T1564.008", "The attackers set up rules that silently moved replies to the trash.",
     "The club set up rules that allow guests on Fridays."},
    {"T1598.003", "The link led to a page that looked exactly like the Gmail sign-in screen.",
     "The sign-in screen was redesigned last year."},
    {"T1136.001", "The script created a hidden local administrator on the host.",
     "The script listed every local administrator on the host."},
    {"T1078", "The attackers logged in to the victims' real accounts with the stolen passwords.",
     "Customers logged in to the new portal for the first time."},
    {"T1082", "The loader profiled the machine with a few WMI queries.",
     "The doctor profiled the patient's diet."},
    {"T1219", "They use legitimate remote management software such as ConnectWise.",
     "Affiliates exploited a flaw in the remote management software of a vendor."},
    {"T1046", "They scan networks with Advanced IP Scanner.", "Fishermen scan the sea with sonar."},
    {"T1105", "The operators then pull a malicious archive from their server.",
     "The museum pulled the painting from the exhibition."},
    {"T1562.001", "The actors used a vulnerable driver to kill endpoint detection tools.",
     "The actors scanned for endpoint detection tools on each host."},  // Common spellings of
                                                                        // techniques the tables had
                                                                        // only in one form.
    {"T1566.002", "The spear-phishing emails carried links to a fake portal.",
     "The spear-phishing emails carried a malicious document."},
    {"T1566.001", "The spear-phishing emails carried a malicious document.",
     "The spear-phishing emails carried links to a fake portal."},
    {"T1091", "The worm spreads on USB flash drives plugged into office machines.",
     "The museum sells USB flash drives with the catalogue."},
    {"T1546.003", "The implant persists through permanent WMI event subscriptions.",
     "The WMI service was restarted."},
    {"T1558.003", "The intruders Kerberoasted two service accounts.",
     "The service accounts expired."},
    {"T1053.005", "The loader creates a task that runs it every hour.",
     "The manager creates a task that runs through the whole quarter."},
    {"T1204.002", "The lures were documents with macros that fetched the loader.",
     "The lures were documents about invoices."},
    {"T1021.002", "The attackers moved laterally via RDP and SMB.",
     "The attackers exploited an SMB flaw to move laterally."},
    {"T1555.003", "The stealer collects browser cookies and saved credentials.",
     "The vault keeps saved credentials for the help desk."},
};

// A row's verb reads as its technique only with one of its objects right
// after it (TechniquePhrase::next), whatever the case.
TEST(EntityMatcher, VerbsTakeTheirObjectsNext) {
  EXPECT_TRUE(
      technique_ids("The loader decrypted its encrypted payload in memory.").count("T1140"));
  EXPECT_TRUE(technique_ids("Decrypts the configuration first.").count("T1140"));
  EXPECT_FALSE(technique_ids("The loader decrypted, at last, its payload.").count("T1140"));
  EXPECT_FALSE(technique_ids("Police decrypted the suspect's phone.").count("T1140"));
  EXPECT_TRUE(
      technique_ids("They added a client secret to the OAuth application.").count("T1098.001"));
  EXPECT_FALSE(technique_ids("They added a client secret to the vault.").count("T1098.001"));
}

TEST(EntityMatcher, BroaderTechniquePhrasingsAndTheirNearMisses) {
  for (const PhrasingCase& c : kPhrasingCases) {
    EXPECT_TRUE(technique_ids(c.says).count(c.technique)) << c.technique << ": " << c.says;
    EXPECT_FALSE(technique_ids(c.near_miss).count(c.technique))
        << c.technique << ": " << c.near_miss;
  }
}

// A tool's name in lower case counts beside a cue, in a sentence about
// attacks or beside other findings; an ordinary word never.
TEST(EntityMatcher, ToolsWrittenInLowerCase) {
  EXPECT_TRUE(recognised("The intruders used rclone to copy the files out.").count("tool:Rclone"));
  EXPECT_TRUE(recognised("After logging in, they ran mimikatz.").count("tool:Mimikatz"));
  EXPECT_TRUE(recognised("Next came mimikatz and Cobalt Strike.").count("tool:Mimikatz"));
  EXPECT_FALSE(has_type("The rclone project shipped version 1.66 with faster sync.", "tool"));
  EXPECT_FALSE(has_type("A chisel and a sliver of oak lay on the bench.", "tool"));
}

// AnyDesk is a RAT list entry and an RMM tool: one entity, a tool. A
// Microsoft name that ATT&CK lists under a group is that group.
TEST(EntityMatcher, OneEntityPerProgramAndPerActor) {
  auto mentions =
      matcher().match("The ransomware affiliates installed AnyDesk on the file server.");
  ASSERT_EQ(mentions.size(), 1u);
  EXPECT_EQ(mentions[0].type, "tool");
  auto actors = recognised("Microsoft said Midnight Blizzard, tracked elsewhere as APT29, struck.");
  EXPECT_TRUE(actors.count("intrusion-set:APT29")) << ::testing::PrintToString(actors);
  EXPECT_EQ(std::count_if(actors.begin(), actors.end(),
                          [](const std::string& f) { return f.rfind("intrusion-set:", 0) == 0; }),
            1);
}

// ---- evaluation over the hand-written passages

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The knowledge-base id an expected entity stands for, or "" when the
// knowledge base does not know it.
std::string expected_id(const nlohmann::json& e) {
  std::string type = e["type"], name = e["name"];
  if (type == "location" || type == "attack-pattern") {
    if (const Entity* found = kb().find(name)) return kb().current(*found).id;
  }
  for (const Match& m : kb().lookup(name))
    if (type_name(m.entity->type) == type) return kb().current(*m.entity).id;
  return {};
}

struct Score {
  size_t tp = 0, fp = 0, fn = 0;
};

// How often mentions given a confidence in [low, high) are right.
struct Bin {
  double low, high;
  size_t mentions = 0, right = 0;
  double confidence = 0;  // sum, for the mean
  double precision() const { return mentions ? double(right) / double(mentions) : 0; }
};

struct Totals {
  double precision, recall;
  size_t passages, noise_actors;
  std::vector<Bin> bins;
};

// The reliability table: confidence bins, their mean confidence and how
// often the mentions in them are right.
std::vector<Bin> empty_bins() {
  return {{0.0, 0.5}, {0.5, 0.6}, {0.6, 0.7}, {0.7, 0.8}, {0.8, 0.9}, {0.9, 1.01}};
}

void print_reliability(const std::vector<Bin>& bins) {
  std::printf("%-12s %8s %6s %9s %9s\n", "confidence", "mentions", "right", "mean conf",
              "precision");
  for (const Bin& b : bins)
    if (b.mentions)
      std::printf("[%.1f, %.1f)   %8zu %6zu %9.2f %9.3f\n", b.low, std::min(b.high, 1.0),
                  b.mentions, b.right, b.confidence / double(b.mentions), b.precision());
}

using Key = std::pair<std::string, std::string>;  // type, entity id

// One line per false positive and false negative of a passage, with the
// alias as written (the detail print of OSPREY_EVAL_DETAIL=1).
void print_errors(const std::string& passage, const std::set<Key>& want, const std::set<Key>& got,
                  const std::map<Key, std::string>& written) {
  auto line = [&](const char* kind, const Key& k) {
    const Entity* e = kb().find(k.second);
    std::printf("  %s  %s %-14s %-30s \"%s\"\n", passage.c_str(), kind, k.first.c_str(),
                e ? e->name.c_str() : k.second.c_str(), written.at(k).c_str());
  };
  for (const Key& g : got)
    if (!want.count(g)) line("FP", g);
  for (const Key& w : want)
    if (!got.count(w)) line("FN", w);
}

// Scores recognition on every passage of `folder` and prints the table
// (with every error when OSPREY_EVAL_DETAIL is set).
Totals evaluate(const char* folder) {
  const bool detail = std::getenv("OSPREY_EVAL_DETAIL") != nullptr;
  std::filesystem::path dir = std::filesystem::path(OSPREY_FIXTURES) / folder;
  std::vector<std::filesystem::path> passages;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".txt") passages.push_back(entry.path());
  std::sort(passages.begin(), passages.end());
  std::map<std::string, Score> scores;
  std::vector<Bin> bins = empty_bins();
  std::map<std::string, std::pair<size_t, size_t>> by_reason;  // type and reasons → mentions, right
  size_t noise_actors = 0, unknown = 0;
  for (const auto& path : passages) {
    auto expected = nlohmann::json::parse(
        read(std::filesystem::path(path).replace_extension(".expected.json")));
    std::set<Key> want, got;
    std::map<Key, std::string> written;  // → alias
    for (const auto& e : expected["entities"]) {
      std::string id = expected_id(e);
      if (id.empty()) {
        ++unknown;
        if (detail)
          std::printf("  %s  unknown %s %s\n", path.filename().c_str(),
                      e["type"].get<std::string>().c_str(), e["name"].dump().c_str());
        continue;
      }
      want.insert({e["type"].get<std::string>(), id});
      written[{e["type"].get<std::string>(), id}] = e["alias"].get<std::string>();
    }
    std::vector<Mention> mentions = matcher().match(read(path));
    for (const Mention& m : mentions) {
      got.insert({m.type, m.id});
      written.try_emplace({m.type, m.id}, m.alias);
    }
    for (const Mention& m : mentions) {
      std::string why = m.type;
      for (const std::string& r : m.reasons) why += " / " + r;
      auto& [count, right] = by_reason[why];
      ++count;
      right += want.count({m.type, m.id});
    }
    for (const Mention& m : mentions)
      for (Bin& b : bins)
        if (m.confidence >= b.low && m.confidence < b.high) {
          ++b.mentions;
          b.right += want.count({m.type, m.id});
          b.confidence += m.confidence;
        }
    if (detail) print_errors(path.filename().string(), want, got, written);
    bool noise =
        std::none_of(expected["entities"].begin(), expected["entities"].end(), [](const auto& e) {
          return e["type"] == "intrusion-set" || e["type"] == "malware" || e["type"] == "tool";
        });
    for (const auto& g : got) {
      if (want.count(g))
        ++scores[g.first].tp;
      else
        ++scores[g.first].fp;
      if (noise && (g.first == "intrusion-set" || g.first == "malware" || g.first == "tool"))
        ++noise_actors;
    }
    for (const auto& w : want)
      if (!got.count(w)) ++scores[w.first].fn;
  }
  Score all;
  std::printf("%s\n%-16s %5s %5s %5s %6s %6s %6s\n", folder, "type", "tp", "fp", "fn", "P", "R",
              "F1");
  for (const auto& [type, s] : scores) {
    double p = s.tp + s.fp ? double(s.tp) / double(s.tp + s.fp) : 1,
           r = s.tp + s.fn ? double(s.tp) / double(s.tp + s.fn) : 1;
    std::printf("%-16s %5zu %5zu %5zu %6.3f %6.3f %6.3f\n", type.c_str(), s.tp, s.fp, s.fn, p, r,
                p + r ? 2 * p * r / (p + r) : 0);
    all.tp += s.tp;
    all.fp += s.fp;
    all.fn += s.fn;
  }
  double p = double(all.tp) / double(all.tp + all.fp), r = double(all.tp) / double(all.tp + all.fn);
  std::printf(
      "%-16s %5zu %5zu %5zu %6.3f %6.3f %6.3f  (%zu passages; %zu expected names unknown to the "
      "KB; "
      "actors in noise passages: %zu)\n",
      "ALL", all.tp, all.fp, all.fn, p, r, 2 * p * r / (p + r), passages.size(), unknown,
      noise_actors);
  print_reliability(bins);
  if (detail)
    for (const auto& [why, counts] : by_reason)
      std::printf("  %4zu mentions, %5.3f right: %s\n", counts.first,
                  double(counts.second) / double(counts.first), why.c_str());
  return {p, r, passages.size(), noise_actors, bins};
}

// The development passages (the rules were tuned on them), scored once.
const Totals& development() {
  static const Totals totals = evaluate("entities");
  return totals;
}

// Floors just under today's numbers, so that recognition does not silently
// regress.
TEST(EntityEvaluation, PrecisionAndRecallPerType) {
  const Totals& t = development();
  EXPECT_GE(t.passages, 90u);
  EXPECT_GE(t.precision, 0.93);
  EXPECT_GE(t.recall, 0.93);
  EXPECT_EQ(t.noise_actors, 0u);
}

// Confidence means something: a higher confidence bin is not less often
// right than a lower one (bins with at least 5 mentions), and every bin's
// precision is within 0.15 of its mean confidence.
TEST(EntityEvaluation, ConfidenceIsCalibratedOnTheDevelopmentPassages) {
  const Totals& t = development();
  double previous = 0;
  size_t filled = 0;
  for (const Bin& b : t.bins) {
    if (b.mentions < 5) continue;
    ++filled;
    EXPECT_GE(b.precision(), previous) << "bin [" << b.low << ", " << b.high << ")";
    EXPECT_NEAR(b.precision(), b.confidence / double(b.mentions), 0.15)
        << "bin [" << b.low << ", " << b.high << ")";
    previous = b.precision();
  }
  // The confidences spread over more than one bin. (Two: every kind of
  // evidence is right at least 0.96 of the time on these passages, which the
  // rules were tuned on, so no calibration true to them fills a bin below
  // 0.8; the kinds tuned hardest are set lower than their precision here.)
  EXPECT_GE(filled, 2u);
}

// Passages written blind by another author. They were read for the error
// analysis of the matcher's rules (no passage-specific rule came of it), so
// they are no longer blind: floors just under today's numbers.
TEST(EntityEvaluation, HeldOutPassages) {
  if (!std::filesystem::exists(std::filesystem::path(OSPREY_FIXTURES) / "entities-holdout"))
    GTEST_SKIP() << "no held-out passages";
  Totals t = evaluate("entities-holdout");
  EXPECT_GE(t.passages, 15u);
  EXPECT_GE(t.precision, 0.85);
  EXPECT_GE(t.recall, 0.94);
  EXPECT_EQ(t.noise_actors, 0u);
}

// Passages written by another author who never saw the recognizer, nor ran
// it on them (tests/fixtures/entities-blind/README.md): the honest measure.
// Loose floors only.
TEST(EntityEvaluation, BlindPassages) {
  Totals t = evaluate("entities-blind");
  EXPECT_GE(t.passages, 40u);
  EXPECT_GE(t.precision, 0.85);  // 0.88 when last run (recall 0.81)
  EXPECT_GE(t.recall, 0.78);
  EXPECT_EQ(t.noise_actors, 0u);
}

}  // namespace
}  // namespace osprey::kb
