/**
 * Hands `csv` to the browser as a file download, without a round trip to
 * the backend: the file holds exactly what the table shows.
 */
export function downloadCsv(csv: string, filename: string): void {
  const blob = new Blob([csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled; revoking at once can cancel
  // the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
