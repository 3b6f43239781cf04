export { usePortfolio } from './api/get-portfolio';
export { PortfolioTable } from './components/portfolio-table';
