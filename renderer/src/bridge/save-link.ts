// Lets the browser fetch a URL as a download (a one-time file link), or open it in a new tab (a
// stream link a player reads while the file arrives): a click on a temporary link.
export function clickLink(url: string, inNewTab = false): void {
  const link = document.createElement('a');
  link.href = url;
  if (inNewTab) {
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
  } else link.download = '';
  document.body.append(link);
  link.click();
  link.remove();
}

export const openInNewTab = (url: string): void => clickLink(url, true);
