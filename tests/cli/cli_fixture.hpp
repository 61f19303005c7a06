// The fixture of the CLI tests: runs the real `shiftline` binary in a fresh folder per test.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace shiftline_test {

namespace fs = std::filesystem;

const std::string kBinary = std::string(SHIFTLINE_BINARY_DIR) + "/shiftline";

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    m_dir = fs::temp_directory_path() / (std::string("shiftline_cli_") + info->test_suite_name() + "_" + info->name() + "_" + std::to_string(::getpid()));
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }

  std::string path(const std::string& name) const { return (m_dir / name).string(); }

  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path(name), std::ios::binary) << text;
    return path(name);
  }

  static std::string read(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  // Runs shiftline with `args` (a shell-quoted string); returns the exit code; stdout/stderr saved.
  int run(const std::string& args, const std::string& env = "") {
    const std::string cmd = env + " " + kBinary + " " + args + " >" + path("stdout") + " 2>" + path("stderr");
    const int status = std::system(cmd.c_str());
    m_stdout = read(path("stdout"));
    m_stderr = read(path("stderr"));
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  fs::path m_dir;
  std::string m_stdout;
  std::string m_stderr;
};

}  // namespace shiftline_test
