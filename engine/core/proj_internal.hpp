// PROJ for the whole engine: a context and one coordinate operation owned together (RAII), so
// that ingest's `--crs` transform and the report's map projection create, normalise, run and free
// them the same way. Every ProjTransform has its own context, so each may be used on its own
// thread (never one from two threads at once). Network access is off: no grid is downloaded.
// Internal: not installed; PROJ's types stay out of include/shiftline/.
#pragma once

#include <proj.h>

#include <span>
#include <string>

namespace shiftline {

/// A PROJ context with network access off, destroyed with it.
class ProjContext {
 public:
  ProjContext();
  ~ProjContext();
  ProjContext(const ProjContext&) = delete;
  ProjContext& operator=(const ProjContext&) = delete;
  [[nodiscard]] PJ_CONTEXT* get() const noexcept { return m_ctx; }
  /// PROJ's text for the last error in this context.
  [[nodiscard]] std::string last_error() const;

 private:
  PJ_CONTEXT* m_ctx;
};

/// One coordinate operation from a source CRS to a target CRS (any text proj_create takes), with
/// axis order normalised for visualisation on both sides: x = longitude or easting, y = latitude
/// or northing.
class ProjTransform {
 public:
  /// How the operation is chosen.
  enum class Choice {
    /// PROJ's own (proj_create_crs_to_crs), which may pick among candidates position by position.
    proj_default,
    /// One operation for every position (R19: the manifest can name it): the first instantiable
    /// candidate of proj_create_operations, which ranks them best first (accuracy, then area),
    /// with candidates that need a missing grid discarded and a partial overlap of the areas of
    /// use accepted.
    pinned_best,
  };
  /// How the operation was found, or why none was (only pinned_best tells unknown_crs apart).
  enum class Outcome { ok, unknown_crs, no_operation };

  /// Never throws for PROJ's sake: outcome() says whether an operation was made, error() why not.
  ProjTransform(const std::string& source, const std::string& target, Choice choice);

  ~ProjTransform();
  ProjTransform(const ProjTransform&) = delete;
  ProjTransform& operator=(const ProjTransform&) = delete;

  [[nodiscard]] Outcome outcome() const noexcept { return m_outcome; }
  /// PROJ's reason when no operation could be made (empty otherwise).
  [[nodiscard]] const std::string& error() const noexcept { return m_error; }

  /// One position (proj_trans); coordinates of HUGE_VAL when PROJ cannot transform it. Needs ok.
  [[nodiscard]] PJ_XY forward(double x, double y) const noexcept;
  /// Positions in place (proj_trans_generic), `x` and `y` of one length; those PROJ cannot
  /// transform become HUGE_VAL. Needs ok.
  void forward(std::span<double> x, std::span<double> y) const noexcept;

  /// The operation's name, its accuracy in metres (-1 when unknown) and its PROJ string.
  [[nodiscard]] std::string name() const;
  [[nodiscard]] double accuracy_m() const;
  [[nodiscard]] std::string definition() const;

 private:
  void make_default(const std::string& source, const std::string& target);
  void make_pinned(const std::string& source, const std::string& target);
  ProjContext m_ctx;
  PJ* m_op = nullptr;
  Outcome m_outcome = Outcome::no_operation;
  std::string m_error;
};

}  // namespace shiftline
