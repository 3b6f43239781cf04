export { AnalysisTab } from './components/analysis-tab';
export { IndicatorImportPage } from './components/indicator-import-page';
