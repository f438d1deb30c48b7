import { describe, expect, it } from '@jest/globals';
import { Events } from '../../src/kernel/events';

describe('events', () => {
  it('tells every listener, in the order they subscribed', () => {
    const events = new Events();
    const heard: string[] = [];
    events.on('seatsChanged', (e) => void heard.push(`a:${e.activityId}`));
    events.on('seatsChanged', (e) => void heard.push(`b:${e.activityId}`));
    events.emit('seatsChanged', { activityId: 'x' });
    expect(heard).toEqual(['a:x', 'b:x']);
  });

  it('keeps a failing listener from the emitter and from the other listeners', () => {
    const failures: unknown[] = [];
    const events = new Events((name, err) => failures.push([name, (err as Error).message]));
    const heard: string[] = [];
    events.on('seatsChanged', () => {
      throw new Error('listener broke');
    });
    events.on('seatsChanged', (e) => void heard.push(e.activityId));
    expect(() => events.emit('seatsChanged', { activityId: 'y' })).not.toThrow();
    expect(heard).toEqual(['y']);
    expect(failures).toEqual([['seatsChanged', 'listener broke']]);
  });

  it('waits for slow listeners when asked to settle, and still keeps their failures to itself', async () => {
    const failures: unknown[] = [];
    const events = new Events((name) => failures.push(name));
    const done: string[] = [];
    events.on('seatsChanged', async (e) => {
      await new Promise((r) => setTimeout(r, 20));
      done.push(e.activityId);
    });
    events.on('seatsChanged', async () => {
      await Promise.resolve();
      throw new Error('later');
    });
    await expect(events.settle('seatsChanged', { activityId: 'w' })).resolves.toBeUndefined();
    expect(done).toEqual(['w']);
    expect(failures).toEqual(['seatsChanged']);
  });

  it('emits to nobody without listeners', () => {
    expect(() => new Events().emit('seatsChanged', { activityId: 'z' })).not.toThrow();
  });
});
