#include "cli/triage_command.h"

#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/knowledge.h"
#include "osprey/analyze/triage.h"
#include "osprey/analyze/triage_training.h"
#include "osprey/kb/kb_dir.h"
#include "osprey/kb/knowledge_base.h"
#include "osprey/kb/matcher.h"
#include "osprey/observables/extractor.h"

namespace osprey::cli {
namespace {

struct TriageArgs {
  std::string input;   // dataset or text; "-" is standard input
  std::string output;  // train: the model file
  std::string model;   // eval, score: a model file instead of the compiled-in one
  std::string title;   // score: the title of a plain-text input
  std::string kb_dir;  // --kb
  bool no_entities = false;
  bool json = false;  // eval: JSON instead of a table
  analyze::TrainOptions train;
};

// The extractor and, when a knowledge base is found, the entity matcher.
struct FindingsEngine {
  observables::Extractor extractor;
  std::unique_ptr<kb::KnowledgeBase> kb;
  std::unique_ptr<kb::EntityMatcher> matcher;

  Findings findings(const Article& article) const {
    std::string text = analyze::triage_text(article);
    Findings f = extractor.extract(text);
    if (matcher) f.entities = matcher->match(text);
    return f;
  }
};

Result<std::unique_ptr<FindingsEngine>> make_engine(const TriageArgs& args) {
  auto extractor = observables::Extractor::create();
  if (!extractor.ok()) return extractor.error();
  auto engine = std::make_unique<FindingsEngine>(
      FindingsEngine{std::move(extractor).value(), nullptr, nullptr});
  if (args.no_entities) return engine;
  auto loaded = load_knowledge_base(args.kb_dir);
  if (!loaded.ok()) {
    std::cerr << "osprey: " << loaded.error().message << "; entities are not used\n";
    return engine;
  }
  engine->kb = std::make_unique<kb::KnowledgeBase>(std::move(loaded).value());
  auto matcher = kb::EntityMatcher::create(*engine->kb);
  if (!matcher.ok()) return matcher.error();
  engine->matcher = std::make_unique<kb::EntityMatcher>(std::move(matcher).value());
  return engine;
}

Result<std::string> read_input(const std::string& name) {
  std::stringstream ss;
  if (name == "-") {
    ss << std::cin.rdbuf();
  } else {
    std::ifstream in(name, std::ios::binary);
    if (!in) return Error{"cannot read " + name};
    ss << in.rdbuf();
  }
  return ss.str();
}

Result<std::vector<analyze::TriageExample>> read_examples(const TriageArgs& args) {
  auto text = read_input(args.input);
  if (!text.ok()) return text.error();
  auto items = analyze::parse_triage_dataset(text.value(), args.input);
  if (!items.ok()) return items.error();
  auto engine = make_engine(args);
  if (!engine.ok()) return engine.error();
  std::vector<analyze::TriageExample> examples;
  for (const analyze::TriageSample& item : items.value())
    examples.push_back(
        {analyze::triage_signals(item.article, engine.value()->findings(item.article)),
         item.label});
  return examples;
}

Result<analyze::TriageModel> load_model(const std::string& path) {
  if (path.empty()) return analyze::TriageModel::builtin();
  auto text = read_input(path);
  if (!text.ok()) return text.error();
  std::string_view json = text.value();
  // A .inc model file: the JSON between the raw-string delimiters.
  if (size_t open = json.find("R\"osprey_model("); open != std::string_view::npos) {
    json.remove_prefix(open + 15);
    json = json.substr(0, json.rfind(")osprey_model\""));
  }
  auto model = analyze::TriageModel::parse(json);
  if (!model.ok()) return Error{path + ": " + model.error().message};
  return model;
}

int run_train(const TriageArgs& args) {
  auto examples = read_examples(args);
  if (!examples.ok()) {
    std::cerr << "osprey: " << examples.error().message << "\n";
    return 1;
  }
  analyze::TriageModel model = analyze::train_triage_model(examples.value(), args.train);
  bool inc = args.output.ends_with(".inc");
  std::ofstream out(args.output, std::ios::binary);
  out << (inc ? model.to_inc() : model.to_json());
  if (!out.flush()) {
    std::cerr << "osprey: cannot write " << args.output << "\n";
    return 1;
  }
  analyze::TriageEvaluation ev = analyze::evaluate_triage(model, examples.value());
  std::cerr << "trained on " << ev.total << " items; accuracy on them " << ev.accuracy << "\n";
  return 0;
}

int run_eval(const TriageArgs& args) {
  auto model = load_model(args.model);
  auto examples =
      model.ok() ? read_examples(args) : Result<std::vector<analyze::TriageExample>>(model.error());
  if (!examples.ok()) {
    std::cerr << "osprey: " << examples.error().message << "\n";
    return 1;
  }
  analyze::TriageEvaluation ev = analyze::evaluate_triage(model.value(), examples.value());
  if (!args.json) {
    std::cout << ev.to_text();
    return 0;
  }
  nlohmann::json j = {{"items", ev.total}, {"accuracy", ev.accuracy}, {"macro_f1", ev.macro_f1}};
  for (size_t l = 0; l < analyze::kLabelCount; ++l)
    j["labels"][std::string(analyze::kTriageLabels[l])] = {
        {"precision", ev.precision[l]}, {"recall", ev.recall[l]}, {"f1", ev.f1[l]}};
  j["confusion"] = ev.confusion;
  std::cout << j.dump(2) << "\n";
  return 0;
}

// Plain text is one article; text that starts with '{' is JSONL, one
// {"title", "text"} object a line.
int run_score(const TriageArgs& args) {
  auto model = load_model(args.model);
  auto text = model.ok() ? read_input(args.input) : Result<std::string>(model.error());
  if (!text.ok()) {
    std::cerr << "osprey: " << text.error().message << "\n";
    return 1;
  }
  std::vector<Article> articles;
  size_t first = text.value().find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text.value()[first] == '{') {
    std::istringstream lines(text.value());
    for (std::string line; std::getline(lines, line);) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object()) {
        std::cerr << "osprey: " << args.input << ": a line is not a JSON object\n";
        return 1;
      }
      Article a;
      a.title = j.value("title", "");
      a.text = j.value("text", "");
      articles.push_back(std::move(a));
    }
  } else {
    Article a;
    a.title = args.title;
    a.text = std::move(text.value());
    articles.push_back(std::move(a));
  }
  auto engine = make_engine(args);
  if (!engine.ok()) {
    std::cerr << "osprey: " << engine.error().message << "\n";
    return 1;
  }
  for (const Article& a : articles) {
    nlohmann::json j = analyze::triage(a, engine.value()->findings(a), model.value());
    if (!a.title.empty()) j["title"] = a.title;
    std::cout << j.dump() << "\n";
  }
  return 0;
}

void add_findings_options(CLI::App* cmd, TriageArgs& args) {
  cmd->add_option("--kb", args.kb_dir,
                  "Knowledge base folder (default: $OSPREY_KB, else the one beside osprey)");
  cmd->add_flag("--no-entities", args.no_entities, "Do not recognise entities");
}

}  // namespace

void add_triage_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<TriageArgs>();
  CLI::App* triage =
      app.add_subcommand("triage", "Score security relevance; train and evaluate the model");
  triage->require_subcommand(1);

  CLI::App* train = triage->add_subcommand("train", "Fit the model to a labelled JSONL dataset");
  train->add_option("data", args->input, "Dataset: {title, text, label, lang} a line")->required();
  train->add_option("-o,--output", args->output, "Model file to write (.json, or .inc)")
      ->required();
  train->add_option("--iterations", args->train.iterations, "Gradient-descent steps")
      ->check(CLI::Range(1, 1000000));
  train->add_option("--learning-rate", args->train.learning_rate, "Step size");
  train->add_option("--l2", args->train.l2, "L2 penalty");
  add_findings_options(train, *args);
  train->callback([args, &exit_code] { exit_code = run_train(*args); });

  CLI::App* eval = triage->add_subcommand("eval", "Score a labelled JSONL dataset");
  eval->add_option("data", args->input, "Dataset: {title, text, label, lang} a line")->required();
  eval->add_option("--model", args->model, "Model file (default: the compiled-in model)");
  eval->add_flag("--json", args->json, "Print JSON instead of a table");
  add_findings_options(eval, *args);
  eval->callback([args, &exit_code] { exit_code = run_eval(*args); });

  CLI::App* score = triage->add_subcommand("score", "Relevance of a text, or of each JSONL line");
  score->add_option("input", args->input, "Text file, JSONL file, or '-' (default)");
  score->add_option("--title", args->title, "Title of a plain-text input");
  score->add_option("--model", args->model, "Model file (default: the compiled-in model)");
  add_findings_options(score, *args);
  score->callback([args, &exit_code] {
    if (args->input.empty()) args->input = "-";
    exit_code = run_score(*args);
  });
}

}  // namespace osprey::cli
