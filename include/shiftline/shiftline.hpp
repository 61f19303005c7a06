// Shiftline: vehicle location tracks, gaps, dwells and (later) duty-shift correlation, with
// evidence-grade provenance. Umbrella header for library users.
#pragma once

#include "shiftline/clean/clean.hpp"
#include "shiftline/core/error.hpp"
#include "shiftline/core/geo.hpp"
#include "shiftline/core/problem.hpp"
#include "shiftline/core/time.hpp"
#include "shiftline/core/tz.hpp"
#include "shiftline/dwell/dwell.hpp"
#include "shiftline/ingest/ingest.hpp"
#include "shiftline/pipeline/pipeline.hpp"
#include "shiftline/pipeline/synth.hpp"
#include "shiftline/reconstruct/smooth.hpp"
#include "shiftline/reconstruct/track.hpp"
#include "shiftline/report/manifest.hpp"
#include "shiftline/report/tables.hpp"
