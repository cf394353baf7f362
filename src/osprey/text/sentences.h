// Sentence boundaries, for evidence: every finding is shown in its sentence.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "osprey/model/span.h"

namespace osprey::text {

// Splits text into sentences: a sentence ends at '.', '!' or '?' followed by
// white space and a capital, digit, quote or bracket (not after a known
// abbreviation such as "e.g." or "Inc."), and at every line break (IOC lists
// and table rows are one item per line). Spans exclude surrounding white space
// and are in order; empty sentences are omitted.
std::vector<Span> split_sentences(std::string_view text);

// The sentence containing byte `pos`, found by looking at most `reach` bytes
// either way: the same boundaries as split_sentences, without splitting the
// whole text (for evidence of a few findings in a large text).
Span sentence_around(std::string_view text, uint64_t pos, size_t reach = 320);

// Index of the sentence containing byte `pos`, or the nearest one before it.
size_t sentence_index(const std::vector<Span>& sentences, uint64_t pos);

// A sentence made printable: valid UTF-8, runs of white space folded to one
// space, and at most `max_bytes` long (cut around `focus` with "…").
std::string printable_sentence(std::string_view sentence, size_t focus = 0, size_t max_bytes = 400);

}  // namespace osprey::text
