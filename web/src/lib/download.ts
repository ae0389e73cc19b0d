/**
 * Saves text as a file from the page: a Blob behind a temporary link with `download`. No inline script and no
 * data: URL, so the strict CSP allows it; the object URL is released once the browser has taken the file.
 */
export function downloadText(fileName: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute is far more than it needs.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
