import { error } from '@sveltejs/kit';
import { findTechnique, TECHNIQUES } from '$lib/techniques/catalog';
import type { EntryGenerator, PageLoad } from './$types';

export const entries: EntryGenerator = () => TECHNIQUES.map((technique) => ({ technique: technique.id }));

export const load: PageLoad = ({ params }) => {
  const technique = findTechnique(params.technique);
  if (!technique) error(404, 'No such technique');
  return { techniqueId: technique.id };
};
