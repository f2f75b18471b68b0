/**
 * "Install app": offered where the browser fires `beforeinstallprompt` (Chromium-based
 * browsers); elsewhere the button stays hidden and the browser's own menu installs.
 */

/** Chromium's event; not in the DOM typings. */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export class InstallPrompt {
  /** The browser lets the page offer installation now. */
  available = $state(false);
  /** Running as an installed app, or installed from this page. */
  installed = $state(false);

  private deferred: BeforeInstallPromptEvent | null = null;
  private readonly stops: (() => void)[] = [];

  start(): void {
    if (typeof window === 'undefined') return;
    this.installed = window.matchMedia?.('(display-mode: standalone)').matches ?? false;
    const onPrompt = (event: Event) => {
      // Keep the browser's own mini-bar away; the page shows its button instead.
      event.preventDefault();
      this.deferred = event as BeforeInstallPromptEvent;
      this.available = true;
    };
    const onInstalled = () => {
      this.installed = true;
      this.available = false;
      this.deferred = null;
    };
    window.addEventListener('beforeinstallprompt', onPrompt);
    window.addEventListener('appinstalled', onInstalled);
    this.stops.push(
      () => window.removeEventListener('beforeinstallprompt', onPrompt),
      () => window.removeEventListener('appinstalled', onInstalled),
    );
  }

  async install(): Promise<void> {
    const event = this.deferred;
    if (!event) return;
    // A prompt can be shown once; the browser fires a new event if the user declines.
    this.deferred = null;
    this.available = false;
    await event.prompt();
    if ((await event.userChoice).outcome === 'accepted') this.installed = true;
  }

  dispose(): void {
    for (const stop of this.stops.splice(0)) stop();
  }
}
