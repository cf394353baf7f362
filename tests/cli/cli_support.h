// Runs the osprey executable the way users and scripts do, for the CLI tests.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace osprey::testing {

struct Outcome {
  int status;
  std::string out;
  std::string err;
};

inline std::filesystem::path scratch() {
  static std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("osprey-cli-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

inline std::string write_file(const std::string& name, const std::string& content) {
  auto path = scratch() / name;
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs `osprey ARGS` through the shell, optionally with standard input.
inline Outcome osprey(const std::string& args, const std::string& stdin_text = "") {
  auto out = scratch() / "stdout", err = scratch() / "stderr", in = scratch() / "stdin";
  std::ofstream(in, std::ios::binary) << stdin_text;
  std::string cmd = std::string(OSPREY_BINARY) + " " + args + " <" + in.string() + " >" +
                    out.string() + " 2>" + err.string();
  int raw = std::system(cmd.c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(out), slurp(err)};
}

}  // namespace osprey::testing
