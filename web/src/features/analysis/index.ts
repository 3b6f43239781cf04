export { AnalysisTab } from './components/analysis-tab';
export { IndicatorCataloguePage } from './components/indicator-catalogue-page';
export { IndicatorImportPage } from './components/indicator-import-page';
