// Headless Chromium for the browser tests: one run that loads a local page and writes its DOM, a
// screenshot and a NetLog; and the reading of that NetLog into the network use the page caused,
// kept apart from Chromium's own background requests.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"

namespace shiftline::browser_test {

/// Debian's `chromium` package (scripts/test installs it); the tests skip without it.
inline const std::string kChromium = "/usr/bin/chromium";
/// coreutils' timeout: a hung browser fails the test instead of stalling ctest. It signals its
/// whole process group, so Chromium's renderer and GPU children go too.
inline const std::string kTimeout = "/usr/bin/timeout";
inline constexpr int kChromiumSeconds = 120;

/// The browser window, and so the screenshot, in px.
inline constexpr int kWindowWidth = 1400;
inline constexpr int kWindowHeight = 2000;

[[nodiscard]] inline bool chromium_installed() { return ::access(kChromium.c_str(), X_OK) == 0; }

[[nodiscard]] inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

/// This process's environment with `overrides` ("NAME=value") in place of the variables they name.
[[nodiscard]] inline std::vector<std::string> environment_with(const std::vector<std::string>& overrides) {
  const auto name_of = [](const std::string& entry) { return entry.substr(0, entry.find('=')); };
  std::set<std::string> replaced;
  for (const std::string& o : overrides) replaced.insert(name_of(o));
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e)
    if (replaced.count(name_of(*e)) == 0) env.emplace_back(*e);
  env.insert(env.end(), overrides.begin(), overrides.end());
  return env;
}

/// NUL-terminated pointers to the strings, for the exec family (which does not write through them).
[[nodiscard]] inline std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (std::string& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

/// Runs the program `argv[0]` (a path: no PATH search, no shell, so paths need no quoting) with
/// stdin from /dev/null, stdout and stderr into files and `env_overrides` set. Returns its exit
/// status, -1 if it could not start or was killed by a signal.
[[nodiscard]] inline int run_program(std::vector<std::string> argv, const std::string& stdout_path,
                                     const std::string& stderr_path, const std::vector<std::string>& env_overrides = {}) {
  std::vector<std::string> env = environment_with(env_overrides);
  const std::vector<char*> args = c_strings(argv);
  const std::vector<char*> envp = c_strings(env);
  posix_spawn_file_actions_t io;
  posix_spawn_file_actions_init(&io);
  posix_spawn_file_actions_addopen(&io, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&io, STDOUT_FILENO, stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&io, STDERR_FILENO, stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, args[0], &io, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&io);
  if (spawned != 0) return -1;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// file:// URL of an absolute path, bytes outside RFC 3986's unreserved set and '/' escaped.
[[nodiscard]] inline std::string file_url(const std::string& absolute_path) {
  std::string url = "file://";
  for (const char ch : absolute_path) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      url += static_cast<char>(c);
    } else {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", static_cast<unsigned>(c));
      url += escaped;
    }
  }
  return url;
}

/// What one Chromium run left behind.
struct ChromiumRun {
  int exit_status = -1;
  std::string dom;  ///< --dump-dom: the document after loading, serialised by Chromium
  std::string screenshot_path;
  std::string net_log_path;
  std::string stderr_text;
};

/// The flags every run gets: a profile in a fresh folder, and off as much as can be of what
/// Chromium fetches on its own (first run, sync, component updates, default apps; the network time
/// query to clients2.google.com needs NetworkTimeServiceQuerying off as well). Chromium 156 still
/// calls accounts.google.com (sign-in) and update.googleapis.com and optimizationguide-pa.googleapis
/// .com (the on-device model manifest) with every flag tried; network_use tells those apart.
[[nodiscard]] inline std::vector<std::string> quiet_headless_flags(const std::string& profile_dir) {
  return {"--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-default-apps",
          "--disable-features=NetworkTimeServiceQuerying",
          "--user-data-dir=" + profile_dir};
}

/// Loads the local page `page_path` once and asks for all three outputs in that run: headless
/// Chromium carries out --dump-dom and --screenshot on the same load, --log-net-log records it.
[[nodiscard]] inline ChromiumRun run_chromium(const std::string& page_path, const test::TempDir& work) {
  ChromiumRun run;
  run.screenshot_path = work.file("page.png");
  run.net_log_path = work.file("netlog.json");
  const std::string profile = work.file("profile");
  std::filesystem::create_directories(profile);
  std::vector<std::string> argv{kTimeout, "--kill-after=10", std::to_string(kChromiumSeconds), kChromium};
  for (const std::string& flag : quiet_headless_flags(profile)) argv.push_back(flag);
  for (const std::string& flag :
       {"--log-net-log=" + run.net_log_path, std::string("--dump-dom"), "--screenshot=" + run.screenshot_path,
        "--window-size=" + std::to_string(kWindowWidth) + "," + std::to_string(kWindowHeight),
        file_url(page_path)})
    argv.push_back(flag);
  // Chromium and its launcher also write under $HOME (crash reports, dconf): keep that in `work`.
  const std::vector<std::string> home{"HOME=" + work.file("home"), "XDG_CONFIG_HOME=" + work.file("home/.config"),
                                      "XDG_CACHE_HOME=" + work.file("home/.cache")};
  std::filesystem::create_directories(work.file("home"));
  run.exit_status = run_program(argv, work.file("chromium.stdout"), work.file("chromium.stderr"), home);
  run.dom = read_file(work.file("chromium.stdout"));
  run.stderr_text = read_file(work.file("chromium.stderr"));
  return run;
}

// ---- The NetLog ----

/// Network use in a NetLog, as URLs ("http://192.0.2.1/x.png") and host names ("host example.org").
struct NetworkUse {
  std::set<std::string> by_page;     ///< caused by the loaded page
  std::set<std::string> by_browser;  ///< Chromium's own requests (sign-in, updaters), not the page's
};

/// Schemes that never leave the machine: the report itself, inline data, and Chromium's internals.
[[nodiscard]] inline bool is_local_url(const std::string& url) {
  const auto colon = url.find(':');
  if (colon == std::string::npos) return false;
  std::string scheme = url.substr(0, colon);
  std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
  static const std::set<std::string> local{"file", "data", "about", "blob", "chrome"};
  return local.count(scheme) > 0;
}

/// The host of "scheme://host[:port]/..." or of a bare "host"; IPv6 literals keep their brackets.
[[nodiscard]] inline std::string host_of(const std::string& url_or_host) {
  const auto authority = url_or_host.find("://");
  std::string rest = authority == std::string::npos ? url_or_host : url_or_host.substr(authority + 3);
  if (const auto at = rest.find('@'); at != std::string::npos && at < rest.find('/')) rest = rest.substr(at + 1);
  if (!rest.empty() && rest.front() == '[') return rest.substr(0, rest.find(']') + 1);
  return rest.substr(0, rest.find_first_of(":/?#"));
}

/// NetLog event type numbers -> names (the log's "constants" say which number is which).
[[nodiscard]] inline std::map<int, std::string> event_type_names(const nlohmann::json& log) {
  std::map<int, std::string> names;
  for (const auto& [name, number] : log.at("constants").at("logEventTypes").items()) names[number.get<int>()] = name;
  return names;
}

[[nodiscard]] inline std::string string_param(const nlohmann::json& params, const char* key) {
  const auto it = params.find(key);
  return it != params.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// Chromium partitions network state by the top-level site a request serves; a file: page's
/// requests carry "file://" in their isolation (URL requests) or anonymization (host resolution)
/// key, background requests "null" or Google's own site.
[[nodiscard]] inline bool in_file_page_partition(const nlohmann::json& params) {
  return string_param(params, "network_isolation_key").find("file://") != std::string::npos ||
         string_param(params, "network_anonymization_key").find("file://") != std::string::npos;
}

/// A request Chromium started for itself: no initiator (the NetLog writes "not an origin"; a
/// page's requests, navigations included, have the page's origin, "null" for file:) and outside
/// the page's network partition.
[[nodiscard]] inline bool is_browser_request(const nlohmann::json& params) {
  return string_param(params, "initiator") == "not an origin" && !in_file_page_partition(params);
}

/// Sorts every remote URL and host name in the log's events into the page's and the browser's.
/// A URL is the browser's only when its URL_REQUEST_START_JOB says so (is_browser_request); a host
/// name (host resolution, DNS, HSTS look-ups) only when it is the host of such a URL and not
/// resolved in the page's partition. Everything else counts as the page's, so traffic that cannot
/// be told apart fails the no-network check rather than passing it.
[[nodiscard]] inline NetworkUse network_use(const nlohmann::json& log) {
  const std::map<int, std::string> names = event_type_names(log);
  const auto type_of = [&](const nlohmann::json& event) {
    const auto it = names.find(event.at("type").get<int>());
    return it == names.end() ? std::string() : it->second;
  };
  NetworkUse use;
  std::set<std::string> browser_hosts;
  for (const nlohmann::json& event : log.at("events")) {
    const nlohmann::json params = event.value("params", nlohmann::json::object());
    const std::string url = string_param(params, "url");
    if (type_of(event) != "URL_REQUEST_START_JOB" || url.empty() || is_local_url(url)) continue;
    if (is_browser_request(params)) {
      use.by_browser.insert(url);
      browser_hosts.insert(host_of(url));
    } else {
      use.by_page.insert(url);
    }
  }
  for (const nlohmann::json& event : log.at("events")) {
    const nlohmann::json params = event.value("params", nlohmann::json::object());
    const std::string url = string_param(params, "url");
    if (!url.empty() && !is_local_url(url) && use.by_browser.count(url) == 0) use.by_page.insert(url);
    for (const char* key : {"host", "hostname"}) {
      const std::string value = string_param(params, key);
      if (value.empty() || is_local_url(value)) continue;
      const std::string host = host_of(value);
      if (browser_hosts.count(host) == 0 || in_file_page_partition(params)) use.by_page.insert("host " + host);
    }
  }
  return use;
}

[[nodiscard]] inline std::string joined(const std::set<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += "\n  " + item;
  return out;
}

}  // namespace shiftline::browser_test
