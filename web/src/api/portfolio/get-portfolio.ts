import { type Portfolio, type PortfolioQuery, PortfolioSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { queryKeys } from '../keys';

/** The engagements of the program office's programs: one program, one fiscal year's, or all. */
export function getPortfolio(query: PortfolioQuery = {}, signal?: AbortSignal): Promise<Portfolio> {
  return api.get('/portfolio', PortfolioSchema, { signal, query: { programId: query.programId, fiscalYear: query.fiscalYear } });
}

export const portfolioQueryOptions = (query: PortfolioQuery = {}) =>
  queryOptions({ queryKey: queryKeys.portfolio.list(query), queryFn: ({ signal }) => getPortfolio(query, signal) });

export function usePortfolio(query: PortfolioQuery = {}) {
  return useQuery(portfolioQueryOptions(query));
}
