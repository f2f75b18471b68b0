/**
 * The page's side of the service worker: registers it, says when this version is stored for
 * offline use, and when a new version waits. The page reloads into it only when the user asks
 * (the banner is held back during a practice), so an update never breaks a session.
 */
import { SKIP_WAITING_MESSAGE } from './messages';

/** How often an open page looks for a new version, besides coming back online or into view. */
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

export class AppUpdates {
  readonly supported = typeof navigator !== 'undefined' && 'serviceWorker' in navigator;
  /** This version is stored and the service worker answers for the page: it opens offline. */
  offlineReady = $state(false);
  /** A new version is installed and waits for a reload. */
  updateReady = $state(false);
  error = $state<string | null>(null);

  private registration: ServiceWorkerRegistration | null = null;
  private reloadRequested = false;
  private readonly stops: (() => void)[] = [];

  async start(scriptUrl: string): Promise<void> {
    if (!this.supported) return;
    const container = navigator.serviceWorker;
    let hadController = container.controller !== null;
    this.listen(container, 'controllerchange', () => {
      if (this.reloadRequested) {
        window.location.reload();
        return;
      }
      // Another tab accepted the update: this page runs the old code under the new worker.
      if (hadController) this.updateReady = true;
      hadController = true;
      this.offlineReady = true;
    });
    // Served by the worker already: this version opens offline (known before register()
    // settles, which waits for the worker script's update check, a while when offline).
    this.offlineReady = container.controller !== null;
    void container.ready.then((ready) => {
      if (ready.active?.state === 'activated' && container.controller !== null) this.offlineReady = true;
    });
    let registration: ServiceWorkerRegistration | undefined;
    try {
      registration = await container.register(scriptUrl, { type: 'classic' });
    } catch (error) {
      // Offline, the update check fails; the registration made on an earlier visit still stands.
      registration = await container.getRegistration().catch(() => undefined);
      if (!registration) {
        this.error = `Unknot could not be made to open offline in this browser (${error instanceof Error ? error.message : String(error)}).`;
        return;
      }
    }
    this.registration = registration;
    if (registration.waiting && container.controller) this.updateReady = true;
    const followed = registration;
    this.listen(registration, 'updatefound', () => this.followInstalling(followed));
    if (registration.installing) this.followInstalling(registration);

    const check = () => void this.checkForUpdate();
    this.listen(window, 'online', check);
    this.listen(document, 'visibilitychange', () => {
      if (document.visibilityState === 'visible') check();
    });
    const timer = setInterval(check, UPDATE_CHECK_INTERVAL_MS);
    this.stops.push(() => clearInterval(timer));
  }

  /** Asks the server for a newer service worker; offline this simply finds nothing. */
  async checkForUpdate(): Promise<void> {
    if (!this.registration || !navigator.onLine) return;
    try {
      await this.registration.update();
    } catch {
      // No network or the server is down: try again later.
    }
  }

  /** Switches to the waiting version and reloads into it. */
  applyUpdate(): void {
    const waiting = this.registration?.waiting;
    if (!waiting) {
      window.location.reload();
      return;
    }
    this.reloadRequested = true;
    waiting.postMessage(SKIP_WAITING_MESSAGE);
  }

  dispose(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  private followInstalling(registration: ServiceWorkerRegistration): void {
    const installing = registration.installing;
    if (!installing) return;
    const onStateChange = () => {
      if (installing.state === 'installed' && navigator.serviceWorker.controller) this.updateReady = true;
      if (installing.state === 'activated' && !this.updateReady) this.offlineReady = true;
      // Storing the version failed (most often: no room). The page itself works on.
      if (installing.state === 'redundant' && !registration.active) {
        this.error = 'Unknot could not be stored for offline use on this device (the browser may be short of space); it still works while online.';
      }
    };
    installing.addEventListener('statechange', onStateChange);
    this.stops.push(() => installing.removeEventListener('statechange', onStateChange));
  }

  private listen(target: EventTarget, type: string, listener: () => void): void {
    target.addEventListener(type, listener);
    this.stops.push(() => target.removeEventListener(type, listener));
  }
}
