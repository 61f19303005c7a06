// An independent oracle for `shiftline verify` under the rules of issue 10 ("verdicts that are safe
// to read out at a hearing"). Every expected value below is worked out by hand from docs/verify.md
// alone (the engine's code was not read), one small case per finding of the issue and per control
// it names. Nothing is copied from a run.
//
// ---------------------------------------------------------------------------------------------------
// Geometry. One place, P = BASE-STN1 "Custody suite" at 52.63 N 1.14 W, radius 50 m. Points east of
// it are PROJ forward geodesics (`echo "52.63 -1.14 90 D" | geod +ellps=WGS84 -f %.7f`), written to
// 7 decimals, and their distances to P measured back from the written coordinates
// (`geod +ellps=WGS84 -I +units=m -f %.6f -F %.6f`):
//
//   name    lat, lon                      distance to P, m     forward distance asked
//   E30     52.6300000, -1.1395569             30.002191          30
//   E100    52.6300000, -1.1385231            100.000533         100
//   E115    52.6300000, -1.1383016            114.998243         115
//   E200    52.6300000, -1.1370462            200.001065         200
//   E1000   52.6299991, -1.1252309           1000.012110        1000.01
//   E1700   52.6299973, -1.1148927           1700.009123        1700.01
//   E2000   52.6299963, -1.1104622           1999.997221        2000
//   E9000   52.6299254, -1.0070754           9000.301888        9000.3
// and north of it (azimuth 0):
//   QY      52.6434797, -1.1400000           1500.013172        1500.01   place "Quarry Yard" (QY) r 50
//   N3000   52.6569591, -1.1400000           2999.996393        3000      a claimed position, r 1000
//   Q12     52.7378385, -1.1400000          12000.301625        12000.3   place "Farm Q" (Q12) r 50
//   Z20     52.8097279, -1.1400000          20000.298244        20000.3   place "Farm Z" (Z20) r 50
// and from E200 (called B in finding 6):  E200-Q12 12001.964053 m, E200-Z20 20001.294114 m.
// The odd forward distances (1500.01, 1700.01, 9000.3, ...) keep every travel time d/v away from a
// whole millisecond, so the rule "travel times are rounded down to the millisecond" gives one
// answer however the engine does its floating point. Depth times at 20 m/s (40 m -> 2 s, 45 m ->
// 2.25 s) are exact in binary floating point (72 / 3.6 is exactly 20.0).
//
// ---------------------------------------------------------------------------------------------------
// The rules used (docs/verify.md), in the words the derivations below use:
//   margin u = --position-margin, else the ping's accuracy_m, else 10 m (no test here passes
//     --position-margin; only finding 5's pings have accuracy_m: everywhere else u = 10 m).
//   inside: d + u <= r; outside: d - u > r; uncertain otherwise. With r = 50, u = 10: inside up to
//     40 m, outside beyond 60 m. A ping at P (d = 0) is inside with depth r - (d + u) = 40 m; an
//     outside ping's reach is d - r - u = d - 60.
//   v = --reach-speed-kmh (default 200 km/h = 55.556 m/s), raised per vehicle to its fastest step
//     (+1%); no vehicle here moves faster than 17 m/s (61 km/h), so v is the flag or the default.
//     Most runs pass --reach-speed-kmh 72: v = 20 m/s, so 40 m of depth is 2 s, exactly.
//   Prism 1 (could it be at the place): earliest arrival t1 + reach(p1)/v, latest departure
//     t2 - reach(p2)/v, travel times floored to the ms, clipped to the overlap.
//   Prism 2 (could it be away): from an inside ping at t to the next inside ping at t', away from
//     t + depth/v to t' - depth'/v; before the first inside ping and after the last: away throughout;
//     outside/uncertain pings do not interrupt such a run. max_away_s = the longest run within the
//     interval.
//   present: contradicted seen_away (a vehicle-segment ping in the interval is outside) >
//     contradicted could_not_hold (some stretch cannot hold the place over the part it covers) >
//     supported seen_there_throughout (an inside ping in the interval and no run of possible absence
//     > --presence-tolerance, 60 s) > inconclusive could_have_left (a run > 60 s) > inconclusive
//     not_seen_there.
//   absent: contradicted seen_there (a vehicle-segment ping in the interval is inside) > supported
//     (no possible presence; seen_away_throughout without unobserved time, else unreachable) >
//     inconclusive could_have_been.
//   Periods (they only fill inside_s/outside_s/unobserved_s, never decide): between pings <= 5 min
//     apart each ping stands for the half step nearer to it; a silence (> 5 min) is unobserved
//     (bridged when the dwell rule bridges it); uncertain time and time in no single vehicle are
//     unobserved too (uncertain_s, no_vehicle_s).
//
// All times are UTC on 2024-03-05 (no --tz: sentences in UTC). "09:00:00" below means
// 2024-03-05T09:00:00Z. Line numbers are those of pings.csv (line 1 is the header); every test
// checks them against the file it writes.
//
// ---------------------------------------------------------------------------------------------------
// Finding 1 (--reach-speed-kmh 72). pings.csv: V1A at P 08:59:00 (2), 08:59:30 (3), 09:00:00 (4),
// at E200 09:00:30 (5), 09:01:00 (6); V1B at P 08:59:00 (7), 08:59:30 (8), 09:00:00 (9), at E2000
// 09:05:00 (10), 09:05:30 (11).
//   F1A V1A present P 09:00:05-09:00:10. No ping in the window: not seen there, no seen_away, no
//     nearest. Stretch 09:00:00 (P, reach 0) - 09:00:30 (E200, reach 140.001065 m -> 7.000 s):
//     earliest arrival 09:00:00, latest departure 09:00:23.000: it could hold 09:00:05-09:00:10, not
//     contradicted. Away: last inside ping 09:00:00, depth 40 m -> 2 s, no later inside ping: away
//     from 09:00:02 on; within the window 5 s <= 60 s. -> inconclusive, not_seen_there, max_away_s 5.
//     The midpoint of 09:00:00-09:00:30 is 09:00:15, so the table still counts inside_s 5 (it does
//     not decide), outside_s 0, unobserved_s 0. Old engine: "supported" by the midpoint alone.
//   F1B V1B present P 09:00:05-09:01:35 (90 s). No ping in it. Step 09:00:00-09:05:00 is 300 s, not
//     a silence (not longer than --gap). Latest departure 09:05:00 - 1939.997221/20 (96.999 s) =
//     09:03:23.001 >= 09:01:35: can hold. Away from 09:00:02 on: within the window 90 s > 60 s ->
//     inconclusive, could_have_left, max_away_s 90 ("1 min 30 s"). Midpoint 09:02:30: inside_s 90.
//
// Finding 2 (--reach-speed-kmh 72). V2A at P every 299 s (4 min 59 s) from 09:50:00, k = 0..15,
// lines 2..17: 09:50:00, 09:54:59, 09:59:58 (4), 10:04:57 (5), 10:09:56, ..., 10:54:47, 10:59:46
// (16), 11:04:45 (17). V2B at P 09:00:00 (18), at E2000 09:04:59 (19) and 09:09:58 (20).
//   F2P V2A present P 10:00-11:00. Twelve pings inside it (10:04:57 .. 10:59:46), all inside; no
//     stretch forbids the stay (every ping has reach 0). Away between consecutive inside pings
//     t, t + 299: from t + 2 to t + 297, 295 s. Clipped to the window: 09:59:58 -> 10:04:57 gives
//     10:00:00-10:04:55, 295 s; the interior steps 295 s; 10:59:46 -> 11:04:45 gives 10:59:48-11:00,
//     12 s. Longest 295 s > 60 -> inconclusive, could_have_left, max_away_s 295 ("4 min 55 s").
//     inside_s 3600. nearest 0.00 at 10:04:57 (the earliest of equals).
//   F2A V2A absent QY 10:00-11:00 (the symmetric partner). Each ping is 1500.013172 m from QY, reach
//     1440.013172 m -> 72.000 s. In each 299 s step: earliest arrival t + 72, latest departure
//     t + 227: a possible stay of 155 s (the step 09:59:58-10:04:57: 10:01:10-10:03:45, in the
//     window; the step from 10:59:46: earliest 11:00:58, after the window). No ping inside: not
//     contradicted; possible presence > 0 (--min-visit 0) -> inconclusive, could_have_been.
//     max_stay_between_pings_s 155 ("2 min 35 s"), no unobserved time (feasible and
//     max_possible_stay_s empty), outside_s 3600, nearest 1500.01 at 10:04:57. So F2P and F2A agree:
//     the car could have left P for a while; neither is read out as a certainty.
//   F2B V2B present P 09:00-09:02. Seen there at 09:00:00 (the start is inclusive). Step 09:00:00 -
//     09:04:59: latest departure 09:04:59 - 96.999 s = 09:03:22.001 >= 09:02: can hold. Away from
//     09:00:02 (no later inside ping): 118 s > 60 -> inconclusive, could_have_left, max_away_s 118
//     ("1 min 58 s"). Midpoint 09:02:29.500: inside_s 120.
//
// Finding 3 (--reach-speed-kmh 72). V3A at P every 60 s 07:00-08:00 (lines 2-62), silent 08:00-10:00
// (2 h), at P every 60 s 10:00-11:00 (63-123). V3B at P every 60 s 18:00-19:00 (124-184), silent
// until 06:00 on 2024-03-06 (11 h), at P every 60 s 06:00-07:00 (185-245). Both silences have the
// same spot on both sides and are shorter than --max-bridge (12 h): the dwell rule bridges them, so
// claim_periods.csv calls them `bridged` and bridged_s counts them; docs/verify.md ("Bridged
// silences"): for a claim a bridged silence is unobserved with an open prism.
//   F3A1 V3A absent P 08:30-09:30 (inside the silence). No ping: not contradicted. Prism of the
//     silence: reach 0 both sides, earliest arrival 08:00 -> 08:30 clipped, latest departure 10:00 ->
//     09:30 clipped: reachable throughout, a possible stay of 3600 s -> inconclusive,
//     could_have_been; feasible yes, max_possible_stay_s 3600, unobserved_s 3600 = bridged_s,
//     evidence the pings around the silence: pings.csv:62;pings.csv:63. Old engine: "contradicted".
//   F3A2 V3A present P 07:30-10:30. Seen there; no stretch forbids the stay. Away: 60 s steps give
//     56 s (<= 60); the silence gives 08:00:02-09:59:58 = 7196 s -> inconclusive, could_have_left,
//     max_away_s 7196, evidence pings.csv:62;pings.csv:63. inside_s 1800 + 1800 = 3600, unobserved_s
//     7200 = bridged_s. Periods: inside 1800, bridged 7200, inside 1800.
//   F3B1 V3B absent P 22:00-23:00: as F3A1, 3600 s, evidence pings.csv:184;pings.csv:185.
//   F3B2 V3B present P 18:30 - 06:30 next day (43200 s): inside 3600, unobserved = bridged 39600;
//     away 19:00:02 - 05:59:58 = 39596 s -> inconclusive, could_have_left, max_away_s 39596,
//     evidence pings.csv:184;pings.csv:185. Old engine: "was at P throughout".
//
// Finding 4 (--reach-speed-kmh 72, default --roster-tolerance 2 min). shifts.csv: PC1 08:00-12:00 in
// VA; assignments.csv: PC1 in VB 09:30-12:00. VA at P every 30 s 08:50:00-09:29:30 (lines 2-81),
// at E100 (100.000533 m: outside, 100 - 10 > 50) every 30 s 09:30:00-10:05:00 (82-152); VB at P every
// 30 s 08:50:00-10:05:00 (153-303).
//   F4P PC1 present P 09:00-10:00. The roster instant 09:30 (the only one within 2 min of the
//     interval: the shift's 08:00 and 12:00 are far) makes segments: vehicle VA [09:00, 09:28),
//     handover [09:28, 09:32) with candidates VA and VB, vehicle VB [09:32, 10:00].
//     seen_away: VA's outside pings (09:30:00 on) lie in the handover or in VB's segment: none is a
//     ping of its own vehicle segment -> no. could_not_hold: every stretch of VA's and VB's segments
//     is P-P; the officer's own prism over the handover is anchored on VA 09:27:30 and VB 09:32:00,
//     both at P (reach 0): it can hold -> not contradicted (the old engine said contradicted, on
//     VA's 09:29:30-09:30:00 step at the roster minute: latest departure 09:29:58).
//     Away: in the handover the officer could be away whenever VA or VB could ("from every
//     candidate vehicle's track"). VA's last inside ping is 09:29:30: away from 09:29:32 for good;
//     VB (and VA before 09:29:30) only 26 s between 30 s pings. Union: 09:29:32 onwards. That is
//     narrowed by the officer's own prism ("What can be said of it comes from the officer's own
//     space-time prism ..., and ... from every candidate vehicle's track"), anchored on VA 09:27:30
//     and VB 09:32:00, both inside with depth 40 m: the officer could be away only from 09:27:32 to
//     09:31:58 (PC1 is in VB at P at 09:32:00, and 40 m takes 2 s). Run: 09:29:32-09:31:58 = 146 s
//     (RULE-QUESTION 5) > 60 -> inconclusive, could_have_left, max_away_s 146 ("2 min 26 s").
//     no_vehicle_s 240 (the handover), unobserved_s 240, inside_s 1680 + 1680 = 3360, outside_s 0.
//     vehicles VA;VB; roster_tolerance_s 120, presence_tolerance_s 60.
//   F4P with --roster-tolerance 0s: no handover: VA [09:00, 09:30), VB [09:30, 10:00]. VA's step
//     09:29:30 (P) - 09:30:00 (E100, reach 40.000533 m -> 2.000 s): latest departure 09:29:58 before
//     the segment's end 09:30:00 -> contradicted, could_not_hold (away 2 s). So the tolerance, not the
//     data, is what decided the old verdict. Periods: VA's 09:30:00 ping stands for 09:29:45-09:30:00
//     (outside 15 s), VB inside 09:30-10:00: inside_s 3585, outside_s 15, no_vehicle_s 0.
//
// Finding 5 (accuracy_m given, no --position-margin, --reach-speed-kmh 72). V5A every 60 s
// 08:55-09:07 at E1000 with accuracy 5 (lines 2-14) except 09:01:00 at E30 with accuracy 200 (line
// 8). V5B at P every 30 s 08:55:00-09:15:00 with accuracy 200 (lines 15-55; 09:00:00 is line 25).
// V5C the same with accuracy 5 (lines 56-96; 09:00:00 line 66, 09:10:00 line 86).
//   E30 with u = 200: 30.002191 + 200 > 50 and 30.002191 - 200 < 50: uncertain. E1000 with u = 5:
//   1000.012110 - 5 > 50: outside, reach 945.012110 m -> 47.250 s. P with u = 200: uncertain;
//   P with u = 5: inside, depth 45 m -> 2.250 s.
//   F5A V5A absent P 08:58-09:04. No ping inside (the uncertain one neither places nor clears):
//     not contradicted. E1000-E1000 steps: 47.250 + 47.250 > 60: unreachable. 09:00-09:01: earliest
//     arrival 09:00:47.250, latest departure 09:01:00; 09:01-09:02: 09:01:00 to 09:01:12.750; merged
//     through the uncertain ping: 25.5 s of possible presence -> inconclusive, could_have_been.
//     Periods: outside 08:58-09:00:30 (150), uncertain 09:00:30-09:01:30 (60), outside 09:01:30-09:04
//     (150): outside_s 300, uncertain_s 60, unobserved_s 60, inside_s 0. nearest 30.00 at 09:01:00.
//     Old engine: "contradicted: V5A was at P" (30 m is within 50 m, accuracy ignored).
//   F5B V5B present P 09:00-09:10. All uncertain: not seen there; no stretch forbids the stay; no
//     inside ping at all: away throughout, 600 s -> inconclusive, could_have_left, max_away_s 600.
//     uncertain_s = unobserved_s = 600. nearest 0.00 at 09:00:00 (line 25). Old engine: supported.
//   F5D V5B absent P 09:00-09:10: no inside ping -> not contradicted; could be there throughout ->
//     inconclusive, could_have_been. Old engine: contradicted.
//   F5C (control) V5C present P 09:00-09:10: inside, runs 30 - 2.25 - 2.25 = 25.5 s -> supported,
//     seen_there_throughout, max_away_s 25.5, inside_s 600; evidence begins with the first inside
//     ping (line 66) and ends with the last (line 86).
//
// Finding 6 (NO --reach-speed-kmh: the default 200 km/h = 55.556 m/s, d/v = d * 0.018 s/m). V6A at A = P every 60 s
// 08:50-09:00 (lines 2-12; 08:55 is line 7), silent, at B = E200 every 60 s 09:10-09:20 (13-23): A and
// B are 200 m apart, so the dwell rule does not bridge the silence. V6B at P every 60 s 08:50-09:00
// (24-34; 08:55 is line 29), silent, at E9000 every 60 s 09:10-09:20 (35-45).
//   F6A V6A absent Q12 08:55-09:15. reach(A) = 12000.301625 - 60 = 11940.301625 m -> 214.925 s,
//     reach(B) = 11941.964053 m -> 214.955 s. 60 s steps: unreachable. The silence: earliest arrival
//     09:03:34.925, latest departure 09:06:25.045: a stay of 600 - 214.925 - 214.955 = 170.120 s
//     ("2 min 50 s") -> inconclusive, could_have_been, feasible yes, max_possible_stay_s 170.120,
//     max_stay_between_pings_s empty, reach_speed_kmh 200.000, outside_s 600, unobserved_s 600,
//     nearest 12000.30 at 08:55 (line 7), evidence pings.csv:12;pings.csv:13. At the old 130 km/h
//     (36.111 m/s) each side takes 330.65 s, 661 s > 600: unreachable, "supported": the flip of the
//     issue (it becomes reachable from about 144 km/h).
//   F6B V6B present P 08:55-09:07. Seen there. The silence 09:00-09:10: latest departure 09:10:00 -
//     (9000.301888 - 60) m / 55.556 m/s = 09:10:00 - 160.925 s = 09:07:19.075 >= 09:07: can hold ->
//     not contradicted. Away from 09:00:00 + 40 m / 55.556 m/s (0.720 s) for good: 419.280 s
//     ("6 min 59 s") > 60 -> inconclusive, could_have_left, max_away_s 419.280. inside_s 300,
//     unobserved_s 420. At 130 km/h the latest departure is 09:10:00 - 247.577 s = 09:05:52.423,
//     before 09:07: the old engine says contradicted, could_not_hold.
//
// Finding 7 (--reach-speed-kmh 72). V7 at P 08:59:00 (2), 08:59:30 (3); at 09:00:00 two rows: P (4)
// and E2000 (5); at P every 30 s 09:00:30-09:11:00 (6-27; 09:10:00 is line 25). VC and VD at P every
// 30 s 08:50:00-10:05:00 (28-178 and 179-329); shifts.csv: PC3 08:00-12:00 in VC; assignments.csv:
// PC3 in VD 09:30-12:00.
//   Cleaning (docs/cleaning.md): lines 4 and 5 are one vehicle at one instant at two positions: both
//   are conflicting_duplicate, both discarded. They lie between the last ping at or before 09:00
//   (08:59:30) and the first at or after 09:10 (09:10:00): discarded_rows
//   pings.csv:4:conflicting_duplicate;pings.csv:5:conflicting_duplicate, and the explanation names
//   both rows and the 2 km row's distance, "2.0 km" (1999.997221 m).
//   F7A V7 present P 09:00-09:10. Inside pings 09:00:30 .. 09:10:00 (20). Away: 08:59:30 -> 09:00:30
//     gives 08:59:32-09:00:28, within the window 28 s; the others 26 s. 28 <= 60 -> supported,
//     seen_there_throughout, max_away_s 28, inside_s 600 (08:59:30-09:00:30's midpoint is 09:00:00).
//     Evidence: the first and last inside pings in the window (6, 25) and the pings around the
//     longest run (3, 6): pings.csv:3;pings.csv:6;pings.csv:25. nearest 0.00 at 09:00:30.
//   F7B PC3 present P 09:00-10:00: VC [09:00, 09:28), handover [09:28, 09:32) (VC or VD), VD
//     [09:32, 10:00]. Both at P every 30 s at the same instants: every run of possible absence is
//     26 s, in the handover too -> supported, max_away_s 26, no_vehicle_s 240, inside_s 3360. The
//     sentence: "PC3's vehicles VC and VD were".
//   F7C V7 present at the claimed position N3000 with radius_m 1000, 09:00-09:10 (its own claims
//     table). P is 2999.996393 m from it: 2990 > 1000: outside, all pings equally far -> contradicted,
//     seen_away, the earliest: 09:00:30 (line 6), nearest 3000.00. The sentence gives the distance as
//     "3.0 km" and the radius as "1.0 km", never "1000 m". The same two discarded rows touch it.
//   Every explanation of every test is also checked for one unit per distance: no "N m" with
//   N >= 1000, no "N km" below 1 or without exactly one decimal.
//
// Controls (must stay decisive).
//   C-a VC1 at P every 30 s 08:55:00-09:15:00 (lines 2-42; 09:00 line 12, 09:10 line 32), present P
//     09:00-09:10, --reach-speed-kmh 72: runs 30 - 2 - 2 = 26 s -> supported, seen_there_throughout,
//     max_away_s 26, inside_s 600; the sentence names Custody suite (BASE-STN1), its rows 12 and
//     32, "26 s", "--presence-tolerance" and "72 km/h"; evidence from pings.csv:12 to pings.csv:32.
//   C-b VC2 at E115 every 30 s 08:55:00-09:15:00 (43-83; 09:00 line 53), present P 09:00-09:10:
//     114.998243 - 10 > 50: outside, all equal -> contradicted, seen_away, the earliest (line 53),
//     outside_s 600, nearest 115.00; no inside ping: max_away_s 600. Sentence "115 m".
//   C-d VC3 at P every 30 s 09:30:00-09:50:00 (84-124; 09:45 line 114), silent, at E1700 10:00:00
//     (125) and 10:00:30 (126); VC4 at P every 30 s 09:30:00-09:58:00 (127-183; 09:50 line 167), at
//     E1700 10:00:00 (184) and 10:00:30 (185). E1700's reach 1640.009123 m at 20 m/s is 82.000 s: the
//     latest departure from P is 10:00:00 - 82 s = 09:58:38 exactly, in both.
//     CD1 VC3 present P 09:45-09:59: the silence 09:50-10:00 must be left by 09:58:38 < 09:59 ->
//       contradicted, could_not_hold (away 22 s, said in the sentence), evidence pings.csv:124;pings.csv:125, inside_s 300,
//       unobserved_s 540, max_away_s 09:50:02-09:59 = 538.
//     CD2 VC4 present P 09:50-09:59: the same in a 2-min step (not a silence: every stretch is
//       judged) -> contradicted, could_not_hold, evidence pings.csv:183;pings.csv:184, inside_s 540
//       (the step's midpoint is 09:59:00), max_away_s 09:58:02-09:59 = 58.
//   C-c V6A (finding 6's pings) absent Z20 08:55-09:15 with --reach-speed-kmh 72: reach(A) 19940.298
//     m -> 997.014 s, reach(B) 19941.294 m -> 997.064 s, each longer than the 600 s silence:
//     unreachable, 60 s steps too -> supported, unreachable, feasible no, max_possible_stay_s empty,
//     evidence the closest approach (line 7, 20000.30) and the pings around the silence (12, 13).
//     At the default 200 km/h: 358.925 s + 358.943 s = 717.868 s > 600: unreachable as well ->
//     supported, unreachable (RULE-QUESTION 1 was raised against a 250 km/h default; the default is
//     now 200 km/h, which keeps this control decisive).
//
// RULE-QUESTIONS (readings taken here where docs/verify.md is silent or at odds with the issue):
//   1. The control "a place 20 km away across a 10-minute gap (supported: unreachable)" was
//      not decisive under a 250 km/h default (20 km each way at 69.4 m/s is 574 s < 600 s). The
//      default is now 200 km/h (docs/verify.md, "Why 200 km/h"), which keeps it decisive; it is
//      tested at 72 km/h and at the default (both supported, unreachable).
//   2. Ties for "the longest run" (could_have_left, could_have_been, and the pings around the
//      longest run in seen_there_throughout's evidence) are not broken by the rules (seen_away and
//      seen_there say "ties: the earliest"). With regular pings every run is equally long, so those
//      evidence_rows are not asserted exactly (only their first and last rows where those are fixed).
//   3. Durations in sentences: docs/verify.md now says they are cut to the whole second below.
//      Only durations that are whole seconds are asserted here.
//   4. An uncertain period straddles two stretches: which prism fills its claim_periods row, and is
//      max_stay_between_pings_s per step (12.75 s in F5A) or per merged run (25.5 s)? Not asserted.
//   5. F4P: the rules' union ("away whenever one of the candidate vehicles could") makes the
//      issue's handover inconclusive (could_have_left: VA really did leave P at the roster minute
//      and PC1 may still have been in it), not supported. Tested as inconclusive. Its length: read
//      alone, presence rule 3 gives 09:29:32 to the handover's end, 148 s; with the officer's own
//      prism (the roster section; the absence rule narrows that prism by the candidates in the same
//      way) it ends at 09:31:58, 146 s, since PC1 is in VB at P at 09:32:00. 146 s is asserted.
//   6. `--roster-tolerance 0s` is assumed to be accepted (the rules give no lower bound); it shows
//      that the tolerance, not the data, decided the old verdict.
//   7. F6B: 40 m / 55.556 m/s is 0.720 s exactly in real arithmetic; a floor in binary floating point
//      may give 0.719. max_away_s there is compared to within 1 ms.
//   8. could_not_hold: "The earliest such stretch is quoted, with how long the subject must have
//      been away" is read as: the sentence states that length (CD1, CD2: "22 s").
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "cli/cli_fixture.hpp"

namespace {

using shiftline_test::Cli;
namespace fs = std::filesystem;
using Row = std::map<std::string, std::string>;

// Seconds since 2024-03-05T00:00:00Z.
constexpr int T(int h, int m, int s = 0) { return h * 3600 + m * 60 + s; }

std::string utc(int seconds) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "2024-03-%02dT%02d:%02d:%02dZ", 5 + seconds / 86400, (seconds % 86400) / 3600,
                (seconds % 3600) / 60, seconds % 60);
  return buf;
}

struct Pos {
  const char* lat;
  const char* lon;
};
constexpr Pos kP{"52.6300000", "-1.1400000"};
constexpr Pos kE30{"52.6300000", "-1.1395569"};
constexpr Pos kE100{"52.6300000", "-1.1385231"};
constexpr Pos kE115{"52.6300000", "-1.1383016"};
constexpr Pos kE200{"52.6300000", "-1.1370462"};
constexpr Pos kE1000{"52.6299991", "-1.1252309"};
constexpr Pos kE1700{"52.6299973", "-1.1148927"};
constexpr Pos kE2000{"52.6299963", "-1.1104622"};
constexpr Pos kE9000{"52.6299254", "-1.0070754"};

const char* kPlaces =
    "place_id,label,kind,lat,lon,radius_m\n"
    "BASE-STN1,Custody suite,base,52.6300000,-1.1400000,50\n"
    "QY,Quarry Yard,address,52.6434797,-1.1400000,50\n"
    "Q12,Farm Q,address,52.7378385,-1.1400000,50\n"
    "Z20,Farm Z,address,52.8097279,-1.1400000,50\n";

// A pings.csv under construction, remembering the line of each (vehicle, time) (the first row).
class Pings {
 public:
  explicit Pings(bool accuracy = false)
      : m_accuracy(accuracy),
        m_csv(accuracy ? "vehicle_id,timestamp,lat,lon,accuracy_m\n" : "vehicle_id,timestamp,lat,lon\n") {}

  void add(const std::string& vehicle, int at, Pos p, const std::string& accuracy = "") {
    m_csv += vehicle + "," + utc(at) + "," + p.lat + "," + p.lon;
    if (m_accuracy) m_csv += "," + accuracy;
    m_csv += "\n";
    m_lines.emplace(std::make_pair(vehicle, at), m_next);
    ++m_next;
  }
  // One ping every `step` seconds from `from` to `to`, both included.
  void every(const std::string& vehicle, int from, int to, int step, Pos p, const std::string& accuracy = "") {
    for (int at = from; at <= to; at += step) add(vehicle, at, p, accuracy);
  }
  int line(const std::string& vehicle, int at) const {
    const auto it = m_lines.find(std::make_pair(vehicle, at));
    return it == m_lines.end() ? -1 : it->second;
  }
  int last_line() const { return m_next - 1; }
  const std::string& csv() const { return m_csv; }

 private:
  bool m_accuracy;
  std::string m_csv;
  int m_next = 2;
  std::map<std::pair<std::string, int>, int> m_lines;
};

// RFC 4180 cells: quoted fields may hold commas, doubled quotes and line breaks.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row(1);
  bool quoted = false;
  bool any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    any = true;
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        row.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        row.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.emplace_back();
    } else if (c == '\n') {
      if (!row.back().empty() && row.back().back() == '\r') row.back().pop_back();
      rows.push_back(row);
      row.assign(1, "");
      any = false;
    } else {
      row.back() += c;
    }
  }
  if (any) rows.push_back(row);
  return rows;
}

// Every data row as column name -> value.
std::vector<Row> rows_of(const std::string& text) {
  const auto cells = parse_csv(text);
  std::vector<Row> out;
  if (cells.empty()) return out;
  const auto& header = cells[0];
  for (std::size_t r = 1; r < cells.size(); ++r) {
    Row row;
    for (std::size_t c = 0; c < header.size(); ++c) row[header[c]] = c < cells[r].size() ? cells[r][c] : "<missing>";
    out.push_back(row);
  }
  return out;
}

std::string cell(const Row& r, const std::string& column) {
  const auto it = r.find(column);
  return it == r.end() ? "<no column " + column + ">" : it->second;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A numeric column equal to `want` within `tolerance` (the tables write seconds to the ms).
::testing::AssertionResult Num(const Row& r, const std::string& column, double want, double tolerance = 0.0005) {
  const auto it = r.find(column);
  if (it == r.end()) return ::testing::AssertionFailure() << "no column " << column;
  const std::string& text = it->second;
  char* end = nullptr;
  const double got = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size())
    return ::testing::AssertionFailure() << column << " is '" << text << "', expected " << want;
  if (std::fabs(got - want) > tolerance)
    return ::testing::AssertionFailure() << column << " is " << text << ", expected " << want;
  return ::testing::AssertionSuccess();
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// "each distance in one unit (metres below 1 km, kilometres with one decimal from 1 km)": every
// "<number> m" is below 1000 and every "<number> km" (not "km/h") is at least 1 with one decimal.
::testing::AssertionResult DistancesInOneUnit(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_digit(text[i]) || (i > 0 && (is_digit(text[i - 1]) || text[i - 1] == '.'))) continue;
    std::size_t j = i;
    while (j < text.size() && (is_digit(text[j]) || text[j] == '.')) ++j;
    const std::string number = text.substr(i, j - i);
    const double value = std::strtod(number.c_str(), nullptr);
    const auto followed_by = [&](const std::string& unit) {
      const std::size_t after = j + unit.size();
      return text.compare(j, unit.size(), unit) == 0 &&
             (after >= text.size() || (!is_letter(text[after]) && text[after] != '/'));
    };
    if (followed_by(" m") && value >= 1000.0)
      return ::testing::AssertionFailure() << "'" << number << " m' should be in km: " << text;
    if (followed_by(" km")) {
      const auto dot = number.find('.');
      if (value < 1.0 || dot == std::string::npos || number.size() - dot != 2)
        return ::testing::AssertionFailure() << "'" << number << " km' is not km with one decimal from 1 km: " << text;
    }
    i = j;
  }
  return ::testing::AssertionSuccess();
}

class VerifyRules : public Cli {
 protected:
  void write_pings(const Pings& pings) { write("pings.csv", pings.csv()); }

  // Runs `shiftline verify` on this test's files (places, shifts and assignments when written);
  // true when it exits 0.
  bool verify(const std::string& out, const std::string& flags, const std::string& claims = "claims.csv") {
    std::string cmd = "verify --pings " + path("pings.csv") + " --claims " + path(claims);
    for (const char* table : {"places", "shifts", "assignments"})
      if (fs::exists(path(std::string(table) + ".csv")))
        cmd += std::string(" --") + table + " " + path(std::string(table) + ".csv");
    cmd += " --quiet --out " + path(out) + " " + flags;
    m_last_command = cmd;
    return run(cmd) == 0;
  }

  // claims.csv by claim_id; every explanation is checked for one unit per distance.
  std::map<std::string, Row> claims(const std::string& out) const {
    std::map<std::string, Row> by_id;
    for (const Row& r : rows_of(read(path(out + "/claims.csv")))) {
      by_id[cell(r, "claim_id")] = r;
      EXPECT_TRUE(DistancesInOneUnit(cell(r, "explanation"))) << cell(r, "claim_id");
    }
    return by_id;
  }

  // "kind:seconds" of every period of one claim, in file order.
  std::vector<std::string> period_kinds(const std::string& out, const std::string& claim) const {
    std::vector<std::string> kinds;
    for (const Row& p : rows_of(read(path(out + "/claim_periods.csv"))))
      if (cell(p, "claim_id") == claim) kinds.push_back(cell(p, "kind") + ":" + cell(p, "seconds"));
    return kinds;
  }

  std::string m_last_command;
};

using V = std::vector<std::string>;

// The row of `id`, or an empty row and a failure.
Row get(const std::map<std::string, Row>& by_id, const std::string& id) {
  const auto it = by_id.find(id);
  if (it == by_id.end()) {
    ADD_FAILURE() << "no row for claim " << id;
    return Row{};
  }
  return it->second;
}

// ----------------------------------------------------------------------------------------------------
// Finding 1: a presence claim with no ping in its window is never supported.
TEST_F(VerifyRules, Finding1_NoPingInTheWindowNeverSupportsPresence) {
  Pings p;
  p.every("V1A", T(8, 59), T(9, 0), 30, kP);
  p.every("V1A", T(9, 0, 30), T(9, 1), 30, kE200);
  p.every("V1B", T(8, 59), T(9, 0), 30, kP);
  p.every("V1B", T(9, 5), T(9, 5, 30), 30, kE2000);
  ASSERT_EQ(p.line("V1A", T(9, 0)), 4);
  ASSERT_EQ(p.line("V1A", T(9, 0, 30)), 5);
  ASSERT_EQ(p.line("V1B", T(9, 0)), 9);
  ASSERT_EQ(p.line("V1B", T(9, 5)), 10);
  ASSERT_EQ(p.last_line(), 11);
  write_pings(p);
  write("places.csv", kPlaces);
  write("claims.csv",
        "claim_id,vehicle_id,place_id,start,end,assertion\n"
        "F1A,V1A,BASE-STN1,2024-03-05T09:00:05Z,2024-03-05T09:00:10Z,present\n"
        "F1B,V1B,BASE-STN1,2024-03-05T09:00:05Z,2024-03-05T09:01:35Z,present\n");
  ASSERT_TRUE(verify("out", "--reach-speed-kmh 72")) << m_last_command << "\n" << m_stderr;
  const auto c = claims("out");

  const Row a = get(c, "F1A");
  EXPECT_EQ(cell(a, "verdict"), "inconclusive");
  EXPECT_EQ(cell(a, "basis"), "not_seen_there");
  EXPECT_TRUE(Num(a, "max_away_s", 5));
  EXPECT_TRUE(Num(a, "inside_s", 5));  // the midpoint rule fills the table, it does not decide
  EXPECT_TRUE(Num(a, "outside_s", 0));
  EXPECT_TRUE(Num(a, "unobserved_s", 0));
  EXPECT_EQ(cell(a, "nearest_m"), "");
  EXPECT_EQ(cell(a, "nearest_at"), "");
  EXPECT_EQ(cell(a, "reach_speed_kmh"), "72.000");
  EXPECT_TRUE(contains(cell(a, "explanation"), "Inconclusive: ")) << cell(a, "explanation");
  EXPECT_TRUE(contains(cell(a, "explanation"), "Custody suite (BASE-STN1)")) << cell(a, "explanation");

  const Row b = get(c, "F1B");
  EXPECT_EQ(cell(b, "verdict"), "inconclusive");
  EXPECT_EQ(cell(b, "basis"), "could_have_left");
  EXPECT_TRUE(Num(b, "max_away_s", 90));
  EXPECT_TRUE(Num(b, "inside_s", 90));
  EXPECT_TRUE(Num(b, "unobserved_s", 0));
  EXPECT_EQ(cell(b, "nearest_m"), "");
  EXPECT_TRUE(contains(cell(b, "explanation"), "Inconclusive: ")) << cell(b, "explanation");
  EXPECT_TRUE(contains(cell(b, "explanation"), "1 min 30 s")) << cell(b, "explanation");
  EXPECT_TRUE(contains(cell(b, "explanation"), "--presence-tolerance")) << cell(b, "explanation");
  EXPECT_TRUE(contains(cell(b, "explanation"), "72 km/h")) << cell(b, "explanation");
}

// ----------------------------------------------------------------------------------------------------
// Finding 2: presence and absence judged by the same reasoning, in one run.
TEST_F(VerifyRules, Finding2_PresenceAsksWhetherTheVehicleCouldHaveLeft) {
  Pings p;
  for (int k = 0; k <= 15; ++k) p.add("V2A", T(9, 50) + 299 * k, kP);
  p.add("V2B", T(9, 0), kP);
  p.add("V2B", T(9, 4, 59), kE2000);
  p.add("V2B", T(9, 9, 58), kE2000);
  ASSERT_EQ(p.line("V2A", T(9, 59, 58)), 4);
  ASSERT_EQ(p.line("V2A", T(10, 4, 57)), 5);
  ASSERT_EQ(p.line("V2A", T(10, 59, 46)), 16);
  ASSERT_EQ(p.line("V2A", T(11, 4, 45)), 17);
  ASSERT_EQ(p.line("V2B", T(9, 0)), 18);
  ASSERT_EQ(p.last_line(), 20);
  write_pings(p);
  write("places.csv", kPlaces);
  write("claims.csv",
        "claim_id,vehicle_id,place_id,start,end,assertion\n"
        "F2P,V2A,BASE-STN1,2024-03-05T10:00:00Z,2024-03-05T11:00:00Z,present\n"
        "F2A,V2A,QY,2024-03-05T10:00:00Z,2024-03-05T11:00:00Z,absent\n"
        "F2B,V2B,BASE-STN1,2024-03-05T09:00:00Z,2024-03-05T09:02:00Z,present\n");
  ASSERT_TRUE(verify("out", "--reach-speed-kmh 72")) << m_last_command << "\n" << m_stderr;
  const auto c = claims("out");

  const Row pr = get(c, "F2P");
  EXPECT_EQ(cell(pr, "verdict"), "inconclusive");
  EXPECT_EQ(cell(pr, "basis"), "could_have_left");
  EXPECT_TRUE(Num(pr, "max_away_s", 295));
  EXPECT_TRUE(Num(pr, "inside_s", 3600));
  EXPECT_TRUE(Num(pr, "outside_s", 0));
  EXPECT_TRUE(Num(pr, "unobserved_s", 0));
  EXPECT_EQ(cell(pr, "nearest_m"), "0.00");
  EXPECT_EQ(cell(pr, "nearest_at"), "2024-03-05T10:04:57Z");
  EXPECT_TRUE(Num(pr, "presence_tolerance_s", 60));
  const std::string says = cell(pr, "explanation");
  EXPECT_TRUE(contains(says, "Inconclusive: ")) << says;
  EXPECT_TRUE(contains(says, "up to 4 min, ")) << says;  // 295 s, rounded down (docs/findings.md)
  EXPECT_TRUE(contains(says, "--presence-tolerance")) << says;
  EXPECT_TRUE(contains(says, "Custody suite (BASE-STN1)")) << says;
  EXPECT_TRUE(contains(says, "72 km/h")) << says;

  const Row ab = get(c, "F2A");
  EXPECT_EQ(cell(ab, "verdict"), "inconclusive");
  EXPECT_EQ(cell(ab, "basis"), "could_have_been");
  EXPECT_TRUE(Num(ab, "max_stay_between_pings_s", 155));
  EXPECT_EQ(cell(ab, "max_possible_stay_s"), "");
  EXPECT_EQ(cell(ab, "feasible"), "");
  EXPECT_TRUE(Num(ab, "inside_s", 0));
  EXPECT_TRUE(Num(ab, "outside_s", 3600));
  EXPECT_TRUE(Num(ab, "unobserved_s", 0));
  EXPECT_EQ(cell(ab, "nearest_m"), "1500.01");
  EXPECT_EQ(cell(ab, "nearest_at"), "2024-03-05T10:04:57Z");
  EXPECT_TRUE(contains(cell(ab, "explanation"), "up to 2 min, ")) << cell(ab, "explanation");  // 155 s, rounded down
  EXPECT_TRUE(contains(cell(ab, "explanation"), "Quarry Yard (QY)")) << cell(ab, "explanation");

  const Row one = get(c, "F2B");
  EXPECT_EQ(cell(one, "verdict"), "inconclusive");
  EXPECT_EQ(cell(one, "basis"), "could_have_left");
  EXPECT_TRUE(Num(one, "max_away_s", 118));
  EXPECT_TRUE(Num(one, "inside_s", 120));
  EXPECT_EQ(cell(one, "nearest_m"), "0.00");
  EXPECT_EQ(cell(one, "nearest_at"), "2024-03-05T09:00:00Z");
  EXPECT_TRUE(contains(cell(one, "explanation"), "1 min 58 s")) << cell(one, "explanation");
  EXPECT_TRUE(contains(cell(one, "explanation"), "--presence-tolerance")) << cell(one, "explanation");
}

// ----------------------------------------------------------------------------------------------------
// Finding 3: a silence is unobserved, bridged or not.
TEST_F(VerifyRules, Finding3_ASilenceIsUnobservedEvenWhenBridged) {
  Pings p;
  p.every("V3A", T(7, 0), T(8, 0), 60, kP);
  p.every("V3A", T(10, 0), T(11, 0), 60, kP);
  p.every("V3B", T(18, 0), T(19, 0), 60, kP);
  p.every("V3B", T(24 + 6, 0), T(24 + 7, 0), 60, kP);
  ASSERT_EQ(p.line("V3A", T(8, 0)), 62);
  ASSERT_EQ(p.line("V3A", T(10, 0)), 63);
  ASSERT_EQ(p.line("V3B", T(19, 0)), 184);
  ASSERT_EQ(p.line("V3B", T(24 + 6, 0)), 185);
  ASSERT_EQ(p.last_line(), 245);
  write_pings(p);
  write("places.csv", kPlaces);
  write("claims.csv",
        "claim_id,vehicle_id,place_id,start,end,assertion\n"
        "F3A1,V3A,BASE-STN1,2024-03-05T08:30:00Z,2024-03-05T09:30:00Z,absent\n"
        "F3A2,V3A,BASE-STN1,2024-03-05T07:30:00Z,2024-03-05T10:30:00Z,present\n"
        "F3B1,V3B,BASE-STN1,2024-03-05T22:00:00Z,2024-03-05T23:00:00Z,absent\n"
        "F3B2,V3B,BASE-STN1,2024-03-05T18:30:00Z,2024-03-06T06:30:00Z,present\n");
  ASSERT_TRUE(verify("out", "--reach-speed-kmh 72")) << m_last_command << "\n" << m_stderr;
  const auto c = claims("out");

  for (const auto& [id, rows] : std::map<std::string, std::string>{{"F3A1", "pings.csv:62;pings.csv:63"},
                                                                   {"F3B1", "pings.csv:184;pings.csv:185"}}) {
    const Row r = get(c, id);
    EXPECT_EQ(cell(r, "verdict"), "inconclusive") << id;
    EXPECT_EQ(cell(r, "basis"), "could_have_been") << id;
    EXPECT_EQ(cell(r, "feasible"), "yes") << id;
    EXPECT_TRUE(Num(r, "max_possible_stay_s", 3600)) << id;
    EXPECT_TRUE(Num(r, "inside_s", 0)) << id;
    EXPECT_TRUE(Num(r, "outside_s", 0)) << id;
    EXPECT_TRUE(Num(r, "unobserved_s", 3600)) << id;
    EXPECT_TRUE(Num(r, "bridged_s", 3600)) << id;
    EXPECT_EQ(cell(r, "nearest_m"), "") << id;
    EXPECT_EQ(cell(r, "evidence_rows"), rows) << id;
    EXPECT_FALSE(contains(cell(r, "explanation"), "Contradicted")) << cell(r, "explanation");
  }
  // The bridged period of F3A1 with its open, clipped prism.
  for (const Row& per : rows_of(read(path("out/claim_periods.csv")))) {
    if (cell(per, "claim_id") != "F3A1") continue;
    EXPECT_EQ((V{cell(per, "kind"), cell(per, "seconds"), cell(per, "from_row"), cell(per, "to_row"),
                 cell(per, "reachable"), cell(per, "earliest_arrival"), cell(per, "latest_departure")}),
              (V{"bridged", "3600", "pings.csv:62", "pings.csv:63", "yes", "2024-03-05T08:30:00Z",
                 "2024-03-05T09:30:00Z"}));
    EXPECT_TRUE(Num(per, "max_possible_stay_s", 3600));
  }

  const Row a2 = get(c, "F3A2");
  EXPECT_EQ(cell(a2, "verdict"), "inconclusive");
  EXPECT_EQ(cell(a2, "basis"), "could_have_left");
  EXPECT_TRUE(Num(a2, "max_away_s", 7196));
  EXPECT_TRUE(Num(a2, "inside_s", 3600));
  EXPECT_TRUE(Num(a2, "unobserved_s", 7200));
  EXPECT_TRUE(Num(a2, "bridged_s", 7200));
  EXPECT_EQ(cell(a2, "evidence_rows"), "pings.csv:62;pings.csv:63");
  EXPECT_EQ(period_kinds("out", "F3A2"), (V{"inside:1800", "bridged:7200", "inside:1800"}));
  // An inference is said to be one.
  EXPECT_TRUE(contains(cell(a2, "explanation"), "bridged by the dwell rule")) << cell(a2, "explanation");
  EXPECT_FALSE(contains(cell(a2, "explanation"), "Supported")) << cell(a2, "explanation");
  EXPECT_FALSE(contains(cell(a2, "explanation"), "was at Custody suite (BASE-STN1) throughout"))
      << cell(a2, "explanation");

  const Row b2 = get(c, "F3B2");
  EXPECT_EQ(cell(b2, "verdict"), "inconclusive");
  EXPECT_EQ(cell(b2, "basis"), "could_have_left");
  EXPECT_TRUE(Num(b2, "max_away_s", 39596));
  EXPECT_TRUE(Num(b2, "inside_s", 3600));
  EXPECT_TRUE(Num(b2, "unobserved_s", 39600));
  EXPECT_TRUE(Num(b2, "bridged_s", 39600));
  EXPECT_EQ(cell(b2, "evidence_rows"), "pings.csv:184;pings.csv:185");
  EXPECT_TRUE(contains(cell(b2, "explanation"), "bridged by the dwell rule")) << cell(b2, "explanation");
}

// ----------------------------------------------------------------------------------------------------
// Finding 4: a handover recorded to the minute decides nothing by itself.
TEST_F(VerifyRules, Finding4_AHandoverWithinTheRosterToleranceDecidesNothing) {
  Pings p;
  p.every("VA", T(8, 50), T(9, 29, 30), 30, kP);
  p.every("VA", T(9, 30), T(10, 5), 30, kE100);
  p.every("VB", T(8, 50), T(10, 5), 30, kP);
  ASSERT_EQ(p.line("VA", T(9, 29, 30)), 81);
  ASSERT_EQ(p.line("VA", T(9, 30)), 82);
  ASSERT_EQ(p.line("VB", T(8, 50)), 153);
  ASSERT_EQ(p.last_line(), 303);
  write_pings(p);
  write("places.csv", kPlaces);
  write("shifts.csv",
        "shift_id,officer_id,start,end,vehicle_id\n"
        "S1,PC1,2024-03-05T08:00:00Z,2024-03-05T12:00:00Z,VA\n");
  write("assignments.csv",
        "officer_id,vehicle_id,start,end\n"
        "PC1,VB,2024-03-05T09:30:00Z,2024-03-05T12:00:00Z\n");
  write("claims.csv",
        "claim_id,officer_id,place_id,start,end,assertion\n"
        "F4P,PC1,BASE-STN1,2024-03-05T09:00:00Z,2024-03-05T10:00:00Z,present\n");

  ASSERT_TRUE(verify("out", "--reach-speed-kmh 72")) << m_last_command << "\n" << m_stderr;
  const Row r = get(claims("out"), "F4P");
  EXPECT_NE(cell(r, "verdict"), "contradicted") << cell(r, "explanation");
  EXPECT_EQ(cell(r, "verdict"), "inconclusive");
  EXPECT_EQ(cell(r, "basis"), "could_have_left");
  EXPECT_TRUE(Num(r, "max_away_s", 146));  // RULE-QUESTION 5 (148 on presence rule 3 alone)
  EXPECT_TRUE(Num(r, "no_vehicle_s", 240));
  EXPECT_TRUE(Num(r, "unobserved_s", 240));
  EXPECT_TRUE(Num(r, "inside_s", 3360));
  EXPECT_TRUE(Num(r, "outside_s", 0));
  EXPECT_TRUE(Num(r, "roster_tolerance_s", 120));
  EXPECT_TRUE(Num(r, "presence_tolerance_s", 60));
  EXPECT_EQ(cell(r, "subject"), "officer");
  EXPECT_EQ(cell(r, "vehicles"), "VA;VB");
  EXPECT_EQ(cell(r, "reach_speed_kmh"), "72.000");
  EXPECT_TRUE(contains(cell(r, "explanation"), "up to 2 min, ")) << cell(r, "explanation");  // 146 s, rounded down
  EXPECT_TRUE(contains(cell(r, "explanation"), "--presence-tolerance")) << cell(r, "explanation");

  // RULE-QUESTION 6: with no tolerance the roster minute decides again: VA had to leave P by
  // 09:29:58 and PC1 was rostered in it until 09:30:00.
  ASSERT_TRUE(verify("zero", "--reach-speed-kmh 72 --roster-tolerance 0s")) << m_last_command << "\n" << m_stderr;
  const Row z = get(claims("zero"), "F4P");
  EXPECT_EQ(cell(z, "verdict"), "contradicted");
  EXPECT_EQ(cell(z, "basis"), "could_not_hold");
  EXPECT_TRUE(Num(z, "no_vehicle_s", 0));
  EXPECT_TRUE(Num(z, "inside_s", 3585));
  EXPECT_TRUE(Num(z, "outside_s", 15));
  EXPECT_TRUE(Num(z, "roster_tolerance_s", 0));
  EXPECT_EQ(cell(z, "evidence_rows"), "pings.csv:81;pings.csv:82");
}

// ----------------------------------------------------------------------------------------------------
// Finding 5: a ping's accuracy counts both ways.
TEST_F(VerifyRules, Finding5_AccuracyCountsBothWays) {
  Pings p(/*accuracy=*/true);
  for (int at = T(8, 55); at <= T(9, 7); at += 60) {
    if (at == T(9, 1)) {
      p.add("V5A", at, kE30, "200");
    } else {
      p.add("V5A", at, kE1000, "5");
    }
  }
  p.every("V5B", T(8, 55), T(9, 15), 30, kP, "200");
  p.every("V5C", T(8, 55), T(9, 15), 30, kP, "5");
  ASSERT_EQ(p.line("V5A", T(9, 1)), 8);
  ASSERT_EQ(p.line("V5B", T(9, 0)), 25);
  ASSERT_EQ(p.line("V5C", T(9, 0)), 66);
  ASSERT_EQ(p.line("V5C", T(9, 10)), 86);
  ASSERT_EQ(p.last_line(), 96);
  write_pings(p);
  write("places.csv", kPlaces);
  write("claims.csv",
        "claim_id,vehicle_id,place_id,start,end,assertion\n"
        "F5A,V5A,BASE-STN1,2024-03-05T08:58:00Z,2024-03-05T09:04:00Z,absent\n"
        "F5B,V5B,BASE-STN1,2024-03-05T09:00:00Z,2024-03-05T09:10:00Z,present\n"
        "F5D,V5B,BASE-STN1,2024-03-05T09:00:00Z,2024-03-05T09:10:00Z,absent\n"
        "F5C,V5C,BASE-STN1,2024-03-05T09:00:00Z,2024-03-05T09:10:00Z,present\n");
  ASSERT_TRUE(verify("out", "--reach-speed-kmh 72")) << m_last_command << "\n" << m_stderr;
  const auto c = claims("out");

  // One fix 30 m from P at +-200 m: uncertain; it does not contradict the absence claim.
  const Row a = get(c, "F5A");
  EXPECT_EQ(cell(a, "verdict"), "inconclusive") << cell(a, "explanation");
  EXPECT_EQ(cell(a, "basis"), "could_have_been");
  EXPECT_TRUE(Num(a, "inside_s", 0));
  EXPECT_TRUE(Num(a, "outside_s", 300));
  EXPECT_TRUE(Num(a, "uncertain_s", 60));
  EXPECT_TRUE(Num(a, "unobserved_s", 60));
  EXPECT_EQ(cell(a, "nearest_m"), "30.00");
  EXPECT_EQ(cell(a, "nearest_at"), "2024-03-05T09:01:00Z");

  // Every fix at +-200 m: the presence claim is not supported, nor the absence claim contradicted.
  const Row b = get(c, "F5B");
  EXPECT_EQ(cell(b, "verdict"), "inconclusive") << cell(b, "explanation");
  EXPECT_EQ(cell(b, "basis"), "could_have_left");
  EXPECT_TRUE(Num(b, "max_away_s", 600));
  EXPECT_TRUE(Num(b, "inside_s", 0));
  EXPECT_TRUE(Num(b, "uncertain_s", 600));
  EXPECT_TRUE(Num(b, "unobserved_s", 600));
  EXPECT_EQ(cell(b, "nearest_m"), "0.00");
  EXPECT_EQ(cell(b, "nearest_at"), "2024-03-05T09:00:00Z");
  const Row d = get(c, "F5D");
  EXPECT_EQ(cell(d, "verdict"), "inconclusive") << cell(d, "explanation");
  EXPECT_EQ(cell(d, "basis"), "could_have_been");

  // Control: the same fixes at +-5 m are inside.
  const Row s = get(c, "F5C");
  EXPECT_EQ(cell(s, "verdict"), "supported") << cell(s, "explanation");
  EXPECT_EQ(cell(s, "basis"), "seen_there_throughout");
  EXPECT_TRUE(Num(s, "max_away_s", 25.5));
  EXPECT_TRUE(Num(s, "inside_s", 600));
  EXPECT_TRUE(Num(s, "uncertain_s", 0));
  const std::string ev = cell(s, "evidence_rows");
  EXPECT_EQ(ev.substr(0, 13), "pings.csv:66;") << ev;
  EXPECT_TRUE(ev.size() >= 12 && ev.substr(ev.size() - 12) == "pings.csv:86") << ev;
  EXPECT_TRUE(contains(cell(s, "explanation"), "--presence-tolerance")) << cell(s, "explanation");
}

// ----------------------------------------------------------------------------------------------------
// Finding 6: the default speed bound is 200 km/h. V6A's and V6B's tracks.
Pings finding6_pings() {
  Pings p;
  p.every("V6A", T(8, 50), T(9, 0), 60, kP);  // A
  p.every("V6A", T(9, 10), T(9, 20), 60, kE200);  // B, 200 m from A: the silence is not bridged
  p.every("V6B", T(8, 50), T(9, 0), 60, kP);
  p.every("V6B", T(9, 10), T(9, 20), 60, kE9000);
  return p;
}

TEST_F(VerifyRules, Finding6_TheDefaultSpeedBoundIs200) {
  const Pings p = finding6_pings();
  ASSERT_EQ(p.line("V6A", T(8, 55)), 7);
  ASSERT_EQ(p.line("V6A", T(9, 0)), 12);
  ASSERT_EQ(p.line("V6A", T(9, 10)), 13);
  ASSERT_EQ(p.line("V6B", T(8, 55)), 29);
  ASSERT_EQ(p.line("V6B", T(9, 0)), 34);
  ASSERT_EQ(p.line("V6B", T(9, 10)), 35);
  ASSERT_EQ(p.last_line(), 45);
  write_pings(p);
  write("places.csv", kPlaces);
  write("claims.csv",
        "claim_id,vehicle_id,place_id,start,end,assertion\n"
        "F6A,V6A,Q12,2024-03-05T08:55:00Z,2024-03-05T09:15:00Z,absent\n"
        "F6B,V6B,BASE-STN1,2024-03-05T08:55:00Z,2024-03-05T09:07:00Z,present\n");
  ASSERT_TRUE(verify("out", "")) << m_last_command << "\n" << m_stderr;  // no --reach-speed-kmh
  const auto c = claims("out");

  const Row a = get(c, "F6A");
  EXPECT_EQ(cell(a, "verdict"), "inconclusive") << cell(a, "explanation");
  EXPECT_EQ(cell(a, "basis"), "could_have_been");
  EXPECT_EQ(cell(a, "feasible"), "yes");
  EXPECT_TRUE(Num(a, "max_possible_stay_s", 170.120));
  EXPECT_EQ(cell(a, "max_stay_between_pings_s"), "");
  EXPECT_EQ(cell(a, "reach_speed_kmh"), "200.000");
  EXPECT_TRUE(Num(a, "outside_s", 600));
  EXPECT_TRUE(Num(a, "unobserved_s", 600));
  EXPECT_TRUE(Num(a, "bridged_s", 0));
  EXPECT_EQ(cell(a, "nearest_m"), "12000.30");
  EXPECT_EQ(cell(a, "nearest_at"), "2024-03-05T08:55:00Z");
  EXPECT_EQ(cell(a, "evidence_rows"), "pings.csv:12;pings.csv:13");
  EXPECT_TRUE(contains(cell(a, "explanation"), "200 km/h")) << cell(a, "explanation");
  EXPECT_TRUE(contains(cell(a, "explanation"), "up to 2 min, ")) << cell(a, "explanation");  // 170.120 s, rounded down
  EXPECT_TRUE(contains(cell(a, "explanation"), "Farm Q (Q12)")) << cell(a, "explanation");
  for (const Row& per : rows_of(read(path("out/claim_periods.csv")))) {
    if (cell(per, "claim_id") != "F6A" || cell(per, "kind") != "unobserved") continue;
    EXPECT_EQ((V{cell(per, "earliest_arrival"), cell(per, "latest_departure"), cell(per, "reach_speed_kmh")}),
              (V{"2024-03-05T09:03:34.925Z", "2024-03-05T09:06:25.045Z", "200.000"}));
  }

  const Row b = get(c, "F6B");
  EXPECT_NE(cell(b, "verdict"), "contradicted") << cell(b, "explanation");
  EXPECT_EQ(cell(b, "verdict"), "inconclusive");
  EXPECT_EQ(cell(b, "basis"), "could_have_left");
  EXPECT_TRUE(Num(b, "max_away_s", 419.280, 0.0015));  // RULE-QUESTION 7
  EXPECT_TRUE(Num(b, "inside_s", 300));
  EXPECT_TRUE(Num(b, "unobserved_s", 420));
  EXPECT_EQ(cell(b, "reach_speed_kmh"), "200.000");
  EXPECT_TRUE(contains(cell(b, "explanation"), "200 km/h")) << cell(b, "explanation");
  EXPECT_TRUE(contains(cell(b, "explanation"), "up to 6 min, ")) << cell(b, "explanation");  // 419.280 s, rounded down

  const std::string manifest = read(path("out/manifest.json"));
  const auto at = manifest.find("\"reach-speed-kmh\": {");
  ASSERT_NE(at, std::string::npos) << manifest;
  const std::string parameter = manifest.substr(at, manifest.find('}', at) - at + 1);
  EXPECT_TRUE(contains(parameter, "200.000")) << parameter;
  EXPECT_TRUE(contains(parameter, "default")) << parameter;
}

// ----------------------------------------------------------------------------------------------------
// Finding 7: sentences name discarded rows, agree in number, give each distance in one unit.
TEST_F(VerifyRules, Finding7_SentencesNameDiscardedRowsVehiclesAndUnits) {
  Pings p;
  p.every("V7", T(8, 59), T(9, 0), 30, kP);  // 08:59:00 (2), 08:59:30 (3), 09:00:00 (4)
  p.add("V7", T(9, 0), kE2000);             // 09:00:00 again, 2 km away (5)
  p.every("V7", T(9, 0, 30), T(9, 11), 30, kP);
  p.every("VC", T(8, 50), T(10, 5), 30, kP);
  p.every("VD", T(8, 50), T(10, 5), 30, kP);
  ASSERT_EQ(p.line("V7", T(8, 59, 30)), 3);
  ASSERT_EQ(p.line("V7", T(9, 0)), 4);
  ASSERT_EQ(p.line("V7", T(9, 0, 30)), 6);
  ASSERT_EQ(p.line("V7", T(9, 10)), 25);
  ASSERT_EQ(p.line("V7", T(9, 11)), 27);
  ASSERT_EQ(p.line("VC", T(8, 50)), 28);
  ASSERT_EQ(p.line("VD", T(8, 50)), 179);
  ASSERT_EQ(p.last_line(), 329);
  write_pings(p);
  write("places.csv", kPlaces);
  write("shifts.csv",
        "shift_id,officer_id,start,end,vehicle_id\n"
        "S3,PC3,2024-03-05T08:00:00Z,2024-03-05T12:00:00Z,VC\n");
  write("assignments.csv",
        "officer_id,vehicle_id,start,end\n"
        "PC3,VD,2024-03-05T09:30:00Z,2024-03-05T12:00:00Z\n");
  write("claims.csv",
        "claim_id,vehicle_id,officer_id,place_id,start,end,assertion\n"
        "F7A,V7,,BASE-STN1,2024-03-05T09:00:00Z,2024-03-05T09:10:00Z,present\n"
        "F7B,,PC3,BASE-STN1,2024-03-05T09:00:00Z,2024-03-05T10:00:00Z,present\n");
  write("claims_pos.csv",
        "claim_id,vehicle_id,lat,lon,radius_m,start,end,assertion\n"
        "F7C,V7,52.6569591,-1.1400000,1000,2024-03-05T09:00:00Z,2024-03-05T09:10:00Z,present\n");
  ASSERT_TRUE(verify("out", "--reach-speed-kmh 72")) << m_last_command << "\n" << m_stderr;
  ASSERT_TRUE(verify("pos", "--reach-speed-kmh 72", "claims_pos.csv")) << m_last_command << "\n" << m_stderr;
  const auto c = claims("out");
  const std::string discarded = "pings.csv:4:conflicting_duplicate;pings.csv:5:conflicting_duplicate";

  const Row a = get(c, "F7A");
  EXPECT_EQ(cell(a, "verdict"), "supported");
  EXPECT_EQ(cell(a, "basis"), "seen_there_throughout");
  EXPECT_TRUE(Num(a, "max_away_s", 28));
  EXPECT_TRUE(Num(a, "inside_s", 600));
  EXPECT_EQ(cell(a, "evidence_rows"), "pings.csv:3;pings.csv:6;pings.csv:25");
  EXPECT_EQ(cell(a, "nearest_m"), "0.00");
  EXPECT_EQ(cell(a, "nearest_at"), "2024-03-05T09:00:30Z");
  EXPECT_EQ(cell(a, "discarded_rows"), discarded);
  const std::string says = cell(a, "explanation");
  EXPECT_TRUE(contains(says, "pings.csv:4")) << says;
  EXPECT_TRUE(contains(says, "pings.csv:5")) << says;
  EXPECT_TRUE(contains(says, "conflicting")) << says;
  EXPECT_TRUE(contains(says, "2.0 km")) << says;
  EXPECT_TRUE(contains(says, "Custody suite (BASE-STN1)")) << says;
  EXPECT_TRUE(contains(says, "--presence-tolerance")) << says;
  EXPECT_TRUE(contains(says, "72 km/h")) << says;

  const Row b = get(c, "F7B");
  EXPECT_EQ(cell(b, "verdict"), "supported") << cell(b, "explanation");
  EXPECT_EQ(cell(b, "basis"), "seen_there_throughout");
  EXPECT_TRUE(Num(b, "max_away_s", 26));
  EXPECT_TRUE(Num(b, "no_vehicle_s", 240));
  EXPECT_TRUE(Num(b, "inside_s", 3360));
  EXPECT_EQ(cell(b, "vehicles"), "VC;VD");
  EXPECT_TRUE(contains(cell(b, "explanation"), "PC3's vehicles VC and VD were")) << cell(b, "explanation");
  EXPECT_FALSE(contains(cell(b, "explanation"), "VC and VD was")) << cell(b, "explanation");

  const auto pos = claims("pos");
  const Row r = get(pos, "F7C");
  EXPECT_EQ(cell(r, "verdict"), "contradicted");
  EXPECT_EQ(cell(r, "basis"), "seen_away");
  EXPECT_EQ(cell(r, "evidence_rows"), "pings.csv:6");
  EXPECT_EQ(cell(r, "nearest_m"), "3000.00");
  EXPECT_TRUE(Num(r, "outside_s", 600));
  EXPECT_EQ(cell(r, "discarded_rows"), discarded);
  EXPECT_TRUE(contains(cell(r, "explanation"), "3.0 km")) << cell(r, "explanation");
  EXPECT_TRUE(contains(cell(r, "explanation"), "1.0 km")) << cell(r, "explanation");
  EXPECT_FALSE(contains(cell(r, "explanation"), "1000 m")) << cell(r, "explanation");
}

// ----------------------------------------------------------------------------------------------------
// Controls that must stay decisive.
Pings control_pings() {
  Pings p;
  p.every("VC1", T(8, 55), T(9, 15), 30, kP);
  p.every("VC2", T(8, 55), T(9, 15), 30, kE115);
  p.every("VC3", T(9, 30), T(9, 50), 30, kP);
  p.every("VC3", T(10, 0), T(10, 0, 30), 30, kE1700);
  p.every("VC4", T(9, 30), T(9, 58), 30, kP);
  p.every("VC4", T(10, 0), T(10, 0, 30), 30, kE1700);
  return p;
}

class VerifyControls : public VerifyRules {
 protected:
  void SetUp() override {
    VerifyRules::SetUp();
    const Pings p = control_pings();
    ASSERT_EQ(p.line("VC1", T(9, 0)), 12);
    ASSERT_EQ(p.line("VC1", T(9, 10)), 32);
    ASSERT_EQ(p.line("VC2", T(9, 0)), 53);
    ASSERT_EQ(p.line("VC3", T(9, 45)), 114);
    ASSERT_EQ(p.line("VC3", T(9, 50)), 124);
    ASSERT_EQ(p.line("VC3", T(10, 0)), 125);
    ASSERT_EQ(p.line("VC4", T(9, 50)), 167);
    ASSERT_EQ(p.line("VC4", T(9, 58)), 183);
    ASSERT_EQ(p.line("VC4", T(10, 0)), 184);
    ASSERT_EQ(p.last_line(), 185);
    write_pings(p);
    write("places.csv", kPlaces);
    write("claims.csv",
          "claim_id,vehicle_id,place_id,start,end,assertion\n"
          "CA,VC1,BASE-STN1,2024-03-05T09:00:00Z,2024-03-05T09:10:00Z,present\n"
          "CB,VC2,BASE-STN1,2024-03-05T09:00:00Z,2024-03-05T09:10:00Z,present\n"
          "CD1,VC3,BASE-STN1,2024-03-05T09:45:00Z,2024-03-05T09:59:00Z,present\n"
          "CD2,VC4,BASE-STN1,2024-03-05T09:50:00Z,2024-03-05T09:59:00Z,present\n");
    ASSERT_TRUE(verify("out", "--reach-speed-kmh 72")) << m_last_command << "\n" << m_stderr;
  }
};

TEST_F(VerifyControls, SeenAtThePlaceEvery30sIsSupported) {
  const Row r = get(claims("out"), "CA");
  EXPECT_EQ(cell(r, "verdict"), "supported") << cell(r, "explanation");
  EXPECT_EQ(cell(r, "basis"), "seen_there_throughout");
  EXPECT_TRUE(Num(r, "max_away_s", 26));
  EXPECT_TRUE(Num(r, "inside_s", 600));
  EXPECT_TRUE(Num(r, "unobserved_s", 0));
  EXPECT_TRUE(Num(r, "presence_tolerance_s", 60));
  EXPECT_EQ(cell(r, "nearest_m"), "0.00");
  EXPECT_EQ(cell(r, "nearest_at"), "2024-03-05T09:00:00Z");
  EXPECT_EQ(cell(r, "reach_speed_kmh"), "72.000");
  const std::string ev = cell(r, "evidence_rows");
  EXPECT_EQ(ev.substr(0, 13), "pings.csv:12;") << ev;
  EXPECT_TRUE(ev.size() >= 12 && ev.substr(ev.size() - 12) == "pings.csv:32") << ev;
  const std::string says = cell(r, "explanation");
  EXPECT_TRUE(contains(says, "Supported: ")) << says;
  EXPECT_TRUE(contains(says, "Custody suite (BASE-STN1)")) << says;
  EXPECT_TRUE(contains(says, "pings.csv:12")) << says;
  EXPECT_TRUE(contains(says, "pings.csv:32")) << says;
  EXPECT_TRUE(contains(says, "26 s")) << says;
  EXPECT_TRUE(contains(says, "--presence-tolerance")) << says;
  EXPECT_TRUE(contains(says, "72 km/h")) << says;

  const std::string manifest = read(path("out/manifest.json"));
  EXPECT_TRUE(contains(manifest, "\"presence-tolerance\"")) << "manifest.json has no presence-tolerance";
  EXPECT_TRUE(contains(manifest, "\"roster-tolerance\"")) << "manifest.json has no roster-tolerance";
}

TEST_F(VerifyControls, Seen115mAwayIsContradicted) {
  const Row r = get(claims("out"), "CB");
  EXPECT_EQ(cell(r, "verdict"), "contradicted") << cell(r, "explanation");
  EXPECT_EQ(cell(r, "basis"), "seen_away");
  EXPECT_EQ(cell(r, "evidence_rows"), "pings.csv:53");
  EXPECT_EQ(cell(r, "nearest_m"), "115.00");
  EXPECT_EQ(cell(r, "nearest_at"), "2024-03-05T09:00:00Z");
  EXPECT_TRUE(Num(r, "outside_s", 600));
  EXPECT_TRUE(Num(r, "inside_s", 0));
  EXPECT_TRUE(Num(r, "max_away_s", 600));
  EXPECT_TRUE(contains(cell(r, "explanation"), "Contradicted: ")) << cell(r, "explanation");
  EXPECT_TRUE(contains(cell(r, "explanation"), "115 m")) << cell(r, "explanation");
  EXPECT_TRUE(contains(cell(r, "explanation"), "pings.csv:53")) << cell(r, "explanation");
  EXPECT_TRUE(contains(cell(r, "explanation"), "Custody suite (BASE-STN1)")) << cell(r, "explanation");
}

TEST_F(VerifyControls, MustHaveLeftBy095838IsContradicted) {
  const auto c = claims("out");
  const Row d1 = get(c, "CD1");
  EXPECT_EQ(cell(d1, "verdict"), "contradicted") << cell(d1, "explanation");
  EXPECT_EQ(cell(d1, "basis"), "could_not_hold");
  EXPECT_EQ(cell(d1, "evidence_rows"), "pings.csv:124;pings.csv:125");
  EXPECT_TRUE(Num(d1, "inside_s", 300));
  EXPECT_TRUE(Num(d1, "unobserved_s", 540));
  EXPECT_TRUE(Num(d1, "max_away_s", 538));
  EXPECT_EQ(cell(d1, "nearest_at"), "2024-03-05T09:45:00Z");
  EXPECT_TRUE(contains(cell(d1, "explanation"), "09:58:38")) << cell(d1, "explanation");
  EXPECT_TRUE(contains(cell(d1, "explanation"), "22 s")) << cell(d1, "explanation");
  EXPECT_TRUE(contains(cell(d1, "explanation"), "72 km/h")) << cell(d1, "explanation");

  const Row d2 = get(c, "CD2");
  EXPECT_EQ(cell(d2, "verdict"), "contradicted") << cell(d2, "explanation");
  EXPECT_EQ(cell(d2, "basis"), "could_not_hold");
  EXPECT_EQ(cell(d2, "evidence_rows"), "pings.csv:183;pings.csv:184");
  EXPECT_TRUE(Num(d2, "inside_s", 540));
  EXPECT_TRUE(Num(d2, "unobserved_s", 0));
  EXPECT_TRUE(Num(d2, "max_away_s", 58));
  EXPECT_TRUE(contains(cell(d2, "explanation"), "09:58:38")) << cell(d2, "explanation");
  EXPECT_TRUE(contains(cell(d2, "explanation"), "22 s")) << cell(d2, "explanation");
}

// C-c on finding 6's V6A: Farm Z, 20 km from both sides of the 10-minute silence.
TEST_F(VerifyRules, Control_TwentyKmAcrossATenMinuteSilence) {
  write_pings(finding6_pings());
  write("places.csv", kPlaces);
  write("claims.csv",
        "claim_id,vehicle_id,place_id,start,end,assertion\n"
        "CC,V6A,Z20,2024-03-05T08:55:00Z,2024-03-05T09:15:00Z,absent\n");
  ASSERT_TRUE(verify("v72", "--reach-speed-kmh 72")) << m_last_command << "\n" << m_stderr;
  const Row r = get(claims("v72"), "CC");
  EXPECT_EQ(cell(r, "verdict"), "supported") << cell(r, "explanation");
  EXPECT_EQ(cell(r, "basis"), "unreachable");
  EXPECT_EQ(cell(r, "feasible"), "no");
  EXPECT_EQ(cell(r, "max_possible_stay_s"), "");
  EXPECT_EQ(cell(r, "max_stay_between_pings_s"), "");
  EXPECT_TRUE(Num(r, "outside_s", 600));
  EXPECT_TRUE(Num(r, "unobserved_s", 600));
  EXPECT_EQ(cell(r, "nearest_m"), "20000.30");
  EXPECT_EQ(cell(r, "nearest_at"), "2024-03-05T08:55:00Z");
  EXPECT_EQ(cell(r, "evidence_rows"), "pings.csv:7;pings.csv:12;pings.csv:13");
  EXPECT_EQ(cell(r, "reach_speed_kmh"), "72.000");
  EXPECT_TRUE(contains(cell(r, "explanation"), "72 km/h")) << cell(r, "explanation");
  EXPECT_TRUE(contains(cell(r, "explanation"), "Farm Z (Z20)")) << cell(r, "explanation");

  // At the default 200 km/h the silence still leaves no time at Farm Z (358.925 + 358.943 > 600).
  ASSERT_TRUE(verify("default", "")) << m_last_command << "\n" << m_stderr;
  const Row d = get(claims("default"), "CC");
  EXPECT_EQ(cell(d, "verdict"), "supported") << cell(d, "explanation");
  EXPECT_EQ(cell(d, "basis"), "unreachable");
  EXPECT_EQ(cell(d, "feasible"), "no");
  EXPECT_EQ(cell(d, "max_possible_stay_s"), "");
  EXPECT_EQ(cell(d, "evidence_rows"), "pings.csv:7;pings.csv:12;pings.csv:13");
  EXPECT_EQ(cell(d, "reach_speed_kmh"), "200.000");
}

}  // namespace
