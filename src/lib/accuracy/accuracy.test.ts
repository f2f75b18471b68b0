/**
 * The published accuracy (README "Accuracy", the app's /accuracy page): every figure is
 * measured here, on the real models' recorded output for every fixture clip and photo
 * (../testing/traces, made by `npm run record-trace`), against the labels in
 * tests/fixture-labels.ts. This test fails when the published figures no longer match what
 * the code measures; `npm run accuracy` measures again and rewrites them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BRIDGE_CLIP, CAT_COW_CLIP, CLIP_VARIANTS, PHOTO_RULES, SEATED_TWIST_CLIP } from '../../../tests/fixture-labels';
import type { BodyPosition } from '../geometry/position';
import { SEGMENTATION_EVERY, withMaskCadence } from '../pose/mask-cadence';
import { findTechnique, TECHNIQUES, type TechniqueDefinition } from '../techniques/catalog';
import { clipTrace, cut, forwardBackward, photoAsStill, photoTraces, reversed, TRACE_MODELS, type TraceClip, type TraceModel } from '../testing/traces';
import { countsNothing, photoPhase, runClip, type LabelledSpan } from './measure';
import type { AccuracyReport } from './report';
import { renderAccuracyMarkdown } from './report';

const CLIPS: Record<TraceClip, { technique: string; reps: number; position: BodyPosition; spans: readonly LabelledSpan[] }> = {
  'cat-cow-side': { technique: 'cat-cow', reps: CAT_COW_CLIP.reps, position: 'all-fours', spans: CAT_COW_CLIP.spans.filter((s) => s.label === 'cow' || s.label === 'cat') },
  'bridge-side': { technique: 'foam-roller', reps: BRIDGE_CLIP.completedLifts, position: 'lying-back', spans: BRIDGE_CLIP.hipsUp },
  'seated-twist-front': { technique: 'seated-twist', reps: SEATED_TWIST_CLIP.reps.total, position: 'sitting', spans: SEATED_TWIST_CLIP.spans },
};

const LABEL_POSITION: Record<string, BodyPosition> = {
  bridge: 'lying-back',
  cat: 'all-fours',
  cow: 'all-fours',
  tabletop: 'all-fours',
  'seated-twist': 'sitting',
  'neutral-sitting': 'sitting',
  'standing-twist': 'standing',
  'neutral-standing': 'standing',
};

const technique = (id: string): TechniqueDefinition => findTechnique(id)!;
const round = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);

function variantFrames(frames: ReturnType<typeof clipTrace>, variant: (typeof CLIP_VARIANTS)[TraceClip][number]) {
  if (variant.variant === 'reversed') return reversed(frames);
  if (variant.variant.startsWith('forward-backward')) return forwardBackward(frames, variant.variant.endsWith('×3') ? 3 : 1);
  return cut(frames, 'fromMs' in variant ? variant.fromMs : 0, 'toMs' in variant ? variant.toMs : Infinity);
}

function measure(): AccuracyReport {
  const clips: AccuracyReport['clips'] = [];
  for (const [clip, spec] of Object.entries(CLIPS) as [TraceClip, (typeof CLIPS)[TraceClip]][]) {
    const t = technique(spec.technique);
    for (const model of TRACE_MODELS) {
      // As the app sees them: the silhouette fresh every SEGMENTATION_EVERY frames (mask-cadence.ts).
      const recorded = clipTrace(clip, model);
      const asSeen = (frames: typeof recorded) => withMaskCadence(frames, SEGMENTATION_EVERY);
      const frames = asSeen(recorded);
      const run = runClip(t, frames, spec.spans);
      clips.push({ clip, variant: 'as recorded', model, technique: t.id, expected: spec.reps, counted: run.reps, phaseAgreement: round(run.phaseAgreement) });
      for (const variant of CLIP_VARIANTS[clip]) {
        const counted = runClip(t, asSeen(variantFrames(recorded, variant))).reps;
        clips.push({ clip, variant: variant.variant, model, technique: t.id, expected: variant.reps, counted, phaseAgreement: null });
      }
    }
  }

  const photos: AccuracyReport['photos'] = [];
  for (const model of TRACE_MODELS) {
    const all = photoTraces(model);
    for (const [label, rule] of Object.entries(PHOTO_RULES)) {
      const t = technique(rule.technique);
      const ofLabel = all.filter((photo) => photo.label === label);
      const misses = ofLabel.flatMap((photo) => {
        const phase = photoPhase(t, photoAsStill(photo));
        const name = photo.file.split('/')[1]!;
        return rule.expected.includes(phase) ? [] : [{ photo: name, phase, allowed: rule.allowedMisses?.[name] ?? null }];
      });
      photos.push({ label, model, technique: t.id, passed: ofLabel.length - misses.length, total: ofLabel.length, misses });
    }
  }

  // The position gate: every clip and photo on every technique done in another position.
  const gate: AccuracyReport['gate'] = [];
  for (const model of TRACE_MODELS) {
    const checks: { technique: string; item: string; held: boolean; decidable: boolean }[] = [];
    for (const t of TECHNIQUES.filter((d) => d.createChecker)) {
      for (const [clip, spec] of Object.entries(CLIPS) as [TraceClip, (typeof CLIPS)[TraceClip]][]) {
        if (t.positions.includes(spec.position)) continue;
        checks.push({ technique: t.id, item: clip, held: countsNothing(t, clipTrace(clip, model)), decidable: decidable(model, spec.position, t.positions) });
      }
    }
    const photoChecks: { held: boolean; name: string }[] = [];
    for (const photo of photoTraces(model)) {
      for (const t of TECHNIQUES.filter((d) => d.createChecker)) {
        const position = LABEL_POSITION[photo.label]!;
        if (t.positions.includes(position) || !decidable(model, position, t.positions)) continue;
        photoChecks.push({ held: photoPhase(t, photoAsStill(photo)) === 'wrong-position', name: `${photo.file} on ${t.id}` });
      }
    }
    const decidableChecks = checks.filter((c) => c.decidable);
    gate.push({
      model,
      clipsHeld: decidableChecks.filter((c) => c.held).length,
      clipsChecked: decidableChecks.length,
      photosHeld: photoChecks.filter((c) => c.held).length,
      photosChecked: photoChecks.length,
      undecidable: checks.filter((c) => !c.decidable).map((c) => `${c.item} on ${c.technique}: ${c.held ? 'held' : 'counted'}`),
      failures: [...decidableChecks.filter((c) => !c.held).map((c) => `${c.item} on ${c.technique}`), ...photoChecks.filter((c) => !c.held).map((c) => c.name)],
    });
  }
  return { clips, photos, gate };
}

/**
 * MoveNet gives no 3D, and from the front a thigh pointing at the camera looks as short as one
 * hanging down: in 2D a chair sit and standing are both "upright" (a known limit).
 */
function decidable(model: TraceModel, seen: BodyPosition, wanted: readonly BodyPosition[]): boolean {
  const upright = (position: BodyPosition) => position === 'sitting' || position === 'standing';
  return model !== 'lightning' || !upright(seen) || !wanted.every(upright);
}

const REPORT_URL = new URL('./accuracy.json', import.meta.url);
const README_URL = new URL('../../../README.md', import.meta.url);
const START = '<!-- accuracy:start (npm run accuracy writes this) -->';
const END = '<!-- accuracy:end -->';

describe('published accuracy', () => {
  const report = measure();

  if (process.env.UPDATE_ACCURACY) {
    writeFileSync(REPORT_URL, JSON.stringify(report, null, 2) + '\n');
    const readme = readFileSync(README_URL, 'utf8');
    const a = readme.indexOf(START);
    const b = readme.indexOf(END);
    if (a >= 0 && b > a) writeFileSync(README_URL, readme.slice(0, a + START.length) + '\n' + renderAccuracyMarkdown(report) + readme.slice(b));
  }

  it('accuracy.json holds exactly what the code measures on the recorded footage', () => {
    expect(JSON.parse(readFileSync(REPORT_URL, 'utf8'))).toEqual(report);
  });

  it("README's accuracy section is the one rendered from it", () => {
    const readme = readFileSync(README_URL, 'utf8');
    const section = readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END));
    expect(section.trim()).toBe(renderAccuracyMarkdown(report).trim());
  });

  it('on the default models every clip counts exactly, every variant too, and the gate holds every clip', () => {
    for (const row of report.clips.filter((r) => r.model === technique(r.technique).defaultModel)) {
      expect(`${row.clip} ${row.variant}: ${row.counted}`).toBe(`${row.clip} ${row.variant}: ${row.expected}`);
    }
    for (const g of report.gate) expect(g.failures).toEqual([]);
  });

  it('photos: only the misses explained as genuinely ambiguous are missed on the default models', () => {
    const unexplained = report.photos
      .filter((p) => p.model === technique(p.technique).defaultModel)
      .flatMap((p) => p.misses.filter((m) => m.allowed === null).map((m) => `${p.label}/${m.photo}: ${m.phase}`));
    expect(unexplained).toEqual([]);
  });

  it('every photo label has a position', () => {
    expect(Object.keys(PHOTO_RULES).filter((label) => !LABEL_POSITION[label])).toEqual([]);
  });
});
