#include "osprey/export/brief.h"

#include <algorithm>
#include <map>
#include <set>

#include "osprey/export/entity_refs.h"
#include "osprey/export/formats.h"
#include "osprey/export/selection.h"
#include "osprey/export/summary.h"

namespace osprey::exporting {
namespace {

constexpr int64_t kDay = 86400;

// One row per severity rule: its name, its points, and when it applies.
struct SeverityRule {
  std::string_view name;
  int points;
  bool (*applies)(const StoryBrief& story, double relevance);
};

constexpr SeverityRule kSeverityRules[] = {
    {"actor", 3, [](const StoryBrief& s, double) { return !s.actors.empty(); }},
    {"malware", 2, [](const StoryBrief& s, double) { return !s.software.empty(); }},
    {"CVE", 2, [](const StoryBrief& s, double) { return !s.cves.empty(); }},
    {"indicators", 1, [](const StoryBrief& s, double) { return !s.indicators.empty(); }},
    {"relevance", 2, [](const StoryBrief&, double relevance) { return relevance >= 0.8; }},
};

std::string outlet(const Article& a) {
  if (!a.site_name.empty()) return a.site_name;
  std::string_view link = article_link(a);
  size_t start = link.find("://");
  if (start == std::string_view::npos) return std::string(link);
  link.remove_prefix(start + 3);
  return std::string(link.substr(0, link.find_first_of("/?#")));
}

std::string actor_line(const ExportedEntity& e, const StoryFindings& found,
                       const ExportOptions& options) {
  std::set<std::string> sponsors;
  for (const ExportedEntity& other : found.entities)
    if (other.mention.type == "location" && other.mention.role == "sponsor")
      sponsors.insert(other.mention.name);
  if (sponsors.empty())
    for (const std::string& code : entity_refs(e.mention.id, options.kb).sponsors)
      sponsors.insert(code);
  std::string line = e.mention.name;
  if (sponsors.empty()) return line;
  line.append(" (sponsor: ");
  for (auto it = sponsors.begin(); it != sponsors.end(); ++it)
    line.append(it == sponsors.begin() ? "" : ", ").append(*it);
  return line + ")";
}

void add_brief_entities(StoryBrief& b, const StoryFindings& found, const ExportOptions& options) {
  for (const ExportedEntity& e : found.entities) {
    const std::string& type = e.mention.type;
    if (type == "intrusion-set") b.actors.push_back(actor_line(e, found, options));
    if (type == "malware" || type == "tool") b.software.push_back(e.mention.name);
    if (type == "attack-pattern") {
      std::string attack = entity_refs(e.mention.id, options.kb).attack;
      b.techniques.push_back(attack.empty() ? e.mention.name
                                            : e.mention.name + " (" + attack + ")");
    }
    if (type == "vulnerability") b.cves.push_back(e.mention.name);
  }
}

void add_brief_observables(StoryBrief& b, const StoryFindings& found) {
  for (const ExportedObservable& o : found.observables) {
    const std::string& type = o.observable.type;
    if (type == "cve") {
      if (std::find(b.cves.begin(), b.cves.end(), o.observable.value) == b.cves.end())
        b.cves.push_back(o.observable.value);
    } else if (!type.starts_with("attack-") && type != "cwe" && !o.benign &&
               b.indicators.size() < kBriefIndicators) {
      b.indicators.push_back(type + " " + defang(type, o.observable.value));
    }
  }
}

// The most confident relation's evidence: the summary of a story whose
// articles have no prose sentence (an indicator list, a short note).
std::string evidence(const StoryFindings& found) {
  int best = -1;
  std::string out;
  for (const ExportedRelation& r : found.relations)
    if (!r.relation.negated && r.confidence > best && !r.relation.sentence.empty()) {
      best = r.confidence;
      out = one_line(r.relation.sentence);
    }
  return out;
}

// The sentence with every network indicator of the story defanged, as the
// indicator list is: a forwarded brief carries no clickable indicator. The
// longest values go first, so a URL is defanged whole before its host.
std::string defanged_sentence(std::string sentence, const StoryFindings& found) {
  std::vector<const Observable*> values;
  for (const ExportedObservable& o : found.observables)
    if (defang(o.observable.type, o.observable.value) != o.observable.value)
      values.push_back(&o.observable);
  std::stable_sort(values.begin(), values.end(), [](const Observable* a, const Observable* b) {
    return a->value.size() > b->value.size();
  });
  for (const Observable* o : values) {
    const std::string safe = defang(o->type, o->value);
    for (size_t at = sentence.find(o->value); at != std::string::npos;
         at = sentence.find(o->value, at + safe.size()))
      sentence.replace(at, o->value.size(), safe);
  }
  return sentence;
}

StoryBrief story_brief(const StoryFindings& found, const ExportOptions& options) {
  StoryBrief b;
  const ExportStory& story = *found.story;
  b.title = one_line(story.title.empty() ? found.articles.front()->article.title : story.title);
  if (b.title.empty()) b.title = "Untitled story";
  b.when = found.first_seen > 0 ? rfc3339_millis(found.first_seen).substr(0, 16) + "Z" : "";
  b.first_seen = found.first_seen;
  b.last_seen = found.last_seen;
  std::set<std::string> outlets;
  double relevance = 0;
  for (const ExportArticle* a : found.articles) {
    relevance = std::max(relevance, a->relevance_score);
    std::string name = one_line(outlet(a->article));
    if (!outlets.insert(name).second) continue;
    const std::string& link = article_link(a->article);
    b.sources.push_back({name, is_web_link(link) ? link : std::string()});
  }
  add_brief_entities(b, found, options);
  add_brief_observables(b, found);
  for (SummarySentence& s : summarize(found.articles)) b.summary.push_back(std::move(s.text));
  if (b.summary.empty()) b.summary.push_back(evidence(found));
  if (b.summary.front().empty()) b.summary.clear();
  for (std::string& sentence : b.summary) sentence = defanged_sentence(sentence, found);
  b.severity = story_severity(b, relevance, b.severity_reasons);
  return b;
}

std::vector<DayVolume> volume(const std::vector<StoryBrief>& stories, int64_t generated_at) {
  std::map<int64_t, int> by_day;
  for (const StoryBrief& s : stories) {
    int64_t when = s.first_seen > 0 ? s.first_seen : generated_at;
    by_day[(when >= 0 ? when : when - kDay + 1) / kDay] += 1;
  }
  std::vector<DayVolume> out;
  if (by_day.empty()) return out;
  const int64_t last = by_day.rbegin()->first;
  const int64_t first = std::max(by_day.begin()->first, last - int64_t{kVolumeDays} + 1);
  for (int64_t day = first; day <= last; ++day) {
    auto it = by_day.find(day);
    out.push_back({iso_date(day * kDay), it == by_day.end() ? 0 : it->second});
  }
  return out;
}

}  // namespace

int story_severity(const StoryBrief& story, double relevance, std::vector<std::string>& reasons) {
  int points = 0;
  for (const SeverityRule& rule : kSeverityRules) {
    if (!rule.applies(story, relevance)) continue;
    points += rule.points;
    reasons.emplace_back(rule.name);
  }
  return points;
}

std::string_view severity_label(int severity) {
  if (severity >= 6) return "high";
  return severity >= 3 ? "medium" : "low";
}

Brief make_brief(const ExportSet& set, const ExportOptions& options) {
  ExportOptions digest_options = options;
  digest_options.include_benign = false;  // the digest never lists benign values
  Brief out;
  out.date = iso_date(set.generated_at);
  for (const ExportStory& story : set.stories) {
    for (const ExportArticle& a : story.articles)
      if (!article_included(a, digest_options)) out.noise_left_out += 1;
    StoryFindings found = select_story(story, digest_options);
    if (!found.articles.empty()) out.stories.push_back(story_brief(found, digest_options));
  }
  std::stable_sort(out.stories.begin(), out.stories.end(),
                   [](const StoryBrief& a, const StoryBrief& b) {
                     if (a.sources.size() != b.sources.size())
                       return a.sources.size() > b.sources.size();
                     if (a.severity != b.severity) return a.severity > b.severity;
                     if (a.last_seen != b.last_seen) return a.last_seen > b.last_seen;
                     return a.title < b.title;
                   });
  out.volume = volume(out.stories, set.generated_at);
  return out;
}

}  // namespace osprey::exporting
