/**
 * The caches the service configures, Python and Node, with where each keeps its entries — the
 * question cache.shared asks when more than one process serves traffic.
 */
import { defineFact } from '../../context/repo-context.js';
import { codeIndexFact } from '../code/index.js';
import { djangoSettingsFact } from '../django-settings.js';
import { pythonCaches } from './python.js';
import { nodeCaches } from './node.js';
import type { CacheSite } from './model.js';

export type { CacheSite, CacheStore } from './model.js';
export { storeOfBackend } from './model.js';

export const cachesFact = defineFact<CacheSite[]>('caches', async (repo) => {
  const [index, django] = await Promise.all([repo.fact(codeIndexFact), repo.fact(djangoSettingsFact)]);
  return [...pythonCaches(index, django), ...nodeCaches(index)];
});
