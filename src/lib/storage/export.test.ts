import { describe, expect, it } from 'vitest';
import { checkExport, csvCell, exportFileName, mergeImport, parseImport, toCsv, toJsonExport } from './export';
import { sampleRep, sampleRoutine, sampleRoutineRun, sampleSession } from './sample-records';

const EXPORTED_AT = Date.UTC(2025, 0, 7, 12, 0, 0);
const data = () => ({ sessions: [sampleSession()], routines: [sampleRoutine()], routineRuns: [sampleRoutineRun()] });

describe('JSON export', () => {
  it('round-trips through parseImport unchanged', () => {
    const text = toJsonExport(data(), EXPORTED_AT);
    expect(parseImport(text)).toEqual({
      ok: true,
      data: { format: 'unknot-export', schemaVersion: 2, exportedAt: EXPORTED_AT, ...data() },
    });
  });

  it('keeps the check-in, the pain stop and posture times through export and import', () => {
    const sessions = [
      sampleSession({ id: 'rated', painBefore: 7, painAfter: 4 }),
      sampleSession({ id: 'skipped', painBefore: 'skipped', painAfter: null, painStopMs: 42_000, status: 'stopped' }),
      sampleSession({ id: 'desk', techniqueId: 'posture', reps: [], posture: { uprightMs: 600_000, slouchedMs: 120_000 } }),
    ];
    const parsed = parseImport(toJsonExport({ sessions, routines: [], routineRuns: [] }, EXPORTED_AT));
    expect(parsed.ok && parsed.data.sessions).toEqual(sessions);
  });

  it('imports a version 1 file (before the check-in existed) as "not asked"', () => {
    const file = JSON.parse(toJsonExport({ sessions: [sampleSession()], routines: [], routineRuns: [] }, EXPORTED_AT)) as Record<string, unknown>;
    file['schemaVersion'] = 1;
    const [session] = file['sessions'] as Record<string, unknown>[];
    session!['schemaVersion'] = 1;
    for (const added of ['painBefore', 'painAfter', 'painStopMs', 'posture']) delete session![added];
    const parsed = parseImport(JSON.stringify(file));
    expect(parsed.ok && parsed.data.sessions).toEqual([sampleSession()]);
  });

  it('names files by date', () => {
    expect(exportFileName(EXPORTED_AT, 'json')).toBe('unknot-2025-01-07.json');
    expect(exportFileName(EXPORTED_AT, 'csv')).toBe('unknot-2025-01-07.csv');
  });
});

describe('parseImport messages', () => {
  const reject = (text: string) => {
    const result = parseImport(text);
    expect(result.ok).toBe(false);
    return result.ok ? '' : result.message;
  };
  const withFile = (edit: (file: Record<string, unknown>) => void) => {
    const file = JSON.parse(toJsonExport(data(), EXPORTED_AT)) as Record<string, unknown>;
    edit(file);
    return JSON.stringify(file);
  };

  it('not JSON, or an empty file', () => {
    expect(reject('hello, world')).toBe('This file is not an Unknot export. Choose a .json file made with “Export” in Unknot. (It is not JSON.)');
    expect(reject('  ')).toBe('This file is not an Unknot export. Choose a .json file made with “Export” in Unknot. (It is not JSON: the file is empty.)');
  });

  it('JSON from something else: says what it holds and which field gives it away', () => {
    const notOurs = 'This file is not an Unknot export. Choose a .json file made with “Export” in Unknot.';
    expect(reject('{"name":"my-app","version":"1.0.0"}')).toBe(`${notOurs} (It has no “format” field; an export says “format”: “unknot-export”.)`);
    expect(reject('{"format":"other-app"}')).toBe(`${notOurs} (Its “format” is "other-app", not “unknot-export”.)`);
    expect(reject('[1,2,3]')).toBe(`${notOurs} (It holds a list; an export is an object with “format”: “unknot-export”.)`);
    expect(reject('null')).toBe(`${notOurs} (It holds null, not an object.)`);
  });

  it('a newer version', () => {
    expect(reject(withFile((file) => (file['schemaVersion'] = 3)))).toBe(
      'This data comes from a newer version of Unknot (data version 3; this app reads up to 2). Update the app, then try again. Nothing was imported.',
    );
  });

  it('a missing version or list', () => {
    expect(reject(withFile((file) => delete file['schemaVersion']))).toBe('The export is damaged: its data version (“schemaVersion”) is missing. Nothing was imported.');
    expect(reject(withFile((file) => (file['routines'] = {})))).toBe('The export is damaged: “routines” is not a list. Nothing was imported.');
  });

  it('says which record is invalid and why', () => {
    const badSession = withFile((file) => {
      const sessions = file['sessions'] as Record<string, unknown>[];
      sessions.push({ ...sessions[0], id: 'broken-one', reps: [{ ...sampleRep(), peakMetric: 'deep' }] });
    });
    const fix = 'Nothing was imported. Fix that record in the file, or export it again from Unknot.';
    expect(reject(badSession)).toBe(`Session 2 of 2 (“broken-one”) is not valid: its field “peakMetric” of rep 1 should be a number, not "deep". ${fix}`);
    const badRoutine = withFile((file) => ((file['routines'] as Record<string, unknown>[])[0]!['steps'] = []));
    expect(reject(badRoutine)).toBe(`Routine 1 of 1 (“Morning”) is not valid: its field “steps” is out of range (Invalid length: Expected >=1 but received 0). ${fix}`);
    const badRun = withFile((file) => ((file['routineRuns'] as unknown[])[0] = 42));
    expect(reject(badRun)).toBe(`Routine run 1 of 1 is not valid: it should be an object, not 42. ${fix}`);
    const missing = withFile((file) => delete (file['sessions'] as Record<string, unknown>[])[0]!['startedAt']);
    expect(reject(missing)).toBe(`Session 1 of 1 (“session-1”) is not valid: its field “startedAt” is missing. ${fix}`);
    const badStep = withFile((file) => (((file['routines'] as Record<string, unknown>[])[0]!['steps'] as Record<string, unknown>[])[0]!['target'] = { reps: 'six' }));
    expect(reject(badStep)).toBe(`Routine 1 of 1 (“Morning”) is not valid: its field “target.reps” of step 1 should be a number, not "six". ${fix}`);
    const badTechnique = withFile((file) => ((file['sessions'] as Record<string, unknown>[])[0]!['techniqueId'] = 'yoga'));
    expect(reject(badTechnique)).toMatch(/^Session 1 of 1 \(“session-1”\) is not valid: its field “techniqueId” should be one of "seated-twist", "standing-rotation", .*"posture".*, not "yoga"\./);
  });

  it('checkExport refuses a document of another version', () => {
    const file = JSON.parse(toJsonExport(data(), EXPORTED_AT)) as Record<string, unknown>;
    expect(checkExport({ ...file, schemaVersion: 0 })).toEqual({ ok: false, message: 'This export has data version 0; this app reads version 2. Nothing was imported.' });
  });
});

describe('CSV', () => {
  const lines = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n');

  it('one row per rep with a header, CRLF line ends and a byte-order mark; seconds and sides written plainly', () => {
    const twist = sampleSession({
      id: 'twist-1',
      techniqueId: 'seated-twist',
      source: 'file',
      startedAt: Date.UTC(2025, 0, 6, 10, 30, 0),
      reps: [
        sampleRep({ tMs: 9500, side: 'left', peakMetric: 41.23456, troughMetric: 1.5, durationMs: 8000, holdMs: 6200 }),
        sampleRep({ tMs: 19_000, side: 'right', peakMetric: -38, troughMetric: -0.25, durationMs: 7500, holdMs: null }),
      ],
    });
    const empty = sampleSession({ id: 'no-reps', reps: [] });
    const csv = toCsv([twist, empty]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(lines(csv)).toEqual([
      'session_id,technique,started_at,source,rep_index,time_s,side,peak,trough,metric_unit,duration_s,hold_s,pain_before,pain_after,pain_stop_s',
      'twist-1,seated-twist,2025-01-06T10:30:00.000Z,file,1,9.5,left,41.2,1.5,°,8,6.2,,,',
      'twist-1,seated-twist,2025-01-06T10:30:00.000Z,file,2,19,right,-38,-0.3,°,7.5,,,,',
      '',
    ]);
  });

  it('the check-in goes on every row of its session; a session stopped for pain before any rep still gets a row', () => {
    const rated = sampleSession({ id: 'rated', startedAt: Date.UTC(2025, 0, 6, 9), painBefore: 6, painAfter: 'skipped', reps: [sampleRep({ tMs: 4000 }), sampleRep({ tMs: 8000 })] });
    const hurt = sampleSession({ id: 'hurt', startedAt: Date.UTC(2025, 0, 6, 10), painBefore: 3, painAfter: 8, painStopMs: 12_500, reps: [], status: 'stopped' });
    const rows = lines(toCsv([hurt, rated]));
    expect(rows.slice(1, -1)).toEqual([
      'rated,cat-cow,2025-01-06T09:00:00.000Z,camera,1,4,,20,-15,°,2.5,,6,skipped,',
      'rated,cat-cow,2025-01-06T09:00:00.000Z,camera,2,8,,20,-15,°,2.5,,6,skipped,',
      'hurt,cat-cow,2025-01-06T10:00:00.000Z,camera,,,,,,°,,,3,8,12.5',
    ]);
  });

  it('escapes commas, quotes and newlines (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\r')).toBe('"cr\r"');
    expect(csvCell(null)).toBe('');
  });

  it('defuses text a spreadsheet would run as a formula, but leaves negative numbers as numbers', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(Number.NaN)).toBe('');
    const evil = toCsv([sampleSession({ id: '=cmd|"/c calc"!A1', reps: [sampleRep()] })]);
    expect(lines(evil)[1]!.startsWith(`"'=cmd|""/c calc""!A1",cat-cow,`)).toBe(true);
  });
});

describe('mergeImport', () => {
  it('adds only records whose id is new, counting the skipped ones, and keeps the first of repeats within the file', () => {
    const existing = { sessions: new Set(['s1', 's2']), routines: new Set(['r1']), routineRuns: new Set<string>() };
    const imported = {
      sessions: [sampleSession({ id: 's1', status: 'stopped' }), sampleSession({ id: 's3' }), sampleSession({ id: 's3', durationMs: 1 }), sampleSession({ id: 's2' })],
      routines: [sampleRoutine({ id: 'r1', name: 'Changed' }), sampleRoutine({ id: 'r2' })],
      routineRuns: [sampleRoutineRun({ id: 'run-1' })],
    };
    const plan = mergeImport(existing, imported);
    expect(plan.sessions.map((s) => [s.id, s.durationMs])).toEqual([['s3', 60_000]]);
    expect(plan.routines.map((r) => r.id)).toEqual(['r2']);
    expect(plan.routineRuns.map((r) => r.id)).toEqual(['run-1']);
    expect(plan.skipped).toEqual({ sessions: 3, routines: 1, routineRuns: 0 });
  });

  it('importing the same file twice adds nothing the second time', () => {
    const file = data();
    const first = mergeImport({ sessions: new Set(), routines: new Set(), routineRuns: new Set() }, file);
    const stored = {
      sessions: new Set(first.sessions.map((s) => s.id)),
      routines: new Set(first.routines.map((r) => r.id)),
      routineRuns: new Set(first.routineRuns.map((r) => r.id)),
    };
    const second = mergeImport(stored, file);
    expect([second.sessions, second.routines, second.routineRuns]).toEqual([[], [], []]);
    expect(second.skipped).toEqual({ sessions: 1, routines: 1, routineRuns: 1 });
  });
});
