import { describe, expect, it } from 'vitest';
import { createDeltaBatcher } from '../../src/modules/generation/delta-batcher.js';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('createDeltaBatcher', () => {
  it('sends the pieces released in one event-loop turn as one delta at the offset of the first', async () => {
    const sent: [number, string][] = [];
    const batcher = createDeltaBatcher((offset, delta) => sent.push([offset, delta]));
    batcher.add(0, 'The first line');
    batcher.add(14, '\n\n#hashtags');
    expect(sent).toEqual([]);
    await nextTurn();
    expect(sent).toEqual([[0, 'The first line\n\n#hashtags']]);
    batcher.add(25, ' more');
    await nextTurn();
    expect(sent).toEqual([
      [0, 'The first line\n\n#hashtags'],
      [25, ' more'],
    ]);
  });

  it('flush sends what is pending at once and nothing twice', async () => {
    const sent: [number, string][] = [];
    const batcher = createDeltaBatcher((offset, delta) => sent.push([offset, delta]));
    batcher.add(3, 'abc');
    batcher.flush();
    expect(sent).toEqual([[3, 'abc']]);
    batcher.flush();
    await nextTurn();
    expect(sent).toEqual([[3, 'abc']]);
  });
});
