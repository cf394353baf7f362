#include "osprey/analyze/triage_training.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace osprey::analyze {
namespace {

Result<TriageSample> parse_line(std::string_view line) {
  nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Error{"not a JSON object"};
  TriageSample item;
  auto text_field = [&](const char* key) -> Result<std::string> {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return Error{std::string("no string \"") + key + "\""};
    return it->get<std::string>();
  };
  auto title = text_field("title");
  auto text = text_field("text");
  auto label = text_field("label");
  for (const auto* r : {&title, &text, &label})
    if (!r->ok()) return r->error();
  item.article.title = title.value();
  item.article.text = text.value();
  item.article.language = j.value("lang", "");
  item.label = triage_label(label.value());
  if (item.label == kLabelCount) return Error{"unknown label \"" + label.value() + "\""};
  return item;
}

std::string fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string pad(std::string s, size_t width) {
  if (s.size() < width) s.insert(0, width - s.size(), ' ');
  return s;
}

}  // namespace

Result<std::vector<TriageSample>> parse_triage_dataset(std::string_view jsonl,
                                                          const std::string& source) {
  std::vector<TriageSample> items;
  size_t line_number = 0;
  while (!jsonl.empty()) {
    size_t end = std::min(jsonl.find('\n'), jsonl.size());
    std::string_view line = jsonl.substr(0, end);
    jsonl.remove_prefix(std::min(end + 1, jsonl.size()));
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    auto item = parse_line(line);
    if (!item.ok())
      return Error{source + ":" + std::to_string(line_number) + ": " + item.error().message};
    items.push_back(std::move(item).value());
  }
  return items;
}

TriageModel train_triage_model(const std::vector<TriageExample>& examples,
                               const TrainOptions& options) {
  TriageModel model;
  model.training = options;
  model.examples = examples.size();
  if (examples.empty()) return model;
  const double n = static_cast<double>(examples.size());
  for (int step = 0; step < options.iterations; ++step) {
    std::array<FeatureVector, kLabelCount> gradient{};
    for (const TriageExample& e : examples) {
      std::array<double, kLabelCount> p = model.probabilities(e.signals.x);
      for (size_t l = 0; l < kLabelCount; ++l) {
        double error = p[l] - (l == e.label ? 1.0 : 0.0);
        for (size_t f = 0; f < kFeatureCount; ++f) gradient[l][f] += error * e.signals.x[f];
      }
    }
    for (size_t l = 0; l < kLabelCount; ++l)
      for (size_t f = 0; f < kFeatureCount; ++f) {
        double penalty = f == kBias ? 0.0 : options.l2 * model.weights[l][f];
        model.weights[l][f] -= options.learning_rate * (gradient[l][f] / n + penalty);
      }
  }
  return model;
}

TriageEvaluation evaluate_triage(const TriageModel& model,
                                 const std::vector<TriageExample>& examples) {
  TriageEvaluation ev;
  for (const TriageExample& e : examples) {
    TriageLabel predicted = triage_label(triage(e.signals, model).label);
    ++ev.confusion[e.label][predicted];
    ++ev.total;
  }
  size_t correct = 0;
  for (size_t l = 0; l < kLabelCount; ++l) {
    correct += ev.confusion[l][l];
    size_t truth = 0, predicted = 0;
    for (size_t k = 0; k < kLabelCount; ++k) {
      truth += ev.confusion[l][k];
      predicted += ev.confusion[k][l];
    }
    double tp = static_cast<double>(ev.confusion[l][l]);
    ev.precision[l] = predicted ? tp / static_cast<double>(predicted) : 0;
    ev.recall[l] = truth ? tp / static_cast<double>(truth) : 0;
    double sum = ev.precision[l] + ev.recall[l];
    ev.f1[l] = sum > 0 ? 2 * ev.precision[l] * ev.recall[l] / sum : 0;
    ev.macro_f1 += ev.f1[l] / static_cast<double>(kLabelCount);
  }
  ev.accuracy = ev.total ? static_cast<double>(correct) / static_cast<double>(ev.total) : 0;
  return ev;
}

std::string TriageEvaluation::to_text() const {
  std::string out = "items     " + std::to_string(total) + "\naccuracy  " + fixed(accuracy, 3) +
                    "\nmacro-F1  " + fixed(macro_f1, 3) + "\n\n";
  out += "label        precision  recall      F1  support\n";
  for (size_t l = 0; l < kLabelCount; ++l) {
    size_t support = 0;
    for (size_t k = 0; k < kLabelCount; ++k) support += confusion[l][k];
    std::string name(kTriageLabels[l]);
    out += name + std::string(12 - name.size(), ' ') + pad(fixed(precision[l], 3), 10) +
           pad(fixed(recall[l], 3), 8) + pad(fixed(f1[l], 3), 8) + pad(std::to_string(support), 9) +
           "\n";
  }
  out += "\nconfusion (rows: truth, columns: predicted)\n            ";
  for (std::string_view name : kTriageLabels) out += pad(std::string(name), 11);
  out += "\n";
  for (size_t l = 0; l < kLabelCount; ++l) {
    std::string name(kTriageLabels[l]);
    out += name + std::string(12 - name.size(), ' ');
    for (size_t k = 0; k < kLabelCount; ++k) out += pad(std::to_string(confusion[l][k]), 11);
    out += "\n";
  }
  return out;
}

}  // namespace osprey::analyze
