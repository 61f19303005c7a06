// shiftline: exceptions -> documented exit codes (docs/cli.md), and signals -> a clean stop.
#include <cpl_error.h>
#include <pthread.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>

#include "cli/messages_internal.hpp"
#include "cli/options_internal.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/core/temporary.hpp"
#include "shiftline/report/output_dir.hpp"

namespace {

void watcher(sigset_t set) {
  int sig = 0;
  while (sigwait(&set, &sig) != 0) {
  }
  shiftline::abandon_temporaries();
  const char* name = sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "SIGHUP";
  const std::string line = std::string(::isatty(STDERR_FILENO) ? "\r\033[K" : "") + "shiftline: stopped by " + name +
                           "; temporary files removed, --out is as it was before or complete\n";
  [[maybe_unused]] const auto n = ::write(STDERR_FILENO, line.data(), line.size());
  ::_exit(128 + sig);
}

// GDAL's own messages (its default handler prints them raw, with cells and paths in them) go out
// as every message does: through say().
void CPL_STDCALL gdal_message(CPLErr level, CPLErrorNum number, const char* message) {
  const char* kind = level == CE_Debug ? "debug" : level == CE_Warning ? "warning" : "error";
  shiftline::cli::say(std::string("GDAL ") + kind + " " + std::to_string(number) + ": " + (message ? message : ""));
}

// SIGINT, SIGTERM and SIGHUP are blocked in every thread (set before any thread starts, so every
// thread inherits it) and taken by one watcher with sigwait: it removes this run's temporary
// folders between two writes (never inside a rename: abandon_temporaries waits for those) and
// ends the process with 128 + the signal's number. --out is then absent, the previous run or the
// new complete one (docs/outputs.md, "The output folder is a transaction").
void watch_signals() {
  sigset_t set;
  sigemptyset(&set);
  for (const int s : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&set, s);
  if (pthread_sigmask(SIG_BLOCK, &set, nullptr) != 0) return;  // default actions stay
  try {
    std::thread(watcher, set).detach();
  } catch (const std::system_error&) {
    pthread_sigmask(SIG_UNBLOCK, &set, nullptr);  // no watcher: the signals keep their default action
  }
}

// oneTBB reports a worker it cannot start as std::runtime_error("pthread_create has failed: " +
// strerror(errno)) (handle_perror in its exception.cpp), not as std::system_error, so its message
// is the only sign. EAGAIN or ENOMEM there is a stack that found no memory (e.g. under ulimit -v).
bool is_thread_start_failure(const std::exception& e) {
  const std::string_view what = e.what();
  if (!what.starts_with("pthread_create has failed")) return false;
  return what.find(std::strerror(EAGAIN)) != std::string_view::npos ||
         what.find(std::strerror(ENOMEM)) != std::string_view::npos;
}

}  // namespace

int main(int argc, char** argv) {
  using shiftline::ExitCode;
  const auto fail = [](ExitCode code, const char* kind, const char* what) {
    shiftline::cli::say(*kind ? std::string(kind) + ": " + what : std::string(what));
    return static_cast<int>(code);
  };
  try {
    watch_signals();
    CPLSetErrorHandler(gdal_message);
    return shiftline::cli::run(argc, argv);
  } catch (const shiftline::UsageError& e) {
    return fail(ExitCode::usage, "usage error", e.what());
  } catch (const shiftline::InputError& e) {
    return fail(ExitCode::input_error, "input error", e.what());
  } catch (const shiftline::OutOfSpaceError& e) {
    return fail(ExitCode::out_of_space, "", e.what());  // "out of disk space writing FILE ..."
  } catch (const shiftline::OutputError& e) {
    return fail(ExitCode::output_refused, "output refused", e.what());
  } catch (const shiftline::InputChangedError& e) {
    return fail(ExitCode::input_changed, "input changed during the run", e.what());
  } catch (const shiftline::NotReproducedError& e) {
    return fail(ExitCode::not_reproduced, "not reproduced", e.what());
  } catch (const shiftline::OutOfMemoryError& e) {
    return fail(ExitCode::out_of_memory, "out of memory", e.what());
  } catch (const std::bad_alloc&) {
    return fail(ExitCode::out_of_memory, "out of memory", "a memory allocation failed");
  } catch (const std::system_error& e) {
    // A thread that cannot start (EAGAIN: no memory for its stack, e.g. under ulimit -v).
    if (e.code() == std::errc::resource_unavailable_try_again)
      return fail(ExitCode::out_of_memory, "out of memory", (std::string("cannot start a thread: ") + e.what()).c_str());
    return fail(ExitCode::internal_error, "internal error (please report with the command line)", e.what());
  } catch (const std::exception& e) {
    if (is_thread_start_failure(e))
      return fail(ExitCode::out_of_memory, "out of memory", (std::string("cannot start a thread: ") + e.what()).c_str());
    return fail(ExitCode::internal_error, "internal error (please report with the command line)", e.what());
  }
}
