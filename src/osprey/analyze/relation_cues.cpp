#include "osprey/analyze/relation_cues.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace osprey::analyze {
namespace {

constexpr Voice kPassive = Voice::kPassive;
constexpr CueKind kPredicate = CueKind::kPredicate;

// clang-format off
const RelationCue kCues[] = {
    // actor → victim (sector, country, organisation)
    {"targeted", kPredicate, "targets", Voice::kActive, 0.9},
    {"targeting", kPredicate, "targets", Voice::kActive, 0.9},
    {"targets", kPredicate, "targets", Voice::kActive, 0.85},
    {"target", kPredicate, "targets", Voice::kActive, 0.75},
    {"attacked", kPredicate, "targets", Voice::kActive, 0.9},
    {"attacking", kPredicate, "targets", Voice::kActive, 0.85},
    {"attacks on", kPredicate, "targets", Voice::kActive, 0.85},
    {"attacks against", kPredicate, "targets", Voice::kActive, 0.85},
    {"attack on", kPredicate, "targets", Voice::kActive, 0.8},
    {"breached", kPredicate, "targets", Voice::kActive, 0.9},
    {"breaching", kPredicate, "targets", Voice::kActive, 0.85},
    {"compromised", kPredicate, "targets", Voice::kActive, 0.85},
    {"compromising", kPredicate, "targets", Voice::kActive, 0.85},
    {"went after", kPredicate, "targets", Voice::kActive, 0.9},
    {"goes after", kPredicate, "targets", Voice::kActive, 0.9},
    {"go after", kPredicate, "targets", Voice::kActive, 0.85},
    {"going after", kPredicate, "targets", Voice::kActive, 0.85},
    {"victims include", kPredicate, "targets", Voice::kActive, 0.9},
    {"victims included", kPredicate, "targets", Voice::kActive, 0.9},
    {"victims were", kPredicate, "targets", Voice::kActive, 0.8},
    {"aimed at", kPredicate, "targets", Voice::kActive, 0.85},
    {"aiming at", kPredicate, "targets", Voice::kActive, 0.85},
    {"directed at", kPredicate, "targets", Voice::kActive, 0.8},
    {"against", kPredicate, "targets", Voice::kActive, 0.7},
    {"hit", kPredicate, "targets", Voice::kActive, 0.8},
    {"hits", kPredicate, "targets", Voice::kActive, 0.75},
    {"struck", kPredicate, "targets", Voice::kActive, 0.8},
    {"infiltrated", kPredicate, "targets", Voice::kActive, 0.9},
    {"penetrated", kPredicate, "targets", Voice::kActive, 0.85},
    {"hacked", kPredicate, "targets", Voice::kActive, 0.85},
    {"spied on", kPredicate, "targets", Voice::kActive, 0.85},
    {"spy on", kPredicate, "targets", Voice::kActive, 0.85},
    {"spying on", kPredicate, "targets", Voice::kActive, 0.85},
    {"focused on", kPredicate, "targets", Voice::kActive, 0.7},
    {"focuses on", kPredicate, "targets", Voice::kActive, 0.7},
    {"focusing on", kPredicate, "targets", Voice::kActive, 0.7},
    {"intrusions at", kPredicate, "targets", Voice::kActive, 0.85},
    {"intrusions into", kPredicate, "targets", Voice::kActive, 0.85},
    {"phished", kPredicate, "targets", Voice::kActive, 0.8},
    {"disrupted", kPredicate, "targets", Voice::kActive, 0.75},
    {"sabotaged", kPredicate, "targets", Voice::kActive, 0.85},
    {"extorted", kPredicate, "targets", Voice::kActive, 0.85},
    {"encrypted", kPredicate, "targets", Voice::kActive, 0.7},
    {"preyed on", kPredicate, "targets", Voice::kActive, 0.85},
    {"infected", kPredicate, "targets", Voice::kActive, 0.75},
    {"stole", kPredicate, "targets", Voice::kActive, 0.7},
    {"robbed", kPredicate, "targets", Voice::kActive, 0.85},
    {"sent to", kPredicate, "targets", Voice::kActive, 0.75},
    {"emails to", kPredicate, "targets", Voice::kActive, 0.75},
    {"messages to", kPredicate, "targets", Voice::kActive, 0.75},
    {"targeted by", kPredicate, "targets", kPassive, 0.9},
    {"attacked by", kPredicate, "targets", kPassive, 0.9},
    {"breached by", kPredicate, "targets", kPassive, 0.9},
    {"compromised by", kPredicate, "targets", kPassive, 0.9},
    {"hit by", kPredicate, "targets", kPassive, 0.85},
    {"hacked by", kPredicate, "targets", kPassive, 0.9},
    {"infiltrated by", kPredicate, "targets", kPassive, 0.9},
    {"victim of", kPredicate, "targets", kPassive, 0.85},
    {"victims of", kPredicate, "targets", kPassive, 0.85},

    // actor → malware, tool, technique
    {"used", kPredicate, "uses", Voice::kActive, 0.9},
    {"uses", kPredicate, "uses", Voice::kActive, 0.9},
    {"using", kPredicate, "uses", Voice::kActive, 0.85},
    {"use", kPredicate, "uses", Voice::kActive, 0.8},
    {"deployed", kPredicate, "uses", Voice::kActive, 0.9},
    {"deploys", kPredicate, "uses", Voice::kActive, 0.9},
    {"deploying", kPredicate, "uses", Voice::kActive, 0.9},
    {"deploy", kPredicate, "uses", Voice::kActive, 0.85},
    {"leveraged", kPredicate, "uses", Voice::kActive, 0.85},
    {"leverages", kPredicate, "uses", Voice::kActive, 0.85},
    {"leveraging", kPredicate, "uses", Voice::kActive, 0.85},
    {"relied on", kPredicate, "uses", Voice::kActive, 0.9},
    {"relies on", kPredicate, "uses", Voice::kActive, 0.9},
    {"rely on", kPredicate, "uses", Voice::kActive, 0.85},
    {"relying on", kPredicate, "uses", Voice::kActive, 0.85},
    {"delivered", kPredicate, "uses", Voice::kActive, 0.85},
    {"delivers", kPredicate, "uses", Voice::kActive, 0.85},
    {"delivering", kPredicate, "uses", Voice::kActive, 0.85},
    {"dropped", kPredicate, "uses", Voice::kActive, 0.85},
    {"drops", kPredicate, "uses", Voice::kActive, 0.85},
    {"installed", kPredicate, "uses", Voice::kActive, 0.85},
    {"installs", kPredicate, "uses", Voice::kActive, 0.85},
    {"with the help of", kPredicate, "uses", Voice::kActive, 0.85},
    {"employed", kPredicate, "uses", Voice::kActive, 0.85},
    {"employs", kPredicate, "uses", Voice::kActive, 0.85},
    {"made use of", kPredicate, "uses", Voice::kActive, 0.9},
    {"armed with", kPredicate, "uses", Voice::kActive, 0.85},
    {"toolkit includes", kPredicate, "uses", Voice::kActive, 0.9},
    {"toolset includes", kPredicate, "uses", Voice::kActive, 0.9},
    {"arsenal includes", kPredicate, "uses", Voice::kActive, 0.9},
    {"tooling", kPredicate, "uses", Voice::kActive, 0.7},
    {"toolkit", kPredicate, "uses", Voice::kActive, 0.7},
    {"arsenal", kPredicate, "uses", Voice::kActive, 0.7},
    {"such as", kPredicate, "uses", Voice::kActive, 0.6},
    {"including", kPredicate, "uses", Voice::kActive, 0.6},
    {"via", kPredicate, "uses", Voice::kActive, 0.7},
    {"through", kPredicate, "uses", Voice::kActive, 0.6},
    {"with", kPredicate, "uses", Voice::kActive, 0.65},
    {"distributed", kPredicate, "uses", Voice::kActive, 0.8},
    {"spread", kPredicate, "uses", Voice::kActive, 0.75},
    {"pushed", kPredicate, "uses", Voice::kActive, 0.75},
    {"loaded", kPredicate, "uses", Voice::kActive, 0.75},
    {"executed", kPredicate, "uses", Voice::kActive, 0.8},
    {"launched", kPredicate, "uses", Voice::kActive, 0.75},
    {"conducted", kPredicate, "uses", Voice::kActive, 0.8},
    {"conducts", kPredicate, "uses", Voice::kActive, 0.8},
    {"carried out", kPredicate, "uses", Voice::kActive, 0.8},
    {"sent", kPredicate, "uses", Voice::kActive, 0.7},
    {"adopted", kPredicate, "uses", Voice::kActive, 0.8},
    {"switched to", kPredicate, "uses", Voice::kActive, 0.8},
    {"turned to", kPredicate, "uses", Voice::kActive, 0.8},
    {"developed", kPredicate, "uses", Voice::kActive, 0.8},
    {"abused", kPredicate, "uses", Voice::kActive, 0.75},
    {"behind", kPredicate, "uses", Voice::kActive, 0.7},
    {"used by", kPredicate, "uses", kPassive, 0.9},
    {"deployed by", kPredicate, "uses", kPassive, 0.9},
    {"leveraged by", kPredicate, "uses", kPassive, 0.85},
    {"delivered by", kPredicate, "uses", kPassive, 0.85},
    {"dropped by", kPredicate, "uses", kPassive, 0.85},
    {"installed by", kPredicate, "uses", kPassive, 0.85},
    {"employed by", kPredicate, "uses", kPassive, 0.85},
    {"developed by", kPredicate, "uses", kPassive, 0.85},
    {"favoured by", kPredicate, "uses", kPassive, 0.85},
    {"favored by", kPredicate, "uses", kPassive, 0.85},
    {"exclusive to", kPredicate, "uses", kPassive, 0.8},

    // actor → sponsor country or agency (the exporter maps a country to originates-from)
    {"linked to", kPredicate, "attributed-to", Voice::kActive, 0.85},
    {"tied to", kPredicate, "attributed-to", Voice::kActive, 0.85},
    {"links to", kPredicate, "attributed-to", Voice::kActive, 0.85},
    {"ties to", kPredicate, "attributed-to", Voice::kActive, 0.8},
    {"attributed to", kPredicate, "attributed-to", Voice::kActive, 0.9},
    {"backed by", kPredicate, "attributed-to", Voice::kActive, 0.9},
    {"sponsored by", kPredicate, "attributed-to", Voice::kActive, 0.9},
    {"on behalf of", kPredicate, "attributed-to", Voice::kActive, 0.9},
    {"operates out of", kPredicate, "attributed-to", Voice::kActive, 0.85},
    {"operating out of", kPredicate, "attributed-to", Voice::kActive, 0.85},
    {"operate out of", kPredicate, "attributed-to", Voice::kActive, 0.85},
    {"operated out of", kPredicate, "attributed-to", Voice::kActive, 0.85},
    {"affiliated with", kPredicate, "attributed-to", Voice::kActive, 0.85},
    {"working for", kPredicate, "attributed-to", Voice::kActive, 0.85},
    {"works for", kPredicate, "attributed-to", Voice::kActive, 0.85},
    {"work for", kPredicate, "attributed-to", Voice::kActive, 0.8},
    {"run by", kPredicate, "attributed-to", Voice::kActive, 0.85},
    {"operated by", kPredicate, "attributed-to", Voice::kActive, 0.85},
    {"directed by", kPredicate, "attributed-to", Voice::kActive, 0.85},
    {"controlled by", kPredicate, "attributed-to", Voice::kActive, 0.85},
    {"part of", kPredicate, "attributed-to", Voice::kActive, 0.75},
    {"unit of", kPredicate, "attributed-to", Voice::kActive, 0.85},
    {"serving", kPredicate, "attributed-to", Voice::kActive, 0.7},
    {"aligned with", kPredicate, "attributed-to", Voice::kActive, 0.8},
    {"connected to", kPredicate, "attributed-to", Voice::kActive, 0.75},
    {"associated with", kPredicate, "attributed-to", Voice::kActive, 0.7},
    {"based in", kPredicate, "attributed-to", Voice::kActive, 0.7},
    {"out of", kPredicate, "attributed-to", Voice::kActive, 0.6},
    {"answers to", kPredicate, "attributed-to", Voice::kActive, 0.85},
    {"subordinate to", kPredicate, "attributed-to", Voice::kActive, 0.85},
    {"supports", kPredicate, "attributed-to", Voice::kActive, 0.75},
    {"in support of", kPredicate, "attributed-to", Voice::kActive, 0.8},

    // actor or malware → CVE
    {"exploited", kPredicate, "exploits", Voice::kActive, 0.9},
    {"exploiting", kPredicate, "exploits", Voice::kActive, 0.9},
    {"exploits", kPredicate, "exploits", Voice::kActive, 0.9},
    {"exploit", kPredicate, "exploits", Voice::kActive, 0.85},
    {"exploitation of", kPredicate, "exploits", Voice::kActive, 0.85},
    {"took advantage of", kPredicate, "exploits", Voice::kActive, 0.85},
    {"taking advantage of", kPredicate, "exploits", Voice::kActive, 0.85},
    {"weaponized", kPredicate, "exploits", Voice::kActive, 0.9},
    {"weaponised", kPredicate, "exploits", Voice::kActive, 0.9},
    {"weaponizing", kPredicate, "exploits", Voice::kActive, 0.9},
    {"abused", kPredicate, "exploits", Voice::kActive, 0.85},
    {"abusing", kPredicate, "exploits", Voice::kActive, 0.85},
    {"chained", kPredicate, "exploits", Voice::kActive, 0.8},
    {"leveraged", kPredicate, "exploits", Voice::kActive, 0.85},
    {"leveraging", kPredicate, "exploits", Voice::kActive, 0.85},
    {"used", kPredicate, "exploits", Voice::kActive, 0.75},
    {"using", kPredicate, "exploits", Voice::kActive, 0.75},
    {"via", kPredicate, "exploits", Voice::kActive, 0.7},
    {"through", kPredicate, "exploits", Voice::kActive, 0.65},
    {"exploited by", kPredicate, "exploits", kPassive, 0.9},
    {"abused by", kPredicate, "exploits", kPassive, 0.85},
    {"weaponized by", kPredicate, "exploits", kPassive, 0.9},

    // indicator → actor or malware (either order)
    {"c2", kPredicate, "indicates", Voice::kActive, 0.9},
    {"c&c", kPredicate, "indicates", Voice::kActive, 0.9},
    {"command-and-control", kPredicate, "indicates", Voice::kActive, 0.9},
    {"command and control", kPredicate, "indicates", Voice::kActive, 0.9},
    {"server", kPredicate, "indicates", Voice::kActive, 0.75},
    {"servers", kPredicate, "indicates", Voice::kActive, 0.75},
    {"beacons", kPredicate, "indicates", Voice::kActive, 0.85},
    {"beaconed", kPredicate, "indicates", Voice::kActive, 0.85},
    {"communicates with", kPredicate, "indicates", Voice::kActive, 0.9},
    {"connects to", kPredicate, "indicates", Voice::kActive, 0.9},
    {"contacted", kPredicate, "indicates", Voice::kActive, 0.85},
    {"hosted", kPredicate, "indicates", Voice::kActive, 0.8},
    {"used by", kPredicate, "indicates", Voice::kActive, 0.85},
    {"associated with", kPredicate, "indicates", Voice::kActive, 0.85},
    {"attributed to", kPredicate, "indicates", Voice::kActive, 0.85},
    {"linked to", kPredicate, "indicates", Voice::kActive, 0.85},
    {"tied to", kPredicate, "indicates", Voice::kActive, 0.85},
    {"belonging to", kPredicate, "indicates", Voice::kActive, 0.85},
    {"belongs to", kPredicate, "indicates", Voice::kActive, 0.85},
    {"downloaded from", kPredicate, "indicates", Voice::kActive, 0.85},
    {"fetched from", kPredicate, "indicates", Voice::kActive, 0.85},
    {"sample", kPredicate, "indicates", Voice::kActive, 0.75},
    {"samples", kPredicate, "indicates", Voice::kActive, 0.75},
    {"hash", kPredicate, "indicates", Voice::kActive, 0.75},
    {"infrastructure", kPredicate, "indicates", Voice::kActive, 0.75},
    {"registered by", kPredicate, "indicates", Voice::kActive, 0.85},

    // actor ↔ actor: other names and overlaps
    {"also tracked as", kPredicate, "related-to", Voice::kActive, 0.95},
    {"tracked as", kPredicate, "related-to", Voice::kActive, 0.9},
    {"tracked by", kPredicate, "related-to", Voice::kActive, 0.8},
    {"tracks as", kPredicate, "related-to", Voice::kActive, 0.9},
    {"also known as", kPredicate, "related-to", Voice::kActive, 0.95},
    {"known as", kPredicate, "related-to", Voice::kActive, 0.85},
    {"aka", kPredicate, "related-to", Voice::kActive, 0.9},
    {"a.k.a.", kPredicate, "related-to", Voice::kActive, 0.9},
    {"overlaps with", kPredicate, "related-to", Voice::kActive, 0.9},
    {"overlap with", kPredicate, "related-to", Voice::kActive, 0.9},
    {"overlapping with", kPredicate, "related-to", Voice::kActive, 0.9},
    {"overlaps", kPredicate, "related-to", Voice::kActive, 0.8},
    {"also reported as", kPredicate, "related-to", Voice::kActive, 0.95},
    {"reported as", kPredicate, "related-to", Voice::kActive, 0.85},
    {"shares infrastructure with", kPredicate, "related-to", Voice::kActive, 0.9},
    {"share infrastructure with", kPredicate, "related-to", Voice::kActive, 0.9},
    {"shared infrastructure with", kPredicate, "related-to", Voice::kActive, 0.9},
    {"shares code with", kPredicate, "related-to", Voice::kActive, 0.85},
    {"shares tooling with", kPredicate, "related-to", Voice::kActive, 0.85},
    {"dubbed", kPredicate, "related-to", Voice::kActive, 0.8},
    {"referred to as", kPredicate, "related-to", Voice::kActive, 0.85},
    {"also called", kPredicate, "related-to", Voice::kActive, 0.9},
    {"same as", kPredicate, "related-to", Voice::kActive, 0.8},
    {"synonymous with", kPredicate, "related-to", Voice::kActive, 0.85},
    {"subgroup of", kPredicate, "related-to", Voice::kActive, 0.85},
    {"sub-group of", kPredicate, "related-to", Voice::kActive, 0.85},
    {"subset of", kPredicate, "related-to", Voice::kActive, 0.85},
    {"offshoot of", kPredicate, "related-to", Voice::kActive, 0.85},
    {"splinter of", kPredicate, "related-to", Voice::kActive, 0.85},
    {"successor to", kPredicate, "related-to", Voice::kActive, 0.8},
    {"related to", kPredicate, "related-to", Voice::kActive, 0.85},
    {"cooperates with", kPredicate, "related-to", Voice::kActive, 0.8},
    {"collaborated with", kPredicate, "related-to", Voice::kActive, 0.8},
    {"under the names", kPredicate, "related-to", Voice::kActive, 0.85},
    {"under the name", kPredicate, "related-to", Voice::kActive, 0.85},

    // negation
    {"not", CueKind::kNegation},
    {"never", CueKind::kNegation},
    {"neither", CueKind::kNegation},
    {"nor", CueKind::kNegation},
    {"no evidence", CueKind::kNegation},
    {"no indication", CueKind::kNegation},
    {"no link", CueKind::kNegation},
    {"no links", CueKind::kNegation},
    {"no connection", CueKind::kNegation},
    {"no sign", CueKind::kNegation},
    {"no signs", CueKind::kNegation},
    {"no ties", CueKind::kNegation},
    {"no known", CueKind::kNegation},
    {"no longer", CueKind::kNegation},
    {"didn't", CueKind::kNegation},
    {"doesn't", CueKind::kNegation},
    {"don't", CueKind::kNegation},
    {"isn't", CueKind::kNegation},
    {"wasn't", CueKind::kNegation},
    {"weren't", CueKind::kNegation},
    {"hasn't", CueKind::kNegation},
    {"haven't", CueKind::kNegation},
    {"cannot", CueKind::kNegation},
    {"can't", CueKind::kNegation},
    {"unrelated", CueKind::kNegation},
    {"denied", CueKind::kNegation},
    {"denies", CueKind::kNegation},
    {"deny", CueKind::kNegation},
    {"refuted", CueKind::kNegation},
    {"disputed", CueKind::kNegation},
    {"unlikely", CueKind::kNegation},
    {"ruled out", CueKind::kNegationAfter},
    {"rules out", CueKind::kNegationAfter},
    {"was denied", CueKind::kNegationAfter},
    {"were denied", CueKind::kNegationAfter},
    {"unfounded", CueKind::kNegationAfter},
    {"debunked", CueKind::kNegationAfter},
    {"not only", CueKind::kNotNegation},
    {"not just", CueKind::kNotNegation},
    {"not least", CueKind::kNotNegation},
    {"not the first", CueKind::kNotNegation},
    {"not the only", CueKind::kNotNegation},

    // hedging
    {"likely", CueKind::kHedge},
    {"possibly", CueKind::kHedge},
    {"possible", CueKind::kHedge},
    {"probably", CueKind::kHedge},
    {"may", CueKind::kHedge, {}, Voice::kActive, 1.0, true},
    {"might", CueKind::kHedge},
    {"could", CueKind::kHedge},
    {"suspected", CueKind::kHedge},
    {"suspect", CueKind::kHedge},
    {"suspects", CueKind::kHedge},
    {"believed", CueKind::kHedge},
    {"believe", CueKind::kHedge},
    {"believes", CueKind::kHedge},
    {"thought to", CueKind::kHedge},
    {"appears", CueKind::kHedge},
    {"appear", CueKind::kHedge},
    {"appeared", CueKind::kHedge},
    {"seems", CueKind::kHedge},
    {"reportedly", CueKind::kHedge},
    {"allegedly", CueKind::kHedge},
    {"alleged", CueKind::kHedge},
    {"potentially", CueKind::kHedge},
    {"presumably", CueKind::kHedge},
    {"perhaps", CueKind::kHedge},
    {"unconfirmed", CueKind::kHedge},
    {"suggests", CueKind::kHedge},
    {"suggest", CueKind::kHedge},
    {"suggested", CueKind::kHedge},
    {"unlikely", CueKind::kHedge},
    {"apparently", CueKind::kHedge},
    {"tentatively", CueKind::kHedge},
    {"moderate confidence", CueKind::kHedge},
    {"low confidence", CueKind::kHedge},
    {"assessed", CueKind::kHedge, {}, Voice::kActive, 0.5},
    {"assesses", CueKind::kHedge, {}, Voice::kActive, 0.5},
    {"assess", CueKind::kHedge, {}, Voice::kActive, 0.5},
    {"high confidence", CueKind::kCertain},

    // who says so
    {"said", CueKind::kReportVerb},
    {"says", CueKind::kReportVerb},
    {"say", CueKind::kReportVerb},
    {"reported", CueKind::kReportVerb},
    {"reports", CueKind::kReportVerb},
    {"found", CueKind::kReportVerb},
    {"observed", CueKind::kReportVerb},
    {"noted", CueKind::kReportVerb},
    {"wrote", CueKind::kReportVerb},
    {"writes", CueKind::kReportVerb},
    {"assessed", CueKind::kReportVerb},
    {"assesses", CueKind::kReportVerb},
    {"believes", CueKind::kReportVerb},
    {"attributed", CueKind::kReportVerb},
    {"attributes", CueKind::kReportVerb},
    {"tracks", CueKind::kReportVerb},
    {"disclosed", CueKind::kReportVerb},
    {"published", CueKind::kReportVerb},
    {"warned", CueKind::kReportVerb},
    {"revealed", CueKind::kReportVerb},
    {"detailed", CueKind::kReportVerb},
    {"documented", CueKind::kReportVerb},
    {"identified", CueKind::kReportVerb},
    {"uncovered", CueKind::kReportVerb},
    {"discovered", CueKind::kReportVerb},
    {"spotted", CueKind::kReportVerb},
    {"stated", CueKind::kReportVerb},
    {"described", CueKind::kReportVerb},
    {"linked", CueKind::kReportVerb},
    {"links", CueKind::kReportVerb},
    {"according to", CueKind::kReportBefore},
    {"researchers at", CueKind::kReportBefore},
    {"analysts at", CueKind::kReportBefore},
    {"researchers from", CueKind::kReportBefore},
    {"report by", CueKind::kReportBefore},
    {"report from", CueKind::kReportBefore},
    {"reported by", CueKind::kReportBefore},
    {"analysis by", CueKind::kReportBefore},
    {"research by", CueKind::kReportBefore},
    {"published by", CueKind::kReportBefore},

    // clause boundaries
    {";", CueKind::kClauseBreak},
    {"but", CueKind::kClauseBreak},
    {"while", CueKind::kClauseBreak},
    {"whereas", CueKind::kClauseBreak},
    {"although", CueKind::kClauseBreak},
    {"though", CueKind::kClauseBreak},
    {"however", CueKind::kClauseBreak},
    {"meanwhile", CueKind::kClauseBreak},
    {"separately", CueKind::kClauseBreak},
};

const std::unordered_map<WordClass, std::vector<std::string_view>> kWordClasses = {
    {WordClass::kActorNoun, {"group", "groups", "actor", "actors", "gang", "crew", "hackers",
                             "hacker", "operators", "attackers", "adversary", "apt", "cluster",
                             "outfit", "collective", "intruders", "spies"}},
    {WordClass::kMalwareNoun, {"malware", "backdoor", "implant", "ransomware", "loader", "trojan",
                               "rat", "wiper", "stealer", "infostealer", "dropper", "botnet",
                               "worm", "spyware", "rootkit", "downloader", "payload", "variant"}},
    {WordClass::kDeterminer, {"the", "this", "that", "these"}},
    {WordClass::kActorPronoun, {"they"}},
    {WordClass::kSponsorAfter, {"group", "groups", "actor", "actors", "gang", "crew", "hackers",
                                "hacker", "operators", "attackers", "adversary", "apt", "cluster",
                                "spies", "sponsored", "backed", "nexus", "linked", "aligned",
                                "affiliated", "intelligence", "nation", "cyber", "espionage",
                                "threat", "unit", "operatives"}},
    {WordClass::kVictimAfter, {"based", "organizations", "organisations", "organization",
                               "organisation", "entities", "companies", "company", "firms",
                               "agencies", "ministries", "ministry", "victims", "targets", "users",
                               "networks", "banks", "businesses", "officials", "infrastructure",
                               "institutions", "universities", "customers", "citizens",
                               "dissidents", "journalists", "activists", "diplomats", "embassies",
                               "defense", "defence", "energy", "telecommunications", "telecoms",
                               "hospitals", "utilities", "media", "manufacturers", "think",
                               "government", "governments", "sector", "sectors", "military"}},
    {WordClass::kCountryFiller, {"-", "state", "'", "s"}},
};
// clang-format on

struct IndexedCue {
  const RelationCue* cue;
  std::vector<std::string> words;
};

// Cues by their first word.
// Phrases are written in lower case without leading space, so the first word
// is a prefix of the phrase, a static string.
const std::unordered_map<std::string_view, std::vector<IndexedCue>>& cue_index() {
  static const auto index = [] {
    std::unordered_map<std::string_view, std::vector<IndexedCue>> out;
    for (const RelationCue& c : kCues) {
      auto words = phrase_words(c.phrase);
      if (words.empty()) continue;
      std::string_view first = c.phrase.substr(0, words.front().size());
      out[first].push_back({&c, std::move(words)});
    }
    return out;
  }();
  return index;
}

const std::unordered_map<WordClass, std::unordered_set<std::string_view>>& word_sets() {
  static const auto sets = [] {
    std::unordered_map<WordClass, std::unordered_set<std::string_view>> out;
    for (const auto& [word_class, words] : kWordClasses)
      out[word_class].insert(words.begin(), words.end());
    return out;
  }();
  return sets;
}

}  // namespace

std::vector<CueHit> find_cues(const SentenceTokens& words) {
  const auto& index = cue_index();
  std::vector<CueHit> hits;
  for (size_t i = 0; i < words.size(); ++i) {
    auto it = index.find(words.lower(i));
    if (it == index.end()) continue;
    for (const IndexedCue& c : it->second) {
      if (i + c.words.size() > words.size()) continue;
      bool match = true;
      for (size_t k = 1; k < c.words.size() && match; ++k) match = words.lower(i + k) == c.words[k];
      if (!match) continue;
      if (c.cue->lowercase && i > 0 && words.written(i) != words.lower(i)) continue;
      hits.push_back({c.cue, i, i + c.words.size()});
    }
  }
  return hits;
}

bool is_word(WordClass word_class, std::string_view lower) {
  const auto& sets = word_sets();
  auto it = sets.find(word_class);
  return it != sets.end() && it->second.count(lower) > 0;
}

}  // namespace osprey::analyze
