// Before the throttled races, proof that nginx does what the figures assume: one connection is held
// to limit_rate (after a head start: nginx sends what the socket takes at once, then paces each
// request), and limit_conn answers 503 to the connection past its count. Plain node:http with
// a new socket per request (no pooling), so each request is its own connection.
import http from 'node:http';

/** A ranged GET on a connection of its own; `abort` closes it. */
function open(url: string, range: string): { response: Promise<http.IncomingMessage>; abort: () => void } {
  const request = http.get(url, { agent: false, headers: { Range: range } });
  const response = new Promise<http.IncomingMessage>((resolve, reject) => {
    request.on('response', resolve);
    request.on('error', reject); // after an abort: the response was settled already, so ignored
  });
  return { response, abort: () => request.destroy() };
}

/**
 * One request for `bytes` from `url` on a connection of its own: when its first `head` bytes had
 * arrived, when all had, and the steady rate (bytes per second) between the two.
 */
export async function oneConnectionRate(url: string, bytes: number, head: number): Promise<{ headSeconds: number; seconds: number; steadyRate: number }> {
  const started = process.hrtime.bigint();
  const since = () => Number(process.hrtime.bigint() - started) / 1e9;
  const response = await open(url, `bytes=0-${bytes - 1}`).response;
  let received = 0;
  let headSeconds = 0;
  for await (const chunk of response) {
    received += (chunk as Buffer).length;
    if (!headSeconds && received >= head) headSeconds = since();
  }
  const seconds = since();
  if (received !== bytes) throw new Error(`nginx sent ${received} bytes, not ${bytes}`);
  return { headSeconds, seconds, steadyRate: (bytes - head) / (seconds - headSeconds) };
}

/** Holds `allowed` connections open on `url`, then opens one more: the statuses, in that order. */
export async function statusesPastTheLimit(url: string, allowed: number): Promise<number[]> {
  const held = Array.from({ length: allowed }, () => open(url, 'bytes=0-'));
  try {
    const answers = await Promise.all(held.map((r) => r.response));
    const extra = open(url, 'bytes=0-');
    held.push(extra);
    return [...answers, await extra.response].map((r) => r.statusCode ?? 0);
  } finally {
    for (const r of held) r.abort();
  }
}
