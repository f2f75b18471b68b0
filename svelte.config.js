import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // Fully client-side: every page is prerendered as an empty shell and runs in the browser.
    adapter: adapter({ fallback: '404.html' }),
  },
};

export default config;
