import { assetUrl } from '../../../../platform/views/assets.js';

/** The report stylesheet (back-office report styles included); app.css stays small for the citizen start page. */
export const reportStyles = (): string[] => [assetUrl('reports.css')];
