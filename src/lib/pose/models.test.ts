import { describe, it, expect } from 'vitest';
import { BACKEND_IDS, DEFAULT_MODEL, MODELS, MODEL_IDS, parseBackendId, parseModelId } from './models';

describe('model and backend ids', () => {
  it('lists the five models and four backends the app offers', () => {
    expect(MODEL_IDS).toEqual(['lightning', 'thunder', 'blazepose-lite', 'blazepose-full', 'blazepose-heavy']);
    expect(BACKEND_IDS).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
  });

  it('describes every model under its own id, with 3D only for BlazePose', () => {
    expect(Object.keys(MODELS).sort()).toEqual([...MODEL_IDS].sort());
    for (const id of MODEL_IDS) {
      expect(MODELS[id].id).toBe(id);
      expect(MODELS[id].has3D).toBe(id.startsWith('blazepose-'));
    }
    expect(MODEL_IDS).toContain(DEFAULT_MODEL);
  });
});

describe('parseModelId', () => {
  it('accepts every listed model id', () => {
    for (const id of MODEL_IDS) expect(parseModelId(id)).toBe(id);
  });

  it('rejects anything else, null and undefined', () => {
    for (const value of ['', 'movenet', 'Lightning', 'LIGHTNING', ' lightning', 'blazepose', 'blazepose-ultra', 'wasm', null, undefined]) {
      expect(parseModelId(value)).toBeUndefined();
    }
  });
});

describe('parseBackendId', () => {
  it('accepts every listed backend id', () => {
    for (const id of BACKEND_IDS) expect(parseBackendId(id)).toBe(id);
  });

  it('rejects anything else, null and undefined', () => {
    for (const value of ['', 'gpu', 'WebGL', 'webgl2', 'wasm ', 'tensorflow', 'lightning', null, undefined]) {
      expect(parseBackendId(value)).toBeUndefined();
    }
  });
});
