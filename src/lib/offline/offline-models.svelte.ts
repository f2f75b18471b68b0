/**
 * "Make available offline": the pose models the techniques need, whether they are stored,
 * downloading them with progress, the storage the site uses, and removing them again.
 */
import { MODELS, type ModelId } from '../pose/models';
import { TECHNIQUES } from '../techniques/catalog';
import { filesForModels, modelFileNames, modelStorage, modelsForTechniques, type ModelStorage } from './model-files';
import {
  cacheStorageAvailable,
  downloadModelFile,
  ModelDownloadError,
  modelFileBytes,
  modelFileUrl,
  removeStoredModels,
  storedModelFiles,
} from './model-cache';

export type OfflineModelsStatus = 'checking' | 'idle' | 'downloading' | 'removing';

export interface StorageUse {
  usageBytes: number;
  quotaBytes: number;
  /** Whether the browser promised not to clear the site's data under storage pressure. */
  persisted: boolean | null;
}

export interface ModelRow extends ModelStorage {
  label: string;
  /** One of the models the techniques are coached with by default. */
  needed: boolean;
}

export class OfflineModels {
  /** The models "make available offline" downloads: each live technique's default model. */
  readonly needed: readonly ModelId[] = modelsForTechniques(TECHNIQUES);
  readonly supported = cacheStorageAvailable() && typeof navigator !== 'undefined' && 'serviceWorker' in navigator;

  status = $state<OfflineModelsStatus>('checking');
  /** The needed models, then any other model stored after being used. */
  rows = $state.raw<ModelRow[]>([]);
  /** While downloading: bytes so far of the bytes to fetch. */
  progress = $state<{ receivedBytes: number; totalBytes: number } | null>(null);
  storage = $state<StorageUse | null>(null);
  error = $state<string | null>(null);
  /** Bytes still to download for the needed models (null while a size is unknown). */
  missingBytes = $state<number | null>(null);

  private readonly fileBytes = new Map<string, number>();
  private stored = new Set<string>();

  constructor(private readonly assetBase: string) {}

  /** Every needed model is stored. */
  get ready(): boolean {
    return this.rows.filter((row) => row.needed).every((row) => row.cached) && this.rows.length > 0;
  }


  async refresh(): Promise<void> {
    if (!this.supported) {
      this.status = 'idle';
      return;
    }
    await this.readStored();
    // Sizes of what is not stored yet, so the button can say how much it will fetch: known
    // from the build, so nothing is asked of the server (offline that would only fail).
    for (const file of filesForModels(this.needed)) {
      const bytes = this.fileBytes.has(file) ? undefined : modelFileBytes(file);
      if (bytes !== undefined && bytes !== null) this.fileBytes.set(file, bytes);
    }
    this.updateRows();
    await this.readStorage();
    if (this.status === 'checking') this.status = 'idle';
  }

  /** Downloads every needed model that is not stored yet, and asks the browser to keep them. */
  async makeAvailableOffline(): Promise<void> {
    if (!this.supported || this.status === 'downloading') return;
    this.status = 'downloading';
    this.error = null;
    // Asked first: browsers decide at once, and a promise to keep the data is what makes a
    // download of tens of MB worth it.
    await this.requestPersistence();
    try {
      await this.readStored();
      const missing = filesForModels(this.needed).filter((file) => !this.stored.has(file));
      await this.download(missing);
    } catch (error) {
      this.error = error instanceof ModelDownloadError ? `${error.message} What was downloaded is kept; try again to finish.` : `The download failed (${String(error)}).`;
    } finally {
      this.progress = null;
      await this.readStored();
      this.updateRows();
      await this.readStorage();
      this.status = 'idle';
    }
  }

  /**
   * Stores a model the practice page loaded, with the people counter that runs beside it
   * (no progress shown; failures are silent, it retries next time).
   */
  async keep(model: ModelId): Promise<void> {
    if (!this.supported || this.status === 'downloading') return;
    try {
      await this.readStored();
      for (const file of filesForModels([model])) {
        if (!this.stored.has(file)) this.fileBytes.set(file, await downloadModelFile(modelFileUrl(this.assetBase, file), () => {}));
      }
    } catch {
      // Offline or no room: the model is simply not kept this time.
    }
    await this.readStored();
    this.updateRows();
    await this.readStorage();
  }

  async remove(): Promise<void> {
    if (!this.supported) return;
    this.status = 'removing';
    try {
      await removeStoredModels();
    } catch (error) {
      this.error = `The stored models could not be removed (${String(error)}).`;
    }
    await this.readStored();
    this.updateRows();
    await this.readStorage();
    this.status = 'idle';
  }

  private async download(files: readonly string[]): Promise<void> {
    const sizes = files.map((file) => this.fileBytes.get(file) ?? modelFileBytes(file));
    const totalBytes = sizes.reduce<number>((sum, size) => sum + (size ?? 0), 0);
    let doneBytes = 0;
    this.progress = { receivedBytes: 0, totalBytes };
    for (const file of files) {
      const bytes = await downloadModelFile(modelFileUrl(this.assetBase, file), (received) => {
        this.progress = { receivedBytes: doneBytes + received, totalBytes: Math.max(totalBytes, doneBytes + received) };
      });
      doneBytes += bytes;
      this.fileBytes.set(file, bytes);
      this.stored.add(file);
      this.updateRows();
    }
  }

  private async readStored(): Promise<void> {
    try {
      const stored = await storedModelFiles();
      for (const [file, bytes] of stored) this.fileBytes.set(file, bytes);
      this.stored = new Set(stored.keys());
    } catch {
      this.stored = new Set();
    }
  }

  private updateRows(): void {
    const others = (Object.keys(MODELS) as ModelId[]).filter(
      (model) => !this.needed.includes(model) && modelFileNames(model).every((file) => this.stored.has(file)),
    );
    const row = (entry: ModelStorage): ModelRow => ({ ...entry, label: MODELS[entry.model].label, needed: this.needed.includes(entry.model) });
    this.rows = modelStorage([...this.needed, ...others], this.stored, this.fileBytes).map(row);
    const missing = filesForModels(this.needed).filter((file) => !this.stored.has(file));
    const sizes = missing.map((file) => this.fileBytes.get(file));
    this.missingBytes = sizes.every((size) => size !== undefined) ? sizes.reduce<number>((sum, size) => sum + (size ?? 0), 0) : null;
  }

  private async requestPersistence(): Promise<void> {
    try {
      if (navigator.storage?.persist && !(await navigator.storage.persisted())) await navigator.storage.persist();
    } catch {
      // Not offered by this browser: the data may be cleared under storage pressure.
    }
  }

  private async readStorage(): Promise<void> {
    try {
      const estimate = await navigator.storage?.estimate();
      if (!estimate) return;
      const persisted = navigator.storage.persisted ? await navigator.storage.persisted() : null;
      this.storage = { usageBytes: estimate.usage ?? 0, quotaBytes: estimate.quota ?? 0, persisted };
    } catch {
      this.storage = null;
    }
  }
}
