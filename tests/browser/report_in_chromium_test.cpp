// report.html of the bundled case (data/, analysed as scripts/demo does) loaded in headless
// Chromium (Debian's `chromium`, tests/browser/chromium.hpp): it renders to a screenshot of the
// window's size that is not blank; the DOM Chromium builds from it holds one timeline per
// officer-day and one row per unexplained dwell; and loading it makes no network request.
//
// The expectations are derived here, not by the engine: officer-days from data/shifts.csv and
// data/assignments.csv with Howard Hinnant's tz library, the dwell rows from unexplained.csv.
// The network check is shown to be able to fail by a control page that fetches an image from
// 192.0.2.1 (TEST-NET-1, RFC 5737: never routed) and prefetches the DNS of a .invalid host.
//
// The report is written and loaded once for the whole program (one CLI run, one Chromium run of
// about 10 s); the tests that need Chromium skip when /usr/bin/chromium is absent (scripts/test
// installs it), those of the test's own expectations run anyway.
// Not done: printing to PDF. The page asks for A4 landscape and Chromium 156 honours it
// (MediaBox 841.92 x 594.96 pt), but printing the bundled case's 74 pages takes about 160 s.
#include <date/date.h>
#include <date/tz.h>
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "browser/chromium.hpp"
#include "support/temp_dir.hpp"

namespace shiftline::browser_test {
namespace {

const std::string kSource = SHIFTLINE_SOURCE_DIR;
const std::string kCli = SHIFTLINE_CLI;
const char* const kZone = "Europe/London";

// ---- CSV, just enough for the bundled case's files ----

/// Splits one CSV record (RFC 4180 quoting, "" for a quote inside a quoted field).
std::vector<std::string> split_csv_record(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"' && quoted && i + 1 < line.size() && line[i + 1] == '"') {
      fields.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

/// The lines of a file (a final newline does not start another line; CR before LF dropped).
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

/// A line's quotes are balanced when no quoted field runs on into the next line.
bool quotes_balanced(const std::string& line) { return std::count(line.begin(), line.end(), '"') % 2 == 0; }

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  [[nodiscard]] std::size_t column(const std::string& name) const {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) throw std::runtime_error("no column " + name);
    return static_cast<std::size_t>(it - header.begin());
  }
};

/// Reads a CSV file whose records are one line each; throws when a quoted field spans lines,
/// since then counting lines would not count records.
Table read_one_line_records(const std::string& path) {
  const std::vector<std::string> lines = lines_of(read_file(path));
  if (lines.empty()) throw std::runtime_error(path + " is empty");
  Table t;
  t.header = split_csv_record(lines.front());
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (!quotes_balanced(lines[i])) throw std::runtime_error(path + ": a quoted field spans lines at line " + std::to_string(i + 1));
    t.rows.push_back(split_csv_record(lines[i]));
  }
  return t;
}

// ---- Officer-days, derived from the case tables ----

/// One duty interval of an officer: a shift or a crewing, local wall-clock times in the case zone.
struct Duty {
  std::string officer;
  date::local_seconds start;
  date::local_seconds end;
};

using OfficerDay = std::pair<std::string, std::string>;  ///< (officer, "YYYY-MM-DD")

/// "YYYY-MM-DD HH:MM:SS", the case tables' wall-clock time. (Read by hand: date::parse trips
/// GCC 12's -Wmaybe-uninitialized inside date.h.)
date::local_seconds parse_local(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, used = 0;
  const bool read = std::sscanf(text.c_str(), "%4d-%2d-%2d %2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &used) == 6;
  const date::year_month_day day{date::year{y}, date::month{static_cast<unsigned>(mo)}, date::day{static_cast<unsigned>(d)}};
  if (!read || static_cast<std::size_t>(used) != text.size() || !day.ok() || h < 0 || h > 23 || mi < 0 || mi > 59 ||
      s < 0 || s > 59)
    throw std::runtime_error("not a local time: " + text);
  return date::local_days{day} + std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{s};
}

/// officer_id, start and end of every row of a shifts or assignments table.
std::vector<Duty> read_duties(const std::string& path) {
  const Table t = read_one_line_records(path);
  const std::size_t officer = t.column("officer_id");
  const std::size_t start = t.column("start");
  const std::size_t end = t.column("end");
  std::vector<Duty> duties;
  for (const auto& row : t.rows) duties.push_back({row.at(officer), parse_local(row.at(start)), parse_local(row.at(end))});
  return duties;
}

/// Every (officer, local date) that some duty [start, end) overlaps for a positive time. The zone
/// turns wall-clock times into instants and the last millisecond before `end` back into a local
/// date, so a duty ending at local midnight does not reach the next day. A time the clock skips or
/// repeats (to_sys throws) is a row the reader rejects (docs/time.md): the bundled case's relief
/// shift at 01:30 on the day the clocks go back.
std::set<OfficerDay> expected_officer_days(const std::vector<Duty>& duties, const date::time_zone& zone) {
  using namespace std::chrono_literals;
  std::set<OfficerDay> days;
  for (const Duty& d : duties) {
    date::sys_seconds start, end;
    try {
      start = zone.to_sys(d.start);
      end = zone.to_sys(d.end);
    } catch (const std::runtime_error&) {  // date::ambiguous_local_time, date::nonexistent_local_time
      continue;
    }
    if (end <= start) continue;  // rejected by the reader (docs/input-formats.md: end > start)
    const date::local_days first = date::floor<date::days>(zone.to_local(start));
    const date::local_days last = date::floor<date::days>(zone.to_local(std::chrono::sys_time<std::chrono::milliseconds>(end) - 1ms));
    for (date::local_days day = first; day <= last; day += date::days{1}) days.emplace(d.officer, date::format("%F", day));
  }
  return days;
}

std::set<OfficerDay> bundled_case_officer_days() {
  std::vector<Duty> duties = read_duties(kSource + "/data/shifts.csv");
  for (Duty& d : read_duties(kSource + "/data/assignments.csv")) duties.push_back(std::move(d));
  return expected_officer_days(duties, *date::locate_zone(kZone));
}

// ---- The DOM Chromium dumped, read with libxml2 ----

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct XPathContextFree {
  void operator()(xmlXPathContext* c) const { xmlXPathFreeContext(c); }
};
struct XPathObjectFree {
  void operator()(xmlXPathObject* o) const { xmlXPathFreeObject(o); }
};
using Doc = std::unique_ptr<xmlDoc, DocFree>;

Doc parse_html(const std::string& html) {
  return Doc(htmlReadMemory(html.data(), static_cast<int>(html.size()), "report.html", "UTF-8",
                            HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING));
}

/// The elements an XPath expression selects, in document order.
std::vector<xmlNode*> select(xmlDoc* doc, const std::string& xpath) {
  std::unique_ptr<xmlXPathContext, XPathContextFree> context(xmlXPathNewContext(doc));
  std::unique_ptr<xmlXPathObject, XPathObjectFree> result(
      xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(xpath.c_str()), context.get()));
  std::vector<xmlNode*> nodes;
  if (result && result->nodesetval)
    for (int i = 0; i < result->nodesetval->nodeNr; ++i) nodes.push_back(result->nodesetval->nodeTab[i]);
  return nodes;
}

std::string attribute(xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  std::string text = value ? reinterpret_cast<const char*>(value) : "";
  xmlFree(value);
  return text;
}

/// Elements whose class list holds `cls` (class="a timeline b" counts).
std::string with_class(const std::string& element, const std::string& cls) {
  return "//" + element + "[contains(concat(' ', normalize-space(@class), ' '), ' " + cls + " ')]";
}

// ---- The screenshot, read with GDAL's PNG driver ----

struct Screenshot {
  int width = 0;
  int height = 0;
  std::vector<std::uint32_t> rgb;  ///< 0xRRGGBB per pixel, row by row
};

std::optional<Screenshot> read_png(const std::string& path) {
  GDALAllRegister();
  const char* const png_only[] = {"PNG", nullptr};
  GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, png_only));
  if (!ds || ds->GetRasterCount() < 3) return std::nullopt;
  Screenshot s;
  s.width = ds->GetRasterXSize();
  s.height = ds->GetRasterYSize();
  const auto pixels = static_cast<std::size_t>(s.width) * static_cast<std::size_t>(s.height);
  std::vector<std::uint8_t> band(pixels);
  s.rgb.assign(pixels, 0);
  for (int b = 1; b <= 3; ++b) {
    if (ds->GetRasterBand(b)->RasterIO(GF_Read, 0, 0, s.width, s.height, band.data(), s.width, s.height, GDT_Byte, 0, 0) != CE_None)
      return std::nullopt;
    for (std::size_t i = 0; i < pixels; ++i) s.rgb[i] = (s.rgb[i] << 8) | band[i];
  }
  return s;
}

// ---- The one run: the CLI writes the report, Chromium loads it ----

struct ReportRun {
  std::string error;  ///< empty when both programs ran
  test::TempDir work{"shiftline-browser"};
  std::string out = work.file("out");  ///< the CLI's --out
  ChromiumRun chromium;
};

/// `shiftline analyse` on the bundled case with scripts/demo's arguments, HTML only.
int write_report(const ReportRun& run) {
  std::vector<std::string> argv{kCli, "analyse"};
  for (const char* table : {"pings", "shifts", "assignments", "places", "incidents", "events", "claims"})
    argv.insert(argv.end(), {std::string("--") + table, kSource + "/data/" + table + ".csv"});
  argv.insert(argv.end(), {"--tz", kZone, "--out", run.out, "--force", "--quiet", "--formats", "html"});
  return run_program(argv, run.work.file("cli.stdout"), run.work.file("cli.stderr"));
}

const ReportRun& report_run() {
  static const std::unique_ptr<ReportRun> run = [] {
    auto r = std::make_unique<ReportRun>();
    if (const int status = write_report(*r); status != 0) {
      r->error = "shiftline analyse exited " + std::to_string(status) + ":\n" + read_file(r->work.file("cli.stderr"));
      return r;
    }
    r->chromium = run_chromium(r->out + "/report.html", r->work);
    if (r->chromium.exit_status != 0)
      r->error = "chromium exited " + std::to_string(r->chromium.exit_status) + ":\n" + r->chromium.stderr_text;
    return r;
  }();
  return *run;
}

class ReportInChromium : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!chromium_installed()) GTEST_SKIP() << kChromium << " is absent: install Debian's chromium (scripts/test does)";
    ASSERT_EQ(report_run().error, "");
  }
  const ReportRun& run() const { return report_run(); }
};

TEST_F(ReportInChromium, RendersAScreenshotOfTheWindowThatIsNotBlank) {
  const std::optional<Screenshot> png = read_png(run().chromium.screenshot_path);
  ASSERT_TRUE(png.has_value()) << "no readable RGB PNG at " << run().chromium.screenshot_path;
  EXPECT_EQ(png->width, kWindowWidth);
  EXPECT_EQ(png->height, kWindowHeight);
  const std::set<std::uint32_t> colours(png->rgb.begin(), png->rgb.end());
  EXPECT_GE(colours.size(), 16u) << "a rendered page has text, table rules and links in several colours";
  // The case heading and the inputs table fill the top 200 px of the page.
  const auto top = png->rgb.begin() + static_cast<std::ptrdiff_t>(200 * png->width);
  const auto inked = std::count_if(png->rgb.begin(), top, [](std::uint32_t c) { return c != 0xFFFFFF; });
  EXPECT_GT(inked, 2000) << "the top of the page is (almost) white";
}

TEST_F(ReportInChromium, HasOneTimelinePerOfficerDay) {
  const std::set<OfficerDay> expected = bundled_case_officer_days();
  ASSERT_FALSE(expected.empty());
  const Doc doc = parse_html(run().chromium.dom);
  ASSERT_TRUE(doc) << "libxml2 could not parse Chromium's DOM";
  const std::vector<xmlNode*> timelines = select(doc.get(), with_class("section", "timeline"));
  EXPECT_EQ(timelines.size(), expected.size());
  std::set<OfficerDay> shown;
  for (xmlNode* t : timelines) shown.emplace(attribute(t, "data-officer"), attribute(t, "data-day"));
  EXPECT_EQ(shown.size(), timelines.size()) << "an officer-day has two timelines";
  EXPECT_EQ(shown, expected);
}

TEST_F(ReportInChromium, HasOneRowPerUnexplainedDwellInTheCsvOrder) {
  const Table unexplained = read_one_line_records(run().out + "/unexplained.csv");
  const std::size_t dwell_id = unexplained.column("dwell_id");
  std::vector<std::string> expected;
  for (const auto& row : unexplained.rows) expected.push_back(row.at(dwell_id));
  ASSERT_FALSE(expected.empty()) << "the bundled case has unexplained dwells";
  const Doc doc = parse_html(run().chromium.dom);
  ASSERT_TRUE(doc) << "libxml2 could not parse Chromium's DOM";
  const std::vector<xmlNode*> rows = select(doc.get(), "//table[@id='unexplained-table']/tbody/tr");
  EXPECT_EQ(rows.size(), expected.size());
  std::vector<std::string> shown;
  for (xmlNode* row : rows) shown.push_back(attribute(row, "data-dwell-id"));
  EXPECT_EQ(shown, expected);
}

// Issue 14: the findings come first; in Chromium's DOM the findings section precedes the summary,
// the map and every table of dwells, and has one row per row of findings.csv.
TEST_F(ReportInChromium, ShowsTheFindingsBeforeAnyDwellTable) {
  const Doc doc = parse_html(run().chromium.dom);
  ASSERT_TRUE(doc) << "libxml2 could not parse Chromium's DOM";
  const std::vector<xmlNode*> findings = select(doc.get(), "//section[@id='findings']");
  ASSERT_EQ(findings.size(), 1u);
  for (const char* later : {"//section[@id='summary']", "//section[@id='map-section']",
                            "//table[@id='unexplained-table']", "//table[@id='flags-table']"}) {
    const std::vector<xmlNode*> node = select(doc.get(), later);
    ASSERT_EQ(node.size(), 1u) << later;
    EXPECT_EQ(xmlXPathCmpNodes(findings.front(), node.front()), 1) << later << " comes before the findings";
  }
  const Table csv = read_one_line_records(run().out + "/findings.csv");
  ASSERT_FALSE(csv.rows.empty()) << "the bundled case has findings";
  EXPECT_EQ(select(doc.get(), "//table[@id='findings-table']/tbody/tr").size(), csv.rows.size());
}

TEST_F(ReportInChromium, MakesNoNetworkRequest) {
  const nlohmann::json log = nlohmann::json::parse(read_file(run().chromium.net_log_path));
  ASSERT_FALSE(log.at("events").empty()) << "the NetLog is empty: was it written?";
  const NetworkUse use = network_use(log);
  EXPECT_TRUE(use.by_page.empty()) << "the report reached for the network:" << joined(use.by_page);
  // Chromium's own background requests are not the page's; they are listed so the log shows them,
  // without their queries (nonces, and the API key Debian's launcher passes).
  std::set<std::string> addresses;
  for (const std::string& url : use.by_browser) addresses.insert(url.substr(0, url.find('?')));
  std::cout << "[   INFO   ] Chromium's own requests (not the page's):" << joined(addresses) << "\n";
}

// ---- Controls: the checks above can fail ----

TEST(NetworkCheck, ReportsWhatAPageFetches) {
  if (!chromium_installed()) GTEST_SKIP() << kChromium << " is absent: install Debian's chromium (scripts/test does)";
  const test::TempDir dir("shiftline-browser-control");
  const std::string page = dir.write(
      "control.html",
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>control</title>"
      "<link rel=\"dns-prefetch\" href=\"http://shiftline-control.invalid/\"></head>"
      "<body><h1>Control</h1><img src=\"http://192.0.2.1/x.png\" alt=\"\"></body></html>");
  const ChromiumRun chromium = run_chromium(page, dir);
  ASSERT_EQ(chromium.exit_status, 0) << chromium.stderr_text;
  const NetworkUse use = network_use(nlohmann::json::parse(read_file(chromium.net_log_path)));
  EXPECT_EQ(use.by_page.count("http://192.0.2.1/x.png"), 1u) << "reported:" << joined(use.by_page);
  EXPECT_EQ(use.by_page.count("host shiftline-control.invalid"), 1u) << "reported:" << joined(use.by_page);
  EXPECT_EQ(use.by_browser.count("http://192.0.2.1/x.png"), 0u);
}

TEST(ExpectedOfficerDays, ADutyTouchesEveryLocalDateItOverlapsAndNoOther) {
  const date::time_zone& london = *date::locate_zone(kZone);
  const auto at = [](const char* text) { return parse_local(text); };
  const std::vector<Duty> duties{
      {"A", at("2024-10-26 22:00:00"), at("2024-10-27 07:00:00")},  // over the autumn clock change
      {"B", at("2024-10-26 16:00:00"), at("2024-10-27 00:00:00")},  // ends at local midnight
      {"C", at("2024-10-26 23:00:00"), at("2024-10-28 00:00:01")},  // one second into a third day
      {"D", at("2024-10-26 09:00:00"), at("2024-10-26 09:00:00")},  // empty: rejected by the reader
  };
  const std::set<OfficerDay> expected{{"A", "2024-10-26"}, {"A", "2024-10-27"}, {"B", "2024-10-26"},
                                      {"C", "2024-10-26"}, {"C", "2024-10-27"}, {"C", "2024-10-28"}};
  EXPECT_EQ(expected_officer_days(duties, london), expected);
}

TEST(CsvRecords, AQuotedFieldRunningOnIntoTheNextLineIsCaught) {
  EXPECT_TRUE(quotes_balanced(R"(PV01#1,"a, ""b""",c)"));
  EXPECT_FALSE(quotes_balanced(R"(PV01#1,"a line that goes on)"));
}

}  // namespace
}  // namespace shiftline::browser_test
