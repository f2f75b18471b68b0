/**
 * Ground truth for the fixture clips, copied from ../shared/fixtures/README.md (labelled by
 * eye, frame by frame). Shared by the unit tests (recorded traces) and the browser tests.
 */
export interface LabelledSpan {
  label: string;
  startS: number;
  endS: number;
}

export const CAT_COW_CLIP = {
  file: 'video/cat-cow-side.mp4',
  durationS: 10.1,
  reps: 1,
  spans: [
    { label: 'cow', startS: 0.0, endS: 2.2 },
    { label: 'moving', startS: 2.3, endS: 3.6 },
    { label: 'cat', startS: 3.7, endS: 8.0 },
    { label: 'easing', startS: 8.3, endS: 10.1 },
  ] satisfies LabelledSpan[],
};

export const BRIDGE_CLIP = {
  file: 'video/bridge-side.mp4',
  durationS: 10.0,
  /** Completed lifts (up and back down); a fifth is under way at the end. */
  reps: 4,
  hipsUp: [
    { label: 'hips-up', startS: 1.6, endS: 2.6 },
    { label: 'hips-up', startS: 3.4, endS: 4.2 },
    { label: 'hips-up', startS: 5.2, endS: 6.4 },
    { label: 'hips-up', startS: 7.2, endS: 8.4 },
  ] satisfies LabelledSpan[],
};

/** Allowed distance between a detected phase boundary and the labelled one (issue #2). */
export const BOUNDARY_TOLERANCE_S = 0.5;

export interface DetectedSpan {
  phase: string;
  startMs: number;
  endMs: number;
}

/**
 * Checks a detected phase timeline against the cat-cow labels; returns the problems found
 * (empty when it matches). Each labelled cat/cow span must be one detected span whose start
 * and end lie within the tolerance, and no other cat/cow span may appear.
 */
export function compareCatCowTimeline(detected: readonly DetectedSpan[]): string[] {
  const problems: string[] = [];
  const tolerance = BOUNDARY_TOLERANCE_S * 1000;
  for (const phase of ['cow', 'cat']) {
    const labelled = CAT_COW_CLIP.spans.filter((span) => span.label === phase);
    const found = detected.filter((span) => span.phase === phase);
    if (found.length !== labelled.length) {
      problems.push(`${phase}: expected ${labelled.length} span(s), found ${found.length}: ${JSON.stringify(found)}`);
      continue;
    }
    labelled.forEach((label, i) => {
      const span = found[i]!;
      if (Math.abs(span.startMs - label.startS * 1000) > tolerance) {
        problems.push(`${phase} starts at ${span.startMs} ms, label ${label.startS * 1000} ms`);
      }
      if (Math.abs(span.endMs - label.endS * 1000) > tolerance) {
        problems.push(`${phase} ends at ${span.endMs} ms, label ${label.endS * 1000} ms`);
      }
    });
  }
  return problems;
}
