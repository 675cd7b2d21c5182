import { toHalfWidth } from '@keqing/domain';

const squeeze = (s: string) => toHalfWidth(s).replace(/\s+/g, '').toLowerCase();

type Product = { id: string; name: string; genericName: string; specification: string | null };

/** Products by 品名 / 通用名 (exact, then the cell containing one of them: “瑞心 10mg×7片”). */
export function productMatcher(products: Product[]) {
  const exact = new Map<string, string>();
  const names: { key: string; id: string }[] = [];
  for (const p of products) {
    for (const n of [p.name, p.genericName]) {
      const key = squeeze(n);
      if (!key) continue;
      exact.set(key, p.id);
      names.push({ key, id: p.id });
    }
    if (p.specification) exact.set(squeeze(`${p.genericName}${p.specification}`), p.id);
  }
  names.sort((a, b) => b.key.length - a.key.length);
  const cache = new Map<string, string | null>();
  return (productName: string, specification: string | null): string | null => {
    const text = squeeze(productName + (specification ?? ''));
    const cached = cache.get(text);
    if (cached !== undefined) return cached;
    const id =
      exact.get(squeeze(productName)) ??
      exact.get(text) ??
      names.find((n) => text.includes(n.key))?.id ??
      null;
    cache.set(text, id);
    return id;
  };
}
