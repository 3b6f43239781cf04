export { usePortfolio } from '../../api/portfolio/get-portfolio';
export { PortfolioTable } from './components/portfolio-table';
