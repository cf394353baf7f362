// Triage: how relevant an article is to security, as a score, a label
// (security | borderline | noise) and the reasons behind it. Run it after
// extraction, on the same text:
//
//   Article a = …;
//   std::string text = analyze::triage_text(a);        // title + text
//   Findings f = extractor.extract(text);
//   f.entities = matcher.match(text);
//   Relevance r = analyze::triage(a, f);
//   // r.label == "security", r.score == 0.97,
//   // r.reasons == {"2 CVE ids (CVE-2024-3400 …)", "security vocabulary density 6.2% …"}
//
// Labelling policy: reporting on attacks, threat actors, vulnerabilities,
// malware, breaches and takedowns is security; antivirus reviews,
// privacy-law explainers and security-industry business news are borderline;
// deals, product reviews, earnings, release notes and AI-policy opinion are
// noise.
//
// Articles not in English are triaged through the signals that do not
// depend on English: CVE ids, indicators, names from the knowledge base, and
// a short multilingual term list. Their reasons say so.
#pragma once

#include "osprey/analyze/triage_model.h"
#include "osprey/model/article.h"
#include "osprey/model/observable.h"
#include "osprey/model/relevance.h"

namespace osprey::analyze {

// Scores `article` with the compiled-in model. Pure, thread-safe, never
// fails: an empty article is noise with the reason "empty text".
Relevance triage(const Article& article, const Findings& findings);

// The same with another model (one loaded with TriageModel::parse).
Relevance triage(const Article& article, const Findings& findings, const TriageModel& model);

// The same from features already computed (training and evaluation use it).
Relevance triage(const TriageSignals& signals, const TriageModel& model);

}  // namespace osprey::analyze
