import { isIPv6 } from 'node:net';

/** The first 64 bits of an IPv6 address: one subscriber's whole network, as providers assign them. */
function ipv6Network(ip: string): string {
  const address = ip.split('%')[0];
  const [head, tail = ''] = address.split('::');
  const groups = (part: string) =>
    part
      .split(':')
      .filter(Boolean)
      .flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])); // embedded IPv4: two groups
  const headGroups = groups(head);
  const tailGroups = address.includes('::') ? groups(tail) : [];
  const full = [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return `${full
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

/**
 * The key a client is counted under: its IPv4 address, or its IPv6 /64 (a single host can use any
 * address in its /64, so counting single addresses would let it walk around the limit).
 */
export function clientKeyOf(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1];
  return isIPv6(ip.split('%')[0]) ? ipv6Network(ip) : ip;
}
