/**
 * What every page that reads the store has in common: it opens the store, reads what it
 * shows, and turns a failure into a message (`storageError`) instead of a throw; writes hold
 * `busy`. A page left before the store opened closes it at once.
 */
import { toStorageError, type OpenResult, type StorageError, type UnknotStore } from './db';

export type StorePageStatus = 'loading' | 'ready' | 'unavailable';

export abstract class StorePageState {
  status = $state<StorePageStatus>('loading');
  /** Why the store could not be opened or read (the page still renders, without data). */
  storageError = $state.raw<StorageError | null>(null);
  busy = $state(false);

  protected store: UnknotStore | null = null;
  private disposed = false;

  constructor(private readonly open: () => Promise<OpenResult>) {}

  get canWrite(): boolean {
    return this.status === 'ready' && !this.busy;
  }

  /** Opens the store and runs `read` on it; 'ready' once it has, 'unavailable' if either fails. */
  protected async openAndRead(read: (store: UnknotStore) => Promise<void>): Promise<void> {
    const opened = await this.open();
    if (this.disposed) {
      if (opened.ok) opened.store.close();
      return;
    }
    if (!opened.ok) {
      this.storageError = opened.error;
      this.status = 'unavailable';
      return;
    }
    this.store = opened.store;
    try {
      await read(opened.store);
      this.status = 'ready';
    } catch (error) {
      this.storageError = toStorageError(error);
      this.status = 'unavailable';
    }
  }

  dispose(): void {
    this.disposed = true;
    this.store?.close();
    this.store = null;
  }
}
