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
    expect(v.safeParse(SessionRecordSchema, { ...sampleSession(), schemaVersion: 2 }).success).toBe(false);
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
  // A made-up version 2: the model id moves into a `model` object on every session.
  const toV2 = (document: Record<string, unknown>) => ({
    ...document,
    sessions: (document['sessions'] as Record<string, unknown>[]).map(({ modelId, ...session }) => ({ ...session, schemaVersion: 2, model: { id: modelId } })),
  });
  const withV2: MigrationRegistry = { currentVersion: 2, steps: { 1: toV2 } };
  const v1Export = () => JSON.parse(JSON.stringify(buildExport({ sessions: [sampleSession()], routines: [], routineRuns: [] }, 0))) as Record<string, unknown>;

  it('version 1 is current: a v1 document passes through as it is', () => {
    const document = v1Export();
    expect(MIGRATIONS.currentVersion).toBe(1);
    expect(migrate(document, 1)).toEqual({ ok: true, document });
  });

  it('upgrades a v1 export through a registered v1→v2 step, stamping the new version', () => {
    const result = migrate(v1Export(), 1, withV2);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document['schemaVersion']).toBe(2);
    const [session] = result.document['sessions'] as Record<string, unknown>[];
    expect(session).toMatchObject({ id: 'session-1', schemaVersion: 2, model: { id: 'lightning' } });
    expect(session).not.toHaveProperty('modelId');
  });

  it('chains steps: v1 → v2 → v3', () => {
    const toV3 = (document: Record<string, unknown>) => ({ ...document, note: 'v3' });
    const result = migrate(v1Export(), 1, { currentVersion: 3, steps: { 1: toV2, 2: toV3 } });
    expect(result).toMatchObject({ ok: true, document: { schemaVersion: 3, note: 'v3' } });
  });

  it('refuses a version newer than it knows, saying so plainly', () => {
    expect(migrate(v1Export(), 3, withV2)).toEqual({
      ok: false,
      message: 'This data comes from a newer version of Unknot (data version 3; this app reads up to 2). Update the app, then try again.',
    });
  });

  it('says which step is missing, and reports a step that throws', () => {
    expect(migrate(v1Export(), 1, { currentVersion: 3, steps: { 1: toV2 } })).toEqual({ ok: false, message: 'Unknot cannot upgrade data from version 2 to 3.' });
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
