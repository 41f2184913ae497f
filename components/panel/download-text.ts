// Saves text as a file from an extension page: a Blob URL and a temporary link (no `downloads`
// permission needed). In the e2e build the last export is kept on `window.attendanceLastExport` for the
// end-to-end tests; the production build keeps no copy.
export function downloadText(fileName: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  if (import.meta.env.ATT_E2E) (window as unknown as { attendanceLastExport?: { fileName: string; text: string } }).attendanceLastExport = { fileName, text };
}
