import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { whenRead } from '../server/src/engine/lazy';
import { Slot } from '../server/src/engine/slot';

describe('lazy properties (whenRead)', () => {
  it('computes once, when first read, and is then a plain property', () => {
    let runs = 0;
    const object: { value?: number; other: string } = { other: 'x' };
    whenRead(object, 'value', () => ++runs * 10);
    assert.equal(runs, 0);
    assert.equal(object.value, 10);
    assert.equal(object.value, 10);
    assert.equal(runs, 1);
    assert.deepEqual(Object.getOwnPropertyDescriptor(object, 'value'), { value: 10, writable: true, enumerable: true, configurable: true });
  });

  it('keeps each object its own computation, and a set value wins', () => {
    const a: { value?: string } = {};
    const b: { value?: string } = {};
    whenRead(a, 'value', () => 'a');
    whenRead(b, 'value', () => 'b');
    b.value = 'set';
    assert.equal(a.value, 'a');
    assert.equal(b.value, 'set');
  });

  it('computes again when the computation threw', () => {
    let fail = true;
    const object: { value?: number } = {};
    whenRead(object, 'value', () => {
      if (fail) throw new Error('not yet');
      return 1;
    });
    assert.throws(() => object.value, /not yet/);
    fail = false;
    assert.equal(object.value, 1);
  });

  it('is computed for the object made lazy when read through one that inherits it', () => {
    const base: { value?: number } = {};
    whenRead(base, 'value', () => 7);
    const child = Object.create(base) as { value?: number };
    assert.equal(child.value, 7);
    assert.equal(Object.getOwnPropertyDescriptor(base, 'value')?.value, 7);
  });

  it('is read by spreads, JSON and structured clones as a value, and leaves nothing else on the object', () => {
    const object: { value?: number[]; kind: string } = { kind: 'k' };
    whenRead(object, 'value', () => [1, 2]);
    assert.deepEqual(structuredClone(object), { kind: 'k', value: [1, 2] });
    assert.deepEqual({ ...object }, { kind: 'k', value: [1, 2] });
    assert.equal(JSON.stringify(object), '{"kind":"k","value":[1,2]}');
    assert.deepStrictEqual(object, { kind: 'k', value: [1, 2] });
  });
});

describe('Slot', () => {
  it('holds a value per object, unseen by spreads, for…in, clones and deep equality', () => {
    const slot = new Slot<object, string>('test');
    const a = { x: 1 };
    const b = { x: 1 };
    slot.set(a, 'of a');
    assert.equal(slot.get(a), 'of a');
    assert.equal(slot.get(b), undefined);
    slot.set(a, 'again');
    assert.equal(slot.get(a), 'again');
    assert.deepEqual(Object.keys(a), ['x']);
    assert.deepStrictEqual(a, b);
    assert.deepStrictEqual({ ...a }, { x: 1 });
    assert.deepStrictEqual(structuredClone(a), { x: 1 });
    assert.equal(slot.get({ ...a }), undefined);
  });

  it('keeps two slots apart, and holds values for frozen objects too', () => {
    const one = new Slot<object, number>('one');
    const two = new Slot<object, number>('two');
    const frozen = Object.freeze({ y: 2 });
    one.set(frozen, 1);
    two.set(frozen, 2);
    assert.equal(one.get(frozen), 1);
    assert.equal(two.get(frozen), 2);
  });
});
