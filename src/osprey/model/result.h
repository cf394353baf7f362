// Errors as values: every function that reads untrusted input or the
// outside world returns a Result instead of throwing across the API.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace osprey {

// A failure with a message meant for the user (it names the input).
struct Error {
  std::string message;
};

// Holds either a value or an Error. Check ok() before value().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const Error& error() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace osprey
