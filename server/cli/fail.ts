/** A usage or setup failure: one line on stderr, exit code 2. */
export function fail(message: string): number {
  process.stderr.write(`charlens: ${message}\n`);
  return 2;
}
