// extract() on several threads. The chunks one stream would scan are dealt
// out in runs, one stream (with its own scanner scratch) per run; the runs'
// findings are then joined in order, so the result is exactly what one
// stream would have found: the same chunks, sentences, spans and counts.
#include <exception>
#include <system_error>
#include <thread>

#include "osprey/observables/extractor.h"

namespace osprey::observables {

namespace {

// Below this many chunks a run does not repay a thread of its own.
constexpr size_t kMinChunksPerRun = 2;

}  // namespace

Findings Extractor::extract_in_parts(std::string_view text, const ExtractOptions& options,
                                     size_t parts) const {
  const std::vector<size_t> ends = ObservableStream::chunk_ends(text, options.chunk_bytes);
  parts = std::min(parts, ends.size() / kMinChunksPerRun);
  if (parts <= 1) {
    ExtractOptions alone = options;
    alone.threads = 1;
    return extract(text, alone);
  }
  std::vector<ObservableStream> runs;
  runs.reserve(parts);
  for (size_t p = 0; p < parts; ++p) runs.push_back(ObservableStream(engine_, options));

  // Run p scans chunks [n·p/parts, n·(p+1)/parts): chunks are all of about
  // the chunk size but the last, so the runs are of about equal length.
  std::vector<std::exception_ptr> failures(parts);
  auto scan_run = [&](size_t p) {
    try {
      ObservableStream& run = runs[p];
      size_t first = ends.size() * p / parts, last = ends.size() * (p + 1) / parts;
      size_t begin = first == 0 ? 0 : ends[first - 1];
      for (size_t c = first; c < last; ++c) {
        run.scanned_ = begin;
        run.scan_chunk(text.substr(begin, ends[c] - begin));
        begin = ends[c];
      }
      run.scanned_ = begin;
      run.judge();
    } catch (...) {
      failures[p] = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(parts - 1);
  for (size_t p = 1; p < parts; ++p) {
    try {
      threads.emplace_back(scan_run, p);
    } catch (const std::system_error&) {
      scan_run(p);  // no thread to be had: this one scans the run
    }
  }
  scan_run(0);
  for (std::thread& t : threads) t.join();
  for (const std::exception_ptr& failure : failures)
    if (failure) std::rethrow_exception(failure);

  for (size_t p = 1; p < parts; ++p) runs[0].absorb(runs[p]);
  return runs[0].finish();
}

}  // namespace osprey::observables
