// Shiftline: vehicle location tracks, gaps, dwells, duty shifts, places, incidents and claims, with
// evidence-grade provenance. Umbrella header for library users: the job API (run a command as the
// program does, with typed results) and every stage's public types.
//
//   shiftline::Job job = shiftline::Job::from_args({"analyse", "--pings", "p.csv", "--shifts", "s.csv",
//                                                   "--tz", "Europe/London", "--out", "o"});
//   shiftline::Result result = shiftline::run(job);
//   shiftline::write_outputs(result, job);
#pragma once

#include "shiftline/clean/clean.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/core/geo.hpp"
#include "shiftline/core/interval.hpp"
#include "shiftline/core/problem.hpp"
#include "shiftline/core/time.hpp"
#include "shiftline/core/tz.hpp"
#include "shiftline/duty/duty.hpp"
#include "shiftline/dwell/dwell.hpp"
#include "shiftline/findings/findings.hpp"
#include "shiftline/ingest/case_tables.hpp"
#include "shiftline/ingest/ingest.hpp"
#include "shiftline/job/job.hpp"
#include "shiftline/job/parameters.hpp"
#include "shiftline/job/reproduce.hpp"
#include "shiftline/match/match.hpp"
#include "shiftline/match/shift_figures.hpp"
#include "shiftline/pipeline/analyse.hpp"
#include "shiftline/pipeline/analysis.hpp"
#include "shiftline/pipeline/near.hpp"
#include "shiftline/pipeline/pipeline.hpp"
#include "shiftline/pipeline/result.hpp"
#include "shiftline/pipeline/synth.hpp"
#include "shiftline/reconstruct/smooth.hpp"
#include "shiftline/reconstruct/track.hpp"
#include "shiftline/report/manifest.hpp"
#include "shiftline/report/tables.hpp"
#include "shiftline/verify/near.hpp"
#include "shiftline/verify/verify.hpp"
