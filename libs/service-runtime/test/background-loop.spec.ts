import pino from 'pino';
import { BackgroundLoop } from '../src/background-loop';

const silent = pino({ level: 'silent' });
const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
};

describe('BackgroundLoop', () => {
  it('runs again at once while a round reports more work, then waits the interval', async () => {
    const rounds: number[] = [];
    let backlog = 3;
    const loop = new BackgroundLoop({
      name: 'test',
      intervalMs: 60_000,
      logger: silent,
      round: async () => {
        rounds.push(backlog);
        backlog = Math.max(0, backlog - 1);
        return backlog > 0;
      },
    });
    loop.start();
    await until(() => rounds.length === 3);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(rounds).toEqual([3, 2, 1]); // the fourth round waits for the 60 s interval
    await loop.stop();
  });

  it('keeps going after a failed round and never overlaps rounds', async () => {
    let active = 0;
    let maxActive = 0;
    let calls = 0;
    const loop = new BackgroundLoop({
      name: 'test',
      intervalMs: 1,
      logger: silent,
      round: async () => {
        calls += 1;
        active += 1;
        maxActive = Math.max(maxActive, active);
        await new Promise((resolve) => setTimeout(resolve, 2));
        active -= 1;
        if (calls % 2 === 1) throw new Error('transient');
      },
    });
    loop.start();
    await until(() => calls >= 6);
    await loop.stop();
    expect(maxActive).toBe(1);
  });

  it('stop() waits for the round in flight and no round starts afterwards', async () => {
    let finished = false;
    let calls = 0;
    const loop = new BackgroundLoop({
      name: 'test',
      intervalMs: 1,
      logger: silent,
      round: async () => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        finished = true;
      },
    });
    loop.start();
    await until(() => calls === 1);
    await loop.stop();
    expect(finished).toBe(true);
    const after = calls;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toBe(after);
  });

  it('can wait one interval before its first round', async () => {
    let calls = 0;
    const loop = new BackgroundLoop({
      name: 'test',
      intervalMs: 60_000,
      logger: silent,
      runAtStart: false,
      round: async () => {
        calls += 1;
      },
    });
    loop.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toBe(0);
    await loop.stop();
  });
});
