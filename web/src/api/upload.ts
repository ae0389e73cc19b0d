// Type-only: the shape of the server's import summary, never its code.
import type { ImportResponse } from '../../../server/ingest/imports.ts';
import { ApiRequestError } from './client.ts';

export type { ImportResponse };
/** `auto`, or the name of a format the server lists at GET /api/v1/imports/formats. */
export type UploadFormat = string;

export interface UploadProgress {
  sentBytes: number;
  totalBytes: number;
  /** True once every byte is sent and the server is parsing and writing. */
  processing: boolean;
}

function isImportResponse(value: unknown): value is ImportResponse {
  if (typeof value !== 'object' || value === null) return false;
  return 'format' in value && 'transcripts' in value && 'failed' in value && Array.isArray(value.failed);
}

function errorFrom(status: number, body: unknown): ApiRequestError {
  if (typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'object' && body.error !== null) {
    const e = body.error;
    const code = 'code' in e && typeof e.code === 'string' ? e.code : 'http_error';
    const message = 'message' in e && typeof e.message === 'string' ? e.message : `The server answered with HTTP ${status}`;
    return new ApiRequestError(status, code, message, 'details' in e ? e.details : undefined);
  }
  return new ApiRequestError(status, 'http_error', `The server answered with HTTP ${status}`);
}

/**
 * `POST /api/v1/imports` with the files as repeated multipart `file` fields. XMLHttpRequest rather than
 * fetch: only it reports upload progress. Resolves with the import summary, rejects with an ApiRequestError.
 */
export function uploadImport(files: readonly File[], options: { format: UploadFormat; model: string }, onProgress: (p: UploadProgress) => void): { done: Promise<ImportResponse>; abort: () => void } {
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  form.append('format', options.format);
  if (options.model.trim()) form.append('model', options.model.trim());
  const xhr = new XMLHttpRequest();
  const done = new Promise<ImportResponse>((resolve, reject) => {
    xhr.open('POST', '/api/v1/imports');
    xhr.withCredentials = true;
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => onProgress({ sentBytes: e.loaded, totalBytes: e.lengthComputable ? e.total : 0, processing: false });
    xhr.upload.onload = () => onProgress({ sentBytes: 1, totalBytes: 1, processing: true });
    xhr.onerror = () => reject(new ApiRequestError(0, 'network', 'Could not reach the charlens server'));
    xhr.onabort = () => reject(new ApiRequestError(0, 'aborted', 'Upload cancelled'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && isImportResponse(body)) resolve(body);
      else reject(errorFrom(xhr.status, body));
    };
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
