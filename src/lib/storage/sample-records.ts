/** Small valid records for tests (session, storage, routines). Not used by the app. */
import type { RepRecord, Routine, RoutineRun, SessionRecord } from './schema';

export function sampleRep(overrides: Partial<RepRecord> = {}): RepRecord {
  return { tMs: 3000, side: null, peakMetric: 20, troughMetric: -15, durationMs: 2500, holdMs: null, ...overrides };
}

export function sampleSession(overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id: 'session-1',
    schemaVersion: 2,
    techniqueId: 'cat-cow',
    source: 'camera',
    modelId: 'lightning',
    metricId: 'archDeg',
    metricLabel: 'Spine arch',
    metricUnit: '°',
    startedAt: Date.UTC(2025, 0, 6, 9, 0, 0),
    endedAt: Date.UTC(2025, 0, 6, 9, 1, 0),
    durationMs: 60_000,
    timeInFrameMs: 55_000,
    reps: [sampleRep(), sampleRep({ tMs: 6000, peakMetric: 24, troughMetric: -18 })],
    holds: [],
    faults: { 'too-fast': 2 },
    cues: { slower: { text: 'Slower: follow your breath', count: 2 } },
    status: 'completed',
    painBefore: null,
    painAfter: null,
    painStopMs: null,
    posture: null,
    ...overrides,
  };
}

export function sampleRoutine(overrides: Partial<Routine> = {}): Routine {
  return {
    id: 'routine-1',
    name: 'Morning',
    steps: [
      { techniqueId: 'cat-cow', target: { reps: 5 }, restSeconds: 20 },
      { techniqueId: 'seated-twist', target: { reps: 1, perSide: true, holdSeconds: 5 }, restSeconds: 0 },
    ],
    ...overrides,
  };
}

export function sampleRoutineRun(overrides: Partial<RoutineRun> = {}): RoutineRun {
  return {
    id: 'run-1',
    routineId: 'routine-1',
    routineName: 'Morning',
    startedAt: Date.UTC(2025, 0, 6, 9, 0, 0),
    endedAt: Date.UTC(2025, 0, 6, 9, 10, 0),
    status: 'completed',
    ...overrides,
  };
}
