import { type Portfolio, PortfolioSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { queryKeys } from '../keys';

/** All engagements of the program office's program(s). */
export function getPortfolio(programId?: string, signal?: AbortSignal): Promise<Portfolio> {
  return api.get('/portfolio', PortfolioSchema, { signal, query: { programId } });
}

export const portfolioQueryOptions = (programId?: string) =>
  queryOptions({ queryKey: queryKeys.portfolio.list(programId), queryFn: ({ signal }) => getPortfolio(programId, signal) });

export function usePortfolio(programId?: string) {
  return useQuery(portfolioQueryOptions(programId));
}
