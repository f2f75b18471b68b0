import { sveltekit } from '@sveltejs/kit/vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// pose-detection imports @mediapipe/pose, whose bundle has no ES export `Pose`; we only
// use the tfjs runtime, so a local stub stands in for it (DESIGN.md §6).
const mediapipePoseStub = fileURLToPath(new URL('./src/lib/pose/mediapipe-pose-stub.ts', import.meta.url));

export default defineConfig({
  plugins: [sveltekit()],
  resolve: {
    alias: { '@mediapipe/pose': mediapipePoseStub },
  },
  optimizeDeps: {
    include: ['@tensorflow-models/pose-detection', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm'],
  },
  build: {
    // tfjs is large by nature; it is loaded lazily on the practice page only.
    chunkSizeWarningLimit: 3000,
  },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Replays of whole recorded clips take a few seconds on a busy 2-core machine.
    testTimeout: 30_000,
  },
});
