// Lets the browser fetch a URL as a download (a one-time file link): a click on a temporary link.
export function clickLink(url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = '';
  document.body.append(link);
  link.click();
  link.remove();
}
