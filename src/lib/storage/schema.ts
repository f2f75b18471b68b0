/**
 * What Unknot stores and exports: the record types (the single source of truth for their
 * shape), valibot schemas that check them at the edges (import, database upgrade), and the
 * version migration mechanism. Pure.
 *
 * Times: every timestamp is epoch milliseconds (a number). Numbers sort and index cheaply in
 * IndexedDB and carry no time-zone ambiguity; days are computed in local time when shown.
 * Durations are milliseconds, except where a name says seconds (routine targets, for people).
 */
import * as v from 'valibot';
import type { Side, TechniqueId } from '../techniques/types';

/** The data version this build writes and reads. Bump it together with a migration step. */
export const SCHEMA_VERSION = 2;

export const TECHNIQUE_IDS = [
  'seated-twist',
  'standing-rotation',
  'cat-cow',
  'foam-roller',
  'thoracic-extension',
  'self-hug',
  'posture',
  'self-massage',
] as const satisfies readonly TechniqueId[];

export type SessionSource = 'camera' | 'file';
/** 'active': being recorded now, or cut off by a crash or closed tab until someone notices (then 'interrupted'). */
export type SessionStatus = 'active' | 'completed' | 'stopped' | 'interrupted';

export interface RepRecord {
  /** When the rep was completed: ms of active session time (pauses left out; same clock as `durationMs`). */
  tMs: number;
  side: Side | null;
  /** The checker's metric at the rep's extreme(s), in the session's metric unit. */
  peakMetric: number;
  troughMetric: number;
  durationMs: number;
  /** The longest completed hold that belongs to this rep; null when the rep had none. */
  holdMs: number | null;
}

export interface HoldRecord {
  /** When the hold started (active session time, ms). */
  tMs: number;
  side: Side | null;
  /** How long the pose was held, up to when it was let go (or the last saved frame). */
  durationMs: number;
  /** Whether it reached the technique's hold target; a hold let go before that is kept, as not completed. */
  completed: boolean;
}

/**
 * How the back feels, 0 (no pain or stiffness) to 10 (the worst imaginable); 'skipped' when
 * the user was asked and chose not to say; null where nobody asked (older records, analysed
 * files, routine steps that started by themselves).
 */
export type PainRating = number | 'skipped' | null;

export const PAIN_MIN = 0;
export const PAIN_MAX = 10;

/** Desk posture: how the watched time split (active time, ms). */
export interface PostureTimes {
  uprightMs: number;
  slouchedMs: number;
}

export interface CueTally {
  text: string;
  count: number;
}

export interface SessionRecord {
  id: string;
  schemaVersion: typeof SCHEMA_VERSION;
  techniqueId: TechniqueId;
  source: SessionSource;
  /** Pose model id, e.g. 'lightning'. */
  modelId: string;
  /** The checker's metric, so charts can label peaks without loading the checker. */
  metricId: string;
  metricLabel: string;
  metricUnit: string;
  startedAt: number;
  /** Start plus elapsed session time (including pauses), or the wall clock given at finish. */
  endedAt: number;
  /** Active time: pauses left out, stalls capped. */
  durationMs: number;
  /** Active time with the pose good enough to count. */
  timeInFrameMs: number;
  reps: RepRecord[];
  holds: HoldRecord[];
  /** Form fault id → times the checker reported it. */
  faults: Record<string, number>;
  /** Cue id → its text and how many times it was shown. */
  cues: Record<string, CueTally>;
  status: SessionStatus;
  routineRunId?: string;
  /** Index of the routine step this session practised. */
  routineStep?: number;
  /** The check-in before the session and after it (data version 2). */
  painBefore: PainRating;
  painAfter: PainRating;
  /** "Stop — it hurts": when the user ended the session for pain (active session time, ms); null otherwise. */
  painStopMs: number | null;
  /** Desk posture's upright and slouched time; null for the other techniques. */
  posture: PostureTimes | null;
}

export interface RoutineTarget {
  reps?: number;
  holdSeconds?: number;
  /** Reps (or holds) counted on each side. */
  perSide?: boolean;
}

export interface RoutineStep {
  techniqueId: TechniqueId;
  target: RoutineTarget;
  /** Rest after this step, before the next one. */
  restSeconds: number;
  /** A short remark said with the announcement, e.g. what equipment the step needs. */
  note?: string;
}

export interface Routine {
  id: string;
  name: string;
  steps: RoutineStep[];
}

export interface RoutineRun {
  id: string;
  routineId: string;
  /** Kept so history reads well after the routine is renamed or deleted. */
  routineName: string;
  startedAt: number;
  endedAt: number | null;
  status: SessionStatus;
}

export interface ExportFile {
  format: 'unknot-export';
  schemaVersion: typeof SCHEMA_VERSION;
  exportedAt: number;
  sessions: SessionRecord[];
  routines: Routine[];
  routineRuns: RoutineRun[];
}

export const EXPORT_FORMAT = 'unknot-export';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const text = v.pipe(v.string(), v.maxLength(1000));
const finite = v.pipe(v.number(), v.finite());
const nonNegative = v.pipe(v.number(), v.finite(), v.minValue(0));
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const side = v.nullable(v.picklist(['left', 'right']));
const status = v.picklist(['active', 'completed', 'stopped', 'interrupted']);
const techniqueId = v.picklist(TECHNIQUE_IDS);
const painRating = v.nullable(v.union([v.pipe(v.number(), v.integer(), v.minValue(PAIN_MIN), v.maxValue(PAIN_MAX)), v.literal('skipped')]));

export const RepRecordSchema = v.object({
  tMs: nonNegative,
  side,
  peakMetric: finite,
  troughMetric: finite,
  durationMs: nonNegative,
  holdMs: v.nullable(nonNegative),
});

export const HoldRecordSchema = v.object({ tMs: nonNegative, side, durationMs: nonNegative, completed: v.boolean() });

export const SessionRecordSchema = v.object({
  id,
  schemaVersion: v.literal(SCHEMA_VERSION),
  techniqueId,
  source: v.picklist(['camera', 'file']),
  modelId: id,
  metricId: id,
  metricLabel: text,
  metricUnit: v.pipe(v.string(), v.maxLength(20)),
  startedAt: nonNegative,
  endedAt: nonNegative,
  durationMs: nonNegative,
  timeInFrameMs: nonNegative,
  reps: v.array(RepRecordSchema),
  holds: v.array(HoldRecordSchema),
  faults: v.record(id, count),
  cues: v.record(id, v.object({ text, count })),
  status,
  routineRunId: v.optional(id),
  routineStep: v.optional(count),
  painBefore: painRating,
  painAfter: painRating,
  painStopMs: v.nullable(nonNegative),
  posture: v.nullable(v.object({ uprightMs: nonNegative, slouchedMs: nonNegative })),
});

const positiveInteger = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000));

export const RoutineStepSchema = v.object({
  techniqueId,
  target: v.object({
    reps: v.optional(positiveInteger),
    holdSeconds: v.optional(v.pipe(v.number(), v.finite(), v.minValue(1), v.maxValue(3600))),
    perSide: v.optional(v.boolean()),
  }),
  restSeconds: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(3600)),
  note: v.optional(text),
});

export const RoutineSchema = v.object({
  id,
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)),
  steps: v.pipe(v.array(RoutineStepSchema), v.minLength(1), v.maxLength(100)),
});

export const RoutineRunSchema = v.object({
  id,
  routineId: id,
  routineName: text,
  startedAt: nonNegative,
  endedAt: v.nullable(nonNegative),
  status,
});

export const ExportFileSchema = v.object({
  format: v.literal(EXPORT_FORMAT),
  schemaVersion: v.literal(SCHEMA_VERSION),
  exportedAt: nonNegative,
  sessions: v.array(SessionRecordSchema),
  routines: v.array(RoutineSchema),
  routineRuns: v.array(RoutineRunSchema),
});

// The interfaces above are what the code uses; these lines fail to compile if a schema drifts from them.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? ([keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false) : false) : false;
type Assert<T extends true> = T;
export type SchemasMatchTypes = [
  Assert<Same<v.InferOutput<typeof SessionRecordSchema>, SessionRecord>>,
  Assert<Same<v.InferOutput<typeof RoutineSchema>, Routine>>,
  Assert<Same<v.InferOutput<typeof RoutineRunSchema>, RoutineRun>>,
  Assert<Same<v.InferOutput<typeof ExportFileSchema>, ExportFile>>,
];

/**
 * Upgrades a whole export-shaped document (`{schemaVersion, sessions, routines, routineRuns}`)
 * from version n to n + 1, records included. It receives unvalidated JSON of version n and
 * need not set the document's `schemaVersion` (migrate does); the result is validated only
 * after the last step.
 */
export type MigrationStep = (document: Record<string, unknown>) => Record<string, unknown>;

export interface MigrationRegistry {
  currentVersion: number;
  /** steps[n] upgrades version n to n + 1. */
  steps: Readonly<Record<number, MigrationStep>>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One session from version 1 to 2: the pain check-in, the pain stop and desk posture's times
 * did not exist, so they are "not asked" / none. Also used by the database upgrade (db.ts).
 */
export function sessionV1toV2(session: Record<string, unknown>): Record<string, unknown> {
  return { painBefore: null, painAfter: null, painStopMs: null, posture: null, ...session, schemaVersion: 2 };
}

/** Version 2 (issue #12) added the pain check-in, the pain stop and desk posture's upright time. */
export const MIGRATIONS: MigrationRegistry = {
  currentVersion: SCHEMA_VERSION,
  steps: {
    1: (document) => {
      const sessions = document['sessions'];
      // A malformed list is left as it is: validation then names what is wrong.
      return Array.isArray(sessions) ? { ...document, sessions: sessions.map((session) => (isRecord(session) ? sessionV1toV2(session) : session)) } : document;
    },
  },
};

export type MigrationResult = { ok: true; document: Record<string, unknown> } | { ok: false; message: string };

/** Brings a document of `fromVersion` up to the registry's current version, one step at a time. */
export function migrate(document: Record<string, unknown>, fromVersion: number, registry: MigrationRegistry = MIGRATIONS): MigrationResult {
  const { currentVersion, steps } = registry;
  if (!Number.isInteger(fromVersion) || fromVersion < 1) {
    return { ok: false, message: `The data version (${String(fromVersion)}) is not one Unknot has ever written.` };
  }
  if (fromVersion > currentVersion) {
    return {
      ok: false,
      message: `This data comes from a newer version of Unknot (data version ${fromVersion}; this app reads up to ${currentVersion}). Update the app, then try again.`,
    };
  }
  let current = document;
  for (let version = fromVersion; version < currentVersion; version++) {
    const step = steps[version];
    if (!step) return { ok: false, message: `Unknot cannot upgrade data from version ${version} to ${version + 1}.` };
    try {
      current = { ...step(current), schemaVersion: version + 1 };
    } catch (error) {
      return { ok: false, message: `Upgrading the data from version ${version} to ${version + 1} failed: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  return { ok: true, document: current };
}
