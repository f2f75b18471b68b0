import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_IDS } from '../pose/models';
import { TECHNIQUES } from '../techniques/catalog';
import { modelFileBytes } from './model-cache';
import { filesForModels, formatBytes, modelFileNames, modelStorage, modelsForTechniques, PEOPLE_COUNTER_FILES } from './model-files';

const modelsDir = join(import.meta.dirname, '../../../static/models');

describe('modelFileNames', () => {
  it('names the graph and weights of MoveNet, and BlazePose with its person detector', () => {
    expect(modelFileNames('lightning')).toEqual(['movenet-lightning.json', 'movenet-lightning.bin']);
    expect(modelFileNames('blazepose-lite')).toEqual(['blazepose-detector.json', 'blazepose-detector.bin', 'blazepose-lite.json', 'blazepose-lite.bin']);
  });

  it.each(MODEL_IDS)('lists every file %s loads, as installed in static/models', (model) => {
    const files = modelFileNames(model);
    for (const file of files) expect(existsSync(join(modelsDir, file)), `${file} (npm install copies it)`).toBe(true);
    // Each graph's weight shards are among the model's files, so storing them all suffices offline.
    for (const graph of files.filter((file) => file.endsWith('.json'))) {
      const manifest = JSON.parse(readFileSync(join(modelsDir, graph), 'utf8')) as { weightsManifest: { paths: string[] }[] };
      for (const shard of manifest.weightsManifest.flatMap((group) => group.paths)) expect(files).toContain(shard);
    }
  });

  it.each(MODEL_IDS)('knows the bytes of every file of %s from the build, exactly (the offline panel asks the server nothing)', (model) => {
    for (const file of [...modelFileNames(model), ...PEOPLE_COUNTER_FILES]) expect(modelFileBytes(file)).toBe(statSync(join(modelsDir, file)).size);
    expect(modelFileBytes('no-such-model.bin')).toBeNull();
  });
});

describe('modelsForTechniques', () => {
  it('takes each live technique’s default model once', () => {
    expect(modelsForTechniques(TECHNIQUES).sort()).toEqual([...new Set(TECHNIQUES.filter((t) => t.live).map((t) => t.defaultModel))].sort());
    expect(
      modelsForTechniques([
        { live: true, defaultModel: 'lightning' },
        { live: true, defaultModel: 'lightning' },
        { live: false, defaultModel: 'blazepose-heavy' },
      ]),
    ).toEqual(['lightning']);
  });
});

describe('filesForModels and modelStorage', () => {
  it('fetches the shared BlazePose detector once, and the people counter every practice page loads', () => {
    const files = filesForModels(['blazepose-lite', 'blazepose-full']);
    expect(files.filter((file) => file === 'blazepose-detector.bin')).toHaveLength(1);
    expect(files).toHaveLength(8);
    expect(files).toEqual(expect.arrayContaining([...PEOPLE_COUNTER_FILES]));
    expect(filesForModels([])).toEqual([]);
  });

  it('says per model whether every file is stored and what it weighs', () => {
    const sizes = new Map([
      ['movenet-lightning.json', 100],
      ['movenet-lightning.bin', 4000],
      ['blazepose-detector.json', 10],
      ['blazepose-detector.bin', 500],
      ['blazepose-lite.json', 20],
    ]);
    const stored = new Set(['movenet-lightning.json', 'movenet-lightning.bin', 'blazepose-detector.json']);
    expect(modelStorage(['lightning', 'blazepose-lite'], stored, sizes)).toEqual([
      { model: 'lightning', bytes: 4100, cached: true },
      // One size unknown: no total rather than a wrong one.
      { model: 'blazepose-lite', bytes: null, cached: false },
    ]);
  });
});

describe('formatBytes', () => {
  it('rounds to what a person reads', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(161_813)).toBe('162 kB');
    expect(formatBytes(4_812_029)).toBe('4.8 MB');
    expect(formatBytes(27_823_950)).toBe('28 MB');
    expect(formatBytes(2_500_000_000)).toBe('2.5 GB');
  });
});
