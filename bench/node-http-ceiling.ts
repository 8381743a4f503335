// Reference for the benchmark: Node's own HTTP client reading the file and discarding it (no disk,
// no got, no Ferry). It is the ceiling any single-connection Node download can reach here.
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
