/**
 * The one tree figure: rules, ordering, layout, node measuring (BudouX line breaking) and the SVG
 * renderer used by the web export, the report figure and the PPTX.
 */
export * from './rules.js';
export * from './order.js';
export * from './measure.js';
export * from './layout.js';
export * from './figure.js';
export * from './synthetic.js';
export * from './outline.js';
