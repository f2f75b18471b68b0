/** The layout's offline state, shared with the pages that show it (the home page's panel). */
import { createContext } from 'svelte';
import type { AppUpdates } from './app-updates.svelte';
import type { OfflineModels } from './offline-models.svelte';

export interface OfflineContext {
  updates: AppUpdates;
  models: OfflineModels;
}

export const [getOfflineContext, setOfflineContext] = createContext<OfflineContext>();
