// The progress line (engine/cli/progress_display.hpp, docs/cli.md "Progress"): one line per stage,
// redrawn in place only when its text changes, naming the output being written and its share done,
// never wider than the terminal. Driven tick by tick through ProgressPainter with made-up counters.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "cli/progress_display.hpp"

namespace shiftline::cli {
namespace {

// The lines a terminal would show: "\r\033[K" erases the current line, "\n" keeps it.
std::vector<std::string> screen(const std::string& bytes) {
  std::vector<std::string> lines{""};
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (bytes.compare(i, 4, "\r\033[K") == 0) {
      lines.back().clear();
      i += 3;
    } else if (bytes[i] == '\n') {
      lines.emplace_back();
    } else {
      lines.back() += bytes[i];
    }
  }
  if (lines.back().empty()) lines.pop_back();
  return lines;
}

TEST(ProgressLine, OneLinePerStageRedrawnInPlace) {
  Progress p;
  p.bytes_total = 1000;
  ProgressPainter painter;
  std::string bytes;
  double t = 0.0;
  const auto tick = [&] { bytes += painter.paint(p, t += 0.25, 200); };
  for (int i = 1; i <= 8; ++i) {  // reading: 100 rows per tick
    p.rows = 100U * static_cast<unsigned>(i);
    p.bytes_done = 125U * static_cast<unsigned>(i);
    tick();
  }
  p.vehicles_total = 4;
  p.stage = Progress::Stage::vehicles;
  for (unsigned v = 1; v <= 4; ++v) {
    p.vehicles_done = v;
    tick();
  }
  p.stage = Progress::Stage::writing;
  tick();
  for (const char* output : {"dwells.csv and the other tables", "report.gpkg", "report.html"}) {
    p.begin_output(output);
    for (int k = 0; k < 20; ++k) tick();  // 20 ticks of nothing new: nothing drawn
  }
  bytes += painter.finish(p, t, 200);
  EXPECT_EQ(std::count(bytes.begin(), bytes.end(), '\n'), 3) << bytes;
  const std::vector<std::string> lines = screen(bytes);
  ASSERT_EQ(lines.size(), 3U) << bytes;
  // Each stage's line as it ended: all rows read, every vehicle, the last output. The rate is over
  // the time until the end was seen (the tick at 2.25 s): 800 / 2.25 = 355.6 rows/s.
  EXPECT_EQ(lines[0], "shiftline: reading pings: 800 rows  100%  356 rows/s");
  EXPECT_EQ(lines[1], "shiftline: tracks and dwells: vehicle 4 of 4");
  EXPECT_EQ(lines[2], "shiftline: writing report.html");
  // Redrawn only when the text changed: 8 reading, 4 vehicle, 1 + 3 writing lines, and the three
  // stage endings.
  std::size_t draws = 0;
  for (std::size_t at = bytes.find("\r\033[K"); at != std::string::npos; at = bytes.find("\r\033[K", at + 1)) ++draws;
  EXPECT_EQ(draws, 8U + 4U + 4U + 3U) << bytes;
}

TEST(ProgressLine, NamesTheLayerAndFeaturesOfTheOutputBeingWritten) {
  Progress p;
  p.stage = Progress::Stage::writing;
  ProgressPainter painter;
  EXPECT_EQ(screen(painter.paint(p, 1.0, 200)), std::vector<std::string>{"shiftline: writing outputs"});
  p.begin_output("report.gpkg");
  p.begin_part("tracks", 3, 9);
  p.output_items = 1'234'567;
  EXPECT_EQ(screen(painter.paint(p, 1.25, 200)),
            std::vector<std::string>{"shiftline: writing report.gpkg: layer tracks (3 of 9), 1.2 M features"});
  // The next output starts with no layer and no features of its own.
  p.begin_output("report.kml");
  EXPECT_EQ(screen(painter.paint(p, 1.5, 200)), std::vector<std::string>{"shiftline: writing report.kml"});
}

TEST(ProgressLine, NeverWiderThanTheTerminal) {
  Progress p;
  p.stage = Progress::Stage::writing;
  p.begin_output("report.gpkg");
  p.begin_part("incidents", 7, 9);
  p.output_items = 5000;
  ProgressPainter painter;
  const std::string bytes = painter.paint(p, 1.0, 30) + painter.finish(p, 1.0, 30);
  for (const std::string& line : screen(bytes)) EXPECT_EQ(line, "shiftline: writing report.gpk") << bytes;
  EXPECT_EQ(screen(bytes).size(), 1U);
}

TEST(ProgressLine, NothingWhenNothingWasDrawn) {
  Progress p;
  ProgressPainter painter;
  EXPECT_EQ(painter.finish(p, 0.5, 80), "");
}

}  // namespace
}  // namespace shiftline::cli
