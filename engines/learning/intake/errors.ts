import { errorCode, InvariantViolationError } from '../../errors';

export interface BatchIssue {
  /** Position of the entry in the submitted batch. */
  index: number;
  message: string;
}

/**
 * An execution-event batch with at least one bad entry; nothing of it was stored. `issues` names every
 * bad entry, so a sender can fix them all in one go (the ingest route answers 400 with them).
 */
export class InvalidExecutionEventsError extends InvariantViolationError {
  override readonly name = 'InvalidExecutionEventsError';
  constructor(readonly issues: BatchIssue[]) {
    const listed = issues
      .slice(0, 10)
      .map((issue) => `#${issue.index}: ${issue.message}`)
      .join('; ');
    const more = issues.length > 10 ? `; and ${issues.length - 10} more` : '';
    super(`${issues.length} execution event(s) refused, nothing stored: ${listed}${more}`, 'input');
  }
}

/** True for a refused batch from any bundle: bad input that names its entries. */
export function isInvalidExecutionEvents(error: unknown): error is InvalidExecutionEventsError {
  return errorCode(error) === 'bad_input' && Array.isArray((error as { issues?: unknown }).issues);
}
