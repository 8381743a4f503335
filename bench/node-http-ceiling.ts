// Reference for the benchmark: Node's own HTTP client with its default sockets, reading the file and
// discarding it (no disk, no got, no Ferry): what a plain Node download costs on this machine.
// Ferry's sockets read into one reused buffer (electron/engine/protocols/http/read-buffer-agent.ts), so Ferry can
// beat this row even though it also writes the file.
import http from 'node:http';

const url = process.argv[2]!;
await new Promise<void>((resolve, reject) => {
  http
    .get(url, (response) => {
      response.on('data', () => undefined);
      response.on('end', resolve);
      response.on('error', reject);
    })
    .on('error', reject);
});
