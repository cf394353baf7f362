// The triage classifier: multinomial logistic regression (softmax) over the
// three labels, one weight per (label, feature).
//
// Why softmax rather than two binary models: the labels are exclusive and
// an analyst reads one distribution ("0.81 security, 0.15 borderline"), one
// model file holds every weight, and a feature's pull towards the chosen
// label against the runner-up is a single difference of two weights times
// the feature value, which is what the reasons cite.
//
// The weights live in a human-readable JSON file, src/osprey/analyze/
// triage_model.inc (JSON inside a C++ raw-string literal, compiled into the
// library): nothing is read at run time. `osprey triage train` regenerates
// it; retraining on tests/fixtures/triage/train.jsonl reproduces it byte for
// byte.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "osprey/analyze/triage_features.h"
#include "osprey/model/result.h"

namespace osprey::analyze {

enum TriageLabel : size_t { kSecurity, kBorderline, kNoise, kLabelCount };

inline constexpr std::array<std::string_view, kLabelCount> kTriageLabels = {"security",
                                                                            "borderline", "noise"};

// The label's index, or kLabelCount for a name that is none.
TriageLabel triage_label(std::string_view name);

// How a model was trained (recorded in the model file).
struct TrainOptions {
  int iterations = 3000;       // full-batch gradient-descent steps
  double learning_rate = 0.5;  // step size
  double l2 = 0.002;           // L2 penalty on every weight but the bias
};

struct TriageModel {
  std::array<FeatureVector, kLabelCount> weights{};
  TrainOptions training;
  size_t examples = 0;  // training items

  // The model compiled into the library.
  static const TriageModel& builtin();
  // The text the builtin model was parsed from (the JSON of triage_model.inc).
  static std::string_view builtin_text();

  // Parses a model file. Errors name what is missing or malformed; every
  // feature and label the code knows must have a weight, and no other may.
  static Result<TriageModel> parse(std::string_view json);

  // The model file: stable key order, weights rounded to 6 decimals, so that
  // the same training gives the same bytes. parse(to_json()) round-trips.
  std::string to_json() const;
  // to_json() as a C++ raw-string literal with a header comment: the form of
  // triage_model.inc.
  std::string to_inc() const;

  // Probabilities of the labels for feature values `x` (sum to 1).
  std::array<double, kLabelCount> probabilities(const FeatureVector& x) const;
};

}  // namespace osprey::analyze
