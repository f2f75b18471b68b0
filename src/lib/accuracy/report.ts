/**
 * The accuracy report's shape and its rendering (README table and the /accuracy page). Pure;
 * the figures themselves are measured by ./accuracy.test.ts into ./accuracy.json.
 */

export interface AccuracyReport {
  clips: {
    clip: string;
    /** 'as recorded', or how the clip was cut or reversed at test time. */
    variant: string;
    model: string;
    technique: string;
    expected: number;
    counted: number;
    /** Share of the labelled spans' time in which the phase was the label's (recorded clips only). */
    phaseAgreement: number | null;
  }[];
  photos: {
    label: string;
    model: string;
    technique: string;
    passed: number;
    total: number;
    misses: { photo: string; phase: string; allowed: string | null }[];
  }[];
  /** The position gate: clips and photos on techniques done in another position. */
  gate: {
    model: string;
    clipsHeld: number;
    clipsChecked: number;
    photosHeld: number;
    photosChecked: number;
    /** Chair sitting against standing without 3D points: not decided (listed, not counted). */
    undecidable: string[];
    failures: string[];
  }[];
}

export const MODEL_NAMES: Record<string, string> = {
  lightning: 'MoveNet Lightning',
  'blazepose-lite': 'BlazePose lite',
  'blazepose-full': 'BlazePose full',
};

const pct = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)} %`);

/** One rep-count table row per clip and variant, one column per model. */
export function clipRows(report: AccuracyReport, models: readonly string[]): { clip: string; variant: string; expected: number; counted: (number | undefined)[]; agreement: (number | null)[] }[] {
  const keys = [...new Set(report.clips.map((r) => `${r.clip}\u0000${r.variant}`))];
  return keys.map((key) => {
    const [clip, variant] = key.split('\u0000') as [string, string];
    const rows = report.clips.filter((r) => r.clip === clip && r.variant === variant);
    return {
      clip,
      variant,
      expected: rows[0]!.expected,
      counted: models.map((m) => rows.find((r) => r.model === m)?.counted),
      agreement: models.map((m) => rows.find((r) => r.model === m)?.phaseAgreement ?? null),
    };
  });
}

export function renderAccuracyMarkdown(report: AccuracyReport): string {
  const models = [...new Set(report.clips.map((r) => r.model))];
  const names = models.map((m) => MODEL_NAMES[m] ?? m);
  const lines: string[] = [];
  lines.push(`| clip (technique) | variant | expected reps | ${names.map((n) => `counted: ${n}`).join(' | ')} | phase agreement (${names.join(' / ')}) |`);
  lines.push(`|---|---|---|${models.map(() => '---|').join('')}---|`);
  for (const row of clipRows(report, models)) {
    const technique = report.clips.find((r) => r.clip === row.clip)!.technique;
    const counted = row.counted.map((c) => (c === row.expected ? `${c} ✓` : `**${c ?? '–'}** ✗`));
    const agreement = row.variant === 'as recorded' ? row.agreement.map(pct).join(' / ') : '';
    lines.push(`| ${row.clip} (${technique}) | ${row.variant} | ${row.expected} | ${counted.join(' | ')} | ${agreement} |`);
  }
  const exact = report.clips.filter((r) => r.counted === r.expected).length;
  lines.push('', `Rep counts exact on ${exact} of ${report.clips.length} clip runs (every clip and variant, three models).`, '');

  lines.push(`| photo label | page | ${names.join(' | ')} |`);
  lines.push(`|---|---|${models.map(() => '---|').join('')}`);
  for (const label of [...new Set(report.photos.map((p) => p.label))]) {
    const rows = report.photos.filter((p) => p.label === label);
    const cells = models.map((m) => {
      const row = rows.find((r) => r.model === m);
      return row ? `${row.passed}/${row.total}` : '–';
    });
    lines.push(`| ${label} | ${rows[0]!.technique} | ${cells.join(' | ')} |`);
  }
  const passed = report.photos.reduce((sum, p) => sum + p.passed, 0);
  const total = report.photos.reduce((sum, p) => sum + p.total, 0);
  lines.push('', `Photos passed: ${passed} of ${total} (every photo, three models).`);
  const misses = report.photos.flatMap((p) => p.misses.map((m) => `${MODEL_NAMES[p.model] ?? p.model}: ${p.label}/${m.photo} read ${m.phase}${m.allowed ? ` (${m.allowed})` : ''}`));
  if (misses.length > 0) lines.push('', 'Missed:', ...misses.map((m) => `- ${m}`));
  lines.push('');

  lines.push('| position gate | clips held (0 reps, 0 s held) | photos held (phase wrong-position) | not decidable |');
  lines.push('|---|---|---|---|');
  for (const g of report.gate) {
    lines.push(`| ${MODEL_NAMES[g.model] ?? g.model} | ${g.clipsHeld}/${g.clipsChecked} | ${g.photosHeld}/${g.photosChecked} | ${g.undecidable.length === 0 ? '–' : g.undecidable.join('; ')} |`);
  }
  return lines.join('\n') + '\n';
}
