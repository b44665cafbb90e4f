/** Exhaustiveness guard for switches over unions: a compile error when a case is missing. */
export function assertNever(value: never, message = 'Unexpected value'): never {
  throw new Error(`${message}: ${JSON.stringify(value)}`);
}
