/** A list typed one item per line: the trimmed, non-empty lines. */
export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

export const joinLines = (items: readonly string[]): string => items.join('\n');
