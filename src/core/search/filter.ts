/**
 * Quotes a value for a Meilisearch filter expression. Backslashes and double quotes are escaped, so a value can never
 * close its string and change the expression.
 */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `attribute = "value"` with the value safely quoted. */
export function eq(attribute: string, value: string): string {
  return `${attribute} = ${quoteFilterValue(value)}`;
}
