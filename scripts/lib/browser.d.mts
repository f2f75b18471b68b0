export const projectRoot: string;
export const fixturesDir: string;
export const CHROMIUM_PATH: string;
export function chromiumArgs(options?: { fakeCameraFile?: string; denyCamera?: boolean; noCamera?: boolean }): string[];
export function servePreview(port: number): Promise<{ url: string; close: () => void }>;
