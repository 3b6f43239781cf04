export { MunicipalitiesPage } from './components/municipalities-page';
