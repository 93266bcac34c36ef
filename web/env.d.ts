/// <reference types="vite/client" />
declare module 'virtual:explorer-controls' {
  import type { Slider } from '../src/explorer/controls.js';
  const controls: { sliders: Slider[]; leverSettings: { budget: string; start: string } };
  export default controls;
}
declare module 'virtual:explorer-scenarios' {
  import type { CatalogEntry } from '../src/explorer/catalog.js';
  const scenarios: CatalogEntry[];
  export default scenarios;
}
