/**
 * The input cannot be read as the format it was given as (empty, truncated, not JSON, wrong shape). The upload
 * route turns it into a 4xx naming `where` (a file, line or field) and the reason; nothing is written.
 */
export class ImportFormatError extends Error {
  override readonly name: string = 'ImportFormatError';
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(message);
  }
}

/** The input breaks an explicit limit (an archive's entry count or expanded size): the caller answers 413. */
export class ImportLimitError extends ImportFormatError {
  override readonly name: string = 'ImportLimitError';
}
