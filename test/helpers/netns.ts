// Two network namespaces joined by a veth pair, made for one test and removed after it: the only
// link the inner one has. Traffic stays inside them. Needs root and iproute2; where a namespace
// cannot be made, netnsUnavailable() says why.
import { spawnSync } from 'node:child_process';

function ip(args: string[]): { ok: boolean; stderr: string } {
  const result = spawnSync('ip', args, { encoding: 'utf8' });
  return { ok: result.status === 0, stderr: result.stderr ?? String(result.error) };
}

export function netnsUnavailable(): string | null {
  if (spawnSync('ip', ['-V']).status !== 0) return 'iproute2 (ip) is not installed';
  const probe = `ferry-probe-${process.pid}`;
  const made = ip(['netns', 'add', probe]);
  if (!made.ok) return `cannot make a network namespace here (${made.stderr.trim()})`;
  ip(['netns', 'del', probe]);
  return null;
}

export class NetnsPair {
  readonly server: string;
  readonly client: string;
  readonly serverAddress: string;
  private readonly serverLink: string;

  constructor(tag: string) {
    const n = (process.pid % 200) + 20;
    this.server = `ferry-srv-${tag}`;
    this.client = `ferry-cli-${tag}`;
    this.serverLink = `fs${tag}`.slice(0, 15);
    this.serverAddress = `10.231.${n}.1`;
    const clientLink = `fc${tag}`.slice(0, 15);
    const steps: string[][] = [
      ['netns', 'add', this.server],
      ['netns', 'add', this.client],
      ['link', 'add', this.serverLink, 'netns', this.server, 'type', 'veth', 'peer', 'name', clientLink, 'netns', this.client],
      ['-n', this.server, 'addr', 'add', `${this.serverAddress}/24`, 'dev', this.serverLink],
      ['-n', this.client, 'addr', 'add', `10.231.${n}.2/24`, 'dev', clientLink],
      ['-n', this.server, 'link', 'set', 'lo', 'up'],
      ['-n', this.client, 'link', 'set', 'lo', 'up'],
      ['-n', this.server, 'link', 'set', this.serverLink, 'up'],
      ['-n', this.client, 'link', 'set', clientLink, 'up'],
    ];
    for (const step of steps) {
      const done = ip(step);
      if (!done.ok) {
        this.remove();
        throw new Error(`ip ${step.join(' ')}: ${done.stderr}`);
      }
    }
  }

  /** Takes the link down (the client's side loses its carrier) or up again. */
  link(state: 'up' | 'down'): void {
    const done = ip(['-n', this.server, 'link', 'set', this.serverLink, state]);
    if (!done.ok) throw new Error(`could not set the link ${state}: ${done.stderr}`);
  }

  /** The command line that runs `argv` inside `ns`. */
  exec(ns: string, argv: string[]): string[] {
    return ['ip', 'netns', 'exec', ns, ...argv];
  }

  remove(): void {
    ip(['netns', 'del', this.server]);
    ip(['netns', 'del', this.client]);
  }
}
