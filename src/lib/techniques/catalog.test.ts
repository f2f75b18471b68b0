import { describe, expect, it } from 'vitest';
import { durationLabel, EQUIPMENT_LABELS, PHASE_LABELS, phaseLabel, STATUS_LABELS, TECHNIQUES } from './catalog';

describe('catalog: what the user reads', () => {
  it('every phase a checker can show has words for people, shared ones included', () => {
    for (const shared of ['neutral', 'out-of-frame', 'wrong-view', 'wrong-position', 'several-people', 'calibrating']) {
      expect(PHASE_LABELS[shared], shared).toBeTruthy();
    }
    for (const technique of TECHNIQUES) {
      const checker = technique.createChecker?.(technique.defaultTargets);
      for (const band of checker?.metric.bands ?? []) expect(PHASE_LABELS[band.phase], `${technique.id}: ${band.phase}`).toBeTruthy();
    }
    expect(phaseLabel('wrong-position')).toBe('Wrong position');
    expect(phaseLabel('several-people')).toBe('More than one person');
    expect(phaseLabel('some-new-id')).toBe('some-new-id');
  });

  it('every status id of the page contract has words', () => {
    expect(Object.keys(STATUS_LABELS).sort()).toEqual(['error', 'loading', 'paused', 'ready', 'running']);
  });

  it('each technique says how long it takes and what it needs', () => {
    for (const technique of TECHNIQUES) {
      if (technique.minutes !== null) expect(technique.minutes, technique.id).toBeGreaterThan(0);
      for (const item of technique.equipment) expect(EQUIPMENT_LABELS[item]).toBeTruthy();
    }
    const byId = Object.fromEntries(TECHNIQUES.map((technique) => [technique.id, technique]));
    expect(byId['foam-roller']!.equipment).toContain('foam-roller');
    expect(byId['cat-cow']!.equipment).toEqual(['mat']);
    expect(durationLabel(byId['cat-cow']!)).toBe('About 3 min');
    expect(durationLabel(byId['posture']!)).toBe('While you work');
  });
});
