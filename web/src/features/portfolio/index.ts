export { usePortfolio } from '../../api/portfolio/get-portfolio';
export { usePrograms } from '../../api/programs/get-programs';
export { PortfolioTable } from './components/portfolio-table';
export { PortfolioFilterBar } from './components/portfolio-filter';
export { defaultPortfolioFilter, portfolioQueryOf } from './lib/filter';
export { ObservationRequests } from './components/observation-requests';
