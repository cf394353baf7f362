// Search's two plans (candidates from a selective part, or a walk along the
// newest articles) must give the same page, and the page a plain reading of
// the query gives: checked over a random store and random queries.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "osprey/store/search_query.h"
#include "store/sqlite_fixture.h"

namespace osprey::store::sqlite {
namespace {

const char* const kWords[] = {"wiper", "loader", "phishing", "gateway", "espionage", "patch"};
const char* const kActors[] = {"Sandworm", "Kimsuky", "Turla"};
const char* const kCves[] = {"CVE-2024-3400", "CVE-2023-4966", "CVE-2024-21887"};

struct Written {
  int64_t id = 0;
  int64_t time = 0;
  bool noise = false;
  std::set<std::string> words, actors, cves;
};

class SqliteSearchPlans : public SqliteStoreTest {
 protected:
  std::vector<Written> fill(size_t n, std::mt19937& rng) {
    std::vector<Written> all;
    for (size_t i = 0; i < n; ++i) {
      Written w;
      w.time = 1'700'000'000 + static_cast<int64_t>(rng() % 50) * 3600;  // ties on purpose
      w.noise = rng() % 4 == 0;
      ArticleInput input = article("https://n.example/" + std::to_string(i), "");
      input.article.title = "Item " + std::to_string(i);
      input.article.published_at = w.time;
      for (const char* word : kWords) {
        if (rng() % 3 == 0) {
          w.words.insert(word);
          input.article.text += std::string(word) + " ";
        }
      }
      input.article.text += "n" + std::to_string(i);
      for (const char* actor : kActors) {
        if (rng() % 4 != 0) continue;
        w.actors.insert(actor);
        Mention m;
        m.type = "intrusion-set";
        m.id = std::string("intrusion-set--") + actor;
        m.name = actor;
        m.alias = std::string(actor) + " Team";
        input.findings.entities.push_back(m);
      }
      for (const char* cve : kCves) {
        if (rng() % 5 != 0) continue;
        w.cves.insert(cve);
        Observable o;
        o.type = "cve";
        o.value = cve;
        input.findings.observables.push_back(o);
      }
      input.analysis.relevance_label = w.noise ? "noise" : "security";
      w.id = store_->put_article(input).value().id;
      all.push_back(w);
    }
    return all;
  }

  std::vector<int64_t> run(const SearchQuery& q) {
    auto found = store_->search(q);
    EXPECT_TRUE(found.ok()) << (found.ok() ? "" : found.error().message);
    std::vector<int64_t> ids;
    if (found.ok())
      for (const auto& a : found.value()) ids.push_back(a.article.id);
    return ids;
  }
};

TEST_F(SqliteSearchPlans, BothPlansGiveThePageAPlainReadingGives) {
  std::mt19937 rng(11);
  std::vector<Written> all = fill(300, rng);
  for (int round = 0; round < 120; ++round) {
    SearchQuery q;
    Written want;
    if (rng() % 3) want.words.insert(kWords[rng() % std::size(kWords)]);
    if (rng() % 2) want.actors.insert(kActors[rng() % std::size(kActors)]);
    if (rng() % 3 == 0) want.cves.insert(kCves[rng() % std::size(kCves)]);
    for (const auto& w : want.words) q.text = w;
    // Filters as analysts type them: names, aliases as written, any case.
    for (const auto& a : want.actors) {
      q.filters.push_back({"actor", rng() % 2 ? a : a + " team"});
    }
    for (const auto& c : want.cves)
      q.filters.push_back({"cve", rng() % 2 ? c : "cve" + c.substr(3)});
    q.include_noise = rng() % 2;
    q.since = rng() % 2 ? 0 : 1'700'000'000 + 20 * 3600;
    q.limit = 1 + rng() % 40;

    std::vector<const Written*> expected;
    for (const Written& w : all) {
      bool ok = (q.include_noise || !w.noise) && w.time >= q.since;
      for (const auto& x : want.words) ok = ok && w.words.count(x);
      for (const auto& x : want.actors) ok = ok && w.actors.count(x);
      for (const auto& x : want.cves) ok = ok && w.cves.count(x);
      if (ok) expected.push_back(&w);
    }
    std::sort(expected.begin(), expected.end(), [](const Written* a, const Written* b) {
      return a->time != b->time ? a->time > b->time : a->id > b->id;
    });
    std::vector<int64_t> want_ids;
    for (size_t i = 0; i < expected.size() && i < q.limit; ++i) want_ids.push_back(expected[i]->id);

    store_->set_search_plan(SqliteStore::SearchPlan::candidates);
    EXPECT_EQ(run(q), want_ids) << "round " << round << " candidates plan";
    store_->set_search_plan(SqliteStore::SearchPlan::walk);
    EXPECT_EQ(run(q), want_ids) << "round " << round << " walk plan";
    store_->set_search_plan(SqliteStore::SearchPlan::automatic);
    EXPECT_EQ(run(q), want_ids) << "round " << round << " plan by estimated cost";
  }
}

TEST_F(SqliteSearchPlans, BadWordsAndUnknownFieldsAreErrorsInEitherPlan) {
  std::mt19937 rng(3);
  fill(20, rng);
  for (auto plan : {SqliteStore::SearchPlan::candidates, SqliteStore::SearchPlan::walk,
                    SqliteStore::SearchPlan::automatic}) {
    store_->set_search_plan(plan);
    SearchQuery bad;
    bad.text = "\"unbalanced";
    ASSERT_FALSE(store_->search(bad).ok());
    EXPECT_NE(store_->search(bad).error().message.find("search words"), std::string::npos)
        << store_->search(bad).error().message;
    SearchQuery unknown;
    unknown.filters = {{"colour", "red"}};
    EXPECT_FALSE(store_->search(unknown).ok());
    SearchQuery everything;  // no words, no filters: the newest articles
    everything.limit = 5;
    EXPECT_EQ(run(everything).size(), 5u);
  }
}

}  // namespace
}  // namespace osprey::store::sqlite
