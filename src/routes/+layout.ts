// Fully client-side: pages are prerendered as shells and everything runs in the browser.
export const ssr = false;
export const prerender = true;
export const trailingSlash = 'never';
