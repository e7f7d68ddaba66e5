/**
 * Saves text as a file from the panel: a Blob URL and a download link, so nothing leaves the
 * browser and no permission is needed.
 */
export function downloadText(filename: string, text: string, type: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled; revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `cors-lens-2026-11-29T21-05-00.json`: a file name from a time (passed in, for tests). */
export function exportFileName(at: Date, extension: string): string {
  return `cors-lens-${at.toISOString().slice(0, 19).replace(/:/g, '-')}.${extension}`;
}
