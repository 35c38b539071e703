import { DuplicateRegistry } from './DuplicateRegistry.js';

describe('DuplicateRegistry', () => {
  const key = { sellerNip: '5265877635', invoiceKind: 'VAT', invoiceNumber: 'FV/1/2026' };
  const original = { ksefNumber: '5265877635-20250826-0100001AF629-AF', sessionReferenceNumber: '20250625-SO-2C3E6C8000-B675CF5D68-07' };

  it('lets the first claim win and returns the original to later ones', () => {
    const registry = new DuplicateRegistry();
    expect(registry.find(key)).toBeUndefined();
    expect(registry.claim(key, original)).toBeUndefined();
    expect(registry.claim(key, { ksefNumber: 'x', sessionReferenceNumber: 'y' })).toEqual(original);
    expect(registry.find(key)).toEqual(original);
    expect(registry.size).toBe(1);
  });

  it('treats each part of the key as significant', () => {
    const registry = new DuplicateRegistry();
    registry.claim(key, original);
    expect(registry.find({ ...key, invoiceKind: 'KOR' })).toBeUndefined();
    expect(registry.find({ ...key, sellerNip: '1111111111' })).toBeUndefined();
    expect(registry.find({ ...key, invoiceNumber: 'FV/2/2026' })).toBeUndefined();
    expect(registry.entries()).toContainEqual([key, original]);
  });

  it('keeps its entries in the plain record it was given (for snapshots)', () => {
    const store = {};
    new DuplicateRegistry(store).claim({ ...key, invoiceNumber: 'A|B' }, original);
    const restored = new DuplicateRegistry(JSON.parse(JSON.stringify(store)) as Record<string, typeof original>);
    expect(restored.find({ ...key, invoiceNumber: 'A|B' })).toEqual(original);
    expect(restored.entries()).toEqual([[{ ...key, invoiceNumber: 'A|B' }, original]]);
  });
});
