#pragma once

#include <CLI/CLI.hpp>

namespace osprey::cli {

// Adds `osprey triage` with its subcommands:
//   triage train DATA.jsonl -o MODEL   fit the model (MODEL.inc: the form compiled into osprey)
//   triage eval DATA.jsonl [--model M] accuracy, per-label P/R/F1, confusion matrix
//   triage score [FILE|-] [--title T]  relevance of a text (or of each line of a JSONL file)
// Findings come from the extractor and, unless --no-entities, the knowledge
// base (--kb, else found as `osprey extract` finds it). Each stores its exit
// status in `exit_code`: 0 on success; 1 when an input, the dataset or the
// model cannot be read or written.
void add_triage_command(CLI::App& app, int& exit_code);

}  // namespace osprey::cli
