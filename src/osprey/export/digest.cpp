#include "osprey/export/digest.h"

#include <algorithm>
#include <set>
#include <vector>

#include "osprey/export/entity_refs.h"
#include "osprey/export/formats.h"
#include "osprey/export/selection.h"

namespace osprey::exporting {
namespace {

constexpr size_t kTopIndicators = 8;

struct Link {
  std::string text;
  std::string url;  // empty: not a web link
};

// One story reduced to what the brief shows.
struct Brief {
  std::string title;
  std::string when;
  std::vector<Link> sources;
  std::vector<std::string> actors, software, techniques, cves, indicators;
  std::string evidence;
  int importance = 0;
  int64_t last_seen = 0;
};

std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) out.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
  return out;
}

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
  std::string line = e.mention.name;
  std::set<std::string> sponsors;
  for (const ExportedEntity& other : found.entities)
    if (other.mention.type == "location" && other.mention.role == "sponsor")
      sponsors.insert(other.mention.name);
  if (sponsors.empty())
    for (const std::string& code : entity_refs(e.mention.id, options.kb).sponsors)
      sponsors.insert(code);
  if (!sponsors.empty()) {
    line.append(" (sponsor: ");
    bool first = true;
    for (const std::string& s : sponsors) {
      if (!first) line.append(", ");
      line.append(s);
      first = false;
    }
    line.push_back(')');
  }
  return line;
}

Brief brief(const StoryFindings& found, const ExportOptions& options) {
  Brief b;
  const ExportStory& story = *found.story;
  b.title = one_line(story.title.empty() ? found.articles.front()->article.title : story.title);
  if (b.title.empty()) b.title = "Untitled story";
  b.when = found.first_seen > 0 ? rfc3339_millis(found.first_seen).substr(0, 16) + "Z" : "";
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
  for (const ExportedObservable& o : found.observables) {
    const std::string& type = o.observable.type;
    if (type == "cve") {
      if (std::find(b.cves.begin(), b.cves.end(), o.observable.value) == b.cves.end())
        b.cves.push_back(o.observable.value);
    } else if (!type.starts_with("attack-") && type != "cwe" && !o.benign &&
               b.indicators.size() < kTopIndicators) {
      b.indicators.push_back(type + " " + defang(type, o.observable.value));
    }
  }
  int best = -1;
  for (const ExportedRelation& r : found.relations)
    if (!r.relation.negated && r.confidence > best && !r.relation.sentence.empty()) {
      best = r.confidence;
      b.evidence = one_line(r.relation.sentence);
    }
  if (b.evidence.empty())
    for (const ExportedEntity& e : found.entities)
      if (e.mention.type == "intrusion-set" && !e.sentence.empty()) {
        b.evidence = one_line(e.sentence);
        break;
      }
  if (b.evidence.empty() && !found.observables.empty())
    b.evidence = one_line(found.observables.front().observable.context);
  b.importance = static_cast<int>(outlets.size()) * 10 + static_cast<int>(b.actors.size()) * 3 +
                 static_cast<int>(relevance * 5);
  return b;
}

std::vector<Brief> briefs(const ExportSet& set, const ExportOptions& options) {
  ExportOptions digest_options = options;
  digest_options.include_benign = false;  // the digest never lists benign values
  std::vector<Brief> out;
  for (const ExportStory& story : set.stories) {
    StoryFindings found = select_story(story, digest_options);
    if (!found.articles.empty()) out.push_back(brief(found, digest_options));
  }
  std::stable_sort(out.begin(), out.end(), [](const Brief& a, const Brief& b) {
    if (a.importance != b.importance) return a.importance > b.importance;
    return a.last_seen > b.last_seen;
  });
  return out;
}

// Markdown: backslash-escapes every character that could start markup.
std::string md_escape(std::string_view text) {
  std::string out;
  for (char c : one_line(text)) {
    if (c == '<' || c == '>') {  // entities, so no raw angle bracket reaches an HTML renderer
      out.append(c == '<' ? "&lt;" : "&gt;");
      continue;
    }
    if (std::string_view("\\`*_{}[]()#+-.!|~&\"'").find(c) != std::string_view::npos)
      out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

// A URL made safe inside a Markdown link target.
std::string md_url(std::string_view url) {
  std::string out;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : url) {
    if (c <= ' ' || c == '(' || c == ')' || c == '<' || c == '>' || c == '"' || c == '\'' ||
        c == '\\' || c >= 0x7f) {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::string md_list(std::string_view label, const std::vector<std::string>& items) {
  if (items.empty()) return {};
  std::string out = "- **";
  out.append(label).append(":** ");
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out.append(", ");
    out.append(md_escape(items[i]));
  }
  out.append("\n");
  return out;
}

std::string html_list(std::string_view label, const std::vector<std::string>& items, bool code) {
  if (items.empty()) return {};
  std::string out = "<li><strong>";
  out.append(label).append(":</strong> ");
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out.append(", ");
    out.append(code ? "<code>" : "").append(html_escape(items[i])).append(code ? "</code>" : "");
  }
  out.append("</li>\n");
  return out;
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out.append("&amp;");
        break;
      case '<':
        out.append("&lt;");
        break;
      case '>':
        out.append("&gt;");
        break;
      case '"':
        out.append("&quot;");
        break;
      case '\'':
        out.append("&#39;");
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string to_digest_markdown(const ExportSet& set, const ExportOptions& options) {
  std::string out = "# Osprey daily brief, ";
  out.append(iso_date(set.generated_at)).append("\n\n");
  out.append("TLP:").append(md_escape(options.tlp)).append(". Indicators are defanged.\n");
  std::vector<Brief> list = briefs(set, options);
  if (list.empty()) out.append("\nNo security stories.\n");
  for (const Brief& b : list) {
    out.append("\n## ").append(md_escape(b.title)).append("\n\n");
    if (!b.when.empty()) out.append("- **When:** ").append(b.when).append("\n");
    out.append("- **Sources:** ");
    for (size_t i = 0; i < b.sources.size(); ++i) {
      if (i) out.append(", ");
      if (b.sources[i].url.empty())
        out.append(md_escape(b.sources[i].text));
      else
        out.append("[")
            .append(md_escape(b.sources[i].text))
            .append("](")
            .append(md_url(b.sources[i].url))
            .append(")");
    }
    out.append("\n");
    out.append(md_list("Actors", b.actors)).append(md_list("Malware and tools", b.software));
    out.append(md_list("Techniques", b.techniques)).append(md_list("CVEs", b.cves));
    out.append(md_list("Indicators", b.indicators));
    if (!b.evidence.empty()) out.append("\n> ").append(md_escape(b.evidence)).append("\n");
  }
  return out;
}

std::string to_digest_html(const ExportSet& set, const ExportOptions& options) {
  const std::string date = iso_date(set.generated_at);
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
      "'unsafe-inline'\">\n<title>Osprey daily brief ";
  out.append(date).append("</title>\n</head>\n<body>\n<h1>Osprey daily brief, ").append(date);
  out.append("</h1>\n<p>TLP:")
      .append(html_escape(options.tlp))
      .append(". Indicators are defanged.</p>\n");
  std::vector<Brief> list = briefs(set, options);
  if (list.empty()) out.append("<p>No security stories.</p>\n");
  for (const Brief& b : list) {
    out.append("<article>\n<h2>").append(html_escape(b.title)).append("</h2>\n<ul>\n");
    if (!b.when.empty()) out.append("<li><strong>When:</strong> ").append(b.when).append("</li>\n");
    out.append("<li><strong>Sources:</strong> ");
    for (size_t i = 0; i < b.sources.size(); ++i) {
      if (i) out.append(", ");
      if (b.sources[i].url.empty()) {
        out.append(html_escape(b.sources[i].text));
      } else {
        out.append("<a href=\"").append(html_escape(b.sources[i].url));
        out.append("\" rel=\"noopener noreferrer\">")
            .append(html_escape(b.sources[i].text))
            .append("</a>");
      }
    }
    out.append("</li>\n");
    out.append(html_list("Actors", b.actors, false))
        .append(html_list("Malware and tools", b.software, false));
    out.append(html_list("Techniques", b.techniques, false))
        .append(html_list("CVEs", b.cves, false));
    out.append(html_list("Indicators", b.indicators, true)).append("</ul>\n");
    if (!b.evidence.empty())
      out.append("<blockquote>").append(html_escape(b.evidence)).append("</blockquote>\n");
    out.append("</article>\n");
  }
  out.append("</body>\n</html>\n");
  return out;
}

}  // namespace osprey::exporting
