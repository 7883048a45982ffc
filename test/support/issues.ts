/**
 * Test helper: the issues of the typed error a call throws. Fails the test when
 * nothing is thrown or the error is of another class.
 */
import { expect } from 'vitest';
import type { CallqaError, Issue } from '../../src/issues/issues.js';

export function issuesOf(fn: () => unknown, errorClass: abstract new (...args: never[]) => CallqaError): readonly Issue[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(errorClass);
    return (e as CallqaError).issues;
  }
  throw new Error(`expected a ${errorClass.name}`);
}
