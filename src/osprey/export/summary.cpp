#include "osprey/export/summary.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <string_view>

#include "osprey/text/ascii.h"
#include "osprey/text/sentences.h"

namespace osprey::exporting {
namespace {

// Phrases that mark a sentence as page furniture rather than news. Words a
// security story uses ("cookie theft", "state-sponsored") are not here.
constexpr std::string_view kBoilerplate[] = {
    "subscribe",    "newsletter",          "accept cookies", "cookie policy",
    "uses cookies", "all rights reserved", "sign up",        "click here",
    "read more",    "follow us",           "advertisement",  "sponsored content",
    "copyright",    "privacy policy",      "terms of use",   "share this",
};

// Words too common to say what a sentence is about.
constexpr std::string_view kStopwords[] = {
    "the",  "and",   "for",  "that", "this", "was",   "were",  "are",  "with",  "from",
    "its",  "has",   "have", "had",  "been", "which", "their", "they", "our",   "said",
    "also", "after", "into", "than", "but",  "not",   "who",   "will", "can",   "more",
    "one",  "all",   "new",  "his",  "her",  "she",   "you",   "your", "about", "there",
};

using Terms = std::map<std::string, double>;

struct Candidate {
  SummarySentence sentence;
  Terms terms;
  double norm = 0;
};

bool is_letter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

// A token is a word when, without surrounding punctuation, it is letters
// with inner hyphens or apostrophes (not a hash, an address or a URL).
bool is_word(std::string_view token) {
  while (!token.empty() && std::string_view(",.;:!?()\"'[]").find(token.back()) != token.npos)
    token.remove_suffix(1);
  while (!token.empty() && std::string_view("(\"'[").find(token.front()) != token.npos)
    token.remove_prefix(1);
  if (token.empty()) return false;
  for (char c : token)
    if (!is_letter(static_cast<unsigned char>(c)) && c != '-' && c != '\'') return false;
  return true;
}

std::vector<std::string_view> tokens(std::string_view sentence) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < sentence.size()) {
    while (i < sentence.size() && std::string_view(" \t\r\n").find(sentence[i]) != sentence.npos)
      ++i;
    size_t start = i;
    while (i < sentence.size() && std::string_view(" \t\r\n").find(sentence[i]) == sentence.npos)
      ++i;
    if (i > start) out.push_back(sentence.substr(start, i - start));
  }
  return out;
}

bool is_boilerplate(std::string_view sentence) {
  const std::string text = text::ascii_lowercase(sentence);
  for (std::string_view phrase : kBoilerplate)
    if (text.find(phrase) != std::string::npos) return true;
  return false;
}

bool is_prose(std::string_view sentence, const SummaryOptions& options) {
  if (sentence.empty()) return false;
  char last = sentence.back();
  if (last == '"' || last == '\'' || last == ')')
    last = sentence.size() > 1 ? sentence.end()[-2] : 0;
  if (last != '.' && last != '!' && last != '?') return false;
  std::vector<std::string_view> words = tokens(sentence);
  if (words.size() < options.min_words || words.size() > options.max_words) return false;
  size_t real = std::count_if(words.begin(), words.end(), is_word);
  return real * 2 >= words.size() && !is_boilerplate(sentence);
}

// Content words (lower case, three letters or more, no stop words) with counts.
Terms terms_of(std::string_view sentence) {
  Terms out;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 3 &&
        std::find(std::begin(kStopwords), std::end(kStopwords), word) == std::end(kStopwords))
      out[word] += 1;
    word.clear();
  };
  for (char c : sentence) {
    if (is_letter(static_cast<unsigned char>(c)) || (c >= '0' && c <= '9'))
      word.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    else
      flush();
  }
  flush();
  return out;
}

double norm_of(const Terms& terms) {
  double sum = 0;
  for (const auto& [word, count] : terms) sum += count * count;
  return std::sqrt(sum);
}

double dot(const Terms& a, const Terms& b) {
  double sum = 0;
  for (const auto& [word, count] : a) {
    auto it = b.find(word);
    if (it != b.end()) sum += count * it->second;
  }
  return sum;
}

double cosine(const Candidate& a, const Candidate& b) {
  if (a.norm == 0 || b.norm == 0) return 0;
  return dot(a.terms, b.terms) / (a.norm * b.norm);
}

// How many entities and CVEs the findings place inside [start, end).
int findings_inside(const Findings& findings, uint64_t start, uint64_t end) {
  auto inside = [&](const std::vector<Span>& spans) {
    return std::any_of(spans.begin(), spans.end(),
                       [&](const Span& s) { return s.start >= start && s.start < end; });
  };
  int count = 0;
  for (const Mention& m : findings.entities) count += inside(m.spans) ? 1 : 0;
  for (const Observable& o : findings.observables)
    if (o.type == "cve") count += inside(o.spans) ? 1 : 0;
  return count;
}

std::vector<Candidate> candidates(const std::vector<const ExportArticle*>& articles,
                                  const SummaryOptions& options) {
  std::vector<Candidate> out;
  for (size_t a = 0; a < articles.size(); ++a) {
    const std::string& text = articles[a]->article.text;
    size_t position = 0;
    for (const Span& span : text::split_sentences(text)) {
      if (span.end > text.size() || span.end <= span.start) continue;
      std::string_view raw(text.data() + span.start, span.end - span.start);
      if (!is_prose(raw, options)) continue;
      Candidate c;
      c.sentence.text = text::printable_sentence(raw, 0, options.max_bytes);
      c.sentence.article = a;
      c.sentence.position = position;
      c.sentence.findings =
          std::min(kMaxFindingBonus,
                   kFindingBonus * findings_inside(articles[a]->findings, span.start, span.end));
      if (position < std::size(kLeadBonus)) c.sentence.lead = kLeadBonus[position];
      c.terms = terms_of(raw);
      c.norm = norm_of(c.terms);
      out.push_back(std::move(c));
      ++position;
    }
  }
  // Centrality: cosine with the sum of every other candidate, computed from
  // the story's total without building each "others" vector.
  Terms total;
  for (const Candidate& c : out)
    for (const auto& [word, count] : c.terms) total[word] += count;
  const double total_sq = std::pow(norm_of(total), 2);
  for (Candidate& c : out) {
    if (c.norm == 0) continue;
    const double with_total = dot(c.terms, total);
    const double others_dot = with_total - c.norm * c.norm;
    const double others_sq = total_sq - 2 * with_total + c.norm * c.norm;
    if (others_sq > 1e-9)
      c.sentence.centrality = std::clamp(others_dot / (c.norm * std::sqrt(others_sq)), 0.0, 1.0);
  }
  return out;
}

}  // namespace

std::vector<SummarySentence> summary_candidates(const std::vector<const ExportArticle*>& articles,
                                                const SummaryOptions& options) {
  std::vector<SummarySentence> out;
  for (Candidate& c : candidates(articles, options)) out.push_back(std::move(c.sentence));
  return out;
}

std::vector<SummarySentence> summarize(const std::vector<const ExportArticle*>& articles,
                                       const SummaryOptions& options) {
  std::vector<Candidate> all = candidates(articles, options);
  std::vector<size_t> order(all.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return all[a].sentence.score() > all[b].sentence.score();
  });
  std::vector<size_t> chosen;
  for (size_t i : order) {
    if (chosen.size() >= options.sentences) break;
    bool repeats = std::any_of(chosen.begin(), chosen.end(), [&](size_t j) {
      return cosine(all[i], all[j]) > options.redundancy ||
             all[i].sentence.text == all[j].sentence.text;
    });
    if (!repeats) chosen.push_back(i);
  }
  std::sort(chosen.begin(), chosen.end());  // candidates are in (article, position) order
  std::vector<SummarySentence> out;
  for (size_t i : chosen) out.push_back(std::move(all[i].sentence));
  return out;
}

}  // namespace osprey::exporting
