// "1 session", "3 sessions": a count with its noun, for every sentence the product writes.

/** `n` and the noun in the form its count takes: `one` for exactly 1, `many` (by default `one` + "s") otherwise. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
