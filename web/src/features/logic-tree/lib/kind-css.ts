/**
 * CSS custom properties per kind, hypothesis state and action badge, generated from the kind styles
 * in @banso/shared (rendered once in a <style> element by the editor).
 */
import { kindStyleCss } from '@banso/shared';

export const kindCss = kindStyleCss();
