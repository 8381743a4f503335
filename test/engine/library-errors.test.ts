// Failures that a library reports in its own words get a proper status and a message that names
// the URL and what to do: a redirect loop, a redirect to another scheme or to no valid address, a
// server that does not speak HTTP. None of them is worth retrying, except the last.
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeService, tempDir, waitFinal } from '../helpers/engine.ts';
import type { TransferService } from '../../electron/engine/transfer-service.ts';

let web: http.Server;
let notHttp: net.Server;
let service: TransferService;
let base: string;
let garbage: string;

beforeAll(async () => {
  web = http.createServer((req, res) => {
    const location = { '/loop': '/loop', '/to-ftp': 'ftp://127.0.0.1/file', '/bad-location': 'http://[bad' }[req.url ?? ''];
    res.writeHead(location ? 302 : 404, location ? { location } : {}).end();
  });
  notHttp = net.createServer((socket) => socket.once('data', () => socket.end('HELLO, THIS IS NOT HTTP\r\n\r\n')));
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => notHttp.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(web.address() as net.AddressInfo).port}`;
  garbage = `http://127.0.0.1:${(notHttp.address() as net.AddressInfo).port}/file`;
  service = await makeService(tempDir());
});
afterAll(async () => {
  await service.shutdown();
  web.close();
  notHttp.close();
});

async function failure(url: string) {
  const t = await service.createDownload({ url });
  const final = await waitFinal(service, t.id);
  expect(final.state).toBe('failed');
  return final;
}

it('a redirect loop: ServerError, naming the URL, not retried', async () => {
  const final = await failure(`${base}/loop`);
  expect(final.error).toMatchObject({ status: 'ServerError' });
  expect(final.error!.message).toBe(`the server keeps redirecting ${base}/loop (more than 10 redirects: a loop); the link is broken, or it needs a login or cookies that Ferry was not given`);
  expect(final.retries).toEqual([]);
});

it('a redirect to an ftp: address: InvalidUri, saying which scheme', async () => {
  const final = await failure(`${base}/to-ftp`);
  expect(final.error).toMatchObject({ status: 'InvalidUri', message: `${base}/to-ftp redirects to an address with the scheme "ftp", which Ferry does not download (only http and https)` });
  expect(final.retries).toEqual([]);
});

it('a redirect to something that is not an address: ServerError', async () => {
  const final = await failure(`${base}/bad-location`);
  expect(final.error).toMatchObject({ status: 'ServerError' });
  expect(final.error!.message).toMatch(/with a redirect to something that is not a valid address/);
});

it('a server that does not answer in HTTP: ServerError, asking to check address and port', async () => {
  const final = await failure(garbage);
  expect(final.error).toMatchObject({ status: 'ServerError' });
  expect(final.error!.message).toMatch(new RegExp(`^the server at ${garbage.replace(/[.]/g, '\\.')} did not answer in valid HTTP \\(Parse Error: .*\\); check the address and port$`));
});
