export { ReferenceMaterialsPage } from './components/reference-materials-page';
