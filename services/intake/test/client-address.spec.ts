import { TrustedProxies } from '../src/public-lookup/client-address';

describe('TrustedProxies: the client address behind configured proxies', () => {
  it('ignores X-Forwarded-For when no proxy is trusted, or when the peer is not one', () => {
    expect(new TrustedProxies('').clientAddress('203.0.113.7', '198.51.100.1')).toBe('203.0.113.7');
    const proxies = new TrustedProxies('10.0.0.0/8');
    expect(proxies.clientAddress('203.0.113.7', '198.51.100.1')).toBe('203.0.113.7');
    expect(proxies.clientAddress('::ffff:203.0.113.7', undefined)).toBe('203.0.113.7');
  });

  it('takes the address the trusted proxy saw, never what the client wrote to the left of it', () => {
    const proxies = new TrustedProxies('10.0.0.0/8, 192.168.1.10');
    expect(proxies.clientAddress('10.1.2.3', '198.51.100.1')).toBe('198.51.100.1');
    // The client forged "1.1.1.1"; the balancer appended the real peer; an inner proxy appended the balancer.
    expect(proxies.clientAddress('::ffff:10.0.0.5', '1.1.1.1, 198.51.100.1, 192.168.1.10')).toBe(
      '198.51.100.1',
    );
    expect(proxies.clientAddress('10.0.0.5', ['1.1.1.1', '198.51.100.2'])).toBe('198.51.100.2');
  });

  it('stops at a garbled hop, and uses the proxy itself when there is nothing behind it', () => {
    const proxies = new TrustedProxies('10.0.0.0/8');
    expect(proxies.clientAddress('10.0.0.5', '198.51.100.1, not-an-ip')).toBe('10.0.0.5');
    expect(proxies.clientAddress('10.0.0.5', undefined)).toBe('10.0.0.5');
    expect(proxies.clientAddress('10.0.0.5', '10.9.9.9')).toBe('10.9.9.9');
    expect(proxies.clientAddress(undefined, '198.51.100.1')).toBeUndefined();
  });

  it('understands IPv6 proxies and ranges', () => {
    const proxies = new TrustedProxies('fd00::/8, ::1');
    expect(proxies.clientAddress('::1', '2001:db8::5')).toBe('2001:db8::5');
    expect(proxies.clientAddress('fd12::1', '[2001:db8::6]:4711')).toBe('2001:db8::6');
    expect(proxies.trusts('fe80::1')).toBe(false);
  });

  it.each(['10.0.0.0/33', 'localhost', '10.0.0.1/8/2', '::/129', '10.0.0.0/x'])('refuses %s', (spec) => {
    expect(() => new TrustedProxies(spec)).toThrow(RangeError);
  });
});
