import fc from 'fast-check';
import { ClientRateLimiter, clientKeyOf } from './client-rate-limiter';

function limiterAt(start = 1_000_000, options = { maxRequests: 20, windowSeconds: 60, maxClients: 100 }) {
  const clock = { now: start };
  return { clock, limiter: new ClientRateLimiter(options, () => clock.now) };
}

describe('ClientRateLimiter', () => {
  it('allows a burst of maxRequests, then refuses with the wait until the next token', () => {
    const { limiter } = limiterAt();
    const decisions = Array.from({ length: 21 }, () => limiter.take('1.2.3.4'));
    expect(decisions.slice(0, 20).every((d) => d.allowed)).toBe(true);
    expect(decisions[0].remaining).toBe(19);
    expect(decisions[19].remaining).toBe(0);
    // 20 a minute refill one token every 3 s.
    expect(decisions[20]).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 3 });
  });

  it('refills evenly over the window', () => {
    const { clock, limiter } = limiterAt();
    for (let i = 0; i < 20; i++) limiter.take('a');
    clock.now += 2_999;
    expect(limiter.take('a')).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    clock.now += 1;
    expect(limiter.take('a').allowed).toBe(true);
    clock.now += 60_000;
    expect(Array.from({ length: 21 }, () => limiter.take('a').allowed).filter(Boolean)).toHaveLength(20);
  });

  it('counts each client on its own', () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 20; i++) limiter.take('a');
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('forgets the least recently seen clients beyond maxClients', () => {
    const { limiter } = limiterAt(0, { maxRequests: 1, windowSeconds: 60, maxClients: 3 });
    for (const client of ['a', 'b', 'c']) limiter.take(client);
    limiter.take('a'); // refused, and now the most recent
    limiter.take('d'); // pushes out b, the least recently seen
    expect(limiter.size).toBe(3);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('never allows more than maxRequests plus the refill over any stretch of time', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 300 }), (gaps) => {
        const { clock, limiter } = limiterAt(0);
        let allowed = 0;
        for (const gap of gaps) {
          clock.now += gap;
          if (limiter.take('x').allowed) allowed++;
        }
        expect(allowed).toBeLessThanOrEqual(20 + Math.floor((clock.now * 20) / 60_000));
      }),
    );
  });

  it('refuses settings that are not positive whole numbers', () => {
    expect(() => new ClientRateLimiter({ maxRequests: 0, windowSeconds: 60, maxClients: 10 })).toThrow(
      RangeError,
    );
    expect(() => new ClientRateLimiter({ maxRequests: 5, windowSeconds: 1.5, maxClients: 10 })).toThrow(
      RangeError,
    );
  });
});

describe('clientKeyOf', () => {
  it('counts IPv4 clients by address, also when Node reports them IPv4-mapped', () => {
    expect(clientKeyOf('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKeyOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts IPv6 clients by their /64', () => {
    expect(clientKeyOf('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(clientKeyOf('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(clientKeyOf('2001:0db8:0001:0002:ffff::9%eth0')).toBe('2001:db8:1:2::/64');
    expect(clientKeyOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKeyOf('::1')).toBe('0:0:0:0::/64');
    expect(clientKeyOf('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
  });

  it('has a key for a request without an address', () => {
    expect(clientKeyOf(undefined)).toBe('unknown');
  });
});
