#include "osprey/analyze/story_findings.h"

#include <algorithm>
#include <map>
#include <set>

namespace osprey::analyze {
namespace {

template <typename Merged>
struct Group {
  Merged merged;
  std::set<std::string> outlets;
  std::map<std::string, double> best_by_outlet;  // strongest confidence per outlet
};

template <typename Merged>
void sort_by_support(std::vector<Merged>& items, auto&& strength) {
  std::stable_sort(items.begin(), items.end(), [&](const Merged& a, const Merged& b) {
    if (a.sources != b.sources) return a.sources > b.sources;
    return strength(a) > strength(b);
  });
}

}  // namespace

StoryFindings merge_story_findings(const std::vector<SourcedFindings>& articles) {
  std::map<std::string, Group<MergedMention>> mentions;
  std::map<std::string, Group<MergedRelation>> relations;
  std::map<std::string, Group<MergedObservable>> observables;
  for (const SourcedFindings& article : articles) {
    if (!article.findings) continue;
    for (const Mention& m : article.findings->entities) {
      auto& g = mentions[m.id.empty() ? m.type + "|" + m.name : m.id];
      if (g.outlets.empty() || m.confidence > g.merged.mention.confidence) {
        uint64_t count = g.merged.mention.count;
        g.merged.mention = m;
        g.merged.mention.count = count;
      }
      g.merged.mention.count += m.count;
      g.outlets.insert(article.outlet);
    }
    for (const Relation& r : article.findings->relations) {
      std::string key =
          r.subject.id + "|" + r.predicate + "|" + r.object.id + "|" + (r.negated ? "not" : "");
      auto& g = relations[key];
      if (g.outlets.empty() || r.confidence > g.merged.relation.confidence) g.merged.relation = r;
      g.outlets.insert(article.outlet);
      double& best = g.best_by_outlet[article.outlet];
      best = std::max(best, r.confidence);
    }
    for (const Observable& o : article.findings->observables) {
      auto& g = observables[o.type + "|" + o.value];
      if (g.outlets.empty()) {
        g.merged.observable = o;
        g.merged.observable.count = 0;
      }
      g.merged.observable.count += o.count;
      g.outlets.insert(article.outlet);
    }
  }
  StoryFindings out;
  for (auto& [key, g] : mentions) {
    g.merged.sources = static_cast<int>(g.outlets.size());
    out.entities.push_back(std::move(g.merged));
  }
  for (auto& [key, g] : relations) {
    double all_wrong = 1;
    for (const auto& [outlet, confidence] : g.best_by_outlet) all_wrong *= 1 - confidence;
    g.merged.relation.confidence = 1 - all_wrong;
    g.merged.sources = static_cast<int>(g.outlets.size());
    if (g.merged.sources > 1) {
      g.merged.relation.reasons.push_back("reported by " + std::to_string(g.merged.sources) +
                                          " outlets");
    }
    out.relations.push_back(std::move(g.merged));
  }
  for (auto& [key, g] : observables) {
    g.merged.sources = static_cast<int>(g.outlets.size());
    out.observables.push_back(std::move(g.merged));
  }
  sort_by_support(out.entities, [](const MergedMention& m) { return m.mention.confidence; });
  sort_by_support(out.relations, [](const MergedRelation& r) { return r.relation.confidence; });
  sort_by_support(out.observables, [](const MergedObservable& o) {
    return static_cast<double>(o.observable.count);
  });
  return out;
}

}  // namespace osprey::analyze
