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

/**
 * The bridge clip. ../shared/fixtures/README.md says 4 completed lifts (1.6–2.6, 3.4–4.2,
 * 5.2–6.4, 7.2–8.4 s) and a fifth from 9.4 s, but the video does not show that: frames at
 * 3.8 s and 7.6 s have the hips on the ground, and the man lifts three times, about every
 * 3.3 s (checked on a 2 fps contact sheet and frame by frame at 0.1 s). These labels are
 * "hips above half height", made from the video; the third lift is still coming down when
 * the clip ends. Reported in the issue note.
 */
export const BRIDGE_CLIP = {
  file: 'video/bridge-side.mp4',
  durationS: 10.0,
  /** Lifts up and back down within the clip. */
  completedLifts: 2,
  hipsUp: [
    { label: 'hips-up', startS: 1.75, endS: 3.3 },
    { label: 'hips-up', startS: 5.25, endS: 6.65 },
    { label: 'hips-up', startS: 8.25, endS: 9.45 },
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
