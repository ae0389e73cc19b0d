/** The path of an embedded database file, or null for a libSQL server URL or memory. */
export function localFilePath(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  const path = url.slice('file:'.length).split('?')[0] ?? '';
  return path === '' || path === ':memory:' ? null : path;
}
