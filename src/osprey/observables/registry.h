// The observable registry: one row per indicator type. Each row is
// self-describing — its name, the patterns that find candidates, the
// validator that decides, and how the type maps to STIX 2.1 and MISP. The
// scanner compiles every row's patterns into one database and loops over
// the rows; adding a type is adding a row.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "osprey/observables/candidate.h"

namespace osprey::observables {

// Reports candidate ends that a Hyperscan expression would find only slowly
// (see finders.cpp): calls on_end(end, ctx) for each, in increasing order.
using Finder = void (*)(std::string_view text, void (*on_end)(uint64_t end, void* ctx), void* ctx);

// A pattern marks where a candidate ends; the row's extent then finds the
// whole token, and the validator judges it.
struct TypePattern {
  std::string expression;  // Hyperscan syntax
  bool caseless = true;
  Finder finder = nullptr;  // instead of an expression
};

// What becomes of a finding that lies inside a URL.
enum class InsideUrl {
  kKeep,      // reported as well (a hash or CVE in a link)
  kHostOnly,  // reported only when it is the URL's host (domain, IP)
  kDrop,      // part of the URL, not an indicator of its own (a file name in a path)
};

struct ObservableType {
  std::string_view name;         // public type name, part of the JSON contract
  std::string_view description;  // one line for --help and the README
  std::vector<TypePattern> patterns;
  Extent extent;
  Validator validate;
  std::string_view stix;  // STIX 2.1 pattern path, e.g. "ipv4-addr:value"; empty if none
  std::string_view misp;  // MISP attribute type
  InsideUrl inside_url = InsideUrl::kKeep;
  // A finding of this type lying inside a finding of one of these types is
  // part of it, not an indicator of its own (an IP inside a CIDR, an e-mail's domain).
  std::vector<std::string_view> yields_to = {};
};

// All types, in a fixed order (the order of output within one position).
const std::vector<ObservableType>& observable_types();

// The row for a type name, or nullptr.
const ObservableType* find_observable_type(std::string_view name);

}  // namespace osprey::observables
