import { pinyin } from 'pinyin-pro';

/**
 * Lower-case pinyin initials of a Chinese name, for `zs` → 张三 search.
 * Non-Chinese letters and digits are kept; everything else is dropped.
 * Surnames use their surname reading (单 → shan, 曾 → zeng).
 */
export function pinyinInitials(text: string): string {
  if (!text) return '';
  const initials = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' });
  return initials
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Initials of several names joined by a space, so one column can match name or alias. */
export function searchInitials(...names: (string | null | undefined)[]): string {
  return names
    .filter((n): n is string => !!n)
    .map(pinyinInitials)
    .join(' ');
}
