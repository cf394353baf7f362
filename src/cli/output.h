// Printing findings in the formats `osprey extract` offers. The JSON field
// names are a public contract (README.md, "Output").
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "osprey/model/observable.h"

namespace osprey::cli {

enum class Format { kJson, kNdjson, kCsv, kText };

// Appends the JSON object of one observable (the fields of
// to_json(Observable)), with a "source" field when `source` is not empty.
void append_observable_json(std::string& out, const Observable& o, std::string_view source = {});

// Writes findings one input at a time, so output starts before all inputs
// are read. With kJson and several inputs the objects form one JSON array.
class FindingsWriter {
 public:
  FindingsWriter(std::ostream& out, Format format, size_t inputs);
  void write(const Findings& findings);
  void close();  // ends the JSON array when there is one

 private:
  std::ostream& out_;
  Format format_;
  bool array_;
  size_t written_ = 0;
};

}  // namespace osprey::cli
