/**
 * Two objectives are the same when they differ only in case, width (全角/半角) or spacing:
 * “提高 处方量” and “提高处方量” are one objective typed twice.
 */
export function objectiveKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** Indexes of the objectives that repeat an earlier one (empty when all are distinct). */
export function duplicateObjectiveIndexes(texts: readonly string[]): number[] {
  const seen = new Set<string>();
  const repeats: number[] = [];
  texts.forEach((text, i) => {
    const key = objectiveKey(text);
    if (seen.has(key)) repeats.push(i);
    else seen.add(key);
  });
  return repeats;
}
