import { describe, expect, it } from 'vitest';
import { PresenceGate } from './presence';

describe('PresenceGate', () => {
  it('rides out a dropout shorter than the grace', () => {
    const gate = new PresenceGate(300);
    expect(gate.miss(1000)).toEqual({ out: false, left: false });
    expect(gate.miss(1299)).toEqual({ out: false, left: false });
    expect(gate.inFrame).toBe(true);
    expect(gate.see()).toBe(false);
    // The grace counts from the first missed frame of each dropout.
    expect(gate.miss(1400)).toEqual({ out: false, left: false });
  });

  it('reports leaving once, when the grace runs out, and coming back once', () => {
    const gate = new PresenceGate(300);
    gate.miss(1000);
    expect(gate.miss(1300)).toEqual({ out: true, left: true });
    expect(gate.inFrame).toBe(false);
    expect(gate.miss(1400)).toEqual({ out: true, left: false });
    expect(gate.see()).toBe(true);
    expect(gate.inFrame).toBe(true);
    expect(gate.see()).toBe(false);
  });

  it('reset forgets a dropout in progress', () => {
    const gate = new PresenceGate(300);
    gate.miss(1000);
    gate.miss(1300);
    gate.reset();
    expect(gate.inFrame).toBe(true);
    expect(gate.miss(1400)).toEqual({ out: false, left: false });
  });
});
