// API tokens: who may read and who may change the subscriptions. A token is
// shown once when created; the store keeps only its SHA-256.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "osprey/model/result.h"
#include "osprey/store/store.h"

namespace osprey::server {

// Ordered: each role may do what the ones before it may.
enum class Role { none = 0, reader = 1, writer = 2, admin = 3 };

std::optional<Role> parse_role(std::string_view name);
std::string_view role_name(Role role);

// SHA-256 of the token, lowercase hex: the form the store keeps.
std::string token_hash(std::string_view token);

// Creates a random token ("osp_" and 64 hex digits), stores its hash with the
// role and name, and returns the token itself.
Result<std::string> create_token(store::Store& store, Role role, const std::string& name);

// The token an Authorization header carries: "Bearer TOKEN", or "Basic"
// with the token as the password (any user name). Empty when there is none.
std::string token_from_authorization(std::string_view header);

// The role of a presented token; Role::none when unknown or revoked.
Result<Role> role_of_token(store::Store& store, std::string_view token);

}  // namespace osprey::server
