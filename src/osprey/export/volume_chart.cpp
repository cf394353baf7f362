#include "osprey/export/volume_chart.h"

#include <algorithm>

#include "osprey/export/digest.h"

namespace osprey::exporting {
namespace {

// Geometry in SVG user units; the viewBox scales it to the page.
constexpr int kSlot = 40;    // horizontal space per day
constexpr int kBar = 28;     // bar width
constexpr int kPlot = 80;    // height of the tallest bar
constexpr int kTop = 18;     // room for the count above a bar
constexpr int kBottom = 20;  // room for the day below the axis
constexpr int kMargin = 4;

std::string number(int n) {
  return std::to_string(n);
}

std::string stories(int n) {
  return number(n) + (n == 1 ? " story" : " stories");
}

}  // namespace

std::string volume_chart_svg(const std::vector<DayVolume>& days) {
  if (days.empty()) return {};
  int most = 1;
  for (const DayVolume& d : days) most = std::max(most, d.stories);
  const int width = 2 * kMargin + kSlot * static_cast<int>(days.size());
  const int height = kTop + kPlot + kBottom;
  const int axis = kTop + kPlot;
  std::string label = "Stories per day, " + days.front().day + " to " + days.back().day;
  std::string out = "<svg class=\"volume\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ";
  out.append(number(width)).append(" ").append(number(height)).append("\" width=\"");
  out.append(number(width)).append("\" height=\"").append(number(height));
  out.append("\" role=\"img\" aria-labelledby=\"volume-title\">\n");
  out.append("<title id=\"volume-title\">").append(html_escape(label)).append("</title>\n");
  out.append("<line x1=\"").append(number(kMargin)).append("\" y1=\"").append(number(axis));
  out.append("\" x2=\"").append(number(width - kMargin)).append("\" y2=\"").append(number(axis));
  out.append("\" stroke=\"#888\" stroke-width=\"1\"/>\n");
  for (size_t i = 0; i < days.size(); ++i) {
    const DayVolume& d = days[i];
    const int bar = d.stories * kPlot / most;
    const int x = kMargin + kSlot * static_cast<int>(i) + (kSlot - kBar) / 2;
    const int middle = x + kBar / 2;
    out.append("<rect class=\"bar\" x=\"").append(number(x)).append("\" y=\"");
    out.append(number(axis - bar)).append("\" width=\"").append(number(kBar));
    out.append("\" height=\"").append(number(bar)).append("\" fill=\"#2f6690\"><title>");
    out.append(html_escape(d.day + ": " + stories(d.stories))).append("</title></rect>\n");
    out.append("<text class=\"count\" x=\"").append(number(middle)).append("\" y=\"");
    out.append(number(axis - bar - 4)).append("\" text-anchor=\"middle\">");
    out.append(number(d.stories)).append("</text>\n");
    out.append("<text class=\"day\" x=\"").append(number(middle)).append("\" y=\"");
    out.append(number(axis + kBottom - 5)).append("\" text-anchor=\"middle\">");
    out.append(html_escape(d.day.substr(std::min<size_t>(5, d.day.size())))).append("</text>\n");
  }
  out.append("</svg>\n");
  return out;
}

}  // namespace osprey::exporting
