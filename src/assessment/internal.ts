/**
 * Switches for tests, not part of the public API (src/assessment/index.ts
 * does not export this module).
 */
export const internal = {
  /**
   * Whether assessAgents scores an agent whose every component is scored
   * with number pairs first (see scoreAgentFast). Tests turn it off to check
   * that the general path gives byte-identical results.
   */
  fastPath: true,
};
