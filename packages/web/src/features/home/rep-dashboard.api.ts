import { queryOptions } from '@tanstack/react-query';
import type { RepDashboard } from '@keqing/shared';
import { api, type QueryParams } from '../../lib/api.ts';

/**
 * The rep dashboard's query (key and fetch) in a module of its own: the rep home reads it, and main.tsx asks for it
 * as soon as the session says a rep opened the home, while the page's chunks still load, without pulling the
 * dashboard's components into the entry chunk.
 */
export const repDashboardQuery = (query: QueryParams) =>
  queryOptions({
    queryKey: ['dashboards', 'rep', query],
    queryFn: ({ signal }) => api.get<RepDashboard>('/dashboards/rep', query, signal),
  });

/** The query of the home without filters in its URL (the period picker's default, this cycle). */
export const repHomeQuery = () => repDashboardQuery({ period: 'cycle' });
