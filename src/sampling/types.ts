/**
 * One call in the population to sample from.
 *
 * @example
 * ```ts
 * const call: CallRecord = { id: 'c-1', agentId: 'a-7', date: '2024-05-06T09:15:00Z', durationSec: 240, type: 'enquiry', groups: ['new-hire'] };
 * ```
 */
export interface CallRecord {
  /** Unique call id; with the seed it alone decides the call's rank. */
  readonly id: string;
  readonly agentId: string;
  /** ISO 8601 date-time of the call. */
  readonly date: string;
  readonly durationSec?: number;
  /** Application type, e.g. enquiry or complaint. */
  readonly type?: string;
  /** Declared groups such as `new-hire` or `new-product`, for oversampling. */
  readonly groups?: readonly string[];
}
