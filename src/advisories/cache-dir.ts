/**
 * Where `mina db update` keeps advisory data: `$MINA_CACHE_DIR/osv` when set, else the platform's
 * user cache (`$XDG_CACHE_HOME/mina/osv`, `~/.cache/mina/osv`; `~/Library/Caches` on macOS,
 * `%LOCALAPPDATA%` on Windows).
 */
import os from 'node:os';
import path from 'node:path';

export function defaultAdvisoryCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.MINA_CACHE_DIR) return path.join(env.MINA_CACHE_DIR, 'osv');
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, 'mina', 'osv');
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'mina', 'osv');
  if (platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'mina', 'Cache', 'osv');
  return path.join(home, '.cache', 'mina', 'osv');
}
