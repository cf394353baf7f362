#include "osprey/export/digest.h"

#include <cryptopp/base64.h>
#include <cryptopp/filters.h>
#include <cryptopp/sha.h>

#include "osprey/export/brief.h"
#include "osprey/export/formats.h"
#include "osprey/export/volume_chart.h"

namespace osprey::exporting {
namespace {

// The HTML digest's only style sheet. The page's Content-Security-Policy
// allows exactly this block (by its SHA-256), nothing else: no script, no
// other style, no image or font from anywhere.
constexpr std::string_view kStyle =
    "body{font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",sans-serif;max-width:48rem;"
    "margin:0 auto;padding:0 1rem 2rem;color:#1b1b1b;background:#fff;"
    "overflow-wrap:anywhere}"
    "h1{font-size:1.5rem}h2{font-size:1.2rem;margin:1.8rem 0 .3rem}"
    ".meta{color:#555;margin:.2rem 0}.summary{margin:.5rem 0}"
    "table{width:100%;border-collapse:collapse;margin:.5rem 0}"
    "th,td{text-align:left;vertical-align:top;padding:.3rem .4rem;border-top:1px solid #ddd}"
    "th{width:9rem;font-weight:600}"
    "code{font-size:.9em;word-break:break-all}"
    "svg.volume{max-width:100%;height:auto;display:block}"
    "svg.volume text{font:11px sans-serif;fill:#333}"
    ".severity-high{color:#a00}.severity-medium{color:#8a5a00}";

std::string style_hash() {
  CryptoPP::SHA256 sha;
  std::string digest, encoded;
  CryptoPP::StringSource(std::string(kStyle), true,
                         new CryptoPP::HashFilter(sha, new CryptoPP::StringSink(digest)));
  CryptoPP::StringSource(digest, true,
                         new CryptoPP::Base64Encoder(new CryptoPP::StringSink(encoded), false));
  return "sha256-" + encoded;
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

std::string joined(const std::vector<std::string>& items, std::string (*escape)(std::string_view),
                   std::string_view before = {}, std::string_view after = {}) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out.append(", ");
    out.append(before).append(escape(items[i])).append(after);
  }
  return out;
}

// "3 sources · severity high (actor, CVE)": the facts the ranking uses.
std::string ranking_line(const StoryBrief& b) {
  std::string out = std::to_string(b.sources.size());
  out.append(b.sources.size() == 1 ? " source" : " sources");
  out.append(" · severity ").append(severity_label(b.severity));
  if (!b.severity_reasons.empty()) {
    out.append(" (");
    for (size_t i = 0; i < b.severity_reasons.size(); ++i)
      out.append(i ? ", " : "").append(b.severity_reasons[i]);
    out.append(")");
  }
  if (!b.when.empty()) out.append(" · first seen ").append(b.when);
  return out;
}

std::string overview(const Brief& brief) {
  std::string out = std::to_string(brief.stories.size());
  out.append(brief.stories.size() == 1 ? " story" : " stories");
  if (brief.noise_left_out > 0)
    out.append("; ")
        .append(std::to_string(brief.noise_left_out))
        .append(brief.noise_left_out == 1 ? " item" : " items")
        .append(" triaged as noise left out");
  return out + ".";
}

struct Fact {
  std::string_view label;
  const std::vector<std::string> StoryBrief::*items;
  bool code;  // indicators: shown as code
};

constexpr Fact kFacts[] = {
    {"Actors", &StoryBrief::actors, false},
    {"Malware and tools", &StoryBrief::software, false},
    {"Techniques", &StoryBrief::techniques, false},
    {"CVEs", &StoryBrief::cves, false},
    {"Indicators", &StoryBrief::indicators, true},
};

std::string md_story(const StoryBrief& b) {
  std::string out = "\n## ";
  out.append(md_escape(b.title)).append("\n\n*").append(md_escape(ranking_line(b)));
  out.append("*\n\n");
  if (!b.summary.empty()) {
    out.append("> ");
    for (size_t i = 0; i < b.summary.size(); ++i)
      out.append(i ? " " : "").append(md_escape(b.summary[i]));
    out.append("\n\n");
  }
  out.append("- **Sources:** ");
  for (size_t i = 0; i < b.sources.size(); ++i) {
    if (i) out.append(", ");
    const BriefLink& link = b.sources[i];
    if (link.url.empty())
      out.append(md_escape(link.text));
    else
      out.append("[")
          .append(md_escape(link.text))
          .append("](")
          .append(md_url(link.url))
          .append(")");
  }
  out.append("\n");
  for (const Fact& fact : kFacts) {
    const std::vector<std::string>& items = b.*fact.items;
    if (items.empty()) continue;
    out.append("- **").append(fact.label).append(":** ").append(joined(items, md_escape));
    out.append("\n");
  }
  return out;
}

std::string html_sources(const StoryBrief& b) {
  std::string out;
  for (size_t i = 0; i < b.sources.size(); ++i) {
    if (i) out.append(", ");
    if (b.sources[i].url.empty()) {
      out.append(html_escape(b.sources[i].text));
      continue;
    }
    out.append("<a href=\"").append(html_escape(b.sources[i].url));
    out.append("\" rel=\"noopener noreferrer\">").append(html_escape(b.sources[i].text));
    out.append("</a>");
  }
  return out;
}

std::string html_story(const StoryBrief& b, size_t index) {
  std::string out = "<section class=\"story\" id=\"story-";
  out.append(std::to_string(index + 1)).append("\">\n<h2>").append(html_escape(b.title));
  out.append("</h2>\n<p class=\"meta severity-").append(severity_label(b.severity)).append("\">");
  out.append(html_escape(ranking_line(b))).append("</p>\n");
  if (!b.summary.empty()) {
    out.append("<p class=\"summary\">");
    for (size_t i = 0; i < b.summary.size(); ++i)
      out.append(i ? " " : "").append(html_escape(b.summary[i]));
    out.append("</p>\n");
  }
  out.append("<table class=\"facts\">\n<tr><th scope=\"row\">Sources</th><td>");
  out.append(html_sources(b)).append("</td></tr>\n");
  for (const Fact& fact : kFacts) {
    const std::vector<std::string>& items = b.*fact.items;
    if (items.empty()) continue;
    out.append("<tr><th scope=\"row\">").append(fact.label).append("</th><td>");
    out.append(joined(items, html_escape, fact.code ? "<code>" : "", fact.code ? "</code>" : ""));
    out.append("</td></tr>\n");
  }
  out.append("</table>\n</section>\n");
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
  const Brief brief = make_brief(set, options);
  std::string out = "# Osprey daily brief, ";
  out.append(brief.date).append("\n\n");
  out.append("TLP:").append(md_escape(options.tlp)).append(". Indicators are defanged. ");
  out.append(md_escape(overview(brief))).append("\n");
  if (!brief.volume.empty()) {
    out.append("\n**Stories by day:** ");
    for (size_t i = 0; i < brief.volume.size(); ++i)
      out.append(i ? ", " : "")
          .append(brief.volume[i].day)
          .append(": ")
          .append(std::to_string(brief.volume[i].stories));
    out.append("\n");
  }
  if (brief.stories.empty()) out.append("\nNo security stories.\n");
  for (const StoryBrief& b : brief.stories) out.append(md_story(b));
  return out;
}

std::string to_digest_html(const ExportSet& set, const ExportOptions& options) {
  const Brief brief = make_brief(set, options);
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src '";
  out.append(style_hash()).append("'\">\n<title>Osprey daily brief ").append(brief.date);
  out.append("</title>\n<style>").append(kStyle).append("</style>\n</head>\n<body>\n");
  out.append("<header>\n<h1>Osprey daily brief, ").append(brief.date).append("</h1>\n<p>TLP:");
  out.append(html_escape(options.tlp)).append(". Indicators are defanged. ");
  out.append(html_escape(overview(brief))).append("</p>\n</header>\n");
  if (!brief.volume.empty()) {
    out.append("<section class=\"volume\">\n<h2>Stories by day</h2>\n");
    out.append(volume_chart_svg(brief.volume)).append("</section>\n");
  }
  if (brief.stories.empty()) out.append("<p>No security stories.</p>\n");
  for (size_t i = 0; i < brief.stories.size(); ++i) out.append(html_story(brief.stories[i], i));
  out.append("</body>\n</html>\n");
  return out;
}

}  // namespace osprey::exporting
