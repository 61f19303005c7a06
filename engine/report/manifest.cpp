#include "shiftline/report/manifest.hpp"

#include <gdal.h>
#include <proj.h>

#include <Eigen/Core>
#include <boost/version.hpp>
#include <cstring>
#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>
#include <openssl/crypto.h>

#include "core/proj_internal.hpp"
#include "shiftline/build_info.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/core/sha256.hpp"
#include "shiftline/core/tz.hpp"
#include "shiftline/ingest/ingest.hpp"

extern char** environ;  // NOLINT: POSIX

namespace shiftline::report {
namespace {

using nlohmann::json;

// Expiry of the OS leap-second list: the `#@` line of leap-seconds.list holds it in NTP seconds
// (since 1900); after it, a `:60` check may miss a newly announced leap second.
std::string leap_list_expiry() {
  std::ifstream in("/usr/share/zoneinfo/leap-seconds.list");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("#@", 0) == 0) {
      const long long ntp = std::stoll(line.substr(2));
      constexpr long long kNtpToUnix = 2'208'988'800LL;
      return format_utc(Instant{Millis{(ntp - kNtpToUnix) * 1000}});
    }
  }
  return "unknown";
}

std::string file_sha256_or_unknown(const std::string& path) {
  try {
    return sha256_file(path);
  } catch (...) {
    return "unreadable";
  }
}

json counts_json(const std::map<std::string, std::size_t>& counts) {
  json j = json::object();
  for (const auto& [k, v] : counts) j[k] = v;
  return j;
}

json transform_json(const ingest::TransformReport& t) {
  return {{"source_crs", t.source_crs},
          {"target_crs", t.target_crs},
          {"operation", t.operation},
          {"accuracy_m", t.accuracy_m < 0 ? json("unknown") : json(t.accuracy_m)},
          {"proj_definition", t.proj_definition}};
}

json inputs_json(const ManifestData& data) {
  json inputs = json::array();
  if (!data.run) return inputs;
  const pipeline::RunResult& run = *data.run;
  std::vector<std::map<std::string, std::size_t>> rejected(run.ingest.inputs.size());
  std::vector<std::map<std::string, std::size_t>> warnings(run.ingest.inputs.size());
  for (const Problem& p : run.problems.problems()) {
    auto& target = severity(p.code) == Severity::rejected ? rejected : warnings;
    ++target.at(p.where.file)[std::string(name(p.code))];
  }
  for (std::size_t i = 0; i < run.ingest.inputs.size(); ++i) {
    const ingest::InputReport& in = run.ingest.inputs[i];
    std::size_t rejected_rows = 0;
    for (const auto& [k, v] : rejected[i]) rejected_rows += v;
    json j;
    j["role"] = in.role;
    j["path"] = in.path;
    j["canonical_path"] = in.canonical_path;
    j["size_bytes"] = in.size_bytes;
    j["mtime_utc"] = in.mtime_utc;
    j["sha256_before"] = in.sha256_before;
    j["sha256_after"] = i < data.sha256_after.size() ? data.sha256_after[i] : "";
    j["driver"] = in.driver;
    j["layer"] = in.layer;
    j["open_options"] = in.open_options;
    j["time_parsed_by"] = in.time_parsed_by;
    j["crs"] = in.crs;
    j["delimiter"] = in.delimiter;
    j["columns_used"] = in.columns_used;
    j["columns_ignored"] = in.columns_ignored;
    json files = json::array();
    for (std::size_t k = 0; k < in.files.size(); ++k) {
      const ingest::InputFile& f = in.files[k];
      const bool after = i < data.files_sha256_after.size() && k < data.files_sha256_after[i].size();
      files.push_back({{"path", f.path},
                       {"canonical_path", f.canonical_path},
                       {"size_bytes", f.size_bytes},
                       {"sha256_before", f.sha256_before},
                       {"sha256_after", after ? data.files_sha256_after[i][k] : ""}});
    }
    j["files"] = files;
    j["transform"] = in.transform ? transform_json(*in.transform) : json(nullptr);
    j["rows_read"] = in.rows_read;
    j["rows_rejected"] = rejected_rows;
    j["rows_accepted"] = in.rows_read - rejected_rows;
    j["rejected_by_reason"] = counts_json(rejected[i]);
    j["warnings_by_reason"] = counts_json(warnings[i]);
    inputs.push_back(j);
  }
  return inputs;
}

json results_json(const pipeline::RunResult& run) {
  std::size_t dwells = 0;
  std::size_t gaps = 0;
  std::size_t used = 0;
  for (const auto& v : run.vehicles) {
    dwells += v.dwells.size();
    gaps += v.gaps.size();
    used += v.pings_used;
  }
  json j;
  j["vehicles"] = run.vehicles.size();
  j["pings_used"] = used;
  j["dwells"] = dwells;
  j["gaps"] = gaps;
  j["rows_rejected"] = run.problems.count(Severity::rejected);
  j["rejected_by_reason"] = counts_json(run.problems.counts_by_code(Severity::rejected));
  j["warnings_by_reason"] = counts_json(run.problems.counts_by_code(Severity::warning));
  return j;
}

}  // namespace

std::map<std::string, std::string> library_versions() {
  std::map<std::string, std::string> v;
  v["gdal"] = GDALVersionInfo("RELEASE_NAME");
  v["proj"] = proj_info().release;
  if (const ProjContext ctx; ctx.get()) {
    const char* epsg = proj_context_get_database_metadata(ctx.get(), "EPSG.VERSION");
    v["proj_epsg"] = epsg ? epsg : "unknown";
  }
  v["boost"] = BOOST_LIB_VERSION;
  v["eigen"] = std::to_string(EIGEN_WORLD_VERSION) + "." + std::to_string(EIGEN_MAJOR_VERSION) + "." +
               std::to_string(EIGEN_MINOR_VERSION);
  v["date"] = build_info::date_version;
  v["tbb"] = build_info::tbb_version;
  v["openssl"] = OpenSSL_version(OPENSSL_VERSION);
  v["tzdata"] = tzdata_version();
  v["zoneinfo_europe_london_sha256"] = file_sha256_or_unknown("/usr/share/zoneinfo/Europe/London");
  v["leap_seconds_list_expires"] = leap_list_expiry();
  return v;
}

std::map<std::string, std::string> relevant_environment() {
  std::map<std::string, std::string> env;
  static constexpr const char* kPrefixes[] = {"TZ=", "LANG=", "LC_", "GDAL_", "OGR_", "CPL_", "PROJ_", "SOURCE_DATE_EPOCH="};
  for (char** e = environ; e && *e; ++e) {
    const std::string entry(*e);
    for (const char* prefix : kPrefixes) {
      if (entry.rfind(prefix, 0) == 0) {
        const auto eq = entry.find('=');
        env[entry.substr(0, eq)] = eq == std::string::npos ? "" : entry.substr(eq + 1);
        break;
      }
    }
  }
  return env;
}

std::string manifest_json(const ManifestData& data) {
  json m;
  m["manifest_version"] = 1;
  m["tool"] = {{"name", "shiftline"},
               {"version", build_info::version},
               {"git_commit", build_info::git_commit},
               {"build_type", build_info::build_type},
               {"compiler", build_info::compiler},
               {"cxx_flags", build_info::cxx_flags}};
  m["libraries"] = library_versions();
  m["command"] = {{"subcommand", data.command}, {"argv", data.argv}};
  json params = json::object();
  for (const auto& [k, p] : data.parameters) params[k] = {{"value", p.value}, {"source", p.source}};
  m["parameters"] = params;
  m["environment"] = relevant_environment();
  m["inputs"] = inputs_json(data);
  if (data.run && data.run->ingest.transform) {
    const auto& t = *data.run->ingest.transform;
    m["transform"] = transform_json(t);
  }
  if (data.run) {
    m["results"] = results_json(*data.run);
    for (const auto& [k, v] : data.result_counts) m["results"][k] = v;
  }
  json outputs = json::array();
  for (const WrittenFile& f : data.outputs) outputs.push_back({{"name", f.name}, {"bytes", f.bytes}, {"sha256", f.sha256}});
  m["outputs"] = outputs;
  m["run"] = {{"started_utc", data.facts.started_utc},
              {"finished_utc", data.facts.finished_utc},
              {"wall_seconds", data.facts.wall_seconds},
              {"host", data.facts.host},
              {"user", data.facts.user},
              {"threads", data.facts.threads}};
  // Every path on the command line is valid UTF-8 (docs/cli.md), and ids are cleaned on reading;
  // should a byte that is not UTF-8 still reach here (a Job built in code, a host or user name),
  // it is written as U+FFFD rather than failing the run after the work is done.
  return m.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

RecordedRun read_manifest(const std::string& path) {
  // The inputs' check first (never opens the file): a FIFO planted as manifest.json would block
  // `reproduce` and `timeline --from` for ever; a directory or device is named as such.
  ingest::check_input_file(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(located(path, 0, "", "no such file"));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = std::move(buffer).str();
  const nlohmann::json m = nlohmann::json::parse(text, nullptr, false);
  if (m.is_discarded() || !m.is_object()) throw InputError(located(path, 0, "", "not a JSON object"));
  // Every key read, checked for its type: a hand-edited or truncated manifest is refused by name.
  const auto need = [&](const nlohmann::json& j, const char* key, bool (nlohmann::json::*is)() const noexcept,
                        const std::string& where) -> const nlohmann::json& {
    if (!j.is_object() || !j.contains(key) || !(j.at(key).*is)())
      throw InputError(located(path, 0, where + key, "missing or of the wrong type"));
    return j.at(key);
  };
  RecordedRun r;
  const auto& command = need(m, "command", &nlohmann::json::is_object, "");
  r.subcommand = need(command, "subcommand", &nlohmann::json::is_string, "command.").get<std::string>();
  for (const auto& a : need(command, "argv", &nlohmann::json::is_array, "command.")) {
    if (!a.is_string()) throw InputError(located(path, 0, "command.argv", "holds a value that is not text"));
    r.argv.push_back(a.get<std::string>());
  }
  for (const auto& i : need(m, "inputs", &nlohmann::json::is_array, "")) {
    RecordedInput input;
    input.role = need(i, "role", &nlohmann::json::is_string, "inputs[].").get<std::string>();
    input.path = need(i, "path", &nlohmann::json::is_string, "inputs[].").get<std::string>();
    input.canonical_path = need(i, "canonical_path", &nlohmann::json::is_string, "inputs[].").get<std::string>();
    input.sha256_before = need(i, "sha256_before", &nlohmann::json::is_string, "inputs[].").get<std::string>();
    if (i.contains("files")) {
      auto& files = input.files.emplace();
      for (const auto& f : need(i, "files", &nlohmann::json::is_array, "inputs[]."))
        files[need(f, "canonical_path", &nlohmann::json::is_string, "inputs[].files[].").get<std::string>()] =
            need(f, "sha256_before", &nlohmann::json::is_string, "inputs[].files[].").get<std::string>();
    }
    r.inputs.push_back(std::move(input));
  }
  for (const auto& [name, p] : need(m, "parameters", &nlohmann::json::is_object, "").items())
    r.parameters[name] = need(p, "value", &nlohmann::json::is_string, "parameters." + name + ".").get<std::string>();
  if (m.contains("outputs")) {
    for (const auto& o : need(m, "outputs", &nlohmann::json::is_array, "")) {
      WrittenFile file;
      file.name = need(o, "name", &nlohmann::json::is_string, "outputs[].").get<std::string>();
      file.sha256 = need(o, "sha256", &nlohmann::json::is_string, "outputs[].").get<std::string>();
      file.bytes = need(o, "bytes", &nlohmann::json::is_number_unsigned, "outputs[].").get<std::uint64_t>();
      r.outputs.push_back(std::move(file));
    }
  }
  const auto& tool = need(m, "tool", &nlohmann::json::is_object, "");
  r.tool_version = need(tool, "version", &nlohmann::json::is_string, "tool.").get<std::string>();
  r.tool_commit = need(tool, "git_commit", &nlohmann::json::is_string, "tool.").get<std::string>();
  r.sha256 = sha256_hex(text);
  return r;
}

}  // namespace shiftline::report
