// A list of web origins (scheme://host[:port]) a user lets in, written as noProxy is: commas or
// spaces between. The aria2 RPC's aria2RpcOrigins: web UIs such as AriaNg served from another origin.

/** The origins in `text`, as browsers send them in the Origin header. */
export function parseOrigins(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** Why `text` is not such a list, or null when it is. */
export function originListProblem(text: string): string | null {
  for (const entry of parseOrigins(text)) {
    if (webOrigin(entry) !== entry) return `${JSON.stringify(entry.slice(0, 200))} is not a web origin: write scheme://host[:port] as a browser sends it (e.g. http://localhost:8080), without a path or a trailing slash`;
  }
  return null;
}

function webOrigin(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}
