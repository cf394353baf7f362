// Benign hints: values that are almost surely not malicious are kept but
// marked, with the reason, never silently dropped.
#pragma once

#include <string>
#include <string_view>

#include "osprey/model/observable.h"

namespace osprey::observables {

// Why `observable` is almost surely benign, or "" if there is no reason to
// think so. `site` is the reporting article's own domain, in lowercase (may
// be empty).
std::string benign_reason(const Observable& observable, std::string_view site);

}  // namespace osprey::observables
