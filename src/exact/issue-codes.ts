/** The issue code of exact arithmetic: the compiler checks the one code raised against it. */

/** The codes of the issues reported by `ArithmeticOverflowError`. Listed with their meanings in docs/issue-codes.md. */
export type ArithmeticIssueCode =
  /** an exact value left the safe-integer range (beyond 2^53); safe* functions report it as too_large */
  'arithmetic_overflow';
