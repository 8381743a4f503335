// A tiny DNS server on 127.0.0.1 that answers every query "no such name" (NXDOMAIN), so name
// resolution failures are tested for real without sending a packet anywhere else.
import dgram from 'node:dgram';

export async function startNxdomainServer(): Promise<{ address: string; close(): Promise<void> }> {
  const socket = dgram.createSocket('udp4');
  socket.on('message', (query, peer) => {
    if (query.length < 12) return;
    const answer = Buffer.from(query);
    // QR=1, opcode copied, RD copied, RA=1, RCODE=3 (NXDOMAIN); no answers.
    answer[2] = 0x80 | (query[2]! & 0x79);
    answer[3] = 0x80 | 0x03;
    answer.writeUInt16BE(0, 6);
    answer.writeUInt16BE(0, 8);
    answer.writeUInt16BE(0, 10);
    socket.send(answer, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  return {
    address: `127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
