/** Messages between the page and the service worker. */

/** Page → waiting service worker: the user accepted the update; take over now. */
export const SKIP_WAITING_MESSAGE = 'unknot:skip-waiting';
