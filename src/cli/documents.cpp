#include "cli/documents.h"

#include "osprey/ingest/fetch/fetcher.h"
#include "osprey/ingest/files.h"
#include "osprey/text/ascii.h"

namespace osprey::cli {

void add_document_options(CLI::App* cmd, DocumentOptions& options) {
  cmd->add_flag("--allow-private", options.allow_private,
                "Allow fetching from loopback, private and link-local addresses");
}

bool is_url(const std::string& input) {
  std::string lower = text::ascii_lowercase(input.substr(0, 8));
  return lower.starts_with("http://") || lower.starts_with("https://");
}

Result<Document> load_document(const std::string& input, const DocumentOptions& options) {
  if (!is_url(input)) return ingest::read_file(input);
  ingest::FetchOptions fetch;
  fetch.allow_private = options.allow_private;
  auto fetcher = ingest::Fetcher::create(fetch);
  if (!fetcher.ok()) return fetcher.error();
  ingest::FetchResult result = fetcher.value().fetch({input, "", ""});
  if (!result.ok()) return Error{result.error};
  return std::move(result.doc);
}

}  // namespace osprey::cli
