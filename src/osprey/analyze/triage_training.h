// Training and evaluating the triage model on labelled articles: the
// JSONL datasets under tests/fixtures/triage/, deterministic full-batch
// gradient descent, and the usual scores (accuracy, per-label precision,
// recall and F1, confusion matrix).
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "osprey/analyze/triage.h"
#include "osprey/model/result.h"

namespace osprey::analyze {

// One line of a dataset: {"title", "text", "label", "lang"}.
struct TriageSample {
  Article article;  // title, text; language from "lang"
  TriageLabel label = kNoise;
};

// Parses JSONL (blank lines skipped). Errors name `source` and the line.
Result<std::vector<TriageSample>> parse_triage_dataset(std::string_view jsonl,
                                                          const std::string& source);

// One training or evaluation example: features and the true label.
struct TriageExample {
  TriageSignals signals;
  TriageLabel label = kNoise;
};

// Fits the softmax weights by full-batch gradient descent from zero, with an
// L2 penalty on every weight but the bias. Examples are visited in the order
// given and nothing is random, so the same examples give the same model.
TriageModel train_triage_model(const std::vector<TriageExample>& examples,
                               const TrainOptions& options = {});

struct TriageEvaluation {
  std::array<std::array<size_t, kLabelCount>, kLabelCount> confusion{};  // [truth][predicted]
  size_t total = 0;
  double accuracy = 0;
  std::array<double, kLabelCount> precision{}, recall{}, f1{};
  double macro_f1 = 0;

  // A table for people: accuracy, per-label P/R/F1, macro-F1, confusion matrix.
  std::string to_text() const;
};

TriageEvaluation evaluate_triage(const TriageModel& model,
                                 const std::vector<TriageExample>& examples);

}  // namespace osprey::analyze
