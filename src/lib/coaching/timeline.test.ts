import { describe, it, expect } from 'vitest';
import { PhaseTimeline } from './timeline';

function feed(timeline: PhaseTimeline, phases: string[], stepMs = 33): boolean[] {
  return phases.map((phase, i) => timeline.add(phase, i * stepMs));
}

describe('PhaseTimeline', () => {
  it('is empty at first', () => {
    const timeline = new PhaseTimeline();
    expect(timeline.spans).toEqual([]);
    expect(timeline.of('neutral')).toEqual([]);
  });

  it('collapses consecutive frames of one phase into one span and reports new spans', () => {
    const timeline = new PhaseTimeline();
    const started = feed(timeline, ['neutral', 'neutral', 'neutral', 'cow', 'cow', 'neutral', 'cat']);
    expect(started).toEqual([true, false, false, true, false, true, true]);
    expect(timeline.spans).toEqual([
      { phase: 'neutral', startMs: 0, endMs: 99 },
      { phase: 'cow', startMs: 99, endMs: 165 },
      { phase: 'neutral', startMs: 165, endMs: 198 },
      { phase: 'cat', startMs: 198, endMs: 198 },
    ]);
  });

  it('advances the end of the current span with each frame of the same phase', () => {
    const timeline = new PhaseTimeline();
    timeline.add('cow', 100);
    expect(timeline.spans).toEqual([{ phase: 'cow', startMs: 100, endMs: 100 }]);
    timeline.add('cow', 133);
    expect(timeline.spans).toEqual([{ phase: 'cow', startMs: 100, endMs: 133 }]);
    timeline.add('cow', 500);
    expect(timeline.spans).toEqual([{ phase: 'cow', startMs: 100, endMs: 500 }]);
  });

  it('ends a span where the next one starts, so spans tile the timeline', () => {
    const timeline = new PhaseTimeline();
    feed(timeline, ['a', 'b', 'b', 'c', 'a', 'a', 'a'], 40);
    const spans = timeline.spans;
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.startMs).toBe(spans[i - 1]!.endMs);
    expect(spans.map((span) => [span.phase, span.endMs - span.startMs])).toEqual([
      ['a', 40],
      ['b', 80],
      ['c', 40],
      ['a', 80],
    ]);
  });

  it('close() extends the last span to the clip end, and never shortens it', () => {
    const timeline = new PhaseTimeline();
    feed(timeline, ['neutral', 'cow', 'cow']); // cow 33 → 66
    timeline.close(1000);
    expect(timeline.spans).toEqual([
      { phase: 'neutral', startMs: 0, endMs: 33 },
      { phase: 'cow', startMs: 33, endMs: 1000 },
    ]);
    timeline.close(500);
    expect(timeline.spans.at(-1)).toEqual({ phase: 'cow', startMs: 33, endMs: 1000 });
  });

  it('close() on an empty timeline does nothing', () => {
    const timeline = new PhaseTimeline();
    timeline.close(1000);
    expect(timeline.spans).toEqual([]);
  });

  it('of() returns only the spans of one phase, in order', () => {
    const timeline = new PhaseTimeline();
    feed(timeline, ['neutral', 'cow', 'cow', 'neutral', 'cat', 'neutral', 'cow'], 100);
    expect(timeline.of('cow')).toEqual([
      { phase: 'cow', startMs: 100, endMs: 300 },
      { phase: 'cow', startMs: 600, endMs: 600 },
    ]);
    expect(timeline.of('neutral')).toEqual([
      { phase: 'neutral', startMs: 0, endMs: 100 },
      { phase: 'neutral', startMs: 300, endMs: 400 },
      { phase: 'neutral', startMs: 500, endMs: 600 },
    ]);
    expect(timeline.of('cat')).toEqual([{ phase: 'cat', startMs: 400, endMs: 500 }]);
    expect(timeline.of('out-of-frame')).toEqual([]);
  });

  it('reset() empties it, and the next frame starts a new span', () => {
    const timeline = new PhaseTimeline();
    feed(timeline, ['cow', 'cow']);
    timeline.reset();
    expect(timeline.spans).toEqual([]);
    expect(timeline.add('cow', 2000)).toBe(true);
    expect(timeline.spans).toEqual([{ phase: 'cow', startMs: 2000, endMs: 2000 }]);
  });
});
