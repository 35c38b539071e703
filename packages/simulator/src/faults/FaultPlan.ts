import { batchCloseOperation, batchPartUploadOperation, type CorruptPartFault, type Fault, type ProcessingErrorFault, type TransportFault } from './Fault.js';

/** The queue of injected failures, consumed call by call in the order they were added. */
export class FaultPlan {
  private readonly faults: Fault[] = [];

  /** Queues `fault` (its `times` defaults to 1). */
  add(fault: Fault): void {
    if (!Number.isInteger(fault.times) || fault.times < 1) throw new RangeError('A fault needs times ≥ 1');
    if (fault.kind === 'processingError') {
      // Only a batch session is processed after its close (SessionStatusResponse lists 500 for batch sessions only).
      if (fault.operation !== batchCloseOperation) throw new RangeError(`A processingError fault needs operation "${batchCloseOperation}"`);
      if (fault.statusCode !== undefined && (!Number.isInteger(fault.statusCode) || fault.statusCode < 0)) throw new RangeError('statusCode must be a non-negative integer');
    }
    if (fault.kind === 'corruptPart' && fault.operation !== batchPartUploadOperation) throw new RangeError(`A corruptPart fault needs operation "${batchPartUploadOperation}"`);
    this.faults.push({ ...fault });
  }

  /** Takes one use of the first transport fault (status, delay, drop) matching `operation` (or `*` unless `exact`), if any. */
  take(operation: string, options: { readonly exact?: boolean } = {}): TransportFault | undefined {
    const matches = (name: string): boolean => name === operation || (!options.exact && name === '*');
    return this.takeFirst((f): f is TransportFault => f.kind !== 'processingError' && f.kind !== 'corruptPart' && matches(f.operation));
  }

  /** Takes one use of the first `processingError` fault queued for `operation`, if any. */
  takeProcessingError(operation: string): ProcessingErrorFault | undefined {
    return this.takeFirst((f): f is ProcessingErrorFault => f.kind === 'processingError' && f.operation === operation);
  }

  /** Takes one use of the first `corruptPart` fault, if any. */
  takeCorruptPart(): CorruptPartFault | undefined {
    return this.takeFirst((f): f is CorruptPartFault => f.kind === 'corruptPart');
  }

  /** Removes every queued fault. */
  clear(): void {
    this.faults.length = 0;
  }

  /** The faults still queued. */
  pending(): readonly Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  private takeFirst<F extends Fault>(matches: (fault: Fault) => fault is F): F | undefined {
    const fault = this.faults.find(matches);
    if (fault === undefined) return undefined;
    fault.times -= 1;
    if (fault.times === 0) this.faults.splice(this.faults.indexOf(fault), 1);
    return fault;
  }
}
