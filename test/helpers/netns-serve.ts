// Run inside a network namespace a test made (`ip netns exec NS node netns-serve.ts ADDR FILE RATE`):
// serves FILE at /file.bin on ADDR through the fault server, RATE bytes per second, and prints
// "PORT <n>" once it listens. It stops when its stdin closes (the test ended).
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { FaultServer } from './fault-server.ts';

const [address, file, rate] = process.argv.slice(2);
const body = fs.readFileSync(file!);
const server = await new FaultServer().start(address);
server.serve('/file.bin', { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`, lastModified: new Date(Date.now() - 60_000).toUTCString(), rate: Number(rate) });
process.stdout.write(`PORT ${new URL(server.url('/')).port}\n`);
process.stdin.resume();
process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
