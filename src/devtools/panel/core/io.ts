/** Clipboard and file output from a panel page (a DevTools iframe, a tab, or a test document). */

/**
 * Copies text. The async Clipboard API is refused inside DevTools' extension iframe (no
 * clipboard-write permission policy there), so fall back to a selected textarea and execCommand,
 * which is what DevTools extensions have always used.
 */
export async function copyText(text: string, doc: Document = document): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = doc.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    doc.body.append(area);
    area.select();
    try {
      return doc.execCommand('copy');
    } finally {
      area.remove();
    }
  }
}

/** Saves text as a file through a temporary object URL and a download link. */
export function downloadText(filename: string, mimeType: string, text: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  doc.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled; revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `cors-localhost-2026-11-22T09-30-00` : host and UTC time, safe in every file system. */
export function exportBaseName(pageUrl: string, at: number): string {
  let host = 'page';
  try {
    host = new URL(pageUrl).hostname || host;
  } catch {
    // keep 'page'
  }
  const stamp = new Date(at).toISOString().slice(0, 19).replace(/:/g, '-');
  return `cors-${host.replace(/[^a-z0-9.-]/gi, '_')}-${stamp}`;
}
