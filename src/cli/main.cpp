// The osprey command: a thin layer of subcommands over libosprey.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/article_command.h"
#include "cli/articles_command.h"
#include "cli/export_command.h"
#include "cli/extract_command.h"
#include "cli/feed_command.h"
#include "cli/feeds_command.h"
#include "cli/ingest_command.h"
#include "cli/intel_commands.h"
#include "cli/kb_command.h"
#include "cli/serve_command.h"
#include "cli/token_command.h"
#include "cli/triage_command.h"
#include "cli/watchlist_command.h"

int main(int argc, char** argv) {
  // Logs go to standard error: standard output carries the commands' results.
  spdlog::set_default_logger(spdlog::stderr_color_mt("osprey"));
  CLI::App app{"Osprey: security news in, threat intelligence out", "osprey"};
  app.set_version_flag("--version", std::string("osprey ") + OSPREY_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);
  int exit_code = 0;
  osprey::cli::add_article_command(app, exit_code);
  osprey::cli::add_extract_command(app, exit_code);
  osprey::cli::add_export_command(app, exit_code);
  osprey::cli::add_kb_command(app, exit_code);
  osprey::cli::add_articles_command(app, exit_code);
  osprey::cli::add_feeds_command(app, exit_code);
  osprey::cli::add_ingest_commands(app, exit_code);
  osprey::cli::add_intel_commands(app, exit_code);
  osprey::cli::add_triage_command(app, exit_code);
  osprey::cli::add_feed_command(app, exit_code);
  osprey::cli::add_serve_command(app, exit_code);
  osprey::cli::add_token_command(app, exit_code);
  osprey::cli::add_watchlist_commands(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;  // bad usage
  }
  return exit_code;
}
