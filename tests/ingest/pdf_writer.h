// (Strings are built with append(): GCC 12 misreports chains of operator+.)
// Writes small, valid PDF files for the tests: each page is a list of text
// lines drawn top to bottom in Helvetica. Enough structure (catalog, page
// tree, fonts, Info dictionary, exact xref offsets) that poppler reads them
// without repairs.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace osprey::testing {

struct PdfPage {
  std::vector<std::string> lines;  // ASCII; ( ) and \ are escaped here
};

inline std::string pdf_escape(const std::string& line) {
  std::string out;
  for (char c : line) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

inline std::string write_pdf(const std::vector<PdfPage>& pages, const std::string& title = "",
                             const std::string& author = "", const std::string& date = "") {
  std::vector<std::string> objects;  // objects[i] is object i+1
  size_t page_count = pages.size();
  // 1 catalog, 2 pages, 3 font, 4 info, then per page: page, content.
  std::string kids;
  for (size_t i = 0; i < page_count; ++i) kids += std::to_string(5 + 2 * i) + " 0 R ";
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(page_count) +
                    " >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  std::string info = "<< ";
  if (!title.empty()) info += "/Title (" + pdf_escape(title) + ") ";
  if (!author.empty()) info += "/Author (" + pdf_escape(author) + ") ";
  if (!date.empty()) info += "/CreationDate (" + date + ") ";
  objects.push_back(info + ">>");
  for (size_t i = 0; i < page_count; ++i) {
    std::string stream = "BT /F1 11 Tf 14 TL 72 760 Td\n";
    for (const std::string& line : pages[i].lines) {
      stream.append("(").append(pdf_escape(line)).append(") Tj T*\n");
    }
    stream += "ET\n";
    objects.push_back(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font "
        "<< /F1 3 0 R >> >> /Contents " +
        std::to_string(6 + 2 * i) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream +
                      "endstream");
  }
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R /Info 4 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace osprey::testing
