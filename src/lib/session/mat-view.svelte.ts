/**
 * Mat view: the coaching stage filling the screen, with big type, for reading from the floor
 * two or three metres away. Uses the Fullscreen API on the stage's element where the browser
 * allows it; where it does not (an iPhone, a refusal), the page still lays the stage over the
 * whole window (`active` drives that), so mat view always works.
 */
export class MatView {
  /** Mat view is on (full screen, or the whole window where full screen is refused). */
  active = $state(false);
  /** The browser's full screen is showing our element. */
  fullscreen = $state(false);
  private element: HTMLElement | null = null;
  private readonly onChange = () => {
    const ours = this.element !== null && document.fullscreenElement === this.element;
    // Leaving full screen (Esc, the browser's own control) leaves mat view too.
    if (this.fullscreen && !ours) this.active = false;
    this.fullscreen = ours;
  };

  /** Starts following full-screen changes; returns the clean-up. */
  attach(): () => void {
    document.addEventListener('fullscreenchange', this.onChange);
    return () => {
      document.removeEventListener('fullscreenchange', this.onChange);
      this.exit();
    };
  }

  async enter(element: HTMLElement): Promise<void> {
    this.element = element;
    this.active = true;
    if (typeof element.requestFullscreen !== 'function' || document.fullscreenElement === element) return;
    try {
      await element.requestFullscreen({ navigationUI: 'hide' });
    } catch {
      // Refused or unsupported: the whole-window layout stands in.
    }
  }

  exit(): void {
    this.active = false;
    if (this.element && document.fullscreenElement === this.element) void document.exitFullscreen().catch(() => undefined);
  }

  toggle(element: HTMLElement): Promise<void> {
    if (this.active) {
      this.exit();
      return Promise.resolve();
    }
    return this.enter(element);
  }
}
