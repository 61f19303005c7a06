// shiftline: exceptions -> documented exit codes (docs/cli.md), nothing else.
#include <cstdio>
#include <exception>
#include <new>

#include "cli/options_internal.hpp"
#include "shiftline/core/error.hpp"

int main(int argc, char** argv) {
  using shiftline::ExitCode;
  const auto fail = [](ExitCode code, const char* kind, const char* what) {
    std::fprintf(stderr, "shiftline: %s: %s\n", kind, what);
    return static_cast<int>(code);
  };
  try {
    return shiftline::cli::run(argc, argv);
  } catch (const shiftline::UsageError& e) {
    return fail(ExitCode::usage, "usage error", e.what());
  } catch (const shiftline::InputError& e) {
    return fail(ExitCode::input_error, "input error", e.what());
  } catch (const shiftline::OutputError& e) {
    return fail(ExitCode::output_refused, "output refused", e.what());
  } catch (const shiftline::RejectLimitError& e) {
    return fail(ExitCode::too_many_rejected, "too many rejected rows", e.what());
  } catch (const shiftline::InputChangedError& e) {
    return fail(ExitCode::input_changed, "input changed during the run", e.what());
  } catch (const shiftline::NotReproducedError& e) {
    return fail(ExitCode::not_reproduced, "not reproduced", e.what());
  } catch (const std::bad_alloc&) {
    return fail(ExitCode::internal_error, "internal error", "out of memory");
  } catch (const std::exception& e) {
    return fail(ExitCode::internal_error, "internal error (please report with the command line)", e.what());
  }
}
