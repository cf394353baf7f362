#include "cli/token_command.h"

#include <iostream>

#include "cli/store_option.h"
#include "osprey/server/auth.h"

namespace osprey::cli {
namespace {

struct TokenArgs {
  std::string db;
  std::string role;
  std::string name;
  int64_t id = 0;
};

void create(const TokenArgs& args, int& exit_code) {
  auto store = open_store_or_report(args.db, exit_code);
  if (!store) return;
  auto token = server::create_token(*store, *server::parse_role(args.role), args.name);
  if (!token.ok()) {
    std::cerr << "osprey: " << token.error().message << "\n";
    exit_code = 1;
    return;
  }
  std::cout << "A " << args.role << " token" << (args.name.empty() ? "" : " for " + args.name)
            << ". It is shown only now; the store keeps its hash:\n"
            << token.value() << "\n";
}

void list(const TokenArgs& args, int& exit_code) {
  auto store = open_store_or_report(args.db, exit_code);
  if (!store) return;
  auto tokens = store->list_tokens();
  if (!tokens.ok()) {
    std::cerr << "osprey: " << tokens.error().message << "\n";
    exit_code = 1;
    return;
  }
  for (const store::ApiToken& t : tokens.value()) {
    std::cout << t.id << "  " << t.role << "  " << (t.name.empty() ? "-" : t.name)
              << (t.revoked ? "  (revoked)" : "") << "\n";
  }
}

void revoke(const TokenArgs& args, int& exit_code) {
  auto store = open_store_or_report(args.db, exit_code);
  if (!store) return;
  auto revoked = store->revoke_token(args.id);
  if (!revoked.ok() || !revoked.value()) {
    std::cerr << "osprey: "
              << (revoked.ok() ? "no active token " + std::to_string(args.id)
                               : revoked.error().message)
              << "\n";
    exit_code = 1;
  }
}

}  // namespace

void add_token_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<TokenArgs>();
  CLI::App* token = app.add_subcommand("token", "API tokens for osprey serve");
  token->require_subcommand(1);
  CLI::App* create_cmd = token->add_subcommand("create", "Create a token; prints it once");
  add_db_option(create_cmd, args->db);
  create_cmd->add_option("--role", args->role, "reader, writer or admin")
      ->required()
      ->check(CLI::IsMember({"reader", "writer", "admin"}));
  create_cmd->add_option("--name", args->name, "Who or what uses it");
  create_cmd->callback([args, &exit_code] { create(*args, exit_code); });
  CLI::App* list_cmd = token->add_subcommand("list", "Tokens: id, role, name (never the token)");
  add_db_option(list_cmd, args->db);
  list_cmd->callback([args, &exit_code] { list(*args, exit_code); });
  CLI::App* revoke_cmd = token->add_subcommand("revoke", "Revoke a token by its id");
  add_db_option(revoke_cmd, args->db);
  revoke_cmd->add_option("id", args->id, "The id osprey token list shows")->required();
  revoke_cmd->callback([args, &exit_code] { revoke(*args, exit_code); });
}

}  // namespace osprey::cli
