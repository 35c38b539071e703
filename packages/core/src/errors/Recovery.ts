/**
 * What a caller should do about a failure: `retry` the same step later (it may succeed then),
 * `skip` this item and carry on with the others (the item itself is at fault), or stop (`fatal`:
 * configuration, credentials or permissions must change first).
 */
export type Recovery = 'retry' | 'skip' | 'fatal';
