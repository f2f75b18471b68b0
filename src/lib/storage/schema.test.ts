import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { buildExport } from './export';
import { sampleRoutine, sampleRoutineRun, sampleSession } from './sample-records';
import { ExportFileSchema, MIGRATIONS, RoutineSchema, SessionRecordSchema, migrate, type MigrationRegistry } from './schema';

describe('schemas', () => {
  it('a full export survives JSON and validation unchanged', () => {
    const file = buildExport(
      {
        sessions: [
          sampleSession(),
          sampleSession({
            id: 'twist',
            techniqueId: 'seated-twist',
            reps: [{ tMs: 9000, side: 'left', peakMetric: 41.25, troughMetric: 1.5, durationMs: 8000, holdMs: 6200 }],
            holds: [{ tMs: 1000, side: 'left', durationMs: 6200, completed: true }],
            status: 'interrupted',
            routineRunId: 'run-1',
            routineStep: 1,
          }),
        ],
        routines: [sampleRoutine({ steps: [{ techniqueId: 'foam-roller', target: { reps: 5 }, restSeconds: 0, note: 'Needs a foam roller' }] })],
        routineRuns: [sampleRoutineRun({ endedAt: null, status: 'active' })],
      },
      Date.UTC(2025, 0, 7),
    );
    const result = v.safeParse(ExportFileSchema, JSON.parse(JSON.stringify(file)));
    expect(result.success).toBe(true);
    expect(result.output).toEqual(file);
  });

  it('rejects what the app could not show: unknown technique, NaN-free numbers, negative counts, empty routines', () => {
    expect(v.safeParse(SessionRecordSchema, sampleSession({ techniqueId: 'headstand' as never })).success).toBe(false);
    expect(v.safeParse(SessionRecordSchema, { ...sampleSession(), durationMs: -1 }).success).toBe(false);
    expect(v.safeParse(SessionRecordSchema, { ...sampleSession(), faults: { 'too-fast': 1.5 } }).success).toBe(false);
    expect(v.safeParse(SessionRecordSchema, { ...sampleSession(), status: 'paused' }).success).toBe(false);
    expect(v.safeParse(SessionRecordSchema, { ...sampleSession(), schemaVersion: 1 }).success).toBe(false);
    expect(v.safeParse(RoutineSchema, sampleRoutine({ steps: [] })).success).toBe(false);
    expect(v.safeParse(RoutineSchema, sampleRoutine({ name: '   ' })).success).toBe(false);
  });

  it('drops unknown fields instead of storing them', () => {
    const result = v.safeParse(SessionRecordSchema, { ...sampleSession(), injected: '<script>' });
    expect(result.success).toBe(true);
    expect(result.output).not.toHaveProperty('injected');
  });
});

describe('migrate', () => {
  /** A version 1 export as the app wrote it before issue #12: no check-in, pain stop or posture times. */
  const v1Export = () => {
    const document = JSON.parse(JSON.stringify(buildExport({ sessions: [sampleSession(), sampleSession({ id: 'session-2', techniqueId: 'posture' })], routines: [], routineRuns: [] }, 0))) as Record<string, unknown>;
    document['schemaVersion'] = 1;
    for (const session of document['sessions'] as Record<string, unknown>[]) {
      session['schemaVersion'] = 1;
      for (const added of ['painBefore', 'painAfter', 'painStopMs', 'posture']) delete session[added];
    }
    return document;
  };
  // A made-up version 3 on top: the model id moves into a `model` object on every session.
  const toV3 = (document: Record<string, unknown>) => ({
    ...document,
    sessions: (document['sessions'] as Record<string, unknown>[]).map(({ modelId, ...session }) => ({ ...session, schemaVersion: 3, model: { id: modelId } })),
  });
  const withV3: MigrationRegistry = { currentVersion: 3, steps: { ...MIGRATIONS.steps, 2: toV3 } };

  it('version 2 is current: a v2 document passes through as it is', () => {
    const document = JSON.parse(JSON.stringify(buildExport({ sessions: [sampleSession()], routines: [], routineRuns: [] }, 0))) as Record<string, unknown>;
    expect(MIGRATIONS.currentVersion).toBe(2);
    expect(migrate(document, 2)).toEqual({ ok: true, document });
  });

  it('upgrades a v1 export to v2: every session gains "not asked" check-ins, no pain stop, no posture times, and validates', () => {
    const original = v1Export();
    const result = migrate(original, 1);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document['schemaVersion']).toBe(2);
    const sessions = result.document['sessions'] as Record<string, unknown>[];
    expect(sessions).toHaveLength(2);
    for (const session of sessions) {
      expect(session).toMatchObject({ schemaVersion: 2, painBefore: null, painAfter: null, painStopMs: null, posture: null });
      expect(v.safeParse(SessionRecordSchema, session).success).toBe(true);
    }
    // Everything else is kept as it was.
    const before = (original['sessions'] as Record<string, unknown>[])[0]!;
    expect(sessions[0]).toMatchObject({ id: before['id'], reps: before['reps'], cues: before['cues'], durationMs: before['durationMs'] });
  });

  it('leaves a damaged session list for validation to report', () => {
    const document = { ...v1Export(), sessions: 'nope' };
    expect(migrate(document, 1)).toEqual({ ok: true, document: { ...document, schemaVersion: 2 } });
  });

  it('chains steps: v1 → v2 → a registered v3', () => {
    const result = migrate(v1Export(), 1, withV3);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document['schemaVersion']).toBe(3);
    const [session] = result.document['sessions'] as Record<string, unknown>[];
    expect(session).toMatchObject({ id: 'session-1', schemaVersion: 3, model: { id: 'lightning' }, painBefore: null });
    expect(session).not.toHaveProperty('modelId');
  });

  it('refuses a version newer than it knows, saying so plainly', () => {
    expect(migrate(v1Export(), 4, withV3)).toEqual({
      ok: false,
      message: 'This data comes from a newer version of Unknot (data version 4; this app reads up to 3). Update the app, then try again.',
    });
  });

  it('says which step is missing, and reports a step that throws', () => {
    expect(migrate(v1Export(), 1, { currentVersion: 3, steps: { 1: MIGRATIONS.steps[1]! } })).toEqual({ ok: false, message: 'Unknot cannot upgrade data from version 2 to 3.' });
    const broken: MigrationRegistry = {
      currentVersion: 2,
      steps: {
        1: () => {
          throw new Error('sessions missing');
        },
      },
    };
    expect(migrate(v1Export(), 1, broken)).toEqual({ ok: false, message: 'Upgrading the data from version 1 to 2 failed: sessions missing' });
  });

  it('refuses versions that never existed', () => {
    expect(migrate(v1Export(), 0)).toEqual({ ok: false, message: 'The data version (0) is not one Unknot has ever written.' });
    expect(migrate(v1Export(), 1.5).ok).toBe(false);
  });
});

describe('check-in fields', () => {
  it('take a whole 0–10 rating, "skipped" or null, and nothing else', () => {
    for (const painBefore of [0, 7, 10, 'skipped', null]) {
      expect(v.safeParse(SessionRecordSchema, sampleSession({ painBefore: painBefore as never })).success).toBe(true);
    }
    for (const painBefore of [-1, 11, 3.5, 'bad', undefined]) {
      expect(v.safeParse(SessionRecordSchema, { ...sampleSession(), painBefore }).success).toBe(false);
    }
    expect(v.safeParse(SessionRecordSchema, sampleSession({ painStopMs: 12_000, posture: { uprightMs: 1000, slouchedMs: 200 } })).success).toBe(true);
    expect(v.safeParse(SessionRecordSchema, { ...sampleSession(), painStopMs: -5 }).success).toBe(false);
  });
});
