import { useCallback, useMemo, useState } from 'react';
import { useListParams } from './list-params.ts';

/** What a saved view keeps of a list: its search, filters, sort, page size and the columns shown. */
export type ViewParams = {
  q?: string;
  sort?: string;
  pageSize?: number;
  filters?: Record<string, string>;
  columns?: string[];
};

const storagePrefix = 'keqing.columns.';

/** Columns the user showed (true) or hid (false); others follow their default. */
export type ColumnChoice = Record<string, boolean>;

function readChoice(storageKey: string): ColumnChoice {
  try {
    const raw = window.localStorage.getItem(storagePrefix + storageKey);
    const parsed: unknown = raw ? JSON.parse(raw) : undefined;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter(([, v]) => typeof v === 'boolean'),
    ) as ColumnChoice;
  } catch {
    return {};
  }
}

function writeChoice(storageKey: string, choice: ColumnChoice) {
  try {
    if (Object.keys(choice).length > 0) {
      window.localStorage.setItem(storagePrefix + storageKey, JSON.stringify(choice));
    } else window.localStorage.removeItem(storagePrefix + storageKey);
  } catch {
    // Not remembered across visits, but the choice still applies now.
  }
}

/** A view's params with empty values left out and keys in a fixed order, to compare two views. */
export function viewSignature(view: ViewParams): string {
  const filters = Object.entries(view.filters ?? {})
    .filter(([, v]) => v !== undefined && v !== '')
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([
    view.q || '',
    view.sort || '',
    view.pageSize ?? 20,
    filters,
    [...(view.columns ?? [])].sort(),
  ]);
}

/** Reads a saved view's params defensively: they are stored JSON and may come from an older app. */
export function toViewParams(raw: Record<string, unknown>): ViewParams {
  const filters: Record<string, string> = {};
  if (typeof raw.filters === 'object' && raw.filters !== null) {
    for (const [k, v] of Object.entries(raw.filters)) if (typeof v === 'string' && v) filters[k] = v;
  }
  return {
    q: typeof raw.q === 'string' ? raw.q : undefined,
    sort: typeof raw.sort === 'string' ? raw.sort : undefined,
    pageSize: typeof raw.pageSize === 'number' ? raw.pageSize : undefined,
    filters,
    columns: Array.isArray(raw.columns) ? raw.columns.filter((c) => typeof c === 'string') : undefined,
  };
}

/**
 * A server-paginated list (useListParams: page, search, sort, filters in the URL) plus the columns
 * shown (remembered per list in this browser) and the saved-view round trip of both. Columns not chosen
 * either way follow their default, so a column that appears later (a product's grade) shows up.
 */
export function useListView<F extends string = never>(options: {
  prefix?: string;
  filters?: readonly F[];
  /** Where the column choice is remembered (per list and place). */
  storageKey: string;
}) {
  const { storageKey } = options;
  const list = useListParams<F>({ prefix: options.prefix, filters: options.filters });
  const [choice, setChoiceState] = useState<ColumnChoice>(() => readChoice(storageKey));

  const setChoice = useCallback(
    (next: ColumnChoice) => {
      setChoiceState(next);
      writeChoice(storageKey, next);
    },
    [storageKey],
  );
  /** Shows exactly `shown` among `available`. */
  const showColumns = useCallback(
    (shown: readonly string[], available: readonly string[]) => {
      const set = new Set(shown);
      setChoice({ ...choice, ...Object.fromEntries(available.map((k) => [k, set.has(k)])) });
    },
    [choice, setChoice],
  );

  const filters = useMemo(() => {
    const values: Record<string, string> = {};
    for (const [name, value] of Object.entries(list.filters as Record<string, string | undefined>)) {
      if (value) values[name] = value;
    }
    return values;
  }, [list.filters]);

  /** The view as it stands, with the columns now visible. */
  const currentView = (visibleColumns: string[]): ViewParams => ({
    q: list.q || undefined,
    sort: list.sort,
    pageSize: list.pageSize,
    filters,
    columns: visibleColumns,
  });

  const applyView = (view: ViewParams, available: readonly string[]) => {
    list.replaceAll({ q: view.q, sort: view.sort, pageSize: view.pageSize, filters: view.filters });
    if (view.columns && view.columns.length > 0) {
      const set = new Set(view.columns);
      setChoice({
        ...Object.fromEntries(available.map((k) => [k, false])),
        ...Object.fromEntries([...set].map((k) => [k, true])),
      });
    } else setChoice({});
  };

  return { list, choice, setChoice, showColumns, currentView, applyView };
}
