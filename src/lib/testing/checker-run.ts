/**
 * Running a checker over frames in tests and summarising what it said: phases entered,
 * events by type, faults, cues. The checker alone, without the pipeline's smoothing: exact
 * geometry in, exact phases out. Pure.
 */
import type { PoseFrame } from '../pose/keypoints';
import type { CheckerEvent, CheckerOutput } from '../techniques/types';

type EventOf<T extends CheckerEvent['type']> = Extract<CheckerEvent, { type: T }>;

/** The form-fault ids among `events`, in order. */
export function faultsOf(events: readonly CheckerEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'formFault' ? [e.fault] : []));
}

/** The cue ids shown across `outputs` (null for frames without a cue). */
export function cueIds(outputs: readonly CheckerOutput[]): Set<string | null> {
  return new Set(outputs.map((o) => o.cue?.id ?? null));
}

export interface CheckerRun<O extends CheckerOutput> {
  outputs: O[];
  events: CheckerEvent[];
  /** The phase entered at each phaseChanged, in order. */
  phases: string[];
  /** The events of one type. */
  ofType<T extends CheckerEvent['type']>(type: T): EventOf<T>[];
  count(type: CheckerEvent['type']): number;
  faults: string[];
  cues: Set<string | null>;
  /** The first output at or after `tMs`. */
  at(tMs: number): O;
  final: O;
}

/** Summarises a run's outputs. */
export function summarise<O extends CheckerOutput>(outputs: O[]): CheckerRun<O> {
  const events = outputs.flatMap((output) => output.events);
  const ofType = <T extends CheckerEvent['type']>(type: T) => events.filter((e): e is EventOf<T> => e.type === type);
  return {
    outputs,
    events,
    phases: ofType('phaseChanged').map((e) => e.to),
    ofType,
    count: (type) => ofType(type).length,
    faults: faultsOf(events),
    cues: cueIds(outputs),
    at: (tMs) => outputs.find((o) => o.tMs >= tMs)!,
    final: outputs.at(-1)!,
  };
}

/** Steps `checker` through `frames` and summarises the outputs. */
export function runChecker<O extends CheckerOutput>(checker: { step(frame: PoseFrame): O }, frames: readonly PoseFrame[]): CheckerRun<O> {
  return summarise(frames.map((frame) => checker.step(frame)));
}

/** The outputs of `frames` twice over, with reset() between: equal when the checker is deterministic. */
export function runTwice<O extends CheckerOutput>(checker: { step(frame: PoseFrame): O; reset(): void }, frames: readonly PoseFrame[]): [O[], O[]] {
  const first = frames.map((frame) => checker.step(frame));
  checker.reset();
  const second = frames.map((frame) => checker.step(frame));
  return [first, second];
}
