import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * The page's URL parameters and one way to change some of them: a value sets its key, `undefined` or '' removes
 * it, the others stay. History is replaced, not pushed, so tabs and drawers don't fill the back button.
 */
export function useSearchParamsUpdate() {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (changes: Record<string, string | undefined>) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === undefined || value === '') next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [params, update] as const;
}
