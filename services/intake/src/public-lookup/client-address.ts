import { BlockList, isIP } from 'node:net';

/** `::ffff:203.0.113.7` as Node reports IPv4 clients on a dual-stack socket → `203.0.113.7`. */
function plainAddress(address: string): string {
  const trimmed = address.trim().replace(/^\[(.*)\](:\d+)?$/, '$1');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(trimmed);
  return mapped ? mapped[1] : trimmed.split('%')[0];
}

/**
 * The proxies (load balancers, ingress) whose X-Forwarded-For is believed: a comma-separated list of addresses and
 * CIDR ranges, e.g. `10.0.0.0/8, 192.168.1.10, fd00::/8`. Refuses anything else, so a typo fails at start.
 */
export class TrustedProxies {
  private readonly list = new BlockList();
  readonly size: number;

  constructor(spec: string) {
    const entries = spec
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    for (const entry of entries) {
      const [address, bits, ...rest] = entry.split('/');
      const family = isIP(address);
      const prefix = bits === undefined ? undefined : Number(bits);
      const maxBits = family === 6 ? 128 : 32;
      if (!family || rest.length || (prefix !== undefined && (!/^\d{1,3}$/.test(bits) || prefix > maxBits))) {
        throw new RangeError(`not an IP address or CIDR range: ${entry}`);
      }
      const type = family === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) this.list.addAddress(address, type);
      else this.list.addSubnet(address, prefix, type);
    }
    this.size = entries.length;
  }

  trusts(address: string): boolean {
    const plain = plainAddress(address);
    const family = isIP(plain);
    return family !== 0 && this.list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  }

  /**
   * The client's address: the socket's peer, unless that peer is a trusted proxy; then X-Forwarded-For is read
   * from the right (each proxy appends the address it saw), skipping trusted proxies, and the first other address
   * is the client. Whatever a client writes into the header itself sits to the left of that and is never used.
   */
  clientAddress(
    socketAddress: string | undefined,
    forwardedFor: string | string[] | undefined,
  ): string | undefined {
    if (!socketAddress) return undefined;
    let client = plainAddress(socketAddress);
    if (!this.size || !this.trusts(client)) return client;
    const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
      .split(',')
      .map(plainAddress)
      .filter(Boolean);
    for (let i = hops.length - 1; i >= 0; i--) {
      // A garbled hop ends the chain: what lies left of it cannot be trusted.
      if (!isIP(hops[i])) break;
      client = hops[i];
      if (!this.trusts(client)) break;
    }
    return client;
  }
}
