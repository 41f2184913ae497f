// Engine benchmark: computeSchool over a generated school of 2,000 pupils with two full
// academic years of marks (Sep 2024 – Jul 2026). Goal: every pupil in under 50 ms on this machine.
// Prints figures; asserts nothing (timings vary with the machine and its load). Wall time is what
// the goal is about, but other processes competing for the cores inflate it; the CPU time of this
// process (user + system, GC threads included) is the steadier figure for comparing code changes,
// and the machine's load average is printed so a reader can tell which one to trust.
//
//   npm run bench            (options: --pupils N --runs N)

import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { computeSchool } from '../engine/compute-school.ts';
import { fromEpochDay, sessionKey, toEpochDay, weekdayOfDay } from '../engine/dates.ts';
import { DEFAULT_POLICY_ID, presetById } from '../engine/policy/presets/index.ts';
import type { PupilHistory } from '../engine/types.ts';

const { values } = parseArgs({
  options: { pupils: { type: 'string', default: '2000' }, runs: { type: 'string', default: '15' } },
});
const PUPILS = Number(values.pupils);
const RUNS = Number(values.runs);
const AS_OF = '2026-07-17';

/** mulberry32: seeded, so every run benchmarks the same school. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Term dates (England, typical): [first day, last day].
const TERMS: [string, string][] = [
  ['2024-09-02', '2024-10-25'],
  ['2024-11-04', '2024-12-20'],
  ['2025-01-06', '2025-02-14'],
  ['2025-02-24', '2025-04-04'],
  ['2025-04-22', '2025-05-23'],
  ['2025-06-02', '2025-07-18'],
  ['2025-09-01', '2025-10-24'],
  ['2025-11-03', '2025-12-19'],
  ['2026-01-05', '2026-02-13'],
  ['2026-02-23', '2026-03-27'],
  ['2026-04-13', '2026-05-22'],
  ['2026-06-01', '2026-07-17'],
];
const INSET = new Set(['2024-09-02', '2025-09-01', '2025-01-06', '2026-01-05']);
const firstDay = toEpochDay(TERMS[0]![0]);
const lastDay = toEpochDay(TERMS[TERMS.length - 1]![1]);
const firstKey = sessionKey(firstDay, 'AM');
const span = (lastDay - firstDay + 1) * 2;

/** Slot indexes of school sessions (term weekdays), and which are closures. */
const schoolSlots: number[] = [];
const closedSlots: number[] = [];
for (const [a, b] of TERMS) {
  for (let d = toEpochDay(a); d <= toEpochDay(b); d++) {
    if (weekdayOfDay(d) >= 5) continue;
    const slot = (d - firstDay) * 2;
    const iso = fromEpochDay(d);
    (INSET.has(iso) ? closedSlots : schoolSlots).push(slot, slot + 1);
  }
}

function generate(): PupilHistory[] {
  const random = rng(2000);
  const out: PupilHistory[] = [];
  for (let p = 0; p < PUPILS; p++) {
    const r = random();
    // Mostly good attenders, a persistent-absence tail and a few severe (roughly national shares).
    const rate = r < 0.7 ? 0.02 + random() * 0.03 : r < 0.9 ? 0.06 + random() * 0.06 : r < 0.98 ? 0.12 + random() * 0.2 : 0.5;
    const codes = new Array<string>(span).fill('');
    for (const s of closedSlots) codes[s] = '#';
    // 3% join late: Z before their start.
    const joinAt = random() < 0.03 ? Math.floor(random() * schoolSlots.length) : 0;
    for (let i = 0; i < schoolSlots.length; i++) {
      const slot = schoolSlots[i]!;
      if (i < joinAt) {
        codes[slot] = 'Z';
        continue;
      }
      const x = random();
      codes[slot] = x < 0.02 ? 'L' : x < 0.025 ? 'B' : x < 0.027 ? 'V' : x < 0.0275 ? '-' : slot % 2 === 0 ? '/' : '\\';
    }
    for (let i = joinAt; i < schoolSlots.length; i += 2) {
      if (random() >= rate / 2) continue;
      const k = random();
      const setRun = (code: string, n: number) => {
        for (let j = i; j < Math.min(schoolSlots.length, i + n); j++) codes[schoolSlots[j]!] = code;
      };
      if (k < 0.55) setRun('I', 2 * (1 + Math.floor(random() * 3)));
      else if (k < 0.65) codes[schoolSlots[i + (random() < 0.5 ? 0 : 1)] ?? schoolSlots[i]!] = 'M';
      else if (k < 0.72) setRun('C', 2);
      else if (k < 0.84) setRun('O', 2);
      else if (k < 0.9) codes[schoolSlots[i]!] = 'U';
      else if (k < 0.93) setRun('N', 2);
      else setRun('G', 10);
    }
    out.push({ pupilId: `B${p}`, name: `Pupil ${p}`, firstKey, codes });
  }
  return out;
}

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
const before = process.memoryUsage();
const t0 = performance.now();
const histories = generate();
const genMs = performance.now() - t0;
const marks = histories.reduce((n, h) => n + h.codes.reduce((m, c) => m + (c !== '' ? 1 : 0), 0), 0);
const afterGen = process.memoryUsage();

const policy = presetById(DEFAULT_POLICY_ID);
if (!policy) throw new Error(`default policy ${DEFAULT_POLICY_ID} not found`);

/** CPU time (user + system) of this process in ms: unlike wall time, not inflated by other processes. */
const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

// The cold first run (before the JIT has optimised the engine) is what a one-off report sees.
let c = process.cpuUsage();
let s = performance.now();
computeSchool(histories, policy, AS_OF);
const coldMs = performance.now() - s;
const coldCpuMs = cpuMs(c);
// Two more warm-up runs, then timed runs.
for (let i = 0; i < 2; i++) computeSchool(histories, policy, AS_OF);
const times: number[] = [];
const cpuTimes: number[] = [];
let last: ReturnType<typeof computeSchool> | null = null;
for (let i = 0; i < RUNS; i++) {
  c = process.cpuUsage();
  s = performance.now();
  last = computeSchool(histories, policy, AS_OF);
  times.push(performance.now() - s);
  cpuTimes.push(cpuMs(c));
}
const after = process.memoryUsage();
times.sort((a, b) => a - b);
cpuTimes.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
const medianCpu = cpuTimes[Math.floor(cpuTimes.length / 2)]!;
const flagged = last!.pupils.filter((p) => p.measures.persistent).length;

console.log(`engine benchmark: ${PUPILS} pupils, ${TERMS[0]![0]} – ${AS_OF}, ${last!.schoolSessions} school sessions this year`);
console.log(`  marks:              ${marks.toLocaleString('en-GB')} (${(marks / PUPILS).toFixed(0)} per pupil; generated in ${genMs.toFixed(0)} ms)`);
console.log(`  computeSchool:      median ${median.toFixed(1)} ms, min ${times[0]!.toFixed(1)} ms, max ${times[times.length - 1]!.toFixed(1)} ms over ${RUNS} runs (after 3 warm-up)`);
console.log(`  cpu time:           median ${medianCpu.toFixed(1)} ms, min ${cpuTimes[0]!.toFixed(1)} ms (user + system; includes GC threads, so it can exceed wall time)`);
console.log(`  cold first run:     ${coldMs.toFixed(1)} ms wall, ${coldCpuMs.toFixed(1)} ms cpu (before JIT warm-up)`);
console.log(`  machine load:       ${loadavg()[0]!.toFixed(1)} (1-minute average) on ${availableParallelism()} cores`);
console.log(`  per pupil:          ${((median * 1000) / PUPILS).toFixed(1)} µs`);
console.log(`  throughput:         ${((marks / median) * 1000 / 1e6).toFixed(1)} million marks/s`);
console.log(`  goal (< 50 ms):     ${median < 50 ? 'met' : 'NOT met'}`);
console.log(`  persistent absence: ${flagged} of ${PUPILS} pupils (${((100 * flagged) / PUPILS).toFixed(1)}%)`);
console.log(`  memory rss:         ${mb(before.rss)} before, ${mb(afterGen.rss)} after generating, ${mb(after.rss)} after runs; peak ${mb(process.resourceUsage().maxRSS * 1024)}`);
console.log(`  memory heapUsed:    ${mb(before.heapUsed)} before, ${mb(afterGen.heapUsed)} after generating, ${mb(after.heapUsed)} after runs`);
