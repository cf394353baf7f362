// Scanning on several threads. The whole chunks of a text (or of a piece fed
// to a stream) are dealt out in runs: the stream scans the first run itself,
// a helper stream on a thread of its own each of the others (the scanner
// lends every scan its own scratch area), and the helpers' findings are then
// joined in order. The result is exactly what
// one thread would have found: the same chunks, sentences, spans and counts.
#include <exception>
#include <system_error>
#include <thread>

#include "osprey/observables/extractor.h"

namespace osprey::observables {

namespace {

// Below this many chunks a run does not repay a thread of its own.
constexpr size_t kMinChunksPerRun = 2;

}  // namespace

void ObservableStream::scan_chunks(std::string_view bytes) {
  const std::vector<size_t>& ends = ends_;
  const uint64_t base = scanned_;  // the offset of `bytes` in the stream
  size_t runs = std::max<size_t>(1, std::min(threads_, ends.size() / kMinChunksPerRun));
  auto scan_run = [&](ObservableStream& stream, size_t run) {
    size_t first = ends.size() * run / runs, last = ends.size() * (run + 1) / runs;
    size_t begin = first == 0 ? 0 : ends[first - 1];
    for (size_t c = first; c < last; ++c) {
      stream.scanned_ = base + begin;
      stream.scan_chunk(bytes.substr(begin, ends[c] - begin));
      begin = ends[c];
    }
    stream.scanned_ = base + begin;
  };
  if (runs == 1) {
    scan_run(*this, 0);
    return;
  }
  // Run r scans chunks [n·r/runs, n·(r+1)/runs): chunks are all of about
  // the chunk size, so the runs are of about equal length.
  std::vector<ObservableStream> helpers;
  helpers.reserve(runs - 1);
  for (size_t r = 1; r < runs; ++r) helpers.push_back(ObservableStream(engine_, options_));
  std::vector<std::exception_ptr> failures(runs);
  auto guarded = [&](size_t run) {
    try {
      ObservableStream& stream = run == 0 ? *this : helpers[run - 1];
      scan_run(stream, run);
      if (run != 0) stream.judge();
    } catch (...) {
      failures[run] = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(runs - 1);
  for (size_t r = 1; r < runs; ++r) {
    try {
      threads.emplace_back(guarded, r);
    } catch (const std::system_error&) {
      guarded(r);  // no thread to be had: this one scans the run
    }
  }
  guarded(0);
  for (std::thread& t : threads) t.join();
  for (const std::exception_ptr& failure : failures)
    if (failure) std::rethrow_exception(failure);
  for (ObservableStream& helper : helpers) absorb(helper);
}

}  // namespace osprey::observables
